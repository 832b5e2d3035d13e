/* cmd-search.c -- motcua search TEXT: dossiers by code fragment, name, phone or ID. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "i18n.h"
#include "search.h"
#include "text.h"

static int
add(const struct dossier *d, void *ctx)
{
	char rec[MC_TIME_BUF], due[MC_TIME_BUF];

	mc_time_format(d->received_at, rec);
	mc_time_format(d->due_at, due);
	out_row(ctx, (const char *[]){ d->code, d->name, d->procedure,
	    dossier_status_name(d->status), rec, due });
	return 0;
}

int
cmd_search(struct cmd_ctx *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "limit", required_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 },
	};
	static const char *const cols[] = { "code", "name", "procedure", "status", "received_at", "due_at" };
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
		case ':': return cmd_usage(c, _("%s needs a value"), argv[optind - 1]);
		default: return cmd_usage(c, _("unknown option %s"), argv[optind - 1]);
		}
	}
	if (optind + 1 != argc)
		return cmd_usage(c, _("search needs one TEXT (quote several words)"));
	o = out_table(c->format, cols, 6);
	if (search_dossiers(c->st, argv[optind], (int)limit, add, o, &found, &err) != MC_OK) {
		out_end(o);
		return cmd_fail(c, &err);
	}
	out_end(o);
	if (found == 0 && c->format == OUT_TEXT) {
		char *q = text_printable(argv[optind]);	/* never a control character raw */

		fprintf(stderr, _("No dossier matches '%s'.\n"), q != NULL ? q : "");
		free(q);
	}
	return EXIT_DONE;
}
