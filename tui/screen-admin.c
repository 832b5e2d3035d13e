/* screen-admin.c -- the administration menu (administrators only): users, importing
 * the procedure catalogue, holidays, office settings and the printer, each line with
 * a word on its state (and what of the catalogue is still to verify, confirmed in
 * screen-admin-catalog.c); and the pieces the screens behind it share (admin.h).
 *
 * The catalogue import happens here, in a form asking for the file: catalog_import()
 * takes all of it or nothing and its answer (how many, or which lines are wrong and
 * why) stays on the screen under the menu.
 */
#include "config.h"

#include <ncurses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "auth.h"
#include "catalog.h"
#include "cmd.h"
#include "form.h"
#include "i18n.h"
#include "menu.h"
#include "store.h"

/* ---- shared by the administration screens (admin.h) ---- */

int
admin_allowed(struct console *con)
{
	if (con->logged_in && con->user.role == ROLE_ADMIN)
		return 1;
	console_message(con, STYLE_ERROR, "%s",
	    _("Only an administrator can open the administration."));
	return 0;
}

void *
admin_grow(void *p, int n, int *cap, size_t size)
{
	void *np;

	if (n < *cap)
		return p;
	*cap = *cap > 0 ? *cap * 2 : 16;
	np = xcalloc((size_t)*cap, size);
	if (n > 0)
		memcpy(np, p, (size_t)n * size);
	free(p);
	return np;
}

/* A leading "~/" is the user's home folder, as in a shell. */
static void
expand_home(const char *in, char *out, size_t n)
{
	const char *home = getenv("HOME");

	if (in[0] == '~' && (in[1] == '/' || in[1] == '\0') && home != NULL)
		snprintf(out, n, "%s%s", home, in + 1);
	else
		snprintf(out, n, "%s", in);
}

static enum form_result
import_submit(struct console *con, void *ctx, const char *const *values)
{
	struct admin_import *im = ctx;
	struct mc_error err;
	char path[FIELD_MAX + 256];

	snprintf(im->path, sizeof im->path, "%s", values[0]);
	expand_home(values[0], path, sizeof path);
	mc_error_clear(&err);
	if (im->run(con->st, path, con->actor, &im->count, &err) != MC_OK) {
		im->failed = 1;
		snprintf(im->result, sizeof im->result, "%s", mc_message(&err));
		console_message(con, STYLE_ERROR, "%s", mc_message(&err));
		/* A missing file may be a typing slip: let the user correct it. */
		return err.code == MC_EIO || err.code == MC_ENOTFOUND ? FORM_STAY : FORM_CLOSE;
	}
	im->failed = 0;
	snprintf(im->result, sizeof im->result, _(im->done), im->count, values[0]);
	console_message(con, STYLE_INFO, "%s", im->result);
	if (im->after != NULL)
		im->after(con);
	return FORM_CLOSE;
}

void
admin_import_ask(struct console *con, struct admin_import *im)
{
	struct form_spec spec = {
		.title = im->title,
		.prompt = N_("All or nothing: one bad line and nothing is imported."),
		.items = { { im->label != NULL ? im->label : N_("CSV file"), FIELD_PLAIN, 1,
		    FIELD_MAX - 1 } },
		.nitems = 1,
		.submit = import_submit,
	};
	const char *initial[FORM_MAX_ITEMS] = { im->path };

	form_open(con, &spec, im, initial);
}

int
admin_import_draw(struct console *con, const struct admin_import *im, int y, int h, int w)
{
	int used;

	if (im->result[0] == '\0' || h < 1)
		return 0;
	used = console_put(con, y, 1, w - 2, STYLE_LABEL, im->failed ? _("Refused:") : _("Done:"));
	return console_wrap(con, y, used + 2, h, w - used - 3, im->failed ? STYLE_ERROR : STYLE_INFO,
	    im->result);
}

void
admin_console_refresh(struct console *con)
{
	struct mc_error err;
	char *v;

	v = store_setting(con->st, "language");
	mc_i18n_init(v);
	free(v);
	if ((v = store_setting(con->st, "office.name")) != NULL) {
		free(con->office_name);
		con->office_name = v;
	}
	if (calendar_load(con->st, &con->cal, &err) != MC_OK ||
	    console_load_catalog(con, &err) != MC_OK || console_load_people(con, &err) != MC_OK)
		console_message(con, STYLE_ERROR, "%s", mc_message(&err));
}

/* ---- the menu ---- */

enum { LINE_USERS, LINE_CATALOG, LINE_VERIFY, LINE_HOLIDAYS, LINE_SETTINGS, LINE_PRINTER, NLINES };

struct admin {
	struct menu m;			/* m.state points into state */
	char state[NLINES][160];	/* a word on each line's state */
	const char *states[NLINES];
	struct admin_import catalog;
};

static int
count_user(const struct user *u, void *ctx)
{
	int *n = ctx;

	n[0]++;
	n[1] += u->disabled != 0;
	n[2] += u->locked != 0;
	return 0;
}

static int
count_procedure(const struct procedure *p, void *ctx)
{
	int *n = ctx;

	n[0]++;
	n[1] += p->verify != 0;
	return 0;
}

static int
count_holiday(const struct holiday_row *r, void *ctx)
{
	(*(int *)ctx)++;
	return 0;
}

