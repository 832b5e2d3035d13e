# sms/local.mk -- the SMS programs, motcua-smsd (a GSM modem, over libgammu) and
# motcua-ussd (the HTTP endpoint of a USSD gateway, over libmicrohttpd); included by
# the top Makefile.am.  sms/modem-gammu*.c are the only files that include gammu.h;
# sms/ussd-http.c is motcua-ussd's only one that includes microhttpd.h (through
# net/httpd.h, the start-up it shares with motcua-hub); sms/ussd-form.c is pure
# (tests/fuzz/fuzz-ussd.c compiles it too).  The domain they serve (the queue, the
# notices, the queries) is libmotcua's: common/smsq.h, notice.h, query.h.

bin_PROGRAMS += motcua-smsd motcua-ussd
motcua_smsd_SOURCES = \
	sms/modem.c sms/modem.h sms/modem-gammu.c sms/modem-gammu.h sms/modem-gammu-at.c \
	sms/modem-gammu-msg.c sms/modem-null.c \
	sms/smsd.c sms/smsd.h sms/smsd-config.c sms/smsd-inbox.c sms/smsd-loop.c sms/smsd-super.c
motcua_smsd_CFLAGS = $(MC_CFLAGS) $(SQLITE_CFLAGS) $(GAMMU_CFLAGS)
motcua_smsd_LDADD = $(MC_LIBS) $(GAMMU_LIBS)

motcua_ussd_SOURCES = \
	sms/ussd.c sms/ussd.h sms/ussd-answer.c sms/ussd-form.c sms/ussd-http.c
motcua_ussd_CFLAGS = $(MC_CFLAGS) $(SQLITE_CFLAGS) $(HTTPD_CFLAGS) -pthread
motcua_ussd_LDADD = $(HTTPD_LIBS) $(MC_LIBS) -lpthread
