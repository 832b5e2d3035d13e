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
	char *cert, *key;
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

/* Free h, wiping the private key; close fd (-1: none). */
static void
forget(struct httpd *h, int fd)
{
	if (fd >= 0)
		close(fd);
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
	int n = 0;

	*out = NULL;
	if ((h = calloc(1, sizeof *h)) == NULL) {
		close(cfg->fd);
		return mc_fail(err, MC_ENOMEM, NULL);
	}
	h->log = cfg->log;
	ops[n++] = (struct MHD_OptionItem){ MHD_OPTION_LISTEN_SOCKET, cfg->fd, NULL };
	ops[n++] = (struct MHD_OptionItem){ MHD_OPTION_CONNECTION_LIMIT, (intptr_t)cfg->connections, NULL };
	ops[n++] = (struct MHD_OptionItem){ MHD_OPTION_CONNECTION_TIMEOUT, (intptr_t)cfg->idle, NULL };
	ops[n++] = (struct MHD_OptionItem){ MHD_OPTION_CONNECTION_MEMORY_LIMIT, (intptr_t)cfg->headers_max, NULL };
	ops[n++] = (struct MHD_OptionItem){ MHD_OPTION_THREAD_STACK_SIZE, (intptr_t)cfg->stack, NULL };
	if (cfg->completed != NULL)
		ops[n++] = (struct MHD_OptionItem){ MHD_OPTION_NOTIFY_COMPLETED,
		    (intptr_t)cfg->completed, cfg->arg };
	if (cfg->connection != NULL)
		ops[n++] = (struct MHD_OptionItem){ MHD_OPTION_NOTIFY_CONNECTION,
		    (intptr_t)cfg->connection, cfg->arg };
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
	h->d = MHD_start_daemon(flags, 0, cfg->accept, cfg->arg, cfg->request, cfg->arg,
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
