# smsd-lib.sh -- what the motcua-smsd shell tests share; source it after ../lib.sh:
#
#	. "$(dirname "$0")/../lib.sh"
#	. "$(dirname "$0")/../sms/smsd-lib.sh"
#
# SMSD is the daemon next to $MOTCUA, ATSIM the simulated AT modem of the build.
# Every process started here is stopped by its PID when the test ends.

SMSD=${MOTCUA_SMSD:-$(dirname "$MOTCUA")/motcua-smsd}
ATSIM=${ATSIM:-${BUILD:-$(dirname "$MOTCUA")/../..}/tests/sms/atsim}
SMSD_PID=""
ATSIM_PID=""
at_exit 'smsd_kill; atsim_stop'

q() {	# q SQL: query the store, waiting while the daemon writes
	sqlite3 -cmd ".timeout 10000" "$DB" "$@"
}

hex16() {	# hex16 TEXT: UTF-16BE in hexadecimal, as gammu's backup files keep text
	printf '%s' "$1" | iconv -f UTF-8 -t UTF-16BE | od -An -tx1 -v | tr -d ' \n' | tr a-f A-F
}

# sms_section N NUMBER DATETIME TEXT [UDH]: one [SMSBackupN] section of a message.
sms_section() {
	printf '[SMSBackup%03d]\nSMSC = "+84980200030"\nState = UnRead\nNumber = "%s"\n' "$1" "$2"
	printf 'Coding = Unicode_No_Compression\nFolder = 1\nPDU = Deliver\nDateTime = %s\n' "$3"
	[ -n "${5:-}" ] && printf 'UDH = %s\n' "$5"
	hex16 "$4" | fold -w 200 | awk '{ printf "Text%02d = %s\n", NR - 1, $0 }'
	echo
}

# drop FILE: move a prepared file into the dummy phone's SIM inbox, atomically.
drop() {
	mkdir -p "$PHONE/sms/1"
	mv "$1" "$PHONE/sms/1/$(basename "$1")"
}

# smsd_start LOG ARGS...: the daemon in the foreground of a background job.  SMSD_PID
# is its supervisor; the work is done by a worker process it forks (smsd_worker), which
# dies with it.
smsd_start() {
	_log=$1
	shift
	"$SMSD" --db "$DB" --foreground "$@" 2>>"$_log" &
	SMSD_PID=$!
}

# smsd_stop: SIGTERM, wait up to 30 s for the daemon to end; SMSD_RC gets its exit
# status ("killed" when it had to be killed).  Not in $(...): only this shell can reap it.
smsd_stop() {
	SMSD_RC=none
	[ -n "$SMSD_PID" ] || return
	kill -TERM "$SMSD_PID" 2>/dev/null
	_ss_i=0
	while running "$SMSD_PID" && [ $_ss_i -lt 300 ]; do
		sleep 0.1
		_ss_i=$((_ss_i + 1))
	done
	if running "$SMSD_PID"; then
		kill -KILL "$SMSD_PID" 2>/dev/null
		wait "$SMSD_PID" 2>/dev/null
		SMSD_RC=killed
	else
		wait "$SMSD_PID"
		SMSD_RC=$?
	fi
	SMSD_PID=""
}

smsd_worker() {	# smsd_worker: the PID of the daemon's worker process (none while it restarts)
	cat /proc/"$SMSD_PID"/task/*/children 2>/dev/null | awk '{ print $1 }'
}

smsd_cpu() {	# smsd_cpu: whole seconds of CPU the daemon used (supervisor, workers)
	_sc=$(awk '{ print $14 + $15 + $16 + $17 }' "/proc/$SMSD_PID/stat" 2>/dev/null)
	for _sp in $(smsd_worker); do
		_sc=$((_sc + $(awk '{ print $14 + $15 }' "/proc/$_sp/stat" 2>/dev/null || echo 0)))
	done
	echo $((_sc / $(getconf CLK_TCK)))
}

smsd_kill() {
	[ -n "$SMSD_PID" ] && kill -KILL "$SMSD_PID" 2>/dev/null && wait "$SMSD_PID" 2>/dev/null
	SMSD_PID=""
}

# atsim_start [ARGS]: the simulated modem; PTS gets its pseudo-terminal, CTL its FIFO,
# WIRE its log of what went over the air.
atsim_start() {
	CTL=$T/atsim.ctl
	WIRE=$T/wire.log
	: >"$WIRE"
	"$ATSIM" --ctl "$CTL" --log "$WIRE" "$@" >"$T/atsim.out" 2>"$T/atsim.err" &
	ATSIM_PID=$!
	wait_until 5 '[ -s "$T/atsim.out" ]' || return 1
	PTS=$(head -n 1 "$T/atsim.out")
}

# atsim_rc FILE NAME [LINE...]: a gammurc for the simulated modem started with
# atsim_start --listen "$T/sock" (a proxyat connection), the daemon's modem NAME and
# the [motcua-smsd] lines given.
atsim_rc() {
	_ar_file=$1
	_ar_name=$2
	shift 2
	{
		printf '[gammu]\ndevice = %s --relay %s\nconnection = proxyat\n\n' "$ATSIM" "$T/sock"
		printf '[motcua-smsd]\nname = %s\n' "$_ar_name"
		for _ar_line; do printf '%s\n' "$_ar_line"; done
	} >"$_ar_file"
}

atsim() {	# atsim COMMAND...: tell the simulated modem
	echo "$*" >"$CTL"
}

atsim_stop() {
	[ -n "$ATSIM_PID" ] && kill -TERM "$ATSIM_PID" 2>/dev/null && wait "$ATSIM_PID" 2>/dev/null
	ATSIM_PID=""
}

# The store's settings for tests: no quiet hours, quick retries.
sms_settings() {
	q "INSERT OR REPLACE INTO setting(key, value) VALUES ('sms.quiet', 'off'),
		('sms.retry_seconds', '${1:-1}'), ('sms.max_attempts', '${2:-3}');"
}
