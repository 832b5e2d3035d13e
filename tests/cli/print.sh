# print.sh -- motcua print (the forms as text to a file, unaccented; tests/cli/paper.sh
# has the PDF, the sets and the date line), motcua report (book,
# ontime, overdue, fees in TSV and JSON) and motcua export (XLSX, CSV).
. "$(dirname "$0")/../lib.sh"
setup_office
export MOTCUA_NOW='2026-10-12 09:00'	# a Monday with no holiday near

c1=$(mc intake --procedure 1.004873 --name "Nguyễn Văn Ân" --phone 0912345678 \
	--address "Thôn Đông, xã Tân Lập" --sets 2 --documents all)
ok $? "intake"
c2=$(mc intake --procedure 1.001193 --name "Trần Thị Bình" --phone 0987654321)
c3=$(mc intake --procedure 1.004873 --name "Lê Văn Cường")

# Mẫu 01 to a file
mc print "$c1" --output "$T/r.txt"
ok $? "print a receipt to a file"
r=$(cat "$T/r.txt")
like "$r" "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" "the national header"
like "$r" "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" "the receipt's title"
like "$r" "Mã hồ sơ: $c1" "the code"
like "$r" "Tiếp nhận hồ sơ của: Nguyễn Văn Ân" "the applicant"
like "$r" "Tờ khai cấp Giấy xác nhận tình trạng hôn" "the documents handed in"
like "$r" "Số lượng hồ sơ: 2" "the number of sets"
like "$r" "09 giờ 00 phút, ngày 12/10/2026" "the time received"
like "$r" "17 giờ 00 phút, ngày 15/10/2026" "the appointment: 3 working days"
like "$r" "Quyển số: 2026, Số thứ tự: 1" "the book number"
is "$(python3 -c 'import sys; print(max(len(l) for l in open(sys.argv[1], encoding="utf-8").read().split("\n")) <= 80)' "$T/r.txt")" True \
	"no line is wider than 80 columns"
is "$(mc print "$c1")" "$r" "without --output the form goes to standard output"

mc print "$c1" --ascii --output "$T/p.txt"
ok $? "an unaccented receipt"
is "$(LC_ALL=C grep -c '[^ -~]' "$T/p.txt")" 0 "--ascii has no byte outside ASCII"
like "$(cat "$T/p.txt")" "Nguyen Van An" "... and the name unaccented"
like "$(cat "$T/p.txt")" "CONG HOA XA HOI CHU NGHIA VIET NAM" "... and the header"

# To a printer: a stand-in lp records its arguments and what it was given
mkdir "$T/bin"
printf '#!/bin/sh\necho "$*" > "%s/lp.args"\nfor f; do :; done\ncat "$f" > "%s/lp.out"\n' "$T" "$T" > "$T/bin/lp"
chmod +x "$T/bin/lp"
PATH="$T/bin:$PATH" mc print "$c1" --printer Quay_1 --ascii
ok $? "print to a (line) printer through lp"
like "$(cat "$T/lp.args")" "^-s -d Quay_1 -- /" "... lp -d gets the printer's name and the form's file"
is "$(cat "$T/lp.out")" "$(cat "$T/p.txt")" "... and the form"
printf '#!/bin/sh\ncat >/dev/null\nexit 1\n' > "$T/bin/lp"
is "$(PATH="$T/bin:$PATH" status mc print "$c1" --printer Quay_1)" 1 "a failing lp is reported"

# Forms that need an event
is "$(status mc print "$c1" --form 04)" 1 "no apology before an extension"
is "$(status mc print "$c1" --form 03)" 1 "no refusal form for a dossier that was not refused"
like "$(mc print "$c1" --form 03 2>&1)" "$c1" "... naming the dossier"
is "$(status mc print "$c1" --form 09)" 2 "form 09 is bad usage"
is "$(status mc print 261012-9999)" 1 "an unknown code is refused"
is "$(status mc print "$c1" --printer 'x;rm -rf')" 2 "a printer name with shell characters is refused"

export MOTCUA_NOW='2026-10-14 10:00'
mc event "$c1" extended --due 2026-10-22 --reason "Chờ xác minh" >/dev/null
ok $? "extend with an apology"
a=$(mc print "$c1" --form 04)
like "$a" "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ" "Mẫu 04"
like "$a" "15/10/2026" "... shows the old date"
like "$a" "22/10/2026" "... and the new date"
like "$a" "Chờ xác minh" "... and the reason"
mc event "$c3" supplement-requested --items "Bản sao CCCD" --reason "Thiếu giấy tờ" >/dev/null
like "$(mc print "$c3" --form 02)" "Bản sao CCCD" "Mẫu 02 lists the items to add"
mc event "$c1" transferred --to "Phòng Tư pháp huyện" >/dev/null
like "$(mc print "$c1" --form 05)" "Phòng Tư pháp huyện" "Mẫu 05 has a row for the hand-over"

