/* sync.c -- motcua-sync, the office's side of the province link (doc/sync-api.md):
 * the command line, one run (push this office's events, pull other offices' events on
 * the dossiers it holds or its scope, apply the province's resources), --watch, and
 * what it says: progress on a terminal, one result line for logs.
 *
 *	motcua-sync [--db PATH] --hub URL --token TOKEN (--once|--watch) [--scope CODE]
 *	    [--ca FILE] [--pin sha256//...] [--proxy URL] [--batch-kb N] [--tries N]
 *	    [--quiet] [--save]
 *	motcua-sync [--db PATH] --status | --dossiers
 *
 * The hub, the token and the scope may come from the settings sync.hub, sync.token and
 * sync.scope (--save writes the options given there).  Exit status: 0 everything
 * pending was pushed and pulled; 1 something was refused or set aside, or could not be
 * done; 2 bad usage.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "client.h"
#include "dossier.h"
#include "conf.h"
#include "i18n.h"
#include "mctime.h"
#include "serve.h"		/* serve_number: a whole-number option */
#include "store.h"
#include "syncq.h"

#define ONCE_TRIES	8		/* failed tries in a row before --once gives up (--tries) */
#define WATCH_PAUSE	30.0		/* seconds between runs in --watch */
#define WATCH_SOON	2.0		/* seconds after a local event before the next run */
#define WATCH_BACKOFF	300.0		/* the longest wait after failures */

struct options {
	const char *db, *hub, *token, *scope, *ca, *pin, *proxy;
	int once, watch, quiet, save, status, dossiers;
	int batch_kb, tries;
};

static volatile int stop;

static void
on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

/* ---------------------------------------------------------------- a run */

static void
result_line(const struct sync_run *r)
{
	char bytes[32];

	sync_bytes(r->bytes, bytes, sizeof bytes);
	if (r->progress)
		fprintf(stderr, "\r\033[K");
	printf(_("motcua-sync: pushed %ld events (%s in %ld batches, %.1f s); pulled %ld events on "
	    "%ld dossiers; %ld set aside; backlog %ld; resources: %d updated, %d unchanged%s%s\n"),
	    r->pushed, bytes, r->batches, mc_monotonic() - r->started, r->pulled, r->pulled_dossiers,
	    r->set_aside, r->backlog, r->res_updated, r->res_unchanged,
	    r->error[0] != '\0' ? _("; failed: ") : "", r->error);
	fflush(stdout);
}

/* One run: 0 when everything pending went, 1 otherwise. */
static int
run_once(const struct options *o, struct store *st, struct sync_http *http)
{
	struct sync_run r = { .st = st, .http = http, .scope = o->scope, .once = o->once,
		.tries = o->tries, .progress = !o->quiet && isatty(2), .batch_max = o->batch_kb * 1024,
		.stop = &stop };
	struct mc_error err;
	int ok;

	r.started = mc_monotonic();
	ok = sync_push(&r) == MC_OK;
	ok = ok && sync_pull(&r) == MC_OK;
	ok = ok && sync_resources(&r) == MC_OK;
	if (stop && r.error[0] == '\0')
		sync_fail(&r, SYNCQ_PROBLEM_NONE, "%s", _("stopped"));
	if (syncq_finish(st, ok, r.problem, r.error, &err) != MC_OK && r.error[0] == '\0')
		sync_fail(&r, SYNCQ_PROBLEM_LOCAL, "%s", mc_message(&err));
	syncq_backlog(st, syncq_cursor(st), &r.backlog, NULL);
	result_line(&r);
	return ok && !r.refused && r.backlog == 0 ? 0 : 1;
}

/* Wait up to s seconds, or WATCH_SOON after the store changed. */
static void
watch_wait(struct store *st, double s)
{
	double until = mc_monotonic() + s;
	long long v = store_data_version(st);

	while (!stop && mc_monotonic() < until) {
		sync_pause(&stop, 1);
		if (store_data_version(st) != v) {
			sync_pause(&stop, WATCH_SOON);
			return;
		}
	}
}

/* Run until asked to stop (SIGTERM, SIGINT): that is the end of a watch's work, exit 0
 * even when it cut a run short (what was not done is done at the next start). */
static int
watch(const struct options *o, struct store *st, struct sync_http *http)
{
	double wait = WATCH_PAUSE;
	int rc;

	while (!stop) {
		rc = run_once(o, st, http);
		if (stop)
			break;
		wait = rc == 0 ? WATCH_PAUSE : (wait * 2 > WATCH_BACKOFF ? WATCH_BACKOFF : wait * 2);
		watch_wait(st, sync_jitter(wait));
	}
	return 0;
}

/* ---------------------------------------------------------------- --status, --dossiers */

