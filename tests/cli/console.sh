# console.sh -- the console driven in tmux, as an official uses it: log in (and the
# slow-down after three failures), receive a dossier typing Telex, its code shown,
# find it by the unaccented name, take it through supplement, result and return, an
# impossible action refused with its reason, a resize in the middle of a form, two
# consoles on one store seeing each other's work, a wide Linux console in Vietnamese,
# and a vt100 in the C locale showing unaccented text.
#
# Screens are compared by content: every step waits (bounded) until the pane shows
# what it should, never for a fixed time.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../tmux.sh"
setup_console_office
late=$(mc intake --procedure 1.004873 --name "Trần Thị Bình" --received '2026-10-05 09:00')

field() { mc show "$1" --format tsv | awk -F'\t' -v k="$2" '$1 == k { print $2 }'; }

out=$(mc </dev/null 2>&1 >/dev/null)
is $? 2 "without a terminal, the console exits with status 2"
like "$out" "terminal.*motcua --help" "... saying it needs one and pointing to the commands"

# ---- 80x24, TERM=xterm ----------------------------------------------------------
console c1 80 24 TERM=xterm
shows c1 "Password" "the console opens at the login screen"
text c1 "admin"; keys c1 Tab
for i in 1 2 3; do
	text c1 "not-the-password"; keys c1 Enter
	shows c1 "wrong login or password" "a wrong password is refused ($i)"
done
shows c1 "Too many failed tries: wait [0-9]+ seconds" "after three failures in a row, tries slow down"
text c1 "motcua-test"; keys c1 Enter
shows c1 "^Wait for the countdown, then type the password again" "... and a try during the wait is refused"
shows c1 "│ Tab: next field   Enter: log in" "... until the wait is over"
keys c1 Enter
shows c1 "^Type your password, then Enter" "the password typed during the wait was cleared: Enter alone sends nothing"
text c1 "motcua-test"; keys c1 Enter
shows c1 "Received today" "the right password opens the home screen"
shows c1 "3 failed login\(s\) since your last login" "... which tells of the failed logins"
shows c1 "Overdue +1( |$)" "home counts the overdue dossier"
shows c1 "admin \| 000\.17\.22\.H56.*Typing: Telex" "the status bar shows the user, the office and the typing method"

keys c1 n
shows c1 "Receive a dossier" "n opens the intake screen"
text c1 "khai sinh"
shows c1 "1\.001193 +Đăng ký khai sinh" "typing part of a procedure's name lists it"
keys c1 Enter
shows c1 "Due if received now: 17:00 12/10/2026" "picking it shows the due date before saving"
shows c1 "\[ \] Tờ khai đăng ký khai sinh" "... and the checklist of documents"
text c1 "Nguyeenx Vawn Aan"
shows c1 "Name: +Nguyễn Văn Ân" "Telex typing: 'Nguyeenx Vawn Aan' becomes 'Nguyễn Văn Ân'"
keys c1 Tab; text c1 "0010900"; keys c1 Tab
shows c1 "the ID number has 7 digits" "a bad ID number is refused when leaving the field"
keys c1 BTab C-u; text c1 "001090012345"; keys c1 Tab
text c1 "0912 345 678"; keys c1 Tab
shows c1 "Phone: +0912345678" "the phone is normalised when leaving the field"
text c1 "Thoon Ddoong"; keys c1 Tab
shows c1 "Address: +Thôn Đông" "Telex in the address field"
keys c1 Space
shows c1 "\[x\] SMS notices" "Space ticks the SMS consent"

tm resize-window -t c1 -x 100 -y 30
shows c1 "^ admin \| 000\.17\.22\.H56 {25,}Typing" "the console survives a resize to 100x30 and uses the width"
tm resize-window -t c1 -x 60 -y 20
shows c1 "Name: +Nguyễn Văn Ân" "... and one to 60x20"
tm resize-window -t c1 -x 80 -y 24
keys c1 Tab; keys c1 Tab; keys c1 Tab	# priority, linked group, the first document
keys c1 Space
shows c1 "\[x\] original: Tờ khai đăng ký khai sinh" "after the resizes the form keeps working: a document ticked"

