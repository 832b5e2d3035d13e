# console-paper.sh -- the console and paper, in tmux: the documents ticked at intake
# and the form each came in (kept in the received event, shown on the dossier), and
# a form shown on screen when no printer is set, printed or saved from there.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../tmux.sh"
setup_console_office
# The tests' own checklist for 1.004873, whatever the shipped catalogue says of it
# (its documents are checked against the portal and may change).
printf '%s\n' 'code,name,field,time,unit,cutoff,fee,fee_rule,group,agency,documents' \
	'1.004873,Cấp Giấy xác nhận tình trạng hôn nhân,Hộ tịch,3,working-days,,0,Mức thu do HĐND tỉnh quy định,,,"Tờ khai cấp Giấy xác nhận tình trạng hôn nhân (bản chính); Giấy tờ chứng minh đã ly hôn hoặc vợ/chồng đã chết, nếu có (bản sao); Giấy xác nhận tình trạng hôn nhân đã được cấp trước đây, nếu xin cấp lại (bản chính); Giấy tờ tùy thân (Căn cước, CCCD hoặc hộ chiếu) để xuất trình (bản chính)"' >"$T/checklist.csv"
mc catalog import "$T/checklist.csv" >/dev/null || exit 1
# A stand-in lp: its arguments, and the file it was given.
mkdir "$T/bin"
printf '#!/bin/sh\necho "$*" >> "%s/lp.args"\nfor f; do :; done\ncat "$f" >> "%s/lp.out"\n' "$T" "$T" > "$T/bin/lp"
chmod +x "$T/bin/lp"
forms=$(dirname "$DB")/forms

# ---- intake: tick 2 of the 4 documents, one as a certified copy -------------------
console w1 80 24 TERM=xterm PATH="$T/bin:$PATH"
shows w1 "Password" "the console opens"
text w1 "admin"; keys w1 Tab; text w1 "motcua-test"; keys w1 Enter
shows w1 "Received today" "logged in"
keys w1 n; text w1 "1.004873"
shows w1 "1\.004873 +Cấp Giấy xác nhận" "the procedure is listed"
keys w1 Enter
text w1 "Nguyeenx Vawn Aan"
keys w1 Tab Tab Tab Tab Tab Tab
shows w1 "\[ \] Tờ khai cấp Giấy xác nhận tình trạng hôn nhân \(original\)" \
	"the checklist: nothing ticked, each with the form it asks for"
keys w1 Space
shows w1 "\[x\] original: Tờ khai cấp Giấy xác nhận" "Space ticks document 1 as an original"
keys w1 Tab Space
shows w1 "\[x\] copy: Giấy tờ chứng minh đã ly hôn" "document 2 ticked: a copy, as the checklist asks"
keys w1 Right
shows w1 "\[x\] certified copy: Giấy tờ chứng minh đã ly hôn" "Right: a certified copy"
keys w1 F10
shows w1 "2 required document\(s\) not ticked" "saving with documents missing asks again"
keys w1 F10
shows w1 "Form 01, not printed: no printer is set - p print, s save, q close" \
	"saved: with no printer set, the receipt is shown on the screen, with the keys"
c1=000.17.22.H56-261012-0001
keys w1 PPage PPage
shows w1 "Mã hồ sơ: $c1" "... its code on the first page"
shows w1 "p print on the default printer" "... the keys on the hint line too"
keys w1 NPage
shows w1 "\| 2 +\| Giấy tờ chứng minh đã ly hôn" "PgDn: the table of the documents handed in"
shows w1 "Bản sao chứng thực" "... each in its form"
keys w1 s
shows w1 "^ ?Saved: $forms/$c1-mau01\.pdf" "s saves the PDF and says where, in full when it fits"
ok "$([ "$(head -c 5 "$forms/$c1-mau01.pdf")" = "%PDF-" ]; echo $?)" "... where the PDF is"
keys w1 p
shows w1 "^ ?Printed; a copy is in " "p prints on the default printer"
like "$(cat "$T/lp.args")" "^-s -- .*$c1-mau01\.pdf$" "... lp without -d: CUPS's default destination"
keys w1 q
shows w1 "The dossier is received" "q closes it: the new dossier's code"
shown=$(mc show "$c1" --format json)
is "$(printf '%s' "$shown" | python3 -c 'import json, sys; print(" ".join("%d:%s" % (d["no"], d["form"]) for d in json.load(sys.stdin)["documents"]))')" \
	"1:original 2:certified" "the received event holds the ticked documents and their forms"
is "$(printf '%s' "$shown" | python3 -c 'import json, sys; print(" ".join(str(d["no"]) for d in json.load(sys.stdin)["documents_missing"]))')" \
	"3 4" "... and the two not ticked as missing"
unlike "$(mc print "$c1")" "Giấy tờ tùy thân" "the receipt lists only what was ticked"
keys w1 Enter
shows w1 "Documents handed in: 1, 2 of 4; missing: 3, 4" "the dossier shows what was handed in and what is missing"
shows w1 "handed in: 1\. Tờ khai" "... and the intake line of the history names them"
keys w1 s
shows w1 "left empty, those intake found missing" "s: a supplement request, by default of what intake found missing"
keys w1 Tab; text w1 "Thieeus"; keys w1 Enter
shows w1 "Form 02, not printed" "... its form on the screen"
shows w1 "- Giấy xác nhận tình trạng hôn nhân đã được cấp" "... asks for the missing documents, one a line"
shows w1 "- Giấy tờ tùy thân" "... all of them"
keys w1 q
shows w1 "documents: Giấy xác nhận tình" "... and the history records them"

# ---- stopping a dossier: its notice, on screen -----------------------------------
keys w1 t
shows w1 "Stop processing" "t asks why the dossier is stopped"
text w1 "Coong daan khoong boor sung"; keys w1 Enter
shows w1 "Done: Processing stopped\. No printer is set: form 07 is shown on the screen" \
	"stopped; its notice (07 in the 2018 set) is shown"
shows w1 "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ" "... the notice of stopping"
keys w1 NPage
shows w1 "Lý do: Công dân không bổ sung" "... with the reason"
keys w1 q
shows w1 "Processing stopped" "q: back on the dossier, stopped"
keys w1 f; keys w1 C-u; text w1 "07"; keys w1 Enter
shows w1 "THÔNG BÁO DỪNG GIẢI QUYẾT" "f 07 shows the notice again"
keys w1 q
shows w1 "Documents handed in" "q: the dossier again"

# ---- 60x20: the preview and where a form was saved, in a line that fits -----------
tm resize-window -t w1 -x 60 -y 20
keys w1 f; keys w1 C-u; text w1 "01"; keys w1 Enter
shows w1 "Form 01, not printed: no printer is set" "at 60x20, f 01 shows the receipt"
keys w1 s
shows w1 "^ ?Saved: (forms/|…/)$c1-mau01\.pdf *$" "... and s says where it went in a line of 60 columns"
is "$(pane w1 | python3 -c 'import sys; print(sum(len(l.rstrip("\n")) > 60 for l in sys.stdin))')" 0 \
	"... no line is wider than the screen"
keys w1 q
tm resize-window -t w1 -x 80 -y 24
keys w1 q q
shows w1 "Received today" "home"

# ---- the place on the date line: a setting the administrator sees -----------------
keys w1 a o
shows w1 "Place on forms" "the settings list the place of the forms' date line"

done_testing
