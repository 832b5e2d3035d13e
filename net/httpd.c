/* httpd.c -- the HTTP servers' start-up over libmicrohttpd; see httpd.h. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "httpd.h"
#include "i18n.h"

/* What TLS accepts: no SSL 3.0, no TLS 1.0 or 1.1. */
#define TLS_PRIORITIES	"NORMAL:-VERS-SSL3.0:-VERS-TLS1.0:-VERS-TLS1.1"

struct httpd {
	struct MHD_Daemon *d;
	struct guard *guard;
	unsigned idle, header_timeout;
	char *cert, *key;
	MHD_RequestCompletedCallback completed;
	void *arg;
	void (*log)(const char *line);
};

int
httpd_tls(void)
{
	return MHD_is_feature_supported(MHD_FEATURE_TLS) == MHD_YES;
}

void
httpd_printable(const char *s, char *out, size_t max)
{
	size_t i;

	for (i = 0; s != NULL && s[i] != '\0' && i < max; i++)
		out[i] = s[i] > ' ' && s[i] < 0x7F ? s[i] : '?';
	out[i] = '\0';
	if (s != NULL && s[i] != '\0' && i >= 3)
		memcpy(out + i - 3, "...", 3);
}

/* libmicrohttpd's own messages, a line each for the program's log. */
static void
on_log(void *cls, const char *fmt, va_list ap)
{
	struct httpd *h = cls;
	char msg[512];
	size_t n;

	vsnprintf(msg, sizeof msg, fmt, ap);
	n = strlen(msg);
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == '\r'))
		msg[--n] = '\0';
	if (h->log != NULL)
		h->log(msg);
}

/* ---------------------------------------------------------------- the guard */

/* The guard's record of connection c, or NULL. */
static struct guard_conn *
conn_of(struct MHD_Connection *c)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c,
	    MHD_CONNECTION_INFO_SOCKET_CONTEXT);

	return ci != NULL ? ci->socket_context : NULL;
}

void
httpd_phase(struct httpd *h, struct MHD_Connection *c, enum guard_phase ph, double deadline)
{
	enum guard_phase was = guard_phase(conn_of(c), ph, deadline);

	if ((was == GUARD_HEADERS) != (ph == GUARD_HEADERS) && h->idle != h->header_timeout)
		MHD_set_connection_option(c, MHD_CONNECTION_OPTION_TIMEOUT,
		    ph == GUARD_HEADERS ? h->header_timeout : h->idle);
}

/* May a connection from sa come in? */
static MHD_RESULT
on_accept(void *cls, const struct sockaddr *sa, socklen_t len)
{
	struct httpd *h = cls;

	(void)len;
	return guard_admit(h->guard, sa) ? MHD_YES : MHD_NO;
}

/* A connection opened or closed: the guard keeps its record. */
static void
on_connection(void *cls, struct MHD_Connection *c, void **socket_ctx,
    enum MHD_ConnectionNotificationCode what)
{
	struct httpd *h = cls;
	const union MHD_ConnectionInfo *fd, *addr;

	if (what == MHD_CONNECTION_NOTIFY_STARTED) {
		fd = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
		addr = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
		*socket_ctx = fd == NULL ? NULL : guard_open(h->guard, fd->connect_fd,
		    addr != NULL ? addr->client_addr : NULL);
	} else if (what == MHD_CONNECTION_NOTIFY_CLOSED) {
		guard_close(h->guard, *socket_ctx);
		*socket_ctx = NULL;
	}
}

/* A request ended (answered, or its connection closed): the server's callback, then
 * the connection waits for the next request's headers. */
static void
on_completed(void *cls, struct MHD_Connection *c, void **ctx, enum MHD_RequestTerminationCode why)
{
	struct httpd *h = cls;

	/* libmicrohttpd's idle timeout ended a request in hand (the guard's watchdog
	 * logs what it ends itself) */
	if (why == MHD_REQUEST_TERMINATED_TIMEOUT_REACHED && *ctx != NULL)
		guard_timed_out(conn_of(c));
	if (h->completed != NULL)
		h->completed(h->arg, c, ctx, why);
	httpd_phase(h, c, GUARD_HEADERS, 0);
}

