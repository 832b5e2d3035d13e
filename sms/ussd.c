/* ussd.c -- motcua-ussd, the HTTP endpoint an operator's or an aggregator's USSD
 * gateway calls: the same menus as the SMS daemon (common/query.h), answered from the
 * office's store.  This file reads the command line, checks what it was given before
 * it detaches (the store, the address, the certificate), owns the log and waits for
 * SIGTERM; ussd-http.c serves, ussd-answer.c answers.
 *
 *	motcua-ussd [--db PATH] [--listen ADDR:PORT] [--path /ussd] [--foreground]
 *	    [--tls-cert FILE --tls-key FILE] [--insecure-listen]
 *	    [--connections N] [--per-address N] [--gateway ADDR[/BITS]]...
 *	    [--header-timeout SECONDS] [--timeout SECONDS]
 *
 * Phone numbers and dossiers' status cross the network only over TLS: by default the
 * endpoint listens on 127.0.0.1:8099, behind the gateway's TLS tunnel or a TLS reverse
 * proxy on the same machine; it serves HTTPS itself with --tls-cert/--tls-key, and it
 * refuses any address that is not a loopback one without TLS unless --insecure-listen.
 *
 * Connections (net/guard.c): at most --connections open (default 256), at most
 * --per-address from one address (default 64: a gateway is one address, and 64
 * requests in flight carry thousands a second; a client that stalls connections
 * then holds a quarter of the server at most), the --gateway addresses exempt and
 * with room kept for them; --header-timeout (default 5 s) for a request's headers.
 *
 * SIGTERM (and SIGINT) stop it: no new connection, the requests in hand are answered,
 * exit 0.  SIGHUP is ignored (nothing to read again).
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "conf.h"
#include "daemon.h"
#include "guard.h"
#include "i18n.h"
#include "listen.h"
#include "log.h"
#include "serve.h"
#include "store.h"
#include "ussd.h"

#define DEFAULT_LISTEN	"127.0.0.1:8099"
#define DEFAULT_PATH	"/ussd"
#define DEFAULT_CONNECTIONS	256
#define DEFAULT_PER_ADDRESS	64
#define DEFAULT_HEADER_TIMEOUT	5	/* seconds */
#define DEFAULT_TIMEOUT		3	/* seconds */

struct config {
	const char *db;
	const char *listen;
	const char *path;
	const char *cert_file, *key_file;
	int foreground;
	int insecure;			/* --insecure-listen */
	int connections;
	int per_address;		/* -1: the default, at most connections */
	int header_timeout;
	int timeout;
	struct guard_net gateways[GUARD_EXEMPT_MAX];
	int ngateways;
};

/* ---------------------------------------------------------------- the command line */

static void
usage(FILE *fp)
{
	fprintf(fp, _("usage: motcua-ussd [--db PATH] [--listen ADDR:PORT] [--path /ussd]\n"
	    "                   [--foreground] [--tls-cert FILE --tls-key FILE]\n"
	    "                   [--insecure-listen] [--connections N] [--per-address N]\n"
	    "                   [--gateway ADDR[/BITS]]... [--header-timeout SECONDS]\n"
	    "                   [--timeout SECONDS]\n"));
	fprintf(fp, _("\nAnswers a USSD gateway over HTTP with the menus of the SMS service: dossier\n"
	    "status, procedures, rating, notices on or off.  The gateway posts a form\n"
	    "(sessionId, serviceCode, phoneNumber, networkCode, text) to the path and gets\n"
	    "\"CON ...\" or \"END ...\".  The database: --db, else $MOTCUA_DB, else\n"
	    "%s.\n"), conf_store_path());
	fprintf(fp, _("\nPhone numbers and dossiers cross the network: listen on loopback (the default,\n"
	    "%s) behind the gateway's TLS or a TLS reverse proxy, or serve\n"
	    "HTTPS with --tls-cert and --tls-key.  Another address without TLS needs\n"
	    "--insecure-listen.\n"), DEFAULT_LISTEN);
	fprintf(fp, _("\n  --connections N      connections open at once (default %d)\n"
	    "  --per-address N      connections open at once from one address (default %d;\n"
	    "                       a gateway is one address: see --gateway)\n"
	    "  --gateway ADDR[/BITS]  the gateway's (or the TLS proxy's) address: no\n"
	    "                       per-address limit, and room kept for it (repeatable)\n"
	    "  --header-timeout SECONDS  the longest a request's headers may take to come,\n"
	    "                       and a connection may stay idle (default %d)\n"
	    "  --timeout SECONDS    the longest a request may take from its headers to its\n"
	    "                       answer, its wait for a busy database included\n"
	    "                       (default %d: gateways wait a few)\n"),
	    DEFAULT_CONNECTIONS, DEFAULT_PER_ADDRESS, DEFAULT_HEADER_TIMEOUT, DEFAULT_TIMEOUT);
}

