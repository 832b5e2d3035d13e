/* filter.h -- the lists behind the home screen's counts and the search screen's
 * filter keys: received today, due today, overdue, results waiting for collection,
 * one status.  Each is one SQL condition over table dossier (for counts and pages)
 * and the same condition in C (to filter search results), side by side in filter.c.
 *
 * "Overdue" is not a status (DOMAIN.md): a dossier still with the office (received,
 * registered, being processed, waiting for a fee) whose due time has passed.  One
 * waiting for the citizen's supplement is not counted: that time is not the office's.
 *
 * A filter may also keep to one procedure, to one officer (who received the dossier)
 * and to the dossiers whose address holds some words (through the address column of
 * the search index: a search never looks at the address by itself, search.h), and
 * sort newest first, oldest first, or by due time (soonest first).
 * Pages are read by keyset (after the last row seen, by the sort's key and the id),
 * so paging through a million dossiers never reads more than a page; migration
 * 003-lists.sql gives every sort and narrowing an index.
 */
#ifndef MC_FILTER_H
#define MC_FILTER_H

#include "dossier.h"
#include "error.h"
#include "mctime.h"

struct store;

enum filter_kind {
	FILTER_ALL,
	FILTER_RECEIVED_TODAY,
	FILTER_DUE_TODAY,
	FILTER_DUE_WEEK,	/* still with the office, due by the end of this week */
	FILTER_OVERDUE,
	FILTER_READY,		/* results waiting for collection */
	FILTER_STATUS,		/* one status */
	FILTER_COUNT
};

enum filter_sort {
	SORT_NEWEST,		/* received, newest first (the default) */
	SORT_OLDEST,		/* received, oldest first */
	SORT_DUE,		/* due time, soonest first */
	SORT_COUNT
};

struct filter_spec {
	enum filter_kind kind;
	int status;		/* FILTER_STATUS: which */
	char procedure[48];	/* "" or only this procedure's dossiers */
	char officer[96];	/* "" or only those this login received */
	char address[128];	/* "" or only those whose address holds these words
				   (as typed: any case, with or without diacritics) */
	enum filter_sort sort;
};

/* Where a page ends: the sort key and the id of its last row ({ 0 }: the start). */
struct filter_cursor {
	long id;
	char key[MC_TIME_BUF];	/* due_at for SORT_DUE */
};

/* What the filter shows, translated ("Overdue", "Status: received", then the
 * procedure, the officer and the order when set); buf (or a static string). */
const char *filter_name(const struct filter_spec *f, char *buf, size_t n);

/* Is d overdue at now? */
int filter_overdue(const struct dossier *d, mc_minute now);
/* Does d pass f at now? */
int filter_match(const struct filter_spec *f, const struct dossier *d, mc_minute now);

/* How many dossiers pass f at now. */
int filter_count(struct store *st, const struct filter_spec *f, mc_minute now, long *count,
    struct mc_error *err);

/* The name of a sort order, translated. */
const char *filter_sort_name(enum filter_sort s);

/* Up to n dossiers passing f that come after *after (NULL or { 0 }: from the start)
 * in f's order, into out[], with each row's cursor in cur[]; *got gets how many. */
int filter_page(struct store *st, const struct filter_spec *f, mc_minute now,
    const struct filter_cursor *after, int n, struct dossier *out, struct filter_cursor *cur,
    int *got, struct mc_error *err);

#endif
