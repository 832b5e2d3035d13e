/* search.h -- find dossiers as an official or a citizen types: a dossier code (any
 * spelling code_parse() reads, and the short form without its dash, "2612071"), any
 * 3+ character fragment of a code, phone or ID number, a name with or without
 * diacritics, in any case ("nguyen van a" finds "Nguyễn Văn A").
 *
 * Results are ranked: the exact full name first, then the names that start with the
 * words ("nguyen thi hoa": "Nguyễn Thị Hoa", then "Nguyễn Thị Hoài", "Nguyễn Thị Hoa
 * Lan"), then the other matches (the words anywhere in the code, name, phone or ID);
 * newest first within each.  The address is searched only when asked (address: its
 * words must all be in the dossier's address), never by the query itself: every
 * address of a province ends with the province's name.
 */
#ifndef MC_SEARCH_H
#define MC_SEARCH_H

#include "dossier.h"
#include "error.h"

struct store;

/* Call fn for each dossier matching query (NULL or "": any, when address is given)
 * and address (NULL or "": any), ranked as above, at most limit (> 0).  A query that
 * is a whole dossier code finds that dossier first.  fn returns nonzero to stop.
 * *found (may be NULL) gets the number reported. */
int search_dossiers(struct store *st, const char *query, const char *address, int limit,
    int (*fn)(const struct dossier *d, void *ctx), void *ctx, int *found,
    struct mc_error *err);

/* 1 when query has something to look for: a dossier code (the office's short form
 * too) or a word of 3 letters or digits or more; a box shows a hint instead. */
int search_worthwhile(const char *query, const char *office);

/* The same for a box that searches as the official types: a last word of one or two
 * letters is still being typed: the names that start with what is typed come first
 * ("nguyen v": "Nguyễn Văn ..."), and the other fields are searched without it while
 * another word can carry the search (rather than matched as a whole word). */
int search_typing(struct store *st, const char *query, const char *address, int limit,
    int (*fn)(const struct dossier *d, void *ctx), void *ctx, int *found,
    struct mc_error *err);

/* The FTS5 expression that keeps the rows whose address (column search_address of
 * dossier_fts) holds every word of the folded words, for a list that narrows by
 * address in SQL (filter.c); NULL when there is no word (or no memory).  Free it. */
char *search_address_expr(const char *folded_words);

/* Does the folded, space-framed address hold every word of the folded words (a word
 * of one or two letters as a whole word)?  The C side of the address filter, for a
 * list that filters rows itself (filter.c). */
int search_address_match(const char *framed_address, const char *folded_words);

#endif
