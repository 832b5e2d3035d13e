/* screen-remind.c -- (being written) */
#include "config.h"

#include "console.h"
#include "i18n.h"

static int
remind_open(struct screen *s, void *arg)
{
	console_message(s->con, STYLE_ERROR, "%s", _("This screen is not ready yet."));
	return -1;
}

const struct screen_ops screen_remind_ops = {
	.name = "remind",
	.title = "remind",
	.open = remind_open,
};
