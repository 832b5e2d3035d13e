/* fuzz-smsparts.c -- libFuzzer target: incoming SMS and their parts as motcua-smsd
 * stores them (smsq_part_store, smsq_in_record, smsq_parts_expire; common/smsq.c),
 * then answered (query_handle; common/query.c).
 *
 * One store per process (fuzz.h), with the shipped catalogue and templates and an
 * office; the SMS tables are emptied before each input.  An input is a sequence of up
 * to 16 parts, each 6 bytes of header and a body:
 *	flags	bits 0-1: the sender (4 numbers), bit 2: a whole message (smsq_in_record)
 *	ref	concatenation reference 0..255
 *	total	1 + byte % 8
 *	seq	byte % 10 (0 and seq > total included: the store records such a part
 *		alone, noted incomplete)
 *	time	byte % 4: one of 4 SMSC time stamps
 *	len	byte % 64: the body's bytes that follow (any bytes: invalid UTF-8 too; a
 *		NUL ends the body early)
 * The bytes go to the store as they are: smsq makes them valid UTF-8 itself (each byte
 * that starts no character becomes U+FFFD), and the model here expects just that (its
 * own repair, by fuzz.h's decoder).
 * What must hold:
 *  - MC_OK for every call (a part whose numbers make no sense is recorded as a
 *    message of its own), and no transaction left open after any;
 *  - a message completed by a part has as body the parts' bodies in seq order (a model
 *    of the parts kept here, with the store's rules: a part delivered again is a
 *    duplicate, a different part with the same seq closes the older message);
 *  - at most one sms_in row per (number, smsc_time, body); every sms_in body valid
 *    UTF-8 (invalid input repaired, never stored raw, no message refused for it);
 *  - smsq_parts_expire leaves no part behind; query_handle answers every new row
 *    (MC_OK, the row no longer 'new');
 *  - PRAGMA integrity_check is "ok" every 256 inputs.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "fuzz-sms.h"
#include "query.h"
#include "smsq.h"
#include "store.h"

#define MAX_PARTS 16
#define MAX_TOTAL 8

static struct store *st;
static mc_second now;

static const char *const numbers[] = { "0912345678", "+84987654321", "VIETTEL", "0987654321" };
static const char *const times[] = { "2026-03-02T01:59:00Z", "2026-03-02T01:59:30Z",
	"2026-03-01T23:00:00Z", "" };

/* The parts of one (number, ref, total) the store should be holding. */
struct key {
	int used, number, ref, total;
	char *body[MAX_TOTAL + 1];	/* by seq; NULL: not held */
};

static struct key keys[MAX_PARTS];

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	st = fuzz_sms_store("fuzz-smsparts");
	now = mc_clock();
	return 0;
}

/* s as smsq stores it: each byte that starts no well-formed UTF-8 character replaced
 * with U+FFFD, into out (3 * strlen(s) + 1 bytes). */
static void
utf8_repair(const char *s, char *out)
{
	size_t n = strlen(s);
	uint32_t cp;
	int k;

	while (n > 0) {
		if ((k = fuzz_utf8_decode((const unsigned char *)s, n, &cp)) < 0) {
			memcpy(out, "\xEF\xBF\xBD", 3);
			out += 3;
			k = 1;
		} else {
			memcpy(out, s, (size_t)k);
			out += k;
		}
		s += k;
		n -= (size_t)k;
	}
	*out = '\0';
}

static void
check_closed(const char *what)
{
	FUZZ_CHECK(sqlite3_get_autocommit(store_db(st)), "a transaction left open by %s", what);
}

static void
key_clear(struct key *k)
{
	for (int i = 0; i <= MAX_TOTAL; i++) {
		free(k->body[i]);
		k->body[i] = NULL;
	}
	k->used = 0;
}

static struct key *
key_find(int number, int ref, int total)
{
	struct key *free_slot = NULL;

	for (int i = 0; i < MAX_PARTS; i++) {
		if (keys[i].used && keys[i].number == number && keys[i].ref == ref &&
		    keys[i].total == total)
			return &keys[i];
		if (!keys[i].used && free_slot == NULL)
			free_slot = &keys[i];
	}
	if (free_slot == NULL)
		abort();	/* at most MAX_PARTS parts an input */
	free_slot->used = 1;
	free_slot->number = number;
	free_slot->ref = ref;
	free_slot->total = total;
	return free_slot;
}

