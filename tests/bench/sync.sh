#!/usr/bin/env bash
# sync.sh -- the province link's figures (issue 8), hub and PostgreSQL on loopback:
#
#  1. one office catching up 1,000,000 events: events pushed per second (target >= 10,000)
#     and motcua-sync's peak memory (target < 16 MB);
#  2. 50 offices pushing at once: events per second together (target >= 20,000) and the
#     hub's peak memory during it (target < 64 MB);
#  3. bytes on the wire per dossier (received + 4 events; requests and answers, headers
#     included, compressed), counted by the test proxy for a commune's day of 200
#     dossiers (target < 250), and the push's bodies alone;
#  4. that day over a slow, lossy link (the proxy: 5 KB/s, a cut every 3 s): how long
#     (target < 60 s), and nothing lost or doubled.
#
#   tests/bench/sync.sh            (after scripts/setup and make check: the proxy is
#                                   build/tests/sync/syncproxy)
#
# The stores are made once and kept in the build directory (build/bench-sync-*.db): a
# demo office of 200,000 dossiers (about a million events), 50 offices of 2,000, and a
# commune's day made with `motcua intake` and `motcua event`.  PostgreSQL is a
# throwaway cluster with the default durability (fsync on), removed at the end.
# Knobs: PHASES ["1 2 3 4"]; BIG [200000] dossiers of phase 1; OFFICES [50] and EACH
# [2000] of phase 2; BUILD [build].  Prints one line per figure; not a test: nothing is asserted.
set -euo pipefail
export LC_ALL=C.UTF-8
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
B=$(cd "${BUILD:-$ROOT/build}" && pwd)
BIN=$B/inst/bin
PROXY=$B/tests/sync/syncproxy
BIG=${BIG:-200000}
OFFICES=${OFFICES:-50}
EACH=${EACH:-2000}
PHASES=${PHASES:-1 2 3 4}
phase() { case " $PHASES " in *" $1 "*) return 0 ;; esac; return 1; }
client_peak=0
export MOTCUA_DATADIR=$ROOT
[ -x "$BIN/motcua-hub" ] && [ -x "$BIN/motcua-sync" ] || { echo "run scripts/setup first" >&2; exit 2; }
[ -x "$PROXY" ] || { echo "run make -C $B check TESTS= first (no $PROXY)" >&2; exit 2; }
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$PGBIN/initdb" ] || { echo "PostgreSQL is not installed" >&2; exit 2; }

WORK=$(mktemp -d /tmp/bench-sync.XXXXXX)
PIDS=""
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
	for p in $PIDS; do kill -TERM "$p" 2>/dev/null || true; done
	as_pg "$PGBIN/pg_ctl" -D "$WORK/pg/data" -m immediate stop >/dev/null 2>&1 || true
	[ -n "${KEEP:-}" ] || rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

# ---------------------------------------------------------------- the stores
store() {	# store FILE OFFICE DOSSIERS SEED: a demo office, made once
	if [ ! -f "$1" ]; then
		echo "making $1 ($3 dossiers)"
		"$BIN/motcua" --db "$1.tmp" init --office "$2" --name "Bench $2" >/dev/null
		"$BIN/motcua" --db "$1.tmp" demo --dossiers "$3" --seed "$4" >/dev/null 2>&1
		sqlite3 "$1.tmp" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
		mv "$1.tmp" "$1"
	fi
}
# day FILE OFFICE: a commune's day, 200 dossiers, each received and 4 events.
day() {
	[ -f "$1" ] && return 0
	echo "making $1 (a commune's day: 200 dossiers, 1,000 events)"
	local src=$WORK/people.db t="$1.tmp" code
	rm -f "$src" "$t"
	"$BIN/motcua" --db "$src" demo --dossiers 200 --seed 9 >/dev/null 2>&1
	"$BIN/motcua" --db "$t" init --office "$2" --name "Bench $2" >/dev/null
	sqlite3 -separator '|' "$src" "SELECT name, phone, idno, address FROM dossier" |
	while IFS='|' read -r name phone idno address; do
		code=$(MOTCUA_NOW='2026-10-12 08:00' "$BIN/motcua" --db "$t" intake --procedure 1.004873 \
			--name "$name" --phone "$phone" --id "$idno" --address "$address" --sms yes 2>/dev/null) || continue
		MOTCUA_NOW='2026-10-12 09:00' "$BIN/motcua" --db "$t" event "$code" supplement-requested \
			--items "Bản sao CCCD" --reason "Thiếu giấy tờ" >/dev/null
		MOTCUA_NOW='2026-10-12 10:00' "$BIN/motcua" --db "$t" event "$code" supplement-received >/dev/null
		MOTCUA_NOW='2026-10-12 14:00' "$BIN/motcua" --db "$t" event "$code" result-ready >/dev/null
		MOTCUA_NOW='2026-10-12 16:00' "$BIN/motcua" --db "$t" event "$code" result-returned >/dev/null
	done
	sqlite3 "$t" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
	mv "$t" "$1"
}
store "$B/bench-sync-big.db" 000.50.00.H56 "$BIG" 1
for k in $(seq "$OFFICES"); do
	store "$B/bench-sync-office-$k.db" "$(printf '000.51.%02d.H56' "$k")" "$EACH" $((k + 10))
