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
USSD=${MOTCUA_USSD:-$(dirname "$MOTCUA")/motcua-ussd}
PIDS=""
trap 'for p in $PIDS; do kill -KILL "$p" 2>/dev/null; done; [ -n "${KEEP:-}" ] || rm -rf "$T"' EXIT

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

# start NAME ARGS...: as in ussd.sh; sets PID, PORT and URL.
start() {
	_name=$1
	shift
	"$USSD" --db "$DB" --foreground --listen 127.0.0.1:0 "$@" 2>>"$T/$_name.log" &
	PID=$!
	PIDS="$PIDS $PID"
	_i=0
	while ! grep -q 'listening on' "$T/$_name.log" 2>/dev/null; do
		running "$PID" && [ $_i -lt 100 ] || return 1
		sleep 0.1
		_i=$((_i + 1))
	done
	PORT=$(sed -n 's/.*listening on .*:\([0-9]*\).*/\1/p' "$T/$_name.log" | tail -1)
	URL=http://127.0.0.1:$PORT/ussd
}

stop() {	# stop PID: SIGTERM, wait up to 20 s; RC its status ("killed" if it had to be)
	kill -TERM "$1" 2>/dev/null
	_i=0
	while running "$1" && [ $_i -lt 200 ]; do
		sleep 0.1
		_i=$((_i + 1))
	done
	if running "$1"; then
		kill -KILL "$1" 2>/dev/null
		wait "$1" 2>/dev/null
		RC=killed
	else
		wait "$1"
		RC=$?
	fi
}

# The attacker: attack.pl PORT SOURCE N MODE SECONDS keeps N connections from SOURCE
# open for SECONDS, reopening (at most 200 a second) each one the server closes.
# MODE: stall (sends nothing), slow (headers one byte every 0.2 s: 400 bytes would
# take 80 s), body (headers and 15 of the 200 bytes of its body, then nothing).
# Prints "ready" once its first N are open, then at the end:
#   opened=O closed=C cut=K refused=R
# closed: connections the server ended (refused ones too); cut: those it ended after
# they had been open a second or more (taken in, then closed for stalling).  An old
# server let a trickling connection live as long as it sent a byte every 10 s.
cat >"$T/attack.pl" <<'EOF'
use strict;
use warnings;
use IO::Socket::INET;
use IO::Select;
use Time::HiRes qw(time sleep);
my ($port, $src, $n, $mode, $secs) = @ARGV;
$| = 1;
my $head = "POST /ussd HTTP/1.1\r\nHost: x\r\nX-Trickle: " . ("a" x 360) . "\r\n\r\n";
my %conn;
my ($opened, $closed, $cut, $refused, $ready) = (0, 0, 0, 0, 0);
my $end = time + $secs;
my $last_open = 0;
my $next_byte = time;
sub open_one {
	my $s = IO::Socket::INET->new(PeerAddr => "127.0.0.1", PeerPort => $port,
	    LocalAddr => $src, Proto => "tcp", Timeout => 2);
	if (!$s) { $refused++; return; }
	$opened++;
	$s->blocking(0);
	syswrite($s, "POST /ussd HTTP/1.1\r\nHost: x\r\nContent-Length: 200\r\n\r\nsessionId=stall")
	    if $mode eq "body";
	$conn{fileno $s} = { s => $s, i => 0, t0 => time };
}
sub gone {
	my ($fd) = @_;
	$cut++ if time - $conn{$fd}{t0} >= 1;
	close $conn{$fd}{s};
	delete $conn{$fd};
	$closed++;
}
while (time < $end) {
	while (keys %conn < $n && time < $end) {
		if (!$ready) { open_one(); next; }
		last if time - $last_open < 0.005;
		$last_open = time;
		open_one();
		last;
	}
	if (!$ready && keys %conn >= $n) { print "ready\n"; $ready = 1; }
	my $sel = IO::Select->new(map { $_->{s} } values %conn);
	for my $s ($sel->can_read(0.02)) {
		my $buf;
		my $r = sysread($s, $buf, 4096);
		gone(fileno $s) if !defined $r || $r == 0;
	}
	if ($mode eq "slow" && time >= $next_byte) {
		$next_byte = time + 0.2;
		for my $fd (keys %conn) {
			my $c = $conn{$fd};
			my $w = syswrite($c->{s}, substr($head, $c->{i}, 1));
			if (!defined $w) { gone($fd); next; }
			$c->{i}++ if $c->{i} < length($head) - 1;
		}
	}
}
print "opened=$opened closed=$closed cut=$cut refused=$refused\n";
EOF

