# soak-lib.sh -- steady work for a long while: two consoles scripted in tmux (intake,
# search, a note on the dossier found), two SMS daemons on simulated AT modems with
# citizens texting the codes they were given, and the province link: motcua-hub on a
# throwaway PostgreSQL and this office's motcua-sync --watch (a run 2 s after local
# work, so every few seconds while the officials work, at least every 30 s);
# tests/cli/soak.sh runs it a minute, scripts/soak ten.  Source it after ../lib.sh,
# sms/smsd-lib.sh, sync/lib.sh and ../tmux.sh.
#
# What a user is shown is kept: every console pane after each step
# ($T/panes-N.log), every daemon's log, every reply a citizen got (the modems'
# wire logs), motcua-sync's result lines and the hub's log; soak_errors greps them
# for errors and "database is locked".  Without PostgreSQL the province link is left
# out (SOAK_SYNC empty) and the test says so.

SOAK_MODEMS="a b"
SOAK_SYNC=""
SYNC_PID=""

# soak_setup: the office (English, for the screens' words), two officials, two modems.
soak_setup() {
	setup_office
	mc init --office 000.17.22.H56 --name "UBND xã Tân Lập" --language en >/dev/null
	echo "mat-khau-can-bo" | mc user add canbo --role officer --full-name "Lê Thị Cán Bộ" >/dev/null
	sms_settings 1 5
	for m in $SOAK_MODEMS; do
		"$ATSIM" --ctl "$T/atsim-$m.ctl" --log "$T/wire-$m.log" --listen "$T/sock-$m" \
			>"$T/atsim-$m.out" 2>"$T/atsim-$m.err" &
		eval "ATSIM_$m=\$!"
		wait_until 5 '[ -s "$T/atsim-$m.out" ]' || return 1
		cat >"$T/gammurc-$m" <<EOF
[gammu]
device = $ATSIM --relay $T/sock-$m
connection = proxyat

[motcua-smsd]
name = modem-$m
poll = 0.5
health = 10
watchdog = 10
send_timeout = 10
balance = *101#
EOF
	done
	mc intake --procedure 1.001193 --name "Người Đầu Tiên" >>"$T/codes" || return 1
	# The province: a hub on a throwaway PostgreSQL, this office on it, and what the
	# province publishes (the shipped catalogue, holidays and templates, the soak's
	# SMS settings): the first run applies each while the officials work, the next
	# ones get a 304 each.
	if pg_start; then
		hub_start hub || return 1
		hub_office motcua 000.17.22.H56 || return 1
		{ echo "date,name,kind,provisional"; grep -h '^20' "$MOTCUA_DATADIR"/data/holidays/*.csv; } >"$T/holidays.csv"
		printf '{"sms.quiet":"off"}' >"$T/settings.json"
		"$HUB" publish catalog "$MOTCUA_DATADIR/data/procedures.csv" >/dev/null &&
			"$HUB" publish holidays "$T/holidays.csv" >/dev/null &&
			"$HUB" publish templates "$MOTCUA_DATADIR/data/templates/sms.csv" >/dev/null &&
			"$HUB" publish settings "$T/settings.json" >/dev/null || return 1
		SOAK_SYNC=1
	fi
}

# console_step N WHAT PATTERN: wait for the pane to show PATTERN (grep -E); keep
# the pane; a screen that never comes is counted and kept in $T/steps-N.failed.
console_step() {
	_ok=0
	wait_for "w$1" "$3" && _ok=1
	pane "w$1" >>"$T/panes-$1.log"
	if [ "$_ok" = 0 ]; then
		{ echo "console $1: $2: waited ${WAIT}s for: $3"; pane "w$1"; } >>"$T/steps-$1.failed"
		return 1
	fi
	return 0
}

# search_one N CODE: wait until the list is that of the whole query: CODE alone (the
# list shows it without the office's part).  (An Enter typed before the search has
# found anything is taken by the box and lost.)
search_one() {
	_end=$(( $(date +%s) + WAIT ))
	while :; do
		_p=$(pane "w$1")
		if printf '%s\n' "$_p" | grep -q "^ ${2#*-} " &&
		    [ "$(printf '%s\n' "$_p" | grep -cE '^ [0-9]{6}-[0-9]{4} ')" = 1 ]; then
			printf '%s\n' "$_p" >>"$T/panes-$1.log"
			return 0
		fi
		if [ "$(date +%s)" -ge "$_end" ]; then
			{ echo "console $1: search: waited ${WAIT}s for $2 alone"; printf '%s\n' "$_p"; } >>"$T/steps-$1.failed"
			return 1
		fi
		sleep 0.1
	done
}

# console_login N LOGIN PASSWORD
console_login() {
	console "w$1" 80 24 TERM=xterm
	console_step "$1" "opens" "Password" || return 1
	text "w$1" "$2"; keys "w$1" Tab; text "w$1" "$3"; keys "w$1" Enter
	console_step "$1" "logs in" "Received today"
}

# console_work N: an official's day until $T/stop exists: a dossier received, then
# found by its name and a note added; each cycle counted in $T/cycles-N.
console_work() {
	_k=0
	while [ ! -e "$T/stop" ]; do
		_k=$((_k + 1))
		_name="Nguyeenx Ban$1 Lan$_k"	# Telex: Nguyễn Ban1 Lan1 (no w, no tone letters)
		keys "w$1" n
		console_step "$1" "intake" "Receive a dossier" || { keys "w$1" Escape q q; continue; }
		text "w$1" "khai sinh"
		console_step "$1" "procedure" "1\.001193 +Đăng ký khai sinh" || { keys "w$1" q q; continue; }
		keys "w$1" Enter
		console_step "$1" "form" "Due if received now" || { keys "w$1" q q; continue; }
		text "w$1" "$_name"
		keys "w$1" F10
		console_step "$1" "documents" "not ticked" || { keys "w$1" q q; continue; }
		keys "w$1" F10
		console_step "$1" "receipt" "Form 01, not printed: no printer is set" || { keys "w$1" q q; continue; }
		keys "w$1" q
		console_step "$1" "received" "The dossier is received" || { keys "w$1" q q; continue; }
		_code=$(pane "w$1" | grep -oE '000\.17\.22\.H56-[0-9]{6}-[0-9]{4}' | head -n 1)
		echo "$_code" >>"$T/codes"
		keys "w$1" q
		console_step "$1" "home" "Received today" || continue
		keys "w$1" /
		text "w$1" "ban$1 lan$_k"
		search_one "$1" "$_code" || { keys "w$1" Escape q; continue; }
		keys "w$1" Enter; keys "w$1" Enter
		console_step "$1" "dossier" "Applicant: Nguyễn Ban$1 Lan$_k" || { keys "w$1" q q; continue; }
		keys "w$1" g
		console_step "$1" "note form" "Add a note" || { keys "w$1" q q; continue; }
		text "w$1" "Ghi chus $_k"
		keys "w$1" Enter
		console_step "$1" "note" "Done: Note" || { keys "w$1" q q; continue; }
		keys "w$1" q q
		console_step "$1" "home again" "Received today" || continue
		echo "$_k" >"$T/cycles-$1"
	done
}

# citizens: until $T/stop, a citizen texts a code they were given every 2 s, to one
# modem and then the other.
citizens() {
	_i=0
	while [ ! -e "$T/stop" ]; do
		_i=$((_i + 1))
		_m=a
		[ $((_i % 2)) = 0 ] && _m=b
		_code=$(tail -n 5 "$T/codes" | shuf -n 1)
		echo "deliver $(printf '+8497%07d' "$_i") gsm7 now HS $_code" >"$T/atsim-$_m.ctl"
		echo "$_i" >"$T/texted"
		sleep 2
	done
}

# soak_start: the daemons, the consoles (logged in), the officials' work, the citizens.
soak_start() {
	for m in $SOAK_MODEMS; do
		"$SMSD" --db "$DB" --foreground --gammurc "$T/gammurc-$m" 2>>"$T/smsd-$m.log" &
		eval "SMSD_$m=\$!"
	done
	if [ -n "$SOAK_SYNC" ]; then
		"$SYNC" --db "$DB" --hub "$HUB_URL" --token "$TOKEN_motcua" --save --watch --quiet \
			>>"$T/sync.log" 2>&1 &
		SYNC_PID=$!
	fi
	console_login 1 admin motcua-test || return 1
	console_login 2 canbo mat-khau-can-bo || return 1
	console_work 1 &
	WORK_1=$!
	console_work 2 &
	WORK_2=$!
	citizens &
	CITIZENS=$!
}

# soak_stop: the officials finish their cycle, the citizens stop; the daemons answer
# what is left, then stop.
soak_stop() {
	touch "$T/stop"
	wait "$WORK_1" "$WORK_2" "$CITIZENS" 2>/dev/null
	WORK_1="" WORK_2="" CITIZENS=""
}

# soak_synced: the hub holds every event of this office (its cursor is the office's
# last sequence).
soak_synced() {
	[ "$(psql_q "SELECT cursor FROM office WHERE code = '000.17.22.H56'")" = \
	  "$(q "SELECT max(office_seq) FROM dossier_event WHERE office = '000.17.22.H56'")" ]
}

# soak_sync_stop: motcua-sync --watch ends on SIGTERM (SYNC_RC its exit status,
# "killed" when it had to be).
soak_sync_stop() {
	SYNC_RC=none
	[ -n "$SYNC_PID" ] || return 0
	kill -TERM "$SYNC_PID" 2>/dev/null
	if wait_until 30 "! running $SYNC_PID"; then
		wait "$SYNC_PID"
		SYNC_RC=$?
	else
		kill -KILL "$SYNC_PID" 2>/dev/null
		wait "$SYNC_PID" 2>/dev/null
		SYNC_RC=killed
	fi
	SYNC_PID=""
}

# soak_pids: "NAME PID" of every process of the office: the consoles, each daemon's
# supervisor and worker, motcua-sync and the hub.
soak_pids() {
	for n in 1 2; do
		_pp=$(tm list-panes -t "w$n" -F '#{pane_pid}' 2>/dev/null)
		echo "console-$n $(ps -o pid= --ppid "$_pp" | head -n 1 | tr -d ' ')"
	done
	for m in $SOAK_MODEMS; do
		eval "_sp=\$SMSD_$m"
		echo "smsd-$m $_sp"
		echo "smsd-$m-worker $(cat /proc/"$_sp"/task/*/children 2>/dev/null | awk '{ print $1 }')"
	done
	if [ -n "$SOAK_SYNC" ]; then
		echo "motcua-sync $SYNC_PID"
		echo "motcua-hub $HUB_PID"
	fi
}

