# sync-faults.sh -- the province link under faults, each a test that ends with "hub and
# offices hold exactly the same events, none missing, none doubled": the hub killed
# (SIGKILL) in the middle of a batch's transaction; the client killed in the middle of
# a batch; the connection cut in the middle of the hub's answer; the hub answering 500
# (after doing the work) and 503 (PostgreSQL stopped); a slow, lossy link (5 KB/s, a cut
# every few seconds); a duplicated batch, and two clients of one office at once; two
# hubs on one database; an office whose clock is a year off.  A real, throwaway
# PostgreSQL and the test proxy (tests/sync/syncproxy) between client and hub.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../sync/lib.sh"
export MOTCUA_NOW='2026-10-12 09:00'	# a Monday

pg_start || { ok 1 "a throwaway PostgreSQL cluster starts"; done_testing; exit 1; }
[ -x "$PROXY" ] || { ok 1 "the test proxy is built ($PROXY: make check)"; done_testing; exit 1; }
hub_start hub || { ok 1 "the hub starts"; done_testing; exit 1; }
office_new prov 000.00.00.H56
office_new a 000.17.22.H56 000.00.00.H56
office_new b 000.17.23.H56 000.00.00.H56
office_new c 000.17.24.H56 000.00.00.H56
A=000.17.22.H56
B=000.17.23.H56
on a demo --dossiers 200 --seed 1 >/dev/null
on b demo --dossiers 60 --seed 2 >/dev/null
na=$(sqlite3 "$T/a.db" "SELECT count(*) FROM dossier_event")
ok 0 "office a has $na events to push, office b $(sqlite3 "$T/b.db" "SELECT count(*) FROM dossier_event")"

# hold_office CODE: a session that holds the office's row locked (a push of it waits
# inside its transaction) until release_office.
hold_office() {
	"$PGBIN/psql" -X -q "$PG" -c "BEGIN; SELECT 1 FROM office WHERE code = '$1' FOR UPDATE;
		SELECT pg_sleep(60); COMMIT;" >/dev/null 2>&1 &
	HOLD_PID=$!
	SYNC_PIDS="$SYNC_PIDS $HOLD_PID"
	wait_until 10 "[ \"\$(psql_q \"SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(60)%' AND state = 'active' AND pid <> pg_backend_pid()\")\" = 1 ]"
}
release_office() {
	psql_q "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(60)%' AND pid <> pg_backend_pid()" >/dev/null
	wait "$HOLD_PID" 2>/dev/null
}
# a push waiting for the office's row, inside its transaction
push_waiting() {
	[ "$(psql_q "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'motcua-hub' AND wait_event_type = 'Lock'")" -ge 1 ]
}
pushed() {	# pushed CODE: the hub's cursor for that office
	psql_q "SELECT cursor FROM office WHERE code = '$1'"
}

# ---------------------------------------------------------------- the hub killed mid-batch
sync_once a --batch-kb 8
ok $? "a first part of office a's events goes through"
on a intake --procedure 1.004873 --name "Nguyễn Văn Ân" >/dev/null
on a intake --procedure 1.001193 --name "Trần Thị Bình" >/dev/null
before=$(pushed "$A")
hold_office "$A"
"$SYNC" --db "$T/a.db" --hub "$HUB_URL" --token "$TOKEN_a" --once --quiet >"$T/a.sync" 2>&1 &
SPID=$!
SYNC_PIDS="$SYNC_PIDS $SPID"
wait_until 20 push_waiting
ok $? "a batch is inside the hub's transaction (waiting for the office's row)"
kill -KILL "$HUB_PID"
wait "$HUB_PID" 2>/dev/null
release_office
is "$(pushed "$A")" "$before" "the hub killed (SIGKILL) in the middle of it: nothing of the batch was kept"
HUB_PORT_WANTED=$HUB_PORT
hub_start hub2
HUB_PORT_WANTED=
wait "$SPID"
is $? 0 "the client, trying again, finishes once the hub is back"
same_events "the hub killed mid-batch" a

# ---------------------------------------------------------------- the client killed mid-batch
on a event "$(sqlite3 "$T/a.db" "SELECT code FROM dossier WHERE status = 2 LIMIT 1")" note --note "một" >/dev/null
on a event "$(sqlite3 "$T/a.db" "SELECT code FROM dossier WHERE status = 2 LIMIT 1")" note --note "hai" >/dev/null
before=$(sqlite3 "$T/a.db" "SELECT value FROM setting WHERE key = 'sync.cursor'")
hold_office "$A"
"$SYNC" --db "$T/a.db" --hub "$HUB_URL" --token "$TOKEN_a" --once --quiet >"$T/a.sync" 2>&1 &
SPID=$!
SYNC_PIDS="$SYNC_PIDS $SPID"
wait_until 20 push_waiting
kill -KILL "$SPID"
wait "$SPID" 2>/dev/null
release_office
wait_until 20 "[ \"\$(pushed $A)\" = \"$(sqlite3 "$T/a.db" "SELECT max(office_seq) FROM dossier_event")\" ]"
ok $? "the client killed (SIGKILL) in the middle of a batch: the hub still stores it"
is "$(sqlite3 "$T/a.db" "SELECT value FROM setting WHERE key = 'sync.cursor'")" "$before" \
	"... the office never heard the answer"
