/* notice.h -- what motcua tells citizens by SMS: templates, rendering, GSM-7 or UCS-2,
 * part counts, the outgoing queue, and the notices queued when a dossier event is
 * appended.
 *
 * Templates live in one CSV, data/templates/sms.csv (columns key, vi, vi_accents, en;
 * '#' lines are comments), found at setting sms.templates, else
 * $MOTCUA_DATADIR/data/templates/sms.csv, else the installed copy.  A setting
 * sms.template.<key> overrides one template for the office.  The style is setting
 * sms.language (vi | en; default: setting language) and sms.accents (yes | no; default
 * no): unaccented Vietnamese in GSM 7-bit fits 160 characters in one SMS, accented
 * text needs UCS-2 and only 70.  Placeholders are {name}; the values of
 * notice_vars_dossier() are listed there.  In unaccented style every value is
 * unaccented too and whatever GSM-7 cannot carry becomes '?'.
 *
 * Sizes: GSM-7 counts septets (the extension characters ^ { } \ [ ] ~ | and the euro
 * sign take 2), 160 in one part, 153 a part when concatenated; UCS-2 counts UTF-16
 * units, 70 and 67.  A character is never split between parts.
 *
 * Priorities: 0 reply, 1 notice, 2 reminder, 3 bulk.  At most setting
 * sms.max_parts.<kind> parts (defaults 3, 3, 2, 2).  Quiet hours (smsq.h): anything but
 * a reply queued inside them waits (not_before) until they end.  Numbers that opted out
 * get replies only.
 *
 * The hook (notice-hook.c): dossier.c calls notice_on_event() inside the transaction
 * that appends an event.  For received (and accepted), supplement-requested,
 * result-ready, extended and result-returned, when the dossier has SMS consent and a
 * phone that did not opt out, it queues the notice with sms_out.event_id = the event's
 * id (UNIQUE: never twice).  Events more than a day old (back-entered) get none.  A
 * template that cannot be rendered does not stop the event: the notice is queued as
 * 'failed' with the reason, visible in 'motcua sms outbox'.
 *
 * Obsolete notices: a notice or reminder of the dossier still queued (quiet hours,
 * back-off, no modem) that a later event made obsolete is cancelled, with the reason
 * in its error, never sent: a supplement request, result ready or an extension
 * replaces the "received" notice and an earlier request or extension; supplement
 * received cancels the request; the result handed back, a refusal, a withdrawal or a
 * stop cancel everything queued for the dossier; an edit cancels what is queued for
 * a number that is no longer the dossier's (all, once it has no SMS consent).  Due
 * reminders and supplement reminders go with the notices they repeat.
 *
 * A linked intake (several dossiers, one citizen) queues one "received" notice per
 * phone, kept on the group's first dossier, listing the codes (template
 * received-group, {codes} and {count}; {due} the latest); a dossier whose "received"
 * a later event made obsolete leaves the list, and the last one to leave cancels it.
 */
#ifndef MC_NOTICE_H
#define MC_NOTICE_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "mctime.h"

struct store;
struct dossier;
struct dossier_event;

enum notice_kind {
	NOTICE_REPLY = 0,
	NOTICE_NOTICE = 1,
	NOTICE_REMINDER = 2,
	NOTICE_BULK = 3,
	NOTICE_NKINDS
};

/* "reply", "notice", "reminder", "bulk"; and back (-1 if unknown). */
const char *notice_kind_name(enum notice_kind k);
int notice_kind_parse(const char *s);

/*
 * Encoding and size.
 */

struct notice_size {
	int ucs2;	/* 0: GSM 7-bit, 1: UCS-2 */
	int chars;	/* characters */
	int units;	/* septets (GSM-7) or UTF-16 units (UCS-2) */
	int parts;	/* SMS parts needed (1 for an empty text) */
};

/* 1 for a character of the GSM 03.38 basic table, 2 for one of its extension table,
 * 0 for anything else. */
int notice_gsm7_char(uint32_t cp);
/* Measure text (UTF-8; invalid bytes count as characters GSM-7 lacks). */
void notice_measure(const char *text, struct notice_size *out);
/* text unaccented, with every character GSM-7 lacks replaced ('?', or the nearest ASCII
 * for typographic quotes, dashes, ellipses, spaces); a new string (NULL: no memory). */
char *notice_gsm7(const char *text);
/* text cut at a word so that it fits max_parts in its own encoding, ending "...";
 * a new string (a copy when it fits; NULL: no memory). */
