# paper.sh -- the forms as an office files them: A4 PDF in the format of Nghị định
# 30/2020 (read back with pdftotext, looked at with pdftoppm), the receipt's QR code,
# the place and date line, signatures with full names, the stop notice, the two sets
# of forms (paper.set), templates from data/ (and a mistake in one), lp with a PDF.
. "$(dirname "$0")/../lib.sh"
setup_office
export MOTCUA_NOW='2026-10-12 09:00'	# a Monday with no holiday near
setting() { sqlite3 "$DB" "INSERT OR REPLACE INTO setting(key, value) VALUES ('$1', '$2')"; }
echo "mat-khau-can-bo" | mc user add canbo --role officer --full-name "Lê Thị Cán Bộ" >/dev/null
setting office.place "Tân Lập"

c1=$(mc --user canbo intake --procedure 1.004873 --name "Nguyễn Văn Ân" --phone 0912345678 \
	--documents 1,2:certified)
r=$(mc print "$c1")
like "$r" "Tân Lập, ngày 12 tháng 10 năm 2026" "the date line names the place"
like "$r" "Lê Thị Cán Bộ" "the receipt is signed with the official's full name"
unlike "$r" "canbo" "... never the login"

# Leading zeros: days under 10, months 1 and 2; not the other months
c2=$(MOTCUA_NOW='2026-01-05 10:00' mc intake --procedure 1.001193 --name "Trần Thị Bình")
like "$(mc print "$c2")" "Tân Lập, ngày 05 tháng 01 năm 2026" "5 January: ngày 05 tháng 01"
c3=$(MOTCUA_NOW='2026-03-02 10:00' mc intake --procedure 1.001193 --name "Lê Văn Cường")
like "$(mc print "$c3")" "Tân Lập, ngày 02 tháng 3 năm 2026" "2 March: ngày 02 tháng 3"
# From the command line the official is the OS account: its user's name, or a line to sign
unlike "$(mc print "$c2")" "system:" "an intake from the command line is not signed 'system:...'"
me=$(id -un)
echo "mat-khau-quan-tri" | mc user add "$me" --role admin --full-name "Đặng Văn Hệ" >/dev/null 2>&1
like "$(mc print "$c2")" "Đặng Văn Hệ" "... it is signed by the user named as the OS account, when there is one"

# ---- the PDF ---------------------------------------------------------------------
mc print "$c1" --pdf "$T/r.pdf"
ok $? "print --pdf writes the receipt as a PDF"
is "$(head -c 5 "$T/r.pdf")" "%PDF-" "... a PDF file"
info=$(pdfinfo "$T/r.pdf")
like "$info" "Page size: +595\.[0-9]+ x 841\.[0-9]+ pts \(A4\)" "... on A4"
like "$info" "Pages: +1$" "... one page"
like "$info" "Title: +Giấy tiếp nhận hồ sơ và hẹn trả kết quả" "... titled after the form"
like "$(pdffonts "$T/r.pdf")" "LiberationSerif|TimesNewRoman" "... in Times New Roman or Liberation Serif, embedded"
txt=$(pdftotext -enc UTF-8 "$T/r.pdf" -)
like "$txt" "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" "pdftotext reads the national name"
like "$txt" "Độc lập - Tự do - Hạnh phúc" "... the motto"
like "$txt" "UBND XÃ TÂN LẬP" "... the issuing body in capitals"
like "$txt" "Tân Lập, ngày 12 tháng 10 năm 2026" "... the place and date"
like "$txt" "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" "... the title"
like "$txt" "Mã hồ sơ: $c1" "... the code"
like "$txt" "Nguyễn Văn Ân" "... the applicant"
like "$txt" "Bản sao chứng thực" "... the documents handed in"
like "$txt" "Lê Thị Cán Bộ" "... the official's name"
like "$txt" "Mẫu số 01, Thông tư số 01/2018/TT-VPCP" "... and the basis in its footer"
is "$(mc print "$c1" --pdf - | head -c 5)" "%PDF-" "--pdf - writes the PDF to standard output"

# Look at the page: the QR code sits at the right margin under the title.  The strip
# 24 mm wide along the right margin, 40 to 110 mm from the top, is dark in places on
# the receipt (the code's modules) and nearly white on a form without a QR code.
mc event "$c1" supplement-requested --reason "Thiếu giấy tờ tùy thân" >/dev/null
mc print "$c1" --form supplement --pdf "$T/s.pdf"
dark() {	# dark PDF: the share of dark pixels in the strip, in percent
	pdftoppm -r 72 -gray -f 1 -l 1 "$1" "$T/page" && python3 - "$T"/page*.pgm <<'EOF'
import sys
data = open(sys.argv[1], "rb").read()
parts = data.split(maxsplit=4)          # P5 width height maxval pixels
w, h = int(parts[1]), int(parts[2])
px = parts[4][-w * h:]
mm = 72 / 25.4
x0, x1, y0, y1 = int((210 - 15 - 24) * mm), int((210 - 15) * mm), int(40 * mm), int(110 * mm)
n = sum(1 for y in range(y0, y1) for x in range(x0, x1) if px[y * w + x] < 128)
print(round(100 * n / ((x1 - x0) * (y1 - y0))))
EOF
	rm -f "$T"/page*.pgm
}
rd=$(dark "$T/r.pdf")
sd=$(dark "$T/s.pdf")
pdftoppm -r 72 -gray -f 1 -l 1 "$T/r.pdf" "$T/size"
like "$(head -c 64 "$T"/size*.pgm | tr "\n" " " | cut -d" " -f2-3)" "^59[56] 842$" "pdftoppm: the page is A4 (210 x 297 mm: 595 x 842 points)"
ok "$([ "$rd" -ge 10 ]; echo $?)" "the receipt's QR region is not empty ($rd% dark)"
ok "$([ "$rd" -ge $((sd + 8)) ]; echo $?)" \
	"... much darker than the same region of a form without a QR code, where only text may reach ($sd% dark)"

