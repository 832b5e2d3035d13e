# kill-lib.sh -- power cuts: the programs of an office working together, all killed
# with SIGKILL at one random moment, round after round; tests/cli/kill.sh runs a few
# rounds, scripts/kill-rounds many.  Source it after ../lib.sh and sms/smsd-lib.sh.
#
# Each participant is one function, part_NAME, that works for ever; a round starts
# each in a session of its own (setsid), so that the cut kills every process it
# started (the motcua commands, the SMS daemon's supervisor and worker) at once:
#	part_intake N	a counter clerk: one dossier after another; the codes the
#			command printed are appended to $T/codes
#	part_events	a second clerk: notes and corrections on those dossiers; each
#			that the command reported done is appended to $T/events.done
#	part_smsd	motcua-smsd on the simulated AT modem (the only fake phone whose
#			sending can be witnessed: the dummy phone keeps no record of
#			what it sent), answering what citizens text and sending notices
# The sync client and the province hub (issue 8) join as two more functions when the
# sync branch lands, each listed in KILL_PARTS:
#	part_sync	motcua-sync --watch against the hub (SYNC HOOK)
#	part_hub	motcua-hub on its PostgreSQL (HUB HOOK)
# and round_check() then also checks that the hub and the office agree after the
# next sync.
#
# Environment shared with the participants: T, DB, MOTCUA, SMSD, KILL_ROUND.

KILL_PARTS=${KILL_PARTS:-"intake:1 intake:2 events smsd"}

part_intake() {
	_n=0
	while :; do
		_n=$((_n + 1))
		# Unique numbers, so that the modem's wire log tells each notice apart; a
		# notice for the first dossier of a round only (a part takes 0.7 s to send).
		_phone=$(printf '03%03d%d%04d' "$KILL_ROUND" "$1" "$_n")
		_sms=no
		[ "$_n" = 1 ] && [ "$1" = 1 ] && _sms=yes
		"$MOTCUA" intake --procedure 1.001193 --name "Người Nộp $KILL_ROUND-$1-$_n" \
			--phone "$_phone" --sms "$_sms" >>"$T/codes" 2>>"$T/writers.err"
		sleep 0.05
	done
}

part_events() {
	_n=0
	while :; do
		_c=$(tail -n 20 "$T/codes" 2>/dev/null | shuf -n 1)
		if [ -z "$_c" ]; then
			sleep 0.05
			continue
		fi
		_n=$((_n + 1))
		if [ $((_n % 3)) = 0 ]; then
			"$MOTCUA" event "$_c" edited --address "Thôn $KILL_ROUND-$_n" 2>>"$T/writers.err"
		else
			_note="r$KILL_ROUND-e$_n"
			"$MOTCUA" event "$_c" note --note "$_note" 2>>"$T/writers.err" &&
				echo "$_c $_note" >>"$T/events.done"
		fi
		sleep 0.03
	done
}

part_smsd() {
	exec "$SMSD" --db "$DB" --foreground --gammurc "$T/gammurc" 2>>"$T/smsd.log"
}

# kill_setup: the office, the modem and its settings (a lease of 3 s, so that a
# message the cut left 'sending' goes back to the queue soon).
kill_setup() {
	setup_office
	sms_settings 1 1000
	q "INSERT OR REPLACE INTO setting(key, value) VALUES ('sms.lease', '3')"
	: >"$T/codes"
	: >"$T/events.done"
	: >"$T/writers.err"
	: >"$T/delivered"
	atsim_start --listen "$T/sock" || return 1
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
	export T DB MOTCUA SMSD KILL_LIB
}

