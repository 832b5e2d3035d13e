/* cmd-print.c -- motcua print CODE [--form 01..05] [--plain] [--output FILE]
 * [--printer NAME]: a form of Thông tư 01/2018 for a dossier (common/paper.h), to
 * standard output, a file, or a CUPS printer through `lp -d NAME`. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "code.h"
#include "i18n.h"
#include "paper.h"
#include "store.h"

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
	char code[CODE_MAX];
	struct mc_error err;
	long form = PAPER_RECEIPT;
	int ch, flags = 0, rc;

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
	if (c->format != OUT_TEXT)
		return cmd_usage(c, _("print writes a form, not data: --format does not apply"));
	if (output != NULL && printer != NULL)
		return cmd_usage(c, _("--output and --printer cannot be used together"));
	if (printer != NULL && !paper_printer_name_ok(printer))
		return cmd_usage(c, _("'%s' is not a printer name"), printer);
	if (code_parse(argv[optind], store_office(c->st), code, &err) != MC_OK)
		return cmd_fail(c, &err);
	if (printer != NULL) {
		char tmp[] = "/tmp/motcua-print-XXXXXX";
		int fd = mkstemp(tmp);

		if (fd == -1)
			rc = mc_fail(&err, MC_EIO, _("cannot write %s: %s"), tmp, strerror(errno));
		else {
			close(fd);
			if ((rc = paper_save(c->st, code, (int)form, flags, tmp, &err)) == MC_OK)
				rc = paper_lp(printer, tmp, &err);
			remove(tmp);
		}
	} else if (output != NULL) {
		rc = paper_save(c->st, code, (int)form, flags, output, &err);
	} else
		rc = paper_render(c->st, code, (int)form, flags, stdout, &err);
	return rc == MC_OK ? EXIT_DONE : cmd_fail(c, &err);
}
