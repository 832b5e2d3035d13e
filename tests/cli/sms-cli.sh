# sms-cli.sh -- SMS from the command line: the notice an intake with --sms yes queues,
# `motcua sms outbox|inbox`, `motcua remind RULE` (dry run, for real, not twice, one
# message per phone) and `motcua remind --campaign` (opt-outs, quiet hours, too long);
# notices a later event made obsolete cancelled, a linked intake's one notice.
. "$(dirname "$0")/../lib.sh"
setup_office
export MOTCUA_NOW='2026-10-12 09:00'	# a Monday with no holiday near
q() { sqlite3 "$DB" "$1"; }

c1=$(mc intake --procedure 1.004873 --name "Nguyễn Văn Ân" --phone "+84 912 345 678" --sms yes)
ok $? "intake with --sms yes"
out=$(mc sms outbox --format tsv)
is "$(printf '%s\n' "$out" | head -1)" \
	"$(printf 'id\tnumber\tkind\tstatus\tparts\tcreated_at\tsent_at\tdelivery\tbody\tencoding\tcode\tattempts\terror')" \
	"outbox columns"
is "$(printf '%s\n' "$out" | tail -n +2 | wc -l)" 1 "the intake queued one notice"
row=$(printf '%s\n' "$out" | tail -n +2)
is "$(printf '%s\n' "$row" | cut -f2-6)" "$(printf '0912345678\tnotice\tqueued\t1\t2026-10-12 09:00:00')" \
	"... to the normalised phone, kind notice, queued, one part, now"
like "$(printf '%s\n' "$row" | cut -f9)" "^Ho so $c1 \(Cap Giay xac nhan tinh trang hon nhan\) da duoc tiep nhan\. Ngay hen tra ket qua: 15/10/2026\." \
	"... telling the code, the procedure and the appointment, unaccented"
is "$(printf '%s\n' "$row" | cut -f10-11)" "$(printf 'gsm7\t%s' "$c1")" "... in GSM-7, for that dossier"
is "$(q "SELECT count(*) FROM sms_out o JOIN dossier_event e ON e.id = o.event_id WHERE e.kind = 'received'")" 1 \
	"... linked to the received event"
like "$(mc sms outbox --format json)" '"kind": "notice"' "outbox as JSON"
like "$(mc sms outbox)" "$c1" "outbox as text"

c2=$(mc intake --procedure 1.004873 --name "Trần Thị Bình" --phone 0987654321 --sms no)
is "$(q 'SELECT count(*) FROM sms_out')" 1 "no consent, no notice"
is "$(mc sms outbox --status sent --format tsv | wc -l)" 1 "--status sent: only the header"
is "$(mc sms inbox --format tsv | head -1)" \
	"$(printf 'id\tnumber\tkind\tstatus\tparts\treceived_at\tsent_at\tdelivery\tbody\tmodem\treply\tnote')" \
	"inbox columns"
q "INSERT INTO sms_in(modem, number, smsc_time, received_at, body) VALUES ('m1', '+84912345678', '2026-10-12T02:00:00Z', '2026-10-12 09:00:00', 'HS 261012-0001')"
is "$(mc sms inbox --status new --format tsv | tail -n +2 | cut -f2-5,9)" \
	"$(printf '+84912345678\tin\tnew\t1\tHS 261012-0001')" "an incoming message in the inbox"
is "$(status mc sms inbox --status queued)" 2 "a status the inbox does not have is bad usage"
is "$(status mc sms sideways)" 2 "outbox or inbox only"
is "$(status mc sms outbox --help)" 0 "--help"

# Events queue their notices
mc event "$c1" result-ready >/dev/null
like "$(mc sms outbox --format tsv | tail -1 | cut -f9)" "da co ket qua\. Moi ong/ba den nhan tai UBND xa Tan Lap" \
	"result ready: where to collect"

