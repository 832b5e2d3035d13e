# smsd-at.sh -- motcua-smsd against a simulated AT modem on a pseudo-terminal, so that
# libgammu's own AT driver runs: +CMTI notices, multipart in (reversed) and out,
# UCS-2, delivery reports (+CDS and stored), CMS errors retried then failed with the
# modem's reason, a re-delivered duplicate and a failed delete answered once, and a
# modem that stops answering, is reset and recovers.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../sms/smsd-lib.sh"
setup_office
sms_settings 1 3
code=$(mc intake --procedure 1.001193 --name "Nguyễn Văn Ân" --phone 0912345678)
ok $? "a dossier to ask about"

atsim_start
ok $? "the simulated modem serves a pseudo-terminal"
like "$PTS" "^/dev/pts/[0-9]+$" "... and prints its path"
cat >"$T/gammurc" <<EOF
[gammu]
device = $PTS
connection = at

[motcua-smsd]
name = at1
poll = 1
health = 10
watchdog = 10
send_timeout = 10
balance = *101#
EOF
smsd_start "$T/smsd.log" --gammurc "$T/gammurc"
wait_until 40 '[ "$(q "SELECT state FROM modem_health WHERE modem = '\''at1'\''")" = ok ]'
ok $? "the daemon initialises the modem through gammu's AT driver"

sent_to() {	# sent_to NUMBER: the lines of the wire log for parts sent to NUMBER
	awk -F'\t' -v n="$1" '$1 == "send" && $3 == n' "$WIRE"
}
settled() {	# nothing waits to be answered or sent
	[ "$(q "SELECT count(*) FROM sms_in WHERE status = 'new'")" = 0 ] &&
	[ "$(q "SELECT count(*) FROM sms_out WHERE status IN ('queued', 'sending')")" = 0 ]
}

# 1. A query in GSM 7-bit, announced with +CMTI.
atsim deliver +84912345678 gsm7 261012100405 "HS $code"
wait_until 20 '[ -n "$(sent_to 0912345678)" ] && [ "$(q "SELECT status FROM sms_out WHERE number = '\''0912345678'\''")" = sent ]'
ok $? "a query is read, answered, and the answer goes over the air"
is "$(q "SELECT number, smsc_time, body, status FROM sms_in")" \
	"+84912345678|2026-10-12T03:04:05Z|HS $code|answered" "... stored with the SMSC time in UTC"
like "$(sent_to 0912345678)" "Ho so $code" "... the reply names the dossier, unaccented GSM 7-bit"
is "$(sent_to 0912345678 | cut -f6,7)" "$(printf '1\tgsm7')" "... with a delivery report requested"
like "$(grep -c '^delete' "$WIRE")" "^[1-9]" "... and the message is deleted from the SIM"
mr=$(sent_to 0912345678 | cut -f2)
is "$(q "SELECT refs FROM sms_out WHERE number = '0912345678'")" "$mr" "the modem's reference is recorded"

# 2. A delivery report pushed with +CDS.
atsim report "$mr" 0912345678 delivered
wait_until 10 '[ "$(q "SELECT delivery FROM sms_out WHERE number = '\''0912345678'\''")" = delivered ]'
ok $? "a +CDS delivery report is matched by reference and number"

# 3. A long UCS-2 message whose parts are stored last part first.
long="Kính gửi UBND xã: cho tôi hỏi hồ sơ $code đã có kết quả chưa ạ? Tôi nộp sáng thứ hai, hẹn trả thứ năm mà chưa thấy báo. Cảm ơn nhiều 😀"
atsim deliver-rev +84987654321 ucs2 261012110000 "$long"
wait_until 20 '[ "$(q "SELECT status FROM sms_in WHERE number = '\''+84987654321'\''")" = answered ]'
ok $? "a concatenated UCS-2 message is joined and answered"
is "$(q "SELECT body FROM sms_in WHERE number = '+84987654321'")" "$long" \
	"... the text whole, in order, accents and emoji kept"
is "$(q "SELECT parts FROM sms_in WHERE number = '+84987654321'")" 3 "... from 3 parts"

# 4. A long accented notice goes out in UCS-2 parts with one reference.
notice="Kính gửi ông/bà: hồ sơ $code đã có kết quả. Mời ông/bà đến Bộ phận một cửa UBND xã Tân Lập để nhận kết quả trong giờ hành chính. Trân trọng."
q "INSERT INTO sms_out(number, kind, priority, body, encoding, parts, created_at)
	VALUES ('0912000333', 'notice', 1, '$notice', 'ucs2', 3, datetime('now', 'localtime'))"
wait_until 20 '[ "$(q "SELECT status FROM sms_out WHERE number = '\''0912000333'\''")" = sent ]'
ok $? "a multipart UCS-2 message is sent"
is "$(sent_to 0912000333 | cut -f4,7 | tr '\t\n' ' ')" "1/3 ucs2 2/3 ucs2 3/3 ucs2 " "... in 3 UCS-2 parts"
is "$(sent_to 0912000333 | cut -f5 | sort -u | wc -l)" 1 "... sharing one concatenation reference"
is "$(sent_to 0912000333 | cut -f8 | tr -d '\n')" "$notice" "... which join to the text"
is "$(q "SELECT refs FROM sms_out WHERE number = '0912000333'")" "$(sent_to 0912000333 | cut -f2 | paste -sd,)" \
	"... and every part's reference is recorded"
