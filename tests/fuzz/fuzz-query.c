/* fuzz-query.c -- libFuzzer target: the citizen's SMS and USSD queries
 * (query_answer, query_ussd, query_apply; common/query.c) on arbitrary bytes.
 *
 * One store per process (fuzz.h), with the shipped catalogue and templates, an office,
 * and two dossiers of the phone 0912345678 (one being processed, one handed back).
 * The first byte of an input picks the channel (bit 0: USSD), the sender (bits 1-2:
 * the dossiers' phone, another phone, an operator's name, the phone in +84 form) and
 * whether to apply the effects (bit 3); the rest is the message.  What must hold:
 *  - MC_OK for every input, and either a deliberate silence (no text, a reason) or a
 *    reply: valid UTF-8, unaccented GSM-7, at most 3 SMS parts (USSD: "CON " or
 *    "END " and at most 182 characters, never silent);
 *  - a silence only for a sender that is no phone, an empty message or a blocked one;
 *  - privacy: a reply to another number never holds the applicant's name, ID number,
 *    address or the procedure's name;
 *  - query_answer and query_ussd write nothing (every table as before); query_apply
 *    succeeds, and the store is then put back as it was (this scratch store lets
 *    dossier_event rows be deleted for that).
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "dossier.h"
#include "fuzz.h"
#include "notice.h"
#include "query.h"
#include "store.h"

#ifndef SRCDIR
#define SRCDIR "."
#endif

/* The search index's own tables: rewritten when the store is put back, not by a query. */
#define FTS_TABLES "dossier_fts_data,dossier_fts_idx,dossier_fts_docsize,dossier_fts_config"

static struct store *st;
static struct fuzz_snapshot saved;
static mc_minute now;

static const char *const senders[] = { "0912345678", "0987654321", "VIETTEL", "+84912345678" };
/* What a stranger must never read (the applicant's data; the procedures' names). */
static const char *const secrets[] = { "Nguyen", "Van An", "001090012345", "Thon Dong",
	"hon nhan", "khai sinh" };

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
intake(const char *proc, char code[CODE_MAX])
{
	struct intake in = { .procedure = proc, .name = "Nguyễn Văn Ân", .idno = "001090012345",
	    .phone = "0912345678", .address = "Thôn Đông", .sms = 1, .received = MC_TIME_NONE };
	char codes[8][CODE_MAX];
	struct mc_error err;
	int n;

	if (dossier_intake(st, &in, "fuzz", codes, 8, &n, &err) != MC_OK) {
		fprintf(stderr, "fuzz-query: intake: %s\n", mc_message(&err));
		abort();
	}
	strcpy(code, codes[0]);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct event_args a;
	struct mc_error err;
	char path[600], code[CODE_MAX];
	int n;

	(void)argc;
	(void)argv;
	setenv("MOTCUA_NOW", "2026-03-02 09:00", 0);
	now = mc_now();
	if (store_open(fuzz_scratch("fuzz.db", path, sizeof path), STORE_CREATE, &st, &err) != MC_OK) {
		fprintf(stderr, "fuzz-query: %s\n", mc_message(&err));
		abort();
	}
	store_set_setting(st, "office.code", "000.17.22.H56", NULL);
	store_set_setting(st, "office.name", "UBND xã Tân Lập", NULL);
	store_set_setting(st, "sms.templates", SRCDIR "/data/templates/sms.csv", NULL);
	store_exec(st, "INSERT INTO office(code, name) VALUES ('000.17.22.H56', 'UBND xã Tân Lập')", NULL);
	if (catalog_import(st, SRCDIR "/data/procedures.csv", "fuzz", &n, &err) != MC_OK) {
		fprintf(stderr, "fuzz-query: %s\n", mc_message(&err));
		abort();
	}
	intake("1.004873", code);		/* 000.17.22.H56-260302-0001, processing */
	intake("1.001193", code);		/* ...-0002, handed back */
	event_args_init(&a);
	dossier_append(st, code, EV_RESULT_READY, &a, "fuzz", NULL);
	dossier_append(st, code, EV_RESULT_RETURNED, &a, "fuzz", NULL);
	/* A rating appends an event; putting the store back must be able to remove it. */
	store_exec(st, "DROP TRIGGER dossier_event_no_delete", NULL);
	fuzz_snapshot_take(store_db(st), &saved);
	fuzz_store_save(store_db(st), &saved);
	return 0;
}