/* Would the store take body as a part delivered again of a message already joined
 * (smsq.c's rule: 40 bytes or more, inside a message of as many parts)? */
static int
seen_joined(const char *number, const char *body, int total)
{
	sqlite3_stmt *s;
	int seen;

	if (strlen(body) < 40)
		return 0;
	if (sqlite3_prepare_v2(store_db(st), "SELECT 1 FROM sms_in WHERE number = ?1 AND parts = ?2 "
	    "AND instr(body, ?3) > 0", -1, &s, NULL) != SQLITE_OK)
		abort();
	sqlite3_bind_text(s, 1, number, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 2, total);
	sqlite3_bind_text(s, 3, body, -1, SQLITE_TRANSIENT);
	seen = sqlite3_step(s) == SQLITE_ROW;
	sqlite3_finalize(s);
	return seen;
}

/* The body of sms_in row id, as a new string (NULL when there is no such row). */
static char *
in_body(long id)
{
	sqlite3_stmt *s;
	char *b = NULL;

	if (sqlite3_prepare_v2(store_db(st), "SELECT body FROM sms_in WHERE id = ?1", -1, &s,
	    NULL) != SQLITE_OK)
		abort();
	sqlite3_bind_int64(s, 1, id);
	if (sqlite3_step(s) == SQLITE_ROW)
		b = strdup((const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	return b;
}

/* One part, stored as raw; the model follows what the store should do with it (body:
 * the text as the store keeps it). */
static void
feed(int who, int whole, int ref, int total, int seq, const char *smsc, const char *raw,
    const char *body)
{
	const char *number = numbers[who];
	struct mc_error err;
	struct key *k = NULL;
	char *joined, *got;
	size_t len;
	long id = 0;
	int rc, dup = 0, i, count, seen = 0;

	mc_error_clear(&err);
	if (!whole && total >= 2 && seq >= 1 && seq <= total) {
		k = key_find(who, ref, total);
		if (k->body[seq] != NULL && strcmp(k->body[seq], body) != 0)
			key_clear(k);	/* the older message is closed, recorded incomplete */
		else if (k->body[seq] == NULL)
			seen = seen_joined(number, body, total);
		k->used = 1;
		k->number = who;
		k->ref = ref;
		k->total = total;
	}
	if (whole)
		rc = smsq_in_record(st, "fuzz", number, smsc, raw, 1, now, &id, &dup, &err);
	else {
		rc = smsq_part_store(st, "fuzz", number, ref, total, seq, smsc, raw, now, &id, &dup,
		    &err);
		check_closed("smsq_part_store");
		if (rc == MC_EINVAL) {
			FUZZ_CHECK(k == NULL || (total == 1 && seq == 1),
			    "part %d of %d (ref %d) refused: %s", seq, total, ref, err.msg);
			fuzz_check_error(&err, rc, 1);
			mc_error_clear(&err);
			rc = smsq_in_record(st, "fuzz", number, smsc, raw, 1, now, &id, &dup, &err);
		}
	}
	check_closed("recording a message");
	FUZZ_CHECK(rc == MC_OK, "part %d of %d (ref %d) %s: %s %s", seq, total, ref,
	    fuzz_quote(body), mc_codename(rc), err.msg);
	if (k == NULL) {
		FUZZ_CHECK(id > 0, "a whole message got no row (%s)", fuzz_quote(body));
		return;
	}
	if (seen || (k->body[seq] != NULL && strcmp(k->body[seq], body) == 0)) {
		FUZZ_CHECK(dup == 1 && id == 0, "part %d of %d delivered again: dup %d, id %ld", seq,
		    total, dup, id);
		return;
	}
	if ((k->body[seq] = strdup(body)) == NULL)
		abort();
	for (i = 1, count = 0, len = 1; i <= total; i++)
		if (k->body[i] != NULL) {
			count++;
			len += strlen(k->body[i]);
		}
	if (count < total) {
		FUZZ_CHECK(id == 0, "part %d of %d: message recorded (%ld) with %d parts", seq, total,
		    id, count);
		return;
	}
	FUZZ_CHECK(id > 0, "the last part (%d of %d) completed nothing", seq, total);
	if ((joined = malloc(len)) == NULL)
		abort();
	joined[0] = '\0';
	for (i = 1; i <= total; i++)
		strcat(joined, k->body[i]);
	got = in_body(id);
	FUZZ_CHECK(got != NULL, "row %ld of the completed message is missing", id);
	FUZZ_CHECK(strcmp(got, joined) == 0, "the parts %s joined as %s", fuzz_quote(joined),
	    fuzz_quote(got));
	free(got);
	free(joined);
	key_clear(k);
}

static void
check_rows(void)
{
	sqlite3_stmt *s;
	const char *b;

	if (sqlite3_prepare_v2(store_db(st), "SELECT body FROM sms_in", -1, &s, NULL) != SQLITE_OK)
		abort();
	while (sqlite3_step(s) == SQLITE_ROW) {
		b = (const char *)sqlite3_column_text(s, 0);
		FUZZ_CHECK(fuzz_utf8_valid(b, (size_t)sqlite3_column_bytes(s, 0), 0),
		    "stored body not UTF-8: %s", fuzz_quote(b));
	}
	sqlite3_finalize(s);
	if (sqlite3_prepare_v2(store_db(st), "SELECT count(*) FROM (SELECT 1 FROM sms_in "
	    "GROUP BY number, smsc_time, body HAVING count(*) > 1)", -1, &s, NULL) != SQLITE_OK)
		abort();
	FUZZ_CHECK(sqlite3_step(s) == SQLITE_ROW && sqlite3_column_int(s, 0) == 0,
	    "a message recorded twice");
	sqlite3_finalize(s);
}

static long
count_of(const char *sql)
{
	sqlite3_stmt *s;
	long n = -1;

	if (sqlite3_prepare_v2(store_db(st), sql, -1, &s, NULL) != SQLITE_OK)
		abort();
	if (sqlite3_step(s) == SQLITE_ROW)
		n = (long)sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return n;
}

static void
answer_all(void)
{
	struct mc_error err;
	sqlite3_stmt *s;
	long ids[2 * MAX_PARTS + 8], reply;
	int n = 0, rc;

	if (sqlite3_prepare_v2(store_db(st), "SELECT id FROM sms_in WHERE status = 'new' ORDER BY id",
	    -1, &s, NULL) != SQLITE_OK)
		abort();
	while (sqlite3_step(s) == SQLITE_ROW && n < (int)(sizeof ids / sizeof ids[0]))
		ids[n++] = (long)sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	for (int i = 0; i < n; i++) {
		mc_error_clear(&err);
		rc = query_handle(st, ids[i], mc_minute_of(now), &reply, &err);
		check_closed("query_handle");
		FUZZ_CHECK(rc == MC_OK, "query_handle of row %ld: %s %s", ids[i], mc_codename(rc),
		    err.msg);
	}
	FUZZ_CHECK(count_of("SELECT count(*) FROM sms_in WHERE status = 'new'") == 0,
	    "a recorded message left unanswered");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mc_error err;
	char raw[64], body[3 * sizeof raw];
	size_t pos = 0, len;
	int parts = 0, n, rc;

	fuzz_sms_clear(st);
	while (parts < MAX_PARTS && pos + 6 <= size) {
		const uint8_t *h = data + pos;

		len = h[5] % 64;
		if (len > size - pos - 6)
			len = size - pos - 6;
		memcpy(raw, h + 6, len);
		raw[len < sizeof raw ? len : sizeof raw - 1] = '\0';
		utf8_repair(raw, body);
		pos += 6 + len;
		feed(h[0] & 3, (h[0] >> 2) & 1, h[1], 1 + h[2] % 8, h[3] % 10, times[h[4] % 4], raw,
		    body);
		parts++;
	}
	check_rows();
	mc_error_clear(&err);
	rc = smsq_parts_expire(st, now + 1, now, &n, &err);
	check_closed("smsq_parts_expire");
	FUZZ_CHECK(rc == MC_OK, "smsq_parts_expire: %s %s", mc_codename(rc), err.msg);
	FUZZ_CHECK(count_of("SELECT count(*) FROM sms_part") == 0, "parts left after expiry");
	check_rows();
	answer_all();
	for (int i = 0; i < MAX_PARTS; i++)
		key_clear(&keys[i]);
	fuzz_sms_integrity(st);
	return 0;
}
