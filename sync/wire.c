/* wire.c -- the protocol of the province link without the network; see wire.h and
 * doc/sync-api.md.  Everything read here may come from anyone: each field is checked
 * for its type and its bounds before it is used, and a reason says what was wrong.
 */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <zlib.h>

#include "text.h"
#include "wire.h"

#define PAYLOAD_MAX	(64 * 1024)	/* bytes of an event's data, canonical */
#define ACTOR_MAX	63
#define POS_MAX		1000000000L
#define SEQ_MAX		((json_int_t)1 << 52)
#define DOSSIERS_MAX	1000000		/* dossier lines of a pull's answer */

/* ---------------------------------------------------------------- gzip */

int
wire_gzip(const char *in, size_t n, int level, char **out, size_t *outn)
{
	z_stream z;
	uLong bound;
	char *buf;
	int rc;

	*out = NULL;
	*outn = 0;
	memset(&z, 0, sizeof z);
	if (deflateInit2(&z, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		return -1;
	bound = deflateBound(&z, (uLong)n) + 32;
	if ((buf = malloc(bound)) == NULL) {
		deflateEnd(&z);
		return -1;
	}
	z.next_in = (Bytef *)(uintptr_t)in;
	z.avail_in = (uInt)n;
	z.next_out = (Bytef *)buf;
	z.avail_out = (uInt)bound;
	rc = deflate(&z, Z_FINISH);
	*outn = z.total_out;
	deflateEnd(&z);
	if (rc != Z_STREAM_END) {
		free(buf);
		return -1;
	}
	*out = buf;
	return 0;
}

int
wire_gunzip(const char *in, size_t n, size_t max, char **out, size_t *outn)
{
	z_stream z;
	char *buf, *p;
	size_t cap = n * 4 + 1024;
	int rc;

	*out = NULL;
	*outn = 0;
	if (cap > max + 1)
		cap = max + 1;
	memset(&z, 0, sizeof z);
	if (inflateInit2(&z, 15 + 32) != Z_OK)
		return -1;
	if ((buf = malloc(cap + 1)) == NULL) {
		inflateEnd(&z);
		return -1;
	}
	z.next_in = (Bytef *)(uintptr_t)in;
	z.avail_in = (uInt)n;
	for (;;) {
		z.next_out = (Bytef *)buf + z.total_out;
		z.avail_out = (uInt)(cap - z.total_out);
		rc = inflate(&z, Z_NO_FLUSH);
		if (rc == Z_STREAM_END)
			break;
		if (rc != Z_OK && rc != Z_BUF_ERROR)
			goto bad;
		if (z.avail_out > 0) {		/* input ended before the stream did */
			if (z.avail_in == 0)
				goto bad;
			continue;
		}
		if (z.total_out > max) {
			inflateEnd(&z);
			free(buf);
			return -2;
		}
		cap = cap * 2 > max + 1 ? max + 1 : cap * 2;
		if (cap <= z.total_out) {	/* max reached and more is coming */
			inflateEnd(&z);
			free(buf);
			return -2;
		}
		if ((p = realloc(buf, cap + 1)) == NULL)
			goto bad;
		buf = p;
	}
	if (z.total_out > max || z.avail_in != 0) {	/* too much, or a second member */
		rc = z.total_out > max ? -2 : -1;
		inflateEnd(&z);
		free(buf);
		return rc;
	}
	buf[z.total_out] = '\0';
	*outn = z.total_out;
	*out = buf;
	inflateEnd(&z);
	return 0;
bad:
	inflateEnd(&z);
	free(buf);
	return -1;
}

/* ---------------------------------------------------------------- hashes */

static void
sha256(const void *data, size_t n, unsigned char out[32])
{
	unsigned int len = 32;

	if (EVP_Digest(data, n, out, &len, EVP_sha256(), NULL) != 1)
		memset(out, 0, 32);
}

void
wire_hash(const struct syncq_event *ev, unsigned char out[32])
{
	struct text_buf b = { 0 };
	char num[48];

	text_buf_add(&b, "motcua-event/1\n");
	text_buf_add(&b, ev->office);
	snprintf(num, sizeof num, "\n%ld\n", ev->seq);
	text_buf_add(&b, num);
	text_buf_add(&b, ev->code);
	snprintf(num, sizeof num, "\n%d\n", ev->pos);
	text_buf_add(&b, num);
	text_buf_add(&b, ev->kind);
	text_buf_add(&b, "\n");
	text_buf_add(&b, ev->at);
	text_buf_add(&b, "\n");
	text_buf_add(&b, ev->actor);
	text_buf_add(&b, "\n");
	text_buf_add(&b, ev->payload);
	if (b.oom)
		memset(out, 0, 32);
	else
		sha256(b.s, b.n, out);
	text_buf_free(&b);
}

void
wire_hash_hex(const unsigned char hash[32], char out[WIRE_HASH_HEX])
{
	static const char hex[] = "0123456789abcdef";
	int i;

	for (i = 0; i < 8; i++) {
		out[2 * i] = hex[hash[i] >> 4];
		out[2 * i + 1] = hex[hash[i] & 15];
	}
	out[16] = '\0';
}

void
wire_digest_hex(const void *data, size_t n, char out[WIRE_HASH_HEX])
{
	unsigned char hash[32];

	sha256(data, n, hash);
	wire_hash_hex(hash, out);
}

char *
wire_canonical(json_t *obj)
{
	return json_dumps(obj, JSON_COMPACT | JSON_SORT_KEYS);
}

json_t *
wire_event_json(const struct syncq_event *ev, int with_office)
{
	struct syncq_event c = *ev;
	unsigned char hash[32];
	char hex[WIRE_HASH_HEX], *canon;
	json_t *data = json_loads(ev->payload, 0, NULL), *o;

	if (!json_is_object(data) || (canon = wire_canonical(data)) == NULL) {
		json_decref(data);
		return NULL;
	}
	c.payload = canon;
	wire_hash(&c, hash);
	free(canon);
	wire_hash_hex(hash, hex);
	o = json_object();
	if (with_office)
		json_object_set_new(o, "office", json_string(ev->office));
	json_object_set_new(o, "seq", json_integer(ev->seq));
	json_object_set_new(o, "code", json_string(ev->code));
	json_object_set_new(o, "pos", json_integer(ev->pos));
	json_object_set_new(o, "kind", json_string(ev->kind));
	json_object_set_new(o, "at", json_string(ev->at));
	json_object_set_new(o, "actor", json_string(ev->actor));
	json_object_set_new(o, "data", data);
	json_object_set_new(o, "hash", json_string(hex));
	return o;
}

/* ---------------------------------------------------------------- checks */

int
wire_office_valid(const char *s)
{
	size_t n = 0;

	if (s == NULL)
		return 0;
	for (; s[n] != '\0'; n++)
		if (s[n] <= ' ' || s[n] >= 0x7f || s[n] == ':' || s[n] == '"' || s[n] == '\\')
			return 0;
	return n >= 1 && n <= WIRE_OFFICE_MAX;
}

/* A string field of printable text (no control character), of at most max bytes. */
static const char *
text_field(json_t *o, const char *key, size_t min, size_t max)
{
	json_t *v = json_object_get(o, key);
	const char *s;
	size_t n, i;

	if (!json_is_string(v))
		return NULL;
	s = json_string_value(v);
	n = json_string_length(v);
	if (n < min || n > max || strlen(s) != n || !text_valid(s, n))
		return NULL;
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20)
			return NULL;
	return s;
}

static int
int_field(json_t *o, const char *key, json_int_t min, json_int_t max, json_int_t *out)
{
	json_t *v = json_object_get(o, key);

	if (!json_is_integer(v) || json_integer_value(v) < min || json_integer_value(v) > max)
		return -1;
	*out = json_integer_value(v);
	return 0;
}

static int
fail(char why[WIRE_WHY_MAX], const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int
fail(char why[WIRE_WHY_MAX], const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, WIRE_WHY_MAX, fmt, ap);
	va_end(ap);
	return -1;
}

void
wire_event_free(struct wire_event *e)
{
	json_decref(e->data);
	free(e->strings);
	memset(e, 0, sizeof *e);
}

/* Copy the strings of e into one block owned by out. */
static int
own_strings(struct wire_event *out, const char *office, const char *code, const char *kind,
    const char *at, const char *actor, const char *payload)
{
	const char *src[6] = { office, code, kind, at, actor, payload };
	const char **dst[6] = { &out->ev.office, &out->ev.code, &out->ev.kind, &out->ev.at,
		&out->ev.actor, &out->ev.payload };
	size_t total = 0, n;
	char *p;
	int i;

	for (i = 0; i < 6; i++)
		total += strlen(src[i]) + 1;
	if ((out->strings = p = malloc(total)) == NULL)
		return -1;
	for (i = 0; i < 6; i++) {
		n = strlen(src[i]) + 1;
		memcpy(p, src[i], n);
		*dst[i] = p;
		p += n;
	}
	return 0;
}

int
wire_event_decode(json_t *o, const char *office, struct wire_event *out,
    char why[WIRE_WHY_MAX])
{
	const char *code, *kind, *at, *actor, *hash, *to;
	json_int_t seq, pos;
	json_t *data;
	mc_minute t;
	char *canon, hex[WIRE_HASH_HEX];
	int rc;

	memset(out, 0, sizeof *out);
	if (!json_is_object(o))
		return fail(why, "an event is not a JSON object");
	if (office == NULL && !wire_office_valid(office = text_field(o, "office", 1, WIRE_OFFICE_MAX)))
		return fail(why, "an event has no valid office");
	if (int_field(o, "seq", 1, SEQ_MAX, &seq) != 0)
		return fail(why, "an event has no valid seq");
	if ((code = text_field(o, "code", 1, CODE_MAX - 1)) == NULL)
		return fail(why, "event %lld has no valid code", (long long)seq);
	if (int_field(o, "pos", 1, POS_MAX, &pos) != 0)
		return fail(why, "event %lld has no valid pos", (long long)seq);
	if ((kind = text_field(o, "kind", 1, 32)) == NULL || event_kind_parse(kind) < 0)
		return fail(why, "event %lld has an unknown kind", (long long)seq);
	if ((at = text_field(o, "at", 10, 19)) == NULL || mc_time_parse(at, &t) != 0)
		return fail(why, "event %lld has no valid time", (long long)seq);
	if ((actor = text_field(o, "actor", 0, ACTOR_MAX)) == NULL)
		return fail(why, "event %lld has no valid actor", (long long)seq);
	if (!json_is_object(data = json_object_get(o, "data")))
		return fail(why, "event %lld has no data object", (long long)seq);
	if ((hash = text_field(o, "hash", 16, 16)) == NULL)
		return fail(why, "event %lld has no hash", (long long)seq);
	if ((canon = wire_canonical(data)) == NULL)
		return fail(why, "out of memory");
	if (strlen(canon) > PAYLOAD_MAX) {
		free(canon);
		return fail(why, "event %lld: its data is too large", (long long)seq);
	}
	rc = own_strings(out, office, code, kind, at, actor, canon);
	free(canon);
	if (rc != 0)
		return fail(why, "out of memory");
	out->ev.seq = (long)seq;
	out->ev.pos = (int)pos;
	wire_hash(&out->ev, out->hash);
	wire_hash_hex(out->hash, hex);
	if (strcmp(hex, hash) != 0) {
		wire_event_free(out);
		return fail(why, "event %lld: the hash does not match its content", (long long)seq);
	}
	to = json_string_value(json_object_get(data, "to"));
	if (strcmp(kind, "transferred") == 0 && wire_office_valid(to))
		snprintf(out->to, sizeof out->to, "%s", to);
	out->data = json_incref(data);
	return 0;
}

/* ---------------------------------------------------------------- JSON lines */

/* The next line of body[*off..n) (without its LF or CR LF); 0, or -1 at the end. */
static int
next_line(const char *body, size_t n, size_t *off, const char **line, size_t *len)
{
	const char *nl;

	if (*off >= n)
		return -1;
	*line = body + *off;
	nl = memchr(*line, '\n', n - *off);
	*len = nl != NULL ? (size_t)(nl - *line) : n - *off;
	*off += *len + (nl != NULL);
	if (*len > 0 && (*line)[*len - 1] == '\r')
		(*len)--;
	return 0;
}

static json_t *
load_line(const char *line, size_t len)
{
	return json_loadb(line, len, JSON_REJECT_DUPLICATES, NULL);
}

static int
refuse(struct wire_refusal *r, int status, const char *word, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int
refuse(struct wire_refusal *r, int status, const char *word, const char *fmt, ...)
{
	va_list ap;

	r->status = status;
	r->word = word;
	va_start(ap, fmt);
	vsnprintf(r->why, sizeof r->why, fmt, ap);
	va_end(ap);
	return -1;
}

/* The header's format: 0 when it is ours, else -1 with the refusal. */
static int
check_format(json_t *h, struct wire_refusal *r)
{
	json_t *f = json_object_get(h, "format");

	if (!json_is_integer(f))
		return refuse(r, 400, "format", "the format version is missing");
	if (json_integer_value(f) != WIRE_FORMAT)
		return refuse(r, 400, "format", "unknown format version %lld; this hub reads %d",
		    (long long)json_integer_value(f), WIRE_FORMAT);
	return 0;
}

void
wire_push_free(struct wire_push *p)
{
	int i;

	for (i = 0; i < p->n; i++)
		wire_event_free(&p->events[i]);
	free(p->events);
	memset(p, 0, sizeof *p);
}

int
wire_push_decode(const char *body, size_t n, struct wire_push *out, struct wire_refusal *r)
{
	const char *line, *office;
	size_t off = 0, len;
	json_int_t count;
	json_t *h, *o;
	char why[WIRE_WHY_MAX];

	memset(out, 0, sizeof *out);
	h = next_line(body, n, &off, &line, &len) == 0 ? load_line(line, len) : NULL;
	if (!json_is_object(h)) {
		json_decref(h);
		return refuse(r, 400, "json", "the body does not start with a JSON header line");
	}
	if (check_format(h, r) != 0)
		goto fail_h;
	if (!wire_office_valid(office = text_field(h, "office", 1, WIRE_OFFICE_MAX))) {
		refuse(r, 400, "json", "the header has no valid office");
		goto fail_h;
	}
	snprintf(out->office, sizeof out->office, "%s", office);
	if (int_field(h, "events", 1, WIRE_BATCH_MAX, &count) != 0) {
		refuse(r, json_is_integer(json_object_get(h, "events")) &&
		    json_integer_value(json_object_get(h, "events")) > WIRE_BATCH_MAX ? 413 : 400,
		    "json", "the header must say how many events follow (1 to %d)", WIRE_BATCH_MAX);
		goto fail_h;
	}
	json_decref(h);
	if ((out->events = calloc((size_t)count, sizeof *out->events)) == NULL)
		return refuse(r, 500, "memory", "out of memory");
	while (out->n < count && next_line(body, n, &off, &line, &len) == 0) {
		if (len == 0)
			continue;
		if ((o = load_line(line, len)) == NULL) {
			refuse(r, 400, "json", "event line %d is not JSON", out->n + 1);
			goto fail;
		}
		if (json_object_get(o, "office") != NULL &&
		    (!json_is_string(json_object_get(o, "office")) ||
		    strcmp(json_string_value(json_object_get(o, "office")), out->office) != 0)) {
			json_decref(o);
			refuse(r, 403, "office", "event line %d is another office's event", out->n + 1);
			goto fail;
		}
		if (wire_event_decode(o, out->office, &out->events[out->n], why) != 0) {
			json_decref(o);
			refuse(r, 400, strstr(why, "hash") != NULL ? "hash" : "json", "%s", why);
			goto fail;
		}
		json_decref(o);
		if (out->n > 0 && out->events[out->n].ev.seq != out->events[out->n - 1].ev.seq + 1) {
			out->n++;
			refuse(r, 400, "order", "the events are not in sequence order without gaps");
			goto fail;
		}
		out->n++;
	}
	if (out->n != count) {
		refuse(r, 400, "json", "the header announced %lld events but %d came",
		    (long long)count, out->n);
		goto fail;
	}
	while (next_line(body, n, &off, &line, &len) == 0)
		if (len != 0) {
			refuse(r, 400, "json", "more events than the header announced");
			goto fail;
		}
	return 0;
fail_h:
	json_decref(h);
	return -1;
fail:
	wire_push_free(out);
	return -1;
}

void
wire_pull_free(struct wire_pull *p)
{
	free(p->marks);
	memset(p, 0, sizeof *p);
}

int
wire_pull_decode(const char *body, size_t n, struct wire_pull *out, struct wire_refusal *r)
{
	json_t *h = json_loadb(body, n, JSON_REJECT_DUPLICATES, NULL), *marks, *v, *scope;
	json_int_t maxb;
	const char *key;

	memset(out, 0, sizeof *out);
	out->max_bytes = 1024 * 1024;
	if (!json_is_object(h)) {
		json_decref(h);
		return refuse(r, 400, "json", "the body is not a JSON object");
	}
	if (check_format(h, r) != 0)
		goto fail;
	scope = json_object_get(h, "scope");
	if (scope != NULL && !json_is_null(scope)) {
		if (!wire_office_valid(json_string_value(scope))) {
			refuse(r, 400, "json", "the scope is not an office code");
			goto fail;
		}
		snprintf(out->scope, sizeof out->scope, "%s", json_string_value(scope));
	}
	if (json_object_get(h, "max_bytes") != NULL) {
		if (int_field(h, "max_bytes", 0, (json_int_t)1 << 40, &maxb) != 0) {
			refuse(r, 400, "json", "max_bytes is not a number");
			goto fail;
		}
		out->max_bytes = maxb < 4096 ? 4096 : maxb > 8 * 1024 * 1024 ? 8 * 1024 * 1024 : (long)maxb;
	}
	marks = json_object_get(h, "marks");
	if (marks != NULL && !json_is_object(marks)) {
		refuse(r, 400, "json", "marks is not an object");
		goto fail;
	}
	if (json_object_size(marks) > WIRE_MARKS_MAX) {
		refuse(r, 413, "size", "too many marks");
		goto fail;
	}
	if (json_object_size(marks) > 0 &&
	    (out->marks = calloc(json_object_size(marks), sizeof *out->marks)) == NULL) {
		refuse(r, 500, "memory", "out of memory");
		goto fail;
	}
	json_object_foreach(marks, key, v) {
		if (!wire_office_valid(key) || !json_is_integer(v) || json_integer_value(v) < 0 ||
		    json_integer_value(v) > SEQ_MAX) {
			refuse(r, 400, "json", "a mark is not an office code with a sequence");
			goto fail;
		}
		snprintf(out->marks[out->nmarks].office, sizeof out->marks[0].office, "%s", key);
		out->marks[out->nmarks++].seq = (long)json_integer_value(v);
	}
	json_decref(h);
	return 0;
fail:
	json_decref(h);
	wire_pull_free(out);
	return -1;
}

/* ---------------------------------------------------------------- answers */

int
wire_error_decode(const char *body, size_t n, struct wire_error *out)
{
	json_t *o = json_loadb(body, n, 0, NULL), *c;
	const char *s;

	memset(out, 0, sizeof *out);
	out->cursor = -1;
	if (!json_is_object(o)) {
		json_decref(o);
		return -1;
	}
	if ((s = text_field(o, "error", 0, 100000)) != NULL)
		snprintf(out->error, sizeof out->error, "%s", s);
	if ((s = text_field(o, "why", 0, sizeof out->word - 1)) != NULL)
		snprintf(out->word, sizeof out->word, "%s", s);
	c = json_object_get(o, "cursor");
	if (json_is_integer(c) && json_integer_value(c) >= 0 && json_integer_value(c) <= SEQ_MAX)
		out->cursor = (long)json_integer_value(c);
	json_decref(o);
	return 0;
}

void
wire_push_answer_free(struct wire_push_answer *a)
{
	free(a->conflicts);
	free(a->refused);
	memset(a, 0, sizeof *a);
}

static int
verdicts(json_t *arr, struct wire_verdict **out, int *n, char why[WIRE_WHY_MAX])
{
	json_t *v;
	json_int_t seq;
	const char *reason;
	size_t i;

	*out = NULL;
	*n = 0;
	if (arr == NULL)
		return 0;
	if (!json_is_array(arr) || json_array_size(arr) > WIRE_BATCH_MAX)
		return fail(why, "the answer's lists are not arrays");
	if (json_array_size(arr) == 0)
		return 0;
	if ((*out = calloc(json_array_size(arr), sizeof **out)) == NULL)
		return fail(why, "out of memory");
	json_array_foreach(arr, i, v) {
		if (int_field(v, "seq", 1, SEQ_MAX, &seq) != 0)
			return fail(why, "a verdict has no seq");
		reason = text_field(v, "reason", 0, 100000);
		(*out)[*n].seq = (long)seq;
		snprintf((*out)[*n].reason, sizeof (*out)[0].reason, "%s", reason != NULL ? reason : "");
		(*n)++;
	}
	return 0;
}

static int
answer_format(json_t *o, char why[WIRE_WHY_MAX])
{
	json_t *f = json_object_get(o, "format");

	if (!json_is_integer(f) || json_integer_value(f) != WIRE_FORMAT)
		return fail(why, "the hub answered in an unknown format version");
	return 0;
}

int
wire_push_answer_decode(const char *body, size_t n, struct wire_push_answer *out,
    char why[WIRE_WHY_MAX])
{
	json_t *o = json_loadb(body, n, JSON_REJECT_DUPLICATES, NULL);
	json_int_t v;
	int rc = -1;

	memset(out, 0, sizeof *out);
	if (!json_is_object(o))
		fail(why, "the hub's answer is not JSON");
	else if (answer_format(o, why) != 0)
		;
	else if (int_field(o, "cursor", 0, SEQ_MAX, &v) != 0)
		fail(why, "the hub's answer has no cursor");
	else {
		out->cursor = (long)v;
		out->stored = int_field(o, "stored", 0, SEQ_MAX, &v) == 0 ? (long)v : 0;
		out->known = int_field(o, "known", 0, SEQ_MAX, &v) == 0 ? (long)v : 0;
		if (verdicts(json_object_get(o, "conflicts"), &out->conflicts, &out->nconflicts, why) == 0 &&
		    verdicts(json_object_get(o, "refused"), &out->refused, &out->nrefused, why) == 0)
			rc = 0;
	}
	json_decref(o);
	if (rc != 0)
		wire_push_answer_free(out);
	return rc;
}

void
wire_pull_answer_free(struct wire_pull_answer *a)
{
	int i;

	for (i = 0; i < a->nevents; i++)
		wire_event_free(&a->events[i]);
	free(a->events);
	free(a->marks);
	free(a->dossiers);
	memset(a, 0, sizeof *a);
}

/* The header of a pull's answer into out; the counts to *nd, *ne. */
static int
pull_header(json_t *h, struct wire_pull_answer *out, json_int_t *nd, json_int_t *ne,
    char why[WIRE_WHY_MAX])
{
	json_t *marks = json_object_get(h, "marks"), *v;
	const char *key;

	if (answer_format(h, why) != 0)
		return -1;
	if (!json_is_boolean(json_object_get(h, "more")) || !json_is_object(marks) ||
	    json_object_size(marks) > WIRE_MARKS_MAX ||
	    int_field(h, "dossiers", 0, DOSSIERS_MAX, nd) != 0 ||
	    int_field(h, "events", 0, DOSSIERS_MAX, ne) != 0)
		return fail(why, "the pull's answer has no valid header");
	out->more = json_is_true(json_object_get(h, "more"));
	if (json_object_size(marks) > 0 &&
	    (out->marks = calloc(json_object_size(marks), sizeof *out->marks)) == NULL)
		return fail(why, "out of memory");
	json_object_foreach(marks, key, v) {
		if (!wire_office_valid(key) || !json_is_integer(v) || json_integer_value(v) < 0 ||
		    json_integer_value(v) > SEQ_MAX)
			return fail(why, "the pull's answer has a bad mark");
		snprintf(out->marks[out->nmarks].office, sizeof out->marks[0].office, "%s", key);
		out->marks[out->nmarks++].seq = (long)json_integer_value(v);
	}
	if ((*nd > 0 && (out->dossiers = calloc((size_t)*nd, sizeof *out->dossiers)) == NULL) ||
	    (*ne > 0 && (out->events = calloc((size_t)*ne, sizeof *out->events)) == NULL))
		return fail(why, "out of memory");
	return 0;
}

static int
pull_dossier(json_t *o, struct wire_dossier *d, char why[WIRE_WHY_MAX])
{
	const char *code = text_field(o, "dossier", 1, CODE_MAX - 1);
	const char *access = text_field(o, "access", 1, 8);
	const char *office = text_field(o, "office", 0, WIRE_OFFICE_MAX);

	if (code == NULL || access == NULL || (strcmp(access, "held") != 0 && strcmp(access, "read") != 0) ||
	    office == NULL || (*office != '\0' && !wire_office_valid(office)))
		return fail(why, "the pull's answer has a bad dossier line");
	snprintf(d->code, sizeof d->code, "%s", code);
	d->read_only = strcmp(access, "read") == 0;
	snprintf(d->office, sizeof d->office, "%s", office);
	return 0;
}

int
wire_pull_answer_decode(const char *body, size_t n, struct wire_pull_answer *out,
    char why[WIRE_WHY_MAX])
{
	const char *line = NULL;
	size_t off = 0, len = 0;
	json_int_t nd = 0, ne = 0;
	json_t *o;
	int rc;

	memset(out, 0, sizeof *out);
	o = next_line(body, n, &off, &line, &len) == 0 ? load_line(line, len) : NULL;
	if (!json_is_object(o)) {
		json_decref(o);
		return fail(why, "the pull's answer does not start with a JSON header");
	}
	rc = pull_header(o, out, &nd, &ne, why);
	json_decref(o);
	while (rc == 0 && (out->ndossiers < nd || out->nevents < ne) &&
	    next_line(body, n, &off, &line, &len) == 0) {
		if (len == 0)
			continue;
		if ((o = load_line(line, len)) == NULL)
			rc = fail(why, "a line of the pull's answer is not JSON");
		else if (out->ndossiers < nd)
			rc = pull_dossier(o, &out->dossiers[out->ndossiers++], why);
		else if ((rc = wire_event_decode(o, NULL, &out->events[out->nevents], why)) == 0)
			out->nevents++;
		json_decref(o);
	}
	if (rc == 0 && (out->ndossiers != nd || out->nevents != ne))
		rc = fail(why, "the pull's answer is shorter than its header says");
	while (rc == 0 && next_line(body, n, &off, &line, &len) == 0)
		if (len != 0)
			rc = fail(why, "the pull's answer is longer than its header says");
	if (rc != 0)
		wire_pull_answer_free(out);
	return rc;
}

/* ---------------------------------------------------------------- dossier rows */

void
wire_dossier_digest(const struct dossier *d, char out[WIRE_HASH_HEX])
{
	char buf[4096], t[6][MC_TIME_BUF];
	unsigned char hash[32];
	int n;

	mc_time_format(d->received_at, t[0]);
	mc_time_format(d->due_at, t[1]);
	mc_time_format(d->finished_at, t[2]);
	mc_time_format(d->returned_at, t[3]);
	mc_time_format(d->paused_at, t[4]);
	mc_time_format(d->updated_at, t[5]);
	n = snprintf(buf, sizeof buf, "%s\n%s\n%s\n%s\n%s\n%s\n%s\n%s\n%s\n%d\n%s\n%d\n%d\n%d\n"
	    "%s\n%s\n%s\n%s\n%s\n%s\n%ld\n%ld\n%d\n%d\n%d\n%d\n%d\n%d\n%s\n%d\n%s\n%s",
	    d->code, d->office, d->procedure, d->group_code, d->name, d->idno, d->phone,
	    d->address, d->email, d->sms, d->channel, d->priority, d->sets, d->status,
	    t[0], t[1], t[2], t[3], t[4], d->handler, d->fee, d->fee_paid, d->supplements,
	    d->extensions, d->transfers, d->digitised, d->rating, d->backentered, d->officer,
	    d->events, d->last_event, t[5]);
	sha256(buf, n > 0 && (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1, hash);
	wire_hash_hex(hash, out);
}
