# smsd-unreadable.sh -- a message motcua-smsd cannot handle never stops it.  On Gammu's
# dummy phone: a message file without a sender, one whose sender is an empty value,
# an empty (unreadable) file, a 300-digit sender and a part "9 of 3", each in front of
# good messages.  Every good message is answered once; what cannot be read is recorded
# once for the office (an ignored incoming message saying where it was and why) and
# deleted from the phone; nothing is read again and again, and the log does not fill.
# One that cannot be deleted either is recorded once and passed over.  The same on the
# simulated AT modem with a PDU libgammu calls corrupted.  Then a flood: 500 queries
# with 4 unreadable messages among them, all 496 answered.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../sms/smsd-lib.sh"
setup_office
sms_settings
export MOTCUA_LANG=en	# the daemon's log and notes in English, to match them here
code=$(mc intake --procedure 1.001193 --name "Nguyễn Văn Ân" --phone 0912345678)
ok $? "a dossier to ask about"
PHONE=$T/phone
mkdir -p "$PHONE/sms/1"
cat >"$T/gammurc" <<EOF
[gammu]
model = dummy
connection = none
device = $PHONE

[motcua-smsd]
name = dummy1
poll = 0.2
poll_idle = 0.5
backoff_max = 4
balance =
EOF

deaths() { grep -c "died of signal" "$T/smsd.log"; }
replies() {	# replies: replies sent
	q "SELECT count(*) FROM sms_out WHERE kind = 'reply' AND status IN ('sent', 'delivered')"
}
unreadable() {	# unreadable: rows recorded for messages deleted unread
	q "SELECT count(*) FROM sms_in WHERE note LIKE 'unreadable message deleted%'"
}
# section NUMBER-LINE TEXT: a message file with the given Number line (or none)
section() {
	printf '[SMSBackup000]\nSMSC = "+84980200030"\nState = UnRead\n%s' "$1"
	printf 'Coding = Unicode_No_Compression\nFolder = 1\nPDU = Deliver\n'
	printf 'DateTime = 20261012T030405Z\nText00 = %s\n' "$(hex16 "$2")"
}

# ---------------------------------------------------------------- one of each, in front
long=$(printf '9%.0s' $(seq 300))
section "" "HD" >"$PHONE/sms/1/1"					# no sender at all
sms_section 0 "+84911000001" 20261012T030501Z "HS $code" >"$PHONE/sms/1/2"
: >"$PHONE/sms/1/3"							# an empty file
sms_section 0 "+84911000002" 20261012T030502Z "HS $code" >"$PHONE/sms/1/4"
section 'Number = 
' "HD" >"$PHONE/sms/1/5"						# "Number =" and nothing
sms_section 0 "+84911000003" 20261012T030503Z "HS $code" >"$PHONE/sms/1/6"
sms_section 0 "+$long" 20261012T030504Z "HS $code" >"$PHONE/sms/1/7"	# 300 digits
sms_section 0 "+84911000004" 20261012T030505Z "HS $code" 050003C70309 >"$PHONE/sms/1/8"
sms_section 0 "+84911000005" 20261012T030506Z "HS $code" >"$PHONE/sms/1/9"
# The phone gives parts together that are not a whole message.
{ sms_section 0 "+84911000006" 20261012T030507Z "HS " 050003C80301
  sms_section 1 "+84911000006" 20261012T030507Z "$code" 050003C80302; } >"$PHONE/sms/1/10"
{ sms_section 0 "+84911000007" 20261012T030508Z "HS " 050003C90301
  sms_section 1 "+84911000007" 20261012T030508Z "$code" 050003C90309; } >"$PHONE/sms/1/11"
smsd_start "$T/smsd.log" --gammurc "$T/gammurc"
wait_until 30 '[ "$(q "SELECT count(*) FROM sms_in WHERE number LIKE '\''+849110000%'\'' AND status <> '\''new'\''")" = 7 ]'
ok $? "every good message behind an unreadable one is read and handled"
wait_until 20 '[ "$(replies)" -ge 7 ]'
ok $? "... and the seven queries answered (the incomplete ones as they came)"
is "$(q "SELECT group_concat(number, ' ') FROM (SELECT o.number FROM sms_out o WHERE o.kind = 'reply' ORDER BY o.number)")" \
	"0911000001 0911000002 0911000003 0911000004 0911000005 0911000006 0911000007" \
	"... each by one reply to its sender"