# Reminders by rule
c3=$(mc intake --procedure 1.004873 --name "Lê Văn Cường" --phone 0912345678 --sms yes)
c4=$(mc intake --procedure 1.004873 --name "Phạm Thị Dung" --phone 0977000111 --sms yes)
before=$(q 'SELECT count(*) FROM sms_out')
dry=$(MOTCUA_NOW='2026-10-14 10:00' mc remind due-tomorrow --dry-run --format tsv 2>/dev/null)
is "$(printf '%s\n' "$dry" | tail -n +2 | cut -f1,2 | sort | tr '\t\n' ' ')" \
	"0912345678 $c1 0977000111 $c4 " \
	"due-tomorrow: one message per phone (the first dossier), the one without consent left out"
like "$(printf '%s\n' "$dry" | tail -n +2 | cut -f5 | head -1)" "^Nhac lich: ngay mai 15/10/2026 la ngay hen tra ket qua ho so" \
	"... the reminder's text"
is "$(q 'SELECT count(*) FROM sms_out')" "$before" "--dry-run queues nothing"
like "$(MOTCUA_NOW='2026-10-14 10:00' mc remind due-tomorrow --dry-run)" ": 0 [^0-9]+, 1 [^0-9]+, 1 [^0-9]+, 0 " \
	"the preview says who was skipped"
MOTCUA_NOW='2026-10-14 10:00' mc remind due-tomorrow >/dev/null
ok $? "due-tomorrow for real"
is "$(q "SELECT count(*) || ' ' || min(priority) || ' ' || min(kind) FROM sms_out WHERE campaign IS NOT NULL")" \
	"2 2 reminder" "two reminders queued at priority 2"
is "$(q "SELECT kind || ' ' || recipients || ' ' || parts FROM sms_campaign")" "due-tomorrow 2 2" \
	"the campaign row records the rule and its size"
is "$(MOTCUA_NOW='2026-10-14 15:00' mc remind due-tomorrow --format tsv 2>/dev/null | tail -n +2 | wc -l)" 0 \
	"not the same reminder twice"
is "$(MOTCUA_NOW='2026-10-19 09:00' mc remind result-waiting --dry-run --format tsv 2>/dev/null | tail -n +2 | cut -f2)" \
	"$c1" "result-waiting: ready for 3 days or more"
is "$(MOTCUA_NOW='2026-10-19 09:00' mc remind result-waiting --days 10 --dry-run --format tsv 2>/dev/null | tail -n +2 | wc -l)" 0 \
	"... --days 10: not yet"

c5=$(mc intake --procedure 1.004873 --name "Vũ Văn Em" --phone 0966000222 --sms yes)
mc event "$c5" supplement-requested --items "Bản sao sổ hộ khẩu" --reason "Thiếu giấy tờ" >/dev/null
like "$(mc sms outbox --format tsv | tail -1 | cut -f9)" "can bo sung: Ban sao so ho khau\. De nghi nop truoc ngay 19/10/2026" \
	"supplement requested: what to bring and by when"
sup=$(MOTCUA_NOW='2026-10-19 09:00' mc remind supplement-pending --dry-run --format tsv 2>/dev/null | tail -n +2)
is "$(printf '%s\n' "$sup" | cut -f1,2)" "$(printf '0966000222\t%s' "$c5")" "supplement-pending: waiting 5 days or more"
like "$(printf '%s\n' "$sup" | cut -f5)" "dang cho bo sung tu ngay 12/10/2026: Ban sao so ho khau" "... saying since when and what"

# Campaigns
q "INSERT INTO sms_optout(number, at) VALUES ('0977000111', '2026-10-12 09:30:00')"
camp=$(mc remind --campaign --text "UBND xã Tân Lập thông báo: hồ sơ {code} hẹn trả {due}." --procedure 1.004873 --to 2026-10-12 --dry-run --format tsv 2>/dev/null)
is "$(printf '%s\n' "$camp" | tail -n +2 | cut -f1 | tr '\n' ' ')" "0912345678 0966000222 " \
	"campaign: the opted-out number and the duplicate phone are skipped"