static void
parse_options(int argc, char **argv, struct config *cfg)
{
	enum { O_DB = 256, O_LISTEN, O_PATH, O_CERT, O_KEY, O_INSECURE, O_CONNECTIONS,
		O_PER_ADDRESS, O_GATEWAY, O_HEADER_TIMEOUT, O_TIMEOUT, O_VERSION };
	static const struct option options[] = {
		{ .name = "db", .has_arg = required_argument, .val = O_DB },
		{ .name = "listen", .has_arg = required_argument, .val = O_LISTEN },
		{ .name = "path", .has_arg = required_argument, .val = O_PATH },
		{ .name = "foreground", .has_arg = no_argument, .val = 'f' },
		{ .name = "tls-cert", .has_arg = required_argument, .val = O_CERT },
		{ .name = "tls-key", .has_arg = required_argument, .val = O_KEY },
		{ .name = "insecure-listen", .has_arg = no_argument, .val = O_INSECURE },
		{ .name = "connections", .has_arg = required_argument, .val = O_CONNECTIONS },
		{ .name = "per-address", .has_arg = required_argument, .val = O_PER_ADDRESS },
		{ .name = "gateway", .has_arg = required_argument, .val = O_GATEWAY },
		{ .name = "header-timeout", .has_arg = required_argument, .val = O_HEADER_TIMEOUT },
		{ .name = "timeout", .has_arg = required_argument, .val = O_TIMEOUT },
		{ .name = "help", .has_arg = no_argument, .val = 'h' },
		{ .name = "version", .has_arg = no_argument, .val = O_VERSION },
		{ 0 },
	};
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":fh", options, NULL)) != -1) {
		switch (c) {
		case O_DB:
			cfg->db = optarg;
			break;
		case O_LISTEN:
			cfg->listen = optarg;
			break;
		case O_PATH:
			cfg->path = optarg;
			break;
		case 'f':
			cfg->foreground = 1;
			break;
		case O_CERT:
			cfg->cert_file = optarg;
			break;
		case O_KEY:
			cfg->key_file = optarg;
			break;
		case O_INSECURE:
			cfg->insecure = 1;
			break;
		case O_CONNECTIONS:
			cfg->connections = serve_number("motcua-ussd", optarg, "--connections", 1,
			    1000);
			break;
		case O_PER_ADDRESS:
			cfg->per_address = serve_number("motcua-ussd", optarg, "--per-address", 1,
			    1000);
			break;
		case O_GATEWAY:
			if (cfg->ngateways == GUARD_EXEMPT_MAX) {
				fprintf(stderr, _("motcua-ussd: at most %d --gateway addresses\n"),
				    GUARD_EXEMPT_MAX);
				exit(2);
			}
			if (guard_net_parse(optarg, &cfg->gateways[cfg->ngateways]) != 0) {
				fprintf(stderr, _("motcua-ussd: --gateway '%s' is not an IP address "
				    "(like 203.0.113.7, 2001:db8::7 or 203.0.113.0/24)\n"), optarg);
				exit(2);
			}
			cfg->ngateways++;
			break;
		case O_HEADER_TIMEOUT:
			cfg->header_timeout = serve_number("motcua-ussd", optarg, "--header-timeout",
			    1, 60);
			break;
		case O_TIMEOUT:
			cfg->timeout = serve_number("motcua-ussd", optarg, "--timeout", 1, 60);
			break;
		case 'h':
			usage(stdout);
			exit(0);
		case O_VERSION:
			printf("motcua-ussd %s\n", PACKAGE_VERSION);
			exit(0);
		case ':':
			fprintf(stderr, _("motcua-ussd: %s needs a value\n"), argv[optind - 1]);
			exit(2);
		default:
			fprintf(stderr, _("motcua-ussd: unknown option '%s'\n"), argv[optind - 1]);
			usage(stderr);
			exit(2);
		}
	}
	if (optind < argc) {
		fprintf(stderr, _("motcua-ussd: unexpected argument '%s'\n"), argv[optind]);
		usage(stderr);
		exit(2);
	}
}

