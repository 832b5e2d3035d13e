/* search.c -- dossier search over the folded text and its FTS5 trigram index.
 *
 * The query is folded like the indexed text (text_fold).  Words of 3 or more
 * characters become trigram phrases (substring matches, so "0531-00" finds a code and
 * "nguyen" finds "Nguyễn"); shorter words ("a" in "nguyen van a") must stand as whole
 * words in the row's text.  Results come in descending rowid order straight from the
 * index, so the newest matches arrive first without sorting every match.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "search.h"
#include "store.h"
#include "text.h"

#define MAX_WORDS 12

struct query {
	char *folded;			/* owned; words point into it */
	const char *longw[MAX_WORDS];	/* 3+ characters: FTS phrases */
	const char *shortw[MAX_WORDS];	/* 1-2 characters: whole-word filters */
	int nlong, nshort;
};

static int
split(struct query *q, const char *query)
{
	char *w, *save = NULL;

	memset(q, 0, sizeof *q);
	if ((q->folded = text_fold(query)) == NULL)
		return -1;
	for (w = strtok_r(q->folded, " ", &save); w != NULL; w = strtok_r(NULL, " ", &save)) {
		if (strlen(w) >= 3 && q->nlong < MAX_WORDS)
			q->longw[q->nlong++] = w;
		else if (strlen(w) < 3 && q->nshort < MAX_WORDS)
			q->shortw[q->nshort++] = w;
	}
	return 0;
}

/* The FTS5 MATCH expression: every long word as a quoted phrase. */
static char *
match_expr(const struct query *q)
{
	size_t n = 1;
	char *m, *p;
	const char *c;
	int i;

	for (i = 0; i < q->nlong; i++)
		n += 2 * strlen(q->longw[i]) + 8;
	if ((m = p = malloc(n)) == NULL)
		return NULL;
	for (i = 0; i < q->nlong; i++) {
		if (i > 0)
			p += sprintf(p, " AND ");
		*p++ = '"';
		for (c = q->longw[i]; *c != '\0'; c++) {
			if (*c == '"')
				*p++ = '"';
			*p++ = *c;
		}
		*p++ = '"';
	}
	*p = '\0';
	return m;
}

static int
run(struct store *st, const struct query *q, int limit, const char *skip,
    int (*fn)(const struct dossier *d, void *ctx), void *ctx, int *found, struct mc_error *err)
{
	char sql[1024], *match = NULL;
	sqlite3_stmt *s;
	struct dossier d;
	size_t len;
	int rc, i, arg = 1, stop = 0;

	if (q->nlong > 0)
		len = (size_t)snprintf(sql, sizeof sql, "SELECT " DOSSIER_COLUMNS " FROM dossier_fts f "
		    "JOIN dossier ON dossier.id = f.rowid WHERE f.dossier_fts MATCH ?1");
	else
		len = (size_t)snprintf(sql, sizeof sql, "SELECT " DOSSIER_COLUMNS " FROM dossier WHERE 1");
	for (i = 0; i < q->nshort; i++)
		len += (size_t)snprintf(sql + len, sizeof sql - len,
		     " AND instr(' ' || dossier.search || ' ', ' ' || ?%d || ' ')", i + 2);
	snprintf(sql + len, sizeof sql - len, q->nlong > 0 ? " ORDER BY f.rowid DESC LIMIT %d" :
	    " ORDER BY dossier.id DESC LIMIT %d", limit + 1);
	rc = sqlite3_prepare_v2(store_db(st), sql, -1, &s, NULL);
	if (rc != SQLITE_OK)
		return store_error(st, rc, err);
	if (q->nlong > 0) {
		if ((match = match_expr(q)) == NULL) {
			sqlite3_finalize(s);
			return mc_fail(err, MC_ENOMEM, NULL);
		}
		sqlite3_bind_text(s, arg, match, -1, SQLITE_STATIC);
	}
	for (i = 0; i < q->nshort; i++)
		sqlite3_bind_text(s, i + 2, q->shortw[i], -1, SQLITE_STATIC);
	while (!stop && *found < limit && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		dossier_from_row(s, &d);
		if (skip != NULL && strcmp(d.code, skip) == 0)
			continue;
		(*found)++;
		stop = fn(&d, ctx);
	}
	sqlite3_finalize(s);
	free(match);
	if (stop || *found >= limit || rc == SQLITE_DONE || rc == SQLITE_ROW)
		return MC_OK;
	return store_error(st, rc, err);
}

int
search_dossiers(struct store *st, const char *query, int limit,
    int (*fn)(const struct dossier *d, void *ctx), void *ctx, int *found,
    struct mc_error *err)
{
	char code[CODE_MAX];
	struct dossier d;
	struct query q;
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
	if (split(&q, query) != 0)
		return mc_fail(err, MC_ENOMEM, NULL);
	if (q.nlong + q.nshort == 0)
		rc = MC_OK;	/* nothing to look for */
	else
		rc = run(st, &q, limit, exact ? code : NULL, fn, ctx, found, err);
	free(q.folded);
	return rc;
}
