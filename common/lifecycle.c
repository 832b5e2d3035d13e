/* lifecycle.c -- the dossier state machine and the pure fold of events into a row.
 *
 * One table says which event kind may follow which status and what status it leads
 * to; lifecycle_apply() is the only code that turns events into a dossier row, used
 * both when appending (one event onto the current row) and when replaying (all
 * events onto an empty row), so the two cannot disagree.  lifecycle_fold() is how
 * a replay, a store that received other offices' events and the province hub apply
 * it: in the order (pos, office, sequence), passing over an event the table refuses
 * at its place (doc/sync-api.md, "Order of a dossier's events").
 */
#include "config.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "dossier.h"
#include "i18n.h"
#include "names.h"

/* The status sets of dossier.h: their numbers are the enum's; their C side is a set
 * of bits, (0 DOSSIER_PENDING(STATUS_BIT, STATUS_BIT)). */
DOSSIER_SET_CHECK(DOSSIER_OPEN)
DOSSIER_SET_CHECK(DOSSIER_FINISHED)
DOSSIER_SET_CHECK(DOSSIER_FINAL)
DOSSIER_SET_CHECK(DOSSIER_READY)
DOSSIER_SET_CHECK(DOSSIER_SUPPLEMENT)
#define STATUS_BIT(n, status) | S(status)

#define S(x) (1u << (x))
#define SAME (-1)
#define OPEN (0 DOSSIER_OPEN(STATUS_BIT, STATUS_BIT))
#define ANY  (OPEN | S(ST_REFUSED) | S(ST_WITHDRAWN) | S(ST_STOPPED) | S(ST_READY) | S(ST_RETURNED))

static const struct transition {
	unsigned from;		/* statuses it may follow (bit per status) */
	int to;			/* the status after it, or SAME */
	const char *label;	/* what the action is, for messages */
} table[EV_COUNT] = {
	[EV_REGISTERED]           = { S(ST_NONE), ST_REGISTERED, N_("register an online dossier") },
	[EV_RECEIVED]             = { S(ST_NONE), ST_ACCEPTED, N_("receive a dossier") },
	[EV_ACCEPTED]             = { S(ST_REGISTERED), ST_ACCEPTED, N_("accept the dossier") },
	[EV_EDITED]               = { OPEN | S(ST_READY), SAME, N_("edit the applicant's details") },
	[EV_TRANSFERRED]          = { S(ST_ACCEPTED) | S(ST_PROCESSING), ST_PROCESSING, N_("hand the dossier over") },
	[EV_RETURNED_TO_OFFICE]   = { S(ST_PROCESSING), SAME, N_("take the dossier back to the office") },
	[EV_SUPPLEMENT_REQUESTED] = { S(ST_REGISTERED) | S(ST_ACCEPTED) | S(ST_PROCESSING), ST_SUPPLEMENT, N_("request a supplement") },
	[EV_SUPPLEMENT_RECEIVED]  = { S(ST_SUPPLEMENT), ST_PROCESSING, N_("record the supplement") },
	[EV_FEE_REQUESTED]        = { S(ST_ACCEPTED) | S(ST_PROCESSING), ST_FEE, N_("ask for the fee or tax") },
	[EV_FEE_PAID]             = { S(ST_ACCEPTED) | S(ST_PROCESSING) | S(ST_FEE) | S(ST_READY), SAME, N_("record a payment") },
	[EV_RESULT_READY]         = { S(ST_ACCEPTED) | S(ST_PROCESSING), ST_READY, N_("mark the result ready") },
	[EV_RESULT_RETURNED]      = { S(ST_READY), ST_RETURNED, N_("hand back the result") },
	[EV_REJECTED]             = { S(ST_REGISTERED) | S(ST_ACCEPTED) | S(ST_SUPPLEMENT), ST_REFUSED, N_("refuse the dossier") },
	[EV_WITHDRAWN]            = { OPEN, ST_WITHDRAWN, N_("withdraw the dossier") },
	[EV_STOPPED]              = { S(ST_ACCEPTED) | S(ST_PROCESSING) | S(ST_SUPPLEMENT) | S(ST_FEE), ST_STOPPED, N_("stop processing") },
	[EV_EXTENDED]             = { S(ST_ACCEPTED) | S(ST_PROCESSING) | S(ST_SUPPLEMENT) | S(ST_FEE), SAME, N_("extend with an apology") },
	[EV_NOTE]                 = { ANY, SAME, N_("add a note") },
	[EV_DIGITISED]            = { ANY, SAME, N_("mark as digitised") },
	[EV_RATED]                = { S(ST_RETURNED), SAME, N_("record a rating") },
};

