# sms/ussd.mk -- motcua-ussd, the HTTP endpoint of a USSD gateway, and its test;
# included by the top Makefile.am.  sms/ussd-http.c is the only file that includes
# microhttpd.h; sms/ussd-form.c is pure (tests/fuzz/fuzz-ussd.c compiles it too).
bin_PROGRAMS += motcua-ussd
motcua_ussd_SOURCES = sms/ussd.c sms/ussd.h sms/ussd-http.c sms/ussd-guard.c sms/ussd-form.c \
	sms/ussd-answer.c
motcua_ussd_CFLAGS = $(AM_CFLAGS) $(SQLITE_CFLAGS) $(MHD_CFLAGS) -pthread
motcua_ussd_LDADD = $(MC_LIBS) $(MHD_LIBS) -lpthread
CLI_TESTS += tests/cli/ussd.sh tests/cli/ussd-stall.sh
EXTRA_DIST += sms/ussd.mk
