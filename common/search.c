/* search.c -- dossier search: exact look-ups, then names ranked, then the folded text's
 * FTS5 trigram index; see search.h.
 *
 * Stored with each row (dossier-row.c, migration 009): name_key, the folded name
 * (index dossier_name_key); search, " <code> <name> <phone> <ID> " folded and framed
 * by spaces; search_address, the folded address framed the same way.  dossier_fts
 * indexes the last two as separate columns, so the query's words are looked for in
 * search only and the address filter's in search_address only.
 *
 * The order of a search:
 *  0. a whole dossier code, phone or ID number, the first digits of a phone or the
 *     start of a code's date part: looked up exactly (a code, then the rest below);
 *  1. the exact full name: name_key = the folded query, from the index, newest first;
 *  2. names that start with the query: a range of the index.  A short range (see
 *     sorted_max()) is read and sorted newest first; a long one ("nguyen", 4 in
 *     10 names) by walking the rows newest first, where matches are so dense that a
 *     page is found within a few thousand rows -- unless an address filter may make
 *     them rare: then the rows of those addresses (the index), newest first;
 *  3. every word a substring of search (trigram phrases; words of one or two letters
 *     as " a ", whole words), newest first, straight from the index (descending
 *     rowid), leaving out the names 1 and 2 gave.
 * Each row is checked against the address filter as it comes (and the index narrows
 * step 3 by it), so the filter never changes the order.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "code.h"
#include "i18n.h"
#include "phone.h"
#include "search.h"
#include "store.h"
#include "text.h"

#define MAX_WORDS 12
#define PREFIX_SORTED 1000	/* a name range read whole and sorted, at least */
#define ROW_COLUMNS DOSSIER_COLUMNS ", dossier.name_key, dossier.search_address"

/* One search under way. */
struct run {
	struct store *st;
	int limit, *found, stop;
	int (*fn)(const struct dossier *d, void *ctx);
	void *ctx;
	const char *skip;	/* a code already given, or NULL */
	const char *named;	/* step 3: leave out names starting with this (steps 1, 2) */
	const char *only;	/* step 2 by the index: keep only names starting with this
				   (but not the name itself, step 1) */
	const char *address;	/* folded address words, or NULL */
};

/* Append phrases for the words of folded to p, each "col : "word"" (short words
 * framed by spaces), joined by AND; the number of words. */
static int
phrases(char **p, const char *folded, const char *col, int n)
{
	char *copy, *w, *save = NULL;
	const char *c;

	if ((copy = strdup(folded)) == NULL)
		return -1;
	for (w = strtok_r(copy, " ", &save); w != NULL && n < MAX_WORDS; w = strtok_r(NULL, " ", &save)) {
		int framed = strlen(w) < 3;

		*p += sprintf(*p, "%s%s : \"", n++ > 0 ? " AND " : "", col);
		if (framed)
			*(*p)++ = ' ';
		for (c = w; *c != '\0'; c++) {
			if (*c == '"')
				*(*p)++ = '"';
			*(*p)++ = *c;
		}
		if (framed)
			*(*p)++ = ' ';
		*(*p)++ = '"';
	}
	**p = '\0';
	free(copy);
	return n;
}

/* The FTS5 MATCH expression: the words of folded in column search, those of address
 * in column search_address; NULL when there is no word (or no memory). */
static char *
match_expr(const char *folded, const char *address)
{
	size_t room = 2 * (strlen(folded) + (address != NULL ? strlen(address) : 0)) +
	    40 * 2 * MAX_WORDS + 1;
	char *m = malloc(room), *p = m;
	int n;

	if (m == NULL)
		return NULL;
	*p = '\0';
	n = phrases(&p, folded, "search", 0);
	if (n >= 0 && address != NULL)
		n = phrases(&p, address, "search_address", n);
	if (n <= 0) {
		free(m);
		return NULL;
	}
	return m;
}

char *
search_address_expr(const char *words)
{
	return words != NULL ? match_expr("", words) : NULL;
}

int
search_address_match(const char *framed, const char *words)
{
	char *copy, *w, *save = NULL, buf[8];
	int ok = 1;

	if (words == NULL || *words == '\0')
		return 1;
	if (framed == NULL || (copy = strdup(words)) == NULL)
		return 0;
	for (w = strtok_r(copy, " ", &save); w != NULL && ok; w = strtok_r(NULL, " ", &save)) {
		if (strlen(w) < 3) {
			snprintf(buf, sizeof buf, " %s ", w);
			ok = strstr(framed, buf) != NULL;
		} else
			ok = strstr(framed, w) != NULL;
	}
	free(copy);
	return ok;
}

