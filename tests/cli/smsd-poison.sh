# smsd-poison.sh -- a message that crashes libgammu must neither stop motcua-smsd nor
# make it crash again and again.  libgammu 1.42 overruns a stack buffer decoding a
# 7-bit PDU whose user data length is above 160 septets (the process aborts: "stack
# smashing detected"), and the reader of the dummy phone's files overruns the heap on
# a long UDH.  Against the simulated AT modem (a poison announced with +CMTI, and one
# found by a walk between two good messages) and the dummy phone: every good message
# is answered once, the poison is deleted from the modem unread after two workers died
# on it and recorded for the office as an ignored incoming message, the supervisor
# keeps running, and no worker dies after that.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../sms/smsd-lib.sh"
setup_office
sms_settings 1 3
export MOTCUA_LANG=en	# the daemon's log and notes in English, to match them here
code=$(mc intake --procedure 1.001193 --name "Nguyễn Văn Ân" --phone 0912345678)
ok $? "a dossier to ask about"

# The poison: SMSC +84980200030, DELIVER from +84912000999, 7-bit, UDL 180 septets
# (at most 160 fit in an SMS) with the 158 octets they take: 185 octets in all.
ud=$(printf '41%.0s' $(seq 158))
POISON="07914889200003F004""0B914819020099F9""0000""62201021304082""B4$ud"
deaths() {	# deaths: workers that died of a signal, as the supervisor logged it
	grep -c "died of signal" "$T/smsd.log"
}
answered() {	# answered NUMBER: replies that went over the air to NUMBER
	awk -F'\t' -v n="$1" '$1 == "send" && $3 == n' "$WIRE" | wc -l
}
calm() {	# calm SECONDS: no worker died for that long (the walks go on meanwhile)
	_c_before=$(deaths)
	_c_end=$(($(date +%s) + $1))
	while [ "$(date +%s)" -lt "$_c_end" ]; do
		[ "$(deaths)" != "$_c_before" ] && return 1
		sleep 0.2
	done
	return 0
}
purged() {	# purged INDEX: AT+CMGD of INDEX since the poison was stored there
	awk -F'\t' -v i="$1" '$1 == "deliver-pdu" && $2 == i { p = 1; n = 0 }
		p && $1 == "delete" && $2 == i { n++ } END { print n + 0 }' "$WIRE"
}
unreadable() {	# unreadable: the rows recorded for deleted unreadable messages
	q "SELECT number || '|' || body || '|' || status FROM sms_in WHERE note LIKE 'unreadable message deleted%'"
}

# ---------------------------------------------------------------- AT, +CMTI
atsim_start
ok $? "the simulated modem serves a pseudo-terminal"
cat >"$T/gammurc" <<EOF
[gammu]
device = $PTS
connection = at

[motcua-smsd]
name = at1
poll = 1
poll_idle = 2
watchdog = 20
backoff_max = 4
balance =
EOF
smsd_start "$T/smsd.log" --gammurc "$T/gammurc"
wait_until 40 '[ "$(q "SELECT state FROM modem_health WHERE modem = '\''at1'\''")" = ok ]'
ok $? "the daemon initialises the modem"
worker=$(smsd_worker)
like "$worker" "^[0-9]+$" "... in a worker process of the supervisor"

atsim deliver +84912345678 gsm7 261012100405 "HS $code"
wait_until 30 '[ "$(answered 0912345678)" = 1 ]'
ok $? "a good message before the poison is answered"

atsim deliver-pdu "$POISON"
wait_until 10 'grep -q "^deliver-pdu" "$WIRE"'
idx=$(awk -F'\t' '$1 == "deliver-pdu" { print $2 }' "$WIRE" | tail -n 1)
like "$idx" "^[0-9]+$" "the simulated modem stores the poison (index $idx) and announces it"
wait_until 60 '[ "$(deaths)" -ge 1 ]'
ok $? "reading it kills the worker: libgammu crashes on it"
like "$(grep "died of signal" "$T/smsd.log" | head -n 1)" "signal 6 .*location $idx" \
	"... the supervisor logs the signal and the message's place"
wait_until 90 '[ "$(purged "$idx")" = 1 ]'
ok $? "the poison is deleted from the modem unread"
is "$(deaths)" 2 "... after two workers died on it"
is "$(unreadable)" "||ignored" "... recorded as an ignored message without sender or text"
like "$(q "SELECT note FROM sms_in WHERE note LIKE 'unreadable%'")" "location $idx\\)" "... saying where it was"
ok "$(running "$SMSD_PID" && echo 0 || echo 1)" "the supervisor is still running"
atsim deliver +84912345678 gsm7 261012100505 "HD"
wait_until 60 '[ "$(answered 0912345678)" = 2 ]'
ok $? "a good message after the poison is answered"
calm 8
ok $? "no worker died since: no loop ($(deaths) deaths in all)"
atsim status
wait_until 5 'grep -q "^stored" "$WIRE"'
is "$(grep "^stored" "$WIRE" | tail -n 1 | cut -f2)" 0 "the modem's memory is empty"
worker=$(smsd_worker)
smsd_stop
is "$SMSD_RC" 0 "SIGTERM: the supervisor exits with status 0"
ok "$(running "$worker" && echo 1 || echo 0)" "... and its worker is gone"
atsim_stop

