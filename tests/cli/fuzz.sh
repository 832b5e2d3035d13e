# fuzz.sh -- every libFuzzer target of tests/fuzz, FUZZ_SECONDS (default 20) seconds each.
#
# The suite's entry to tests/fuzz/run.sh: it builds the targets against BUILD_DIR
# (exported as BUILD by tests/run-tests) and prints one TAP line per target; a crash
# or a broken invariant is a failure, with the input that caused it.
: "${BUILD:?run through tests/run-tests}"
exec sh "$(dirname "$0")/../fuzz/run.sh" "$BUILD" "${FUZZ_SECONDS:-20}"
