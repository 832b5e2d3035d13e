# console-layout.sh -- every screen of the console at 60x20, 80x24 and 132x43, in
# Vietnamese (the longer words): the console's layout check ($MOTCUA_CONSOLE_CHECK)
# must report no text drawn over another and no label, heading, hint or message cut
# short (and does report them on a terminal narrower than the console is made for),
# the login's wait and lock-out, the province link's lines on the home screen, the
# documents checklist, the forms shown on screen when no printer is set and the
# catalogue's administration included;
# the list's columns (Trạng thái, Hẹn trả) appear whole at every size, codes without
# the office's part, the name gets the room the width gives, and the due column says
# how late an overdue dossier is, or the year of a date in another year.
#
# Screens are compared by content: every step waits (bounded) until the pane shows
# what it should, never for a fixed time.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../tmux.sh"
setup_console_office
mc init --office 000.17.22.H56 --name "UBND xã Tân Lập" --language vi >/dev/null
q() { sqlite3 "$DB" "$1"; }

# A dossier a year late, one a few days late, today's with long names and an address,
# SMS notices and an answered question, events for the timeline.
old=$(mc intake --procedure 1.004873 --name "Trần Thị Bình" --phone 0912345678 --received '2025-10-06 09:00')
week=$(mc intake --procedure 1.004873 --name "Nguyễn Thị Phương Thảo Hoàng Long" --received '2026-10-05 09:00')
long="Tôn Nữ Hoàng Thị Minh Nguyệt Phương Thảo Khánh Linh"
today=$(mc intake --procedure 1.000894 --name "$long" --phone 0987654321 --sms yes \
	--address "Thôn Đông, xã Tân Lập, tỉnh Khánh Hòa" --email "nguyet@example.vn")
mc --user canbo intake --procedure 1.001193 --name "Lò Văn Kết" --phone 0977000111 --sms yes >/dev/null
mc event "$today" supplement-requested --items "Bản sao CCCD có chứng thực của người nộp hồ sơ" \
	--reason "Thiếu giấy tờ theo quy định của thủ tục" >/dev/null
mc event "$today" supplement-received >/dev/null
mc event "$today" fee-paid --amount 250000 >/dev/null
mc event "$today" note --note "Công dân hẹn quay lại vào buổi chiều để nộp thêm giấy tờ" >/dev/null
closed=$(mc intake --procedure 2.000884 --name "Đỗ Văn Đóng" --received '2025-03-03 09:00')
MOTCUA_NOW='2025-03-03 10:00' mc event "$closed" result-ready >/dev/null
MOTCUA_NOW='2025-03-03 11:00' mc event "$closed" result-returned --collector "Đỗ Văn Đóng" >/dev/null
q "INSERT INTO sms_in(modem, number, smsc_time, received_at, body, status) VALUES ('modem1', '+84912345678', '2026-10-12T01:04:00Z', '2026-10-12 08:04:00', 'HS ${old#*-}', 'answered')"
q "INSERT INTO modem_health(modem, updated_at, state, signal, operator, balance, sent_today, failed_today) VALUES ('modem1', '2026-10-12 08:59:00', 'ok', 71, 'Viettel', 'TKC 12.000d', 1, 0)"
q "INSERT OR REPLACE INTO setting(key, value) VALUES ('login.lock_after', '4')"
# The province link as motcua-sync left it after a failed run (home's lines).
q "INSERT OR REPLACE INTO setting(key, value) VALUES ('sync.hub', 'https://hub.tinh.example.vn'),
	('sync.last', '2026-10-12 08:30'),
	('sync.error', 'hub answered 503 Service Unavailable (the province''s server is restarting)')"
ok 0 "a store with dossiers late by a year and by days, long names, SMS and events"

