/* cmd-catalog.c -- motcua catalog import|list|show|confirm|version: the procedure
 * catalogue. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "cmd.h"
#include "i18n.h"
#include "store.h"

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

/* An amount, or "" for none (a fee online that is the counter's). */
static void
amount(long v, char *buf, size_t n)
{
	if (v < 0)
		buf[0] = '\0';
	else
		snprintf(buf, n, "%ld", v);
}

/* Text shows the time in words; TSV and JSON its amount and unit. */
static const struct out_col text_cols[] = { OUT_COL("code", OUT_STR),
    OUT_COL("name", OUT_STR), OUT_COL("field", OUT_STR), OUT_COL("time", OUT_STR),
    OUT_COL("fee", OUT_INT), OUT_COL("group", OUT_STR), OUT_COL("fee_online", OUT_INT),
    OUT_COL("to_verify", OUT_STR) };
static const struct out_col data_cols[] = { OUT_COL("code", OUT_STR),
    OUT_COL("name", OUT_STR), OUT_COL("field", OUT_STR), OUT_COL("time_value", OUT_INT),
    OUT_COL("time_unit", OUT_STR), OUT_COL("fee", OUT_INT), OUT_COL("group", OUT_STR),
    OUT_COL("fee_online", OUT_INT), OUT_COL("to_verify", OUT_STR) };

struct list_ctx {
	struct out *o;
	enum out_format format;
};

