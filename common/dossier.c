/* dossier.c -- intake and appending events: validation, derived values, one transaction.
 *
 * Front ends say what happened (struct intake, struct event_args); this file checks
 * it against the rules, computes what follows from them (the code, the due date, the
 * due date after a supplement), builds the event's JSON payload and appends it.
 * Rows are written by dossier-row.c, the fold is lifecycle.c.
 */
#include "config.h"

#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "catalog.h"
#include "dossier.h"
#include "i18n.h"
#include "notice.h"
#include "phone.h"
#include "store.h"
#include "syncq.h"
#include "text.h"
#include "textlimit.h"


void
event_args_init(struct event_args *a)
{
	memset(a, 0, sizeof *a);
	a->due = MC_TIME_NONE;
	a->at = MC_TIME_NONE;
}

/* Check and normalise one text field into the payload; empty values are skipped.
 * Notes, reasons and lists of items may have several lines; the rest is one line. */
static int
put_text(json_t *p, const char *key, const char *v, size_t max, const char *label,
    struct mc_error *err)
{
	enum text_kind kind = strcmp(key, "note") == 0 || strcmp(key, "reason") == 0 ||
	    strcmp(key, "items") == 0 ? TEXT_LINES : TEXT_LINE;
	char *nfc;
	int rc;

	if (v == NULL || *v == '\0')
		return MC_OK;
	if ((rc = text_check(v, kind, label, err)) != MC_OK)
		return rc;
	if ((nfc = text_nfc(v)) == NULL)
		return mc_fail(err, MC_ENOMEM, NULL);
	if (strlen(nfc) > max) {
		free(nfc);
		return mc_fail(err, MC_EINVAL, _("%s is too long (at most %zu bytes)"), label, max);
	}
	json_object_set_new(p, key, json_string(nfc));
	free(nfc);
	return MC_OK;
}

/* The applicant's details, validated, into p (intake and edit share this). */
static int
put_person(json_t *p, const char *name, const char *idno, const char *phone,
    const char *address, const char *email, struct mc_error *err)
{
	char num[32];
	int rc;

	if ((rc = put_text(p, "name", name, LIMIT_NAME, _("Name"), err)) != MC_OK ||
	    (rc = put_text(p, "address", address, LIMIT_ADDRESS, _("Address"), err)) != MC_OK)
		return rc;
	if (phone != NULL && *phone != '\0') {
		if ((rc = phone_normalise(phone, num, err)) != MC_OK)
			return rc;
		json_object_set_new(p, "phone", json_string(num));
	}
	if (idno != NULL && *idno != '\0') {
		const char *q;
		int digits = 1;

		for (q = idno; *q != '\0'; q++)
			digits &= isdigit((unsigned char)*q) != 0;
		if (digits && (rc = idno_validate(idno, NULL, err)) != MC_OK)
			return rc;
		if (!digits) {	/* a passport or an organisation's code */
			size_t n = strlen(idno);

			for (q = idno; *q != '\0'; q++)
				if (!isalnum((unsigned char)*q) && *q != '-')
					return mc_fail(err, MC_EINVAL, _("the ID or passport number '%s' has characters other than letters and digits"), idno);
			if (n < 6 || n > 20)
				return mc_fail(err, MC_EINVAL, _("the ID or passport number '%s' has a wrong length"), idno);
		}
		json_object_set_new(p, "idno", json_string(idno));
	}
	if (email != NULL && *email != '\0') {
		if (strchr(email, '@') == NULL || strlen(email) > 120 || !text_storable(email, TEXT_LINE))
			return mc_fail(err, MC_EINVAL, _("'%s' is not an e-mail address"), email);
		json_object_set_new(p, "email", json_string(email));
	}
	return MC_OK;
}

/* Is s NULL, or nothing but white space? */
static int
blank(const char *s)
{
	if (s == NULL)
		return 0;
	for (; *s != '\0'; s++)
		if (!isspace((unsigned char)*s))
			return 0;
	return 1;
}

