# console-keys.sh -- keys that must never throw work away or land where they do not
# belong, in tmux: Ctrl-C quits at once with nothing typed and asks first in a
# half-typed form; pop-up forms and the reminders ask before Esc discards what was
# typed; the ID number field takes digits only, keeps its message until corrected and
# lets Tab move on; under TERM=vt100, F10 and PgDn work (escape sequences terminfo
# does not know are read whole) and an unknown sequence leaves no character in a
# field; F10 has Ctrl-S beside it, in the hint line too; keys typed ahead of a list or
# a report act on what it reads, not on nothing or on the rows it showed before.
#
# Screens are compared by content: every step waits (bounded) until the pane shows
# what it should, never for a fixed time.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../tmux.sh"
setup_console_office
i=0
while [ $i -lt 30 ]; do	# two pages of dossiers at 80x24
	mc intake --procedure 1.004873 --name "Hoàng Văn Số $i" >/dev/null || exit 1
	i=$((i + 1))
done
dossiers() { sqlite3 "$DB" "SELECT count(*) FROM dossier"; }
login() {
	shows "$1" "Password" "$1: the login screen"
	text "$1" "admin"; keys "$1" Tab; text "$1" "motcua-test"; keys "$1" Enter
	shows "$1" "Received today" "$1: logged in"
}

# ---- Ctrl-C -----------------------------------------------------------------------
console k1 80 24 TERM=xterm
login k1
keys k1 C-c
shows k1 "motcua exited: 0" "Ctrl-C with nothing typed quits at once, status 0"

console k2 80 24 TERM=xterm
login k2
keys k2 n; text k2 "khai sinh"; keys k2 Enter
text k2 "Nguyeenx Vawn Ddang"
shows k2 "Name: +Nguyễn Văn Đang" "a name half typed in the intake form"
keys k2 C-c
shows k2 "What you typed is not saved: Ctrl-C again quits without it" \
	"Ctrl-C in a half-typed form asks first"
keys k2 Left
gone k2 "What you typed is not saved" "any other key goes back to the form"
shows k2 "Name: +Nguyễn Văn Đang" "... which still holds the name"
keys k2 C-c; keys k2 C-c
shows k2 "motcua exited: 0" "Ctrl-C twice quits, status 0"
is "$(dossiers)" 30 "... and saved nothing"

# ---- Esc on pop-up forms and on the reminders --------------------------------------
console k3 80 24 TERM=xterm
login k3
keys k3 /; keys k3 Tab; keys k3 Enter
shows k3 "History \(1 events\)" "a dossier (/, Tab and Enter typed ahead of the list)"
keys k3 g
shows k3 "Add a note" "g asks for a note"
keys k3 Escape
gone k3 "Add a note" "Esc closes a form where nothing was typed at once"
keys k3 g; text k3 "Coong daan henj laij"
shows k3 "Công dân hẹn lại" "a note half typed"
keys k3 Escape
shows k3 "Press Esc again to leave without saving" "Esc on a typed form asks first"
shows k3 "Công dân hẹn lại" "... and keeps what was typed"
keys k3 Right
gone k3 "Press Esc again" "another key goes back to the form"
keys k3 Escape; keys k3 Escape
gone k3 "Add a note" "Esc, Esc: closed without saving"
is "$(sqlite3 "$DB" "SELECT count(*) FROM dossier_event WHERE kind = 'note'")" 0 "... no note saved"
keys k3 q; keys k3 q; keys k3 s; keys k3 m
shows k3 "Preview: F10, Ctrl-S" "the reminders screen, its F10 with Ctrl-S beside it"
keys k3 Left
shows k3 "Campaign: one message to chosen dossiers" "a campaign"
keys k3 Tab Tab; text k3 "Xin mowfi"
shows k3 "Xin mời" "its text half typed"
keys k3 Escape
shows k3 "Press Esc again to leave without saving" "Esc on the typed campaign asks first"
shows k3 "Xin mời" "... and keeps the text"
keys k3 q
shows k3 "Xin mờiq" "q in the text field is a letter, not a way out"
keys k3 Escape; keys k3 Escape
shows k3 "SMS centre" "Esc, Esc: back in the SMS centre"
keys k3 q; keys k3 q; keys k3 q
shows k3 "motcua exited: 0" "the console quits"

# ---- the ID number: digits only, its message kept, Tab moves on ------------------------
console k4 80 24 TERM=xterm
login k4
keys k4 n; text k4 "khai sinh"; keys k4 Enter
text k4 "Vawn Tis"; keys k4 Tab
text k4 "0010900abc"
shows k4 "ID number: only digits here" "letters in the ID number are refused as they are typed"
shows k4 "ID number: 0010900 " "... the field keeps the digits only"
keys k4 Tab
shows k4 "ID number: the ID number has 7 digits" "leaving a short ID number says what is wrong"
text k4 "0912 345 678"
shows k4 "Phone: +0912 345 678" "Tab moved on: the phone goes into the phone field"
shows k4 "ID number: 0010900 " "... not into the ID number"
shows k4 "ID number: the ID number has 7 digits" "... and the message stays while it is wrong"
keys k4 Tab; text k4 "Thoon Ddoong"
shows k4 "Address: +Thôn Đông" "the address goes into the address field"
shows k4 "ID number: the ID number has 7 digits" "... the message still there"
keys k4 C-s
shows k4 "ID number: the ID number has 7 digits" "saving is refused while the ID number is wrong"
is "$(dossiers)" 30 "... nothing saved"
keys k4 C-u; text k4 "001090012345"
gone k4 "the ID number has 7 digits" "corrected, the message goes"
keys k4 C-s
shows k4 "document\(s\) not ticked" "Ctrl-S saves like F10 (documents asked first)"
keys k4 C-s
shows k4 "Dossier received: " "Ctrl-S again: received"
shows k4 "Form 01, not printed: no printer is set" "... the receipt shown (no printer is set)"
keys k4 q
shows k4 "The dossier is received" "q closes it: the saved screen"
code=$(sqlite3 "$DB" "SELECT code FROM dossier WHERE name = 'Văn Tí'")
is "$(sqlite3 "$DB" "SELECT idno || '|' || phone || '|' || address FROM dossier WHERE code = '$code'")" \
	"001090012345|0912345678|Thôn Đông" "the store has each value in its own field"
