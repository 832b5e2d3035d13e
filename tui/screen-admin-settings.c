/* screen-admin-settings.c -- the office settings (common/settings.h), each with its
 * value in force, changed in a form and checked before it is stored (settings_set,
 * which also writes the audit row); and a test page for the printer.
 *
 * After a change the console reads its settings and calendar again, so the language,
 * the office's name in the title bar and due dates follow at once.  The test page
 * goes through paper_lp(), the way the console prints forms.
 */
#include "config.h"

#include <errno.h>
#include <ncurses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "admin.h"
#include "form.h"
#include "i18n.h"
#include "mctime.h"
#include "paper.h"
#include "settings.h"
#include "store.h"

struct settings {
	int n;			/* rows: the settings table */
	char **value;		/* value[i]: the value in force of settings_table[i]; owned */
	struct grid list;		/* ADMIN_LIST */
	char result[600];	/* the last test page's outcome; "" before */
	int failed;
};

static void
free_values(struct settings *se)
{
	int i;

	for (i = 0; i < se->n; i++) {
		free(se->value[i]);
		se->value[i] = NULL;
	}
}

static void
settings_reload(struct screen *s)
{
	struct settings *se = s->data;
	int i;

	free_values(se);
	for (i = 0; i < se->n; i++)
		if ((se->value[i] = settings_get(s->con->st, &settings_table[i])) == NULL)
			se->value[i] = xstrdup("");
}

static int
settings_open(struct screen *s, void *arg)
{
	const char *key = arg;
	struct settings *se;
	int i;

	if (!admin_allowed(s->con))
		return -1;
	se = xcalloc(1, sizeof *se);
	se->list = (struct grid)ADMIN_LIST;
	while (settings_table[se->n].key != NULL)
		se->n++;
	se->value = xcalloc((size_t)se->n, sizeof *se->value);
	se->list.n = se->n;
	for (i = 0; key != NULL && i < se->n; i++)
		if (strcmp(settings_table[i].key, key) == 0)
			se->list.sel = i;
	s->data = se;
	settings_reload(s);
	return 0;
}

static void
settings_close(struct screen *s)
{
	struct settings *se = s->data;

	free_values(se);
	free(se->value);
	free(se);
}

static void
settings_draw(struct screen *s, int y, int h, int w)
{
	struct settings *se = s->data;
	struct console *con = s->con;
	const struct setting_def *d;
	enum con_style style;
	char shown[SETTING_SHOW_BUF];
	int i, n, lw = 0, row, used;

	for (i = 0; i < se->n; i++)
		if ((n = console_width(con, _(settings_table[i].label))) > lw)
			lw = n;
	if (lw > w / 3)
		lw = w / 3;
	console_fill(con, y, 0, w, STYLE_HEADER);
	console_put(con, y, 1, lw, STYLE_HEADER, _("Setting"));
	console_put(con, y, 3 + lw, w - lw - 4, STYLE_HEADER, _("Value"));
	/* Under the list: a blank row, the hint (2), the test's outcome (2), the keys. */
	grid_fit_rows(&se->list, h - 5 - (se->result[0] != '\0' ? 2 : 0));
	for (i = se->list.top, row = y + 1; i < se->n && row < y + 1 + se->list.rows; i++, row++) {
		d = &settings_table[i];
		style = i == se->list.sel ? STYLE_SELECTED : STYLE_NORMAL;
		console_fill(con, row, 0, w, style);
		console_put(con, row, 1, lw, style, _(d->label));
		if (se->value[i][0] == '\0')
			console_put(con, row, 3 + lw, w - lw - 4, style == STYLE_NORMAL ? STYLE_DIM : style,
			    _("(not set)"));
		else
			console_put_value(con, row, 3 + lw, w - lw - 4, style,
			    settings_show(d, se->value[i], shown, sizeof shown));
	}
	/* The selected setting in words, then the printer test's outcome. */
	row = y + 2 + se->list.rows;
	d = &settings_table[se->list.sel];
	row += console_wrap(con, row, 1, 2, w - 2, STYLE_DIM, _(d->hint));
	if (se->result[0] != '\0' && row < y + h - 1) {
		used = console_put(con, row, 1, w - 2, STYLE_LABEL, _("Test page:"));
		console_wrap(con, row, used + 2, y + h - 1 - row, w - used - 3,
		    se->failed ? STYLE_ERROR : STYLE_INFO, se->result);
	}
	console_put(con, y + h - 1, 1, w - 2, STYLE_DIM,
	    _("Enter: change the selected setting   t: print a test page"));
}

/* ---- changing one ---- */

static enum form_result
edit_submit(struct console *con, void *ctx, const char *const *values)
{
	struct settings *se = ctx;
	const struct setting_def *d = &settings_table[se->list.sel];
	char stored[SETTING_VALUE_MAX], shown[SETTING_SHOW_BUF];
	struct mc_error err;

	if (settings_set(con->st, d->key, values[0], con->actor, stored, &err) != MC_OK) {
		console_message(con, STYLE_ERROR, "%s", mc_message(&err));
		return err.code == MC_EINVAL || err.code == MC_EBUSY ? FORM_STAY : FORM_CLOSE;
	}
	admin_console_refresh(con);
	/* After the refresh: a new language speaks at once. */
	console_message(con, STYLE_INFO, _("Saved: %s = %s."), _(d->label),
	    stored[0] != '\0' ? settings_show(d, stored, shown, sizeof shown) : _("(not set)"));
	return FORM_CLOSE;	/* the screen reloads its values */
}

