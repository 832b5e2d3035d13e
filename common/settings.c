/* settings.c -- the table of office settings an administrator changes, the checks of
 * their values, and settings_set(), which stores one with its audit row; see
 * settings.h.  The working week and hours are checked by calendar_configure(), the
 * printer's name by paper_printer_name_ok(): one rule, one place.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "calendar.h"
#include "i18n.h"
#include "paper.h"
#include "settings.h"
#include "store.h"
#include "text.h"
#include "textlimit.h"

#define TEXT_OF(n) #n
#define NUMBER_TEXT(n) TEXT_OF(n)
#define LOCK_AFTER_TEXT NUMBER_TEXT(AUTH_LOCK_AFTER)	/* "10" */
#define PLACE_MAX_BYTES 60	/* the place of the forms' date line */

/* ---- the checks ---- */

/* One line of text (NFC), at most LIMIT_NAME; empty allowed when may_be_empty. */
static int
check_line(const char *v, char *out, int may_be_empty, struct mc_error *err)
{
	char *nfc;

	if (*v == '\0' && !may_be_empty)
		return mc_fail(err, MC_EINVAL, _("this cannot be empty"));
	if (!text_storable(v, TEXT_LINE))
		return mc_fail(err, MC_EINVAL, _("this must be one line of text"));
	if ((nfc = text_nfc(v)) == NULL)
		return mc_fail(err, MC_ENOMEM, NULL);
	if (strlen(nfc) > LIMIT_NAME) {
		free(nfc);
		return mc_fail(err, MC_EINVAL, _("this is too long (at most %d bytes)"), LIMIT_NAME);
	}
	snprintf(out, SETTING_VALUE_MAX, "%s", nfc);
	free(nfc);
	return MC_OK;
}

static int
check_name(const char *v, char *out, struct mc_error *err)
{
	return check_line(v, out, 0, err);
}

static int
check_optional_line(const char *v, char *out, struct mc_error *err)
{
	return check_line(v, out, 1, err);
}

/* v without its spaces into out; MC_EINVAL when it does not fit. */
static int
squeeze(const char *v, char *out, struct mc_error *err)
{
	size_t n = 0;

	for (; *v != '\0'; v++) {
		if (*v == ' ')
			continue;
		if (n == SETTING_VALUE_MAX - 1)
			return mc_fail(err, MC_EINVAL, _("this is too long"));
		out[n++] = *v;
	}
	out[n] = '\0';
	return MC_OK;
}

/* Week, hours or cut-off (which: 0, 1, 2) as calendar_configure() accepts them. */
static int
check_calendar(const char *v, char *out, int which, struct mc_error *err)
{
	struct calendar cal;
	int rc;

	if ((rc = squeeze(v, out, err)) != MC_OK)
		return rc;
	calendar_default(&cal);
	rc = calendar_configure(&cal, which == 0 ? out : NULL, which == 1 ? out : NULL,
	    which == 2 ? out : NULL, err);
	calendar_free(&cal);
	return rc;
}

static int
check_week(const char *v, char *out, struct mc_error *err)
{
	return check_calendar(v, out, 0, err);
}

static int
check_hours(const char *v, char *out, struct mc_error *err)
{
	return check_calendar(v, out, 1, err);
}

static int
check_cutoff(const char *v, char *out, struct mc_error *err)
{
	return check_calendar(v, out, 2, err);
}

/* A time of day as people write it: "7", "07:00", "7:30", "22h", "22h30";
 * minutes of the day or -1. */
static int
clock_parse(const char *s, size_t n)
{
	int h = 0, m = 0, digits = 0;
	size_t i = 0;

	while (i < n && isdigit((unsigned char)s[i]) && digits < 2) {
		h = h * 10 + (s[i++] - '0');
		digits++;
	}
	if (digits == 0 || h > 23)
		return -1;
	if (i < n && (s[i] == ':' || s[i] == 'h' || s[i] == 'H')) {
		i++;
		if (i < n) {
			if (n - i != 2 || !isdigit((unsigned char)s[i]) || !isdigit((unsigned char)s[i + 1]))
				return -1;
			m = (s[i] - '0') * 10 + (s[i + 1] - '0');
			i += 2;
		}
	}
	return i == n && m <= 59 ? h * 60 + m : -1;
}

