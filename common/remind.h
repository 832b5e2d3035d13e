/* remind.h -- scheduled SMS reminders and bulk campaigns: which dossiers a rule or a
 * campaign selects, who is skipped, the text each recipient gets, and queuing it all
 * under one sms_campaign row.  `motcua remind` (tui/cmd-remind.c) is the front end.
 *
 * Rules (the dossiers of the office, or of plan.office):
 *	due-tomorrow		pending (status 2, 4, 6, 9) and due tomorrow
 *	result-waiting		result ready (status 9) for N days or more (default 3)
 *	supplement-pending	waiting for a supplement (status 5) for N days or more
 *				(default 5)
 * A campaign selects by procedure, status, received date (from, to: inclusive) and
 * office, at least one of them, and sends a text (with {placeholders}, notice.h) or a
 * template.
 *
 * One message per phone (the first dossier by code); none to a dossier without SMS
 * consent or a phone that cannot get SMS, nor to a number that opted out; a rule does
 * not remind the same phone again within its N days (1 for due-tomorrow).  Reminders go
 * at priority 2, campaigns at 3 (notice_queue: quiet hours and the daemon's per-minute
 * limit apply).
 *
 * Use:
 *	struct remind_plan p = { .rule = "result-waiting", .days = 7 };
 *	remind_plan(st, &p, now, err);		reads only: the preview, or a dry run
 *	if (p.too_long == 0)
 *		remind_queue(st, &p, actor, now, &campaign, &queued, err);
 *	remind_plan_free(&p);
 */
#ifndef MC_REMIND_H
#define MC_REMIND_H

#include <stddef.h>

#include "code.h"
#include "error.h"
#include "mctime.h"
#include "notice.h"
#include "smsq.h"

struct store;

/* The default N of rule: its days, 0 for a rule that takes none, -1 for no such rule. */
int remind_rule_days(const char *rule);

struct remind_recipient {
	char code[CODE_MAX];		/* the dossier the message is about */
	char number[PHONE_MAX];	/* normalised 0xxxxxxxxx */
	char *text;			/* rendered; owned by the plan */
	struct notice_size size;
};

/* Zero it (a designated initializer) before the first remind_plan(). */
struct remind_plan {
	/* The selection, set by the caller; strings are borrowed and must outlive the plan. */
	const char *rule;		/* a rule's name; NULL: a campaign */
	long days;			/* the rule's N; <= 0: its default */
	const char *text;		/* a campaign's text, or */
	const char *tmpl;		/* the key of its template */
	const char *procedure;		/* campaign: procedure code; NULL: any */
	long status;			/* campaign: status 1..10; 0: any */
	const char *from, *to;		/* campaign: received on or after, on or before
					   (YYYY-MM-DD); NULL: no limit */
	const char *office;		/* office code; NULL: any */

	/* What remind_plan() found; owned by the plan until remind_plan_free(). */
	enum notice_kind kind;		/* NOTICE_REMINDER or NOTICE_BULK */
	struct remind_recipient *r;	/* n recipients, ordered by number */
	size_t n, cap;
	int optout;			/* skipped: the number opted out */
	int dup;			/* skipped: the same phone as an earlier dossier */
	int consent;			/* skipped: no SMS consent, or no mobile number */
	int recent;			/* skipped: reminded by this rule within N days */
	int max_parts;			/* sms.max_parts of the kind */
	int parts;			/* SMS parts in all */
	int too_long;			/* messages over max_parts (remind_queue refuses) */
	int ucs2;			/* 1: some message needs UCS-2 */
};

/* Select p's recipients at now and render their messages; writes nothing.  The
 * previous result of p, if any, is freed first.  MC_EINVAL for an unknown rule, a
 * campaign without exactly one of text and tmpl or without any selection; the
 * template's errors (notice.h). */
int remind_plan(struct store *st, struct remind_plan *p, mc_minute now, struct mc_error *err);

/* Queue p's messages and their sms_campaign row (the selection as JSON, the text or
 * template, recipient and part counts, actor) in one transaction of its own.
 * *campaign gets the row's id and *queued the messages queued (both 0 when p has no
 * recipient: then nothing is written).  MC_EINVAL, nothing queued, when p.too_long. */
int remind_queue(struct store *st, const struct remind_plan *p, const char *actor,
    mc_minute now, long *campaign, int *queued, struct mc_error *err);

/* Free what remind_plan() put in p (the selection is left as it was). */
void remind_plan_free(struct remind_plan *p);

#endif