static void
check_reply(const struct query_reply *r, int ussd, const char *input)
{
	struct notice_size z;
	size_t i;

	FUZZ_CHECK(memchr(r->text, '\0', sizeof r->text) != NULL, "text not terminated");
	FUZZ_CHECK(memchr(r->why, '\0', sizeof r->why) != NULL, "why not terminated");
	FUZZ_CHECK((unsigned)r->kind < QUERY_NKINDS, "kind %d", r->kind);
	if (r->silent) {
		FUZZ_CHECK(!ussd, "a USSD session left unanswered for %s", fuzz_quote(input));
		FUZZ_CHECK(r->text[0] == '\0', "a silence with a text: %s", fuzz_quote(r->text));
		FUZZ_CHECK(r->why[0] != '\0', "a silence without a reason for %s", fuzz_quote(input));
		FUZZ_CHECK(r->kind == QUERY_EMPTY || r->kind == QUERY_NOT_PHONE ||
		    r->kind == QUERY_BLOCKED, "silent %s for %s", query_kind_name(r->kind),
		    fuzz_quote(input));
		return;
	}
	FUZZ_CHECK(r->text[0] != '\0', "an empty reply (%s) to %s", query_kind_name(r->kind),
	    fuzz_quote(input));
	FUZZ_CHECK(fuzz_utf8_valid(r->text, strlen(r->text), 0), "reply not UTF-8: %s",
	    fuzz_quote(r->text));
	notice_measure(r->text, &z);
	FUZZ_CHECK(!z.ucs2, "reply not GSM-7: %s", fuzz_quote(r->text));
	if (ussd) {
		FUZZ_CHECK(strncmp(r->text, "CON ", 4) == 0 || strncmp(r->text, "END ", 4) == 0,
		    "USSD answer %s", fuzz_quote(r->text));
		FUZZ_CHECK(z.units <= QUERY_USSD_MAX, "USSD screen of %d characters", z.units);
	} else
		FUZZ_CHECK(z.parts <= 3, "reply of %d parts: %s", z.parts, fuzz_quote(r->text));
	if (!r->owner)
		for (i = 0; i < sizeof secrets / sizeof secrets[0]; i++)
			FUZZ_CHECK(strstr(r->text, secrets[i]) == NULL || r->kind == QUERY_INFO ||
			    r->kind == QUERY_HELP || r->kind == QUERY_UNCLEAR || r->kind == QUERY_MENU,
			    "a stranger reads '%s' in %s (%s) for %s", secrets[i], fuzz_quote(r->text),
			    query_kind_name(r->kind), fuzz_quote(input));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_snapshot after;
	struct query_reply r;
	struct mc_error err;
	const char *table;
	char *text;
	int rc, ussd;

	if (size < 1)
		return 0;
	ussd = data[0] & 1;
	text = fuzz_cstr(data + 1, size - 1);
	mc_error_clear(&err);
	if (ussd)
		rc = query_ussd(st, senders[(data[0] >> 1) & 3], text, now, &r, &err);
	else
		rc = query_answer(st, senders[(data[0] >> 1) & 3], text, now, &r, &err);
	FUZZ_CHECK(rc == MC_OK, "query of %s: %s %s", fuzz_quote(text), mc_codename(rc), err.msg);
	check_reply(&r, ussd, text);
	fuzz_snapshot_take(store_db(st), &after);
	table = fuzz_snapshot_diff(&saved, &after, FTS_TABLES);
	FUZZ_CHECK(table == NULL, "answering %s changed table %s", fuzz_quote(text), table);
	if (data[0] & 8) {
		rc = query_apply(st, &r, now, &err);
		FUZZ_CHECK(rc == MC_OK, "query_apply after %s: %s %s", fuzz_quote(text),
		    mc_codename(rc), err.msg);
		FUZZ_CHECK(sqlite3_get_autocommit(store_db(st)), "a transaction left open");
		fuzz_snapshot_take(store_db(st), &after);
		if (fuzz_snapshot_diff(&saved, &after, NULL) != NULL)
			fuzz_store_restore(store_db(st), &saved, &after);
	}
	free(text);
	return 0;
}