static int
list_one(const struct procedure *p, void *ctx)
{
	struct list_ctx *lc = ctx;
	char time[64], value[16], fee[32], online[32], verify[96];

	amount(p->fee, fee, sizeof fee);
	amount(p->fee_online, online, sizeof online);
	/* Data output keeps the stored words; people read them translated. */
	if (lc->format == OUT_TEXT) {
		describe_time(p, time, sizeof time);
		catalog_verify_text(p->verify, verify, sizeof verify);
		out_row(lc->o, (const char *[]){ p->code, p->name, p->field, time, fee, p->group,
		    online[0] != '\0' ? online : NULL, verify });
	} else {
		snprintf(value, sizeof value, "%d", p->time_value);
		catalog_verify_words(p->verify, verify, sizeof verify);
		out_row(lc->o, (const char *[]){ p->code, p->name, p->field, value,
		    time_unit_name(p->unit), fee, p->group, online[0] != '\0' ? online : NULL,
		    verify });
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
	    OUT_COL("group", OUT_STR), OUT_COL("agency", OUT_STR),
	    OUT_COL("fee_online", OUT_INT), OUT_COL("to_verify", OUT_STR),
	    OUT_COL("source", OUT_STR), OUT_COL("variant_agency", OUT_STR) };
	static const struct out_col cols[] = { OUT_COL("code", OUT_STR),
	    OUT_COL("name", OUT_STR), OUT_COL("field", OUT_STR),
	    OUT_COL("time_value", OUT_INT), OUT_COL("time_unit", OUT_STR),
	    OUT_COL("cutoff", OUT_STR), OUT_COL("fee", OUT_INT),
	    OUT_COL("fee_rule", OUT_STR), OUT_COL("group", OUT_STR),
	    OUT_COL("agency", OUT_STR), OUT_COL("fee_online", OUT_INT),
	    OUT_COL("to_verify", OUT_STR), OUT_COL("source", OUT_STR),
	    OUT_COL("variant_agency", OUT_STR) };
	static const struct out_col dcols[] = { OUT_COL("no", OUT_INT), OUT_COL("name", OUT_STR),
	    OUT_WORDS("kind", OUT_STR, kind_words), OUT_COL("sets", OUT_INT) };
	const char *labels[] = { _("Code"), _("Procedure"), _("Field"), _("Processing time"),
	    _("Fee (dong)"), _("Fee rule"), _("Linked group"), _("Handling agency"),
	    _("Fee online (dong)"), _("To verify"), _("Source"), _("Local variant of agency") };
	struct procedure p;
	struct mc_error err;
	struct out *r, *o;
	char time[64], value[16], cutoff[8], fee[32], online[32], sets[16], no[16], verify[96],
	    agency[CATALOG_CODE_MAX], national[CATALOG_CODE_MAX];
	const char *on;
	int i;

	if (catalog_get(c->st, code, &p, &err) != MC_OK)
		return cmd_fail(c, &err);
	amount(p.fee, fee, sizeof fee);
	amount(p.fee_online, online, sizeof online);
	on = online[0] != '\0' ? online : NULL;
	/* The agency of the variant typed, else the one the catalogue was given. */
	if (catalog_code_parse(code, national, agency) != MC_OK || agency[0] == '\0')
		snprintf(agency, sizeof agency, "%s", p.agency_code);
	if (c->format == OUT_TEXT) {
		describe_time(&p, time, sizeof time);
		catalog_verify_text(p.verify, verify, sizeof verify);
		r = out_record(c->format, tcols, labels, (const char *[]){ p.code, p.name, p.field,
		    time, fee, p.fee_rule, p.group, p.agency, on, verify, p.source, agency }, 12);
	} else {
		/* The time as its amount and unit, and the procedure's own cut-off if any. */
		snprintf(value, sizeof value, "%d", p.time_value);
		if (p.cutoff >= 0)
			snprintf(cutoff, sizeof cutoff, "%02d:%02d", p.cutoff / 60 % 100, p.cutoff % 60);
		catalog_verify_words(p.verify, verify, sizeof verify);
		r = out_record(c->format, cols, NULL, (const char *[]){ p.code, p.name, p.field,
		    value, time_unit_name(p.unit), p.cutoff >= 0 ? cutoff : NULL, fee, p.fee_rule,
		    p.group, p.agency, on, verify, p.source, agency }, 14);
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

static int
import(struct cmd_ctx *c, const char *path)
{
	static const struct out_col cols[] = { OUT_COL("read", OUT_INT), OUT_COL("added", OUT_INT),
	    OUT_COL("renamed", OUT_INT), OUT_COL("unchanged", OUT_INT), OUT_COL("file", OUT_STR),
	    OUT_COL("version", OUT_STR) };
	struct catalog_import_result res;
	struct mc_error err;
	char n[4][16];

	if (catalog_import_file(c->st, path, c->actor, &res, &err) != MC_OK)
		return cmd_fail(c, &err);
	if (c->format != OUT_TEXT) {
		snprintf(n[0], sizeof n[0], "%d", res.read);
		snprintf(n[1], sizeof n[1], "%d", res.added);
		snprintf(n[2], sizeof n[2], "%d", res.renamed);
		snprintf(n[3], sizeof n[3], "%d", res.unchanged);
		out_print(c->format, cols, NULL, (const char *[]){ n[0], n[1], n[2], n[3], path,
		    res.version }, 6);
		return EXIT_DONE;
	}
	if (res.renamed + res.unchanged > 0 || res.added != res.read)
		printf(_("%d procedures read from %s: %d new (their time and fee to verify), "
		    "%d renamed, %d unchanged.\n"), res.read, path, res.added, res.renamed,
		    res.unchanged);
	else
		printf(_("%d procedures imported from %s.\n"), res.read, path);
	printf(_("Catalogue version: %s\n"), res.version);
	return EXIT_DONE;
}

static int
list(struct cmd_ctx *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "field", required_argument, NULL, 'f' },
		{ "to-verify", no_argument, NULL, 'v' },
		{ NULL, 0, NULL, 0 },
	};
	struct catalog_filter f = { 0 };
	struct list_ctx lc = { .format = c->format };
	struct mc_error err;
	int ch, rc;

	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (ch) {
		case 'f': f.field = optarg; break;
		case 'v': f.to_verify = 1; break;
		case ':': return cmd_usage(c, _("%s needs a value"), argv[optind - 1]);
		default: return cmd_usage(c, _("unknown option %s"), argv[optind - 1]);
		}
	}
	if (argc - optind > 1)
		return cmd_usage(c, _("catalog list takes at most one argument (quote several words)"));
	f.query = optind < argc ? argv[optind] : NULL;
	lc.o = c->format == OUT_TEXT ? out_table(c->format, text_cols, 8) :
	    out_table(c->format, data_cols, 9);
	rc = catalog_list(c->st, &f, list_one, &lc, &err);
	out_end(lc.o);
	return rc == MC_OK ? EXIT_DONE : cmd_fail(c, &err);
}

/* --unit and --time together make the time; same-day takes no number. */
static int
confirm_time(struct cmd_ctx *c, const char *time, const char *unit, const char *cutoff,
    struct catalog_confirm *cf)
{
	long v = 0;
	int u;

