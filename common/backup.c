/* backup.c -- online backups of the store, their check and their restoring; see backup.h. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "backup.h"
#include "i18n.h"
#include "store.h"

#define BACKUP_MODE 0640
#define BUSY_MS 10000	/* how long a restore waits for readers of the store to let go */

/* A SQLite failure on db as an mc code with SQLite's words. */
static int
db_fail(sqlite3 *db, int rc, const char *what, struct mc_error *err)
{
	int code;

	switch (rc & 0xff) {
	case SQLITE_FULL:
		code = MC_EFULL;
		break;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		code = MC_EBUSY;
		break;
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		code = MC_ECORRUPT;
		break;
	case SQLITE_READONLY:
	case SQLITE_PERM:
		code = MC_EREADONLY;
		break;
	default:
		code = MC_EIO;
	}
	/* A full disk met while growing the file comes as an I/O error too. */
	if (code == MC_EFULL || (db != NULL && (sqlite3_system_errno(db) == ENOSPC ||
	    sqlite3_system_errno(db) == EDQUOT)))
		return mc_fail(err, MC_EFULL, _("the disk is full: %s was not saved"), what);
	return mc_fail(err, code, "%s: %s", what, db != NULL ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
}

/* Flush a file (or folder) to the disk. */
static int
sync_path(const char *path, int dir)
{
	int fd = open(path, (dir ? O_DIRECTORY : 0) | O_RDONLY | O_CLOEXEC), rc;

	if (fd < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

/* The folder part of path ("." when there is none). */
static void
folder_of(const char *path, char *buf, size_t len)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		snprintf(buf, len, ".");
	else if (slash == path)
		snprintf(buf, len, "/");
	else
		snprintf(buf, len, "%.*s", (int)(slash - path), path);
}

/* One value of a pragma (or query) as text into buf ("" when there is no row). */
static int
query_text(sqlite3 *db, const char *sql, char *buf, size_t len)
{
	sqlite3_stmt *s;
	int rc = sqlite3_prepare_v2(db, sql, -1, &s, NULL);

	buf[0] = '\0';
	if (rc != SQLITE_OK)
		return rc;
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		snprintf(buf, len, "%s", sqlite3_column_text(s, 0) != NULL ?
		    (const char *)sqlite3_column_text(s, 0) : "");
		rc = SQLITE_OK;
	} else if (rc == SQLITE_DONE) {
		rc = SQLITE_OK;
	}
	sqlite3_finalize(s);
	return rc;
}

/* Copy the whole of src into a new file dest (mode 0640 whatever the umask), one
 * self-contained file checked by quick_check; dest appears only when it is whole. */
static int
copy_to_file(sqlite3 *src, const char *dest, struct mc_error *err)
{
	char tmp[4096 + 16], folder[4096], line[256];
	sqlite3 *dst = NULL;
	sqlite3_backup *b;
	int fd, rc;

	if (snprintf(tmp, sizeof tmp, "%s.XXXXXX", dest) >= (int)sizeof tmp)
		return mc_fail(err, MC_EINVAL, _("%s: the name is too long"), dest);
	if ((fd = mkstemp(tmp)) < 0)
		return mc_fail(err, errno == ENOSPC ? MC_EFULL : MC_EIO, _("cannot create %s: %s"),
		    dest, strerror(errno));
	if (fchmod(fd, BACKUP_MODE) != 0) {
		rc = mc_fail(err, MC_EIO, _("cannot create %s: %s"), dest, strerror(errno));
		close(fd);
		unlink(tmp);
		return rc;
	}
	close(fd);
	if ((rc = sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE, NULL)) != SQLITE_OK) {
		rc = db_fail(dst, rc, dest, err);
		goto fail;
	}
	if ((b = sqlite3_backup_init(dst, "main", src, "main")) == NULL) {
		rc = db_fail(dst, sqlite3_errcode(dst), dest, err);
		goto fail;
	}
	/* One step: the source is read in one transaction, a snapshot that writers in
	 * WAL mode do not disturb (a copy in many steps restarts at every write). */
	while ((rc = sqlite3_backup_step(b, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED)
		sqlite3_sleep(50);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		rc = db_fail(dst, rc, dest, err);
		goto fail;
	}
	if ((rc = sqlite3_exec(dst, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL)) != SQLITE_OK ||
	    (rc = query_text(dst, "PRAGMA quick_check", line, sizeof line)) != SQLITE_OK) {
		rc = db_fail(dst, rc, dest, err);
		goto fail;
	}
	if (strcmp(line, "ok") != 0) {
		rc = mc_fail(err, MC_ECORRUPT, _("the copy in %s does not check out: %s"), dest, line);
		goto fail;
	}
	sqlite3_close(dst);
	dst = NULL;
	folder_of(dest, folder, sizeof folder);
	if (sync_path(tmp, 0) != 0 || rename(tmp, dest) != 0) {
		rc = mc_fail(err, errno == ENOSPC ? MC_EFULL : MC_EIO, _("cannot write %s: %s"),
		    dest, strerror(errno));
		goto fail;
	}
	sync_path(folder, 1);
	return MC_OK;
fail:
	sqlite3_close(dst);
	unlink(tmp);
	return rc;
}

int
backup_make(struct store *st, const char *dest, struct mc_error *err)
{
	return copy_to_file(store_db(st), dest, err);
}

void
backup_name(char *buf, size_t len, const char *dir, const char *office)
{
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	snprintf(buf, len, "%s/motcua-%s-%04d%02d%02d-%02d%02d%02d.db", dir, office,
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
backup_rotate(const char *dir, const char *office, int keep, int *removed, struct mc_error *err)
{
	char prefix[128], path[4096 + 256], **names = NULL, **grown;
	size_t n = 0, cap = 0, plen, i;
	struct dirent *e;
	DIR *d;
	int rc = MC_OK;

	*removed = 0;
	snprintf(prefix, sizeof prefix, "motcua-%s-", office);
	plen = strlen(prefix);
	if ((d = opendir(dir)) == NULL)
		return mc_fail(err, MC_EIO, _("cannot read the folder %s: %s"), dir, strerror(errno));
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);

		if (len <= plen + 3 || strncmp(e->d_name, prefix, plen) != 0 ||
		    strcmp(e->d_name + len - 3, ".db") != 0)
			continue;
		if (n == cap) {
			cap = cap == 0 ? 32 : cap * 2;
			if ((grown = realloc(names, cap * sizeof *names)) == NULL) {
				rc = mc_fail(err, MC_ENOMEM, NULL);
				break;
			}
			names = grown;
		}
		if ((names[n] = strdup(e->d_name)) == NULL) {
			rc = mc_fail(err, MC_ENOMEM, NULL);
			break;
		}
		n++;
	}
	closedir(d);
	if (rc == MC_OK && n > (size_t)keep) {
		qsort(names, n, sizeof *names, by_name);	/* the time in the name sorts them */
		for (i = 0; i < n - (size_t)keep; i++) {
			snprintf(path, sizeof path, "%s/%s", dir, names[i]);
			if (unlink(path) == 0)
				(*removed)++;
		}
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}

/* Open a backup to read it as it is: immutable, so no lock is taken and no -shm is
 * made beside it (it may sit on a read-only stick).  *db is the caller's to close. */
static int
open_backup(const char *path, sqlite3 **db)
{
	char uri[3 * 4096 + 32];
	size_t n = 0;

	n += (size_t)snprintf(uri, sizeof uri, "file:");
	for (; *path != '\0' && n + 4 < sizeof uri - 16; path++) {
		if (*path == '%' || *path == '?' || *path == '#')	/* the URI's own */
			n += (size_t)snprintf(uri + n, sizeof uri - n, "%%%02X", (unsigned char)*path);
		else
			uri[n++] = *path;
	}
	snprintf(uri + n, sizeof uri - n, "?immutable=1");
	return sqlite3_open_v2(uri, db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
}

int
backup_check(const char *path, int *version, struct mc_error *err)
{
	char line[256];
	struct stat sb;
	sqlite3 *db = NULL;
	int rc;

	if (stat(path, &sb) != 0)
		return mc_fail(err, MC_EIO, _("cannot open %s: %s"), path, strerror(errno));
	if (!S_ISREG(sb.st_mode))
		return mc_fail(err, MC_EIO, _("%s is not a regular file"), path);
	if ((rc = open_backup(path, &db)) == SQLITE_OK)
		rc = query_text(db, "PRAGMA application_id", line, sizeof line);
	if (rc != SQLITE_OK) {
		rc = mc_fail(err, MC_ECORRUPT, _("%s is damaged or is not a motcua database: %s"),
		    path, db != NULL ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
		goto done;
	}
	if (atol(line) != STORE_APPLICATION_ID) {
		rc = mc_fail(err, MC_ECORRUPT, _("%s is not a motcua database"), path);
		goto done;
	}
	query_text(db, "PRAGMA user_version", line, sizeof line);
	*version = atoi(line);
	if (*version > store_schema_latest()) {
		rc = mc_fail(err, MC_ENEWER,
		    _("%s was made by a newer motcua (schema %d; this one knows up to %d): install that version to restore it"),
		    path, *version, store_schema_latest());
		goto done;
	}
	if ((rc = query_text(db, "PRAGMA integrity_check", line, sizeof line)) != SQLITE_OK ||
	    strcmp(line, "ok") != 0) {
		rc = mc_fail(err, MC_ECORRUPT, _("%s is damaged: %s"), path,
		    rc != SQLITE_OK ? sqlite3_errmsg(db) : line);
		goto done;
	}
	rc = MC_OK;
done:
	sqlite3_close(db);
	return rc;
}

/* Copy the backup's content into the live store db (locked meanwhile). */
static int
copy_into(sqlite3 *live, const char *from, struct mc_error *err)
{
	sqlite3 *src = NULL;
	sqlite3_backup *b;
	int rc, waited = 0;

	if ((rc = open_backup(from, &src)) != SQLITE_OK) {
		rc = db_fail(src, rc, from, err);
		sqlite3_close(src);
		return rc;
	}
	if ((b = sqlite3_backup_init(live, "main", src, "main")) == NULL) {
		rc = db_fail(live, sqlite3_errcode(live), from, err);
		sqlite3_close(src);
		return rc;
	}
	while (((rc = sqlite3_backup_step(b, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED) &&
	    waited < BUSY_MS) {
		sqlite3_sleep(100);
		waited += 100;
	}
	sqlite3_backup_finish(b);
	sqlite3_close(src);
	return rc == SQLITE_DONE ? MC_OK : db_fail(live, rc, from, err);
}

/* Rename the store and its -wal and -shm files to aside's names: a log left beside a
 * new file of the old name would be replayed into it. */
static int
move_aside(const char *path, const char *aside)
{
	static const char *const ext[] = { "-wal", "-shm" };
	char from[4096 + 8], to[4096 + 64];
	size_t i;

	for (i = 0; i < 2; i++) {
		snprintf(from, sizeof from, "%s%s", path, ext[i]);
		snprintf(to, sizeof to, "%s%s", aside, ext[i]);
		if (rename(from, to) != 0 && errno != ENOENT)
			return -1;
	}
	return rename(path, aside);
}

int
backup_restore(const char *from, const char *path, char *aside, size_t asidelen,
    struct mc_error *err)
{
	sqlite3 *live = NULL;
	time_t now = time(NULL);
	struct tm tm;
	int rc, version;

	aside[0] = '\0';
	if ((rc = backup_check(from, &version, err)) != MC_OK)
		return rc;
	if (access(path, F_OK) != 0) {	/* no store yet: the backup becomes it */
		if ((rc = open_backup(from, &live)) != SQLITE_OK) {
			rc = db_fail(live, rc, from, err);
			sqlite3_close(live);
			return rc;
		}
		rc = copy_to_file(live, path, err);
		sqlite3_close(live);
		return rc;
	}
	localtime_r(&now, &tm);
	snprintf(aside, asidelen, "%s.before-restore-%04d%02d%02d-%02d%02d%02d", path,
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
	if ((rc = sqlite3_open_v2(path, &live, SQLITE_OPEN_READWRITE, NULL)) != SQLITE_OK) {
		rc = db_fail(live, rc, path, err);
		goto done;
	}
	sqlite3_busy_timeout(live, BUSY_MS);
	if ((rc = copy_to_file(live, aside, err)) != MC_OK) {
		/* A store too damaged to copy is kept aside as it is, with its log. */
		sqlite3_close(live);
		live = NULL;
		if (rc != MC_ECORRUPT || move_aside(path, aside) != 0) {
			aside[0] = '\0';
			goto done;
		}
		if ((rc = open_backup(from, &live)) != SQLITE_OK) {
			rc = db_fail(live, rc, from, err);
			goto done;
		}
		rc = copy_to_file(live, path, err);
		goto done;
	}
	rc = copy_into(live, from, err);
done:
	sqlite3_close(live);
	return rc;
}
