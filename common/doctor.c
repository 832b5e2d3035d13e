/* doctor.c -- the checks of `motcua doctor`, one function each, run in the order of
 * checks[] below; see doctor.h.
 *
 * Each check adds findings (add(), then fix() for what to do) and never repairs
 * anything but what opening the store does: it is opened as every motcua program
 * opens it (an older schema is updated then, its files closed to other accounts
 * where this process may, and both said so); the checks that read it are passed
 * over, with one line saying so, when it did not open.  The files' modes are read
 * before the store is opened, so that what doctor reports is what the other programs
 * left.
 *
 * Adding a check is one function and one line in checks[].  The province hub's entry
 * (check_hub) reads what motcua-sync recorded in the store at the end of its last run
 * (common/syncq.h: the last success, the end of the last run, the kind of problem and
 * its words, the events waiting then and now, the events set aside): common/ includes
 * no curl, and doctor must answer at once even when the network does not.  So "the hub
 * is unreachable" means the last run could not reach it.  Thresholds: the last sync
 * with nothing pending longer ago than SYNC_WARN_HOURS is a warning, than
 * SYNC_FAIL_HOURS a failure (a timer runs every few minutes; an office closed for the
 * night still syncs); events waiting are a warning when more wait now than the last run
 * left behind (the backlog grows), or when the oldest has waited over SYNC_WARN_HOURS;
 * events set aside are a failure (they never reach the province until someone acts).
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "doctor.h"
#include "i18n.h"
#include "paper.h"
#include "smsbox.h"
#include "store.h"
#include "syncq.h"

#define MB (1024ULL * 1024)
#define GB (1024ULL * MB)

#define GROUP		"motcua"	/* the group officials' accounts join (debian/, systemd/) */
#define YEAR_MIN	2025		/* no clock showing an earlier year is right */
#define YEAR_MAX	2099
#define BEHIND_MINUTES	10		/* the clock behind the newest event by more: wrong */
#define NET_BEHIND	600		/* seconds: received before the network sent it */
#define NET_AHEAD	3600		/* seconds: every recent message "arrived" an hour late */
#define NET_MESSAGES	20		/* recent messages compared with the network's clock */
#define NET_DAYS	30		/* ... received in the last days */
#define QUEUE_WARN	(15 * 60)	/* seconds a due SMS may wait before it is a worry */
#define QUEUE_FAIL	(2 * 3600)
#define FAILED_DAYS	7		/* failed SMS counted over the last days */
#define SIGNAL_WARN	25		/* percent */
#define SIGNAL_FAIL	10
#define CREDIT_DAYS	7		/* the SIM's credit read less recently: a warning */
#define LPSTAT_SECONDS	10
#define MAX_MODEMS	32
#define SYNC_WARN_HOURS	6		/* since the last sync with nothing pending: a warning */
#define SYNC_FAIL_HOURS	24		/* ... a failure */

struct doc {
	const struct doctor_opts *o;
	struct doctor_report *r;
	struct store *st;		/* NULL when it did not open */
	int version;			/* the file's schema before it was opened; -1 unknown */
	int nomem;
	/* The database, its -wal and -shm as the other programs left them: SQLite gives
	 * an empty -wal the database's mode when it opens it, even read-only. */
	struct stat files[3];
	int have[3];
};

static const char *const file_suffix[3] = { "", "-wal", "-shm" };

/* ---------------------------------------------------------------- findings */

/* Line breaks and other control characters (SQLite's report, what lpstat or a
 * modem's operator said) as spaces: one finding, one line, nothing for a terminal
 * to obey. */
static void
one_line(char *s)
{
	char *end = s;

	for (; *s != '\0'; s++) {
		if ((unsigned char)*s < ' ' || *s == 0x7f)
			*s = ' ';
		if (*s != ' ')
			end = s + 1;
	}
	*end = '\0';
}

