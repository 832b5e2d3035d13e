# search.sh -- a search ranks names (issue 9 item 4): the exact full name first, then
# the names that start with the words, then the other matches, newest first in each;
# the address only through --address (every address ends with the province); a code
# typed without its dash; a store of the previous schema is migrated and still checks.
. "$(dirname "$0")/../lib.sh"
setup_office
export MOTCUA_NOW='2026-10-12 09:00'	# a Monday with no holiday near
take() { mc intake --procedure 1.004873 --name "$1" --address "$2"; }
home="Thôn Đông, xã Tân Lập, tỉnh Khánh Hòa"
# Oldest first, so that the ranks, not the dates, make the order.
a=$(take "Lê Văn Hoa" "$home")				# hoa, but not nguyen
b=$(take "Nguyễn Thị Hoa" "$home")			# the name
c=$(take "Nguyễn Thị Hoài" "$home")			# starts with the words
d=$(take "Nguyễn Thị Hoa Lan" "Thôn Bắc, xã Tân Lập, tỉnh Khánh Hòa")	# starts with the words
e=$(take "Trần Văn Nam" "Số 5 đường Nguyễn Thị Hoa, tỉnh Khánh Hòa")	# only the address
f=$(take "Hoa Thị Nguyễn" "$home")			# the words, in another order
g=$(take "Nguyễn Thị Hòa" "Thôn Bắc, xã Tân Lập, tỉnh Khánh Hòa")	# the name, unaccented
codes() { mc search "$@" --format tsv | tail -n +2 | cut -f1 | tr '\n' ' '; }

is "$(codes 'nguyen thi hoa')" "$g $b $d $c $f " \
	"the exact name (newest first), then names that start with it, then the words anywhere"
is "$(codes 'Nguyễn Thị Hoa')" "$g $b $d $c $f " "... typed with its accents too"
is "$(codes 'khanh')" "" "a word of every address finds nothing"
is "$(codes 'duong')" "" "... nor a word of one address"
is "$(codes 'khanh' --limit 1000 | wc -w)" 0 "... however many are asked for"
is "$(codes --address 'khanh hoa')" "$g $f $e $d $c $b $a " "--address alone: every address with the words, newest first"
is "$(codes 'nguyen thi hoa' --address 'thon bac')" "$g $d " "the name and the address filter together, still ranked"
is "$(codes 'tran' --address 'duong nguyen')" "$e " "--address finds a street named after a person"
is "$(codes 'nguyen thi' --address 'zzz')" "" "... and an address nobody has finds nothing"
is "$(codes 'nguyen thi hoa' --limit 2)" "$g $b " "--limit keeps the best ones"
is "$(codes 'thi hoa')" "$g $f $d $c $b " "words that do not start a name: anywhere in it, newest first"
is "$(codes 'nguyen thi hoai')" "$c " "a longer name: only it"
like "$(mc search 'khanh' 2>&1 >/dev/null)" "khanh" "nothing found: a note on standard error"
like "$(mc search --address 'zzz' 2>&1 >/dev/null)" "zzz" "... naming the address"
is "$(status mc search)" 2 "search without TEXT or --address is bad usage"
is "$(status mc search --address)" 2 "--address needs words"

# A code as typed: with or without its dash, as the short form.
is "$(codes 2610121)" "$a " "2610121 (no dash) finds 261012-0001"
is "$(codes 26101202)" "$b " "26101202 finds 261012-0002"
is "$(codes 261012-1)" "$a " "... as 261012-1 does"
is "$(codes 2610120007)" "$g " "the date and all four digits"
is "$(codes 261012 | wc -w)" 7 "the date part alone still lists the day"
is "$(codes 2610129)" "" "a number the day does not have: nothing"

# The console's box, as typed: "nguyen thi h" lists the names that start so, first.
is "$(mc search 'nguyen thi h' --format tsv | tail -n +2 | cut -f2 | head -4 | tr '\n' ',')" \
	"Nguyễn Thị Hòa,Nguyễn Thị Hoa Lan,Nguyễn Thị Hoài,Nguyễn Thị Hoa," \
	"a last word being typed: the names that start with the words, newest first"

# The demo office: every address ends "tỉnh Khánh Hòa".
export MOTCUA_DB=$T/demo.db
unset MOTCUA_NOW
mc demo --dossiers 3000 >/dev/null 2>&1
ok $? "a demo office of 3000 dossiers"
is "$(codes khanh --limit 100000 | wc -w)" "$(sqlite3 "$MOTCUA_DB" "SELECT count(*) FROM dossier WHERE name_key LIKE '%khanh%'")" \
	"khanh finds only the names with khanh"
