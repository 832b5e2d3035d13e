/* doctor.h -- what is wrong with this machine's motcua, and what to do about it.
 *
 * doctor_run() looks at the store (does it open, SQLite's quick check, its schema,
 * who may read its files, free disk, the write-ahead log), each modem's last report,
 * the SMS queue, the clock, the office's printer, the last backup and the province
 * hub (as motcua-sync's last run found it), and returns one finding per thing looked at: a level, the area, a message
 * and what to do, translated.  It repairs nothing but what opening the store does
 * (store_open: an older schema updated, the files closed to other accounts); `motcua doctor`
 * prints the findings (tui/cmd-doctor.c).
 *
 *	struct doctor_opts o = { .db_path = path, .backup_dir = dir, .now = mc_clock() };
 *	struct doctor_report r = { 0 };
 *	doctor_run(&o, &r);
 *	for (i = 0; i < r.n; i++) ... r.items[i] ...
 *	doctor_report_free(&r);
 */
#ifndef MC_DOCTOR_H
#define MC_DOCTOR_H

#include "smsq.h"

enum doctor_level {
	DOCTOR_OK,
	DOCTOR_WARN,		/* works, but needs looking at soon */
	DOCTOR_FAIL,		/* broken now, or data at risk */
};

#define DOCTOR_MESSAGE_MAX 600

struct doctor_finding {
	enum doctor_level level;
	const char *area;	/* static key: store, modem, sms, clock, printer, backup, hub */
	char check[32];		/* what was checked, a stable key: "store.integrity" */
	char message[DOCTOR_MESSAGE_MAX];	/* translated, one line */
	char fix[DOCTOR_MESSAGE_MAX];	/* translated, what to do; "" when nothing */
};

struct doctor_opts {
	const char *db_path;	/* the store */
	const char *backup_dir;	/* where the nightly backups go (motcua.conf [backup] dir) */
	const char *lpstat;	/* the program asked about the printer (NULL: "lpstat" on PATH) */
	const char *group;	/* the group of the office's accounts (NULL: "motcua") */
	mc_second now;		/* the office's clock: mc_clock() */
	int store_language;	/* 1: speak the store's language (mc_i18n_init), as other commands do */
};

struct doctor_report {
	struct doctor_finding *items;	/* owned; doctor_report_free */
	int n, cap;
	int fails, warns;
};

/* Every check, in order, into out (which starts zeroed).  MC_OK, or MC_ENOMEM when
 * findings had to be left out. */
int doctor_run(const struct doctor_opts *o, struct doctor_report *out);
void doctor_report_free(struct doctor_report *r);

/* "ok", "warn", "fail" (for scripts), and the same in words for people (translated). */
const char *doctor_level_key(enum doctor_level level);
const char *doctor_level_words(enum doctor_level level);
/* An area's name for people ("database", "modem"...), translated; area itself when unknown. */
const char *doctor_area_words(const char *area);

/* The rules behind some findings, for the unit tests. */
/* Free space (bytes available to programs) on the store's disk, against the store's
 * size (database and log): a backup and an update of the schema each need about as
 * much again. */
enum doctor_level doctor_disk_level(unsigned long long avail, unsigned long long store);
/* The write-ahead log's size: SQLite folds it back at about 4 MB unless a reader holds
 * it open for a long time. */
enum doctor_level doctor_wal_level(unsigned long long wal);
/* The age in seconds of the newest backup (nightly: a day and a bit is normal). */
enum doctor_level doctor_backup_level(long long age);
/* What `lpstat -p NAME` said: its exit status (127: not installed) and output. */
enum doctor_level doctor_lpstat_level(int status, const char *output);
/* The age in seconds of the last sync that ended with nothing pending (a timer runs
 * every few minutes): a warning after 6 hours, a failure after a day. */
enum doctor_level doctor_sync_level(long long age);
/* The events waiting for the hub now, at the end of the last run (-1: unknown), and
 * the age in seconds of the oldest: a warning when they grow from one run to the next
 * or the oldest has waited over 6 hours. */
enum doctor_level doctor_backlog_level(long now, long then, long long oldest_age);

#endif