# A long table goes on to the next pages: numbered at the top, its heading repeated.
c4=$(mc intake --procedure 1.004873 --name "Vũ Văn Giao")
for i in $(seq 1 15); do
	mc event "$c4" transferred --to "Phòng chuyên môn số $i của Ủy ban nhân dân" >/dev/null &&
		mc event "$c4" returned-to-office >/dev/null || break
done
mc print "$c4" --form control --pdf "$T/c.pdf"
like "$(pdfinfo "$T/c.pdf")" "Pages: +[2-9]$" "a control slip of 31 hand-overs takes more than one page"
p2=$(pdftotext -enc UTF-8 -f 2 -l 2 "$T/c.pdf" -)
like "$p2" "Bên giao" "... the table's heading is repeated on the next page"
is "$(printf '%s\n' "$p2" | grep -m1 -v '^$')" 2 "... which is numbered at the top"

# ---- the stop notice, and the numbers of a set ------------------------------------
is "$(status mc print "$c3" --form stop)" 1 "no stop notice for a dossier that was not stopped"
mc event "$c3" stopped --reason "Công dân không bổ sung hồ sơ đúng hạn" >/dev/null
s=$(mc print "$c3" --form 07)
like "$s" "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ" "the 2018 set: 07 is the notice of stopping"
like "$s" "Công dân không bổ sung hồ sơ đúng hạn" "... with the reason"
is "$(mc print "$c3" --form stop)" "$s" "... also asked for by its kind"
is "$(status mc print "$c3" --form 06)" 2 "the 2018 set has no form 06 (the book is a report)"
like "$(mc print "$c3" --form 06 2>&1)" "01 .*, 07 " "... and the error lists the set's forms"
setting paper.set 2025
like "$(mc print "$c3" --form 05)" "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ" "the 2025 set: 05 is the notice of stopping"
like "$(mc print "$c3" --form 05)" "Thông tư số 03/2025/TT-VPCP" "... and its basis names the 2025 circular"
like "$(mc print "$c1" --form 06)" "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" "... 06 the control slip"
mc event "$c2" extended --due 2026-10-30 --reason "Chờ xác minh" --at '2026-10-12 09:00' >/dev/null
like "$(mc print "$c2" --form 04)" "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN" "... 04 the apology under its new name"
setting paper.set 2018
like "$(mc print "$c2" --form 04)" "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ" "back to 2018: the old name"

# ---- printers --------------------------------------------------------------------
mkdir "$T/bin"
printf '#!/bin/sh\necho "$*" > "%s/lp.args"\nfor f; do :; done\ncat "$f" > "%s/lp.out"\n' "$T" "$T" > "$T/bin/lp"
chmod +x "$T/bin/lp"
PATH="$T/bin:$PATH" mc print "$c1" --printer Quay_1
ok $? "print --printer"
is "$(head -c 5 "$T/lp.out")" "%PDF-" "... CUPS gets the PDF"
PATH="$T/bin:$PATH" mc print "$c1" --printer Quay_1 --plain
like "$(cat "$T/lp.out")" "GIẤY TIẾP NHẬN" "--plain: a line printer gets the text"
is "$(status mc print "$c1" --pdf "$T/x.pdf" --plain)" 2 "--pdf with --plain is bad usage"
is "$(status mc print "$c1" --pdf "$T/x.pdf" --printer Quay_1)" 2 "--pdf with --printer is bad usage"

# ---- templates: the office's own folder, and a mistake in one ---------------------
mkdir -p "$T/forms/2018"
cp "$MOTCUA_DATADIR"/data/forms/2018/*.txt "$T/forms/2018/"
setting paper.templates "$T/forms"
sed -i 's/^@heading$/@heading\n@center Bản của xã/' "$T/forms/2018/01.txt"
like "$(mc print "$c1")" "Bản của xã" "setting paper.templates: the office's own templates"
printf '@nonsense here\n' >> "$T/forms/2018/01.txt"
out=$(mc print "$c1" 2>&1)
is $? 1 "a template with a mistake is refused"
like "$out" "01\.txt, (line|dòng) [0-9]+: .*@nonsense" "... naming the file, the line and the mistake"
is "$(status mc print "$c1" --pdf "$T/bad.pdf")" 1 "... for the PDF too"
ok "$([ ! -e "$T/bad.pdf" ]; echo $?)" "... which is not written"

done_testing
