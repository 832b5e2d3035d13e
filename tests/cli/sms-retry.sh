# sms-retry.sh -- managing the SMS queue from the command line: `motcua sms retry ID`
# sends a failed message again (queued, attempts 0, not before now, audited) and
# refuses every other state with the reason; `motcua sms cancel ID` cancels a waiting
# or failed one and refuses the rest; `motcua sms modems` lists the modems' reports;
# `motcua sms campaign [ID]` a campaign's progress; --limit and long lists read in
# pages.  The daemon's part is played by sqlite3 writing what it would write.
. "$(dirname "$0")/../lib.sh"
setup_office
mc init --office 000.17.22.H56 --name "UBND xã Tân Lập" --language en >/dev/null	# the messages checked are English
export MOTCUA_NOW='2026-10-12 09:00'	# a Monday with no holiday near
q() { sqlite3 "$DB" "$1"; }
col() { mc sms outbox --format tsv | awk -F'\t' -v id="$1" -v c="$2" '$1 == id { print $c }'; }

c1=$(mc intake --procedure 1.004873 --name "Nguyễn Văn Ân" --phone 0912345678 --sms yes)
c2=$(mc intake --procedure 1.004873 --name "Trần Thị Bình" --phone 0987654321 --sms yes)
c3=$(mc intake --procedure 1.004873 --name "Lê Văn Cường" --phone 0977000111 --sms yes)
is "$(q 'SELECT count(*) FROM sms_out')" 3 "three intakes with --sms yes queued three notices"
# The daemon: the first failed for good, the second went out and was delivered.
q "UPDATE sms_out SET status = 'failed', attempts = 5, modem = 'm1', error = 'CMS ERROR 38' WHERE id = 1"
q "UPDATE sms_out SET status = 'delivered', modem = 'm1', refs = '7', sent_at = '2026-10-12 09:01:00', delivery = 'delivered' WHERE id = 2"

# ---- retry
out=$(MOTCUA_NOW='2026-10-12 09:30' mc --user admin sms retry 1 2>&1)
is $? 0 "retry a failed message"
like "$out" "Message 1 is queued again" "... says so"
is "$(col 1 4) $(col 1 12) [$(col 1 13)]" "queued 0 []" "the outbox row: queued, attempts 0, the error forgotten"
is "$(q 'SELECT not_before || (lease_owner IS NULL) || (refs IS NULL) FROM sms_out WHERE id = 1')" \
	"2026-10-12 09:30:0011" "... not before now, no lease, no parts recorded"
is "$(q "SELECT actor || ' ' || action || ' ' || detail FROM audit WHERE action = 'sms.retry'")" \
	"admin sms.retry message 1 to 0912345678" "... and audited with who did it"
out=$(mc sms retry 1 2>&1)
is $? 1 "retrying a waiting message is refused"
like "$out" "message 1 is still waiting to be sent" "... with the reason"
out=$(mc sms retry 2 2>&1)
is $? 1 "retrying a delivered message is refused"
like "$out" "never sent twice" "... it is never sent twice"
out=$(mc sms retry 99 2>&1)
is $? 1 "retrying a message that does not exist is refused"
like "$out" "there is no outgoing SMS number 99" "... saying so"
is "$(status mc sms retry)" 2 "retry needs a number"
is "$(status mc sms retry abc)" 2 "... a number"
is "$(status mc sms retry 1 2)" 2 "... one number"
is "$(status mc sms retry 1 --status failed)" 2 "... and no list options"

# ---- cancel
out=$(mc sms cancel 2 2>&1)
is $? 1 "cancelling a delivered message is refused"
like "$out" "delivered already: it can no longer be cancelled" "... with the reason"
q "UPDATE sms_out SET status = 'sending', lease_owner = 'm1:9', lease_until = '2026-10-12 09:02:00' WHERE id = 3"
like "$(mc sms cancel 3 2>&1)" "being sent by a modem right now" "cancelling a message being sent is refused"
q "UPDATE sms_out SET status = 'failed', lease_owner = NULL, lease_until = NULL, error = 'no network' WHERE id = 3"
is "$(status mc sms cancel 3)" 0 "a failed message can be cancelled"
out=$(mc sms cancel 1 2>&1)
is $? 0 "a waiting message can be cancelled"
like "$out" "Message 1 is cancelled: it will not be sent" "... says so"
is "$(col 1 4) $(col 3 4)" "cancelled cancelled" "the outbox shows both cancelled"
like "$(mc sms cancel 1 2>&1)" "message 1 is cancelled already" "cancelling twice is refused"
like "$(mc sms retry 1 2>&1)" "message 1 was cancelled: it is not sent again" "a cancelled message is not sent again"
is "$(q "SELECT count(*) FROM audit WHERE action = 'sms.cancel'")" 2 "each cancel is audited once"
is "$(q "SELECT count(*) FROM audit WHERE action LIKE 'sms.%' AND actor LIKE 'system:%'")" 2 \
	"... by the system user without --user"

