/* smsbox.h -- the SMS tables as people read them: the outbox and the inbox a page at a
 * time, sending a failed message again or cancelling one, the modems' health and the
 * progress of a campaign.  The console's SMS centre and reminders screens and
 * `motcua sms` use it; the modem daemons use smsq.h, which owns the queue's rules.
 *
 * Lists are read newest first (or oldest first) by keyset on the row id, so paging
 * through many thousands of messages reads one page at a time:
 *
 *	struct smsbox_row rows[21];
 *	int got;
 *	smsbox_page(st, SMSBOX_OUT, "failed", 0, SMSBOX_OLDER, 21, rows, &got, err);
 *	... the next page: from = rows[got - 1].id, SMSBOX_OLDER
 *	... the page before: from = rows[0].id, SMSBOX_NEWER (oldest first: reverse it)
 *	smsbox_rows_free(rows, got);
 *
 * Every text in a row is printable UTF-8 (what a modem delivered is shown, never
 * trusted): malformed bytes become '?', line breaks and other controls spaces.
 *
 * Retry and cancel write one transaction each, with an audit entry; they refuse a
 * message in any other state with a message saying why (MC_ETRANSITION), and
 * MC_ENOTFOUND for an id that is not there.  Times are mc_second (smsq.h).
 */
#ifndef MC_SMSBOX_H
#define MC_SMSBOX_H

#include <stddef.h>

#include "auth.h"
#include "code.h"
#include "error.h"
#include "smsq.h"

struct store;

enum smsbox_box {
	SMSBOX_OUT,		/* sms_out: what the office sends */
	SMSBOX_IN,		/* sms_in: what citizens sent */
};

enum smsbox_dir {
	SMSBOX_OLDER,		/* ids below from (from <= 0: from the newest), newest first */
	SMSBOX_NEWER,		/* ids above from (from <= 0: from the oldest), oldest first */
};

/* The states of an outgoing message, in the order they are shown. */
enum smsbox_state {
	SMSBOX_QUEUED,
	SMSBOX_SENDING,
	SMSBOX_SENT,
	SMSBOX_DELIVERED,
	SMSBOX_FAILED,
	SMSBOX_CANCELLED,
	SMSBOX_NSTATES
};

#define SMSBOX_TIME 32		/* a stored time, or an SMSC time stamp, and the NUL */

/* One message of either box.  Fixed fields are NUL-terminated in place; the three
 * pointers are owned by the row (smsbox_row_free) and never NULL in a filled row. */
struct smsbox_row {
	long id;
	enum smsbox_box box;
	char number[PHONE_MAX];	/* outbox: 0xxxxxxxxx; inbox: as the network gave it */
	char kind[12];			/* reply | notice | reminder | bulk; "in" for the inbox */
	char status[12];		/* outbox: an smsbox_state's name; inbox: new |
					   answered | ignored | failed */
	int parts;
	char created[SMSBOX_TIME];	/* outbox: queued at; inbox: received at */
	char sent[SMSBOX_TIME];		/* outbox: sent at; inbox: the SMSC time (UTC) */
	char delivery[12];		/* outbox: delivered | failed | pending | unknown | "" */
	char delivered[SMSBOX_TIME];	/* outbox: when the delivery report came */
	char not_before[SMSBOX_TIME];	/* outbox: not sent before (quiet hours, back-off) */
	char encoding[8];		/* outbox: gsm7 | ucs2 */
	char code[CODE_MAX];		/* the dossier concerned (the reply's, for the inbox) */
	int attempts;			/* outbox */
	long campaign;			/* outbox: sms_campaign id, 0 none */
	char modem[64];			/* the modem that sent or received it */
	long reply;			/* inbox: the answer's outbox id, 0 none */
	char reply_status[12];		/* inbox: the answer's status, "" none */
	char *body;			/* the text */
	char *error;			/* outbox: the modem's reason; inbox: why ignored */
	char *reply_body;		/* inbox: the answer's text, "" none */
};

void smsbox_row_free(struct smsbox_row *r);
void smsbox_rows_free(struct smsbox_row *rows, int n);

