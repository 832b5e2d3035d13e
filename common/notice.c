/* notice.c -- SMS templates, rendering, GSM-7/UCS-2 sizes, the outgoing queue and the
 * notices an appended dossier event queues; see notice.h.
 *
 * The template file is read once and kept (keyed by its path, size and time stamp);
 * rendering is plain substitution of {name} placeholders, then, for the unaccented
 * style, one pass that makes the whole text GSM-7.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "calendar.h"
#include "catalog.h"
#include "csv.h"
#include "dossier.h"
#include "i18n.h"
#include "names.h"
#include "notice.h"
#include "smsq.h"
#include "store.h"
#include "text.h"

#define VALUE_MAX 400		/* bytes of one placeholder value */

static const char *const kind_names[NOTICE_NKINDS] = { "reply", "notice", "reminder", "bulk" };
static const int default_parts[NOTICE_NKINDS] = { 3, 3, 2, 2 };

const char *
notice_kind_name(enum notice_kind k)
{
	return mc_name(kind_names, NOTICE_NKINDS, (int)k);
}

int
notice_kind_parse(const char *s)
{
	return mc_name_parse(kind_names, NOTICE_NKINDS, s, 0);
}

/* ---------------------------------------------------------------- UTF-8 */

/* A well-formed copy of s: malformed bytes become '?', control characters but LF
 * and CR a space.  NULL: no memory. */
static char *
utf8_clean(const char *s)
{
	struct text_buf b = { 0 };
	int32_t cp;
	int k;

	for (; *s != '\0'; s += k) {
		if ((k = text_next(s, SIZE_MAX, &cp)) < 0) {
			text_buf_add(&b, "?");
			k = 1;
		} else if ((cp < 0x20 && cp != '\n' && cp != '\r') || cp == 0x7F)
			text_buf_add(&b, " ");
		else
			text_buf_addn(&b, s, (size_t)k);
	}
	return text_buf_take(&b);
}

/* ---------------------------------------------------------------- GSM 03.38 */

/* The basic table's characters outside printable ASCII. */
static const uint16_t gsm_basic[] = {
	0x00A3, 0x00A5, 0x00E8, 0x00E9, 0x00F9, 0x00EC, 0x00F2, 0x00C7, 0x00D8, 0x00F8,
	0x00C5, 0x00E5, 0x0394, 0x03A6, 0x0393, 0x039B, 0x03A9, 0x03A0, 0x03A8, 0x03A3,
	0x0398, 0x039E, 0x00C6, 0x00E6, 0x00DF, 0x00C9, 0x00A4, 0x00A1, 0x00C4, 0x00D6,
	0x00D1, 0x00DC, 0x00A7, 0x00BF, 0x00E4, 0x00F6, 0x00F1, 0x00FC, 0x00E0,
};

int
notice_gsm7_char(uint32_t cp)
{
	size_t i;

	if (cp == '\n' || cp == '\r')
		return 1;
	if (cp == 0x0C || cp == 0x20AC || (cp < 0x80 && strchr("^{}\\[]~|", (int)cp) != NULL && cp != 0))
		return 2;
	if (cp >= 0x20 && cp < 0x7F)
		return cp == '`' ? 0 : 1;
	for (i = 0; i < sizeof gsm_basic / sizeof gsm_basic[0]; i++)
		if (gsm_basic[i] == cp)
			return 1;
	return 0;
}

/* The weight of character cp in its encoding: UCS-2 units or GSM-7 septets. */
static int
weight_of(int32_t cp, int ucs2)
{
	if (ucs2)
		return cp >= 0x10000 ? 2 : 1;
	return notice_gsm7_char((uint32_t)cp) == 2 ? 2 : 1;
}

