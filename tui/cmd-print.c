/* cmd-print.c -- motcua print CODE [--form NN|KIND] [--plain] [--ascii] [--output FILE |
 * --pdf FILE | --printer NAME]: a form for a dossier (common/paper.h), as text to
 * standard output or a file, as an A4 PDF to a file, or to a CUPS printer through
 * `lp -d NAME` (the PDF, or with --plain the text for a line printer). */
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

/* --form: a number of the office's set ("01", "2") or a kind ("receipt"). */
static int
form_arg(struct cmd_ctx *c, const char *s, int *form)
{
	char *end, summary[512];
	long n = strtol(s, &end, 10);

	if (end != s && *end == '\0' && n > 0 && n < 100)
		*form = paper_form_of(c->st, (int)n);
	else
		*form = paper_kind_parse(s);
	if (*form != 0)
		return 0;
	paper_set_summary(c->st, summary, sizeof summary);
	cmd_usage(c, _("--form: '%s' is not a form of this office's set (%s)"), s, summary);
	return -1;
}

/* Render to a temporary file and hand it to lp. */
static int
to_printer(struct cmd_ctx *c, const char *code, int form, int format, const char *printer,
    struct mc_error *err)
{
	char tmp[] = "/tmp/motcua-print-XXXXXX";
	int fd = mkstemp(tmp), rc;

	if (fd == -1)
		return mc_fail(err, MC_EIO, _("cannot write %s: %s"), tmp, strerror(errno));
	close(fd);
	if ((rc = paper_save(c->st, code, form, format, tmp, err)) == MC_OK)
		rc = paper_lp(printer, tmp, err);
	remove(tmp);
	return rc;
}

int
cmd_print(struct cmd_ctx *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "form", required_argument, NULL, 'f' },
		{ "plain", no_argument, NULL, 'p' },
		{ "ascii", no_argument, NULL, 'a' },
		{ "output", required_argument, NULL, 'o' },
		{ "pdf", required_argument, NULL, 'd' },
		{ "printer", required_argument, NULL, 'P' },
		{ NULL, 0, NULL, 0 },
	};
	const char *output = NULL, *pdf = NULL, *printer = NULL, *form_s = "receipt";
	char code[CODE_MAX];
	struct mc_error err;
	int ch, plain = 0, ascii = 0, rc, form, format;

	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (ch) {
		case 'f': form_s = optarg; break;
		case 'p': plain = 1; break;
		case 'a': ascii = plain = 1; break;
		case 'o': output = optarg; break;
		case 'd': pdf = optarg; break;
		case 'P': printer = optarg; break;
		case ':': return cmd_usage(c, _("%s needs a value"), argv[optind - 1]);
		default: return cmd_usage(c, _("unknown option %s"), argv[optind - 1]);
		}
	}
	if (optind + 1 != argc)
		return cmd_usage(c, _("print needs one dossier CODE"));
	if (c->format != OUT_TEXT)
		return cmd_usage(c, _("print writes a form, not data: --format does not apply"));
	if ((output != NULL) + (pdf != NULL) + (printer != NULL) > 1)
		return cmd_usage(c, _("--output, --pdf and --printer cannot be used together"));
	if (pdf != NULL && plain)
		return cmd_usage(c, _("--pdf writes a PDF: --plain and --ascii are for text"));
	if (printer != NULL && !paper_printer_name_ok(printer))
		return cmd_usage(c, _("'%s' is not a printer name"), printer);
	if (form_arg(c, form_s, &form) != 0)
		return EXIT_USAGE;
	if (code_parse(argv[optind], store_office(c->st), code, &err) != MC_OK)
		return cmd_fail(c, &err);
	format = ascii ? PAPER_ASCII : PAPER_TEXT;
	if (printer != NULL)	/* CUPS takes the PDF; a line printer the text (--plain) */
		rc = to_printer(c, code, form, plain ? format : PAPER_PDF, printer, &err);
	else if (pdf != NULL && strcmp(pdf, "-") != 0)
		rc = paper_save(c->st, code, form, PAPER_PDF, pdf, &err);
	else if (pdf != NULL)
		rc = paper_render(c->st, code, form, PAPER_PDF, stdout, &err);
	else if (output != NULL)
		rc = paper_save(c->st, code, form, format, output, &err);
	else
		rc = paper_render(c->st, code, form, format, stdout, &err);
	return rc == MC_OK ? EXIT_DONE : cmd_fail(c, &err);
}
