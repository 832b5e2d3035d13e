/* fuzz-hubrequest.c -- libFuzzer target: how motcua-hub reads a request's body
 * (sync/wire.c: wire_gunzip, wire_push_decode, wire_pull_decode), on arbitrary bytes,
 * without the network or PostgreSQL.
 *
 * tests/fuzz/run.sh links every target against common/ alone, so this one compiles
 * sync/wire.c into itself (it is pure: no HTTP, no database).
 *
 * The first byte picks the mode: bit 0 a push (clear) or a pull (set); bit 1 the rest
 * is gzip-compressed (decompressed first, at most 1 MiB, as the hub does).
 * What must hold:
 *  - every call returns 0 or -1; a refusal has a status among 400, 403, 413, 500, a
 *    word, and a reason in printable ASCII;
 *  - gunzip: -2 only beyond its limit, and never more than the limit given back;
 *  - an accepted push: 1..WIRE_BATCH_MAX events, in sequence with no gap, a valid
 *    office, each event's fields within their bounds, a payload that is canonical
 *    (reading and writing it again gives the same text) and a hash that is the hash
 *    of its content; encoding the events again (wire_event_json) and reading that body
 *    gives the same events;
 *  - an accepted pull: max_bytes within [4 KiB, 8 MiB], valid office codes, marks >= 0.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "../../sync/wire.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define GUNZIP_MAX (1024 * 1024)

static void
check_refusal(const struct wire_refusal *r, const char *what)
{
	const char *p;

	FUZZ_CHECK(r->status == 400 || r->status == 403 || r->status == 413 || r->status == 500,
	    "status %d for %s", r->status, what);
	FUZZ_CHECK(r->word != NULL && *r->word != '\0', "no word for %s", what);
	FUZZ_CHECK(memchr(r->why, '\0', sizeof r->why) != NULL && r->why[0] != '\0',
	    "no reason for %s", what);
	for (p = r->why; *p != '\0'; p++)
		FUZZ_CHECK((unsigned char)*p >= 0x20, "control character in the reason %s",
		    fuzz_quote(r->why));
}

static void
same_event(const struct wire_event *a, const struct wire_event *b)
{
	FUZZ_CHECK(strcmp(a->ev.office, b->ev.office) == 0 && a->ev.seq == b->ev.seq &&
	    strcmp(a->ev.code, b->ev.code) == 0 && a->ev.pos == b->ev.pos &&
	    strcmp(a->ev.kind, b->ev.kind) == 0 && strcmp(a->ev.at, b->ev.at) == 0 &&
	    strcmp(a->ev.actor, b->ev.actor) == 0 && strcmp(a->ev.payload, b->ev.payload) == 0 &&
	    memcmp(a->hash, b->hash, 32) == 0 && strcmp(a->to, b->to) == 0,
	    "event %ld read differently the second time", a->ev.seq);
}

static void
check_event(const struct wire_event *e, const char *office)
{
	unsigned char hash[32];
	json_t *p;
	char *again;

	FUZZ_CHECK(strcmp(e->ev.office, office) == 0, "event of office %s in %s's batch",
	    fuzz_quote(e->ev.office), office);
	FUZZ_CHECK(e->ev.seq >= 1 && e->ev.pos >= 1, "seq %ld pos %d", e->ev.seq, e->ev.pos);
	FUZZ_CHECK(*e->ev.code != '\0' && strlen(e->ev.code) < CODE_MAX, "code %s", fuzz_quote(e->ev.code));
	FUZZ_CHECK(event_kind_parse(e->ev.kind) >= 0, "kind %s", fuzz_quote(e->ev.kind));
	FUZZ_CHECK(strlen(e->ev.actor) <= 63, "actor %s", fuzz_quote(e->ev.actor));
	FUZZ_CHECK(fuzz_text_valid(e->ev.code, strlen(e->ev.code)) &&
	    fuzz_text_valid(e->ev.actor, strlen(e->ev.actor)), "code or actor not valid text");
	p = json_loads(e->ev.payload, 0, NULL);
	FUZZ_CHECK(json_is_object(p), "payload %s not an object", fuzz_quote(e->ev.payload));
	again = wire_canonical(p);
	json_decref(p);
	FUZZ_CHECK(again != NULL && strcmp(again, e->ev.payload) == 0, "payload %s not canonical",
	    fuzz_quote(e->ev.payload));
	free(again);
	wire_hash(&e->ev, hash);
	FUZZ_CHECK(memcmp(hash, e->hash, 32) == 0, "hash of event %ld is not its content's", e->ev.seq);
}

/* Encode the accepted batch again and read it: the same events. */
static void
round_trip(const struct wire_push *b)
{
	struct text_buf body = { 0 };
	struct wire_push again;
	struct wire_refusal r;
	char head[160], *line;
	json_t *o;
	int i;

	snprintf(head, sizeof head, "{\"format\":1,\"office\":\"%s\",\"events\":%d}\n", b->office, b->n);
	text_buf_add(&body, head);
	for (i = 0; i < b->n; i++) {
		o = wire_event_json(&b->events[i].ev, 0);
		FUZZ_CHECK(o != NULL, "an accepted event cannot be encoded again");
		line = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
		json_decref(o);
		text_buf_add(&body, line);
		text_buf_add(&body, "\n");
		free(line);
	}
	FUZZ_CHECK(wire_push_decode(body.s, body.n, &again, &r) == 0,
	    "the batch encoded again is refused: %s", r.why);
	FUZZ_CHECK(again.n == b->n, "%d events, then %d", b->n, again.n);
	for (i = 0; i < b->n; i++)
		same_event(&b->events[i], &again.events[i]);
	wire_push_free(&again);
	text_buf_free(&body);
}