#define EVENT_KIND_NAME(e, s) s,
static const char *const kind_names[EV_COUNT] = { EVENT_KINDS(EVENT_KIND_NAME) };
#undef EVENT_KIND_NAME

static const char *const status_names[ST_COUNT] = {
	[ST_NONE] = N_("Not registered"),
	[ST_REGISTERED] = N_("Registered online"),
	[ST_ACCEPTED] = N_("Accepted"),
	[ST_REFUSED] = N_("Refused"),
	[ST_PROCESSING] = N_("Being processed"),
	[ST_SUPPLEMENT] = N_("Supplement requested"),
	[ST_FEE] = N_("Fees or taxes to pay"),
	[ST_WITHDRAWN] = N_("Withdrawn by the citizen"),
	[ST_STOPPED] = N_("Processing stopped"),
	[ST_READY] = N_("Result ready"),
	[ST_RETURNED] = N_("Result returned"),
};

const char *
event_kind_name(enum event_kind k)
{
	return mc_name(kind_names, EV_COUNT, (int)k);
}

int
event_kind_parse(const char *s)
{
	return mc_name_parse(kind_names, EV_COUNT, s, 0);
}

const char *
dossier_status_name(int status)
{
	return status >= 0 && status < ST_COUNT ? _(status_names[status]) : "?";
}

/* Is status in set (STATUS_BIT bits)? */
static int
in_set(int status, unsigned set)
{
	return status >= 0 && status < ST_COUNT && (set & S(status)) != 0;
}

int
dossier_status_final(int status)
{
	return in_set(status, 0 DOSSIER_FINAL(STATUS_BIT, STATUS_BIT));
}

int
dossier_pending(int status)
{
	return in_set(status, 0 DOSSIER_PENDING(STATUS_BIT, STATUS_BIT));
}

int
dossier_status_open(int status)
{
	return in_set(status, OPEN);
}

int
dossier_status_finished(int status)
{
	return in_set(status, 0 DOSSIER_FINISHED(STATUS_BIT, STATUS_BIT));
}

int
dossier_overdue(const struct dossier *d, mc_minute now)
{
	return dossier_pending(d->status) && d->due_at != MC_TIME_NONE && d->due_at < now;
}

int
dossier_late(const struct dossier *d)
{
	return dossier_status_finished(d->status) && d->finished_at != MC_TIME_NONE &&
	    d->finished_at > d->due_at;
}

int
lifecycle_allowed(int status, enum event_kind kind)
{
	if ((unsigned)kind >= EV_COUNT || status < 0 || status >= ST_COUNT)
		return 0;
	return (table[kind].from & S(status)) != 0;
}

const char *
lifecycle_refusal(int status, enum event_kind kind, char *buf, size_t n)
{
	if ((unsigned)kind >= EV_COUNT)
		snprintf(buf, n, _("unknown action"));
	else if (dossier_status_final(status))
		snprintf(buf, n, _("cannot %s: the dossier is closed (%s)"), _(table[kind].label),
		    dossier_status_name(status));
	else
		snprintf(buf, n, _("cannot %s: the dossier is %s"), _(table[kind].label),
		    dossier_status_name(status));
	return buf;
}

/* Copy payload string key into dst (size n); "" when absent. */
static void
take(const json_t *p, const char *key, char *dst, size_t n)
{
	const char *v = json_string_value(json_object_get(p, key));

	snprintf(dst, n, "%s", v != NULL ? v : "");
}

static int
take_time(const json_t *p, const char *key, mc_minute *out)
{
	const char *v = json_string_value(json_object_get(p, key));

	return v != NULL && mc_time_parse(v, out) == 0 ? 0 : -1;
}

static long
take_int(const json_t *p, const char *key, long dflt)
{
	json_t *v = json_object_get(p, key);

	return json_is_integer(v) ? (long)json_integer_value(v) : dflt;
}

/* The applicant's details, from received/registered or edited. */
static void
take_person(struct dossier *d, const json_t *p)
{
	static const struct { const char *key; size_t off, size; } fields[] = {
		{ "name", offsetof(struct dossier, name), sizeof ((struct dossier *)0)->name },
		{ "idno", offsetof(struct dossier, idno), sizeof ((struct dossier *)0)->idno },
		{ "phone", offsetof(struct dossier, phone), sizeof ((struct dossier *)0)->phone },
		{ "address", offsetof(struct dossier, address), sizeof ((struct dossier *)0)->address },
		{ "email", offsetof(struct dossier, email), sizeof ((struct dossier *)0)->email },
	};
	size_t i;

	for (i = 0; i < sizeof fields / sizeof fields[0]; i++)
		if (json_object_get(p, fields[i].key) != NULL)
			take(p, fields[i].key, (char *)d + fields[i].off, fields[i].size);
	if (json_object_get(p, "sms") != NULL)
		d->sms = json_is_true(json_object_get(p, "sms"));
}

