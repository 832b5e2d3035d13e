/* guard.c -- who may connect to motcua's HTTP servers (motcua-ussd, motcua-hub), and
 * for how long; see guard.h.
 *
 * A client that opens connections and sends nothing (or its headers a byte at a
 * time, "slowloris") holds a connection, and in these servers a thread, until
 * something closes it.  The guard keeps one record per open connection and enforces:
 *  - at most per_address connections from one address (an IPv4-mapped IPv6 address
 *    counts as its IPv4 address), so that one client cannot take the server;
 *  - the exempt addresses (a USSD gateway, a reverse proxy) have no such limit, and
 *    when there are any, the other addresses together may hold at most
 *    connections - per_address (at most half of them kept): the exempt always find
 *    room, whatever the others do;
 *  - deadlines, watched by a thread of its own four times a second: a request's
 *    headers must be in header_timeout seconds after the connection opened or its
 *    previous answer went out (plus a second, so that libmicrohttpd's idle timeout,
 *    also header_timeout then, closes merely idle connections first and only
 *    trickling ones reach the watchdog); a body must be in by the deadline the
 *    server sets (plus BODY_GRACE, the server refusing it at the deadline itself); an
 *    answer being sent gets the deadline the server sets, or header_timeout seconds.
 *    A connection past its deadline has its socket shut down (shutdown(2), not close:
 *    libmicrohttpd owns the descriptor and sees the end of the stream), which ends
 *    its thread.
 * The total itself is libmicrohttpd's (MHD_OPTION_CONNECTION_LIMIT): admission here
 * only refuses earlier.  The descriptor of a record is valid while the record is:
 * libmicrohttpd closes a socket only after its "closed" notification, which takes
 * the guard's lock (guard_close) that the watchdog holds while it shuts one.
 *
 * Every refusal and every closing is logged as rate-limited noise (log_noisy, the
 * program's log) with the client's address, never more: an attacker decides how
 * many there are.
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "guard.h"
#include "i18n.h"
#include "log.h"
#include "mctime.h"

#define TICK_MS		250	/* the watchdog's period */
#define HEADER_GRACE	1.0	/* seconds after the idle timeout */
#define BODY_GRACE	0.5	/* seconds after a request's deadline */
#define CLOSINGS_MAX	64	/* connections shut in one tick (the rest: the next) */

/* One open connection. */
struct guard_conn {
	struct guard *g;
	int used;
	int fd;
	int family;			/* AF_INET (IPv4-mapped too) or AF_INET6 */
	unsigned char addr[16];
	int exempt;			/* from an exempt address */
	enum guard_phase phase;
	double deadline;		/* mc_monotonic(); 0: none */
};

struct guard {
	pthread_mutex_t lock;		/* everything below */
	pthread_cond_t wake;
	pthread_t thread;
	int stopping;
	struct guard_config cfg;
	struct guard_net exempt[GUARD_EXEMPT_MAX];
	struct guard_conn *conns;	/* cfg.connections of them */
	int open;			/* records in use */
	int open_others;		/* ... not from an exempt address */
};

/* ---------------------------------------------------------------- addresses */

int
guard_net_parse(const char *s, struct guard_net *n)
{
	char buf[GUARD_ADDR_MAX], *slash, *end;
	long bits;

	if (strlen(s) >= sizeof buf)
		return -1;
	snprintf(buf, sizeof buf, "%s", s);
	memset(n, 0, sizeof *n);
	if ((slash = strchr(buf, '/')) != NULL)
		*slash = '\0';
	if (inet_pton(AF_INET, buf, n->addr) == 1) {
		n->family = AF_INET;
		n->bits = 32;
	} else if (inet_pton(AF_INET6, buf, n->addr) == 1) {
		n->family = AF_INET6;
		n->bits = 128;
	} else
		return -1;
	if (slash != NULL) {
		errno = 0;
		bits = strtol(slash + 1, &end, 10);
		if (slash[1] == '\0' || *end != '\0' || errno != 0 || bits < 0 || bits > n->bits)
			return -1;
		n->bits = (int)bits;
	}
	return 0;
}

/* The address of sa into family and addr (IPv4-mapped IPv6 as IPv4); -1 when it is
 * no IP address. */
static int
key_of(const struct sockaddr *sa, int *family, unsigned char addr[16])
{
	const struct sockaddr_in6 *s6;

	memset(addr, 0, 16);
	if (sa == NULL)
		return -1;
	if (sa->sa_family == AF_INET) {
		*family = AF_INET;
		memcpy(addr, &((const struct sockaddr_in *)sa)->sin_addr, 4);
		return 0;
	}
	if (sa->sa_family != AF_INET6)
		return -1;
	s6 = (const struct sockaddr_in6 *)sa;
	if (IN6_IS_ADDR_V4MAPPED(&s6->sin6_addr)) {
		*family = AF_INET;
		memcpy(addr, s6->sin6_addr.s6_addr + 12, 4);
	} else {
		*family = AF_INET6;
		memcpy(addr, s6->sin6_addr.s6_addr, 16);
	}
	return 0;
}

