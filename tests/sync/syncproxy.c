/* syncproxy.c -- a small TCP proxy between motcua-sync and motcua-hub for the sync
 * tests and the bench: it counts the bytes on the wire and breaks the link on purpose.
 *
 *	syncproxy (--to HOST:PORT | --connect) [--listen PORT] [--stats FILE]
 *	    [--dump FILE] [--rate BYTES_PER_SECOND] [--cut-every SECONDS]
 *	    [--cut-response BYTES --cuts N]
 *	    [--answer STATUS --answers N [--after-forward]]
 *
 * --connect     an HTTP proxy for tunnels instead (what libcurl's CURLOPT_PROXY speaks
 *               for an https:// address): each connection starts with "CONNECT
 *               HOST:PORT HTTP/1.1" and its headers; the proxy prints that first line
 *               on standard output, connects to HOST:PORT (IPv4) and answers 200, then
 *               relays bytes as --to does.  Any other request is printed as "refused:
 *               LINE" and answered 405.
 * --dump        append every byte relayed, both ways, to FILE (what an eavesdropper
 *               on the link would see)
 * --rate        both directions together at most this many bytes a second
 * --cut-every   close every open connection, both sides, every SECONDS (a lossy link)
 * --cut-response  the first N times a connection has carried BYTES bytes of answers,
 *               close it there (the connection cut mid-response)
 * --answer      the first N requests get STATUS (500, 503...) from the proxy; with
 *               --after-forward the request first goes to the hub and the hub's answer
 *               is thrown away (the hub did the work, the client hears a failure)
 * It prints "listening on PORT" on standard output, and writes "up DOWN" (bytes from
 * the client, bytes to the client) to --stats after every connection and at exit.
 * SIGTERM ends it.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAXCONN 64
#define BUF 65536

struct conn {
	int c, h;			/* client and hub sockets; -1 when closed */
	long down;			/* answer bytes this connection carried */
	int fake;			/* this connection gets a made-up answer */
	int tunnel;			/* --connect: its CONNECT request is still coming */
	char *req;			/* --answer, --connect: the request as read so far */
	size_t reqlen, reqcap;
};

static struct conn conns[MAXCONN];
static struct sockaddr_in hub;
static long up_total, down_total;
static double rate, cut_every, budget, last_fill;
static long cut_response, cuts, answers;
static int answer_status, after_forward, connect_mode;
static const char *stats_path;
static FILE *dump;
static volatile sig_atomic_t quit;

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
write_stats(void)
{
	FILE *fp;

	if (stats_path == NULL || (fp = fopen(stats_path, "w")) == NULL)
		return;
	fprintf(fp, "%ld %ld\n", up_total, down_total);
	fclose(fp);
}

static void
close_conn(struct conn *k)
{
	if (k->c >= 0)
		close(k->c);
	if (k->h >= 0)
		close(k->h);
	k->c = k->h = -1;
	free(k->req);
	k->req = NULL;
	k->reqlen = k->reqcap = 0;
	write_stats();
}

/* Bytes that may move now (the rate budget); a large number when no rate. */
static long
allowance(void)
{
	double t = now();

	if (rate <= 0)
		return BUF;
	budget += (t - last_fill) * rate;
	last_fill = t;
	if (budget > rate / 4 + 1024)
		budget = rate / 4 + 1024;	/* no bursts longer than a quarter second */
	return budget < 1 ? 0 : (long)budget < BUF ? (long)budget : BUF;
}

static int
send_all(int fd, const char *p, size_t n)
{
	ssize_t k;

	while (n > 0) {
		if ((k = send(fd, p, n, MSG_NOSIGNAL)) < 0) {
			if (errno == EINTR || errno == EAGAIN) {
				struct pollfd pf = { fd, POLLOUT, 0 };

				poll(&pf, 1, 1000);
				continue;
			}
			return -1;
		}
		p += k;
		n -= (size_t)k;
	}
	return 0;
}

