# sync/local.mk -- the province link (doc/sync-api.md): motcua-sync, the office's client
# (the only user of libcurl), and motcua-hub, the province's receiver (libmicrohttpd,
# libpq); their tests.  Included by the top Makefile.am; add with +=.
# sync/wire.c is pure (no network, no database): both programs and the fuzzers use it.

# ---------------------------------------------------------------- common/: the office side
common_libmotcua_a_SOURCES += common/syncq.c common/syncq-res.c common/syncq.h

# ---------------------------------------------------------------- motcua-hub
bin_PROGRAMS += motcua-hub
motcua_hub_SOURCES = sync/hub.c sync/hub.h sync/hub-http.c sync/hub-db.c sync/hub-push.c \
	sync/hub-pull.c sync/hub-fold.c sync/hub-admin.c sync/wire.c sync/wire.h
motcua_hub_CFLAGS = $(AM_CFLAGS) $(SQLITE_CFLAGS) $(JANSSON_CFLAGS) $(MHD_CFLAGS) $(PQ_CFLAGS) \
	$(ZLIB_CFLAGS) $(CRYPTO_CFLAGS) -pthread
motcua_hub_LDADD = $(MC_LIBS) $(MHD_LIBS) $(PQ_LIBS) $(ZLIB_LIBS) $(CRYPTO_LIBS) -lpthread

EXTRA_DIST += sync/local.mk