# kill_round N: a citizen texts, every participant starts, and after a random 0.3
# to 2 s every process they started is killed at once.
kill_round() {
	KILL_ROUND=$1
	export KILL_ROUND
	_from=$(printf '+8498%03d%04d' "$(($1 % 1000))" 1)
	atsim deliver "$_from" gsm7 now "HS $(tail -n 1 "$T/codes" 2>/dev/null || echo 1) lan $1"
	echo "$_from" >>"$T/delivered"
	KILL_GROUPS=""
	for _p in $KILL_PARTS; do
		_arg=${_p#*:}
		[ "$_arg" = "$_p" ] && _arg=""
		setsid sh -c '. "$KILL_LIB"; part_'"${_p%%:*}"' '"$_arg" </dev/null &
		KILL_GROUPS="$KILL_GROUPS $!"
	done
	sleep "$(awk -v r="$(shuf -i 30-200 -n 1)" 'BEGIN { printf "%.2f", r / 100 }')"
	printf 'kill\t%d\t%s\n' "$1" "$(date +%s.%6N)" >>"$WIRE"
	kill_cut
}

# kill_cut: SIGKILL to every process of every participant at once; wait until they
# are gone.  (Also the EXIT trap's: nothing a round started outlives the test.)
kill_cut() {
	for _g in $KILL_GROUPS; do
		kill -9 "-$_g" 2>/dev/null
	done
	for _g in $KILL_GROUPS; do
		wait "$_g" 2>/dev/null
	done
	for _g in $KILL_GROUPS; do
		_i=0
		while [ -n "$(ps -o pid= -s "$_g" 2>/dev/null)" ] && [ $_i -lt 50 ]; do
			sleep 0.1
			_i=$((_i + 1))
		done
	done
	KILL_GROUPS=""
}

# wire_sends: per number on the modem's wire log, "NUMBER|LAST-MR|TIMES" (first parts).
wire_sends() {
	awk -F'\t' '$1 == "send" && $4 ~ /^1\// { last[$3] = $2; n[$3]++ }
		END { for (k in n) printf "%s|%s|%d\n", k, last[k], n[k] }' "$WIRE" | sort
}

# round_check: after a round, what must hold; prints each problem, returns 1 if any.
round_check() {
	_bad=0
	if ! _out=$("$MOTCUA" check 2>&1); then
		echo "motcua check: $(printf '%s' "$_out" | tail -n 3 | tr '\n' ' ')"
		_bad=1
	fi
	_fk=$(q "PRAGMA foreign_key_check")
	[ -z "$_fk" ] || { echo "foreign keys: $_fk"; _bad=1; }
	q "SELECT code FROM dossier" | sort >"$T/stored"
	_lost=$(sort -u "$T/codes" | comm -23 - "$T/stored")
	[ -z "$_lost" ] || { echo "printed but not stored: $(echo $_lost)"; _bad=1; }
	q "SELECT code || ' ' || json_extract(payload, '\$.note') FROM dossier_event WHERE kind = 'note'" |
		sort >"$T/notes"
	_lost=$(sort -u "$T/events.done" | comm -23 - "$T/notes")
	[ -z "$_lost" ] || { echo "events done but not stored: $(echo $_lost)"; _bad=1; }
	# Sent twice (twice on the wire): flagged; sent after its acknowledgement was
	# recorded (the wire's last reference is not the store's): never.
	wire_sends >"$T/wire.tsv"
	while IFS='|' read -r _num _mr _times; do
		_row=$(q "SELECT twice || '|' || coalesce(refs, '') FROM sms_out WHERE number = '$_num'")
		if [ "$_times" -gt 1 ] && [ "${_row%%|*}" != 1 ]; then
			echo "$_num went out $_times times, not flagged"
			_bad=1
		fi
		_refs=${_row#*|}
		if [ -n "$_refs" ] && [ "${_refs##*,}" != "$_mr" ]; then
			echo "$_num went out again after its acknowledgement ($_refs) was recorded (last $_mr)"
			_bad=1
		fi
	done <"$T/wire.tsv"
	return $_bad
}

# kill_figures: what the rounds did.
kill_figures() {
	echo "# dossiers $(q "SELECT count(*) FROM dossier"), events $(q "SELECT count(*) FROM dossier_event"),"\
		"SMS in $(q "SELECT count(*) FROM sms_in"), SMS out $(q "SELECT count(*) FROM sms_out")"\
		"(sent $(q "SELECT count(*) FROM sms_out WHERE status IN ('sent', 'delivered')"),"\
		"flagged 'possibly sent twice' $(q "SELECT count(*) FROM sms_out WHERE twice = 1"),"\
		"twice on the wire $(wire_sends | awk -F'|' '$3 > 1' | wc -l))"
}