/* The length of a whole HTTP message at the start of buf, or 0 when not all here. */
static size_t
whole_message(const char *buf, size_t n)
{
	const char *end = memmem(buf, n, "\r\n\r\n", 4), *p;
	size_t head, body = 0;

	if (end == NULL)
		return 0;
	head = (size_t)(end - buf) + 4;
	for (p = buf; p < end; p++)
		if ((p == buf || p[-1] == '\n') && strncasecmp(p, "Content-Length:", 15) == 0)
			body = (size_t)atol(p + 15);
	return n >= head + body ? head + body : 0;
}

/* --answer: read the whole request, maybe forward it and drop the answer, answer. */
static void
fake_answer(struct conn *k)
{
	char out[256], reply[BUF];
	size_t got = 0, len;
	ssize_t r;
	int h;

	if (after_forward) {
		len = whole_message(k->req, k->reqlen);
		h = socket(AF_INET, SOCK_STREAM, 0);
		if (h >= 0 && connect(h, (struct sockaddr *)&hub, sizeof hub) == 0 &&
		    send_all(h, k->req, len) == 0)
			while (got < sizeof reply && (r = recv(h, reply + got, sizeof reply - got, 0)) > 0)
				if (whole_message(reply, got += (size_t)r) > 0)
					break;
		if (h >= 0)
			close(h);
	}
	len = (size_t)snprintf(out, sizeof out, "HTTP/1.1 %d Proxy Says So\r\nContent-Type: "
	    "application/json\r\nContent-Length: 2\r\nConnection: close\r\n%s\r\n{}",
	    answer_status, answer_status == 503 ? "Retry-After: 1\r\n" : "");
	send_all(k->c, out, len);
	down_total += (long)len;
	close_conn(k);
}

/* --answer, --connect: read what came of the request.  1 when it is whole, 0 when more
 * must come, -1 when the connection is over (or the request too large). */
static int
read_request(struct conn *k)
{
	char *more;
	ssize_t got;

	if (k->reqcap - k->reqlen < BUF) {
		if (k->reqcap > 16 * 1024 * 1024 || (more = realloc(k->req, k->reqcap + 4 * BUF)) == NULL)
			return -1;
		k->req = more;
		k->reqcap += 4 * BUF;
	}
	got = recv(k->c, k->req + k->reqlen, k->reqcap - k->reqlen, MSG_DONTWAIT);
	if (got <= 0)
		return got == 0 || (errno != EAGAIN && errno != EINTR) ? -1 : 0;
	k->reqlen += (size_t)got;
	up_total += got;
	return whole_message(k->req, k->reqlen) > 0;
}

/* --connect: the request has come.  A CONNECT to an IPv4 host (a name or an address)
 * opens the tunnel and is printed; anything else is refused, printed as such. */
