# actor.sh -- who acts on the command line, and text that could command a terminal
# (issue 9 F).  --user must be a user who may log in, and acts with that user's role:
# an unknown, disabled or locked login, or an officer doing an administrator's work,
# is refused and nothing is recorded; without --user the account that owns the
# database (or root) acts as the system.  Control characters (Esc, DEL, the C1
# controls, line breaks where one line is wanted) are refused in every text that is
# stored, and text an older version let into the store is never printed raw.
. "$(dirname "$0")/../lib.sh"
setup_office
mc init --office 000.17.22.H56 --name "UBND xã Tân Lập" --language en >/dev/null
export MOTCUA_NOW='2026-10-12 09:00'
echo "mat-khau-can-bo" | mc user add canbo --role officer --full-name "Lê Thị Cán Bộ" >/dev/null
echo "mat-khau-truong" | mc user add truong --role head --full-name "Trần Văn Trưởng" >/dev/null
echo "mat-khau-cu-123" | mc user add nghi --role officer >/dev/null
mc user disable nghi >/dev/null
q() { sqlite3 "$DB" "$1"; }
ESC=$(printf '\033')
C1=$(printf '\302\233')		# U+009B, the C1 "CSI": a command to some terminals
DEL=$(printf '\177')
raw() { printf '%s' "$1" | grep -c "$ESC\|$C1\|$DEL"; }	# lines with a control character
users=$(q "SELECT count(*) FROM user")
audits=$(q "SELECT count(*) FROM audit")

# ---- --user is checked ---------------------------------------------------------------
out=$(mc --user khong-co intake --procedure 1.004873 --name "Nguyễn Văn An" 2>&1)
is $? 1 "--user of an unknown login is refused"
like "$out" "--user khong-co: there is no such user" "... saying so"
out=$(mc --user nghi intake --procedure 1.004873 --name "Nguyễn Văn An" 2>&1)
is $? 1 "--user of a disabled account is refused"
like "$out" "account nghi is disabled" "... saying so"
out=$(mc --user "canbo${ESC}[2J${ESC}]0;pwned$(printf '\007')" search an 2>&1)
is $? 1 "--user with control characters is refused"
is "$(raw "$out")" 0 "... and the message shows them as '?', not raw"
like "$out" "canbo\?\[2J\?\]0;pwned\?" "... visibly"
is "$(q "SELECT count(*) FROM dossier")" 0 "nothing was recorded by the refused actors"

out=$(echo "mat-khau-evil-1" | mc --user canbo user add evil --role admin 2>&1)
is $? 1 "an officer cannot add an administrator"
like "$out" "this needs the role admin; canbo has the role officer" "... it needs the role admin"
is "$(q "SELECT count(*) FROM user")" "$users" "... no user was added"
is "$(q "SELECT count(*) FROM audit")" "$audits" "... and nothing audited"
for c in "user passwd admin" "user disable admin" "user unlock admin"; do
	# shellcheck disable=SC2086
	is "$(echo "mat-khau-evil-1" | status mc --user canbo $c)" 1 "an officer cannot: $c"
done
printf 'date,name\n2026-10-13,Nghỉ giả\n' >"$T/h.csv"
is "$(status mc --user canbo holiday import "$T/h.csv")" 1 "an officer cannot import holidays"
is "$(status mc --user truong holiday import "$T/h.csv")" 1 "... nor the head of office"
mc catalog list --format tsv >/dev/null
is "$(status mc --user canbo catalog import "$DB")" 1 "an officer cannot import the catalogue"
is "$(status mc --user canbo init --office 000.17.22.H56 --name "Xã khác")" 1 \
	"an officer cannot change the office"
is "$(q "SELECT value FROM setting WHERE key = 'office.name'")" "UBND xã Tân Lập" "... which keeps its name"
is "$(mc --user canbo user list --format tsv | tail -n +2 | wc -l)" 4 "an officer may list the users"

code=$(mc --user canbo intake --procedure 1.004873 --name "Nguyễn Văn An" --phone 0912345678 --sms yes)
like "$code" "^000\.17\.22\.H56-261012-0001$" "an officer receives a dossier with --user"
is "$(q "SELECT actor FROM dossier_event WHERE code = '$code'")" "canbo" "... recorded as canbo"
out=$(mc --user canbo remind --campaign --text "Moi den nhan ket qua" --procedure 1.004873 2>&1)
is $? 1 "an officer cannot queue a campaign"
like "$out" "needs the role head" "... it needs the head of office"
out=$(mc --user truong remind --campaign --text "Moi den nhan ket qua" --procedure 1.004873 2>&1)
is $? 0 "the head of office can"
is "$(q "SELECT actor FROM sms_campaign")" "truong" "... recorded as truong"
is "$(status mc --user admin holiday import "$T/h.csv")" 0 "an administrator imports holidays"
is "$(q "SELECT actor FROM audit WHERE action LIKE 'holiday%' ORDER BY id DESC LIMIT 1")" "admin" \
	"... recorded as admin"
# Without --user: the account that owns the database, or root, acts as the system.
out=$(echo "mat-khau-moi-12" | mc user add moi --role officer 2>&1)
is $? 0 "without --user, the database's owner acts as the system"
like "$(q "SELECT actor FROM audit WHERE action = 'user.add' AND detail LIKE 'moi %'")" "^system:" \
	"... recorded as system:<account>"

