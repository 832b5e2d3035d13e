/* screen-sms.c -- (being written) */
#include "config.h"

#include "console.h"
#include "i18n.h"

static int
sms_open(struct screen *s, void *arg)
{
	console_message(s->con, STYLE_ERROR, "%s", _("This screen is not ready yet."));
	return -1;
}

const struct screen_ops screen_sms_ops = {
	.name = "sms",
	.title = "sms",
	.open = sms_open,
};