/* ---------------------------------------------------------------- checks before serving */

/* The whole of a PEM file, a new string; NULL with a message on standard error. */
static char *
read_pem(const char *path)
{
	struct mc_error err;
	char *buf;

	if (listen_read_pem(path, &buf, &err) != MC_OK) {
		fprintf(stderr, "motcua-ussd: %s\n", mc_message(&err));
		return NULL;
	}
	return buf;
}

/* May the endpoint listen where it is bound?  Exits 2 when not. */
static void
check_exposure(const struct config *cfg, const char *shown, int loopback)
{
	if (loopback || cfg->cert_file != NULL)
		return;
	if (cfg->insecure) {
		fprintf(stderr, _("motcua-ussd: warning: listening on %s without TLS: phone numbers "
		    "and dossiers' status cross the network in clear text\n"), shown);
		return;
	}
	fprintf(stderr, _("motcua-ussd: refusing to listen on %s without TLS: phone numbers and "
	    "dossiers' status would cross the network in clear text.\n"
	    "Listen on 127.0.0.1 behind the gateway's TLS or a TLS reverse proxy, or give "
	    "--tls-cert and --tls-key; --insecure-listen overrides this on a network you trust.\n"),
	    shown);
	exit(2);
}

/* Open the store once, to say what is wrong on the terminal rather than in syslog. */
static int
check_store(const char *db, char *path)
{
	struct store *st;
	struct mc_error err;

	if (realpath(db, path) == NULL) {
		fprintf(stderr, _("motcua-ussd: %s does not exist: run 'motcua init' first\n"), db);
		return -1;
	}
	if (store_open(path, 0, &st, &err) != MC_OK) {
		fprintf(stderr, "motcua-ussd: %s\n", mc_message(&err));
		return -1;
	}
	store_close(st);
	return 0;
}

/* ---------------------------------------------------------------- main */

/* Serve until SIGTERM or SIGINT: 0, or 1 when it could not start. */
static int
serve(const struct config *cfg, const char *dbpath, int fd, const char *shown,
    const char *cert, const char *key)
{
	struct ussd_service *sv;
	struct ussd_http *http;
	struct ussd_http_config hc = { .fd = fd, .path = cfg->path, .tls_cert = cert,
		.tls_key = key, .timeout = cfg->timeout, .answer = ussd_service_answer,
		.connections = cfg->connections, .per_address = cfg->per_address,
		.header_timeout = cfg->header_timeout, .gateways = cfg->gateways,
		.ngateways = cfg->ngateways };
	struct mc_error err;
	sigset_t set;
	int sig;

	daemon_signals(&set, 0);	/* the server's threads inherit it: this one waits */
	if (ussd_service_open(dbpath, &sv, &err) != MC_OK) {
		log_line(LOG_ERR, "cannot open the store: %s", mc_message(&err));
		close(fd);
		return 1;
	}
	hc.arg = sv;
	if (ussd_http_start(&hc, &http, &err) != MC_OK) {
		log_line(LOG_ERR, "%s", mc_message(&err));
		ussd_service_close(sv);
		return 1;
	}
	log_line(LOG_INFO, "listening on %s%s (path %s, store %s)", shown,
	    cert != NULL ? " with TLS" : "", cfg->path, dbpath);
	log_line(LOG_INFO, "at most %d connections, %d from one address%s; headers within %d s, "
	    "answers within %d s", cfg->connections, cfg->per_address,
	    cfg->ngateways > 0 ? " (the gateways' aside)" : "", cfg->header_timeout, cfg->timeout);
	sig = daemon_signal(&set, -1);
	log_line(LOG_INFO, "stopping (signal %d)", sig);
	ussd_http_stop(http);
	ussd_service_close(sv);
	log_flush(1);
	log_line(LOG_INFO, "stopped");
	return 0;
}