static int
in_net(const struct guard_net *n, int family, const unsigned char addr[16])
{
	int whole = n->bits / 8, rest = n->bits % 8;

	if (n->family != family || memcmp(n->addr, addr, (size_t)whole) != 0)
		return 0;
	return rest == 0 || ((n->addr[whole] ^ addr[whole]) & (0xFF << (8 - rest)) & 0xFF) == 0;
}

static int
is_exempt(const struct guard *g, int family, const unsigned char addr[16])
{
	int i;

	for (i = 0; i < g->cfg.nexempt; i++)
		if (in_net(&g->exempt[i], family, addr))
			return 1;
	return 0;
}

static void
shown(int family, const unsigned char addr[16], char out[GUARD_ADDR_MAX])
{
	if (inet_ntop(family, addr, out, GUARD_ADDR_MAX) == NULL)
		snprintf(out, GUARD_ADDR_MAX, "?");
}

/* ---------------------------------------------------------------- admission */

/* The connections kept for the exempt addresses: per_address, at most half of them
 * all; none without any. */
static int
reserve(const struct guard *g)
{
	if (g->cfg.nexempt == 0)
		return 0;
	return g->cfg.per_address < g->cfg.connections / 2 ? g->cfg.per_address :
	    g->cfg.connections / 2;
}

int
guard_admit(struct guard *g, const struct sockaddr *sa)
{
	unsigned char addr[16];
	char who[GUARD_ADDR_MAX];
	int family, i, same = 0, exempt, others_max;

	if (key_of(sa, &family, addr) != 0)
		return 1;	/* not an IP socket: nothing to count by */
	pthread_mutex_lock(&g->lock);
	exempt = is_exempt(g, family, addr);
	if (exempt) {
		pthread_mutex_unlock(&g->lock);
		return 1;
	}
	for (i = 0; i < g->cfg.connections; i++)
		if (g->conns[i].used && g->conns[i].family == family &&
		    memcmp(g->conns[i].addr, addr, 16) == 0)
			same++;
	others_max = g->cfg.connections - reserve(g);
	i = g->open_others;
	pthread_mutex_unlock(&g->lock);
	shown(family, addr, who);
	if (same >= g->cfg.per_address) {
		log_noisy(LOG_NOISE_REFUSED, LOG_WARNING, "refused a connection from %s: "
		    "%d open from that address already (--per-address %d)", who, same,
		    g->cfg.per_address);
		return 0;
	}
	if (i >= others_max) {
		log_noisy(LOG_NOISE_REFUSED, LOG_WARNING, "refused a connection from %s: "
		    "%d open from addresses other than the %s's, the %d left are kept for it",
		    who, i, g->cfg.exempt_name, g->cfg.connections - others_max);
		return 0;
	}
	return 1;
}

/* ---------------------------------------------------------------- records */

static double
header_deadline(const struct guard *g)
{
	return mc_monotonic() + g->cfg.header_timeout + HEADER_GRACE;
}

struct guard_conn *
guard_open(struct guard *g, int fd, const struct sockaddr *sa)
{
	struct guard_conn *c = NULL;
	int i;

	pthread_mutex_lock(&g->lock);
	for (i = 0; i < g->cfg.connections; i++)
		if (!g->conns[i].used) {
			c = &g->conns[i];
			break;
		}
	if (c != NULL) {
		memset(c, 0, sizeof *c);
		c->g = g;
		c->used = 1;
		c->fd = fd;
		if (key_of(sa, &c->family, c->addr) != 0)
			c->family = AF_UNSPEC;
		c->exempt = c->family != AF_UNSPEC && is_exempt(g, c->family, c->addr);
		c->phase = GUARD_HEADERS;
		c->deadline = header_deadline(g);
		g->open++;
		if (!c->exempt)
			g->open_others++;
	}
	pthread_mutex_unlock(&g->lock);
	return c;
}

void
guard_close(struct guard *g, struct guard_conn *c)
{
	if (c == NULL)
		return;
	pthread_mutex_lock(&g->lock);
	if (c->used) {
		c->used = 0;
		g->open--;
		if (!c->exempt)
			g->open_others--;
	}
	pthread_mutex_unlock(&g->lock);
}

enum guard_phase
guard_phase(struct guard_conn *c, enum guard_phase ph, double deadline)
{
	enum guard_phase was;
	struct guard *g;

	if (c == NULL)
		return ph;
	g = c->g;
	pthread_mutex_lock(&g->lock);
	was = c->phase;
	c->phase = ph;
	switch (ph) {
	case GUARD_HEADERS:
		c->deadline = header_deadline(g);
		break;
	case GUARD_BODY:
		c->deadline = deadline + BODY_GRACE;
		break;
	case GUARD_ANSWER:
		c->deadline = 0;
		break;
	case GUARD_SENDING:
		c->deadline = deadline > 0 ? deadline : mc_monotonic() + g->cfg.header_timeout;
		break;
	}
	pthread_mutex_unlock(&g->lock);
	return was;
}

