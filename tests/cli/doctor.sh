# doctor.sh -- motcua doctor on a healthy office (exit 0, an ok line per area, in
# Vietnamese by default), then every check failing in turn, each with its line and
# what to do: the store's files open to others (database, -wal, forms), a log grown
# wild, a damaged, foreign, newer or missing store, a full disk (a small tmpfs), a
# modem stale, without SIM or with a weak signal, failed and long-waiting SMS, a clock
# behind the newest event ($MOTCUA_NOW) or in a wrong year, a printer disabled or
# unknown or without lpstat (a stand-in lpstat first in PATH, run without a shell),
# an old, missing or readable backup; the province link, against a real hub on a
# throwaway PostgreSQL (what motcua-sync's last run recorded): not set up, the hub
# stopped, the backlog growing, the last success hours or days ago, the token revoked
# (motcua-hub office revoke) then replaced, events set aside (a store restored from an
# old copy); TSV and JSON.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../sync/lib.sh"
unset MOTCUA_LANG	# sync/lib.sh speaks English; doctor's default is Vietnamese

# The store on a file system of its own with room to spare (a tmpfs of 2 GB takes
# memory only for what is written), so that the free space check is the same on
# every machine.
if mount_tmpfs "$T/fs" 2g; then
	DB=$T/fs/motcua.db
	export MOTCUA_DB=$DB
	MOUNTED=1
else
	MOUNTED=0
fi
setup_office
chmod 660 "$DB"
mkdir -m 750 "$T/bk" "$T/bin" "$(dirname "$DB")/forms"
printf '[backup]\ndir = %s\n' "$T/bk" >"$T/motcua.conf"
export MOTCUA_CONF=$T/motcua.conf
code=$(mc intake --procedure 1.001193 --name "Nguyễn Văn Ân" --phone 0912345678)
mc event "$code" note --note "đã kiểm tra" >/dev/null
mc print "$code" --output "$(dirname "$DB")/forms/$code-mau01.txt"
chmod 640 "$(dirname "$DB")/forms/$code-mau01.txt"
mc backup >/dev/null
q() { sqlite3 -cmd ".timeout 10000" "$DB" "$@"; }
q "INSERT INTO modem_health(modem, updated_at, state, signal, operator, balance, balance_at)
	VALUES ('dummy1', datetime('now', 'localtime'), 'ok', 62, 'Viettel', 'TKC 52000d',
	datetime('now', 'localtime', '-1 hour'));
   INSERT OR REPLACE INTO setting(key, value) VALUES ('printer', 'Quay_1')"
# A stand-in lpstat: its arguments and locale, and what CUPS says of three printers.
cat >"$T/bin/lpstat" <<EOF
#!/bin/sh
echo "\$* LC_ALL=\$LC_ALL" >>"$T/lpstat.args"
case \$2 in
Quay_1) echo "printer Quay_1 is idle.  enabled since Mon 12 Oct 2026 09:00:00 AM" ;;
Tat) printf 'printer Tat disabled since Mon 12 Oct 2026 09:00:00 AM -\n\tPaused\n' ;;
*) echo "lpstat: Invalid destination name in list \"\$2\"." >&2; exit 1 ;;
esac
EOF
chmod +x "$T/bin/lpstat"
export PATH="$T/bin:$PATH"
# The province: a hub on a throwaway PostgreSQL, this office on it, one sync.
OFFICE=000.17.22.H56
# sync [ARGS]: motcua-sync --once for the office; its output in $T/sync.out.
sync() { "$SYNC" --db "$DB" --once --quiet "$@" >"$T/sync.out" 2>&1; }
if pg_start && hub_start hub && hub_office doc "$OFFICE" && sync --hub "$HUB_URL" --token "$TOKEN_doc" --save; then
	HAVE_HUB=1
else
	HAVE_HUB=0
	echo "# no PostgreSQL or no hub: the province link's checks are not tried"
fi

doctor() { mc doctor --format tsv "$@" 2>&1; }
# finding LEVEL CHECK [OUT]: the messages of that level and check in TSV output OUT.
finding() { printf '%s\n' "${3:-$out}" | awk -F'\t' -v l="$1" -v c="$2" '$1 == l && $3 == c { print $4 " | " $5 }'; }