/* Is status one of box's statuses?  (NULL and "" are not.) */
int smsbox_status_valid(enum smsbox_box box, const char *status);
/* The outbox state named s, or -1. */
int smsbox_state_parse(const char *s);
/* A status or a kind in words for people ("waiting", "reminder"); translated,
 * static; s itself when unknown. */
const char *smsbox_status_name(const char *status);
const char *smsbox_kind_name(const char *kind);

/* Up to n rows of box with status (NULL: any) in direction dir from id from, into
 * out[0..*got) (free them with smsbox_rows_free, also after an error). */
int smsbox_page(struct store *st, enum smsbox_box box, const char *status, long from,
    enum smsbox_dir dir, int n, struct smsbox_row *out, int *got, struct mc_error *err);
/* How many rows of box with status (NULL: any) have an id above newer_than (0: all). */
int smsbox_count(struct store *st, enum smsbox_box box, const char *status, long newer_than,
    long *count, struct mc_error *err);
/* One row by id; MC_ENOTFOUND when there is none. */
int smsbox_get(struct store *st, enum smsbox_box box, long id, struct smsbox_row *out,
    struct mc_error *err);

/* Send failed message id again: queued, attempts 0, not before now, the last error,
 * lease and parts sent forgotten.  Refused for any other state, for a message
 * without text (its template could not be filled in) and for a notice, reminder or
 * bulk message to a number that opted out.  Audited as sms.retry by actor. */
int smsbox_retry(struct store *st, long id, const char *actor, mc_second now,
    struct mc_error *err);
/* Cancel queued or failed message id (never sent after this).  Refused for a message
 * being sent, sent, delivered or already cancelled.  Audited as sms.cancel. */
int smsbox_cancel(struct store *st, long id, const char *actor, struct mc_error *err);

/* Why retry (cancel 0) or cancel (1) would be refused for a message in r's state,
 * into buf (translated), or NULL when the state allows it; for a screen that refuses
 * at once (the store checks again when it is done, against the current state). */
const char *smsbox_refusal(const struct smsbox_row *r, int cancel, char *buf, size_t n);

/* A modem's last report (table modem_health, written by its daemon every minute). */
struct smsbox_modem {
	char modem[64];
	char updated[SMSBOX_TIME];	/* its last report */
	char state[24];			/* ok | no-network | no-sim | not-answering | resetting */
	int signal;			/* percent; -1 unknown */
	char network[64];
	char operator_name[64];
	int battery;			/* percent; -1 none */
	char balance[200];		/* the operator's USSD answer, "" never read */
	char balance_at[SMSBOX_TIME];
	char last_success[SMSBOX_TIME];
	char last_error[200];
	int sent_today, failed_today;
};

/* A modem's state word (smsbox_modem.state) for people ("no SIM card"); translated,
 * static; state itself when unknown. */
const char *smsbox_modem_state_name(const char *state);

/* Up to n modems, by name, into out[0..*got). */
int smsbox_modems(struct store *st, struct smsbox_modem *out, int n, int *got,
    struct mc_error *err);
/* 1 when m has not reported for more than 3 minutes before now (its daemon is
 * stopped or stuck), else 0. */
int smsbox_modem_stale(const struct smsbox_modem *m, mc_second now);

/* A campaign or a rule's run (table sms_campaign) and where its messages are. */
struct smsbox_progress {
	long id;
	char kind[32];			/* the rule's name, or "campaign" */
	char created[SMSBOX_TIME];
	char actor[96];
	int recipients, parts;		/* as queued */
	int count[SMSBOX_NSTATES];	/* its messages in each state now */
	int total;			/* its messages */
	int done;			/* no longer waiting: sent, delivered, failed, cancelled */
};

/* The progress of campaign id (id <= 0: the newest); MC_ENOTFOUND when none. */
int smsbox_campaign(struct store *st, long id, struct smsbox_progress *out,
    struct mc_error *err);

/* May a user with role queue reminders (campaign 0) or a bulk campaign (1)?  Rule
 * reminders are routine service: everyone; a campaign's free text goes to many
 * citizens at once: the head of the office and administrators only. */
int smsbox_may_send(enum role role, int campaign);

#endif
