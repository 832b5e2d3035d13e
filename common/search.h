/* search.h -- find dossiers as an official or a citizen types: any 3+ character fragment
 * of a code, phone or ID number, a name or address with or without diacritics, in any
 * case ("nguyen van a" finds "Nguyễn Văn A").  Newest dossiers first.
 */
#ifndef MC_SEARCH_H
#define MC_SEARCH_H

#include "dossier.h"
#include "error.h"

struct store;

/* Call fn for each dossier matching query, newest first, at most limit (> 0).
 * A query that is a whole dossier code (leniently parsed) finds that dossier first.
 * fn returns nonzero to stop.  *found (may be NULL) gets the number reported. */
int search_dossiers(struct store *st, const char *query, int limit,
    int (*fn)(const struct dossier *d, void *ctx), void *ctx, int *found,
    struct mc_error *err);

/* 1 when query has something to look for: a dossier code (the office's short form
 * too) or a word of 3 letters or digits or more; a box shows a hint instead. */
int search_worthwhile(const char *query, const char *office);

/* The same for a box that searches as the official types: a last word of one or two
 * letters is still being typed, so it is left out (rather than matched as a whole
 * word) while another word can carry the search: "nguyen v" lists "nguyen" until the
 * third letter comes. */
int search_typing(struct store *st, const char *query, int limit,
    int (*fn)(const struct dossier *d, void *ctx), void *ctx, int *found,
    struct mc_error *err);

#endif
