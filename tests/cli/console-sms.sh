# console-sms.sh -- the console's SMS centre and reminders screens, driven in tmux at
# 80x24 (and a resize to 132x43): messages queued by intakes (the 'received' notice)
# and by `motcua remind`, the daemon played by sqlite3 (a failure, a delivery, a
# modem's report), seen on the screen as the store changes; a failed message sent
# again and a waiting one cancelled, checked in `motcua sms outbox`; refusals with
# their reasons; the inbox with the answers; paging through thousands of messages; a
# campaign typed with Telex, its preview matching `motcua remind --campaign --dry-run`,
# queued and followed; an officer refused a campaign; the C locale unaccented.
#
# Screens are compared by content: every step waits (bounded) until the pane shows
# what it should, never for a fixed time.
. "$(dirname "$0")/../lib.sh"

. "$(dirname "$0")/../tmux.sh"
setup_office
mc init --office 000.17.22.H56 --name "UBND xã Tân Lập" --language en >/dev/null
echo "mat-khau-can-bo" | mc user add canbo --role officer --full-name "Lê Thị Cán Bộ" >/dev/null
export MOTCUA_NOW='2026-10-12 09:00'	# a Monday with no holiday near
q() { sqlite3 "$DB" "$1"; }
col() { mc sms outbox --format tsv | awk -F'\t' -v id="$1" -v c="$2" '$1 == id { print $c }'; }

# Intakes with SMS consent queue their 'received' notices (1-4; none for the fifth).
c1=$(mc intake --procedure 1.004873 --name "Nguyễn Văn Ân" --phone 0912345678 --sms yes)
mc intake --procedure 1.004873 --name "Trần Thị Bình" --phone 0987654321 --sms yes >/dev/null
mc intake --procedure 1.004873 --name "Lê Văn Cường" --phone 0977000111 --sms yes >/dev/null
mc intake --procedure 1.004873 --name "Nguyễn Thị Ân" --phone 0912345678 --sms yes >/dev/null
mc intake --procedure 1.004873 --name "Phạm Văn Dũng" --phone 0966000222 --sms no >/dev/null
is "$(q "SELECT count(*) FROM sms_out WHERE kind = 'notice'")" 4 "four intakes with --sms yes queued four notices"
# A citizen asked, and was answered (5); then the reminders for tomorrow (6-8).
q "INSERT INTO sms_out(number, kind, priority, body, code, created_at) VALUES ('0912345678', 'reply', 0, 'Ho so $c1: da tiep nhan. Ngay hen tra: 15/10/2026.', '$c1', '2026-10-12 09:05:00')"
q "INSERT INTO sms_in(modem, number, smsc_time, received_at, body, status, reply) VALUES ('modem1', '+84912345678', '2026-10-12T02:04:00Z', '2026-10-12 09:04:00', 'HS 261012-0001', 'answered', 5), ('modem1', '0987654321', '2026-10-12T02:06:00Z', '2026-10-12 09:06:00', 'Cảm ơn', 'ignored', NULL)"
export MOTCUA_NOW='2026-10-14 10:00'
mc remind due-tomorrow >/dev/null
is "$(q "SELECT count(*) FROM sms_out WHERE kind = 'reminder'")" 3 "motcua remind due-tomorrow queued three reminders"
# The daemon: notice 1 failed for good, notice 2 was delivered.
q "UPDATE sms_out SET status = 'failed', attempts = 5, modem = 'modem1', error = 'CMS ERROR 38: network out of order' WHERE id = 1"
q "UPDATE sms_out SET status = 'delivered', modem = 'modem1', refs = '7', sent_at = '2026-10-12 09:01:00', delivery = 'delivered', delivered_at = '2026-10-12 09:02:00' WHERE id = 2"

