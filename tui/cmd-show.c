/* cmd-show.c -- motcua show CODE: a dossier (found as a citizen would type its code)
 * and the timeline of its events. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	    OUT_COL("group", OUT_STR) };
	static const struct out_col ecols[] = { OUT_COL("at", OUT_TIME),
	    OUT_COL("kind", OUT_STR), OUT_COL("actor", OUT_STR), OUT_COL("id", OUT_STR),
	    OUT_COL("details", OUT_OBJ) };
	const char *labels[] = { _("Code"), _("Procedure"), _("Status"), _("Status code"),
	    _("Applicant"), _("ID number"), _("Phone"), _("Address"), _("Received"), _("Due"),
	    _("Finished"), _("Returned"), _("Overdue"), _("Held by"), _("Received by"),
	    _("Fee (dong)"), _("Paid (dong)"), _("SMS notices"), _("Linked group") };
	char code[CODE_MAX], rec[MC_TIME_BUF], due[MC_TIME_BUF], fin[MC_TIME_BUF],
	    ret[MC_TIME_BUF], st[8], fee[24], paid[24];
	struct dossier d;
	struct mc_error err;
	struct out *r, *o;
	int late, rc;

	if (argc != 2)
		return cmd_usage(c, _("show needs a dossier CODE"));
	if (code_parse(argv[1], store_office(c->st), code, &err) != MC_OK ||
	    dossier_get(c->st, code, &d, &err) != MC_OK)
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
	    d.group_code[0] != '\0' ? d.group_code : NULL }, 19);
	o = out_nest(r, "events", _("History:"), ecols, 5);
	rc = dossier_each_event(c->st, d.code, add_event, o, &err);
	out_end(r);
	return rc == MC_OK ? EXIT_DONE : cmd_fail(c, &err);
}
