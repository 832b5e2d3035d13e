/* cmd-config.c -- motcua config: what this machine's settings file says, and the
 * defaults for what it does not (common/conf.c); secrets shown as "(set)". */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "conf.h"
#include "i18n.h"

int
cmd_config(struct cmd_ctx *c, int argc, char **argv)
{
	static const struct out_col cols[] = { OUT_COL("section", OUT_STR), OUT_COL("setting", OUT_STR),
	    OUT_COL("value", OUT_STR), OUT_COL("default", OUT_STR) };
	const struct conf_key *k;
	struct out *o;

	if (argc != 1)
		return cmd_usage(c, _("config takes no arguments"));
	if (c->format == OUT_TEXT)
		printf(_("Settings file: %s\n"), conf_path());
	o = out_table(c->format, cols, 4);
	for (k = conf_keys; k->section != NULL; k++) {
		const char *v = conf_get(k->section, k->key);

		if (k->secret && *v != '\0')
			v = _("(set)");
		out_row(o, (const char *[]){ k->section, k->key, v, k->dflt });
	}
	out_end(o);
	return EXIT_DONE;
}