/* Parts are counted greedily: a character never straddles two parts. */
void
notice_measure(const char *text, struct notice_size *out)
{
	const char *p = text != NULL ? text : "";
	int32_t cp;
	int k, single, multi, used, weight;

	memset(out, 0, sizeof *out);
	for (; *p != '\0'; p += k)	/* does GSM-7 carry every character? */
		if ((k = text_next(p, SIZE_MAX, &cp)) < 0 || notice_gsm7_char((uint32_t)cp) == 0) {
			out->ucs2 = 1;
			break;
		}
	single = out->ucs2 ? 70 : 160;
	multi = out->ucs2 ? 67 : 153;
	out->parts = 1;
	used = 0;
	for (p = text != NULL ? text : ""; *p != '\0'; p += k) {
		if ((k = text_next(p, SIZE_MAX, &cp)) < 0)
			k = 1;		/* a stray byte: one U+FFFD */
		weight = weight_of(cp, out->ucs2);
		out->chars++;
		out->units += weight;
		if (used + weight > multi) {
			out->parts++;
			used = 0;
		}
		used += weight;
	}
	if (out->units <= single)
		out->parts = 1;
}

/* The nearest GSM-7 text for a character GSM-7 lacks. */
static const char *
gsm7_substitute(uint32_t cp)
{
	switch (cp) {
	case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x0060: case 0x00B4:
		return "'";
	case 0x201C: case 0x201D: case 0x201E: case 0x2033: case 0x00AB: case 0x00BB:
		return "\"";
	case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212:
	case 0x2022: case 0x00AD:
		return "-";
	case 0x2026:
		return "...";
	case 0x00A0: case 0x2002: case 0x2003: case 0x2007: case 0x2009: case 0x202F: case 0x3000:
	case '\t':
		return " ";
	case 0x00B7:
		return ".";
	case 0x00D7:
		return "x";
	case 0x00B0:
		return "o";
	default:
		return "?";
	}
}

char *
notice_gsm7(const char *text)
{
	struct text_buf b = { 0 };
	char *clean, *plain;
	const char *p;
	int32_t cp;
	int k;

	if ((clean = utf8_clean(text != NULL ? text : "")) == NULL)
		return NULL;
	plain = text_unaccent(clean);
	text_buf_add(&b, "");
	for (p = plain != NULL ? plain : clean; *p != '\0'; p += k) {
		if ((k = text_next(p, SIZE_MAX, &cp)) < 0) {	/* cannot happen after utf8_clean */
			k = 1;
			cp = '?';
		}
		if (notice_gsm7_char((uint32_t)cp) != 0)
			text_buf_addn(&b, p, (size_t)k);
		else if (cp >= 0x300 && cp < 0x370)
			;	/* a combining mark unaccenting left: drop it */
		else
			text_buf_add(&b, gsm7_substitute((uint32_t)cp));
	}
	free(plain);
	free(clean);
	return text_buf_take(&b);
}

char *
notice_fit(const char *text, int max_parts)
{
	struct notice_size z;
	size_t *starts, nchars = 0, lo, hi, mid, cut, i, n;
	int32_t cp;
	char *out;
	int k;

	if (text == NULL)
		text = "";
	notice_measure(text, &z);
	if (max_parts < 1)
		max_parts = 1;
	if (z.parts <= max_parts)
		return strdup(text);
	n = strlen(text);
	if ((starts = malloc((n + 1) * sizeof *starts)) == NULL ||
	    (out = malloc(n + 4)) == NULL) {
		free(starts);
		return NULL;
	}
	for (i = 0; i < n; i += (size_t)k) {
		starts[nchars++] = i;
		if ((k = text_next(text + i, n - i, &cp)) < 0)
			k = 1;
	}
	starts[nchars] = n;
	/* The longest prefix of characters that fits with "..." after it. */
	lo = 0;
	hi = nchars;
	while (lo < hi) {
		mid = (lo + hi + 1) / 2;
		memcpy(out, text, starts[mid]);
		memcpy(out + starts[mid], "...", 4);
		notice_measure(out, &z);
		if (z.parts <= max_parts)
			lo = mid;
		else
			hi = mid - 1;
	}
	cut = starts[lo];
	/* Back to the end of a word when one ends near. */
	for (i = cut; i > 0 && cut - i < 40 && text[i - 1] != ' '; i--)
		;
	if (i > 0 && cut - i < 40 && i < cut)
		cut = i;
	while (cut > 0 && strchr(" ,;:.-", text[cut - 1]) != NULL)
		cut--;
	memcpy(out, text, cut);
	memcpy(out + cut, "...", 4);
	free(starts);
	return out;
}