# soak_rss FILE: "NAME PID RSS-kB" of each process into FILE.
soak_rss() {
	soak_pids | while read -r _n _p; do
		echo "$_n $_p $(awk '/^VmRSS/ { print $2 }' "/proc/$_p/status" 2>/dev/null || echo 0)"
	done >"$1"
}

# soak_errors: every line a user or a log was shown that speaks of an error: on a
# screen (the home screen's "Province sync problem" too), in a daemon's log, in a
# citizen's reply, in motcua-sync's result lines ("failed: ...", anything set aside)
# or the hub's log (an answer other than 200 or 304, a warning).
soak_errors() {
	cat "$T"/panes-*.log 2>/dev/null |
		grep -Ei 'locked|busy|error|cannot|could not|failed|damaged|disk is full|out of memory|problem' |
		grep -v 'failed: 0 ' | sort -u
	cat "$T"/smsd-*.log | grep -Ei 'locked|busy| error:|crit|alert|emerg'
	cat "$T"/wire-*.log | awk -F'\t' '$1 == "send" { print $8 }' | grep -Ei 'locked|busy|error|loi|lỗi'
	[ -n "$SOAK_SYNC" ] || return 0
	grep -Ei 'locked|busy|failed: |set aside [^;]*:|error' "$T/sync.log"
	grep -Ei 'locked|busy|error|warn|crit' "$T/hub.log"
	grep -E '(GET|POST) [^ ]+ [0-9]{3}' "$T/hub.log" | grep -vE '(GET|POST) [^ ]+ (200|304) '
}

# soak_kill: on exit, whatever still runs.
soak_kill() {
	for _p in ${WORK_1:-} ${WORK_2:-} ${CITIZENS:-} ${SMSD_a:-} ${SMSD_b:-} ${ATSIM_a:-} ${ATSIM_b:-} \
	    ${SYNC_PID:-}; do
		kill -KILL "$_p" 2>/dev/null
	done
}
