/* hub.c -- motcua-hub, the province's receiver: the command line, the log, and serving
 * until SIGTERM.  The protocol is doc/sync-api.md; the pieces are listed in hub.h.
 *
 *	motcua-hub --pg CONNINFO --listen ADDR:PORT [--tls-cert F --tls-key F]
 *	    [--insecure-listen] [--connections N] [--per-address N] [--proxy ADDR[/BITS]]...
 *	    [--header-timeout S] [--pool N] [--timeout S] [--syslog]
 *	motcua-hub --pg CONNINFO office add CODE --name NAME [--parent CODE]
 *	motcua-hub --pg CONNINFO office token CODE | revoke CODE | list
 *	motcua-hub --pg CONNINFO stats [--format text|tsv|json]
 *	motcua-hub --pg CONNINFO dossiers [--office CODE] [--format text|tsv|json]
 *	motcua-hub --pg CONNINFO publish catalog|holidays|templates|settings FILE
 *	motcua-hub --pg CONNINFO check
 *	motcua-hub --pg CONNINFO report ontime|ratings [--by ...] [--from D] [--to D]
 *	motcua-hub --pg CONNINFO export dvcqg --since DATE [--output FILE]
 *
 * --pg may also come from $MOTCUA_HUB_PG.  The server runs in the foreground (a
 * service manager keeps it) and logs to standard error, or to syslog with --syslog.
 * Dossiers' events cross the network: without TLS it listens on a loopback address
 * only, unless --insecure-listen (as motcua-ussd).
 *
 * Connections (net/guard.c, as motcua-ussd): at most --connections open (default 64),
 * at most --per-address from one address (default 8: a province's NAT may put a few
 * offices behind one address; a client that stalls connections then holds an eighth of
 * the hub at most), the --proxy addresses exempt and with room kept for them (a TLS
 * reverse proxy on the same machine is one address for every office);
 * --header-timeout (default 10 s: a commune's slow link sends its headers in well
 * under that) for a request's headers; a body must come at HUB_BODY_RATE (1 KiB/s) on
 * average after --timeout seconds.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hub.h"
#include "conf.h"
#include "daemon.h"
#include "guard.h"
#include "i18n.h"
#include "listen.h"
#include "log.h"
#include "serve.h"

#define DEFAULT_LISTEN	"127.0.0.1:8098"
#define DEFAULT_CONNECTIONS	64
#define DEFAULT_TIMEOUT		60	/* seconds */

struct config {
	const char *pg;
	const char *listen;
	const char *cert_file, *key_file;
	int insecure, use_syslog;
	int connections, pool, timeout;
	int per_address;
	int per_address_given;		/* by the option: not lowered to --connections */
	int header_timeout;
	struct guard_net proxies[GUARD_EXEMPT_MAX];
	int nproxies;
	int proxies_given;		/* --proxy given: motcua.conf's are forgotten */
	enum hub_format format;
};

/* ---------------------------------------------------------------- usage */