keys c1 F10
shows c1 "document\(s\) not ticked" "saving with documents missing asks again"
keys c1 F10
code=000.17.22.H56-261012-0001
shows c1 "Form 01, not printed: no printer is set" "the second F10 receives it: no printer, the receipt on screen"
keys c1 q
shows c1 "The dossier is received" "q: the new dossier"
shows c1 "$code" "... and shows its code"
shows c1 "█" "... in large digits too"
is "$(field "$code" name)" "Nguyễn Văn Ân" "the store has the composed name"
is "$(field "$code" idno)" "001090012345" "... the ID number"
is "$(field "$code" sms)" "true" "... the SMS consent"

keys c1 q
shows c1 "Received today +1" "back home, received today counts it"
keys c1 /
text c1 "nguyen van an"
shows c1 "^ ${code#*-} Nguyễn Văn Ân" "searching the unaccented name finds it as you type"
keys c1 Enter; keys c1 Enter
shows c1 "Applicant: Nguyễn Văn Ân" "Enter opens the dossier"

keys c1 s
shows c1 "Request a supplement" "s asks what to supplement"
text c1 "Banr sao CCCD"; keys c1 Tab; text c1 "Thieeus giaays towf khai"; keys c1 Enter
shows c1 "Done: Supplement requested" "the supplement request is recorded"
shows c1 "Form 02, not printed" "... its form on the screen (no printer)"
keys c1 q
shows c1 "documents: Bản sao CCCD" "... with its items in the history"
shows c1 "reason: Thiếu giấy tờ khai" "... and its reason, wrapped to the width"
keys c1 b
shows c1 "Record that the citizen brought the supplement" "b asks to confirm the supplement"
keys c1 Enter
shows c1 "Done: Supplement received" "the supplement is recorded"
keys c1 k; keys c1 Enter
shows c1 "Done: Result ready" "k: the result is ready"
keys c1 r
shows c1 "Collected by +Nguyễn Văn Ân" "r asks who collects, the applicant by default"
keys c1 Enter
shows c1 "Done: Result returned" "the result is returned"
shows c1 "Status.*Result returned|Result returned" "... and the status says so"
keys c1 s
shows c1 "cannot request a supplement: the dossier is closed \(Result returned\)" \
	"an impossible action is refused with its reason"
is "$(field "$code" status_code)" 10 "the store agrees: status 10"
is "$(sqlite3 "$DB" "SELECT kind FROM dossier_event WHERE code = '$code' ORDER BY seq" | tr '\n' ' ')" \
	"received supplement-requested supplement-received result-ready result-returned " \
	"... with the events in order"
is "$(status mc check)" 0 "motcua check holds after the console's work"

keys c1 F1
shows c1 "Help: Dossier" "F1 shows help for the current screen"
shows c1 "request a supplement" "... listing its keys from its table"
keys c1 q
gone c1 "Help: Dossier" "q closes the help"

