# smsd-dummy.sh -- motcua-smsd against Gammu's dummy phone (a directory): a message
# dropped in the SIM inbox is stored, answered and the answer sent; parts joined both
# ways; a delivery report matched; a re-delivered message answered once; health and
# balance recorded; no phone number in the log; SIGHUP and SIGTERM; the null modem.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../sms/smsd-lib.sh"
setup_office
sms_settings
PHONE=$T/phone
mkdir -p "$PHONE/sms/1" "$T/new"
code=$(mc intake --procedure 1.001193 --name "Nguyễn Văn Ân" --phone 0912345678 --sms yes)
ok $? "a dossier to ask about"

cat >"$T/gammurc" <<EOF
[gammu]
model = dummy
connection = none
device = $PHONE

[motcua-smsd]
name = dummy1
poll = 0.2
health = 10
balance = *101#
EOF

# Usage errors come before anything is started.
is "$(status "$SMSD" --db "$DB")" 2 "--gammurc is required"
is "$(status "$SMSD" --db "$DB" --gammurc "$T/gammurc" --bogus)" 2 "an unknown option is refused"
is "$(status "$SMSD" --db "$T/none.db" --gammurc "$T/gammurc" --foreground)" 2 "a missing database is refused"
like "$("$SMSD" --help)" "--gammurc FILE" "--help shows the usage"
printf '[motcua-smsd]\npoll = soon\n' >"$T/bad.rc"
like "$("$SMSD" --db "$DB" --gammurc "$T/bad.rc" --foreground 2>&1)" "poll" "a bad setting is named"

smsd_start "$T/smsd.log" --gammurc "$T/gammurc"
wait_until 10 '[ "$(q "SELECT state FROM modem_health WHERE modem = '\''dummy1'\''")" = ok ]'
ok $? "the daemon connects and records the modem's health"

# 1. A plain message asking for the dossier.
sms_section 0 "+84912345678" 20261012T030405Z "HS $code" >"$T/new/1"
drop "$T/new/1"
wait_until 10 '[ "$(q "SELECT count(*) FROM sms_out WHERE kind = '\''reply'\'' AND status = '\''sent'\''")" = 1 ]'
ok $? "a message dropped in the inbox is answered and the answer sent"
is "$(q "SELECT number, smsc_time, body, parts, status FROM sms_in")" \
	"+84912345678|2026-10-12T03:04:05Z|HS $code|1|answered" "... stored with sender, SMSC time (UTC) and text"
like "$(q "SELECT body FROM sms_out WHERE kind = 'reply'")" "$code" "... the reply names the dossier"
is "$(q "SELECT number || ' ' || priority || ' ' || refs FROM sms_out WHERE kind = 'reply'")" "0912345678 0 255" \
	"... queued as a priority-0 reply to the sender, the modem's reference recorded"
wait_until 5 '[ ! -e "$PHONE/sms/1/1" ]'
ok $? "... and deleted from the phone once stored"

# 2. The same message again (the network re-delivers when an ack is late): once.
sms_section 0 "+84912345678" 20261012T030405Z "HS $code" >"$T/new/2"
drop "$T/new/2"
wait_until 10 '[ ! -e "$PHONE/sms/1/2" ]'
ok $? "a re-delivered message is taken from the phone"
is "$(q "SELECT count(*) FROM sms_in")" 1 "... stored once"
is "$(q "SELECT count(*) FROM sms_out WHERE kind = 'reply'")" 1 "... and answered once"

# 3. The phone gives both parts of a long message in one go (joined by the daemon).
long="Xin chào, cho tôi hỏi hồ sơ $code của tôi đã có kết quả chưa ạ? Tôi đã nộp từ sáng thứ hai. Cảm ơn cán bộ một cửa rất nhiều."
first=$(printf '%s' "$long" | sed 's/^\(.\{67\}\).*/\1/')
rest=$(printf '%s' "$long" | sed 's/^.\{67\}//')
{ sms_section 0 "+84987654321" 20261012T040000Z "$rest" 050003A70202
  sms_section 1 "+84987654321" 20261012T040000Z "$first" 050003A70201; } >"$T/new/3"
drop "$T/new/3"
wait_until 10 '[ "$(q "SELECT count(*) FROM sms_in WHERE number = '\''+84987654321'\''")" = 1 ]'
ok $? "two parts given together are stored as one message"
is "$(q "SELECT body FROM sms_in WHERE number = '+84987654321'")" "$long" "... joined in order (UCS-2, accents kept)"
is "$(q "SELECT parts FROM sms_in WHERE number = '+84987654321'")" 2 "... counted as 2 parts"

# 4. Parts that arrive one by one (joined in the store), the second first.
sms_section 0 "+84977777777" 20261012T050000Z "$rest" 050003B20202 >"$T/new/4"
drop "$T/new/4"
wait_until 10 '[ "$(q "SELECT count(*) FROM sms_part")" = 1 ]'
ok $? "a lone part waits in sms_part"
is "$(q "SELECT count(*) FROM sms_in WHERE number = '+84977777777'")" 0 "... and is not answered yet"
sms_section 0 "+84977777777" 20261012T050000Z "$first" 050003B20201 >"$T/new/5"
drop "$T/new/5"
wait_until 10 '[ "$(q "SELECT count(*) FROM sms_in WHERE number = '\''+84977777777'\''")" = 1 ]'
ok $? "the missing part completes it"
is "$(q "SELECT body FROM sms_in WHERE number = '+84977777777'")" "$long" "... joined in order"
is "$(q "SELECT count(*) FROM sms_part")" 0 "... and the parts are gone"

