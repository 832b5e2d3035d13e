# console-admin.sh -- the console's administration, driven in tmux: an officer is
# refused; the administrator adds a user who then logs in on a second console,
# disables and enables him (not himself), gives him a new password; imports a bad
# catalogue (the line named, nothing changed) and a good one; looks through the
# holidays year by year and imports a holiday file; changes the SMS quiet hours (a
# bad range refused), the printer, and prints a test page through a stand-in lp, a
# missing printer and a missing lp told in words; a resize on the way, a wide Linux
# console, and the language switched at the end.
#
# Screens are compared by content: every step waits (bounded) until the pane shows
# what it should, never for a fixed time.
. "$(dirname "$0")/../lib.sh"

. "$(dirname "$0")/../tmux.sh"
setup_office
mc init --office 000.17.22.H56 --name "UBND xã Tân Lập" --language en >/dev/null
echo "mat-khau-can-bo" | mc user add canbo --role officer --full-name "Lê Thị Cán Bộ" >/dev/null
export MOTCUA_NOW='2026-10-12 09:00'	# a Monday
setting() { sqlite3 "$DB" "SELECT value FROM setting WHERE key = '$1'"; }
audits() { sqlite3 "$DB" "SELECT count(*) FROM audit WHERE action = '$1' AND actor = 'admin'"; }
users() { mc user list --format tsv | awk -F'\t' -v l="$1" '$1 == l { print $3 " " $4 }'; }

# login SESSION LOGIN PASSWORD: type them on the login screen.
login() {
	shows "$1" "Password" "$1: the console opens at the login screen"
	text "$1" "$2"; keys "$1" Tab; text "$1" "$3"; keys "$1" Enter
}

# A stand-in lp: records its arguments and the page for printer Quay_1, refuses any
# other printer the way CUPS does.
mkdir "$T/bin" "$T/nolp"
cat >"$T/bin/lp" <<EOF
#!/bin/sh
echo "\$*" >"$T/lp.args"
for f; do :; done
case "\$3" in
Quay_1) cat "\$f" >"$T/lp.out" ;;
*) echo "lp: The printer or class does not exist." >&2; exit 1 ;;
esac
EOF
chmod +x "$T/bin/lp"

# ---- an officer is refused ------------------------------------------------------------
console o1 80 24 TERM=xterm
login o1 canbo mat-khau-can-bo
shows o1 "Received today" "the officer is at home"
keys o1 a
shows o1 "Only an administrator can open the administration" "a: the officer is refused, in words"
shows o1 "Administration" "... and stays on the home screen, whose menu still offers it"
keys o1 q q
shows o1 "motcua exited: 0" "the officer's console quits"

# ---- users --------------------------------------------------------------------------
console a1 80 24 TERM=xterm "PATH=$T/bin:$PATH"
login a1 admin motcua-test
shows a1 "Received today" "the administrator is at home"
keys a1 a
shows a1 "Users: add, disable, new password +2 users, 0 disabled" "a opens the administration, users counted"
n=$(mc catalog list --format tsv | tail -n +2 | wc -l)
shows a1 "Import the procedure catalogue +$n procedures" "... and the procedures"
keys a1 u
shows a1 "canbo +Lê Thị Cán Bộ +counter officer +active" "u lists the users: login, name, role and state in words"
keys a1 a
shows a1 "Add a user" "a asks for a new user"
text a1 "Lan Anh"; keys a1 Tab; text a1 "Nguyeenx Thij Lan"; keys a1 Tab
keys a1 C-u; text a1 "giam doc"; keys a1 Enter
shows a1 "'Lan Anh' cannot be a login" "a login with a space is refused"
keys a1 Up Up C-u; text a1 "lan"; keys a1 Tab Tab Enter
shows a1 "'giam doc' is not a role" "an unknown role is refused"
keys a1 C-u; text a1 "2"; keys a1 Enter
shows a1 "Password for lan \(Nguyễn Thị Lan\)" "then the password is asked, with the name typed in Telex"
text a1 "ngan"; keys a1 Tab; text a1 "ngan"; keys a1 Enter
shows a1 "the password must have at least 8 characters" "a short password is refused"
keys a1 C-u; text a1 "mat-khau-khac"; keys a1 Up C-u; text a1 "mat-khau-lan"; keys a1 Tab Enter
shows a1 "The two passwords differ" "two different passwords are refused"
is "$(users lan)" "" "... and nothing is saved before the password is accepted"
keys a1 C-u; text a1 "mat-khau-lan"; keys a1 Enter
shows a1 "User lan added \(head of office\)" "the user is added"
shows a1 "lan +Nguyễn Thị Lan +head of office +active" "... and listed"
is "$(users lan)" "head active" "motcua user list agrees"
is "$(audits user.add)" 1 "the addition is audited as the administrator's"

console a2 80 24 TERM=screen
login a2 lan mat-khau-lan
shows a2 "Nguyễn Thị Lan \(head of office\)" "the new user logs in on a second console, her role in words"
keys a2 a
shows a2 "Only an administrator can" "... and, head of office, cannot open the administration"
keys a2 q q
shows a2 "motcua exited: 0" "the second console quits"

