/* console-text.c -- how the console writes what it shows in lists and forms: times
 * in a list column (the year when it is not this year's), the due column (how late
 * an overdue dossier is), dossier codes without the office's part, roles in words,
 * paths with ~; and the console's memory that never fails
 * (xcalloc, xstrdup: used by every file of the console, the layout check's too, so
 * here rather than in console.c).  See console.h. */
#include "config.h"

#include <ncurses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "console.h"
#include "dossier.h"
#include "error.h"
#include "i18n.h"

/* ---- memory ---- */

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n == 0 ? 1 : n, size == 0 ? 1 : size);

	if (p == NULL) {
		endwin();
		fprintf(stderr, "motcua: %s\n", mc_strerror(MC_ENOMEM));
		exit(EXIT_REFUSED);
	}
	return p;
}

char *
xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(xcalloc(1, n), s, n);
}

/* ---- text ---- */

void
console_when(mc_minute t, int wide, char buf[MC_TIME_BUF])
{
	int y, m, d, ny, nm, nd;

	if (t == MC_TIME_NONE) {
		buf[0] = '\0';
		return;
	}
	if (wide) {
		mc_time_format_vn(t, buf);
		return;
	}
	mc_civil_from_day(mc_day_of(t), &y, &m, &d);
	mc_civil_from_day(mc_day_of(mc_now()), &ny, &nm, &nd);
	if (y != ny)
		mc_date_format_vn(mc_day_of(t), buf);
	else
		snprintf(buf, MC_TIME_BUF, "%02d:%02d %02d/%02d", mc_minute_of_day(t) / 60 % 100,
		    mc_minute_of_day(t) % 60, d % 100, m % 100);
}

int
console_due(const struct console *con, const struct dossier *d, mc_minute now, int wide,
    char *buf, size_t n)
{
	char t[MC_TIME_BUF];
	int late = dossier_days_late(d, &con->cal, now);

	if (late == 0)
		snprintf(buf, n, "%s", _("overdue today"));
	else if (late > 0)
		snprintf(buf, n, _("overdue %d day(s)"), late);
	else {
		console_when(d->due_at, wide, t);
		snprintf(buf, n, "%s", t);
	}
	return late >= 0;
}

const char *
console_code(const struct console *con, const char *code)
{
	size_t n = strlen(con->office_code);

	if (n > 0 && strncmp(code, con->office_code, n) == 0 && code[n] == '-')
		return code + n + 1;
	return code;
}

/* Roles as people say them (role_name() gives the stored words). */
static const char *const role_words[] = {
	[ROLE_OFFICER] = N_("counter officer"),
	[ROLE_HEAD] = N_("head of office"),
	[ROLE_ADMIN] = N_("administrator"),
};

const char *
console_role_en(enum role r)
{
	if ((unsigned)r >= sizeof role_words / sizeof role_words[0])
		return role_name(r);
	return role_words[r];
}

const char *
console_role(enum role r)
{
	return _(console_role_en(r));
}

void
console_path(const char *path, char *buf, size_t n)
{
	const char *home = getenv("HOME");
	size_t h = home != NULL ? strlen(home) : 0;

	while (h > 1 && home[h - 1] == '/')
		h--;
	if (h > 1 && strncmp(path, home, h) == 0 && path[h] == '/')
		snprintf(buf, n, "~%s", path + h);
	else
		snprintf(buf, n, "%s", path);
}