console c1 80 24 TERM=xterm
shows c1 "Password" "the console opens"
text c1 "admin"; keys c1 Tab; text c1 "motcua-test"; keys c1 Enter
shows c1 "SMS centre and reminders" "home offers the SMS centre"
keys c1 s
shows c1 "motcua  UBND xã Tân Lập  SMS centre" "s opens the SMS centre"
shows c1 "No SMS modem has reported yet" "... which says when no modem has reported"
shows c1 "^ 6 message\(s\) waiting" "... and how many messages wait"
shows c1 "1-8 of 8" "the outbox: all eight messages"
shows c1 "^ 10:00 14/10 0987654321 reminder  waiting +1 +261012-0002 " "... newest first: a reminder"
q "INSERT INTO modem_health(modem, updated_at, state, signal, operator, balance, sent_today, failed_today) VALUES ('modem1', '2026-10-14 09:59:00', 'ok', 71, 'Viettel', 'TKC 12.000d', 1, 1)"
shows c1 "Modem modem1: working, signal 71%, Viettel, last contact 09:59 14/10" \
	"the modem's report appears by itself, read from the store"
shows c1 "^ 6 waiting, 1 failed today, balance: TKC 12.000d" "... with the queue, the failures and the balance"

keys c1 f
shows c1 "f: show waiting +1-6 of 6" "f: the waiting ones"
keys c1 f
shows c1 "f: show failed +1-1 of 1" "f again: the failed one"
shows c1 "^ 09:00 12/10 0912345678 notice    failed: CMS" "... failed, with the start of the modem's reason"
shows c1 "^ failed: CMS ERROR 38: network out of order \(No\. 1, notice to 0912345678" \
	"... the whole reason under the list"
keys c1 Enter
shows c1 "Message 1 \(sent by the office\)" "Enter shows the whole message"
shows c1 "│ Dossier: +$c1" "... its dossier"
shows c1 "Result due on 15/10/2026\. Text the dossier" "... and its whole text"
keys c1 Escape
gone c1 "Message 1 \(sent by the office\)" "Esc closes it"
keys c1 r
shows c1 "Message 1 is queued again: the SMS daemon will send it" "r sends the failed message again"
shows c1 "No message to send or sent here" "... and the failed list is empty"
is "$(col 1 4) $(col 1 12) [$(col 1 13)]" "queued 0 []" \
	"motcua sms outbox: queued again, attempts 0, the error forgotten"
is "$(q "SELECT actor FROM audit WHERE action = 'sms.retry' AND detail = 'message 1 to 0912345678'")" "admin" \
	"... audited as the console's user"

keys c1 f
keys c1 f
shows c1 "f: show delivered +1-1 of 1" "f again twice: the delivered one"
keys c1 x
shows c1 "message 2 was delivered already: it can no longer be cancelled" "x on it is refused with the reason"
keys c1 r
shows c1 "message 2 was delivered already: it is never sent twice" "r too"
keys c1 f; keys c1 f
shows c1 "f: show waiting +1-7 of 7" "back to the waiting ones (the one sent again among them)"
keys c1 x
shows c1 "Cancel message 8 to 0987654321 \(reminder\)\? It will not be sent" "x asks before cancelling"
keys c1 n
gone c1 "Cancel message 8" "n: not cancelled"
is "$(col 8 4)" "queued" "... the store agrees"
keys c1 x
shows c1 "Cancel message 8" "x again"
keys c1 y
shows c1 "Message 8 is cancelled: it will not be sent" "y cancels it"
shows c1 "f: show waiting +1-6 of 6" "... the waiting list has one fewer"
is "$(col 8 4)" "cancelled" "motcua sms outbox: cancelled"

keys c1 i
shows c1 "i: Inbox +f: show all +1-2 of 2" "i: the inbox"
shows c1 "^ 09:04 12/10 \+84912345678 answered +HS 261012-0001 +Ho so" "... who asked what, and the answer"
shows c1 "^ 09:06 12/10 0987654321 +no answer +Cảm ơn" "... a message not answered"
keys c1 Down; keys c1 Enter
shows c1 "Message 1 \(received\)" "Enter shows a received message"
shows c1 "Answer: +message 5 \(waiting\)" "... which message answered it"
shows c1 "Ho so $c1: da tiep nhan\. Ngay hen tra: 15/10/2026\." "... and the whole answer"
keys c1 Escape

