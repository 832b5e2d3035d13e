# output.sh -- what programs read.  TSV and JSON are data: exact UTF-8 whatever the
# locale (env -i, LC_ALL=C, POSIX, a UTF-8 locale), only text for people is unaccented
# outside UTF-8.  Every command prints one JSON document of typed values (numbers,
# booleans, null, ISO 8601 times with the office's offset), a key has the same type in
# every command, TSV headers are the JSON keys, and doc/motcua.1 lists every key.
. "$(dirname "$0")/../lib.sh"
setup_office
export MOTCUA_NOW='2026-10-12 09:00'	# a Monday with no holiday near
q() { sqlite3 "$DB" "$1"; }
DOC=$(cd "$(dirname "$0")/../../doc" && pwd)

c1=$(mc intake --procedure 1.001193 --name "Nguyễn Văn Ân" --id 001090012345 --phone 0912345678 \
	--address "Thôn Đông, xã Tân Lập" --sms yes)
c2=$(mc intake --procedure 1.004873 --name "Trần Thị Bình" --phone 0987654321 --sms yes)
mc event "$c2" supplement-requested --items "Bản sao CCCD" --reason "Thiếu giấy tờ" >/dev/null
mc event "$c1" result-ready >/dev/null
q "INSERT INTO sms_in(modem, number, smsc_time, received_at, body) VALUES ('m1', '+84912345678', '2026-10-12T02:00:00Z', '2026-10-12 09:00:00', 'HS 261012-0001')"
q "INSERT INTO modem_health(modem, updated_at, state, signal, operator, balance, sent_today, failed_today) VALUES ('m1', '2026-10-12 08:59:00', 'ok', 71, 'Viettel', 'TKC 12.000đ', 4, 1)"
mc --user admin remind --campaign --text "Xã Tân Lập: hồ sơ {code}" --status 5 >/dev/null
ok $? "a campaign to report on"

# The commands that read, one a line (words split at spaces; _ stands for a space).
cat >"$T/commands" <<EOF
search nguyen
search $c1
show $c1
show $c2
catalog list
catalog list khai_sinh
catalog show 1.001193
holiday list 2026
user list
sms outbox
sms inbox
sms modems
sms campaign
remind due-tomorrow --dry-run
remind --campaign --text Thông_báo_{code} --status 5 --dry-run
report book --from 2026-10-12 --to 2026-10-12
report ontime
report overdue
report fees
due 1.004873 2026-10-12_09:00
due 1.004873 2029-12-28_09:00
check
EOF
# run ENV ARGS...: motcua in a bare environment (plus ENV, "" none), stderr dropped.
run() {
	e=$1
	shift
	set -- MOTCUA_DB="$DB" MOTCUA_NOW="$MOTCUA_NOW" MOTCUA_LOCALEDIR="${MOTCUA_LOCALEDIR:-}" \
		MOTCUA_DATADIR="$MOTCUA_DATADIR" ${e:+"$e"} "$MOTCUA" "$@"
	env -i "$@" 2>/dev/null
}

n=0
while IFS= read -r line; do
	n=$((n + 1))
	old=$IFS
	IFS='
'
	# shellcheck disable=SC2046
	set -- $(printf '%s\n' "$line" | tr ' ' '\n' | tr '_' ' ')
	IFS=$old
	for f in tsv json; do
		run LC_ALL=C.UTF-8 --format $f "$@" >"$T/ref" </dev/null
		diffs=""
		for e in "" LC_ALL=C LC_ALL=POSIX LANG=C LANG=en_US.ISO-8859-1; do
			run "$e" --format $f "$@" >"$T/got" </dev/null
			cmp -s "$T/ref" "$T/got" || diffs="$diffs [${e:-env -i}]"
		done
		is "$diffs" "" "$line --format $f: the same bytes in every locale"
		cp "$T/ref" "$T/out.$n.$f"
	done
	printf '%s\n' "$line" >"$T/out.$n.cmd"
