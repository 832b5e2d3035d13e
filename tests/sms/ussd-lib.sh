# ussd-lib.sh -- motcua-ussd started and stopped for the USSD tests (ussd.sh,
# ussd-stall.sh).  Source it after lib.sh with $USSD (the program) and $DB set.

# ussd_start NAME ARGS...: motcua-ussd in the foreground of a background job, on a free
# port of 127.0.0.1 unless ARGS say --listen, logging to $T/NAME.log; waits for its
# "listening on" line; sets PID and PORT and adds PID to PIDS.  1 if it died.
ussd_start() {
	_name=$1
	shift
	"$USSD" --db "$DB" --foreground --listen 127.0.0.1:0 "$@" 2>>"$T/$_name.log" &
	PID=$!
	PIDS="$PIDS $PID"
	_i=0
	while ! grep -q 'listening on' "$T/$_name.log" 2>/dev/null; do
		running "$PID" && [ $_i -lt 100 ] || return 1
		sleep 0.1
		_i=$((_i + 1))
	done
	PORT=$(sed -n 's/.*listening on .*:\([0-9]*\).*/\1/p' "$T/$_name.log" | tail -1)
}

# ussd_stop PID: SIGTERM, then up to 20 s; RC its exit status ("killed" if it had to be).
ussd_stop() {
	kill -TERM "$1" 2>/dev/null
	_i=0
	while running "$1" && [ $_i -lt 200 ]; do
		sleep 0.1
		_i=$((_i + 1))
	done
	if running "$1"; then
		kill -KILL "$1" 2>/dev/null
		wait "$1" 2>/dev/null
		RC=killed
	else
		wait "$1"
		RC=$?
	fi
}
