# console-paper.sh -- the console and paper, in tmux: the documents ticked at intake
# and the form each came in (kept in the received event, shown on the dossier), and
# a form shown on screen when no printer is set, printed or saved from there.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../tmux.sh"
setup_console_office

# ---- intake: tick 2 of the 4 documents, one as a certified copy -------------------
console w1 80 24 TERM=xterm
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
shows w1 "The dossier is received" "saved"
c1=000.17.22.H56-261012-0001
is "$(mc show "$c1" --format tsv | awk -F'\t' '$1 == "documents" { print $2 }' | grep -o '([^)]*)$')" \
	"(Bản sao chứng thực)" "the received event holds the ticked documents and their forms"
like "$(mc show "$c1" --format tsv | awk -F'\t' '$1 == "documents_missing" { print $2 }')" "^3\. .*; 4\. " \
	"... and the two not ticked as missing"
unlike "$(mc print "$c1")" "Giấy tờ tùy thân" "the receipt lists only what was ticked"
keys w1 Enter
shows w1 "Documents handed in: 1, 2 of 4; missing: 3, 4" "the dossier shows what was handed in and what is missing"
shows w1 "handed in: 1\. Tờ khai" "... and the intake line of the history names them"

done_testing
