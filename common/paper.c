/* paper.c -- a dossier's forms: what its events say, gathered in one pass, as the
 * values its form's template is filled with (doc/forms.md lists them); the office's
 * set of templates; and paper_render(), which expands a template (paper-tmpl.c) and
 * lays the page out as text (paper-text.c) or PDF (paper-pdf.c).
 *
 * A form is dated the day of the event it is about (a receipt printed again next
 * week is the same receipt) and signed with the official's full name from the user
 * table: a login never appears; an action from the command line ("system:root")
 * signs as the user of that name if there is one, else leaves the line to sign.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "dossier.h"
#include "i18n.h"
#include "names.h"
#include "paper-int.h"
#include "paper.h"
#include "report.h"
#include "store.h"
#include "text.h"

#define MAX_ROWS 256		/* hand-over rows kept for the control slip */
#define MAX_NUMBER 20		/* form numbers a set may use: 01 .. 20 */

static const char *const kind_names[PAPER_NFORMS] = {
	[PAPER_RECEIPT] = "receipt",
	[PAPER_SUPPLEMENT] = "supplement",
	[PAPER_REFUSAL] = "refusal",
	[PAPER_APOLOGY] = "apology",
	[PAPER_CONTROL] = "control",
	[PAPER_STOP] = "stop",
};

/* How the kinds are called in messages (translated). */
static const char *const kind_words[PAPER_NFORMS] = {
	[PAPER_RECEIPT] = N_("receipt"),
	[PAPER_SUPPLEMENT] = N_("supplement"),
	[PAPER_REFUSAL] = N_("refusal"),
	[PAPER_APOLOGY] = N_("apology"),
	[PAPER_CONTROL] = N_("control slip"),
	[PAPER_STOP] = N_("stop notice"),
};

/* One hand-over row of the control slip. */
struct handover {
	char from[128], to[128];
	mc_minute at;
	int result;		/* 0 early, 1 on time, 2 late */
};

/* The event a form is about (the last of its kind). */
struct about {
	int seen;
	char actor[96];
	mc_minute at;
	char reason[2048];
};

/* What the events say, gathered in one pass. */
struct facts {
	const char *office, *office_code;
	struct about supp, ref, ext, stop;
	char items[2048];
	mc_minute ext_old, ext_new;
	mc_minute due;		/* the due time in force while replaying */
	mc_minute ready_at;	/* when the result was ready, MC_TIME_NONE before */
	char holder[128];	/* who holds the dossier while replaying; "" = the office */
	struct handover rows[MAX_ROWS];
	int nrows;
	struct dossier_docs docs;	/* what the intake recorded as handed in */
	int docs_failed;
};

const char *
paper_kind_name(int form)
{
	return form > 0 && form < PAPER_NFORMS ? kind_names[form] : "";
}

int
paper_kind_parse(const char *s)
{
	int k = mc_name_parse(kind_names, PAPER_NFORMS, s, 0);

	return k > 0 ? k : 0;
}

/* ---------------------------------------------------------------- the set */

/* The folder of the office's set of templates. */
static void
set_dir(struct store *st, char *out, size_t n)
{
	char *dir = store_setting(st, "paper.templates"), *set = store_setting(st, "paper.set");
	const char *env = getenv("MOTCUA_DATADIR");
	char base[2048];

	if (dir != NULL && *dir != '\0')
		snprintf(base, sizeof base, "%s", dir);
	else
		snprintf(base, sizeof base, "%s/data/forms", env != NULL && *env != '\0' ? env : PKGDATADIR);
	snprintf(out, n, "%s/%s", base, set != NULL && *set != '\0' ? set : "2018");
	free(dir);
	free(set);
}

static void
template_path(const char *dir, int number, char *out, size_t n)
{
	snprintf(out, n, "%s/%02d.txt", dir, number);
}

/* The number of form in the set at dir, 0 when none; its title into title. */
static int
find(const char *dir, int form, char *title, size_t nt)
{
	char path[4200], kind[32], t[512];
	int i;

	for (i = 1; i <= MAX_NUMBER; i++) {
		template_path(dir, i, path, sizeof path);
		if (ptmpl_peek(path, kind, sizeof kind, t, sizeof t) == MC_OK &&
		    paper_kind_parse(kind) == form) {
			if (title != NULL)
				snprintf(title, nt, "%s", t);
			return i;
		}
	}
	if (title != NULL && nt > 0)
		title[0] = '\0';
	return 0;
}

