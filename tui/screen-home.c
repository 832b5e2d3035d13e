/* screen-home.c -- the home screen after login: today's work at a glance.
 *
 * Received today, due today, overdue, and results waiting for collection, each a
 * key away from the list behind it (the search screen with that filter); then new
 * dossier and search.  The counts are read again when the minute changes, when the
 * screen is back on top, and on Ctrl-L.  Under them, read from the store like
 * everything else (the console never talks to the modem or the network): each SMS
 * modem's state as its daemon last reported it, the queue and today's failures, and
 * the province link (common/syncq.h: the last sync with nothing pending, the events
 * waiting for the hub, those set aside, the last problem), all written by motcua-sync.
 * A modem silent for more than three minutes is shown as a problem.  p runs
 * motcua-sync --once in the background (the console itself never talks to the
 * network); its result line comes back as a message when it ends.  l logs out
 * (console_logout) for the next official at a shared counter PC.  The menu is a
 * tui/menu.h menu, each list's count drawn in its line's bar.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <ncurses.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "console.h"
#include "filter.h"
#include "i18n.h"
#include "menu.h"
#include "smsbox.h"
#include "store.h"
#include "syncq.h"

#define NLISTS 4
#define NMODEMS 3		/* modems shown; more are in the SMS centre */

struct home {
	long count[NLISTS];
	struct smsbox_modem modem[NMODEMS];
	int nmodems;
	long queued, sms_failed;	/* SMS waiting to go; failed for good */
	struct syncq_status sync;	/* the province link, as motcua-sync left it */
	pid_t sync_pid;		/* a motcua-sync running for p; 0 when none */
	int sync_fd;		/* its standard output; -1 when none */
	char sync_out[512];	/* what it said so far */
	int failed;		/* the last reading failed (message shown) */
	mc_minute loaded;	/* the minute the counts are for */
	struct menu m;		/* the menu: its selected line */
	int quit_armed;		/* q pressed once */
};

static void home_list(struct screen *s, const struct screen_key *k);
static void home_new(struct screen *s, const struct screen_key *k);
static void home_search(struct screen *s, const struct screen_key *k);
static void home_quit(struct screen *s, const struct screen_key *k);
static void home_logout(struct screen *s, const struct screen_key *k);
static void home_screen(struct screen *s, const struct screen_key *k);
static void home_sync(struct screen *s, const struct screen_key *k);

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
	{ .key = 'l', .keyname = "l", .help = N_("Log out (another user logs in)"), .run = home_logout },
	{ .key = 'q', .alt = CON_ESC, .keyname = "q q", .help = N_("Quit (press q twice)"), .run = home_quit },
	{ .key = 'p', .keyname = "p", .help = N_("Sync with the province now"), .run = home_sync },
	{ .key = 0 },
};
#define NMENU 10
#define COUNT_W 8		/* a list's count, right of its line */

/* The menu's lines: the first NMENU keys; p and q are keys only. */
static const struct menu_spec home_menu = { .items = home_keys, .nitems = NMENU, .keyw = 6 };

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
	if (smsbox_modems(s->con->st, h->modem, NMODEMS, &h->nmodems, &err) != MC_OK)
		h->nmodems = 0;
	if (smsbox_count(s->con->st, SMSBOX_OUT, "queued", 0, &h->queued, &err) != MC_OK)
		h->queued = -1;
	if (smsbox_count(s->con->st, SMSBOX_OUT, "failed", 0, &h->sms_failed, &err) != MC_OK)
		h->sms_failed = -1;
	if (syncq_status(s->con->st, &h->sync, &err) != MC_OK)
		h->sync.backlog = -1;
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
	struct home *h = xcalloc(1, sizeof(struct home));

	h->sync_fd = -1;
	h->m.spec = &home_menu;
	h->m.barw = COUNT_W;
	s->data = h;
	home_reload(s);
	return 0;
}

static void
home_close(struct screen *s)
{
	struct home *h = s->data;

	if (h->sync_fd >= 0)	/* a sync still running finishes on its own */
		close(h->sync_fd);
	free(h);
}

/* One modem's line: name, state, signal, operator, and the balance when read. */
static enum con_style
modem_line(const struct smsbox_modem *m, char *buf, size_t n)
{
	int stale = smsbox_modem_stale(m, mc_clock());

	if (stale)
		snprintf(buf, n, _("SMS modem %s: no report since %s (is motcua-smsd running?)"),
		    m->modem, m->updated);
	else if (strcmp(m->state, "ok") != 0)
		snprintf(buf, n, _("SMS modem %s: %s%s%s"), m->modem, m->state,
		    m->last_error[0] != '\0' ? " - " : "", m->last_error);
	else
		snprintf(buf, n, _("SMS modem %s: working, signal %d%%, %s%s%s"), m->modem, m->signal,
		    m->operator_name[0] != '\0' ? m->operator_name : m->network,
		    m->balance[0] != '\0' ? _(", balance: ") : "", m->balance);
	return stale || strcmp(m->state, "ok") != 0 ? STYLE_ERROR : STYLE_NORMAL;
}