static void
usage(FILE *fp)
{
	fprintf(fp, _("usage: motcua-hub --pg CONNINFO --listen ADDR:PORT [--tls-cert FILE --tls-key FILE]\n"
	    "                  [--insecure-listen] [--connections N] [--per-address N]\n"
	    "                  [--proxy ADDR[/BITS]]... [--header-timeout S] [--pool N] [--timeout S]\n"
	    "                  [--syslog]\n"
	    "       motcua-hub --pg CONNINFO office add CODE --name NAME [--parent CODE]\n"
	    "       motcua-hub --pg CONNINFO office token CODE | revoke CODE | list\n"
	    "       motcua-hub --pg CONNINFO stats [--format text|tsv|json]\n"
	    "       motcua-hub --pg CONNINFO dossiers [--office CODE] [--format text|tsv|json]\n"
	    "       motcua-hub --pg CONNINFO publish catalog|holidays|templates|settings FILE\n"
	    "       motcua-hub --pg CONNINFO check\n"
	    "       motcua-hub --pg CONNINFO report ontime|ratings [--by office|month|office-month]\n"
	    "                  [--from DATE] [--to DATE] [--format text|tsv|csv|json]\n"
	    "       motcua-hub --pg CONNINFO export dvcqg --since DATE [--output FILE] [--mapping FILE]\n"));
	fprintf(fp, _("\nThe province's hub: offices push their events to it and pull what other offices\n"
	    "did to their dossiers (motcua-sync).  Everything is kept in PostgreSQL (--pg, a\n"
	    "libpq connection string or URI, else $MOTCUA_HUB_PG); several hubs may serve one\n"
	    "database.  The protocol: doc/sync-api.md.\n"));
	fprintf(fp, _("\nDossiers cross the network: listen on loopback (the default, %s) behind a\n"
	    "TLS reverse proxy, or serve HTTPS with --tls-cert and --tls-key.  Another address\n"
	    "without TLS needs --insecure-listen.\n"), DEFAULT_LISTEN);
	fprintf(fp, _("\nThe server's limits (per-address, proxy and header-timeout may also be set\n"
	    "in motcua.conf's [hub]):\n"
	    "  --connections N      connections open at once (default %d)\n"
	    "  --per-address N      of them from one address (default %d: a NAT may put a few\n"
	    "                       offices behind one address)\n"
	    "  --proxy ADDR[/BITS]  the TLS reverse proxy's address: no per-address limit,\n"
	    "                       and room kept for it (repeatable)\n"
	    "  --header-timeout S   the longest a request's headers may take to come, and a\n"
	    "                       connection may stay idle (default %d)\n"
	    "  --pool N             requests worked on at once, each with its PostgreSQL\n"
	    "                       connection (default 4)\n"
	    "  --timeout S          seconds a request's body may take, and one more for each\n"
	    "                       KiB it has (1 KiB/s: 512 KiB over a 5 KB/s link passes;\n"
	    "                       default %d)\n"),
	    DEFAULT_CONNECTIONS, atoi(conf_get("hub", "per-address")),
	    atoi(conf_get("hub", "header-timeout")), DEFAULT_TIMEOUT);
}

/* Add the exempt address s (from where: "--proxy", or motcua.conf's key); exits 2 when
 * it is none or there are too many. */
static void
proxy_add(struct config *cfg, const char *s, const char *where)
{
	if (cfg->nproxies == GUARD_EXEMPT_MAX) {
		fprintf(stderr, _("motcua-hub: at most %d --proxy addresses\n"), GUARD_EXEMPT_MAX);
		exit(2);
	}
	if (guard_net_parse(s, &cfg->proxies[cfg->nproxies]) != 0) {
		fprintf(stderr, _("motcua-hub: %s '%s' is not an IP address (like 127.0.0.1, ::1 or "
		    "10.0.0.0/8)\n"), where, s);
		exit(2);
	}
	cfg->nproxies++;
}

/* What motcua.conf's [hub] says of the server's limits, or their defaults there (the
 * options win over it). */
static void
conf_limits(struct config *cfg)
{
	char list[CONF_VALUE_MAX + 1], *p, *save = NULL;
	const char *v;

	cfg->per_address = serve_number("motcua-hub", conf_get("hub", "per-address"),
	    "per-address (motcua.conf)", 1, 1000);
	cfg->header_timeout = serve_number("motcua-hub", conf_get("hub", "header-timeout"),
	    "header-timeout (motcua.conf)", 1, 60);
	if ((v = conf_value("hub", "proxy")) == NULL)
		return;
	snprintf(list, sizeof list, "%s", v);
	for (p = strtok_r(list, " ,", &save); p != NULL; p = strtok_r(NULL, " ,", &save))
		proxy_add(cfg, p, "proxy (motcua.conf)");
}

static enum hub_format
format_arg(const char *s)
{
	if (strcmp(s, "text") == 0)
		return HUB_TEXT;
	if (strcmp(s, "tsv") == 0)
		return HUB_TSV;
	if (strcmp(s, "csv") == 0)
		return HUB_CSV;
	if (strcmp(s, "json") == 0)
		return HUB_JSON;
	fprintf(stderr, _("motcua-hub: --format is text, tsv, csv or json\n"));
	exit(2);
}

