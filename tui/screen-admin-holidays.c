/* screen-admin-holidays.c -- a year of the holiday table: days off and extra working
 * days (a Saturday worked in exchange), with the rows the government has not yet
 * announced marked provisional; another year with Left and Right; one day added (or
 * replaced) and one removed (holiday_add, holiday_remove), and the import of a
 * holiday CSV file (holiday_import, all or nothing); after each the console's
 * calendar is read again so that due dates follow at once.
 */
#include "config.h"

#include <ncurses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "calendar.h"
#include "cmd.h"
#include "form.h"
#include "i18n.h"
#include "text.h"

#define YEAR_MIN 1900
#define YEAR_MAX 2200

static const char *const weekdays[7] = {
	N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"),
	N_("Saturday"), N_("Sunday"),
};

struct day {
	mc_day day;
	char *name;		/* owned */
	int work, provisional;
};

struct holidays {
	char question[400];	/* the removal's question (the form points to it) */
	mc_day pending;		/* the day it is about */
	int year;
	struct day *d;		/* d[0 .. list.n) */
	int cap;
	int off, work;		/* days off, extra working days */
	struct grid list;		/* ADMIN_LIST */
	struct admin_import import;
};

static int
add_day(const struct holiday_row *r, void *ctx)
{
	struct holidays *hd = ctx;
	struct day *nd;

	hd->d = admin_grow(hd->d, hd->list.n, &hd->cap, sizeof *hd->d);
	nd = &hd->d[hd->list.n++];
	nd->day = r->day;
	nd->name = xstrdup(r->name);
	nd->work = r->work;
	nd->provisional = r->provisional;
	if (r->work)
		hd->work++;
	else
		hd->off++;
	return 0;
}

static void
free_days(struct holidays *hd)
{
	int i;

	for (i = 0; i < hd->list.n; i++)
		free(hd->d[i].name);
	hd->list.n = hd->off = hd->work = 0;
}

static void
holidays_reload(struct screen *s)
{
	struct holidays *hd = s->data;
	struct mc_error err;

	free_days(hd);
	if (holiday_each(s->con->st, mc_day_from_civil(hd->year, 1, 1),
	    mc_day_from_civil(hd->year, 12, 31), add_day, hd, &err) != MC_OK)
		console_message(s->con, STYLE_ERROR, "%s", mc_message(&err));
	grid_fit_rows(&hd->list, hd->list.rows);
}

/* The file a year's import starts with: the shipped calendar of that year. */
static void
default_path(struct holidays *hd)
{
	snprintf(hd->import.path, sizeof hd->import.path, "%s/data/holidays/%d.csv",
	    cmd_datadir(), hd->year);
}

static void
set_year(struct screen *s, int year)
{
	struct holidays *hd = s->data;

	if (year < YEAR_MIN || year > YEAR_MAX)
		return;
	hd->year = year;
	hd->list.sel = hd->list.top = 0;
	default_path(hd);
	holidays_reload(s);
}

static int
holidays_open(struct screen *s, void *arg)
{
	struct holidays *hd;
	int y, m, d;

	if (!admin_allowed(s->con))
		return -1;
	hd = xcalloc(1, sizeof *hd);
	hd->list = (struct grid)ADMIN_LIST;
	hd->import.title = N_("Import holidays");
	hd->import.done = N_("%d days imported from %s.");
	hd->import.run = holiday_import;
	hd->import.after = admin_console_refresh;
	s->data = hd;
	mc_civil_from_day(mc_day_of(mc_now()), &y, &m, &d);
	set_year(s, y);
	return 0;
}

static void
holidays_close(struct screen *s)
{
	struct holidays *hd = s->data;

	free_days(hd);
	free(hd->d);
	free(hd);
}

/* The widest of the heading and the words of a column (NULL-terminated), or of the
 * weekdays when words is NULL. */
static int
col_width(const struct console *con, const char *head, const char *const *words)
{
	int w = console_width(con, head), n, i;

	for (i = 0; words != NULL ? words[i] != NULL : i < 7; i++)
		if ((n = console_width(con, _(words != NULL ? words[i] : weekdays[i]))) > w)
			w = n;
	return w;
}

