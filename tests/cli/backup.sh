# backup.sh -- motcua backup and restore: a whole, private copy while others write; a
# restore that refuses damaged and newer files, keeps the replaced store and checks.
. "$(dirname "$0")/../lib.sh"

setup_office
mc init --office 000.17.22.H56 --name "UBND xã Tân Lập" --language en >/dev/null
umask 000
code=$(mc intake --procedure 1.001193 --name "Nguyễn Văn Trước" --phone 0912345678)
like "$code" '^000\.17\.22\.H56-' "a dossier to back up"

# A writer appends dossiers while the backup runs.
( i=0; while [ $i -lt 40 ]; do mc intake --procedure 1.001193 --name "Người Ghi $i" >/dev/null 2>&1; i=$((i + 1)); done ) &
writer=$!
out=$(mc backup "$T/one.db")
is "$?" 0 "backup while another program writes"
wait $writer
like "$out" "Backup saved: $T/one.db" "it says where the backup is"
is "$(stat -c %a "$T/one.db")" 640 "the backup is readable by owner and group only, even with umask 000"
is "$(ls "$T" | grep -c 'one.db.')" 0 "no temporary file is left beside it"
is "$(ls "$T" | grep -c 'one.db-wal')" 0 "the backup is one self-contained file"
is "$(MOTCUA_DB=$T/one.db mc check >/dev/null 2>&1; echo $?)" 0 "the backup passes motcua check"
like "$(MOTCUA_DB=$T/one.db mc show "$code")" "Nguyễn Văn Trước" "the backup holds the dossier"

# Rotation in a folder (a USB stick): dated names, the oldest beyond --keep removed.
is "$(status mc backup --dir "$T/usb")" 1 "a folder that does not exist is refused (stick not plugged in)"
like "$(mc backup --dir "$T/usb" 2>&1)" "does not exist" "... with the reason"
is "$(ls "$T" | grep -c usb)" 0 "... and is not created"
mkdir "$T/usb"
for i in 1 2 3; do mc backup --dir "$T/usb" --keep 2 >/dev/null; sleep 1.1; done
is "$(ls "$T/usb" | grep -c '^motcua-000\.17\.22\.H56-[0-9]\{8\}-[0-9]\{6\}\.db$')" 2 "--keep 2 keeps the two newest dated copies"
# Without a file: motcua.conf's [backup] folder and count (the nightly timer's way).
printf '[backup]\ndir = %s\nkeep = 1\n' "$T/usb" >"$T/motcua.conf"
out=$(MOTCUA_CONF=$T/motcua.conf mc backup)
like "$out" "Backup saved: $T/usb/motcua-" "backup without a file goes to motcua.conf's [backup] dir"
is "$(ls "$T/usb" | wc -l)" 1 "... keeping motcua.conf's [backup] keep copies"
printf '[backup]\nkeep = 1\n' >"$T/motcua.conf"
is "$(MOTCUA_CONF=$T/motcua.conf status mc backup)" 1 "... its default folder, missing here, is refused"
is "$(status mc backup "$T/x.db" --dir "$T/usb")" 2 "a file and --dir together is bad usage"
is "$(status mc backup --dir "$T/usb" --keep 0)" 2 "--keep 0 is bad usage"

# Refusals: nothing of the store changes.
mc intake --procedure 1.001193 --name "Nguyễn Thị Sau" >/dev/null
sum_before=$(mc search "nguyen thi sau" --format tsv | md5sum)
printf 'not a database at all, just some text' >"$T/junk.db"
is "$(status mc restore "$T/junk.db")" 1 "a file that is not a database is refused"
head -c 20000 "$T/one.db" >"$T/cut.db"
is "$(status mc restore "$T/cut.db")" 1 "a truncated backup is refused"
like "$(MOTCUA_LANG=en mc restore "$T/cut.db" 2>&1)" "damaged|not a motcua" "... as damaged"
cp "$T/one.db" "$T/newer.db"
sqlite3 "$T/newer.db" "PRAGMA user_version = 999"
is "$(status mc restore "$T/newer.db")" 1 "a backup from a newer motcua is refused"
like "$(mc restore "$T/newer.db" 2>&1)" "newer" "... saying so"
sqlite3 "$T/other.db" "CREATE TABLE t(x); INSERT INTO t VALUES (1)"
is "$(status mc restore "$T/other.db")" 1 "another program's SQLite file is refused"
is "$(status mc restore "$T/nothing.db")" 1 "a missing file is refused"
is "$(status mc restore)" 2 "restore without a file is bad usage"
is "$(mc search "nguyen thi sau" --format tsv | md5sum)" "$sum_before" "after every refusal the store is as it was"
is "$(ls "$T" | grep -c before-restore)" 0 "... and nothing was set aside"

# Only an administrator (or the system account) restores.
echo "mat-khau-can-bo" | mc user add canbo --role officer --full-name "Lê Thị Cán Bộ" >/dev/null
is "$(status mc --user canbo restore "$T/one.db")" 1 "an officer may not restore"
like "$(mc --user canbo restore "$T/one.db" 2>&1)" "needs the role" "... and is told why"
is "$(mc search "nguyen thi sau" --format tsv | md5sum)" "$sum_before" "... and nothing changed"

# A restore: the backup's content, the replaced store kept, checked.
out=$(mc restore "$T/one.db")
is "$?" 0 "restore a good backup"
like "$out" "kept as $DB\.before-restore-" "it names the copy of the replaced store"
like "$out" "0 differ" "it checks the restored store"
is "$(mc search "nguyen thi sau" --format tsv | grep -c 'Sau')" 0 "the dossier made after the backup is gone from the store"
like "$(mc show "$code")" "Nguyễn Văn Trước" "the backed-up dossier is there"
aside=$(ls "$T" | grep before-restore | head -1)
is "$(MOTCUA_DB=$T/$aside mc search "nguyen thi sau" --format tsv | grep -c 'Sau')" 1 "the replaced store is kept whole"
is "$(stat -c %a "$T/$aside")" 640 "... readable by owner and group only"
mc intake --procedure 1.001193 --name "Sau Khôi Phục" >/dev/null
is "$?" 0 "work goes on after the restore"

# A damaged store is set aside as it is (with its log), and the backup takes its place.
rm -f "$DB-wal" "$DB-shm"
printf 'garbage garbage garbage' >"$DB"
out=$(mc restore "$T/one.db" 2>&1)
is "$?" 0 "restore over a damaged store"
like "$(mc show "$code")" "Nguyễn Văn Trước" "... gives back the backup's dossiers"
# No store at all: the backup becomes it.
rm -f "$DB" "$DB-wal" "$DB-shm"
is "$(status mc restore "$T/one.db")" 0 "restore where there is no store yet"
is "$(mc check >/dev/null 2>&1; echo $?)" 0 "... and it checks out"
is "$(stat -c %a "$DB")" 640 "... readable by owner and group only"
done_testing
