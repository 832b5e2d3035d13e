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

/* Text shows the time in words; TSV and JSON its amount and unit. */
static const struct out_col text_cols[] = { OUT_COL("code", OUT_STR),
    OUT_COL("name", OUT_STR), OUT_COL("field", OUT_STR), OUT_COL("time", OUT_STR),
    OUT_COL("fee", OUT_INT), OUT_COL("group", OUT_STR) };
static const struct out_col data_cols[] = { OUT_COL("code", OUT_STR),
    OUT_COL("name", OUT_STR), OUT_COL("field", OUT_STR), OUT_COL("time_value", OUT_INT),
    OUT_COL("time_unit", OUT_STR), OUT_COL("fee", OUT_INT), OUT_COL("group", OUT_STR) };

struct listing {
	struct out *o;
	int text;
};

static int
list_one(const struct procedure *p, void *ctx)
{
	struct listing *l = ctx;
	char time[64], value[16], fee[32];

	snprintf(fee, sizeof fee, "%ld", p->fee);
	if (l->text) {
		describe_time(p, time, sizeof time);
		out_row(l->o, (const char *[]){ p->code, p->name, p->field, time, fee, p->group });
	} else {
		snprintf(value, sizeof value, "%d", p->time_value);
		out_row(l->o, (const char *[]){ p->code, p->name, p->field, value,
		    time_unit_name(p->unit), fee, p->group });
	}
	return 0;
}

static const char *
kind_words(const char *kind)
{
	if (strcmp(kind, "original") == 0)
		return _("original");
	if (strcmp(kind, "copy") == 0)
		return _("copy");
	return _("original or copy");
}

static int
show(struct cmd_ctx *c, const char *code)
{
	static const struct out_col tcols[] = { OUT_COL("code", OUT_STR),
	    OUT_COL("name", OUT_STR), OUT_COL("field", OUT_STR), OUT_COL("time", OUT_STR),
	    OUT_COL("fee", OUT_INT), OUT_COL("fee_rule", OUT_STR),
	    OUT_COL("group", OUT_STR), OUT_COL("agency", OUT_STR) };
	static const struct out_col cols[] = { OUT_COL("code", OUT_STR),
	    OUT_COL("name", OUT_STR), OUT_COL("field", OUT_STR),
	    OUT_COL("time_value", OUT_INT), OUT_COL("time_unit", OUT_STR),
	    OUT_COL("cutoff", OUT_STR), OUT_COL("fee", OUT_INT),
	    OUT_COL("fee_rule", OUT_STR), OUT_COL("group", OUT_STR),
	    OUT_COL("agency", OUT_STR) };
	static const struct out_col dcols[] = { OUT_COL("no", OUT_INT), OUT_COL("name", OUT_STR),
	    OUT_WORDS("kind", OUT_STR, kind_words), OUT_COL("sets", OUT_INT) };
	const char *labels[] = { _("Code"), _("Procedure"), _("Field"), _("Processing time"),
	    _("Fee (dong)"), _("Fee rule"), _("Linked group"), _("Handling agency") };
	struct procedure p;
	struct mc_error err;
	struct out *r, *o;
	char time[64], value[16], cutoff[8], fee[32], sets[16], no[16];
	int i;

	if (catalog_get(c->st, code, &p, &err) != MC_OK)
		return cmd_fail(c, &err);
	snprintf(fee, sizeof fee, "%ld", p.fee);
	if (c->format == OUT_TEXT) {
		describe_time(&p, time, sizeof time);
		r = out_record(c->format, tcols, labels, (const char *[]){ p.code, p.name, p.field,
		    time, fee, p.fee_rule, p.group, p.agency }, 8);
	} else {
		/* The time as its amount and unit, and the procedure's own cut-off if any. */
		snprintf(value, sizeof value, "%d", p.time_value);
		if (p.cutoff >= 0)
			snprintf(cutoff, sizeof cutoff, "%02d:%02d", p.cutoff / 60 % 100, p.cutoff % 60);
		r = out_record(c->format, cols, NULL, (const char *[]){ p.code, p.name, p.field,
		    value, time_unit_name(p.unit), p.cutoff >= 0 ? cutoff : NULL, fee, p.fee_rule,
		    p.group, p.agency }, 10);
	}
	/* The numbers are what 'intake --documents' takes. */
	o = out_nest(r, "documents", _("Documents required:"), dcols, 4);
	for (i = 0; i < p.ndocs; i++) {
		snprintf(no, sizeof no, "%d", i + 1);
		snprintf(sets, sizeof sets, "%d", p.docs[i].sets);
		out_row(o, (const char *[]){ no, p.docs[i].name, document_kind_name(p.docs[i].kind), sets });
	}
	out_end(r);
	procedure_free(&p);
	return EXIT_DONE;
}

int
cmd_catalog(struct cmd_ctx *c, int argc, char **argv)
{
	static const struct out_col icols[] = { OUT_COL("imported", OUT_INT),
	    OUT_COL("file", OUT_STR) };
	struct listing l = { .text = c->format == OUT_TEXT };
	struct mc_error err;
	char num[16];
	int n;

	if (argc < 2)
		return cmd_usage(c, _("which catalog command?"));
	if (strcmp(argv[1], "import") == 0) {
		if (argc != 3)
			return cmd_usage(c, _("catalog import needs a FILE"));
		if (!cmd_may(c, ROLE_ADMIN))
			return EXIT_REFUSED;
		if (catalog_import(c->st, argv[2], c->actor, &n, &err) != MC_OK)
			return cmd_fail(c, &err);
		snprintf(num, sizeof num, "%d", n);
		if (c->format == OUT_TEXT)
			printf(_("%d procedures imported from %s.\n"), n, argv[2]);
		else
			out_print(c->format, icols, NULL, (const char *[]){ num, argv[2] }, 2);
		return EXIT_DONE;
	}
	if (strcmp(argv[1], "list") == 0) {
		if (argc > 3)
			return cmd_usage(c, _("catalog list takes at most one argument (quote several words)"));
		l.o = l.text ? out_table(c->format, text_cols, 6) : out_table(c->format, data_cols, 7);
		if (catalog_each(c->st, argc == 3 ? argv[2] : NULL, 0, list_one, &l, &err) != MC_OK) {
			out_end(l.o);
			return cmd_fail(c, &err);
		}
		out_end(l.o);
		return EXIT_DONE;
	}
	if (strcmp(argv[1], "show") == 0) {
		if (argc != 3)
			return cmd_usage(c, _("catalog show needs a CODE"));
		return show(c, argv[2]);
	}
	return cmd_usage(c, _("unknown catalog command '%s'"), argv[1]);
}
