/* error.h -- the one list of motcua's error codes and their messages.
 *
 * Every fallible function in common/ returns an int: MC_OK (0) or one of the codes
 * below, and fills an optional struct mc_error with a detailed, translated message
 * ("line 12: unknown procedure 9.999999").  mc_fail() does both in one statement:
 *
 *	return mc_fail(err, MC_EINVAL, _("line %d: bad date"), line);
 *
 * The messages are English msgids translated with gettext (po/vi.po).
 */
#ifndef MC_ERROR_H
#define MC_ERROR_H

#include <stddef.h>

#ifndef N_
#define N_(s) s	/* marks the messages for xgettext; i18n.h translates */
#endif

#define MC_ERRORS(X) \
	X(MC_OK,         N_("success")) \
	X(MC_ENOMEM,     N_("out of memory")) \
	X(MC_EINVAL,     N_("invalid input")) \
	X(MC_ENOTFOUND,  N_("not found")) \
	X(MC_EEXIST,     N_("already exists")) \
	X(MC_EUTF8,      N_("the text is not valid UTF-8")) \
	X(MC_ECSV,       N_("the file has errors; nothing was imported")) \
	X(MC_ETRANSITION,N_("this action is not allowed in the dossier's current status")) \
	X(MC_EAUTH,      N_("wrong login or password")) \
	X(MC_EDENIED,    N_("you are not allowed to do this")) \
	X(MC_EWAIT,      N_("too many failed logins: wait before the next try")) \
	X(MC_ELOCKED,    N_("the account is locked after too many failed logins: an administrator must unlock it")) \
	X(MC_EBUSY,      N_("the database is busy (another program is writing to it); try again in a moment")) \
	X(MC_EREADONLY,  N_("the database cannot be written (read-only file or folder)")) \
	X(MC_EFULL,      N_("the disk is full; nothing was saved")) \
	X(MC_ENEWER,     N_("the database was written by a newer version of motcua; install that version")) \
	X(MC_ECORRUPT,   N_("the database file is damaged or is not a motcua database")) \
	X(MC_ENOSTORE,   N_("no database here yet; run 'motcua init' first")) \
	X(MC_EIO,        N_("input/output error")) \
	X(MC_ESTORE,     N_("database error")) \
	X(MC_EINTERNAL,  N_("internal error"))

#define MC_ERROR_ENUM(code, msg) code,
enum mc_code { MC_ERRORS(MC_ERROR_ENUM) MC_NCODES };
#undef MC_ERROR_ENUM

struct mc_error {
	int code;		/* MC_OK when nothing went wrong */
	char msg[1024];		/* translated detail; "" when only the code is known */
};

/* The translated one-line meaning of a code. */
const char *mc_strerror(int code);

/* The symbolic name of a code ("MC_EBUSY"), for logs and tests. */
const char *mc_codename(int code);

/* Record code and a printf-style detail in err (which may be NULL); return code.
 * A NULL fmt keeps only the code's own message. */
int mc_fail(struct mc_error *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* The best message for err: its detail, or the code's meaning. */
const char *mc_message(const struct mc_error *err);

void mc_error_clear(struct mc_error *err);

#endif
