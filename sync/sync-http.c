/* sync-http.c -- motcua-sync's transport, the only file of motcua that includes curl.h.
 *
 * One easy handle for a whole run, so every request after the first reuses the
 * connection (and its TLS session).  libcurl does what it is for: timeouts (15 s to
 * connect, a transfer below 100 bytes/s for 30 s is abandoned, 300 s at most), TLS
 * verification (the system's CA bundle or --ca, and a pinned public key on top with
 * --pin), proxies for https:// (--proxy, else https_proxy and no_proxy in the
 * environment), decompression of answers (Accept-Encoding: gzip).  No redirect is
 * followed; only HTTP and HTTPS are spoken; plain http:// only to a loopback host, and
 * then never through a proxy: the token would cross the network in clear
 * (doc/sync-api.md, "Authentication and transport").
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <curl/curl.h>

#include "client.h"
#include "i18n.h"

#define ANSWER_MAX	(64L * 1024 * 1024)	/* bytes of an answer, decompressed */

struct sync_http {
	CURL *h;
	char *base;		/* the hub's URL without a trailing / */
	char *auth;		/* "Authorization: Bearer ..." */
	char errbuf[CURL_ERROR_SIZE];
};

void
sync_reply_free(struct sync_reply *r)
{
	text_buf_free(&r->body);
}

/* Is host (as a URL holds it) this machine: localhost, or an address of 127.0.0.0/8 or
 * ::1 written as an address?  A name that only starts like one (127.0.0.1.example.com)
 * is not. */
static int
loopback_host(const char *host)
{
	struct in6_addr a6;
	struct in_addr a4;
	char bare[INET6_ADDRSTRLEN + 2];
	size_t n = strlen(host);

	if (strcasecmp(host, "localhost") == 0)
		return 1;
	if (inet_pton(AF_INET, host, &a4) == 1)
		return (ntohl(a4.s_addr) >> 24) == 127;
	if (n < 3 || n >= sizeof bare || host[0] != '[' || host[n - 1] != ']')
		return 0;
	memcpy(bare, host + 1, n - 2);
	bare[n - 2] = '\0';
	return inet_pton(AF_INET6, bare, &a6) == 1 && IN6_IS_ADDR_LOOPBACK(&a6);
}

/* MC_OK when url is https://, or http:// to a loopback host (*plain = 1). */
static int
check_url(const char *url, int *plain, struct mc_error *err)
{
	CURLU *u = curl_url();
	char *scheme = NULL, *host = NULL;
	int rc = MC_OK;

	if (u == NULL)
		return mc_fail(err, MC_ENOMEM, NULL);
	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK)
		rc = mc_fail(err, MC_EINVAL, _("'%s' is not a URL like https://hub.example.gov.vn/"), url);
	else if (strcasecmp(scheme, "https") != 0 && strcasecmp(scheme, "http") != 0)
		rc = mc_fail(err, MC_EINVAL, _("the hub's URL must start with https://"));
	else if (strcasecmp(scheme, "http") == 0 && !loopback_host(host))
		rc = mc_fail(err, MC_EINVAL, _("plain http:// is allowed only to a hub on this machine (127.0.0.1, localhost); use https:// for %s"), host);
	else
		*plain = strcasecmp(scheme, "http") == 0;
	curl_free(scheme);
	curl_free(host);
	curl_url_cleanup(u);
	return rc;
}

