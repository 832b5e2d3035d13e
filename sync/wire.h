/* wire.h -- what motcua-sync and motcua-hub say to each other (doc/sync-api.md), with
 * no network and no database: events to and from JSON, their content hash, the
 * decoding and checking of every request and answer, gzip, and a growing buffer.
 *
 * Both programs compile this file; so do the fuzzers (tests/fuzz/fuzz-hubrequest.c
 * and fuzz-syncanswer.c), which is why it reads untrusted bytes only through the
 * functions below, each of which checks everything and never crashes on any input.
 * Reasons given in why[] are English, short and free of personal data.
 */
#ifndef MC_WIRE_H
#define MC_WIRE_H

#include <stddef.h>

#include <jansson.h>

#include "dossier.h"
#include "syncq.h"
#include "text.h"

#define WIRE_FORMAT	1		/* the protocol's format version */
#define WIRE_WHY_MAX	160		/* bytes of a reason */
#define WIRE_HASH_HEX	17		/* 16 hex digits and the NUL */
#define WIRE_BATCH_MAX	20000		/* events in one push */
#define WIRE_MARKS_MAX	100000		/* offices in one pull's marks */
#define WIRE_OFFICE_MAX	63		/* bytes of an office code */

/* ---------------------------------------------------------------- gzip */

/* Compress in[0..n) as one gzip member into *out (malloc'd, the caller's); 0 or -1. */
int wire_gzip(const char *in, size_t n, int level, char **out, size_t *outn);
/* Decompress gzip or zlib data into *out (malloc'd, NUL-terminated, the caller's), at
 * most max bytes: 0; -1 not gzip or damaged; -2 more than max bytes (a bomb). */
int wire_gunzip(const char *in, size_t n, size_t max, char **out, size_t *outn);

/* ---------------------------------------------------------------- events */

/* The SHA-256 of an event's canonical text (doc/sync-api.md); ev->payload must be
 * canonical (wire_canonical). */
void wire_hash(const struct syncq_event *ev, unsigned char out[32]);
/* The first 8 bytes of the SHA-256 of data[0..n), as 16 lower-case hex digits. */
void wire_digest_hex(const void *data, size_t n, char out[WIRE_HASH_HEX]);
/* The first 8 bytes of a hash as 16 lower-case hex digits. */
void wire_hash_hex(const unsigned char hash[32], char out[WIRE_HASH_HEX]);
/* The canonical text of a JSON object (compact, keys sorted): a new string; NULL if
 * out of memory. */
char *wire_canonical(json_t *obj);

/* The JSON object of ev, as sent: office (when with_office), seq, code, pos, kind,
 * at, actor, data, hash.  ev->payload is read as JSON (it need not be canonical: the
 * hash is of its canonical form).  A new reference, or NULL if the payload is not a
 * JSON object. */
json_t *wire_event_json(const struct syncq_event *ev, int with_office);

/* One decoded, checked event; every string is owned by it. */
struct wire_event {
	struct syncq_event ev;		/* payload canonical */
	unsigned char hash[32];		/* computed from the content */
	char to[WIRE_OFFICE_MAX + 1];	/* transferred: data.to when it may be an office */
	json_t *data;			/* the payload as read (a reference: no need to
					 * read the text again to fold it) */
	char *strings;			/* the storage ev points into */
};
void wire_event_free(struct wire_event *e);

/* Decode and check one event object: its fields' types and bounds, a known kind, a
 * time that parses, a data object, and the hash it carries against its content.
 * office: the office when the object carries none (a push), else NULL (the object
 * must carry it).  0, or -1 with why. */
int wire_event_decode(json_t *o, const char *office, struct wire_event *out,
    char why[WIRE_WHY_MAX]);

/* ---------------------------------------------------------------- requests (the hub reads) */

/* Why a request is refused: the HTTP status and the short word of doc/sync-api.md. */
struct wire_refusal {
	int status;			/* 400, 403, 413 ... */
	const char *word;		/* "json", "format", ... */
	char why[WIRE_WHY_MAX];
};

/* POST /v1/push, decompressed: JSON lines, a header {"format":1,"office":...,
 * "events":N} then N events, one a line (so a batch is read one event at a time). */
struct wire_push {
	char office[WIRE_OFFICE_MAX + 1];
	struct wire_event *events;	/* seq ascending by one; owned */
	int n;
};
int wire_push_decode(const char *body, size_t n, struct wire_push *out, struct wire_refusal *r);
void wire_push_free(struct wire_push *p);

/* POST /v1/pull. */
struct wire_mark {
	char office[WIRE_OFFICE_MAX + 1];
	long seq;
};
struct wire_pull {
	char scope[WIRE_OFFICE_MAX + 1];	/* "" when none */
	long max_bytes;			/* clamped to [4 KiB, 8 MiB]; default 1 MiB */
	struct wire_mark *marks;	/* owned */
	int nmarks;
};
int wire_pull_decode(const char *body, size_t n, struct wire_pull *out, struct wire_refusal *r);
void wire_pull_free(struct wire_pull *p);

/* ---------------------------------------------------------------- answers (the client reads) */

/* An error answer's fields; also filled from a push answer. */
struct wire_error {
	char error[WIRE_WHY_MAX];	/* "" when the answer has none */
	char word[24];
	long cursor;			/* -1 when absent */
};
/* Read an error answer (any status but 200/304); 0 when it is one we can read. */
int wire_error_decode(const char *body, size_t n, struct wire_error *out);

struct wire_verdict {
	long seq;
	char reason[WIRE_WHY_MAX];
};
struct wire_push_answer {
	long cursor;
	long stored, known;
	struct wire_verdict *conflicts, *refused;	/* owned */
	int nconflicts, nrefused;
};
int wire_push_answer_decode(const char *body, size_t n, struct wire_push_answer *out,
    char why[WIRE_WHY_MAX]);
void wire_push_answer_free(struct wire_push_answer *a);

struct wire_dossier {
	char code[CODE_MAX];
	int read_only;
	char office[WIRE_OFFICE_MAX + 1];	/* the office it belongs to */
};
/* The answer to a pull: JSON lines, a header {"format":1,"more":...,"marks":{...},
 * "dossiers":D,"events":E}, D lines {"dossier":CODE,"access":"held"|"read","office":..}
 * and E events. */
struct wire_pull_answer {
	int more;
	struct wire_mark *marks;	/* owned */
	int nmarks;
	struct wire_dossier *dossiers;	/* owned */
	int ndossiers;
	struct wire_event *events;	/* owned; each checked (hash included) */
	int nevents;
};
int wire_pull_answer_decode(const char *body, size_t n, struct wire_pull_answer *out,
    char why[WIRE_WHY_MAX]);
void wire_pull_answer_free(struct wire_pull_answer *a);

/* 1 when s is an office code as the protocol takes it (1-63 bytes of printable ASCII
 * but ':' and space). */
int wire_office_valid(const char *s);

/* ---------------------------------------------------------------- dossier rows */

/* A digest of every field of a folded row (16 hex digits): the hub stores it, and
 * `motcua-sync --dossiers` prints it on an office, so both can be compared. */
void wire_dossier_digest(const struct dossier *d, char out[WIRE_HASH_HEX]);

#endif
