/* smsd-loop.c -- the work of motcua-smsd: one loop over one modem and the store.
 *
 * Each turn:
 *   1. receive: messages the modem announced (+CMTI, +CDS), and now and then a walk
 *      of everything kept on the modem: every `poll` seconds while messages come,
 *      doubling up to `poll_idle` while none do, every `poll_notified` seconds once
 *      the modem announces messages itself.  Each message is recorded in
 *      the store first (sms_in, sms_part or a delivery report); only when a batch is
 *      safely on disk are its messages deleted from the modem.  A delete that fails
 *      leaves the message on the modem: read again, the store recognises it (same
 *      number, SMSC time and text) and it is answered once.  A walk lasts at most
 *      WALK_BUDGET seconds a turn (a flood is answered while it is read) and goes on
 *      after the message it stopped at.  A message the modem cannot read is passed
 *      over, then recorded once and deleted (see "what cannot be read" below): it
 *      never blocks the messages behind it.
 *   2. answer: every recorded message not yet handled gets its reply queued
 *      (query_handle: kind reply, priority 0), also those left by a crash.
 *   3. send: claim queued messages under a lease, send them part by part, and record
 *      each part's reference the moment the network acknowledges it.  Failures go
 *      back to the queue with back-off, or fail with the modem's reason.
 *   4. every minute: the modem's health (and now and then its prepaid balance) in
 *      modem_health -- held while the queue has work (see periodic()).
 * A modem that stops answering (a call that times out, or the watchdog that abandons
 * a call after `watchdog` seconds) is reset, closed and reconnected with back-off
 * (1 s doubling to `backoff_max`); meanwhile the store side goes on.  When there is
 * nothing to do the loop waits on the modem and the store (a message queued by
 * another program wakes it: see idle()), never spins.
 *
 * This runs in the worker process of smsd-super.c.  It tells the supervisor, through
 * their shared memory, which message it has in hand (reading one from the modem until
 * it is stored, answering one) and by when each modem call must return; a worker that
 * starts after others died on one message deletes it unread or sets it aside.
 *
 * Durability: this connection writes with synchronous=NORMAL (a commit survives a
 * killed process at once), and the write-ahead log is flushed to disk (fdatasync)
 * before any message is deleted from the modem, after each round of sending, and
 * right after a part is recorded as handed to the modem, before the modem may send it.
 * So a power cut can lose at most the acknowledgement of the last part sent (it is
 * made durable by the next part's record or the end of the round, whichever comes
 * first); that message then goes out again flagged "possibly sent twice", never
 * silently.  (Flushing each acknowledgement too, as synchronous=FULL would, halves the
 * throughput of tests/bench/smsd.sh when the disk is shared; a modem sends a part in
 * 0.7 s or more, so there it would cost nothing either way.)
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "daemon.h"
#include "i18n.h"
#include "log.h"
#include "modem.h"
#include "query.h"
#include "smsd.h"
#include "smsq.h"
#include "store.h"

#define BATCH		64	/* received messages made durable together, then deleted */
#define ANSWER_BUDGET	0.5	/* seconds of answering before looking at the modem again */
#define SEND_BUDGET	2.0	/* seconds of sending before looking at the modem again */
#define WALK_BUDGET	2.0	/* seconds of a walk before answering; it goes on after */
#define PARTS_EVERY	600	/* seconds between looks for incomplete messages */
#define BUSY_RETRIES	3
#define WAKE_SLICE	0.02	/* seconds between looks at the store while idle */
#define HOLD_MAX	60	/* seconds a health round waits at most for the queue (the
				 * console calls a modem silent after 180 s without one) */
#define STRIKES		2	/* failed reads of one message before it is deleted unread */
#define TROUBLE_MAX	32	/* messages that failed to read, remembered */
#define WALK_SEEN	16	/* places a walk remembers, to notice that it goes round */
#define DELETE_AGAIN	600	/* seconds before an undeletable message is tried again */

/* A message on the modem that could not be read (or stored) at place. */
struct trouble {
	struct modem_place place;
	int strikes;		/* failed reads */
	int recorded;		/* recorded for the office; it would not be deleted */
	double retry_at;	/* recorded: when to try deleting it again */
};

struct smsd {
	struct smsd_config *cfg;
	struct smsd_shared *sh;		/* with the supervisor (a private one without) */
	const sigset_t *signals;	/* blocked, taken between steps (see below) */
	int stop, reload;		/* SIGTERM or SIGINT came; SIGHUP came */
	struct store *st;
	struct modem *m;
	struct modem_msg *msg;		/* the one received message */
	struct modem_where *batch;	/* BATCH of them, recorded, not yet deleted */
	int nbatch;
	char owner[128];
	char walpath[PATH_MAX + 8];	/* "" when the store is not in WAL mode */

	int up;				/* connected */
	int notified;			/* the modem announces messages itself */
	int no_walk;			/* walks of the modem kill workers: read announced
					 * messages only */
	int walking;			/* a walk is under way (it stopped for its budget) */
	int walk_again;			/* the connection was made again during the walk:
					 * over, and another one at once */
	int walk_got;			/* new messages the walk under way recorded */
	struct modem_place seen[WALK_SEEN];	/* the last places the walk read */
	int nseen;
	double walk_every;		/* seconds between walks, now */
	struct trouble trouble[TROUBLE_MAX];
	int ntrouble;
	double retry_at, backoff;
	double next_walk, next_health, next_balance, next_parts;
	int success;			/* work done since the last health record */
	char last_error[256];
	int error_new;
	char balance[512];
	int balance_new;
	sqlite3_int64 data_version;	/* the store's, at the last look */
};

