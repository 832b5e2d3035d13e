/* store.c -- open, migrate and write the shared SQLite file; see store.h.
 *
 * File modes (files.h): a new store is created here, 0660 whatever the umask, before
 * SQLite opens it, because SQLite gives the -wal and -shm files it makes the mode of
 * the main file.  Opening a store open to other accounts takes their access away
 * when this process owns the files (or is root); when it cannot, store_exposed()
 * says so and the front ends warn.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "files.h"
#include "i18n.h"
#include "mctime.h"
#include "migrations.h"
#include "store.h"
#include "text.h"

/*
 * The statement cache: one prepared statement per distinct SQL text, found by the
 * text's hash in an open-addressed table.  The texts a program uses are finite (string
 * literals, and the few dozen variants filter.c and remind.c compose), so the cache
 * grows with them and never finalizes a statement while the store is open: a caller
 * still stepping a statement can never find it freed under it.  STMT_MAX bounds a
 * program that composed texts without end: past it store_prepare() refuses with
 * MC_EINTERNAL rather than grow for ever or free a statement someone may hold.
 */
#define STMT_MAX 4096

struct stmt_entry {
	char *sql;		/* our copy of the text */
	unsigned hash;
	sqlite3_stmt *stmt;
};

struct store {
	sqlite3 *db;
	char *path;
	int version;
	int exposed;		/* other accounts can read the file or its -wal, -shm */
	char office[64];
	int office_loaded;
	struct stmt_entry *cache;	/* open-addressed, ncap slots (a power of 2) */
	unsigned ncap, ncache;
};

static const struct {
	const char *key;
	const char *value;
} defaults[] = {
	{ "language", "vi" },
	{ "week", "1,2,3,4,5" },
	{ "hours", "07:00-11:30,13:30-17:00" },
	{ "sameday.cutoff", "15:00" },
	{ "timezone", "Asia/Ho_Chi_Minh" },
	{ "office.code", "" },
	{ "office.name", "" },
	{ "office.parent", "" },
};

int
store_error(struct store *st, int rc, struct mc_error *err)
{
	const char *detail = st != NULL && st->db != NULL ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc);
	int code;

	switch (rc & 0xff) {
	case SQLITE_OK:
	case SQLITE_DONE:
	case SQLITE_ROW:
		return MC_OK;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return mc_fail(err, MC_EBUSY, NULL);
	case SQLITE_READONLY:
	case SQLITE_PERM:
		return mc_fail(err, MC_EREADONLY, NULL);
	case SQLITE_FULL:
		return mc_fail(err, MC_EFULL, NULL);
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return mc_fail(err, MC_ECORRUPT, NULL);
	case SQLITE_NOMEM:
		return mc_fail(err, MC_ENOMEM, NULL);
	case SQLITE_IOERR:
	case SQLITE_CANTOPEN:
		/* A full disk, met while growing the shared memory file or the log rather than
		 * while writing a page, comes as an I/O error: the system call says which. */
		if (st != NULL && st->db != NULL && (sqlite3_system_errno(st->db) == ENOSPC ||
		    sqlite3_system_errno(st->db) == EDQUOT))
			return mc_fail(err, MC_EFULL, NULL);
		code = MC_EIO;
		break;
	case SQLITE_CONSTRAINT:
		code = rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY ?
		    MC_EEXIST : MC_ESTORE;
		break;
	default:
		code = MC_ESTORE;
	}
	return mc_fail(err, code, "%s: %s", mc_strerror(code), detail);
}

sqlite3 *
store_db(struct store *st)
{
	return st->db;
}

const char *
store_path(const struct store *st)
{
	return st->path;
}

int
store_schema_version(struct store *st)
{
	return st->version;
}

int
store_schema_latest(void)
{
	return migrations[migrations_count - 1].version;
}

int
store_exec(struct store *st, const char *sql, struct mc_error *err)
{
	int rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? MC_OK : store_error(st, rc, err);
}

long
store_number(struct store *st, const char *sql, long dflt)
{
	sqlite3_stmt *s;
	long n = dflt;

	if (store_prepare(st, sql, &s, NULL) != MC_OK)
		return dflt;
	if (sqlite3_step(s) == SQLITE_ROW)
		n = (long)sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return n;
}

