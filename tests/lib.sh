# lib.sh -- what every shell test sources: TAP output and a fresh store.
#
#	. "$(dirname "$0")/../lib.sh"
#	mc init --office 000.17.22.H56 --name "UBND xã Tân Lập"
#	is "$(mc search 'nguyen van a' --format tsv | wc -l)" 2 "unaccented name finds it"
#	done_testing
#
# MOTCUA (the motcua binary) and MOTCUA_DATADIR come from tests/run-tests; each test
# gets its own directory $T and database $DB, removed at the end.

set -u
: "${MOTCUA:?run through tests/run-tests}"
T=$(mktemp -d /tmp/motcua-test.XXXXXX)
DB=$T/motcua.db
export MOTCUA_DB=$DB LC_ALL=C.UTF-8
unset MOTCUA_LANG
_n=0
_failed=0
trap 'rm -rf "$T"' EXIT

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