static void
settings_edit(struct screen *s, const struct screen_key *k)
{
	struct settings *se = s->data;
	const struct setting_def *d = &settings_table[se->list.sel];
	struct form_spec f = {
		.title = N_("Change a setting"),
		.prompt = d->hint,
		.items = { { d->label, d->text ? FIELD_TEXT : FIELD_PLAIN, 0, SETTING_VALUE_MAX - 1 } },
		.nitems = 1,
		.submit = edit_submit,
	};
	const char *initial[FORM_MAX_ITEMS] = { se->value[se->list.sel] };

	form_open(s->con, &f, se, initial);
}

/* ---- the printer's test page ---- */

/* The test page for printer into fp: who prints, when, Vietnamese with every kind of
 * diacritic, and a ruler as wide as a form. */
static void
test_page(struct console *con, const char *printer, FILE *fp)
{
	char ruler[PAPER_WIDTH + 1], now[MC_TIME_BUF];
	int i;

	for (i = 1; i <= PAPER_WIDTH; i++)
		ruler[i - 1] = i % 10 == 0 ? (char)('0' + i / 10 % 10) : i % 5 == 0 ? ':' : '.';
	ruler[PAPER_WIDTH] = '\0';
	console_time(mc_now(), now);
	fprintf(fp, "%s\n\n", _("motcua: printer test page"));
	fprintf(fp, "%s %s\n", _("Printer:"), printer);
	fprintf(fp, "%s %s (%s)\n", _("Office:"), con->office_name, con->office_code);
	fprintf(fp, "%s %s (%s)\n\n", _("Printed at:"), now, con->actor);
	fprintf(fp, "Tiếng Việt: Ắ Ằ Ẳ Ẵ Ặ ấ ầ ẩ ẫ ậ Đ đ Ơ ờ Ư ữ Ý ỳ ỷ ỹ ỵ\n");
	fprintf(fp, "%s\n\n", _("Boxes or question marks above? Set 'Forms without accents' to yes."));
	fprintf(fp, "%s\n%s\n", _("The ruler below must fit on one line:"), ruler);
}

/* Print the test page on printer: MC_OK or the reason in err. */
static int
print_test(struct console *con, const char *printer, struct mc_error *err)
{
	char path[] = "/tmp/motcua-test-page-XXXXXX";
	FILE *fp;
	int fd, rc;

	if ((fd = mkstemp(path)) == -1 || (fp = fdopen(fd, "w")) == NULL) {
		rc = mc_fail(err, MC_EIO, _("cannot write %s: %s"), path, strerror(errno));
		if (fd != -1) {
			close(fd);
			remove(path);
		}
		return rc;
	}
	test_page(con, printer, fp);
	if (fclose(fp) != 0)
		rc = mc_fail(err, MC_EIO, _("cannot write %s: %s"), path, strerror(errno));
	else
		rc = paper_lp(printer, path, err);
	remove(path);
	return rc;
}

static void
settings_test(struct screen *s, const struct screen_key *k)
{
	struct settings *se = s->data;
	struct mc_error err;
	char *printer = store_setting(s->con->st, "printer");

	se->failed = 1;
	if (printer == NULL || *printer == '\0')
		snprintf(se->result, sizeof se->result, "%s",
		    _("no printer is chosen: set 'Printer' first (Enter on it)"));
	else if (print_test(s->con, printer, &err) != MC_OK)
		snprintf(se->result, sizeof se->result, "%s", mc_message(&err));
	else {
		se->failed = 0;
		snprintf(se->result, sizeof se->result, _("a test page went to the printer %s"), printer);
	}
	console_message(s->con, se->failed ? STYLE_ERROR : STYLE_INFO, "%s", se->result);
	free(printer);
}

static int
settings_key(struct screen *s, int key)
{
	struct settings *se = s->data;

	if (key == CK(KEY_ENTER) || key == '\n') {
		settings_edit(s, NULL);
		return CON_KEY_DONE;
	}
	return grid_key(&se->list, key);
}

static const struct screen_key settings_keys[] = {
	{ .key = 'e', .alt = '\r', .keyname = "Enter, e", .help = N_("change the selected setting"), .run = settings_edit },
	{ .key = 't', .keyname = "t", .help = N_("print a test page on the printer"), .run = settings_test },
	{ .key = CK(KEY_UP), .keyname = "Up, Down", .help = N_("choose a setting") },
	{ .key = 0 },
};

const struct screen_ops screen_admin_settings_ops = {
	.name = "admin-settings",
	.title = N_("Office settings"),
	.open = settings_open,
	.draw = settings_draw,
	.key = settings_key,
	.reload = settings_reload,
	.close = settings_close,
	.help = settings_keys,
};