int
notice_max_parts(struct store *st, enum notice_kind k)
{
	char key[40];
	int v;

	if ((unsigned)k >= NOTICE_NKINDS)
		return 1;
	snprintf(key, sizeof key, "sms.max_parts.%s", kind_names[k]);
	v = store_setting_int(st, key, default_parts[k]);
	return v >= 1 && v <= 10 ? v : default_parts[k];
}

/* ---------------------------------------------------------------- templates */

enum { COL_VI, COL_VI_ACCENTS, COL_EN, NCOLS };
static const char *const col_names[NCOLS] = { "vi", "vi_accents", "en" };

struct tmpl {
	char *key;
	char *text[NCOLS];
};

static struct {
	char path[1024];
	time_t mtime;
	off_t size;
	struct tmpl *t;
	int n;
} cache;

void
notice_templates_reset(void)
{
	int i, c;

	for (i = 0; i < cache.n; i++) {
		free(cache.t[i].key);
		for (c = 0; c < NCOLS; c++)
			free(cache.t[i].text[c]);
	}
	free(cache.t);
	memset(&cache, 0, sizeof cache);
}

static void
templates_path(struct store *st, char *path, size_t n)
{
	char *v = store_setting(st, "sms.templates");
	const char *dir = getenv("MOTCUA_DATADIR");

	if (v != NULL && *v != '\0')
		snprintf(path, n, "%s", v);
	else if (dir != NULL && *dir != '\0')
		snprintf(path, n, "%s/data/templates/sms.csv", dir);
	else
		snprintf(path, n, "%s/data/templates/sms.csv", PKGDATADIR);
	free(v);
}

/* Read path into the cache unless it holds it already. */
static int
templates_load(const char *path, struct mc_error *err)
{
	struct stat sb;
	struct csv *c;
	struct tmpl *t = NULL, *nt;
	int rc, col[NCOLS], kcol, i, n = 0, cap = 0;

	if (stat(path, &sb) != 0)
		return mc_fail(err, MC_EIO, _("the SMS templates file %s cannot be read"), path);
	if (cache.t != NULL && strcmp(cache.path, path) == 0 && cache.mtime == sb.st_mtime &&
	    cache.size == sb.st_size)
		return MC_OK;
	if ((rc = csv_open_file(path, &c, err)) != MC_OK)
		return rc;
	if ((rc = csv_next(c, err)) != 1) {
		csv_close(c);
		return rc < 0 ? MC_ECSV : mc_fail(err, MC_ECSV, _("%s: the SMS templates file is empty"), path);
	}
	kcol = csv_column(c, "key");
	for (i = 0; i < NCOLS; i++)
		col[i] = csv_column(c, col_names[i]);
	if (kcol < 0 || col[COL_VI] < 0) {
		csv_close(c);
		return mc_fail(err, MC_ECSV, _("%s: the header must have the columns key and vi (and vi_accents, en)"), path);
	}
	while ((rc = csv_next(c, err)) == 1) {
		if (*csv_field(c, kcol) == '\0')
			continue;
		if (n == cap) {
			cap = cap * 2 + 64;
			if ((nt = realloc(t, (size_t)cap * sizeof *t)) == NULL) {
				rc = -2;
				break;
			}
			t = nt;
		}
		memset(&t[n], 0, sizeof t[n]);
		t[n].key = strdup(csv_field(c, kcol));
		for (i = 0; i < NCOLS; i++)
			t[n].text[i] = strdup(col[i] >= 0 ? csv_field(c, col[i]) : "");
		n++;
		if (t[n - 1].key == NULL || t[n - 1].text[0] == NULL || t[n - 1].text[1] == NULL ||
		    t[n - 1].text[2] == NULL) {
			rc = -2;
			break;
		}
	}
	csv_close(c);
	if (rc != 0) {
		for (i = 0; i < n; i++) {
			free(t[i].key);
			for (kcol = 0; kcol < NCOLS; kcol++)
				free(t[i].text[kcol]);
		}
		free(t);
		return rc == -2 ? mc_fail(err, MC_ENOMEM, NULL) : MC_ECSV;
	}
	notice_templates_reset();
	snprintf(cache.path, sizeof cache.path, "%s", path);
	cache.mtime = sb.st_mtime;
	cache.size = sb.st_size;
	cache.t = t;
	cache.n = n;
	return MC_OK;
}