/* Free h, its guard stopped and the private key wiped; close fd (-1: none). */
static void
forget(struct httpd *h, int fd)
{
	if (fd >= 0)
		close(fd);
	guard_stop(h->guard);
	if (h->key != NULL)
		explicit_bzero(h->key, strlen(h->key));
	free(h->key);
	free(h->cert);
	free(h);
}

int
httpd_start(const struct httpd_config *cfg, struct httpd **out, struct mc_error *err)
{
	struct httpd *h;
	struct MHD_OptionItem ops[16];
	unsigned flags = MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD |
	    MHD_USE_AUTO | MHD_USE_ERROR_LOG;
	int n = 0, rc;

	*out = NULL;
	if ((h = calloc(1, sizeof *h)) == NULL) {
		close(cfg->fd);
		return mc_fail(err, MC_ENOMEM, NULL);
	}
	h->log = cfg->log;
	h->completed = cfg->completed;
	h->arg = cfg->arg;
	h->header_timeout = (unsigned)cfg->guard.header_timeout;
	h->idle = cfg->idle;
	if ((rc = guard_start(&cfg->guard, &h->guard, err)) != MC_OK) {
		forget(h, cfg->fd);
		return rc;
	}
	ops[n++] = (struct MHD_OptionItem){ MHD_OPTION_LISTEN_SOCKET, cfg->fd, NULL };
	ops[n++] = (struct MHD_OptionItem){ MHD_OPTION_CONNECTION_LIMIT, cfg->guard.connections, NULL };
	/* a connection that sends nothing: closed quietly; one that trickles: the guard's */
	ops[n++] = (struct MHD_OptionItem){ MHD_OPTION_CONNECTION_TIMEOUT, (intptr_t)h->header_timeout, NULL };
	ops[n++] = (struct MHD_OptionItem){ MHD_OPTION_CONNECTION_MEMORY_LIMIT, (intptr_t)cfg->headers_max, NULL };
	ops[n++] = (struct MHD_OptionItem){ MHD_OPTION_THREAD_STACK_SIZE, (intptr_t)cfg->stack, NULL };
	ops[n++] = (struct MHD_OptionItem){ MHD_OPTION_NOTIFY_COMPLETED, (intptr_t)on_completed, h };
	ops[n++] = (struct MHD_OptionItem){ MHD_OPTION_NOTIFY_CONNECTION, (intptr_t)on_connection, h };
	if (cfg->tls_cert != NULL) {
		if (!httpd_tls()) {
			forget(h, cfg->fd);
			return mc_fail(err, MC_EINVAL, _("this libmicrohttpd was built without TLS"));
		}
		if ((h->cert = strdup(cfg->tls_cert)) == NULL || (h->key = strdup(cfg->tls_key)) == NULL) {
			forget(h, cfg->fd);
			return mc_fail(err, MC_ENOMEM, NULL);
		}
		flags |= MHD_USE_TLS;
		ops[n++] = (struct MHD_OptionItem){ MHD_OPTION_HTTPS_MEM_CERT, 0, h->cert };
		ops[n++] = (struct MHD_OptionItem){ MHD_OPTION_HTTPS_MEM_KEY, 0, h->key };
		ops[n++] = (struct MHD_OptionItem){ MHD_OPTION_HTTPS_PRIORITIES, 0, (void *)TLS_PRIORITIES };
	}
	ops[n] = (struct MHD_OptionItem){ MHD_OPTION_END, 0, NULL };
	h->d = MHD_start_daemon(flags, 0, on_accept, h, cfg->request, cfg->arg,
	    MHD_OPTION_EXTERNAL_LOGGER, on_log, h, MHD_OPTION_ARRAY, ops, MHD_OPTION_END);
	if (h->d == NULL) {
		forget(h, cfg->fd);
		return mc_fail(err, MC_EIO, cfg->tls_cert != NULL ?
		    _("cannot start the HTTPS server (is the certificate or the key wrong?)") :
		    _("cannot start the HTTP server"));
	}
	*out = h;
	return MC_OK;
}

void
httpd_stop(struct httpd *h)
{
	if (h == NULL)
		return;
	MHD_stop_daemon(h->d);		/* closes the listening socket */
	forget(h, -1);
}