# ---- a healthy office --------------------------------------------------------------
text=$(mc doctor)
is "$?" 0 "a healthy office: exit 0"
like "$text" "^tốt +cơ sở dữ liệu: cơ sở dữ liệu .* mở được" "Vietnamese by default, one line each"
like "$text" "[0-9]+ lỗi, [0-9]+ cần chú ý, [0-9]+ tốt\.$" "... ending with the counts"
out=$(doctor)
is "$(printf '%s\n' "$out" | head -1)" "$(printf 'level\tarea\tcheck\tmessage\tfix')" "TSV: level, area, check, message, fix"
hubs="hub.setup hub.last hub.reach hub.token hub.backlog hub.setaside"
[ "$HAVE_HUB" = 1 ] || hubs=""
is "$(printf '%s\n' "$out" | awk -F'\t' -v h="$HAVE_HUB" 'NR > 1 && $1 != "ok" && (h || $2 != "hub") { print $3 ": " $4 }')" "" \
	"nothing but ok lines"
for c in store.mode store.open store.integrity store.schema store.disk modem.report modem.signal \
    modem.credit sms.failed sms.queue clock.year clock.events printer backup.age $hubs; do
	ok "$([ -n "$(finding ok "$c")" ]; echo $?)" "ok: $c ($(finding ok "$c" | head -1 | cut -c1-70))"
done
like "$(finding ok printer)" "Quay_1: sẵn sàng" "the printer is asked for by name"
is "$(tail -n 1 "$T/lpstat.args")" "-p Quay_1 LC_ALL=C" "... with lpstat -p NAME in the C locale"
if [ "$MOUNTED" = 1 ]; then
	like "$(finding ok store.disk)" " 2\.0 GB " "free space is that of the store's file system"
else
	ok 0 "# SKIP no tmpfs could be mounted: free space not pinned"
fi
json=$(mc doctor --format json)
is "$(printf '%s' "$json" | python3 -c 'import json, sys
d = json.load(sys.stdin)
print(len(d), sorted(d[0].keys()), d[0]["level"])')" \
	"$(printf '%s\n' "$out" | tail -n +2 | wc -l) ['area', 'check', 'fix', 'level', 'message'] ok" \
	"JSON: an array of findings with the same fields"
is "$(status mc doctor extra)" 2 "doctor takes no arguments"
mc init --office 000.17.22.H56 --name "UBND xã Tân Lập" --language en >/dev/null

# ---- the province hub --------------------------------------------------------------
# What motcua-sync's last run recorded in the store, each case made by a real run.
MOTCUA_DB=$T/nosync.db mc init --office 000.17.23.H56 --name "UBND xã Bên" >/dev/null
out=$(doctor --db "$T/nosync.db")
like "$(finding warn hub.setup)" "^chưa thiết lập đồng bộ với tỉnh.*\| .*motcua-sync --hub URL --token MÃ_TRUY_CẬP --once --save" \
	"sync not set up: a warning, and how to set it up (in the office's Vietnamese)"
