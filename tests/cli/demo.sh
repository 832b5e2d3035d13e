# demo.sh -- motcua demo: a new demo office, its users, realistic dossiers whose rows
# replay from their events, determinism by seed, appending, and bad usage.
. "$(dirname "$0")/../lib.sh"
export MOTCUA_NOW='2026-10-14 10:20'	# a Wednesday morning
q() { sqlite3 "$DB" "$1"; }

out=$(mc demo --dossiers 2000 --seed 7 2>"$T/err")
ok $? "demo on a new database succeeds"
is "$(grep -cv '^demo: [0-9]*/2000 ' "$T/err")" 0 "stderr has only progress lines (no terminal: no carriage returns)"
is "$(($(wc -l <"$T/err") <= 10))" 1 "... at most one for every tenth"
like "$out" "000\.17\.22\.H56 \(UBND xã Tân Lập\)" "it becomes the demo office"
like "$out" "2000 (dossiers added|hồ sơ)" "the summary says how many dossiers were added"
like "$out" "motcua-demo" "... and the users' password"
is "$(q "SELECT value FROM setting WHERE key = 'office.code'")" "000.17.22.H56" "the office code is set as init sets it"
is "$(q "SELECT count(*) > 5 FROM procedure")" 1 "the shipped catalogue was loaded"
is "$(q "SELECT count(*) > 0 FROM holiday")" 1 "the shipped holidays were loaded"
is "$(mc user list --format tsv | tail -n +2 | cut -f1,3 | sort | tr '\t\n' ': ')" \
	"admin:admin canbo1:officer canbo2:officer truongbp:head " "the four demo users with their roles"
is "$(mc check >/dev/null; echo $?)" 0 "motcua check: every row replays from its events"

# The dossiers and their events
is "$(q "SELECT count(*) FROM dossier")" 2000 "2000 dossiers"
is "$(q "SELECT count(*) FROM dossier_event WHERE kind = 'received'")" 2000 "each received once"
is "$(q "SELECT count(*) FROM dossier WHERE substr(code, 15, 6) != strftime('%y%m%d', received_at)")" 0 \
	"a code's date is the day received"
is "$(q "SELECT count(*) FROM dossier WHERE received_at < '2025-10-14 10:20' OR received_at > '2026-10-14 10:20'")" 0 \
	"all received within the last twelve months"
is "$(q "SELECT count(*) FROM dossier_event WHERE at > '2026-10-14 10:20'")" 0 "no event in the future"
is "$(q "SELECT count(*) FROM dossier_event WHERE NOT ((substr(at, 12) >= '07:00' AND substr(at, 12) < '11:30')
	OR (substr(at, 12) >= '13:30' AND substr(at, 12) < '17:00'))")" 0 "every event in office hours"
is "$(q "SELECT count(*) FROM dossier_event WHERE strftime('%w', at) IN ('0', '6')
	AND substr(at, 1, 10) NOT IN (SELECT day FROM holiday WHERE kind = 'work')")" 0 \
	"no event at a weekend but on a Saturday worked in exchange"
is "$(q "SELECT count(*) FROM dossier_event e JOIN holiday h ON h.day = substr(e.at, 1, 10) AND h.kind = 'off'")" 0 \
	"no event on a holiday"
is "$(q "SELECT count(*) FROM dossier_event a JOIN dossier_event b ON a.code = b.code AND b.seq > a.seq AND b.at < a.at")" 0 \
	"the events of a dossier never go back in time"
is "$(q "SELECT sum(substr(received_at, 12) < '11:30') > 1.3 * sum(substr(received_at, 12) >= '13:30') FROM dossier")" 1 \
	"more are received in the morning"
is "$(q "SELECT procedure FROM dossier GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")" "2.000815" \
	"certified copies (chứng thực bản sao) are the most frequent"
is "$(q "SELECT count(DISTINCT procedure) >= 8 FROM dossier")" 1 "... among many procedures"
late=$(q "SELECT 1000 * sum(finished_at > due_at) / count(*) FROM dossier WHERE status IN (9, 10)")
is "$([ "$late" -ge 40 ] && [ "$late" -le 90 ] && echo yes)" yes "4-9 % finished late (got $late per mille)"
is "$(q "SELECT count(*) > 0 FROM dossier WHERE status IN (2, 4, 6) AND due_at < '2026-10-14 10:20'")" 1 "some are overdue now"
is "$(q "SELECT count(*) > 0 FROM dossier WHERE status IN (2, 4, 5, 6) AND substr(due_at, 1, 10) = '2026-10-14'")" 1 "some are due today"
is "$(q "SELECT count(*) > 0 FROM dossier WHERE status = 9")" 1 "some wait for collection"
# The summary's counts are the home screen's lists (filter.c) on this store.
is "$(printf '%s\n' "$out" | grep -F '(2026-10-14 10:20)' | sed 's/.*): //' | grep -o '[0-9][0-9]*' | tr '\n' ' ')" \
	"$(q "SELECT count(*) FROM dossier WHERE status IN (1, 2, 4, 5, 6)") $(q "SELECT count(*) FROM dossier
	WHERE status IN (1, 2, 4, 6) AND due_at < '2026-10-14 10:20'") $(q "SELECT count(*) FROM dossier
	WHERE status IN (1, 2, 4, 6) AND substr(due_at, 1, 10) = '2026-10-14'") $(q "SELECT count(*) FROM dossier
	WHERE status = 9") " "the summary counts open, overdue, due today and ready dossiers as the lists do"