static struct doctor_finding *
add(struct doc *d, enum doctor_level level, const char *area, const char *check,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static struct doctor_finding *
add(struct doc *d, enum doctor_level level, const char *area, const char *check,
    const char *fmt, ...)
{
	struct doctor_report *r = d->r;
	struct doctor_finding *f;
	va_list ap;

	if (r->n == r->cap) {
		int cap = r->cap == 0 ? 32 : r->cap * 2;

		if ((f = realloc(r->items, (size_t)cap * sizeof *f)) == NULL) {
			d->nomem = 1;
			return NULL;
		}
		r->items = f;
		r->cap = cap;
	}
	f = &r->items[r->n++];
	memset(f, 0, sizeof *f);
	f->level = level;
	f->area = area;
	snprintf(f->check, sizeof f->check, "%s", check);
	va_start(ap, fmt);
	vsnprintf(f->message, sizeof f->message, fmt, ap);
	va_end(ap);
	one_line(f->message);
	if (level == DOCTOR_FAIL)
		r->fails++;
	else if (level == DOCTOR_WARN)
		r->warns++;
	return f;
}

/* What to do about finding f (which may be NULL: out of memory). */
static void fix(struct doctor_finding *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
fix(struct doctor_finding *f, const char *fmt, ...)
{
	va_list ap;

	if (f == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(f->fix, sizeof f->fix, fmt, ap);
	va_end(ap);
	one_line(f->fix);
}

const char *
doctor_level_key(enum doctor_level level)
{
	return level == DOCTOR_FAIL ? "fail" : level == DOCTOR_WARN ? "warn" : "ok";
}

const char *
doctor_level_words(enum doctor_level level)
{
	return level == DOCTOR_FAIL ? _("FAILED") : level == DOCTOR_WARN ? _("warning") : _("ok");
}

const char *
doctor_area_words(const char *area)
{
	static const struct { const char *key, *words; } areas[] = {
		{ "store", N_("database") },
		{ "modem", N_("SMS modem") },
		{ "sms", N_("SMS queue") },
		{ "clock", N_("clock") },
		{ "printer", N_("printer") },
		{ "backup", N_("backup") },
		{ "hub", N_("province hub") },
	};
	size_t i;

	for (i = 0; i < sizeof areas / sizeof areas[0]; i++)
		if (strcmp(areas[i].key, area) == 0)
			return _(areas[i].words);
	return area;
}

/* ---------------------------------------------------------------- helpers */

/* bytes as people read them ("1.4 GB", "350 MB", "12 KB"). */
static const char *
size_words(unsigned long long bytes, char *buf, size_t n)
{
	if (bytes >= GB)
		snprintf(buf, n, "%.1f GB", (double)bytes / (double)GB);
	else if (bytes >= MB)
		snprintf(buf, n, "%.0f MB", (double)bytes / (double)MB);
	else
		snprintf(buf, n, "%llu KB", (bytes + 1023) / 1024);
	return buf;
}

/* seconds as people read them ("3 days", "5 hours", "12 minutes"). */
static const char *
age_words(long long s, char *buf, size_t n)
{
	if (s < 0)
		s = -s;
	if (s >= 2 * 86400)
		snprintf(buf, n, _("%lld days"), s / 86400);
	else if (s >= 2 * 3600)
		snprintf(buf, n, _("%lld hours"), s / 3600);
	else
		snprintf(buf, n, _("%lld minutes"), s / 60);
	return buf;
}

/* The folder of the store: path up to its last '/' ("." when none). */
static void
store_dir(const char *path, char *out, size_t n)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		snprintf(out, n, ".");
	else if (slash == path)
		snprintf(out, n, "/");
	else
		snprintf(out, n, "%.*s", (int)(slash - path), path);
}

/* The first row's first column of sql as text into out ("" when none); MC_OK or a code. */
static int
query_text(struct doc *d, const char *sql, const char *arg, char *out, size_t n)
{
	sqlite3_stmt *s;
	int rc;

	out[0] = '\0';
	if ((rc = store_prepare(d->st, sql, &s, NULL)) != MC_OK)
		return rc;
	if (arg != NULL)
		sqlite3_bind_text(s, 1, arg, -1, SQLITE_TRANSIENT);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW && sqlite3_column_text(s, 0) != NULL)
		snprintf(out, n, "%s", (const char *)sqlite3_column_text(s, 0));
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? MC_OK : MC_ESTORE;
}

/* ---------------------------------------------------------------- the store's files */

#define OTHERS (S_IROTH | S_IWOTH)

/* Others may not read, write or enter path; its group should be GROUP when that group
 * exists.  known: its mode as the other programs left it, before doctor opened the
 * store (NULL: as it is now).  0 when it is right (or absent), 1 when a finding was
 * added. */
static int
private_path(struct doc *d, const char *path, int dir, const struct stat *known)
{
	const char *group = d->o->group != NULL ? d->o->group : GROUP;
	struct doctor_finding *f;
	struct group *gr;
	struct stat sb, now;
	int bad = 0;

	if (known != NULL)
		sb = *known;
	else if (stat(path, &sb) != 0)
		return 0;
	if (known != NULL && (sb.st_mode & OTHERS) && stat(path, &now) == 0 && !(now.st_mode & OTHERS)) {
		/* store_open() closes the files of a store to others when it may. */
		add(d, DOCTOR_WARN, "store", "store.mode",
		    _("%s could be read by every account of this computer (mode %04o): motcua closed it to them now"),
		    path, (unsigned)(sb.st_mode & 07777));
		bad = 1;
	} else if (sb.st_mode & (OTHERS | (dir ? S_IXOTH : 0))) {
		f = add(d, DOCTOR_FAIL, "store", "store.mode",
		    _("%s can be read by every account of this computer (mode %04o): it holds citizens' personal data"),
		    path, (unsigned)(sb.st_mode & 07777));
		fix(f, dir ? "chmod -R o-rwx %s" : "chmod o-rwx %s", path);
		bad = 1;
	}
	if ((gr = getgrnam(group)) != NULL && sb.st_gid != gr->gr_gid) {
		f = add(d, DOCTOR_WARN, "store", "store.group",
		    _("%s does not belong to the group %s: officials' accounts may not be able to write it"),
		    path, group);
		fix(f, dir ? "chgrp -R %s %s" : "chgrp %s %s", group, path);
		bad = 1;
	}
	return bad;
}

/* The files in folder dir that others can read: counted, one finding for them all. */
static int
private_files(struct doc *d, const char *dir)
{
	char path[4096 + 256];
	struct dirent *e;
	struct stat sb;
	DIR *dp;
	long open_files = 0;

	if ((dp = opendir(dir)) == NULL)
		return 0;
	while ((e = readdir(dp)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (snprintf(path, sizeof path, "%s/%s", dir, e->d_name) >= (int)sizeof path)
			continue;
		if (lstat(path, &sb) == 0 && S_ISREG(sb.st_mode) && (sb.st_mode & OTHERS))
			open_files++;
	}
	closedir(dp);
	if (open_files == 0)
		return 0;
	fix(add(d, DOCTOR_FAIL, "store", "store.mode",
	    _("%ld files in %s can be read by every account of this computer"), open_files, dir),
	    "chmod o-rwx %s/*", dir);
	return 1;
}

/* The database, its log and shared memory (before doctor opens the store itself). */
static void
check_files(struct doc *d)
{
	char path[4096 + 16];
	struct stat sb;
	int i, bad = 0;

	if (!d->have[0])
		return;		/* check_open says so */
	for (i = 0; i < 3; i++) {
		snprintf(path, sizeof path, "%s%s", d->o->db_path, file_suffix[i]);
		if (d->have[i])
			bad |= private_path(d, path, 0, &d->files[i]);
	}
	/* The folder: whoever may write it may delete the database or put another in its
	 * place (unless, as /tmp, only a file's owner may remove it). */
	store_dir(d->o->db_path, path, sizeof path);
	if (stat(path, &sb) == 0 && (sb.st_mode & S_IWOTH) && !(sb.st_mode & S_ISVTX)) {
		fix(add(d, DOCTOR_FAIL, "store", "store.mode",
		    _("every account of this computer may write in %s (mode %04o): it can delete the database or replace it"),
		    path, (unsigned)(sb.st_mode & 07777)), "chmod o-w %s", path);
		bad = 1;
	}
	if (!bad)
		add(d, DOCTOR_OK, "store", "store.mode",
		    _("the database files can be read only by their owner and group"));
}

/* The forms folder (setting paper.dir, else forms/ beside the store) and exports/
 * beside the store, with what they hold. */
static void
check_folders(struct doc *d)
{
	char base[4096], dirs[2][4096 + 16], *setting = NULL;
	struct stat sb;
	int i, bad = 0, any = 0;

	store_dir(d->o->db_path, base, sizeof base);
	if (d->st != NULL)
		setting = store_setting(d->st, "paper.dir");
	if (setting != NULL && *setting != '\0')
		snprintf(dirs[0], sizeof dirs[0], "%s", setting);
	else
		snprintf(dirs[0], sizeof dirs[0], "%s/forms", base);
	free(setting);
	snprintf(dirs[1], sizeof dirs[1], "%s/exports", base);
	for (i = 0; i < 2; i++) {
		if (stat(dirs[i], &sb) != 0 || !S_ISDIR(sb.st_mode))
			continue;
		any = 1;
		bad |= private_path(d, dirs[i], 1, NULL);
		bad |= private_files(d, dirs[i]);
	}
	if (any && !bad)
		add(d, DOCTOR_OK, "store", "store.mode",
		    _("the folders of forms and exports can be read only by their owner and group"));
}

/* ---------------------------------------------------------------- the store itself */

/* The file's schema (-1 when it cannot be read) and its office's language into lang
 * ("" when unknown), without changing it: read before anything is reported. */
static int
peek(const char *path, char *lang, size_t n)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *s;
	struct stat sb;
	int v = -1;

	lang[0] = '\0';
	if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode) ||
	    sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		sqlite3_close(db);
		return -1;
	}
	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &s, NULL) == SQLITE_OK) {
		if (sqlite3_step(s) == SQLITE_ROW)
			v = sqlite3_column_int(s, 0);
		sqlite3_finalize(s);
	}
	if (sqlite3_prepare_v2(db, "SELECT value FROM setting WHERE key = 'language'", -1, &s, NULL) == SQLITE_OK) {
		if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0) != NULL)
			snprintf(lang, n, "%s", (const char *)sqlite3_column_text(s, 0));
		sqlite3_finalize(s);
	}
	sqlite3_close(db);
	return v;
}