# ---------------------------------------------------------------- AT, a walk
# No +CMTI: the walk of the modem's memory finds a good message, the poison, another.
mv "$T/smsd.log" "$T/smsd-1.log"
atsim_start --listen "$T/sock"
ok $? "the simulated modem listens (proxyat)"
atsim_rc "$T/gammurc" at2 "poll = 0.5" "poll_idle = 1" "backoff_max = 4" "balance ="
atsim notify off
atsim deliver +84987000001 gsm7 261012110000 "HS $code"
atsim deliver-pdu "$POISON"
atsim deliver +84987000002 gsm7 261012110100 "HS $code"
wait_until 5 '[ "$(grep -c "^deliver" "$WIRE")" = 3 ]'
idx=$(awk -F'\t' '$1 == "deliver-pdu" { print $2 }' "$WIRE")
smsd_start "$T/smsd.log" --gammurc "$T/gammurc"
wait_until 90 '[ "$(answered 0987000001)" -ge 1 ] && [ "$(answered 0987000002)" -ge 1 ]'
ok $? "both good messages around the poison are answered"
is "$(answered 0987000001)$(answered 0987000002)" 11 "... each once"
is "$(q "SELECT count(*) FROM sms_in WHERE number IN ('+84987000001', '+84987000002')")" 2 \
	"... each stored once (the one read before each death was recognised)"
is "$(purged "$idx")" 1 "the poison (index $idx) is deleted unread"
is "$(deaths)" 2 "... after two deaths"
is "$(unreadable | wc -l)" 2 "... and recorded"
calm 5
ok $? "no worker died since"
ok "$(running "$SMSD_PID" && echo 0 || echo 1)" "the supervisor is still running"
smsd_stop
is "$SMSD_RC" 0 "SIGTERM: status 0"
atsim_stop

# ---------------------------------------------------------------- the dummy phone
# A file whose UDH is 15,000 octets: gammu's reader overruns the heap and aborts.
mv "$T/smsd.log" "$T/smsd-2.log"
PHONE=$T/phone
mkdir -p "$PHONE/sms/1" "$T/new"
cat >"$T/gammurc" <<EOF
[gammu]
model = dummy
connection = none
device = $PHONE

[motcua-smsd]
name = dummy1
poll = 0.2
backoff_max = 4
balance =
EOF
sms_section 0 "+84911000001" 20261012T030405Z "HS $code" >"$PHONE/sms/1/1"
{
	printf '[SMSBackup000]\nNumber = "+84911000009"\nCoding = Default_No_Compression\n'
	printf 'Folder = 1\nPDU = Deliver\nDateTime = 20261012T030500Z\nUDH = '
	printf '41%.0s' $(seq 15000)
	printf '\nText00 = 00480044\n'
} >"$PHONE/sms/1/2"
sms_section 0 "+84911000002" 20261012T030605Z "HS $code" >"$PHONE/sms/1/3"
before=$(q "SELECT count(*) FROM sms_out WHERE kind = 'reply'")
smsd_start "$T/smsd.log" --gammurc "$T/gammurc"
wait_until 60 '[ ! -e "$PHONE/sms/1/2" ] && [ ! -e "$PHONE/sms/1/3" ]'
ok $? "the dummy phone: the poisoned file is deleted, the good ones taken"
wait_until 20 '[ "$(q "SELECT count(*) FROM sms_out WHERE kind = '\''reply'\'' AND status = '\''sent'\''")" = $((before + 2)) ]'
ok $? "... both good messages answered"
is "$(q "SELECT count(*) FROM sms_in WHERE number IN ('+84911000001', '+84911000002')")" 2 "... once each"
is "$(deaths)" 2 "... after two deaths"
like "$(q "SELECT note FROM sms_in WHERE modem = 'dummy1' AND note LIKE 'unreadable%'")" "folder 1, location (1000)?2\\)" \
	"... the unreadable message recorded with its place"
calm 3
ok $? "no worker died since"
smsd_stop
is "$SMSD_RC" 0 "SIGTERM: status 0"
unlike "$(cat "$T/smsd.log" "$T/smsd-1.log" "$T/smsd-2.log")" "0912345678|84912345678|0987000001" \
	"no phone number in the logs"
is "$(status mc check)" 0 "motcua check: the store is consistent"
done_testing
