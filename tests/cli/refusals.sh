# refusals.sh -- small things refused in words (issue 9 G): an edit that changes
# nothing (the event log is append-only), texts longer than the store keeps (one rule,
# common/textlimit.h), an empty campaign text, and a full disk during an XLSX export
# (our message, not libxlsxwriter's "[ERROR]" lines, and no half file).
. "$(dirname "$0")/../lib.sh"
setup_office
mc init --office 000.17.22.H56 --name "UBND xã Tân Lập" --language en >/dev/null
export MOTCUA_NOW='2026-10-12 09:00' MOTCUA_LANG=en
q() { sqlite3 "$DB" "$1"; }
c=$(mc intake --procedure 1.004873 --name "Nguyễn Văn Ân" --phone 0912345678 --address "Thôn Đông" --sms yes)
edits() { q "SELECT count(*) FROM dossier_event WHERE code = '$c' AND kind = 'edited'"; }

# ---- edits that change nothing
out=$(mc event "$c" edited --name "" 2>&1)
is $? 1 "edited --name \"\" is refused"
like "$out" "name" "... saying the name cannot be empty"
is "$(status mc event "$c" edited --name "   ")" 1 "... and a name of spaces"
out=$(mc event "$c" edited --name "Nguyễn Văn Ân" 2>&1)
is $? 1 "an edit to the same name is refused"
like "$out" "changes nothing" "... saying it changes nothing"
is "$(status mc event "$c" edited --phone "+84 912 345 678")" 1 "... the same phone, however written"
is "$(status mc event "$c" edited --address "Thôn Đông" --phone 0912345678)" 1 "... several fields, all the same"
is "$(status mc event "$c" edited --email "")" 1 "... an empty value"
is "$(edits)" 0 "nothing was appended to the log"
is "$(status mc event "$c" edited --address "Thôn Tây" --phone 0912345678)" 0 "an edit that changes one field is taken"
is "$(edits)" 1 "... once"
is "$(mc show "$c" --format tsv | awk -F'\t' '$1 == "address" { print $2 }')" "Thôn Tây" "... and shown"
is "$(status mc check)" 0 "the dossier still agrees with its events"

# ---- lengths: every stored text has a limit, said in the refusal
long() { head -c "$1" /dev/zero | tr '\0' 'a'; }
out=$(mc init --office 000.17.22.H56 --name "$(long 131000)" 2>&1)
is $? 2 "an office name of 131,000 bytes is refused"
like "$out" "at most 200 bytes" "... saying the limit"
is "$(q "SELECT value FROM setting WHERE key = 'office.name'")" "UBND xã Tân Lập" "... and the name is unchanged"
is "$(q "SELECT name FROM office WHERE code = '000.17.22.H56'")" "UBND xã Tân Lập" "... in the office table too"
is "$(status mc init --office 000.17.22.H56 --name "$(long 200)")" 0 "200 bytes are accepted"
is "$(status mc init --office 000.17.22.H56 --name "$(long 201)")" 2 "201 are not"
is "$(status mc init --office 000.17.22.H56 --name "$(printf 'UBND\nxa')")" 2 "a name of two lines is refused"
mc init --office 000.17.22.H56 --name "  UBND xã Tân Lập " >/dev/null
is "$(q "SELECT value FROM setting WHERE key = 'office.name'")" "UBND xã Tân Lập" "the name is stored trimmed"
like "$(mc intake --procedure 1.004873 --name "$(long 201)" 2>&1)" "at most 200 bytes" "an applicant's name of 201 bytes"
like "$(mc intake --procedure 1.004873 --name "A B" --address "$(long 501)" 2>&1)" "at most 500 bytes" "an address of 501 bytes"
like "$(mc event "$c" note --note "$(long 2001)" 2>&1)" "at most 2000 bytes" "a note of 2001 bytes"
like "$(mc event "$c" transferred --to "$(long 121)" 2>&1)" "at most 120 bytes" "an agency of 121 bytes"
is "$(q "SELECT count(*) FROM dossier")" 1 "nothing too long was stored"

# ---- campaigns need a text
for t in "" "   "; do
	out=$(mc remind --campaign --text "$t" --status 2 2>&1)
	is $? 1 "remind --campaign --text '$t' is refused"
	like "$out" "cannot be empty" "... saying the text cannot be empty"
done
like "$(mc remind --campaign --text "$(long 2001)" --status 2 --dry-run 2>&1)" "at most 2000 bytes" \
	"a campaign text of 2001 bytes is refused"
is "$(q "SELECT count(*) FROM sms_campaign")" 0 "no campaign was recorded"

# ---- a full disk during an XLSX export: our message, no "[ERROR]", no half file
for i in 1 2 3 4 5 6; do mc intake --procedure 1.004873 --name "Người Thứ $i" --address "Thôn $i" >/dev/null; done
full() {	# full FILE: export the book to FILE, stderr to $T/err; the exit status
	mc export book --from 2026-01-01 --to 2026-12-31 --xlsx "$1" 2>"$T/err" >/dev/null
}
if mkdir -p "$T/small" && mount -t tmpfs -o size=8k tmpfs "$T/small" 2>/dev/null; then
	head -c 4096 /dev/zero >"$T/small/filler" 2>/dev/null
	full "$T/small/book.xlsx"
	is $? 1 "an export to a full disk (8 KiB tmpfs) fails"
	is "$(grep -c 'ERROR' "$T/err")" 0 "... without libxlsxwriter's raw [ERROR] lines"
	like "$(cat "$T/err")" "disk is full" "... saying the disk is full"
	ok "$([ ! -e "$T/small/book.xlsx" ]; echo $?)" "... and leaving no half file"
	rm -f "$T/small/filler"
	(TMPDIR=$T/small; export TMPDIR; head -c 8192 /dev/zero >"$T/small/filler" 2>/dev/null; full "$T/book.xlsx")
	is $? 1 "a full temporary folder fails too (rows would be lost silently)"
	is "$(grep -c 'ERROR' "$T/err")" 0 "... quietly"
	like "$(cat "$T/err")" "temporary" "... naming the temporary folder"
	ok "$([ ! -e "$T/book.xlsx" ]; echo $?)" "... and leaving no file"
	umount "$T/small"
else	# no mount here: a file size limit does the same (SIGXFSZ ignored: EFBIG)
	(trap '' XFSZ; ulimit -f 4; full "$T/book.xlsx")
	is $? 1 "an export over the file size limit fails"
	is "$(grep -c 'ERROR' "$T/err")" 0 "... without libxlsxwriter's raw [ERROR] lines"
	like "$(cat "$T/err")" "ulimit|disk is full|too large" "... saying why"
	ok "$([ ! -e "$T/book.xlsx" ]; echo $?)" "... and leaving no half file"
fi
(trap '' XFSZ; ulimit -f 4; full "$T/lim.xlsx")
is $? 1 "an export over a file size limit (ulimit -f) fails"
is "$(grep -c 'ERROR' "$T/err")" 0 "... quietly"
ok "$([ ! -e "$T/lim.xlsx" ]; echo $?)" "... leaving no file"
full "$T/book.xlsx"
is $? 0 "with room, the export works"
like "$(python3 -c 'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read("xl/worksheets/sheet1.xml").decode().count("<row "))' "$T/book.xlsx")" \
	"^8$" "... header and every row (7 dossiers)"
done_testing
