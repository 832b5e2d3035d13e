/* smsq.h -- the SMS tables of the store as the modem daemons use them: the outgoing
 * queue with leases, incoming messages and their parts, delivery reports, opt-outs,
 * quiet hours and modem health (schema: data/migrations/002-sms.sql).
 *
 * API for motcua-smsd (one daemon per modem, several on one store)
 * ---------------------------------------------------------------
 * Times are mc_second (mctime.h): seconds of office-local civil time, from mc_clock()
 * ($MOTCUA_NOW or the local clock); stored "YYYY-MM-DD HH:MM:SS".
 * Every function runs its own short transaction (BEGIN IMMEDIATE when it writes), so
 * call none of them inside store_begin/commit; MC_EBUSY means "try again shortly".
 *
 * Receiving: never delete a message from the modem before one of these returned MC_OK.
 * Texts (number, SMSC time, body) need not be valid UTF-8: what is not is stored with
 * each byte that starts no character replaced by U+FFFD, so no message is refused.
 *	smsq_in_record(st, modem, number, smsc_time, body, 1, now, &id, &dup, err)
 *		a whole message; a re-delivered one (same number, SMSC time and text)
 *		gives the first row's id and dup = 1 (answer nothing the second time).
 *	smsq_part_store(st, modem, number, ref, total, seq, smsc_time, body, now, &id,
 *	    &dup, err)
 *		one part of a concatenated message (UDH ref/total/seq); id > 0 when this
 *		part completed it (joined and recorded as above), 0 while parts are missing.
 *	smsq_parts_expire(st, older_than, now, &n, err)
 *		now and then: parts waiting since before older_than are recorded as one
 *		incomplete message (nothing is ever dropped).
 *	smsq_in_unreadable(st, modem, where, why, now, &id, err)
 *		a message deleted from the modem unread, because reading it killed the
 *		daemon, or the modem cannot read it: an 'ignored' row without sender or
 *		text, so the office sees it.
 *	query_handle(st, id, minute, &reply, err)		(query.h)
 *		answers a recorded message: the reply is queued and the row marked, in one
 *		transaction; a row already handled is left alone.  smsq_in_next() finds
 *		rows recorded but not yet handled (after a crash); smsq_in_set_aside()
 *		marks one that cannot be answered, so that it blocks no other.
 *	smsq_report(st, modem, number, mr, "Delivered", now, &id, err)
 *		a delivery report (TP-MR wraps at 256: matched with the number and a
 *		window of setting sms.report_window hours, default 72, newest first).
 *
 * Sending, per message:
 *	smsq_claim(st, owner, modem, now, 0, &m, err)	MC_ENOTFOUND: nothing due now
 *	for each part k:
 *		smsq_part_handed(st, m.id, k, err)	just before the modem may send it
 *		send it; when the modem acknowledges it, AT ONCE
 *		smsq_part_sent(st, m.id, mr, now, err)	(records the ref before anything
 *			else, so a kill -9 after an ack never sends the message again)
 *	    on a send error: if the part surely did not go out (the modem refused it, or
 *	    never got it) smsq_part_handed(st, m.id, k - 1, err); then
 *	    smsq_failed(st, m.id, owner, reason, permanent, now, err)
 *	smsq_sent(st, m.id, owner, report_requested, now, err)
 *	smsq_msg_free(&m)
 * A message whose attempt stopped (a killed daemon, a modem that never answered) with
 * a part handed over but not acknowledged may have gone out: when it goes back to the
 * queue it is flagged (sms_out.twice = 1 and "possibly sent twice" in its error, kept
 * when it is sent), so the SMS centre can tell that the citizen may have it twice.
 * A long send calls smsq_renew() before the lease (setting sms.lease seconds, default
 * 120) runs out; a daemon shutting down before sending calls smsq_release().  A lease
 * that ran out (the daemon was killed) is expired by the next smsq_claim(): a message
 * with no acknowledged part goes back to the queue; one with every part acknowledged
 * is 'sent'; one acknowledged in part is 'failed' ("interrupted"), never sent again.
 * Order: replies (priority 0), notices (1), reminders (2), bulk (3); within one
 * priority the oldest first.  Inside quiet hours (setting sms.quiet, default
 * "21:00-07:00"; "" or "off" for none) only replies are claimed.  Reminders and bulk
 * are limited to setting sms.bulk_per_minute (default 6) a minute per modem.  Back-off
 * after a failure: sms.retry_seconds (default 60) doubled each attempt, at most an
 * hour; after sms.max_attempts (default 5) attempts the message is 'failed'.
 *
 * Health: smsq_health(st, modem, &h, now, err) every minute (upsert of modem_health;
 * the day's sent and failed counts are computed from sms_out).
 *
 * Strings returned inside structs are owned as each struct says.
 */
