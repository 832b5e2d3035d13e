# perms.sh -- every file the programs write is closed to other accounts, whatever the
# umask (issue 9 B): the database made by init (and its folders), its -wal and -shm
# while a console has it open, exports (CSV, XLSX), forms saved with print --output;
# a store an older version left open to others is closed by its owner on open, and
# an account that cannot do that is warned.  The umasks tried: 000 (the worst) and
# 022 (the usual).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../tmux.sh"
mode() { stat -c %a "$1" 2>/dev/null || echo none; }
export MOTCUA_NOW='2026-10-12 09:00'
# A stand-in lp that notes the mode of the file it is given.
mkdir "$T/bin"
printf '#!/bin/sh\nfor f; do :; done\nstat -c %%a "$f" >"%s/lp.mode"\n' "$T" >"$T/bin/lp"
chmod +x "$T/bin/lp"

for m in 000 022; do
	db=$T/u$m/lib/motcua/motcua.db
	(umask $m; mc --db "$db" init --office 000.17.22.H56 --name "UBND xã Tân Lập" --language en >/dev/null)
	is "$(mode "$db")" 660 "umask $m: init makes the database 0660 (the office's programs, as its group)"
	is "$(mode "$T/u$m/lib/motcua")" 2770 "umask $m: ... its folder 2770 (the group makes -wal and -shm there)"
	is "$(mode "$T/u$m/lib")" 750 "umask $m: ... the folders above it 0750"
	echo "motcua-test" | (umask $m; mc --db "$db" user add admin --role admin >/dev/null)
	code=$(umask $m; mc --db "$db" intake --procedure 1.004873 --name "Nguyễn Văn Ân" \
		--phone 0912345678 --id 001090012345)
	(umask $m; mc --db "$db" export book --from 2026-10-01 --to 2026-10-31 --csv "$T/u$m/book.csv")
	is "$(mode "$T/u$m/book.csv")" 640 "umask $m: motcua export --csv writes 0640"
	(umask $m; mc --db "$db" export book --from 2026-10-01 --to 2026-10-31 --xlsx "$T/u$m/book.xlsx")
	is "$(mode "$T/u$m/book.xlsx")" 640 "umask $m: motcua export --xlsx writes 0640"
	(umask $m; mc --db "$db" print "$code" --output "$T/u$m/mau01.txt")
	is "$(mode "$T/u$m/mau01.txt")" 640 "umask $m: motcua print --output writes 0640"
	(umask $m; PATH="$T/bin:$PATH" mc --db "$db" print "$code" --printer Quay_1)
	is "$(cat "$T/lp.mode")" 600 "umask $m: the form on its way to the printer is 0600"
	is "$(find "$T/u$m" -perm /o=rwx | wc -l)" 0 "umask $m: nothing written is open to other accounts"

	# The console holds the store open: SQLite's -wal and -shm, made by it, follow.
	tm new-session -d -s "c$m" -x 80 -y 24 \
		"umask $m; env ESCDELAY=400 TERM=xterm '$MOTCUA' --db '$db'; echo \"motcua exited: \$?\"; sleep 3600"
	shows "c$m" "Password" "umask $m: the console opens"
	is "$(mode "$db-wal") $(mode "$db-shm")" "660 660" "umask $m: the console's -wal and -shm are 0660"
	keys "c$m" Escape
	shows "c$m" "motcua exited: 0" "umask $m: the console quits (and closes the database)"
	tm kill-session -t "c$m"
done

# A store an older motcua left open to everybody: its owner's next command closes it.
db=$T/u022/lib/motcua/motcua.db
chmod 0666 "$db"
out=$(mc --db "$db" search "nguyen" 2>&1 >/dev/null)
is "$(mode "$db")" 660 "a store left 0666 is closed to others when its owner opens it"
is "$out" "" "... without a warning"

# An account that is not its owner cannot change that: it is told; and it is not the
# system either (the officer's role).
if [ "$(id -u)" = 0 ]; then
	chmod 0755 "$T" "$T/u022" "$T/u022/lib"
	chmod 0777 "$T/u022/lib/motcua"
	chmod 0666 "$db"
	as_nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$MOTCUA" --db "$db" "$@"; }
	out=$(as_nobody search nguyen 2>&1 >/dev/null)
	like "$out" "warning: every account of this computer can read .*motcua\.db" \
		"another account opening a store open to others is warned"
	is "$(mode "$db")" 666 "... and cannot change it"
	out=$(echo "mat-khau-123" | as_nobody user add ke-gian --role admin 2>&1)
	is $? 1 "an account that does not own the store may not add users"
	like "$out" "needs the role admin; system:nobody has the role officer" "... it acts as an officer"
	code=$(as_nobody intake --procedure 1.004873 --name "Trần Thị Bình" 2>/dev/null)
	like "$code" "^000\.17\.22\.H56-261012-" "... and may do an officer's work"
	is "$(sqlite3 "$db" "SELECT actor FROM dossier_event WHERE code = '$code'")" "system:nobody" \
		"... recorded as its account"
	chmod 0660 "$db"
	chmod 2770 "$T/u022/lib/motcua"
else
	ok 0 "# SKIP another account (needs root to run as nobody)"
fi

done_testing