int
paper_number(struct store *st, int form)
{
	char dir[4096];

	set_dir(st, dir, sizeof dir);
	return find(dir, form, NULL, 0);
}

int
paper_form_of(struct store *st, int number)
{
	char dir[4096], path[4200], kind[32], title[512];

	if (number < 1 || number > MAX_NUMBER)
		return 0;
	set_dir(st, dir, sizeof dir);
	template_path(dir, number, path, sizeof path);
	if (ptmpl_peek(path, kind, sizeof kind, title, sizeof title) != MC_OK)
		return 0;
	return paper_kind_parse(kind);
}

void
paper_title(struct store *st, int form, char *out, size_t n)
{
	char dir[4096];

	set_dir(st, dir, sizeof dir);
	find(dir, form, out, n);
}

void
paper_set_summary(struct store *st, char *out, size_t n)
{
	char dir[4096], path[4200], kind[32], title[512];
	size_t at = 0;
	int i;

	set_dir(st, dir, sizeof dir);
	out[0] = '\0';
	for (i = 1; i <= MAX_NUMBER && at < n; i++) {
		template_path(dir, i, path, sizeof path);
		if (ptmpl_peek(path, kind, sizeof kind, title, sizeof title) != MC_OK ||
		    paper_kind_parse(kind) == 0)
			continue;
		at += (size_t)snprintf(out + at, n - at, "%s%02d %s", at > 0 ? ", " : "", i,
		    _(kind_words[paper_kind_parse(kind)]));
	}
}

void
paper_date_line(const char *place, int year, int month, int day, char *out, size_t n)
{
	/* Nghị định 30/2020, Phụ lục I: days 1-9 and months 1, 2 take a leading zero. */
	snprintf(out, n, month <= 2 ? "%s, ngày %02d tháng %02d năm %d" : "%s, ngày %02d tháng %d năm %d",
	    place != NULL && *place != '\0' ? place : "..........", day, month, year);
}

/* ---------------------------------------------------------------- the events */

static const char *
str(json_t *p, const char *key)
{
	const char *s = json_string_value(json_object_get(p, key));

	return s != NULL ? s : "";
}

static mc_minute
time_of(json_t *p, const char *key)
{
	mc_minute t;

	return mc_time_parse(str(p, key), &t) == 0 ? t : MC_TIME_NONE;
}

/* A row handing over at; its result judges the time judge against the due time. */
static void
handover(struct facts *f, const char *from, const char *to, mc_minute at, mc_minute judge)
{
	struct handover *h;

	if (f->nrows == MAX_ROWS)
		return;
	h = &f->rows[f->nrows++];
	snprintf(h->from, sizeof h->from, "%s", from);
	snprintf(h->to, sizeof h->to, "%s", to);
	h->at = at;
	if (f->due == MC_TIME_NONE || judge <= f->due)
		h->result = f->due != MC_TIME_NONE && mc_day_of(judge) < mc_day_of(f->due) ? 0 : 1;
	else
		h->result = 2;
}

static void
about(struct about *a, const struct dossier_event *ev)
{
	a->seen = 1;
	snprintf(a->actor, sizeof a->actor, "%s", ev->actor);
	a->at = ev->at;
	snprintf(a->reason, sizeof a->reason, "%s", str(ev->payload, "reason"));
}

