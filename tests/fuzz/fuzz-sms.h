/* fuzz-sms.h -- what the SMS targets (fuzz-smsparts.c, fuzz-smsdecode.c) share: a store
 * set up as a working office, emptied of SMS before each input, and its integrity
 * checked now and then.  Include after fuzz.h; static inline, as fuzz.h.
 */
#ifndef MC_FUZZ_SMS_H
#define MC_FUZZ_SMS_H

#include "catalog.h"
#include "store.h"

#ifndef SRCDIR
#define SRCDIR "."
#endif

/* A new store in the scratch directory with the office, its name, the shipped SMS
 * templates and procedure catalogue, at 2026-03-02 09:00 ($MOTCUA_NOW); aborts when it
 * cannot be made (that is not the input's fault).  who names the target. */
static inline struct store *
fuzz_sms_store(const char *who)
{
	struct store *st = NULL;
	struct mc_error err;
	char path[600];
	int n;

	setenv("MOTCUA_NOW", "2026-03-02 09:00", 0);
	if (store_open(fuzz_scratch("fuzz.db", path, sizeof path), STORE_CREATE, &st, &err) != MC_OK ||
	    store_set_setting(st, "office.code", "000.17.22.H56", &err) != MC_OK ||
	    store_set_setting(st, "office.name", "UBND xã Tân Lập", &err) != MC_OK ||
	    store_set_setting(st, "sms.templates", SRCDIR "/data/templates/sms.csv", &err) != MC_OK ||
	    store_exec(st, "INSERT INTO office(code, name) VALUES ('000.17.22.H56', 'UBND xã Tân Lập')",
	    &err) != MC_OK ||
	    catalog_import(st, SRCDIR "/data/procedures.csv", "fuzz", &n, &err) != MC_OK) {
		fprintf(stderr, "%s: %s\n", who, mc_message(&err));
		abort();
	}
	return st;
}

/* Before each input: no SMS of the last one left. */
static inline void
fuzz_sms_clear(struct store *st)
{
	fuzz_sql(store_db(st), "DELETE FROM sms_part; DELETE FROM sms_in; DELETE FROM sms_out; "
	    "DELETE FROM sms_optout; DELETE FROM sms_throttle");
}

/* Every 256th call: PRAGMA integrity_check must say "ok". */
static inline void
fuzz_sms_integrity(struct store *st)
{
	static unsigned long calls;
	sqlite3_stmt *s;

	if (++calls % 256 != 0)
		return;
	if (sqlite3_prepare_v2(store_db(st), "PRAGMA integrity_check", -1, &s, NULL) != SQLITE_OK)
		abort();
	FUZZ_CHECK(sqlite3_step(s) == SQLITE_ROW &&
	    strcmp((const char *)sqlite3_column_text(s, 0), "ok") == 0,
	    "integrity_check: %s", (const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
}

#endif