# ---- thousands of messages, a page at a time
q "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000) INSERT INTO sms_out(number, kind, priority, body, created_at, status) SELECT '0911' || printf('%06d', i), 'bulk', 3, 'Thong bao so ' || i, '2026-10-14 10:00:00', 'sent' FROM n"
keys c1 o
shows c1 "1-16 of 3008" "o: the outbox, 16 rows of 3008 on 80x24"
shows c1 "^ 10:00 14/10 0911003000 bulk      sent " "... the newest first"
keys c1 PageDown
shows c1 "17-32 of 3008" "PgDn: the next page"
shows c1 "^ 10:00 14/10 0911002984 bulk " "... its rows"
keys c1 PageDown; keys c1 PageDown
shows c1 "49-64 of 3008" "... and the next"
keys c1 PageUp
shows c1 "33-48 of 3008" "PgUp: back a page"
keys c1 Up
shows c1 "17-32 of 3008" "Up from the first row goes to the page before"
shows c1 "^ sent \(No\. 2977, bulk to 0911002969" "... at its last row"
keys c1 g
shows c1 "1-16 of 3008" "g (or Home): the newest again"
tm resize-window -t c1 -x 132 -y 43
shows c1 "1-35 of 3008" "at 132x43 a page holds more"
shows c1 "^ 10:00 14/10/2026 0911003000 +bulk +sent +1" "... and the time has its year"
tm resize-window -t c1 -x 80 -y 24
shows c1 "1-16 of 3008" "back at 80x24"

# ---- a campaign: preview, queue, progress
keys c1 m
shows c1 "SMS reminders and campaigns" "m: the reminders and campaigns"
shows c1 "Send: +< Reminder: the result is due tomorrow >" "... a rule first"
shows c1 "No\. 1: Reminder: the result is due tomorrow, queued 10:00 14/10/2026 by system" \
	"... and the progress of the last reminders"
keys c1 Right; keys c1 Right; keys c1 Right
shows c1 "< Campaign: one message to chosen dossiers >" "Right: a campaign"
keys c1 Tab; keys c1 Tab
text c1 "UBND xax Taan Laapj thoong baos: hoof sow {code} hejn trar {due}."
shows c1 "Text: +UBND xã Tân Lập thông báo: hồ sơ \{code\} hẹn trả \{due\}\." "the text typed with Telex"
keys c1 Tab; text c1 "1.004873"
shows c1 "1\.004873 +Cấp Giấy xác nhận tình trạng hôn nhân" "the procedure by its code, its name shown"
keys c1 Tab; keys c1 Tab; text c1 "12/10/2026"; keys c1 Tab; text c1 "12/10/2026"
keys c1 F10
shows c1 "Preview of: Campaign: one message to chosen dossiers\. Nothing is queued yet\." "F10: the preview"
dry=$(mc remind --campaign --text "UBND xã Tân Lập thông báo: hồ sơ {code} hẹn trả {due}." --procedure 1.004873 \
	--from 2026-10-12 --to 2026-10-12 --dry-run)
n=$(printf '%s\n' "$dry" | sed -n 's/^Recipients: \([0-9]*\); SMS parts in all: \([0-9]*\)$/\1/p')
parts=$(printf '%s\n' "$dry" | sed -n 's/^Recipients: \([0-9]*\); SMS parts in all: \([0-9]*\)$/\2/p')
is "$n $parts" "3 3" "motcua remind --dry-run: 3 recipients, 3 parts"
shows c1 "Recipients: $n \(one message per phone\); SMS parts in all: $parts" "the preview counts the same"
skipped=$(printf '%s\n' "$dry" | grep '^Skipped: ')
like "$skipped" "^Skipped: 0 opted out, 1 same phone, 1 without SMS consent, 0 reminded already$" \
	"... skipping the second dossier of a phone and the one without consent"
