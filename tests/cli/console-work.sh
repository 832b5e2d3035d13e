# console-work.sh -- the console's day-to-day extras, in tmux: the receipt (Mẫu 01)
# issued and the "received" SMS shown when a dossier is saved, a linked group
# previewed before it is filed, forms issued after an action and on demand to the
# office's printer (a stand-in lp), and the lists narrowed to a procedure or an
# officer and sorted by due date.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../tmux.sh"
setup_console_office
# Forms as text (a line printer): what lp gets can be read here; paper.sh has the PDF.
sqlite3 "$DB" "INSERT INTO setting(key, value) VALUES ('paper.format', 'text')"
# Older dossiers for the lists: two procedures, two officers, different due dates.
a1=$(mc intake --procedure 1.004873 --name "Trần Thị Bình" --received '2026-10-05 09:00')
a2=$(mc --user canbo intake --procedure 1.000894 --name "Lò Văn Kết" --received '2026-10-06 09:00')
a3=$(mc --user canbo intake --procedure 1.004873 --name "Hà Thị Xác" --received '2026-10-07 09:00')
# A stand-in lp: its arguments, and the file it was given.
mkdir "$T/bin"
printf '#!/bin/sh\necho "$*" >> "%s/lp.args"\nfor f; do :; done\ncat "$f" >> "%s/lp.out"\n' "$T" "$T" > "$T/bin/lp"
chmod +x "$T/bin/lp"

# ---- intake: the linked group, the receipt and the SMS ----------------------------
console w1 80 24 TERM=xterm PATH="$T/bin:$PATH"
shows w1 "Password" "the console opens"
text w1 "admin"; keys w1 Tab; text w1 "motcua-test"; keys w1 Enter
shows w1 "Received today" "logged in"
keys w1 n; text w1 "khai sinh"
shows w1 "1\.001193 +Đăng ký khai sinh" "the birth registration is listed"
keys w1 Enter
text w1 "Nguyeenx Thij Moots"; keys w1 Tab Tab
text w1 "0912 345 678"; keys w1 Tab Tab Space Tab Tab
shows w1 "\[ \] Linked procedures: file the whole group" "the procedure has a linked group"
keys w1 Space
shows w1 "1\. due 17:00 12/10/2026: 1\.001193 Đăng ký khai sinh" \
	"ticking it lists what will be filed, each with its due date"
shows w1 "2\. due .*: 1\.004222 Đăng ký thường trú" "... the residence registration"
keys w1 F10; keys w1 F10
shows w1 "Form 01, not printed: no printer is set" \
	"saved; without a printer, the receipts are shown on the screen"
shows w1 "Mã hồ sơ: 000\.17\.22\.H56-261012-0001" "... the first one's code"
keys w1 G PPage
shows w1 "Mã hồ sơ: 000\.17\.22\.H56-261012-0002" "... and, near the end, the second one of the group"
keys w1 s
shows w1 "Saved 2 forms in .*forms/" "s saves them, and the console says where"
keys w1 q
shows w1 "No printer is set \(Administration\): the receipt is shown on the screen" \
	"q: back to the new dossier's code"
shows w1 "000\.17\.22\.H56-261012-0001" "the first code"
shows w1 "000\.17\.22\.H56-261012-0002" "... and one per procedure of the group"
shows w1 'SMS "received" queued to 0912345678 \(1 part\(s\)\)' "the SMS notice is shown as queued (one for the group)"
for n in 1 2; do
	f="$(dirname "$DB")/forms/000.17.22.H56-261012-000$n-mau01.txt"
	[ -f "$f" ] && grep -q "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" "$f"
	ok $? "receipt $n is in the forms folder beside the store, with its title"
done
grep -q "Nguyễn Thị Mốt" "$(dirname "$DB")/forms/000.17.22.H56-261012-0001-mau01.txt"
ok $? "... and the applicant's name as typed with Telex"
is "$(mc sms outbox --format tsv | awk -F'\t' 'NR > 1 && $3 == "notice"' | wc -l)" 1 \
	"one 'received' notice for the linked group is in the outbox"
like "$(mc sms outbox --format tsv | awk -F'\t' 'NR > 1 && $3 == "notice"')" \
	"261012-0001, 000\.17\.22\.H56-261012-0002 \(2 linked procedures\)" \
	"... listing the two codes"

