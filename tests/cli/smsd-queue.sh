# smsd-queue.sh -- motcua-smsd and its queue on the simulated AT modem: a message the
# console queues while the daemon waits goes out (the daemon wakes on the store's
# change, not only on the modem), and the once-a-minute health round (here every 10
# s) is held while the queue has work: a burst of 20 messages, longer than a health
# period, goes out with no health round between two of its parts, and the rounds come
# back once it is sent.  (How soon: tests/bench/smsd.sh measures it; no test times.)
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../sms/smsd-lib.sh"
setup_office
sms_settings 1 3
atsim_start --listen "$T/sock"
ok $? "the simulated modem listens (proxyat)"
atsim_rc "$T/gammurc" at1 "health = 10" "balance =" "delivery_reports = no"
smsd_start "$T/smsd.log" --gammurc "$T/gammurc"
wait_until 60 '[ "$(q "SELECT state FROM modem_health WHERE modem = '\''at1'\''")" = ok ]'
ok $? "the daemon initialises the modem"
queue() {	# queue NUMBER...: notices, committed as the console would
	for _qn; do
		q "INSERT INTO sms_out(number, kind, priority, body, created_at)
			VALUES ('$_qn', 'notice', 1, 'Ho so 000.17.22.H56-261012-0001 da co ket qua.', datetime('now', 'localtime'))"
	done
}
sent() {	# sent PREFIX: parts that went to numbers starting with PREFIX
	awk -F'\t' -v p="$1" '$1 == "send" && index($3, p) == 1' "$WIRE" | wc -l
}

# One message while the daemon waits.
sleep 1
queue 0911000001
wait_until 30 '[ "$(sent 0911000001)" = 1 ]'
ok $? "a message queued while the daemon waits goes out"

# A burst, longer than a health period.
burst=$(seq -f '09770%05g' 1 20)
# shellcheck disable=SC2086
queue $burst
wait_until 120 '[ "$(sent 09770)" = 20 ]'
ok $? "a burst of 20 queued at once goes out"
between=$(awk -F'\t' '$1 == "send" && index($3, "09770") == 1 { n++; h += pending; pending = 0 }
	$1 == "signal" && n > 0 { pending++ } END { print h + 0 }' "$WIRE")
is "$between" 0 "... with no health round between two of its parts"
wait_until 40 'awk -F"\t" '\''$1 == "send" && index($3, "09770") == 1 { last = NR } $1 == "signal" && last && NR > last { found = 1 } END { exit !found }'\'' "$WIRE"'
ok $? "... and the health rounds come back once it is sent"
is "$(q "SELECT count(*) FROM sms_out WHERE status = 'sent'")" 21 "every message is marked sent"
smsd_stop
is "$SMSD_RC" 0 "SIGTERM: status 0"
done_testing