static void
fuzz_push(const char *body, size_t n)
{
	struct wire_push b;
	struct wire_refusal r;
	int i, rc;

	memset(&r, 0, sizeof r);
	rc = wire_push_decode(body, n, &b, &r);
	FUZZ_CHECK(rc == 0 || rc == -1, "returned %d", rc);
	if (rc != 0) {
		check_refusal(&r, fuzz_quote_n(body, n));
		return;
	}
	FUZZ_CHECK(b.n >= 1 && b.n <= WIRE_BATCH_MAX, "%d events", b.n);
	FUZZ_CHECK(wire_office_valid(b.office), "office %s", fuzz_quote(b.office));
	for (i = 0; i < b.n; i++) {
		check_event(&b.events[i], b.office);
		FUZZ_CHECK(i == 0 || b.events[i].ev.seq == b.events[i - 1].ev.seq + 1,
		    "a gap between %ld and %ld", b.events[i - 1].ev.seq, b.events[i].ev.seq);
	}
	round_trip(&b);
	wire_push_free(&b);
}

static void
fuzz_pull(const char *body, size_t n)
{
	struct wire_pull q;
	struct wire_refusal r;
	int i, rc;

	memset(&r, 0, sizeof r);
	rc = wire_pull_decode(body, n, &q, &r);
	FUZZ_CHECK(rc == 0 || rc == -1, "returned %d", rc);
	if (rc != 0) {
		check_refusal(&r, fuzz_quote_n(body, n));
		return;
	}
	FUZZ_CHECK(q.max_bytes >= 4096 && q.max_bytes <= 8 * 1024 * 1024, "max_bytes %ld", q.max_bytes);
	FUZZ_CHECK(q.scope[0] == '\0' || wire_office_valid(q.scope), "scope %s", fuzz_quote(q.scope));
	for (i = 0; i < q.nmarks; i++)
		FUZZ_CHECK(wire_office_valid(q.marks[i].office) && q.marks[i].seq >= 0,
		    "mark %s %ld", fuzz_quote(q.marks[i].office), q.marks[i].seq);
	wire_pull_free(&q);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *body;
	char *plain = NULL;
	size_t n;
	int rc;

	if (size < 1)
		return 0;
	body = (const char *)data + 1;
	n = size - 1;
	if (data[0] & 2) {
		rc = wire_gunzip(body, n, GUNZIP_MAX, &plain, &n);
		FUZZ_CHECK(rc == 0 || rc == -1 || rc == -2, "gunzip returned %d", rc);
		if (rc != 0)
			return 0;
		FUZZ_CHECK(n <= GUNZIP_MAX && plain[n] == '\0', "gunzip gave %zu bytes", n);
		body = plain;
	}
	if (data[0] & 1)
		fuzz_pull(body, n);
	else
		fuzz_push(body, n);
	free(plain);
	return 0;
}
