/* screen-report.c -- (being written) */
#include "config.h"

#include "console.h"
#include "i18n.h"

static int
report_open(struct screen *s, void *arg)
{
	console_message(s->con, STYLE_ERROR, "%s", _("This screen is not ready yet."));
	return -1;
}

const struct screen_ops screen_report_ops = {
	.name = "report",
	.title = "report",
	.open = report_open,
};