int
store_begin(struct store *st, struct mc_error *err)
{
	return store_exec(st, "BEGIN IMMEDIATE", err);
}

int
store_commit(struct store *st, struct mc_error *err)
{
	int rc = store_exec(st, "COMMIT", err);

	if (rc != MC_OK)
		store_rollback(st);
	return rc;
}

void
store_rollback(struct store *st)
{
	if (!sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

int
store_end(struct store *st, int rc, struct mc_error *err)
{
	if (rc == MC_OK)
		return store_commit(st, err);
	store_rollback(st);
	return rc;
}

static unsigned
sql_hash(const char *sql)
{
	unsigned h = 2166136261u;	/* FNV-1a */

	for (; *sql != '\0'; sql++)
		h = (h ^ (unsigned char)*sql) * 16777619u;
	return h;
}

/* The slot of sql in the cache: its entry, or the empty slot where it would go. */
static struct stmt_entry *
cache_slot(struct store *st, const char *sql, unsigned hash)
{
	unsigned i = hash & (st->ncap - 1);

	for (;; i = (i + 1) & (st->ncap - 1)) {
		struct stmt_entry *e = &st->cache[i];

		if (e->sql == NULL || (e->hash == hash && strcmp(e->sql, sql) == 0))
			return e;
	}
}

/* Double the table (or make the first one); MC_ENOMEM leaves it as it was. */
static int
cache_grow(struct store *st)
{
	unsigned ncap = st->ncap == 0 ? 128 : st->ncap * 2, i;
	struct stmt_entry *old = st->cache, *e;
	unsigned oldcap = st->ncap;

	if ((e = calloc(ncap, sizeof *e)) == NULL)
		return MC_ENOMEM;
	st->cache = e;
	st->ncap = ncap;
	for (i = 0; i < oldcap; i++)
		if (old[i].sql != NULL)
			*cache_slot(st, old[i].sql, old[i].hash) = old[i];
	free(old);
	return MC_OK;
}

int
store_prepare(struct store *st, const char *sql, sqlite3_stmt **out, struct mc_error *err)
{
	unsigned hash = sql_hash(sql);
	struct stmt_entry *e;
	char *copy;
	int rc;

	*out = NULL;
	if (st->ncap != 0 && (e = cache_slot(st, sql, hash))->sql != NULL) {
		sqlite3_reset(e->stmt);
		sqlite3_clear_bindings(e->stmt);
		*out = e->stmt;
		return MC_OK;
	}
	if (st->ncache >= STMT_MAX)
		return mc_fail(err, MC_EINTERNAL, _("too many different database statements (%u)"),
		    st->ncache);
	if ((st->ncache + 1) * 2 > st->ncap && cache_grow(st) != MC_OK)
		return mc_fail(err, MC_ENOMEM, NULL);
	if ((copy = strdup(sql)) == NULL)
		return mc_fail(err, MC_ENOMEM, NULL);
	rc = sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, out, NULL);
	if (rc != SQLITE_OK) {
		free(copy);
		*out = NULL;
		return store_error(st, rc, err);
	}
	e = cache_slot(st, sql, hash);
	e->sql = copy;
	e->hash = hash;
	e->stmt = *out;
	st->ncache++;
	return MC_OK;
}

long long
store_data_version(struct store *st)
{
	return store_number(st, "PRAGMA data_version", -1);
}

void
store_lazy(struct store *st, int on)
{
	sqlite3_exec(st->db, on ? "PRAGMA synchronous = NORMAL" : "PRAGMA synchronous = FULL",
	    NULL, NULL, NULL);
}

int
store_prepare_own(struct store *st, const char *sql, sqlite3_stmt **out, struct mc_error *err)
{
	int rc = sqlite3_prepare_v2(st->db, sql, -1, out, NULL);

	if (rc == SQLITE_OK)
		return MC_OK;
	*out = NULL;
	return store_error(st, rc, err);
}

/* ---------------------------------------------------------------- stepping */

int
store_reset(struct store *st, sqlite3_stmt *s, int rc, struct mc_error *err)
{
	sqlite3_reset(s);
	return store_error(st, rc, err);	/* MC_OK for SQLITE_ROW and SQLITE_DONE */
}

int
store_step_done(struct store *st, sqlite3_stmt *s, struct mc_error *err)
{
	return store_reset(st, s, sqlite3_step(s), err);
}

const char *
store_col_text(sqlite3_stmt *s, int i)
{
	const unsigned char *v = sqlite3_column_text(s, i);

	return v != NULL ? (const char *)v : "";
}

void
store_col_copy(sqlite3_stmt *s, int i, char *dst, size_t n)
{
	const char *v = store_col_text(s, i);
	size_t len = strlen(v);

	if (len >= n) {		/* never leave half a character */
		len = n - 1;
		while (len > 0 && ((unsigned char)v[len] & 0xC0) == 0x80)
			len--;
	}
	memcpy(dst, v, len);
	dst[len] = '\0';
}

char *
store_col_dup(sqlite3_stmt *s, int i)
{
	return strdup(store_col_text(s, i));
}

mc_minute
store_col_minute(sqlite3_stmt *s, int i)
{
	const char *v = (const char *)sqlite3_column_text(s, i);
	mc_minute t;

	return v != NULL && mc_time_parse(v, &t) == 0 ? t : MC_TIME_NONE;
}

int
store_bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v == NULL)
		return sqlite3_bind_null(s, i);
	return sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
}

