# console-report.sh -- the console's tracking book and reports, driven in tmux: the
# menu; on-time rates by month and by procedure as bar charts whose bars and numbers
# match `motcua report ontime --format tsv`; a resize while a chart is shown; dates
# refused when they are not dates or run backwards; the overdue list; fees per day;
# the book read page by page (numbered across days, End counts it), a dossier opened
# from it; saving each view to XLSX and CSV (a zip with the sheet; a CSV starting
# with the UTF-8 byte-order mark), an existing file replaced only when asked again, a
# missing folder and a full disk refused in words; printing the book through lp; and
# a C-locale vt100 drawing its bars with '#'.
#
# Screens are compared by content: every step waits (bounded) until the pane shows
# what it should, never for a fixed time.
. "$(dirname "$0")/../lib.sh"

. "$(dirname "$0")/../tmux.sh"
setup_office
mc init --office 000.17.22.H56 --name "UBND xã Tân Lập" --language en >/dev/null

# September: one dossier, finished on time.  October (Monday 12th): c1 early, c2 on
# time with a fee, c3 late, c4 never finished (overdue); then 60 dossiers on the 13th.
export MOTCUA_NOW='2026-09-25 16:00'
c0=$(mc intake --procedure 1.001193 --name "Đỗ Văn Phúc" --received '2026-09-21 09:00')
mc event "$c0" result-ready --at '2026-09-21 15:00' >/dev/null
export MOTCUA_NOW='2026-10-12 09:00'
c1=$(mc intake --procedure 1.004873 --name "Nguyễn Văn Ân" --phone 0912345678 --address "Thôn Đông")
c2=$(mc intake --procedure 1.001193 --name "Trần Thị Bình")
c3=$(mc intake --procedure 1.004873 --name "Lê Văn Cường")
c4=$(mc intake --procedure 2.000884 --name "Phạm Thị Dung")
export MOTCUA_NOW='2026-10-13 10:00'
i=0
while [ $i -lt 60 ]; do
	mc intake --procedure 1.004222 --name "Hoàng Văn Số $i" >/dev/null || exit 1
	i=$((i + 1))
done
export MOTCUA_NOW='2026-10-20 10:00'
mc event "$c2" result-ready --at '2026-10-12 14:00' >/dev/null
mc event "$c2" fee-paid --amount 8000 --at '2026-10-12 14:30' >/dev/null
mc event "$c1" result-ready --at '2026-10-14 10:00' >/dev/null
mc event "$c3" result-ready --at '2026-10-16 09:00' >/dev/null
ok $? "a store with dossiers early, on time, late and overdue"
short() { echo "${1#000.17.22.H56-}"; }

# bars_match TSV PANE: every group of the TSV is a line of the pane with a bar whose
# share of full blocks is the share done in time, and the numbers of the TSV beside
# it (early and on time only when wide).  Prints what does not match.
bars_match() {
	python3 - "$1" "$2" "$3" <<'EOF'
import re, sys
tsv, pane, full = sys.argv[1], sys.argv[2], sys.argv[3]
lines = pane.split("\n")
rows = [r.split("\t") for r in tsv.strip().split("\n")[1:]]
bad = []
for key, label, fin, early, ontime, late, pct, avg in rows:
    name = "Total" if key == "" else (key[5:7] + "/" + key[:4] if len(key) == 7 and key[4] == "-" else key)
    found = [l for l in lines if l.startswith(" " + name + " ")]
    if not found:
        bad.append("no line for %s" % name)
        continue
    l = found[0]
    latech = "\u2591" if full == "\u2588" else "."
    m = re.search("[%s%s]{2,}" % (re.escape(full), re.escape(latech)), l[len(name) + 1:])
    bar = m.group(0) if m else ""
    good, late_cells = bar.count(full), bar.count(latech)
    if good + late_cells == 0:
        bad.append("%s: no bar" % name)
        continue
    share = (int(early) + int(ontime)) / int(fin)
    if abs(good / (good + late_cells) - share) > 0.05:
        bad.append("%s: bar %d/%d for %.2f" % (name, good, good + late_cells, share))
    nums = l.split()[-6:]
    want = [pct + "%", fin, early, ontime, late, avg] if len(l) > 100 else [pct + "%", fin, late, avg]
    if nums[-len(want):] != want:
        bad.append("%s: numbers %s, want %s" % (name, nums[-len(want):], want))
print("; ".join(bad))
EOF
}

mkdir -p "$T/home" "$T/bin"
printf '#!/bin/sh\necho "$*" > "%s/lp.args"\nfor f; do :; done\ncat "$f" > "%s/lp.out"\n' "$T" "$T" > "$T/bin/lp"
chmod +x "$T/bin/lp"
ln -s /dev/full "$T/full.csv"