char *notice_fit(const char *text, int max_parts);
int notice_max_parts(struct store *st, enum notice_kind k);

/*
 * Templates.
 */

struct notice_style {
	char lang[4];		/* "vi" or "en" */
	int accents;		/* 1: Vietnamese with diacritics (UCS-2) */
};

void notice_style_get(struct store *st, struct notice_style *s);
/* The template key in style s; *out is a new string (free it).  MC_ENOTFOUND when the
 * key has no template, MC_EIO when the file cannot be read. */
int notice_template(struct store *st, const struct notice_style *s, const char *key,
    char **out, struct mc_error *err);
/* Forget the templates read so far (they are read again when next needed; a changed
 * file is noticed by its time stamp anyway). */
void notice_templates_reset(void);

/* Values for placeholders; copied into the struct (values are cut at 400 bytes and
 * control characters become spaces).  A later value of the same name wins. */
#define NOTICE_VARS_MAX 40
struct notice_vars {
	struct { const char *name, *value; } v[NOTICE_VARS_MAX];
	int n;
	size_t used;
	char buf[6144];
};

void notice_vars_init(struct notice_vars *vs);
void notice_vars_set(struct notice_vars *vs, const char *name, const char *value);
const char *notice_vars_get(const struct notice_vars *vs, const char *name);
/* The dossier's values: code, short (YYMMDD-NNNN), procedure (name), pcode, status (in
 * words, template status.N), due, received, finished, returned, paused (DD/MM/YYYY,
 * "" when none), due_time (HH:MM DD/MM/YYYY), office (its name) and place (name and
 * setting office.address).  Never the applicant's name, ID or address. */
int notice_vars_dossier(struct store *st, const struct notice_style *s, const struct dossier *d,
    struct notice_vars *vs, struct mc_error *err);
/* Set name to date t as DD/MM/YYYY ("" for MC_TIME_NONE). */
void notice_vars_date(struct notice_vars *vs, const char *name, mc_minute t);
/* Render template text tmpl with vs in style accents; a new string (NULL: no memory).
 * An unknown {name} stays as written, so a mistake shows in the preview. */
char *notice_render_text(const char *tmpl, const struct notice_vars *vs, int accents);
/* notice_template() then notice_render_text(); *out is the caller's. */
int notice_render(struct store *st, const struct notice_style *s, const char *key,
    const struct notice_vars *vs, char **out, struct mc_error *err);

/* What the last supplement request of code asked for ("" when none), into items. */
void notice_supplement_items(struct store *st, const char *code, char *items, size_t n);

/*
 * The queue.
 */

struct notice_out {
	const char *number;	/* any spelling of a Vietnamese phone number */
	enum notice_kind kind;
	const char *body;	/* UTF-8, as rendered */
	const char *code;	/* the dossier concerned, or NULL */
	const char *event_id;	/* the event a notice is for, or NULL */
	long campaign;		/* sms_campaign id, or 0 */
	mc_minute not_before;	/* MC_TIME_NONE: as soon as allowed */
};

/* Queue m (no transaction of its own: inside the caller's, or alone).  *id gets the
 * new row, or 0 when nothing was queued because the number opted out (not a reply)
 * or the event already has its notice.  Replies and notices longer than their limit
 * are cut (notice_fit); a longer reminder or bulk message is refused (MC_EINVAL, the
 * part count in the message).  MC_EINVAL for a number that is not a phone. */
int notice_queue(struct store *st, const struct notice_out *m, mc_minute now, long *id,
    struct mc_error *err);

/* Record a notice that could not be written (error says why) as 'failed', so that the
 * outbox shows it; *id gets the row (0 when event_id has one already). */
int notice_queue_failed(struct store *st, const char *number, const char *code,
    const char *event_id, mc_minute now, const char *error, long *id, struct mc_error *err);

/* The newest notice queued for dossier code, as the counter tells the citizen. */
struct notice_last {
	char number[32];
	char status[16];	/* queued | sending | sent | delivered | failed | cancelled */
	int parts;
	char error[160];	/* why it failed, "" otherwise */
	char not_before[20];	/* "YYYY-MM-DD HH:MM:SS" when it waits (quiet hours), else "" */
};
/* MC_OK with *out filled, MC_ENOTFOUND when the dossier has no notice. */
int notice_last(struct store *st, const char *code, struct notice_last *out,
    struct mc_error *err);

/* The hook (see above); called by dossier.c with the row after the event. */
int notice_on_event(struct store *st, const struct dossier *d, const struct dossier_event *ev,
    struct mc_error *err);

#endif
