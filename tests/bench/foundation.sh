#!/usr/bin/env bash
# foundation.sh -- the foundation's figures: demo generation, search latency, intake rate,
# and the memory of `motcua search`, on a store of N dossiers (default 1,000,000).
#
#   tests/bench/foundation.sh [N]      (after scripts/setup; the store is kept in
#                                       build/bench-N.db and reused when it exists)
# Prints one line per figure. Not a test: no threshold is asserted.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
N=${1:-1000000}
Q=${QUERIES:-1000}
I=${INTAKES:-500}
M=$ROOT/build/inst/bin/motcua
DB=$ROOT/build/bench-$N.db
export LC_ALL=C.UTF-8
command -v /usr/bin/time >/dev/null || apt-get install -y -qq time >/dev/null
[ -x "$M" ] || { echo "run scripts/setup first" >&2; exit 2; }

now() { echo "$EPOCHREALTIME"; }
if [ ! -f "$DB" ]; then
	t0=$(now)
	/usr/bin/time -f '%M' -o "$DB.rss" "$M" --db "$DB" demo --dossiers "$N" >/dev/null 2>"$DB.log"
	t1=$(now)
	printf 'demo --dossiers %d: %.1f s, file %d MiB, peak RSS %d MiB\n' "$N" \
		"$(awk -v a="$t0" -v b="$t1" 'BEGIN{print b-a}')" "$(( $(stat -c %s "$DB") / 1048576 ))" \
		"$(( $(cat "$DB.rss") / 1024 ))"
else
	echo "store: $DB exists ($(( $(stat -c %s "$DB") / 1048576 )) MiB), demo time not re-measured"
fi

# Random queries drawn from the store itself: names (folded, part or whole),
# code fragments, phone numbers, ID numbers, and a few that match nothing.
sqlite3 "$DB" "SELECT code, name, phone, idno FROM dossier WHERE id IN
	(SELECT abs(random()) % (SELECT max(id) FROM dossier) FROM generate_series(1, $Q))" 2>/dev/null >"$DB.sample" ||
sqlite3 "$DB" "SELECT code, name, phone, idno FROM dossier ORDER BY random() LIMIT $Q" >"$DB.sample"
awk -F'|' 'BEGIN { srand(7) }
	{ r = int(rand() * 6)
	  if (r == 0) print substr($1, 15, 8)          # code fragment YYMMDD-N
	  else if (r == 1) print $3                     # phone
	  else if (r == 2) print $4                     # ID number
	  else if (r == 3) { n = split($2, w, " "); print w[1] " " w[n] }   # family + given name
	  else if (r == 4) print $2                     # full name, accented
	  else if (r == 5 && NR % 2) { n = split($2, w, " "); print "INITIAL\t" w[2] "\t" w[n] }  # "van a"
	  else print "khong co ai " NR }' "$DB.sample" | grep -av '^ *$' | head -n "$Q" |
while IFS= read -r line; do	# "van a": a middle name and the first letter (bash counts characters)
	case "$line" in
	INITIAL*) IFS=$'\t' read -r _ mid last <<<"$line"; echo "$mid ${last:0:1}" ;;
	*) echo "$line" ;;
	esac
done >"$DB.queries"
lat=$DB.lat
: >"$lat"
while IFS= read -r q; do
	t0=$(now)
	"$M" --db "$DB" search "$q" --limit 20 >/dev/null 2>&1
	t1=$(now)
	awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.2f\n", (b-a)*1000}' >>"$lat"
done <"$DB.queries"
paste "$lat" "$DB.queries" | sort -n >"$lat.sorted"
awk -F'\t' '{ v[NR] = $1 } END { printf "search (%d queries, whole process, limit 20): median %.1f ms, p95 %.1f ms, max %.1f ms\n", NR, v[int(NR*0.5)], v[int(NR*0.95)], v[NR] }' "$lat.sorted"
echo "slowest: $(tail -3 "$lat.sorted" | awk -F'\t' '{printf "%s (%s ms); ", $2, $1}')"

/usr/bin/time -f '%M' -o "$DB.rss" "$M" --db "$DB" search "nguyen van" --limit 50 >/dev/null
echo "motcua search RSS: $(( $(cat "$DB.rss") / 1024 )) MiB ($(cat "$DB.rss") KiB)"

cp "$DB" "$DB.intake"
[ -f "$DB-wal" ] && cp "$DB-wal" "$DB.intake-wal"
t0=$(now)
for i in $(seq "$I"); do
	"$M" --db "$DB.intake" intake --procedure 2.000815 --name "Người Thử $i" --phone 0912345678 >/dev/null
done
t1=$(now)
awk -v n="$I" -v a="$t0" -v b="$t1" 'BEGIN{printf "intake: %d dossiers in %.1f s = %.0f per second (one process each, fsync on)\n", n, b-a, n/(b-a)}'
rm -f "$DB.intake" "$DB.intake-wal" "$DB.intake-shm" "$DB.sample" "$DB.queries" "$lat" "$lat.sorted" "$DB.rss"