/* ---------------------------------------------------------------- signals
 *
 * SIGTERM, SIGINT and SIGHUP stay blocked (common/daemon.h) and are taken here, between
 * two steps: a signal must not interrupt libgammu (its proxy connection then blocks in
 * read(): proxy_read takes select()'s -1 for "data ready"), and a step is short (a
 * wait on the modem lasts at most a second).  Only the watchdog's SIGALRM interrupts
 * a modem call.
 */

/* A signal taken (0: none): d->stop, d->reload. */
static void
note_signal(struct smsd *d, int sig)
{
	if (sig == SIGHUP)
		d->reload = 1;
	else if (sig > 0)
		d->stop = 1;
}

/* Take the signals that came.  1 when stopping. */
static int
stopping(struct smsd *d)
{
	int sig;

	while ((sig = daemon_signal(d->signals, 0)) > 0)
		note_signal(d, sig);
	return d->stop;
}

/* Sleep up to seconds, waking early for a signal. */
static void
nap(struct smsd *d, double seconds)
{
	double end = mc_monotonic() + seconds, left;

	while (!stopping(d) && !d->reload && (left = end - mc_monotonic()) > 0)
		note_signal(d, daemon_signal(d->signals, left));
}

/* ---------------------------------------------------------------- the watchdog */

static struct modem *volatile watched;

static void
on_alarm(int sig)
{
	struct modem *m = watched;

	(void)sig;
	if (m != NULL)
		m->ops->abort(m);
}

/* Every modem call runs under an alarm: past `seconds` it is abandoned (MC_EIO).  The
 * supervisor is told the deadline too, should the call not return even then. */
static void
watch(struct smsd *d, int seconds)
{
	d->sh->deadline = (long)mc_monotonic() + seconds + 1;
	watched = d->m;
	alarm((unsigned)seconds);
}

static void
unwatch(struct smsd *d)
{
	alarm(0);
	watched = NULL;
	d->sh->deadline = 0;
}

/* ---------------------------------------------------------------- the store side */

/* Make what this connection committed durable (see the top of the file). */
static int
wal_sync(struct smsd *d)
{
	int fd, rc;

	if (d->walpath[0] == '\0')
		return 0;
	if ((fd = open(d->walpath, O_RDONLY | O_CLOEXEC)) < 0)
		return errno == ENOENT ? 0 : -1;
	rc = fdatasync(fd);
	close(fd);
	return rc;
}

static void
note_error(struct smsd *d, const char *msg)
{
	snprintf(d->last_error, sizeof d->last_error, "%s", msg);
	d->error_new = 1;
}

/* Write the modem's health; h->state set by the caller. */
static void
health_record(struct smsd *d, struct smsq_health *h)
{
	struct mc_error err;

	h->balance = d->balance_new ? d->balance : NULL;
	h->last_error = d->error_new ? d->last_error : NULL;
	h->success = d->success;
	if (smsq_health(d->st, d->cfg->name, h, mc_clock(), &err) != MC_OK) {
		log_line(LOG_WARNING, _("cannot record the modem's health: %s"), mc_message(&err));
		return;
	}
	d->balance_new = d->error_new = 0;
	d->success = 0;
}

static void
health_state(struct smsd *d, const char *state)
{
	struct smsq_health h;

	memset(&h, 0, sizeof h);
	h.state = state;
	h.signal = -1;
	h.battery = -1;
	health_record(d, &h);
}

/* ---------------------------------------------------------------- the modem's life */

static void
link_down(struct smsd *d, const struct mc_error *why)
{
	struct mc_error err;

	log_line(LOG_WARNING, _("the modem stopped answering: %s"), mc_message(why));
	note_error(d, mc_message(why));
	health_state(d, "resetting");
	watch(d, d->cfg->watchdog < 15 ? d->cfg->watchdog : 15);
	if (d->m->ops->reset(d->m, &err) != MC_OK)
		log_line(LOG_INFO, _("the modem did not take a reset: %s"), mc_message(&err));
	unwatch(d);
	d->m->ops->close(d->m);
	d->up = 0;
	d->notified = 0;
	d->walking = 0;
	d->backoff = 1;
	d->retry_at = mc_monotonic() + d->backoff;
	health_state(d, "not-answering");
}

static void
connect_modem(struct smsd *d)
{
	struct mc_error err;
	int rc;

	watch(d, d->cfg->watchdog);
	rc = d->m->ops->open(d->m, &err);
	unwatch(d);
	if (rc == MC_OK) {
		log_line(LOG_NOTICE, _("connected to modem %s"), d->cfg->name);
		d->up = 1;
		d->backoff = 0;
		d->walk_every = d->cfg->poll;
		d->next_walk = d->next_health = mc_monotonic();
		d->next_balance = mc_monotonic() + 5;
		return;
	}
	log_line(LOG_WARNING, _("cannot connect to modem %s (next try in %.0f s): %s"),
	    d->cfg->name, d->backoff > 0 ? d->backoff : 1, mc_message(&err));
	note_error(d, mc_message(&err));
	health_state(d, "not-answering");
	d->backoff = d->backoff <= 0 ? 1 : d->backoff * 2;
	if (d->backoff > d->cfg->backoff_max)
		d->backoff = d->cfg->backoff_max;
	d->retry_at = mc_monotonic() + d->backoff;
}

