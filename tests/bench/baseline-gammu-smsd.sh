#!/usr/bin/env bash
# baseline-gammu-smsd.sh -- the yardstick for tests/bench/smsd.sh: how fast does the
# stack an office could assemble from stock Debian packages answer SMS status queries?
#
#   gammu-smsd (files backend) on Gammu's dummy phone (a directory)
#     RunOnReceive = a POSIX sh script, one process per message: the dossier code
#     taken from the text with grep, looked up with the sqlite3 command, the reply
#     queued with gammu-smsd-inject
#   gammu-smsd then sends the reply (the dummy phone takes it at once) and moves its
#   file to the sent folder.
#
# The dossiers are a table of its own (code, status, due date; N_DOSSIERS rows), the
# messages ask for one code each ("TRACUU <code>"), every UNKNOWN_EVERY-th one for a
# code that does not exist.  Two ways the messages arrive:
#   RATE=0  all N_MSG are in the phone before gammu-smsd starts (latency from its start)
#   RATE=r  a feeder moves one in every 1/r s while it runs (latency from each arrival)
# Times come from the files: an outbox file's birth time is when RunOnReceive queued
# the reply, its change time when gammu-smsd moved it to sent/ (it rewrites the file
# when sending, so the modification time says nothing).
#
# Knobs (defaults): N_DOSSIERS (100000) N_MSG (300) UNKNOWN_EVERY (10) RATE (0)
# TIMEOUT_S (75: the longest wait for the replies) KEEP (0; 1 keeps the work folder);
# gammu-smsd's own: RECEIVE_FREQUENCY (1) COMM_TIMEOUT (0) LOOP_SLEEP (0)
# STATUS_FREQUENCY (0).  With these it runs as fast as it can (gammu-smsdrc(5)):
# LoopSleep 0 (it sends one message a turn of its loop), CommTimeout 0, no status
# queries; ReceiveFrequency 1 is its best (0 walks the dummy phone every turn, slower).
#
# Every process started here is stopped by its PID; gammu-smsd runs in a session of
# its own, so that a RunOnReceive child still running goes with it.  The last line of
# output is the summary, "... = R msg/s", which smsd.sh reads.
set -euo pipefail
export LC_ALL=C

N_DOSSIERS=${N_DOSSIERS:-100000}
N_MSG=${N_MSG:-300}
UNKNOWN_EVERY=${UNKNOWN_EVERY:-10}
RATE=${RATE:-0}
TIMEOUT_S=${TIMEOUT_S:-75}
KEEP=${KEEP:-0}
RECEIVE_FREQUENCY=${RECEIVE_FREQUENCY:-1}
COMM_TIMEOUT=${COMM_TIMEOUT:-0}
LOOP_SLEEP=${LOOP_SLEEP:-0}
STATUS_FREQUENCY=${STATUS_FREQUENCY:-0}

for tool in gammu-smsd gammu-smsd-inject sqlite3 awk setsid stat; do
	command -v "$tool" >/dev/null ||
		{ echo "missing: $tool (apt-get install gammu gammu-smsd sqlite3)" >&2; exit 2; }
done

W=$(mktemp -d /tmp/bench-baseline.XXXXXX)
PHONE=$W/phone
SPOOL=$W/spool
DB=$W/dossiers.db
RC=$W/smsdrc
SMSD_PID=""
FEED_PID=""
mkdir -p "$PHONE/sms/1" "$W/pending" "$SPOOL/inbox" "$SPOOL/outbox" "$SPOOL/sent" "$SPOOL/error"

halt() {	# halt PID [group]: TERM, up to 3 s, then KILL (the process group too)
	[ -n "$1" ] || return 0
	kill -TERM "$1" 2>/dev/null || return 0
	for _ in $(seq 30); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
	kill -KILL "$1" 2>/dev/null || true
	if [ -n "${2:-}" ]; then kill -KILL -- "-$1" 2>/dev/null || true; fi
	wait "$1" 2>/dev/null || true
}
finish() {
	halt "$FEED_PID"
	halt "$SMSD_PID" group
	FEED_PID="" SMSD_PID=""
	if [ "$KEEP" = 1 ]; then echo "kept $W" >&2; else rm -rf "$W"; fi
}
trap finish EXIT
trap 'exit 130' INT TERM
now() { echo "$EPOCHREALTIME"; }
minus() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a - b }'; }

