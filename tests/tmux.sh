# tmux.sh -- drive the console in a real terminal (tmux) for the console tests.
#
# Source it after lib.sh and setup_office ($T, $DB and $MOTCUA set):
#	console SESSION COLS ROWS [ENV=VALUE...]	motcua --db $DB in a new session
#	keys SESSION KEY...	text SESSION STRING	pane SESSION
#	shows SESSION REGEX DESCRIPTION		a test: the pane comes to show REGEX
#	gone SESSION REGEX DESCRIPTION		a test: REGEX comes to leave the pane
# Screens are compared by content: every step waits (bounded by $CONSOLE_WAIT
# seconds) until the pane shows what it should, never for a fixed time.

command -v tmux >/dev/null 2>&1 || { echo "not ok 1 - tmux is not installed"; exit 1; }

# The office of the console tests: messages in English, an admin (password
# motcua-test) and an officer canbo (mat-khau-can-bo), on Monday 12/10/2026 at 09:00.
setup_console_office() {
	setup_office
	mc init --office 000.17.22.H56 --name "UBND xã Tân Lập" --language en >/dev/null
	echo "mat-khau-can-bo" | mc user add canbo --role officer --full-name "Lê Thị Cán Bộ" >/dev/null
	export MOTCUA_NOW='2026-10-12 09:00'	# a Monday with no holiday near
}

WAIT=${CONSOLE_WAIT:-30}	# seconds a step may take on a loaded machine
tm() { tmux -u -S "$T/tmux.sock" -f /dev/null "$@"; }
at_exit 'tm kill-server >/dev/null 2>&1'

# console SESSION COLS ROWS ENV...: motcua in a new tmux session of that size.  A
# loaded machine may deliver an arrow key's escape sequence in two reads: Esc waits
# 0.4 s for the rest (ESCDELAY) rather than the console's 0.1 s.
console() {
	_s=$1 _c=$2 _r=$3
	shift 3
	tm new-session -d -s "$_s" -x "$_c" -y "$_r" \
		"env ESCDELAY=400 $* '$MOTCUA' --db '$DB'; echo \"motcua exited: \$?\"; sleep 3600"
}
pane() { tm capture-pane -p -t "$1"; }
keys() { _s=$1; shift; tm send-keys -t "$_s" "$@"; }
text() { tm send-keys -t "$1" -l "$2"; }

# wait_for SESSION PATTERN: 0 once the pane matches PATTERN (grep -E), 1 after $WAIT s.
wait_for() {
	_end=$(( $(date +%s) + WAIT ))
	while :; do
		pane "$1" | grep -Eq -- "$2" && return 0
		[ "$(date +%s)" -ge "$_end" ] && return 1
		sleep 0.1
	done
}
# shows SESSION PATTERN DESCRIPTION: a test that the pane comes to show PATTERN.
shows() {
	if wait_for "$1" "$2"; then
		ok 0 "$3"
	else
		ok 1 "$3"
		echo "#   waited ${WAIT}s for: $2"
		pane "$1" | sed 's/^/#   | /'
	fi
}
# gone SESSION PATTERN DESCRIPTION: the pane comes to no longer show PATTERN.
gone() {
	_end=$(( $(date +%s) + WAIT ))
	while pane "$1" | grep -Eq -- "$2"; do
		if [ "$(date +%s)" -ge "$_end" ]; then
			ok 1 "$3"
			pane "$1" | sed 's/^/#   | /'
			return
		fi
		sleep 0.1
	done
	ok 0 "$3"
}