# Reports
export MOTCUA_NOW='2026-10-20 10:00'
mc event "$c2" result-ready --at '2026-10-12 14:00' >/dev/null
mc event "$c2" fee-paid --amount 8000 --at '2026-10-12 14:30' >/dev/null
MOTCUA_NOW='2026-10-21 10:00' mc event "$c1" result-ready --at '2026-10-21 09:00' >/dev/null
ok $? "results ready"
book=$(mc report book --from 2026-10-12 --to 2026-10-12 --format tsv)
ok $? "the tracking book as TSV"
is "$(printf '%s\n' "$book" | head -1 | cut -f1-3)" "$(printf 'no\tcode\tprocedure')" "... with its header"
is "$(printf '%s\n' "$book" | awk -F'\t' 'NR > 1 { print $1 ":" $2 }' | tr '\n' ' ')" \
	"1:$c1 2:$c2 3:$c3 " "... one numbered row per dossier in order of receipt"
mc report book --from 2026-10-12 --to 2026-10-12 --format json | python3 -c '
import json, sys
rows = json.load(sys.stdin)
assert len(rows) == 3 and rows[0]["name"] == "Nguyễn Văn Ân", rows'
ok $? "the tracking book as JSON parses"
is "$(status mc report book)" 2 "the book needs --from and --to"
# One numbering for the book and the receipt: a dossier received earlier in the year
# (entered late) comes first in the year's book, on both.
c0=$(mc intake --procedure 1.004873 --name "Mai Văn Sớm" --received '2026-10-01 10:00')
mc event "$c0" withdrawn --reason 'Rút hồ sơ' --at '2026-10-01 15:00' >/dev/null
book=$(mc report book --from 2026-10-12 --to 2026-10-12 --format tsv)
is "$(printf '%s\n' "$book" | awk -F'\t' 'NR > 1 { print $1 ":" $2 }' | tr '\n' ' ')" \
	"2:$c1 3:$c2 4:$c3 " "a book that starts mid-year goes on from the rows before it"
like "$(mc print "$c2")" "Quyển số: 2026, Số thứ tự: 3" "... and the receipt gives the same row"
like "$(mc print "$c0")" "Quyển số: 2026, Số thứ tự: 1" "... the first of the year is row 1 on both"
is "$(mc report book --from 2026-10-01 --to 2026-10-01 --format tsv | awk -F'\t' 'NR == 2 { print $1 }')" 1 \
	"... (the book of its day)"

MOTCUA_NOW='2026-10-23 10:00' mc report ontime --format json | python3 -c '
import json, sys
rows = {r["key"]: r for r in json.load(sys.stdin)}
assert str(rows["2026-10"]["finished"]) == "2" and str(rows["2026-10"]["late"]) == "0", rows'
ok $? "on-time rate by month as JSON"
t=$(MOTCUA_NOW='2026-10-23 10:00' mc report ontime --by procedure)
like "$t" "1.001193" "on-time by procedure names the procedure"
like "$t" "100.0%" "... and draws its bar"
is "$(printf '%s\n' "$t" | sed -n '/^On time/,$p' | python3 -c 'import sys; print(max(len(l) for l in sys.stdin.read().split("\n")) <= 80)')" True \
	"the chart fits 80 columns"
is "$(MOTCUA_NOW='2026-10-23 10:00' mc report overdue --format tsv | awk -F'\t' 'NR > 1 { print $1 }')" "" \
	"nothing overdue while c3 waits for its supplement"
is "$(mc report fees --format tsv | awk -F'\t' '$1 == "2026-10-12" { print $3 }')" 8000 "fees per day"
is "$(status mc report nonsense)" 2 "an unknown report is bad usage"

# Export
mc export book --from 2026-10-01 --to 2026-10-31 --xlsx "$T/book.xlsx"
ok $? "export the book to XLSX"
python3 -c '
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
assert "xl/worksheets/sheet1.xml" in z.namelist()
s = "".join(z.read(n).decode() for n in z.namelist() if n.endswith(".xml"))
assert "Nguyễn Văn Ân" in s and "address_phone" in s' "$T/book.xlsx"
ok $? "... a zip with xl/worksheets/sheet1.xml and the names"
mc export fees --csv "$T/fees.csv"
ok $? "export fees to CSV"
is "$(head -c 3 "$T/fees.csv" | od -An -tx1 | tr -d ' \n')" "efbbbf" \
	"... starting with the UTF-8 byte-order mark (Excel on Windows reads Vietnamese)"
is "$(head -1 "$T/fees.csv" | tail -c +4 | tr -d '\r')" "day,payments,amount" "... then its header"
is "$(status mc export fees)" 2 "export needs --xlsx or --csv"
mc export ontime --by procedure --xlsx "$T/ontime.xlsx"
ok $? "export on-time rates to XLSX"
python3 -c '
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
s = z.read("xl/worksheets/sheet1.xml").decode()
assert "1.001193" in s' "$T/ontime.xlsx"
ok $? "... with the procedures in sheet1"
mc export book --from 2026-10-12 --to 2026-10-12 --csv "$T/book.csv"
is "$(python3 -c '
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
print(len(rows), rows[0]["code"], rows[0]["name"])' "$T/book.csv")" "3 $c1 Nguyễn Văn Ân" "the book as CSV parses, one row per dossier"

done_testing