is "$(printf '%s\n' "$camp" | sed -n 2p | cut -f3,4)" "$(printf 'gsm7\t1')" "... unaccented GSM-7, one part"
like "$(printf '%s\n' "$camp" | sed -n 2p | cut -f5)" "^UBND xa Tan Lap thong bao: ho so $c1 hen tra 15/10/2026\.$" \
	"... the text rendered for the dossier"
MOTCUA_NOW='2026-10-12 22:15' mc remind --campaign --text "Thông báo {code}" --status 2 --from 2026-10-12 >/dev/null
ok $? "a campaign at night"
is "$(q "SELECT count(*) || ' ' || min(not_before) || ' ' || min(priority) FROM sms_out WHERE kind = 'bulk'")" \
	"1 2026-10-13 07:00:00 3" "... waits for the end of quiet hours, at bulk priority"
is "$(q "SELECT selection FROM sms_campaign WHERE kind = 'campaign'")" '{"from":"2026-10-12","status":2}' \
	"... its selection recorded"
long=$(printf 'Thong bao rat dai %.0s' $(seq 1 30))
is "$(status mc remind --campaign --text "$long" --status 2)" 1 "a campaign text longer than 2 parts is refused"
is "$(q "SELECT count(*) FROM sms_campaign WHERE kind = 'campaign'")" 1 "... and nothing was queued"
is "$(status mc remind --campaign --text x)" 2 "a campaign needs a selection"
is "$(status mc remind --campaign --status 2)" 2 "a campaign needs a text"
is "$(status mc remind)" 2 "remind needs a rule"
is "$(status mc remind sometimes)" 2 "an unknown rule is bad usage"
is "$(status mc remind due-tomorrow --days 3)" 2 "due-tomorrow takes no --days"
is "$(status mc remind --help)" 0 "--help"
# Obsolete notices: before 07:00 (quiet hours) a dossier went supplement-requested,
# then result-returned; only the last notice may go out at 07:00, the others show as
# cancelled with the reason.
export MOTCUA_NOW='2026-10-15 05:30'
c5=$(mc intake --procedure 1.004873 --name "Võ Văn Em" --phone 0966000555 --sms yes)
mc event "$c5" supplement-requested --items "Tờ khai" --reason "Thiếu tờ khai" >/dev/null
mc event "$c5" supplement-received >/dev/null
mc event "$c5" result-ready >/dev/null
mc event "$c5" result-returned --collector "Võ Văn Em" >/dev/null
is "$(q "SELECT group_concat(e.kind || ':' || o.status, ' ') FROM sms_out o JOIN dossier_event e ON e.id = o.event_id WHERE o.code = '$c5' ORDER BY o.id")" \
	"received:cancelled supplement-requested:cancelled result-ready:cancelled result-returned:queued" \
	"notices made obsolete before 07:00 are cancelled; the last one waits for 07:00"
is "$(q "SELECT not_before FROM sms_out WHERE code = '$c5' AND status = 'queued'")" "2026-10-15 07:00:00" "... at 07:00"
like "$(mc sms outbox --status cancelled --format tsv | awk -F'\t' -v c="$c5" '$11 == c' | cut -f13 | head -1)" \
	"^(obsolete, not sent: a later event|đã lỗi thời, không gửi: một sự kiện sau đó) \(supplement-requested, 05:30 15/10/2026\)" \
	"... and the outbox says why, in the office's language"
# A linked intake: one SMS for the phone, listing the codes.
out=$(mc intake --procedure 1.001193 --name "Võ Thị Bé" --phone 0966000666 --sms yes --linked)
ok $? "a linked intake"
is "$(q "SELECT count(*) FROM sms_out WHERE number = '0966000666'")" 1 "... queues one notice for the phone"
for c in $out; do
	like "$(q "SELECT body FROM sms_out WHERE number = '0966000666'")" "$c" "... that lists $c"
done
export MOTCUA_NOW='2026-10-12 09:00'
done_testing