void
notice_style_get(struct store *st, struct notice_style *s)
{
	char *lang = store_setting(st, "sms.language"), *acc;

	if (lang == NULL || *lang == '\0') {
		free(lang);
		lang = store_setting(st, "language");
	}
	snprintf(s->lang, sizeof s->lang, "%s", lang != NULL && strcmp(lang, "en") == 0 ? "en" : "vi");
	free(lang);
	acc = store_setting(st, "sms.accents");
	s->accents = acc != NULL && (strcmp(acc, "yes") == 0 || strcmp(acc, "1") == 0 ||
	    strcmp(acc, "true") == 0 || strcmp(acc, "co") == 0);
	free(acc);
}

static int
style_col(const struct notice_style *s)
{
	if (strcmp(s->lang, "en") == 0)
		return COL_EN;
	return s->accents ? COL_VI_ACCENTS : COL_VI;
}

int
notice_template(struct store *st, const struct notice_style *s, const char *key,
    char **out, struct mc_error *err)
{
	char name[160], path[1024], *v;
	int col = style_col(s), rc, i;
	const char *text = NULL;

	*out = NULL;
	snprintf(name, sizeof name, "sms.template.%s.%s", key, col_names[col]);
	if ((v = store_setting(st, name)) == NULL || *v == '\0') {
		free(v);
		snprintf(name, sizeof name, "sms.template.%s", key);
		v = store_setting(st, name);
	}
	if (v != NULL && *v != '\0') {
		*out = v;
		return MC_OK;
	}
	free(v);
	templates_path(st, path, sizeof path);
	if ((rc = templates_load(path, err)) != MC_OK)
		return rc;
	for (i = cache.n - 1; i >= 0; i--) {
		if (strcmp(cache.t[i].key, key) != 0)
			continue;
		text = cache.t[i].text[col];
		if (*text == '\0')
			text = cache.t[i].text[COL_VI];
		if (*text == '\0')
			text = cache.t[i].text[COL_EN];
		break;
	}
	if (text == NULL || *text == '\0')
		return mc_fail(err, MC_ENOTFOUND, _("no SMS template '%s' in %s"), key, path);
	if ((*out = strdup(text)) == NULL)
		return mc_fail(err, MC_ENOMEM, NULL);
	return MC_OK;
}

/* ---------------------------------------------------------------- rendering */

void
notice_vars_init(struct notice_vars *vs)
{
	vs->n = 0;
	vs->used = 0;
}

/* Copy s (at most max bytes, whole characters, controls as spaces) into vs->buf. */
static const char *
vars_copy(struct notice_vars *vs, const char *s, size_t max)
{
	char *start = vs->buf + vs->used;
	size_t room = sizeof vs->buf - vs->used, k = 0;
	const char *p = s;
	int32_t cp;
	int len;

	if (room == 0)
		return NULL;
	while (*p != '\0') {
		if ((len = text_next(p, SIZE_MAX, &cp)) < 0) {
			p++;		/* a stray byte: dropped */
			continue;
		}
		if (k + (size_t)len + 1 > room || k + (size_t)len > max)
			break;
		if (cp < 0x20 || cp == 0x7F)
			start[k++] = ' ';
		else {
			memcpy(start + k, p, (size_t)len);
			k += (size_t)len;
		}
		p += len;
	}
	start[k] = '\0';
	vs->used += k + 1;
	return start;
}

