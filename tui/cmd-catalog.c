/* cmd-catalog.c -- motcua catalog import|list|show: the procedure catalogue. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "cmd.h"
#include "i18n.h"

/* "3 working days", "same day (cut-off 15:00)", ... */
static void
describe_time(const struct procedure *p, char *buf, size_t n)
{
	switch (p->unit) {
	case TU_SAME_DAY:
		snprintf(buf, n, _("same day"));
		break;
	case TU_WORKING_DAYS:
		snprintf(buf, n, _("%d working days"), p->time_value);
		break;
	case TU_DAYS:
		snprintf(buf, n, _("%d days"), p->time_value);
		break;
	case TU_HOURS:
		snprintf(buf, n, _("%d working hours"), p->time_value);
		break;
	}
}

static int
list_one(const struct procedure *p, void *ctx)
{
	char time[64], fee[32];

	describe_time(p, time, sizeof time);
	snprintf(fee, sizeof fee, "%ld", p->fee);
	out_row(ctx, (const char *[]){ p->code, p->name, p->field, time, fee,
	    p->group != NULL ? p->group : "" });
	return 0;
}

static int
show(struct cmd_ctx *c, const char *code)
{
	static const char *const keys[] = { "code", "name", "field", "time", "fee", "fee_rule",
	    "group", "agency" };
	static const char *const dkeys[] = { "no", "document", "kind", "sets" };
	const char *labels[] = { _("Code"), _("Procedure"), _("Field"), _("Processing time"),
	    _("Fee (dong)"), _("Fee rule"), _("Linked group"), _("Handling agency") };
	struct procedure p;
	struct mc_error err;
	struct out *o;
	char time[64], fee[32], sets[16], no[16];
	int i;

	if (catalog_get(c->st, code, &p, &err) != MC_OK)
		return cmd_fail(c, &err);
	describe_time(&p, time, sizeof time);
	snprintf(fee, sizeof fee, "%ld", p.fee);
	out_record(c->format, keys, labels, (const char *[]){ p.code, p.name, p.field, time, fee,
	    p.fee_rule, p.group != NULL ? p.group : "", p.agency }, 8);
	if (c->format == OUT_TEXT)
		printf("\n%s\n", _("Documents required:"));
	/* The numbers are what 'intake --documents' takes. */
	o = out_table(c->format, dkeys, 4);
	for (i = 0; i < p.ndocs; i++) {
		snprintf(no, sizeof no, "%d", i + 1);
		snprintf(sets, sizeof sets, "%d", p.docs[i].sets);
		out_row(o, (const char *[]){ no, p.docs[i].name, document_kind_name(p.docs[i].kind), sets });
	}
	out_end(o);
	procedure_free(&p);
	return EXIT_DONE;
}

int
cmd_catalog(struct cmd_ctx *c, int argc, char **argv)
{
	static const char *const cols[] = { "code", "name", "field", "time", "fee", "group" };
	struct mc_error err;
	struct out *o;
	int n;

	if (argc < 2)
		return cmd_usage(c, _("which catalog command?"));
	if (strcmp(argv[1], "import") == 0) {
		if (argc != 3)
			return cmd_usage(c, _("catalog import needs a FILE"));
		if (catalog_import(c->st, argv[2], c->actor, &n, &err) != MC_OK)
			return cmd_fail(c, &err);
		printf(_("%d procedures imported from %s.\n"), n, argv[2]);
		return EXIT_DONE;
	}
	if (strcmp(argv[1], "list") == 0) {
		if (argc > 3)
			return cmd_usage(c, _("catalog list takes at most one argument (quote several words)"));
		o = out_table(c->format, cols, 6);
		if (catalog_each(c->st, argc == 3 ? argv[2] : NULL, 0, list_one, o, &err) != MC_OK) {
			out_end(o);
			return cmd_fail(c, &err);
		}
		out_end(o);
		return EXIT_DONE;
	}
	if (strcmp(argv[1], "show") == 0) {
		if (argc != 3)
			return cmd_usage(c, _("catalog show needs a CODE"));
		return show(c, argv[2]);
	}
	return cmd_usage(c, _("unknown catalog command '%s'"), argv[1]);
}