/* "21:00-07:00" (across midnight or not), or off. */
static int
check_quiet(const char *v, char *out, struct mc_error *err)
{
	char s[SETTING_VALUE_MAX], *fold;
	const char *dash;
	int from, to, off;

	if ((fold = text_fold(v)) == NULL)
		return mc_fail(err, MC_EINVAL, _("this must be one line of text"));
	off = *fold == '\0' || strcmp(fold, "off") == 0 || strcmp(fold, "none") == 0 ||
	    strcmp(fold, "khong") == 0 || strcmp(fold, "tat") == 0;
	free(fold);
	if (off) {
		snprintf(out, SETTING_VALUE_MAX, "off");
		return MC_OK;
	}
	if (squeeze(v, s, err) != MC_OK || (dash = strchr(s, '-')) == NULL ||
	    (from = clock_parse(s, (size_t)(dash - s))) < 0 ||
	    (to = clock_parse(dash + 1, strlen(dash + 1))) < 0)
		return mc_fail(err, MC_EINVAL,
		    _("'%.40s' is not a range of hours like 21:00-07:00 (or off)"), v);
	if (from == to)
		return mc_fail(err, MC_EINVAL,
		    _("start and end are the same time; write off for none"));
	snprintf(out, SETTING_VALUE_MAX, "%02d:%02d-%02d:%02d", from / 60, from % 60, to / 60, to % 60);
	return MC_OK;
}

static int
check_printer(const char *v, char *out, struct mc_error *err)
{
	if (*v != '\0' && !paper_printer_name_ok(v))
		return mc_fail(err, MC_EINVAL,
		    _("'%.40s' is not a printer name: use letters, digits, - _ . @"),
		    v);
	snprintf(out, SETTING_VALUE_MAX, "%s", v);
	return MC_OK;
}

/* A count of failed logins: 0 (never lock) to 1000. */
static int
check_lock_after(const char *v, char *out, struct mc_error *err)
{
	char *end;
	long n = strtol(v, &end, 10);

	if (*v == '\0' || end == v || *end != '\0' || n < 0 || n > 1000)
		return mc_fail(err, MC_EINVAL,
		    _("'%.40s' is not a number of failed logins from 0 (never lock) to 1000"), v);
	snprintf(out, SETTING_VALUE_MAX, "%ld", n);
	return MC_OK;
}

/* The place named on the forms' date line (Nghị định 30/2020): the name of the
 * commune or ward, as "Tân Lập" in "Tân Lập, ngày 07 tháng 12 năm 2026".  One line, no
 * comma (the line puts one after it), no digits alone, at most PLACE_MAX_BYTES. */
static int
check_place(const char *v, char *out, struct mc_error *err)
{
	const char *p;
	int rc, letters = 0;

	if ((rc = check_line(v, out, 1, err)) != MC_OK)
		return rc;
	if (strlen(out) > PLACE_MAX_BYTES)
		return mc_fail(err, MC_EINVAL, _("this is too long (at most %d bytes)"), PLACE_MAX_BYTES);
	if (strpbrk(out, ",;:") != NULL)
		return mc_fail(err, MC_EINVAL,
		    _("the place is one name, like Tân Lập, without commas (the date follows it)"));
	for (p = out; *p != '\0'; p++)
		letters += !isdigit((unsigned char)*p) && *p != ' ' && *p != '.' && *p != '-';
	if (*out != '\0' && letters == 0)
		return mc_fail(err, MC_EINVAL, _("the place is a name, like Tân Lập or Phường 3"));
	return MC_OK;
}

/* Keep the office table's row in step with office.name. */
static int
also_office_row(struct store *st, const char *value, struct mc_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = store_prepare(st, "UPDATE office SET name = ?2 WHERE code = ?1",
	    &s, err)) != MC_OK)
		return rc;
	sqlite3_bind_text(s, 1, store_office(st), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, value, -1, SQLITE_STATIC);
	return store_step_done(st, s, err);
}

/* ---- the table ---- */

static const struct setting_choice languages[] = {
	{ "vi", N_("Vietnamese"), "vietnamese|tieng viet|viet" },
	{ "en", N_("English"), "english|tieng anh|anh" },
	{ NULL, NULL, NULL },
};

static const struct setting_choice plain[] = {
	{ "0", N_("no: with accents"), "no|n|false|off|khong|k" },
	{ "1", N_("yes: without accents, for old printers"), "yes|y|true|on|co|c" },
	{ NULL, NULL, NULL },
};

