# fuzz.sh -- every libFuzzer target of tests/fuzz, FUZZ_SECONDS (default 3) seconds each
# (FUZZ_SECONDS=600 tests/run-tests build fuzz for a long run).
#
# The suite's entry to tests/fuzz/run.sh: it builds the targets against the build
# directory (BUILD, exported by tests/run-tests) and prints one TAP line per target; a
# crash or a broken invariant is a failure, reported with the input that caused it.
if [ -z "${BUILD:-}" ]; then
	echo "not ok 1 - fuzz: run through tests/run-tests (BUILD is not set)"
	echo "1..1"
	exit 1
fi
exec sh "$(dirname "$0")/../fuzz/run.sh" "$BUILD" "${FUZZ_SECONDS:-3}"
