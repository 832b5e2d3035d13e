/* syncq-res.c -- what the province publishes, applied to an office's store (and checked
 * on the hub before it is published): the catalogue, the holidays, the SMS templates and
 * the settings the province may set (doc/sync-api.md, "GET /v1/resources/NAME").
 *
 * Each resource is applied all or nothing by the import that already exists for it
 * (catalog_import, holiday_import); the templates are written beside the store and
 * put in force by the setting sms.templates only once they load; the settings are
 * each checked (common/settings.c) and written in one transaction.  The resource's
 * ETag is recorded (setting sync.etag.NAME) after it is in force: a run stopped in
 * between applies it again next time, which changes nothing.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "auth.h"
#include "calendar.h"
#include "catalog.h"
#include "i18n.h"
#include "notice.h"
#include "settings.h"
#include "store.h"
#include "syncq.h"
#include "text.h"

#define TEMPLATES_FILE	"province-sms.csv"

/* The settings a province may set for its offices; the others are each office's. */
static const char *const province_keys[] = {
	"week", "hours", "sameday.cutoff", "sms.quiet", "sms.accents", NULL,
};

static int
province_key(const char *key)
{
	int i;

	for (i = 0; province_keys[i] != NULL; i++)
		if (strcmp(province_keys[i], key) == 0)
			return 1;
	return 0;
}

int
syncq_settings_check(const char *text, size_t n, struct mc_error *err)
{
	char out[SETTING_VALUE_MAX];
	const char *key;
	json_t *o = json_loadb(text, n, JSON_REJECT_DUPLICATES, NULL), *v;
	int rc = MC_OK;

	if (!json_is_object(o)) {
		json_decref(o);
		return mc_fail(err, MC_EINVAL, _("the province's settings are not a JSON object"));
	}
	json_object_foreach(o, key, v) {
		if (!province_key(key))
			rc = mc_fail(err, MC_EINVAL, _("the province may not set '%s' (only week, hours, sameday.cutoff, sms.quiet, sms.accents)"), key);
		else if (!json_is_string(v))
			rc = mc_fail(err, MC_EINVAL, _("the province's setting %s is not text"), key);
		else
			rc = settings_check(key, json_string_value(v), out, err);
		if (rc != MC_OK)
			break;
	}
	json_decref(o);
	return rc;
}

/* Each setting checked, all written in one transaction with an audit row. */
static int
apply_settings(struct store *st, const char *text, size_t n, const char *etag,
    struct mc_error *err)
{
	char out[SETTING_VALUE_MAX];
	const char *key;
	json_t *o;
	json_t *v;
	int rc;

	if ((rc = syncq_settings_check(text, n, err)) != MC_OK)
		return rc;
	o = json_loadb(text, n, 0, NULL);
	if ((rc = store_begin(st, err)) != MC_OK) {
		json_decref(o);
		return rc;
	}
	json_object_foreach(o, key, v) {
		if ((rc = settings_check(key, json_string_value(v), out, err)) != MC_OK ||
		    (rc = store_set_setting(st, key, out, err)) != MC_OK)
			break;
	}
	if (rc == MC_OK)
		rc = audit_log(st, "motcua-sync", "province-settings", etag, err);
	if (rc == MC_OK)
		rc = store_set_setting(st, "sync.etag.settings", etag, err);
	json_decref(o);
	if (rc != MC_OK) {
		store_rollback(st);
		return rc;
	}
	return store_commit(st, err);
}

/* Write body to path (0640), on disk before it returns. */
static int
write_file(const char *path, const char *body, size_t n, struct mc_error *err)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
	size_t done = 0;
	ssize_t k;

	if (fd < 0)
		return mc_fail(err, MC_EIO, _("cannot write %s: %s"), path, strerror(errno));
	fchmod(fd, 0640);
	while (done < n) {
		if ((k = write(fd, body + done, n - done)) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		done += (size_t)k;
	}
	if (done < n || fsync(fd) != 0) {
		close(fd);
		unlink(path);
		return mc_fail(err, errno == ENOSPC ? MC_EFULL : MC_EIO, _("cannot write %s: %s"),
		    path, strerror(errno));
	}
	return close(fd) == 0 ? MC_OK : mc_fail(err, MC_EIO, _("cannot write %s: %s"), path, strerror(errno));
}