done <"$T/commands"
like "$(cat "$T/out.1.json")" "Nguyễn Văn Ân" "... with the accents (search)"
like "$(run LC_ALL=C --format tsv show "$c2")" "Trần Thị Bình" "... show as TSV in the C locale"
like "$(run "" --format json search nguyen)" "Có kết quả|Được tiếp nhận" "... the status too, under env -i"
like "$(run LC_ALL=C search nguyen)" "Nguyen Van An" "text for people is unaccented in the C locale"
unlike "$(run LC_ALL=C search nguyen)" "Nguyễn" "... entirely"
like "$(run LC_ALL=C.UTF-8 search nguyen)" "Nguyễn Văn Ân" "... and accented in a UTF-8 locale"
w=$(env -i MOTCUA_DB="$DB" MOTCUA_LOCALEDIR="${MOTCUA_LOCALEDIR:-}" "$MOTCUA" --format json due 1.000419 '2029-12-28 09:00' 2>&1 >/dev/null)
like "$w" "2029" "due warns that the holidays of 2029 are not known"
is "$(printf '%s' "$w" | LC_ALL=C tr -d '\040-\176' | wc -c)" 0 "... in words a C-locale terminal shows (unaccented)"

# Commands that write: each prints one document for programs, exact in any locale.
j=$(run LC_ALL=C --format json intake --procedure 1.004873 --name "Lê Thị Ánh" --phone 0977000111)
printf '%s\n' "$j" >"$T/w.1.json"; echo "intake" >"$T/w.1.cmd"
like "$j" '"name": "Lê Thị Ánh"' "intake --format json in the C locale keeps the accents"
c3=$(printf '%s\n' "$j" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["code"])')
is "$c3" "000.17.22.H56-261012-0003" "... and gives the new dossier's code"
is "$(run "" --format tsv intake --procedure 1.004873 --name "Đỗ Văn Đức" | head -1)" \
	"$(printf 'code\tname\tprocedure\tstatus\treceived_at\tdue_at\tstatus_code')" "intake --format tsv: a header and a row"
run LC_ALL=C --format json event "$c3" note --note "Gọi điện" >"$T/w.2.json"; echo "event" >"$T/w.2.cmd"
like "$(cat "$T/w.2.json")" '"code": "'"$c3"'"' "event --format json: the dossier as it stands"
printf 'code,name,field,time,unit,cutoff,fee,fee_rule,group,agency,documents\n9.000001,Thủ tục thử,Thử,3,working-days,,0,,,,Đơn (bản chính)\n' >"$T/cat.csv"
run LC_ALL=C --format json catalog import "$T/cat.csv" >"$T/w.3.json"; echo "catalog import" >"$T/w.3.cmd"
printf 'date,name\n2031-01-01,Tết Dương lịch\n' >"$T/hol.csv"
run LC_ALL=C --format json holiday import "$T/hol.csv" >"$T/w.4.json"; echo "holiday import" >"$T/w.4.cmd"
echo "mat-khau-dai-du" | run "" --format json user add lan --role officer --full-name "Lê Thị Lan" >"$T/w.5.json"
echo "user add" >"$T/w.5.cmd"
run "" --format json user disable lan >"$T/w.6.json"; echo "user disable" >"$T/w.6.cmd"
run "" --format json export book --from 2026-10-12 --to 2026-10-12 --csv "$T/b.csv" >"$T/w.7.json"; echo "export" >"$T/w.7.cmd"
id=$(q "SELECT max(id) FROM sms_out WHERE status = 'queued'")
run "" --format json sms cancel "$id" >"$T/w.8.json"; echo "sms cancel" >"$T/w.8.cmd"
run LC_ALL=C --format json init --office 000.17.22.H56 --name "UBND xã Tân Lập" >"$T/w.9.json"; echo "init" >"$T/w.9.cmd"
like "$(cat "$T/w.9.json")" '"office_name": "UBND xã Tân Lập"' "init --format json keeps the accents in C"
run "" --format json remind --campaign --text "Hồ sơ {code}" --procedure 1.004873 >"$T/w.10.json"
echo "remind --campaign" >"$T/w.10.cmd"
MOTCUA_DB=$T/demo.db mc --format json demo --dossiers 5 >"$T/w.11.json" 2>/dev/null
echo "demo" >"$T/w.11.cmd"
like "$(cat "$T/w.11.json")" '"dossiers_added": 5' "demo --format json"