# 5. A delivery report for the first reply.
mr=$(q "SELECT refs FROM sms_out WHERE kind = 'reply' ORDER BY id LIMIT 1")
cat >"$T/new/6" <<EOF
[SMSBackup000]
SMSC = "+84980200030"
State = UnRead
Number = "+84912345678"
Coding = Unicode_No_Compression
Folder = 1
PDU = Status_Report
MessageReference = $mr
DateTime = 20261012T030500Z
Text00 = $(hex16 Delivered)
EOF
drop "$T/new/6"
wait_until 10 '[ "$(q "SELECT delivery FROM sms_out WHERE kind = '\''reply'\'' ORDER BY id LIMIT 1")" = delivered ]'
ok $? "a delivery report is matched to the reply it is about"
is "$(q "SELECT status FROM sms_out WHERE kind = 'reply' ORDER BY id LIMIT 1")" delivered "... which shows as delivered"

# 6. Whatever arrives gets an answer or a deliberate silence, never a crash.
printf '[SMSBackup000]\nNumber = "+84966666666"\nPDU = Deliver\nDateTime = 20261012T060000Z\nText00 = 00FF10FE7F\n' >"$T/new/7"
sms_section 0 "+84955555555" 20261012T060100Z "" >"$T/new/8"
sms_section 0 "VIETTEL" 20261012T060200Z "Khuyen mai 50%" >"$T/new/9"
sms_section 0 "+84944444444" 20261012T060300Z "😀😀 đây là gì vậy?" >"$T/new/10"
for f in 7 8 9 10; do drop "$T/new/$f"; done
wait_until 10 '[ "$(q "SELECT count(*) FROM sms_in WHERE status = '\''new'\''")" = 0 ] && [ "$(q "SELECT count(*) FROM sms_in")" = 7 ]'
ok $? "binary, empty, operator and emoji messages are all stored and handled"
wait_until 10 '[ -n "$(q "SELECT id FROM sms_in WHERE number = '\''VIETTEL'\'' AND status <> '\''new'\''")" ]'
is "$(q "SELECT count(*) FROM sms_in WHERE number = 'VIETTEL' AND status = 'ignored'")" 1 \
	"... an operator's message gets a deliberate silence"
echo "#   the operator's message: $(q "SELECT status || ' (' || note || ')' FROM sms_in WHERE number = 'VIETTEL'")"
kill -0 "$SMSD_PID"
ok $? "... and the daemon is still running"

# 7. Health and balance.
wait_until 15 '[ -n "$(q "SELECT balance FROM modem_health WHERE modem = '\''dummy1'\''")" ]'
ok $? "the balance is asked with the USSD code"
is "$(q "SELECT state, signal, operator, balance FROM modem_health")" "ok|42|GammuT3l|Reply for *101#" \
	"modem_health: state, signal, operator and the USSD answer"

# 8. SIGHUP re-reads the configuration and reconnects.
sed -i 's/^name = dummy1/name = dummy2/' "$T/gammurc"
kill -HUP "$SMSD_PID"
wait_until 10 '[ "$(q "SELECT state FROM modem_health WHERE modem = '\''dummy2'\''")" = ok ]'
ok $? "SIGHUP: the new modem name is in force"
sms_section 0 "+84933333333" 20261012T070000Z "hd" >"$T/new/11"
drop "$T/new/11"
wait_until 10 '[ "$(q "SELECT modem FROM sms_in WHERE number = '\''+84933333333'\''")" = dummy2 ]'
ok $? "... and messages go on being received"

# 9. The log never shows a phone number.
unlike "$(cat "$T/smsd.log")" "0912345678|84912345678|0987654321|84987654321" "no phone number in the log"
like "$(cat "$T/smsd.log")" "09xxxxx678" "... only masked ones"
hwm=$(awk '/^VmHWM/ {print $2}' "/proc/$SMSD_PID/status")
limit=16384
[ -n "${ASAN_OPTIONS:-}" ] && limit=1048576	# AddressSanitizer's shadow memory
ok "$([ "$hwm" -lt "$limit" ] && echo 0 || echo 1)" "the daemon's peak memory is under $((limit / 1024)) MB ($hwm kB)"

smsd_stop
is "$SMSD_RC" 0 "SIGTERM: the daemon exits with status 0"

# 10. A dry run with the null modem empties the queue without a radio.
q "INSERT INTO sms_out(number, kind, priority, body, created_at) VALUES
	('0911111111', 'notice', 1, 'Thu nghiem', datetime('now', 'localtime'))"
smsd_start "$T/null.log" --modem null --name dry
wait_until 10 '[ "$(q "SELECT status FROM sms_out WHERE number = '\''0911111111'\''")" = sent ]'
ok $? "--modem null: the queued message counts as sent"
smsd_stop
is "$SMSD_RC" 0 "... and exits cleanly"
is "$(q "SELECT count(*) FROM sms_out WHERE status IN ('queued', 'sending')")" 0 \
	"nothing is left queued or half-sent"

is "$(status mc check)" 0 "motcua check: the store is consistent"
done_testing