/* What to do when the store does not open, by the reason. */
static void
open_fix(struct doctor_finding *f, int code, const char *path)
{
	switch (code) {
	case MC_ENOSTORE:
		fix(f, _("create it with 'motcua init', or name the right file in motcua.conf ([store] path)"));
		break;
	case MC_EREADONLY:
		fix(f, _("let the motcua group write the file and its folder: chgrp motcua %s; chmod g+rw %s"),
		    path, path);
		break;
	case MC_ECORRUPT:
		fix(f, _("stop the motcua programs and restore the newest backup: motcua restore FILE"));
		break;
	case MC_ENEWER:
		fix(f, _("install the newer version of motcua that wrote it"));
		break;
	case MC_EBUSY:
		fix(f, _("another program holds the database: run motcua doctor again in a minute"));
		break;
	case MC_EFULL:
		fix(f, _("free some space on the disk of the database"));
		break;
	default:
		fix(f, _("read the message; 'motcua check' tells more once the database opens"));
	}
}

/* Opens (as every program opens it), SQLite's quick check, the schema. */
static void
check_open(struct doc *d)
{
	const char *path = d->o->db_path;
	struct mc_error err;
	struct doctor_finding *f;
	sqlite3_stmt *s;
	int rc, n = 0;

	mc_error_clear(&err);
	if ((rc = store_open(path, 0, &d->st, &err)) != MC_OK) {
		if (rc == MC_ENOSTORE)
			f = add(d, DOCTOR_FAIL, "store", "store.open", _("there is no database at %s"), path);
		else
			f = add(d, DOCTOR_FAIL, "store", "store.open", _("the database %s does not open: %s"),
			    path, mc_message(&err));
		open_fix(f, rc, path);
		return;
	}
	if (store_office(d->st)[0] == '\0') {
		fix(add(d, DOCTOR_FAIL, "store", "store.open", _("the database %s holds no office yet"), path),
		    _("run 'motcua init --office AGENCY_CODE --name NAME'"));
	} else
		add(d, DOCTOR_OK, "store", "store.open", _("the database %s opens (office %s)"),
		    path, store_office(d->st));
	/* quick_check: the structure of every page, without matching indexes (minutes on a
	 * big store for integrity_check, which 'motcua check' runs). */
	if (store_prepare(d->st, "PRAGMA quick_check(5)", &s, NULL) != MC_OK) {
		fix(add(d, DOCTOR_FAIL, "store", "store.integrity", _("the integrity check cannot run: %s"),
		    sqlite3_errmsg(store_db(d->st))), _("stop the motcua programs and run 'motcua check'"));
	} else {
		while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
			const char *line = (const char *)sqlite3_column_text(s, 0);

			if (line == NULL || strcmp(line, "ok") == 0)
				continue;
			fix(add(d, DOCTOR_FAIL, "store", "store.integrity", _("the database is damaged: %s"), line),
			    _("stop the motcua programs, run 'motcua check', and if it fails restore the newest backup (motcua restore FILE)"));
			n++;
		}
		if (rc != SQLITE_DONE && n == 0)
			fix(add(d, DOCTOR_FAIL, "store", "store.integrity", _("the integrity check stopped: %s"),
			    sqlite3_errmsg(store_db(d->st))), _("stop the motcua programs and run 'motcua check'"));
		else if (n == 0)
			add(d, DOCTOR_OK, "store", "store.integrity", _("the integrity check (quick) found nothing wrong"));
		sqlite3_reset(s);
	}
	if (d->version >= 0 && d->version < store_schema_version(d->st))
		add(d, DOCTOR_OK, "store", "store.schema", _("schema %d: updated from %d just now"),
		    store_schema_version(d->st), d->version);
	else
		add(d, DOCTOR_OK, "store", "store.schema", _("schema %d, as this version of motcua expects"),
		    store_schema_version(d->st));
}

