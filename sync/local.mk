# sync/local.mk -- the province link (doc/sync-api.md): motcua-sync, the office's client
# (the only user of libcurl), and motcua-hub, the province's receiver (libmicrohttpd,
# libpq); their tests.  Included by the top Makefile.am; add with +=.
# sync/wire.c is pure (no network, no database): both programs and the fuzzers use it.

# ---------------------------------------------------------------- common/: the office side
common_libmotcua_a_SOURCES += common/syncq.c common/syncq-res.c common/syncq.h
UNIT_TESTS += tests/unit/test-syncq
tests_unit_test_syncq_SOURCES = tests/unit/test-syncq.c tests/unit/unit.h
tests_unit_test_syncq_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_syncq_LDADD = $(UNIT_LDADD)

# ---------------------------------------------------------------- motcua-hub
bin_PROGRAMS += motcua-hub
motcua_hub_SOURCES = sync/hub.c sync/hub.h sync/hub-http.c sync/hub-db.c sync/hub-push.c \
	sync/hub-pull.c sync/hub-fold.c sync/hub-admin.c sync/hub-report.c sync/wire.c sync/wire.h
motcua_hub_CFLAGS = $(AM_CFLAGS) $(SQLITE_CFLAGS) $(JANSSON_CFLAGS) $(MHD_CFLAGS) $(PQ_CFLAGS) \
	$(ZLIB_CFLAGS) $(CRYPTO_CFLAGS) -pthread
motcua_hub_LDADD = $(MC_LIBS) $(MHD_LIBS) $(PQ_LIBS) $(ZLIB_LIBS) $(CRYPTO_LIBS) -lpthread

EXTRA_DIST += sync/local.mk

# ---------------------------------------------------------------- motcua-sync
# sync/sync-http.c is the only file that includes curl.h.
bin_PROGRAMS += motcua-sync
motcua_sync_SOURCES = sync/sync.c sync/client.h sync/sync-http.c sync/sync-push.c \
	sync/sync-pull.c sync/wire.c sync/wire.h
motcua_sync_CFLAGS = $(AM_CFLAGS) $(SQLITE_CFLAGS) $(JANSSON_CFLAGS) $(CURL_CFLAGS) \
	$(ZLIB_CFLAGS) $(CRYPTO_CFLAGS)
motcua_sync_LDADD = $(MC_LIBS) $(CURL_LIBS) $(ZLIB_LIBS) $(CRYPTO_LIBS)

# ---------------------------------------------------------------- tests
# A proxy that counts the bytes on the wire and breaks the link on purpose, for
# tests/cli/sync-*.sh and tests/bench/sync.sh (built by make check, as tests/sms/atsim).
check_PROGRAMS += tests/sync/syncproxy
tests_sync_syncproxy_SOURCES = tests/sync/syncproxy.c
tests_sync_syncproxy_CFLAGS = $(AM_CFLAGS)
tests_sync_syncproxy_LDADD =
EXTRA_DIST += tests/sync/lib.sh
CLI_TESTS += tests/cli/sync-hub.sh
CLI_TESTS += tests/cli/sync-offices.sh
CLI_TESTS += tests/cli/sync-faults.sh
CLI_TESTS += tests/cli/sync-console.sh
nobase_dist_pkgdata_DATA += data/dvcqg-fields.csv