# visit SESSION COLS ROWS: log in and open every screen, each form and question.
visit() {
	s=$1
	rm -f "$T/check-$s"
	console "$s" "$2" "$3" TERM=xterm MOTCUA_CONSOLE_CHECK="$T/check-$s"
	shows "$s" "Mật khẩu" "$s: the login screen"
	# The login's wait counted down, then an account locked.
	q "UPDATE user SET failures = 3, failed_at = CAST(strftime('%s', 'now') AS INTEGER) WHERE login = 'canbo'"
	text "$s" "canbo"; keys "$s" Tab; text "$s" "mat-khau-can-bo"; keys "$s" Enter
	shows "$s" "Sai quá nhiều lần: hãy chờ [0-9]+ giây" "$s: the wait after failed logins"
	shows "$s" "Chờ hết thời gian" "$s: ... and what to do in the message line"
	q "UPDATE user SET failures = 4 WHERE login = 'canbo'"
	shows "$s" "Tab: ô tiếp theo" "$s: the wait over"
	text "$s" "mat-khau-can-bo"; keys "$s" Enter
	shows "$s" "Tài khoản bị khóa" "$s: a locked account"
	keys "$s" Up C-u; text "$s" "admin"; keys "$s" Tab; text "$s" "motcua-test"; keys "$s" Enter
	shows "$s" "Tiếp nhận hôm nay" "$s: home"
	shows "$s" "Đồng bộ với tỉnh" "$s: home: the province link's line, at every size"
	[ "$3" -ge 43 ] && shows "$s" "503" "$s: home: the province link's problem, given room"
	keys "$s" '?'
	shows "$s" "Trợ giúp: Trang chủ|Trợ giúp" "$s: help over home"
	keys "$s" q
	# The lists.
	keys "$s" /; keys "$s" Tab
	shows "$s" "Hẹn trả" "$s: the list of all dossiers"
	pane "$s" > "$T/list-$s"
	keys "$s" p
	shows "$s" "Chỉ một thủ tục" "$s: the procedure question"
	keys "$s" Escape
	keys "$s" u
	shows "$s" "Chỉ hồ sơ của một cán bộ" "$s: the officer question"
	keys "$s" Escape
	keys "$s" o
	shows "$s" "Lọc: Quá hạn" "$s: the overdue list"
	keys "$s" a
	# The dossier of today, its forms.
	keys "$s" /; text "$s" "${today#*-}"
	shows "$s" "^ ${today#*-} " "$s: the dossier found by its code"
	keys "$s" Enter Enter
	shows "$s" "Quá trình xử lý" "$s: a dossier"
	shows "$s" "[0-9][0-9]/[0-9][0-9]/2026 +Ghi chú +" \
		"$s: its newest event's first line in view, however long its details"
	shows "$s" "^ +Người tiếp nhận: " "$s: who received it"
	for k in h s e p w g f a; do
		keys "$s" "$k"
		shows "$s" "Esc" "$s: the dossier's form on $k"
		keys "$s" Escape
		gone "$s" "┌" "$s: ... closed"
	done
	keys "$s" f Enter
	shows "$s" "Mẫu 01, chưa in" "$s: a form shown (no printer is set)"
	if [ "$2" -lt 70 ]; then	# much narrower than the paper: Right moves along it
		gone "$s" "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" "$s: ... the national motto cut at first"
		keys "$s" Right Right Right
		shows "$s" "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM *$" "$s: ... whole after Right"
		keys "$s" Left Left Left
	fi
	keys "$s" s
	shows "$s" "Đã lưu: " "$s: ... saved from there"
	keys "$s" q
	shows "$s" "Quá trình xử lý" "$s: ... closed"
	keys "$s" q q
	# Intake: the picker, the form, a linked group.
	keys "$s" n
	shows "$s" "Tiếp nhận hồ sơ" "$s: intake"
	text "$s" "khai sinh"
	shows "$s" "1\.001193" "$s: the picker"
	keys "$s" Enter
	shows "$s" "Lưu: F10" "$s: the intake form"
	shows "$s" "\[ \] Ưu tiên" "$s: ... the priority box's label whole (short when narrow)"
	shows "$s" "\[ \] Thủ tục liên thông: (tiếp nhận|nhận) cả nhóm" "$s: ... the linked group's label whole"
	keys "$s" Tab Tab Tab Tab Tab Tab Space
	shows "$s" "\[x\] " "$s: the linked group"
	keys "$s" Tab Space Right
	shows "$s" "\[x\] bản sao: " "$s: a document ticked, its form changed with Right"
	keys "$s" Up Up Up Up Up Up Up; text "$s" "Phamj Thij Dung"
	keys "$s" F10 F10
	shows "$s" "Mẫu 01, chưa in" "$s: saved: the receipts shown (no printer is set)"
	keys "$s" NPage NPage
	keys "$s" s
	shows "$s" "Đã lưu 2 " "$s: ... saved from there"
	keys "$s" q
	shows "$s" "Đã tiếp nhận hồ sơ" "$s: the codes shown"
	keys "$s" q
	# Reports.
	keys "$s" b
	shows "$s" "Sổ theo dõi" "$s: the reports' menu"
	for k in b m t f; do
		keys "$s" "$k"
		shows "$s" "Esc" "$s: the days of report $k"
		keys "$s" Enter Enter
		gone "$s" "┌" "$s: report $k"
		keys "$s" x
		shows "$s" "XLSX" "$s: the save question of report $k"
		keys "$s" Escape
		keys "$s" q
	done
	keys "$s" o
	shows "$s" "quá hạn|Quá hạn" "$s: the overdue report"
	keys "$s" q q
	# The SMS centre and the reminders.
	keys "$s" s
	shows "$s" "Modem modem1" "$s: the SMS centre"
	keys "$s" Enter
	shows "$s" "┌" "$s: a message whole"
	keys "$s" Enter i
	shows "$s" "HS " "$s: the inbox"
	keys "$s" Enter
	shows "$s" "┌" "$s: a received message whole"
	keys "$s" Enter m
	shows "$s" "Xem trước: F10" "$s: reminders"
	keys "$s" F10
	shows "$s" "Chưa đưa tin nào" "$s: the preview"
	keys "$s" Escape Left
	shows "$s" "Chiến dịch" "$s: a campaign's fields"
	keys "$s" Escape
	shows "$s" "Modem modem1" "$s: back in the SMS centre"
	keys "$s" q
	# Administration.
	keys "$s" a
	shows "$s" "Người dùng" "$s: administration"
	keys "$s" i
	shows "$s" "CSV" "$s: the catalogue import question"
	keys "$s" Escape u
	shows "$s" "canbo" "$s: the users"
	keys "$s" a
	shows "$s" "Thêm người dùng" "$s: the new user form"
	keys "$s" Escape p
	shows "$s" "Mật khẩu" "$s: the password form"
	keys "$s" Escape q h
	shows "$s" "2026" "$s: the holidays"
	keys "$s" a
	shows "$s" "Esc" "$s: the new holiday form"
	keys "$s" Escape x
	shows "$s" "Esc" "$s: the removal question"
	keys "$s" Escape q c
	shows "$s" "Danh mục: [0-9]+ thủ tục" "$s: the catalogue's values to verify"
	keys "$s" t
	shows "$s" "Xác nhận thời hạn" "$s: the time's form"
	keys "$s" Escape f
	shows "$s" "Xác nhận lệ phí" "$s: the fee's form"
	keys "$s" Escape a
	shows "$s" " \.\.\. " "$s: every procedure (the confirmed ones too)"
	keys "$s" q o
	shows "$s" "Ngày làm việc" "$s: the settings"
	keys "$s" Enter
	shows "$s" "Esc" "$s: a setting's form"
	keys "$s" Escape q q
	shows "$s" "Tiếp nhận hôm nay" "$s: home again"
	keys "$s" q q
	shows "$s" "motcua exited: 0" "$s: the console quits"
	ok "$([ -f "$T/check-$s" ]; echo $?)" "$s: the layout check ran"
	is "$(cat "$T/check-$s" 2>/dev/null)" "" \
		"$s ($2x$3): no text drawn over another, no label or message cut short"
	# The list: its headings whole, short codes, the due column.
	list=$(cat "$T/list-$s")
	like "$(printf '%s\n' "$list" | grep '^ Mã ')" " Trạng thái +Hẹn trả *$" \
		"$s: the list's headings Trạng thái and Hẹn trả are whole"
	like "$list" "^!${old#*-} Trần Thị Bình .* quá hạn [0-9]+ ngày *$" \
		"$s: a dossier a year late says so, in working days"
	like "$list" "^!${week#*-} .* quá hạn 2 ngày *$" "$s: ... and one due on Thursday, 2 days"
	like "$list" "^ ${closed#*-} Đỗ Văn Đóng .* 03/03/2025 *$" "$s: a date of another year has its year"
	like "$list" "^ ${today#*-} .* [0-9]{2}:[0-9]{2} 1[0-9]/10(/2026)? *$" \
		"$s: this year's date: time, day and month"
}

