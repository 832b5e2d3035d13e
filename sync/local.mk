# sync/local.mk -- the province link (doc/sync-api.md): motcua-sync, the office's client
# (sync/sync-http.c is the only file that includes curl.h), and motcua-hub, the
# province's receiver (libmicrohttpd through net/httpd.h, libpq); included by the top
# Makefile.am.  sync/wire.c is pure (no network, no database): both programs and the fuzzers use it.
# The office's side of the queue is libmotcua's: common/syncq.h.

bin_PROGRAMS += motcua-hub motcua-sync
motcua_hub_SOURCES = \
	sync/hub.c sync/hub.h sync/hub-admin.c sync/hub-db.c sync/hub-fold.c sync/hub-http.c \
	sync/hub-pull.c sync/hub-push.c sync/hub-report.c sync/wire.c sync/wire.h
motcua_hub_CFLAGS = $(MC_CFLAGS) $(SQLITE_CFLAGS) $(JANSSON_CFLAGS) $(HTTPD_CFLAGS) $(PQ_CFLAGS) \
	$(ZLIB_CFLAGS) $(CRYPTO_CFLAGS) -pthread
motcua_hub_LDADD = $(HTTPD_LIBS) $(MC_LIBS) $(PQ_LIBS) $(ZLIB_LIBS) $(CRYPTO_LIBS) -lpthread

motcua_sync_SOURCES = \
	sync/client.h sync/sync.c sync/sync-http.c sync/sync-pull.c sync/sync-push.c sync/sync-run.c \
	sync/wire.c sync/wire.h
# net/serve.h's whole-number option too (only serve.o comes from the library: no
# libmicrohttpd in the client).
motcua_sync_CFLAGS = $(MC_CFLAGS) $(SQLITE_CFLAGS) $(JANSSON_CFLAGS) $(CURL_CFLAGS) \
	$(ZLIB_CFLAGS) $(CRYPTO_CFLAGS) -I$(top_srcdir)/net
motcua_sync_LDADD = net/libmotcua-httpd.a $(MC_LIBS) $(CURL_LIBS) $(ZLIB_LIBS) $(CRYPTO_LIBS)
