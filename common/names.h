/* names.h -- the names of an enum's values, as data and the command line write them
 * ("received", "reminder", "officer", "working-days"...), and back.
 *
 * A module keeps one table, indexed by the enum, and answers its own kind_name() and
 * kind_parse() through these two, so every table is read the same way:
 *
 *	static const char *const kind_names[NOTICE_NKINDS] = { "reply", "notice", ... };
 *	notice_kind_name(k)  = mc_name(kind_names, NOTICE_NKINDS, k)
 *	notice_kind_parse(s) = mc_name_parse(kind_names, NOTICE_NKINDS, s, 0)
 *
 * A table may leave holes (NULL): a value without a name, never matched.
 */
#ifndef MC_NAMES_H
#define MC_NAMES_H

/* The number of entries of a table that is an array. */
#define MC_NAMES_COUNT(names) ((int)(sizeof (names) / sizeof (names)[0]))

/* names[k]; "?" when k is not in the table or has no name.  Never NULL. */
const char *mc_name(const char *const *names, int n, int k);

#define MC_NAME_ANYCASE 1	/* mc_name_parse: "Hours" is "hours" (ASCII case) */

/* The index of name s in the table, or -1 if none (or s is NULL).  flags: 0 or
 * MC_NAME_ANYCASE. */
int mc_name_parse(const char *const *names, int n, const char *s, int flags);

#endif
