# soak.sh -- a minute (SOAK_SECONDS) of steady work: two consoles scripted in tmux
# receiving dossiers, finding them and adding notes; two SMS daemons on simulated AT
# modems answering citizens who text their codes; motcua-sync --watch sending the
# office's work to motcua-hub on a throwaway PostgreSQL every few seconds
# (tests/soak-lib.sh; scripts/soak runs ten minutes).  No screen fails to come, no
# error is shown to a user, no "database is locked" (or busy) reaches a screen, a log
# (the daemons', motcua-sync's, the hub's) or a citizen, every citizen is answered,
# the store checks out, the hub holds exactly the office's events, and memory stays
# flat: the RSS of every process (consoles, daemons, motcua-sync, the hub) at the
# start (after one cycle of work) and at the end is printed and compared.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../sms/smsd-lib.sh"
. "$(dirname "$0")/../sync/lib.sh"
. "$(dirname "$0")/../tmux.sh"
. "$(dirname "$0")/../soak-lib.sh"
SECONDS_=${SOAK_SECONDS:-60}
GROWTH_KB=${SOAK_GROWTH_KB:-4096}	# more than this between start and end is a leak
at_exit soak_kill

soak_setup
ok $? "an office, two officials, two simulated modems${SOAK_SYNC:+, a hub on its PostgreSQL}"
[ -n "$SOAK_SYNC" ] || ok 0 "# SKIP no PostgreSQL: the sync client and the hub are not in the soak"
soak_start
ok $? "two consoles logged in, two SMS daemons${SOAK_SYNC:+ and motcua-sync --watch} started"
# Warm-up: each console has done a whole cycle, each modem answered a citizen, the
# hub holds the office's work.
wait_until 120 '[ -s "$T/cycles-1" ] && [ -s "$T/cycles-2" ] &&
	[ "$(q "SELECT count(DISTINCT modem) FROM sms_in WHERE status = '\''answered'\''")" = 2 ] &&
	{ [ -z "$SOAK_SYNC" ] || [ "$(psql_q "SELECT cursor FROM office")" -gt 1 ]; }'
ok $? "warmed up: a cycle of work on each console, a citizen answered on each modem${SOAK_SYNC:+, work on the hub}"
soak_rss "$T/rss-start"
started=$(date +%s)
sleep "$SECONDS_"
soak_rss "$T/rss-end"
soak_stop
took=$(($(date +%s) - started))

# Every citizen answered, then the daemons stop.
texted=$(cat "$T/texted")
wait_until 120 '[ "$(q "SELECT count(*) FROM sms_in WHERE status = '\''answered'\''")" = "$texted" ] &&
	[ "$(q "SELECT count(*) FROM sms_out WHERE status IN ('\''queued'\'', '\''sending'\'')")" = 0 ]'
ok $? "every citizen who texted ($texted) is answered"
for m in $SOAK_MODEMS; do
	eval "SMSD_PID=\$SMSD_$m"
	smsd_stop
	is "$SMSD_RC" 0 "the daemon of modem $m stops with status 0"
done
SMSD_PID=""
if [ -n "$SOAK_SYNC" ]; then
	# The office's last work reaches the hub by itself (a run soon after it), then
	# motcua-sync stops.
	wait_until 120 soak_synced
	ok $? "motcua-sync sent the office's last work by itself"
	runs=$(grep -c '^motcua-sync: pushed' "$T/sync.log")
	soak_sync_stop
	is "$SYNC_RC" 0 "motcua-sync --watch stops with status 0 (after $runs runs)"
	is "$(grep -c 'GET /v1/resources/[a-z]* 200' "$T/hub.log")" 4 \
		"the province's catalogue, holidays, templates and settings were applied once each"
	same_events "after the soak" motcua
	is "$(status "$HUB" check)" 0 "the hub's dossiers agree with their events"
	same_dossiers "the office's dossiers agree with the hub's" motcua
	hub_stop "$HUB_PID"
fi

c1=$(cat "$T/cycles-1") c2=$(cat "$T/cycles-2")
echo "# ${took} s of work: console 1 did $c1 cycles, console 2 $c2 (each: intake, search, note);" \
	"$texted SMS answered; $(q "SELECT count(*) FROM dossier") dossiers"
is "$(cat "$T"/steps-*.failed 2>/dev/null | head -n 40)" "" "every screen came when expected"
is "$(soak_errors | head -n 20)" "" "no error shown to a user, in a log or in a reply; no 'database is locked'"
is "$(status mc check)" 0 "motcua check holds"

# Memory: flat from the start (after the warm-up) to the end.
echo "# RSS (kB) of every process, start -> end of the ${took} s:"
join "$T/rss-start" "$T/rss-end" | while read -r name pid a pid2 b; do
	echo "#   $name (pid $pid): $a -> $b ($((b - a)))"
done
grown=$(join "$T/rss-start" "$T/rss-end" |
	awk -v g="$GROWTH_KB" '$2 != $4 || $3 == 0 || $5 - $3 > g { print $1 " " $3 " -> " $5 }')
if [ -n "${ASAN_OPTIONS:-}" ]; then
	# AddressSanitizer keeps freed memory in quarantine (up to 256 MB) and shadows it.
	ok 0 "# SKIP memory is not measured under AddressSanitizer"
else
	is "$grown" "" "no process grew by more than $GROWTH_KB kB (nor restarted)"
fi
is "$(wc -l <"$T/rss-start")" "$([ -n "$SOAK_SYNC" ] && echo 8 || echo 6)" \
	"... two consoles, two supervisors, two workers${SOAK_SYNC:+, motcua-sync and the hub} measured"
done_testing