#ifndef MC_SMSQ_H
#define MC_SMSQ_H

#include <stdint.h>

#include "code.h"
#include "error.h"
#include "mctime.h"
#include "phone.h"

struct store;

/* Quiet hours (setting sms.quiet): the minute they end when t is inside them, else
 * MC_TIME_NONE.  A malformed setting counts as the default. */
mc_minute smsq_quiet_until(struct store *st, mc_minute t);

/*
 * Sending.
 */

struct smsq_msg {
	long id;
	char number[PHONE_MAX];	/* normalised 0xxxxxxxxx */
	char kind[12];			/* reply | notice | reminder | bulk */
	int priority;			/* 0..3 */
	char *body;			/* UTF-8; owned, freed by smsq_msg_free */
	int ucs2;			/* 1: send as UCS-2, 0: GSM 7-bit */
	int parts;			/* as counted when queued */
	char code[CODE_MAX];		/* the dossier it concerns, "" if none */
	int attempts;			/* this one included */
};

void smsq_msg_free(struct smsq_msg *m);

/* Claim the next due message for modem under a lease held by owner (unique per daemon
 * process, e.g. "<modem>:<pid>") for lease seconds (0: setting sms.lease).  *out is
 * filled (free with smsq_msg_free) on MC_OK; MC_ENOTFOUND when nothing is due. */
int smsq_claim(struct store *st, const char *owner, const char *modem, mc_second now,
    int lease, struct smsq_msg *out, struct mc_error *err);
/* Extend owner's lease on id to now + lease seconds (0: the setting).  MC_ENOTFOUND
 * when owner no longer holds it. */
int smsq_renew(struct store *st, long id, const char *owner, mc_second now, int lease,
    struct mc_error *err);
/* Part handed (1..) is being handed to the modem (it may go out from now on); or,
 * after the modem refused it, handed = the parts acknowledged.  MC_ENOTFOUND when
 * the row is not being sent. */
int smsq_part_handed(struct store *st, long id, int handed, struct mc_error *err);
/* The modem acknowledged one more part with message reference mr (0..255): appended
 * to refs, sent_at = now.  Recorded whoever holds the lease (the ack is a fact). */
int smsq_part_sent(struct store *st, long id, int mr, mc_second now, struct mc_error *err);
/* Every part acknowledged: status 'sent', the lease dropped; delivery 'pending' when a
 * report was requested; error cleared unless the row is flagged twice.  MC_ENOTFOUND
 * if the row is not being sent. */
int smsq_sent(struct store *st, long id, const char *owner, int report_requested,
    mc_second now, struct mc_error *err);
/* The send failed with reason (the modem's words, kept in error): back to the queue
 * with back-off, or 'failed' when permanent, after the last attempt, or when a part
 * had already gone out.  *final (may be NULL) says which.  Queued again with a part
 * handed and not acknowledged (smsq_part_handed), it is flagged twice.  MC_ENOTFOUND
 * when owner does not hold the lease. */
int smsq_failed(struct store *st, long id, const char *owner, const char *reason,
    int permanent, mc_second now, int *final, struct mc_error *err);
/* Give a claimed message back unsent (the attempt is not counted; nothing was handed
 * to the modem). */
int smsq_release(struct store *st, long id, const char *owner, struct mc_error *err);
/* Expire leases that ran out before now (see above); *n (may be NULL) gets how many. */
int smsq_expire(struct store *st, mc_second now, int *n, struct mc_error *err);

/*
 * Receiving.
 */

/* Record a whole incoming message (body UTF-8 as decoded; parts joined).  smsc_time
 * is the SMSC time stamp as text (UTC ISO 8601).  *id gets the row; *dup (may be NULL)
 * 1 when it was already there. */
