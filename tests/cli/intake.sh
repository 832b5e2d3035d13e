# intake.sh -- intake, codes, lenient look-up, search, the lifecycle through the CLI,
# output formats, and `motcua check`.
. "$(dirname "$0")/../lib.sh"
setup_office
export MOTCUA_NOW='2026-10-12 09:00'	# a Monday with no holiday near

c1=$(mc intake --procedure 1.001193 --name "Nguyễn Văn Ân" --id 001090012345 --phone 0912345678 \
	--address "Thôn Đông, xã Tân Lập" --sms yes)
ok $? "intake succeeds"
is "$c1" "000.17.22.H56-261012-0001" "the first code of the day ends in 0001"
c2=$(mc intake --procedure 1.004873 --name "Trần Thị Bình" --phone "+84 98 765 4321")
is "$c2" "000.17.22.H56-261012-0002" "the next code of the day ends in 0002"
is "$(mc show "$c1" --format tsv | awk -F'\t' '$1 == "due_at" {print $2}')" "2026-10-12 17:00" \
	"a same-day procedure received at 09:00 is due at closing the same day"
is "$(mc show "$c2" --format tsv | awk -F'\t' '$1 == "due_at" {print $2}')" "2026-10-15 17:00" \
	"3 working days from Monday: due Thursday"
is "$(mc show "$c2" --format tsv | awk -F'\t' '$1 == "phone" {print $2}')" "0987654321" \
	"the phone number is normalised"
late=$(MOTCUA_NOW='2026-10-12 15:30' mc intake --procedure 1.001193 --name "Phạm Văn Muộn")
is "$(mc show "$late" --format tsv | awk -F'\t' '$1 == "due_at" {print $2}')" "2026-10-13 17:00" \
	"the 15:00 rule: received at 15:30, due the next working day"
back=$(mc intake --procedure 1.001193 --name "Hoàng Thị Giấy" --received '2026-10-09 10:15')
is "$back" "000.17.22.H56-261009-0001" "a back-entered dossier carries the day it was received"
like "$(mc show "$back" --format json)" '"received_at": "2026-10-09T10:15:00\+07:00"' "... and that time"
like "$(mc show "$back")" '"backentered":true' "... and is marked back-entered in its history"
is "$(status mc intake --procedure 1.001193 --name X --received '2026-12-01 10:00')" 1 "a future receipt time is refused"

# Refused intakes
is "$(status mc intake --procedure 9.999999 --name "Ai Đó")" 1 "an unknown procedure is refused"
like "$(mc intake --procedure 9.999999 --name "Ai Đó" 2>&1)" "9.999999" "... naming it"
is "$(status mc intake --procedure 1.001193 --name "Ai Đó" --id 123)" 1 "a malformed ID number is refused"
is "$(status mc intake --procedure 1.001193 --name "Ai Đó" --phone 12345)" 1 "a malformed phone is refused"
is "$(status mc intake --procedure 1.001193)" 2 "intake without --name is bad usage"
is "$(status mc intake --procedure 1.001193 --name "$(printf 'Bad\377UTF8')")" 1 "a name that is not UTF-8 is refused"
is "$(sqlite3 "$DB" 'SELECT count(*) FROM dossier')" 4 "refused intakes wrote nothing"

# Lenient look-up, as citizens type codes
for spelling in "$c1" "261012-0001" "261012-1" "hs 000.17.22.h56-261012-0001" "000 17 22 H56 261012 0001" \
	"0001722H562610120001" "OOO.17.22.H56-261O12-OOO1"; do
	is "$(mc show "$spelling" --format tsv | awk -F'\t' '$1 == "code" {print $2}')" "$c1" "show finds '$spelling'"
done
is "$(status mc show 261012-0099)" 1 "an unknown code is refused"
is "$(status mc show)" 2 "show without a code is bad usage"

# Search
is "$(mc search 'nguyen van an' --format tsv | cut -f1 | tail -n +2)" "$c1" "an unaccented name finds the accented record"
is "$(mc search 'NGUYỄN VĂN ÂN' --format tsv | cut -f1 | tail -n +2)" "$c1" "upper case with accents finds it"
is "$(mc search '0912345678' --format tsv | cut -f1 | tail -n +2)" "$c1" "the phone finds it"
is "$(mc search '001090012345' --format tsv | cut -f1 | tail -n +2)" "$c1" "the ID number finds it"
is "$(mc search '1012-0001' --format tsv | cut -f1 | tail -n +2)" "$c1" "a code fragment finds it"
is "$(mc search 'h56-2610' --format tsv | tail -n +2 | wc -l)" 4 "a shorter fragment finds every dossier of the days"
is "$(mc search 'thon dong' --format tsv | cut -f1 | tail -n +2)" "" "the address is not searched by the text"
is "$(mc search --address 'thon dong' --format tsv | cut -f1 | tail -n +2)" "$c1" "... but by --address"
is "$(mc search 'binh tran' --format tsv | cut -f1 | tail -n +2)" "$c2" "words in any order"
is "$(mc search 'zzzz' --format tsv | tail -n +2 | wc -l)" 0 "no match, no rows"
is "$(mc search '261012' --format tsv | tail -n +2 | wc -l)" 3 "the date part of the codes lists that day's dossiers"
is "$(mc search '261012-000' --format tsv | tail -n +2 | wc -l)" 3 "... and a longer start of the code"
is "$(mc search '09123' --format tsv | cut -f1 | tail -n +2)" "$c1" "the first digits of a phone find it"

