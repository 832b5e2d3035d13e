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
	out_row(ctx, (const char *[]){ at, event_kind_name(ev->kind), ev->actor, ev->id,
	    payload != NULL ? payload : "" });
	free(payload);
	return 0;
}

int
cmd_show(struct cmd_ctx *c, int argc, char **argv)
{
	static const char *const keys[] = { "code", "procedure", "status", "status_code", "name",
	    "idno", "phone", "address", "received_at", "due_at", "finished_at", "returned_at",
	    "overdue", "handler", "officer", "fee", "fee_paid", "sms", "group", "catalog_version",
	    "to_verify" };
	static const char *const ecols[] = { "at", "kind", "actor", "id", "details" };
	const char *labels[] = { _("Code"), _("Procedure"), _("Status"), _("Status code"),
	    _("Applicant"), _("ID number"), _("Phone"), _("Address"), _("Received"), _("Due"),
	    _("Finished"), _("Returned"), _("Overdue"), _("Held by"), _("Received by"),
	    _("Fee (dong)"), _("Paid (dong)"), _("SMS notices"), _("Linked group"),
	    _("Catalogue version"), _("To verify") };
	char code[CODE_MAX], rec[MC_TIME_BUF], due[MC_TIME_BUF], fin[MC_TIME_BUF],
	    ret[MC_TIME_BUF], st[8], fee[24], paid[24], version[64], verify[96];
	struct dossier d;
	struct mc_error err;
	struct out *o;
	int late, flags;

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
	/* The catalogue it was received under, and whether its due date or fee came from
	 * a value still to verify. */
	if (catalog_dossier_info(c->st, d.code, version, &flags, &err) != MC_OK)
		return cmd_fail(c, &err);
	if (c->format == OUT_TEXT)
		catalog_verify_text(flags, verify, sizeof verify);
	else
		catalog_verify_words(flags, verify, sizeof verify);
	out_record(c->format, keys, labels, (const char *[]){ d.code, d.procedure,
	    dossier_status_name(d.status), st, d.name, d.idno, d.phone, d.address, rec, due, fin,
	    ret, late ? _("yes") : _("no"), d.handler, d.officer, fee, paid,
	    d.sms ? _("yes") : _("no"), d.group_code, version, verify }, 21);
	if (c->format == OUT_TEXT)
		printf("\n%s\n", _("History:"));
	o = out_table(c->format, ecols, 5);
	if (dossier_each_event(c->st, d.code, add_event, o, &err) != MC_OK) {
		out_end(o);
		return cmd_fail(c, &err);
	}
	out_end(o);
	return EXIT_DONE;
}
