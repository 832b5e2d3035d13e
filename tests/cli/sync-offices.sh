# sync-offices.sh -- two communes and their province syncing through one hub on a real,
# throwaway PostgreSQL: a dossier handed from office a to office b appears on b, b's
# result comes back to a (whose SMS/USSD query then answers it), two offices acting on
# one dossier at once fold the same everywhere, the province pulls its scope read-only
# (searchable, refusing local events with the reason), the catalogue, holidays,
# templates and settings published and pulled (then one 304 each), an office restored
# from an old copy has its clashing events set aside without blocking the rest; every
# store and the hub agree on every dossier.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../sync/lib.sh"
export MOTCUA_NOW='2026-10-12 09:00'	# a Monday
USSD=$(dirname "$MOTCUA")/motcua-ussd

pg_start || { ok 1 "a throwaway PostgreSQL cluster starts"; done_testing; exit 1; }
hub_start hub || { ok 1 "the hub starts"; done_testing; exit 1; }
office_new prov 000.00.00.H56 "" vi	# the province's store speaks Vietnamese
office_new a 000.17.22.H56 000.00.00.H56
office_new b 000.17.23.H56 000.00.00.H56
A=000.17.22.H56
B=000.17.23.H56
on a user add canbo --role officer </dev/null >/dev/null 2>&1

# ---------------------------------------------------------------- a hand-over and its result
c1=$(on a intake --procedure 1.004873 --name "Nguyễn Văn Ân" --phone 0912345678 --sms yes)
c2=$(on a intake --procedure 1.001193 --name "Trần Thị Bình" --phone 0987654321)
on a event "$c1" transferred --to "$B" >/dev/null
ok $? "office a hands $c1 over to office b ($B)"
sync_once a && sync_once b
ok $? "a and b sync"
like "$(on b show "$c1")" "Nguyễn Văn Ân" "the dossier appears on office b"
is "$(sqlite3 "$T/b.db" "SELECT status, handler FROM dossier WHERE code = '$c1'")" "4|$B" \
	"... being processed, held by b"
is "$(sqlite3 "$T/b.db" "SELECT count(*) FROM dossier WHERE code = '$c2'")" 0 "... and only the dossier handed to it"
is "$(sqlite3 "$T/b.db" "SELECT access FROM sync_dossier WHERE code = '$c1'")" held "... held by b: it may record events"
on b event "$c1" result-ready >/dev/null
ok $? "office b records the result"
sync_once b && sync_once a
ok $? "b and a sync"
like "$(cat "$T/a.sync")" "pulled 1 events" "a pulls b's event"
is "$(sqlite3 "$T/a.db" "SELECT status FROM dossier WHERE code = '$c1'")" 9 "a's dossier now says result ready"
like "$(on a show "$c1")" "$B:1" "... and its history shows b's event"

# The citizen's query on a's number (USSD, as the SMS service answers).
"$USSD" --db "$T/a.db" --foreground --listen 127.0.0.1:0 2>"$T/ussd.log" &
USSD_PID=$!
SYNC_PIDS="$SYNC_PIDS $USSD_PID"
wait_until 10 "grep -q 'listening on' '$T/ussd.log'"
UPORT=$(sed -n 's/.*listening on .*:\([0-9]*\) .*/\1/p' "$T/ussd.log" | tail -1)
answer=$(curl -s -m 10 --data-urlencode "sessionId=s1" --data-urlencode "serviceCode=*384#" \
	--data-urlencode "phoneNumber=0912345678" --data-urlencode "text=1*${c1#*-}" "http://127.0.0.1:$UPORT/ussd")
like "$answer" "^END Dossier $c1: the result is ready" "the citizen's query on a answers with b's result"
kill -TERM "$USSD_PID" 2>/dev/null
wait "$USSD_PID" 2>/dev/null

on a event "$c1" result-returned --collector "Nguyễn Văn Ân" >/dev/null
ok $? "office a hands the result back"
sync_once a && sync_once b
is "$(sqlite3 "$T/b.db" "SELECT status FROM dossier WHERE code = '$c1'")" 10 "b learns it was handed back"

# ---------------------------------------------------------------- two offices at once
c3=$(on a intake --procedure 1.004873 --name "Lê Văn Cường")
on a event "$c3" transferred --to "$B" >/dev/null
sync_once a && sync_once b
on a event "$c3" withdrawn --reason "Công dân rút hồ sơ" >/dev/null
on b event "$c3" result-ready >/dev/null
ok $? "a records a withdrawal while b, not knowing, records a result"
sync_once a; sync_once b; sync_once a
is "$(sqlite3 "$T/a.db" "SELECT status FROM dossier WHERE code = '$c3'")|$(sqlite3 "$T/b.db" \
	"SELECT status FROM dossier WHERE code = '$c3'")|$(psql_q "SELECT status FROM dossier WHERE code = '$c3'")" \
	"7|7|7" "both fold (pos, office, seq) the same: withdrawn on a, b and the hub"