# A notice to a number that opted out is not sent again; a reply is.
q "INSERT INTO sms_optout(number, at) VALUES ('0912000010', '2026-10-12 09:00:00')"
q "INSERT INTO sms_out(number, kind, priority, body, status, created_at) VALUES ('0912000010', 'notice', 1, 'thong bao', 'failed', '2026-10-12 09:00:00'), ('0912000010', 'reply', 0, 'tra loi', 'failed', '2026-10-12 09:00:00')"
like "$(mc sms retry 4 2>&1)" "0912000010 asked for no more notices" "a notice to an opted-out number is refused"
is "$(status mc sms retry 5)" 0 "... a reply to it goes"
# A notice whose template could not be filled in has no text.
q "INSERT INTO sms_out(number, kind, priority, body, status, created_at, error) VALUES ('0912000011', 'notice', 1, '', 'failed', '2026-10-12 09:00:00', 'no template extended')"
like "$(mc sms retry 6 2>&1)" "message 6 has no text \(no template extended\)" "a message without text is not sent"

# ---- modems
like "$(mc sms modems)" "No SMS modem has reported yet" "no modem yet"
is "$(mc sms modems --format tsv | head -1)" \
	"$(printf 'modem\tstate\tsignal\toperator\tnetwork\tbattery\tbalance\tbalance_at\tlast_success_at\tlast_error\tsent_today\tfailed_today\tqueued\tupdated_at\tstale')" \
	"modems columns"
q "INSERT INTO modem_health(modem, updated_at, state, signal, operator, balance, sent_today, failed_today) VALUES ('m1', '2026-10-12 09:29:00', 'ok', 71, 'Viettel', 'TKC 12.000d', 4, 1), ('m2', '2026-10-12 08:00:00', 'not-answering', NULL, NULL, NULL, 0, 0)"
m=$(MOTCUA_NOW='2026-10-12 09:30' mc sms modems --format tsv)
is "$(printf '%s\n' "$m" | sed -n 2p | cut -f1-4,7,11-13,15)" \
	"$(printf 'm1\tok\t71\tViettel\tTKC 12.000d\t4\t1\t1\tfalse')" \
	"a modem's report: state, signal, operator, balance, sent and failed today, the queue (one waiting)"
is "$(printf '%s\n' "$m" | sed -n 3p | cut -f1-3,15)" "$(printf 'm2\tnot-answering\t\ttrue')" \
	"a modem silent for 90 minutes is stale, its unknown signal empty"

# ---- campaigns
like "$(mc sms campaign 2>&1)" "no reminder or campaign was sent yet" "no campaign yet"
is "$(status mc sms campaign)" 1 "... refused"
mc --user admin remind --campaign --text "Thong bao {code}" --status 2 >/dev/null
ok $? "a campaign queued"
q "UPDATE sms_out SET status = 'delivered' WHERE campaign = 1 AND number = '0987654321'"
p=$(mc sms campaign --format tsv)
is "$(printf '%s\n' "$p" | awk -F'\t' '{ printf "%s=%s ", $1, $2 }')" \
	"id=1 kind=campaign created_at=2026-10-12 09:00:00 actor=admin recipients=3 parts=3 messages=3 queued=2 sending=0 sent=0 delivered=1 failed=0 cancelled=0 " \
	"the campaign's progress by state"
is "$(mc sms campaign 1 --format tsv | sed -n 1p)" "$(printf 'id\t1')" "... by its number"
is "$(status mc sms campaign 7)" 1 "a campaign that does not exist"
is "$(status mc sms campaign 1 2)" 2 "campaign takes one number"

# ---- long lists are read a page at a time, oldest first
q "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 700) INSERT INTO sms_out(number, kind, priority, body, created_at) SELECT '0911' || printf('%06d', i), 'bulk', 3, 'bulk ' || i, '2026-10-12 10:00:00' FROM n"
total=$(q 'SELECT count(*) FROM sms_out')
is "$(mc sms outbox --format tsv | tail -n +2 | wc -l)" "$total" "the whole outbox, every row once"
is "$(mc sms outbox --format tsv | tail -n +2 | cut -f1 | sort -n -c && echo sorted)" "sorted" "... oldest first"
is "$(mc sms outbox --limit 300 --format tsv | tail -n +2 | cut -f1 | sed -n '1p;$p' | tr '\n' ' ')" \
	"$((total - 299)) $total " "--limit 300: the newest 300, oldest first"
is "$(mc sms outbox --limit 2 --status queued --format tsv | tail -n +2 | cut -f9 | tr '\n' ' ')" \
	"bulk 699 bulk 700 " "--limit with --status"
is "$(mc sms outbox --status failed --format tsv | tail -n +2 | cut -f1 | tr '\n' ' ')" "4 6 " \
	"--status failed lists the failed ones"
is "$(status mc sms outbox --status answered)" 2 "a status the outbox has not is bad usage"
like "$(mc sms 2>&1)" "sms needs outbox, inbox, retry, cancel, modems or campaign" "sms alone says what it takes"
is "$(status mc sms modems now)" 2 "modems takes no argument"
is "$(status mc sms modems --limit 3)" 2 "... nor a list option"
done_testing
