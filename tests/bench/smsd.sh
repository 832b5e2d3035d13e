#!/usr/bin/env bash
# smsd.sh -- motcua-smsd's figures: citizens' status queries answered per second on
# Gammu's dummy phone with a store of N dossiers (default 1,000,000), reply latency at
# a steady arrival rate, the daemon's memory; on a simulated AT modem (libgammu's own
# AT driver), how soon a message queued while the daemon is idle goes out and how a
# burst goes out while health rounds are due; and, in the same run, the stock stack
# (tests/bench/baseline-gammu-smsd.sh: gammu-smsd + RunOnReceive + sqlite3 +
# gammu-smsd-inject) doing the same work, with the ratio.
#
#   tests/bench/smsd.sh [N]     (after scripts/setup and make -C build check TESTS=,
#                                which builds the simulated modem; the store is
#                                build/bench-N.db, made with `motcua demo --dossiers N`
#                                unless present, and copied: the bench never writes to it)
#
# Knobs: BATCH [5000] messages waiting at start; RATE [50] arrivals a second and
# TRICKLE [1000] messages for the latency phase; UNKNOWN_EVERY [10] (every k-th asks
# for a code that is not in the store); AT_IDLE [20] messages queued one by one on the
# AT modem, AT_BURST [30] at once, AT_HEALTH [10, the least allowed] seconds between
# its health rounds; BASE_MSG [300] messages for the baseline; SMSD
# [build/inst/bin/motcua-smsd] the daemon to measure; PHASES ["dummy at baseline"]
# which parts to run.  Prints one line per figure; not a test: no threshold is asserted.
set -euo pipefail
export LC_ALL=C.UTF-8
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
N=${1:-1000000}
BATCH=${BATCH:-5000}
RATE=${RATE:-50}
TRICKLE=${TRICKLE:-1000}
UNKNOWN_EVERY=${UNKNOWN_EVERY:-10}
BASE_MSG=${BASE_MSG:-300}
AT_IDLE=${AT_IDLE:-20}
AT_BURST=${AT_BURST:-30}
export AT_HEALTH=${AT_HEALTH:-10}
PHASES=${PHASES:-dummy at baseline}
M=$ROOT/build/inst/bin/motcua
SMSD=${SMSD:-$ROOT/build/inst/bin/motcua-smsd}
SRC=$ROOT/build/bench-$N.db
BASELINE=$ROOT/tests/bench/baseline-gammu-smsd.sh
[ -x "$M" ] && [ -x "$SMSD" ] || { echo "run scripts/setup first" >&2; exit 2; }
command -v sqlite3 >/dev/null || { echo "missing: sqlite3" >&2; exit 2; }
[ "$BATCH" -le 9999 ] && [ "$TRICKLE" -le 9999 ] || { echo "the dummy phone holds 9999 messages a folder" >&2; exit 2; }

WORK=$(mktemp -d /tmp/bench-smsd.XXXXXX)
SMSD_PID=""
FEED_PID=""
ATSIM_PID=""
stop() {	# stop PID: TERM, then KILL after 5 s
	[ -n "$1" ] || return 0
	kill -TERM "$1" 2>/dev/null || return 0
	for _ in $(seq 50); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
	kill -KILL "$1" 2>/dev/null || true
	wait "$1" 2>/dev/null || true
}
cleanup() { stop "$FEED_PID"; stop "$SMSD_PID"; stop "$ATSIM_PID"; rm -rf "$WORK"; }
trap cleanup EXIT
trap 'exit 130' INT TERM
now() { echo "$EPOCHREALTIME"; }
on() { case " $PHASES " in *" $1 "*) return 0 ;; esac; return 1; }	# on PHASE: is it run?
rate1=""
q() { sqlite3 -cmd ".timeout 10000" "$DB" "$@"; }

# ---------------------------------------------------------------- the store
if [ ! -f "$SRC" ]; then
	echo "making $SRC (motcua demo --dossiers $N)"
	"$M" --db "$SRC" demo --dossiers "$N" >/dev/null