sync_once a
is $? 0 "the next run finds the events known and goes on"
same_events "the client killed mid-batch" a

# ---------------------------------------------------------------- the connection cut mid-answer
on b event "$(sqlite3 "$T/b.db" "SELECT code FROM dossier LIMIT 1")" note --note "ba" >/dev/null
proxy_start --cut-response 150 --cuts 2
URL=$PROXY_URL synced "the connection cut in the middle of the hub's answer (twice): the client finishes" b --batch-kb 16
proxy_stop
same_events "the connection cut mid-answer" a b

# ---------------------------------------------------------------- 500 and 503
c1=$(on b intake --procedure 1.004873 --name "Lê Văn Cường")
on b event "$c1" transferred --to "$A" >/dev/null
proxy_start --answer 500 --answers 2 --after-forward
URL=$PROXY_URL sync_once b
is $? 0 "the hub does the work and the client hears 500, twice: it tries again and finishes"
proxy_stop
like "$(grep "POST /v1/push 200 $B" "$T/hub2.log" | tail -1)" " 0 stored, [1-9][0-9]* known" \
	"... the batch sent again was found known: the hub had stored it the first time"
proxy_start --answer 503 --answers 3
URL=$PROXY_URL synced "503 three times (Retry-After): the client waits and finishes" a
proxy_stop
is "$(sqlite3 "$T/a.db" "SELECT count(*) FROM dossier WHERE code = '$c1'")" 1 "... and pulled b's hand-over"
on a event "$c1" result-ready >/dev/null
pg_stop
sync_once a &
SPID=$!
SYNC_PIDS="$SYNC_PIDS $SPID"
wait_until 20 "grep -q 'POST /v1/push 503' '$T/hub2.log'"
ok $? "PostgreSQL stopped: the hub answers 503"
pg_restart
wait "$SPID"
is $? 0 "... and the client finishes once PostgreSQL is back"
sync_once b
is "$(sqlite3 "$T/b.db" "SELECT status FROM dossier WHERE code = '$c1'")" 9 "a's result reached b"
same_events "500 and 503" a b

# ---------------------------------------------------------------- a slow, lossy link
on c demo --dossiers 40 --seed 3 >/dev/null
proxy_start --rate 5000 --cut-every 3
start=$(date +%s)
URL=$PROXY_URL sync_once c
is $? 0 "a slow, lossy link (5 KB/s, a cut every 3 s): everything goes, $(sqlite3 "$T/c.db" "SELECT count(*) FROM dossier_event") events in $(( $(date +%s) - start )) s"
proxy_stop
read -r up down <"$T/proxy.stats"
ok 0 "... $up bytes up and $down down on the wire"
same_events "a slow, lossy link" c

# ---------------------------------------------------------------- a duplicated batch
sqlite3 "$T/c.db" "UPDATE setting SET value = '0' WHERE key = 'sync.cursor'"
sync_once c
is $? 0 "every batch of office c sent a second time: accepted"
same_events "a duplicated batch" c
on c intake --procedure 1.001193 --name "Phạm Thị Dung" >/dev/null
on c intake --procedure 1.001193 --name "Hoàng Văn Em" >/dev/null
sqlite3 "$T/c.db" "UPDATE setting SET value = '0' WHERE key = 'sync.cursor'"
sync_once c & p1=$!
sync_once c & p2=$!
wait "$p1"; r1=$?
wait "$p2"; r2=$?
is "$r1$r2" 00 "two clients of one office sending the same batches at once"
same_events "the same batches at once" c

# ---------------------------------------------------------------- two hubs, one database
hub_start hub3
URL2=$HUB_URL
HUB_URL=http://127.0.0.1:$(sed -n 's/.*listening on [^ ]*:\([0-9]*\) .*/\1/p' "$T/hub2.log" | tail -1)
c2=$(on a intake --procedure 1.004873 --name "Đỗ Thị Giang")
on a event "$c2" transferred --to "$B" >/dev/null
for i in 1 2 3 4 5; do on a intake --procedure 1.001193 --name "Người $i" >/dev/null; done
sync_once a & p1=$!
URL=$URL2 sync_once a & p2=$!
wait "$p1"; r1=$?
wait "$p2"; r2=$?
is "$r1$r2" 00 "office a through both hubs at once"
URL=$URL2 sync_once b
on b event "$c2" result-ready >/dev/null
URL=$URL2 sync_once b && sync_once a
is "$(sqlite3 "$T/a.db" "SELECT status FROM dossier WHERE code = '$c2'")" 9 \
	"a hand-over from a (hub 1) to b (hub 2) and its result back"
