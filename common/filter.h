/* filter.h -- the lists behind the home screen's counts and the search screen's
 * filter keys: received today, due today, overdue, results waiting for collection,
 * one status.  Each is one SQL condition over table dossier (for counts and pages)
 * and the same condition in C (to filter search results), side by side in filter.c.
 *
 * "Overdue" is not a status (DOMAIN.md): a dossier still with the office (received,
 * registered, being processed, waiting for a fee) whose due time has passed.  One
 * waiting for the citizen's supplement is not counted: that time is not the office's.
 *
 * Pages are read newest first by keyset (id < the last id seen), so paging through a
 * million dossiers never reads more than a page.
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
	FILTER_OVERDUE,
	FILTER_READY,		/* results waiting for collection */
	FILTER_STATUS,		/* one status */
	FILTER_COUNT
};

struct filter_spec {
	enum filter_kind kind;
	int status;		/* FILTER_STATUS: which */
};

/* What the filter shows, translated ("Overdue", "Status: received"); buf or a
 * static string. */
const char *filter_name(const struct filter_spec *f, char *buf, size_t n);

/* Is d overdue at now? */
int filter_overdue(const struct dossier *d, mc_minute now);
/* Does d pass f at now? */
int filter_match(const struct filter_spec *f, const struct dossier *d, mc_minute now);

/* How many dossiers pass f at now. */
int filter_count(struct store *st, const struct filter_spec *f, mc_minute now, long *count,
    struct mc_error *err);

/* Up to n dossiers passing f with id < before (0: from the newest), newest first,
 * into out[] and their ids into ids[]; *got gets how many. */
int filter_page(struct store *st, const struct filter_spec *f, mc_minute now, long before,
    int n, struct dossier *out, long *ids, int *got, struct mc_error *err);

#endif