# ---- control characters are refused in every text that is stored ---------------------
bad() {	# bad DESCRIPTION COMMAND...: refused with status 1 or 2, saying control or line
	_d=$1; shift
	_o=$("$@" 2>&1)
	_s=$?
	if [ "$_s" = 1 ] || [ "$_s" = 2 ]; then ok 0 "$_d"; else ok 1 "$_d"; echo "#   status $_s: $_o"; fi
	is "$(raw "$_o")" 0 "... and the refusal prints no control character"
}
n=$(q "SELECT count(*) FROM dossier_event")
bad "intake: a name with Esc" mc intake --procedure 1.004873 --name "An${ESC}[31m"
bad "intake: a name with a C1 control" mc intake --procedure 1.004873 --name "An${C1}31m"
bad "intake: an address with a line break" mc intake --procedure 1.004873 --name "An" \
	--address "Thôn Đông
xã Tân Lập"
bad "intake: a note with DEL" mc intake --procedure 1.004873 --name "An" --note "ghi${DEL}chú"
bad "event: a reason with Esc" mc event "$code" rejected --reason "sai${ESC}[2J"
bad "event: a collector with Esc" mc event "$code" result-returned --collector "Ba${ESC}c"
bad "event: an agency with a tab" mc event "$code" transferred --to "Công an	xã"
bad "event: an edited name with Esc" mc event "$code" edited --name "Nguyễn${ESC}[8m"
bad "event: a note with a C1 control" mc event "$code" note --note "x${C1}y"
is "$(q "SELECT count(*) FROM dossier_event")" "$n" "none of them reached the store"
is "$(status mc event "$code" note --note "dòng một
dòng hai")" 0 "a note may have several lines"

printf 'date,name\n2026-10-14,Lễ%s[31m đỏ\n' "$ESC" >"$T/esc.csv"
out=$(mc holiday import "$T/esc.csv" 2>&1)
is $? 1 "a holiday import with Esc in a name is refused"
like "$out" "line 2: the name has a control character" "... naming the line"
is "$(raw "$out")" 0 "... without printing it"
is "$(q "SELECT count(*) FROM holiday WHERE day = '2026-10-14'")" 0 "... and nothing imported"
{
	grep -v '^#' "$MOTCUA_DATADIR/data/procedures.csv" | head -1
	printf '9.000001,Thủ tục%s[31m,Hộ tịch,3,working-days,,0,,,,\n' "$ESC"
} >"$T/cat.csv"
out=$(mc catalog import "$T/cat.csv" 2>&1)
is $? 1 "a catalogue with Esc in a name is refused"
is "$(raw "$out")" 0 "... without printing it"
{
	grep -v '^#' "$MOTCUA_DATADIR/data/procedures.csv" | head -1
	printf '9.000001,Thủ tục thử,Hộ tịch,3,working-days,,0,,,,"Tờ khai%s (bản chính)"\n' "$C1"
} >"$T/cat2.csv"
is "$(status mc catalog import "$T/cat2.csv")" 1 "... or a C1 control in a document's name"
bad "user add: a full name with Esc" sh -c "echo mat-khau-12345 | '$MOTCUA' user add xx --role officer --full-name 'X${ESC}[2J'"
bad "init: an office name with Esc" mc init --office 000.17.22.H56 --name "UBND${ESC}[5m"
bad "remind: a campaign text with Esc" mc remind --campaign --text "Moi${ESC}[2J" --procedure 1.004873
is "$(q "SELECT count(*) FROM sms_campaign")" 1 "... no campaign was queued"
is "$(sqlite3 "$DB" .dump | grep -c "$ESC\|$C1\|$DEL")" 0 "the whole store holds no control character"

# ---- what an older version let in is never printed raw ------------------------------
q "INSERT INTO holiday(day, name) VALUES ('2026-12-24', 'Giáng sinh${ESC}]0;pwned$(printf '\007')${ESC}[2J')"
q "UPDATE dossier SET name = 'Nguyễn${C1}2J Văn An' WHERE code = '$code'"
q "UPDATE user SET full_name = 'Cán${ESC}[31m Bộ' WHERE login = 'canbo'"
out=$(mc holiday list 2026)
is "$(raw "$out")" 0 "holiday list shows a stored Esc as '?'"
like "$out" "Giáng sinh\?\]0;pwned\?\?\[2J" "... visibly"
is "$(raw "$(mc holiday list 2026 --format tsv)")" 0 "... in TSV too"
out=$(mc show "$code")
is "$(raw "$out")" 0 "show does not print the C1 control in the name"
like "$out" "Nguyễn\?2J Văn An" "... but shows where they are"
is "$(raw "$(mc show "$code" --format tsv)")" 0 "... in TSV too"
like "$(mc holiday list 2026 --format json)" '\\u001[bB]\]0;pwned' "JSON keeps the value, escaped"
out=$(mc user list)
is "$(raw "$out")" 0 "user list shows a stored Esc in a full name as '?'"
like "$out" "Cán\?\[31m Bộ" "... visibly"
out=$(mc search "An${ESC}" 2>&1)
is "$(raw "$out")" 0 "a search for a control character prints none"
out=$(mc "cmd${ESC}[2J" 2>&1)
is "$(raw "$out")" 0 "an unknown command's name is not echoed raw"

done_testing
