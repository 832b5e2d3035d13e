# fulldisk.sh -- a full disk (a small tmpfs holding the stores, filled to the last
# byte) against every kind of writer: intake, events, the console's intake (tmux), the
# SMS daemon receiving on the dummy phone, forms (print --output), exports (CSV and
# XLSX), backups.  Each write fails with a clear message, in English and Vietnamese
# (an office of each), and no library's own words; nothing stored before is lost or
# changed; no half-written file is left.  A store no program holds open cannot even
# be opened on a full disk (SQLite makes its shared memory file first): that says so
# too.  Then the filler is deleted and the same commands work, the console saves the
# form it kept, and the daemon answers the message it left on the phone.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../sms/smsd-lib.sh"
. "$(dirname "$0")/../tmux.sh"

FS=$T/fs
if ! mount_tmpfs "$FS" 4m; then
	# Only where no tmpfs can be mounted (not root, or a container without the right).
	echo "ok 1 # SKIP cannot mount a tmpfs here: no full disk to test"
	echo "1..1"
	exit 0
fi
DB=$FS/motcua.db
VI=$FS/vi.db
export MOTCUA_DB=$DB
setup_office
mc init --office 000.17.22.H56 --name "UBND xã Tân Lập" --language en >/dev/null
sms_settings
mkdir -m 750 "$FS/forms" "$FS/usb"
c1=$(mc intake --procedure 1.001193 --name "Nguyễn Văn Ân" --phone 0912345678 --sms yes)
c2=$(mc intake --procedure 1.004873 --name "Trần Thị Bình" --phone 0987654321)
mc event "$c2" note --note "đã kiểm tra giấy tờ" >/dev/null
mc print "$c1" --output "$FS/forms/$c1-mau01.txt"
v1=$(MOTCUA_DB=$VI "$MOTCUA" init --office 000.17.22.H56 --name "UBND xã Tân Lập" >/dev/null &&
	MOTCUA_DB=$VI "$MOTCUA" intake --procedure 1.001193 --name "Lê Văn Việt")
like "$v1" "^000\.17\.22\.H56-" "an office in Vietnamese on the same disk"

# The console holds the English office open, logged in, a form filled in.
console w1 80 24 TERM=xterm
shows w1 "Password" "the console opens"
text w1 "admin"; keys w1 Tab; text w1 "motcua-test"; keys w1 Enter
shows w1 "Received today" "logged in"
keys w1 n; text w1 "khai sinh"
shows w1 "1\.001193 +Đăng ký khai sinh" "the intake screen"
keys w1 Enter
text w1 "Phamj Thij Ddaayf"
shows w1 "Name: +Phạm Thị Đầy" "a form filled in"
hold_store "$VI"	# a program holds the Vietnamese office open too

# What the stores hold, and the files, before the disk fills.
snapshot() {	# snapshot STORE: every table's rows
	sqlite3 -cmd ".timeout 10000" "$1" .dump
}
snapshot "$DB" >"$T/before.sql"
snapshot "$VI" >"$T/before-vi.sql"
files() {	# what the disk holds but the stores' -wal and -shm and the filler
	ls -A "$FS" "$FS/forms" "$FS/usb" | grep -v -e '-wal$' -e '-shm$' -e '^filler'
}
files >"$T/before.ls"
fill "$FS"
is "$(df -k --output=avail "$FS" | tail -n 1 | tr -d ' ')" 0 "the disk is full"

# writes WHAT EXPECTED-MESSAGE COMMAND...: it fails (exit 1) with that message (grep
# -E) and no library's own words.
raw='SQLITE|sqlite|disk I/O error|database or disk is full|\[ERROR\]|No space left|Zip|zip'
writes() {
	_what=$1 _msg=$2
	shift 2
	_out=$("$@" 2>&1)
	is "$?" 1 "full disk: $_what is refused"
	like "$_out" "$_msg" "... saying so: $(printf '%s' "$_out" | tail -n 1 | cut -c1-90)"
	unlike "$_out" "$raw" "... in words of its own"
}
full='^motcua: the disk is full; nothing was saved$'
writes "intake" "$full" mc intake --procedure 1.001193 --name "Đỗ Văn Đầy"
writes "an event" "$full" mc event "$c1" note --note "không lưu được"
writes "a form" "^motcua: the disk is full: .*/forms/x\.txt was not saved$" \
	mc print "$c1" --output "$FS/forms/x.txt"
writes "a CSV export" "^motcua: the disk is full: .*/book\.csv was not saved$" \
	mc export book --from 2026-01-01 --to 2026-12-31 --csv "$FS/book.csv"
writes "an XLSX export" "^motcua: the disk is full: .*/book\.xlsx was not saved$" \
	mc export book --from 2026-01-01 --to 2026-12-31 --xlsx "$FS/book.xlsx"
writes "a backup" "^motcua: the disk is full: .*/bk\.db was not saved$" mc backup "$FS/bk.db"
writes "a backup to a folder" "^motcua: the disk is full: .*/usb/motcua-.*\.db was not saved$" \
	mc backup --dir "$FS/usb"
vfull='^motcua: ổ đĩa đã đầy; chưa lưu được gì$'
writes "intake (Vietnamese)" "$vfull" env MOTCUA_DB="$VI" "$MOTCUA" intake --procedure 1.001193 --name "Đỗ Văn Đầy"
writes "an event (Vietnamese)" "$vfull" env MOTCUA_DB="$VI" "$MOTCUA" event "$v1" note --note "x"
writes "a form (Vietnamese)" "^motcua: ổ đĩa đã đầy: chưa lưu được .*/y\.txt$" \
	env MOTCUA_DB="$VI" "$MOTCUA" print "$v1" --output "$FS/y.txt"