/* ---------------------------------------------------------------- receiving */

/* The store, not the message, failed. */
static int
store_trouble(int rc)
{
	return rc == MC_EBUSY || rc == MC_ESTORE || rc == MC_EFULL || rc == MC_ENOMEM ||
	    rc == MC_EREADONLY || rc == MC_ECORRUPT || rc == MC_EIO || rc == MC_ENOSTORE;
}

/* Record one received message; MC_OK when it is in the store (now or before: *dup). */
static int
record(struct smsd *d, const struct modem_msg *msg, int *dup, struct mc_error *err)
{
	char masked[PHONE_MASK_MAX];
	mc_second now = mc_clock();
	long id = 0;
	int rc = MC_OK, try;

	*dup = 0;
	for (try = 0; try < BUSY_RETRIES; try++) {
		rc = smsd_inbox_record(d->st, d->cfg->name, msg, now, &id, dup, err);
		if (rc != MC_EBUSY)
			break;
	}
	phone_mask(msg->number, masked);
	if (rc != MC_OK) {
		if (store_trouble(rc))
			log_line(LOG_ERR, _("cannot store a message from %s (it stays on the modem): %s"),
			    masked, mc_message(err));
		return rc;
	}
	d->success = 1;
	if (msg->kind == MODEM_REPORT && id > 0)
		log_line(LOG_INFO, _("delivery report for message %ld: %s"), id, msg->status);
	else if (msg->kind == MODEM_REPORT)
		log_line(LOG_INFO, _("a delivery report (%s) matched no message"), msg->status);
	else if (*dup)
		log_line(LOG_INFO, _("message from %s received again: already stored, not answered twice"),
		    masked);
	else if (msg->kind == MODEM_PART && msg->seq > msg->total)
		log_line(LOG_INFO, _("part %d of %d from %s is no valid part: kept as incomplete message %ld"),
		    msg->seq, msg->total, masked, id);
	else if (msg->kind == MODEM_PART && id > 0)
		log_line(LOG_INFO, _("part %d of %d from %s completes message %ld"), msg->seq, msg->total,
		    masked, id);
	else if (msg->kind == MODEM_PART)
		log_line(LOG_INFO, _("part %d of %d from %s stored, waiting for the rest"), msg->seq,
		    msg->total, masked);
	else if (msg->note[0] != '\0')
		log_line(LOG_INFO, _("message %ld received from %s (parts: %d; %s)"), id, masked, msg->parts,
		    msg->note);
	else
		log_line(LOG_INFO, _("message %ld received from %s (parts: %d)"), id, masked, msg->parts);
	return MC_OK;
}

/* Delete the recorded batch from the modem, once it is on disk. */
static void
flush(struct smsd *d)
{
	struct mc_error err;
	int i, rc;

	if (d->nbatch == 0)
		return;
	if (wal_sync(d) != 0) {
		log_line(LOG_ERR, _("cannot flush the database to disk (%s): the messages stay on the modem"),
		    strerror(errno));
		d->nbatch = 0;
		return;
	}
	for (i = 0; i < d->nbatch && d->up; i++) {
		if (d->batch[i].n == 0)
			continue;
		watch(d, d->cfg->watchdog);
		rc = d->m->ops->remove(d->m, &d->batch[i], &err);
		unwatch(d);
		if (rc == MC_EIO) {
			link_down(d, &err);
			break;
		}
		if (rc != MC_OK)
			log_line(LOG_WARNING, _("cannot delete a stored message from the modem (it will be "
			    "read again and recognised): %s"), mc_message(&err));
	}
	d->nbatch = 0;
}

static void
batch_add(struct smsd *d, const struct modem_where *w)
{
	if (w->n == 0)
		return;
	d->batch[d->nbatch++] = *w;
	if (d->nbatch == BATCH)
		flush(d);
}

/* ---------------------------------------------------------------- what cannot be read
 *
 * A message the modem keeps but cannot read (libgammu returns an error, or nothing, for
 * it), or that the store refuses for what it holds, must not block the ones behind it
 * nor be read again and again.  The first failure at a place passes it over (the
 * walk goes on; a glitch may be gone next time); the next one records it once for the
 * office (an ignored message without sender or text, saying where and why) and
 * deletes it from the modem.  One that cannot be deleted either is passed over
 * quietly from then on (its deletion tried again every DELETE_AGAIN seconds).
 * Messages that kill the worker are smsd-super.c's business.
 */

/* A place in words, for the log and the office's note. */
static const char *
place_words(const struct modem_place *p, char *buf, size_t size)
{
	if (p->folder > 0)
		snprintf(buf, size, _("folder %d, location %d"), p->folder, p->location);
	else
		snprintf(buf, size, _("location %d"), p->location);
	return buf;
}

static int
same_place(const struct modem_place *a, const struct modem_place *b)
{
	return a->folder == b->folder && a->location == b->location;
}

/* The trouble remembered at place; a new entry when add (the oldest one goes when
 * the table is full); NULL when none. */
static struct trouble *
trouble_at(struct smsd *d, const struct modem_place *place, int add)
{
	int i;

	for (i = 0; i < d->ntrouble; i++)
		if (same_place(&d->trouble[i].place, place))
			return &d->trouble[i];
	if (!add)
		return NULL;
	if (d->ntrouble == TROUBLE_MAX) {
		memmove(d->trouble, d->trouble + 1, sizeof d->trouble[0] * (TROUBLE_MAX - 1));
		d->ntrouble--;
	}
	memset(&d->trouble[d->ntrouble], 0, sizeof d->trouble[0]);
	d->trouble[d->ntrouble].place = *place;
	return &d->trouble[d->ntrouble++];
}