static int
print_set_aside(const char *id, const char *direction, const char *reason, const char *at, void *ctx)
{
	(void)ctx;
	printf(_("  set aside (%s) %s at %s: %s\n"), direction, id, at, reason);
	return 0;
}

static int
status(struct store *st)
{
	struct syncq_status s;
	struct mc_error err;

	if (syncq_status(st, &s, &err) != MC_OK) {
		fprintf(stderr, "motcua-sync: %s\n", mc_message(&err));
		return 1;
	}
	printf(_("Last sync with nothing pending: %s\n"), s.last[0] != '\0' ? s.last : _("never"));
	printf(_("Events waiting for the hub: %ld\n"), s.backlog);
	printf(_("Events set aside: %ld\n"), s.set_aside);
	if (s.error[0] != '\0')
		printf(_("Last problem: %s\n"), s.error);
	syncq_each_set_aside(st, 50, print_set_aside, NULL, &err);
	return s.set_aside > 0 || s.error[0] != '\0' ? 1 : 0;
}

static int
dossiers(struct store *st)
{
	sqlite3_stmt *s;
	struct dossier d;
	char digest[WIRE_HASH_HEX];

	if (store_prepare(st, "SELECT " DOSSIER_COLUMNS " FROM dossier ORDER BY code", &s,
	    NULL) != MC_OK)
		return 1;
	while (sqlite3_step(s) == SQLITE_ROW) {
		dossier_from_row(s, &d);
		wire_dossier_digest(&d, digest);
		printf("%s\t%s\n", d.code, digest);
	}
	sqlite3_reset(s);
	return 0;
}

/* ---------------------------------------------------------------- the command line */

static void
usage(FILE *fp)
{
	fprintf(fp, _("usage: motcua-sync [--db PATH] --hub URL --token TOKEN (--once|--watch) [--scope CODE]\n"
	    "                   [--ca FILE] [--pin sha256//KEY] [--proxy URL] [--batch-kb N] [--tries N]\n"
	    "                   [--quiet] [--save]\n"
	    "       motcua-sync [--db PATH] --status | --dossiers\n"));
	fprintf(fp, _("\nSends this office's new events to the province hub and brings back what other\n"
	    "offices did to its dossiers (and, with --scope, every dossier of that part of the\n"
	    "office tree, read-only), and the catalogue, holidays, SMS templates and settings the\n"
	    "province publishes.  --once runs once (for a timer); --watch keeps running, soon after\n"
	    "each local event.  The hub, token and scope may come from the settings sync.hub,\n"
	    "sync.token and sync.scope (--save stores those given).  https:// is required except\n"
	    "to a hub on this machine.  --once gives up after --tries failed tries in a row\n"
	    "(default 8).  Exit status: 0 all done, 1 something refused, set aside or not done,\n"
	    "2 bad usage.\n"));
}

static int
parse_options(int argc, char **argv, struct options *o)
{
	enum { O_DB = 256, O_HUB, O_TOKEN, O_SCOPE, O_CA, O_PIN, O_PROXY, O_BATCH, O_TRIES, O_VERSION };
	static const struct option options[] = {
		{ .name = "db", .has_arg = required_argument, .val = O_DB },
		{ .name = "hub", .has_arg = required_argument, .val = O_HUB },
		{ .name = "token", .has_arg = required_argument, .val = O_TOKEN },
		{ .name = "scope", .has_arg = required_argument, .val = O_SCOPE },
		{ .name = "ca", .has_arg = required_argument, .val = O_CA },
		{ .name = "pin", .has_arg = required_argument, .val = O_PIN },
		{ .name = "proxy", .has_arg = required_argument, .val = O_PROXY },
		{ .name = "batch-kb", .has_arg = required_argument, .val = O_BATCH },
		{ .name = "tries", .has_arg = required_argument, .val = O_TRIES },
		{ .name = "once", .has_arg = no_argument, .val = '1' },
		{ .name = "watch", .has_arg = no_argument, .val = 'w' },
		{ .name = "quiet", .has_arg = no_argument, .val = 'q' },
		{ .name = "save", .has_arg = no_argument, .val = 's' },
		{ .name = "status", .has_arg = no_argument, .val = 'S' },
		{ .name = "dossiers", .has_arg = no_argument, .val = 'D' },
		{ .name = "help", .has_arg = no_argument, .val = 'h' },
		{ .name = "version", .has_arg = no_argument, .val = O_VERSION },
		{ 0 },
	};
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
		switch (c) {
		case O_DB: o->db = optarg; break;
		case O_HUB: o->hub = optarg; break;
		case O_TOKEN: o->token = optarg; break;
		case O_SCOPE: o->scope = optarg; break;
		case O_CA: o->ca = optarg; break;
		case O_PIN: o->pin = optarg; break;
		case O_PROXY: o->proxy = optarg; break;
		case O_BATCH: o->batch_kb = serve_number("motcua-sync", optarg, "--batch-kb", 4, 4096); break;
		case O_TRIES: o->tries = serve_number("motcua-sync", optarg, "--tries", 1, 100); break;
		case '1': o->once = 1; break;
		case 'w': o->watch = 1; break;
		case 'q': o->quiet = 1; break;
		case 's': o->save = 1; break;
		case 'S': o->status = 1; break;
		case 'D': o->dossiers = 1; break;
		case 'h':
			usage(stdout);
			exit(0);
		case O_VERSION:
			printf("motcua-sync %s\n", PACKAGE_VERSION);
			exit(0);
		case ':':
			fprintf(stderr, _("motcua-sync: %s needs a value\n"), argv[optind - 1]);
			return 2;
		default:
			fprintf(stderr, _("motcua-sync: unknown option '%s'\n"), argv[optind - 1]);
			usage(stderr);
			return 2;
		}
	}
	if (optind < argc) {
		fprintf(stderr, _("motcua-sync: unexpected argument '%s'\n"), argv[optind]);
		return 2;
	}
	if (o->once + o->watch + o->status + o->dossiers != 1) {
		fprintf(stderr, _("motcua-sync: give one of --once, --watch, --status or --dossiers\n"));
		usage(stderr);
		return 2;
	}
	if (o->scope != NULL && *o->scope != '\0' && !wire_office_valid(o->scope)) {
		fprintf(stderr, _("motcua-sync: --scope '%s' is not an office code\n"), o->scope);
		return 2;
	}
	return 0;
}