static void
admin_reload(struct screen *s)
{
	struct admin *a = s->data;
	struct store *st = s->con->st;
	struct mc_error err;
	int users[3] = { 0, 0, 0 }, procs[2] = { 0, 0 }, days = 0, y, m, d;
	char *printer;

	mc_civil_from_day(mc_day_of(mc_now()), &y, &m, &d);
	if (auth_each(st, count_user, users, &err) != MC_OK ||
	    catalog_each(st, NULL, 0, count_procedure, procs, &err) != MC_OK ||
	    holiday_each(st, mc_day_from_civil(y, 1, 1), mc_day_from_civil(y, 12, 31),
	    count_holiday, &days, &err) != MC_OK)
		console_message(s->con, STYLE_ERROR, "%s", mc_message(&err));
	if (users[2] > 0)	/* locked after failed logins: u, then u again unlocks */
		snprintf(a->state[LINE_USERS], sizeof a->state[0], _("%d users, %d disabled, %d locked"),
		    users[0], users[1], users[2]);
	else
		snprintf(a->state[LINE_USERS], sizeof a->state[0], _("%d users, %d disabled"),
		    users[0], users[1]);
	snprintf(a->state[LINE_CATALOG], sizeof a->state[0], _("%d procedures"), procs[0]);
	snprintf(a->state[LINE_VERIFY], sizeof a->state[0], _("%d to verify"), procs[1]);
	snprintf(a->state[LINE_HOLIDAYS], sizeof a->state[0], _("%d days in %d"), days, y);
	a->state[LINE_SETTINGS][0] = '\0';
	printer = store_setting(st, "printer");
	snprintf(a->state[LINE_PRINTER], sizeof a->state[0], "%s",
	    printer != NULL && *printer != '\0' ? printer : _("none chosen"));
	free(printer);
}

static const struct menu_spec admin_menu;

static int
admin_open(struct screen *s, void *arg)
{
	struct admin *a;
	int i;

	if (!admin_allowed(s->con))
		return -1;
	a = xcalloc(1, sizeof *a);
	a->m.spec = &admin_menu;
	for (i = 0; i < NLINES; i++)
		a->states[i] = a->state[i];
	a->m.state = a->states;
	a->catalog.title = N_("Import the procedure catalogue");
	a->catalog.label = N_("File (CSV, or the portal's .xlsx list)");
	a->catalog.done = N_("%d procedures imported from %s.");
	a->catalog.run = catalog_import;
	a->catalog.after = admin_console_refresh;
	snprintf(a->catalog.path, sizeof a->catalog.path, "%s/data/procedures.csv", cmd_datadir());
	s->data = a;
	admin_reload(s);
	return 0;
}

static void
admin_close(struct screen *s)
{
	free(s->data);
}

static void admin_line(struct screen *s, const struct screen_key *k);

/* The menu, in the order shown (arg: the line). */
static const struct screen_key admin_keys[] = {
	{ .key = 'u', .keyname = "u", .help = N_("Users: add, disable, new password"), .run = admin_line, .arg = LINE_USERS },
	{ .key = 'i', .keyname = "i", .help = N_("Import the procedure catalogue"), .run = admin_line, .arg = LINE_CATALOG },
	{ .key = 'c', .keyname = "c", .help = N_("Catalogue: times and fees to verify"), .run = admin_line, .arg = LINE_VERIFY },
	{ .key = 'h', .keyname = "h", .help = N_("Holidays and extra working days"), .run = admin_line, .arg = LINE_HOLIDAYS },
	{ .key = 'o', .keyname = "o", .help = N_("Office settings"), .run = admin_line, .arg = LINE_SETTINGS },
	{ .key = 'p', .keyname = "p", .help = N_("Printer: choose it, print a test page"), .run = admin_line, .arg = LINE_PRINTER },
	{ .key = CK(KEY_UP), .keyname = "Up, Down, Enter", .help = N_("choose a line and open it") },
	{ .key = 0 },
};

static const struct menu_spec admin_menu = { .items = admin_keys, .nitems = NLINES, .keyw = 4 };

static void
admin_draw(struct screen *s, int y, int h, int w)
{
	struct admin *a = s->data;
	struct console *con = s->con;
	int row = y + 1, lw = menu_width(con, &a->m), x = w >= 100 ? 8 : 2;

	console_put(con, row, x, w - x - 1, STYLE_HEADER, con->office_name);
	row += 2;
	if (lw > (w - x) * 3 / 5)
		lw = (w - x) * 3 / 5;
	row += menu_draw(con, &a->m, row, x, y + h - row, w, lw);
	row++;
	row += admin_import_draw(con, &a->catalog, row, y + h - row - 2, w);
	if (row < y + h - 1)
		console_hint(con, row + 1, x, y + h - row - 1, w - x - 1,
		    _("Up, Down and Enter, or the letter on the left. F1 or ?: all the keys."));
}

static void
admin_line(struct screen *s, const struct screen_key *k)
{
	struct admin *a = s->data;

	a->m.sel = k->arg;
	switch (k->arg) {
	case LINE_USERS:
		console_push(s->con, &screen_admin_users_ops, NULL);
		break;
	case LINE_CATALOG:
		admin_import_ask(s->con, &a->catalog);
		break;
	case LINE_VERIFY:
		console_push(s->con, &screen_admin_catalog_ops, NULL);
		break;
	case LINE_HOLIDAYS:
		console_push(s->con, &screen_admin_holidays_ops, NULL);
		break;
	case LINE_SETTINGS:
		console_push(s->con, &screen_admin_settings_ops, NULL);
		break;
	case LINE_PRINTER:
		console_push(s->con, &screen_admin_settings_ops, (void *)"printer");
		break;
	}
}

static int
admin_key(struct screen *s, int key)
{
	struct admin *a = s->data;

	return menu_key(s, &a->m, key);
}

const struct screen_ops screen_admin_ops = {
	.name = "admin",
	.title = N_("Administration"),
	.open = admin_open,
	.draw = admin_draw,
	.key = admin_key,
	.reload = admin_reload,
	.close = admin_close,
	.help = admin_keys,
};