is "$(status mc doctor --db "$T/nosync.db")" 0 "... a warning only: exit 0"
if [ "$HAVE_HUB" = 1 ]; then
	out=$(doctor)
	like "$(finding ok hub.setup)$(finding ok hub.reach)" "hub http://127.0.0.1:$HUB_PORT is set up.*hub answered the last run" \
		"set up, and the hub answered"
	# The hub stopped: the last run cannot reach it.
	HUB_PORT_WANTED=$HUB_PORT
	hub_stop "$HUB_PID"
	mc intake --procedure 1.001193 --name "Trần Thị Bình" >/dev/null
	sync --tries 1
	is $? 1 "a run against a stopped hub fails (exit 1)"
	out=$(doctor)
	like "$(finding fail hub.reach)" "could not reach the hub http://127.0.0.1:$HUB_PORT: .*onnect.* \| check this computer's network connection" \
		"the hub unreachable in the last run: a failure, with curl's reason and what to check"
	like "$(finding ok hub.backlog)" "^1 events wait for the next sync" "... one event waits: not yet a worry"
	is "$(status mc doctor)" 1 "... exit 1"
	mc intake --procedure 1.001193 --name "Lê Văn Cường" >/dev/null
	out=$(doctor)
	like "$(finding warn hub.backlog)" "^2 events wait for the hub, more than the 1 the last run left behind: the backlog grows" \
		"a growing backlog: a warning"
	# The hub back: everything goes; the last success long ago (recorded by a run
	# whose clock said so).
	hub_start hub2
	sync
	is $? 0 "the hub back: the next run sends everything"
	out=$(doctor)
	is "$(printf '%s\n' "$out" | awk -F'\t' '$2 == "hub" && $1 != "ok" { print $3 ": " $4 }')" "" "... and the hub's checks are all ok again"
	MOTCUA_NOW=$(date -d '8 hours ago' '+%Y-%m-%d %H:%M') sync
	out=$(doctor)
	like "$(finding warn hub.last)" "the last sync with nothing pending was 8 hours ago.*\| run motcua-sync --once to see what stops it" \
		"the last sync 8 hours ago: a warning"
	MOTCUA_NOW=$(date -d '3 days ago' '+%Y-%m-%d %H:%M') sync
	out=$(doctor)
	like "$(finding fail hub.last)" "was 3 days ago" "the last sync 3 days ago: a failure"
	# The token revoked on the hub, then a new one saved.
	"$HUB" --pg "$PG" office revoke "$OFFICE" >/dev/null
	sync
	is $? 1 "a run with a revoked token fails"
	out=$(doctor)
	like "$(finding fail hub.token)" "refused this office's token in the last run .*401.* \| ask the province for a new token, then: motcua-sync --token TOKEN --save" \
		"a refused token: a failure, ask for a new one and save it"
	new=$("$HUB" --pg "$PG" office token "$OFFICE" | tail -n 1)
	sync --token "$new" --save
	is $? 0 "a new token saved"
	out=$(doctor)
	like "$(finding ok hub.token)" "accepted this office's token" "... accepted"
	# Events set aside: the store restored from an old copy writes new events under
	# numbers the hub holds with other content.
	mc backup "$T/old.db" >/dev/null
	mc intake --procedure 1.001193 --name "Phạm Thị Dung" >/dev/null
	mc intake --procedure 1.001193 --name "Hoàng Văn Em" >/dev/null
	sync
	cp "$T/old.db" "$DB"
	rm -f "$DB-wal" "$DB-shm"
	mc intake --procedure 1.001193 --name "Vũ Văn Hải" >/dev/null
	mc intake --procedure 1.001193 --name "Đỗ Thị Giang" >/dev/null
	sync
	is $? 1 "a store restored from an old copy: its clashing events are set aside"
	out=$(doctor)
	like "$(finding fail hub.setaside)" "^2 events are set aside.*\| list them with motcua-sync --status" \
		"events set aside: a failure that names how to list them"
	is "$(status mc doctor)" 1 "... exit 1"
	like "$("$SYNC" --db "$DB" --status)" "set aside \(push\) $OFFICE:" "... and motcua-sync --status lists them"
else
	ok 0 "# SKIP no PostgreSQL: the province link is not checked against a hub"
fi

# ---- the store's files -------------------------------------------------------------
# A store open to others: opening it closes it to them (store_open, as its owner or
# root), and doctor says what it found and that it is closed now.
chmod o+r "$DB"
out=$(doctor)
like "$(finding warn store.mode)" "motcua.db could be read by every account .*mode 0664.*: motcua closed it to them now" \
	"a store others could read: the mode found, closed now"
