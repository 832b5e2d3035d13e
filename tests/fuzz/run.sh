#!/bin/sh
# run.sh -- build every libFuzzer target of tests/fuzz and run each for a while; TAP.
#
#   tests/fuzz/run.sh BUILD_DIR SECONDS [TARGET...]
#
# The sources of common/ (and BUILD_DIR/common/migrations.c, BUILD_DIR/config.h) are
# compiled once with clang -fsanitize=fuzzer-no-link,address,undefined into
# BUILD_DIR/fuzz/obj/, each tests/fuzz/fuzz-<target>.c (which may include a source of
# sms/ itself: gammu's headers are on the include path, libgammu is not linked) is
# linked against them into
# BUILD_DIR/fuzz/fuzz-<target>, then run for SECONDS seconds from its seed corpus
# (tests/fuzz/corpus/<target>/, copied to BUILD_DIR/fuzz/corpus/<target>/, which keeps
# what the fuzzer found for the next run; the source tree is never written).  Targets
# run two at a time.  Prints "ok N - fuzz <target> (R runs)" or "not ok N - ..." with
# the crash input and the first lines of the report; everything else goes to
# BUILD_DIR/fuzz/log/.  Two runs on one build directory take turns (flock).
# Environment: CC (default clang), FUZZ_JOBS (default 2).
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
B=$(cd "${1:?usage: run.sh BUILD_DIR SECONDS [TARGET...]}" && pwd)
SECS=${2:?usage: run.sh BUILD_DIR SECONDS [TARGET...]}
shift 2
CC=${CC:-clang}
JOBS=${FUZZ_JOBS:-2}
OUT=$B/fuzz
OBJ=$OUT/obj
LOG=$OUT/log
mkdir -p "$OBJ" "$LOG" "$OUT/corpus" "$OUT/artifacts"
# One run at a time per build directory: a second one waits for the first.
if command -v flock >/dev/null 2>&1; then
	exec 9>"$OUT/lock"
	flock 9
fi
SCRATCH=$(mktemp -d "$( [ -d /dev/shm ] && echo /dev/shm || echo /tmp )/motcua-fuzz.XXXXXX")
trap 'rm -rf "$SCRATCH"' EXIT
n=0
failed=0

