/* cmd-print.c -- motcua print CODE [--form 01..05] [--plain] [--output FILE]
 * [--printer NAME]: a form of Thông tư 01/2018 for a dossier (common/paper.h), to
 * standard output, a file, or a CUPS printer through `lp -d NAME`. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include "cmd.h"
#include "code.h"
#include "i18n.h"
#include "paper.h"
#include "store.h"

/* A CUPS queue name: letters, digits, '-', '_', '.', '@' (no shell quoting needed). */
static int
printer_name_ok(const char *s)
{
	if (*s == '\0' || *s == '-' || strlen(s) > 127)
		return 0;
	for (; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
		    *s == '-' || *s == '_' || *s == '.' || *s == '@'))
			return 0;
	return 1;
}

int
cmd_print(struct cmd_ctx *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "form", required_argument, NULL, 'f' },
		{ "plain", no_argument, NULL, 'p' },
		{ "output", required_argument, NULL, 'o' },
		{ "printer", required_argument, NULL, 'P' },
		{ NULL, 0, NULL, 0 },
	};
	const char *output = NULL, *printer = NULL;
	char code[CODE_MAX], cmdline[192];
	struct mc_error err;
	long form = PAPER_RECEIPT;
	int ch, flags = 0, rc, status;
	FILE *fp;

	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (ch) {
		case 'f':
			if (cmd_int_arg(c, "--form", optarg, PAPER_RECEIPT, PAPER_CONTROL, &form) != 0)
				return EXIT_USAGE;
			break;
		case 'p': flags |= PAPER_PLAIN; break;
		case 'o': output = optarg; break;
		case 'P': printer = optarg; break;
		case ':': return cmd_usage(c, _("%s needs a value"), argv[optind - 1]);
		default: return cmd_usage(c, _("unknown option %s"), argv[optind - 1]);
		}
	}
	if (optind + 1 != argc)
		return cmd_usage(c, _("print needs one dossier CODE"));
	if (output != NULL && printer != NULL)
		return cmd_usage(c, _("--output and --printer cannot be used together"));
	if (printer != NULL && !printer_name_ok(printer))
		return cmd_usage(c, _("'%s' is not a printer name"), printer);
	if (code_parse(argv[optind], store_office(c->st), code, &err) != MC_OK)
		return cmd_fail(c, &err);
	if (printer != NULL) {
		snprintf(cmdline, sizeof cmdline, "lp -s -d %s", printer);
		if ((fp = popen(cmdline, "w")) == NULL) {
			mc_fail(&err, MC_EIO, _("cannot run lp: %s"), strerror(errno));
			return cmd_fail(c, &err);
		}
		rc = paper_render(c->st, code, (int)form, flags, fp, &err);
		status = pclose(fp);
		if (rc == MC_OK && (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0))
			rc = mc_fail(&err, MC_EIO, _("the printer '%s' did not accept the form (lp failed)"),
			    printer);
	} else if (output != NULL) {
		if ((fp = fopen(output, "w")) == NULL) {
			mc_fail(&err, MC_EIO, _("cannot write %s: %s"), output, strerror(errno));
			return cmd_fail(c, &err);
		}
		rc = paper_render(c->st, code, (int)form, flags, fp, &err);
		if (fclose(fp) != 0 && rc == MC_OK)
			rc = mc_fail(&err, MC_EIO, _("cannot write %s: %s"), output, strerror(errno));
		if (rc != MC_OK)
			remove(output);
	} else
		rc = paper_render(c->st, code, (int)form, flags, stdout, &err);
	return rc == MC_OK ? EXIT_DONE : cmd_fail(c, &err);
}