int
store_bind_minute(sqlite3_stmt *s, int i, mc_minute t)
{
	char buf[MC_TIME_BUF];

	if (t == MC_TIME_NONE)
		return sqlite3_bind_null(s, i);
	mc_time_format(t, buf);
	return sqlite3_bind_text(s, i, buf, -1, SQLITE_TRANSIENT);
}

static int
pragma_int(struct store *st, const char *sql, int *out, struct mc_error *err)
{
	sqlite3_stmt *s;
	int rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);

	if (rc != SQLITE_OK)
		return store_error(st, rc, err);
	rc = sqlite3_step(s);
	*out = rc == SQLITE_ROW ? sqlite3_column_int(s, 0) : 0;
	sqlite3_finalize(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? MC_OK : store_error(st, rc, err);
}

static store_progress_fn *progress_fn;
static void *progress_arg;

void
store_set_progress(store_progress_fn *fn, void *arg)
{
	progress_fn = fn;
	progress_arg = arg;
}

/* The clock of the schema update in progress, for its progress handler. */
struct progress {
	const char *name;
	double start, next;	/* when it began; when to tell next */
	int told;		/* told at least once */
};

static int
progress_tick(void *arg)
{
	struct progress *p = arg;
	double now = mc_monotonic();

	if (now >= p->next) {
		p->told = 1;
		p->next = now + 1;
		progress_fn(p->name, (int)(now - p->start), 0, progress_arg);
	}
	return 0;	/* go on */
}

/* Run one migration's SQL, telling progress_fn once it has taken a second
 * ($MOTCUA_PROGRESS_AFTER seconds, for tests) and about every second after. */
static int
migrate_one(struct store *st, int i, struct mc_error *err)
{
	const char *after = getenv("MOTCUA_PROGRESS_AFTER");
	struct progress p = { migrations[i].name, mc_monotonic(), 0, 0 };
	int rc;

	p.next = p.start + (after != NULL ? atof(after) : 1.0);
	if (progress_fn != NULL)
		sqlite3_progress_handler(st->db, 100, progress_tick, &p);
	rc = store_exec(st, migrations[i].sql, err);
	if (progress_fn != NULL) {
		sqlite3_progress_handler(st->db, 0, NULL, NULL);
		if (p.told)
			progress_fn(p.name, (int)(mc_monotonic() - p.start), 1, progress_arg);
	}
	return rc;
}

