# kill-lib.sh -- power cuts: the programs of an office working together, all killed
# with SIGKILL at one random moment, round after round; tests/cli/kill.sh runs a few
# rounds, scripts/kill-rounds many.  Source it after ../lib.sh, sms/smsd-lib.sh and
# sync/lib.sh.
#
# Each participant is one function, part_NAME, that works for ever; a round starts
# each in a session of its own (setsid), so that the cut kills every process it
# started (the motcua commands, the SMS daemon's supervisor and worker, the hub and
# its threads, the sync clients) at once:
#	part_intake N	a counter clerk: one dossier after another; the codes the
#			command printed are appended to $T/codes
#	part_events	a second clerk: notes and corrections on those dossiers, and now
#			and then a dossier handed over to office b (the next commune);
#			each that the command reported done is appended to
#			$T/events.done (notes) or $T/transfers.done
#	part_smsd	motcua-smsd on the simulated AT modem (the only fake phone whose
#			sending can be witnessed: the dummy phone keeps no record of
#			what it sent), answering what citizens text and sending notices
#	part_hub	motcua-hub on the round's port, on the test's PostgreSQL (the
#			province's server: PostgreSQL itself is not cut; a killed hub's
#			sessions end with it and their transactions roll back)
#	part_sync	this office's motcua-sync against that hub: --watch in odd
#			rounds, --once again and again in even ones
#	part_peer	office b: motcua-sync --once, then the result of a dossier
#			handed to it (each reported done in $T/results.done), again and
#			again: its events come back to this office by pull
# The sync participants join when a PostgreSQL cluster could be started (kill_setup
# sets KILL_SYNC=1); round_check then also syncs both offices cleanly with a hub
# that is not cut and checks that the hub and the offices agree.
#
# Environment shared with the participants: T, DB, MOTCUA, SMSD, HUB, SYNC, PG,
# KILL_ROUND, KILL_HUB_URL, TOKEN_motcua, TOKEN_b, CODE_b.

KILL_PARTS=${KILL_PARTS:-}
B_OFFICE=000.17.23.H56

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
		if [ -n "${KILL_SYNC:-}" ] && [ $((_n % 5)) = 1 ]; then
			# A hand-over, once a dossier: each tried is noted first (a cut after
			# the commit and before the note must not hand it over twice).
			_c=$(tail -n 20 "$T/codes" | grep -vxF -f "$T/transfers.tried" | head -n 1)
			if [ -n "$_c" ]; then
				echo "$_c" >>"$T/transfers.tried"
				"$MOTCUA" event "$_c" transferred --to "$B_OFFICE" >/dev/null 2>>"$T/writers.err" &&
					echo "$_c" >>"$T/transfers.done"
			fi
		elif [ $((_n % 3)) = 0 ]; then
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

part_hub() {
	exec "$HUB" --pg "$PG" --listen "${KILL_HUB_URL#http://}" 2>>"$T/hub-cut.log"
}

part_sync() {
	if [ $((KILL_ROUND % 2)) = 1 ]; then
		exec "$SYNC" --db "$DB" --hub "$KILL_HUB_URL" --token "$TOKEN_motcua" --watch --quiet \
			>>"$T/sync-cut.log" 2>&1
	fi
	while :; do
		"$SYNC" --db "$DB" --hub "$KILL_HUB_URL" --token "$TOKEN_motcua" --once --quiet \
			>>"$T/sync-cut.log" 2>&1
		sleep 0.1
	done
}

# Office b's dossiers being processed that office a handed to it.
peer_handed() {
	sqlite3 -cmd ".timeout 10000" "$T/b.db" "SELECT code FROM dossier WHERE status = 4 AND
		code NOT LIKE '$B_OFFICE-%' ORDER BY code LIMIT 1"
}

part_peer() {
	while :; do
		"$SYNC" --db "$T/b.db" --hub "$KILL_HUB_URL" --token "$TOKEN_b" --once --quiet \
			>>"$T/sync-b-cut.log" 2>&1
		_c=$(peer_handed)
		if [ -n "$_c" ]; then
			MOTCUA_DB=$T/b.db "$MOTCUA" event "$_c" result-ready >/dev/null 2>>"$T/writers.err" &&
				echo "$_c" >>"$T/results.done"
		fi
		sleep 0.1
	done
}