# ---------------------------------------------------------------- the dossiers
# Row i gets the code 000.<17 + i/280000>.22.H56-2611<DD>-<i % 10000>, DD = 1 + (i /
# 10000) % 28: unique for any size, and days 29-31 never exist (the unknown codes).
t=$(now)
sqlite3 "$DB" >/dev/null <<SQL
PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
CREATE TABLE dossier(code TEXT PRIMARY KEY, status TEXT, due TEXT);
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < $N_DOSSIERS)
INSERT INTO dossier SELECT
	printf('000.%02d.22.H56-2611%02d-%04d', 17 + i / 280000, 1 + (i / 10000) % 28, i % 10000),
	CASE (i * 7919) % 6 WHEN 0 THEN 'Da tiep nhan' WHEN 1 THEN 'Dang xu ly'
		WHEN 2 THEN 'Cho bo sung' WHEN 3 THEN 'Da co ket qua'
		WHEN 4 THEN 'Da tra ket qua' ELSE 'Tre han' END,
	strftime('%d/%m/%Y', '2026-11-01', '+' || (i % 90) || ' days')
FROM n;
SQL
echo "db: $(sqlite3 "$DB" 'SELECT count(*) FROM dossier') dossiers made in $(minus "$(now)" "$t") s"

# ---------------------------------------------------------------- the messages
# Message k comes from +849<k in 8 digits> (which also keeps the files backend's inbox
# names apart).  asked.tsv: number, code asked, to check the replies against.
dest=$PHONE/sms/1
[ "$RATE" != 0 ] && dest=$W/pending
awk -v n="$N_MSG" -v nd="$N_DOSSIERS" -v every="$UNKNOWN_EVERY" -v dir="$dest" -v asked="$W/asked.tsv" '
function code(i) { return sprintf("000.%02d.22.H56-2611%02d-%04d", 17 + int(i / 280000), 1 + int(i / 10000) % 28, i % 10000) }
function utf16(s,   r, j) { r = ""; for (j = 1; j <= length(s); j++) r = r sprintf("%04X", ord[substr(s, j, 1)]); return r }
BEGIN {
	for (c = 32; c < 127; c++) ord[sprintf("%c", c)] = c
	for (k = 1; k <= n; k++) {
		if (every > 0 && k % every == 0)
			cd = sprintf("000.17.22.H56-2611%02d-%04d", 29 + k % 3, k % 10000)
		else
			cd = code((k * 7919 + 13) % nd)
		num = sprintf("+849%08d", k)
		f = dir "/" k
		printf "[SMSBackup000]\nSMSC = \"+84980200030\"\nState = UnRead\nNumber = \"%s\"\n", num > f
		printf "Coding = Unicode_No_Compression\nFolder = 1\nPDU = Deliver\n" > f
		printf "DateTime = 20261123T080000Z\nText00 = %s\n", utf16("TRACUU " cd) > f
		close(f)
		printf "%s\t%s\n", num, cd > asked
	}
}'
echo "messages: $N_MSG, one in $UNKNOWN_EVERY asking for an unknown code ($([ "$RATE" = 0 ] && echo "all waiting at start" || echo "arriving at $RATE/s"))"

# ---------------------------------------------------------------- RunOnReceive
# As an administrator would write it; gammu-smsd gives the decoded message in
# SMS_1_NUMBER and SMS_1_TEXT and waits for the script before it does anything else.
cat >"$W/on-receive.sh" <<EOF
#!/bin/sh
code=\$(printf '%s\n' "\$SMS_1_TEXT" | grep -oE '[0-9]{3}\\.[0-9]{2}\\.[0-9]{2}\\.[A-Z][0-9]{2}-[0-9]{6}-[0-9]{4}' | head -n 1)
if [ -z "\$code" ]; then
	reply="Cu phap: TRACUU <ma ho so>"