/* The options before the command (and --format anywhere); optind ends on the command. */
static void
parse_options(int argc, char **argv, struct config *cfg)
{
	enum { O_PG = 256, O_LISTEN, O_CERT, O_KEY, O_INSECURE, O_CONNECTIONS, O_POOL,
		O_TIMEOUT, O_SYSLOG, O_FORMAT, O_VERSION, O_PER_ADDRESS, O_HEADER_TIMEOUT, O_PROXY };
	static const struct option options[] = {
		{ .name = "pg", .has_arg = required_argument, .val = O_PG },
		{ .name = "listen", .has_arg = required_argument, .val = O_LISTEN },
		{ .name = "tls-cert", .has_arg = required_argument, .val = O_CERT },
		{ .name = "tls-key", .has_arg = required_argument, .val = O_KEY },
		{ .name = "insecure-listen", .has_arg = no_argument, .val = O_INSECURE },
		{ .name = "connections", .has_arg = required_argument, .val = O_CONNECTIONS },
		{ .name = "per-address", .has_arg = required_argument, .val = O_PER_ADDRESS },
		{ .name = "proxy", .has_arg = required_argument, .val = O_PROXY },
		{ .name = "header-timeout", .has_arg = required_argument, .val = O_HEADER_TIMEOUT },
		{ .name = "pool", .has_arg = required_argument, .val = O_POOL },
		{ .name = "timeout", .has_arg = required_argument, .val = O_TIMEOUT },
		{ .name = "syslog", .has_arg = no_argument, .val = O_SYSLOG },
		{ .name = "format", .has_arg = required_argument, .val = O_FORMAT },
		{ .name = "help", .has_arg = no_argument, .val = 'h' },
		{ .name = "version", .has_arg = no_argument, .val = O_VERSION },
		{ 0 },
	};
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:h", options, NULL)) != -1) {
		switch (c) {
		case O_PG: cfg->pg = optarg; break;
		case O_LISTEN: cfg->listen = optarg; break;
		case O_CERT: cfg->cert_file = optarg; break;
		case O_KEY: cfg->key_file = optarg; break;
		case O_INSECURE: cfg->insecure = 1; break;
		case O_SYSLOG: cfg->use_syslog = 1; break;
		case O_CONNECTIONS:
			cfg->connections = serve_number("motcua-hub", optarg, "--connections", 1, 1000);
			break;
		case O_PER_ADDRESS:
			cfg->per_address = serve_number("motcua-hub", optarg, "--per-address", 1, 1000);
			cfg->per_address_given = 1;
			break;
		case O_PROXY:
			if (!cfg->proxies_given) {	/* the options replace motcua.conf's */
				cfg->nproxies = 0;
				cfg->proxies_given = 1;
			}
			proxy_add(cfg, optarg, "--proxy");
			break;
		case O_HEADER_TIMEOUT:
			cfg->header_timeout = serve_number("motcua-hub", optarg, "--header-timeout", 1, 60);
			break;
		case O_POOL: cfg->pool = serve_number("motcua-hub", optarg, "--pool", 1, 100); break;
		case O_TIMEOUT: cfg->timeout = serve_number("motcua-hub", optarg, "--timeout", 1, 600); break;
		case O_FORMAT: cfg->format = format_arg(optarg); break;
		case 'h':
			usage(stdout);
			exit(0);
		case O_VERSION:
			printf("motcua-hub %s\n", PACKAGE_VERSION);
			exit(0);
		case ':':
			fprintf(stderr, _("motcua-hub: %s needs a value\n"), argv[optind - 1]);
			exit(2);
		default:
			fprintf(stderr, _("motcua-hub: unknown option '%s'\n"), argv[optind - 1]);
			usage(stderr);
			exit(2);
		}
	}
}

/* Take "--name VALUE" out of argv[from..argc) wherever it is; NULL when absent. */
static const char *
take_opt(int *argc, char **argv, int from, const char *name)
{
	const char *v = NULL;
	int i, j;

	for (i = from; i < *argc; i++) {
		if (strcmp(argv[i], name) != 0)
			continue;
		if (i + 1 >= *argc) {
			fprintf(stderr, _("motcua-hub: %s needs a value\n"), name);
			exit(2);
		}
		v = argv[i + 1];
		for (j = i; j + 2 <= *argc; j++)
			argv[j] = argv[j + 2];
		*argc -= 2;
		i--;
	}
	return v;
}

/* ---------------------------------------------------------------- commands */

static PGconn *
connect_or_die(const char *pg)
{
	struct hub_db *db;
	struct mc_error err;
	PGconn *c;

	if (hub_db_open(pg, 1, &db, &err) != MC_OK) {
		fprintf(stderr, "motcua-hub: %s\n", mc_message(&err));
		exit(1);
	}
	c = hub_db_get(db, 10);
	if (c == NULL) {
		fprintf(stderr, _("motcua-hub: cannot connect to PostgreSQL\n"));
		exit(1);
	}
	/* The pool is no longer needed: keep the connection, drop the rest. */
	hub_db_put(db, NULL, 1);
	hub_db_close(db);
	return c;
}