is "$(status "$HUB" check)" 0 "the hubs' dossiers agree with their events"
same_events "two hubs on one database" a b

# ---------------------------------------------------------------- an office clock a year off
c3=$(on a intake --procedure 1.004873 --name "Vũ Văn Hải" --phone 0912345678 --sms yes)
on a event "$c3" transferred --to "$B" >/dev/null
sync_once a && MOTCUA_NOW='2027-10-13 10:00' sync_once b
MOTCUA_NOW='2027-10-13 10:00' on b event "$c3" result-ready >/dev/null
ok $? "office b, its clock a year ahead, records a result"
MOTCUA_NOW='2027-10-13 10:00' sync_once b && sync_once a
is "$(sqlite3 "$T/a.db" "SELECT status FROM dossier WHERE code = '$c3'")" 9 "office a folds it in its place"
on a event "$c3" result-returned >/dev/null
ok $? "office a hands the result back at its own time, before b's clock's"
sync_once a && MOTCUA_NOW='2027-10-13 10:00' sync_once b
is "$(sqlite3 "$T/b.db" "SELECT status FROM dossier WHERE code = '$c3'")|$(psql_q "SELECT status FROM dossier WHERE code = '$c3'")" \
	"10|10" "b and the hub fold it the same"
is "$(psql_q "SELECT count(*) FROM event WHERE received > now() + interval '1 day'")" 0 \
	"the hub stamps its own time on what it receives"
same_dossiers "office a's dossiers agree with the hub's" a
same_dossiers "office b's too" b
same_events "an office clock a year off" a b
for o in a b c; do
	is "$(status on "$o" check)" 0 "motcua check on office $o"
done

# ---------------------------------------------------------------- the hub restored from an older backup
n=$(pushed "$A")
psql_q "DELETE FROM event WHERE office = '$A' AND seq > $((n - 3)); UPDATE office SET cursor = $((n - 3)) WHERE code = '$A'" >/dev/null
on a intake --procedure 1.001193 --name "Ngô Văn Long" >/dev/null
synced "the hub lost office a's last 3 events (a restore): the client, told 409, sends them again" a
like "$(grep "POST /v1/push 409" "$T"/hub*.log | tail -1)" "gap" "... after the hub's 409 with its cursor"
is "$(status "$HUB" check)" 0 "... and the hub's dossiers agree with their events again"
same_events "the hub restored from an older backup" a

# ---------------------------------------------------------------- reports from the hub
# Office c holds only its own dossiers: the hub's report on it counts as c's own does,
# once the province publishes the holidays c has.
{ echo "date,name,kind,provisional"; grep -h '^20' "$MOTCUA_DATADIR"/data/holidays/*.csv; } >"$T/holidays.csv"
"$HUB" publish holidays "$T/holidays.csv" >/dev/null
on c report ontime --by month --format tsv | awk -F'\t' 'NR > 1 && $1 != "" { print $1, $3, $4, $5, $6, $8 }' >"$T/c.report"
"$HUB" report ontime --format tsv | awk -F'\t' -v o=000.17.24.H56 '$1 == o && $4 > 0 { printf "%s %s %s %s %s %.2f\n", $2, $4, $5, $6, $7, $9 }' >"$T/hub.report"
awk '{ printf "%s %s %s %s %s %.2f\n", $1, $2, $3, $4, $5, $6 }' "$T/c.report" >"$T/c.report2"
cmp -s "$T/c.report2" "$T/hub.report"
ok $? "motcua-hub report ontime: per month, office c's finished, early, on time, late and average working days as c's own report says ($(wc -l <"$T/hub.report") months)"
[ -s "$T/hub.report" ] || ok 1 "... and there are months to compare"
like "$("$HUB" report ontime --by office --format csv)" "^office,received,finished,early,on_time,late,on_time_pct,avg_working_days,overdue" \
	"report ontime --by office --format csv"
like "$("$HUB" report ratings --by office --format json)" '"satisfied_pct"' "report ratings --format json"
"$HUB" export dvcqg --since 2020-01-01 --output "$T/dvcqg.jsonl" 2>"$T/export.err"
is $? 0 "export dvcqg writes the portal's status records"
like "$(cat "$T/export.err")" "provisional" "... saying the mapping is provisional"
is "$(wc -l <"$T/dvcqg.jsonl")" "$(psql_q "SELECT count(*) FROM dossier")" "... one line per dossier"
like "$(grep "\"MaHoSo\":\"$c3\"" "$T/dvcqg.jsonl")" '"ChuHoSo":"Vũ Văn Hải".*"TrangThaiHoSo":10,.*"DonViXuLy":"000.17.23.H56"' \
	"... a dossier's applicant (exact UTF-8), its status 1-10 and who holds it"
unlike "$(cat "$T/dvcqg.jsonl")" "0912345678|SoDienThoai" "... and no phone number: the mapping names none"
is "$(status "$HUB" export dvcqg)" 2 "export without --since is bad usage"
done_testing
