/* screen-admin.c -- (being written) */
#include "config.h"

#include "console.h"
#include "i18n.h"

static int
admin_open(struct screen *s, void *arg)
{
	console_message(s->con, STYLE_ERROR, "%s", _("This screen is not ready yet."));
	return -1;
}

const struct screen_ops screen_admin_ops = {
	.name = "admin",
	.title = "admin",
	.open = admin_open,
};