static void
trouble_drop(struct smsd *d, const struct modem_place *place)
{
	struct trouble *t = trouble_at(d, place, 0);

	if (t == NULL)
		return;
	memmove(t, t + 1, sizeof *t * (size_t)(d->trouble + d->ntrouble - (t + 1)));
	d->ntrouble--;
}

/* Delete a message that cannot be read: as any message, else without reading it. */
static int
delete_unreadable(struct smsd *d, const struct modem_where *w, struct mc_error *err)
{
	int rc;

	watch(d, d->cfg->watchdog);
	rc = d->m->ops->remove(d->m, w, err);
	unwatch(d);
	if (rc != MC_OK && rc != MC_EIO) {
		watch(d, d->cfg->watchdog);
		rc = d->m->ops->purge(d->m, &w->part[0], err);
		unwatch(d);
		d->walk_again = 1;	/* (purge may connect again: a walk starts afresh) */
	}
	return rc;
}

/* The message at w cannot be handled, for the reason why (see above). */
static void
cannot_handle(struct smsd *d, const struct modem_where *w, const char *why)
{
	struct trouble *t = trouble_at(d, &w->part[0], 1);
	struct mc_error err;
	char where[96], note[512];
	long id = 0;
	int rc = MC_OK, try;

	place_words(&w->part[0], where, sizeof where);
	if (t->recorded) {	/* recorded; it would not be deleted: said once */
		if (mc_monotonic() < t->retry_at)
			return;
		if (delete_unreadable(d, w, &err) == MC_OK) {
			log_line(LOG_NOTICE, _("the unreadable message at %s is deleted at last"), where);
			trouble_drop(d, &w->part[0]);
		} else {
			t->retry_at = mc_monotonic() + DELETE_AGAIN;
		}
		return;
	}
	if (++t->strikes < STRIKES) {
		log_line(LOG_WARNING, _("cannot read the message at %s (%s): passed over, and tried "
		    "once more at the next walk"), where, why);
		return;
	}
	snprintf(note, sizeof note, _("the modem cannot read it (%s)"), why);
	for (try = 0; try < BUSY_RETRIES; try++)
		if ((rc = smsq_in_unreadable(d->st, d->cfg->name, where, note, mc_clock(), &id,
		    &err)) != MC_EBUSY)
			break;
	if (rc != MC_OK) {
		t->strikes = 0;
		log_line(LOG_ERR, _("cannot record the unreadable message at %s (it stays on the "
		    "modem): %s"), where, mc_message(&err));
		return;
	}
	t->recorded = 1;
	d->success = 1;
	rc = delete_unreadable(d, w, &err);
	if (rc == MC_OK) {
		log_line(LOG_WARNING, _("message at %s deleted unread: %s (incoming message %ld)"), where,
		    note, id);
		trouble_drop(d, &w->part[0]);
		return;
	}
	log_line(LOG_ERR, _("cannot delete the unreadable message at %s (%s): it stays on the modem, "
	    "passed over"), where, mc_message(&err));
	t->retry_at = mc_monotonic() + DELETE_AGAIN;
	if (rc == MC_EIO)
		link_down(d, &err);
}

/* Read one message -- the next one the modem announced, or the next of a walk -- and
 * record it; the supervisor knows that a message is in hand meanwhile.  MC_OK: it is
 * in the store (its place in the batch; *dup when it was already); MC_ENOTFOUND: no
 * more; MC_EIO: the modem stopped answering (the batch flushed, the link down);
 * MC_EINVAL: this one cannot be read or stored (passed over, see above); MC_ESTORE:
 * the store would not take it (it stays on the modem). */
static int
take_one(struct smsd *d, int walk, int start, int *dup)
{
	struct mc_error err;
	int rc;

	*dup = 0;
	d->sh->phase = SMSD_READING;
	d->msg->where.n = 0;
	watch(d, d->cfg->watchdog);
	rc = walk ? d->m->ops->next_stored(d->m, start, d->msg, &err) :
	    d->m->ops->next_event(d->m, d->msg, &err);
	unwatch(d);
	if (rc == MC_OK) {
		if ((rc = record(d, d->msg, dup, &err)) == MC_OK) {
			if (d->msg->where.n > 0 && d->ntrouble > 0)
				trouble_drop(d, &d->msg->where.part[0]);
			batch_add(d, &d->msg->where);
		} else if (store_trouble(rc)) {
			rc = MC_ESTORE;
		} else {
			rc = MC_EINVAL;
			if (d->msg->where.n > 0)
				cannot_handle(d, &d->msg->where, mc_message(&err));
			else
				log_line(LOG_WARNING, _("a message the store does not take: %s"),
				    mc_message(&err));
		}
	} else if (rc == MC_EIO) {
		flush(d);
		link_down(d, &err);
	} else if (rc != MC_ENOTFOUND) {
		rc = MC_EINVAL;
		if (d->msg->where.n > 0)
			cannot_handle(d, &d->msg->where, mc_message(&err));
		else
			log_line(LOG_WARNING, walk ? _("skipping a message the modem cannot read: %s") :
			    _("cannot read a message the modem announced: %s"), mc_message(&err));
	}
	d->sh->phase = SMSD_IDLE;
	return rc;
}