keys k4 q; keys k4 q; keys k4 q
shows k4 "motcua exited: 0" "the console quits"

# ---- TERM=vt100: F10, PgDn and unknown escape sequences -------------------------------
console v1 80 24 TERM=vt100
login v1
keys v1 n; text v1 "khai sinh"; keys v1 Enter
shows v1 "F10, Ctrl-S save" "the hint line shows Ctrl-S beside F10"
text v1 "Lo Thij"
tm send-keys -t v1 -l "$(printf '\033[99~')"
text v1 "7"
shows v1 "Name: +Lo Thị7$" "an unknown escape sequence is dropped whole: only the next key lands"
unlike "$(pane v1)" "\[99~|99~" "... none of its characters"
shows v1 "Receive a dossier" "... and it did not leave the form as an Esc would"
keys v1 F10
shows v1 "document\(s\) not ticked" "under TERM=vt100, F10 saves"
unlike "$(pane v1)" "\[21~" "... and types nothing into the field"
keys v1 Escape
shows v1 "Press Esc again" "Esc is still Esc"
keys v1 Escape
shows v1 "Received today" "... back home"
keys v1 /; keys v1 Tab
shows v1 "Page 1: dossiers 1-18 of 31" "the list of all dossiers"
keys v1 NPage
shows v1 "Page 2: dossiers 19-31 of 31" "under TERM=vt100, PgDn shows the next page"
shows v1 "Search dossiers" "... and stays on the list"
keys v1 PPage
shows v1 "Page 1: dossiers 1-18 of 31" "PgUp the page before"
keys v1 q; keys v1 q; keys v1 q
shows v1 "motcua exited: 0" "the console quits"

# ---- keys typed ahead of a list or a report: never dropped, never on stale rows -----------
# Each key sequence goes in one go: the keys after the first reach the console before
# the list or the report is read (and drawn), and must act on what it reads.
code_at() {	# code_at SESSION N: the code on the Nth row of the list shown
	pane "$1" | grep -E "^[ !]26[0-9]{4}-[0-9]{4} " | sed -n "${2}p" | cut -c2-12
}
console t1 80 24 TERM=xterm
login t1
keys t1 /; keys t1 Tab
shows t1 "Page 1: dossiers 1-18 of 31" "the list of all dossiers"
keys t1 NPage
shows t1 "Page 2: dossiers 19-31 of 31" "its second page"
p2=$(code_at t1 1)
keys t1 q
shows t1 "Received today" "back home"
keys t1 / Tab NPage Enter
shows t1 "History \(1 events\)" "/, Tab, PgDn, Enter typed ahead: a dossier opens"
shows t1 "$p2" "... the first of the second page ($p2), not of the first"
keys t1 q; keys t1 q
shows t1 "Received today" "back home"
keys t1 r
shows t1 "Page 1: dossiers 1-18" "r: the dossiers received today"
r2=$(code_at t1 2)
keys t1 q
shows t1 "Received today" "back home"
keys t1 r Down Enter
shows t1 "History \(1 events\)" "r, Down, Enter typed ahead: a dossier opens"
shows t1 "$r2" "... the second of the list ($r2)"
keys t1 q; keys t1 q
shows t1 "Received today" "back home"
keys t1 b b
shows t1 "From \(DD/MM/YYYY\)" "the book asks its days"
keys t1 Enter Enter
shows t1 "Rows 1-" "the tracking book"
b2=$(pane t1 | grep -oE "26[0-9]{4}-[0-9]{4}" | sed -n 2p)
keys t1 q; keys t1 q
shows t1 "Received today" "back home"
keys t1 b b Enter Enter Down Enter
shows t1 "History \(1 events\)" "the book's days, Down, Enter typed ahead: a dossier opens"
shows t1 "$b2" "... the book's second row ($b2)"
keys t1 q; keys t1 q; keys t1 q
shows t1 "Received today" "back home"
keys t1 n; text t1 "khai sinh"
shows t1 "Đăng ký lại khai sinh" "the intake's procedures for 'khai sinh'"
m2=$(pane t1 | grep -oE "^ +[ ?]1\.[0-9]+ +[^ ].*" | sed -n 2p | grep -oE "1\.[0-9]+" | head -1)
keys t1 Escape; keys t1 Escape
shows t1 "Received today" "back home"
keys t1 n "khai sinh" Down Enter
shows t1 "Procedure: +$m2 " "n, the words, Down, Enter typed ahead: the second procedure ($m2) is picked"
keys t1 Escape; keys t1 Escape
shows t1 "Received today" "back home"
keys t1 q; keys t1 q
shows t1 "motcua exited: 0" "the console quits"

done_testing