int smsq_in_record(struct store *st, const char *modem, const char *number,
    const char *smsc_time, const char *body, int parts, mc_second now, long *id, int *dup,
    struct mc_error *err);
/* The same for a message known not to be whole (the phone gave some of its parts
 * together, or a part that is no part of anything): note says so in English, as
 * smsq_parts_expire() notes what it records ("incomplete: 2 of 3 parts"). */
int smsq_in_incomplete(struct store *st, const char *modem, const char *number,
    const char *smsc_time, const char *body, int parts, const char *note, mc_second now,
    long *id, int *dup, struct mc_error *err);
/* Store part seq (1..total, total 2..255) of concatenated message ref (0..65535)
 * from number; *id > 0 when the message is now complete and recorded, else 0; *dup
 * (may be NULL) 1 when this part (or the whole message) was already there.  A part
 * that clashes with an older, unfinished message of the same reference closes that
 * one (recorded incomplete) first.  A part whose numbers make no sense ("part 9 of
 * 3", part 0, a reference above 65535) is recorded at once as an incomplete message
 * of its own (*id), noted "incomplete: part 9 of 3 is not a valid part": it is never
 * counted as whole, and never lost. */
int smsq_part_store(struct store *st, const char *modem, const char *number, int ref,
    int total, int seq, const char *smsc_time, const char *body, mc_second now, long *id,
    int *dup, struct mc_error *err);
/* Record as incomplete messages (note "incomplete: k of n parts") the parts stored
 * before older_than; *n (may be NULL) gets how many messages. */
int smsq_parts_expire(struct store *st, mc_second older_than, mc_second now, int *n,
    struct mc_error *err);
/* A message deleted unread from the modem: recorded with status 'ignored', no sender
 * and no text, the note saying so, where it was (where: the modem's words, e.g.
 * "location 3"; may be NULL) and why (the modem's words; NULL: reading it killed the
 * daemon).  Its smsc_time, which nobody could read, is the time it was deleted (UTC
 * ISO 8601; a second later for each other one recorded in that second).  *id gets
 * the row. */
int smsq_in_unreadable(struct store *st, const char *modem, const char *where, const char *why,
    mc_second now, long *id, struct mc_error *err);
/* The oldest recorded message not yet handled (status 'new') with an id above after
 * (0: any): *id, or 0 when none. */
int smsq_in_next(struct store *st, long after, long *id, struct mc_error *err);
/* A recorded message that cannot be answered (query_handle() fails on it, or it
 * stopped the daemon while answered): status 'failed' with why as its note, so that
 * smsq_in_next() no longer offers it.  A row no longer 'new' is left alone (MC_OK). */
int smsq_in_set_aside(struct store *st, long id, const char *why, struct mc_error *err);

/* A delivery report: status is the modem's text ("Delivered", "Failed", "Pending",
 * "Unknown", any case).  *id (may be NULL) gets the message it matched, 0 when none
 * (MC_OK all the same: an unmatched report is not an error). */
int smsq_report(struct store *st, const char *modem, const char *number, int mr,
    const char *status, mc_second now, long *id, struct mc_error *err);

/*
 * Opt-out (TUCHOI/STOP): no notices, reminders or bulk; replies still go.
 */

/* Record an opt-out and cancel that number's queued notices, reminders and bulk. */
int smsq_optout(struct store *st, const char *number, mc_second now, struct mc_error *err);
int smsq_optin(struct store *st, const char *number, struct mc_error *err);
/* 1 when number opted out, 0 when not (or on a store error). */
int smsq_optedout(struct store *st, const char *number);

/*
 * Modem health.
 */

struct smsq_health {
	const char *state;	/* ok | no-network | no-sim | not-answering | resetting */
	int signal;		/* percent; -1 unknown */
	const char *network;	/* NULL: unknown */
	const char *operator_name;
	int battery;		/* percent; -1: none */
	const char *balance;	/* the operator's USSD answer; NULL: not read this time */
	const char *last_error;	/* NULL: keep the previous one */
	int success;		/* 1: the modem did its work since the last call */
};

int smsq_health(struct store *st, const char *modem, const struct smsq_health *h,
    mc_second now, struct mc_error *err);

#endif
