/* cmd-intake.c -- motcua intake: register a dossier and print its code on its own line. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "cmd.h"
#include "dossier.h"
#include "i18n.h"

#define MAX_LINKED 8

static int
yes_no(const char *v)
{
	if (strcmp(v, "yes") == 0 || strcmp(v, "y") == 0 || strcmp(v, "1") == 0 || strcmp(v, "co") == 0)
		return 1;
	if (strcmp(v, "no") == 0 || strcmp(v, "n") == 0 || strcmp(v, "0") == 0 || strcmp(v, "khong") == 0)
		return 0;
	return -1;
}

int
cmd_intake(struct cmd_ctx *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "procedure", required_argument, NULL, 'P' },
		{ "name", required_argument, NULL, 'n' },
		{ "id", required_argument, NULL, 'i' },
		{ "phone", required_argument, NULL, 'p' },
		{ "address", required_argument, NULL, 'a' },
		{ "email", required_argument, NULL, 'e' },
		{ "sms", required_argument, NULL, 's' },
		{ "received", required_argument, NULL, 'r' },
		{ "channel", required_argument, NULL, 'c' },
		{ "priority", no_argument, NULL, 'y' },
		{ "sets", required_argument, NULL, 'S' },
		{ "linked", no_argument, NULL, 'l' },
		{ "note", required_argument, NULL, 'N' },
		{ "documents", required_argument, NULL, 'D' },
		{ NULL, 0, NULL, 0 },
	};
	struct intake in = { .received = MC_TIME_NONE };
	char codes[MAX_LINKED][CODE_MAX];
	const char *documents = NULL;
	struct handed_doc *docs = NULL;
	struct procedure p;
	struct mc_error err;
	struct cmd_brief b;
	struct dossier d;
	struct out *o;
	long sets;
	int ch, n, i, rc;

	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (ch) {
		case 'P': in.procedure = optarg; break;
		case 'n': in.name = optarg; break;
		case 'i': in.idno = optarg; break;
		case 'p': in.phone = optarg; break;
		case 'a': in.address = optarg; break;
		case 'e': in.email = optarg; break;
		case 'N': in.note = optarg; break;
		case 'D': documents = optarg; break;
		case 'y': in.priority = 1; break;
		case 'l': in.linked = 1; break;
		case 's':
			if ((in.sms = yes_no(optarg)) < 0)
				return cmd_usage(c, _("--sms is yes or no"));
			break;
		case 'r':
			if (cmd_time_arg(c, "--received", optarg, &in.received) != 0)
				return EXIT_USAGE;
			break;
		case 'c':
			if (strcmp(optarg, "counter") != 0 && strcmp(optarg, "postal") != 0 &&
			    strcmp(optarg, "online") != 0)
				return cmd_usage(c, _("--channel is counter, postal or online"));
			in.channel = optarg;
			break;
		case 'S':
			if (cmd_int_arg(c, "--sets", optarg, 1, 99, &sets) != 0)
				return EXIT_USAGE;
			in.sets = (int)sets;
			break;
		case ':': return cmd_usage(c, _("%s needs a value"), argv[optind - 1]);
		default: return cmd_usage(c, _("unknown option %s"), argv[optind - 1]);
		}
	}
	if (optind != argc)
		return cmd_usage(c, _("unexpected argument '%s'"), argv[optind]);
	if (in.procedure == NULL || in.name == NULL)
		return cmd_usage(c, _("--procedure and --name are required"));
	if (in.sms && (in.phone == NULL || *in.phone == '\0'))
		return cmd_usage(c, _("--sms yes needs --phone"));
	if (documents != NULL) {
		/* The numbers are the procedure's checklist as 'catalog show' lists it. */
		if ((rc = catalog_get(c->st, in.procedure, &p, &err)) == MC_ENOTFOUND)
			mc_fail(&err, rc, _("unknown procedure %s: see 'motcua catalog list'"), in.procedure);
		if (rc == MC_OK)
			rc = dossier_docs_parse(documents, &p, &docs, &in.ndocs, &err);
		procedure_free(&p);
		if (rc == MC_EINVAL)
			return cmd_usage(c, "--documents: %s", mc_message(&err));
		if (rc != MC_OK)
			return cmd_fail(c, &err);
		in.docs = docs;
		in.docs_recorded = 1;
	}
	rc = dossier_intake(c->st, &in, c->actor, codes, MAX_LINKED, &n, &err);
	free(docs);
	if (rc != MC_OK)
		return cmd_fail(c, &err);
	if (c->format == OUT_TEXT) {
		for (i = 0; i < n; i++)
			printf("%s\n", codes[i]);
		return EXIT_DONE;
	}
	/* For programs: the dossiers as search lists them (a linked group: several). */
	o = out_table(c->format, cmd_brief_cols, CMD_BRIEF_COLS);
	for (i = 0; i < n; i++)
		if (dossier_get(c->st, codes[i], &d, &err) == MC_OK) {
			cmd_brief(&d, &b);
			out_row(o, b.vals);
		}
	out_end(o);
	return EXIT_DONE;
}
