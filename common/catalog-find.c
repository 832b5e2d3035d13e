/* catalog-find.c -- the procedure picker's rule: which procedures match what an
 * official types at the counter, and in which order; see catalog_find() in catalog.h.
 *
 * A commune's catalogue has a few hundred procedures at most, so each search reads
 * them all (one statement), scores each in C and sorts: no index to keep.  Matching
 * compares folded text (text_fold: no case, no diacritics, đ = d), so "ket hon",
 * "kết hôn" and "KET HON" are the same words.  Each word of the query must be found:
 *  - a word of digits (and dots) may be the end of a code: "1193", "001193" and
 *    "1001193" all name 1.001193 (class CODE_END);
 *  - any word may be part of the folded "code name" or of the folded field.
 * A query that is a whole code, or a local variant's ("2.000815.000.00.00.H55"),
 * names that procedure alone (class CODE_FULL).  The order: class, then how many
 * dossiers the office received for the procedure (table procedure_use, kept by a
 * trigger), then how many words start a word of the name, then the shorter name
 * (the closer match: "khai sinh" puts "Đăng ký khai sinh" before "Đăng ký lại khai
 * sinh"), then the code.  Without words, the most used and then the code order.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "catalog-int.h"
#include "i18n.h"
#include "store.h"
#include "text.h"

#define FIND_WORDS 16		/* words of a query that count; more are ignored */
#define DIGITS_MIN 3		/* digits that may name the end of a code */

enum match_class {
	WORDS,			/* words of the name, field or code */
	CODE_END,		/* a word is the end of the code's digits */
	CODE_FULL,		/* the query is the code */
};

struct cand {
	struct procedure p;	/* owned; docs not loaded */
	char *text;		/* folded "code name | field", owned */
	int uses;
	enum match_class cls;
	int starts;		/* words found at the start of a word */
	size_t len;		/* the name's length when words were typed, else 0 */
};

struct found {
	struct cand *c;
	int n, cap;
};

static void
found_free(struct found *f)
{
	int i;

	for (i = 0; i < f->n; i++) {
		procedure_free(&f->c[i].p);
		free(f->c[i].text);
	}
	free(f->c);
	memset(f, 0, sizeof *f);
}

/* The folded text a procedure is searched in. */
static char *
search_text(const struct procedure *p)
{
	size_t n = strlen(p->code) + strlen(p->name) + strlen(p->field) + 8;
	char *raw = malloc(n), *folded;

	if (raw == NULL)
		return NULL;
	snprintf(raw, n, "%s %s | %s", p->code, p->name, p->field);
	folded = text_fold(raw);
	free(raw);
	return folded;
}

/* The office's dossiers for code (0 when it has none). */
static int
uses_of(struct store *st, const char *code)
{
	sqlite3_stmt *s;
	int n = 0;

	if (store_prepare(st, "SELECT n FROM procedure_use WHERE office = ?1 AND procedure = ?2",
	    &s, NULL) != MC_OK)
		return 0;
	sqlite3_bind_text(s, 1, store_office(st), -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, code, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int(s, 0);
	sqlite3_reset(s);
	return n;
}

/* Every procedure (with its use count and search text) into f. */
static int
load_all(struct store *st, struct found *f, struct mc_error *err)
{
	sqlite3_stmt *s;
	struct cand *nc;
	int rc;

	if ((rc = store_prepare(st, PROCEDURE_SELECT "ORDER BY code", &s, err)) != MC_OK)
		return rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (f->n == f->cap) {
			f->cap = f->cap > 0 ? f->cap * 2 : 64;
			if ((nc = realloc(f->c, (size_t)f->cap * sizeof *nc)) == NULL) {
				rc = SQLITE_NOMEM;
				break;
			}
			f->c = nc;
		}
		nc = &f->c[f->n];
		memset(nc, 0, sizeof *nc);
		f->n++;
		if (catalog_row_load(s, &nc->p) != MC_OK || (nc->text = search_text(&nc->p)) == NULL) {
			rc = SQLITE_NOMEM;
			break;
		}
	}
	if ((rc = store_reset(st, s, rc, err)) != MC_OK)
		return rc;
	for (int i = 0; i < f->n; i++)
		f->c[i].uses = uses_of(st, f->c[i].p.code);
	return MC_OK;
}

/* 1 when w is digits, with dots between some of them. */
static int
is_number(const char *w)
{
	int digits = 0;

	for (; *w != '\0'; w++) {
		if (*w >= '0' && *w <= '9')
			digits++;
		else if (*w != '.')
			return 0;
	}
	return digits > 0;
}

/* Do the digits of w end the digits of code ("1193" ends "1001193")? */
static int
ends_code(const char *code, const char *w)
{
	char cd[CATALOG_CODE_MAX], wd[CATALOG_CODE_MAX];
	size_t nc = 0, nw = 0;

	for (; *code != '\0' && nc + 1 < sizeof cd; code++)
		if (*code >= '0' && *code <= '9')
			cd[nc++] = *code;
	for (; *w != '\0' && nw + 1 < sizeof wd; w++)
		if (*w >= '0' && *w <= '9')
			wd[nw++] = *w;
	return nw >= DIGITS_MIN && nw <= nc && memcmp(cd + nc - nw, wd, nw) == 0;
}