done
day "$B/bench-sync-day1.db" 000.52.01.H56
day "$B/bench-sync-day2.db" 000.52.02.H56
cp "$B"/bench-sync-*.db "$WORK/"

# ---------------------------------------------------------------- PostgreSQL and the hub
mkdir "$WORK/pg"
if [ "$(id -u)" = 0 ]; then chown postgres: "$WORK/pg"; chmod 711 "$WORK"; fi
PORT=$(( ($(od -An -N2 -tu2 /dev/urandom) % 20000) + 30000 ))
as_pg "$PGBIN/initdb" -D "$WORK/pg/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$WORK/pg/data" -l "$WORK/pg/log" -w -o "-k $WORK/pg -p $PORT \
	-c listen_addresses='' -c max_connections=200 -c shared_buffers=128MB" start >/dev/null
export MOTCUA_HUB_PG="host=$WORK/pg port=$PORT user=postgres dbname=postgres"
HUB_PID=""
hub_start() {	# a fresh hub (its peak memory counts from now)
	[ -n "$HUB_PID" ] && { kill -TERM "$HUB_PID"; wait "$HUB_PID" 2>/dev/null || true; }
	: >"$WORK/hub.log"
	"$BIN/motcua-hub" --listen 127.0.0.1:0 --connections 128 2>"$WORK/hub.log" &
	HUB_PID=$!
	PIDS="$PIDS $HUB_PID"
	for _ in $(seq 100); do grep -q 'listening on' "$WORK/hub.log" && break; sleep 0.1; done
	HUB=http://$(sed -n 's/.*listening on \([^ ]*\) .*/\1/p' "$WORK/hub.log")
}
hub_peak() { awk '/VmHWM/ { printf "%.1f", $2 / 1024 }' "/proc/$HUB_PID/status"; }
register() {	# register DB: the store's office on the hub, its token saved in the store
	local code
	code=$(sqlite3 "$1" "SELECT value FROM setting WHERE key = 'office.code'")
	"$BIN/motcua-hub" office add "$code" --name "Bench $code" | tail -n 1 >"$1.token"
}
push() {	# push DB URL: motcua-sync --once under /usr/bin/time (peak memory in DB.rss)
	/usr/bin/time -f %M -o "$1.rss" "$BIN/motcua-sync" --db "$1" --hub "$2" \
		--token "$(cat "$1.token")" --once --quiet >"$1.out" 2>&1
}
events() { sqlite3 "$1" "SELECT count(*) FROM dossier_event"; }
pg() { "$PGBIN/psql" -X -A -t -q "$MOTCUA_HUB_PG" -c "$1"; }
echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo); PostgreSQL $("$PGBIN/postgres" --version | awk '{ print $3 }') (fsync on)"

# ---------------------------------------------------------------- 1. one office catching up
hub_start
if phase 1; then
DB=$WORK/bench-sync-big.db
register "$DB"
n=$(events "$DB")
t0=$(now)
push "$DB" "$HUB" || { cat "$DB.out"; exit 1; }
t1=$(now)
echo "1. one office catching up $n events: $(secs "$t0" "$t1") s, $(awk -v n="$n" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", n / (b - a) }') events/s (target >= 10000)"
echo "   motcua-sync peak memory: $(awk '{ printf "%.1f", $1 / 1024 }' "$DB.rss") MB (target < 16)"
echo "   $(tail -n 1 "$DB.out")"
[ "$(pg "SELECT cursor FROM office WHERE code = '000.50.00.H56'")" = "$n" ] || echo "   !! the hub's cursor is not $n"
client_peak=$(cat "$DB.rss")
fi

# ---------------------------------------------------------------- 2. 50 offices at once
if phase 2; then
hub_start
total=0
for k in $(seq "$OFFICES"); do
	register "$WORK/bench-sync-office-$k.db"
	total=$((total + $(events "$WORK/bench-sync-office-$k.db")))
done
t0=$(now)
pids=""
for k in $(seq "$OFFICES"); do
	push "$WORK/bench-sync-office-$k.db" "$HUB" &
	pids="$pids $!"