is "$(sqlite3 "$T/b.db" "SELECT count(*) FROM dossier_event WHERE code = '$c3'")" 4 \
	"... b's result stays in the log, passed over"

# ---------------------------------------------------------------- the province's scope
cb=$(on b intake --procedure 1.001193 --name "Phạm Thị Dung" --phone 0911111111)
sync_once b
sync_once prov --scope 000.00.00.H56
is $? 0 "the province pulls its scope"
is "$(sqlite3 "$T/prov.db" "SELECT count(*) FROM dossier")" 4 "... every dossier of its communes"
is "$(sqlite3 "$T/prov.db" "SELECT count(*) FROM sync_dossier WHERE access = 'read'")" 4 "... all read-only"
like "$(on prov search "pham thi dung" --format tsv)" "$cb" "the province finds a commune's dossier by name"
out=$(on prov event "$c2" note --note "nhắc" 2>&1)
is $? 1 "a read-only dossier refuses a local event"
like "$out" "thuộc đơn vị $A và ở đây chỉ được xem" "... saying it is read-only and whose it is (in Vietnamese)"
like "$(MOTCUA_LANG= "$SYNC" --db "$T/prov.db" --hub "$HUB_URL" --token "$TOKEN_prov" --once --scope 000.00.00.H56)" \
	"^motcua-sync: đã gửi 0 sự kiện" "motcua-sync speaks the office's language"
like "$(on prov remind result-waiting --office "$A" --dry-run 2>&1)" "." "the province previews reminders over a commune's dossiers"
on a event "$c2" result-ready >/dev/null
sync_once a && sync_once prov --scope 000.00.00.H56
is "$(sqlite3 "$T/prov.db" "SELECT status FROM dossier WHERE code = '$c2'")" 9 "the scope follows the communes' new events"
sync_once b --scope 000.00.00.H56
is $? 1 "a commune cannot pull a scope above it"
like "$(cat "$T/b.sync")" "403" "... the hub says so"

# ---------------------------------------------------------------- published resources
sed 's/^1\.004873,\([^,]*\),\([^,]*\),\([^,]*\),\([^,]*\),\([^,]*\),[0-9]*,/1.004873,\1,\2,\3,\4,\5,15000,/' \
	"$MOTCUA_DATADIR/data/procedures.csv" >"$T/catalog.csv"
printf 'date,name,kind,provisional\n2027-01-01,Tết Dương lịch,off,0\n2027-12-31,Nghỉ thử,off,1\n' >"$T/holidays.csv"
sed 's/^status,"Ho so {code}: {status}/status,"HS {code}: {status}/' "$MOTCUA_DATADIR/data/templates/sms.csv" >"$T/sms.csv"
printf '{"hours":"07:30-11:30,13:30-17:00","sms.quiet":"22:00-06:30"}' >"$T/settings.json"
is "$(status "$HUB" publish catalog "$T/catalog.csv")" 0 "the province publishes a catalogue"
is "$(status "$HUB" publish holidays "$T/holidays.csv")" 0 "... holidays"
is "$(status "$HUB" publish templates "$T/sms.csv")" 0 "... SMS templates"
is "$(status "$HUB" publish settings "$T/settings.json")" 0 "... settings"
like "$("$HUB" publish settings "$T/settings.json")" "unchanged" "publishing the same again changes nothing"
printf '{"office.name":"Xã khác"}' >"$T/bad.json"
out=$("$HUB" publish settings "$T/bad.json" 2>&1)
is $? 1 "a setting that is each office's own is refused"
like "$out" "may not set 'office.name'" "... saying which"
printf 'date,name\n2027-02-30,Không có\n' >"$T/bad.csv"
is "$(status "$HUB" publish holidays "$T/bad.csv")" 1 "a holiday file with a bad date is refused"
sync_once a
is $? 0 "office a syncs the resources"
like "$(cat "$T/a.sync")" "resources: 4 updated" "... all four applied"
like "$(on a catalog show 1.004873)" "15[.,]?000" "the new fee is in force"
like "$(on a holiday list 2027)" "Nghỉ thử" "the new holiday is in force"
is "$(sqlite3 "$T/a.db" "SELECT value FROM setting WHERE key = 'hours'")" "07:30-11:30,13:30-17:00" "the province's hours are in force"
like "$(sqlite3 "$T/a.db" "SELECT value FROM setting WHERE key = 'sms.templates'")" "province-sms.csv$" "the templates are in force"
sync_once a
like "$(cat "$T/a.sync")" "resources: 0 updated, 4 unchanged" "synced again: nothing to apply"
is "$(grep -c "GET /v1/resources/[a-z]* 200" "$T/hub.log")" 4 "... each resource came once"
like "$(grep "GET /v1/resources/catalog" "$T/hub.log" | tail -1)" " 304 " "... then a 304"