is "$(q "SELECT count(DISTINCT status) >= 7 FROM dossier")" 1 "refused, withdrawn, stopped, supplement... all occur"
for k in transferred returned-to-office supplement-requested supplement-received fee-paid extended \
	result-ready result-returned rated rejected withdrawn digitised; do
	is "$(q "SELECT count(*) > 0 FROM dossier_event WHERE kind = '$k'")" 1 "some dossiers have a $k event"
done
is "$(q "SELECT count(*) FROM dossier WHERE group_code IS NOT NULL AND group_code NOT IN (SELECT code FROM dossier)")" 0 \
	"a linked group names its first dossier"
is "$(q "SELECT count(*) FROM dossier_event WHERE kind = 'received' AND NOT (json_type(payload, '\$.due') = 'text'
	AND json_type(payload, '\$.sms') IN ('true', 'false') AND json_type(payload, '\$.fee') = 'integer'
	AND json_extract(payload, '\$.office') = '000.17.22.H56' AND json_extract(payload, '\$.channel') IS NOT NULL)")" 0 \
	"received payloads are written as intake writes them"

# The applicants
is "$(q "SELECT count(*) FROM dossier WHERE idno NOT GLOB '[0-9][0-9][0-9][0-3][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'")" 0 \
	"every ID number has 12 digits, a 20th or 21st century birth"
is "$(q "SELECT count(*) FROM dossier WHERE name LIKE '% Thị %' AND substr(idno, 4, 1) NOT IN ('1', '3')")" 0 \
	"'Thị' women have a female ID number"
is "$(q "SELECT count(*) FROM dossier WHERE name LIKE '% Văn %' AND substr(idno, 4, 1) NOT IN ('0', '2')")" 0 \
	"'Văn' men have a male ID number"
is "$(q "SELECT count(*) FROM dossier WHERE phone != '' AND phone NOT GLOB '0[35789][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'")" 0 \
	"mobile numbers are 10 digits starting 03, 05, 07, 08 or 09"
nguyen=$(q "SELECT 100 * sum(name LIKE 'Nguyễn %') / count(*) FROM dossier")
is "$([ "$nguyen" -ge 30 ] && [ "$nguyen" -le 46 ] && echo yes)" yes "about 38 % are Nguyễn (got $nguyen %)"
sms=$(q "SELECT 100 * sum(sms) / sum(phone != '') FROM dossier")
is "$([ "$sms" -ge 62 ] && [ "$sms" -le 78 ] && echo yes)" yes "about 70 % consent to SMS (got $sms %)"
is "$(q "SELECT count(*) FROM dossier WHERE address NOT LIKE '%, tỉnh Khánh Hòa'")" 0 "addresses end with the province"
is "$(q "SELECT count(*) > 1500 FROM dossier WHERE address LIKE '%, xã Tân Lập, tỉnh Khánh Hòa'")" 1 \
	"most live in the commune"
is "$(mc search 'nguyen' --format tsv | tail -n +2 | wc -l | awk '{print ($1 > 0)}')" 1 "search finds demo applicants unaccented"

# The same seed, the same data; another seed, other data
DB2=$T/same.db
mc --db "$DB2" demo --dossiers 2000 --seed 7 >/dev/null 2>&1
cols="code, name, idno, phone, address, status, received_at, due_at, finished_at, returned_at, events"
is "$(sqlite3 "$DB2" "SELECT $cols FROM dossier ORDER BY code" | md5sum)" \
	"$(q "SELECT $cols FROM dossier ORDER BY code" | md5sum)" "the same seed gives the same dossiers"
DB3=$T/other.db
mc --db "$DB3" demo --dossiers 2000 --seed 8 >/dev/null 2>&1
ok "$([ "$(sqlite3 "$DB3" "SELECT $cols FROM dossier ORDER BY code" | md5sum)" != \
	"$(q "SELECT $cols FROM dossier ORDER BY code" | md5sum)" ]; echo $?)" "another seed gives other dossiers"

# Adding to an existing store
out=$(mc demo --dossiers 300 --seed 9 2>&1)
ok $? "demo again adds to the store"
like "$out" "(keep their own password|giữ mật khẩu)" "... says the users were there before"
is "$(q "SELECT count(*) FROM dossier")" 2300 "... 300 more dossiers"
is "$(q "SELECT count(*) FROM user")" 4 "... and no more users"
is "$(mc check >/dev/null; echo $?)" 0 "... and check still passes"
is "$(q "SELECT count(*) FROM code_seq c WHERE c.last != (SELECT count(*) FROM dossier d WHERE d.received_at LIKE c.day || '%')")" 0 \
	"the codes of a day continue from the last one"

# Another office's store keeps its office
DB4=$T/office.db
mc --db "$DB4" init --office 000.00.00.H01 --name "UBND phường Thử" >/dev/null
mc --db "$DB4" demo --dossiers 50 >/dev/null 2>&1
is "$(sqlite3 "$DB4" "SELECT count(*) FROM dossier WHERE code LIKE '000.00.00.H01-%'")" 50 \
	"a store with an office gets the demo dossiers under its own code"

# Bad usage
is "$(status mc demo --dossiers 0)" 2 "--dossiers 0 is bad usage"
is "$(status mc demo --dossiers 5000001)" 2 "more than 5,000,000 is bad usage"
is "$(status mc demo --dossiers many)" 2 "a word for --dossiers is bad usage"
is "$(status mc demo --seed -1)" 2 "a negative seed is bad usage"
is "$(status mc demo extra)" 2 "an extra argument is bad usage"
is "$(status mc demo --colour)" 2 "an unknown option is bad usage"
is "$(q "SELECT count(*) FROM dossier")" 2300 "bad usage added nothing"
done_testing