/* Give fn the rows of s (ROW_COLUMNS first), but those already given or filtered out. */
static int
report(struct run *r, sqlite3_stmt *s, struct mc_error *err)
{
	const char *key, *addr;
	struct dossier d;
	size_t n = r->named != NULL ? strlen(r->named) : 0;
	int rc = SQLITE_DONE;

	while (!r->stop && *r->found < r->limit && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		key = (const char *)sqlite3_column_text(s, DOSSIER_NCOLUMNS);
		addr = (const char *)sqlite3_column_text(s, DOSSIER_NCOLUMNS + 1);
		if (r->named != NULL && key != NULL && strncmp(key, r->named, n) == 0)
			continue;
		if (r->only != NULL && (key == NULL || strncmp(key, r->only, strlen(r->only)) != 0 ||
		    key[strlen(r->only)] == '\0'))
			continue;
		if (!search_address_match(addr, r->address))
			continue;
		dossier_from_row(s, &d);
		if (r->skip != NULL && strcmp(d.code, r->skip) == 0)
			continue;
		(*r->found)++;
		r->stop = r->fn(&d, r->ctx);
	}
	return store_reset(r->st, s, rc, err);	/* MC_OK when stopped on a row */
}

/* Prepare sql, bind ?1 and ?2 as text (NULL: not bound), report its rows.
 * A statement that sorts has "LIMIT ?3": the rows still wanted, so that SQLite keeps
 * only those in its sorter (26 ms -> 1.5 ms for the 10,000 phones starting "0863"),
 * or all of them when rows may be left out after the query (the address filter). */
static int
run_sql(struct run *r, const char *sql, const char *a, const char *b, struct mc_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = store_prepare(r->st, sql, &s, err)) != MC_OK)
		return rc;
	if (a != NULL)
		sqlite3_bind_text(s, 1, a, -1, SQLITE_TRANSIENT);
	if (b != NULL)
		sqlite3_bind_text(s, 2, b, -1, SQLITE_TRANSIENT);
	if (sqlite3_bind_parameter_count(s) >= 3)
		sqlite3_bind_int(s, 3, r->address != NULL || r->skip != NULL ? -1 :
		    r->limit - *r->found);
	rc = report(r, s, err);
	sqlite3_clear_bindings(s);
	return rc;
}

/* The longest range of names read whole and sorted (step 2).  Walking the rows
 * instead reads about wanted * rows / range of them, one after the other; reading the
 * range costs a look-up (several times a row read) and a sort per row.  So the
 * walk wins only for ranges over about sqrt(wanted * rows / 4): 3,900 names on a
 * store of 1,000,000 dossiers for a page of 60. */
static long
sorted_max(struct run *r)
{
	long rows = 0, wanted = r->limit - *r->found, t;
	sqlite3_stmt *s;

	if (store_prepare(r->st, "SELECT max(id) FROM dossier", &s, NULL) == MC_OK) {
		if (sqlite3_step(s) == SQLITE_ROW)
			rows = (long)sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
	}
	if (wanted > 100)
		wanted = 100;	/* a screen's page, not a console's scan limit */
	for (t = 1; t * t < wanted * rows / 4 && t < 20 * PREFIX_SORTED; t++)
		;	/* an integer square root, at most 20,000 steps */
	return t < PREFIX_SORTED ? PREFIX_SORTED : t > 20 * PREFIX_SORTED ? 20 * PREFIX_SORTED : t;
}