# kill_setup: the office, the modem and its settings (a lease of 3 s, so that a
# message the cut left 'sending' goes back to the queue soon); with PostgreSQL, the
# province: the cluster, a hub that is never cut (for the clean syncs after each
# round: $HUB_URL), office b, and both offices registered.
kill_setup() {
	setup_office
	sms_settings 1 1000
	q "INSERT OR REPLACE INTO setting(key, value) VALUES ('sms.lease', '3')"
	for _f in codes events.done transfers.tried transfers.done results.done writers.err delivered \
	    sync-cut.log sync-b-cut.log hub-cut.log; do
		: >"$T/$_f"
	done
	_parts=${KILL_PARTS:-}
	KILL_PARTS=${KILL_PARTS:-"intake:1 intake:2 events smsd"}
	KILL_SYNC=""
	if pg_start; then
		hub_start hub || return 1
		hub_office motcua 000.17.22.H56 || return 1
		office_new b "$B_OFFICE" || return 1
		KILL_HUB_URL=http://127.0.0.1:$(free_port)
		KILL_SYNC=1
		[ -n "$_parts" ] || KILL_PARTS="$KILL_PARTS hub sync peer"
		export HUB SYNC PG KILL_HUB_URL TOKEN_motcua TOKEN_b KILL_SYNC B_OFFICE
	fi
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

# clean_sync NAME: motcua-sync --once for an office against the hub that is not cut;
# prints what went wrong.
clean_sync() {
	if ! sync_once "$1"; then
		echo "the clean sync of office $1 after the cut: $(tail -n 2 "$T/$1.sync" | tr '\n' ' ')"
		return 1
	fi
	cat "$T/$1.sync" >>"$T/sync-clean.log"
}

# sync_check: after the cut, each office syncs once with the hub that is not cut;
# then the hub and the offices hold the same events (events_differ), nothing is set
# aside on either side, every dossier handed over reached office b, and b's store
# checks out too.
sync_check() {
	_sbad=0
	clean_sync motcua || _sbad=1
	clean_sync b || _sbad=1
	events_differ motcua b || _sbad=1
	_aside=$(q "SELECT count(*) FROM sync_setaside")/$(sqlite3 -cmd ".timeout 10000" "$T/b.db" "SELECT count(*) FROM sync_setaside")
	[ "$_aside" = 0/0 ] || { echo "events set aside (office a/b): $_aside"; _sbad=1; }
	_conf=$(psql_q "SELECT count(*) FROM conflict")
	[ "$_conf" = 0 ] || { echo "the hub recorded $_conf conflicts"; _sbad=1; }
	sqlite3 -cmd ".timeout 10000" "$T/b.db" "SELECT code FROM dossier" | sort >"$T/stored.b"
	_lost=$(sort -u "$T/transfers.done" | comm -23 - "$T/stored.b")
	[ -z "$_lost" ] || { echo "handed over but not at office b: $(echo $_lost)"; _sbad=1; }
	if ! _out=$(MOTCUA_DB=$T/b.db "$MOTCUA" check 2>&1); then
		echo "motcua check (office b): $(printf '%s' "$_out" | tail -n 3 | tr '\n' ' ')"
		_sbad=1
	fi
	return $_sbad
}

# results_back: every result office b recorded came back to office a (after a clean
# sync of b, then of a): those dossiers are "result ready" there.
results_back() {
	clean_sync b || return 1
	clean_sync motcua || return 1
	_missing=$(sort -u "$T/results.done" | while read -r _c; do
		[ "$(q "SELECT status FROM dossier WHERE code = '$_c'")" = 9 ] || echo "$_c"
	done)
	[ -z "$_missing" ] || { echo "results recorded at office b, not ready at office a: $(echo $_missing)"; return 1; }
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
	# recorded (the wire's last reference is not the store's): never.  (One query
	# for every number: "NUMBER|TWICE|REFS".)
	wire_sends >"$T/wire.tsv"
	q "SELECT number || '|' || twice || '|' || coalesce(refs, '') FROM sms_out" | sort >"$T/out.tsv"
	_sms=$(join -t '|' "$T/wire.tsv" "$T/out.tsv" | awk -F'|' '
		$3 > 1 && $4 != 1 { printf "%s went out %d times, not flagged; ", $1, $3 }
		{ n = split($5, r, ","); if ($5 != "" && r[n] != $2)
			printf "%s went out again after its acknowledgement (%s) was recorded (last %s); ", $1, $5, $2 }')
	[ -z "$_sms" ] || { echo "$_sms"; _bad=1; }
	if [ -n "${KILL_SYNC:-}" ]; then
		sync_check || _bad=1
	fi
	return $_bad
}

# kill_figures: what the rounds did.
kill_figures() {
	echo "# dossiers $(q "SELECT count(*) FROM dossier"), events $(q "SELECT count(*) FROM dossier_event"),"\
		"SMS in $(q "SELECT count(*) FROM sms_in"), SMS out $(q "SELECT count(*) FROM sms_out")"\
		"(sent $(q "SELECT count(*) FROM sms_out WHERE status IN ('sent', 'delivered')"),"\
		"flagged 'possibly sent twice' $(q "SELECT count(*) FROM sms_out WHERE twice = 1"),"\
		"twice on the wire $(wire_sends | awk -F'|' '$3 > 1' | wc -l))"
	[ -n "${KILL_SYNC:-}" ] || return 0
	# The cut hub's log: a line per answer; the clean syncs': what the cut left.
	echo "# sync: the cut hub answered $(grep -c 'POST /v1/push 200' "$T/hub-cut.log") pushes and"\
		"$(grep -c 'POST /v1/pull 200' "$T/hub-cut.log") pulls during the rounds"\
		"(started $(grep -c 'listening on' "$T/hub-cut.log") times);"\
		"$(q "SELECT count(*) FROM dossier_event WHERE kind = 'transferred'") dossiers handed to office b,"\
		"$(q "SELECT count(*) FROM dossier_event WHERE kind = 'result-ready'") results back;"\
		"the hub holds $(psql_q "SELECT count(*) FROM event") events;"\
		"PostgreSQL saw $(grep -c 'unexpected EOF on client connection with an open transaction' "$PGT/log")"\
		"hub sessions end inside a transaction (rolled back)"
	echo "# after the cuts, the clean syncs pushed $(clean_figure pushed) events left behind"\
		"and pulled $(clean_figure pulled); the clean hub found $(awk '/POST \/v1\/push 200/ &&
		/ [1-9][0-9]* known/' "$T/hub.log" | wc -l) batches already stored (a cut lost their answer)"
}

# clean_figure pushed|pulled: the sum of those counts in the clean syncs' result lines.
clean_figure() {
	sed -n "s/.*; $1 \([0-9]*\) events.*/\1/p; s/^motcua-sync: $1 \([0-9]*\) events.*/\1/p" \
		"$T/sync-clean.log" 2>/dev/null | awk '{ s += $1 } END { print s + 0 }'
}