sync_once b
same_dossiers "office a's dossiers agree with the hub's, field by field" a
same_dossiers "office b's too, the dossiers acted on at once included" b
same_events "before a's restore" a b

# ---------------------------------------------------------------- --watch
"$SYNC" --db "$T/b.db" --hub "$HUB_URL" --token "$TOKEN_b" --watch --quiet >"$T/watch.out" 2>&1 &
WPID=$!
SYNC_PIDS="$SYNC_PIDS $WPID"
wait_until 30 "grep -q '^motcua-sync:' '$T/watch.out'"
ok $? "motcua-sync --watch runs, with a result line for each run"
before=$(psql_q "SELECT cursor FROM office WHERE code = '$B'")
on b intake --procedure 1.001193 --name "Lý Thị Oanh" >/dev/null
wait_until 30 "[ \$(psql_q \"SELECT cursor FROM office WHERE code = '$B'\") -gt $before ]"
ok $? "... and sends a new local event soon after it is recorded, without waiting for its pause"
kill -TERM "$WPID"
wait "$WPID"
is $? 0 "... and stops on SIGTERM, exit 0"

# ---------------------------------------------------------------- an office restored from an old copy
cp "$T/a.db" "$T/a-old.db"
on a intake --procedure 1.001193 --name "Đỗ Thị Giang" >/dev/null
on a intake --procedure 1.001193 --name "Vũ Văn Hải" >/dev/null
sync_once a
cp "$T/a.db" "$T/a-pushed.db"
mv "$T/a-old.db" "$T/a.db"
rm -f "$T/a.db-wal" "$T/a.db-shm"
on a intake --procedure 1.001193 --name "Bùi Thị Khánh" >/dev/null
on a intake --procedure 1.001193 --name "Ngô Văn Long" >/dev/null
on a intake --procedure 1.001193 --name "Hồ Thị Mai" >/dev/null
sync_once a
is $? 1 "an office restored from an old copy: the clashing events are set aside (exit 1)"
like "$(cat "$T/a.sync")" "set aside $A:[0-9]+: the hub holds this event with other content" "... named in motcua-sync's output"
is "$(sqlite3 "$T/a.db" "SELECT count(*) FROM sync_setaside WHERE direction = 'push'")" 2 "... two of them"
last=$(sqlite3 "$T/a.db" "SELECT max(office_seq) FROM dossier_event WHERE office = '$A'")
is "$(psql_q "SELECT cursor FROM office WHERE code = '$A'")" "$last" "... and the event behind them reached the hub"
like "$("$SYNC" --db "$T/a.db" --status)" "set aside \(push\) $A:" "motcua-sync --status lists them"
is "$(psql_q "SELECT count(*) FROM conflict WHERE office = '$A'")" 2 "the hub records the attempts, keeping its own copies"

# ---------------------------------------------------------------- everyone agrees
sync_once b; sync_once prov --scope 000.00.00.H56
for o in b prov; do
	same_dossiers "office $o's dossiers agree with the hub's, field by field" "$o"
	is "$(status on "$o" check)" 0 "motcua check on office $o"
done
is "$(status "$HUB" check)" 0 "motcua-hub check"
same_events "offices b and the province" b prov
# Office a: the hub keeps its first copy of the two clashing events, and holds every
# other event of a as a holds it.
aside=$(sqlite3 "$T/a.db" "SELECT group_concat(quote(id)) FROM sync_setaside")
{ sqlite3 "$T/a.db" "SELECT id || '|' || code || '|' || pos || '|' || kind || '|' || at || '|' ||
	actor || '|' || payload FROM dossier_event WHERE office = '$A' AND id NOT IN ($aside)"
  sqlite3 "$T/a-pushed.db" "SELECT id || '|' || code || '|' || pos || '|' || kind || '|' || at || '|' ||
	actor || '|' || payload FROM dossier_event WHERE id IN ($aside)"; } | sort >"$T/a.expected"
hub_events "$A" | sort >"$T/a.hub"
cmp -s "$T/a.expected" "$T/a.hub"
ok $? "office a after its restore: the hub holds its first copy of the clashing events and every other event of a, none missing, none doubled ($(wc -l <"$T/a.hub") events)"
done_testing