/* The province link's line. */
static enum con_style
sync_line(const struct home *hm, char *line, size_t n)
{
	char when[MC_TIME_BUF + 8];
	mc_minute t;

	if (hm->sync_pid != 0) {
		snprintf(line, n, "%s", _("Province sync: running..."));
		return STYLE_INFO;
	}
	if (!hm->sync.configured && hm->sync.last[0] == '\0') {
		snprintf(line, n, "%s", _("Province sync: never (no hub set up yet)."));
		return STYLE_DIM;
	}
	if (hm->sync.last[0] != '\0' && mc_time_parse(hm->sync.last, &t) == 0)
		mc_time_format_vn(t, when);
	else
		snprintf(when, sizeof when, "%s", _("never"));
	snprintf(line, n, _("Province sync: last at %s; %ld events waiting, %ld set aside (p: sync now)."),
	    when, hm->sync.backlog, hm->sync.set_aside);
	return hm->sync.set_aside > 0 || hm->sync.error[0] != '\0' ? STYLE_ERROR : STYLE_DIM;
}

/* Where motcua-sync is: beside this program, else on the PATH. */
static void
sync_program(char *path, size_t n)
{
	char self[4096];
	ssize_t k = readlink("/proc/self/exe", self, sizeof self - 1);
	char *slash;

	if (k > 0) {
		self[k] = '\0';
		if ((slash = strrchr(self, '/')) != NULL) {
			*slash = '\0';
			snprintf(path, n, "%s/motcua-sync", self);
			if (access(path, X_OK) == 0)
				return;
		}
	}
	snprintf(path, n, "motcua-sync");
}

