# hub-stall.sh -- motcua-hub, on a real, throwaway PostgreSQL, under clients that open
# connections and stall (64 of them used to take the province's hub offline): its
# limits on the command line and in motcua.conf; N + 1 connections from one address,
# the last refused while the first N are held; 64 connections that send nothing or
# their headers a byte at a time, all reopened as soon as they are closed, while an
# office (another address: 127.0.0.1, the attackers 127.0.0.2-4) pushes and pulls
# with motcua-sync --once; the trickling headers closed by the header deadline; a
# body slower than --timeout allows but at the expected rate (1 KiB/s and more)
# taken whole, a stalled body closed; and the log bounded, saying how many lines it
# left out, naming addresses and never a token.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../sync/lib.sh"
STALL_PATH=/v1/push
. "$(dirname "$0")/../stall-lib.sh"
trap 'for p in $STALL_PIDS; do kill -KILL "$p" 2>/dev/null; done; sync_cleanup' EXIT
export MOTCUA_NOW='2026-10-12 09:00'
export MOTCUA_CONF="$T/none.conf"	# none: the built-in defaults

# ---------------------------------------------------------------- the command line
is "$(status "$HUB" --pg x --per-address 0)" 2 "--per-address 0 is bad usage"
is "$(status "$HUB" --pg x --connections 10 --per-address 11)" 2 "--per-address above --connections is bad usage"
is "$(status "$HUB" --pg x --header-timeout 0)" 2 "--header-timeout 0 is bad usage"
is "$(status "$HUB" --pg x --proxy 300.1.2.3)" 2 "--proxy that is no IP address is bad usage"
out=$("$HUB" --pg x --proxy nowhere 2>&1)
like "$out" "--proxy 'nowhere' (is not|không phải)" "... saying which"
printf '[hub]\nper-address = many\n' >"$T/bad.conf"
out=$(MOTCUA_CONF="$T/bad.conf" "$HUB" --pg x stats 2>&1)
is $? 2 "a per-address in motcua.conf that is no number is refused"
like "$out" "per-address" "... saying which key"

pg_start || { ok 1 "a throwaway PostgreSQL cluster starts"; done_testing; exit 1; }
office_new a 000.17.22.H56 || ok 1 "office a is added"

hub_start defaults || ok 1 "the hub starts"
like "$(cat "$T/defaults.log")" "at most 64 connections, 8 from one address; headers within 10 s, bodies within 60 s and 1 s a KiB" \
	"by default: 64 connections, 8 from one address, headers in 10 s, bodies in 60 s and 1 s a KiB"
hub_stop "$HUB_PID"
printf '[hub]\nper-address = 3\nheader-timeout = 4\nproxy = 127.0.0.9 10.0.0.0/8\n' >"$T/limits.conf"
MOTCUA_CONF="$T/limits.conf"
hub_start conf || ok 1 "the hub starts with motcua.conf's limits"
like "$(cat "$T/conf.log")" "64 connections, 3 from one address \(the proxies' aside\); headers within 4 s" \
	"motcua.conf's [hub] per-address, header-timeout and proxy are used"
hub_stop "$HUB_PID"
hub_start conf2 --per-address 5 --header-timeout 6 || ok 1 "the hub starts with options"
like "$(cat "$T/conf2.log")" "64 connections, 5 from one address \(the proxies' aside\); headers within 6 s" \
	"... the options win over them"
hub_stop "$HUB_PID"
MOTCUA_CONF="$T/none.conf"

# ---------------------------------------------------------------- N + 1 from one address
hub_start limit --per-address 4 || ok 1 "the hub starts"
PORT=$HUB_PORT
attack hold 127.0.0.2 5 hold 3
ok "$(grep -q ready "$T/hold.out"; echo $?)" "127.0.0.2 opens 5 connections that send nothing (--per-address 4)"
is "$(curl -s -m 10 "$HUB_URL/v1/health")" "motcua-hub ok" "... another address (127.0.0.1) is answered meanwhile"
finish hold
is "$(field open)" 4 "the first 4 are held open ($RESULT)"
is "$(field closed)" 1 "... the fifth is closed at once"
like "$(cat "$T/limit.log")" "refused a connection from 127\.0\.0\.2: 4 open from that address already \(--per-address 4\)" \
	"the hub's log says a connection was refused, from where, and why"
hub_stop "$HUB_PID"

# ---------------------------------------------------------------- 64 stalled connections
hub_start stall --per-address 8 --header-timeout 2 --timeout 2 || ok 1 "the hub starts"
MAIN=$HUB_PID
PORT=$HUB_PORT
stall_attack "$MAIN" 32 32 30
for n in 1 2 3; do
	on a intake --procedure 1.004873 --name "Người dân $n" >/dev/null
done
timeout 120 "$SYNC" --db "$T/a.db" --hub "$HUB_URL" --token "$TOKEN_a" --once >"$T/a.sync" 2>&1
is $? 0 "meanwhile motcua-sync --once from the office (127.0.0.1) pushes and pulls: exit 0"
like "$(cat "$T/a.sync")" "pushed 3 events .*; pulled 0 events" "... its 3 events pushed, then a pull"
same_events "under attack" a
timeout 120 "$SYNC" --db "$T/a.db" --hub "$HUB_URL" --token "$TOKEN_a" --once >"$T/a.sync" 2>&1
is $? 0 "... and again, the attackers reopening what is closed"
stall_closed "$T/stall.log" 32 8

# ---------------------------------------------------------------- bodies
# 24 KiB at 3,000 bytes a second: 8 s, longer than --timeout 2, but faster than 1 KiB/s
# (as a commune's 512 KiB at 5 KB/s).  The body is no JSON: the hub reads it whole, then
# answers 400.
head -c 24576 /dev/zero | tr '\0' 'x' >"$T/slow.nd"
code=$(curl -s -o /dev/null -w '%{http_code}' -m 60 --limit-rate 3000 \
	-H "Authorization: Bearer $TOKEN_a" -H 'Content-Type: application/x-ndjson' \
	--data-binary @"$T/slow.nd" "$HUB_URL/v1/push")
is "$code" 400 "a 24 KiB body sent at 3 KB/s (8 s, --timeout 2) is taken whole and answered (400: no JSON)"
like "$(cat "$T/stall.log")" "POST /v1/push 400 .*\(24576 bytes in" "... the log says so, with its size"
attack body 127.0.0.4 8 body 8
ok "$(grep -q ready "$T/body.out"; echo $?)" "an attacker at 127.0.0.4 sends headers and a part of the body, then nothing"
is "$(curl -s -m 10 "$HUB_URL/v1/health")" "motcua-hub ok" "... the hub answers others"
finish body
ok "$([ "$(field cut)" -ge 8 ]; echo $?)" "... the stalled bodies are closed (--timeout 2, then 1 KiB/s) ($RESULT)"
like "$(cat "$T/stall.log")" "closed a connection from 127\.0\.0\.4: the body did not come in time" \
	"... and the log says so"

hub_stop "$MAIN"
ok "$(alive "$MAIN" && echo 1 || echo 0)" "SIGTERM stops the hub"
stall_bounded "$T/stall.log" "" silent trickle body
is "$(cat "$T"/*.log | grep -c "$TOKEN_a")" 0 "no log line has the office's token"
done_testing
