# catalog.sh -- motcua catalog: the shipped catalogue, look-ups, and all-or-nothing imports.
. "$(dirname "$0")/../lib.sh"
setup_office

n=$(mc catalog list --format tsv | tail -n +2 | wc -l)
like "$n" "^(1[4-9][0-9]|[2-9][0-9][0-9])$" "the shipped catalogue has at least 140 procedures"
for code in 1.001193 1.000894 1.000656 1.004873 1.004884 1.001022 1.004837 1.004746 \
	2.000635 2.000815 2.000884 2.001035 2.001019 1.004222 1.004194 1.010038; do
	is "$(status mc catalog show $code)" 0 "procedure $code is in the catalogue"
done
show=$(mc catalog show 1.001193)
like "$show" "khai sinh" "show gives the procedure's name"
like "$show" "Giấy chứng sinh" "show lists the required documents"
like "$(mc catalog list 'chung thuc' --format tsv | cut -f1 | sort | tr '\n' ' ')" "2.000815.*2.000884" \
	"an unaccented query finds the accented procedures"
is "$(status mc catalog show 9.999999)" 1 "an unknown procedure is refused"
is "$(mc due 2.001035 '2026-10-12 09:00')" "2026-10-14 17:00" "due: 2 working days from a Monday"
is "$(mc due 1.001193 '2026-10-12 14:59')" "2026-10-12 17:00" "due: same day before 15:00"
is "$(mc due 1.001193 '2026-10-12 15:00')" "2026-10-13 17:00" "due: next working day from 15:00"
is "$(mc due 1.001193 '2026-10-16 16:00')" "2026-10-19 17:00" "due: Friday afternoon -> Monday"
is "$(status mc due 1.001193 'tomorrow')" 2 "due with a bad time is bad usage"

# A bad file changes nothing and names its bad lines.
before=$(mc catalog list --format tsv | md5sum)
cat >"$T/bad.csv" <<'CSV'
code,name,field,time,unit,cutoff,fee,fee_rule,group,agency,documents
9.000001,Thủ tục thử,Thử,3,working-days,,0,,,,Tờ khai (bản chính)
9.000002,Thủ tục sai đơn vị,Thử,3,fortnights,,0,,,,
9.000003,Thủ tục tốt,Thử,3,working-days,,0,,,,
9.000004,Thủ tục sai thời hạn,Thử,ba,working-days,,0,,,,
CSV
out=$(mc catalog import "$T/bad.csv" 2>&1)
is $? 1 "a catalogue with bad lines is refused"
like "$out" "3" "... naming line 3"
like "$out" "5" "... and line 5"
is "$(mc catalog list --format tsv | md5sum)" "$before" "... and nothing changed"
printf 'code,name\n1.000001,x\n' >"$T/cols.csv"
is "$(status mc catalog import "$T/cols.csv")" 1 "a catalogue with missing columns is refused"
printf 'code,name,field,time,unit,cutoff,fee,fee_rule,group,agency,documents\n9.000009,T\341\273,X,1,days,,0,,,,\n' >"$T/utf.csv"
like "$(mc catalog import "$T/utf.csv" 2>&1)" "UTF-8" "bad UTF-8 is refused with a clear message"
is "$(status mc catalog import "$T/nonexistent.csv")" 1 "a missing file is refused"
head -2 "$T/bad.csv" >"$T/good.csv"
is "$(status mc catalog import "$T/good.csv")" 0 "a good file imports"
is "$(status mc catalog show 9.000001)" 0 "... and its procedure is there"
is "$(mc catalog list --format tsv | tail -n +2 | wc -l)" "$((n + 1))" "... beside the others"
like "$(sqlite3 "$DB" "SELECT action FROM audit")" "catalog" "imports are audited"

done_testing
