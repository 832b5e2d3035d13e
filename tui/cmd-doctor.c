/* cmd-doctor.c -- motcua doctor: what is wrong with this machine, one line each, and
 * what to do (the checks are common/doctor.c's).
 *
 *	motcua doctor			ok / warning / FAIL, the area, the finding and
 *					what to do, in the office's language
 *	motcua doctor --format tsv|json	level, area, check, message, fix
 *
 * Exit 0 when nothing failed (warnings allowed), 1 otherwise.  The store is opened
 * here by doctor itself: a store that does not open is a finding, not a refusal.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "conf.h"
#include "doctor.h"
#include "i18n.h"
#include "text.h"

/* s, then spaces up to width columns. */
static void
put_padded(const char *s, int width)
{
	int w = text_width(s);

	fputs(s, stdout);
	for (; w < width; w++)
		putchar(' ');
}

static void
print_text(const struct doctor_report *r)
{
	const struct doctor_finding *f;
	int i, ok = r->n - r->fails - r->warns;

	for (i = 0; i < r->n; i++) {
		f = &r->items[i];
		put_padded(doctor_level_words(f->level), 9);
		printf("%s: %s", doctor_area_words(f->area), f->message);
		if (f->fix[0] != '\0')
			printf(_(". What to do: %s"), f->fix);
		putchar('\n');
	}
	printf(_("%d failed, %d warnings, %d ok.\n"), r->fails, r->warns, ok);
}

static void
print_table(struct cmd_ctx *c, const struct doctor_report *r)
{
	static const struct out_col cols[] = {
		OUT_COL("level", OUT_STR), OUT_COL("area", OUT_STR), OUT_COL("check", OUT_STR),
		OUT_COL("message", OUT_STR), OUT_COL("fix", OUT_STR),
	};
	const struct doctor_finding *f;
	struct out *o = out_table(c->format, cols, 5);
	int i;

	for (i = 0; i < r->n; i++) {
		f = &r->items[i];
		out_row(o, (const char *[]){ doctor_level_key(f->level), f->area, f->check, f->message, f->fix });
	}
	out_end(o);
}

int
cmd_doctor(struct cmd_ctx *c, int argc, char **argv)
{
	struct doctor_opts o = {
		.db_path = c->db_path,
		.backup_dir = conf_get("backup", "dir"),
		.now = mc_clock(),
		.store_language = 1,
	};
	struct doctor_report r = { 0 };
	int rc;

	(void)argv;
	if (argc != 1)
		return cmd_usage(c, _("doctor takes no arguments"));
	if (doctor_run(&o, &r) != MC_OK)
		fprintf(stderr, "motcua: %s\n", mc_strerror(MC_ENOMEM));
	if (c->format == OUT_TEXT)
		print_text(&r);
	else
		print_table(c, &r);
	rc = r.fails > 0 ? EXIT_REFUSED : EXIT_DONE;
	doctor_report_free(&r);
	return rc;
}