void
notice_vars_set(struct notice_vars *vs, const char *name, const char *value)
{
	const char *n, *v;

	if (vs->n >= NOTICE_VARS_MAX || name == NULL)
		return;
	n = vars_copy(vs, name, 40);
	v = vars_copy(vs, value != NULL ? value : "", VALUE_MAX);
	if (n == NULL || v == NULL)
		return;
	vs->v[vs->n].name = n;
	vs->v[vs->n].value = v;
	vs->n++;
}

const char *
notice_vars_get(const struct notice_vars *vs, const char *name)
{
	int i;

	for (i = vs->n - 1; i >= 0; i--)
		if (strcmp(vs->v[i].name, name) == 0)
			return vs->v[i].value;
	return NULL;
}

char *
notice_render_text(const char *tmpl, const struct notice_vars *vs, int accents)
{
	struct text_buf b = { 0 };
	const char *p, *close, *val;
	char name[48], *out, *nfc;
	size_t k;

	text_buf_add(&b, "");
	for (p = tmpl != NULL ? tmpl : ""; *p != '\0'; p++) {
		if (*p == '{' && (close = strchr(p + 1, '}')) != NULL &&
		    (k = (size_t)(close - p - 1)) > 0 && k < sizeof name) {
			memcpy(name, p + 1, k);
			name[k] = '\0';
			if (strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789_-.") == k &&
			    (val = notice_vars_get(vs, name)) != NULL) {
				text_buf_add(&b, val);
				p = close;
				continue;
			}
		}
		text_buf_addn(&b, p, 1);
	}
	if ((out = text_buf_take(&b)) == NULL)
		return NULL;
	if (!accents) {
		nfc = notice_gsm7(out);
		free(out);
		return nfc;
	}
	nfc = utf8_clean(out);
	free(out);
	if (nfc != NULL && (out = text_nfc(nfc)) != NULL) {
		free(nfc);
		return out;
	}
	return nfc;
}

int
notice_render(struct store *st, const struct notice_style *s, const char *key,
    const struct notice_vars *vs, char **out, struct mc_error *err)
{
	char *tmpl;
	int rc;

	*out = NULL;
	if ((rc = notice_template(st, s, key, &tmpl, err)) != MC_OK)
		return rc;
	*out = notice_render_text(tmpl, vs, s->accents && strcmp(s->lang, "en") != 0);
	free(tmpl);
	return *out != NULL ? MC_OK : mc_fail(err, MC_ENOMEM, NULL);
}

void
notice_vars_date(struct notice_vars *vs, const char *name, mc_minute t)
{
	char buf[MC_TIME_BUF];

	if (t == MC_TIME_NONE)
		buf[0] = '\0';
	else
		mc_date_format_vn(mc_day_of(t), buf);
	notice_vars_set(vs, name, buf);
}

/* The name of office code (this office: setting office.name, with office.address in
 * place); "" when unknown. */
static void
office_place(struct store *st, const char *office, char *name, size_t nn, char *place, size_t np)
{
	sqlite3_stmt *s;
	char *v, *addr;

	name[0] = '\0';
	if (office == NULL || *office == '\0' || strcmp(office, store_office(st)) == 0) {
		v = store_setting(st, "office.name");
		snprintf(name, nn, "%s", v != NULL ? v : "");
		free(v);
		addr = store_setting(st, "office.address");
		if (addr != NULL && *addr != '\0')
			snprintf(place, np, "%s%s%s", name, *name != '\0' ? ", " : "", addr);
		else
			snprintf(place, np, "%s", name);
		free(addr);
		return;
	}
	if (store_prepare(st, "SELECT name FROM office WHERE code = ?1", &s, NULL) == MC_OK) {
		sqlite3_bind_text(s, 1, office, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_type(s, 0) != SQLITE_NULL)
			store_col_copy(s, 0, name, nn);
		sqlite3_reset(s);
	}
	snprintf(place, np, "%s", name);
}

