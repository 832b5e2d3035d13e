# console-details.sh -- the console in Vietnamese at 80x24, in tmux: the welcome that
# warns of failed logins whole; the applicant's details corrected from the dossier screen (the "edited" event, as the command line
# appends it); the role in words on the home screen; officials named, not logins;
# amounts with their thousands grouped; the working days by their names; a holiday
# added and removed one at a time; the book's hint offering p only where p prints;
# the typing method in the status line on a narrow terminal; the apology's long label
# shown whole, and its form's file named whole once saved from a long-named folder.
#
# Screens are compared by content: every step waits (bounded) until the pane shows
# what it should, never for a fixed time.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../tmux.sh"
setup_console_office
mc init --office 000.17.22.H56 --name "UBND xã Tân Lập" --language vi >/dev/null
q() { sqlite3 "$DB" "$1"; }
field() { mc show "$1" --format tsv | awk -F'\t' -v k="$2" '$1 == k { print $2 }'; }
login() {	# login SESSION LOGIN PASSWORD
	shows "$1" "Mật khẩu" "$1: the login screen"
	text "$1" "$2"; keys "$1" Tab; text "$1" "$3"; keys "$1" Enter
	shows "$1" "Tiếp nhận hôm nay" "$1: logged in"
}
# The forms go to a folder with a long name, so that its path is longer than a line.
forms="$T/thu-muc-luu-cac-mau-giay-to-da-in-cua-bo-phan-mot-cua-xa-tan-lap"
mkdir -p "$forms"
q "INSERT OR REPLACE INTO setting(key, value) VALUES ('paper.dir', '$forms')"
code=$(mc --user canbo intake --procedure 2.000884 --name "Nguyễn Văn An" --phone 0912345678 \
	--address "Thôn Đông")
closed=$(mc intake --procedure 2.000884 --name "Đỗ Văn Đóng")
mc event "$closed" result-ready >/dev/null
mc event "$closed" result-returned --collector "Đỗ Văn Đóng" >/dev/null

# ---- the officer: the welcome whole; her role in words; the dossier names her -------
q "UPDATE user SET failures = 3 WHERE login = 'canbo'"	# someone tried her password
console d1 80 24 TERM=xterm
login d1 canbo mat-khau-can-bo
shows d1 "Xin chào Lê Thị Cán Bộ\. Đã có 3 lần" "the welcome warns of the failed logins"
msg=$(pane d1 | tail -n 4 | head -n 3 | tr '\n' ' ' | tr -s ' ')
like "$msg" "Xin chào Lê Thị Cán Bộ\. Đã có 3 lần đăng nhập sai kể từ lần đăng nhập trước của bạn\." \
	"... in full, over two lines at 80 columns, never cut"
shows d1 "Lê Thị Cán Bộ \(cán bộ một cửa\)" "home shows the role in words, not 'officer'"
keys d1 /; text d1 "${code#*-}"
shows d1 "^ ${code#*-} Nguyễn Văn An" "the dossier found by its short code"
keys d1 Enter Enter
shows d1 "Người tiếp nhận: Lê Thị Cán Bộ;" "the dossier names who received it, not the login"
shows d1 "Tiếp nhận hồ sơ +Lê Thị Cán Bộ" "... and so does its history"
shows d1 "Phí, lệ phí: 10\.000 đồng, đã nộp 0" "the fee with its thousands grouped"

# ---- correcting the applicant's details ---------------------------------------------
keys d1 a
shows d1 "Sửa thông tin người nộp" "a opens the applicant's details"
shows d1 "Họ tên +Nguyễn Văn An" "... with the name as it is"
shows d1 "Điện thoại +0912345678" "... and the phone"
keys d1 C-u; text d1 "Nguyeenx Vawn Aan"; keys d1 Tab
text d1 "00109001234x"
shows d1 "Số định danh: ô này chỉ nhận chữ số" "the ID number takes digits only"
text d1 "5"
keys d1 Tab; keys d1 C-u; text d1 "0987 654 321"; keys d1 Tab
keys d1 C-u; keys d1 Tab; keys d1 Enter
shows d1 "Địa chỉ: ở đây chỉ sửa được thông tin, không xóa được" \
	"emptying a detail that has a value is refused in words"
keys d1 Up; text d1 "Thoon Taay"; keys d1 Tab; keys d1 Enter
shows d1 "Đã ghi: Sửa thông tin\." "the correction is saved"
shows d1 "Người nộp: Nguyễn Văn Ân" "the dossier shows the new name"
shows d1 "Sửa thông tin +Lê Thị Cán Bộ +họ tên: Nguyễn Văn Ân" "... and the history the event"
is "$(field "$code" name)|$(field "$code" idno)|$(field "$code" phone)|$(field "$code" address)" \
	"Nguyễn Văn Ân|001090012345|0987654321|Thôn Tây" "motcua show agrees, the phone normalised"
is "$(q "SELECT actor FROM dossier_event WHERE code = '$code' AND kind = 'edited'")" "canbo" \
	"one 'edited' event, the officer's"
