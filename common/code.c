/* code.c -- dossier codes (mã hồ sơ): format, take the next one, parse what people type.
 *
 * A code is <agency>-<YYMMDD>-<NNNN> (Thông tư 01/2018 Điều 19).  code_next() takes the
 * sequence from table code_seq with one UPSERT ... RETURNING inside the caller's write
 * transaction, so two programs writing the same store never hand out the same code.
 *
 * code_parse() first reduces the input to its letters and digits, remembering where a
 * separator stood (struct scan), then reads the parts at fixed positions: an optional
 * keyword (HS, MA HS, HO SO), the agency in either QCVN form (or the office's own code),
 * six digits of date and one to four of sequence.  Separators may stand only between
 * the groups of a part, so a mistyped code is refused rather than guessed at.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "code.h"
#include "i18n.h"
#include "store.h"

#define PARSE_MAX 200		/* longest input code_parse() reads, in bytes */
#define AGENCY_MAX 40		/* longest agency code, in bytes */

/* The input reduced to letters and digits as typed; brk[i] is 1 when a separator
 * stood before c[i] (brk[n] for a separator at the end). */
struct scan {
	char c[PARSE_MAX + 1];
	unsigned char brk[PARSE_MAX + 2];
	int n;
};

static int
is_alnum(char ch)
{
	return (ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z');
}

static int
is_separator(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n' || ch == '-' ||
	    ch == '.' || ch == '_' || ch == '/' || ch == ':';
}

static char
upper(char ch)
{
	return ch >= 'a' && ch <= 'z' ? (char)(ch - 'a' + 'A') : ch;
}

/* The digit a character stands for in a digit place (O for 0, I or l for 1), or -1. */
static int
digit_of(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	switch (ch) {
	case 'O': case 'o':
		return 0;
	case 'I': case 'i': case 'l': case 'L':
		return 1;
	}
	return -1;
}

/* The number in c[at..at+len) of sc, or -1 when one of them is not a digit. */
static int
number_at(const struct scan *sc, int at, int len)
{
	int i, d, v = 0;

	if (at < 0 || len < 0 || at + len > sc->n)
		return -1;
	for (i = at; i < at + len; i++) {
		if ((d = digit_of(sc->c[i])) < 0)
			return -1;
		v = v * 10 + d;
	}
	return v;
}

/* 1 when no separator stands inside c[at..at+len) but before the offsets in ok
 * (a string of offsets 1..9 as characters, e.g. "357"). */
static int
breaks_only_at(const struct scan *sc, int at, int len, const char *ok)
{
	int i;

	for (i = 1; i < len && at + i <= sc->n; i++)
		if (sc->brk[at + i] && strchr(ok, '0' + i) == NULL)
			return 0;
	return 1;
}

/* Reduce s (NUL-terminated, length known to be <= PARSE_MAX) into sc; -1 on a
 * character that has no place in a code. */
static int
scan_input(const char *s, struct scan *sc)
{
	int sep = 0;

	memset(sc, 0, sizeof *sc);
	for (; *s != '\0'; s++) {
		if (is_separator(*s)) {
			sep = 1;
		} else if (is_alnum(*s)) {
			sc->brk[sc->n] = sep && sc->n > 0;
			sc->c[sc->n++] = *s;
			sep = 0;
		} else {
			return -1;
		}
	}
	sc->brk[sc->n] = sep;
	return 0;
}

/* The length of a leading keyword (HS, MA HS, HO SO, MA HO SO) at c[0..), or 0. */
static int
keyword_len(const struct scan *sc)
{
	static const char *const words[] = { "MAHOSO", "MAHS", "HOSO", "HS" };
	size_t i;
	int j, len;

	for (i = 0; i < sizeof words / sizeof words[0]; i++) {
		len = (int)strlen(words[i]);
		if (len > sc->n)
			continue;
		for (j = 0; j < len && upper(sc->c[j]) == words[i][j]; j++)
			;
		if (j == len)
			return len;
	}
	return 0;
}

/* Read an agency code in QCVN form at c[at..) into out (canonical); the number of
 * characters taken, 0 when it is not there, -1 when it is there but malformed. */
static int
agency_at(const struct scan *sc, int at, char out[AGENCY_MAX + 1])
{
	int a, b, c, d;

	if (at < sc->n && upper(sc->c[at]) == 'H') {
		/* 2020 form Hdd.dd.dd.dd */
		if ((a = number_at(sc, at + 1, 2)) < 0 || (b = number_at(sc, at + 3, 2)) < 0 ||
		    (c = number_at(sc, at + 5, 2)) < 0 || (d = number_at(sc, at + 7, 2)) < 0 ||
		    !breaks_only_at(sc, at, 9, "1357"))
			return -1;
		snprintf(out, AGENCY_MAX + 1, "H%02u.%02u.%02u.%02u", (unsigned)a % 100u,
		    (unsigned)b % 100u, (unsigned)c % 100u, (unsigned)d % 100u);
		return 9;
	}
	if (at + 7 < sc->n && upper(sc->c[at + 7]) == 'H') {
		/* QCVN 102:2016 form ddd.dd.dd.Hdd */
		if ((a = number_at(sc, at, 3)) < 0 || (b = number_at(sc, at + 3, 2)) < 0 ||
		    (c = number_at(sc, at + 5, 2)) < 0 || (d = number_at(sc, at + 8, 2)) < 0 ||
		    !breaks_only_at(sc, at, 10, "3578"))
			return -1;
		snprintf(out, AGENCY_MAX + 1, "%03u.%02u.%02u.H%02u", (unsigned)a % 1000u,
		    (unsigned)b % 100u, (unsigned)c % 100u, (unsigned)d % 100u);
		return 10;
	}
	return 0;
}

/* The letters and digits of a free-form agency code (dots dropped) start c[at..):
 * the number of characters taken, or 0. */
static int
own_agency_at(const struct scan *sc, int at, const char *agency)
{
	int i = at;

	for (; *agency != '\0'; agency++) {
		if (*agency == '.')
			continue;
		if (i >= sc->n || upper(sc->c[i]) != *agency)
			return 0;
		i++;
	}
	return i - at;
}

/* The office's own code in canonical form: 1 for a QCVN code however it was written,
 * 2 for another valid agency code (kept as configured), -1 for anything else. */
static int
canonical_default(const char *dflt, char out[AGENCY_MAX + 1])
{
	struct scan sc;

	if (strnlen(dflt, PARSE_MAX + 1) <= PARSE_MAX && scan_input(dflt, &sc) == 0 &&
	    sc.n > 0 && agency_at(&sc, 0, out) == sc.n)
		return 1;
	if (!code_agency_valid(dflt))
		return -1;
	snprintf(out, AGENCY_MAX + 1, "%s", dflt);
	return 2;
}

int
code_agency_valid(const char *agency)
{
	size_t i, n;

	if (agency == NULL)
		return 0;
	n = strnlen(agency, AGENCY_MAX + 1);
	if (n < 2 || n > AGENCY_MAX)
		return 0;
	for (i = 0; i < n; i++) {
		if (!((agency[i] >= 'A' && agency[i] <= 'Z') ||
		    (agency[i] >= '0' && agency[i] <= '9') || agency[i] == '.'))
			return 0;
	}
	return 1;
}

int
code_format(const char *agency, mc_day day, int seq, char out[CODE_MAX])
{
	int y, m, d;

	out[0] = '\0';
	if (!code_agency_valid(agency) || seq < 1 || seq > 9999)
		return MC_EINVAL;
	mc_civil_from_day(day, &y, &m, &d);
	if (y < 2000 || y > 2099)
		return MC_EINVAL;
	snprintf(out, CODE_MAX, "%s-%02d%02d%02d-%04d", agency, y % 100, m, d, seq);
	return MC_OK;
}

int
code_next(struct store *st, const char *agency, mc_day day, char out[CODE_MAX],
    struct mc_error *err)
{
	sqlite3_stmt *s;
	char date[MC_TIME_BUF];
	int rc, seq, y, m, d;

	out[0] = '\0';
	if (!code_agency_valid(agency))
		return mc_fail(err, MC_EINVAL, _("'%s' is not a valid agency code"),
		    agency != NULL ? agency : "");
	mc_civil_from_day(day, &y, &m, &d);
	if (y < 2000 || y > 2099)
		return mc_fail(err, MC_EINVAL, _("dossier codes can be made only for dates from 2000 to 2099"));
	if (sqlite3_get_autocommit(store_db(st)))
		return mc_fail(err, MC_EINTERNAL, _("a dossier code was requested outside a transaction"));
	mc_date_format(day, date);
	/* The WHERE leaves a full day untouched: no row comes back. */
	if ((rc = store_prepare(st,
	    "INSERT INTO code_seq (office, day, last) VALUES (?1, ?2, 1) "
	    "ON CONFLICT (office, day) DO UPDATE SET last = last + 1 WHERE last < 9999 "
	    "RETURNING last", &s, err)) != MC_OK)
		return rc;
	sqlite3_bind_text(s, 1, agency, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, date, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(s);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(s);
		if (rc != SQLITE_DONE)
			return store_error(st, rc, err);
		return mc_fail(err, MC_EINVAL,
		    _("office %s has already given out all 9999 dossier codes for %s"),
		    agency, date);
	}
	seq = sqlite3_column_int(s, 0);
	rc = sqlite3_step(s);	/* finish the statement so COMMIT does not wait for it */
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_error(st, rc, err);
	if (code_format(agency, day, seq, out) != MC_OK)
		return mc_fail(err, MC_EINTERNAL, _("bad dossier sequence %d"), seq);
	return MC_OK;
}

/* Read the date and the sequence at c[at..) of sc and write the code of agency. */
static int
parse_date_seq(const struct scan *sc, int at, const char *agency, char out[CODE_MAX],
    struct mc_error *err)
{
	int yymmdd, seq, len, i;

	if (at >= sc->n)
		return mc_fail(err, MC_EINVAL, _("the date and the number are missing after the office code"));
	if (at + 6 > sc->n || (yymmdd = number_at(sc, at, 6)) < 0 ||
	    !breaks_only_at(sc, at, 6, "24"))
		return mc_fail(err, MC_EINVAL, _("the date must have 6 digits (YYMMDD)"));
	if (!mc_civil_valid(2000 + yymmdd / 10000, yymmdd / 100 % 100, yymmdd % 100))
		return mc_fail(err, MC_EINVAL, _("%06d is not a valid date (YYMMDD)"), yymmdd);
	at += 6;
	if (at >= sc->n)
		return mc_fail(err, MC_EINVAL, _("the number after the date is missing"));
	for (len = 1; at + len < sc->n && !sc->brk[at + len]; len++)
		;
	if (at + len < sc->n)
		return mc_fail(err, MC_EINVAL, _("unexpected text after the number"));
	for (i = at; i < at + len; i++)
		if (digit_of(sc->c[i]) < 0)
			return mc_fail(err, MC_EINVAL, _("the number after the date must have only digits"));
	if (len > 4)
		return mc_fail(err, MC_EINVAL, _("the number after the date has more than 4 digits"));
	if (len < 4 && !sc->brk[at])
		return mc_fail(err, MC_EINVAL, _("the number after the date must have 4 digits or be separated from the date"));
	if ((seq = number_at(sc, at, len)) < 1)
		return mc_fail(err, MC_EINVAL, _("the number after the date cannot be 0"));
	if (code_format(agency, mc_day_from_civil(2000 + yymmdd / 10000,
	    yymmdd / 100 % 100, yymmdd % 100), seq, out) != MC_OK)
		return mc_fail(err, MC_EINVAL, _("not a dossier code"));
	return MC_OK;
}

int
code_parse(const char *input, const char *default_agency, char out[CODE_MAX],
    struct mc_error *err)
{
	struct scan sc;
	char agency[AGENCY_MAX + 1], dflt[AGENCY_MAX + 1];
	int at, len, own = 0, dflt_kind = 0;

	out[0] = '\0';
	if (input == NULL)
		return mc_fail(err, MC_EINVAL, _("the dossier code is empty"));
	if (strnlen(input, PARSE_MAX + 1) > PARSE_MAX)
		return mc_fail(err, MC_EINVAL, _("too long for a dossier code"));
	if (scan_input(input, &sc) != 0)
		return mc_fail(err, MC_EINVAL, _("a dossier code has only letters, digits, spaces, dots, dashes and slashes"));
	if (default_agency != NULL && *default_agency != '\0') {
		if ((dflt_kind = canonical_default(default_agency, dflt)) < 0)
			return mc_fail(err, MC_EINVAL, _("the office code '%.40s' is not a valid agency code"),
			    default_agency);
	}
	/* The office's own code first: it may itself begin like a keyword ("HS01"). */
	if (dflt_kind == 2 && (own = own_agency_at(&sc, 0, dflt)) > 0 &&
	    parse_date_seq(&sc, own, dflt, out, NULL) == MC_OK)
		return MC_OK;
	own = 0;
	at = keyword_len(&sc);
	if (at >= sc.n)
		return mc_fail(err, MC_EINVAL, _("the dossier code is empty"));
	/* An office code outside the QCVN forms is recognised only as configured. */
	if (dflt_kind == 2)
		own = own_agency_at(&sc, at, dflt);
	if (digit_of(sc.c[at]) < 0 && own == 0 &&
	    !(upper(sc.c[at]) == 'H' && at + 1 < sc.n && digit_of(sc.c[at + 1]) >= 0))
		return mc_fail(err, MC_EINVAL, _("not a dossier code (like 000.17.22.H56-210531-0001)"));
	if (own > 0 && parse_date_seq(&sc, at + own, dflt, out, NULL) == MC_OK)
		return MC_OK;

	len = agency_at(&sc, at, agency);
	if (len < 0)
		return mc_fail(err, MC_EINVAL, _("the office code is not valid (expected e.g. 000.17.22.H56 or H15.50.05.13)"));
	if (len > 0)
		return parse_date_seq(&sc, at + len, agency, out, err);
	if (dflt_kind == 0)
		return mc_fail(err, MC_EINVAL, _("the office code is missing: type the whole code, e.g. 000.17.22.H56-210531-0001"));
	if (own > 0 && parse_date_seq(&sc, at, dflt, out, NULL) != MC_OK)
		return parse_date_seq(&sc, at + own, dflt, out, err);
	return parse_date_seq(&sc, at, dflt, out, err);
}

int
code_split(const char *code, char agency[CODE_MAX], mc_day *day, int *seq)
{
	char a[CODE_MAX];
	const char *dash;
	size_t n, alen;
	int i, yymmdd = 0, num = 0, y, m, d;

	if (code == NULL || (n = strnlen(code, CODE_MAX)) >= CODE_MAX || n < 2 + 12)
		return MC_EINVAL;
	/* <agency>-YYMMDD-NNNN: the last 12 characters are fixed. */
	dash = code + n - 12;
	if (dash[0] != '-' || dash[7] != '-')
		return MC_EINVAL;
	for (i = 1; i < 12; i++) {
		if (i == 7)
			continue;
		if (dash[i] < '0' || dash[i] > '9')
			return MC_EINVAL;
		if (i < 7)
			yymmdd = yymmdd * 10 + (dash[i] - '0');
		else
			num = num * 10 + (dash[i] - '0');
	}
	alen = (size_t)(dash - code);
	memcpy(a, code, alen);
	a[alen] = '\0';
	y = 2000 + yymmdd / 10000;
	m = yymmdd / 100 % 100;
	d = yymmdd % 100;
	if (!code_agency_valid(a) || !mc_civil_valid(y, m, d) || num < 1)
		return MC_EINVAL;
	if (agency != NULL)
		memcpy(agency, a, alen + 1);
	if (day != NULL)
		*day = mc_day_from_civil(y, m, d);
	if (seq != NULL)
		*seq = num;
	return MC_OK;
}