/* Does the payload p of an edit change any of d's details? */
static int
person_changed(const struct dossier *d, const json_t *p)
{
	static const struct { const char *key; size_t off; } fields[] = {
		{ "name", offsetof(struct dossier, name) },
		{ "idno", offsetof(struct dossier, idno) },
		{ "phone", offsetof(struct dossier, phone) },
		{ "address", offsetof(struct dossier, address) },
		{ "email", offsetof(struct dossier, email) },
	};
	const json_t *v;
	size_t i;

	for (i = 0; i < sizeof fields / sizeof fields[0]; i++)
		if ((v = json_object_get(p, fields[i].key)) != NULL &&
		    strcmp(json_string_value(v), (const char *)d + fields[i].off) != 0)
			return 1;
	v = json_object_get(p, "sms");
	return v != NULL && json_is_true(v) != (d->sms != 0);
}

static void
put_time(json_t *p, const char *key, mc_minute t)
{
	char buf[MC_TIME_BUF];

	mc_time_format(t, buf);
	json_object_set_new(p, key, json_string(buf));
}

/* Append ev to the row d (already read) and write both. */
static int
commit_event(struct store *st, struct dossier *d, struct dossier_event *ev, struct mc_error *err)
{
	int rc;

	if ((rc = lifecycle_apply(d, ev, err)) != MC_OK ||
	    (rc = dossier_store_event(st, ev, err)) != MC_OK ||
	    (rc = notice_on_event(st, d, ev, err)) != MC_OK)	/* the SMS notice, if one is due */
		return rc;
	/* The id is known only now: keep the row's last_event honest. */
	snprintf(d->last_event, sizeof d->last_event, "%s", ev->id);
	return dossier_write(st, d, err);
}

struct group_list {
	struct procedure list[8];
	int n;
	struct store *st;
};

static int
add_component(const struct procedure *p, void *ctx)
{
	struct group_list *g = ctx;

	if (g->n == (int)(sizeof g->list / sizeof g->list[0]))
		return 1;
	return catalog_get(g->st, p->code, &g->list[g->n++], NULL) != MC_OK;
}

/* The documents of in (numbered in p's checklist) as the payload's "documents" and
 * "missing" arrays (dossier-docs.c); *docs stays NULL when nothing is recorded. */
static int
intake_docs(const struct intake *in, const struct procedure *p, json_t **docs,
    json_t **missing, struct mc_error *err)
{
	int i, j, handed;

	*docs = *missing = NULL;
	if (!in->docs_recorded)
		return MC_OK;
	if ((*docs = json_array()) == NULL || (*missing = json_array()) == NULL)
		return mc_fail(err, MC_ENOMEM, NULL);
	for (i = 0; i < in->ndocs; i++) {
		const struct handed_doc *h = &in->docs[i];

		if (h->no < 1 || h->no > p->ndocs || (unsigned)h->form >= DOC_FORM_COUNT)
			return mc_fail(err, MC_EINVAL, _("there is no document %d in the checklist of %s"),
			    h->no, p->code);
		for (j = 0; j < i; j++)
			if (in->docs[j].no == h->no)
				return mc_fail(err, MC_EINVAL, _("document %d is listed twice"), h->no);
		json_array_append_new(*docs, json_pack("{s:i, s:s, s:s, s:i}", "no", h->no,
		    "name", p->docs[h->no - 1].name, "form", doc_form_name(h->form),
		    "sets", p->docs[h->no - 1].sets));
	}
	for (i = 0; i < p->ndocs; i++) {
		for (j = 0, handed = 0; j < in->ndocs && !handed; j++)
			handed = in->docs[j].no == i + 1;
		if (!handed)
			json_array_append_new(*missing, json_pack("{s:i, s:s, s:i}", "no", i + 1,
			    "name", p->docs[i].name, "sets", p->docs[i].sets));
	}
	return MC_OK;
}

