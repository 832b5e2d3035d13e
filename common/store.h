/* store.h -- the SQLite file every motcua program (but the hub) shares.
 *
 * store_open() opens or creates the file, sets WAL, synchronous=FULL, foreign keys and
 * a busy timeout, and applies the migrations compiled from data/migrations.  A file
 * written by a newer schema is refused (MC_ENEWER) before anything is written; a
 * SQLite file that is not a motcua store is refused (MC_ECORRUPT).
 *
 * Writers bracket their work in store_begin()/store_commit() (BEGIN IMMEDIATE, so a
 * busy database waits up to the busy timeout, then fails with MC_EBUSY; store_end()
 * commits or rolls back).  Statements come from store_prepare(), a per-connection
 * cache keyed by the SQL text, and are stepped with the helpers below it.
 *
 * Settings (table "setting") with their defaults:
 *	office.code	the agency code of this office (dossier codes start with it)
 *	office.name	its name;  office.parent: the parent office's code
 *	language	vi | en (messages; default vi)
 *	week		working weekdays, 1 = Monday ... 7 = Sunday (default "1,2,3,4,5")
 *	hours		office hours (default "07:00-11:30,13:30-17:00")
 *	sameday.cutoff	same-day procedures received after this are due next working
 *			day (default "15:00")
 *	timezone	the office's zone (default "Asia/Ho_Chi_Minh")
 */
#ifndef MC_STORE_H
#define MC_STORE_H

#include <sqlite3.h>

#include "error.h"
#include "mctime.h"

#define STORE_APPLICATION_ID 0x4d435541	/* "MCUA" in PRAGMA application_id */

enum store_flags {
	STORE_CREATE = 1,	/* create the file if it does not exist */
};

struct store;

/* Told while a schema update has run for a second or more (building the indexes of a
 * big store can take a minute): the update's name and the seconds so far, about once a
 * second, and once more with done = 1 at its end.  Process-wide; NULL (the default)
 * says nothing. */
typedef void store_progress_fn(const char *update, int seconds, int done, void *arg);
void store_set_progress(store_progress_fn *fn, void *arg);

/* Open path; on success *out is the caller's, freed with store_close.  A new file is
 * made 0660 whatever the umask (files.h); an existing one open to other accounts is
 * closed to them when this process owns it. */
int store_open(const char *path, int flags, struct store **out, struct mc_error *err);
void store_close(struct store *st);
/* 1 when other accounts can still read the file (this process could not change it). */
int store_exposed(const struct store *st);

sqlite3 *store_db(struct store *st);
const char *store_path(const struct store *st);
int store_schema_version(struct store *st);
/* The newest schema this program knows. */
int store_schema_latest(void);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK.  Not nestable. */
int store_begin(struct store *st, struct mc_error *err);
int store_commit(struct store *st, struct mc_error *err);
void store_rollback(struct store *st);
/* End the transaction store_begin() opened, as rc says: COMMIT when rc is MC_OK (and
 * ROLLBACK when that fails), else ROLLBACK.  Returns the outcome, rc when not MC_OK:
 *
 *	if ((rc = store_begin(st, err)) != MC_OK)
 *		return rc;
 *	rc = write_this(st, err);
 *	return store_end(st, rc, err);
 */
int store_end(struct store *st, int rc, struct mc_error *err);

/*
 * Statements.  The one way to prepare is store_prepare(): the statement for sql,
 * reset and unbound, in *out; MC_OK or a code (err filled, *out NULL).  Statements are
 * cached by their text for the life of the store: the store owns them (never finalize
 * one), one stays valid while others are prepared, and a composed text is as good as
 * a literal.  The one thing the cache cannot do is hand out a statement twice at once:
 * code stepping a statement while something it calls may run the very same SQL text
 * (an _each() iterator whose callback may call it again) takes a statement of its own
 * from store_prepare_own() and sqlite3_finalize()s it.
 */
int store_prepare(struct store *st, const char *sql, sqlite3_stmt **out, struct mc_error *err);
int store_prepare_own(struct store *st, const char *sql, sqlite3_stmt **out, struct mc_error *err);

/*
 * Stepping.  The helpers reset s when they are through with it, so that no statement
 * left half-read holds the database's snapshot:
 *
 *	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
 *		... store_col_text(s, 0) ...
 *	return store_reset(st, s, rc, err);
 */
/* Step s once wanting no row (INSERT, UPDATE, DELETE; a RETURNING row is passed
 * over), then reset it: MC_OK or the store's error. */
int store_step_done(struct store *st, sqlite3_stmt *s, struct mc_error *err);
/* Reset s after its last sqlite3_step() returned rc: MC_OK when rc is SQLITE_ROW or
 * SQLITE_DONE (a loop that stopped early, or ran to the end), else the store's error
 * (store_error; SQLITE_NOMEM, set by a caller out of memory, is MC_ENOMEM). */
int store_reset(struct store *st, sqlite3_stmt *s, int rc, struct mc_error *err);

/* Columns of the row s stands on.  Text: never NULL ("" for NULL), valid until s
 * steps or resets. */
const char *store_col_text(sqlite3_stmt *s, int i);
/* The text copied into dst (n > 0 bytes), cut at a UTF-8 character boundary when
 * longer. */
void store_col_copy(sqlite3_stmt *s, int i, char *dst, size_t n);
/* A new copy of the text (the caller frees it); NULL only when out of memory. */
char *store_col_dup(sqlite3_stmt *s, int i);
/* A "YYYY-MM-DD HH:MM" column as a minute; MC_TIME_NONE for NULL or anything else. */
mc_minute store_col_minute(sqlite3_stmt *s, int i);

/* Bind text (a copy), or NULL when v is NULL. */
int store_bind_text(sqlite3_stmt *s, int i, const char *v);
/* Bind a minute as "YYYY-MM-DD HH:MM", or NULL for MC_TIME_NONE. */
int store_bind_minute(sqlite3_stmt *s, int i, mc_minute t);

/* Bookkeeping that a power cut may lose but never corrupt (throttle counters) is
 * committed without waiting for the disk: store_lazy(st, 1) before its
 * store_begin(), store_lazy(st, 0) after its commit or rollback (synchronous=NORMAL,
 * then FULL again; in WAL mode the next FULL commit makes it durable as well). */
void store_lazy(struct store *st, int on);

/* The counter SQLite moves each time another connection, in any process, commits to
 * the store (PRAGMA data_version): a cheap "has something changed?"; -1 when it
 * cannot be read. */
long long store_data_version(struct store *st);

/* Run sql (no result rows wanted). */
int store_exec(struct store *st, const char *sql, struct mc_error *err);
/* The first column of the first row of sql (a query without parameters, like "SELECT
 * count(*) FROM holiday") as a number; dflt when there is no row or it fails. */
long store_number(struct store *st, const char *sql, long dflt);

/* Translate a SQLite result code of this connection into an mc code and message. */
int store_error(struct store *st, int rc, struct mc_error *err);

/* A setting: a new string (free it) with the default when unset; NULL only for an
 * unknown key without a default that is not set. */
char *store_setting(struct store *st, const char *key);
int store_setting_int(struct store *st, const char *key, int dflt);
int store_set_setting(struct store *st, const char *key, const char *value, struct mc_error *err);

/* The office code of this store (setting office.code), "" before init; owned by st. */
const char *store_office(struct store *st);

#endif
