/* screen-home.c -- the home screen after login: today's work at a glance.
 *
 * Received today, due today, overdue, and results waiting for collection, each a
 * key away from the list behind it (the search screen with that filter); then new
 * dossier and search.  The counts are read again when the minute changes, when the
 * screen is back on top, and on Ctrl-L.  (The SMS modem's state and the last sync
 * join this screen when their tables exist.)
 */
#include "config.h"

#include <ncurses.h>
#include <stdio.h>
#include <stdlib.h>

#include "console.h"
#include "filter.h"
#include "i18n.h"

#define NLISTS 4

struct home {
	long count[NLISTS];
	int failed;		/* the last reading failed (message shown) */
	mc_minute loaded;	/* the minute the counts are for */
	int sel;		/* the selected line of the menu */
	int quit_armed;		/* q pressed once */
};

static void home_list(struct screen *s, const struct screen_key *k);
static void home_new(struct screen *s, const struct screen_key *k);
static void home_search(struct screen *s, const struct screen_key *k);
static void home_quit(struct screen *s, const struct screen_key *k);
static void home_screen(struct screen *s, const struct screen_key *k);

/* The screens behind the lines after the lists, by home_keys[].arg. */
static const struct screen_ops *const home_screens[] = {
	&screen_report_ops, &screen_sms_ops, &screen_admin_ops,
};

/* The menu, in the order shown; the first NLISTS are the lists with their counts. */
static const struct screen_key home_keys[] = {
	{ .key = 'r', .keyname = "r", .help = N_("Received today"), .run = home_list, .arg = FILTER_RECEIVED_TODAY },
	{ .key = 'd', .keyname = "d", .help = N_("Due today"), .run = home_list, .arg = FILTER_DUE_TODAY },
	{ .key = 'o', .keyname = "o", .help = N_("Overdue"), .run = home_list, .arg = FILTER_OVERDUE },
	{ .key = 'c', .keyname = "c", .help = N_("Results waiting for collection"), .run = home_list, .arg = FILTER_READY },
	{ .key = 'n', .alt = CK(KEY_F(2)), .keyname = "n, F2", .help = N_("Receive a new dossier"), .run = home_new },
	{ .key = '/', .alt = CK(KEY_F(3)), .keyname = "/, F3", .help = N_("Search dossiers"), .run = home_search },
	{ .key = 'b', .keyname = "b", .help = N_("Tracking book and reports"), .run = home_screen, .arg = 0 },
	{ .key = 's', .keyname = "s", .help = N_("SMS centre and reminders"), .run = home_screen, .arg = 1 },
	{ .key = 'a', .keyname = "a", .help = N_("Administration"), .run = home_screen, .arg = 2 },
	{ .key = 'q', .alt = CON_ESC, .keyname = "q q", .help = N_("Quit (press q twice)"), .run = home_quit },
	{ .key = 0 },
};
#define NMENU 9

static void
home_reload(struct screen *s)
{
	struct home *h = s->data;
	struct mc_error err;
	struct filter_spec f = { 0 };
	mc_minute now = mc_now();
	int i;

	h->loaded = now;
	h->failed = 0;
	for (i = 0; i < NLISTS; i++) {
		f.kind = (enum filter_kind)home_keys[i].arg;
		if (filter_count(s->con->st, &f, now, &h->count[i], &err) != MC_OK) {
			h->count[i] = -1;
			h->failed = 1;
			console_message(s->con, STYLE_ERROR, "%s", mc_message(&err));
		}
	}
}

static int
home_open(struct screen *s, void *arg)
{
	s->data = xcalloc(1, sizeof(struct home));
	home_reload(s);
	return 0;
}

static void
home_close(struct screen *s)
{
	free(s->data);
}