/* Options win over settings; --save stores what was given. */
static int
settle(struct options *o, struct store *st, char **owned)
{
	struct mc_error err;
	const char *keys[3] = { "sync.hub", "sync.token", "sync.scope" };
	const char **vals[3] = { &o->hub, &o->token, &o->scope };
	int i;

	for (i = 0; i < 3; i++) {
		if (*vals[i] != NULL) {
			if (o->save && store_set_setting(st, keys[i], *vals[i], &err) != MC_OK) {
				fprintf(stderr, "motcua-sync: %s\n", mc_message(&err));
				return 1;
			}
			continue;
		}
		owned[i] = store_setting(st, keys[i]);
		*vals[i] = owned[i] != NULL && *owned[i] != '\0' ? owned[i] : NULL;
	}
	if (o->hub == NULL) {
		fprintf(stderr, _("motcua-sync: no hub: give --hub URL (or set sync.hub)\n"));
		return 2;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	struct options o = { .batch_kb = 512, .tries = ONCE_TRIES };
	struct sync_http_config hc;
	struct sync_http *http = NULL;
	struct store *st = NULL;
	struct mc_error err;
	struct sigaction sa;
	char *owned[3] = { NULL, NULL, NULL }, *lang;
	int rc, i;

	mc_i18n_init(getenv("MOTCUA_LANG"));
	if (conf_start("motcua-sync") != 0)
		return 1;
	o.db = conf_store_path();
	if ((rc = parse_options(argc, argv, &o)) != 0)
		return rc;
	if (store_open(o.db, 0, &st, &err) != MC_OK) {
		fprintf(stderr, "motcua-sync: %s\n", mc_message(&err));
		return 1;
	}
	if (getenv("MOTCUA_LANG") == NULL) {
		lang = store_setting(st, "language");
		mc_i18n_init(lang);
		free(lang);
	}
	/* Events are read once, in order: a small page cache keeps the client small. */
	store_exec(st, "PRAGMA cache_size = -512", NULL);
	if (store_office(st)[0] == '\0') {
		fprintf(stderr, "motcua-sync: %s\n", mc_strerror(MC_ENOSTORE));
		store_close(st);
		return 1;
	}
	if (o.status || o.dossiers) {
		rc = o.status ? status(st) : dossiers(st);
		store_close(st);
		return rc;
	}
	if ((rc = settle(&o, st, owned)) != 0)
		goto out;
	hc = (struct sync_http_config){ .hub = o.hub, .token = o.token, .ca_file = o.ca,
		.pin = o.pin, .proxy = o.proxy };
	if (sync_http_open(&hc, &http, &err) != MC_OK) {
		fprintf(stderr, "motcua-sync: %s\n", mc_message(&err));
		rc = err.code == MC_EINVAL ? 2 : 1;
		goto out;
	}
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	srand((unsigned)(time(NULL) ^ getpid()));
	rc = o.once ? run_once(&o, st, http) : watch(&o, st, http);
out:
	sync_http_close(http);
	store_close(st);
	for (i = 0; i < 3; i++)
		free(owned[i]);
	return rc;
}