/* Steps 1 and 2: the exact name, then the names starting with it. */
static int
run_names(struct run *r, const char *key, struct mc_error *err)
{
	char *next, *match;
	sqlite3_stmt *s;
	size_t n = strlen(key);
	long sorted;
	int many = 0, rc;

	if ((rc = run_sql(r, "SELECT " ROW_COLUMNS " FROM dossier INDEXED BY dossier_name_key "
	    "WHERE name_key = ?1 ORDER BY id DESC", key, NULL, err)) != MC_OK || r->stop ||
	    *r->found >= r->limit)
		return rc;
	/* The names above key and below it with its last byte one more. */
	if (n == 0 || (unsigned char)key[n - 1] == 0xff || (next = strdup(key)) == NULL)
		return n == 0 || (unsigned char)key[n - 1] == 0xff ? MC_OK : mc_fail(err, MC_ENOMEM, NULL);
	next[n - 1]++;
	sorted = sorted_max(r);
	if ((rc = store_prepare(r->st, "SELECT count(*) FROM (SELECT 1 FROM dossier INDEXED BY "
	    "dossier_name_key WHERE name_key > ?1 AND name_key < ?2 LIMIT ?3)", &s, err)) != MC_OK) {
		free(next);
		return rc;
	}
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, next, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 3, sorted + 1);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW)
		many = sqlite3_column_int(s, 0) > sorted;
	rc = store_reset(r->st, s, rc, err);
	sqlite3_clear_bindings(s);
	if (rc != MC_OK) {
		free(next);
		return rc;
	}
	if (many && r->address != NULL && (match = match_expr("", r->address)) != NULL) {
		/* A common name, maybe in few addresses: the rows of those addresses, newest
		 * first (the name is checked row by row: its last word may be half typed). */
		r->only = key;
		rc = run_sql(r, "SELECT " ROW_COLUMNS " FROM dossier_fts f JOIN dossier "
		    "ON dossier.id = f.rowid WHERE f.dossier_fts MATCH ?1 ORDER BY f.rowid DESC",
		    match, NULL, err);
		r->only = NULL;
		free(match);
	} else if (many)
		rc = run_sql(r, "SELECT " ROW_COLUMNS " FROM dossier NOT INDEXED "
		    "WHERE name_key > ?1 AND name_key < ?2 ORDER BY id DESC", key, next, err);
	else
		rc = run_sql(r, "SELECT " ROW_COLUMNS " FROM dossier INDEXED BY dossier_name_key "
		    "WHERE name_key > ?1 AND name_key < ?2 ORDER BY id DESC LIMIT ?3", key, next, err);
	free(next);
	return rc;
}

/* Step 3: the index, newest first. */
static int
run_fts(struct run *r, const char *folded, struct mc_error *err)
{
	char *match = match_expr(folded, r->address);
	int rc;

	if (match == NULL)
		return MC_OK;	/* nothing to look for */
	rc = run_sql(r, "SELECT " ROW_COLUMNS " FROM dossier_fts f JOIN dossier "
	    "ON dossier.id = f.rowid WHERE f.dossier_fts MATCH ?1 ORDER BY f.rowid DESC", match,
	    NULL, err);
	free(match);
	return rc;
}

/* A query that is a whole phone number or ID number: the rows that have it exactly. */
static int
run_exact_number(struct run *r, const char *query, struct mc_error *err)
{
	char num[32];
	size_t i, n = strlen(query);

	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)query[i]) && query[i] != ' ' && query[i] != '+')
			return MC_OK;
	if (n >= 4 && n < 10 && query[0] == '0' && strspn(query, "0123456789") == n) {
		/* The start of a phone number, typed digit by digit: a range of the index. */
		snprintf(num, sizeof num, "%s", query);
		return run_sql(r, "SELECT " ROW_COLUMNS " FROM dossier WHERE phone >= ?1 "
		    "AND phone < ?1 || ':' ORDER BY id DESC LIMIT ?3", num, NULL, err);
	}
	if (phone_normalise(query, num, NULL) == MC_OK)
		return run_sql(r, "SELECT " ROW_COLUMNS " FROM dossier WHERE phone = ?1 "
		    "ORDER BY id DESC", num, NULL, err);
	if (n == 12 && idno_validate(query, NULL, NULL) == MC_OK)
		return run_sql(r, "SELECT " ROW_COLUMNS " FROM dossier WHERE idno = ?1 AND "
		    "idno <> '' ORDER BY id DESC", query, NULL, err);
	return MC_OK;
}

/* A query that is the start of a code's date part ("2610", "261012-00"): the codes of
 * this office in that range of the code index. */
static int
run_code_prefix(struct run *r, const char *query, struct mc_error *err)
{
	char lo[CODE_MAX + 8];
	size_t d = strspn(query, "0123456789"), n = strlen(query);

	if (d < 4 || d > 6 || query[0] == '0' || store_office(r->st)[0] == '\0' ||
	    (d < n && (d != 6 || query[6] != '-' || strspn(query + 7, "0123456789") != n - 7 ||
	    n - 7 > 4)))
		return MC_OK;
	snprintf(lo, sizeof lo, "%s-%s", store_office(r->st), query);
	/* In code order, newest day and number first: the index's own order, no sort. */
	return run_sql(r, "SELECT " ROW_COLUMNS " FROM dossier WHERE code >= ?1 "
	    "AND code < ?1 || ':' ORDER BY code DESC", lo, NULL, err);
}

/* The code query names, leniently; "2612071", the short form without its dash, too
 * (a date of 6 digits, then the number). */
