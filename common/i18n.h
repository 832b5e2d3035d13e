/* i18n.h -- gettext for motcua: English msgids, Vietnamese by default.
 *
 * The office's language (setting "language", default "vi") decides, not LANG:
 * mc_i18n_init() makes gettext follow it even in the C locale.  Translations are
 * always UTF-8; a front end that talks to a non-UTF-8 terminal strips accents itself
 * (text_unaccent) rather than printing garbage.
 */
#ifndef MC_I18N_H
#define MC_I18N_H

#include <libintl.h>

#define _(s) dgettext(GETTEXT_PACKAGE, s)
#ifndef N_
#define N_(s) s
#endif

/* Switch messages to lang ("vi" or "en"; NULL or "" means the default "vi"). */
void mc_i18n_init(const char *lang);

/* The language in force ("vi" or "en"). */
const char *mc_i18n_lang(void);

/* An amount of money (đồng) as the office's language writes it, the thousands
 * grouped: "10.000" in Vietnamese, "10,000" in English.  Returns buf. */
#define MC_AMOUNT_BUF 32
const char *mc_amount(long amount, char buf[MC_AMOUNT_BUF]);

/* 1 when the process's LC_CTYPE speaks UTF-8. */
int mc_locale_utf8(void);

#endif
