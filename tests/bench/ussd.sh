#!/usr/bin/env bash
# ussd.sh -- motcua-ussd's figures: gateway requests answered per second on a store of
# N dossiers (default 100,000), with 1, 4 and 16 requests in flight, their latency
# (median and 99th percentile), and the daemon's memory.  The client is curl in one
# process (--parallel, keep-alive connections, as a gateway keeps them), so the
# figure is the endpoint's, not process start-up's.
#
#   tests/bench/ussd.sh [N]     (after scripts/setup; the store is build/bench-N.db,
#                                made with `motcua demo --dossiers N` unless present,
#                                and copied: the bench never writes to it)
#
# Knobs: REQUESTS [3000] per level; LEVELS ["1 4 16"]; UNKNOWN_EVERY [10] (every k-th
# asks for a code that is not in the store); BUILD [build] the build directory.  Each
# request comes from its own number (no caller is slowed); one in four is a first
# screen, the rest a dossier's status.  Prints one line per figure; not a test: no
# threshold is asserted.
#
# Every status asked is a look-up of another number's dossier, counted in the store
# (common/query-limit.c).  LOOKUP_OVERALL [1000000] is written to the copy's setting
# sms.lookup_overall: high, so that the figures are those of answers (with every
# check and every count written), not of refusals; "" leaves the default (100 an
# hour), and then nearly every status is a refusal.  The client is one address
# (127.0.0.1), as a gateway is: LEVELS up to --per-address (64) measure that the
# per-address limit does not hold it back.
set -euo pipefail
export LC_ALL=C.UTF-8
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
N=${1:-100000}
REQUESTS=${REQUESTS:-3000}
LEVELS=${LEVELS:-1 4 16}
UNKNOWN_EVERY=${UNKNOWN_EVERY:-10}
LOOKUP_OVERALL=${LOOKUP_OVERALL-1000000}
B=$(cd "${BUILD:-$ROOT/build}" && pwd)
M=$B/inst/bin/motcua
USSD=$B/inst/bin/motcua-ussd
SRC=$B/bench-$N.db
[ -x "$M" ] && [ -x "$USSD" ] || { echo "run scripts/setup first (no $USSD)" >&2; exit 2; }
for c in sqlite3 curl awk; do
	command -v $c >/dev/null || { echo "missing: $c" >&2; exit 2; }
done

WORK=$(mktemp -d /tmp/bench-ussd.XXXXXX)
PID=""
stop() {	# stop PID: TERM, then KILL after 5 s
	[ -n "$1" ] || return 0
	kill -TERM "$1" 2>/dev/null || return 0
	for _ in $(seq 50); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
	kill -KILL "$1" 2>/dev/null || true
	wait "$1" 2>/dev/null || true
}
cleanup() { stop "$PID"; [ -n "${KEEP:-}" ] || rm -rf "$WORK"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- the store
if [ ! -f "$SRC" ]; then
	echo "making $SRC (motcua demo --dossiers $N)"
	"$M" --db "$SRC" demo --dossiers "$N" >/dev/null
fi
DB=$WORK/motcua.db
sqlite3 "$SRC" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null 2>&1 || true
cp "$SRC" "$DB"
echo "store: $(sqlite3 "$DB" 'SELECT count(*) FROM dossier') dossiers, $(($(stat -c %s "$DB") / 1048576)) MiB (a copy of $SRC)"
sqlite3 "$DB" "SELECT substr(code, -11) FROM dossier ORDER BY random() LIMIT 2000" >"$WORK/codes"
if [ -n "$LOOKUP_OVERALL" ]; then
	sqlite3 "$DB" "INSERT OR REPLACE INTO setting VALUES ('sms.lookup_overall', '$LOOKUP_OVERALL')" 2>/dev/null || true
	echo "look-ups of others' dossiers, all numbers together: at most $LOOKUP_OVERALL an hour (sms.lookup_overall)"
fi

# ---------------------------------------------------------------- the daemon
"$USSD" --db "$DB" --foreground --listen 127.0.0.1:0 2>"$WORK/log" &
PID=$!
for _ in $(seq 100); do grep -q 'listening on' "$WORK/log" && break; sleep 0.1; done
PORT=$(sed -n 's/.*listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$WORK/log")
[ -n "$PORT" ] || { cat "$WORK/log" >&2; exit 1; }
URL=http://127.0.0.1:$PORT/ussd

# requests LEVEL: a curl config of REQUESTS requests, each from its own number.
requests() {
	awk -v n="$REQUESTS" -v url="$URL" -v every="$UNKNOWN_EVERY" -v level="$1" '
		{ codes[NR] = $0 }
		END {
			srand(level)
			for (i = 1; i <= n; i++) {
				phone = sprintf("09%02d%06d", level % 100, i % 1000000)
				if (i % 4 == 1)
					text = ""
				else if (i % every == 0)	# a real day, a number beyond its dossiers
					text = "1*" substr(codes[int(rand() * NR) + 1], 1, 7) sprintf("%04d", 9000 + i % 999)
				else
					text = "1*" codes[int(rand() * NR) + 1]
				printf "url = \"%s\"\noutput = \"/dev/null\"\nsilent\n", url
				printf "write-out = \"%%{http_code} %%{time_total}\\n\"\n"
				printf "data = \"sessionId=b%d-%d&serviceCode=%%2A384%%23&phoneNumber=%s&networkCode=45204&text=%s\"\n", level, i, phone, text
				if (i < n)
					print "next"
			}
		}' "$WORK/codes" >"$WORK/req-$1"
}

echo "requests: $REQUESTS a level; one in $UNKNOWN_EVERY an unknown code, one in 4 a first screen"
for level in $LEVELS; do
	requests "$level"
	start=$EPOCHREALTIME
	curl --no-progress-meter --parallel --parallel-max "$level" -K "$WORK/req-$level" \
		>"$WORK/out-$level"
	end=$EPOCHREALTIME
	n=$(wc -l <"$WORK/out-$level")
	ok=$(grep -c '^200 ' "$WORK/out-$level" || true)
	cut -d' ' -f2 "$WORK/out-$level" | sort -g >"$WORK/times-$level"
	p50=$(sed -n "$((n / 2 + 1))p" "$WORK/times-$level")
	p99=$(sed -n "$((n * 99 / 100 + 1))p" "$WORK/times-$level")
	awk -v s="$start" -v e="$end" -v n="$n" -v ok="$ok" -v level="$level" -v p50="$p50" -v p99="$p99" 'BEGIN {
		printf "%2d in flight: %6.0f requests/s (%d of %d answered 200), latency median %.1f ms, p99 %.1f ms\n",
		    level, n / (e - s), ok, n, p50 * 1000, p99 * 1000 }'
done
echo "daemon memory: $(awk '/VmHWM/ { print $2 " kB peak" } /VmRSS/ { print $2 " kB now" }' /proc/$PID/status | paste -sd, -)"
echo "log lines: $(grep -c 'POST /ussd 200' "$WORK/log") answered, $(grep -c ' unknown-code ' "$WORK/log") unknown codes, $(grep -c ' limited ' "$WORK/log") look-ups refused"
echo "look-ups recorded: $(sqlite3 "$DB" "SELECT count(*) FROM query_lookup" 2>/dev/null || echo "none (a store without the table)")"