wait_until 20 '[ -z "$(ls "$PHONE/sms/1")" ]'
ok $? "the phone's inbox is empty: the unreadable files are deleted too"
is "$(unreadable)" 3 "the three unreadable messages are recorded"
is "$(q "SELECT count(*) FROM sms_in WHERE note LIKE 'unreadable%' AND status = 'ignored' AND number = '' AND body = ''")" 3 \
	"... as ignored messages without sender or text"
like "$(q "SELECT note FROM sms_in WHERE note LIKE 'unreadable%' ORDER BY id LIMIT 1")" \
	"unreadable message deleted from the modem \\(location 10001\\): the modem cannot read it" \
	"... saying where it was and why"
like "$(q "SELECT note FROM sms_in WHERE note LIKE 'unreadable%' AND note LIKE '%10003%'")" "File format not supported" \
	"... the empty file with the modem's own words"
is "$(q "SELECT status || '|' || substr(number, 1, 4) || '|' || length(number) FROM sms_in WHERE number LIKE '+9999%'")" \
	"ignored|+999|47" "the 300-digit sender is stored cut, and not answered"
is "$(q "SELECT note FROM sms_in WHERE number = '+84911000004'")" \
	"incomplete: part 9 of 3 is not a valid part" "a part \"9 of 3\" is recorded as an incomplete message"
unlike "$(cat "$T/smsd.log")" "part 9 of 3 .* completes" "... never as one that completes a message"
is "$(q "SELECT parts || '|' || note FROM sms_in WHERE number = '+84911000006'")" "2|incomplete: 2 of 3 parts" \
	"parts 1 and 2 of 3 given together: one message, noted incomplete"
is "$(q "SELECT body || '|' || note FROM sms_in WHERE number = '+84911000007'")" \
	"HS $code|incomplete: part 9 of 3 is not a valid part" "parts 1 and \"9\" of 3 given together: the same"
# Let the daemon walk the (empty) phone a while: nothing more is recorded or logged.
rows=$(q "SELECT count(*) FROM sms_in")
lines=$(wc -l <"$T/smsd.log")
sleep 2
is "$(q "SELECT count(*) FROM sms_in")" "$rows" "nothing is recorded twice"
is "$(wc -l <"$T/smsd.log")" "$lines" "... and nothing more is logged"
ok "$([ "$lines" -lt 40 ] && echo 0 || echo 1)" "the whole log is short ($lines lines)"
is "$(deaths)" 0 "no worker died"
is "$(grep -c 'received again' "$T/smsd.log")" 0 "no message was read again"
smsd_stop
is "$SMSD_RC" 0 "SIGTERM: status 0"