keys a1 d
shows a1 "Disable lan \(Nguyễn Thị Lan\)\?" "d asks before disabling the selected user"
keys a1 Enter
shows a1 "User lan can no longer log in" "the user is disabled"
shows a1 "lan +Nguyễn Thị Lan +head of office +disabled" "... and the list says so"
is "$(users lan)" "head disabled" "motcua user list says disabled"
console a3 80 24 TERM=xterm
login a3 lan mat-khau-lan
shows a3 "the account lan is disabled" "a disabled user cannot log in"

keys a1 Up Up
keys a1 d
shows a1 "You cannot disable your own account" "the administrator cannot disable himself"
is "$(users admin)" "admin active" "... and stays active"
keys a1 Down Down d
shows a1 "Let lan \(Nguyễn Thị Lan\) log in again\?" "d on a disabled user offers to enable him"
keys a1 Enter
shows a1 "User lan can log in again" "the user is enabled again"
is "$(users lan)" "head active" "... in the store too"
keys a1 p
shows a1 "Password for lan" "p asks for a new password for the selected user"
text a1 "mat-khau-moi-2026"; keys a1 Tab; text a1 "mat-khau-moi-2026"; keys a1 Enter
shows a1 "Password of lan changed" "the password is changed"
is "$(audits user.passwd)" 1 "... and audited"
console a4 80 24 TERM=xterm
login a4 lan mat-khau-moi-2026
shows a4 "Received today" "the user logs in with the new password"

# ---- catalogue --------------------------------------------------------------------
cat >"$T/bad.csv" <<'CSV'
code,name,field,time,unit,cutoff,fee,fee_rule,group,agency,documents
9.000001,Thủ tục thử,Thử,3,working-days,,0,,,,Tờ khai (bản chính)
9.000002,Thủ tục thiếu cột,Thử,3
9.000003,Thủ tục tốt,Thử,3,working-days,,0,,,,
CSV
before=$(mc catalog list --format tsv | md5sum)
keys a1 q
shows a1 "Holidays and extra working days" "q: back to the administration menu"
keys a1 i
shows a1 "File \(CSV, or the portal's \.xlsx list\) +│" "i asks for the catalogue file (CSV or .xlsx), its label whole above the field"
shows a1 "│ /.*procedures\.csv +│" "... the shipped one first"
keys a1 C-u; text a1 "$T/bad.csv"; keys a1 Enter
shows a1 "Refused: bad\.csv: nothing was imported" "a bad catalogue is refused"
shows a1 "line 3: 4 fields where the" "... naming line 3 and what is wrong with it"
is "$(mc catalog list --format tsv | md5sum)" "$before" "... and the catalogue is unchanged"
grep -v '^9.000002' "$T/bad.csv" >"$T/good.csv"
keys a1 i
shows a1 "│ $T/bad\.csv +│" "the form offers the last file again"
keys a1 C-u; text a1 "$T/good.csv"; keys a1 Enter
shows a1 "Done: 2 procedures imported from" "a good catalogue is imported, with the count"
shows a1 "Import the procedure catalogue +$((n + 2)) procedures" "... and the menu counts them"
is "$(mc catalog list --format tsv | tail -n +2 | wc -l)" "$((n + 2))" "motcua catalog list agrees"
keys a1 i; keys a1 C-u; text a1 "$T/none.csv"; keys a1 Enter
shows a1 "none\.csv" "a missing file is refused with its name"
keys a1 Escape
shows a1 "Press Esc again to leave without saving" "Esc on a form with something typed asks first"
keys a1 Escape
gone a1 "┌" "... Esc again closes it"

# ---- holidays -----------------------------------------------------------------------
keys a1 h
shows a1 "Holidays of 2026" "h shows this year's holidays"
shows a1 "01/01/2026 Thursday +day off +Tết Dương lịch" "... with the date, weekday, kind and name"
keys a1 Right
shows a1 "Holidays of 2027" "Right: the next year"
keys a1 Left Left
shows a1 "Holidays of 2025" "Left: the year before"
keys a1 y; text a1 "2031"; keys a1 Enter
shows a1 "No holidays for this year yet" "y 2031: a year without holidays says so"
printf 'date,name,kind,provisional\n2031-01-01,Tết Dương lịch,off,0\n2031-01-04,Làm bù,work,1\n2031-09-02,Quốc khánh,off,0\n' >"$T/h2031.csv"
printf 'date,name\n2031-05-01,Lao động\n2031-13-01,Ngày sai\n' >"$T/hbad.csv"
keys a1 i
shows a1 "CSV file +/.*holidays/2031\.csv" "i asks for the year's holiday file"
keys a1 C-u; text a1 "$T/hbad.csv"; keys a1 Enter
shows a1 "Refused: hbad\.csv: line 3" "a bad holiday file is refused, naming line 3"
is "$(mc holiday list 2031 --format tsv | tail -n +2 | wc -l)" 0 "... and nothing is imported"
keys a1 i; keys a1 C-u; text a1 "$T/h2031.csv"; keys a1 Enter
shows a1 "Done: 3 days imported from" "a good holiday file is imported, with the count"
shows a1 "01/01/2031 Wednesday +day off +Tết Dương lịch" "... and the year lists it"
shows a1 "04/01/2031 Saturday +working day +Làm bù +provisional" "... extra working days and provisional rows marked"
is "$(mc holiday list 2031 --format tsv | tail -n +2 | wc -l)" 3 "motcua holiday list agrees"
is "$(audits holiday-import)" 1 "the import is audited"