int
sync_http_open(const struct sync_http_config *cfg, struct sync_http **out, struct mc_error *err)
{
	struct sync_http *h;
	size_t n;
	int rc, plain = 0;

	*out = NULL;
	if ((rc = check_url(cfg->hub, &plain, err)) != MC_OK)
		return rc;
	if (plain && cfg->proxy != NULL && *cfg->proxy != '\0')
		return mc_fail(err, MC_EINVAL, _("--proxy needs an https:// hub: a hub on this machine is reached directly"));
	if (cfg->token == NULL || *cfg->token == '\0' || strpbrk(cfg->token, "\r\n") != NULL)
		return mc_fail(err, MC_EINVAL, _("no token: give --token or set sync.token"));
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		return mc_fail(err, MC_EIO, "curl_global_init");
	if ((h = calloc(1, sizeof *h)) == NULL || (h->h = curl_easy_init()) == NULL ||
	    (h->base = strdup(cfg->hub)) == NULL ||
	    (h->auth = malloc(strlen(cfg->token) + 32)) == NULL) {
		sync_http_close(h);
		return mc_fail(err, MC_ENOMEM, NULL);
	}
	n = strlen(h->base);
	while (n > 0 && h->base[n - 1] == '/')
		h->base[--n] = '\0';
	sprintf(h->auth, "Authorization: Bearer %s", cfg->token);
	curl_easy_setopt(h->h, CURLOPT_USERAGENT, "motcua-sync/" PACKAGE_VERSION);
	curl_easy_setopt(h->h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h->h, CURLOPT_ERRORBUFFER, h->errbuf);
	curl_easy_setopt(h->h, CURLOPT_CONNECTTIMEOUT, 15L);
	curl_easy_setopt(h->h, CURLOPT_LOW_SPEED_LIMIT, 100L);
	curl_easy_setopt(h->h, CURLOPT_LOW_SPEED_TIME, 30L);
	curl_easy_setopt(h->h, CURLOPT_TIMEOUT, 300L);
	curl_easy_setopt(h->h, CURLOPT_ACCEPT_ENCODING, "gzip");
	curl_easy_setopt(h->h, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h->h, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(h->h, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(h->h, CURLOPT_SSL_VERIFYHOST, 2L);
	curl_easy_setopt(h->h, CURLOPT_TCP_KEEPALIVE, 1L);
	if (cfg->ca_file != NULL)
		curl_easy_setopt(h->h, CURLOPT_CAINFO, cfg->ca_file);
	if (cfg->pin != NULL)
		curl_easy_setopt(h->h, CURLOPT_PINNEDPUBLICKEY, cfg->pin);
	if (plain)	/* not even a proxy from the environment */
		curl_easy_setopt(h->h, CURLOPT_PROXY, "");
	else if (cfg->proxy != NULL)
		curl_easy_setopt(h->h, CURLOPT_PROXY, cfg->proxy);
	*out = h;
	return MC_OK;
}

void
sync_http_close(struct sync_http *h)
{
	if (h == NULL)
		return;
	if (h->h != NULL)
		curl_easy_cleanup(h->h);
	if (h->auth != NULL)
		explicit_bzero(h->auth, strlen(h->auth));
	free(h->auth);
	free(h->base);
	free(h);
	curl_global_cleanup();
}

/* Why no answer came, into buf: in the reader's language when the hub is not trusted
 * (curl's words, in English, in parentheses), else curl's words. */
static void
transport_error(CURLcode rc, const char *detail, char *buf, size_t size)
{
	if (rc == CURLE_PEER_FAILED_VERIFICATION)
		snprintf(buf, size, _("the hub's certificate cannot be verified (%s): check the hub's "
		    "address, or give its certificate authority with --ca"), detail);
	else if (rc == CURLE_SSL_PINNEDPUBKEYNOTMATCH)
		snprintf(buf, size, _("the hub's public key is not the one given with --pin (%s)"), detail);
	else if (rc == CURLE_SSL_CACERT_BADFILE)
		snprintf(buf, size, _("the certificate authorities given with --ca cannot be read (%s)"), detail);
	else
		snprintf(buf, size, "%s", detail);
}

static size_t
on_body(char *data, size_t size, size_t nmemb, void *ctx)
{
	struct sync_reply *r = ctx;
	size_t n = size * nmemb;

	if (r->body.n + n > (size_t)ANSWER_MAX)
		return 0;	/* too large: the transfer fails */
	text_buf_addn(&r->body, data, n);
	return r->body.oom ? 0 : n;
}

static size_t
on_header(char *data, size_t size, size_t nmemb, void *ctx)
{
	struct sync_reply *r = ctx;
	size_t n = size * nmemb, k;

	if (n > 5 && strncasecmp(data, "ETag:", 5) == 0) {
		for (k = 5; k < n && data[k] == ' '; k++)
			;
		snprintf(r->etag, sizeof r->etag, "%.*s", (int)(n - k), data + k);
		r->etag[strcspn(r->etag, "\r\n")] = '\0';
	} else if (n > 12 && strncasecmp(data, "Retry-After:", 12) == 0)
		r->retry_after = atoi(data + 12);
	return n;
}

int
sync_http_request(struct sync_http *h, const char *path, const char *body, size_t n,
    int gzip, const char *content_type, const char *if_none_match, struct sync_reply *reply)
{
	struct curl_slist *hdr = NULL;
	char url[1024], line[160];
	curl_off_t up = 0, down = 0, speed = 0, dspeed = 0;
	long status = 0, hsize = 0, rsize = 0;
	CURLcode rc;

	memset(reply, 0, sizeof *reply);
	snprintf(url, sizeof url, "%s%s", h->base, path);
	hdr = curl_slist_append(hdr, h->auth);
	hdr = curl_slist_append(hdr, "Expect:");	/* no 100-continue round trip */
	if (body != NULL) {
		snprintf(line, sizeof line, "Content-Type: %s", content_type);
		hdr = curl_slist_append(hdr, line);
		if (gzip)
			hdr = curl_slist_append(hdr, "Content-Encoding: gzip");
	}
	if (if_none_match != NULL && *if_none_match != '\0') {
		snprintf(line, sizeof line, "If-None-Match: %s", if_none_match);
		hdr = curl_slist_append(hdr, line);
	}
	h->errbuf[0] = '\0';
	curl_easy_setopt(h->h, CURLOPT_URL, url);
	curl_easy_setopt(h->h, CURLOPT_HTTPHEADER, hdr);
	if (body != NULL) {
		curl_easy_setopt(h->h, CURLOPT_POST, 1L);
		curl_easy_setopt(h->h, CURLOPT_POSTFIELDS, body);
		curl_easy_setopt(h->h, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)n);
	} else
		curl_easy_setopt(h->h, CURLOPT_HTTPGET, 1L);
	curl_easy_setopt(h->h, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(h->h, CURLOPT_WRITEDATA, reply);
	curl_easy_setopt(h->h, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(h->h, CURLOPT_HEADERDATA, reply);
	rc = curl_easy_perform(h->h);
	curl_easy_getinfo(h->h, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_getinfo(h->h, CURLINFO_SIZE_UPLOAD_T, &up);
	curl_easy_getinfo(h->h, CURLINFO_SIZE_DOWNLOAD_T, &down);
	curl_easy_getinfo(h->h, CURLINFO_SPEED_UPLOAD_T, &speed);
	curl_easy_getinfo(h->h, CURLINFO_SPEED_DOWNLOAD_T, &dspeed);
	curl_easy_getinfo(h->h, CURLINFO_HEADER_SIZE, &hsize);
	curl_easy_getinfo(h->h, CURLINFO_REQUEST_SIZE, &rsize);
	curl_easy_setopt(h->h, CURLOPT_HTTPHEADER, NULL);
	curl_slist_free_all(hdr);
	reply->sent = (long)rsize + (long)up;
	reply->received = hsize + (long)down;
	reply->upload_speed = (double)speed;
	reply->download_speed = (double)dspeed;
	if (rc != CURLE_OK) {
		transport_error(rc, h->errbuf[0] != '\0' ? h->errbuf : curl_easy_strerror(rc), reply->error,
		    sizeof reply->error);
		reply->status = 0;
		reply->permanent = rc == CURLE_PEER_FAILED_VERIFICATION || rc == CURLE_SSL_CACERT_BADFILE ||
		    rc == CURLE_SSL_PINNEDPUBKEYNOTMATCH || rc == CURLE_SSL_CERTPROBLEM ||
		    rc == CURLE_UNSUPPORTED_PROTOCOL || rc == CURLE_URL_MALFORMAT ||
		    rc == CURLE_SSL_ISSUER_ERROR;
		return -1;
	}
	reply->status = (int)status;
	if (reply->body.s == NULL)
		text_buf_addn(&reply->body, "", 0);
	return 0;
}