static int
sql_failed(const struct mc_error *err)
{
	fprintf(stderr, "motcua-hub: %s\n", mc_message(err));
	return 1;
}

/* Run a query and print its rows in the chosen format: the exit status. */
static int
print_query(const struct config *cfg, const char *sql, int n, const char *const *v)
{
	struct mc_error err;
	PGresult *r;
	PGconn *c = connect_or_die(cfg->pg);

	r = hub_sql(c, sql, n, v, NULL, &err);
	if (r != NULL)
		hub_print(r, cfg->format);
	PQclear(r);
	PQfinish(c);
	return r == NULL ? sql_failed(&err) : 0;
}

static int
office_cmd(const struct config *cfg, int argc, char **argv)
{
	const char *name, *parent, *v[4];
	char token[65];
	struct mc_error err;
	PGresult *r;
	PGconn *c;
	int rc = 0;

	if (argc < 2) {
		fprintf(stderr, _("motcua-hub: office add|token|revoke|list\n"));
		return 2;
	}
	name = take_opt(&argc, argv, 2, "--name");
	parent = take_opt(&argc, argv, 2, "--parent");
	if (strcmp(argv[1], "list") == 0 && argc == 2)
		return print_query(cfg, "SELECT code, name, coalesce(parent, '') AS parent, "
		    "CASE WHEN token_hash IS NULL THEN 'revoked' ELSE 'active' END AS token, "
		    "cursor AS \"cursor#\" FROM office ORDER BY code COLLATE \"C\"", 0, NULL);
	if (argc != 3 || (strcmp(argv[1], "add") == 0) != (name != NULL) ||
	    (parent != NULL && strcmp(argv[1], "add") != 0) ||
	    (strcmp(argv[1], "add") != 0 && strcmp(argv[1], "token") != 0 && strcmp(argv[1], "revoke") != 0)) {
		fprintf(stderr, _("motcua-hub: office add CODE --name NAME [--parent CODE] | token CODE | revoke CODE | list\n"));
		return 2;
	}
	if (!wire_office_valid(argv[2])) {
		fprintf(stderr, _("motcua-hub: '%s' is not an office code (letters, digits and dots, no spaces or ':')\n"), argv[2]);
		return 2;
	}
	if (strcmp(argv[1], "revoke") != 0 && hub_token_new(token) != 0) {
		fprintf(stderr, _("motcua-hub: cannot make a random token\n"));
		return 1;
	}
	c = connect_or_die(cfg->pg);
	v[0] = argv[2];
	v[1] = token;
	v[2] = name;
	v[3] = parent != NULL && *parent != '\0' ? parent : NULL;
	if (strcmp(argv[1], "add") == 0)
		r = hub_sql(c, "INSERT INTO office (code, token_hash, name, parent) VALUES ($1, "
		    "sha256(convert_to($2, 'UTF8')), $3, $4) RETURNING code", 4, v, NULL, &err);
	else if (strcmp(argv[1], "token") == 0)
		r = hub_sql(c, "UPDATE office SET token_hash = sha256(convert_to($2, 'UTF8')) "
		    "WHERE code = $1 RETURNING code", 2, v, NULL, &err);
	else
		r = hub_sql(c, "UPDATE office SET token_hash = NULL WHERE code = $1 RETURNING code",
		    1, v, NULL, &err);
	if (r == NULL)
		rc = sql_failed(&err);
	else if (PQntuples(r) != 1) {
		fprintf(stderr, _("motcua-hub: no office %s\n"), argv[2]);
		rc = 1;
	} else if (strcmp(argv[1], "add") == 0)
		printf(_("Office %s (%s) added. Its token (give it to the office; it is shown only once):\n%s\n"),
		    argv[2], name, token);
	else if (strcmp(argv[1], "token") == 0)
		printf(_("Office %s has a new token (the old one no longer works):\n%s\n"), argv[2], token);
	else
		printf(_("Office %s's token is revoked: it can no longer sync until given a new one.\n"), argv[2]);
	explicit_bzero(token, sizeof token);
	PQclear(r);
	PQfinish(c);
	return rc;
}

static int
stats_cmd(const struct config *cfg, int argc, char **argv)
{
	if (argc != 1) {
		fprintf(stderr, _("motcua-hub: stats takes no argument but --format\n"));
		return 2;
	}
	return print_query(cfg, "SELECT o.code, o.events AS \"events#\", o.cursor AS \"cursor#\", "
	    "(SELECT count(*) FROM dossier d WHERE d.office = o.code) AS \"dossiers#\", "
	    "coalesce(to_char(o.last_push AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), '') "
	    "AS last_push FROM office o ORDER BY o.code COLLATE \"C\"", 0, NULL);
}