else	# (the pattern admits nothing that could break the SQL)
	row=\$(sqlite3 -batch -noheader -separator '|' '$DB' "SELECT status, due FROM dossier WHERE code = '\$code'")
	if [ -n "\$row" ]; then reply="Ho so \$code: \${row%%|*}, hen tra \${row#*|}"
	else reply="Khong tim thay ho so \$code"; fi
fi
exec gammu-smsd-inject -c '$RC' TEXT "\$SMS_1_NUMBER" -text "\$reply" >/dev/null
EOF
chmod +x "$W/on-receive.sh"

cat >"$RC" <<EOF
[gammu]
model = dummy
connection = none
device = $PHONE

[smsd]
Service = files
InboxPath = $SPOOL/inbox/
OutboxPath = $SPOOL/outbox/
SentSMSPath = $SPOOL/sent/
ErrorSMSPath = $SPOOL/error/
LogFile = $W/smsd.log
DebugLevel = 0
RunOnReceive = $W/on-receive.sh
ReceiveFrequency = $RECEIVE_FREQUENCY
CommTimeout = $COMM_TIMEOUT
LoopSleep = $LOOP_SLEEP
StatusFrequency = $STATUS_FREQUENCY
CheckSecurity = 0
CheckBattery = 0
CheckSignal = 0
CheckNetwork = 0
SendTimeout = 10
EOF

# ---------------------------------------------------------------- the run
T0=$(now)
setsid gammu-smsd -c "$RC" >"$W/smsd.out" 2>&1 &
SMSD_PID=$!
if [ "$RATE" != 0 ]; then
	(
		trap 'exit 0' TERM
		t0=${T0/./}
		for ((k = 1; k <= N_MSG; k++)); do
			d=$((t0 + (k - 1) * 1000000 / RATE - ${EPOCHREALTIME/./}))
			((d > 0)) && sleep "$(printf '%d.%06d' $((d / 1000000)) $((d % 1000000)))"
			mv "$W/pending/$k" "$PHONE/sms/1/$k"
			printf '+849%08d\t%s\n' "$k" "$EPOCHREALTIME" >>"$W/arrived.tsv"
		done
	) &
	FEED_PID=$!
fi
shopt -s nullglob
status=ok
while :; do
	sent=("$SPOOL"/sent/OUT*)
	[ "${#sent[@]}" -ge "$N_MSG" ] && break
	kill -0 "$SMSD_PID" 2>/dev/null || { status=SMSD-DIED; break; }
	awk -v t="$(now)" -v t0="$T0" -v lim="$TIMEOUT_S" 'BEGIN { exit !(t - t0 >= lim) }' &&
		{ status=TIMEOUT; break; }
	sleep 0.1
done
T1=$(now)
# gammu-smsd's peak memory, and CPU: its own and its RunOnReceive children's
HWM=$(awk '/^VmHWM/ { print $2 " " $3 }' "/proc/$SMSD_PID/status" 2>/dev/null || echo "n/a")
CPU=$(awk -v hz="$(getconf CLK_TCK)" '{ printf "gammu-smsd %.2f s, RunOnReceive %.2f s", ($14 + $15) / hz, ($16 + $17) / hz }' \
	"/proc/$SMSD_PID/stat" 2>/dev/null || echo "n/a")
halt "$FEED_PID"
halt "$SMSD_PID" group
FEED_PID="" SMSD_PID=""