ok() {		# ok STATUS DESCRIPTION
	n=$((n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		failed=$((failed + 1))
	fi
}

comment() {	# comment FILE [LINES]: the first lines of FILE as TAP comments
	head -n "${2:-15}" "$1" | cut -c1-300 | sed 's/^/#   /'
}

if [ -n "$*" ]; then
	TARGETS=$*
else
	TARGETS=""
	for f in "$ROOT"/tests/fuzz/fuzz-*.c; do
		f=${f##*/fuzz-}
		TARGETS="$TARGETS ${f%.c}"
	done
fi

# ---------------------------------------------------------------- the compiler
cat >"$SCRATCH/probe.c" <<'EOF'
#include <stddef.h>
#include <stdint.h>
int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);
int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { return d == NULL && n > 0; }
EOF
if ! "$CC" -fsanitize=fuzzer,address,undefined "$SCRATCH/probe.c" -o "$SCRATCH/probe" \
    >"$LOG/probe.log" 2>&1; then
	ok 1 "fuzz: $CC cannot build libFuzzer targets (Debian: clang libclang-rt-14-dev)"
	comment "$LOG/probe.log" 5
	echo "1..$n"
	exit 1
fi
if [ ! -f "$B/common/migrations.c" ]; then
	make -C "$B" common/migrations.c >"$LOG/migrations.log" 2>&1
fi
if [ ! -f "$B/config.h" ] || [ ! -f "$B/common/migrations.c" ]; then
	ok 1 "fuzz: $B has no config.h or common/migrations.c (configure and build first)"
	echo "1..$n"
	exit 1
fi

PKGS="sqlite3 libutf8proc jansson libcrypt libzip expat zlib libcrypto"
# shellcheck disable=SC2086
LIBCFLAGS="$(pkg-config --cflags $PKGS) $(pkg-config --cflags gammu 2>/dev/null)"
# shellcheck disable=SC2086
LIBS=$(pkg-config --libs $PKGS)
SAN="-fsanitize=address,undefined -fno-sanitize-recover=all"
CFLAGS="-std=gnu11 -g -O1 $SAN -I$B -I$ROOT/common -I$ROOT/tests/fuzz $LIBCFLAGS"
# The quotes are meant literally: they make the macros string literals (so the paths
# must have no spaces).
# shellcheck disable=SC2089
CFLAGS="$CFLAGS -DPKGDATADIR=\"$ROOT/data\" -DLOCALEDIR=\"$B/inst/share/locale\" -DSRCDIR=\"$ROOT\" -DSYSCONFDIR=\"/nonexistent\""

# ---------------------------------------------------------------- libmotcua, instrumented
# One object per source, rebuilt when it or any header is newer; a source that does
# not compile is left out (the targets that need it then fail to link, and say so).
compile_one() {	# compile_one SOURCE
	o=$OBJ/$(basename "$1" .c).o
	if [ -f "$o" ] && [ -z "$(find "$1" -newer "$o"; find "$ROOT/common" "$B/config.h" \
	    -name '*.h' -newer "$o")" ]; then
		return 0
	fi
	rm -f "$o"
	# shellcheck disable=SC2086,SC2090
	$CC $CFLAGS -fsanitize=fuzzer-no-link -c "$1" -o "$o" >"$LOG/$(basename "$1" .c).log" 2>&1
}
SOURCES="$(ls "$ROOT"/common/*.c) $B/common/migrations.c"
running=0
for s in $SOURCES; do
	compile_one "$s" &
	running=$((running + 1))
	if [ "$running" -ge "$JOBS" ]; then
		wait
		running=0
	fi
done
wait
broken=""
for s in $SOURCES; do
	[ -f "$OBJ/$(basename "$s" .c).o" ] || broken="$broken $(basename "$s")"
done
rm -f "$OUT/libmotcua-fuzz.a"
ar rcs "$OUT/libmotcua-fuzz.a" "$OBJ"/*.o >"$LOG/ar.log" 2>&1

# ---------------------------------------------------------------- the targets
for t in $TARGETS; do
	rm -f "$OUT/fuzz-$t"
	# shellcheck disable=SC2086,SC2090
	$CC $CFLAGS -fsanitize=fuzzer -Wall -Wextra "$ROOT/tests/fuzz/fuzz-$t.c" \
	    "$OUT/libmotcua-fuzz.a" $LIBS -o "$OUT/fuzz-$t" >"$LOG/build-$t.log" 2>&1 ||
		rm -f "$OUT/fuzz-$t"
done

run_one() {	# run_one TARGET: fuzz it; the result in $LOG/$t.*
	t=$1
	corpus=$OUT/corpus/$t
	art=$OUT/artifacts/$t
	rm -rf "$art"
	mkdir -p "$corpus" "$art" "$SCRATCH/$t"
	if [ -d "$ROOT/tests/fuzz/corpus/$t" ]; then
		cp "$ROOT/tests/fuzz/corpus/$t"/* "$corpus"/ 2>/dev/null
	fi
	MOTCUA_FUZZ_TMP=$SCRATCH/$t MOTCUA_NOW="2026-03-02 09:00" \
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	    "$OUT/fuzz-$t" -max_total_time="$SECS" -max_len=4096 -timeout=10 \
	    -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$art/" "$corpus" \
	    >"$LOG/$t.log" 2>&1
	echo $? >"$LOG/$t.rc"
}

rm -f "$LOG"/*.rc
running=0
for t in $TARGETS; do
	[ -x "$OUT/fuzz-$t" ] || continue
	run_one "$t" &
	running=$((running + 1))
	if [ "$running" -ge "$JOBS" ]; then
		wait
		running=0
	fi
done
wait

# ---------------------------------------------------------------- the report
# A crash report without libFuzzer's, the sanitizers' and libc's own lines and frames.
NOISE='^ *$|fuzzer::|__sanitizer|libc\.so|pthread_kill|raise\.c|abort\.c|libc_start|in main |in _start '
NOISE="$NOISE|fuzz_fail |^NOTE: |Combine libFuzzer|^MS: |^artifact_prefix|^stat::|^Base64|^0x[0-9a-f]+,"
for t in $TARGETS; do
	if [ ! -x "$OUT/fuzz-$t" ]; then
		ok 1 "fuzz $t: does not build"
		[ -n "$broken" ] && echo "#   sources of common/ that do not compile:$broken"
		grep -E 'error|undefined reference' "$LOG/build-$t.log" | comment /dev/stdin 10
		continue
	fi
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$LOG/$t.log" | tail -1)
	rc=$(cat "$LOG/$t.rc" 2>/dev/null || echo 99)
	if [ "$rc" = 0 ]; then
		ok 0 "fuzz $t (${runs:-0} runs)"
		continue
	fi
	crash=$(find "$OUT/artifacts/$t" -type f | head -1)
	ok 1 "fuzz $t: failed after ${runs:-?} runs (exit $rc)"
	if [ -n "$crash" ]; then
		echo "#   input: $crash ($(wc -c <"$crash") bytes)"
		od -An -tx1 -v "$crash" | head -8 | sed 's/^ */#     /'
		echo "#   again: MOTCUA_NOW='2026-03-02 09:00' $OUT/fuzz-$t $crash"
	fi
	echo "#   log: $LOG/$t.log"
	start=$(grep -n -m1 -E 'INVARIANT FAILED|ERROR: |runtime error|deadly signal|Timeout|out-of-memory' \
	    "$LOG/$t.log" | cut -d: -f1)
	sed -n "${start:-1},\$p" "$LOG/$t.log" | grep -v -E "$NOISE" |
	    sed '/Shadow bytes around/,$d; s/ (BuildId: [0-9a-f]*)//; s/ in 0x[0-9a-f]* / in /' |
	    comment /dev/stdin 20
done
echo "1..$n"
[ "$failed" = 0 ]
