# ussd-stall.sh -- motcua-ussd under clients that open connections and stall
# (issue 9 D: 64 of them used to take the endpoint offline): many connections from
# one address that send nothing, headers sent a byte at a time (slowloris), bodies
# that stop half-way, all reopened as soon as they are closed, while the gateway
# (another address: 127.0.0.1, the attackers 127.0.0.2-5) gets every answer; the
# attacker's connections are held to --per-address, the trickling ones are closed
# by the header deadline, the stalled bodies by the request's deadline; with
# --gateway the gateway keeps its room even when several addresses fill the rest;
# and the log stays bounded, saying how many lines it left out.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../sms/ussd-lib.sh"
STALL_PATH=/ussd
. "$(dirname "$0")/../stall-lib.sh"
USSD=${MOTCUA_USSD:-$(dirname "$MOTCUA")/motcua-ussd}
PIDS=""
trap 'for p in $PIDS $STALL_PIDS; do kill -KILL "$p" 2>/dev/null; done; [ -n "${KEEP:-}" ] || rm -rf "$T"' EXIT

if [ ! -x "$USSD" ]; then
	ok 1 "motcua-ussd is built next to motcua ($USSD)"
	done_testing
	exit 1
fi
setup_office
export MOTCUA_NOW='2026-10-12 09:00'
OWNER=0912345678
c1=$(mc intake --procedure 1.004873 --name "Nguyễn Văn Ân" --phone "$OWNER" --sms yes)
short1=${c1#*-}

# start NAME ARGS...: ussd_start, and URL the daemon's endpoint.
start() {
	ussd_start "$@" || return 1
	URL=http://127.0.0.1:$PORT/ussd
}

# gateway N PAR: N requests from 127.0.0.1 as a gateway sends them, PAR at a time
# over PAR kept-alive connections (curl --parallel), alternately the menu and the
# owner's status; ANSWERED gets how many came back 200 with their screen.
gateway() {
	_gi=0
	: >"$T/gw.cfg"
	while [ $_gi -lt "$1" ]; do
		_gi=$((_gi + 1))
		if [ $((_gi % 2)) = 0 ]; then _text="1*$short1"; else _text=""; fi
		[ $_gi = 1 ] || echo next >>"$T/gw.cfg"
		cat >>"$T/gw.cfg" <<-CFG
		url = "$URL"
		output = "$T/gw$_gi"
		write-out = "%{http_code} $_gi\\n"
		max-time = 15
		data = "sessionId=g$_gi&serviceCode=%2A384%23&phoneNumber=$OWNER&text=$_text"
		CFG
	done
	curl -s --parallel --parallel-max "$2" -K "$T/gw.cfg" >"$T/gw.codes" 2>"$T/gw.err"
	ANSWERED=0
	while read -r _code _gi; do
		if [ "$_code" = 200 ] && grep -Eq '^(CON UBND|END Ho so)' "$T/gw$_gi"; then
			ANSWERED=$((ANSWERED + 1))
		else
			echo "# request $_gi: $_code $(cat "$T/gw$_gi" 2>/dev/null)"
		fi
	done <"$T/gw.codes"
}

# ---------------------------------------------------------------- the defaults

start defaults || ok 1 "motcua-ussd starts"
like "$(cat "$T/defaults.log")" "at most 256 connections, 64 from one address; headers within 5 s, answers within 3 s" \
	"by default: 256 connections, 64 from one address, headers in 5 s, answers in 3 s"
ussd_stop "$PID"
is "$(status "$USSD" --per-address 0)" 2 "--per-address 0 is bad usage"
is "$(status "$USSD" --connections 10 --per-address 11)" 2 "--per-address above --connections is bad usage"
is "$(status "$USSD" --header-timeout 0)" 2 "--header-timeout 0 is bad usage"
is "$(status "$USSD" --gateway 300.1.2.3)" 2 "--gateway that is no IP address is bad usage"
is "$(status "$USSD" --gateway 10.0.0.0/33)" 2 "--gateway with more bits than the address has is bad usage"
out=$("$USSD" --gateway nowhere 2>&1)
like "$out" "--gateway 'nowhere' (is not|không phải)" "... saying which"

# ---------------------------------------------------------------- stalled connections

start stall --connections 32 --per-address 8 --header-timeout 2 --timeout 2 || ok 1 "motcua-ussd starts"
MAIN=$PID
like "$(cat "$T/stall.log")" "at most 32 connections, 8 from one address" "a server of 32 connections, 8 from one address"
stall_attack "$MAIN" 100 40 8
gateway 24 4
is "$ANSWERED" 24 "all 24 requests of the gateway (127.0.0.1) are answered meanwhile"
gateway 24 4
is "$ANSWERED" 24 "... and 24 more, the attackers reopening what is closed"
stall_closed "$T/stall.log" 100 8
before=$(wc -l <"$T/stall.log")

attack body 127.0.0.4 20 body 6
ok "$(grep -q ready "$T/body.out"; echo $?)" "an attacker at 127.0.0.4 sends headers and a part of the body, then nothing"
gateway 16 4
is "$ANSWERED" 16 "the gateway's requests are answered"
finish body
ok "$([ "$(field cut)" -ge 8 ]; echo $?)" "... the stalled bodies are closed (the request's deadline) ($RESULT)"
like "$(cat "$T/stall.log")" "closed a connection from 127\.0\.0\.4: the body did not come in time" \
	"... and the log says so"

ussd_stop "$MAIN"
is "$RC" 0 "SIGTERM stops it"
stall_bounded "$T/stall.log" ", the gateway's 64 included" silent trickle body

# ---------------------------------------------------------------- --gateway

start gw --connections 16 --per-address 4 --header-timeout 3 --gateway 127.0.0.1 || ok 1 "motcua-ussd starts with --gateway"
GW=$PID
like "$(cat "$T/gw.log")" "at most 16 connections, 4 from one address \(the gateways' aside\)" "--gateway 127.0.0.1 is named in the log line"
base=$(threads "$GW")
for a in 2 3 4 5; do
	attack "many$a" "127.0.0.$a" 10 stall 6
done
ok "$(cat "$T"/many*.out | grep -c ready | grep -qx 4; echo $?)" "four attackers (127.0.0.2-5), 10 stalled connections each"
t=$(threads "$GW")
ok "$([ "$t" -le $((base + 12)) ]; echo $?)" "... together they hold at most 16 - 4 connections ($t threads, $base idle)"
gateway 24 3
is "$ANSWERED" 24 "the gateway has room kept for it: its 24 requests are answered (3 at a time)"
for a in 2 3 4 5; do finish "many$a"; done
like "$(cat "$T/gw.log")" "refused a connection from 127\.0\.0\.[2-5]: ([0-9]+ open from addresses other than the gateway's, the 4 left are kept for it|4 open from that address)" \
	"the others were refused, the log says"
ussd_stop "$GW"
is "$RC" 0 "... and it stops"
done_testing