done
failed=0
for p in $pids; do wait "$p" || failed=$((failed + 1)); done
t1=$(now)
echo "2. $OFFICES offices pushing $total events at once: $(secs "$t0" "$t1") s, $(awk -v n="$total" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", n / (b - a) }') events/s together (target >= 20000); $failed failed"
echo "   hub peak memory: $(hub_peak) MB (target < 64)"
[ "$(pg "SELECT sum(events) FROM office WHERE code LIKE '000.51.%'")" = "$total" ] || echo "   !! the hub does not hold $total events"
for k in $(seq "$OFFICES"); do
	r=$(cat "$WORK/bench-sync-office-$k.db.rss")
	[ "$r" -gt "$client_peak" ] && client_peak=$r
done
fi

# ---------------------------------------------------------------- 3. bytes per dossier
if phase 3; then
DB=$WORK/bench-sync-day1.db
register "$DB"
"$PROXY" --to "${HUB#http://}" --stats "$WORK/proxy.stats" >"$WORK/proxy.out" 2>&1 &
PP=$!
PIDS="$PIDS $PP"
for _ in $(seq 50); do [ -s "$WORK/proxy.out" ] && break; sleep 0.1; done
push "$DB" "http://127.0.0.1:$(sed -n 's/listening on //p' "$WORK/proxy.out")" || { cat "$DB.out"; exit 1; }
kill -TERM "$PP"; wait "$PP" 2>/dev/null || true
read -r up down <"$WORK/proxy.stats"
nd=$(sqlite3 "$DB" "SELECT count(*) FROM dossier")
body=$(grep 'POST /v1/push 200 000.52.01' "$WORK/hub.log" | sed -n 's/.*(\([0-9]*\) bytes in, \([0-9]*\) out.*/\1 \2/p' |
	awk '{ s += $1 + $2 } END { print s + 0 }')
echo "3. a commune's day ($nd dossiers, $(events "$DB") events) on the wire: $up bytes up, $down down: $(( (up + down) / nd )) bytes a dossier, everything of the run (target < 250)"
echo "   the push's bodies alone (compressed request, answer): $(( body / nd )) bytes a dossier"
fi

# ---------------------------------------------------------------- 4. over a slow, lossy link
if phase 4; then
DB=$WORK/bench-sync-day2.db
register "$DB"
"$PROXY" --to "${HUB#http://}" --stats "$WORK/proxy2.stats" --rate 5000 --cut-every 3 >"$WORK/proxy2.out" 2>&1 &
PP=$!
PIDS="$PIDS $PP"
for _ in $(seq 50); do [ -s "$WORK/proxy2.out" ] && break; sleep 0.1; done
t0=$(now)
push "$DB" "http://127.0.0.1:$(sed -n 's/listening on //p' "$WORK/proxy2.out")" || echo "   !! motcua-sync: $(tail -n 1 "$DB.out")"
t1=$(now)
kill -TERM "$PP"; wait "$PP" 2>/dev/null || true
read -r up down <"$WORK/proxy2.stats"
n=$(events "$DB")
held=$(pg "SELECT count(*), md5(string_agg(office || ':' || seq || '|' || code || '|' || pos || '|' || kind || '|' || at || '|' || actor || '|' || payload, E'\n' ORDER BY seq)) FROM event WHERE office = '000.52.02.H56'")
mine=$(sqlite3 "$DB" "SELECT count(*) FROM dossier_event")"|"$(sqlite3 "$DB" "SELECT id || '|' || code || '|' || pos || '|' || kind || '|' || at || '|' || actor || '|' || payload FROM dossier_event ORDER BY office_seq" | md5sum | cut -d' ' -f1)
held_sum=$(pg "SELECT id || '|' || code || '|' || pos || '|' || kind || '|' || at || '|' || actor || '|' || payload FROM (SELECT office || ':' || seq AS id, * FROM event WHERE office = '000.52.02.H56') e ORDER BY seq" | md5sum | cut -d' ' -f1)
echo "4. the same day over 5 KB/s with a cut every 3 s: $(secs "$t0" "$t1") s (target < 60), $up bytes up, $down down"
if [ "${held%%|*}" = "$n" ] && [ "${mine#*|}" = "$held_sum" ]; then
	echo "   the hub holds exactly the office's $n events: none lost, none doubled"
else
	echo "   !! the hub holds ${held%%|*} of $n events, or other content"
fi
fi
echo "5. motcua-sync peak memory over all the runs: $(awk -v k="$client_peak" 'BEGIN { printf "%.1f", k / 1024 }') MB (target < 16)"