static void
holidays_draw(struct screen *s, int y, int h, int w)
{
	static const char *const kinds[] = { N_("working day"), N_("day off"), NULL };
	static const char *const notes[] = { N_("provisional"), NULL };
	struct holidays *hd = s->data;
	struct console *con = s->con;
	const char *foot = _("provisional: not yet announced; import the announced file to replace it");
	int dw, ww, kw, pw, nw, i, row, used, left, flines;
	char buf[256], date[MC_TIME_BUF];
	const struct day *d;
	enum con_style style;

	/* Each column as wide as its words; the holiday's name the rest. */
	dw = 10;
	ww = col_width(con, _("Weekday"), NULL);
	kw = col_width(con, _("Kind"), kinds);
	pw = col_width(con, _("Note"), notes);
	nw = w - 6 - dw - ww - kw - pw;
	if (nw < 8)
		nw = 8;		/* a terminal too narrow: the last column is cut */
	/* The year, then what it holds and the keys to other years where they fit. */
	snprintf(buf, sizeof buf, _("Holidays of %d"), hd->year);
	used = 1 + console_put(con, y, 1, w - 2, STYLE_HEADER, buf) + 3;
	snprintf(buf, sizeof buf, _("days off: %d, extra working days: %d"), hd->off, hd->work);
	if (console_width(con, buf) <= w - used - 1)
		used += console_put(con, y, used, w - used - 1, STYLE_DIM, buf) + 3;
	snprintf(buf, sizeof buf, _("Left, Right: %d, %d"), hd->year - 1, hd->year + 1);
	if (console_width(con, buf) <= w - used - 1)
		console_put(con, y, used, w - used - 1, STYLE_DIM, buf);
	console_fill(con, y + 1, 0, w, STYLE_HEADER);
	console_put(con, y + 1, 1, dw, STYLE_HEADER, _("Date"));
	console_put(con, y + 1, 2 + dw, ww, STYLE_HEADER, _("Weekday"));
	console_put(con, y + 1, 3 + dw + ww, kw, STYLE_HEADER, _("Kind"));
	console_put(con, y + 1, 4 + dw + ww + kw, nw, STYLE_HEADER, _("Holiday"));
	console_put(con, y + 1, 5 + dw + ww + kw + nw, pw, STYLE_HEADER, _("Note"));
	/* Under the list: the last import's answer (up to 3 rows) and a hint. */
	flines = console_wrap_count(con, foot, w - 2);
	left = h - 2 - flines - (hd->import.result[0] != '\0' ? 3 : 0);
	grid_fit_rows(&hd->list, left);
	row = y + 2;
	if (hd->list.n == 0)
		console_wrap(con, row, 1, 2, w - 2, STYLE_DIM,
		    _("No holidays for this year yet: i imports a holiday file, a adds one day."));
	for (i = hd->list.top; i < hd->list.n && row < y + 2 + hd->list.rows; i++, row++) {
		d = &hd->d[i];
		style = i == hd->list.sel ? STYLE_SELECTED : STYLE_NORMAL;
		console_fill(con, row, 0, w, style);
		mc_date_format_vn(d->day, date);
		console_put(con, row, 1, dw, style, date);
		console_put(con, row, 2 + dw, ww, style, _(weekdays[mc_weekday(d->day)]));
		console_put(con, row, 3 + dw + ww, kw, style, d->work ? _(kinds[0]) : _(kinds[1]));
		console_put_value(con, row, 4 + dw + ww + kw, nw, style, d->name);
		if (d->provisional)
			console_put(con, row, 5 + dw + ww + kw + nw, pw, style, _(notes[0]));
	}
	row = y + 2 + hd->list.rows;
	admin_import_draw(con, &hd->import, row, y + h - flines - row, w);
	console_wrap(con, y + h - flines, 1, flines, w - 2, STYLE_DIM, foot);
}

static void
holidays_year(struct screen *s, const struct screen_key *k)
{
	struct holidays *hd = s->data;

	set_year(s, hd->year + k->arg);
}

static enum form_result
year_submit(struct console *con, void *ctx, const char *const *values)
{
	struct screen *s = ctx;
	char *end;
	long y = strtol(values[0], &end, 10);

	if (end == values[0] || *end != '\0' || y < YEAR_MIN || y > YEAR_MAX) {
		console_message(con, STYLE_ERROR, _("'%s' is not a year like 2027."), values[0]);
		return FORM_STAY;
	}
	set_year(s, (int)y);
	return FORM_CLOSE;
}

static void
holidays_ask_year(struct screen *s, const struct screen_key *k)
{
	static const struct form_spec spec = {
		.title = N_("Show another year"),
		.items = { { N_("Year"), FIELD_PLAIN, 1, 4 } },
		.nitems = 1,
		.submit = year_submit,
	};

	form_open(s->con, &spec, s, NULL);
}

/* a: one day, added or (the same date again) replaced. */
static enum form_result
add_submit(struct console *con, void *ctx, const char *const *values)
{
	struct screen *s = ctx;
	struct holidays *hd = s->data;
	struct mc_error err;
	char *kind = text_fold(values[2]), *prov = text_fold(values[3]), date[MC_TIME_BUF];
	int work = -1, provisional = -1, y, m, d, i;
	mc_day day;

	if (kind != NULL)
		work = strcmp(kind, "1") == 0 || strncmp(kind, "ngh", 3) == 0 || strcmp(kind, "off") == 0 ? 0 :
		    strcmp(kind, "2") == 0 || strncmp(kind, "lam", 3) == 0 || strcmp(kind, "work") == 0 ? 1 : -1;
	if (prov != NULL)
		provisional = strchr("nk", prov[0] != '\0' ? prov[0] : 'n') != NULL ? 0 :
		    strchr("yc", prov[0]) != NULL ? 1 : -1;
	free(kind);
	free(prov);
	if (mc_date_read(values[0], &day) != 0) {
		mc_date_format_vn(mc_day_of(mc_now()), date);
		console_message(con, STYLE_ERROR, _("%s: '%.40s' is not a date; type DD/MM/YYYY, e.g. %s"),
		    _("Date (DD/MM/YYYY)"), values[0], date);
		return FORM_STAY;
	}
	if (work < 0 || provisional < 0) {
		console_message(con, STYLE_ERROR, "%s", work < 0 ?
		    _("Kind: type 1 for a day off or 2 for an extra working day.") :
		    _("Provisional: type y (not yet announced) or n."));
		return FORM_STAY;
	}
	if (holiday_add(con->st, day, values[1], work, provisional, con->actor, &err) != MC_OK) {
		console_message(con, STYLE_ERROR, "%s", mc_message(&err));
		return err.code == MC_EINVAL || err.code == MC_EUTF8 || err.code == MC_EBUSY ?
		    FORM_STAY : FORM_CLOSE;
	}
	admin_console_refresh(con);
	mc_date_format_vn(day, date);
	console_message(con, STYLE_INFO, _("%s is now a %s: %s."), date,
	    work ? _("working day") : _("day off"), values[1]);
	mc_civil_from_day(day, &y, &m, &d);
	set_year(s, y);
	for (i = 0; i < hd->list.n; i++)	/* the new row selected */
		if (hd->d[i].day == day)
			hd->list.sel = i;
	return FORM_CLOSE;
}

