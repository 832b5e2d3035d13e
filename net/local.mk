# net/local.mk -- what motcua's HTTP servers (motcua-ussd, motcua-hub) share: their
# start-up over libmicrohttpd (net/httpd.h), who may connect and for how long
# (net/guard.h) and their command lines' common part (net/serve.h); a library of its
# own that they link (and motcua-sync, for serve.h's whole-number option alone):
# common/ includes no HTTP header, and neither sms/ nor sync/ builds from the other's
# folder.
# Included by the top Makefile.am.

noinst_LIBRARIES += net/libmotcua-httpd.a
net_libmotcua_httpd_a_CFLAGS = $(MC_CFLAGS) $(MHD_CFLAGS) -pthread
net_libmotcua_httpd_a_SOURCES = net/guard.c net/guard.h net/httpd.c net/httpd.h net/serve.c \
	net/serve.h
# For a server: where the headers are, and the library before libmotcua.
HTTPD_CFLAGS = -I$(top_srcdir)/net $(MHD_CFLAGS)
HTTPD_LIBS = net/libmotcua-httpd.a $(MHD_LIBS)
