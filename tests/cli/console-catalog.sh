# console-catalog.sh -- the catalogue at the counter, in tmux: the intake picker over
# the 143 shipped procedures (last digits of a code, words with or without accents,
# the field, a local variant code, the office's most used first, "?" on what is to
# verify), the warnings after a time and fee to verify and the due date computed from
# them, the dossier screen's catalogue version, and the administration's screen that
# confirms a time and a fee (audited) at 80x24 and 60x20.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../tmux.sh"
setup_console_office
# The office's most used: 2 x Đăng ký lại khai sinh, 1 x Đăng ký khai sinh.
for i in 1 2; do mc intake --procedure 1.004884 --name "Lê Văn Cũ" --received '2026-10-05 09:00' >/dev/null; done
mc intake --procedure 1.001193 --name "Lê Văn Mới" --received '2026-10-05 09:00' >/dev/null

console k1 80 24 TERM=xterm
shows k1 "Password" "the console opens"
text k1 "admin"; keys k1 Tab; text k1 "motcua-test"; keys k1 Enter
shows k1 "Received today" "logged in"
keys k1 n
text k1 "1193"
shows k1 "^ +1\.001193 +Đăng ký khai sinh" "the last digits of a code find it"
keys k1 C-u; text k1 "khai sinh"
shows k1 "1\.004884 +Đăng ký lại khai sinh" "words of the name find the procedures"
row1=$(pane k1 | grep -n "1\.004884" | head -1 | cut -d: -f1)
row2=$(pane k1 | grep -n " 1\.001193" | head -1 | cut -d: -f1)
ok "$([ -n "$row1" ] && [ -n "$row2" ] && [ "$row1" -lt "$row2" ]; echo $?)" \
	"... the office's most used first"
keys k1 C-u; text k1 "ket hon luu dong"
shows k1 "1\.000593 +Đăng ký kết hôn lưu động" "words without accents find an accented name"
keys k1 C-u; text k1 "cap quan ly can cuoc the 14"
shows k1 "1\.014061 +Cấp thẻ căn cước cho người từ đủ 14 tuổi" "... and words of the field"
keys k1 C-u; text k1 "2.000815.000.00.00.H55"
shows k1 "2\.000815 +Chứng thực bản sao" "a local variant code finds its national procedure"
keys k1 C-u; text k1 "tinh trang hon nhan"
shows k1 "\?1\.004873 +Cấp Giấy xác nhận tình trạng hôn nhân" "a time or fee to verify is marked ?"
shows k1 "\? = to verify" "... and the mark is explained"
keys k1 Enter
shows k1 "3 working day\(s\) \(to verify\); fee 0 dong \(to verify\)" \
	"picked: its time and fee say they are to verify"
shows k1 "Due if received now: .* \(to verify\)" "... and so does the due date"
keys k1 Escape Escape

# The dossier screen: the catalogue version it was received under.
code=$(mc intake --procedure 1.004873 --name "Hà Văn Xác")
keys k1 /; text k1 "$code"
shows k1 "Hà Văn Xác" "the dossier is found"
keys k1 Enter; keys k1 Enter
shows k1 "Catalogue version: 20[0-9-]+ [0-9:]+ [0-9a-f]{8}; \? to verify: time, fee" \
	"the dossier shows its catalogue version and what was to verify"
shows k1 "Due: .* \?" "... and its due date is marked ?"
keys k1 q q q

# Administration: what is to verify, confirmed.
flagged=$(mc catalog list --to-verify --format tsv | tail -n +2 | wc -l)
keys k1 a
shows k1 "Catalogue: times and fees to verify +$flagged to verify" \
	"the administration menu counts what is to verify"
keys k1 c
shows k1 "Catalogue: 143 procedures, $flagged to verify" "c lists it"
shows k1 "1\.000080 +TF\. +7 working day\(s\) +0 +Đăng ký nhận cha" "... with what is to verify (T, F, D)"
keys k1 t
shows k1 "Confirm the processing time" "t asks for the time"
keys k1 Tab C-u; text k1 "weeks"; keys k1 Tab Enter
shows k1 "The unit is working-days, days, same-day or hours" "a bad unit is refused"
keys k1 BTab C-u; text k1 "working-days"; keys k1 Tab Enter
shows k1 "1\.000080 confirmed" "the time is confirmed"
shows k1 "1\.000080 +\.F\. +7 working day\(s\)" "... and only the fee is left to verify"
keys k1 f
shows k1 "Confirm the fee" "f asks for the fee"
keys k1 C-u; text k1 "15000"; keys k1 Tab; text k1 "10000"; keys k1 Enter
shows k1 "1\.000080 confirmed" "the fee is confirmed"
gone k1 "^ 1\.000080 " "... and the procedure leaves the list of what is to verify"
shows k1 "Catalogue: 143 procedures, $((flagged - 1)) to verify" "... which counts one less"
show=$(mc catalog show 1.000080 --format json)
like "$show" '"fee": *15000,' "motcua catalog show agrees: the fee (a number)"
like "$show" '"fee_online": *10000,' "... online"
like "$show" '"to_verify": *""' "... nothing to verify"
is "$(sqlite3 "$DB" "SELECT count(*) FROM audit WHERE action = 'catalog.confirm' AND actor = 'admin'")" 2 \
	"both confirmations are audited"
keys k1 a
shows k1 "1\.000080 +\.\.\. +7 working day\(s\) +15,000 " "a shows every procedure (the fee grouped by thousands)"
keys k1 q q q

# A small terminal.
console k2 60 20 TERM=vt100
shows k2 "Password" "the console opens at 60x20"
text k2 "admin"; keys k2 Tab; text k2 "motcua-test"; keys k2 Enter
shows k2 "Received today" "logged in"
keys k2 a c
shows k2 "Catalogue: 143 procedures" "the catalogue screen fits 60x20"
shows k2 "1\.000094 +TF\." "... with its list"
done_testing