static int
dossiers_cmd(const struct config *cfg, int argc, char **argv)
{
	const char *office = take_opt(&argc, argv, 1, "--office"), *v[1] = { office };

	if (argc != 1) {
		fprintf(stderr, _("motcua-hub: dossiers [--office CODE] [--format text|tsv|json]\n"));
		return 2;
	}
	return print_query(cfg, "SELECT code, office, handler, status AS \"status#\", events AS "
	    "\"events#\", last_event, digest FROM dossier WHERE $1::text IS NULL OR office = $1 "
	    "ORDER BY code COLLATE \"C\"", 1, v);
}

static void
check_differ(const char *code, const char *what, void *ctx)
{
	(void)ctx;
	printf("%s: %s\n", code, what);
}

static int
check_cmd(const struct config *cfg, int argc, char **argv)
{
	struct mc_error err;
	long checked, bad;
	PGconn *c;
	int rc;

	if (argc != 1) {
		fprintf(stderr, _("motcua-hub: check takes no argument\n"));
		return 2;
	}
	c = connect_or_die(cfg->pg);
	rc = hub_check(c, check_differ, NULL, &checked, &bad, &err);
	PQfinish(c);
	if (rc != MC_OK)
		return sql_failed(&err);
	printf(_("%ld dossiers checked against their events: %ld differ.\n"), checked, bad);
	return bad == 0 ? 0 : 1;
}

/* ---------------------------------------------------------------- serve */

static void
check_exposure(const struct config *cfg, const char *shown, int loopback)
{
	if (loopback || cfg->cert_file != NULL)
		return;
	if (cfg->insecure) {
		fprintf(stderr, _("motcua-hub: warning: listening on %s without TLS: dossiers cross the "
		    "network in clear text\n"), shown);
		return;
	}
	fprintf(stderr, _("motcua-hub: refusing to listen on %s without TLS: dossiers and tokens "
	    "would cross the network in clear text.\n"
	    "Listen on 127.0.0.1 behind a TLS reverse proxy, or give --tls-cert and --tls-key; "
	    "--insecure-listen overrides this on a network you trust.\n"), shown);
	exit(2);
}

static int
serve(const struct config *cfg)
{
	char shown[LISTEN_SHOWN_MAX], *cert = NULL, *key = NULL;
	struct hub_http_config hc = { .connections = cfg->connections,
		.per_address = cfg->per_address, .header_timeout = cfg->header_timeout,
		.proxies = cfg->proxies, .nproxies = cfg->nproxies, .timeout = cfg->timeout,
		.slots = cfg->pool };
	struct hub_http *http;
	struct hub_db *db;
	struct mc_error err;
	sigset_t set;
	int loopback, sig, rc = 1;

	if ((cfg->cert_file == NULL) != (cfg->key_file == NULL)) {
		fprintf(stderr, _("motcua-hub: --tls-cert and --tls-key go together\n"));
		return 2;
	}
	if (cfg->cert_file != NULL && !hub_http_tls()) {
		fprintf(stderr, _("motcua-hub: this libmicrohttpd was built without TLS: "
		    "put a TLS reverse proxy in front and listen on 127.0.0.1\n"));
		return 2;
	}
	if (cfg->cert_file != NULL && (listen_read_pem(cfg->cert_file, &cert, &err) != MC_OK ||
	    listen_read_pem(cfg->key_file, &key, &err) != MC_OK)) {
		fprintf(stderr, "motcua-hub: %s\n", mc_message(&err));
		free(cert);
		return 2;
	}
	if (listen_open(cfg->listen, &hc.fd, &loopback, shown, &err) != MC_OK) {
		fprintf(stderr, "motcua-hub: %s\n", mc_message(&err));
		rc = err.code == MC_EINVAL ? 2 : 1;
		goto out;
	}
	check_exposure(cfg, shown, loopback);
	if (hub_db_open(cfg->pg, cfg->pool, &db, &err) != MC_OK) {
		fprintf(stderr, "motcua-hub: %s\n", mc_message(&err));
		close(hc.fd);
		goto out;
	}
	/* One thread per connection: without a bound, glibc gives threads arenas of their
	 * own that keep what they freed, and the hub's memory follows the clients. */
	mallopt(M_ARENA_MAX, 2);
	daemon_signals(&set, 0);	/* the server's threads inherit it: this one waits */
	log_open("motcua-hub", cfg->use_syslog);
	hc.db = db;
	hc.tls_cert = cert;
	hc.tls_key = key;
	if (hub_http_start(&hc, &http, &err) != MC_OK) {
		log_line(LOG_ERR, "%s", mc_message(&err));
		hub_db_close(db);
		goto out;
	}
	log_line(LOG_INFO, "at most %d connections, %d from one address%s; headers within %d s, "
	    "bodies within %d s and %d s a KiB", cfg->connections, cfg->per_address,
	    cfg->nproxies > 0 ? " (the proxies' aside)" : "", cfg->header_timeout, cfg->timeout,
	    1024 / HUB_BODY_RATE);
	log_line(LOG_INFO, "listening on %s%s (pool of %d PostgreSQL connections)", shown,
	    cert != NULL ? " with TLS" : "", cfg->pool);
	sig = daemon_signal(&set, -1);
	log_line(LOG_INFO, "stopping (signal %d)", sig);
	hub_http_stop(http);
	hub_db_close(db);
	log_flush(1);
	log_line(LOG_INFO, "stopped");
	log_close();
	rc = 0;
out:
	if (key != NULL)
		explicit_bzero(key, strlen(key));
	free(key);
	free(cert);
	return rc;
}