/* p: motcua-sync --once in the background, its output read as it comes. */
static void
home_sync(struct screen *s, const struct screen_key *k)
{
	struct home *h = s->data;
	char prog[4200];
	int fds[2], null;
	pid_t pid;

	if (h->sync_pid != 0) {
		console_message(s->con, STYLE_INFO, _("A sync with the province is already running."));
		return;
	}
	sync_program(prog, sizeof prog);
	if (pipe(fds) != 0 || (pid = fork()) < 0) {
		console_message(s->con, STYLE_ERROR, _("Cannot start motcua-sync: %s"), strerror(errno));
		return;
	}
	if (pid == 0) {
		null = open("/dev/null", O_RDWR);
		dup2(null, 0);
		dup2(fds[1], 1);
		dup2(null, 2);
		execlp(prog, "motcua-sync", "--db", store_path(s->con->st), "--once", "--quiet", (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	fcntl(fds[0], F_SETFL, O_NONBLOCK);
	fcntl(fds[0], F_SETFD, FD_CLOEXEC);
	h->sync_pid = pid;
	h->sync_fd = fds[0];
	h->sync_out[0] = '\0';
	console_message(s->con, STYLE_INFO, _("Syncing with the province..."));
}

/* Read what the running sync said; when it has ended, say how it went. */
static void
sync_poll(struct screen *s)
{
	struct home *h = s->data;
	size_t len = strlen(h->sync_out);
	ssize_t n;
	char *nl;
	int status;

	if (h->sync_pid == 0)
		return;
	while (len < sizeof h->sync_out - 1 &&
	    (n = read(h->sync_fd, h->sync_out + len, sizeof h->sync_out - 1 - len)) > 0)
		h->sync_out[len += (size_t)n] = '\0';
	if (waitpid(h->sync_pid, &status, WNOHANG) != h->sync_pid)
		return;
	close(h->sync_fd);
	h->sync_fd = -1;
	h->sync_pid = 0;
	if ((nl = strchr(h->sync_out, '\n')) != NULL)
		*nl = '\0';
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127 && h->sync_out[0] == '\0')
		console_message(s->con, STYLE_ERROR, "%s", _("motcua-sync is not installed."));
	else
		console_message(s->con, WIFEXITED(status) && WEXITSTATUS(status) == 0 ? STYLE_INFO :
		    STYLE_ERROR, "%s", h->sync_out[0] != '\0' ? h->sync_out : _("The sync ended."));
	home_reload(s);
}

/* One status line at *row, wrapped, when it fits whole before last; 0 when not (the
 * lines after it are left out too). */
static int
status_line(struct console *con, int *row, int last, int x, int w, enum con_style style,
    const char *line)
{
	int n = console_wrap_count(con, line, w);

	if (*row + n - 1 > last)
		return 0;
	*row += console_wrap(con, *row, x, n, w, style, line);
	return 1;
}

/* The SMS and sync lines from row on (at most up to last); returns the next row. */
static int
draw_status(struct console *con, const struct home *hm, int row, int last, int x, int w)
{
	char line[512];
	enum con_style style;
	int i;

	for (i = 0; i < hm->nmodems; i++) {
		style = modem_line(&hm->modem[i], line, sizeof line);
		if (!status_line(con, &row, last, x, w, style, line))
			return row;
	}
	if (hm->nmodems == 0 && !status_line(con, &row, last, x, w, STYLE_DIM,
	    _("SMS: no modem has reported (motcua-smsd is not running).")))
		return row;
	snprintf(line, sizeof line, _("SMS waiting to go: %ld; failed: %ld (s: the SMS centre)"),
	    hm->queued, hm->sms_failed);
	if (!status_line(con, &row, last, x, w, hm->sms_failed > 0 ? STYLE_ERROR : STYLE_DIM, line))
		return row;
	style = sync_line(hm, line, sizeof line);
	if (!status_line(con, &row, last, x, w, style, line))
		return row;
	if (hm->sync_pid == 0 && hm->sync.error[0] != '\0') {
		snprintf(line, sizeof line, _("Province sync problem: %s"), hm->sync.error);
		status_line(con, &row, last, x, w, STYLE_ERROR, line);
	}
	return row;
}

static void
home_draw(struct screen *s, int y, int h, int w)
{
	struct home *hm = s->data;
	struct console *con = s->con;
	char line[256], num[32], today[MC_TIME_BUF];
	mc_minute now = mc_now();
	int i, row, top, lw, n, x = w >= 100 ? 8 : 2;
	enum con_style style;

	sync_poll(s);
	if (now != hm->loaded)	/* a new minute */
		home_reload(s);
	/* On a short terminal the day's line goes to the top: the province link's
	 * line keeps its room at the bottom (60x20). */
	top = h >= 20 ? y + 1 : y;
	mc_date_format_vn(mc_day_of(now), today);
	snprintf(line, sizeof line, _("Today, %s"), today);
	console_put(con, top, x, w - x, STYLE_HEADER, line);
	/* Who is logged in, with the role when it fits whole. */
	snprintf(line, sizeof line, "%s (%s)", con->user.full_name[0] != '\0' ?
	    con->user.full_name : con->user.login, console_role(con->user.role));
	if (console_width(con, line) > w - w / 2 - 1)
		snprintf(line, sizeof line, "%s", con->user.full_name[0] != '\0' ?
		    con->user.full_name : con->user.login);
	console_put(con, top, w / 2, w - w / 2 - 1, STYLE_DIM, line);
	lw = menu_width(con, &hm->m);
	if (lw > w - x - 20)
		lw = w - x - 20;
	row = top + 2;
	/* A blank line between the counts and the actions, given room. */
	hm->m.gap = h >= 18 ? NLISTS : 0;
	n = menu_draw(con, &hm->m, row, x, y + h - row, w, lw);
	/* Each list's count in the bar of its line. */
	for (i = 0; i < NLISTS && menu_row(&hm->m, i) < n; i++) {
		if (hm->count[i] < 0)
			snprintf(num, sizeof num, "?");
		else
			snprintf(num, sizeof num, "%ld", hm->count[i]);
		style = i == hm->m.sel ? STYLE_SELECTED : i == 2 && hm->count[i] > 0 ?
		    STYLE_OVERDUE : STYLE_NORMAL;
		console_put(con, row + menu_row(&hm->m, i), x + 9 + lw + COUNT_W - console_width(con, num),
		    COUNT_W, style, num);
	}
	row += n;
	/* The state of the SMS and the province link before the hint (F1 lists the keys). */
	row = draw_status(con, hm, h >= 20 ? row + 1 : row, y + h - 1, x, w - x - 1);
	if (row < y + h - 1)
		console_hint(con, row + 1, x, y + h - row - 1, w - x - 1,
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

/* A shared counter PC: the next official logs in without quitting the console. */
static void
home_logout(struct screen *s, const struct screen_key *k)
{
	console_logout(s->con);	/* frees s */
}

static int
home_key(struct screen *s, int key)
{
	struct home *h = s->data;

	if (key != 'q' && key != CON_ESC)
		h->quit_armed = 0;
	return menu_key(s, &h->m, key);
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
