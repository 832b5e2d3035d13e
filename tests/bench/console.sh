#!/usr/bin/env bash
# console.sh -- the console as an official sees it, on a big store, in a real terminal
# (tmux 80x24): time from start to the login screen, keystroke-to-screen latency of the
# search box (every keystroke of random names, phones and code fragments: from
# send-keys until the pane shows the typed text and the list for it), and the
# console's memory (VmRSS now, VmHWM its peak) after logging in and searching.
#   tests/bench/console.sh [DB] [QUERIES]  (default build/bench-1000000.db, 40 queries)
# The store gets a user "bench" (password bench-motcua) if it has none, and login
# audit rows.  Latency includes tmux's own capture-pane polling (a few ms a look).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DB=${1:-$ROOT/build/bench-1000000.db}
NQ=${2:-40}
MOTCUA=${MOTCUA:-$ROOT/build/inst/bin/motcua}
export LC_ALL=C.UTF-8 TERM=xterm
[ -f "$DB" ] || { echo "no $DB: run tests/bench/foundation.sh first" >&2; exit 2; }
T=$(mktemp -d)
tm() { tmux -u -S "$T/sock" -f /dev/null "$@"; }
trap 'tm kill-server >/dev/null 2>&1; rm -rf "$T"' EXIT
pane() { tm capture-pane -p -t b; }
ms() { echo $(( $(date +%s%N) / 1000000 )); }
# until PATTERN: wait (at most 30 s) for the pane to match.
until_shows() {
	local end=$(( $(date +%s) + 30 ))
	until pane | grep -Eq -- "$1"; do
		[ "$(date +%s)" -lt "$end" ] || { echo "timed out waiting for: $1" >&2; pane >&2; exit 1; }
	done
}
"$MOTCUA" --db "$DB" user list --format tsv | cut -f1 | grep -qx bench ||
	echo "bench-motcua" | "$MOTCUA" --db "$DB" user add bench --role officer >/dev/null

# Start to the first screen, 5 times.
for i in 1 2 3 4 5; do
	t0=$(ms)
	tm new-session -d -s b -x 80 -y 24 "exec '$MOTCUA' --db '$DB' --user bench"
	until_shows "Password|Mật khẩu"
	echo $(( $(ms) - t0 )) >>"$T/start"
	tm kill-server
	sleep 0.2
done
tm new-session -d -s b -x 80 -y 24 "exec '$MOTCUA' --db '$DB' --user bench"
until_shows "Password|Mật khẩu"
tm send-keys -t b -l "bench-motcua"; tm send-keys -t b Enter
until_shows "Received today|Tiếp nhận hôm nay"
tm send-keys -t b /
until_shows "Search:|Tìm:"
# Typing method off in the box, so what is typed is what the box shows.
until pane | grep -Eq "(Typing|Gõ): (off|tắt)"; do tm send-keys -t b C-t; sleep 0.3; done

sqlite3 "$DB" "SELECT lower(name) FROM dossier ORDER BY random() LIMIT $((NQ * 6 / 10));
	SELECT phone FROM dossier WHERE phone <> '' ORDER BY random() LIMIT $((NQ * 2 / 10));
	SELECT substr(code, 15) FROM dossier ORDER BY random() LIMIT $((NQ * 2 / 10));" |
	sed 's/[^[:alnum:] -]//g' >"$T/queries"
while IFS= read -r q; do
	typed=""
	for ((i = 0; i < ${#q}; i++)); do
		c=${q:i:1}
		typed+=$c
		t0=$(ms)
		tm send-keys -t b -l "$c"
		# The box shows what was typed (up to its width) and the list is not pending.
		want=${typed: -20}
		end=$(( $(date +%s) + 10 ))
		until p=$(pane) && sed -n 2p <<<"$p" | grep -Fq -- "$want" &&
			! grep -Eq "Searching|Đang tìm" <<<"$p"; do
			[ "$(date +%s)" -lt "$end" ] && continue
			echo "no screen for '$typed' after 10 s:" >&2; sed -n 1,3p <<<"$p" >&2
			break
		done
		printf '%d\t%s\n' $(( $(ms) - t0 )) "$typed" >>"$T/lat"
	done
	tm send-keys -t b C-u
	until ! pane | sed -n 2p | grep -Fq -- "${q:0:3}" || [ ${#q} -lt 3 ]; do :; done
done <"$T/queries"
pid=$(tm list-panes -t b -F '#{pane_pid}')
rss=$(awk '/^VmRSS/ { print $2 }' "/proc/$pid/status")
hwm=$(awk '/^VmHWM/ { print $2 }' "/proc/$pid/status")
sort -n "$T/start" | awk '{ v[NR] = $1 } END { printf "start to login screen (%d runs): median %d ms, max %d ms\n", NR, v[int((NR+1)/2)], v[NR] }'
sort -n "$T/lat" | awk '{ v[NR] = $1 } END { printf "keystroke to screen, search box (%d keys): median %d ms, p95 %d ms, max %d ms\n", NR, v[int(NR*0.5)], v[int(NR*0.95)], v[NR] }'
echo "slowest: $(sort -n "$T/lat" | tail -3 | awk -F'\t' '{ printf "\"%s\" %d ms; ", $2, $1 }')"
echo "console memory after login and $(wc -l <"$T/queries") searches: RSS $((rss / 1024)) MiB, peak $((hwm / 1024)) MiB"