shows c1 "$skipped" "the preview skips the same"
shows c1 "Encoding: GSM-7 \(unaccented, 160 characters a part\)" "... the encoding"
shows c1 "SMS parts a message: up to 1 \(at most 2 allowed\)" "... and the parts a message"
first=$(mc remind --campaign --text "UBND xã Tân Lập thông báo: hồ sơ {code} hẹn trả {due}." --procedure 1.004873 \
	--from 2026-10-12 --to 2026-10-12 --dry-run --format tsv 2>/dev/null | sed -n 2p | cut -f5)
is "$first" "UBND xa Tan Lap thong bao: ho so $c1 hen tra 15/10/2026." "the command's text, unaccented"
shows c1 "^   UBND xa Tan Lap thong bao: ho so $c1 hen tra 15/10/202" "... is the text the preview shows"
shows c1 "^ 0912345678 +${c1#*-} +1 GSM-7" "... and the recipients are listed, codes without the office"
is "$(q 'SELECT count(*) FROM sms_campaign')" 1 "the preview queued nothing"
keys c1 y
shows c1 "Queued 3 message\(s\) as campaign 2\." "y queues them"
shows c1 "3 message\(s\): waiting 3, sending 0, sent 0, delivered 0, failed 0, cancelled 0" "... the progress: all waiting"
is "$(q "SELECT count(*) || ' ' || min(kind) || ' ' || min(status) FROM sms_out WHERE campaign = 2")" "3 bulk queued" \
	"the store has them, bulk, queued"
q "UPDATE sms_out SET status = 'delivered' WHERE campaign = 2 AND number = '0912345678'"
q "UPDATE sms_out SET status = 'failed', error = 'no network' WHERE campaign = 2 AND number = '0977000111'"
shows c1 "waiting 1, sending 0, sent 0, delivered 1, failed 1" "the progress follows what the daemon did"
shows c1 "2 of 3 done \(66%\)" "... with a bar"
keys c1 q
shows c1 "SMS centre" "q: back to the SMS centre"
shows c1 "1-16 of 3011" "... which lists the campaign's messages too"

# ---- an officer sees a campaign's preview but may not send it
console c2 80 24 TERM=screen
shows c2 "Password" "a second console"
text c2 "canbo"; keys c2 Tab; text c2 "mat-khau-can-bo"; keys c2 Enter
shows c2 "SMS centre and reminders" "an officer logs in"
keys c2 s; keys c2 m
shows c2 "SMS reminders and campaigns" "... opens the reminders"
keys c2 Left
shows c2 "< Campaign: one message to chosen dossiers >" "Left from the first choice: a campaign"
keys c2 Tab; keys c2 Right
shows c2 "< template: the dossier's status and due date >" "a template instead of a text"
gone c2 "Text: " "... so no text to type"
keys c2 Tab; keys c2 Tab; keys c2 Right; keys c2 Right
shows c2 "< 2 Được tiếp nhận >|< 2 Accepted >|< 2 [A-Za-z]" "the status chosen"
keys c2 F10
shows c2 "Recipients: 3 \(one message per phone\)" "the officer sees the preview"
shows c2 "Only the head of the office or an administrator may send a campaign" "... and that he may not send it"
keys c2 y
shows c2 "Only the head of the office or an administrator may send a campaign\.$" "y is refused"
is "$(q 'SELECT count(*) FROM sms_campaign')" 2 "... nothing was queued"
keys c2 q; keys c2 q; keys c2 q; keys c2 q
shows c2 "motcua exited: 0" "the officer's console quits cleanly"

# ---- the C locale: unaccented, never garbage
console c3 80 24 TERM=vt100 LC_ALL=C NO_COLOR=1
text c3 "admin"; keys c3 Tab; text c3 "motcua-test"; keys c3 Enter
keys c3 s; keys c3 i
shows c3 "0987654321 +no answer +Cam on" "in the C locale the inbox is unaccented"
keys c3 q; keys c3 q; keys c3 q
shows c3 "motcua exited: 0" "... and the console quits cleanly"

keys c1 q; keys c1 q; keys c1 q
shows c1 "motcua exited: 0" "the first console quits with status 0"
done_testing