name=$(sqlite3 "$MOTCUA_DB" "SELECT name FROM dossier GROUP BY name_key HAVING count(*) BETWEEN 2 AND 9 ORDER BY count(*) DESC, name LIMIT 1")
key=$(sqlite3 "$MOTCUA_DB" "SELECT name_key FROM dossier WHERE name = '$name' LIMIT 1")
n=$(sqlite3 "$MOTCUA_DB" "SELECT count(*) FROM dossier WHERE name_key = '$key'")
top=$(mc search "$key" --format tsv | tail -n +2 | head -"$n" | cut -f2 | while read -r x; do
	printf '%s\n' "$x" | python3 -c 'import sys, unicodedata as u
s = sys.stdin.read().strip().replace("đ", "d").replace("Đ", "D")
print("".join(c for c in u.normalize("NFD", s) if u.category(c) != "Mn").lower())'; done | sort -u)
is "$top" "$key" "the $n dossiers named $name come first"
is "$(status mc check)" 0 "motcua check agrees with the stored search columns"
# A common name (over 1000 rows: read through the address index) in one village.
village=$(sqlite3 "$MOTCUA_DB" "SELECT trim(substr(search_address, 1, instr(search_address, ',') - 1)) FROM dossier LIMIT 1")
all=$(sqlite3 "$MOTCUA_DB" "SELECT count(*) FROM dossier WHERE search LIKE '%nguyen%' AND search_address LIKE '% $village,%'")
first=$(sqlite3 "$MOTCUA_DB" "SELECT count(*) FROM dossier WHERE name_key LIKE 'nguyen%' AND search_address LIKE '% $village,%'")
ok "$([ "$(sqlite3 "$MOTCUA_DB" "SELECT count(*) FROM dossier WHERE name_key LIKE 'nguyen%'")" -gt 1000 ]; echo $?)" \
	"the demo has over 1000 Nguyễn"
got=$(mc search nguyen --address "$village" --limit 100000 --format tsv | tail -n +2)
is "$(printf '%s\n' "$got" | grep -c .)" "$all" "nguyen in $village: every one ($all)"
is "$(printf '%s\n' "$got" | head -"$first" | cut -f2 | grep -vc '^Nguyễn ')" 0 \
	"... the $first whose name starts with Nguyễn first"

# A store of schema 6 (the address in the search text, no name_key) is migrated.
export MOTCUA_DB=$T/old.db
mc init --office 000.17.22.H56 --name "UBND xã Tân Lập" >/dev/null
x=$(MOTCUA_NOW='2026-10-12 09:00' mc intake --procedure 1.004873 --name "Nguyễn Thị Hoa" --address "$home")
y=$(MOTCUA_NOW='2026-10-12 09:00' mc intake --procedure 1.004873 --name "Phạm Văn Khánh" --address "Thôn Tây")
sqlite3 "$MOTCUA_DB" "
DROP TRIGGER dossier_fts_ins; DROP TRIGGER dossier_fts_del; DROP TRIGGER dossier_fts_upd;
DROP TABLE dossier_fts; DROP INDEX dossier_name_key;
UPDATE dossier SET search = rtrim(search) || search_address;
ALTER TABLE dossier DROP COLUMN name_key; ALTER TABLE dossier DROP COLUMN search_address;
CREATE VIRTUAL TABLE dossier_fts USING fts5(search, content='dossier', content_rowid='id', tokenize='trigram');
INSERT INTO dossier_fts(dossier_fts) VALUES ('rebuild');
CREATE TRIGGER dossier_fts_ins AFTER INSERT ON dossier BEGIN
	INSERT INTO dossier_fts(rowid, search) VALUES (new.id, new.search);
END;
CREATE TRIGGER dossier_fts_del AFTER DELETE ON dossier BEGIN
	INSERT INTO dossier_fts(dossier_fts, rowid, search) VALUES ('delete', old.id, old.search);
END;
CREATE TRIGGER dossier_fts_upd AFTER UPDATE OF search ON dossier
	WHEN old.search IS NOT new.search BEGIN
	INSERT INTO dossier_fts(dossier_fts, rowid, search) VALUES ('delete', old.id, old.search);
	INSERT INTO dossier_fts(rowid, search) VALUES (new.id, new.search);
END;
DROP TABLE sync_dossier; DROP TABLE sync_mark; DROP TABLE sync_setaside;
DROP INDEX dossier_event_order; ALTER TABLE dossier_event DROP COLUMN pos;
DROP TRIGGER dossier_procedure_use; DROP TABLE procedure_use;
ALTER TABLE procedure DROP COLUMN fee_online; ALTER TABLE procedure DROP COLUMN verify;
ALTER TABLE procedure DROP COLUMN source; ALTER TABLE procedure DROP COLUMN agency_code;
PRAGMA user_version = 6;"
ok $? "a store made to look like schema 6, the one before 007-search (and 008, 009 undone)"
is "$(sqlite3 "$MOTCUA_DB" "SELECT count(*) FROM dossier_fts WHERE dossier_fts MATCH 'khanh'")" 2 \
	"... where khanh matched every address"
is "$(codes khanh)" "$y " "after the migration: only the name"
MOTCUA_DB=$T/fresh.db mc init --office 000.17.22.H56 --name "UBND xã Tân Lập" >/dev/null
is "$(sqlite3 "$MOTCUA_DB" 'PRAGMA user_version')" "$(sqlite3 "$T/fresh.db" 'PRAGMA user_version')" \
	"... at the newest schema"
is "$(codes 'nguyen thi hoa')" "$x " "the name is found"
is "$(codes --address 'thon tay')" "$y " "the address filter works on migrated rows"
is "$(status mc check)" 0 "motcua check: the migrated rows agree with their events"
done_testing