# ---- two consoles on one store ----------------------------------------------------
console c2 80 24 TERM=screen
shows c2 "Password" "a second console opens"
text c2 "canbo"; keys c2 Tab; text c2 "mat-khau-can-bo"; keys c2 Enter
shows c2 "Received today +1" "the second console sees the first one's dossier"
keys c2 r
shows c2 "${code#*-}" "... in the list of today's dossiers"
keys c1 q; keys c1 q
shows c1 "Received today" "the first console is back home"
keys c1 n; text c1 "kets hoon"
shows c1 "1\.000894" "Telex works in the procedure search too"
keys c1 Enter; text c1 "Phamj Thij Dung"; keys c1 F10
shows c1 "document\(s\) not ticked" "the second intake asks about its documents"
keys c1 F10
shows c1 "000\.17\.22\.H56-261012-0002" "the first console receives a second dossier"
keys c1 q	# the receipt on the screen (no printer)
keys c2 C-l
shows c2 "Phạm Thị Dung" "the second console sees it after a refresh (Ctrl-L)"
keys c2 n; text c2 "1.004194"; keys c2 Enter
shows c2 "Typing: Telex" "the name field types Telex by default"
keys c2 C-t
shows c2 "Typing: VNI" "Ctrl-T switches to VNI"
text c2 "Hoa2ng Va8n Em"
shows c2 "Name: +Hoàng Văn Em" "VNI typing: 'Hoa2ng Va8n Em' becomes 'Hoàng Văn Em'"
keys c2 Tab
shows c2 "Typing: off" "the ID field does not compose"
keys c2 F10; keys c2 F10
shows c2 "000\.17\.22\.H56-261012-0003" "the second console receives one too, numbered after it"
keys c2 q	# the receipt on the screen (no printer)
like "$(mc user list --format tsv | grep '^canbo')" "vni" "the typing method is remembered for the user"
keys c1 q
shows c1 "Received today +3" "the first console counts all three back home"

# ---- 132x43, TERM=linux, Vietnamese -----------------------------------------------
mc init --office 000.17.22.H56 --name "UBND xã Tân Lập" --language vi >/dev/null
console c3 132 43 TERM=linux
shows c3 "UBND xã Tân Lập" "a wide Linux console opens"
text c3 "canbo"; keys c3 Tab; text c3 "mat-khau-can-bo"; keys c3 Enter
keys c3 o
shows c3 "Quá hạn" "in Vietnamese, the overdue list"
shows c3 "^!${late#*-} Trần Thị Bình .*1\.004873 Cấp Giấy xác nhận" \
	"the overdue dossier is marked, with the procedure's name on a wide screen"
keys c3 Enter
shows c3 "$late" "Enter opens it"
keys c3 e
shows c3 "09/10/2026" "e proposes the next working day after the due date"
keys c3 Tab
shows c3 "Typing: VNI|Gõ: VNI" "the user's typing method (VNI) follows them to another console"
text c3 "Cho72 xa1c minh"; keys c3 Enter
shows c3 "Extended with apology|Gia hạn, xin lỗi" "the apology is saved"
shows c3 "Chờ xác minh" "... with its reason typed in VNI"
keys c3 q	# the apology (Mẫu 04) on the screen: no printer
is "$(field "$late" due_at)" "2026-10-09 17:00" "the store has the new due date"
keys c3 q; keys c3 q
shows c3 "^  .*, 12/10/2026" "q twice: back home"
keys c3 q; keys c3 q
shows c3 "motcua exited: 0" "q twice on the home screen quits, status 0"

# ---- vt100 in the C locale, no colours ---------------------------------------------
console c4 80 24 TERM=vt100 LC_ALL=C NO_COLOR=1
shows c4 "UBND xa Tan Lap" "a terminal that cannot show Vietnamese gets unaccented text"
text c4 "admin"; keys c4 Tab; text c4 "motcua-test"; keys c4 Enter
keys c4 /; text c4 "pham"
shows c4 "Pham Thi Dung" "search in the C locale shows the unaccented name"
unlike "$(pane c4)" "Phạm|Ph\?m" "... never garbage"

# ---- every console quits cleanly (under ASan, a leak would change the status) -------
keys c4 Escape
shows c4 "ho so 1-4 trong 4" "Esc clears the search box: all dossiers again"
keys c4 Escape
shows c4 "Tiep nhan hom nay" "Esc again leaves the search screen"
keys c4 q; keys c4 q
shows c4 "motcua exited: 0" "the C-locale console quits with status 0"
keys c2 q; keys c2 q
shows c2 "Received today" "the second console goes home"
keys c2 q; keys c2 q
shows c2 "motcua exited: 0" "... and quits with status 0"
keys c1 q; keys c1 q
shows c1 "motcua exited: 0" "the first console quits with status 0"

done_testing
