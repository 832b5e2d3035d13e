/* cmd-event.c -- motcua event CODE KIND: append what happened to a dossier.
 * An action the dossier's status forbids is refused with the reason (exit 1). */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "dossier.h"
#include "i18n.h"
#include "store.h"

int
cmd_event(struct cmd_ctx *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "note", required_argument, NULL, 'n' },
		{ "reason", required_argument, NULL, 'R' },
		{ "due", required_argument, NULL, 'd' },
		{ "at", required_argument, NULL, 't' },
		{ "to", required_argument, NULL, 'T' },
		{ "items", required_argument, NULL, 'I' },
		{ "amount", required_argument, NULL, 'A' },
		{ "collector", required_argument, NULL, 'C' },
		{ "rating", required_argument, NULL, 'r' },
		{ "name", required_argument, NULL, 'N' },
		{ "phone", required_argument, NULL, 'p' },
		{ "address", required_argument, NULL, 'a' },
		{ "id", required_argument, NULL, 'i' },
		{ "email", required_argument, NULL, 'e' },
		{ NULL, 0, NULL, 0 },
	};
	static const char *const field_of[128] = { ['N'] = "name", ['p'] = "phone",
	    ['a'] = "address", ['i'] = "idno", ['e'] = "email" };
	struct event_args a;
	struct cmd_brief b;
	struct dossier d;
	struct mc_error err;
	char code[CODE_MAX];
	json_t *fields = json_object();
	long v;
	int ch, kind, rc = EXIT_USAGE;

	event_args_init(&a);
	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (ch) {
		case 'n': a.note = optarg; break;
		case 'R': a.reason = optarg; break;
		case 'T': a.to = optarg; break;
		case 'I': a.items = optarg; break;
		case 'C': a.collector = optarg; break;
		case 'N': case 'p': case 'a': case 'i': case 'e':
			json_object_set_new(fields, field_of[ch], json_string(optarg));
			break;
		case 'd':
			if (cmd_time_arg(c, "--due", optarg, &a.due) != 0)
				goto out;
			break;
		case 't':
			if (cmd_time_arg(c, "--at", optarg, &a.at) != 0)
				goto out;
			break;
		case 'A':
			if (cmd_int_arg(c, "--amount", optarg, 1, 1000000000L, &a.amount) != 0)
				goto out;
			break;
		case 'r':
			if (cmd_int_arg(c, "--rating", optarg, 1, 4, &v) != 0)
				goto out;
			a.rating = (int)v;
			break;
		case ':': rc = cmd_usage(c, _("%s needs a value"), argv[optind - 1]); goto out;
		default: rc = cmd_usage(c, _("unknown option %s"), argv[optind - 1]); goto out;
		}
	}
	if (optind + 2 != argc) {
		rc = cmd_usage(c, _("event needs a dossier CODE and a KIND"));
		goto out;
	}
	if ((kind = event_kind_parse(argv[optind + 1])) < 0) {
		rc = cmd_usage(c, _("unknown event kind '%s'"), argv[optind + 1]);
		goto out;
	}
	if (code_parse(argv[optind], store_office(c->st), code, &err) != MC_OK) {
		rc = cmd_fail(c, &err);
		goto out;
	}
	a.fields = fields;
	if (dossier_append(c->st, code, (enum event_kind)kind, &a, c->actor, &err) != MC_OK) {
		rc = cmd_fail(c, &err);
		goto out;
	}
	/* Programs get the dossier as it now stands; people nothing (it worked). */
	if (c->format != OUT_TEXT && dossier_get(c->st, code, &d, &err) == MC_OK) {
		cmd_brief(&d, &b);
		out_print(c->format, cmd_brief_cols, NULL, b.vals, CMD_BRIEF_COLS);
	}
	rc = EXIT_DONE;
out:
	json_decref(fields);
	return rc;
}