/* Is w in text at the start of one of its words?  0: not there; 1: inside a word;
 * 2: at a word's start. */
static int
find_word(const char *text, const char *w)
{
	const char *p = text;
	int found = 0;

	while ((p = strstr(p, w)) != NULL) {
		if (p == text || p[-1] == ' ' || p[-1] == '(' || p[-1] == ',' || p[-1] == '/')
			return 2;
		found = 1;
		p++;
	}
	return found;
}

/* Score c against the words; 0 when one of them is missing. */
static int
score(struct cand *c, char *const *w, int nw)
{
	int i, k;

	c->cls = WORDS;
	c->starts = 0;
	c->len = nw > 0 ? strlen(c->p.name) : 0;
	for (i = 0; i < nw; i++) {
		if (is_number(w[i]) && ends_code(c->p.code, w[i])) {
			c->cls = CODE_END;
			continue;
		}
		if ((k = find_word(c->text, w[i])) == 0)
			return 0;
		c->starts += k == 2;
	}
	return 1;
}

static int
cand_cmp(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;

	if (x->cls != y->cls)
		return x->cls > y->cls ? -1 : 1;
	if (x->uses != y->uses)
		return x->uses > y->uses ? -1 : 1;
	if (x->starts != y->starts)
		return x->starts > y->starts ? -1 : 1;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return strcmp(x->p.code, y->p.code);
}

/* Keep the procedures matching query in f, best first. */
static int
find(struct store *st, const char *query, struct found *f, struct mc_error *err)
{
	char code[CATALOG_CODE_MAX], agency[CATALOG_CODE_MAX], *folded = NULL, *save = NULL;
	char *w[FIND_WORDS], *t;
	int nw = 0, i, kept = 0, rc;

	if (query == NULL)
		query = "";
	if (!text_valid(query, strlen(query)))
		return mc_fail(err, MC_EUTF8, NULL);
	if ((rc = load_all(st, f, err)) != MC_OK)
		return rc;
	if (catalog_code_parse(query, code, agency) == MC_OK) {
		for (i = 0; i < f->n; i++)
			if (strcmp(f->c[i].p.code, code) == 0) {
				f->c[i].cls = CODE_FULL;
				break;
			}
	}
	if ((folded = text_fold(query)) == NULL)
		return mc_fail(err, MC_ENOMEM, NULL);
	for (t = strtok_r(folded, " \t", &save); t != NULL && nw < FIND_WORDS;
	    t = strtok_r(NULL, " \t", &save))
		w[nw++] = t;
	for (i = 0; i < f->n; i++) {
		if (f->c[i].cls == CODE_FULL || score(&f->c[i], w, nw)) {
			if (kept != i) {
				struct cand tmp = f->c[kept];

				f->c[kept] = f->c[i];
				f->c[i] = tmp;
			}
			kept++;
		}
	}
	/* The rest stay in the array (freed with it) but out of sight. */
	for (i = kept; i < f->n; i++) {
		procedure_free(&f->c[i].p);
		free(f->c[i].text);
	}
	f->n = kept;
	free(folded);
	qsort(f->c, (size_t)f->n, sizeof *f->c, cand_cmp);
	/* A code typed in full names that procedure alone. */
	if (f->n > 0 && f->c[0].cls == CODE_FULL) {
		for (i = 1; i < f->n; i++) {
			procedure_free(&f->c[i].p);
			free(f->c[i].text);
		}
		f->n = 1;
	}
	return MC_OK;
}

int
catalog_find(struct store *st, const char *query, int limit,
    int (*fn)(const struct procedure *p, int uses, void *ctx), void *ctx,
    struct mc_error *err)
{
	struct found f = { 0 };
	int rc, i;

	if ((rc = find(st, query, &f, err)) == MC_OK)
		for (i = 0; i < f.n && (limit <= 0 || i < limit); i++)
			if (fn(&f.c[i].p, f.c[i].uses, ctx) != 0)
				break;
	found_free(&f);
	return rc;
}

int
catalog_find_one(struct store *st, const char *query, char code[CATALOG_CODE_MAX],
    struct mc_error *err)
{
	struct found f = { 0 };
	int rc;

	code[0] = '\0';
	if ((rc = find(st, query, &f, err)) != MC_OK) {
		found_free(&f);
		return rc;
	}
	if (f.n == 0)
		rc = mc_fail(err, MC_ENOTFOUND, _("No procedure matches '%s'."), query);
	else if (f.n > 1 && f.c[0].cls == f.c[1].cls)
		rc = mc_fail(err, MC_EINVAL,
		    _("Several procedures match (%s, %s...): type more of the name, or the code."),
		    f.c[0].p.code, f.c[1].p.code);
	else
		snprintf(code, CATALOG_CODE_MAX, "%s", f.c[0].p.code);
	found_free(&f);
	return rc;
}
