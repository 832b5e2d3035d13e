# dates.sh -- dates and times typed on the command line (issue 10): the day first as
# people write it in Vietnam, DD/MM/YYYY and its variants, as well as YYYY-MM-DD; a
# clear error, English and Vietnamese, for anything else.
. "$(dirname "$0")/../lib.sh"
setup_office
export MOTCUA_NOW='2026-10-12 09:00'	# a Monday with no holiday near

received() {	# received CODE: its received_at as stored
	mc show "$1" --format tsv | awk -F'\t' '$1 == "received_at" {print $2}'
}
due_at() {
	mc show "$1" --format tsv | awk -F'\t' '$1 == "due_at" {print $2}'
}

for when in '09/10/2026 10:15' '9/10/2026 10:15' '09-10-2026 10:15' '09.10.2026 10:15' \
	'9/10/2026 10h15' '10:15 09/10/2026' ' 09/10/2026  10:15 ' '2026-10-09 10:15'; do
	code=$(mc intake --procedure 1.001193 --name "Hoàng Thị Giấy" --received "$when")
	is "$(received "$code")" "2026-10-09 10:15" "intake --received '$when'"
done
code=$(mc intake --procedure 1.001193 --name "Lê Văn Sáu" --received '9/10/2026')
is "$(received "$code")" "2026-10-09 00:00" "intake --received with a date alone: its first minute"

for when in '2026/10/09 10:15' '31/02/2026 10:15' '09/10/26 10:15' '09/10/2026 25:00' \
	'09/10/2026 10:15:00' 'hôm qua' '09/10-2026' ''; do
	is "$(status mc intake --procedure 1.001193 --name X --received "$when")" 2 \
		"intake --received '$when' is refused as a usage error"
done
err=$(mc intake --procedure 1.001193 --name X --received '2026/10/09 10:15' 2>&1)
like "$err" "--received: '2026/10/09 10:15' không phải là ngày giờ dạng '23/11/2026 09:30' hay '2026-11-23 09:30'" \
	"... saying which forms are dates (in Vietnamese, the office's language)"
mc init --office 000.17.22.H56 --name "UBND xã Tân Lập" --language en >/dev/null
err=$(mc intake --procedure 1.001193 --name X --received '2026/10/09 10:15' 2>&1)
like "$err" "--received: '2026/10/09 10:15' is not a date and time like '23/11/2026 09:30' or '2026-11-23 09:30'" \
	"... and in English"
is "$(mc search 'X' --format tsv | grep -c 'X' || true)" 0 "nothing refused was stored"

# event --due: a date alone is due at closing time, whatever its form
late=$(mc intake --procedure 1.004873 --name "Trần Văn Muộn" --phone 0912345678 --sms yes)
is "$(status mc event "$late" extended --due 20/10/2026 --reason "Chờ xác minh")" 0 "event --due 20/10/2026"
is "$(due_at "$late")" "2026-10-20 17:00" "... sets the new due date at closing time"
is "$(status mc event "$late" extended --due '21.10.2026 10h' --reason "Chờ thêm")" 0 "event --due '21.10.2026 10h'"
is "$(due_at "$late")" "2026-10-21 10:00" "... and a time of day when one is given"
is "$(status mc event "$late" extended --due 21/13/2026 --reason x)" 2 "event --due 21/13/2026 is refused"

# due: the same answer from either form
is "$(mc due 1.004873 '12/10/2026 09:00')" "$(mc due 1.004873 '2026-10-12 09:00')" \
	"due PROCEDURE '12/10/2026 09:00' is the same as '2026-10-12 09:00'"

# report and remind: --from/--to
iso=$(mc report fees --from 2026-10-01 --to 2026-10-31 --format tsv)
is "$(mc report fees --from 1/10/2026 --to 31.10.2026 --format tsv)" "$iso" \
	"report fees --from 1/10/2026 --to 31.10.2026 is the same report as in YYYY-MM-DD"
is "$(status mc report fees --from 32/10/2026)" 2 "report --from 32/10/2026 is refused"
like "$(mc report fees --from 32/10/2026 2>&1)" \
	"--from: '32/10/2026' is not a date like 23/11/2026 or 2026-11-23" "... saying why"
mc init --office 000.17.22.H56 --name "UBND xã Tân Lập" --language vi >/dev/null
like "$(mc report fees --to 1/1 2>&1)" \
	"--to: '1/1' không phải là ngày dạng 23/11/2026 hay 2026-11-23" "... in Vietnamese too"
iso=$(mc remind --campaign --text "Moi den nhan ket qua" --procedure 1.004873 \
	--from 2026-10-12 --to 2026-10-12 --dry-run --format tsv 2>/dev/null)
like "$iso" "$late" "remind --campaign --dry-run finds the dossier of the day"
is "$(mc remind --campaign --text "Moi den nhan ket qua" --procedure 1.004873 \
	--from 12/10/2026 --to 12-10-2026 --dry-run --format tsv 2>/dev/null)" "$iso" \
	"remind --from 12/10/2026 --to 12-10-2026 selects the same"
is "$(status mc remind --campaign --text x --procedure 1.004873 --from 2026-10-32 --dry-run)" 2 \
	"remind --from 2026-10-32 is refused"

is "$(status mc check)" 0 "the store is consistent"
done_testing