int
notice_vars_dossier(struct store *st, const struct notice_style *s, const struct dossier *d,
    struct notice_vars *vs, struct mc_error *err)
{
	struct procedure p;
	char key[16], buf[MC_TIME_BUF], name[256], place[800], *status;
	size_t n = strlen(d->code);
	int rc;

	notice_vars_set(vs, "code", d->code);
	notice_vars_set(vs, "short", n > 11 ? d->code + n - 11 : d->code);
	notice_vars_set(vs, "pcode", d->procedure);
	memset(&p, 0, sizeof p);
	if (catalog_get(st, d->procedure, &p, NULL) == MC_OK && p.name != NULL)
		notice_vars_set(vs, "procedure", p.name);
	else
		notice_vars_set(vs, "procedure", d->procedure);
	procedure_free(&p);
	snprintf(key, sizeof key, "status.%d", d->status);
	if ((rc = notice_render(st, s, key, vs, &status, err)) != MC_OK)
		return rc;
	notice_vars_set(vs, "status", status);
	free(status);
	notice_vars_date(vs, "due", d->due_at);
	notice_vars_date(vs, "received", d->received_at);
	notice_vars_date(vs, "finished", d->finished_at);
	notice_vars_date(vs, "returned", d->returned_at);
	notice_vars_date(vs, "paused", d->paused_at);
	if (d->due_at != MC_TIME_NONE)
		mc_time_format_vn(d->due_at, buf);
	else
		buf[0] = '\0';
	notice_vars_set(vs, "due_time", buf);
	office_place(st, d->office, name, sizeof name, place, sizeof place);
	notice_vars_set(vs, "office", name);
	notice_vars_set(vs, "place", place);
	return MC_OK;
}

struct items_ctx {
	char *items;
	size_t n;
};

static int
last_items(const struct dossier_event *ev, void *ctx)
{
	struct items_ctx *ic = ctx;
	const char *v;

	if (ev->kind != EV_SUPPLEMENT_REQUESTED)
		return 0;
	v = json_string_value(json_object_get(ev->payload, "items"));
	if (v == NULL)
		v = json_string_value(json_object_get(ev->payload, "reason"));
	snprintf(ic->items, ic->n, "%s", v != NULL ? v : "");
	return 0;
}

void
notice_supplement_items(struct store *st, const char *code, char *items, size_t n)
{
	struct items_ctx ic = { items, n };

	items[0] = '\0';
	dossier_each_event(st, code, last_items, &ic, NULL);
}

/* ---------------------------------------------------------------- the queue */

int
notice_last(struct store *st, const char *code, struct notice_last *out, struct mc_error *err)
{
	sqlite3_stmt *s;
	int rc;

	memset(out, 0, sizeof *out);
	if ((rc = store_prepare(st, "SELECT number, status, parts, coalesce(error, ''), "
	    "coalesce(not_before, '') FROM sms_out WHERE code = ?1 AND kind = 'notice' "
	    "ORDER BY id DESC LIMIT 1", &s, err)) != MC_OK)
		return rc;
	sqlite3_bind_text(s, 1, code, -1, SQLITE_TRANSIENT);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		store_col_copy(s, 0, out->number, sizeof out->number);
		store_col_copy(s, 1, out->status, sizeof out->status);
		out->parts = sqlite3_column_int(s, 2);
		store_col_copy(s, 3, out->error, sizeof out->error);
		store_col_copy(s, 4, out->not_before, sizeof out->not_before);
		rc = MC_OK;
	} else if (rc == SQLITE_DONE)
		rc = mc_fail(err, MC_ENOTFOUND, _("no SMS notice for %s"), code);
	else
		rc = store_error(st, rc, err);
	sqlite3_reset(s);
	return rc;
}

