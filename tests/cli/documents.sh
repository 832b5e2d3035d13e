# documents.sh -- what a citizen handed in at intake (intake --documents): stored in
# the received event, listed by show, acknowledged on the receipt (Mẫu 01) and, for
# what is missing, on the supplement request (Mẫu 02); replay still agrees.
. "$(dirname "$0")/../lib.sh"
setup_office
# The tests' own checklist for 1.004873, whatever the shipped catalogue says of it
# (its documents are checked against the portal and may change).
printf '%s\n' 'code,name,field,time,unit,cutoff,fee,fee_rule,group,agency,documents' \
	'1.004873,Cấp Giấy xác nhận tình trạng hôn nhân,Hộ tịch,3,working-days,,0,Mức thu do HĐND tỉnh quy định,,,"Tờ khai cấp Giấy xác nhận tình trạng hôn nhân (bản chính); Giấy tờ chứng minh đã ly hôn hoặc vợ/chồng đã chết, nếu có (bản sao); Giấy xác nhận tình trạng hôn nhân đã được cấp trước đây, nếu xin cấp lại (bản chính); Giấy tờ tùy thân (Căn cước, CCCD hoặc hộ chiếu) để xuất trình (bản chính)"' >"$T/checklist.csv"
mc catalog import "$T/checklist.csv" >/dev/null || exit 1
export MOTCUA_NOW='2026-10-12 09:00'	# a Monday with no holiday near

# docs CODE [handed|missing]: the documents show --format json lists, one a line:
# "no. name (form)" for those handed in, "no. name" for those missing; "-" when the
# intake recorded none.
docs() {
	mc show "$1" --format json | python3 -c '
import json, sys
rec = json.load(sys.stdin)
if not rec["documents_recorded"]:
    print("-")
elif sys.argv[1] == "handed":
    for d in rec["documents"]:
        print("%d. %s (%s)" % (d["no"], d["name"], d["form"]))
else:
    for d in rec["documents_missing"]:
        print("%d. %s" % (d["no"], d["name"]))' "${2:-handed}"
}

# The checklist of 1.004873, numbered as intake --documents takes it:
# 1 Tờ khai (original), 2 Giấy tờ chứng minh đã ly hôn (copy), 3 Giấy xác nhận ... cấp
# trước đây (original), 4 Giấy tờ tùy thân (original).
cat=$(mc catalog show 1.004873 --format json)
is "$(printf '%s' "$cat" | python3 -c 'import json, sys; print(" ".join(str(d["no"]) for d in json.load(sys.stdin)["documents"]))')" \
	"1 2 3 4" "catalog show numbers the documents (a column 'no')"
is "$(printf '%s' "$cat" | python3 -c 'import json, sys; print(json.load(sys.stdin)["documents"][1]["kind"])')" \
	"copy" "... document 2 asks for a copy"

c1=$(mc intake --procedure 1.004873 --name "Nguyễn Văn Ân" --documents "1, 2:certified")
ok $? "intake with two of the four documents"
like "$(docs "$c1" | tr '\n' ';')" \
	"^1\. Tờ khai cấp Giấy xác nhận tình trạng hôn nhân \(original\);2\. Giấy tờ chứng minh .* \(certified\);$" \
	"show lists what was handed in, each in its form"
like "$(docs "$c1" missing | tr '\n' ';')" "^3\. .*;4\. Giấy tờ tùy thân" "... and what was not"
like "$(mc show "$c1")" "Bản sao chứng thực" "... in words in the text for people"
mc show "$c1" --format json | python3 -c '
import json, sys
rec = json.load(sys.stdin)
pl = rec["events"][0]["details"]
assert [(d["no"], d["form"]) for d in pl["documents"]] == [(1, "original"), (2, "certified")], pl
assert [d["no"] for d in pl["missing"]] == [3, 4], pl'
ok $? "the received event's payload holds the documents (number, name, form) and the missing ones"

# The receipt lists only what was handed in
r=$(mc print "$c1" --form 01)
like "$r" "Tờ khai cấp Giấy xác nhận tình trạng" "the receipt lists document 1"
like "$r" "Bản sao chứng thực" "... document 2 as a certified copy"
unlike "$r" "Giấy tờ tùy thân" "... and not document 4, which was not handed in"
unlike "$r" "đã được cấp trước đây" "... nor document 3"

# Mẫu 02: what is missing
mc event "$c1" supplement-requested --reason "Thiếu giấy tờ tùy thân" >/dev/null
ok $? "a supplement request without --items"
s=$(mc print "$c1" --form 02)
like "$s" "Giấy tờ tùy thân" "Mẫu 02 asks for the documents intake found missing"
like "$s" "đã được cấp trước đây" "... all of them"

# all, none, no list
c2=$(mc intake --procedure 1.004873 --name "Trần Thị Bình" --documents all)
is "$(docs "$c2" missing)" "" "all: nothing missing"
like "$(mc print "$c2")" "Giấy tờ tùy thân" "... and the receipt lists every document"
c3=$(mc intake --procedure 1.004873 --name "Lê Văn Cường" --documents none)
is "$(docs "$c3")" "" "none: nothing handed in"
unlike "$(mc print "$c3")" "Tờ khai cấp" "... and the receipt lists no document"
c4=$(mc intake --procedure 1.004873 --name "Phạm Thị Dung")
is "$(docs "$c4")" "-" "without --documents nothing is recorded, and show says so"
unlike "$(mc print "$c4")" "Tờ khai cấp" "... and the receipt claims no document"

# Bad lists are refused before anything is written
n=$(sqlite3 "$DB" 'SELECT count(*) FROM dossier')
is "$(status mc intake --procedure 1.004873 --name X --documents 1,9)" 2 "a number past the checklist is bad usage"
like "$(mc intake --procedure 1.004873 --name X --documents 1,9 2>&1)" "9" "... naming it"
is "$(status mc intake --procedure 1.004873 --name X --documents 1,1)" 2 "a document listed twice"
is "$(status mc intake --procedure 1.004873 --name X --documents 1:stolen)" 2 "an unknown form"
is "$(status mc intake --procedure 1.004873 --name X --documents ,)" 2 "an empty item"
is "$(status mc intake --procedure 1.004873 --name X --documents x)" 2 "not a number"
is "$(status mc intake --procedure 9.999999 --name X --documents 1)" 1 "an unknown procedure is refused"
is "$(sqlite3 "$DB" 'SELECT count(*) FROM dossier')" "$n" "refused lists wrote nothing"
# 1.001193 item 2 is "Giấy chứng sinh ... (bản chính)"; form suffixes in Vietnamese too
c5=$(mc intake --procedure 1.001193 --name "Đỗ Văn Em" --documents "1:chinh,2:sao,5:chung-thuc")
is "$(docs "$c5" | grep -o '([a-z]*)$' | tr '\n' ' ')" \
	"(original) (copy) (certified) " "forms may be written in Vietnamese without accents"

# A linked intake: the one pile is recorded on each dossier of the group
codes=$(mc intake --procedure 1.001193 --name "Bé Na" --linked --documents 1,2)
for c in $codes; do
	like "$(docs "$c" | head -1)" "^1\. Tờ khai đăng ký khai sinh" \
		"linked dossier ${c##*-} records the documents"
done

# Replay reproduces every row
mc check >/dev/null
ok $? "motcua check: every dossier replays to its row"

done_testing