int
main(int argc, char **argv)
{
	struct config cfg = { .listen = DEFAULT_LISTEN, .path = DEFAULT_PATH,
		.connections = DEFAULT_CONNECTIONS, .per_address = -1,
		.header_timeout = DEFAULT_HEADER_TIMEOUT, .timeout = DEFAULT_TIMEOUT };
	char dbpath[PATH_MAX], shown[USSD_LISTEN_MAX], *cert = NULL, *key = NULL;
	struct mc_error err;
	int fd, loopback, rc;

	mc_i18n_init(getenv("MOTCUA_LANG"));
	if (conf_start("motcua-ussd") != 0)
		return 1;
	/* What motcua.conf's [ussd] says, unless an option says otherwise. */
	cfg.db = conf_store_path();
	cfg.listen = conf_get("ussd", "listen");
	cfg.path = conf_get("ussd", "path");
	cfg.cert_file = conf_value("ussd", "tls-cert");
	cfg.key_file = conf_value("ussd", "tls-key");
	parse_options(argc, argv, &cfg);
	if (cfg.per_address < 0)	/* the default, within a smaller --connections */
		cfg.per_address = DEFAULT_PER_ADDRESS < cfg.connections ? DEFAULT_PER_ADDRESS :
		    cfg.connections;
	else if (cfg.per_address > cfg.connections) {
		fprintf(stderr, _("motcua-ussd: --per-address cannot be more than --connections (%d)\n"),
		    cfg.connections);
		return 2;
	}
	if ((cfg.cert_file == NULL) != (cfg.key_file == NULL)) {
		fprintf(stderr, _("motcua-ussd: --tls-cert and --tls-key go together\n"));
		return 2;
	}
	if (cfg.path[0] != '/' || strlen(cfg.path) > 128 || strpbrk(cfg.path, " ?#\t") != NULL) {
		fprintf(stderr, _("motcua-ussd: --path must start with / (like /ussd), without spaces, ? or #\n"));
		return 2;
	}
	if (cfg.cert_file != NULL && !ussd_http_tls()) {
		fprintf(stderr, _("motcua-ussd: this libmicrohttpd was built without TLS: "
		    "put a TLS reverse proxy in front and listen on 127.0.0.1\n"));
		return 2;
	}
	if (cfg.cert_file != NULL && ((cert = read_pem(cfg.cert_file)) == NULL ||
	    (key = read_pem(cfg.key_file)) == NULL)) {
		free(cert);
		return 2;
	}
	if (check_store(cfg.db, dbpath) != 0) {
		free(cert);
		free(key);
		return 1;
	}
	if (ussd_listen(cfg.listen, &fd, &loopback, shown, &err) != MC_OK) {
		fprintf(stderr, "motcua-ussd: %s\n", mc_message(&err));
		free(cert);
		free(key);
		return err.code == MC_EINVAL ? 2 : 1;
	}
	check_exposure(&cfg, shown, loopback);
	if (!cfg.foreground) {
		if (daemon_detach() != 0) {
			fprintf(stderr, _("motcua-ussd: cannot detach: %s\n"), strerror(errno));
			return 1;
		}
	}
	log_open("motcua-ussd", !cfg.foreground);
	rc = serve(&cfg, dbpath, fd, shown, cert, key);
	log_close();
	if (key != NULL)
		explicit_bzero(key, strlen(key));
	free(key);
	free(cert);
	return rc;
}