	if ((u = time_unit_parse(unit != NULL ? unit : "working-days")) < 0)
		return cmd_usage(c, _("--unit is working-days, days, same-day or hours"));
	cf->unit = (enum time_unit)u;
	if (cf->unit != TU_SAME_DAY && (time == NULL ||
	    cmd_int_arg(c, "--time", time, 0, CAL_MAX_AMOUNT, &v) != 0))
		return time == NULL ? cmd_usage(c, _("--time needs a number")) : EXIT_USAGE;
	cf->time_value = (int)v;
	if (cutoff != NULL && cf->unit != TU_SAME_DAY)
		return cmd_usage(c, _("--cutoff is for same-day procedures"));
	if (cutoff != NULL && (cf->cutoff = mc_hhmm_parse(cutoff)) < 0)
		return cmd_usage(c, _("--cutoff is a time like 15:00"));
	return 0;
}

static int
confirm(struct cmd_ctx *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "time", required_argument, NULL, 't' },
		{ "unit", required_argument, NULL, 'u' },
		{ "cutoff", required_argument, NULL, 'c' },
		{ "fee", required_argument, NULL, 'f' },
		{ "fee-online", required_argument, NULL, 'o' },
		{ "documents", no_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 },
	};
	struct catalog_confirm cf;
	struct mc_error err;
	const char *time = NULL, *unit = NULL, *cutoff = NULL;
	long v;
	int ch;

	catalog_confirm_init(&cf);
	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (ch) {
		case 't': time = optarg; break;
		case 'u': unit = optarg; break;
		case 'c': cutoff = optarg; break;
		case 'd': cf.documents = 1; break;
		case 'f':
		case 'o':
			if (cmd_int_arg(c, ch == 'f' ? "--fee" : "--fee-online", optarg, 0, 1000000000L, &v) != 0)
				return EXIT_USAGE;
			*(ch == 'f' ? &cf.fee : &cf.fee_online) = v;
			break;
		case ':': return cmd_usage(c, _("%s needs a value"), argv[optind - 1]);
		default: return cmd_usage(c, _("unknown option %s"), argv[optind - 1]);
		}
	}
	if (argc - optind != 1)
		return cmd_usage(c, _("catalog confirm needs a CODE"));
	if ((time != NULL || unit != NULL || cutoff != NULL) &&
	    confirm_time(c, time, unit, cutoff, &cf) != 0)
		return EXIT_USAGE;
	if (cf.fee_online >= 0 && cf.fee < 0)
		return cmd_usage(c, _("--fee-online goes with --fee (the fee at the counter)"));
	if (catalog_confirm(c->st, argv[optind], &cf, c->actor, &err) != MC_OK)
		return cmd_fail(c, &err);
	return show(c, argv[optind]);
}

int
cmd_catalog(struct cmd_ctx *c, int argc, char **argv)
{
	static const struct out_col vcols[] = { OUT_COL("version", OUT_STR),
	    OUT_COL("source", OUT_STR) };
	char version[64], *source;

	if (argc < 2)
		return cmd_usage(c, _("which catalog command?"));
	if (strcmp(argv[1], "import") == 0) {
		if (argc != 3)
			return cmd_usage(c, _("catalog import needs a FILE"));
		if (!cmd_may(c, ROLE_ADMIN))
			return EXIT_REFUSED;
		return import(c, argv[2]);
	}
	if (strcmp(argv[1], "list") == 0)
		return list(c, argc - 1, argv + 1);
	if (strcmp(argv[1], "show") == 0) {
		if (argc != 3)
			return cmd_usage(c, _("catalog show needs a CODE"));
		return show(c, argv[2]);
	}
	if (strcmp(argv[1], "confirm") == 0) {
		if (!cmd_may(c, ROLE_ADMIN))
			return EXIT_REFUSED;
		return confirm(c, argc - 1, argv + 1);
	}
	if (strcmp(argv[1], "version") == 0) {
		if (argc != 2)
			return cmd_usage(c, _("catalog version takes no argument"));
		catalog_version(c->st, version);
		source = store_setting(c->st, "catalog.source");
		out_print(c->format, vcols, (const char *const[]){ _("Catalogue version"),
		    _("Imported from") }, (const char *const[]){ version, source }, 2);
		free(source);
		return EXIT_DONE;
	}
	return cmd_usage(c, _("unknown catalog command '%s'"), argv[1]);
}