static int
gather(const struct dossier_event *ev, void *ctx)
{
	struct facts *f = ctx;
	json_t *p = ev->payload;
	mc_minute t;
	const char *holder = f->holder[0] != '\0' ? f->holder : f->office;
	const char *from = str(p, "from");

	if ((t = time_of(p, "due")) != MC_TIME_NONE && ev->kind != EV_EXTENDED)
		f->due = t;
	switch (ev->kind) {
	case EV_RECEIVED:
	case EV_REGISTERED:
		if (f->nrows == 0) {
			f->docs_failed = dossier_docs_read(p, &f->docs) != MC_OK;
			handover(f, "Tổ chức, cá nhân", f->office, ev->at, ev->at);
		}
		break;
	case EV_TRANSFERRED:
		handover(f, *from != '\0' && strcmp(from, f->office_code) != 0 ? from : holder,
		    str(p, "to"), ev->at, ev->at);
		snprintf(f->holder, sizeof f->holder, "%s", str(p, "to"));
		break;
	case EV_RETURNED_TO_OFFICE:
		handover(f, holder, f->office, ev->at, ev->at);
		f->holder[0] = '\0';
		break;
	case EV_RESULT_READY:
		if (f->holder[0] != '\0')
			handover(f, holder, f->office, ev->at, ev->at);
		f->holder[0] = '\0';
		f->ready_at = ev->at;
		break;
	case EV_RESULT_RETURNED:
		/* The citizen's collecting late is not the office's delay: judge the result. */
		handover(f, f->office, "Tổ chức, cá nhân", ev->at,
		    f->ready_at != MC_TIME_NONE ? f->ready_at : ev->at);
		break;
	case EV_SUPPLEMENT_REQUESTED:
		about(&f->supp, ev);
		snprintf(f->items, sizeof f->items, "%s", str(p, "items"));
		break;
	case EV_REJECTED:
		about(&f->ref, ev);
		break;
	case EV_STOPPED:
		about(&f->stop, ev);
		break;
	case EV_EXTENDED:
		about(&f->ext, ev);
		f->ext_old = time_of(p, "old_due");
		f->ext_new = time_of(p, "due");
		f->due = f->ext_new;
		break;
	default:
		break;
	}
	return 0;
}

/* ---------------------------------------------------------------- values */

/* The full name of the official who acted as actor: a login's user, or for the
 * command line ("system:LOGIN") the user of that name; "" when none is known. */
static void
person(struct store *st, const char *actor, char *out, size_t n)
{
	const char *login = strncmp(actor, "system:", 7) == 0 ? actor + 7 : actor;
	sqlite3_stmt *s;

	out[0] = '\0';
	if (store_prepare(st, "SELECT full_name FROM user WHERE login = ?", &s, NULL) != MC_OK)
		return;
	sqlite3_bind_text(s, 1, login, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(s) == SQLITE_ROW)
		store_col_copy(s, 0, out, n);
	sqlite3_reset(s);
}

/* "09 giờ 00 phút, ngày 12/10/2026" ("" for none). */
static void
set_time(struct pvals *v, const char *name, mc_minute t)
{
	int y, mo, d, mi;

	if (t == MC_TIME_NONE) {
		pvals_set(v, name, "");
		return;
	}
	mc_civil_from_day(mc_day_of(t), &y, &mo, &d);
	mi = mc_minute_of_day(t);
	pvals_setf(v, name, "%02d giờ %02d phút, ngày %02d/%02d/%04d", mi / 60, mi % 60, d, mo, y);
}

static void
processing_time(struct pvals *v, const struct procedure *p)
{
	switch (p->unit) {
	case TU_WORKING_DAYS:
		pvals_setf(v, "processing_time", "%d ngày làm việc", p->time_value);
		break;
	case TU_DAYS:
		pvals_setf(v, "processing_time", "%d ngày", p->time_value);
		break;
	case TU_SAME_DAY:
		pvals_set(v, "processing_time", "trong ngày");
		break;
	case TU_HOURS:
		pvals_setf(v, "processing_time", "%d giờ làm việc", p->time_value);
		break;
	}
}

/* What every form may say: the office, the dossier, the applicant, the date line. */
static void
common_values(struct store *st, struct pvals *v, const struct dossier *d,
    const struct procedure *p, const struct facts *f, mc_minute dated)
{
	char *place = store_setting(st, "office.place"), buf[256], *up;
	int y, mo, dd, year;
	long row;

	pvals_set(v, "code", d->code);
	pvals_set(v, "short", strlen(d->code) > 11 ? d->code + strlen(d->code) - 11 : d->code);
	pvals_set(v, "office", f->office);
	up = text_upper(f->office);
	pvals_set(v, "office_upper", up != NULL ? up : f->office);
	free(up);
	pvals_set(v, "office_code", f->office_code);
	pvals_set(v, "place", place != NULL ? place : "");
	mc_civil_from_day(mc_day_of(dated), &y, &mo, &dd);
	paper_date_line(place, y, mo, dd, buf, sizeof buf);
	pvals_set(v, "date_line", buf);
	free(place);
	pvals_set(v, "applicant", d->name);
	pvals_set(v, "address", d->address);
	pvals_set(v, "phone", d->phone);
	pvals_set(v, "email", d->email);
	pvals_set(v, "idno", d->idno);
	pvals_set(v, "procedure", p->name != NULL ? p->name : "");
	pvals_set(v, "procedure_code", d->procedure);
	pvals_setf(v, "sets", "%d", d->sets);
	processing_time(v, p);
	set_time(v, "received", d->received_at);
	set_time(v, "due", d->due_at);
	if (report_book_row(st, d->received_at, d->code, &year, &row, NULL) != MC_OK)
		row = 0;
	pvals_setf(v, "book_year", "%d", year);
	pvals_setf(v, "book_row", "%ld", row);
	person(st, d->officer, buf, sizeof buf);
	pvals_set(v, "officer", buf);
	pvals_set(v, "handler", d->handler[0] != '\0' && strcmp(d->handler, f->office_code) != 0 ?
	    d->handler : f->office);
}