is "$(stat -c %a "$DB")" 660 "... and it is"
# -wal and -shm exist while a program holds the store.
hold_store "$DB"
chmod 644 "$DB-wal"
out=$(doctor)
like "$(finding warn store.mode)" "motcua.db-wal could be read by every account" "the write-ahead log open to others"
release_store
forms=$(dirname "$DB")/forms
chmod o+rx "$forms"
chmod o+r "$forms/$code-mau01.txt"
out=$(doctor)
like "$(finding fail store.mode)" "forms can be read by every account.*chmod -R o-rwx" "the forms folder open to others"
like "$(finding fail store.mode)" "1 files in .*forms can be read" "... and a form in it"
chmod o-rwx "$forms" "$forms/$code-mau01.txt"
out=$(doctor)
like "$(finding ok store.mode)" "folders of forms and exports" "closed again: ok"
# A folder every account may write in: the database can be deleted or replaced.
dir=$(dirname "$DB")
mode=$(stat -c %a "$dir")
chmod o+w "$dir"
out=$(doctor)
like "$(finding fail store.mode)" "may write in .*: it can delete the database or replace it.*chmod o-w " \
	"the store's folder writable by every account: a failure, and how to close it"
chmod +t "$dir"
out=$(doctor)
unlike "$(finding fail store.mode)" "may write in" "... not with the sticky bit (as /tmp: only a file's owner removes it)"
chmod "$mode" "$dir"
# A log that grew wild (a reader that never lets go): 100 MB of it.
truncate -s 100M "$DB-wal"
out=$(doctor)
like "$(finding warn store.wal)" "write-ahead log .* has grown to 100 MB" "a write-ahead log of 100 MB is a warning"
rm -f "$DB-wal" "$DB-shm"

# ---- a store that does not open, or is damaged -------------------------------------
cp "$DB" "$T/bad.db"
page=$(q "SELECT rootpage FROM sqlite_schema WHERE name = 'dossier_event'")
printf '\377\377\377\377\377\377\377\377' |
	dd of="$T/bad.db" bs=1 seek=$(( (page - 1) * $(q "PRAGMA page_size") + 3 )) conv=notrunc 2>/dev/null
out=$(doctor --db "$T/bad.db")
like "$(finding fail store.integrity)" "the database is damaged: .*Page $page.*\| .*motcua restore" \
	"a damaged page: fail, restore the newest backup"
printf 'not a database' >"$T/junk.db"
out=$(MOTCUA_LANG=en "$MOTCUA" doctor --format tsv --db "$T/junk.db" 2>&1)
like "$(finding fail store.open)" "junk.db does not open" "a file that is not a database does not open"
like "$(finding warn skipped)" "not checked: the database did not open" "... the checks that need it say so"
cp "$DB" "$T/newer.db"
sqlite3 "$T/newer.db" "PRAGMA user_version = 999"
out=$(MOTCUA_LANG=en "$MOTCUA" doctor --format tsv --db "$T/newer.db" 2>&1)
like "$(finding fail store.open)" "schema 999.*\| install the newer version" "a store of a newer motcua"
out=$(MOTCUA_LANG=en "$MOTCUA" doctor --format tsv --db "$T/none.db" 2>&1)
like "$(finding fail store.open)" "there is no database at .*none.db \| create it with 'motcua init'" "no store at all"

# ---- a full disk -------------------------------------------------------------------
if mount_tmpfs "$T/small" 1m; then
	mc backup "$T/small/motcua.db" >/dev/null
	fill "$T/small"
	out=$(doctor --db "$T/small/motcua.db")
	like "$(finding fail store.disk)" "^(0|[0-9]+) KB free on the disk of the database.*\| free space now" \
		"a full disk: fail, free space now"
	is "$(status mc doctor --db "$T/small/motcua.db")" 1 "... exit 1"
else
	ok 0 "# SKIP no tmpfs could be mounted: no full disk"
	ok 0 "# SKIP no tmpfs could be mounted: no full disk"
fi

# ---- modems ------------------------------------------------------------------------
q "UPDATE modem_health SET updated_at = datetime('now', 'localtime', '-10 minutes')"
out=$(doctor)
like "$(finding fail modem.report)" "modem dummy1: no report since .*stopped or stuck \| .*systemctl status" \
	"a modem that stopped reporting (stale health row)"