/* Messages the modem announced on its own.  Returns how many. */
static int
receive_events(struct smsd *d)
{
	int n = 0, rc, dup, tries = 0;

	while (d->up && tries++ < BATCH * 4) {
		rc = take_one(d, 0, 0, &dup);
		if (rc == MC_ENOTFOUND || rc == MC_EIO || rc == MC_ESTORE)
			break;
		if (rc == MC_OK) {
			d->notified = 1;
			n += !dup;
		}
	}
	flush(d);
	return n;
}

/* Has the walk read this place already?  (A driver that does not move on would make
 * it go round for ever.)  Notes the place. */
static int
walk_seen(struct smsd *d, const struct modem_where *w)
{
	int i;

	if (w->n == 0)
		return 0;
	for (i = 0; i < d->nseen && i < WALK_SEEN; i++)
		if (same_place(&d->seen[i], &w->part[0]))
			return 1;
	d->seen[d->nseen++ % WALK_SEEN] = w->part[0];
	return 0;
}

/* Walk the messages kept on the modem, for at most WALK_BUDGET seconds: a walk that
 * stops for its budget goes on at the next call.  Returns 1 when the walk is over
 * (*got: the new messages it recorded), 0 when it goes on. */
static int
receive_walk(struct smsd *d, int *got)
{
	double end = mc_monotonic() + WALK_BUDGET;
	int bad = 0, rc = MC_OK, dup, start = !d->walking;

	if (start) {
		d->walk_got = 0;
		d->nseen = 0;
	}
	d->walking = 1;
	while (d->up && !stopping(d)) {
		rc = take_one(d, 1, start, &dup);
		start = 0;
		if (rc == MC_ENOTFOUND || rc == MC_EIO || rc == MC_ESTORE)
			break;
		if (d->walk_again) {
			rc = MC_EINVAL;		/* (not "every message read") */
			break;
		}
		if (walk_seen(d, &d->msg->where)) {
			log_line(LOG_DEBUG, "the walk came back to a message it read: over");
			rc = MC_ENOTFOUND;
			break;
		}
		if (rc == MC_EINVAL && ++bad > 100)
			break;
		d->walk_got += rc == MC_OK && !dup;
		if (mc_monotonic() >= end) {
			flush(d);
			return 0;	/* the rest at the next turn */
		}
	}
	d->walking = 0;
	/* Every message on the modem read, and alive: no message there kills workers. */
	if (rc == MC_ENOTFOUND && d->sh->suspect.phase == SMSD_READING)
		d->sh->suspect.deaths = 0;
	flush(d);
	*got = d->walk_got;
	return 1;
}

/* ---------------------------------------------------------------- answering */

static int
answer_new(struct smsd *d)
{
	struct mc_error err;
	double end = mc_monotonic() + ANSWER_BUDGET;
	long id, reply, last = 0, after = 0;
	int n, rc;

	for (n = 0; !stopping(d) && mc_monotonic() < end; n++) {
		if (smsq_in_next(d->st, after, &id, &err) != MC_OK) {
			log_line(LOG_WARNING, _("cannot read the incoming messages: %s"), mc_message(&err));
			break;
		}
		if (id == 0) {		/* all answered: no stored message kills workers */
			if (d->sh->suspect.phase == SMSD_ANSWERING && after == 0)
				d->sh->suspect.deaths = 0;
			break;
		}
		reply = 0;
		d->sh->subject = id;
		d->sh->phase = SMSD_ANSWERING;
		rc = query_handle(d->st, id, mc_minute_of(mc_clock()), &reply, &err);
		d->sh->phase = SMSD_IDLE;
		if (rc == MC_EBUSY)
			break;
		if (rc != MC_OK || id == last) {
			log_line(LOG_ERR, _("cannot answer message %ld, set aside: %s"), id,
			    rc != MC_OK ? mc_message(&err) : "not handled");
			/* one that cannot even be set aside is passed over this round */
			if (smsq_in_set_aside(d->st, id, rc != MC_OK ? mc_message(&err) : "not handled",
			    NULL) != MC_OK)
				after = id;
		} else if (reply > 0) {
			log_line(LOG_DEBUG, "message %ld answered by message %ld", id, reply);
		} else {
			log_line(LOG_DEBUG, "message %ld handled without a reply", id);
		}
		last = id;
		d->success = 1;
	}
	return n;
}

/* ---------------------------------------------------------------- what killed workers */

/* Record that the message at place was deleted unread, then delete it (smsd-super.c). */
static void
delete_unread(struct smsd *d, const struct modem_place *place)
{
	struct mc_error err;
	char where[96];
	long id = 0;
	int rc = MC_OK, try;

	place_words(place, where, sizeof where);
	for (try = 0; try < BUSY_RETRIES; try++)
		if ((rc = smsq_in_unreadable(d->st, d->cfg->name, where, NULL, mc_clock(), &id,
		    &err)) != MC_EBUSY)
			break;
	if (rc != MC_OK)
		log_line(LOG_ERR, _("cannot record the unreadable message (%s), deleted all the same: %s"),
		    where, mc_message(&err));
	watch(d, d->cfg->watchdog);
	rc = d->m->ops->purge(d->m, place, &err);
	unwatch(d);
	if (rc != MC_OK) {
		/* Walking the modem would read it again: only announced messages are read
		 * until it is gone (the next connection tries again: SIGHUP). */
		log_line(LOG_ERR, _("cannot delete the unreadable message (%s): %s; the messages kept "
		    "on the modem are not read meanwhile"), where, mc_message(&err));
		d->no_walk = 1;
		if (rc == MC_EIO)
			link_down(d, &err);
		return;
	}
	log_line(LOG_WARNING, _("message at %s deleted unread: reading it stopped the program "
	    "%d times (incoming message %ld)"), where, d->sh->suspect.deaths, id);
	d->sh->suspect.deaths = 0;
	d->no_walk = 0;
}

