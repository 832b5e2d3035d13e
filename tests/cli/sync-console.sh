# sync-console.sh -- the province link on the console's home screen, in tmux, against a
# real hub on a throwaway PostgreSQL: the last sync, the events waiting and those set
# aside; p runs motcua-sync in the background and its result line comes back; a
# dossier handed to another office comes back with that office's result, shown by the
# console after the next sync; a problem is shown.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../sync/lib.sh"
. "$(dirname "$0")/../tmux.sh"
export MOTCUA_NOW='2026-10-12 09:00'	# a Monday

pg_start || { ok 1 "a throwaway PostgreSQL cluster starts"; done_testing; exit 1; }
hub_start hub || { ok 1 "the hub starts"; done_testing; exit 1; }
office_new a 000.17.22.H56
office_new b 000.17.23.H56
DB=$T/a.db
on a init --office 000.17.22.H56 --name "UBND xã Tân Lập" --language en >/dev/null
echo "motcua-test" | on a user add admin --role admin --full-name "Quản trị" >/dev/null
c1=$(on a intake --procedure 1.004873 --name "Nguyễn Văn Ân")
on a event "$c1" transferred --to 000.17.23.H56 >/dev/null
sqlite3 "$DB" "INSERT INTO setting(key, value) VALUES ('sync.hub', '$HUB_URL'), ('sync.token', '$TOKEN_a')"

console c1 80 24 TERM=xterm
shows c1 "Password" "the console opens"
text c1 "admin"; keys c1 Tab; text c1 "motcua-test"; keys c1 Enter
shows c1 "Province sync: last at never; 2 events waiting, 0 set aside \(p: sync now\)" \
	"home: never synced, two events waiting, the key to sync"
keys c1 p
shows c1 "motcua-sync: pushed 2 events" "p syncs in the background and shows motcua-sync's result line"
shows c1 "Province sync: last at 09:00 12/10/2026; 0 events waiting, 0 set aside" "... then the last sync, nothing waiting"
is "$(psql_q "SELECT cursor FROM office WHERE code = '000.17.22.H56'")" 2 "the hub has a's events"

sync_once b
on b event "$c1" result-ready >/dev/null
sync_once b
keys c1 p
shows c1 "pulled 1 events" "p again: office b's result comes back"
shows c1 "Results waiting for collection +1" "home counts it among the results waiting"
keys c1 c
shows c1 "${c1#*-} .*Result ready" "the console shows the dossier's new status (its code without the office's part)"
keys c1 q
shows c1 "Province sync: last" "back home"

sqlite3 "$DB" "UPDATE setting SET value = 'the hub answered 503' WHERE key = 'sync.error'"
keys c1 C-l
shows c1 "Province sync problem: the hub answered 503" "a problem of the last run is shown"
sqlite3 "$DB" "INSERT INTO sync_setaside(id, direction, reason, at) VALUES ('000.17.22.H56:9', 'push', 'x', '2026-10-12 09:00')"
keys c1 C-l
shows c1 "1 set aside" "events set aside are counted"

console c2 132 43 TERM=vt100
shows c2 "Password" "the console opens at 132x43"
text c2 "admin"; keys c2 Tab; text c2 "motcua-test"; keys c2 Enter
shows c2 "Province sync: last at 09:00 12/10/2026; 0 events waiting, 1 set aside \(p: sync now\)" \
	"... and shows the whole sync line"
done_testing