/* Apply every migration above the file's version, each in one transaction. */
static int
migrate(struct store *st, struct mc_error *err)
{
	char sql[64], why[sizeof err->msg];
	int i, v, rc;

	for (i = 0; i < migrations_count; i++) {
		if (migrations[i].version <= st->version)
			continue;
		if ((rc = store_begin(st, err)) != MC_OK)
			return rc;
		/* Another process may have migrated while we waited for the lock. */
		if ((rc = pragma_int(st, "PRAGMA user_version", &v, err)) != MC_OK)
			goto fail;
		if (v >= migrations[i].version) {
			store_rollback(st);
			st->version = v;
			continue;
		}
		snprintf(sql, sizeof sql, "PRAGMA user_version = %d", migrations[i].version);
		if ((rc = migrate_one(st, i, err)) != MC_OK ||
		    (rc = store_exec(st, sql, err)) != MC_OK)
			goto fail;
		snprintf(sql, sizeof sql, "PRAGMA application_id = %d", STORE_APPLICATION_ID);
		if ((rc = store_exec(st, sql, err)) != MC_OK ||
		    (rc = store_commit(st, err)) != MC_OK)
			goto fail;
		st->version = migrations[i].version;
	}
	return MC_OK;
fail:
	store_rollback(st);
	/* The reason is err's own message: copy it before err is rewritten. */
	snprintf(why, sizeof why, "%s", err != NULL ? mc_message(err) : mc_strerror(rc));
	return mc_fail(err, rc, _("cannot update the database to schema %s: %s"),
	    migrations[i].name, why);
}

/* Refuse files that are not ours and files from a newer motcua; touch nothing. */
static int
check_file(struct store *st, struct mc_error *err)
{
	int appid, ntables, rc;

	if ((rc = pragma_int(st, "PRAGMA user_version", &st->version, err)) != MC_OK ||
	    (rc = pragma_int(st, "PRAGMA application_id", &appid, err)) != MC_OK ||
	    (rc = pragma_int(st, "SELECT count(*) FROM sqlite_schema", &ntables, err)) != MC_OK)
		return rc;
	if ((st->version != 0 || ntables != 0) && appid != STORE_APPLICATION_ID)
		return mc_fail(err, MC_ECORRUPT, _("%s is not a motcua database"), st->path);
	if (st->version > store_schema_latest())
		return mc_fail(err, MC_ENEWER,
		    _("%s uses database schema %d, but this motcua knows only up to %d: install the newer version of motcua; the file was not changed"),
		    st->path, st->version, store_schema_latest());
	return MC_OK;
}

/* Make a new store's file 0660 before SQLite opens it; MC_OK or MC_EIO.  Another
 * program creating it at the same moment is fine. */
static int
create_file(const char *path, struct mc_error *err)
{
	int fd = files_create(path, FILES_SHARED_MODE, 1, 0);

	if (fd < 0 && errno != EEXIST)
		return mc_fail(err, MC_EIO, _("cannot create %s: %s"), path, strerror(errno));
	if (fd >= 0)
		close(fd);
	return MC_OK;
}

/* Others lose their access to the file, its -wal and its -shm where this process
 * may change that; 1 when some of them stays readable by others. */
static int
make_private(const char *path)
{
	static const char *const suffix[] = { "", "-wal", "-shm" };
	char side[4096];
	size_t i;
	int exposed = 0;

	for (i = 0; i < sizeof suffix / sizeof suffix[0]; i++)
		if (snprintf(side, sizeof side, "%s%s", path, suffix[i]) < (int)sizeof side)
			exposed |= files_private(side);
	return exposed;
}

int
store_exposed(const struct store *st)
{
	return st->exposed;
}

/* motcua_fold(TEXT): text_fold() in SQL, so that a migration folds rows exactly as
 * the programs do (007-search.sql); NULL for NULL. */
