# holiday.sh -- motcua holiday: shipped calendars, imports, and their effect on due dates.
. "$(dirname "$0")/../lib.sh"
setup_office

for y in 2025 2026 2027; do
	like "$(mc holiday list $y --format tsv | tail -n +2 | wc -l)" "^([5-9]|[1-9][0-9])$" "holidays of $y are shipped"
done
like "$(mc holiday list 2027 --format tsv)" "provisional|tạm" "days not yet announced are provisional"
# Tết 2026: a 3-working-day procedure received the Friday before Tết is due after it.
due=$(mc due 1.004873 '2026-02-13 09:00')
like "$due" "^2026-02-2[5-6] 17:00$" "Tết 2026 is not counted as working days ($due)"
# A year end: 5 working days from 30/12/2025 skip New Year's Day.
like "$(mc due 1.004884 "2025-12-30 09:00")" "^2026-01-0[78] 17:00$" "a due date across New Year skips 1/1"

cat >"$T/h.csv" <<'CSV'
date,name
2026-10-13,Ngày nghỉ thử
CSV
is "$(status mc holiday import "$T/h.csv")" 0 "a holiday file imports"
is "$(mc due 1.004873 '2026-10-12 09:00')" "2026-10-16 17:00" "an imported day off moves due dates"
printf 'date,name\n2026-10-20,Tốt\n2026-10-21,Tốt\n2026-02-30,Ngày sai\n' >"$T/bad.csv"
out=$(mc holiday import "$T/bad.csv" 2>&1)
is $? 1 "a file with a bad date is refused"
like "$out" "4" "... naming line 4"
is "$(mc holiday list 2026 --format tsv | grep -c 2026-10-2)" 0 "... and nothing of it is imported"
printf 'ngay,ten\n2026-10-20,x\n' >"$T/hdr.csv"
like "$(mc holiday import "$T/hdr.csv" 2>&1)" "date" "a wrong header names the expected columns"
printf 'date,name,kind\n2026-10-17,Làm bù,work\n' >"$T/work.csv"
is "$(status mc holiday import "$T/work.csv")" 0 "an extra working Saturday imports"
is "$(mc due 1.001193 '2026-10-16 16:00')" "2026-10-17 17:00" "... and counts as a working day"

# Rows with fields missing or too many are refused with their line (issue 9 G).
printf 'date,name,kind\n2031-01-01,Tết Dương lịch\n2031-01-02,Nghỉ,off,1\n2031-01-03,Đủ,off\n' >"$T/fields.csv"
out=$(mc holiday import "$T/fields.csv" 2>&1)
is $? 1 "a holiday file with rows of 2 and 4 fields under a 3-field header is refused"
like "$out" "2[^0-9].*2[^0-9].*3" "... naming line 2 (2 fields of 3)"
like "$out" "3[^0-9].*4[^0-9].*3" "... and line 3 (4 fields of 3)"
is "$(mc holiday list 2031 --format tsv | tail -n +2 | wc -l)" 0 "... and nothing of it is imported"
printf 'date,name\n2031-01-01\n' >"$T/short.csv"
is "$(status mc holiday import "$T/short.csv")" 1 "a row with the date alone is refused"
printf 'code,name,field,time,unit,cutoff,fee,fee_rule,group,agency,documents\n9.000001,Thủ tục thử,Thử,3,working-days,,0,,,,Đơn\n9.000002,Thiếu,Thử,3,working-days,,0,,,\n9.000003,Thừa,Thử,3,working-days,,0,,,,Đơn,x\n' >"$T/cat.csv"
out=$(mc catalog import "$T/cat.csv" 2>&1)
is $? 1 "a catalogue with rows of too few and too many fields is refused"
like "$out" "3[^0-9].*10[^0-9].*11" "... naming line 3 (10 fields of 11)"
like "$out" "4[^0-9].*12[^0-9].*11" "... and line 4 (12 fields of 11)"
is "$(mc catalog list --format tsv | grep -c '^9\.00000')" 0 "... and nothing of it is imported"

# A year without any holiday row: its days off are unknown, and due says so (issue 9 G).
w=$(MOTCUA_LANG=en mc due 1.004873 '2029-12-28 09:00' 2>&1 >/dev/null)
like "$w" "2029" "due warns that no holiday of 2029 is known"
w=$(mc due 1.004873 '2030-06-03 09:00' 2>&1 >/dev/null)
like "$w" "2030" "... and of 2030"
# (1.000419: a procedure whose time the catalogue has confirmed, so no other note.)
is "$(mc due 1.000419 '2026-06-03 09:00' 2>&1 >/dev/null)" "" "a year with its holidays: no warning"
printf 'date,name\n2030-01-01,Tết Dương lịch\n' >"$T/2030.csv"
mc holiday import "$T/2030.csv" >/dev/null
is "$(mc due 1.000419 '2030-06-03 09:00' 2>&1 >/dev/null)" "" "... nor once the year has a row"
is "$(mc due 1.004873 '2030-06-03 09:00' --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["holidays_known"])')" \
	"True" "due --format json says whether the holidays are known"

done_testing
