/* i18n.c -- choose the message language from the office setting, not from LANG; and
 * write amounts the way that language groups their digits. */
#include "config.h"

#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "i18n.h"

static char lang_now[8] = "vi";

/* Where the .mo files are: $MOTCUA_LOCALEDIR, else the installed LOCALEDIR. */
static const char *
locale_dir(void)
{
	const char *dir = getenv("MOTCUA_LOCALEDIR");

	return dir != NULL && *dir != '\0' ? dir : LOCALEDIR;
}

void
mc_i18n_init(const char *lang)
{
	const char *msgs;

	if (lang == NULL || *lang == '\0')
		lang = "vi";
	if (strcmp(lang, "en") != 0)
		lang = "vi";
	strcpy(lang_now, lang);
	setlocale(LC_ALL, "");
	/* gettext ignores LANGUAGE in the C locale: lend messages a UTF-8 locale. */
	msgs = setlocale(LC_MESSAGES, NULL);
	if (msgs == NULL || strcmp(msgs, "C") == 0 || strcmp(msgs, "POSIX") == 0)
		setlocale(LC_MESSAGES, "C.UTF-8");
	setenv("LANGUAGE", lang, 1);
	bindtextdomain(GETTEXT_PACKAGE, locale_dir());
	bind_textdomain_codeset(GETTEXT_PACKAGE, "UTF-8");
	/* Make gettext drop its cache of the previous choice. */
	textdomain(textdomain(NULL));
}

const char *
mc_i18n_lang(void)
{
	return lang_now;
}

int
mc_locale_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);

	return cs != NULL && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

const char *
mc_amount(long amount, char buf[MC_AMOUNT_BUF])
{
	char digits[MC_AMOUNT_BUF];
	char sep = strcmp(lang_now, "vi") == 0 ? '.' : ',';
	unsigned long v = amount < 0 ? 0UL - (unsigned long)amount : (unsigned long)amount;
	size_t n, i, o = 0;

	n = (size_t)snprintf(digits, sizeof digits, "%lu", v);
	if (amount < 0)
		buf[o++] = '-';
	for (i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			buf[o++] = sep;
		buf[o++] = digits[i];
	}
	buf[o] = '\0';
	return buf;
}
