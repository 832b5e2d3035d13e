# sms/local.mk -- the SMS side of the build (motcua-smsd, motcua-ussd, their tests),
# included by the top Makefile.am.  Add with +=; the top file defines the lists.

# ---------------------------------------------------------------- motcua-smsd
# sms/modem-gammu*.c are the only files that include gammu.h.
bin_PROGRAMS += motcua-smsd
motcua_smsd_SOURCES = \
	sms/smsd.c sms/smsd.h sms/smsd-config.c sms/smsd-super.c sms/smsd-loop.c sms/smsd-inbox.c \
	sms/modem.c sms/modem.h sms/modem-gammu.c sms/modem-gammu.h sms/modem-gammu-msg.c \
	sms/modem-gammu-at.c sms/modem-null.c
motcua_smsd_CFLAGS = $(AM_CFLAGS) $(SQLITE_CFLAGS) $(GAMMU_CFLAGS)
motcua_smsd_LDADD = $(MC_LIBS) $(GAMMU_LIBS)

# A simulated AT modem on a pseudo-terminal, for tests/cli/smsd-*.sh (built with or
# without cmocka: the top file defines check_PROGRAMS only with it).
if HAVE_CMOCKA
check_PROGRAMS += tests/sms/atsim
else
check_PROGRAMS = tests/sms/atsim
endif
tests_sms_atsim_SOURCES = tests/sms/atsim.c
tests_sms_atsim_CFLAGS = $(AM_CFLAGS)
tests_sms_atsim_LDADD =

CLI_TESTS += tests/cli/smsd-dummy.sh tests/cli/smsd-at.sh tests/cli/smsd-kill.sh \
	tests/cli/smsd-poison.sh tests/cli/smsd-unreadable.sh tests/cli/smsd-queue.sh

EXTRA_DIST += tests/bench/smsd.sh tests/sms/smsd-lib.sh

# ---------------------------------------------------------------- common/: SMS queue, notices, queries
# (the daemon's API is at the top of common/smsq.h)
common_libmotcua_a_SOURCES += common/smsq.c common/smsq.h common/notice.c common/notice.h \
	common/notice-hook.c common/query.c common/query-limit.c common/query.h
nobase_dist_pkgdata_DATA += data/templates/sms.csv
motcua_SOURCES += tui/cmd-sms.c tui/cmd-remind.c
UNIT_TESTS += tests/unit/test-query tests/unit/test-notice tests/unit/test-smsq
tests_unit_test_query_SOURCES = tests/unit/test-query.c tests/unit/unit.h
tests_unit_test_query_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_query_LDADD = $(UNIT_LDADD)
tests_unit_test_notice_SOURCES = tests/unit/test-notice.c tests/unit/unit.h
tests_unit_test_notice_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_notice_LDADD = $(UNIT_LDADD)
tests_unit_test_smsq_SOURCES = tests/unit/test-smsq.c tests/unit/unit.h
tests_unit_test_smsq_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_smsq_LDADD = $(UNIT_LDADD)
CLI_TESTS += tests/cli/sms-cli.sh

# ---------------------------------------------------------------- common/: reminders and campaigns
common_libmotcua_a_SOURCES += common/remind.c common/remind.h
UNIT_TESTS += tests/unit/test-remind
tests_unit_test_remind_SOURCES = tests/unit/test-remind.c tests/unit/unit.h
tests_unit_test_remind_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_remind_LDADD = $(UNIT_LDADD)