/* The disk the store is on, and its write-ahead log. */
static void
check_disk(struct doc *d)
{
	const char *path = d->o->db_path;
	char dir[4096], wal[4096 + 8], a[32], b[32];
	unsigned long long avail, size = 0, walsize = 0;
	struct doctor_finding *f;
	struct statvfs vfs;
	enum doctor_level lv;

	store_dir(path, dir, sizeof dir);
	snprintf(wal, sizeof wal, "%s-wal", path);
	if (d->have[0])
		size = (unsigned long long)d->files[0].st_size;
	if (d->have[1])
		walsize = (unsigned long long)d->files[1].st_size;
	if (statvfs(dir, &vfs) != 0) {
		add(d, DOCTOR_WARN, "store", "store.disk", _("the free space of %s cannot be read: %s"),
		    dir, strerror(errno));
	} else {
		avail = (unsigned long long)vfs.f_bavail * vfs.f_frsize;
		lv = doctor_disk_level(avail, size + walsize);
		f = add(d, lv, "store", "store.disk", _("%s free on the disk of the database (%s; the database takes %s)"),
		    size_words(avail, a, sizeof a), dir, size_words(size + walsize, b, sizeof b));
		if (lv == DOCTOR_FAIL)
			fix(f, _("free space now: nothing more can be saved, and a backup or an update needs about the size of the database"));
		else if (lv == DOCTOR_WARN)
			fix(f, _("free some space soon (old backups, files in the home folders)"));
	}
	lv = doctor_wal_level(walsize);
	if (lv == DOCTOR_OK)
		return;
	fix(add(d, lv, "store", "store.wal",
	    _("the database's write-ahead log %s has grown to %s (normally under 4 MB): a program keeps the database open in a long transaction"),
	    wal, size_words(walsize, a, sizeof a)),
	    _("restart the motcua programs (the consoles, then systemctl restart 'motcua-*'); if it grows again, report it"));
}

enum doctor_level
doctor_disk_level(unsigned long long avail, unsigned long long store)
{
	unsigned long long need = store > 100 * MB ? store : 100 * MB;

	if (avail < need)
		return DOCTOR_FAIL;
	need = 3 * store > GB ? 3 * store : GB;
	return avail < need ? DOCTOR_WARN : DOCTOR_OK;
}

enum doctor_level
doctor_wal_level(unsigned long long wal)
{
	return wal > GB ? DOCTOR_FAIL : wal > 64 * MB ? DOCTOR_WARN : DOCTOR_OK;
}

/* ---------------------------------------------------------------- modems and SMS */

/* One modem: when it last reported, its state, its signal, its SIM's credit. */
static void
check_modem(struct doc *d, const struct smsbox_modem *m)
{
	mc_second t;
	char age[32];
	struct doctor_finding *f;

	if (smsbox_modem_stale(m, d->o->now)) {
		f = add(d, DOCTOR_FAIL, "modem", "modem.report",
		    _("modem %s: no report since %s: its SMS daemon is stopped or stuck"), m->modem, m->updated);
		fix(f, _("look at its daemon: systemctl status 'motcua-smsd@*'; journalctl -u 'motcua-smsd@*'"));
	} else if (strcmp(m->state, "ok") != 0) {
		f = add(d, strcmp(m->state, "resetting") == 0 ? DOCTOR_WARN : DOCTOR_FAIL, "modem",
		    "modem.report", "%s %s: %s%s%s", _("modem"), m->modem, smsbox_modem_state_name(m->state),
		    m->last_error[0] != '\0' ? " - " : "", m->last_error);
		if (strcmp(m->state, "no-sim") == 0)
			fix(f, _("check that the SIM card is in the modem and needs no PIN"));
		else if (strcmp(m->state, "no-network") == 0)
			fix(f, _("check the antenna, the modem's place and the operator's coverage"));
		else
			fix(f, _("unplug the modem and plug it in again; the daemon reconnects by itself"));
	} else {
		add(d, DOCTOR_OK, "modem", "modem.report", _("modem %s: working, last report %s"),
		    m->modem, m->updated);
		if (m->signal < 0)
			add(d, DOCTOR_WARN, "modem", "modem.signal", _("modem %s: signal strength unknown"),
			    m->modem);
		else if (m->signal < SIGNAL_WARN)
			fix(add(d, m->signal < SIGNAL_FAIL ? DOCTOR_FAIL : DOCTOR_WARN, "modem", "modem.signal",
			    _("modem %s: weak signal (%d%%)"), m->modem, m->signal),
			    _("move the modem or its antenna near a window, away from the computer"));
		else
			add(d, DOCTOR_OK, "modem", "modem.signal", _("modem %s: signal %d%%"), m->modem, m->signal);
	}
	if (m->balance[0] == '\0' || mc_second_parse(m->balance_at, &t) != 0) {
		fix(add(d, DOCTOR_WARN, "modem", "modem.credit", _("modem %s: the SIM's credit was never read"),
		    m->modem), _("set 'balance = ' to the operator's USSD code (e.g. *101#) in the modem's section of its gammurc"));
	} else if (d->o->now - t > CREDIT_DAYS * 86400) {
		fix(add(d, DOCTOR_WARN, "modem", "modem.credit", _("modem %s: the SIM's credit was last seen %s ago: %s"),
		    m->modem, age_words(d->o->now - t, age, sizeof age), m->balance),
		    _("look at its daemon: systemctl status 'motcua-smsd@*'; journalctl -u 'motcua-smsd@*'"));
	} else
		add(d, DOCTOR_OK, "modem", "modem.credit", _("modem %s: SIM credit at %s: %s"),
		    m->modem, m->balance_at, m->balance);
}

static void
check_modems(struct doc *d)
{
	struct smsbox_modem *m;
	struct mc_error err;
	int got = 0, i;

	if ((m = calloc(MAX_MODEMS, sizeof *m)) == NULL) {
		d->nomem = 1;
		return;
	}
	if (smsbox_modems(d->st, m, MAX_MODEMS, &got, &err) != MC_OK)
		add(d, DOCTOR_FAIL, "modem", "modem.report", _("the modems' reports cannot be read: %s"),
		    mc_message(&err));
	else if (got == 0)
		fix(add(d, DOCTOR_WARN, "modem", "modem.report", _("no SMS modem has ever reported: citizens get no SMS")),
		    _("if this office sends SMS, start a daemon per modem: systemctl enable --now motcua-smsd@SECTION"));
	for (i = 0; i < got; i++)
		check_modem(d, &m[i]);
	free(m);
}

