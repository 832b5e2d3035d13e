# store.sh -- several writers at once, and processes killed mid-write: no duplicate codes,
# nothing half-written, `motcua check` clean.
. "$(dirname "$0")/../lib.sh"
setup_office
export MOTCUA_NOW='2026-10-12 09:00'

# Two "counters" register 40 dossiers each at the same time.
for w in 1 2; do
	( for i in $(seq 40); do
		mc intake --procedure 1.001193 --name "Người thứ $w $i" || echo FAIL
	done >"$T/codes.$w" 2>"$T/err.$w" ) &
done
wait
is "$(cat "$T/codes.1" "$T/codes.2" | grep -c FAIL)" 0 "concurrent intakes all succeed"
is "$(cat "$T/codes.1" "$T/codes.2" | sort -u | wc -l)" 80 "80 distinct codes"
is "$(cat "$T/codes.1" "$T/codes.2" | sort | tail -1)" "000.17.22.H56-261012-0080" "... numbered 0001 to 0080"
is "$(status mc check)" 0 "the store is consistent"

# Kill writers at random moments: every dossier is whole or absent.
killed=0
for round in $(seq 8); do
	"$MOTCUA" demo --dossiers 3000 --seed "$round" >/dev/null 2>&1 &
	pid=$!	# the program itself, not a subshell, so that SIGKILL reaches it
	sleep "0.$(shuf -i 1-9 -n 1)"
	kill -9 $pid 2>/dev/null && killed=$((killed + 1))
	wait $pid 2>/dev/null
done
like "$killed" "^[1-8]$" "writers were killed mid-run ($killed of 8)"
out=$(mc check)
is $? 0 "after 8 writers killed with SIGKILL the store is consistent"
like "$out" " 0 hồ sơ sai khác" "... every dossier equals its events"
is "$(sqlite3 "$DB" 'SELECT count(*) FROM dossier d WHERE NOT EXISTS (SELECT 1 FROM dossier_event e WHERE e.code = d.code)')" 0 \
	"no row without events"
is "$(sqlite3 "$DB" 'SELECT count(*) - count(DISTINCT id) FROM dossier_event')" 0 "no duplicate event ids"

done_testing
