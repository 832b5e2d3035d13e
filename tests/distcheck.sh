# distcheck.sh -- `make distcheck`: the release tarball builds, tests and installs cleanly.
B=$1
if make -C "$B" -s distcheck DISTCHECK_CONFIGURE_FLAGS=--enable-werror >"$B/test-logs/distcheck.out" 2>&1; then
	echo "ok 1 - make distcheck"
else
	tail -40 "$B/test-logs/distcheck.out" | sed 's/^/# /'
	echo "not ok 1 - make distcheck"
fi