# Every JSON output: one document, typed, the same key with the same type everywhere,
# TSV headers equal to the JSON keys, every key in the man page's JSON section.
man_json=$(if command -v man >/dev/null 2>&1; then
	LC_ALL=C.UTF-8 MANWIDTH=200 man -E UTF-8 -l "$DOC/motcua.1" 2>/dev/null
else
	LC_ALL=C.UTF-8 groff -k -K utf8 -Tutf8 -man -rLL=200n "$DOC/motcua.1" 2>/dev/null
fi | sed 's/.\x08//g' | sed -n '/^JSON/,/^[A-Z]/p')
printf '%s\n' "$man_json" >"$T/man-json"
ok "$([ "$(printf '%s\n' "$man_json" | wc -l)" -gt 20 ]; echo $?)" "motcua.1 has a JSON section"
cat >"$T/check.py" <<'EOF'
import glob, json, re, sys
T = sys.argv[1]
man = open(T + "/man-json", encoding="utf-8").read()
iso = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")
ints = {"status_code", "fee", "fee_paid", "parts", "attempts", "sets", "time_value",
        "imported", "procedures", "holidays", "checked", "differ", "recipients", "queued",
        "sending", "sent", "delivered", "failed", "cancelled", "messages", "finished",
        "early", "on_time", "late", "working_days_late", "payments", "amount", "no",
        "signal", "battery", "sent_today", "failed_today", "most_parts", "max_parts",
        "too_long", "skipped_opted_out", "skipped_same_phone", "skipped_no_consent",
        "skipped_reminded", "reply", "campaign", "dossiers_added", "events_added"}
bools = {"overdue", "sms", "provisional", "holidays_known", "stale", "dry_run", "integrity"}
reals = {"on_time_pct", "avg_working_days"}
types, problems, keys = {}, [], set()
def name(v):
    return {dict: "object", list: "array", str: "string", bool: "bool", int: "int",
            float: "number", type(None): "null"}[type(v)]
def walk(v, where, cmd):
    if isinstance(v, list):
        for x in v:
            walk(x, where, cmd)
        return
    if not isinstance(v, dict):
        return
    for k, x in v.items():
        keys.add(k)
        if not re.match(r"^[a-z][a-z0-9_]*$", k):
            problems.append("%s: key %r is not snake_case" % (cmd, k))
        t = name(x)
        if k.endswith("_at") and x is not None and not (isinstance(x, str) and iso.match(x)):
            problems.append("%s: %s=%r is not an ISO 8601 time with offset" % (cmd, k, x))
        if k in ints and not (x is None or t == "int"):
            problems.append("%s: %s=%r is not a whole number" % (cmd, k, x))
        if k in bools and not (x is None or t == "bool"):
            problems.append("%s: %s=%r is not a boolean" % (cmd, k, x))
        if k in reals and not (x is None or t in ("int", "number")):
            problems.append("%s: %s=%r is not a number" % (cmd, k, x))
        if t == "number" and k not in reals:
            problems.append("%s: %s=%r is a decimal" % (cmd, k, x))
        if t != "null" and k != "id":	# an event's id is text, a message's a number
            types.setdefault(k, {}).setdefault(t, cmd)
        if k != "details":		# an event's stored details, as recorded
            walk(x, where + "." + k, cmd)
docs = 0
for f in sorted(glob.glob(T + "/out.*.json") + glob.glob(T + "/w.*.json")):
    cmd = open(f[:-5] + ".cmd", encoding="utf-8").read().strip()
    text = open(f, encoding="utf-8").read()
    try:
        doc = json.loads(text)	# one document: extra data is an error
    except ValueError as e:
        problems.append("%s: not one JSON document: %s" % (cmd, e))
        continue
    docs += 1
    walk(doc, "", cmd)
    tsv = f[:-5] + ".tsv"
    if isinstance(doc, list) and doc and glob.glob(tsv):
        head = open(tsv, encoding="utf-8").readline().rstrip("\n").split("\t")
        if head != list(doc[0].keys()):
            problems.append("%s: TSV header %s, JSON keys %s" % (cmd, head, list(doc[0].keys())))
