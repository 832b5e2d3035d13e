/* syncq.h -- the office's side of the province link, in the store (doc/sync-api.md):
 * which of this office's events wait for the hub, the events other offices appended
 * that arrive by pull, the dossiers that came with them (held, or read-only through a
 * scope), the events set aside, and the state the console shows.
 *
 * motcua-sync (sync/) does the network; everything it reads from or writes to the
 * store goes through here, so the rules (what is read-only, how pulled events fold,
 * that a pulled event never overwrites one held here) live in common/.
 *
 * Settings written here: sync.cursor (the hub's last answered cursor), sync.last (the
 * end of the last run with nothing pending, office time), sync.run (the end of the
 * last run, whatever its outcome), sync.backlog, sync.setaside (counts at the end of
 * the last run), sync.error (what went wrong last, "" when nothing), sync.problem
 * (its kind, a key of enum syncq_problem, for motcua doctor), sync.etag.NAME (the
 * version of each resource applied), sync.scope_marks (the scope the marks were
 * pulled with).  Read: sync.hub, sync.token, sync.scope.
 */
#ifndef MC_SYNCQ_H
#define MC_SYNCQ_H

#include <stddef.h>

#include "error.h"
#include "mctime.h"

struct store;

/* One event as it travels: strings are valid during the call that gives them. */
struct syncq_event {
	const char *office;	/* who appended it */
	long seq;		/* its sequence there: the id is office:seq */
	const char *code;	/* the dossier */
	int pos;		/* its place in the dossier */
	const char *kind;	/* "received", ... */
	const char *at;		/* "YYYY-MM-DD HH:MM" as its office's clock said */
	const char *actor;
	const char *payload;	/* JSON object text, compact with sorted keys */
};

/* ---------------------------------------------------------------- push */

/* The cursor the hub last answered (setting sync.cursor; 0 before any). */
long syncq_cursor(struct store *st);
int syncq_set_cursor(struct store *st, long cursor, struct mc_error *err);

/* Call fn for this office's events with a sequence above after, ascending, at most
 * max of them; fn returns nonzero to stop.  *n gets how many were given. */
int syncq_each_pending(struct store *st, long after, int max,
    int (*fn)(const struct syncq_event *ev, void *ctx), void *ctx, int *n,
    struct mc_error *err);

/* How many of this office's events have a sequence above after. */
int syncq_backlog(struct store *st, long after, long *n, struct mc_error *err);

/* ---------------------------------------------------------------- set aside */

enum syncq_direction { SYNCQ_PUSH, SYNCQ_PULL };

/* Record id as set aside (again: the reason is updated), with reason (no personal
 * data).  Its own statement: inside or outside a transaction. */
int syncq_set_aside(struct store *st, const char *id, enum syncq_direction dir,
    const char *reason, struct mc_error *err);
/* Call fn for each event set aside, newest first, at most max. */
int syncq_each_set_aside(struct store *st, int max,
    int (*fn)(const char *id, const char *direction, const char *reason, const char *at,
    void *ctx), void *ctx, struct mc_error *err);

/* ---------------------------------------------------------------- pull */

/* The marks: up to which sequence each office's events were pulled.  fn gets each. */
int syncq_each_mark(struct store *st, int (*fn)(const char *office, long seq, void *ctx),
    void *ctx, struct mc_error *err);
int syncq_set_mark(struct store *st, const char *office, long seq, struct mc_error *err);
/* Forget every mark (the next pull starts from the beginning: a new scope). */
int syncq_clear_marks(struct store *st, struct mc_error *err);

/* What became of a pulled event. */
enum syncq_pulled {
	SYNCQ_NEW,		/* inserted */
	SYNCQ_KNOWN,		/* already here, the same */
	SYNCQ_DIFFERENT,	/* here with other content: set aside, nothing changed */
};

/* Inside the caller's transaction (store_begin): insert ev (another office's event)
 * unless its id is here; *what says which.  The dossier is not folded: call
 * syncq_pull_dossier for each dossier touched, once, after its events.  MC_EINVAL
 * for an event of this office or one that is not well formed. */
int syncq_pull_event(struct store *st, const struct syncq_event *ev, enum syncq_pulled *what,
    struct mc_error *err);

/* Inside the caller's transaction: fold code again from its events, and record how it
 * came: read_only 1 when pulled through a scope only (holder: an office that holds it),
 * 0 when handed to this office.  A dossier created here stays as it is. */
int syncq_pull_dossier(struct store *st, const char *code, int read_only, const char *holder,
    struct mc_error *err);

/* 1 when code may not get local events here (pulled read-only); its holder goes to
 * holder (n bytes, may be NULL).  0 otherwise (errors read as 0). */
int syncq_read_only(struct store *st, const char *code, char *holder, size_t n);

/* ---------------------------------------------------------------- resources (syncq-res.c) */

/* Apply what the province publishes: name is catalog, holidays, templates or settings,
 * body[0..n) its text (CSV, or a JSON object of settings), etag recorded in setting
 * sync.etag.NAME once it is in force.  All or nothing; MC_EINVAL/MC_ECSV with the
 * reason when it cannot be applied.  Outside a transaction (each runs its own). */
int syncq_apply_resource(struct store *st, const char *name, const char *body, size_t n,
    const char *etag, struct mc_error *err);
/* Check a settings resource: a JSON object of the settings a province may set
 * (week, hours, sameday.cutoff, sms.quiet, sms.accents), each valid. */
int syncq_settings_check(const char *text, size_t n, struct mc_error *err);

/* ---------------------------------------------------------------- state */

/* The kind of what went wrong in a run, by what an administrator does about it. */
enum syncq_problem {
	SYNCQ_PROBLEM_NONE,		/* ""; also a run that was only stopped */
	SYNCQ_PROBLEM_UNREACHABLE,	/* "unreachable": no answer (network, address, TLS) */
	SYNCQ_PROBLEM_TOKEN,		/* "token": the hub refused the token (401) */
	SYNCQ_PROBLEM_HUB,		/* "hub": the hub failed (5xx, an answer that cannot be read) */
	SYNCQ_PROBLEM_PROVINCE,		/* "province": refused (4xx), or what it publishes cannot be applied */
	SYNCQ_PROBLEM_LOCAL,		/* "local": this office's store, or memory */
};

/* The key of p ("" for none), and back (unknown keys read as NONE). */
const char *syncq_problem_key(enum syncq_problem p);
enum syncq_problem syncq_problem_parse(const char *key);

struct syncq_status {
	char last[MC_TIME_BUF];		/* sync.last, "" when never */
	char run[MC_TIME_BUF];		/* sync.run, "" when motcua-sync never ran */
	long backlog;			/* events not yet acknowledged, now */
	long backlog_then;		/* sync.backlog at the end of the last run; -1 unknown */
	long set_aside;			/* rows of sync_setaside */
	char error[384];		/* sync.error (motcua-sync's are under 320 bytes) */
	enum syncq_problem problem;	/* sync.problem */
	int configured;			/* sync.hub is set */
};

int syncq_status(struct store *st, struct syncq_status *out, struct mc_error *err);

/* Record the end of a run: sync.run = now, sync.last = now when nothing is pending
 * (ok), sync.backlog, sync.setaside, sync.error (error may be NULL or "") and
 * sync.problem.  Its own transaction. */
int syncq_finish(struct store *st, int ok, enum syncq_problem problem, const char *error,
    struct mc_error *err);

#endif
