/* error.c -- messages for the codes of error.h (the list itself lives there). */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <utf8proc.h>

#include "error.h"
#include "i18n.h"

#define MC_ERROR_TEXT(code, msg) msg,
static const char *const texts[] = { MC_ERRORS(MC_ERROR_TEXT) };
#undef MC_ERROR_TEXT
#define MC_ERROR_NAME(code, msg) #code,
static const char *const names[] = { MC_ERRORS(MC_ERROR_NAME) };
#undef MC_ERROR_NAME

const char *
mc_strerror(int code)
{
	if (code < 0 || code >= MC_NCODES)
		code = MC_EINTERNAL;
	return _(texts[code]);
}

const char *
mc_codename(int code)
{
	if (code < 0 || code >= MC_NCODES)
		return "MC_EINTERNAL";
	return names[code];
}

/* Messages quote what users typed, clipped with "%.40s" or by the buffer's end: replace
 * any byte that does not start a whole UTF-8 character with '?', and every control
 * character but a line feed or a tab (an Esc in a typed login, a C1 control) with
 * '?' too, so a message is always text a terminal shows rather than obeys.  utf8proc
 * itself rather than text.h's text_next(): text.c reports through mc_fail(), so error.c
 * sits below it. */
static void
mend_utf8(char *s)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t k;
	size_t n = strlen(s);

	while (n > 0) {
		k = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &cp);
		if (k <= 0) {
			*s = '?';
			k = 1;
		} else if ((cp < 0x20 && cp != '\n' && cp != '\t') || cp == 0x7f) {
			*s = '?';
		} else if (cp >= 0x80 && cp <= 0x9f) {	/* two bytes: C2 80..9F */
			s[0] = '?';
			s[1] = '?';
		}
		s += k;
		n -= (size_t)k;
	}
}

int
mc_fail(struct mc_error *err, int code, const char *fmt, ...)
{
	va_list ap;

	char msg[sizeof err->msg];

	if (err == NULL)
		return code;
	msg[0] = '\0';
	if (fmt != NULL) {
		/* Into a copy first: an argument may be err's own message. */
		va_start(ap, fmt);
		vsnprintf(msg, sizeof msg, fmt, ap);
		va_end(ap);
		mend_utf8(msg);
	}
	err->code = code;
	memcpy(err->msg, msg, sizeof msg);
	return code;
}

const char *
mc_message(const struct mc_error *err)
{
	if (err->msg[0] != '\0')
		return err->msg;
	return mc_strerror(err->code);
}

void
mc_error_clear(struct mc_error *err)
{
	if (err != NULL) {
		err->code = MC_OK;
		err->msg[0] = '\0';
	}
}