/* Deal with a message that killed the workers before this one: a message on the modem
 * is deleted unread (once connected), a stored one is set aside. */
static void
settle_suspect(struct smsd *d)
{
	struct smsd_suspect *x = &d->sh->suspect;

	if (x->deaths < SMSD_DEATHS_MAX)
		return;
	if (x->phase == SMSD_ANSWERING) {
		log_line(LOG_ERR, _("incoming message %ld stopped the program %d times while it was "
		    "answered: set aside"), x->id, x->deaths);
		smsq_in_set_aside(d->st, x->id, _("the program stopped while answering this message"),
		    NULL);
		x->deaths = 0;
	} else if (x->phase == SMSD_READING && d->up && !x->known) {
		if (!d->no_walk)
			log_line(LOG_ERR, _("reading the modem's messages stopped the program %d times, at "
			    "a place the modem does not tell: only the messages it announces are read "
			    "now"), x->deaths);
		d->no_walk = 1;
	} else if (x->phase == SMSD_READING && d->up) {
		delete_unread(d, &x->place);
	}
}

/* ---------------------------------------------------------------- sending */

struct sending {
	struct smsd *d;
	long id;
	int acked;
	double renewed;
};

/* Make the commit just done durable (as synchronous=FULL would). */
static void
durable(struct smsd *d)
{
	if (wal_sync(d) != 0)
		log_line(LOG_WARNING, _("cannot flush the database to disk: %s"), strerror(errno));
}

/* A part is about to be handed to the modem: from now on it may go out. */
static int
on_hand(void *arg, int part)
{
	struct sending *x = arg;
	struct mc_error err;
	int rc = MC_OK, try;

	for (try = 0; try < BUSY_RETRIES; try++)
		if ((rc = smsq_part_handed(x->d->st, x->id, part, &err)) != MC_EBUSY)
			break;
	if (rc != MC_OK) {
		log_line(LOG_ERR, _("cannot record that part %d of message %ld goes to the modem: %s"),
		    part, x->id, mc_message(&err));
		return 1;
	}
	durable(x->d);
	return 0;
}

/* The network took a part: record its reference before anything else. */
static int
on_ack(void *arg, int part, int mr)
{
	struct sending *x = arg;
	struct mc_error err;
	int rc = MC_OK, try;

	for (try = 0; try < BUSY_RETRIES; try++)
		if ((rc = smsq_part_sent(x->d->st, x->id, mr, mc_clock(), &err)) != MC_EBUSY)
			break;
	if (rc != MC_OK) {
		log_line(LOG_ERR, _("cannot record that part %d of message %ld went out: %s"), part,
		    x->id, mc_message(&err));
		return 1;
	}
	x->acked++;		/* durable with the next part's hand-over (see the top) */
	if (mc_monotonic() - x->renewed > 30) {
		smsq_renew(x->d->st, x->id, x->d->owner, mc_clock(), 0, NULL);
		x->renewed = mc_monotonic();
	}
	return 0;
}

static void
send_one(struct smsd *d, struct smsq_msg *m)
{
	struct modem_send s = { .number = m->number, .text = m->body, .ucs2 = m->ucs2,
		.report = d->cfg->reports };
	struct sending x = { .d = d, .id = m->id, .renewed = mc_monotonic() };
	const struct modem_progress p = { .hand = on_hand, .ack = on_ack, .arg = &x };
	struct mc_error err, err2;
	char masked[PHONE_MASK_MAX];
	int rc, final = 0;

	phone_mask(m->number, masked);
	watch(d, d->cfg->watchdog + d->cfg->send_timeout * (m->parts > 1 ? m->parts : 1));
	rc = d->m->ops->send(d->m, &s, &p, &err);
	unwatch(d);
	if (rc == MC_OK) {
		if (smsq_sent(d->st, m->id, d->owner, d->cfg->reports, mc_clock(), &err2) != MC_OK)
			log_line(LOG_WARNING, _("message %ld went out but cannot be marked sent: %s"), m->id,
			    mc_message(&err2));
		log_line(LOG_INFO, _("message %ld (%s) sent to %s (parts: %d)"), m->id, m->kind, masked,
		    s.parts);
		d->success = 1;
		return;
	}
	/* A part that surely did not go out (refused, or never handed over) is not
	 * counted as handed: only an unanswered one may flag the message sent twice. */
	if (!s.unsure)
		smsq_part_handed(d->st, m->id, x.acked, NULL);
	if (rc == MC_EIO && !s.taken && x.acked == 0) {
		/* nothing reached the modem: not an attempt */
		smsq_release(d->st, m->id, d->owner, NULL);
		link_down(d, &err);
		return;
	}
	if (smsq_failed(d->st, m->id, d->owner, mc_message(&err), s.permanent, mc_clock(), &final,
	    &err2) != MC_OK)
		log_line(LOG_WARNING, _("cannot record the failure of message %ld: %s"), m->id,
		    mc_message(&err2));
	log_line(LOG_WARNING, final ? _("message %ld to %s failed: %s") :
	    _("message %ld to %s not sent, will retry: %s"), m->id, masked, mc_message(&err));
	note_error(d, mc_message(&err));
	if (rc == MC_EIO)
		link_down(d, &err);
}