# ---- a printer: forms go to lp after an action, and on f --------------------------
sqlite3 "$DB" "INSERT OR REPLACE INTO setting(key, value) VALUES ('printer', 'Quay_1')"
keys w1 n
text w1 "ket hon"; keys w1 Enter
text w1 "Vawn Tis"; keys w1 Tab Tab Tab Tab Tab Tab
keys w1 F10; keys w1 F10
shows w1 "Receipt printed on Quay_1; a copy is in" "with a printer set, the receipt is printed"
like "$(cat "$T/lp.args")" "^-s -d Quay_1 -- .*261012-0003-mau01\.txt" "... through lp -d with the form's file"
like "$(cat "$T/lp.out")" "Văn Tí" "... which holds the applicant"
keys w1 Enter
shows w1 "Applicant: Văn Tí" "Enter opens the new dossier"
keys w1 s
shows w1 "Request a supplement" "s asks what to supplement"
text w1 "Banr sao CCCD"; keys w1 Tab; text w1 "Thieeus"; keys w1 Enter
shows w1 "^ ?Form 02 printed on Quay_1; copy: " \
	"the supplement request prints its form (Mẫu 02)"
like "$(tail -n 80 "$T/lp.out")" "PHIẾU YÊU CẦU BỔ SUNG" "... the supplement form went to the printer"
like "$(pane w1 | grep 'printed on Quay_1')" "(forms/|…/)000\.17\.22\.H56-261012-0003-mau02\.txt *$" \
	"... and the message line names the copy's file, whole within 80 columns"
like "$(cat "$T/lp.out")" "Bản sao CCCD" "... listing what to bring"
keys w1 f
shows w1 "Print a form" "f asks which form to print"
keys w1 C-u; text w1 "9"; keys w1 Enter
shows w1 "'9' is not a form of this office's set: 01 receipt, 02 supplement" "a form that does not exist is refused"
keys w1 C-u; text w1 "01"; keys w1 Enter
shows w1 "Form 01 printed on Quay_1" "the receipt printed again on demand"
printf '#!/bin/sh\nexit 1\n' > "$T/bin/lp"
keys w1 f; keys w1 C-u; text w1 "05"; keys w1 Enter
shows w1 "Form 05 not printed: the printer 'Quay_1' did not accept" "a printer that refuses is reported in words"
keys w1 q; keys w1 q
shows w1 "Received today +3" "back home: three dossiers received today"

# ---- lists: one procedure, one officer, by due date -------------------------------
keys w1 / Tab p	# in one go: Tab and p reach the list before it has been read
shows w1 "Filter: All dossiers" "the list of all dossiers"
shows w1 "Only one procedure" "p asks for a procedure, also when typed ahead of the list"
text w1 "dang ky"; keys w1 Enter
shows w1 "Several procedures match \(1\.[0-9]+, 1\.[0-9]+\.\.\.\)" "words that match several procedures ask for more"
keys w1 Escape
gone w1 "Only one procedure" "Esc closes the question"
keys w1 p; keys w1 C-u; text w1 "1.004873"; keys w1 Enter
shows w1 "Filter: All dossiers, procedure 1\.004873" "the list keeps to one procedure"
shows w1 "dossiers 1-2 of 2" "... its two dossiers"
gone w1 "Lò Văn Kết" "... and no other"
keys w1 u; keys w1 C-u; text w1 "canbo"; keys w1 Enter
shows w1 "received by canbo" "u keeps to one officer's dossiers too"
shows w1 "dossiers 1-1 of 1" "... one of them was received by canbo"
shows w1 "$a3 Hà Thị Xác" "... Hà Thị Xác"
keys w1 u; keys w1 C-u; text w1 "nobody"; keys w1 Enter
shows w1 "no user nobody" "an unknown login is refused"
keys w1 C-u; keys w1 Enter
shows w1 "Filter: All dossiers, procedure 1\.004873$" "an empty login: everyone's dossiers again"
keys w1 p; keys w1 C-u; keys w1 Enter
shows w1 "Filter: All dossiers( |$)" "empty answers show everyone's dossiers of every procedure again"
keys w1 m
shows w1 "received by admin" "m: only the dossiers I received"
gone w1 "Lò Văn Kết" "... not canbo's"
keys w1 m
keys w1 t; keys w1 t
shows w1 "by due date" "t twice: by due date"
# Soonest due first: the marriage (same day) received on 06/10 was due at 17:00 that
# day, before the certificate received on 05/10 (due 08/10).
rows=$(pane w1 | grep -E "^[ !]000\.17" | cut -c2-26 | tr '\n' ' ')
like "$rows" "^$a2 $a1 " "the soonest due comes first"
keys w1 w
shows w1 "Due this week" "w: due this week"
keys w1 q; keys w1 q
shows w1 "Received today" "back home"
keys w1 q; keys w1 q
shows w1 "motcua exited: 0" "the console quits with status 0"

done_testing
