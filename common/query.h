/* query.h -- what a citizen may ask by SMS or USSD, and what motcua answers.
 *
 * query_answer() reads one message and decides the reply; it reads the store (the
 * dossier, the catalogue, the sender's throttle row) and writes nothing.  What the
 * answer implies (an opt-out, a rating, counting an unknown code) is listed in the
 * reply's effects; query_apply() carries them out, so SMS and USSD share both halves.
 * query_handle() is the whole round for the modem daemon: answer a message recorded in
 * sms_in, apply, queue the reply, mark the message.
 *
 * The language (case, diacritics and spacing do not matter: the text is folded first):
 *	<dossier code>		status: any spelling code_parse() reads (HS ..., lower
 *				case, O for 0, the short YYMMDD-NNNN of this office), also
 *				inside a sentence; TRACUU / TRA CUU / KT / STATUS / CHECK first
 *	HD, HUONG DAN, HELP, ?	help
 *	TT <name words | procedure code>	documents, time and fee of a procedure
 *	DG <code> <1-4>		rating (4 = very satisfied), from the dossier's own phone,
 *				after the result was handed back, once
 *	TUCHOI, TU CHOI, STOP, HUY	no more notices (replies still go)
 *	DONGY, DONG Y, START	notices again
 * English keywords (HELP, INFO, RATE, STATUS, CHECK) get English replies.
 *
 * Privacy (Nghị định 13/2023): to a number that is not the dossier's phone, only the
 * status and dates; never the applicant's name, ID, address, nor the procedure.
 *
 * Unknown codes, malformed codes and messages not understood count against the sender
 * (table sms_throttle) within setting sms.unknown_window minutes (default 60): from
 * the sms.unknown_slow-th (default 5) the reply waits 5 minutes more each time (at
 * most an hour); the sms.unknown_block-th (default 10) gets no reply and the number is
 * ignored for sms.block_minutes (default 720), except TUCHOI/DONGY.  A sender that is
 * not a phone number (an operator's short code, a name) and an empty message get a
 * deliberate silence too; every silence says why, without personal data.
 *
 * Look-ups (query-limit.c): a status (or a rating) asked about a dossier that is not
 * the caller's own, and an unknown code, is a look-up, recorded in query_lookup.  A
 * number may look up sms.lookup_per_number (default 5) dossiers of others within
 * sms.lookup_window minutes (default 1440, a day); asking one of them again is free.
 * All numbers together may make sms.lookup_overall (default 100) look-ups within
 * sms.lookup_overall_window minutes (default 60).  Beyond either, every code the
 * number asks that is not its own gets a refusal (kind QUERY_LIMITED, templates
 * limit-number and limit-overall) that does not say whether the dossier exists.
 * The dossier's own phone is never limited.  0 for a limit: none.
 *
 * USSD (DOMAIN.md): text is every input so far joined by '*' ("" first); the reply
 * starts "CON " (the menu goes on) or "END ", at most 182 GSM-7 characters, always
 * unaccented.  Menu: 1 status, 2 procedure, 3 rating, 4 notices on/off.
 */
#ifndef MC_QUERY_H
#define MC_QUERY_H

#include "code.h"
#include "error.h"
#include "mctime.h"

struct store;

#define QUERY_TEXT_MAX 1024
#define QUERY_USSD_MAX 182
#define QUERY_UNKNOWN_WINDOW 60	/* minutes: sms.unknown_window's default */

enum query_kind {
	QUERY_EMPTY,		/* nothing to read (silence) */
	QUERY_NOT_PHONE,	/* the sender cannot receive a reply (silence) */
	QUERY_BLOCKED,		/* the sender is ignored for a while (silence; USSD: END) */
	QUERY_HELP,
	QUERY_STATUS,		/* a dossier's status */
	QUERY_UNKNOWN_CODE,	/* a well-formed code that is not in the store */
	QUERY_BAD_CODE,		/* digits that are no dossier code */
	QUERY_UNCLEAR,		/* not understood: a pointer to help */
	QUERY_INFO,		/* a procedure's documents, time and fee */
	QUERY_RATE,		/* a rating, accepted (effects) or refused (why in text) */
	QUERY_OPTOUT,
	QUERY_OPTIN,
	QUERY_MENU,		/* USSD: a screen that asks for the next input */
	QUERY_LIMITED,		/* a look-up refused: too many of others' dossiers */
	QUERY_NKINDS
};

