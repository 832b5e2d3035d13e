/* error.c -- messages for the codes of error.h (the list itself lives there). */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "error.h"
#include "i18n.h"

#define MC_ERROR_TEXT(code, msg) N_(msg),
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

int
mc_fail(struct mc_error *err, int code, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return code;
	err->code = code;
	err->msg[0] = '\0';
	if (fmt != NULL) {
		va_start(ap, fmt);
		vsnprintf(err->msg, sizeof err->msg, fmt, ap);
		va_end(ap);
	}
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