keys d1 a; keys d1 Enter Enter Enter Enter Enter
shows d1 "Không có gì thay đổi\." "nothing changed: nothing appended"
is "$(q "SELECT count(*) FROM dossier_event WHERE code = '$code' AND kind = 'edited'")" 1 \
	"... still one 'edited' event"

# ---- the apology: its long label whole; its form shown, then saved ---------------------
keys d1 e
shows d1 "Ngày hẹn mới \(NN/TT/NNNN \[GG:PP\]\)" "the apology's label is shown whole"
keys d1 Tab; text d1 "Chowf xacs minh"; keys d1 Enter
shows d1 "Mẫu 04, chưa in: chưa đặt máy in" "after the apology, with no printer set, form 04 is shown"
keys d1 s
shows d1 "^ ?Đã lưu: .*/?000\.17\.22\.H56-${code#*-}-mau04\.(txt|pdf) *$" \
	"s saves it: the message names the form's file whole, on one line"
ok "$(ls "$forms/$code"-mau04.* >/dev/null 2>&1; echo $?)" "... in the long-named forms folder"
keys d1 q q q

# ---- a closed dossier cannot be corrected ----------------------------------------------
keys d1 /; text d1 "${closed#*-}"
shows d1 "^ ${closed#*-} " "the closed dossier"
keys d1 Enter Enter a
shows d1 "không thể sửa thông tin người nộp" "a on a closed dossier is refused with the reason"
keys d1 q q q q
shows d1 "motcua exited: 0" "the console quits"

# ---- the administrator: working days, holidays, the book's p --------------------------
console d2 80 24 TERM=xterm
login d2 admin motcua-test
keys d2 a o
shows d2 "Ngày làm việc trong tuần +Thứ 2, Thứ 3, Thứ 4, Thứ 5, Thứ 6" \
	"the working days by their names, not 1,2,3,4,5"
keys d2 q h
shows d2 "Ngày nghỉ năm 2026" "the holidays of 2026"
keys d2 a
shows d2 "Thêm ngày nghỉ hoặc ngày làm bù" "a asks for one day"
text d2 "24/11/2026"; keys d2 Tab; text d2 "Ngayf Vawn hoas Vieetj Nam"; keys d2 Tab
keys d2 C-u; text d2 "3"; keys d2 Tab Enter
shows d2 "Loại: gõ 1 cho ngày nghỉ, 2 cho ngày làm bù" "a kind that is neither is refused"
keys d2 Up C-u; text d2 "1"; keys d2 Tab C-u; text d2 "c"; keys d2 Enter
shows d2 "Ngày 24/11/2026 nay là ngày nghỉ: Ngày Văn hoá Việt Nam" "the day is added, its name typed in Telex"
shows d2 "24/11/2026 Thứ Ba +ngày nghỉ +Ngày Văn hoá Việt Nam +dự kiến" "... listed, provisional, selected"
like "$(mc holiday list 2026 --format tsv)" "2026-11-24.Ngày Văn hoá Việt Nam" \
	"motcua holiday list has it"
is "$(q "SELECT count(*) FROM audit WHERE action = 'holiday-add' AND actor = 'admin'")" 1 \
	"the addition is audited"
keys d2 x
shows d2 "Bỏ ngày 24/11/2026 \(Ngày Văn hoá Việt Nam, ngày nghỉ\)" "the question names the day"
keys d2 Enter
shows d2 "Ngày 24/11/2026 đã được bỏ khỏi bảng ngày nghỉ" "the day is removed"
is "$(q "SELECT count(*) FROM holiday WHERE day = '2026-11-24'")" 0 "... from the table"
is "$(q "SELECT count(*) FROM audit WHERE action = 'holiday-remove'")" 1 "... audited"
keys d2 q q b b
shows d2 "Sổ theo dõi hồ sơ \(Mẫu 06\)" "the book's days"
keys d2 Enter Enter
shows d2 "Dòng 1-" "the book"
unlike "$(pane d2)" "p in sổ" "without a printer, the hint line does not offer p"
keys d2 p
shows d2 "Chưa chọn máy in" "p says why it cannot print"
q "INSERT OR REPLACE INTO setting(key, value) VALUES ('printer', 'Quay_1')"
keys d2 C-l
shows d2 "p in sổ theo dõi hồ sơ" "with a printer set, the hint line offers p"
keys d2 q m Enter Enter
shows d2 "Tỷ lệ đúng hạn theo tháng" "a chart"
unlike "$(pane d2)" "p in sổ" "... whose hint line never offers p"
keys d2 q q q q
shows d2 "motcua exited: 0" "the console quits"

# ---- 60x20: the typing method in the status line ---------------------------------------
q "UPDATE user SET input_mode = 'vni' WHERE login = 'canbo'"	# as Ctrl-T left it last time
console d3 60 20 TERM=xterm
login d3 canbo mat-khau-can-bo
shows d3 "Gõ: VNI" "at 60 columns the status line names the typing method a user brings"
keys d3 C-t
shows d3 "Gõ: tắt" "Ctrl-T: off, shown at once"
keys d3 C-t
shows d3 "Gõ: Telex" "... then Telex"
keys d3 q q
shows d3 "motcua exited: 0" "the console quits"

done_testing