/* The folder of the store, into dir (n bytes). */
static void
store_dir(struct store *st, char *dir, size_t n)
{
	const char *slash;

	snprintf(dir, n, "%s", store_path(st));
	if ((slash = strrchr(dir, '/')) != NULL)
		dir[slash - dir] = '\0';
	else
		snprintf(dir, n, ".");
}

/* The templates: written beside the store, in force once they load. */
static int
apply_templates(struct store *st, const char *body, size_t n, const char *etag,
    struct mc_error *err)
{
	struct notice_style style;
	char dir[4096], tmp[4200], final[4200], *text = NULL;
	int rc;

	store_dir(st, dir, sizeof dir);
	snprintf(tmp, sizeof tmp, "%s/.%s.new", dir, TEMPLATES_FILE);
	snprintf(final, sizeof final, "%s/%s", dir, TEMPLATES_FILE);
	if ((rc = write_file(tmp, body, n, err)) != MC_OK)
		return rc;
	/* Load them from the new file before anyone uses them. */
	if ((rc = store_begin(st, err)) != MC_OK)
		goto out;
	if ((rc = store_set_setting(st, "sms.templates", tmp, err)) == MC_OK) {
		notice_templates_reset();
		notice_style_get(st, &style);
		rc = notice_template(st, &style, "received", &text, err);
		free(text);
	}
	store_rollback(st);
	notice_templates_reset();
	if (rc != MC_OK)
		goto out;
	if (rename(tmp, final) != 0) {
		rc = mc_fail(err, MC_EIO, _("cannot write %s: %s"), final, strerror(errno));
		goto out;
	}
	if ((rc = store_begin(st, err)) != MC_OK)
		return rc;
	if ((rc = store_set_setting(st, "sms.templates", final, err)) != MC_OK ||
	    (rc = store_set_setting(st, "sync.etag.templates", etag, err)) != MC_OK) {
		store_rollback(st);
		return rc;
	}
	return store_commit(st, err);
out:
	unlink(tmp);
	return rc;
}

/* The catalogue or the holidays: through their import, from a file. */
static int
apply_import(struct store *st, const char *name, const char *body, size_t n, const char *etag,
    struct mc_error *err)
{
	char dir[4096], tmp[4200], key[64];
	int rc, count;

	store_dir(st, dir, sizeof dir);
	snprintf(tmp, sizeof tmp, "%s/.province-%s.csv", dir, name);
	if ((rc = write_file(tmp, body, n, err)) != MC_OK)
		return rc;
	rc = strcmp(name, "catalog") == 0 ? catalog_import(st, tmp, "motcua-sync", &count, err) :
	    holiday_import(st, tmp, "motcua-sync", &count, err);
	unlink(tmp);
	snprintf(key, sizeof key, "sync.etag.%s", name);
	return rc != MC_OK ? rc : store_set_setting(st, key, etag, err);
}

int
syncq_apply_resource(struct store *st, const char *name, const char *body, size_t n,
    const char *etag, struct mc_error *err)
{
	if (!text_valid(body, n))
		return mc_fail(err, MC_EUTF8, _("the province's %s is not valid UTF-8 text"), name);
	if (strcmp(name, "catalog") == 0 || strcmp(name, "holidays") == 0)
		return apply_import(st, name, body, n, etag, err);
	if (strcmp(name, "templates") == 0)
		return apply_templates(st, body, n, etag, err);
	if (strcmp(name, "settings") == 0)
		return apply_settings(st, body, n, etag, err);
	return mc_fail(err, MC_EINVAL, _("unknown resource %s"), name);
}
