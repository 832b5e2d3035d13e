/* search.c -- dossier search over the folded text and its FTS5 trigram index.
 *
 * The indexed text is " <code> <name> <phone> <ID> <address> ", folded (text_fold) and
 * framed by spaces.  The query is folded the same way.  Words of 3 or more characters
 * become trigram phrases: substring matches, so "0531-00" finds a code and "nguyen"
 * finds "Nguyễn".  Shorter words ("a" in "nguyen van a") become the phrase " a ",
 * spaces included, so they match whole words only -- and still through the index,
 * never by scanning rows.  A whole dossier code, phone number or ID number is looked up
 * exactly first (the first digits of a phone number: a range of its index).  Results come in descending rowid order straight from the index, so
 * the newest matches arrive first without sorting every match.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "code.h"
#include "i18n.h"
#include "search.h"
#include "store.h"
#include "text.h"

#define MAX_WORDS 12

/* The FTS5 MATCH expression for folded: every word a quoted phrase, short ones framed
 * by spaces; NULL when there is no word (or no memory). */
static char *
match_expr(const char *folded)
{
	char *m, *p, *copy, *w, *save = NULL;
	const char *c;
	int n = 0;

	if ((copy = strdup(folded)) == NULL)
		return NULL;
	if ((m = p = malloc(3 * strlen(folded) + 16 * MAX_WORDS + 1)) == NULL) {
		free(copy);
		return NULL;
	}
	for (w = strtok_r(copy, " ", &save); w != NULL && n < MAX_WORDS; w = strtok_r(NULL, " ", &save)) {
		int framed = strlen(w) < 3;

		p += sprintf(p, n++ > 0 ? " AND \"" : "\"");
		if (framed)
			*p++ = ' ';
		for (c = w; *c != '\0'; c++) {
			if (*c == '"')
				*p++ = '"';
			*p++ = *c;
		}
		if (framed)
			*p++ = ' ';
		*p++ = '"';
	}
	*p = '\0';
	free(copy);
	if (n == 0) {
		free(m);
		return NULL;
	}
	return m;
}

/* Report the rows of s (DOSSIER_COLUMNS first) to fn, skipping codes already given. */
static int
report(struct store *st, sqlite3_stmt *s, int limit, const char *skip,
    int (*fn)(const struct dossier *d, void *ctx), void *ctx, int *found, struct mc_error *err)
{
	struct dossier d;
	int rc, stop = 0;

	while (!stop && *found < limit && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		dossier_from_row(s, &d);
		if (skip != NULL && strcmp(d.code, skip) == 0)
			continue;
		(*found)++;
		stop = fn(&d, ctx);
	}
	if (stop || *found >= limit || rc == SQLITE_DONE)
		return MC_OK;
	return store_error(st, rc, err);
}

static int
run_fts(struct store *st, const char *folded, int limit, const char *skip,
    int (*fn)(const struct dossier *d, void *ctx), void *ctx, int *found, struct mc_error *err)
{
	sqlite3_stmt *s;
	char *match = match_expr(folded);
	int rc;

	if (match == NULL)
		return MC_OK;	/* nothing to look for */
	s = store_stmt(st, "SELECT " DOSSIER_COLUMNS " FROM dossier_fts f JOIN dossier "
	    "ON dossier.id = f.rowid WHERE f.dossier_fts MATCH ?1 ORDER BY f.rowid DESC LIMIT ?2", err);
	if (s == NULL) {
		free(match);
		return err != NULL ? err->code : MC_ESTORE;
	}
	sqlite3_bind_text(s, 1, match, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, limit + 1);
	rc = report(st, s, limit, skip, fn, ctx, found, err);
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	free(match);
	return rc;
}

/* A query that is a whole phone number or ID number: the rows that have it exactly. */
static int
run_exact_number(struct store *st, const char *query, int limit,
    int (*fn)(const struct dossier *d, void *ctx), void *ctx, int *found, struct mc_error *err)
{
	char num[32];
	sqlite3_stmt *s;
	size_t i, n = strlen(query);
	int rc;

	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)query[i]) && query[i] != ' ' && query[i] != '+')
			return MC_OK;
	if (n >= 4 && n < 10 && query[0] == '0' && strspn(query, "0123456789") == n) {
		/* The start of a phone number, typed digit by digit: a range of the index. */
		snprintf(num, sizeof num, "%s", query);
		s = store_stmt(st, "SELECT " DOSSIER_COLUMNS " FROM dossier WHERE phone >= ?1 "
		    "AND phone < ?1 || ':' ORDER BY id DESC LIMIT ?2", err);
	} else if (phone_normalise(query, num, NULL) == MC_OK)
		s = store_stmt(st, "SELECT " DOSSIER_COLUMNS " FROM dossier WHERE phone = ?1 "
		    "ORDER BY id DESC LIMIT ?2", err);
	else if (n == 12 && idno_validate(query, NULL, NULL) == MC_OK && snprintf(num, sizeof num, "%s", query) > 0)
		s = store_stmt(st, "SELECT " DOSSIER_COLUMNS " FROM dossier WHERE idno = ?1 AND idno <> '' "
		    "ORDER BY id DESC LIMIT ?2", err);
	else
		return MC_OK;
	if (s == NULL)
		return err != NULL ? err->code : MC_ESTORE;
	sqlite3_bind_text(s, 1, num, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 2, limit);
	rc = report(st, s, limit, NULL, fn, ctx, found, err);
	sqlite3_reset(s);
	return rc;
}