# attack NAME SOURCE N MODE SECONDS: attack.pl in the background, its output in
# $T/NAME.out; waits (at most 20 s) for its "ready".
attack() {
	perl "$T/attack.pl" "$PORT" "$2" "$3" "$4" "$5" >"$T/$1.out" 2>&1 &
	PIDS="$PIDS $!"
	eval "ATTACK_$1=$!"
	_i=0
	until grep -q ready "$T/$1.out" 2>/dev/null || [ $_i -ge 200 ]; do sleep 0.1; _i=$((_i + 1)); done
}

finish() {	# finish NAME: wait for the attacker's end; RESULT its last line
	eval "wait \$ATTACK_$1"
	RESULT=$(tail -1 "$T/$1.out")
}

field() {	# field NAME: the value of NAME= in RESULT
	printf '%s\n' "$RESULT" | sed -n "s/.*$1=\([0-9]*\).*/\1/p"
}

threads() {	# threads PID: the threads of the process
	awk '/^Threads:/ { print $2 }' "/proc/$1/status"
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
stop "$PID"
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
base=$(threads "$MAIN")
attack silent 127.0.0.2 100 stall 8
ok "$(grep -q ready "$T/silent.out"; echo $?)" "an attacker at 127.0.0.2 keeps 100 connections open, sending nothing"
attack trickle 127.0.0.3 40 slow 8
ok "$(grep -q ready "$T/trickle.out"; echo $?)" "... another at 127.0.0.3 keeps 40 sending their headers a byte at a time"
t=$(threads "$MAIN")
ok "$([ "$t" -le $((base + 16)) ]; echo $?)" "... the server holds at most 8 connections of each ($t threads, $base idle)"
gateway 24 4
is "$ANSWERED" 24 "all 24 requests of the gateway (127.0.0.1) are answered meanwhile"
gateway 24 4
is "$ANSWERED" 24 "... and 24 more, the attackers reopening what is closed"
finish silent
ok "$([ "$(field closed)" -gt 100 ]; echo $?)" "the silent attacker's connections were closed, again and again ($RESULT)"
finish trickle
ok "$([ "$(field cut)" -ge 8 ]; echo $?)" "trickling connections are closed (the header deadline) ($RESULT)"
like "$(cat "$T/stall.log")" "refused a connection from 127\.0\.0\.2: 8 open from that address already \(--per-address 8\)" \
	"the log says a connection was refused, from where, and why"
like "$(cat "$T/stall.log")" "closed a connection from 127\.0\.0\.3: no complete request headers in time" \
	"... and that a trickling one was closed"
before=$(wc -l <"$T/stall.log")

attack body 127.0.0.4 20 body 6
ok "$(grep -q ready "$T/body.out"; echo $?)" "an attacker at 127.0.0.4 sends headers and a part of the body, then nothing"
gateway 16 4
is "$ANSWERED" 16 "the gateway's requests are answered"
finish body
ok "$([ "$(field cut)" -ge 8 ]; echo $?)" "... the stalled bodies are closed (the request's deadline) ($RESULT)"
like "$(cat "$T/stall.log")" "closed a connection from 127\.0\.0\.4: the body did not come in time" \
	"... and the log says so"

stop "$MAIN"
is "$RC" 0 "SIGTERM stops it"
lines=$(wc -l <"$T/stall.log")
attempts=0
for a in silent trickle body; do
	attempts=$((attempts + $(sed -n 's/.*opened=\([0-9]*\).*/\1/p' "$T/$a.out")))
done
ok "$([ "$attempts" -gt 1000 ]; echo $?)" "the attackers opened $attempts connections"
ok "$([ "$lines" -lt 400 ]; echo $?)" "... and the log has $lines lines (a bounded number, the gateway's 64 included)"
like "$(cat "$T/stall.log")" "[0-9]+ more refused connections were not logged in the last [0-9]+ s \(rate limit" \
	"... it says how many lines about refused connections it left out"
is "$(grep -c 'Server reached connection limit' "$T/stall.log")" 0 "... and libmicrohttpd's own refusals never come to it"

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
stop "$GW"
is "$RC" 0 "... and it stops"
done_testing
