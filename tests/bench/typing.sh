#!/usr/bin/env bash
# typing.sh -- search-as-you-type latency on a big store: every keystroke of 200 random
# names, phones and code fragments, in process (tests/bench/typing.c).
#   tests/bench/typing.sh [DB]     (default build/bench-1000000.db, made by foundation.sh)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DB=${1:-$ROOT/build/bench-1000000.db}
B=$ROOT/build
export LC_ALL=C.UTF-8
[ -f "$DB" ] || { echo "no $DB: run tests/bench/foundation.sh first" >&2; exit 2; }
gcc -O2 -I "$B" -I "$ROOT/common" "$ROOT/tests/bench/typing.c" "$B/common/libmotcua.a" \
	$(pkg-config --cflags --libs sqlite3 libutf8proc jansson libcrypt) -o "$B/bench-typing"
sqlite3 "$DB" "SELECT name FROM dossier ORDER BY random() LIMIT 120;
	SELECT phone FROM dossier WHERE phone <> '' ORDER BY random() LIMIT 40;
	SELECT substr(code, 15) FROM dossier ORDER BY random() LIMIT 40;" >"$B/typing.queries"
"$B/bench-typing" "$DB" 60 <"$B/typing.queries" | sort -n >"$B/typing.lat"
awk -F'\t' '{ v[NR] = $1 } END { printf "search as you type (%d keystrokes, limit 60): median %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms\n",
	NR, v[int(NR*0.5)]/1000, v[int(NR*0.95)]/1000, v[int(NR*0.99)]/1000, v[NR]/1000 }' "$B/typing.lat"
echo "slowest: $(tail -3 "$B/typing.lat" | awk -F'\t' '{printf "\"%s\" %.0f ms; ", $2, $1/1000}')"