/* The catalogue the dossier is received under: its version, and what of the
 * procedure was still to verify (the due date or fee may then be wrong). */
static void
put_catalog(struct store *st, json_t *pl, const struct procedure *p)
{
	char version[64], verify[64];

	catalog_version(st, version);
	if (version[0] != '\0')
		json_object_set_new(pl, "catalog", json_string(version));
	if ((p->verify & (CATALOG_VERIFY_TIME | CATALOG_VERIFY_FEE)) != 0)
		json_object_set_new(pl, "verify", json_string(catalog_verify_words(p->verify &
		    (CATALOG_VERIFY_TIME | CATALOG_VERIFY_FEE), verify, sizeof verify)));
}

/* One received event for procedure p; code gets the new code.  docs and missing
 * (NULL when not recorded) are the intake's documents, shared by a linked group. */
static int
intake_one(struct store *st, const struct intake *in, const struct procedure *p,
    const struct calendar *cal, mc_minute received, const char *group, const char *actor,
    json_t *docs, json_t *missing, char code[CODE_MAX], struct mc_error *err)
{
	struct dossier d;
	struct dossier_event ev;
	json_t *pl;
	int rc;

	if ((rc = code_next(st, store_office(st), mc_day_of(received), code, err)) != MC_OK)
		return rc;
	if ((pl = json_object()) == NULL)
		return mc_fail(err, MC_ENOMEM, NULL);
	if ((rc = put_person(pl, in->name, in->idno, in->phone, in->address, in->email, err)) != MC_OK)
		goto out;
	json_object_set_new(pl, "procedure", json_string(p->code));
	json_object_set_new(pl, "office", json_string(store_office(st)));
	json_object_set_new(pl, "sms", json_boolean(in->sms));
	json_object_set_new(pl, "channel", json_string(in->channel != NULL ? in->channel : "counter"));
	json_object_set_new(pl, "priority", json_integer(in->priority));
	json_object_set_new(pl, "sets", json_integer(in->sets > 0 ? in->sets : 1));
	json_object_set_new(pl, "fee", json_integer(procedure_fee(p, in->channel)));
	put_time(pl, "due", calendar_due(cal, received, p->time_value, p->unit, p->cutoff));
	put_catalog(st, pl, p);
	if (group != NULL)	/* a linked intake: "" for its first dossier, the group's own */
		json_object_set_new(pl, "group", json_string(*group != '\0' ? group : code));
	if (in->received != MC_TIME_NONE)
		json_object_set_new(pl, "backentered", json_true());
	if (docs != NULL) {
		json_object_set(pl, "documents", docs);
		json_object_set(pl, "missing", missing);
	}
	if ((rc = put_text(pl, "note", in->note, LIMIT_TEXT, _("Note"), err)) != MC_OK)
		goto out;
	memset(&ev, 0, sizeof ev);
	memset(&d, 0, sizeof d);
	snprintf(ev.code, sizeof ev.code, "%s", code);
	ev.kind = EV_RECEIVED;
	ev.at = received;
	snprintf(ev.actor, sizeof ev.actor, "%s", actor);
	ev.payload = pl;
	rc = commit_event(st, &d, &ev, err);
out:
	json_decref(pl);
	return rc;
}

