# sms/local.mk -- the SMS side of the build (motcua-smsd, motcua-ussd, their tests),
# included by the top Makefile.am.  Add with +=; the top file defines the lists.