first=$(sent_to 0912000333 | head -n 1 | cut -f2)
atsim report "$first" 0912000333 failed store
wait_until 10 '[ "$(q "SELECT delivery FROM sms_out WHERE number = '\''0912000333'\''")" = failed ]'
ok $? "a delivery report stored on the SIM is read and matched"

# 5. CMS errors: retried with back-off; failed with the modem's reason at the end.
atsim cms 38 2
q "INSERT INTO sms_out(number, kind, priority, body, created_at)
	VALUES ('0912000444', 'notice', 1, 'Thu lai sau loi mang', datetime('now', 'localtime'))"
wait_until 30 '[ "$(q "SELECT status FROM sms_out WHERE number = '\''0912000444'\''")" = sent ]'
ok $? "a message refused twice (CMS 38) goes out on the third attempt"
is "$(awk -F'\t' '$3 == "0912000444" {print $1 $2}' "$WIRE" | tr '\n' ' ')" "refuse38 refuse38 send$(sent_to 0912000444 | cut -f2) " \
	"... the wire shows two refusals, then the send"
is "$(q "SELECT attempts FROM sms_out WHERE number = '0912000444'")" 3 "... three attempts counted"
atsim cms 42 99
q "INSERT INTO sms_out(number, kind, priority, body, created_at)
	VALUES ('0912000555', 'notice', 1, 'Mang qua tai', datetime('now', 'localtime'))"
wait_until 30 '[ "$(q "SELECT status FROM sms_out WHERE number = '\''0912000555'\''")" = failed ]'
ok $? "a message refused at every attempt ends failed"
like "$(q "SELECT attempts || ' ' || error FROM sms_out WHERE number = '0912000555'")" \
	"^3 .*CMS.* 42 \\(congestion\\)$" "... after 3 attempts, with the modem's reason"
atsim cms 21 1
q "INSERT INTO sms_out(number, kind, priority, body, created_at)
	VALUES ('0912000666', 'notice', 1, 'Bi tu choi', datetime('now', 'localtime'))"
wait_until 20 '[ "$(q "SELECT status FROM sms_out WHERE number = '\''0912000666'\''")" = failed ]'
ok $? "a permanent refusal (CMS 21) fails at once"
is "$(q "SELECT attempts FROM sms_out WHERE number = '0912000666'")" 1 "... without retrying"
atsim cms 0 0

# 6. The network delivers the same message twice: stored and answered once.
atsim deliver +84911111111 gsm7 261012120000 "hd"
atsim deliver +84911111111 gsm7 261012120000 "hd"
wait_until 20 '[ "$(grep -c "^deliver.*+84911111111" "$WIRE")" = 2 ] && [ -n "$(sent_to 0911111111)" ]'
ok $? "a re-delivered message is answered"
wait_until 10 settled
is "$(q "SELECT count(*) FROM sms_in WHERE number = '+84911111111'")" 1 "... stored once"
is "$(sent_to 0911111111 | wc -l)" 1 "... answered once"

# 7. A delete that fails: the message is read again, recognised, answered once.
atsim cmgd-fail 1
atsim deliver +84922222222 gsm7 261012130000 "tt khai sinh"
redeleted() {	# the index whose delete failed was deleted later
	awk -F'\t' '$1 == "delete-failed" { f = $2 } $1 == "delete" && f != "" && $2 == f { ok = 1 }
		END { exit !ok }' "$WIRE"
}
wait_until 30 redeleted
ok $? "after a failed delete the message is deleted on a later walk"
wait_until 10 '[ -n "$(sent_to 0922222222)" ] && settled'
is "$(q "SELECT count(*) FROM sms_in WHERE number = '+84922222222'")" 1 "... stored once"
is "$(q "SELECT count(*) FROM sms_out WHERE number = '0922222222'")" 1 "... answered once"
is "$(sent_to 0922222222 | wc -l)" "$(q "SELECT parts FROM sms_out WHERE number = '0922222222'")" \
	"... each part of the answer on the wire once"

# 8. The modem stops answering: reset, reconnected with back-off, work resumes.
before=$(q "SELECT last_error FROM modem_health")
atsim hang 15
q "INSERT INTO sms_out(number, kind, priority, body, created_at)
	VALUES ('0912000777', 'reply', 0, 'Sau khi modem treo', datetime('now', 'localtime'))"
wait_until 40 '[ "$(q "SELECT state FROM modem_health WHERE modem = '\''at1'\''")" != ok ]'
ok $? "a modem that stops answering is noticed ($(q "SELECT state FROM modem_health"))"
ok "$([ "$(q "SELECT last_error FROM modem_health")" != "$before" ] && echo 0 || echo 1)" \
	"... and the modem's error recorded for the console"
wait_until 60 '[ "$(q "SELECT status FROM sms_out WHERE number = '\''0912000777'\''")" = sent ]'
ok $? "after the reset and reconnection the queue moves again"
wait_until 20 '[ "$(q "SELECT state FROM modem_health WHERE modem = '\''at1'\''")" = ok ]'
ok $? "... and the health is ok again"
cpu=$(smsd_cpu)
ok "$([ "$cpu" -lt 5 ] && echo 0 || echo 1)" "the daemon never spun: ${cpu} s of CPU in all"

like "$(q "SELECT balance FROM modem_health")" "TKC 25000d" "the prepaid balance is read by USSD"
unlike "$(cat "$T/smsd.log")" "0912345678|84912345678|0987654321" "no phone number in the log"
smsd_stop
is "$SMSD_RC" 0 "SIGTERM: exit status 0"
is "$(status mc check)" 0 "motcua check: the store is consistent"
done_testing