int
dossier_intake(struct store *st, const struct intake *in, const char *actor,
    char codes[][CODE_MAX], int ncodes, int *n, struct mc_error *err)
{
	struct group_list g = { .st = st };
	json_t *docs = NULL, *missing = NULL;
	struct calendar cal;
	mc_minute now = mc_now(), received = in->received != MC_TIME_NONE ? in->received : now;
	int rc, i;

	*n = 0;
	if (in->name == NULL || *in->name == '\0')
		return mc_fail(err, MC_EINVAL, _("the applicant's name is required"));
	if ((rc = text_check(actor, TEXT_LINE, "actor", err)) != MC_OK)
		return rc;
	if (in->channel != NULL && strcmp(in->channel, "counter") != 0 &&
	    strcmp(in->channel, "postal") != 0 && strcmp(in->channel, "online") != 0)
		return mc_fail(err, MC_EINVAL, _("the channel is counter, postal or online"));
	if (received > now)
		return mc_fail(err, MC_EINVAL, _("the time received cannot be in the future"));
	if (store_office(st)[0] == '\0')
		return mc_fail(err, MC_ENOSTORE, NULL);
	if ((rc = store_begin(st, err)) != MC_OK)
		return rc;
	calendar_default(&cal);
	if ((rc = calendar_load(st, &cal, err)) != MC_OK)
		goto fail;
	if ((rc = catalog_get(st, in->procedure, &g.list[0], err)) != MC_OK) {
		if (rc == MC_ENOTFOUND)
			mc_fail(err, rc, _("unknown procedure %s: see 'motcua catalog list'"), in->procedure);
		goto fail;
	}
	g.n = 1;
	if ((rc = intake_docs(in, &g.list[0], &docs, &missing, err)) != MC_OK)
		goto fail;
	if (in->linked && g.list[0].group != NULL) {
		char group[128];

		snprintf(group, sizeof group, "%s", g.list[0].group);
		procedure_free(&g.list[0]);
		g.n = 0;
		if ((rc = catalog_group(st, group, add_component, &g, err)) != MC_OK)
			goto fail;
		if (g.n == 0) {
			rc = mc_fail(err, MC_ENOTFOUND, _("the linked group %s has no procedures"), group);
			goto fail;
		}
	}
	for (i = 0; i < g.n && i < ncodes; i++) {
		rc = intake_one(st, in, &g.list[i], &cal, received,
		    g.n > 1 ? (i == 0 ? "" : codes[0]) : NULL, actor, docs, missing, codes[i], err);
		if (rc != MC_OK)
			goto fail;
	}
	if ((rc = store_commit(st, err)) != MC_OK)
		goto fail;
	*n = i;
	for (i = 0; i < g.n; i++)
		procedure_free(&g.list[i]);
	calendar_free(&cal);
	json_decref(docs);
	json_decref(missing);
	return MC_OK;
fail:
	store_rollback(st);
	json_decref(docs);
	json_decref(missing);
	for (i = 0; i < g.n; i++)
		procedure_free(&g.list[i]);
	calendar_free(&cal);
	return rc;
}

/* The names of the checklist's documents the intake of code found missing, "; "
 * between them ("" when none or not recorded); NULL when out of memory. */
static char *
missing_docs(struct store *st, const char *code)
{
	struct dossier_docs docs;
	size_t len = 1, at = 0;
	char *s;
	int i;

	if (dossier_docs_get(st, code, &docs, NULL) != MC_OK)
		return NULL;
	for (i = 0; i < docs.nmissing; i++)
		len += strlen(docs.missing[i].name) + 2;
	if ((s = malloc(len)) != NULL) {
		s[0] = '\0';
		for (i = 0; i < docs.nmissing; i++)
			at += (size_t)snprintf(s + at, len - at, "%s%s", i > 0 ? "; " : "",
			    docs.missing[i].name);
	}
	dossier_docs_free(&docs);
	return s;
}

/* Build the payload of kind from a and the current row d; MC_EINVAL if a needed
 * field is missing. */