static int
send_queue(struct smsd *d)
{
	struct smsq_msg m;
	struct mc_error err;
	double end = mc_monotonic() + SEND_BUDGET;
	int n = 0, rc;

	while (d->up && !stopping(d) && mc_monotonic() < end) {
		memset(&m, 0, sizeof m);
		rc = smsq_claim(d->st, d->owner, d->cfg->name, mc_clock(), 0, &m, &err);
		if (rc == MC_ENOTFOUND)
			break;
		if (rc != MC_OK) {
			if (rc != MC_EBUSY)
				log_line(LOG_WARNING, _("cannot take the next message to send: %s"),
				    mc_message(&err));
			break;
		}
		send_one(d, &m);
		smsq_msg_free(&m);
		n++;
	}
	if (n > 0 && wal_sync(d) != 0)
		log_line(LOG_WARNING, _("cannot flush the database to disk: %s"), strerror(errno));
	return n;
}

/* ---------------------------------------------------------------- waiting
 *
 * With nothing to do the loop waits on the modem (a message it announces ends the
 * wait) and looks at the store every WAKE_SLICE: SQLite's data_version changes with
 * every commit of another connection, in any process, so a notice the console queues
 * ends the wait too, without a file or signal of our own between the programs.
 */

/* Has another program written to the store since the last look? */
static int
store_changed(struct smsd *d)
{
	long long v = store_data_version(d->st);

	if (v < 0 || v == d->data_version)
		return 0;
	d->data_version = v;
	return 1;
}

/* Wait up to seconds (at most 1) for the modem to announce something or another
 * program to write to the store. */
static void
idle(struct smsd *d, double seconds)
{
	double end = mc_monotonic() + (seconds > 1 ? 1 : seconds), left;
	int got = 0;

	while (!got && (left = end - mc_monotonic()) > 0.005 && !stopping(d) && !d->reload) {
		if (store_changed(d))
			break;
		watch(d, d->cfg->watchdog);
		got = d->m->ops->wait(d->m, (int)((left < WAKE_SLICE ? left : WAKE_SLICE) * 1000) + 1);
		unwatch(d);
	}
}

/* ---------------------------------------------------------------- now and then */

/* The health round (and the balance) every `health` seconds; held while the queue
 * has work (sending: parts sent this turn), for at most HOLD_MAX seconds: a modem
 * question (AT+CPIN? and the rest) between two messages of a burst only delays them. */
static void
periodic(struct smsd *d, int sending)
{
	struct modem_health mh;
	struct smsq_health h;
	struct mc_error err;
	double now = mc_monotonic();
	char answer[512];
	int rc, n;

	log_flush(0);
	if (now >= d->next_parts) {
		mc_second t = mc_clock();

		if (smsq_parts_expire(d->st, t - d->cfg->parts_wait, t, &n, &err) == MC_OK && n > 0)
			log_line(LOG_NOTICE, _("incomplete messages stored as they are: %d"), n);
		d->next_parts = now + PARTS_EVERY;
	}
	if (sending > 0 && d->up && now < d->next_health + HOLD_MAX &&
	    now < d->next_balance + HOLD_MAX)
		return;		/* the queue first */
	if (d->up && d->cfg->balance[0] != '\0' && now >= d->next_balance) {
		d->next_balance = now + d->cfg->balance_every;
		watch(d, d->cfg->watchdog);
		rc = d->m->ops->ussd(d->m, d->cfg->balance, answer, sizeof answer, &err);
		unwatch(d);
		if (rc == MC_OK) {
			snprintf(d->balance, sizeof d->balance, "%s", answer);
			d->balance_new = 1;
			log_line(LOG_INFO, _("balance: %s"), answer);
		} else if (rc == MC_EIO) {
			link_down(d, &err);
		} else {
			log_line(LOG_INFO, _("no balance from %s: %s"), d->cfg->balance, mc_message(&err));
		}
	}
	if (now < d->next_health)
		return;
	d->next_health = now + d->cfg->health;
	memset(&h, 0, sizeof h);
	if (!d->up) {
		health_state(d, "not-answering");
		return;
	}
	watch(d, d->cfg->watchdog);
	rc = d->m->ops->health(d->m, &mh, &err);
	unwatch(d);
	log_line(LOG_DEBUG, "health round: %.3f s", mc_monotonic() - now);
	if (rc == MC_EIO) {
		link_down(d, &err);
		return;
	}
	if (rc != MC_OK) {
		log_line(LOG_INFO, _("no health from the modem: %s"), mc_message(&err));
		mh.state = "ok";
		mh.signal = mh.battery = -1;
		mh.network[0] = mh.operator_name[0] = '\0';
	}
	h.state = mh.state;
	h.signal = mh.signal;
	h.network = mh.network[0] != '\0' ? mh.network : NULL;
	h.operator_name = mh.operator_name[0] != '\0' ? mh.operator_name : NULL;
	h.battery = mh.battery;
	health_record(d, &h);
}

/* ---------------------------------------------------------------- the loop */