# ---- settings ----------------------------------------------------------------------
keys a1 q o
shows a1 "SMS quiet hours +21:00-07:00" "o lists the settings with their values"
shows a1 "Language +English" "... in words"
keys a1 Down Down Down Down Down Down Enter
shows a1 "Change a setting" "Enter on the quiet hours opens a form"
shows a1 "SMS quiet hours +21:00-07:00" "... holding the value in force"
keys a1 C-u; text a1 "25:00-06:00"; keys a1 Enter
shows a1 "not a range of hours like 21:00-07:00" "a bad range is refused"
is "$(setting sms.quiet)" "" "... and nothing is stored"
keys a1 C-u; text a1 "22:00-22:00"; keys a1 Enter
shows a1 "start and end are the same time" "an empty range is refused"
keys a1 C-u; text a1 "22:00 - 6:00"; keys a1 Enter
shows a1 "Saved: SMS quiet hours = 22:00-06:00" "good quiet hours are saved"
is "$(setting sms.quiet)" "22:00-06:00" "... in the setting table"
keys a1 Up Up Up Up Enter
keys a1 C-u; text a1 "fr"; keys a1 Enter
shows a1 "'fr' is not allowed here" "an unknown language is refused"
keys a1 Escape Escape
is "$(setting language)" "en" "... and the language is unchanged"
is "$(audits setting)" 1 "one audit row per change"

tm resize-window -t a1 -x 60 -y 20
shows a1 "Same-day cut-off" "the settings survive a resize to 60x20"
tm resize-window -t a1 -x 100 -y 30
shows a1 "SMS quiet hours +22:00-06:00" "... and one to 100x30"
tm resize-window -t a1 -x 80 -y 24

# ---- printer -----------------------------------------------------------------------
keys a1 q p
shows a1 "Printer +\(not set\)" "p opens the settings at the printer"
keys a1 t
shows a1 "no printer is chosen" "a test page without a printer says what to do"
keys a1 Enter; text a1 "x;rm -rf"; keys a1 Enter
shows a1 "is not a printer name" "a printer name with shell characters is refused"
keys a1 C-u; text a1 "Quay_1"; keys a1 Enter
shows a1 "Saved: Printer = Quay_1" "the printer is saved"
is "$(setting printer)" "Quay_1" "... in the setting table"
keys a1 t
shows a1 "a test page went to the printer Quay_1" "t prints a test page"
like "$(cat "$T/lp.args")" "^-s -d Quay_1 " "lp -d gets the printer's name"
page=$(cat "$T/lp.out")
like "$page" "Printer: Quay_1" "the test page names the printer"
like "$page" "UBND xã Tân Lập \(000\.17\.22\.H56\)" "... and the office"
like "$page" "Tiếng Việt: Ắ" "... has a line of Vietnamese"
like "$page" "^\.\.\.\.:\.\.\.\.1.*7\.\.\.\.:\.\.\.\.8$" "... and a ruler of 80 columns"
is "$(printf '%s\n' "$page" | python3 -c 'import sys; print(max(len(l) for l in sys.stdin.read().split("\n")) <= 80)')" \
	True "... no line wider than 80 columns"
keys a1 Enter C-u; text a1 "khong_co"; keys a1 Enter
keys a1 t
shows a1 "khong_co.*(did not accept|no printer)" "a printer that does not exist is reported in words"

# ---- a wide Linux console, without lp -------------------------------------------------
console w1 132 43 TERM=linux "PATH=$T/nolp"
login w1 admin motcua-test
keys w1 a
shows w1 "Users: add, disable, new password +3 users, 0 disabled" "a wide Linux console opens the administration"
keys w1 p
shows w1 "Printer +khong_co" "... its settings show the printer"
keys w1 t
shows w1 "lp command is not installed" "without lp, the test page says lp is missing"
keys w1 q q q q
shows w1 "motcua exited: 0" "the wide console quits with status 0"

# ---- the language, last: the console speaks it at once ------------------------------
keys a1 Up Up Up Up Up Up Enter
shows a1 "Language +en" "the language form holds en"
keys a1 C-u; text a1 "vi"; keys a1 Enter
shows a1 "(Language|Ngôn ngữ) +(Vietnamese|Tiếng Việt)" "the language is saved"
is "$(setting language)" "vi" "... in the setting table"
keys a1 q q
shows a1 "Tiếp nhận hôm nay" "back home, the console speaks Vietnamese"
keys a1 q q
shows a1 "motcua exited: 0" "the administrator's console quits with status 0"
keys a4 q q
shows a4 "motcua exited: 0" "the new user's console quits with status 0"

done_testing
