# init.sh -- motcua init, the store's refusals (newer schema, foreign file, read-only,
# locked), and the language of messages.
. "$(dirname "$0")/../lib.sh"

out=$(mc init --office 000.17.22.H56 --name "UBND xã Tân Lập" 2>&1)
ok $? "init creates the store"
like "$out" "000.17.22.H56" "init names the office"
like "$(mc catalog list --format tsv | wc -l)" "^(1[4-9][0-9]|[2-9][0-9][0-9])$" "init loads the shipped catalogue (140+ procedures)"
like "$(mc holiday list 2026 --format tsv)" "2026-01-01" "init loads the shipped holidays"
is "$(sqlite3 "$DB" 'PRAGMA journal_mode')" "wal" "the store is in WAL mode"
is "$(status mc init --office 000.17.22.H56 --name 'UBND xã Tân Lập mới')" 0 "init again updates the office"
is "$(sqlite3 "$DB" "SELECT name FROM office WHERE code = '000.17.22.H56'")" "UBND xã Tân Lập mới" "the new name is stored"
is "$(status mc init --office 000.17.22.H99 --name X)" 1 "init refuses to change an office's code"
is "$(status mc --db "$T/x.db" init --office 'bad code!' --name X)" 2 "a malformed agency code is bad usage"
is "$(status mc --db "$T/x.db" init --name X)" 2 "init without --office is bad usage"
is "$(status mc --db "$T/new/folder/motcua.db" init --office 000.17.22.H56 --name X)" 0 "init creates missing folders"
is "$(status mc --db "$T/none.db" search x)" 1 "a missing store is refused"
like "$(mc --db "$T/none.db" search x 2>&1)" "motcua init" "... and the message says to run init"

# Messages are Vietnamese by default whatever LANG says, English when the office says so.
viet=$(env -u LC_ALL LANG=C "$MOTCUA" show 261123-9999 2>&1)
like "$viet" "hồ sơ|Không|ho so|Khong" "messages are Vietnamese by default in the C locale"
mc init --office 000.17.22.H56 --name "UBND xã Tân Lập" --language en >/dev/null
eng=$(env -u LC_ALL LANG=vi_VN.UTF-8 "$MOTCUA" show 261123-9999 2>&1)
like "$eng" "no dossier" "messages are English when the office chose en"
mc init --office 000.17.22.H56 --name "UBND xã Tân Lập" --language vi >/dev/null

# A terminal that cannot show Vietnamese gets unaccented text, not garbage.
plain=$(env -u LC_ALL LANG=C "$MOTCUA" holiday list 2026 2>&1)
like "$plain" "Tet|Quoc khanh|Duong lich" "a non-UTF-8 locale shows unaccented text"
unlike "$plain" "[^ -~]" "... with no byte outside ASCII"

# A store from a newer motcua is refused and left untouched.
cp "$DB" "$T/newer.db"
sqlite3 "$T/newer.db" "PRAGMA user_version = 999"
before=$(md5sum <"$T/newer.db")
out=$(mc --db "$T/newer.db" search x 2>&1)
is $? 1 "a newer schema is refused"
like "$out" "999|newer|mới hơn" "... with a clear message"
is "$(md5sum <"$T/newer.db")" "$before" "... and the file is not changed"

# A SQLite file that is not ours.
sqlite3 "$T/other.db" "CREATE TABLE t(x); INSERT INTO t VALUES (1);"
is "$(status mc --db "$T/other.db" init --office 000.17.22.H56 --name X)" 1 "a foreign SQLite file is refused"
is "$(sqlite3 "$T/other.db" 'SELECT count(*) FROM sqlite_schema')" 1 "... and not changed"
printf 'not a database at all, just text\n%.0s' $(seq 200) >"$T/text.db"
is "$(status mc --db "$T/text.db" search x)" 1 "a text file is refused"

# A locked database: motcua waits, then gives a clear error; the store stays consistent.
sqlite3 "$DB" "SELECT 1" >/dev/null
( echo "BEGIN IMMEDIATE; INSERT INTO audit(at, actor, action) VALUES ('x', 'lock', 'lock');"; sleep 3; echo "COMMIT;" ) | sqlite3 "$DB" &
lockpid=$!
sleep 0.5
out=$(MOTCUA_BUSY_TIMEOUT=500 mc intake --procedure 1.001193 --name "Lê Văn Bận" 2>&1)
is $? 1 "a locked database is refused after the timeout"
like "$out" "busy|bận|đang ghi" "... with a clear message"
out=$(MOTCUA_BUSY_TIMEOUT=20000 mc intake --procedure 1.001193 --name "Lê Văn Chờ" 2>&1)
is $? 0 "a lock released within the timeout is waited for"
wait $lockpid
is "$(sqlite3 "$DB" "SELECT count(*) FROM dossier WHERE name LIKE 'Lê Văn B%'")" 0 "the refused intake wrote nothing"
is "$(status mc check)" 0 "the store is consistent after the lock"

# A read-only file (as an ordinary user: root ignores file modes).
cp "$DB" "$T/ro.db"
chmod 444 "$T/ro.db"
chmod 755 "$T"
if [ "$(id -u)" = 0 ]; then
	chown nobody "$T/ro.db"
	as="setpriv --reuid=nobody --regid=nogroup --clear-groups"
else
	as=""
fi
out=$($as env MOTCUA_DB="$T/ro.db" "$MOTCUA" intake --procedure 1.001193 --name "Đỗ Thị Chỉ Đọc" 2>&1)
is $? 1 "a read-only store refuses writes"
like "$out" "read-only|chỉ đọc|không thể ghi|cannot be written" "... with a clear message"

done_testing