static void
holidays_add(struct screen *s, const struct screen_key *k)
{
	static const struct form_spec spec = {
		.title = N_("Add a holiday or an extra working day"),
		.prompt = N_("Kind: 1 day off, 2 extra working day (a Saturday worked in exchange). The same date again replaces its row."),
		.items = { { N_("Date (DD/MM/YYYY)"), FIELD_PLAIN, 1, 24, NULL },
			   { N_("Holiday"), FIELD_TEXT, 1, 200, NULL },
			   { N_("Kind"), FIELD_PLAIN, 1, 20, NULL },
			   { N_("Provisional (y/n)"), FIELD_PLAIN, 1, 8, NULL } },
		.nitems = 4,
		.submit = add_submit,
	};
	const char *initial[FORM_MAX_ITEMS] = { NULL, NULL, "1", "n" };

	form_open(s->con, &spec, s, initial);
}

/* x: remove the selected day, after a question. */
static enum form_result
remove_submit(struct console *con, void *ctx, const char *const *values)
{
	struct screen *s = ctx;
	struct holidays *hd = s->data;
	struct mc_error err;
	char date[MC_TIME_BUF];

	mc_date_format_vn(hd->pending, date);
	if (holiday_remove(con->st, hd->pending, con->actor, &err) != MC_OK) {
		console_message(con, STYLE_ERROR, "%s", mc_message(&err));
		return FORM_CLOSE;
	}
	admin_console_refresh(con);
	console_message(con, STYLE_INFO, _("%s is no longer in the holiday table."), date);
	return FORM_CLOSE;
}

static void
holidays_remove(struct screen *s, const struct screen_key *k)
{
	struct holidays *hd = s->data;
	struct form_spec spec = { .title = N_("Remove a holiday"), .submit = remove_submit };
	const struct day *d;
	char date[MC_TIME_BUF];

	if (hd->list.n == 0)
		return;
	d = &hd->d[hd->list.sel];
	hd->pending = d->day;
	mc_date_format_vn(d->day, date);
	snprintf(hd->question, sizeof hd->question,
	    _("Remove %s (%s, %s) from the holiday table? Due dates are counted again without it."),
	    date, d->name, d->work ? _("working day") : _("day off"));
	spec.prompt = hd->question;
	form_open(s->con, &spec, s, NULL);
}

static void
holidays_import(struct screen *s, const struct screen_key *k)
{
	struct holidays *hd = s->data;

	admin_import_ask(s->con, &hd->import);
}

static int
holidays_key(struct screen *s, int key)
{
	struct holidays *hd = s->data;

	return grid_key(&hd->list, key);
}

static const struct screen_key holidays_keys[] = {
	{ .key = CK(KEY_LEFT), .alt = '-', .keyname = "Left, -", .help = N_("the year before"), .run = holidays_year, .arg = -1 },
	{ .key = CK(KEY_RIGHT), .alt = '+', .keyname = "Right, +", .help = N_("the year after"), .run = holidays_year, .arg = 1 },
	{ .key = 'y', .keyname = "y", .help = N_("show another year"), .run = holidays_ask_year },
	{ .key = 'a', .keyname = "a", .help = N_("add a day off or an extra working day"), .run = holidays_add },
	{ .key = 'x', .keyname = "x", .help = N_("remove the selected day"), .run = holidays_remove },
	{ .key = 'i', .keyname = "i", .help = N_("import a holiday file (CSV)"), .run = holidays_import },
	{ .key = CK(KEY_UP), .keyname = "Up, Down, PgUp, PgDn", .help = N_("scroll the list") },
	{ .key = 0 },
};

const struct screen_ops screen_admin_holidays_ops = {
	.name = "admin-holidays",
	.title = N_("Holidays"),
	.open = holidays_open,
	.draw = holidays_draw,
	.key = holidays_key,
	.reload = holidays_reload,
	.close = holidays_close,
	.help = holidays_keys,
};