static int
setup_store(struct smsd *d, const char *db_path)
{
	struct mc_error err;
	sqlite3_stmt *s;
	const char *mode = NULL, *file;
	char *lang;

	if (store_open(db_path, 0, &d->st, &err) != MC_OK) {
		log_line(LOG_ERR, "%s", mc_message(&err));
		return -1;
	}
	if (getenv("MOTCUA_LANG") == NULL) {	/* the office's language, as the console */
		lang = store_setting(d->st, "language");
		mc_i18n_init(lang);
		free(lang);
	}
	if (store_prepare(d->st, "PRAGMA journal_mode", &s, NULL) == MC_OK) {
		if (sqlite3_step(s) == SQLITE_ROW)
			mode = (const char *)sqlite3_column_text(s, 0);
		if (mode != NULL && strcmp(mode, "wal") == 0 &&
		    (file = sqlite3_db_filename(store_db(d->st), "main")) != NULL) {
			snprintf(d->walpath, sizeof d->walpath, "%s-wal", file);
		}
		sqlite3_reset(s);
	}
	if (d->walpath[0] != '\0')
		store_exec(d->st, "PRAGMA synchronous = NORMAL", NULL);
	return 0;
}

static void
set_owner(struct smsd *d)
{
	snprintf(d->owner, sizeof d->owner, "%s:%ld", d->cfg->name, (long)getpid());
}

static int
make_modem(struct smsd *d)
{
	struct modem_config mc = {
		.gammurc = d->cfg->gammurc,
		.section = d->cfg->section,
		.send_timeout = d->cfg->send_timeout,
		.ussd_timeout = 20,
		.scratch = d->sh->scratch,
		.scratch_size = d->sh->scratch_size,
	};
	struct mc_error err;

	if (modem_create(d->cfg->backend, &mc, &d->m, &err) != MC_OK) {
		log_line(LOG_ERR, "%s", mc_message(&err));
		return -1;
	}
	return 0;
}

static void
reload(struct smsd *d)
{
	struct smsd_config c = *d->cfg;
	struct mc_error err;
	struct modem *old = d->m;

	d->reload = 0;
	if (smsd_config_read(&c, &err) != MC_OK) {
		log_line(LOG_ERR, _("the configuration was not re-read: %s"), mc_message(&err));
		return;
	}
	*d->cfg = c;
	log_verbose(c.debug);
	set_owner(d);
	flush(d);
	if (d->up)
		d->m->ops->close(d->m);
	d->up = 0;
	d->walking = 0;
	d->m = NULL;
	if (make_modem(d) != 0) {
		d->m = old;		/* keep the old kind of modem */
	} else {
		modem_destroy(old);
	}
	d->backoff = 0;
	d->retry_at = mc_monotonic();
	log_line(LOG_NOTICE, _("configuration re-read; reconnecting modem %s"), c.name);
}

int
smsd_run(const char *db_path, struct smsd_config *cfg, struct smsd_shared *sh,
    const sigset_t *signals)
{
	static struct smsd_shared alone;
	static struct smsd dd;
	struct smsd *d = &dd;
	struct sigaction sa;
	int busy, sent, rc = 0;
	double wait;

	memset(d, 0, sizeof *d);
	d->cfg = cfg;
	d->sh = sh != NULL ? sh : &alone;
	d->signals = signals;
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_alarm;
	sigaction(SIGALRM, &sa, NULL);
	if (setup_store(d, db_path) != 0)
		return 1;
	d->msg = malloc(sizeof *d->msg);
	d->batch = calloc(BATCH, sizeof *d->batch);
	if (d->msg == NULL || d->batch == NULL || make_modem(d) != 0) {
		rc = 1;
		goto out;
	}
	set_owner(d);
	log_line(LOG_NOTICE, _("motcua-smsd started: modem %s (%s), database %s"), cfg->name,
	    cfg->backend, db_path);
	d->retry_at = mc_monotonic();
	d->next_parts = mc_monotonic();
	settle_suspect(d);
	while (!stopping(d)) {
		if (d->reload)
			reload(d);
		if (!d->up) {
			if (mc_monotonic() >= d->retry_at) {
				connect_modem(d);
				settle_suspect(d);
			}
			if (!d->up) {
				answer_new(d);
				periodic(d, 0);
				wait = d->retry_at - mc_monotonic();
				nap(d, wait < 0.05 ? 0.05 : wait > 1 ? 1 : wait);
				continue;
			}
		}
		busy = receive_events(d);
		if (d->up && (d->walking || mc_monotonic() >= d->next_walk)) {
			int got = 0, over = d->no_walk ? 1 : receive_walk(d, &got);

			/* quick while messages come, slower and slower while none do */
			if (!over)
				got = 1;		/* goes on at once */
			else if (d->notified || d->no_walk)
				d->walk_every = cfg->poll_notified;
			else if (got > 0)
				d->walk_every = cfg->poll;
			else if ((d->walk_every *= 2) > cfg->poll_idle)
				d->walk_every = cfg->poll_idle > cfg->poll ? cfg->poll_idle : cfg->poll;
			if (over)
				d->next_walk = d->walk_again ? mc_monotonic() : mc_monotonic() + d->walk_every;
			d->walk_again = 0;
			busy += got;
		}
		busy += answer_new(d);
		busy += sent = send_queue(d);
		periodic(d, sent);
		if (busy == 0 && d->up && !stopping(d) && !d->reload)
			idle(d, d->next_walk - mc_monotonic());
	}
	log_line(LOG_NOTICE, _("stopping"));
	flush(d);
out:
	if (d->m != NULL) {
		d->m->ops->close(d->m);
		modem_destroy(d->m);
	}
	free(d->msg);
	free(d->batch);
	store_close(d->st);
	log_flush(1);
	return rc;
}
