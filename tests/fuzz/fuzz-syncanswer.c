/* fuzz-syncanswer.c -- libFuzzer target: how motcua-sync reads the hub's answers
 * (sync/wire.c: wire_push_answer_decode, wire_pull_answer_decode, wire_error_decode),
 * on arbitrary bytes, without the network.  sync/wire.c is compiled in (see
 * fuzz-hubrequest.c).
 *
 * The first byte picks the answer: 0 a push's, 1 a pull's, 2 an error.  What must hold:
 *  - every call returns 0 or -1, and a reason on -1 (terminated, not empty);
 *  - a push's answer: cursor >= 0, counts >= 0, each verdict's seq >= 1 and its reason
 *    terminated;
 *  - a pull's answer: its marks valid offices with sequences >= 0, its dossiers a code
 *    and an office code or "", every event well formed with the hash of its content
 *    (what motcua-sync will store); written again as the hub writes it, it reads the
 *    same;
 *  - an error: a cursor of -1 or >= 0, its strings terminated.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "../../sync/wire.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_why(const char *why, const char *what)
{
	FUZZ_CHECK(memchr(why, '\0', WIRE_WHY_MAX) != NULL && why[0] != '\0', "no reason for %s", what);
}

static void
push_answer(const char *body, size_t n)
{
	struct wire_push_answer a;
	char why[WIRE_WHY_MAX] = "";
	int i, rc = wire_push_answer_decode(body, n, &a, why);

	FUZZ_CHECK(rc == 0 || rc == -1, "returned %d", rc);
	if (rc != 0) {
		check_why(why, fuzz_quote_n(body, n));
		return;
	}
	FUZZ_CHECK(a.cursor >= 0 && a.stored >= 0 && a.known >= 0, "cursor %ld", a.cursor);
	for (i = 0; i < a.nconflicts; i++)
		FUZZ_CHECK(a.conflicts[i].seq >= 1 && memchr(a.conflicts[i].reason, '\0', WIRE_WHY_MAX) != NULL,
		    "conflict %ld", a.conflicts[i].seq);
	for (i = 0; i < a.nrefused; i++)
		FUZZ_CHECK(a.refused[i].seq >= 1 && memchr(a.refused[i].reason, '\0', WIRE_WHY_MAX) != NULL,
		    "refused %ld", a.refused[i].seq);
	wire_push_answer_free(&a);
}

static void
add_line(struct text_buf *b, json_t *o)
{
	char *line = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);

	json_decref(o);
	FUZZ_CHECK(line != NULL, "cannot write a line");
	text_buf_add(b, line);
	text_buf_add(b, "\n");
	free(line);
}

/* The answer written again as the hub writes it, and read: the same. */
static void
round_trip(const struct wire_pull_answer *a)
{
	struct text_buf body = { 0 };
	struct wire_pull_answer again;
	char why[WIRE_WHY_MAX];
	json_t *marks = json_object(), *h = json_object(), *o;
	int i;

	for (i = 0; i < a->nmarks; i++)
		json_object_set_new(marks, a->marks[i].office, json_integer(a->marks[i].seq));
	json_object_set_new(h, "format", json_integer(WIRE_FORMAT));
	json_object_set_new(h, "more", json_boolean(a->more));
	json_object_set_new(h, "marks", marks);
	json_object_set_new(h, "dossiers", json_integer(a->ndossiers));
	json_object_set_new(h, "events", json_integer(a->nevents));
	add_line(&body, h);
	for (i = 0; i < a->ndossiers; i++)
		add_line(&body, json_pack("{s:s,s:s,s:s}", "dossier", a->dossiers[i].code, "access",
		    a->dossiers[i].read_only ? "read" : "held", "office", a->dossiers[i].office));
	for (i = 0; i < a->nevents; i++) {
		o = wire_event_json(&a->events[i].ev, 1);
		FUZZ_CHECK(o != NULL, "an accepted event cannot be written again");
		add_line(&body, o);
	}
	FUZZ_CHECK(wire_pull_answer_decode(body.s, body.n, &again, why) == 0,
	    "written again, the answer is refused: %s", why);
	FUZZ_CHECK(again.nevents == a->nevents && again.ndossiers == a->ndossiers &&
	    again.more == a->more, "read differently the second time");
	for (i = 0; i < a->nevents; i++)
		FUZZ_CHECK(memcmp(again.events[i].hash, a->events[i].hash, 32) == 0 &&
		    strcmp(again.events[i].ev.payload, a->events[i].ev.payload) == 0,
		    "event %d read differently the second time", i);
	wire_pull_answer_free(&again);
	text_buf_free(&body);
}

static void
pull_answer(const char *body, size_t n)
{
	struct wire_pull_answer a;
	unsigned char hash[32];
	char why[WIRE_WHY_MAX] = "";
	int i, rc = wire_pull_answer_decode(body, n, &a, why);

	FUZZ_CHECK(rc == 0 || rc == -1, "returned %d", rc);
	if (rc != 0) {
		check_why(why, fuzz_quote_n(body, n));
		return;
	}
	for (i = 0; i < a.nmarks; i++)
		FUZZ_CHECK(wire_office_valid(a.marks[i].office) && a.marks[i].seq >= 0, "mark %d", i);
	for (i = 0; i < a.ndossiers; i++)
		FUZZ_CHECK(a.dossiers[i].code[0] != '\0' && (a.dossiers[i].office[0] == '\0' ||
		    wire_office_valid(a.dossiers[i].office)), "dossier line %d", i);
	for (i = 0; i < a.nevents; i++) {
		const struct syncq_event *e = &a.events[i].ev;

		FUZZ_CHECK(wire_office_valid(e->office) && e->seq >= 1 && e->pos >= 1 &&
		    event_kind_parse(e->kind) >= 0 && *e->code != '\0', "event %d", i);
		wire_hash(e, hash);
		FUZZ_CHECK(memcmp(hash, a.events[i].hash, 32) == 0, "event %d: hash not its content's", i);
	}
	round_trip(&a);
	wire_pull_answer_free(&a);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct wire_error e;
	const char *body;
	size_t n;

	if (size < 1)
		return 0;
	body = (const char *)data + 1;
	n = size - 1;
	switch (data[0] % 3) {
	case 0:
		push_answer(body, n);
		break;
	case 1:
		pull_answer(body, n);
		break;
	default:
		if (wire_error_decode(body, n, &e) == 0)
			FUZZ_CHECK(e.cursor >= -1 && memchr(e.error, '\0', sizeof e.error) != NULL &&
			    memchr(e.word, '\0', sizeof e.word) != NULL, "error answer");
		break;
	}
	return 0;
}
