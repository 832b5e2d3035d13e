/* cmd-show.c -- motcua show CODE: a dossier (found as a citizen would type its code)
 * and the timeline of its events. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "cmd.h"
#include "dossier.h"
#include "i18n.h"
#include "store.h"

static int
add_event(const struct dossier_event *ev, void *ctx)
{
	char at[MC_TIME_BUF], *payload = json_dumps(ev->payload, JSON_COMPACT | JSON_SORT_KEYS);

	mc_time_format(ev->at, at);
	out_row(ctx, (const char *[]){ at, event_kind_name(ev->kind), ev->actor, ev->id, payload });
	free(payload);
	return 0;
}

/* A document's form as people read it ("Bản sao"). */
static const char *
form_words(const char *v)
{
	int f = doc_form_parse(v);

	return f >= 0 ? doc_form_label(f) : v;
}

/* The documents of an intake as a nested table: handed in (missing 0) or missing. */
static void
add_docs(struct out *r, const struct dossier_docs *docs, int missing)
{
	static const struct out_col hcols[] = { OUT_COL("no", OUT_INT), OUT_COL("name", OUT_STR),
	    OUT_WORDS("form", OUT_STR, form_words), OUT_COL("sets", OUT_INT) };
	static const struct out_col mcols[] = { OUT_COL("no", OUT_INT), OUT_COL("name", OUT_STR) };
	const struct dossier_doc *d = missing ? docs->missing : docs->handed;
	int i, n = missing ? docs->nmissing : docs->nhanded;
	struct out *o;
	char no[16], sets[16];

	o = missing ? out_nest(r, "documents_missing", _("Documents missing:"), mcols, 2) :
	    out_nest(r, "documents", _("Documents handed in:"), hcols, 4);
	for (i = 0; i < n; i++) {
		snprintf(no, sizeof no, "%d", d[i].no);
		snprintf(sets, sizeof sets, "%d", d[i].sets);
		out_row(o, (const char *[]){ no, d[i].name,
		    d[i].form >= 0 ? doc_form_name(d[i].form) : NULL, sets });
	}
}

int
cmd_show(struct cmd_ctx *c, int argc, char **argv)
{
	static const struct out_col cols[] = { OUT_COL("code", OUT_STR),
	    OUT_COL("procedure", OUT_STR), OUT_COL("status", OUT_STR),
	    OUT_COL("status_code", OUT_INT), OUT_COL("name", OUT_STR),
	    OUT_COL("idno", OUT_STR), OUT_COL("phone", OUT_STR),
	    OUT_COL("address", OUT_STR), OUT_COL("received_at", OUT_TIME),
	    OUT_COL("due_at", OUT_TIME), OUT_COL("finished_at", OUT_TIME),
	    OUT_COL("returned_at", OUT_TIME), OUT_COL("overdue", OUT_BOOL),
	    OUT_COL("handler", OUT_STR), OUT_COL("officer", OUT_STR),
	    OUT_COL("fee", OUT_INT), OUT_COL("fee_paid", OUT_INT), OUT_COL("sms", OUT_BOOL),
	    OUT_COL("group", OUT_STR), OUT_COL("documents_recorded", OUT_BOOL),
	    OUT_COL("catalog_version", OUT_STR), OUT_COL("to_verify", OUT_STR) };
	static const struct out_col ecols[] = { OUT_COL("at", OUT_TIME),
	    OUT_COL("kind", OUT_STR), OUT_COL("actor", OUT_STR), OUT_COL("id", OUT_STR),
	    OUT_COL("details", OUT_OBJ) };
	const char *labels[] = { _("Code"), _("Procedure"), _("Status"), _("Status code"),
	    _("Applicant"), _("ID number"), _("Phone"), _("Address"), _("Received"), _("Due"),
	    _("Finished"), _("Returned"), _("Overdue"), _("Held by"), _("Received by"),
	    _("Fee (dong)"), _("Paid (dong)"), _("SMS notices"), _("Linked group"),
	    _("Documents recorded at intake"), _("Catalogue version"), _("To verify") };
	char code[CODE_MAX], rec[MC_TIME_BUF], due[MC_TIME_BUF], fin[MC_TIME_BUF],
	    ret[MC_TIME_BUF], st[8], fee[24], paid[24], version[64], verify[96];
	struct dossier d;
	struct dossier_docs docs;
	struct mc_error err;
	struct out *r, *o;
	int late, rc, flags;

	if (argc != 2)
		return cmd_usage(c, _("show needs a dossier CODE"));
	if (code_parse(argv[1], store_office(c->st), code, &err) != MC_OK ||
	    dossier_get(c->st, code, &d, &err) != MC_OK)
		return cmd_fail(c, &err);
	/* The catalogue it was received under, and whether its due date or fee came from
	 * a value still to verify. */
	if (catalog_dossier_info(c->st, d.code, version, &flags, &err) != MC_OK)
		return cmd_fail(c, &err);
	if (c->format == OUT_TEXT)
		catalog_verify_text(flags, verify, sizeof verify);
	else
		catalog_verify_words(flags, verify, sizeof verify);
	if (dossier_docs_get(c->st, d.code, &docs, &err) != MC_OK)
		return cmd_fail(c, &err);
	mc_time_format(d.received_at, rec);
	mc_time_format(d.due_at, due);
	mc_time_format(d.finished_at, fin);
	mc_time_format(d.returned_at, ret);
	snprintf(st, sizeof st, "%d", d.status);
	snprintf(fee, sizeof fee, "%ld", d.fee);
	snprintf(paid, sizeof paid, "%ld", d.fee_paid);
	late = dossier_overdue(&d, mc_now()) || dossier_late(&d);
	r = out_record(c->format, cols, labels, (const char *[]){ d.code, d.procedure,
	    dossier_status_name(d.status), st, d.name, d.idno, d.phone, d.address, rec, due, fin,
	    ret, late ? "1" : "0", d.handler, d.officer, fee, paid, d.sms ? "1" : "0",
	    d.group_code[0] != '\0' ? d.group_code : NULL, docs.recorded ? "1" : "0",
	    version[0] != '\0' ? version : NULL, verify }, 22);
	add_docs(r, &docs, 0);
	add_docs(r, &docs, 1);
	dossier_docs_free(&docs);
	o = out_nest(r, "events", _("History:"), ecols, 5);
	rc = dossier_each_event(c->st, d.code, add_event, o, &err);
	out_end(r);
	return rc == MC_OK ? EXIT_DONE : cmd_fail(c, &err);
}