static void
home_draw(struct screen *s, int y, int h, int w)
{
	struct home *hm = s->data;
	struct console *con = s->con;
	char line[256], num[32], today[MC_TIME_BUF];
	mc_minute now = mc_now();
	int i, row, lw = 0, n, x = w >= 100 ? 8 : 2;
	enum con_style style;

	if (now != hm->loaded)	/* a new minute */
		home_reload(s);
	mc_date_format_vn(mc_day_of(now), today);
	snprintf(line, sizeof line, _("Today, %s"), today);
	console_put(con, y + 1, x, w - x, STYLE_HEADER, line);
	snprintf(line, sizeof line, "%s (%s)", con->user.full_name[0] != '\0' ?
	    con->user.full_name : con->user.login, role_name(con->user.role));
	console_put(con, y + 1, w / 2, w - w / 2 - 1, STYLE_DIM, line);
	for (i = 0; i < NMENU; i++)
		if ((n = console_width(con, _(home_keys[i].help))) > lw)
			lw = n;
	if (lw > w - x - 20)
		lw = w - x - 20;
	row = y + 3;
	for (i = 0; i < NMENU && row < y + h; i++, row++) {
		if (i == NLISTS)
			row++;	/* a blank line between the counts and the actions */
		style = i == hm->sel ? STYLE_SELECTED : STYLE_NORMAL;
		console_fill(con, row, x, lw + 18, style);
		console_put(con, row, x + 1, 6, style, home_keys[i].keyname);
		console_put(con, row, x + 8, lw, style, _(home_keys[i].help));
		if (i < NLISTS) {
			if (hm->count[i] < 0)
				snprintf(num, sizeof num, "?");
			else
				snprintf(num, sizeof num, "%ld", hm->count[i]);
			if (i == 2 && hm->count[i] > 0 && style == STYLE_NORMAL)
				style = STYLE_OVERDUE;
			console_put(con, row, x + 9 + lw + 8 - console_width(con, num), 8, style, num);
		}
	}
	row++;
	if (row < y + h - 1)
		console_put(con, row + 1, x, w - x, STYLE_DIM,
		    _("Up, Down and Enter, or the letter on the left. F1 or ?: all the keys."));
}

static void
home_list(struct screen *s, const struct screen_key *k)
{
	struct filter_spec f = { .kind = (enum filter_kind)k->arg };

	console_push(s->con, &screen_search_ops, &f);
}

static void
home_new(struct screen *s, const struct screen_key *k)
{
	console_push(s->con, &screen_intake_ops, NULL);
}

static void
home_search(struct screen *s, const struct screen_key *k)
{
	console_push(s->con, &screen_search_ops, NULL);
}

static void
home_screen(struct screen *s, const struct screen_key *k)
{
	console_push(s->con, home_screens[k->arg], NULL);
}

static void
home_quit(struct screen *s, const struct screen_key *k)
{
	struct home *h = s->data;

	if (h->quit_armed) {
		s->con->quit = 1;
		return;
	}
	h->quit_armed = 1;
	console_message(s->con, STYLE_INFO, _("Press q again to quit motcua."));
}

static int
home_key(struct screen *s, int key)
{
	struct home *h = s->data;

	if (key != 'q' && key != CON_ESC)
		h->quit_armed = 0;
	switch (key) {
	case CK(KEY_DOWN):
	case 'j':
		h->sel = (h->sel + 1) % NMENU;
		return CON_KEY_DONE;
	case CK(KEY_UP):
	case 'k':
		h->sel = (h->sel + NMENU - 1) % NMENU;
		return CON_KEY_DONE;
	case '\r':
	case '\n':
	case CK(KEY_ENTER):
		home_keys[h->sel].run(s, &home_keys[h->sel]);
		return CON_KEY_DONE;
	default:
		return CON_KEY_PASS;
	}
}

const struct screen_ops screen_home_ops = {
	.name = "home",
	.title = N_("Home"),
	.open = home_open,
	.draw = home_draw,
	.key = home_key,
	.reload = home_reload,
	.close = home_close,
	.help = home_keys,
};
