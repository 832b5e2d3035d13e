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

done_testing
