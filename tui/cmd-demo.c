/* cmd-demo.c -- motcua demo: fill a store with a realistic demo commune office.
 *
 * A store without an office becomes the demo office (as 'motcua init --office
 * 000.17.22.H56 --name "UBND xã Tân Lập"' would make it); the demo users are added
 * when absent; then common/demo.c adds the dossiers.  Run again, it adds more.
 */
#include "config.h"

#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "demo.h"
#include "dossier.h"
#include "filter.h"
#include "i18n.h"
#include "store.h"

#define DEFAULT_DOSSIERS 2000

struct progress {
	double start;		/* mc_monotonic() */
	int tty;
	double shown;		/* seconds since start at the last line */
	long step;		/* next tenth to report when not on a terminal */
};

/* On a terminal: one overwritten line at most once a second; else a line every 10 %
 * (none at all for a run shorter than a second). */
static void
progress(long done, long total, void *ctx)
{
	struct progress *p = ctx;
	double s = mc_monotonic() - p->start;

	if (p->tty) {
		if (s - p->shown < 1.0 && done < total)
			return;
		fputc('\r', stderr);
		fprintf(stderr, _("demo: %ld/%ld dossiers, %.0f s"), done, total, s);
		fputc(done == total ? '\n' : ' ', stderr);
		p->shown = s;
		return;
	}
	if (done * 10 < p->step * total)
		return;
	while (p->step * total <= done * 10)
		p->step++;
	if (s >= 1.0) {
		fprintf(stderr, _("demo: %ld/%ld dossiers, %.0f s"), done, total, s);
		fputc('\n', stderr);
	}
}

/* The dossiers of the home screen's list kind at now (0 when they cannot be read). */
static long
count(struct store *st, enum filter_kind kind, mc_minute now)
{
	struct filter_spec f = { .kind = kind };
	long n;

	return filter_count(st, &f, now, &n, NULL) == MC_OK ? n : 0;
}

/* The open dossiers (dossier_status_open()); 0 when they cannot be read. */
static long
count_open(struct store *st)
{
	return store_number(st, "SELECT count(*) FROM dossier WHERE "
	    DOSSIER_SQL_IN("status", DOSSIER_OPEN), 0);
}

/* What the counter's lists will show now (the home screen's counts, filter.h). */
static void
print_lists(struct store *st)
{
	char now[MC_TIME_BUF];
	mc_minute t = mc_now();

	mc_time_format(t, now);
	printf(_("  Now (%s): %ld open, %ld overdue, %ld due today, %ld waiting for collection.\n"),
	    now, count_open(st), count(st, FILTER_OVERDUE, t), count(st, FILTER_DUE_TODAY, t),
	    count(st, FILTER_READY, t));
}

int
cmd_demo(struct cmd_ctx *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "dossiers", required_argument, NULL, 'n' },
		{ "seed", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 },
	};
	static const struct out_col cols[] = { OUT_COL("office", OUT_STR),
	    OUT_COL("office_name", OUT_STR), OUT_COL("database", OUT_STR),
	    OUT_COL("dossiers_added", OUT_INT), OUT_COL("events_added", OUT_INT),
	    OUT_COL("first_received_at", OUT_TIME), OUT_COL("last_received_at", OUT_TIME) };
	struct demo_options o = { .dossiers = DEFAULT_DOSSIERS, .seed = 1 };
	struct progress pg = { .tty = isatty(2), .step = 1 };
	struct demo_stats stats;
	struct mc_error err;
	const struct demo_user *u;
	char names[4096], places[4096], first[MC_TIME_BUF], last[MC_TIME_BUF], num[2][24];
	char *office_name;
	int ch, added;
	long v;

	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (ch) {
		case 'n':
			if (cmd_int_arg(c, "--dossiers", optarg, 1, DEMO_MAX_DOSSIERS, &v) != 0)
				return EXIT_USAGE;
			o.dossiers = v;
			break;
		case 's':
			if (cmd_int_arg(c, "--seed", optarg, 0, 2147483647L, &v) != 0)
				return EXIT_USAGE;
			o.seed = (uint64_t)v;
			break;
		case ':': return cmd_usage(c, _("%s needs a value"), argv[optind - 1]);
		default: return cmd_usage(c, _("unknown option %s"), argv[optind - 1]);
		}
	}
	if (optind != argc)
		return cmd_usage(c, _("unexpected argument '%s'"), argv[optind]);
	if (!cmd_may(c, ROLE_ADMIN))
		return EXIT_REFUSED;
	pg.start = mc_monotonic();
	mc_error_clear(&err);
	if (store_office(c->st)[0] == '\0' &&
	    cmd_init_office(c, DEMO_OFFICE, DEMO_OFFICE_NAME, NULL, NULL, &err) != MC_OK)
		return cmd_fail(c, &err);
	if (demo_add_users(c->st, c->actor, &added, &err) != MC_OK)
		return cmd_fail(c, &err);
	snprintf(names, sizeof names, "%s/data/demo/names.txt", cmd_datadir());
	snprintf(places, sizeof places, "%s/data/demo/places.txt", cmd_datadir());
	o.names_path = names;
	o.places_path = places;
	o.progress = progress;
	o.ctx = &pg;
	if (demo_generate(c->st, &o, &stats, &err) != MC_OK)
		return cmd_fail(c, &err);

	office_name = store_setting(c->st, "office.name");
	if (c->format != OUT_TEXT) {
		snprintf(num[0], sizeof num[0], "%ld", stats.dossiers);
		snprintf(num[1], sizeof num[1], "%ld", stats.events);
		mc_time_format(stats.first, first);
		mc_time_format(stats.last, last);
		out_print(c->format, cols, NULL, (const char *[]){ store_office(c->st), office_name,
		    c->db_path, num[0], num[1], first, last }, 7);
		free(office_name);
		return EXIT_DONE;
	}
	mc_date_format_vn(mc_day_of(stats.first), first);
	mc_date_format_vn(mc_day_of(stats.last), last);
	printf(_("Demo office %s (%s) in %s:\n"), store_office(c->st),
	    office_name != NULL ? office_name : "", c->db_path);
	free(office_name);
	printf(_("  %ld dossiers added (%ld events), received from %s to %s, in %.1f s.\n"),
	    stats.dossiers, stats.events, first, last, mc_monotonic() - pg.start);
	print_lists(c->st);
	printf(_("Users (password: %s):\n"), DEMO_PASSWORD);
	for (u = demo_users; u->login != NULL; u++)
		printf("  %-10s %-8s %s\n", u->login, role_name(u->role), u->full_name);
	if (added < (int)(u - demo_users))
		printf(_("  (users that were there before keep their own password)\n"));
	printf(_("Open the console: motcua --db %s   (log in as canbo1)\n"), c->db_path);
	return EXIT_DONE;
}