for k, ts in types.items():
    if len(ts) > 1:
        problems.append("key %r has several types: %s" % (k, ts))
for k in sorted(keys):
    if not re.search(r"(^|[^a-z_])" + k + r"([^a-z_]|$)", man):
        problems.append("key %r is not in motcua.1's JSON section" % k)
print("%d documents, %d keys" % (docs, len(keys)))
for p in problems:
    print("problem: " + p)
EOF
res=$(python3 "$T/check.py" "$T")
like "$res" "^3[0-9] documents" "every command's JSON parses as one document ($(printf '%s\n' "$res" | head -1))"
is "$(printf '%s\n' "$res" | grep '^problem' | head -20)" "" \
	"typed values, one type per key, snake_case keys, TSV headers = JSON keys, all in motcua.1"

# Values as programs want them.
py() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
is "$(mc show "$c1" --format json | py 'd["status_code"], d["overdue"], d["fee"], d["sms"], d["group"], d["received_at"], len(d["events"])')" \
	"9 False 0 True None 2026-10-12T09:00:00+07:00 2" "show: numbers, booleans, null, times with +07:00, the history inside"
is "$(mc show "$c1" --format json | py 'd["events"][0]["details"]["name"]')" "Nguyễn Văn Ân" "... an event's details as an object"
is "$(mc sms inbox --format json | py 'd[0]["sent_at"], d[0]["received_at"], d[0]["reply"]')" \
	"2026-10-12T02:00:00+00:00 2026-10-12T09:00:00+07:00 None" "the network's time stamp is UTC, ours the office's"
is "$(mc due 1.004873 '2026-10-12 09:00' --format json | py 'd["due_at"], d["provisional"], d["holidays_known"]')" \
	"2026-10-15T17:00:00+07:00 False True" "due --format json is a record"
is "$(mc due 1.004873 '2026-10-12 09:00')" "2026-10-15 17:00" "due as text is the time alone, as before"
q "INSERT OR REPLACE INTO setting(key, value) VALUES ('timezone', 'UTC')"
is "$(mc show "$c1" --format json | py 'd["received_at"]')" "2026-10-12T09:00:00+00:00" \
	"the offset is the office's time zone setting's"
if [ -f /usr/share/zoneinfo/Asia/Tokyo ]; then
	q "UPDATE setting SET value = 'Asia/Tokyo' WHERE key = 'timezone'"
	is "$(mc show "$c1" --format json | py 'd["received_at"]')" "2026-10-12T09:00:00+09:00" "... Asia/Tokyo"
fi
q "DELETE FROM setting WHERE key = 'timezone'"
is "$(mc show "$c1" --format tsv | awk -F'\t' '$1 == "overdue" || $1 == "sms" { print $2 }' | tr '\n' ' ')" \
	"false true " "TSV booleans are true and false"
like "$(mc show "$c1")" "(SMS notices|SMS): +(có|yes)" "text booleans are words"
is "$(status mc print "$c1" --format json)" 2 "print writes a form: --format json is refused"
# A procedure's official name may run to 1,200 characters: text tables cut a column at
# 60 terminal columns with "...", TSV and JSON keep it whole.
long=$(mc catalog list --format tsv | awk -F'\t' '$1 == "1.013962" { print $2 }')
[ "${#long}" -gt 1000 ]
ok $? "the catalogue holds a name of over 1,000 characters (1.013962)"
row=$(mc catalog list | grep '^1\.013962')
like "$row" "^1\.013962 +Giao đất ở có thu tiền sử dụng đất.*\.\.\. +Đất đai" \
	"text: the long name is cut with '...' and the next column follows"
[ "$(printf '%s' "$row" | wc -m)" -lt 200 ]
ok $? "... the row stays short"
done_testing