static int
event_payload(struct store *st, const struct dossier *d, enum event_kind kind,
    const struct event_args *a, mc_minute at, json_t *pl, struct mc_error *err)
{
	const char *reason = a->reason != NULL && *a->reason != '\0' ? a->reason : a->note;
	struct calendar cal;
	char due[MC_TIME_BUF], *missing = NULL;
	mc_minute newdue;
	int rc = MC_OK;

	if ((rc = put_text(pl, "note", a->note, LIMIT_TEXT, _("Note"), err)) != MC_OK)
		return rc;
	switch (kind) {
	case EV_NOTE:
		if (a->note == NULL || *a->note == '\0')
			return mc_fail(err, MC_EINVAL, _("a note needs its text (--note)"));
		break;
	case EV_TRANSFERRED:
		if (a->to == NULL || *a->to == '\0')
			return mc_fail(err, MC_EINVAL, _("a hand-over needs the receiving agency (--to)"));
		rc = put_text(pl, "to", a->to, LIMIT_AGENCY, _("Agency"), err);
		json_object_set_new(pl, "from", json_string(d->handler));
		break;
	case EV_SUPPLEMENT_REQUESTED:
		if (a->items == NULL || *a->items == '\0')	/* what intake found missing */
			missing = missing_docs(st, d->code);
		if ((a->items == NULL || *a->items == '\0') && (reason == NULL || *reason == '\0') &&
		    (missing == NULL || *missing == '\0')) {
			free(missing);
			return mc_fail(err, MC_EINVAL, _("a supplement request needs the list of documents (--items) and the reason"));
		}
		rc = put_text(pl, "items", a->items != NULL && *a->items != '\0' ? a->items :
		    missing != NULL && *missing != '\0' ? missing : reason, LIMIT_TEXT, _("Items"), err);
		free(missing);
		if (rc == MC_OK)
			rc = put_text(pl, "reason", reason, LIMIT_TEXT, _("Reason"), err);
		break;
	case EV_SUPPLEMENT_RECEIVED:
		calendar_default(&cal);
		if ((rc = calendar_load(st, &cal, err)) == MC_OK && d->paused_at != MC_TIME_NONE)
			put_time(pl, "due", calendar_resume(&cal, d->due_at, d->paused_at, at));
		calendar_free(&cal);
		break;
	case EV_FEE_REQUESTED:
	case EV_FEE_PAID:
		if (a->amount <= 0 && kind == EV_FEE_PAID && d->fee > d->fee_paid)
			json_object_set_new(pl, "amount", json_integer(d->fee - d->fee_paid));
		else if (a->amount <= 0)
			return mc_fail(err, MC_EINVAL, _("the amount is required (--amount, in dong)"));
		else
			json_object_set_new(pl, "amount", json_integer(a->amount));
		break;
	case EV_RESULT_RETURNED:
		rc = put_text(pl, "collector", a->collector, LIMIT_NAME, _("Collector"), err);
		break;
	case EV_REJECTED:
	case EV_WITHDRAWN:
	case EV_STOPPED:
		if (reason == NULL || *reason == '\0')
			return mc_fail(err, MC_EINVAL, _("the reason is required (--reason)"));
		rc = put_text(pl, "reason", reason, LIMIT_TEXT, _("Reason"), err);
		break;
	case EV_EXTENDED:
		if (a->due == MC_TIME_NONE)
			return mc_fail(err, MC_EINVAL, _("an extension needs the new due date (--due)"));
		newdue = a->due;
		if (mc_minute_of_day(newdue) == 0) {	/* a date alone: due at closing time */
			calendar_default(&cal);
			if ((rc = calendar_load(st, &cal, err)) == MC_OK)
				newdue = mc_at(mc_day_of(newdue), calendar_close_minute(&cal));
			calendar_free(&cal);
			if (rc != MC_OK)
				return rc;
		}
		if (newdue <= d->due_at) {
			mc_time_format(d->due_at, due);
			return mc_fail(err, MC_EINVAL, _("the new due date must be after the current one (%s)"), due);
		}
		if (reason == NULL || *reason == '\0')
			return mc_fail(err, MC_EINVAL, _("an apology needs the reason for the delay (--reason)"));
		put_time(pl, "due", newdue);
		put_time(pl, "old_due", d->due_at);
		rc = put_text(pl, "reason", reason, LIMIT_TEXT, _("Reason"), err);
		break;
	case EV_RATED:
		if (a->rating < 1 || a->rating > 4)
			return mc_fail(err, MC_EINVAL, _("a rating is a number from 1 to 4"));
		json_object_set_new(pl, "rating", json_integer(a->rating));
		break;
	case EV_EDITED:
		if (a->fields == NULL || json_object_size(a->fields) == 0)
			return mc_fail(err, MC_EINVAL, _("nothing to change"));
		if (blank(json_string_value(json_object_get(a->fields, "name"))))
			return mc_fail(err, MC_EINVAL, _("the applicant's name cannot be empty"));
		rc = put_person(pl,
		    json_string_value(json_object_get(a->fields, "name")),
		    json_string_value(json_object_get(a->fields, "idno")),
		    json_string_value(json_object_get(a->fields, "phone")),
		    json_string_value(json_object_get(a->fields, "address")),
		    json_string_value(json_object_get(a->fields, "email")), err);
		if (rc == MC_OK && json_object_get(a->fields, "sms") != NULL)
			json_object_set(pl, "sms", json_object_get(a->fields, "sms"));
		/* The log is append-only: an edit that changes nothing would stay forever. */
		if (rc == MC_OK && !person_changed(d, pl))
			return mc_fail(err, MC_EINVAL, _("the edit changes nothing: the dossier already has these details"));
		break;
	case EV_REGISTERED:
	case EV_RECEIVED:
		return mc_fail(err, MC_EINVAL, _("use intake to register a dossier"));
	default:
		break;
	}
	return rc;
}