# ---- 80x24, TERM=xterm ----------------------------------------------------------
console r1 80 24 TERM=xterm HOME="$T/home" PATH="$T/bin:$PATH"
shows r1 "Password" "the console opens"
text r1 "admin"; keys r1 Tab; text r1 "motcua-test"; keys r1 Enter
shows r1 "Received today" "logged in"
keys r1 b
shows r1 "b +Tracking book \(Form 06\)" "b on the home screen opens the reports: the book"
shows r1 "m +On-time rate by month" "... on-time rate by month"
shows r1 "t +On-time rate and handling time by procedure" "... by procedure"
shows r1 "o +Overdue dossiers" "... the overdue list"
shows r1 "f +Fees collected per day" "... and fees"

# On time by month
keys r1 m
shows r1 "From \(DD/MM/YYYY\) +01/11/2025" "by month proposes the last twelve months: from 01/11/2025"
shows r1 "To \(DD/MM/YYYY\) +20/10/2026" "... to today"
keys r1 Enter; keys r1 Enter
shows r1 "On-time rate by month: 01/11/2025 - 20/10/2026" "the chart opens with its days"
shows r1 "^ Total " "... and a total row"
tsv=$(mc report ontime --from 2025-11-01 --to 2026-10-20 --format tsv)
is "$(bars_match "$tsv" "$(pane r1)" "█")" "" "the bars and numbers match 'motcua report ontime --format tsv'"
like "$(pane r1)" "^ 10/2026 +█+░+ " "a month with a late dossier has a late part (░)"
like "$(pane r1)" "^ 09/2026 +█+ +100\.0%" "... a month without is all █"
like "$(pane r1)" "4 finished: 75\.0% early or on time, 1 late" "the summary line says it in words"

tm resize-window -t r1 -x 132 -y 43
shows r1 "Dossiers +Early +On time +Late" "resized to 132x43 while the chart shows: early and on-time columns appear"
is "$(bars_match "$tsv" "$(pane r1)" "█")" "" "... and the wide chart matches the TSV too"
tm resize-window -t r1 -x 80 -y 24
gone r1 "Early +On time" "back to 80x24: the narrow chart"
shows r1 "^ Total +█+░+ +75\.0% +4 +1 " "... redrawn to the new width"
is "$(bars_match "$tsv" "$(pane r1)" "█")" "" "... still matching the TSV"

# Dates: other days, bad dates refused
keys r1 d
shows r1 "From \(DD/MM/YYYY\) +01/11/2025" "d asks other days, proposing the current ones"
keys r1 C-u; text r1 "31/02/2026"; keys r1 Enter; keys r1 Enter
shows r1 "From: '31/02/2026' is not a date; type DD/MM/YYYY, e.g. 20/10/2026" \
	"a day that does not exist is refused with a clear message"
keys r1 Up; keys r1 C-u; text r1 "hôm qua"; keys r1 Enter; keys r1 Enter
shows r1 "From: 'hôm qua' is not a date" "... and so are words"
keys r1 Up; keys r1 C-u; text r1 "2026-10-21"; keys r1 Enter; keys r1 Enter
shows r1 "The first day \(21/10/2026\) is after the last day \(20/10/2026\)" \
	"days that run backwards are refused"
keys r1 Up; keys r1 C-u; text r1 "1/9/2026"; keys r1 Enter; keys r1 C-u; text r1 "30.09.2026"; keys r1 Enter
shows r1 "On-time rate by month: 01/09/2026 - 30/09/2026" "D/M/YYYY and DD.MM.YYYY are dates too"
gone r1 "^ 10/2026 " "... and the chart now has September alone"

# On time by procedure, saved as XLSX
keys r1 q; keys r1 t
shows r1 "From \(DD/MM/YYYY\) +01/10/2026" "by procedure proposes this month"
keys r1 Enter; keys r1 Enter
shows r1 "^ 1\.004873 " "the chart by procedure"
tsvp=$(mc report ontime --by procedure --from 2026-10-01 --to 2026-10-20 --format tsv)
is "$(bars_match "$tsvp" "$(pane r1)" "█")" "" "... matches 'motcua report ontime --by procedure'"
keys r1 x
shows r1 "File .*/home/motcua-ontime-procedure-2026-10-01-2026-10-20\.xlsx +│" \
	"x proposes a file in \$HOME named after the report and its days"
keys r1 Enter
shows r1 "Saved 3 rows to ~/motcua-ontime-procedure-2026-10-01-2026-10-20\.xlsx" \
	"... and says where it saved it (~ for the home folder)"