static const struct setting_choice paper_sets[] = {
	{ "2018", N_("2018: Circular 01/2018/TT-VPCP (forms 01-05, stop notice 07)"), "01/2018|tt01" },
	{ "2025", N_("2025: the 2025 circular's numbering, not yet confirmed (doc/forms.md)"), "03/2025|tt03" },
	{ NULL, NULL, NULL },
};

static const struct setting_choice paper_formats[] = {
	{ "pdf", N_("PDF, A4 (Decree 30/2020 format)"), "a4" },
	{ "text", N_("text, 80 columns (line printers)"), "txt|plain|van ban" },
	{ NULL, NULL, NULL },
};

static const struct setting_choice accents[] = {
	{ "no", N_("no: without accents, 160 characters a part"), "n|0|false|off|khong|k" },
	{ "yes", N_("yes: with accents (UCS-2), 70 characters a part"), "y|1|true|on|co|c" },
	{ NULL, NULL, NULL },
};

const struct setting_def settings_table[] = {
	{ .key = "office.name", .label = N_("Office name"),
	  .hint = N_("as it is printed on the forms"), .dflt = "", .text = 1,
	  .check = check_name, .also = also_office_row },
	{ .key = "office.address", .label = N_("Office address"),
	  .hint = N_("SMS notices tell citizens where to come; may be empty"), .dflt = "", .text = 1,
	  .check = check_optional_line },
	{ .key = "language", .label = N_("Language"),
	  .hint = N_("vi (Vietnamese) or en (English)"), .dflt = "vi", .choices = languages },
	{ .key = "week", .label = N_("Working days"),
	  .hint = N_("1 = Monday ... 7 = Sunday, like 1,2,3,4,5 or 1-5"), .dflt = "1,2,3,4,5",
	  .check = check_week },
	{ .key = "hours", .label = N_("Office hours"),
	  .hint = N_("like 07:00-11:30,13:30-17:00"), .dflt = "07:00-11:30,13:30-17:00",
	  .check = check_hours },
	{ .key = "sameday.cutoff", .label = N_("Same-day cut-off"),
	  .hint = N_("same-day dossiers received later are due the next working day"),
	  .dflt = "15:00", .check = check_cutoff },
	{ .key = "sms.quiet", .label = N_("SMS quiet hours"),
	  .hint = N_("like 21:00-07:00 (only replies to citizens go out then), or off"),
	  .dflt = "21:00-07:00", .check = check_quiet },
	{ .key = "sms.accents", .label = N_("SMS with accents"),
	  .hint = N_("yes or no"), .dflt = "no", .choices = accents },
	{ .key = "printer", .label = N_("Printer"),
	  .hint = N_("the CUPS printer name, as 'lpstat -p' lists it; empty for none"), .dflt = "",
	  .check = check_printer },
	{ .key = "office.place", .label = N_("Place on forms"),
	  .hint = N_("the place of the forms' date line, like Tân Lập (Tân Lập, ngày 07 tháng 12 năm 2026)"),
	  .dflt = "", .text = 1, .check = check_place },
	{ .key = "paper.format", .label = N_("Forms as"),
	  .hint = N_("pdf (A4, for CUPS) or text (80 columns, for line printers)"), .dflt = "pdf",
	  .choices = paper_formats },
	{ .key = "paper.plain", .label = N_("Forms without accents"),
	  .hint = N_("yes for a printer that cannot print Vietnamese, else no (text forms)"), .dflt = "0",
	  .choices = plain },
	{ .key = "paper.set", .label = N_("Set of forms"),
	  .hint = N_("2018 or 2025: which circular's numbering and titles the forms follow"),
	  .dflt = "2018", .choices = paper_sets },
	{ .key = "paper.templates", .label = N_("Folder of form templates"),
	  .hint = N_("a folder holding the sets of form templates; empty: the ones installed"),
	  .dflt = "", .check = check_optional_line },
	{ .key = "paper.dir", .label = N_("Folder for issued forms"),
	  .hint = N_("folder for printed forms; empty: 'forms' beside the database"),
	  .dflt = "", .check = check_optional_line },
	{ .key = "login.lock_after", .label = N_("Lock after failed logins"),
	  .hint = N_("failed logins in a row that lock an account until an administrator unlocks it; 0: never"),
	  .dflt = LOCK_AFTER_TEXT, .check = check_lock_after },
	{ .key = NULL },
};

/* ---- the functions ---- */