fi
DB=$WORK/motcua.db
sqlite3 "$SRC" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null 2>&1 || true
cp "$SRC" "$DB"
q "INSERT OR REPLACE INTO setting(key, value) VALUES ('sms.quiet', 'off')"
echo "store: $(q 'SELECT count(*) FROM dossier') dossiers, $(($(stat -c %s "$DB") / 1048576)) MiB (a copy of $SRC)"

if on dummy; then	# ------------------------------------------- phases 1 and 2 (to "fi # dummy")

# ---------------------------------------------------------------- the messages
# Message k comes from +849<k, 8 digits> and reads "TRACUU <code>"; every
# UNKNOWN_EVERY-th asks for a code that is not in the store.
total=$((BATCH + TRICKLE))
q "SELECT code FROM dossier WHERE id IN
	(SELECT 1 + abs(random()) % (SELECT max(id) FROM dossier) FROM generate_series(1, $((total * 2))))
	LIMIT $total" >"$WORK/codes" 2>/dev/null ||
q "SELECT code FROM dossier ORDER BY random() LIMIT $total" >"$WORK/codes"
mapfile -t CODES <"$WORK/codes"
hex16() { printf '%s' "$1" | iconv -f UTF-8 -t UTF-16BE | od -An -tx1 -v | tr -d ' \n' | tr a-f A-F; }
make_messages() {	# make_messages DIR FIRST COUNT
	local dir=$1 first=$2 count=$3 k code
	mkdir -p "$dir"
	for ((k = first; k < first + count; k++)); do
		code=${CODES[k - 1]}
		if [ $((k % UNKNOWN_EVERY)) = 0 ]; then code="${code%-*}-9$(printf '%03d' $((k % 1000)))"; fi
		printf '[SMSBackup000]\nSMSC = "+84980200030"\nState = UnRead\nNumber = "+849%08d"\nCoding = Unicode_No_Compression\nFolder = 1\nPDU = Deliver\nDateTime = 20261123T080000Z\nText00 = %s\n' \
			"$k" "$(hex16 "TRACUU $code")" >"$dir/$((k - first + 1))"
	done
}
PHONE=$WORK/phone
make_messages "$PHONE/sms/1" 1 "$BATCH"
make_messages "$WORK/pending" $((BATCH + 1)) "$TRICKLE"
cat >"$WORK/gammurc" <<EOF
[gammu]
model = dummy
connection = none
device = $PHONE

[motcua-smsd]
name = bench
health = 60
balance =
EOF