/* Insert one row; status 'queued', or 'failed' with error when error != NULL. */
static int
insert_out(struct store *st, const char *number, enum notice_kind kind, const char *body,
    const struct notice_size *z, const char *code, const char *event_id, long campaign,
    mc_minute now, mc_minute not_before, const char *error, long *id, struct mc_error *err)
{
	char created[MC_TIME_BUF], nb[MC_TIME_BUF];
	sqlite3_stmt *s;
	int rc;

	*id = 0;
	if ((rc = store_prepare(st, "INSERT INTO sms_out(number, kind, priority, body, encoding, parts, code, "
	    "event_id, campaign, created_at, not_before, status, error) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) "
	    "ON CONFLICT(event_id) DO NOTHING RETURNING id", &s, err)) != MC_OK)
		return rc;
	mc_second_format(mc_second_at(now), created);
	sqlite3_bind_text(s, 1, number, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, kind_names[kind], -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 3, (int)kind);
	sqlite3_bind_text(s, 4, body, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 5, z->ucs2 ? "ucs2" : "gsm7", -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 6, z->parts);
	store_bind_text(s, 7, code != NULL && *code != '\0' ? code : NULL);
	store_bind_text(s, 8, event_id != NULL && *event_id != '\0' ? event_id : NULL);
	if (campaign > 0)
		sqlite3_bind_int64(s, 9, campaign);
	sqlite3_bind_text(s, 10, created, -1, SQLITE_TRANSIENT);
	if (not_before != MC_TIME_NONE) {
		mc_second_format(mc_second_at(not_before), nb);
		sqlite3_bind_text(s, 11, nb, -1, SQLITE_TRANSIENT);
	}
	sqlite3_bind_text(s, 12, error != NULL ? "failed" : "queued", -1, SQLITE_STATIC);
	store_bind_text(s, 13, error);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*id = (long)sqlite3_column_int64(s, 0);
		rc = sqlite3_step(s);
	}
	return store_reset(st, s, rc, err);
}

int
notice_queue(struct store *st, const struct notice_out *m, mc_minute now, long *id,
    struct mc_error *err)
{
	char num[PHONE_MAX], *body = NULL;
	struct notice_size z;
	mc_minute nb = m->not_before, quiet;
	int max, rc;

	*id = 0;
	if ((unsigned)m->kind >= NOTICE_NKINDS || m->body == NULL)
		return mc_fail(err, MC_EINVAL, _("an SMS needs a kind and a text"));
	if (!phone_recipient(m->number, num))
		return mc_fail(err, MC_EINVAL, _("'%s' is not a phone number that can receive SMS"), num);
	if (m->kind != NOTICE_REPLY && smsq_optedout(st, num))
		return MC_OK;
	max = notice_max_parts(st, m->kind);
	notice_measure(m->body, &z);
	if (z.parts > max) {
		if (m->kind == NOTICE_REMINDER || m->kind == NOTICE_BULK)
			return mc_fail(err, MC_EINVAL,
			    _("the message needs %d SMS parts (%d characters, %s); at most %d for %s"),
			    z.parts, z.chars, z.ucs2 ? "UCS-2" : "GSM-7", max, kind_names[m->kind]);
		if ((body = notice_fit(m->body, max)) == NULL)
			return mc_fail(err, MC_ENOMEM, NULL);
		notice_measure(body, &z);
	}
	if (m->kind != NOTICE_REPLY && (quiet = smsq_quiet_until(st, now)) != MC_TIME_NONE &&
	    (nb == MC_TIME_NONE || nb < quiet))
		nb = quiet;
	rc = insert_out(st, num, m->kind, body != NULL ? body : m->body, &z, m->code, m->event_id,
	    m->campaign, now, nb, NULL, id, err);
	free(body);
	return rc;
}

int
notice_queue_failed(struct store *st, const char *number, const char *code, const char *event_id,
    mc_minute now, const char *error, long *id, struct mc_error *err)
{
	struct notice_size z = { .parts = 1 };

	return insert_out(st, number, NOTICE_NOTICE, "", &z, code, event_id, 0, now, MC_TIME_NONE,
	    error, id, err);
}