# ---------------------------------------------------------------- a message behind one that stays
# An unreadable message that cannot be deleted (a directory where the phone keeps a
# message file: read, it fails; unlinked, it stays, whoever runs the test) is recorded
# once and then passed over quietly; the messages behind it are still answered.
mv "$T/smsd.log" "$T/smsd-1.log"
rm -rf "$PHONE"/sms/1/*
mkdir "$PHONE/sms/1/1"
sms_section 0 "+84922000001" 20261012T040001Z "HS $code" >"$PHONE/sms/1/2"
before=$(unreadable)
smsd_start "$T/smsd.log" --gammurc "$T/gammurc"
wait_until 20 '[ "$(q "SELECT status FROM sms_in WHERE number = '\''+84922000001'\''")" = answered ]'
ok $? "a good message behind an undeletable unreadable one is answered"
wait_until 10 '[ "$(unreadable)" = $((before + 1)) ]'
ok $? "... the unreadable one recorded"
lines=$(wc -l <"$T/smsd.log")
sleep 3
is "$(unreadable)" $((before + 1)) "... once, though it stays on the phone"
ok "$([ "$(wc -l <"$T/smsd.log")" -le $((lines + 3)) ] && echo 0 || echo 1)" \
	"... and the walks that find it again do not fill the log ($lines, then $(wc -l <"$T/smsd.log") lines)"
is "$(deaths)" 0 "... no worker died"
smsd_stop
rmdir "$PHONE/sms/1/1"
rm -f "$PHONE"/sms/1/*

# ---------------------------------------------------------------- an AT modem
# A stored PDU libgammu's AT driver calls corrupted (an SMSC address and nothing
# after it), in front of a good message: the same rule on the simulated modem.
mv "$T/smsd.log" "$T/smsd-2.log"
atsim_start --listen "$T/sock"
ok $? "the simulated AT modem listens (proxyat)"
atsim_rc "$T/at.rc" at1 "poll = 0.5" "poll_idle = 1" "backoff_max = 4" "balance ="
atsim notify off
atsim deliver-pdu 07914889200003F004
atsim deliver +84987000002 gsm7 261012110100 "HS $code"
wait_until 5 '[ "$(grep -c "^deliver" "$WIRE")" = 2 ]'
before=$(unreadable)
smsd_start "$T/smsd.log" --gammurc "$T/at.rc"
wait_until 60 'awk -F"\t" "\$1 == \"send\" && \$3 == \"0987000002\"" "$WIRE" | grep -q .'
ok $? "the good message behind a corrupted one is answered over the air"
wait_until 20 'grep -q "^delete	1$" "$WIRE"'
ok $? "... the corrupted one is deleted from the modem"
is "$(unreadable)" $((before + 1)) "... and recorded once"
like "$(q "SELECT note FROM sms_in WHERE modem = 'at1' AND note LIKE 'unreadable%'")" "location 1\): .*Corrupted" \
	"... with the modem's reason"
is "$(deaths)" 0 "... no worker died"
smsd_stop
atsim_stop

# ---------------------------------------------------------------- a flood
# 500 queries (message k from +8493<k>), four of them unreadable (no sender at 1, 100,
# 250; an empty file at 499), all in the phone before the daemon starts.
mv "$T/smsd.log" "$T/smsd-3.log"
q "DELETE FROM sms_in; DELETE FROM sms_out;"
awk -v dir="$PHONE/sms/1" -v code="HS $code" 'BEGIN {
	for (c = 32; c < 127; c++) ord[sprintf("%c", c)] = c
	for (j = 1; j <= length(code); j++) hex = hex sprintf("%04X", ord[substr(code, j, 1)])
	for (k = 1; k <= 500; k++) {
		f = dir "/" k
		if (k == 499) { printf "" > f; close(f); continue }
		printf "[SMSBackup000]\nSMSC = \"+84980200030\"\nState = UnRead\n" > f
		if (k != 1 && k != 100 && k != 250)
			printf "Number = \"+8493%07d\"\n", k > f
		printf "Coding = Unicode_No_Compression\nFolder = 1\nPDU = Deliver\n" > f
		printf "DateTime = 20261012T050000Z\nText00 = %s\n", hex > f
		close(f)
	} }'
is "$(ls "$PHONE/sms/1" | wc -l)" 500 "500 messages wait in the phone"
smsd_start "$T/smsd.log" --gammurc "$T/gammurc"
wait_until 90 '[ "$(replies)" = 496 ]'
ok $? "every one of the 496 good messages is answered ($(replies) replies)"
is "$(q "SELECT count(DISTINCT number) FROM sms_out WHERE kind = 'reply'")" 496 "... each once"
wait_until 20 '[ "$(unreadable)" = 4 ]'
ok $? "the 4 unreadable ones are recorded"
wait_until 20 '[ -z "$(ls "$PHONE/sms/1")" ]'
ok $? "... and the phone is empty"
lines=$(wc -l <"$T/smsd.log")
ok "$([ "$lines" -le 1100 ] && echo 0 || echo 1)" "the log grows with the messages, not with retries ($lines lines for 500 messages)"
is "$(deaths)" 0 "no worker died"
smsd_stop
is "$SMSD_RC" 0 "SIGTERM: status 0"
unlike "$(cat "$T"/smsd*.log)" "0911000001|84911000001|0912345678" "no phone number in the logs"
is "$(status mc check)" 0 "motcua check: the store is consistent"
done_testing