static void
sql_fold(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *s = (const char *)sqlite3_value_text(argv[0]);
	char *folded;

	(void)argc;
	if (s == NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	if ((folded = text_fold(s)) == NULL) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	sqlite3_result_text(ctx, folded, -1, free);
}

int
store_open(const char *path, int flags, struct store **out, struct mc_error *err)
{
	struct store *st;
	struct stat sb;
	int rc, oflags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
	const char *busy = getenv("MOTCUA_BUSY_TIMEOUT");

	*out = NULL;
	if (stat(path, &sb) != 0) {
		if (errno != ENOENT)
			return mc_fail(err, MC_EIO, _("cannot open %s: %s"), path, strerror(errno));
		if (!(flags & STORE_CREATE))
			return mc_fail(err, MC_ENOSTORE, _("%s does not exist: run 'motcua init' first"), path);
		if ((rc = create_file(path, err)) != MC_OK)
			return rc;
		oflags |= SQLITE_OPEN_CREATE;
	} else if (!S_ISREG(sb.st_mode)) {
		return mc_fail(err, MC_EIO, _("%s is not a regular file"), path);
	} else if (access(path, W_OK) != 0) {
		return mc_fail(err, MC_EREADONLY,
		    _("%s is read-only: motcua needs to write to it (and to its folder)"), path);
	}
	if ((st = calloc(1, sizeof *st)) == NULL || (st->path = strdup(path)) == NULL) {
		free(st);
		return mc_fail(err, MC_ENOMEM, NULL);
	}
	st->exposed = make_private(path);
	rc = sqlite3_open_v2(path, &st->db, oflags, NULL);
	if (rc != SQLITE_OK) {
		rc = mc_fail(err, rc == SQLITE_CANTOPEN ? MC_EIO : MC_ECORRUPT,
		    _("cannot open %s: %s"), path, st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc));
		store_close(st);
		return rc;
	}
	sqlite3_extended_result_codes(st->db, 1);
	sqlite3_busy_timeout(st->db, busy != NULL ? atoi(busy) : 10000);
	sqlite3_create_function(st->db, "motcua_fold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
	    NULL, sql_fold, NULL, NULL);
	if ((rc = check_file(st, err)) != MC_OK ||
	    (rc = store_exec(st, "PRAGMA foreign_keys = ON", err)) != MC_OK) {
		/* The first program to open the store makes its shared memory file. */
		if (rc == MC_EFULL)
			mc_fail(err, rc, _("the disk holding %s is full: the database cannot be opened until some space is freed"),
			    path);
		goto fail;
	}
	if (sqlite3_db_readonly(st->db, "main") != 1) {
		if ((rc = store_exec(st, "PRAGMA journal_mode = WAL", err)) != MC_OK ||
		    (rc = store_exec(st, "PRAGMA synchronous = FULL", err)) != MC_OK)
			goto fail;
		if ((rc = migrate(st, err)) != MC_OK)
			goto fail;
	} else if (st->version < store_schema_latest()) {
		rc = mc_fail(err, MC_EREADONLY, _("%s is read-only and needs updating to a newer schema"), path);
		goto fail;
	}
	*out = st;
	return MC_OK;
fail:
	store_close(st);
	return rc;
}

void
store_close(struct store *st)
{
	unsigned i;

	if (st == NULL)
		return;
	for (i = 0; i < st->ncap; i++) {
		if (st->cache[i].sql != NULL) {
			sqlite3_finalize(st->cache[i].stmt);
			free(st->cache[i].sql);
		}
	}
	free(st->cache);
	sqlite3_close(st->db);
	free(st->path);
	free(st);
}

char *
store_setting(struct store *st, const char *key)
{
	sqlite3_stmt *s;
	char *v = NULL;
	size_t i;

	if (store_prepare(st, "SELECT value FROM setting WHERE key = ?1", &s, NULL) == MC_OK) {
		sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
		if (sqlite3_step(s) == SQLITE_ROW)
			v = store_col_dup(s, 0);
		sqlite3_reset(s);
		if (v != NULL)
			return v;
	}
	for (i = 0; i < sizeof defaults / sizeof defaults[0]; i++)
		if (strcmp(defaults[i].key, key) == 0)
			return strdup(defaults[i].value);
	return NULL;
}

int
store_setting_int(struct store *st, const char *key, int dflt)
{
	char *v = store_setting(st, key), *end;
	long n;

	if (v == NULL)
		return dflt;
	n = strtol(v, &end, 10);
	if (end == v || *end != '\0')
		n = dflt;
	free(v);
	return (int)n;
}

int
store_set_setting(struct store *st, const char *key, const char *value, struct mc_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = store_prepare(st, "INSERT INTO setting(key, value) VALUES (?1, ?2) "
	    "ON CONFLICT(key) DO UPDATE SET value = excluded.value", &s, err)) != MC_OK ||
	    (rc = text_check(value, TEXT_LINE, key, err)) != MC_OK)
		return rc;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, value, -1, SQLITE_STATIC);
	rc = store_step_done(st, s, err);
	if (strcmp(key, "office.code") == 0)
		st->office_loaded = 0;
	return rc;
}

const char *
store_office(struct store *st)
{
	char *v;

	if (!st->office_loaded) {
		v = store_setting(st, "office.code");
		snprintf(st->office, sizeof st->office, "%s", v != NULL ? v : "");
		free(v);
		st->office_loaded = 1;
	}
	return st->office;
}