writes "a backup (Vietnamese)" "^motcua: ổ đĩa đã đầy: chưa lưu được .*/bk-vi\.db$" \
	env MOTCUA_DB="$VI" "$MOTCUA" backup "$FS/bk-vi.db"
# The console: the form is kept, the reason shown.
keys w1 F10
shows w1 "not ticked" "the console asks about the documents"
keys w1 F10
shows w1 "the disk is full; nothing was saved" "the console's intake: the disk is full, nothing saved"
shows w1 "Name: +Phạm Thị Đầy" "... and the form is kept to save again"
unlike "$(pane w1)" "$raw" "... in words of its own"
# The SMS daemon: a citizen's question stays on the phone until it can be stored.
PHONE=$T/phone
mkdir -p "$PHONE/sms/1" "$T/new"
cat >"$T/gammurc" <<EOF
[gammu]
model = dummy
connection = none
device = $PHONE

[motcua-smsd]
name = dummy1
poll = 0.2
health = 10
EOF
sms_section 0 "+84912345678" 20261012T030405Z "HS $c1" >"$T/new/1"
drop "$T/new/1"
smsd_start "$T/smsd.log" --gammurc "$T/gammurc"
wait_until 20 'grep -q "cannot store a message from 09xxxxx678 (it stays on the modem): the disk is full" "$T/smsd.log"'
ok $? "the SMS daemon cannot store the message: it says so, the disk is full"
ok "$([ -e "$PHONE/sms/1/1" ]; echo $?)" "... and leaves it on the phone"
running "$SMSD_PID"
ok $? "... and goes on running"
unlike "$(cat "$T/smsd.log")" "$raw" "... its log in words of its own"
# doctor says what to do.
out=$(mc doctor --format tsv 2>&1)
like "$(printf '%s\n' "$out" | awk -F'\t' '$1 == "fail" && $3 == "store.disk"')" "free space now" \
	"motcua doctor: the disk is full, free space now"
# A store no program holds cannot be opened at all: it says so.  (Its last program
# removed its -wal and -shm when it closed it: fill that space too.)
release_store
fill "$FS"
writes "opening a store no program holds" "^motcua: ổ đĩa chứa .*vi\.db đã đầy: không mở được cơ sở dữ liệu" \
	env MOTCUA_DB="$VI" "$MOTCUA" search "le van viet"

# Nothing was lost or changed, and no half-written file is left.
is "$(snapshot "$DB" | md5sum)" "$(md5sum <"$T/before.sql")" "the English office holds exactly what it held"
out=$(mc check 2>&1)
is "$?" 0 "... and passes motcua check while the disk is full ($(printf '%s' "$out" | tail -n 1))"
is "$(files)" "$(cat "$T/before.ls")" \
	"no file was left behind, whole or half-written"

# Space returns: the same commands work.
rm -f "$FS"/filler*
is "$(snapshot "$VI" | md5sum)" "$(md5sum <"$T/before-vi.sql")" "the Vietnamese office holds exactly what it held"
wait_until 30 '[ "$(q "SELECT count(*) FROM sms_in WHERE status = '\''answered'\''")" = 1 ]'
ok $? "space again: the SMS daemon stores the message and answers it"
wait_until 20 '[ ! -e "$PHONE/sms/1/1" ] && [ "$(q "SELECT status FROM sms_out WHERE kind = '\''reply'\''")" = sent ]'
ok $? "... takes it off the phone and sends the answer"
keys w1 F10
wait_for w1 "not ticked" && keys w1 F10
shows w1 "Form 01, not printed: no printer is set" "the console saves the form it kept: its receipt"
keys w1 q
shows w1 "The dossier is received" "... and the new dossier"
c3=$(mc intake --procedure 1.001193 --name "Đỗ Văn Đầy")
like "$c3" "^000\.17\.22\.H56-" "intake works again"
is "$(status mc event "$c1" note --note "lưu được rồi")" 0 "an event works again"
is "$(status mc print "$c1" --output "$FS/forms/x.txt")" 0 "a form is written again"
is "$(status mc export book --from 2026-01-01 --to 2026-12-31 --csv "$FS/book.csv")" 0 "a CSV export works again"
is "$(status mc export book --from 2026-01-01 --to 2026-12-31 --xlsx "$FS/book.xlsx")" 0 "an XLSX export works again"
is "$(status mc backup "$FS/bk.db")" 0 "a backup works again"
is "$(status mc backup --dir "$FS/usb")" 0 "a backup to a folder works again"
v2=$(MOTCUA_DB=$VI "$MOTCUA" intake --procedure 1.001193 --name "Đỗ Văn Đầy")
like "$v2" "^000\.17\.22\.H56-" "the office no program held opens and works again"
is "$(status env MOTCUA_DB="$VI" "$MOTCUA" check)" 0 "... and passes motcua check"
smsd_stop
is "$SMSD_RC" 0 "the SMS daemon stops cleanly"
is "$(status mc check)" 0 "motcua check passes"
is "$(q "SELECT count(*) FROM dossier")" 4 "every dossier is there: the 2 before, the console's and the new one"
is "$(q "SELECT name FROM dossier WHERE code = '$c2'")" "Trần Thị Bình" "... the old ones as they were"
is "$(q "SELECT count(*) FROM dossier_event WHERE code = '$c2' AND kind = 'note'")" 1 "... with their events"
done_testing