python3 -c '
import sys, zipfile
s = zipfile.ZipFile(sys.argv[1]).read("xl/worksheets/sheet1.xml").decode()
assert "1.004873" in s and "Cấp Giấy xác nhận tình trạng hôn nhân" in s, s[:300]' \
	"$T/home/motcua-ontime-procedure-2026-10-01-2026-10-20.xlsx"
ok $? "... a zip whose sheet1 has the procedures"

# Overdue
keys r1 q; keys r1 o
shows r1 "Overdue dossiers at 10:00 20/10/2026" "o shows the overdue list at once"
late=$(mc report overdue --format tsv | awk -F'\t' -v c="$c4" '$1 == c { print $7 }')
shows r1 "^! $(short "$c4") Phạm Thị Dung +12/10/2026 +$late " \
	"the overdue dossier is marked, with its working days late as the report counts them"
shows r1 "1 overdue, the longest overdue first" "... and how many"
keys r1 v
shows r1 "File +$T/home/motcua-overdue-2026-10-20\.csv" "v proposes a CSV named after the day"
keys r1 Enter
shows r1 "Saved 1 rows to" "the overdue list is saved"
is "$(head -c 3 "$T/home/motcua-overdue-2026-10-20.csv" | od -An -tx1 | tr -d ' \n')" "efbbbf" \
	"the CSV starts with the UTF-8 byte-order mark"
like "$(cat "$T/home/motcua-overdue-2026-10-20.csv")" "$c4,2\.000884,Phạm Thị Dung" "... and has the dossier"

# Fees
keys r1 q; keys r1 f; keys r1 Enter; keys r1 Enter
shows r1 "^  12/10/2026 +1 +8,000 +█" "fees per day, with a bar"
shows r1 "^  Total +1 +8,000" "... and the total"

# The book, page by page
keys r1 q; keys r1 b
shows r1 "From \(DD/MM/YYYY\) +01/10/2026" "the book proposes the 1st of the month"
keys r1 Enter; keys r1 Enter
shows r1 "Tracking book \(Form 06\): 01/10/2026 - 20/10/2026" "the book opens"
shows r1 "^ +2 $(short "$c1") Nguyễn Văn Ân +12/10/2026 15/10/2026 Result ready" \
	"... its first row: number 2 in the year's book, as on its receipt (September's is 1)"
shows r1 "Rows 1-18 " "... a screenful of rows"
book=$(mc report book --from 2026-10-01 --to 2026-10-20 --format tsv)
row() { printf '%s\n' "$book" | awk -F'\t' -v n="$1" '$1 == n { print $2 }'; }
keys r1 NPage
shows r1 "Rows 19-36 " "PgDn: the next page"
shows r1 "^ +20 $(short "$(row 20)") Hoàng Văn Số 14 " "... numbered on from the first page, across days"
keys r1 G
shows r1 "Rows 47-64 of 64" "G (End) counts the book: 64 rows"
shows r1 "^ +65 $(short "$(row 65)") Hoàng Văn Số 59 " "... and shows the last"
keys r1 PPage
shows r1 "^ +30 $(short "$(row 30)") " "PgUp goes back a page"
keys r1 g
shows r1 "Rows 1-18 of 64" "g (Home): the first page"
keys r1 Right
shows r1 "Receipt +Due on +Note +Procedure" "Right scrolls the columns"
keys r1 Right; keys r1 Right; keys r1 Right
shows r1 "Procedure name" "... to the procedure's name"
keys r1 Left; keys r1 Left; keys r1 Left; keys r1 Left
shows r1 "No\. Code +Applicant" "Left scrolls back"
keys r1 Enter
shows r1 "Applicant: Nguyễn Văn Ân" "Enter opens the selected dossier"
keys r1 q
shows r1 "Rows 1-18 of 64" "q: back in the book where it was"

keys r1 x; keys r1 Enter
shows r1 "Saved 64 rows to ~/motcua-book-2026-10-01-2026-10-20\.xlsx" "the book saved as XLSX"
python3 -c '
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
s = z.read("xl/worksheets/sheet1.xml").decode()
assert "Nguyễn Văn Ân" in s and "address_phone" in s and s.count("<row ") == 65, s.count("<row ")' \
	"$T/home/motcua-book-2026-10-01-2026-10-20.xlsx"
ok $? "... a zip whose sheet1 has the header, 64 rows and the applicants"
keys r1 v; keys r1 Enter
shows r1 "Saved 64 rows to ~/motcua-book-2026-10-01-2026-10-20\.csv" "the book saved as CSV"
f=$T/home/motcua-book-2026-10-01-2026-10-20.csv
is "$(head -c 3 "$f" | od -An -tx1 | tr -d ' \n')" "efbbbf" "... starting with EF BB BF"
is "$(python3 -c '
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig")))
print(len(rows), rows[0]["no"], rows[0]["code"], rows[0]["name"])' "$f")" "64 2 $c1 Nguyễn Văn Ân" \
	"... and parses: 64 rows, numbered, the applicants"