const struct setting_def *
settings_find(const char *key)
{
	const struct setting_def *d;

	for (d = settings_table; key != NULL && d->key != NULL; d++)
		if (strcmp(d->key, key) == 0)
			return d;
	return NULL;
}

char *
settings_get(struct store *st, const struct setting_def *d)
{
	char *v = store_setting(st, d->key);

	return v != NULL ? v : strdup(d->dflt != NULL ? d->dflt : "");
}

const char *
settings_show(const struct setting_def *d, const char *value)
{
	const struct setting_choice *c;

	for (c = d->choices; c != NULL && c->value != NULL; c++)
		if (strcmp(c->value, value) == 0)
			return _(c->label);
	return value;
}

/* Does the folded word equal one of the '|'-separated spellings of also? */
static int
spelled(const char *also, const char *word)
{
	size_t n = strlen(word);
	const char *p = also;

	while (p != NULL && *p != '\0') {
		if (strncmp(p, word, n) == 0 && (p[n] == '|' || p[n] == '\0'))
			return 1;
		p = strchr(p, '|');
		if (p != NULL)
			p++;
	}
	return 0;
}

static int
check_choice(const struct setting_def *d, const char *v, char *out, struct mc_error *err)
{
	const struct setting_choice *c;
	char *fold = text_fold(v);

	for (c = d->choices; fold != NULL && c->value != NULL; c++)
		if (strcmp(fold, c->value) == 0 || spelled(c->also, fold)) {
			snprintf(out, SETTING_VALUE_MAX, "%s", c->value);
			free(fold);
			return MC_OK;
		}
	free(fold);
	return mc_fail(err, MC_EINVAL, _("'%.40s' is not allowed here: %s"), v, _(d->hint));
}

int
settings_check(const char *key, const char *value, char out[SETTING_VALUE_MAX],
    struct mc_error *err)
{
	const struct setting_def *d = settings_find(key);
	char v[SETTING_VALUE_MAX];
	struct mc_error why;
	size_t len;
	int rc;

	if (d == NULL)
		return mc_fail(err, MC_EINVAL, _("there is no setting '%.60s'"), key != NULL ? key : "");
	if (value == NULL)
		value = "";
	while (*value == ' ' || *value == '\t')
		value++;
	if ((len = strlen(value)) >= sizeof v && d->text) {
		mc_fail(&why, MC_EINVAL, _("this is too long (at most %d bytes)"), LIMIT_NAME);
		return mc_fail(err, MC_EINVAL, "%s: %s", _(d->label), mc_message(&why));
	}
	if (len >= sizeof v)
		return mc_fail(err, MC_EINVAL, _("%s: the value is too long"), _(d->label));
	memcpy(v, value, len + 1);
	while (len > 0 && (v[len - 1] == ' ' || v[len - 1] == '\t'))
		v[--len] = '\0';
	mc_error_clear(&why);
	rc = d->choices != NULL ? check_choice(d, v, out, &why) : d->check(v, out, &why);
	if (rc != MC_OK)
		return mc_fail(err, rc, "%s: %s", _(d->label), mc_message(&why));
	return MC_OK;
}

int
settings_set(struct store *st, const char *key, const char *value, const char *actor,
    char out[SETTING_VALUE_MAX], struct mc_error *err)
{
	const struct setting_def *d = settings_find(key);
	char v[SETTING_VALUE_MAX], detail[SETTING_VALUE_MAX + 64], *now;
	int rc, same;

	if ((rc = settings_check(key, value, v, err)) != MC_OK)
		return rc;
	if (out != NULL)
		snprintf(out, SETTING_VALUE_MAX, "%s", v);
	if ((rc = store_begin(st, err)) != MC_OK)
		return rc;
	if ((now = settings_get(st, d)) == NULL) {
		store_rollback(st);
		return mc_fail(err, MC_ENOMEM, NULL);
	}
	same = strcmp(now, v) == 0;
	free(now);
	if (same) {
		store_rollback(st);
		return MC_OK;
	}
	snprintf(detail, sizeof detail, "%s=%s", key, v);
	if ((rc = store_set_setting(st, key, v, err)) != MC_OK ||
	    (d->also != NULL && (rc = d->also(st, v, err)) != MC_OK) ||
	    (rc = audit_log(st, actor, "setting", detail, err)) != MC_OK ||
	    (rc = store_commit(st, err)) != MC_OK) {
		store_rollback(st);
		return rc;
	}
	return MC_OK;
}