/* ---------------------------------------------------------------- main */

int
main(int argc, char **argv)
{
	struct config cfg = { .listen = DEFAULT_LISTEN, .connections = DEFAULT_CONNECTIONS,
		.pool = 4, .timeout = DEFAULT_TIMEOUT, .format = HUB_TEXT };
	const char *fmt;
	PGconn *c;
	int rc;

	mc_i18n_init(getenv("MOTCUA_LANG"));
	if (conf_start("motcua-hub") != 0)
		return 1;
	/* An option, else $MOTCUA_HUB_PG, else motcua.conf's [hub]. */
	cfg.pg = getenv("MOTCUA_HUB_PG");
	if (cfg.pg == NULL || *cfg.pg == '\0')
		cfg.pg = conf_value("hub", "pg");
	cfg.listen = conf_get("hub", "listen");
	cfg.cert_file = conf_value("hub", "tls-cert");
	cfg.key_file = conf_value("hub", "tls-key");
	conf_limits(&cfg);
	parse_options(argc, argv, &cfg);
	if (!cfg.per_address_given && cfg.per_address > cfg.connections)
		cfg.per_address = cfg.connections;	/* motcua.conf's, within --connections */
	else if (cfg.per_address > cfg.connections) {
		fprintf(stderr, _("motcua-hub: --per-address cannot be more than --connections (%d)\n"),
		    cfg.connections);
		return 2;
	}
	argc -= optind;
	argv += optind;
	if ((fmt = take_opt(&argc, argv, 0, "--format")) != NULL)
		cfg.format = format_arg(fmt);
	if (cfg.pg == NULL || *cfg.pg == '\0') {
		fprintf(stderr, _("motcua-hub: --pg CONNINFO is needed (or $MOTCUA_HUB_PG, or pg in motcua.conf's [hub])\n"));
		return 2;
	}
	if (argc == 0)
		return serve(&cfg);
	if (strcmp(argv[0], "office") == 0)
		return office_cmd(&cfg, argc, argv);
	if (strcmp(argv[0], "stats") == 0)
		return stats_cmd(&cfg, argc, argv);
	if (strcmp(argv[0], "dossiers") == 0)
		return dossiers_cmd(&cfg, argc, argv);
	if (strcmp(argv[0], "check") == 0)
		return check_cmd(&cfg, argc, argv);
	if (strcmp(argv[0], "publish") == 0 || strcmp(argv[0], "report") == 0 ||
	    strcmp(argv[0], "export") == 0) {
		c = connect_or_die(cfg.pg);
		rc = strcmp(argv[0], "publish") == 0 ? hub_publish(c, argc, argv) :
		    strcmp(argv[0], "report") == 0 ? hub_report(c, argc, argv, cfg.format) :
		    hub_export(c, argc, argv);
		PQfinish(c);
		return rc;
	}
	fprintf(stderr, _("motcua-hub: unknown command '%s'\n"), argv[0]);
	usage(stderr);
	return 2;
}