static int
whole_code(struct store *st, const char *query, char code[CODE_MAX])
{
	char dashed[32];
	size_t n = strlen(query);

	if (code_parse(query, store_office(st), code, NULL) == MC_OK)
		return 1;
	if (n < 7 || n > 10 || strspn(query, "0123456789") != n)
		return 0;
	snprintf(dashed, sizeof dashed, "%.6s-%s", query, query + 6);
	return code_parse(dashed, store_office(st), code, NULL) == MC_OK;
}

/* Has s a letter (a name to rank)? */
static int
has_letter(const char *s)
{
	for (; *s != '\0'; s++)
		if (isalpha((unsigned char)*s) || (unsigned char)*s >= 0x80)
			return 1;
	return 0;
}

/* The search, with the folded query for the names (steps 1, 2) and the folded words
 * for the index (step 3) apart: they differ while a word is being typed. */
static int
search(struct store *st, const char *query, const char *names, const char *words,
    const char *address, int limit, int (*fn)(const struct dossier *d, void *ctx), void *ctx,
    int *found, struct mc_error *err)
{
	struct run r = { .st = st, .limit = limit > 0 ? limit : 50, .found = found, .fn = fn,
	    .ctx = ctx, .address = address != NULL && *address != '\0' ? address : NULL };
	char code[CODE_MAX];
	struct dossier d;
	int rc, exact = 0;

	if (!whole_code(st, query, code))
		code[0] = '\0';
	if (code[0] != '\0' && dossier_get(st, code, &d, NULL) == MC_OK) {
		char *addr = dossier_search_address(&d);

		if (search_address_match(addr, r.address)) {
			exact = 1;
			(*found)++;
			r.stop = fn(&d, ctx);
		}
		free(addr);
		if (r.stop || *found >= r.limit)
			return MC_OK;
		r.skip = code;
	}
	if (!exact && *query != '\0') {
		if ((rc = run_exact_number(&r, query, err)) != MC_OK ||
		    (*found == 0 && (rc = run_code_prefix(&r, query, err)) != MC_OK))
			return rc;
		if (*found > 0)
			return MC_OK;
	}
	if (*names != '\0' && has_letter(names)) {
		if ((rc = run_names(&r, names, err)) != MC_OK || r.stop || *found >= r.limit)
			return rc;
		r.named = names;
	}
	if (*words == '\0' && r.address == NULL)
		return MC_OK;
	return run_fts(&r, words, err);
}

int
search_dossiers(struct store *st, const char *query, const char *address, int limit,
    int (*fn)(const struct dossier *d, void *ctx), void *ctx, int *found,
    struct mc_error *err)
{
	char *folded, *where = NULL;
	int n = 0, rc;

	if (found == NULL)
		found = &n;
	*found = 0;
	if (query == NULL)
		query = "";
	if (!text_valid(query, strlen(query)) || (address != NULL && !text_valid(address, strlen(address))))
		return mc_fail(err, MC_EUTF8, NULL);
	if ((folded = text_fold(query)) == NULL ||
	    (address != NULL && (where = text_fold(address)) == NULL)) {
		free(folded);
		return mc_fail(err, MC_ENOMEM, NULL);
	}
	rc = search(st, query, folded, folded, where, limit, fn, ctx, found, err);
	free(folded);
	free(where);
	return rc;
}

int
search_typing(struct store *st, const char *query, const char *address, int limit,
    int (*fn)(const struct dossier *d, void *ctx), void *ctx, int *found,
    struct mc_error *err)
{
	char *q, *words, *last, *where = NULL;
	size_t n;
	int rc, longer = 0, none = 0;
	const char *w;

	if (found == NULL)
		found = &none;
	*found = 0;
	if (query == NULL || (n = strlen(query)) == 0 || query[n - 1] == ' ' ||
	    !text_valid(query, n))
		return search_dossiers(st, query, address, limit, fn, ctx, found, err);
	if (address != NULL && !text_valid(address, strlen(address)))
		return mc_fail(err, MC_EUTF8, NULL);
	/* Folded, a word's length in bytes is its length in letters ("Cẩ" -> "ca"). */
	if ((q = text_fold(query)) == NULL || (words = strdup(q)) == NULL ||
	    (address != NULL && (where = text_fold(address)) == NULL)) {
		free(q);
		return mc_fail(err, MC_ENOMEM, NULL);
	}
	if ((last = strrchr(words, ' ')) != NULL && strlen(last + 1) <= 2) {
		for (w = words; w < last; ) {	/* a word of 3+ letters before it? */
			size_t k = strcspn(w, " ");

			longer |= k >= 3;
			w += k + (w[k] == ' ');
		}
		if (longer)
			*last = '\0';
	}
	rc = search(st, query, q, words, where, limit, fn, ctx, found, err);
	free(q);
	free(words);
	free(where);
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