q "UPDATE modem_health SET updated_at = datetime('now', 'localtime'), state = 'no-sim'"
out=$(doctor)
like "$(finding fail modem.report)" "modem dummy1: no SIM card \| check that the SIM card" "a modem without SIM"
q "UPDATE modem_health SET state = 'ok', signal = 5, balance = NULL, balance_at = NULL"
out=$(doctor)
like "$(finding fail modem.signal)" "weak signal \(5%\)" "a weak signal"
like "$(finding warn modem.credit)" "credit was never read \| set 'balance = '" "the SIM's credit never read"
q "UPDATE modem_health SET signal = 62, balance = 'TKC 100d', balance_at = datetime('now', 'localtime', '-20 days')"
out=$(doctor)
like "$(finding warn modem.credit)" "last seen 20 days ago: TKC 100d" "the SIM's credit last seen long ago"

# ---- the SMS queue -----------------------------------------------------------------
q "INSERT INTO sms_out(number, kind, priority, body, status, created_at, error) VALUES
	('0912345678', 'notice', 1, 'a', 'failed', datetime('now', 'localtime', '-1 day'), 'CMS 500'),
	('0912345679', 'reply', 0, 'b', 'queued', datetime('now', 'localtime', '-3 hours'), NULL)"
out=$(doctor)
like "$(finding warn sms.failed)" "1 SMS failed in the last 7 days \| .*sms outbox --status failed" "a failed SMS"
like "$(finding fail sms.queue)" "an SMS has waited 3 hours" "an SMS waiting for 3 hours"
q "DELETE FROM sms_out"

# ---- the clock ---------------------------------------------------------------------
out=$(export MOTCUA_NOW='2025-06-01 08:00'; doctor)
like "$(finding fail clock.events)" "the clock is [0-9]+ days behind the newest record" \
	"a clock far behind the newest event"
is "$(export MOTCUA_NOW='2025-06-01 08:00'; status mc doctor)" 1 "... exit 1"
out=$(export MOTCUA_NOW='2003-01-01 00:00'; doctor)
like "$(finding fail clock.year)" "2003-01-01 00:00:00: the year cannot be right" "a year no clock should show"

# ---- the printer -------------------------------------------------------------------
q "UPDATE setting SET value = 'Tat' WHERE key = 'printer'"
out=$(doctor)
like "$(finding fail printer)" "printer Tat is disabled: printer Tat disabled since .* Paused \| .*cupsenable Tat" \
	"a disabled printer (what lpstat said on one line)"
q "UPDATE setting SET value = 'Khong_Co' WHERE key = 'printer'"
out=$(doctor)
like "$(finding fail printer)" "not known to CUPS: lpstat: Invalid destination" "a printer CUPS does not know"
q "UPDATE setting SET value = 'Quay_1' WHERE key = 'printer'"
out=$(export PATH="$T/nowhere"; doctor)
like "$(finding warn printer)" "lpstat command is not installed \| install the package cups-client" \
	"no lpstat: a warning, not a failure"
q "UPDATE setting SET value = 'x;touch $T/pwned' WHERE key = 'printer'"
out=$(doctor)
like "$(finding fail printer)" "is not a printer name" "a printer name with a shell's characters is refused"
ok "$([ ! -e "$T/pwned" ]; echo $?)" "... and nothing ran it"
q "UPDATE setting SET value = 'Quay_1' WHERE key = 'printer'"

# ---- backups -----------------------------------------------------------------------
b=$(ls "$T"/bk/motcua-*.db)
touch -d '3 days ago' "$b"
out=$(doctor)
like "$(finding warn backup.age)" "is 3 days old" "a backup 3 days old: warning"
touch -d '10 days ago' "$b"
out=$(doctor)
like "$(finding fail backup.age)" "is 10 days old \| make one now" "a backup 10 days old: fail"
chmod o+r "$b"
out=$(doctor)
like "$(finding fail backup.mode)" "can be read by every account" "a backup others can read"
rm -f "$b"
out=$(doctor)
like "$(finding fail backup.age)" "there is no backup in" "no backup at all"
printf '[backup]\ndir = %s\n' "$T/usb" >"$MOTCUA_CONF"
out=$(doctor)
like "$(finding fail backup.dir)" "folder .*usb does not exist" "the backup folder missing (USB stick)"
done_testing