enum query_effect {
	QUERY_DO_OPTOUT = 1,	/* record the number's opt-out */
	QUERY_DO_OPTIN = 2,
	QUERY_DO_RATE = 4,	/* append a rated event (rating) to code */
	QUERY_DO_THROTTLE = 8,	/* write window_start, unknown, blocked_until */
	QUERY_DO_LOOKUP = 16,	/* record a look-up of code (lookup_found) */
};

struct query_reply {
	enum query_kind kind;
	int silent;			/* 1: send nothing, deliberately */
	char why[160];			/* for logs and sms_in.note (no personal data) */
	char text[QUERY_TEXT_MAX];	/* the reply, UTF-8 ("" when silent) */
	char number[32];		/* the sender normalised (0xxxxxxxxx) */
	char code[CODE_MAX];		/* the dossier concerned, "" if none */
	int owner;			/* 1: the sender is that dossier's phone */
	int delay;			/* minutes the reply should wait (a slowed sender) */
	unsigned effects;		/* enum query_effect bits */
	int rating;			/* QUERY_DO_RATE: 1..4 */
	mc_minute window_start;		/* QUERY_DO_THROTTLE: the sender's new row */
	int unknown;
	mc_minute blocked_until;	/* MC_TIME_NONE when not blocked */
	int lookup_found;		/* QUERY_DO_LOOKUP: 1 a dossier of another number,
					 * 0 an unknown code */
};

/* "status", "help", ... for logs and tests. */
const char *query_kind_name(enum query_kind k);

/* Decide the reply to text (any bytes; NULL is empty) from number at now.  MC_OK with
 * *out filled for every input; an error only when the store fails. */
int query_answer(struct store *st, const char *number, const char *text, mc_minute now,
    struct query_reply *out, struct mc_error *err);

/* The same for one USSD request (text: the inputs joined by '*'). */
int query_ussd(struct store *st, const char *number, const char *text, mc_minute now,
    struct query_reply *out, struct mc_error *err);

/* Carry out r's effects.  Runs its own transactions: call it outside one. */
int query_apply(struct store *st, const struct query_reply *r, mc_minute now,
    struct mc_error *err);

/* ---- look-ups (query-limit.c) */

/* The limits in force (settings sms.lookup_*, their defaults when unset). */
struct query_limits {
	int per_number;		/* dossiers of others a number may look up; 0: no limit */
	int window;		/* ... within so many minutes */
	int overall;		/* look-ups of all numbers together; 0: no limit */
	int overall_window;	/* ... within so many minutes */
};
void query_limits_get(struct store *st, struct query_limits *l);

enum query_verdict {
	QUERY_LOOKUP_NEW,		/* allowed, and counted */
	QUERY_LOOKUP_AGAIN,		/* looked up within the window: allowed, not counted */
	QUERY_LOOKUP_LIMIT_NUMBER,	/* refused: this number's limit */
	QUERY_LOOKUP_LIMIT_OVERALL,	/* refused: all numbers' limit */
};

/* May number look up code (not its own) at now?  Reads only. */
int query_lookup_check(struct store *st, const struct query_limits *l, const char *number,
    const char *code, mc_minute now, enum query_verdict *v, struct mc_error *err);

/* Write r's QUERY_DO_THROTTLE and QUERY_DO_LOOKUP effects in one transaction of its
 * own; the first look-up of a minute also forgets look-ups older than the windows
 * and the unknown-code rows of numbers whose window and block are over.
 * query_apply() calls it. */
int query_limits_apply(struct store *st, const struct query_reply *r, mc_minute now,
    struct mc_error *err);

/* Answer the sms_in row id: query_answer, query_apply, then in one transaction queue
 * the reply (priority 0, after r.delay minutes) and mark the row 'answered' (reply =
 * the queued id) or 'ignored' (note = why).  A row not 'new' is left alone (*reply 0).
 * *reply (may be NULL) gets the queued reply's id. */
int query_handle(struct store *st, long id, mc_minute now, long *reply, struct mc_error *err);

#endif