# The lifecycle
is "$(status mc event "$c2" transferred --to "Công an xã")" 0 "hand the dossier over"
is "$(status mc event "$c2" supplement-requested --items "Bản sao CCCD" --reason "Thiếu giấy tờ")" 0 "request a supplement"
is "$(mc show "$c2" --format tsv | awk -F'\t' '$1 == "status_code" {print $2}')" 5 "status 5: waiting for a supplement"
MOTCUA_NOW='2026-10-14 10:00' mc event "$c2" supplement-received --at '2026-10-14 10:00'
ok $? "record the supplement two working days later"
is "$(MOTCUA_NOW='2026-10-14 10:00' mc show "$c2" --format tsv | awk -F'\t' '$1 == "due_at" {print $2}')" "2026-10-19 17:00" \
	"the waiting time is not charged: due moves by two working days"
export MOTCUA_NOW='2026-10-16 09:00'
is "$(status mc event "$c2" result-ready)" 0 "mark the result ready"
is "$(status mc event "$c2" result-returned --collector "Trần Thị Bình")" 0 "hand the result back"
is "$(mc show "$c2" --format tsv | awk -F'\t' '$1 == "status_code" {print $2}')" 10 "status 10: returned"
out=$(mc event "$c2" supplement-requested --items x 2>&1)
is $? 1 "an impossible action is refused with exit status 1"
like "$out" "returned|trả kết quả|closed|đã đóng" "... and the reason names the status"
is "$(status mc event "$c2" rated --rating 4)" 0 "a rating after return"
is "$(status mc event "$c2" rated --rating 7)" 2 "a rating out of 1..4 is bad usage"
is "$(status mc event "$c1" result-returned)" 1 "returning a result not yet ready is refused"
is "$(status mc event "$c1" rejected)" 1 "a refusal without a reason is refused"
is "$(status mc event "$c1" rejected --reason "Không đúng thẩm quyền")" 0 "a refusal with its reason"
is "$(status mc event "$c1" note --note "sau khi từ chối")" 0 "a note is allowed on a closed dossier"
is "$(status mc event "$c1" supplement-requested --items x)" 1 "a refused dossier is final"
is "$(status mc event "$late" extended --due 2026-10-20 --reason "Chờ xác minh")" 0 "an extension with an apology"
is "$(mc show "$late" --format tsv | awk -F'\t' '$1 == "due_at" {print $2}')" "2026-10-20 17:00" "... sets the new due date"
is "$(status mc event "$late" extended --due 2026-10-19 --reason x)" 1 "an extension to an earlier date is refused"
is "$(status mc event "$late" bogus-kind)" 2 "an unknown kind is bad usage"
is "$(status mc event 261012-0777 note --note x)" 1 "an event on an unknown dossier is refused"
is "$(mc show "$c2" --format tsv | head -1)" "$(printf 'code\t%s' "$c2")" "tsv records are key<TAB>value lines"
is "$(mc show "$c2" --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["status_code"])' 2>/dev/null || mc show "$c2" --format json | sed -n 's/.*"status_code": "\([0-9]*\)".*/\1/p' | head -1)" 10 "json output is JSON"

# Audit: events carry who did them
echo "mat-khau-can-bo" | mc user add canbo1 --role officer >/dev/null	# --user names a user
like "$(mc --user canbo1 event "$late" note --note "gọi điện" && sqlite3 "$DB" "SELECT actor FROM dossier_event WHERE kind = 'note' ORDER BY seq DESC LIMIT 1")" "canbo1" "events record the acting user"
is "$(sqlite3 "$DB" "SELECT count(*) FROM dossier_event WHERE id NOT LIKE '000.17.22.H56:%'")" 0 "event ids are <office>:<seq>"
like "$(sqlite3 "$DB" "DELETE FROM dossier_event" 2>&1)" "append-only" "the event log refuses deletes"
like "$(sqlite3 "$DB" "UPDATE dossier_event SET kind = 'note'" 2>&1)" "append-only" "the event log refuses updates"
out=$(mc check)
ok $? "check passes"
like "$out" "Đã kiểm tra 4 hồ sơ, 0 hồ sơ sai khác" "check replays every dossier"
sqlite3 "$DB" "UPDATE dossier SET status = 2 WHERE code = '$c2'"
out=$(mc check)
is $? 1 "check fails when a row differs from its events"
like "$out" "$c2" "... naming the dossier"

done_testing
