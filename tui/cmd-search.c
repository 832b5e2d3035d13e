/* cmd-search.c -- motcua search TEXT [--address WORDS]: dossiers by code fragment, name,
 * phone or ID, ranked (common/search.h); the address only when --address asks. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "dossier.h"
#include "i18n.h"
#include "search.h"
#include "text.h"

const struct out_col cmd_brief_cols[CMD_BRIEF_COLS] = { OUT_COL("code", OUT_STR),
    OUT_COL("name", OUT_STR), OUT_COL("procedure", OUT_STR), OUT_COL("status", OUT_STR),
    OUT_COL("received_at", OUT_TIME), OUT_COL("due_at", OUT_TIME),
    OUT_COL("status_code", OUT_INT) };

void
cmd_brief(const struct dossier *d, struct cmd_brief *b)
{
	mc_time_format(d->received_at, b->rec);
	mc_time_format(d->due_at, b->due);
	snprintf(b->status, sizeof b->status, "%d", d->status);
	b->vals[0] = d->code;
	b->vals[1] = d->name;
	b->vals[2] = d->procedure;
	b->vals[3] = dossier_status_name(d->status);
	b->vals[4] = b->rec;
	b->vals[5] = b->due;
	b->vals[6] = b->status;
}

static int
add(const struct dossier *d, void *ctx)
{
	struct cmd_brief b;

	cmd_brief(d, &b);
	out_row(ctx, b.vals);
	return 0;
}

int
cmd_search(struct cmd_ctx *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "limit", required_argument, NULL, 'l' },
		{ "address", required_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 },
	};
	const char *address = NULL, *text;
	struct mc_error err;
	struct out *o;
	long limit = 50;
	int ch, found;

	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (ch) {
		case 'l':
			if (cmd_int_arg(c, "--limit", optarg, 1, 100000, &limit) != 0)
				return EXIT_USAGE;
			break;
		case 'a': address = optarg; break;
		case ':': return cmd_usage(c, _("%s needs a value"), argv[optind - 1]);
		default: return cmd_usage(c, _("unknown option %s"), argv[optind - 1]);
		}
	}
	if (optind + 1 < argc || (optind == argc && address == NULL))
		return cmd_usage(c, _("search needs one TEXT (quote several words)"));
	text = optind < argc ? argv[optind] : "";
	o = out_table(c->format, cmd_brief_cols, CMD_BRIEF_COLS);
	if (search_dossiers(c->st, text, address, (int)limit, add, o, &found, &err) != MC_OK) {
		out_end(o);
		return cmd_fail(c, &err);
	}
	out_end(o);
	if (found == 0 && c->format == OUT_TEXT) {
		char *q = text_printable(text), *qa = address != NULL ? text_printable(address) : NULL;

		if (address != NULL)	/* never a control character raw */
			fprintf(stderr, _("No dossier matches '%s' with '%s' in its address.\n"),
			    q != NULL ? q : "", qa != NULL ? qa : "");
		else
			fprintf(stderr, _("No dossier matches '%s'.\n"), q != NULL ? q : "");
		free(q);
		free(qa);
	}
	return EXIT_DONE;
}