static int
apply_intake(struct dossier *d, const struct dossier_event *ev, struct mc_error *err)
{
	const json_t *p = ev->payload;

	memset(d, 0, sizeof *d);
	snprintf(d->code, sizeof d->code, "%s", ev->code);
	take(p, "office", d->office, sizeof d->office);
	take(p, "procedure", d->procedure, sizeof d->procedure);
	take(p, "group", d->group_code, sizeof d->group_code);
	take(p, "channel", d->channel, sizeof d->channel);
	take_person(d, p);
	if (d->name[0] == '\0' || d->procedure[0] == '\0' || take_time(p, "due", &d->due_at))
		return mc_fail(err, MC_EINVAL, _("event %s: name, procedure and due date are required"), ev->id);
	if (d->channel[0] == '\0')
		strcpy(d->channel, "counter");
	d->priority = (int)take_int(p, "priority", 0);
	d->sets = (int)take_int(p, "sets", 1);
	d->fee = take_int(p, "fee", 0);
	d->backentered = json_is_true(json_object_get(p, "backentered"));
	snprintf(d->handler, sizeof d->handler, "%s", d->office);
	snprintf(d->officer, sizeof d->officer, "%s", ev->actor);
	d->received_at = ev->at;
	d->finished_at = d->returned_at = d->paused_at = MC_TIME_NONE;
	d->rating = 0;
	return MC_OK;
}

int
lifecycle_apply(struct dossier *d, const struct dossier_event *ev, struct mc_error *err)
{
	const json_t *p = ev->payload;
	const struct transition *t;
	char why[256];
	mc_minute due;

	if ((unsigned)ev->kind >= EV_COUNT)
		return mc_fail(err, MC_EINVAL, _("unknown event kind"));
	t = &table[ev->kind];
	if (!lifecycle_allowed(d->status, ev->kind))
		return mc_fail(err, MC_ETRANSITION, "%s",
		    lifecycle_refusal(d->status, ev->kind, why, sizeof why));
	switch (ev->kind) {
	case EV_REGISTERED:
	case EV_RECEIVED:
		if (apply_intake(d, ev, err) != MC_OK)
			return err != NULL ? err->code : MC_EINVAL;
		break;
	case EV_EDITED:
		take_person(d, p);
		break;
	case EV_TRANSFERRED:
		take(p, "to", d->handler, sizeof d->handler);
		d->transfers++;
		break;
	case EV_RETURNED_TO_OFFICE:
		snprintf(d->handler, sizeof d->handler, "%s", d->office);
		break;
	case EV_SUPPLEMENT_REQUESTED:
		d->supplements++;
		d->paused_at = ev->at;
		break;
	case EV_SUPPLEMENT_RECEIVED:
		if (take_time(p, "due", &due) == 0)
			d->due_at = due;
		d->paused_at = MC_TIME_NONE;
		break;
	case EV_FEE_PAID:
		d->fee_paid += take_int(p, "amount", 0);
		break;
	case EV_RESULT_READY:
		d->finished_at = ev->at;
		break;
	case EV_RESULT_RETURNED:
		d->returned_at = ev->at;
		break;
	case EV_REJECTED:
	case EV_WITHDRAWN:
	case EV_STOPPED:
		d->finished_at = ev->at;
		d->paused_at = MC_TIME_NONE;
		break;
	case EV_EXTENDED:
		if (take_time(p, "due", &due) != 0)
			return mc_fail(err, MC_EINVAL, _("event %s: an extension needs the new due date"), ev->id);
		d->due_at = due;
		d->extensions++;
		break;
	case EV_DIGITISED:
		d->digitised = 1;
		break;
	case EV_RATED:
		d->rating = (int)take_int(p, "rating", 0);
		break;
	default:
		break;
	}
	if (ev->kind == EV_FEE_PAID)
		d->status = d->status == ST_FEE ? ST_PROCESSING : d->status;
	else if (t->to != SAME)
		d->status = t->to;
	d->events++;
	snprintf(d->last_event, sizeof d->last_event, "%s", ev->id);
	d->updated_at = ev->at;
	return MC_OK;
}

int
lifecycle_fold(struct dossier *d, const struct dossier_event *ev, struct mc_error *err)
{
	struct dossier next = *d;
	int rc;

	if ((rc = lifecycle_apply(&next, ev, err)) == MC_OK)
		*d = next;
	return rc;
}