/* The receipt's table: what was handed in (dossier-docs.c), numbered from 1. */
static void
document_values(struct pvals *v, const struct facts *f)
{
	struct plist *l = pvals_list(v, "documents", "no,name,form,sets");
	struct plist *m = pvals_list(v, "missing", "no,name");
	char no[16], form[64], sets[16];
	int i;

	for (i = 0; i < f->docs.nhanded; i++) {
		const struct dossier_doc *h = &f->docs.handed[i];

		snprintf(no, sizeof no, "%d", i + 1);
		snprintf(sets, sizeof sets, "%d", h->sets);
		if (h->sets > 1)
			snprintf(form, sizeof form, "%s (%d bộ)", doc_form_label(h->form), h->sets);
		else
			snprintf(form, sizeof form, "%s", doc_form_label(h->form));
		plist_add(l, (const char *[]){ no, h->name, form, sets });
	}
	for (i = 0; i < f->docs.nmissing; i++) {
		snprintf(no, sizeof no, "%d", f->docs.missing[i].no);
		plist_add(m, (const char *[]){ no, f->docs.missing[i].name });
	}
	pvals_set(v, "documents_recorded", f->docs.recorded ? "1" : "");
}

/* The supplement's items, one row each (split at ';' and line breaks). */
static void
item_values(struct pvals *v, const char *items)
{
	struct plist *l = pvals_list(v, "items", "no,item");
	const char *p = items, *end;
	char no[16], item[2048];
	int n = 0;

	for (; *p != '\0'; p = *end != '\0' ? end + 1 : end) {
		end = p + strcspn(p, ";\n");
		while (p < end && *p == ' ')
			p++;
		snprintf(item, sizeof item, "%.*s", (int)(end - p), p);
		if (item[0] == '\0')
			continue;
		snprintf(no, sizeof no, "%d", ++n);
		plist_add(l, (const char *[]){ no, item });
	}
	pvals_set(v, "items_text", items);
}

static void
handover_values(struct pvals *v, const struct facts *f)
{
	static const char *const result[] = { "Trước hạn", "Đúng hạn", "Quá hạn" };
	struct plist *l = pvals_list(v, "handovers", "no,from,to,at,result");
	char no[16], at[MC_TIME_BUF];
	int i;

	for (i = 0; i < f->nrows; i++) {
		snprintf(no, sizeof no, "%d", i + 1);
		mc_time_format_vn(f->rows[i].at, at);
		plist_add(l, (const char *[]){ no, f->rows[i].from, f->rows[i].to, at,
		    result[f->rows[i].result] });
	}
}

/* The event form is about, or NULL for the forms about the whole dossier. */
static const struct about *
subject(const struct facts *f, int form)
{
	switch (form) {
	case PAPER_SUPPLEMENT: return &f->supp;
	case PAPER_REFUSAL: return &f->ref;
	case PAPER_APOLOGY: return &f->ext;
	case PAPER_STOP: return &f->stop;
	default: return NULL;
	}
}