/* Failed messages of the last days, and how long the oldest due one has waited. */
static void
check_queue(struct doc *d)
{
	char since[MC_TIME_BUF], oldest[64], count[32], age[32];
	mc_second t;
	long n;

	mc_second_format(d->o->now - FAILED_DAYS * 86400, since);
	if (query_text(d, "SELECT count(*) FROM sms_out WHERE status = 'failed' AND created_at >= ?1",
	    since, count, sizeof count) != MC_OK) {
		add(d, DOCTOR_FAIL, "sms", "sms.failed", _("the SMS queue cannot be read: %s"),
		    sqlite3_errmsg(store_db(d->st)));
		return;
	}
	n = atol(count);
	if (n > 0)
		fix(add(d, DOCTOR_WARN, "sms", "sms.failed", _("%ld SMS failed in the last %d days"), n, FAILED_DAYS),
		    _("see why in the console's SMS centre (or motcua sms outbox --status failed); send them again or cancel them"));
	else
		add(d, DOCTOR_OK, "sms", "sms.failed", _("no SMS failed in the last %d days"), FAILED_DAYS);
	/* Due now: queued or being sent, and not held back (quiet hours, back-off). */
	mc_second_format(d->o->now, since);
	if (query_text(d, "SELECT min(created_at) FROM sms_out WHERE status IN ('queued', 'sending') "
	    "AND (not_before IS NULL OR not_before <= ?1)", since, oldest, sizeof oldest) != MC_OK)
		return;
	if (oldest[0] == '\0' || mc_second_parse(oldest, &t) != 0) {
		add(d, DOCTOR_OK, "sms", "sms.queue", _("no SMS is waiting to be sent"));
		return;
	}
	if (d->o->now - t < QUEUE_WARN) {
		add(d, DOCTOR_OK, "sms", "sms.queue", _("the oldest SMS waiting was queued at %s"), oldest);
		return;
	}
	fix(add(d, d->o->now - t < QUEUE_FAIL ? DOCTOR_WARN : DOCTOR_FAIL, "sms", "sms.queue",
	    _("an SMS has waited %s to be sent (queued at %s)"), age_words(d->o->now - t, age, sizeof age), oldest),
	    _("check the modems above and their daemons (systemctl status 'motcua-smsd@*')"));
}

/* ---------------------------------------------------------------- the clock */

/* received_at (office time) against the network's time stamp (UTC) of the newest
 * messages: none can arrive before it was sent, and a few arrive within seconds. */
static void
check_network_clock(struct doc *d)
{
	sqlite3_stmt *s;
	char since[MC_TIME_BUF], age[32];
	long long delta, lo = 0, n = 0;
	mc_second got;
	struct tm tm;

	if (store_prepare(d->st, "SELECT received_at, smsc_time FROM sms_in "
	    "WHERE smsc_time LIKE '____-__-__T__:__:__Z' AND received_at >= ?1 ORDER BY id DESC LIMIT ?2",
	    &s, NULL) != MC_OK)
		return;
	mc_second_format(d->o->now - NET_DAYS * 86400, since);
	sqlite3_bind_text(s, 1, since, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 2, NET_MESSAGES);
	while (sqlite3_step(s) == SQLITE_ROW) {
		memset(&tm, 0, sizeof tm);
		if (mc_second_parse((const char *)sqlite3_column_text(s, 0), &got) != 0 ||
		    strptime((const char *)sqlite3_column_text(s, 1), "%Y-%m-%dT%H:%M:%SZ", &tm) == NULL)
			continue;
		delta = got - mc_second_from_system(timegm(&tm));
		if (n++ == 0 || delta < lo)
			lo = delta;
	}
	sqlite3_reset(s);
	if (n > 0 && lo < -NET_BEHIND)
		fix(add(d, DOCTOR_FAIL, "clock", "clock.network",
		    _("the clock is behind the mobile network's by %s (SMS received before they were sent)"),
		    age_words(lo, age, sizeof age)),
		    _("set the date and time (timedatectl set-time 'YYYY-MM-DD HH:MM', or timedatectl set-ntp true with Internet)"));
	else if (n >= 3 && lo > NET_AHEAD)
		fix(add(d, DOCTOR_WARN, "clock", "clock.network",
		    _("the clock may be ahead of the mobile network's by %s (every recent SMS arrived that late)"),
		    age_words(lo, age, sizeof age)),
		    _("set the date and time (timedatectl set-time 'YYYY-MM-DD HH:MM', or timedatectl set-ntp true with Internet)"));
	else if (n > 0)
		add(d, DOCTOR_OK, "clock", "clock.network", _("the clock agrees with the mobile network's"));
}

static void
check_clock(struct doc *d)
{
	char now[MC_TIME_BUF], newest[64], age[32];
	mc_minute last, cur = mc_minute_of(d->o->now);
	int y, m, day;

	mc_second_format(d->o->now, now);
	mc_civil_from_day(mc_day_of(cur), &y, &m, &day);
	if (y < YEAR_MIN || y > YEAR_MAX) {
		fix(add(d, DOCTOR_FAIL, "clock", "clock.year", _("the clock says %s: the year cannot be right"), now),
		    _("set the date and time (timedatectl set-time 'YYYY-MM-DD HH:MM'); if it is lost at every power cut, replace the mainboard's battery"));
	} else
		add(d, DOCTOR_OK, "clock", "clock.year", _("the clock says %s"), now);
	if (d->st == NULL)
		return;
	/* The last event this office appended was recorded by this clock. */
	if (query_text(d, "SELECT recorded FROM dossier_event WHERE office = ?1 ORDER BY seq DESC LIMIT 1",
	    store_office(d->st), newest, sizeof newest) == MC_OK && mc_time_parse(newest, &last) == 0) {
		if (last - cur > BEHIND_MINUTES)
			fix(add(d, DOCTOR_FAIL, "clock", "clock.events",
			    _("the clock is %s behind the newest record of the database (%s): dossiers would get wrong dates"),
			    age_words((long long)(last - cur) * 60, age, sizeof age), newest),
			    _("set the date and time (timedatectl set-time 'YYYY-MM-DD HH:MM'); if it is lost at every power cut, replace the mainboard's battery"));
		else
			add(d, DOCTOR_OK, "clock", "clock.events", _("the clock is past the newest record (%s)"), newest);
	}
	check_network_clock(d);
}