int
dossier_append(struct store *st, const char *code, enum event_kind kind,
    const struct event_args *a, const char *actor, struct mc_error *err)
{
	struct dossier d;
	struct dossier_event ev;
	char why[256];
	mc_minute at = a->at != MC_TIME_NONE ? a->at : mc_now();
	int rc;

	if ((unsigned)kind >= EV_COUNT)
		return mc_fail(err, MC_EINVAL, _("unknown event kind"));
	if ((rc = text_check(actor, TEXT_LINE, "actor", err)) != MC_OK)
		return rc;
	if (at > mc_now())
		return mc_fail(err, MC_EINVAL, _("the time of an event cannot be in the future"));
	if ((rc = store_begin(st, err)) != MC_OK)
		return rc;
	if ((rc = dossier_get(st, code, &d, err)) != MC_OK)
		goto fail;
	if (syncq_read_only(st, d.code, why, sizeof why)) {
		rc = mc_fail(err, MC_EDENIED, _("dossier %s belongs to office %s and is read-only here (pulled for the province's view): record its events at that office"),
		    d.code, why);
		goto fail;
	}
	if (!lifecycle_allowed(d.status, kind)) {
		rc = mc_fail(err, MC_ETRANSITION, "%s", lifecycle_refusal(d.status, kind, why, sizeof why));
		goto fail;
	}
	/* Another office's clock may be off (doc/sync-api.md): only this office's own
	 * last event bounds the time of the next. */
	if (at < d.updated_at && strncmp(d.last_event, store_office(st), strlen(store_office(st))) == 0 &&
	    d.last_event[strlen(store_office(st))] == ':') {
		rc = mc_fail(err, MC_EINVAL, _("the time of an event cannot be before the dossier's last event"));
		goto fail;
	}
	memset(&ev, 0, sizeof ev);
	snprintf(ev.code, sizeof ev.code, "%s", d.code);
	ev.kind = kind;
	ev.at = at;
	snprintf(ev.actor, sizeof ev.actor, "%s", actor);
	if ((ev.payload = json_object()) == NULL) {
		rc = mc_fail(err, MC_ENOMEM, NULL);
		goto fail;
	}
	rc = event_payload(st, &d, kind, a, at, ev.payload, err);
	if (rc == MC_OK)
		rc = commit_event(st, &d, &ev, err);
	json_decref(ev.payload);
	if (rc != MC_OK)
		goto fail;
	return store_commit(st, err);
fail:
	store_rollback(st);
	return rc;
}
