/* catalog-admin.c -- looking after the catalogue: its version, what an administrator
 * confirms, and what a dossier's intake recorded of it; see catalog.h.
 *
 * The version of an imported catalogue is the time of the import and a hash of the
 * file ("2026-03-02 09:00 3fa0c1d2", made by catalog-import.c), kept in the setting
 * catalog.version, with the file's name in catalog.source; the province's hub sets
 * its own through catalog_version_set().  dossier_intake() copies the version into the received
 * event's payload ("catalog"), with the procedure's flags still to verify then
 * ("verify": "time fee"), so a dossier says which catalogue it was received under
 * and whether its due date or fee came from a value nobody had confirmed.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "catalog.h"
#include "catalog-int.h"
#include "i18n.h"
#include "store.h"

#define VERSION_KEY "catalog.version"
#define SOURCE_KEY "catalog.source"

void
catalog_version(struct store *st, char version[64])
{
	char *v = store_setting(st, VERSION_KEY);

	snprintf(version, 64, "%s", v != NULL ? v : "");
	free(v);
}

int
catalog_version_set(struct store *st, const char *version, const char *source,
    struct mc_error *err)
{
	int rc;

	if (version == NULL || *version == '\0' || strlen(version) >= 64)
		return mc_fail(err, MC_EINVAL, _("a catalogue version is 1 to 63 bytes"));
	if ((rc = store_set_setting(st, VERSION_KEY, version, err)) != MC_OK)
		return rc;
	return store_set_setting(st, SOURCE_KEY, source != NULL ? source : "", err);
}

void
catalog_confirm_init(struct catalog_confirm *c)
{
	memset(c, 0, sizeof *c);
	c->time_value = -1;
	c->unit = TU_WORKING_DAYS;
	c->cutoff = -1;
	c->fee = -1;
	c->fee_online = -1;
}

/* Check c against what a procedure may hold; MC_OK or MC_EINVAL saying why. */
static int
confirm_check(const struct catalog_confirm *c, struct mc_error *err)
{
	if (c->time_value < 0 && c->fee < 0 && !c->documents)
		return mc_fail(err, MC_EINVAL, _("nothing to confirm: give the time, the fee or the documents"));
	if (c->time_value > CAL_MAX_AMOUNT)
		return mc_fail(err, MC_EINVAL, _("the time must be a whole number from 0 to %d"),
		    CAL_MAX_AMOUNT);
	if (c->time_value >= 0 && ((int)c->unit < TU_WORKING_DAYS || (int)c->unit > TU_HOURS))
		return mc_fail(err, MC_EINVAL, _("unknown unit (working-days, days, same-day or hours)"));
	if (c->fee > FEE_MAX || c->fee_online > FEE_MAX)
		return mc_fail(err, MC_EINVAL, _("the fee must be an amount in dong from 0 to %ld"),
		    FEE_MAX);
	return MC_OK;
}

/* The UPDATE of one confirmation and its audit row (inside the transaction). */
static int
confirm_write(struct store *st, const struct procedure *p, const char *actor,
    struct mc_error *err)
{
	sqlite3_stmt *s;
	char verify[64], cutoff[16], detail[400], online[32];
	int rc;

	if ((rc = store_prepare(st, "UPDATE procedure SET time_value = ?2, time_unit = ?3, cutoff = ?4, "
	    "fee = ?5, fee_online = ?6, verify = ?7 WHERE code = ?1", &s, err)) != MC_OK)
		return rc;
	if (p->cutoff >= 0)
		snprintf(cutoff, sizeof cutoff, "%02d:%02d", p->cutoff / 60, p->cutoff % 60);
	sqlite3_bind_text(s, 1, p->code, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, p->time_value);
	sqlite3_bind_text(s, 3, time_unit_name(p->unit), -1, SQLITE_STATIC);
	store_bind_text(s, 4, p->cutoff >= 0 ? cutoff : NULL);
	sqlite3_bind_int64(s, 5, p->fee);
	if (p->fee_online >= 0)
		sqlite3_bind_int64(s, 6, p->fee_online);
	else
		sqlite3_bind_null(s, 6);
	sqlite3_bind_text(s, 7, catalog_verify_words(p->verify, verify, sizeof verify), -1,
	    SQLITE_TRANSIENT);
	if ((rc = store_step_done(st, s, err)) != MC_OK)
		return rc;
	if (p->fee_online >= 0)
		snprintf(online, sizeof online, "%ld", p->fee_online);
	else
		snprintf(online, sizeof online, "same");
	snprintf(detail, sizeof detail, "%s: time %d %s%s%s; fee %ld, online %s; still to verify: %s",
	    p->code, p->time_value, time_unit_name(p->unit), p->cutoff >= 0 ? " cut-off " : "",
	    p->cutoff >= 0 ? cutoff : "", p->fee, online, verify[0] != '\0' ? verify : "nothing");
	return audit_log(st, actor, "catalog.confirm", detail, err);
}

int
catalog_confirm(struct store *st, const char *code, const struct catalog_confirm *c,
    const char *actor, struct mc_error *err)
{
	struct procedure p;
	int rc;

	if ((rc = confirm_check(c, err)) != MC_OK)
		return rc;
	if ((rc = store_begin(st, err)) != MC_OK)
		return rc;
	if ((rc = catalog_get(st, code, &p, err)) != MC_OK)
		goto out;
	if (c->time_value >= 0) {
		p.unit = c->unit;
		p.time_value = c->unit == TU_SAME_DAY ? 0 : c->time_value;
		p.cutoff = c->unit == TU_SAME_DAY ? c->cutoff : -1;
		p.verify &= ~CATALOG_VERIFY_TIME;
	}
	if (c->fee >= 0) {
		p.fee = c->fee;
		p.fee_online = c->fee_online >= 0 && c->fee_online != c->fee ? c->fee_online : -1;
		p.verify &= ~CATALOG_VERIFY_FEE;
	}
	if (c->documents)
		p.verify &= ~CATALOG_VERIFY_DOCS;
	if ((rc = confirm_write(st, &p, actor != NULL ? actor : "", err)) == MC_OK)
		rc = store_commit(st, err);
out:
	if (rc != MC_OK)
		store_rollback(st);
	procedure_free(&p);
	return rc;
}

int
catalog_dossier_info(struct store *st, const char *dossier_code, char version[64],
    int *verify, struct mc_error *err)
{
	sqlite3_stmt *s;
	int rc;

	version[0] = '\0';
	*verify = 0;
	if ((rc = store_prepare(st, "SELECT json_extract(payload, '$.catalog'), "
	    "json_extract(payload, '$.verify') FROM dossier_event "
	    "WHERE code = ?1 AND kind IN ('received', 'registered') ORDER BY seq LIMIT 1",
	    &s, err)) != MC_OK)
		return rc;
	sqlite3_bind_text(s, 1, dossier_code, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		store_col_copy(s, 0, version, 64);
		if ((*verify = catalog_verify_parse(store_col_text(s, 1))) < 0)
			*verify = 0;
	}
	return store_reset(st, s, rc, err);
}
