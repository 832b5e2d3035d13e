# smsd-kill.sh -- kill -9 motcua-smsd at random moments while it receives, answers and
# sends, 50 times (KILL_ROUNDS=100 for more), against the simulated AT modem (through gammu's
# proxyat connection, which skips the slow writes of a serial line).  The supervisor
# is killed; its worker dies with it.  Then one clean run, and: no incoming message
# lost or stored twice, every one answered once, the SIM emptied, and no outgoing
# message sent again after the modem acknowledged it and the daemon recorded it (the
# wire log of the simulated modem is the judge).  The daemon records the network's
# acknowledgement the moment the modem answers, so a message can only go out twice if
# the kill lands in the instant between the modem's answer and that record: each one
# that did must be flagged "possibly sent twice" for the SMS centre (how long after the
# answer its kill came is printed, not asserted: it depends on the machine's load).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../sms/smsd-lib.sh"
ROUNDS=${KILL_ROUNDS:-50}
setup_office
sms_settings 1 1000
q "INSERT OR REPLACE INTO setting(key, value) VALUES ('sms.lease', '3')"
code=$(mc intake --procedure 1.001193 --name "Nguyễn Văn Ân" --phone 0912345678)
ok $? "a dossier to ask about"

atsim_start --listen "$T/sock"
ok $? "the simulated modem listens"
cat >"$T/gammurc" <<EOF
[gammu]
device = $ATSIM --relay $T/sock
connection = proxyat

[motcua-smsd]
name = k1
poll = 0.2
watchdog = 10
send_timeout = 10
balance =
EOF

started=$(date +%s)
i=1
while [ "$i" -le "$ROUNDS" ]; do
	atsim deliver "$(printf '+8491%07d' "$i")" gsm7 now "HS $code lan $i"
	# every 5th round a notice too (a part takes gammu 0.7 s: keep the run bounded)
	[ $((i % 5)) = 0 ] && q "INSERT INTO sms_out(number, kind, priority, body, created_at)
		VALUES ('$(printf '0913%06d' "$i")', 'notice', 1, 'Thong bao so $i', datetime('now', 'localtime'))"
	smsd_start "$T/smsd.log" --gammurc "$T/gammurc"
	sleep "$(awk -v r="$(shuf -i 10-140 -n 1)" 'BEGIN { printf "%.2f", r / 100 }')"
	printf 'kill\t%d\t%s\n' "$i" "$(date +%s.%6N)" >>"$WIRE"
	kill -KILL "$SMSD_PID"
	wait "$SMSD_PID" 2>/dev/null
	SMSD_PID=""
	i=$((i + 1))
done
rounds_took=$(($(date +%s) - started))
ok 0 "$ROUNDS daemons killed with SIGKILL at random moments (${rounds_took} s)"
echo "# during the kills: $(q "SELECT count(*) FROM sms_in") stored, $(q "SELECT count(*) FROM sms_out WHERE status = 'sent'") sent"

# One clean run finishes the work.
smsd_start "$T/smsd.log" --gammurc "$T/gammurc"
done_yet() {
	[ "$(q "SELECT count(*) FROM sms_in")" = "$ROUNDS" ] &&
	[ "$(q "SELECT count(*) FROM sms_in WHERE status = 'new'")" = 0 ] &&
	[ "$(q "SELECT count(*) FROM sms_out WHERE status IN ('queued', 'sending')")" = 0 ]
}
wait_until 120 done_yet
ok $? "a clean run afterwards finishes the work"
atsim status
wait_until 5 'grep -q "^stored" "$WIRE"'
is "$(grep "^stored" "$WIRE" | tail -n 1 | cut -f2)" 0 "the SIM is empty: every message was taken"
smsd_stop
is "$SMSD_RC" 0 "... and stops with status 0"

# Incoming: none lost, none twice, each answered once.
is "$(q "SELECT count(*) FROM sms_in")" "$ROUNDS" "every incoming message is stored"
is "$(q "SELECT count(DISTINCT body) FROM sms_in")" "$ROUNDS" "... each exactly once"
is "$(q "SELECT count(*) FROM sms_in WHERE status = 'answered' AND reply IS NOT NULL")" "$ROUNDS" \
	"... each answered"
is "$(q "SELECT count(*) FROM sms_out WHERE kind = 'reply'")" "$ROUNDS" "... by exactly one reply"

# Outgoing: what the wire saw against what the store recorded.  For every number, the
# last transmission must be the one whose reference the store holds: nothing went out
# again after an acknowledgement was recorded.
awk -F'\t' '$1 == "send" { last[$3] = $2; n[$3]++ }
	END { for (k in n) printf "%s|%s|%d\n", k, last[k], n[k] }' "$WIRE" | sort >"$T/wire.tsv"
q "SELECT number, refs FROM sms_out ORDER BY number" >"$T/store.tsv"
is "$(q "SELECT count(*) FROM sms_out WHERE status = 'sent'")" $((ROUNDS + ROUNDS / 5)) "every outgoing message is sent"
is "$(cut -d'|' -f1,2 "$T/wire.tsv")" "$(cat "$T/store.tsv")" \
	"no message went out again after its acknowledgement was recorded"
# Each message that went out twice: how long after the modem's first answer the kill
# that interrupted the daemon came (the kill's time is taken just before it is sent).
awk -F'\t' '$1 == "kill" { k[++nk] = $3 }
	$1 == "send" { n[$3]++; if (!($3 in t)) t[$3] = $9 }
	END { for (m in n) if (n[m] > 1) { d = -1
		for (i = 1; i <= nk; i++) if (k[i] >= t[m] - 0.005) { d = k[i] - t[m]; break }
		printf "%s %.6f\n", m, d } }' "$WIRE" | sort >"$T/twice.txt"
again=$(wc -l <"$T/twice.txt")
flagged=$(q "SELECT count(*) FROM sms_out WHERE twice = 1")
echo "# $again of $((ROUNDS + ROUNDS / 5)) messages went out twice (killed between the modem's answer and its record);"
echo "# $flagged flagged 'possibly sent twice' (killed after a part was handed to the modem, before its answer was recorded)"
while read -r num delay; do
	echo "#   $num: killed $delay s after the modem's first answer; flagged: $(q "SELECT twice FROM sms_out WHERE number = '$num'")"
done <"$T/twice.txt"
# How soon after the modem's answer a kill can still cause a second sending depends on
# how loaded the machine is, so it is shown above, not asserted: what must hold is that
# the office is told.
is "$(while read -r num delay; do q "SELECT twice FROM sms_out WHERE number = '$num'"; done <"$T/twice.txt" | grep -vc '^1$')" 0 \
	"every message that went out twice is flagged 'possibly sent twice'"
ok "$([ "$again" -le "$flagged" ] && echo 0 || echo 1)" "no more messages went out twice than are flagged"
is "$(status mc check)" 0 "motcua check: the store is consistent"
total=$(($(date +%s) - started))
ok "$([ "$total" -lt 170 ] && echo 0 || echo 1)" "the whole run stays bounded (${total} s)"
done_testing