# ---------------------------------------------------------------- the figures
sent=("$SPOOL"/sent/OUT*)
n=${#sent[@]}
errors=("$SPOOL"/error/*) waiting=("$SPOOL"/outbox/OUT*) unread=("$PHONE"/sms/1/*)
echo "replies: $n in sent/ for $N_MSG messages (error/ ${#errors[@]}, outbox ${#waiting[@]}, unread in the phone ${#unread[@]}; $status)"
secs=$(minus "$T1" "$T0")
if [ "$n" -gt 0 ]; then
	# file OUTC<date>_<time>_00_<number>_sms0.smsbackup: queued (birth), sent (change)
	stat --printf='%n\t%.9W\t%.9Z\n' "$SPOOL"/sent/OUT* | sed 's|^.*/||' >"$W/times.tsv"
	[ "$RATE" = 0 ] && awk -F'\t' -v t0="$T0" '{ print $1 "\t" t0 }' "$W/asked.tsv" >"$W/arrived.tsv"
	awk -F'\t' -v t0="$T0" 'NR == FNR { at[$1] = $2; next }
		{ split($1, f, "_"); a = (f[4] in at) ? at[f[4]] : t0
		  print $3 - a, $2 - a, $3 - t0, $2 - t0 }' "$W/arrived.tsv" "$W/times.tsv" | sort -n >"$W/lat"
	pct() {	# pct COLUMN LABEL: p50, p95 and max of a column of $W/lat
		sort -n -k"$1" "$W/lat" | awk -v c="$1" -v n="$n" -v what="$2" '{ v[NR] = $c }
			END { a = int(0.5 * n + 0.5); b = int(0.95 * n + 0.5); if (a < 1) a = 1; if (b < 1) b = 1
			      printf "latency arrival -> %s: p50 %.2f s, p95 %.2f s, max %.2f s\n", what, v[a], v[b], v[n] }'
	}
	pct 1 "reply sent"
	pct 2 "reply queued by RunOnReceive"
	read -r first last <<<"$(awk '{ if (f == "" || $3 < f) f = $3; if ($3 > l) l = $3 } END { printf "%.3f %.3f", f, l }' "$W/lat")"
	secs=$last
	[ "$n" -gt 1 ] && awk -v n="$n" -v f="$first" -v l="$last" \
		'BEGIN { printf "replies sent from +%.2f s to +%.2f s after the start: %.1f ms each\n", f, l, 1000 * (l - f) / (n - 1) }'
	# Are the replies right?  The first section's text of each sent file, against the
	# table.
	awk 'BEGIN { for (i = 0; i < 16; i++) { h[sprintf("%X", i)] = i; h[sprintf("%x", i)] = i } }
		{ sub(/\r$/, "") }
		FNR == 1 { if (NR > 1) print num "\t" txt; sec = 0; num = ""; txt = "" }
		/^\[SMSBackup/ { sec++ }
		sec == 1 && /^Number = / { num = $3; gsub(/"/, "", num) }
		sec == 1 && /^Text[0-9][0-9] = / { for (j = 1; j + 3 <= length($3); j += 4) {
			c = h[substr($3, j, 1)] * 4096 + h[substr($3, j + 1, 1)] * 256 + h[substr($3, j + 2, 1)] * 16 + h[substr($3, j + 3, 1)]
			txt = txt (c >= 32 && c < 128 ? sprintf("%c", c) : "?") } }
		END { if (NR > 0) print num "\t" txt }' "$SPOOL"/sent/OUT* >"$W/replies.tsv"
	sqlite3 -batch -noheader -separator ' ' :memory: <<SQL
ATTACH '$DB' AS d;
CREATE TABLE asked(number TEXT, code TEXT);
CREATE TABLE replies(number TEXT, text TEXT);
.mode tabs
.import $W/asked.tsv asked
.import $W/replies.tsv replies
.mode list
SELECT 'correct: ' || sum(ok) || '/' || count(*) || ' replies match the table (' ||
	sum(ok AND known) || '/' || sum(known) || ' known codes, ' ||
	sum(ok AND NOT known) || '/' || sum(NOT known) || ' unknown)'
FROM (SELECT x.code IS NOT NULL AS known, r.text = CASE WHEN x.code IS NULL
		THEN 'Khong tim thay ho so ' || a.code
		ELSE 'Ho so ' || a.code || ': ' || x.status || ', hen tra ' || x.due END AS ok
	FROM replies r JOIN asked a USING (number) LEFT JOIN d.dossier x ON x.code = a.code);
SQL
fi
echo "gammu-smsd peak RSS: $HWM; CPU: $CPU"
suffix=""
[ "$status" != ok ] && suffix=" ($status)"
[ "$RATE" != 0 ] && suffix="$suffix (arriving at $RATE/s)"
awk -v n="$n" -v s="$secs" -v x="$suffix" \
	'BEGIN { printf "baseline gammu-smsd+RunOnReceive: %d replies in %.1f s = %.1f msg/s%s\n", n, s, (s > 0 ? n / s : 0), x }'