/* ---------------------------------------------------------------- the watchdog */

struct closing {
	char who[GUARD_ADDR_MAX];
	enum guard_phase phase;
};

static const char *
overdue(enum guard_phase ph)
{
	switch (ph) {
	case GUARD_HEADERS:
		return "no complete request headers in time (--header-timeout)";
	case GUARD_BODY:
		return "the body did not come in time (--timeout)";
	default:
		return "the answer could not be sent in time";
	}
}

/* What the log says of closing c (the lock held). */
static void
closing_of(const struct guard_conn *c, struct closing *out)
{
	if (c->family != AF_UNSPEC)
		shown(c->family, c->addr, out->who);
	else
		snprintf(out->who, sizeof out->who, "a local socket");
	out->phase = c->phase;
}

/* Shut down the connections past their deadline; log them. */
static void
tick(struct guard *g)
{
	struct closing shut[CLOSINGS_MAX];
	double now = mc_monotonic();
	int i, n = 0;

	pthread_mutex_lock(&g->lock);
	for (i = 0; i < g->cfg.connections && n < CLOSINGS_MAX; i++) {
		struct guard_conn *c = &g->conns[i];

		if (!c->used || c->deadline <= 0 || c->deadline > now)
			continue;
		shutdown(c->fd, SHUT_RDWR);
		c->deadline = 0;	/* once */
		closing_of(c, &shut[n++]);
	}
	pthread_mutex_unlock(&g->lock);
	for (i = 0; i < n; i++)
		log_noisy(LOG_NOISE_SLOW, LOG_NOTICE, "closed a connection from %s: %s",
		    shut[i].who, overdue(shut[i].phase));
}

void
guard_timed_out(struct guard_conn *c)
{
	struct closing shut;
	struct guard *g;

	if (c == NULL)
		return;
	g = c->g;
	pthread_mutex_lock(&g->lock);
	closing_of(c, &shut);
	pthread_mutex_unlock(&g->lock);
	log_noisy(LOG_NOISE_SLOW, LOG_NOTICE, "closed a connection from %s: %s", shut.who,
	    overdue(shut.phase));
}

static void *
watchdog(void *arg)
{
	struct guard *g = arg;
	struct timespec ts;

	pthread_mutex_lock(&g->lock);
	while (!g->stopping) {
		clock_gettime(CLOCK_MONOTONIC, &ts);
		ts.tv_nsec += TICK_MS * 1000000L;
		if (ts.tv_nsec >= 1000000000L) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&g->wake, &g->lock, &ts);
		if (g->stopping)
			break;
		pthread_mutex_unlock(&g->lock);
		tick(g);
		log_flush(0);
		pthread_mutex_lock(&g->lock);
	}
	pthread_mutex_unlock(&g->lock);
	return NULL;
}

int
guard_start(const struct guard_config *cfg, struct guard **out,
    struct mc_error *err)
{
	struct guard *g;
	pthread_condattr_t ca;
	int rc;

	*out = NULL;
	if (cfg->connections < 1 || cfg->per_address < 1 || cfg->header_timeout < 1 ||
	    cfg->nexempt < 0 || cfg->nexempt > GUARD_EXEMPT_MAX)
		return mc_fail(err, MC_EINVAL, _("bad connection limits"));
	if ((g = calloc(1, sizeof *g)) == NULL ||
	    (g->conns = calloc((size_t)cfg->connections, sizeof *g->conns)) == NULL) {
		free(g);
		return mc_fail(err, MC_ENOMEM, NULL);
	}
	g->cfg = *cfg;
	if (g->cfg.per_address > g->cfg.connections)
		g->cfg.per_address = g->cfg.connections;
	if (cfg->nexempt > 0)
		memcpy(g->exempt, cfg->exempt, (size_t)cfg->nexempt * sizeof *g->exempt);
	g->cfg.exempt = g->exempt;
	if (g->cfg.exempt_name == NULL)
		g->cfg.exempt_name = "exempt address";
	pthread_mutex_init(&g->lock, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&g->wake, &ca);
	pthread_condattr_destroy(&ca);
	if ((rc = pthread_create(&g->thread, NULL, watchdog, g)) != 0) {
		pthread_cond_destroy(&g->wake);
		pthread_mutex_destroy(&g->lock);
		free(g->conns);
		free(g);
		return mc_fail(err, MC_EIO, _("cannot start a thread: %s"), strerror(rc));
	}
	*out = g;
	return MC_OK;
}

void
guard_stop(struct guard *g)
{
	if (g == NULL)
		return;
	pthread_mutex_lock(&g->lock);
	g->stopping = 1;
	pthread_cond_signal(&g->wake);
	pthread_mutex_unlock(&g->lock);
	pthread_join(g->thread, NULL);
	pthread_cond_destroy(&g->wake);
	pthread_mutex_destroy(&g->lock);
	free(g->conns);
	free(g);
}
