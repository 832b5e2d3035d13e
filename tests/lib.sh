# lib.sh -- what every shell test sources: TAP output and a fresh store.
#
#	. "$(dirname "$0")/../lib.sh"
#	mc init --office 000.17.22.H56 --name "UBND xã Tân Lập"
#	is "$(mc search 'nguyen van a' --format tsv | wc -l)" 2 "unaccented name finds it"
#	done_testing
#
# MOTCUA (the motcua binary) and MOTCUA_DATADIR come from tests/run-tests; each test
# gets its own directory $T and database $DB, removed at the end (kept, and named, when
# TEST_KEEP is set: for debugging).
#
# The libraries a test sources next (sms/smsd-lib.sh, sync/lib.sh, tmux.sh ...) stop
# what they started through at_exit, not an EXIT trap of their own, so that any of
# them may be combined:
#	at_exit 'CODE'		run CODE when the test ends (the last given first),
#				before $T is removed

set -u
: "${MOTCUA:?run through tests/run-tests}"
T=$(mktemp -d /tmp/motcua-test.XXXXXX)
DB=$T/motcua.db
export MOTCUA_DB=$DB LC_ALL=C.UTF-8
unset MOTCUA_LANG
_n=0
_failed=0
_mounts=""
_at_exit=""
trap 'test_cleanup' EXIT

at_exit() {
	_at_exit="$1
$_at_exit"
}
# test_cleanup: the EXIT trap's; a test that sets a trap of its own calls it there.
test_cleanup() {
	eval "$_at_exit"
	_at_exit=""
	release_store
	unmount_all
	if [ -n "${TEST_KEEP:-${SYNC_KEEP:-}}" ]; then
		echo "# kept $T"
	else
		rm -rf "$T"
	fi
}

wait_until() {	# wait_until SECONDS CONDITION: poll CONDITION (shell code) every 0.1 s
	_wu_end=$(($(date +%s) + $1))
	while ! eval "$2" >/dev/null 2>&1; do
		[ "$(date +%s)" -ge "$_wu_end" ] && return 1
		sleep 0.1
	done
	return 0
}

running() {	# running PID: alive and not a zombie
	[ -r "/proc/$1/stat" ] && [ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" != Z ]
}

# mount_tmpfs DIR SIZE: a small file system of its own at DIR (made if missing), for
# tests of a full disk; unmounted at the end.  1 when it cannot be mounted (not root,
# a container without the right).
mount_tmpfs() {
	mkdir -p "$1" || return 1
	mount -t tmpfs -o "size=$2,mode=0750" motcua-test "$1" 2>/dev/null || return 1
	_mounts="$1 $_mounts"
}
unmount_all() {
	for _m in $_mounts; do
		umount "$_m" 2>/dev/null || umount -l "$_m" 2>/dev/null
	done
	_mounts=""
}
# hold_store DB: a program that keeps DB open (as a console does) until release_store,
# so that its -wal and -shm files stay.
_holder=""
hold_store() {
	rm -f "$T/holder.fifo"
	mkfifo "$T/holder.fifo" || return 1
	sqlite3 "$1" <"$T/holder.fifo" >/dev/null 2>&1 &
	_holder=$!
	exec 9>"$T/holder.fifo"
	echo "SELECT count(*) FROM setting;" >&9
	_hs_i=0
	while [ ! -e "$1-shm" ] && [ $_hs_i -lt 100 ]; do sleep 0.1; _hs_i=$((_hs_i + 1)); done
}
release_store() {
	[ -n "$_holder" ] || return 0
	echo ".quit" >&9	# programs started since may hold the FIFO open too
	exec 9>&-
	wait "$_holder" 2>/dev/null
	_holder=""
}
# fill DIR: fill the file system of DIR to the last byte ($DIR/filler).
fill() {
	dd if=/dev/zero of="$1/filler" bs=64k 2>/dev/null
	dd if=/dev/zero of="$1/filler2" bs=512 2>/dev/null
	dd if=/dev/zero of="$1/filler3" bs=1 2>/dev/null
	:
}

mc() { "$MOTCUA" "$@"; }

ok() {	# ok STATUS DESCRIPTION: passes when STATUS is 0
	_n=$((_n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $_n - $2"
	else
		echo "not ok $_n - $2"
		_failed=$((_failed + 1))
	fi
}

is() {	# is GOT EXPECTED DESCRIPTION
	if [ "$1" = "$2" ]; then
		ok 0 "$3"
	else
		ok 1 "$3"
		printf '#   got:      %s\n#   expected: %s\n' "$1" "$2" | head -20
	fi
}

like() {	# like GOT PATTERN DESCRIPTION (grep -E pattern)
	if printf '%s\n' "$1" | grep -Eq -- "$2"; then
		ok 0 "$3"
	else
		ok 1 "$3"
		printf '#   got:     %s\n#   pattern: %s\n' "$1" "$2" | head -20
	fi
}

unlike() {	# unlike GOT PATTERN DESCRIPTION
	if printf '%s\n' "$1" | grep -Eq -- "$2"; then
		ok 1 "$3"
		printf '#   got:     %s\n#   must not match: %s\n' "$1" "$2" | head -20
	else
		ok 0 "$3"
	fi
}

status() {	# status CMD...: run it, print only its exit status
	"$@" >/dev/null 2>&1
	echo $?
}

# A fresh initialised office with an admin (password motcua-test).
setup_office() {
	mc init --office 000.17.22.H56 --name "UBND xã Tân Lập" >/dev/null || exit 1
	echo "motcua-test" | mc user add admin --role admin --full-name "Quản trị" >/dev/null || exit 1
}

done_testing() {
	echo "1..$_n"
	[ "$_failed" = 0 ]
}