static void
open_tunnel(struct conn *k)
{
	static const char established[] = "HTTP/1.1 200 Connection established\r\n\r\n";
	static const char refused[] = "HTTP/1.1 405 Only CONNECT Here\r\nContent-Length: 0\r\n"
	    "Connection: close\r\n\r\n";
	struct addrinfo hints = { .ai_family = AF_INET, .ai_socktype = SOCK_STREAM }, *ai = NULL;
	size_t head = whole_message(k->req, k->reqlen);
	char line[512], host[256], port[8];
	int one = 1;

	k->tunnel = 0;
	snprintf(line, sizeof line, "%.*s", (int)((char *)memmem(k->req, k->reqlen, "\r\n", 2) - k->req), k->req);
	if (sscanf(line, "CONNECT %255[^: ]:%7[0-9] HTTP/1.", host, port) != 2 ||
	    getaddrinfo(host, port, &hints, &ai) != 0) {
		printf("refused: %s\n", line);
		fflush(stdout);
		send_all(k->c, refused, sizeof refused - 1);
		close_conn(k);
		return;
	}
	printf("%s\n", line);
	fflush(stdout);
	k->h = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (k->h < 0 || connect(k->h, ai->ai_addr, ai->ai_addrlen) != 0) {
		freeaddrinfo(ai);
		close_conn(k);	/* the client hears the tunnel fail */
		return;
	}
	freeaddrinfo(ai);
	setsockopt(k->h, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	send_all(k->c, established, sizeof established - 1);
	down_total += (long)sizeof established - 1;
	if (k->reqlen > head)	/* what the client sent after its CONNECT: the tunnel's */
		send_all(k->h, k->req + head, k->reqlen - head);
	free(k->req);
	k->req = NULL;
	k->reqlen = k->reqcap = 0;
}

static void
accept_one(int lfd)
{
	int c = accept4(lfd, NULL, NULL, SOCK_CLOEXEC), i, one = 1;
	struct conn *k = NULL;

	if (c < 0)
		return;
	for (i = 0; i < MAXCONN; i++)
		if (conns[i].c < 0) {
			k = &conns[i];
			break;
		}
	if (k == NULL) {
		close(c);
		return;
	}
	setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	memset(k, 0, sizeof *k);
	k->c = c;
	k->h = -1;
	if (answers > 0) {
		answers--;
		k->fake = 1;
		return;
	}
	if (connect_mode) {
		k->tunnel = 1;	/* the hub is known when its CONNECT has come */
		return;
	}
	k->h = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (k->h < 0 || connect(k->h, (struct sockaddr *)&hub, sizeof hub) != 0) {
		close_conn(k);
		return;
	}
	setsockopt(k->h, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

/* Move what can move from fd `from` to fd `to`; 0, or -1 when the connection ends. */
static int
pump(struct conn *k, int from, int to, int down)
{
	char buf[BUF];
	long may = allowance();
	ssize_t n;

	if (may <= 0)
		return 0;
	if (down && cut_response > 0 && cuts > 0 && may > cut_response - k->down)
		may = cut_response - k->down > 0 ? cut_response - k->down : 1;
	if ((n = recv(from, buf, (size_t)may, MSG_DONTWAIT)) <= 0)
		return n < 0 && (errno == EAGAIN || errno == EINTR) ? 0 : -1;
	if (rate > 0)
		budget -= (double)n;
	if (send_all(to, buf, (size_t)n) != 0)
		return -1;
	if (dump != NULL && fwrite(buf, 1, (size_t)n, dump) == (size_t)n)
		fflush(dump);
	if (down) {
		down_total += n;
		k->down += n;
		if (cut_response > 0 && cuts > 0 && k->down >= cut_response) {
			cuts--;
			return -1;	/* cut mid-answer */
		}
	} else
		up_total += n;
	return 0;
}

static void
on_term(int sig)
{
	(void)sig;
	quit = 1;
}

int
main(int argc, char **argv)
{
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t sl = sizeof sa;
	struct pollfd pf[1 + 2 * MAXCONN];
	struct conn *owner[1 + 2 * MAXCONN];
	int lfd, i, n, one = 1, listen_port = 0;
	double next_cut;
	char *colon;

	for (i = 1; i < argc; i++) {
		if (i + 1 >= argc && strcmp(argv[i], "--after-forward") != 0 &&
		    strcmp(argv[i], "--connect") != 0) {
			fprintf(stderr, "syncproxy: %s needs a value\n", argv[i]);
			return 2;
		}
		if (strcmp(argv[i], "--to") == 0) {
			colon = strrchr(argv[++i], ':');
			if (colon == NULL)
				return 2;
			*colon = '\0';
			hub.sin_family = AF_INET;
			hub.sin_port = htons((unsigned short)atoi(colon + 1));
			inet_pton(AF_INET, argv[i], &hub.sin_addr);
		} else if (strcmp(argv[i], "--listen") == 0)
			listen_port = atoi(argv[++i]);
		else if (strcmp(argv[i], "--stats") == 0)
			stats_path = argv[++i];
		else if (strcmp(argv[i], "--rate") == 0)
			rate = atof(argv[++i]);
		else if (strcmp(argv[i], "--cut-every") == 0)
			cut_every = atof(argv[++i]);
		else if (strcmp(argv[i], "--cut-response") == 0)
			cut_response = atol(argv[++i]);
		else if (strcmp(argv[i], "--cuts") == 0)
			cuts = atol(argv[++i]);
		else if (strcmp(argv[i], "--answer") == 0)
			answer_status = atoi(argv[++i]);
		else if (strcmp(argv[i], "--answers") == 0)
			answers = atol(argv[++i]);
		else if (strcmp(argv[i], "--after-forward") == 0)
			after_forward = 1;
		else if (strcmp(argv[i], "--connect") == 0)
			connect_mode = 1;
		else if (strcmp(argv[i], "--dump") == 0) {
			if ((dump = fopen(argv[++i], "a")) == NULL) {
				perror(argv[i]);
				return 1;
			}
		}
		else {
			fprintf(stderr, "syncproxy: unknown option %s\n", argv[i]);
			return 2;
		}
	}
	if (hub.sin_family != AF_INET && !connect_mode) {
		fprintf(stderr, "usage: syncproxy (--to HOST:PORT | --connect) [options]\n");
		return 2;
	}
	signal(SIGTERM, on_term);
	signal(SIGINT, on_term);
	signal(SIGPIPE, SIG_IGN);
	for (i = 0; i < MAXCONN; i++)
		conns[i].c = conns[i].h = -1;
	sa.sin_port = htons((unsigned short)listen_port);
	if ((lfd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0 ||
	    setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
	    bind(lfd, (struct sockaddr *)&sa, sizeof sa) != 0 || listen(lfd, 64) != 0 ||
	    getsockname(lfd, (struct sockaddr *)&sa, &sl) != 0) {
		perror("syncproxy");
		return 1;
	}
	printf("listening on %d\n", ntohs(sa.sin_port));
	fflush(stdout);
	write_stats();
	last_fill = now();
	next_cut = cut_every > 0 ? now() + cut_every : 0;
	while (!quit) {
		n = 0;
		pf[n].fd = lfd;
		pf[n].events = POLLIN;
		owner[n++] = NULL;
		for (i = 0; i < MAXCONN; i++) {
			if (conns[i].c < 0)
				continue;
			pf[n].fd = conns[i].c;
			pf[n].events = POLLIN;
			owner[n++] = &conns[i];
			if (conns[i].h >= 0) {
				pf[n].fd = conns[i].h;
				pf[n].events = POLLIN;
				owner[n++] = &conns[i];
			}
		}
		if (poll(pf, (nfds_t)n, rate > 0 ? 20 : 200) < 0 && errno != EINTR)
			break;
		if (next_cut > 0 && now() >= next_cut) {	/* the lossy link drops everything */
			for (i = 0; i < MAXCONN; i++)
				if (conns[i].c >= 0)
					close_conn(&conns[i]);
			next_cut = now() + cut_every;
			continue;
		}
		if (pf[0].revents & POLLIN)
			accept_one(lfd);
		for (i = 1; i < n; i++) {
			struct conn *k = owner[i];
			ssize_t got;

			if (k->c < 0 || !(pf[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			if (k->fake || k->tunnel) {
				if ((got = read_request(k)) < 0)
					close_conn(k);
				else if (got > 0 && k->fake)
					fake_answer(k);
				else if (got > 0)
					open_tunnel(k);
				continue;
			}
			if (pump(k, pf[i].fd, pf[i].fd == k->c ? k->h : k->c, pf[i].fd == k->h) != 0)
				close_conn(k);
		}
	}
	for (i = 0; i < MAXCONN; i++)
		if (conns[i].c >= 0)
			close_conn(&conns[i]);
	write_stats();
	return 0;
}