/* Fill v for form; MC_EINVAL when the dossier has no event the form is about. */
static int
values(struct store *st, const struct dossier *d, const struct procedure *p,
    const struct facts *f, int form, struct pvals *v, struct mc_error *err)
{
	const struct about *a = subject(f, form);
	char official[256];

	if (a != NULL && !a->seen)
		return mc_fail(err, MC_EINVAL, form == PAPER_SUPPLEMENT ?
		    _("dossier %s has no supplement request to print") : form == PAPER_REFUSAL ?
		    _("dossier %s was not refused: there is no refusal to print") : form == PAPER_STOP ?
		    _("dossier %s was not stopped: there is no notice of stopping to print") :
		    _("dossier %s has no extension: there is no apology to print"), d->code);
	common_values(st, v, d, p, f, a != NULL ? a->at : form == PAPER_RECEIPT ? d->received_at :
	    mc_now());
	document_values(v, f);
	handover_values(v, f);
	item_values(v, form == PAPER_SUPPLEMENT ? f->items : "");
	if (a != NULL) {
		person(st, a->actor, official, sizeof official);
		pvals_set(v, "official", official);
		pvals_set(v, "reason", a->reason);
		set_time(v, "event_at", a->at);
	} else {
		pvals_set(v, "official", pvals_get(v, "officer"));
		pvals_set(v, "reason", "");
		set_time(v, "event_at", d->received_at);
	}
	set_time(v, "old_due", f->ext_old);
	set_time(v, "new_due", f->ext_new);
	return MC_OK;
}

/* ---------------------------------------------------------------- rendering */

/* Render into m; the page's template from the office's set. */
static int
render(struct store *st, const struct dossier *d, int form, int format, FILE *m,
    struct mc_error *err)
{
	struct procedure p;
	struct facts *f;
	struct pvals v = { 0 };
	struct ppage pg = { 0 };
	char *office_name = store_setting(st, "office.name"), dir[4096], path[4200];
	const char *office = office_name != NULL && *office_name != '\0' ? office_name : store_office(st);
	int rc, number;

	set_dir(st, dir, sizeof dir);
	if ((number = find(dir, form, NULL, 0)) == 0) {
		free(office_name);
		return mc_fail(err, MC_ENOTFOUND, _("the set of forms in %s has no %s form"), dir,
		    paper_kind_name(form));
	}
	if ((rc = catalog_get(st, d->procedure, &p, err)) != MC_OK) {
		free(office_name);
		procedure_free(&p);
		return rc;
	}
	if ((f = calloc(1, sizeof *f)) == NULL) {
		free(office_name);
		procedure_free(&p);
		return mc_fail(err, MC_ENOMEM, NULL);
	}
	f->office = office;
	f->office_code = store_office(st);
	f->due = f->ready_at = f->ext_old = f->ext_new = MC_TIME_NONE;
	if ((rc = dossier_each_event(st, d->code, gather, f, err)) == MC_OK && f->docs_failed)
		rc = mc_fail(err, MC_ENOMEM, NULL);
	if (rc == MC_OK)
		rc = values(st, d, &p, f, form, &v, err);
	if (rc == MC_OK) {
		pvals_setf(&v, "form_number", "%02d", number);
		template_path(dir, number, path, sizeof path);
		rc = ptmpl_expand(path, &v, &pg, err);
	}
	if (rc == MC_OK)
		rc = format == PAPER_PDF ? ppage_pdf(&pg, m, err) :
		    ppage_text(&pg, format == PAPER_ASCII, m, err);
	ppage_free(&pg);
	pvals_free(&v);
	dossier_docs_free(&f->docs);
	free(f);
	free(office_name);
	procedure_free(&p);
	return rc;
}

int
paper_render(struct store *st, const char *code, int form, int format, FILE *fp,
    struct mc_error *err)
{
	struct dossier d;
	char *buf = NULL;
	size_t len = 0;
	FILE *m;
	int rc;

	if (form <= 0 || form >= PAPER_NFORMS)
		return mc_fail(err, MC_EINVAL, _("unknown form %d"), form);
	if ((rc = dossier_get(st, code, &d, err)) != MC_OK)
		return rc;
	/* All or nothing: the whole form in memory first. */
	if ((m = open_memstream(&buf, &len)) == NULL)
		return mc_fail(err, MC_ENOMEM, NULL);
	rc = render(st, &d, form, format, m, err);
	if (fclose(m) != 0 && rc == MC_OK)
		rc = mc_fail(err, MC_ENOMEM, NULL);
	if (rc == MC_OK && (fwrite(buf, 1, len, fp) != len || fflush(fp) != 0))
		rc = mc_fail(err, MC_EIO, _("could not write the form"));
	free(buf);
	return rc;
}
