# kill.sh -- power cuts: two counter clerks registering dossiers, a third recording
# notes and corrections and handing dossiers over to the next commune, motcua-smsd
# answering citizens and sending notices on the simulated AT modem, the province hub
# (on a real, throwaway PostgreSQL), this office's motcua-sync (--watch, or --once
# again and again) and the next commune's (syncing and recording the results of what
# it was handed), all killed with SIGKILL at one random moment, KILL_ROUNDS times (20
# here; scripts/kill-rounds runs 200 and prints the figures).  After every round:
# motcua check is clean on both offices, every code an intake printed and every event
# a command reported done is in the store, foreign keys hold, no SMS went out twice
# without being flagged "possibly sent twice" nor again after its acknowledgement was
# recorded (the modem's wire log is the judge); and after a clean sync of each office
# with a hub that is not cut, the hub and the offices hold exactly the same events
# (counts and checksums), nothing is set aside, and every dossier handed over is at
# the next commune.  Then one clean run finishes the SMS work: every citizen's
# message stored once and answered once; every result the next commune recorded is
# back; the hub's dossiers and the offices' agree.  The participants are
# tests/kill-lib.sh's, one function each.  Without PostgreSQL the province's part is
# skipped (and said so).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../sms/smsd-lib.sh"
. "$(dirname "$0")/../sync/lib.sh"
KILL_LIB=$(cd "$(dirname "$0")/.." && pwd)/kill-lib.sh
. "$KILL_LIB"
ROUNDS=${KILL_ROUNDS:-20}
at_exit kill_cut

kill_setup
ok $? "an office and its simulated modem${KILL_SYNC:+, the next commune, a hub and its PostgreSQL}"
[ -n "$KILL_SYNC" ] || ok 0 "# SKIP no PostgreSQL: the hub and the sync clients are not in the rounds"
started=$(date +%s)
bad_rounds=0
i=1
while [ "$i" -le "$ROUNDS" ]; do
	kill_round "$i"
	if ! problems=$(round_check); then
		bad_rounds=$((bad_rounds + 1))
		printf '%s\n' "$problems" | sed "s/^/#   round $i: /" | head -20
	fi
	i=$((i + 1))
done
took=$(($(date +%s) - started))
is "$bad_rounds" 0 "$ROUNDS rounds killed at random moments (${took} s): after each, the store is whole and holds everything reported done"
kill_figures | head -n 1	# the province's figures once, at the end
is "$(grep -c . "$T/writers.err")" 0 "no writer was refused (a busy database, an error): $(head -n 1 "$T/writers.err")"
ok "$([ "$(wc -l <"$T/codes")" -gt "$ROUNDS" ]; echo $?)" "... the clerks kept working ($(wc -l <"$T/codes") dossiers)"

# One clean run of the SMS daemon finishes what the cuts left.
smsd_start "$T/smsd.log" --gammurc "$T/gammurc"
settled() {
	[ "$(q "SELECT count(*) FROM sms_in")" = "$ROUNDS" ] &&
	[ "$(q "SELECT count(*) FROM sms_in WHERE status = 'new'")" = 0 ] &&
	[ "$(q "SELECT count(*) FROM sms_out WHERE status IN ('queued', 'sending')")" = 0 ]
}
wait_until 120 settled
ok $? "a clean run afterwards finishes the SMS work"
atsim status
wait_until 5 'grep -q "^stored" "$WIRE"'
is "$(grep "^stored" "$WIRE" | tail -n 1 | cut -f2)" 0 "the SIM is empty: every citizen's message was taken"
smsd_stop
is "$SMSD_RC" 0 "... and the daemon stops with status 0"
is "$(q "SELECT count(*) FROM sms_in")" "$ROUNDS" "every citizen's message is stored"
is "$(q "SELECT count(DISTINCT number) FROM sms_in")" "$ROUNDS" "... each once"
is "$(q "SELECT count(*) FROM sms_in WHERE status = 'answered' AND reply IS NOT NULL")" "$ROUNDS" "... each answered"
is "$(q "SELECT count(*) FROM sms_out WHERE kind = 'reply'")" "$ROUNDS" "... by one reply"
is "$(q "SELECT count(*) FROM sms_out WHERE status NOT IN ('sent', 'delivered')")" 0 "every message queued was sent"
problems=$(round_check)
is "$problems" "" "and the last check holds too: $(kill_figures | head -n 1 | cut -c3-)"
if [ -n "$KILL_SYNC" ]; then
	problems=$(results_back)
	is "$problems" "" "every result the next commune recorded ($(wc -l <"$T/results.done")) came back by the hub"
	same_events "after $ROUNDS rounds and a clean sync" motcua b
	is "$(status "$HUB" check)" 0 "the hub's dossiers agree with their events (motcua-hub check)"
	same_dossiers "this office's dossiers agree with the hub's" motcua
	same_dossiers "the next commune's too" b
	kill_figures | tail -n +2
fi
done_testing
