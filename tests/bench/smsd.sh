#!/usr/bin/env bash
# smsd.sh -- motcua-smsd's figures: citizens' status queries answered per second on
# Gammu's dummy phone with a store of N dossiers (default 1,000,000), reply latency at
# a steady arrival rate, the daemon's memory; and, in the same run, the stock stack
# (../shared/bench/baseline-gammu-smsd.sh: gammu-smsd + RunOnReceive + sqlite3 +
# gammu-smsd-inject) doing the same work, with the ratio.
#
#   tests/bench/smsd.sh [N]     (after scripts/setup; the store is build/bench-N.db,
#                                made with `motcua demo --dossiers N` unless present,
#                                and copied: the bench never writes to it)
#
# Knobs: BATCH [5000] messages waiting at start; RATE [50] arrivals a second and
# TRICKLE [1000] messages for the latency phase; UNKNOWN_EVERY [10] (every k-th asks
# for a code that is not in the store); BASE_MSG [300] messages for the baseline.
# Prints one line per figure; not a test: no threshold is asserted.
set -euo pipefail
export LC_ALL=C.UTF-8
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
N=${1:-1000000}
BATCH=${BATCH:-5000}
RATE=${RATE:-50}
TRICKLE=${TRICKLE:-1000}
UNKNOWN_EVERY=${UNKNOWN_EVERY:-10}
BASE_MSG=${BASE_MSG:-300}
M=$ROOT/build/inst/bin/motcua
SMSD=$ROOT/build/inst/bin/motcua-smsd
SRC=$ROOT/build/bench-$N.db
BASELINE=$ROOT/../shared/bench/baseline-gammu-smsd.sh
[ -x "$M" ] && [ -x "$SMSD" ] || { echo "run scripts/setup first" >&2; exit 2; }
command -v sqlite3 >/dev/null || { echo "missing: sqlite3" >&2; exit 2; }
[ "$BATCH" -le 9999 ] && [ "$TRICKLE" -le 9999 ] || { echo "the dummy phone holds 9999 messages a folder" >&2; exit 2; }

WORK=$(mktemp -d /tmp/bench-smsd.XXXXXX)
SMSD_PID=""
FEED_PID=""
stop() {	# stop PID: TERM, then KILL after 5 s
	[ -n "$1" ] || return 0
	kill -TERM "$1" 2>/dev/null || return 0
	for _ in $(seq 50); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
	kill -KILL "$1" 2>/dev/null || true
	wait "$1" 2>/dev/null || true
}
cleanup() { stop "$FEED_PID"; stop "$SMSD_PID"; rm -rf "$WORK"; }
trap cleanup EXIT
trap 'exit 130' INT TERM
now() { echo "$EPOCHREALTIME"; }
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
end=$(awk -v a="$t0" -v n="$TRICKLE" -v r="$RATE" 'BEGIN { print a + n / r + 30 }')
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

# ---------------------------------------------------------------- 3. the stock stack
if [ -x "$BASELINE" ] || [ -f "$BASELINE" ]; then
	echo "baseline: $BASELINE (N_DOSSIERS=$N N_MSG=$BASE_MSG)"
	base_out=$(N_DOSSIERS=$N N_MSG=$BASE_MSG bash "$BASELINE" 2>&1 | tee "$WORK/baseline.log" | sed 's/^/  | /')
	printf '%s\n' "$base_out"
	base_rate=$(tail -n 1 "$WORK/baseline.log" | sed -n 's/.* = \([0-9.]*\) msg\/s.*/\1/p')
	if [ -n "$base_rate" ] && awk -v b="$base_rate" 'BEGIN { exit !(b > 0) }'; then
		awk -v a="$rate1" -v b="$base_rate" 'BEGIN { printf "ratio: motcua-smsd %s replies/s / stock stack %s msg/s = %.1fx\n", a, b, a / b }'
	else
		echo "ratio: the baseline gave no rate"
	fi
else
	echo "baseline: $BASELINE not found"
fi