for size in ${LAYOUT_SIZES:-60x20 80x24 132x43}; do
	visit "l${size%x*}" "${size%x*}" "${size#*x}"
done
# The name gets the room: more of it at 132 columns than at 80.
if [ -z "${LAYOUT_SIZES:-}" ]; then
	like "$(cat "$T/list-l60")" "^ ${today#*-} Tôn Nữ Hoàng" "at 60 columns, a name shows its first words"
	like "$(cat "$T/list-l80")" "^ ${today#*-} Tôn Nữ Hoàng Thị Minh Nguy" "at 80 columns, more of it"
	like "$(cat "$T/list-l132")" "^ ${today#*-} Tôn Nữ Hoàng Thị Minh Nguyệt Phương Thảo" \
		"at 132 columns, more again"
fi

# Below the size the console is made for, the check does report what it cuts.
console l45 45 14 TERM=xterm MOTCUA_CONSOLE_CHECK="$T/check-l45"
shows l45 "Mật khẩu" "45x14: the login screen"
text l45 "admin"; keys l45 Tab; text l45 "motcua-test"; keys l45 Enter
shows l45 "Tiếp nhận hôm nay" "45x14: home"
keys l45 /; keys l45 Tab
shows l45 "Mã" "45x14: the list"
keys l45 q q q
shows l45 "motcua exited: 0" "45x14: the console quits"
like "$(cat "$T/check-l45")" "search: \"Hẹn trả\" is cut short" \
	"at 45 columns, the check reports the heading it had to cut"

done_testing
