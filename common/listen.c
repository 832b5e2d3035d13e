/* listen.c -- a listening socket and PEM files for the HTTP servers; see listen.h. */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "i18n.h"
#include "listen.h"

#define BACKLOG		64

static int
is_loopback(const struct sockaddr *sa)
{
	const struct sockaddr_in6 *s6;

	if (sa->sa_family == AF_INET)
		return (ntohl(((const struct sockaddr_in *)sa)->sin_addr.s_addr) >> 24) == 127;
	if (sa->sa_family != AF_INET6)
		return 0;
	s6 = (const struct sockaddr_in6 *)sa;
	if (IN6_IS_ADDR_LOOPBACK(&s6->sin6_addr))
		return 1;
	return IN6_IS_ADDR_V4MAPPED(&s6->sin6_addr) && s6->sin6_addr.s6_addr[12] == 127;
}

/* Split "host:port" or "[v6]:port" into host and port (in place in buf). */
static int
split_where(char *buf, char **host, char **port)
{
	char *colon;

	if (buf[0] == '[') {
		if ((colon = strstr(buf, "]:")) == NULL)
			return -1;
		*colon = '\0';
		*host = buf + 1;
		*port = colon + 2;
	} else {
		if ((colon = strrchr(buf, ':')) == NULL || strchr(buf, ':') != colon)
			return -1;
		*colon = '\0';
		*host = buf;
		*port = colon + 1;
	}
	if (**host == '\0' || **port == '\0' || strspn(*port, "0123456789") != strlen(*port) ||
	    strlen(*port) > 5 || atoi(*port) > 65535)
		return -1;
	return 0;
}

/* A socket bound to ai and listening; -1 with errno. */
static int
bind_one(const struct addrinfo *ai)
{
	int fd, one = 1, e;

	if ((fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol)) < 0)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	if (ai->ai_family == AF_INET6)
		setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
	if (bind(fd, ai->ai_addr, ai->ai_addrlen) == 0 && listen(fd, BACKLOG) == 0)
		return fd;
	e = errno;
	close(fd);
	errno = e;
	return -1;
}

int
listen_open(const char *where, int *fd, int *loopback, char shown[LISTEN_SHOWN_MAX],
    struct mc_error *err)
{
	struct addrinfo hints, *res = NULL, *ai;
	struct sockaddr_storage ss;
	socklen_t sl = sizeof ss;
	char buf[LISTEN_SHOWN_MAX], *host, *port, h[64], p[8];
	int rc, e = 0;

	*fd = -1;
	if (strlen(where) >= sizeof buf || (snprintf(buf, sizeof buf, "%s", where),
	    split_where(buf, &host, &port) != 0))
		return mc_fail(err, MC_EINVAL, _("'%s' is not ADDRESS:PORT (like 127.0.0.1:8099)"), where);
	memset(&hints, 0, sizeof hints);
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
	if ((rc = getaddrinfo(host, port, &hints, &res)) != 0)
		return mc_fail(err, MC_EINVAL, _("cannot find the address %s: %s"), host, gai_strerror(rc));
	for (ai = res; ai != NULL && *fd < 0; ai = ai->ai_next)
		if ((*fd = bind_one(ai)) < 0)
			e = errno;
	freeaddrinfo(res);
	if (*fd < 0)
		return mc_fail(err, MC_EIO, _("cannot listen on %s: %s"), where, strerror(e));
	if (getsockname(*fd, (struct sockaddr *)&ss, &sl) != 0 ||
	    getnameinfo((struct sockaddr *)&ss, sl, h, sizeof h, p, sizeof p,
	    NI_NUMERICHOST | NI_NUMERICSERV) != 0) {
		e = errno;
		close(*fd);
		*fd = -1;
		return mc_fail(err, MC_EIO, _("cannot listen on %s: %s"), where, strerror(e));
	}
	*loopback = is_loopback((struct sockaddr *)&ss);
	snprintf(shown, LISTEN_SHOWN_MAX, ss.ss_family == AF_INET6 ? "[%s]:%s" : "%s:%s", h, p);
	return MC_OK;
}

int
listen_read_pem(const char *path, char **out, struct mc_error *err)
{
	char *buf;
	size_t n;
	FILE *fp;

	*out = NULL;
	if ((fp = fopen(path, "r")) == NULL)
		return mc_fail(err, MC_EIO, _("cannot read %s: %s"), path, strerror(errno));
	if ((buf = malloc(LISTEN_PEM_MAX + 1)) == NULL) {
		fclose(fp);
		return mc_fail(err, MC_ENOMEM, NULL);
	}
	n = fread(buf, 1, LISTEN_PEM_MAX + 1, fp);
	fclose(fp);
	buf[n > LISTEN_PEM_MAX ? LISTEN_PEM_MAX : n] = '\0';
	if (n > LISTEN_PEM_MAX || strstr(buf, "-----BEGIN ") == NULL) {
		explicit_bzero(buf, LISTEN_PEM_MAX + 1);
		free(buf);
		return mc_fail(err, MC_EINVAL, _("%s is not a PEM file (a certificate or a key)"), path);
	}
	*out = buf;
	return MC_OK;
}