/* ---------------------------------------------------------------- the printer */

enum doctor_level
doctor_lpstat_level(int status, const char *output)
{
	if (status == 127)
		return DOCTOR_WARN;
	if (status != 0 || strstr(output, " disabled") != NULL)
		return DOCTOR_FAIL;
	return strstr(output, "enabled") != NULL ? DOCTOR_OK : DOCTOR_WARN;
}

/* Run prog -p name (no shell, the C locale, standard error with the output) for at
 * most LPSTAT_SECONDS; out gets the start of what it said, its first line break
 * and control characters as spaces.  The exit status, 127 when it could not run, -1
 * when it did not finish in time (killed). */
static int
run_lpstat(const char *prog, const char *name, char *out, size_t n)
{
	struct pollfd p;
	size_t got = 0;
	ssize_t k;
	double end = mc_monotonic() + LPSTAT_SECONDS;
	pid_t pid;
	int fds[2], status, fd, timed_out = 0;

	out[0] = '\0';
	if (pipe(fds) != 0)
		return 127;
	if ((pid = fork()) == -1) {
		close(fds[0]);
		close(fds[1]);
		return 127;
	}
	if (pid == 0) {
		if ((fd = open("/dev/null", O_RDONLY)) != -1)
			dup2(fd, 0);
		dup2(fds[1], 1);
		dup2(fds[1], 2);
		close(fds[0]);
		setenv("LC_ALL", "C", 1);
		execlp(prog, prog, "-p", name, (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	p.fd = fds[0];
	p.events = POLLIN;
	for (;;) {
		int ms = (int)((end - mc_monotonic()) * 1000);

		if (ms <= 0 || poll(&p, 1, ms) == 0) {
			timed_out = 1;
			kill(pid, SIGKILL);
			break;
		}
		if ((k = read(fds[0], out + got, n - 1 - got)) == 0 || (k < 0 && errno != EINTR))
			break;
		if (k > 0 && (got += (size_t)k) == n - 1)
			break;
	}
	close(fds[0]);
	out[got] = '\0';
	for (; got > 0; got--)
		if ((unsigned char)out[got - 1] < ' ')
			out[got - 1] = ' ';
	while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
		;
	if (timed_out)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void
check_printer(struct doc *d)
{
	const char *prog = d->o->lpstat != NULL ? d->o->lpstat : "lpstat";
	char said[512];
	char *name = store_setting(d->st, "printer");
	struct doctor_finding *f;
	int status;

	if (name == NULL || *name == '\0') {
		fix(add(d, DOCTOR_WARN, "printer", "printer", _("no printer is chosen: forms are only saved in the forms folder")),
		    _("choose the printer in the console (Administration, Office settings) as 'lpstat -p' names it"));
		free(name);
		return;
	}
	if (!paper_printer_name_ok(name)) {
		fix(add(d, DOCTOR_FAIL, "printer", "printer", _("'%s' is not a printer name"), name),
		    _("choose the printer in the console (Administration, Office settings) as 'lpstat -p' names it"));
		free(name);
		return;
	}
	status = run_lpstat(prog, name, said, sizeof said);
	switch (doctor_lpstat_level(status, said)) {
	case DOCTOR_OK:
		add(d, DOCTOR_OK, "printer", "printer", _("printer %s: ready (%s)"), name, said);
		break;
	case DOCTOR_WARN:
		if (status == 127)
			f = add(d, DOCTOR_WARN, "printer", "printer",
			    _("printer %s cannot be checked: the lpstat command is not installed"), name);
		else
			f = add(d, DOCTOR_WARN, "printer", "printer", _("printer %s: CUPS says: %s"), name, said);
		fix(f, _("install the package cups-client, then run motcua doctor again"));
		break;
	case DOCTOR_FAIL:
		if (status == -1)
			f = add(d, DOCTOR_FAIL, "printer", "printer", _("printer %s: lpstat did not answer in %d seconds"),
			    name, LPSTAT_SECONDS);
		else if (status != 0)
			f = add(d, DOCTOR_FAIL, "printer", "printer", _("printer %s is not known to CUPS: %s"), name,
			    said[0] != '\0' ? said : _("no reason given"));
		else
			f = add(d, DOCTOR_FAIL, "printer", "printer", _("printer %s is disabled: %s"), name, said);
		if (status == 0)
			fix(f, _("look at the printer (power, paper, cable), then: cupsenable %s"), name);
		else
			fix(f, _("add it to CUPS (lpadmin, or http://localhost:631), or choose another in the console (Administration, Office settings)"));
		break;
	}
	free(name);
}

/* ---------------------------------------------------------------- backups */

enum doctor_level
doctor_backup_level(long long age)
{
	return age > 7 * 86400 ? DOCTOR_FAIL : age > 2 * 86400 ? DOCTOR_WARN : DOCTOR_OK;
}

/* The newest motcua-*.db in dir into path (its stat in sb); 0, or -1 when none. */
static int
newest_backup(const char *dir, char *path, size_t n, struct stat *sb)
{
	char p[4096 + 256];
	struct dirent *e;
	struct stat s;
	size_t len;
	DIR *dp;
	int found = -1;

	if ((dp = opendir(dir)) == NULL)
		return -1;
	while ((e = readdir(dp)) != NULL) {
		len = strlen(e->d_name);
		if (strncmp(e->d_name, "motcua-", 7) != 0 || len < 10 || strcmp(e->d_name + len - 3, ".db") != 0)
			continue;
		snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
		if (stat(p, &s) != 0 || !S_ISREG(s.st_mode) || (found == 0 && s.st_mtime <= sb->st_mtime))
			continue;
		*sb = s;
		snprintf(path, n, "%s", p);
		found = 0;
	}
	closedir(dp);
	return found;
}

static void
check_backup(struct doc *d)
{
	const char *dir = d->o->backup_dir;
	char path[4096 + 256], age[32], size[32];
	struct stat sb;
	long long old;
	enum doctor_level lv;

	if (dir == NULL || *dir == '\0')
		return;
	if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		fix(add(d, DOCTOR_FAIL, "backup", "backup.dir",
		    _("the folder %s does not exist (is the USB stick plugged in?)"), dir),
		    _("plug in the stick or make the folder, or name another in motcua.conf ([backup] dir)"));
		return;
	}
	if (newest_backup(dir, path, sizeof path, &sb) != 0) {
		fix(add(d, DOCTOR_FAIL, "backup", "backup.age", _("there is no backup in %s"), dir),
		    _("make one now (motcua backup) and let the nightly timer make the next: systemctl enable --now motcua-backup.timer"));
		return;
	}
	old = (long long)(d->o->now - mc_second_from_system(sb.st_mtime));
	lv = doctor_backup_level(old);
	if (lv == DOCTOR_OK)
		add(d, DOCTOR_OK, "backup", "backup.age", _("the newest backup is %s (%s, %s old)"),
		    path, size_words((unsigned long long)sb.st_size, size, sizeof size), age_words(old, age, sizeof age));
	else
		fix(add(d, lv, "backup", "backup.age", _("the newest backup %s is %s old"), path,
		    age_words(old, age, sizeof age)),
		    _("make one now (motcua backup) and look at the nightly timer: systemctl status motcua-backup.timer motcua-backup.service"));
	if (sb.st_mode & OTHERS)
		fix(add(d, DOCTOR_FAIL, "backup", "backup.mode",
		    _("%s can be read by every account of this computer (mode %04o): it holds citizens' personal data"),
		    path, (unsigned)(sb.st_mode & 07777)), "chmod o-rwx %s", path);
}

/* ---------------------------------------------------------------- the province hub */

enum doctor_level
doctor_sync_level(long long age)
{
	return age > SYNC_FAIL_HOURS * 3600LL ? DOCTOR_FAIL : age > SYNC_WARN_HOURS * 3600LL ?
	    DOCTOR_WARN : DOCTOR_OK;
}

enum doctor_level
doctor_backlog_level(long now, long then, long long oldest_age)
{
	if (now <= 0)
		return DOCTOR_OK;
	if (then > 0 && now > then)
		return DOCTOR_WARN;	/* the last run left events behind, and more came */
	return oldest_age > SYNC_WARN_HOURS * 3600LL ? DOCTOR_WARN : DOCTOR_OK;
}

/* Seconds from office time text t ("YYYY-MM-DD HH:MM") to now; -1 when it cannot be read. */
static long long
seconds_since(const struct doc *d, const char *t)
{
	mc_second s;

	if (t[0] == '\0' || mc_second_parse(t, &s) != 0)
		return -1;
	return (long long)(d->o->now - s);
}

/* The last sync that ended with nothing pending. */
static void
check_hub_last(struct doc *d, const struct syncq_status *s)
{
	char age[32];
	long long old = seconds_since(d, s->last);
	enum doctor_level lv;

	if (s->run[0] == '\0') {
		fix(add(d, DOCTOR_WARN, "hub", "hub.last", _("motcua-sync has never run on this database")),
		    _("start it: systemctl enable --now motcua-sync.timer (or run motcua-sync --once and read what it says)"));
		return;
	}
	if (old < 0) {
		fix(add(d, DOCTOR_WARN, "hub", "hub.last",
		    _("no sync has ever finished with nothing pending (the last run ended at %s)"), s->run),
		    _("run motcua-sync --once and read what it says; the lines below tell more"));
		return;
	}
	lv = doctor_sync_level(old);
	if (lv == DOCTOR_OK)
		add(d, DOCTOR_OK, "hub", "hub.last", _("the last sync with nothing pending was at %s"), s->last);
	else
		fix(add(d, lv, "hub", "hub.last", _("the last sync with nothing pending was %s ago (%s)"),
		    age_words(old, age, sizeof age), s->last),
		    _("run motcua-sync --once to see what stops it, and look at its timer: systemctl status motcua-sync.timer motcua-sync.service"));
}

/* A failed last run of each kind but "unreachable" (which names the hub): its level,
 * check, words (the run's end, then motcua-sync's words) and what to do. */
static const struct hub_problem {
	enum syncq_problem kind;
	enum doctor_level level;
	const char *check, *message, *fix;
} hub_problems[] = {
	{ SYNCQ_PROBLEM_TOKEN, DOCTOR_FAIL, "hub.token",
	  N_("the hub refused this office's token in the last run (at %s): %s"),
	  N_("ask the province for a new token, then: motcua-sync --token TOKEN --save") },
	{ SYNCQ_PROBLEM_HUB, DOCTOR_WARN, "hub.reach", N_("the hub failed in the last run (at %s): %s"),
	  N_("this usually passes: the next run tries again; if it lasts, tell the province's IT what it says") },
	{ SYNCQ_PROBLEM_PROVINCE, DOCTOR_FAIL, "hub.refused", N_("the last run (at %s) was refused: %s"),
	  N_("tell the province's IT what it says; nothing is lost: what was refused is sent again") },
	{ SYNCQ_PROBLEM_LOCAL, DOCTOR_FAIL, "hub.local", N_("the last run (at %s) failed on this computer: %s"),
	  N_("see the lines about the database above, and run 'motcua check'") },
};

/* What went wrong in the last run, by its kind (sync.problem). */
static void
check_hub_problem(struct doc *d, const struct syncq_status *s, const char *hub)
{
	size_t i;

	if (s->problem == SYNCQ_PROBLEM_NONE) {
		if (s->error[0] != '\0')	/* stopped before it finished: it says when next */
			add(d, DOCTOR_OK, "hub", "hub.reach", _("the last run (at %s) ended: %s"), s->run, s->error);
		else {
			add(d, DOCTOR_OK, "hub", "hub.reach", _("the hub answered the last run (at %s)"), s->run);
			add(d, DOCTOR_OK, "hub", "hub.token", _("the hub accepted this office's token"));
		}
	} else if (s->problem == SYNCQ_PROBLEM_UNREACHABLE) {
		fix(add(d, DOCTOR_FAIL, "hub", "hub.reach", _("the last run (at %s) could not reach the hub %s: %s"),
		    s->run, hub, s->error),
		    _("check this computer's network connection and the hub's address (motcua-sync --hub URL --save); if both are right, ask the province's IT whether the hub is running"));
	} else {
		for (i = 0; i < sizeof hub_problems / sizeof hub_problems[0]; i++)
			if (hub_problems[i].kind == s->problem)
				fix(add(d, hub_problems[i].level, "hub", hub_problems[i].check, _(hub_problems[i].message),
				    s->run, s->error), "%s", _(hub_problems[i].fix));
	}
}

/* The events waiting for the hub (now, and when the last run ended), and those set aside. */
static void
check_hub_queue(struct doc *d, const struct syncq_status *s)
{
	sqlite3_stmt *q;
	char oldest[64] = "", age[32];
	long long waited = 0;
	enum doctor_level lv;
	int rc;

	if (store_prepare(d->st, "SELECT recorded FROM dossier_event WHERE office = ?1 "
	    "AND office_seq > ?2 ORDER BY office_seq LIMIT 1", &q, NULL) == MC_OK) {
		sqlite3_bind_text(q, 1, store_office(d->st), -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(q, 2, syncq_cursor(d->st));
		if ((rc = sqlite3_step(q)) == SQLITE_ROW)
			store_col_copy(q, 0, oldest, sizeof oldest);
		store_reset(d->st, q, rc, NULL);
	}
	if (oldest[0] != '\0' && (waited = seconds_since(d, oldest)) < 0)
		waited = 0;
	lv = doctor_backlog_level(s->backlog, s->backlog_then, waited);
	if (s->backlog == 0)
		add(d, DOCTOR_OK, "hub", "hub.backlog", _("no event is waiting for the hub"));
	else if (lv == DOCTOR_OK)
		add(d, DOCTOR_OK, "hub", "hub.backlog", _("%ld events wait for the next sync (the oldest recorded at %s)"),
		    s->backlog, oldest);
	else if (s->backlog_then > 0 && s->backlog > s->backlog_then)
		fix(add(d, lv, "hub", "hub.backlog",
		    _("%ld events wait for the hub, more than the %ld the last run left behind: the backlog grows (the oldest recorded at %s)"),
		    s->backlog, s->backlog_then, oldest),
		    _("sync is not keeping up: see the lines above, and run motcua-sync --once to see what stops it"));
	else
		fix(add(d, lv, "hub", "hub.backlog", _("%ld events have waited for the hub for %s (the oldest recorded at %s)"),
		    s->backlog, age_words(waited, age, sizeof age), oldest),
		    _("sync is not keeping up: see the lines above, and run motcua-sync --once to see what stops it"));
	if (s->set_aside > 0)
		fix(add(d, DOCTOR_FAIL, "hub", "hub.setaside",
		    _("%ld events are set aside: the hub refused them or holds other content under their numbers"),
		    s->set_aside),
		    _("list them with motcua-sync --status and tell the province's IT (a database restored from an old copy does this)"));
	else
		add(d, DOCTOR_OK, "hub", "hub.setaside", _("no event is set aside"));
}

/* The province link, as motcua-sync left it in the store (see the top of this file). */
static void
check_hub(struct doc *d)
{
	struct syncq_status s;
	struct mc_error err;
	char *hub = store_setting(d->st, "sync.hub");
	const char *shown = hub != NULL && *hub != '\0' ? hub : _("(given on motcua-sync's command line)");

	mc_error_clear(&err);
	if (syncq_status(d->st, &s, &err) != MC_OK) {
		fix(add(d, DOCTOR_FAIL, "hub", "hub.setup", _("the state of the province link cannot be read: %s"),
		    mc_message(&err)), _("stop the motcua programs and run 'motcua check'"));
	} else if (!s.configured && s.run[0] == '\0' && s.last[0] == '\0') {
		fix(add(d, DOCTOR_WARN, "hub", "hub.setup",
		    _("sync with the province is not set up: this office's dossiers reach neither the province nor other offices")),
		    _("ask the province for the hub's address and this office's token, then: motcua-sync --hub URL --token TOKEN --once --save"));
	} else {
		add(d, DOCTOR_OK, "hub", "hub.setup", _("sync with the province hub %s is set up"), shown);
		check_hub_last(d, &s);
		if (s.run[0] != '\0')
			check_hub_problem(d, &s, shown);
		check_hub_queue(d, &s);
	}
	free(hub);
}

/* ---------------------------------------------------------------- the checks */

static const struct doctor_check {
	const char *area;
	int needs_store;		/* passed over when the store did not open */
	void (*run)(struct doc *d);
} checks[] = {
	{ .area = "store", .run = check_open },
	{ .area = "store", .run = check_files },	/* the modes read before it was opened */
	{ .area = "store", .run = check_folders },
	{ .area = "store", .run = check_disk },
	{ .area = "modem", .needs_store = 1, .run = check_modems },
	{ .area = "sms", .needs_store = 1, .run = check_queue },
	{ .area = "clock", .run = check_clock },
	{ .area = "printer", .needs_store = 1, .run = check_printer },
	{ .area = "backup", .run = check_backup },
	{ .area = "hub", .needs_store = 1, .run = check_hub },
};

int
doctor_run(const struct doctor_opts *o, struct doctor_report *out)
{
	struct doc d = { .o = o, .r = out };
	char lang[8], path[4096 + 16];
	size_t i;

	for (i = 0; i < 3; i++) {
		snprintf(path, sizeof path, "%s%s", o->db_path, file_suffix[i]);
		d.have[i] = stat(path, &d.files[i]) == 0;
	}
	d.version = peek(o->db_path, lang, sizeof lang);
	if (o->store_language && lang[0] != '\0')
		mc_i18n_init(lang);
	for (i = 0; i < sizeof checks / sizeof checks[0]; i++) {
		if (checks[i].needs_store && d.st == NULL)
			add(&d, DOCTOR_WARN, checks[i].area, "skipped", _("not checked: the database did not open"));
		else
			checks[i].run(&d);
	}
	store_close(d.st);
	return d.nomem ? MC_ENOMEM : MC_OK;
}

void
doctor_report_free(struct doctor_report *r)
{
	free(r->items);
	memset(r, 0, sizeof *r);
}