/* A query that is the start of a code's date part ("2610", "261012-00"): the codes of
 * this office in that range of the code index. */
static int
run_code_prefix(struct store *st, const char *query, int limit,
    int (*fn)(const struct dossier *d, void *ctx), void *ctx, int *found, struct mc_error *err)
{
	char lo[CODE_MAX + 8];
	size_t d = strspn(query, "0123456789"), n = strlen(query);
	sqlite3_stmt *s;
	int rc;

	if (d < 4 || d > 6 || query[0] == '0' || store_office(st)[0] == '\0' ||
	    (d < n && (d != 6 || query[6] != '-' || strspn(query + 7, "0123456789") != n - 7 ||
	    n - 7 > 4)))
		return MC_OK;
	snprintf(lo, sizeof lo, "%s-%s", store_office(st), query);
	/* In code order, newest day and number first: the index's own order, no sort. */
	s = store_stmt(st, "SELECT " DOSSIER_COLUMNS " FROM dossier WHERE code >= ?1 "
	    "AND code < ?1 || ':' ORDER BY code DESC LIMIT ?2", err);
	if (s == NULL)
		return err != NULL ? err->code : MC_ESTORE;
	sqlite3_bind_text(s, 1, lo, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 2, limit);
	rc = report(st, s, limit, NULL, fn, ctx, found, err);
	sqlite3_reset(s);
	return rc;
}

int
search_dossiers(struct store *st, const char *query, int limit,
    int (*fn)(const struct dossier *d, void *ctx), void *ctx, int *found,
    struct mc_error *err)
{
	char code[CODE_MAX], *folded;
	struct dossier d;
	int n = 0, rc, exact = 0;

	if (found == NULL)
		found = &n;
	*found = 0;
	if (limit <= 0)
		limit = 50;
	if (query == NULL || !text_valid(query, strlen(query)))
		return mc_fail(err, MC_EUTF8, NULL);
	if (code_parse(query, store_office(st), code, NULL) == MC_OK &&
	    dossier_get(st, code, &d, NULL) == MC_OK) {
		(*found)++;
		exact = 1;
		if (fn(&d, ctx) || limit == 1)
			return MC_OK;
	}
	if (!exact) {
		if ((rc = run_exact_number(st, query, limit, fn, ctx, found, err)) != MC_OK ||
		    (*found == 0 && (rc = run_code_prefix(st, query, limit, fn, ctx, found, err)) != MC_OK))
			return rc;
		if (*found > 0)
			return MC_OK;
	}
	if ((folded = text_fold(query)) == NULL)
		return mc_fail(err, MC_ENOMEM, NULL);
	rc = run_fts(st, folded, limit, exact ? code : NULL, fn, ctx, found, err);
	free(folded);
	return rc;
}

int
search_typing(struct store *st, const char *query, int limit,
    int (*fn)(const struct dossier *d, void *ctx), void *ctx, int *found,
    struct mc_error *err)
{
	char *q, *last;
	size_t n;
	int rc, longer = 0;
	const char *w;

	if (query == NULL || (n = strlen(query)) == 0 || query[n - 1] == ' ' ||
	    !text_valid(query, n))
		return search_dossiers(st, query, limit, fn, ctx, found, err);
	/* Folded, a word's length in bytes is its length in letters ("Cẩ" -> "ca"). */
	if ((q = text_fold(query)) == NULL)
		return mc_fail(err, MC_ENOMEM, NULL);
	if ((last = strrchr(q, ' ')) != NULL && strlen(last + 1) <= 2) {
		for (w = q; w < last; ) {	/* a word of 3+ letters before it? */
			size_t k = strcspn(w, " ");

			longer |= k >= 3;
			w += k + (w[k] == ' ');
		}
		if (longer)
			*last = '\0';
	}
	rc = search_dossiers(st, longer ? q : query, limit, fn, ctx, found, err);
	free(q);
	return rc;
}

int
search_worthwhile(const char *q, const char *office)
{
	char code[CODE_MAX], *folded = text_fold(q), *w, *save = NULL;
	int ok = 0;

	if (code_parse(q, office, code, NULL) == MC_OK)
		ok = 1;
	for (w = folded != NULL ? strtok_r(folded, " ", &save) : NULL; w != NULL && !ok;
	    w = strtok_r(NULL, " ", &save))
		ok = strlen(w) >= 3;
	free(folded);
	return ok;
}
