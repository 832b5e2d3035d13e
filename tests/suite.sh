#!/bin/sh
# suite.sh -- what `make check` runs (Makefile.am's TESTS): the whole suite,
# tests/run-tests, against this build.
#
# run-tests runs the programs installed in BUILD/inst, the prefix scripts/setup
# configures: such a build is installed first (make install), then every test runs.  A
# build configured for another prefix (a Debian package, make distcheck) runs the unit
# tests alone, and says so.  The environment passes on to run-tests (ASAN_BUILD,
# SKIP_DISTCHECK, TEST_JOBS).  What run-tests prints shows as it comes (on descriptor 9,
# which make check points at its standard error) and stays in tests/suite.log.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
B=${abs_top_builddir:?suite.sh is run by make check}
say() { if { true >&9; } 2>/dev/null; then tee /dev/fd/9; else cat; fi; }

if [ "${prefix:-}" = "$B/inst" ]; then
	if ! ${MAKE:-make} -s -C "$B" install >"$B/tests/suite-install.log" 2>&1; then
		echo "suite.sh: make install failed:" | say
		tail -20 "$B/tests/suite-install.log" | say
		exit 99
	fi
	pattern=
else
	echo "suite.sh: this build is configured for $prefix, not $B/inst (as scripts/setup does):" \
	    "the programs cannot be run installed, so only the unit tests run" | say
	pattern=unit/
fi
status=$B/tests/suite.status
{ "$ROOT/tests/run-tests" "$B" $pattern; echo $? >"$status"; } 2>&1 | say
rc=$(cat "$status" 2>/dev/null || echo 99)
rm -f "$status"
exit "$rc"