# Replies sent so far (the daemon marks a reply sent once the modem took it).
sent() { q "SELECT count(*) FROM sms_out WHERE kind = 'reply' AND status IN ('sent', 'delivered')"; }
# The daemon is a supervisor and its worker: memory and CPU are the two together.
family() { echo "$1"; cat /proc/"$1"/task/*/children 2>/dev/null; }
hwm() { for p in $(family "$1"); do awk '/^VmHWM/ { print $2 }' "/proc/$p/status" 2>/dev/null; done |
	awk '{ s += $1 } END { print s + 0 }'; }
cpu() { for p in $(family "$1"); do cat "/proc/$p/stat" 2>/dev/null; done |
	awk -v hz="$(getconf CLK_TCK)" '{ s += $14 + $15 } END { printf "%.2f", s / hz }'; }

# ---------------------------------------------------------------- 1. all waiting at start
t0=$(now)
"$SMSD" --db "$DB" --gammurc "$WORK/gammurc" --foreground 2>"$WORK/smsd.log" &
SMSD_PID=$!
status=ok
while [ "$(sent)" -lt "$BATCH" ]; do
	kill -0 "$SMSD_PID" 2>/dev/null || { status=DIED; break; }
	awk -v a="$t0" -v b="$(now)" 'BEGIN { exit !(b - a > 300) }' && { status=TIMEOUT; break; }
	sleep 0.05
done
t1=$(now)
n1=$(sent)
hwm1=$(hwm "$SMSD_PID")
rate1=$(awk -v n="$n1" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", n / (b - a) }')
printf 'batch: %d queries waiting at start, %d replies sent in %.2f s = %s replies/s (%s)\n' \
	"$BATCH" "$n1" "$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')" "$rate1" "$status"
answered=$(q "SELECT count(*) FROM sms_in WHERE status = 'answered'")
echo "  $answered answered; sample reply: $(q "SELECT body FROM sms_out WHERE kind = 'reply' ORDER BY id LIMIT 1")"
echo "  peak RSS (supervisor + worker) $((hwm1 / 1024)) MiB ($hwm1 kB) with $BATCH waiting; CPU $(cpu "$SMSD_PID") s"

# ---------------------------------------------------------------- 2. a steady rate
# As the baseline's trickle mode: a fresh daemon starts at t0 while a feeder moves
# message k into the phone at t0 + (k-1)/RATE and logs when; an observer notes when
# each reply is marked sent (polling the store every 20 ms).
stop "$SMSD_PID"
SMSD_PID=""
replied() {	# replied: number<TAB>time for replies marked sent since the last call
	local rows t
	rows=$(q "SELECT o.id, i.number FROM sms_out o JOIN sms_in i ON i.reply = o.id
		WHERE o.id > $last AND o.status IN ('sent', 'delivered') ORDER BY o.id")
	t=$(now)
	if [ -n "$rows" ]; then
		printf '%s\n' "$rows" | awk -F'|' -v t="$t" '{ print $2 "\t" t }' >>"$WORK/replies.tsv"
		last=$(printf '%s\n' "$rows" | tail -n 1 | cut -d'|' -f1)
	fi
}
last=$(q "SELECT coalesce(max(id), 0) FROM sms_out")
: >"$WORK/replies.tsv"
t0=$(now)
"$SMSD" --db "$DB" --gammurc "$WORK/gammurc" --foreground 2>>"$WORK/smsd.log" &
SMSD_PID=$!
(
	trap 'exit 0' TERM
	t0us=${t0/./}
	for ((k = 1; k <= TRICKLE; k++)); do
		d=$((t0us + (k - 1) * 1000000 / RATE - ${EPOCHREALTIME/./}))
		((d > 0)) && sleep "$(printf '%d.%06d' $((d / 1000000)) $((d % 1000000)))"
		mv "$WORK/pending/$k" "$PHONE/sms/1/$((BATCH + k))"
		printf '+849%08d\t%s\n' $((BATCH + k)) "$EPOCHREALTIME" >>"$WORK/arrivals.tsv"
	done
) &
FEED_PID=$!
# (printf: awk's print writes a time in seconds as 1.73356e+09, and the loop stopped
# at once, before any reply: "steady: no replies")
end=$(awk -v a="$t0" -v n="$TRICKLE" -v r="$RATE" 'BEGIN { printf "%.6f", a + n / r + 30 }')
while :; do
	replied
	[ "$(wc -l <"$WORK/replies.tsv")" -ge "$TRICKLE" ] && break
	awk -v a="$(now)" -v b="$end" 'BEGIN { exit !(a > b) }' && break
	kill -0 "$SMSD_PID" 2>/dev/null || break
	sleep 0.02
done
wait "$FEED_PID" 2>/dev/null || true
FEED_PID=""
awk -F'\t' 'NR == FNR { a[$1] = $2; next } ($1 in a) { print $2 - a[$1] }' \
	"$WORK/arrivals.tsv" "$WORK/replies.tsv" | sort -n >"$WORK/lat"
n2=$(wc -l <"$WORK/lat")
awk -v n="$n2" -v r="$RATE" -v want="$TRICKLE" '{ l[NR] = $1 }
	END { if (n == 0) { print "steady: no replies"; exit }
	      i50 = int(0.50 * n + 0.5); i95 = int(0.95 * n + 0.5); if (i50 < 1) i50 = 1; if (i95 < 1) i95 = 1
	      printf "steady: %d queries arriving at %d/s, %d replied; latency arrival -> reply sent: p50 %.3f s, p95 %.3f s, max %.3f s\n",
	          want, r, n, l[i50], l[i95], l[n] }' "$WORK/lat"
echo "  (as seen by a poll of the store every 20 ms: up to ~30 ms late)"

# After 15 s of quiet (the walks of the phone slow down to poll_idle), one more query.
sleep 15
k=$((BATCH + TRICKLE + 1))
printf '[SMSBackup000]\nNumber = "+849%08d"\nCoding = Unicode_No_Compression\nFolder = 1\nPDU = Deliver\nDateTime = 20261123T090000Z\nText00 = %s\n' \
	"$k" "$(hex16 "TRACUU ${CODES[0]}")" >"$WORK/idle"
: >"$WORK/replies.tsv"
ta=$(now)
mv "$WORK/idle" "$PHONE/sms/1/$k"
while [ ! -s "$WORK/replies.tsv" ] && awk -v a="$(now)" -v b="$ta" 'BEGIN { exit !(a - b < 30) }'; do
	replied
	sleep 0.02
done
awk -F'\t' -v a="$ta" 'NR == 1 { printf "after 15 s idle: one query answered in %.3f s (the walk interval had grown to poll_idle)\n", $2 - a }' "$WORK/replies.tsv"
hwm2=$(hwm "$SMSD_PID")
echo "  peak RSS (supervisor + worker) $((hwm2 / 1024)) MiB ($hwm2 kB); CPU $(cpu "$SMSD_PID") s for $((TRICKLE + 1)) messages and the waits"
stop "$SMSD_PID"
SMSD_PID=""

fi # dummy

# ---------------------------------------------------------------- 3. a simulated AT modem
# libgammu's own AT driver against tests/sms/atsim (proxyat), with messages queued in
# the store as the console queues its notices: (a) AT_IDLE of them, one at a time,
# each while the daemon is idle (after a random pause of 0.5-1.5 s): latency from the
# commit to the modem taking the part (the simulated modem logs that time); (b) a
# burst of AT_BURST queued at once, with a health round due every AT_HEALTH seconds:
# the time to send them all, the longest gap between two parts on the air, and the
# health rounds begun meanwhile (the simulated modem logs each AT+CSQ).
ATSIM=$ROOT/build/tests/sms/atsim
on at && { [ -x "$ATSIM" ] || make -s -C "$ROOT/build" tests/sms/atsim >/dev/null 2>&1 || true; }
if ! on at; then
	:
elif [ ! -x "$ATSIM" ]; then
	echo "at: no simulated modem ($ATSIM; make -C build check TESTS=)"
else
	WIRE=$WORK/wire.log
	: >"$WIRE"
	"$ATSIM" --ctl "$WORK/atsim.ctl" --log "$WIRE" --listen "$WORK/at.sock" >"$WORK/atsim.out" 2>&1 &
	ATSIM_PID=$!
	for _ in $(seq 50); do [ -S "$WORK/at.sock" ] && break; sleep 0.1; done
	cat >"$WORK/at.rc" <<EOF
[gammu]
device = $ATSIM --relay $WORK/at.sock
connection = proxyat

[motcua-smsd]
name = at-bench
health = $AT_HEALTH
balance =
delivery_reports = no
EOF
	q "DELETE FROM modem_health WHERE modem = 'at-bench'"
	"$SMSD" --db "$DB" --gammurc "$WORK/at.rc" --foreground 2>>"$WORK/smsd-at.log" &
	SMSD_PID=$!
	for _ in $(seq 300); do
		[ "$(q "SELECT state FROM modem_health WHERE modem = 'at-bench'")" = ok ] && break
		sleep 0.1
	done
	queue() {	# queue NUMBER: one notice, committed now; prints the time of the commit
		q "INSERT INTO sms_out(number, kind, priority, body, created_at)
			VALUES ('$1', 'notice', 1, 'Ho so 000.17.22.H56-261123-0001 da co ket qua.', datetime('now', 'localtime'))"
		now
	}
	on_air() {	# on_air NUMBER: the time the modem took the part to NUMBER ("" none yet)
		awk -F'\t' -v n="$1" '$1 == "send" && $3 == n { print $9; exit }' "$WIRE"
	}
	: >"$WORK/at-idle"
	for ((k = 1; k <= AT_IDLE; k++)); do
		sleep "$(awk -v r="$RANDOM" 'BEGIN { printf "%.3f", 0.5 + r / 32768 }')"
		num=$(printf '0966%06d' "$k")
		tq=$(queue "$num")
		for _ in $(seq 500); do [ -n "$(on_air "$num")" ] && break; sleep 0.01; done
		ta=$(on_air "$num")
		[ -n "$ta" ] && awk -v a="$ta" -v b="$tq" 'BEGIN { print a - b }' >>"$WORK/at-idle"
	done
	sort -n "$WORK/at-idle" | awk -v want="$AT_IDLE" '{ l[NR] = $1 }
		END { n = NR; if (n == 0) { print "at, idle: no message went out"; exit }
		      a = int(0.5 * n + 0.5); b = int(0.95 * n + 0.5); if (a < 1) a = 1; if (b < 1) b = 1
		      printf "at, idle: %d of %d messages queued while the daemon waits: queued -> on the air p50 %.3f s, p95 %.3f s, max %.3f s\n",
		          n, want, l[a], l[b], l[n] }'
	# (b) the burst, once a health round is close
	sleep "$AT_HEALTH"
	tq=$(now)
	q "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < $AT_BURST)
		INSERT INTO sms_out(number, kind, priority, body, created_at)
		SELECT printf('0977%06d', i), 'notice', 1, 'Ho so 000.17.22.H56-261123-0001 da co ket qua.',
		datetime('now', 'localtime') FROM k"
	for _ in $(seq 1200); do
		[ "$(awk -F'\t' '$1 == "send" && $3 ~ /^0977/' "$WIRE" | wc -l)" -ge "$AT_BURST" ] && break
		sleep 0.1
	done
	awk -F'\t' -v t0="$tq" -v want="$AT_BURST" '$1 == "send" && $3 ~ /^0977/ { t[++n] = $9; h += pending; pending = 0 }
		$1 == "signal" && n > 0 { pending++ }
		END { if (n == 0) { print "at, burst: nothing went out"; exit }
		      for (i = 2; i <= n; i++) if (t[i] - t[i - 1] > gap) gap = t[i] - t[i - 1]
		      printf "at, burst: %d of %d queued at once sent in %.2f s (%.3f s a part); longest gap between two parts %.3f s; %d health rounds between them (one due every %d s)\n",
		          n, want, t[n] - t0, (t[n] - t[1]) / (n > 1 ? n - 1 : 1), gap, h, ENVIRON["AT_HEALTH"] }' "$WIRE"
	stop "$SMSD_PID"
	SMSD_PID=""
	stop "$ATSIM_PID"
	ATSIM_PID=""
fi

# ---------------------------------------------------------------- 4. the stock stack
if ! on baseline; then
	:
elif [ -x "$BASELINE" ] || [ -f "$BASELINE" ]; then
	echo "baseline: $BASELINE (N_DOSSIERS=$N N_MSG=$BASE_MSG)"
	base_out=$(N_DOSSIERS=$N N_MSG=$BASE_MSG bash "$BASELINE" 2>&1 | tee "$WORK/baseline.log" | sed 's/^/  | /')
	printf '%s\n' "$base_out"
	base_rate=$(tail -n 1 "$WORK/baseline.log" | sed -n 's/.* = \([0-9.]*\) msg\/s.*/\1/p')
	if [ -n "$rate1" ] && [ -n "$base_rate" ] && awk -v b="$base_rate" 'BEGIN { exit !(b > 0) }'; then
		awk -v a="$rate1" -v b="$base_rate" 'BEGIN { printf "ratio: motcua-smsd %s replies/s / stock stack %s msg/s = %.1fx\n", a, b, a / b }'
	else
		echo "ratio: the baseline or the batch phase gave no rate"
	fi
else
	echo "baseline: $BASELINE not found"
fi