is "$(tail -n +2 "$f" | tr -d '\r' | cut -d, -f1-2)" "$(mc export book --from 2026-10-01 --to 2026-10-20 --csv "$T/cmd.csv" && tail -n +2 "$T/cmd.csv" | tr -d '\r' | cut -d, -f1-2)" \
	"... the same rows as 'motcua export book --csv'"

keys r1 v; keys r1 Enter
shows r1 "That file already exists: press Enter again to replace it" "an existing file is not replaced at once"
keys r1 Enter
shows r1 "Saved 64 rows to" "... Enter again replaces it"
keys r1 v; keys r1 C-u; text r1 "$T/no-such-folder/book.csv"; keys r1 Enter
shows r1 "^the folder does not exist: $T/no-such-folder/book\.csv" "a missing folder is refused in words"
keys r1 C-u; text r1 "$T/full.csv"; keys r1 Enter
shows r1 "^the disk is full: $T/full\.csv was not saved" "a full disk is refused in words"
test -c /dev/full
ok $? "... and /dev/full is still there"
keys r1 C-u; text r1 "~/mine.csv"; keys r1 Enter
shows r1 "Saved 64 rows to ~/mine\.csv" "~/ in a file name is the home folder"
test -s "$T/home/mine.csv"
ok $? "... where the file is"

# Printing the book
keys r1 p
shows r1 "No printer is set" "p without a printer says so"
sqlite3 "$DB" "INSERT OR REPLACE INTO setting(key, value) VALUES ('printer', 'Quay_1')"
keys r1 p
shows r1 "Print the book of 01/10/2026 - 20/10/2026 on Quay_1\?" \
	"with a printer set, p asks first"
keys r1 Enter
shows r1 "The tracking book \(64 dossiers\) went to the printer Quay_1" "... and prints"
like "$(cat "$T/lp.args")" "-d Quay_1" "lp got the printer"
p=$(cat "$T/lp.out")
like "$p" "SỔ THEO DÕI HỒ SƠ" "the printed book has its title"
like "$p" "2\. Mã hồ sơ: $c1" "... the dossiers"
like "$p" "Người nộp: Nguyễn Văn Ân; Thôn Đông, 0912345678" "... the applicant"
like "$p" "Tổng số: 64 hồ sơ" "... and the count"
is "$(python3 -c 'import sys; print(max(len(l) for l in open(sys.argv[1], encoding="utf-8").read().split("\n")) <= 80)' "$T/lp.out")" True \
	"... within 80 columns"

keys r1 F1
shows r1 "save as a spreadsheet \(XLSX\)" "F1 lists the view's keys"
keys r1 q; keys r1 q; keys r1 q
shows r1 "Received today" "q goes back home"
keys r1 q; keys r1 q
shows r1 "motcua exited: 0" "the console quits with status 0"

# ---- 132x43, TERM=linux: the wide book ---------------------------------------------
console r2 132 43 TERM=linux HOME="$T/home"
shows r2 "Password" "a wide Linux console"
text r2 "admin"; keys r2 Tab; text r2 "motcua-test"; keys r2 Enter
keys r2 b; keys r2 b; keys r2 Enter; keys r2 Enter
shows r2 "^ +2 ${c1#*-} Nguyễn Văn Ân +09:00 12/10/2026 17:00 15/10/2026" \
	"wide: times in the book, the code still without the office's part (the name gets the room)"
shows r2 "Rows 1-37 " "... and more rows"
keys r2 q; keys r2 q; keys r2 q; keys r2 q
shows r2 "motcua exited: 0" "... quits with status 0"

# ---- vt100 in the C locale, no colours ------------------------------------------------
console r3 80 24 TERM=vt100 LC_ALL=C NO_COLOR=1 HOME="$T/home"
shows r3 "UBND xa Tan Lap" "a terminal that cannot show Vietnamese"
text r3 "admin"; keys r3 Tab; text r3 "motcua-test"; keys r3 Enter
keys r3 b; keys r3 m; keys r3 Enter; keys r3 Enter
shows r3 "^ Total " "the chart in the C locale"
is "$(bars_match "$tsv" "$(pane r3)" "#")" "" "... draws its bars with '#' (late '.'), matching the TSV"
unlike "$(pane r3)" "█|░" "... and no block characters"
keys r3 q; keys r3 t; keys r3 Enter; keys r3 Enter
shows r3 "^ 1\.004873 Cap Giay" "... names unaccented"
keys r3 q; keys r3 q; keys r3 q; keys r3 q
shows r3 "motcua exited: 0" "... quits with status 0"

done_testing
