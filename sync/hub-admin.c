/* hub-admin.c -- what the province's administrator runs on the hub besides serving:
 * publishing a resource for the offices (checked first exactly as an office would apply
 * it, on a throwaway store), the "province store" (a throwaway office store holding what
 * the province published, for the reports' calendar and procedure names), and tables
 * printed as text, TSV, CSV or JSON.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hub.h"
#include "i18n.h"
#include "report.h"
#include "store.h"
#include "syncq.h"
#include "text.h"

#define RESOURCE_MAX	(4 * 1024 * 1024)	/* bytes of a published file */

/* ---------------------------------------------------------------- tables */

static void
cell_sep(const char *v, char bad)
{
	for (; *v != '\0'; v++)
		putchar(*v == '\t' || *v == '\n' || *v == '\r' || *v == bad ? ' ' : *v);
}

static void
cell_csv(const char *v)
{
	if (strpbrk(v, ",\"\r\n") == NULL) {
		fputs(v, stdout);
		return;
	}
	putchar('"');
	for (; *v != '\0'; v++) {
		if (*v == '"')
			putchar('"');
		putchar(*v);
	}
	putchar('"');
}

/* Append a row of t->ncols cells (copied). */
int
hub_table_add(struct report_table *t, const char *const *cells)
{
	char **p;
	int i;

	if (t->nrows == t->cap) {
		size_t cap = t->cap > 0 ? t->cap * 2 : 64;

		if ((p = realloc(t->cells, cap * (size_t)t->ncols * sizeof *p)) == NULL)
			return MC_ENOMEM;
		t->cells = p;
		t->cap = cap;
	}
	for (i = 0; i < t->ncols; i++)
		if ((t->cells[t->nrows * (size_t)t->ncols + (size_t)i] = strdup(cells[i] != NULL ?
		    cells[i] : "")) == NULL)
			return MC_ENOMEM;
	t->nrows++;
	return MC_OK;
}

static void
print_json(const struct report_table *t)
{
	json_t *arr = json_array(), *o;
	const char *v;
	char *text;
	size_t r;
	int k;

	for (r = 0; r < t->nrows; r++) {
		o = json_object();
		for (k = 0; k < t->ncols; k++) {
			v = report_cell(t, r, k);
			if ((t->numeric & (1u << k)) && *v == '\0')
				json_object_set_new(o, t->keys[k], json_null());
			else if ((t->numeric & (1u << k)) && strchr(v, '.') != NULL)
				json_object_set_new(o, t->keys[k], json_real(atof(v)));
			else if (t->numeric & (1u << k))
				json_object_set_new(o, t->keys[k], json_integer(atoll(v)));
			else
				json_object_set_new(o, t->keys[k], json_string(v));
		}
		json_array_append_new(arr, o);
	}
	text = json_dumps(arr, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
	json_decref(arr);
	if (text != NULL)
		puts(text);
	free(text);
}

static void
print_text(const struct report_table *t)
{
	int widths[32] = { 0 }, k, w, nf = t->ncols < 32 ? t->ncols : 32;
	size_t r;

	for (k = 0; k < nf; k++)
		widths[k] = text_width(t->keys[k]);
	for (r = 0; r < t->nrows; r++)
		for (k = 0; k < nf; k++)
			if ((w = text_width(report_cell(t, r, k))) > widths[k])
				widths[k] = w;
	for (k = 0; k < nf; k++)
		printf("%s%-*s", k ? "  " : "", k + 1 < nf ? widths[k] : 0, t->keys[k]);
	putchar('\n');
	for (r = 0; r < t->nrows; r++) {
		for (k = 0; k < nf; k++) {
			w = text_width(report_cell(t, r, k));
			printf("%s", k ? "  " : "");
			if ((t->numeric & (1u << k)) && k + 1 < nf)	/* numbers to the right */
				printf("%*s", widths[k] - (w < 0 ? 0 : w), "");
			cell_sep(report_cell(t, r, k), 0);
			if (!(t->numeric & (1u << k)) && k + 1 < nf)
				printf("%*s", widths[k] - (w < 0 ? 0 : w), "");
		}
		putchar('\n');
	}
}

void
hub_table_print(const struct report_table *t, enum hub_format f)
{
	size_t r;
	int k;

	if (f == HUB_JSON) {
		print_json(t);
		return;
	}
	if (f == HUB_TEXT) {
		print_text(t);
		return;
	}
	for (k = 0; k < t->ncols; k++) {
		if (k)
			putchar(f == HUB_CSV ? ',' : '\t');
		fputs(t->keys[k], stdout);
	}
	fputs(f == HUB_CSV ? "\r\n" : "\n", stdout);
	for (r = 0; r < t->nrows; r++) {
		for (k = 0; k < t->ncols; k++) {
			if (k)
				putchar(f == HUB_CSV ? ',' : '\t');
			if (f == HUB_CSV)
				cell_csv(report_cell(t, r, k));
			else
				cell_sep(report_cell(t, r, k), 0);
		}
		fputs(f == HUB_CSV ? "\r\n" : "\n", stdout);
	}
}

void
hub_print(PGresult *r, enum hub_format f)
{
	struct report_table t = { 0 };
	char names[32][64];
	const char *keys[32], *cells[32];
	size_t len;
	int i, k;

	t.ncols = PQnfields(r) < 32 ? PQnfields(r) : 32;
	for (k = 0; k < t.ncols; k++) {
		snprintf(names[k], sizeof names[k], "%s", PQfname(r, k));
		len = strlen(names[k]);
		if (len > 0 && names[k][len - 1] == '#') {
			names[k][len - 1] = '\0';
			t.numeric |= 1u << k;
		}
		keys[k] = names[k];
	}
	t.keys = keys;
	for (i = 0; i < PQntuples(r); i++) {
		for (k = 0; k < t.ncols; k++)
			cells[k] = PQgetvalue(r, i, k);
		if (hub_table_add(&t, cells) != MC_OK)
			break;
	}
	hub_table_print(&t, f);
	report_table_free(&t);
}

/* ---------------------------------------------------------------- publish */

static char *
read_all(const char *path, size_t *n)
{
	FILE *fp = fopen(path, "rb");
	char *buf;

	*n = 0;
	if (fp == NULL)
		return NULL;
	if ((buf = malloc(RESOURCE_MAX + 1)) != NULL) {
		*n = fread(buf, 1, RESOURCE_MAX + 1, fp);
		buf[*n > RESOURCE_MAX ? RESOURCE_MAX : *n] = '\0';
	}
	fclose(fp);
	return buf;
}

/* ---------------------------------------------------------------- a throwaway store */

/* An empty office store in a new temporary folder (dir: 64 bytes). */
static int
scratch_open(struct store **st, char dir[64], struct mc_error *err)
{
	char path[96];

	*st = NULL;
	snprintf(dir, 64, "/tmp/motcua-hub.XXXXXX");
	if (mkdtemp(dir) == NULL)
		return mc_fail(err, MC_EIO, "mkdtemp: %s", strerror(errno));
	snprintf(path, sizeof path, "%s/scratch.db", dir);
	return store_open(path, STORE_CREATE, st, err);
}

void
hub_scratch_close(struct store *st, const char *dir)
{
	static const char *const files[] = { "scratch.db", "scratch.db-wal", "scratch.db-shm",
		"scratch.db-journal", "province-sms.csv", NULL };
	char path[96];
	int i;

	store_close(st);
	for (i = 0; files[i] != NULL; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, files[i]);
		unlink(path);
	}
	rmdir(dir);
}

int
hub_province_store(PGconn *c, struct store **st, char dir[64], struct mc_error *err)
{
	PGresult *r;
	int i, rc;

	if ((rc = scratch_open(st, dir, err)) != MC_OK)
		return rc;
	if ((rc = store_set_setting(*st, "office.code", "hub", err)) != MC_OK)
		return rc;
	if ((r = hub_sql(c, "SELECT name, body, etag FROM resource WHERE name IN ('settings', "
	    "'holidays', 'catalog') ORDER BY name", 0, NULL, NULL, err)) == NULL)
		return MC_ESTORE;
	for (i = 0; i < PQntuples(r) && rc == MC_OK; i++)
		rc = syncq_apply_resource(*st, PQgetvalue(r, i, 0), PQgetvalue(r, i, 1),
		    (size_t)PQgetlength(r, i, 1), PQgetvalue(r, i, 2), err);
	PQclear(r);
	return rc;
}

/* Apply the resource to a throwaway office store, as an office would. */
static int
trial(const char *name, const char *body, size_t n, struct mc_error *err)
{
	struct store *st;
	char dir[64];
	int rc;

	if (strcmp(name, "settings") == 0)
		return syncq_settings_check(body, n, err);
	if ((rc = scratch_open(&st, dir, err)) == MC_OK)
		rc = syncq_apply_resource(st, name, body, n, "trial", err);
	hub_scratch_close(st, dir);
	return rc;
}

int
hub_publish(PGconn *c, int argc, char **argv)
{
	static const char *const names[] = { "catalog", "holidays", "templates", "settings", NULL };
	char sha[WIRE_HASH_HEX], *body;
	const char *v[4];
	struct mc_error err;
	PGresult *r;
	size_t n;
	int i, known = 0, rc;

	for (i = 0; argc == 3 && names[i] != NULL; i++)
		known |= strcmp(argv[1], names[i]) == 0;
	if (!known) {
		fprintf(stderr, _("motcua-hub: publish catalog|holidays|templates|settings FILE\n"));
		return 2;
	}
	if ((body = read_all(argv[2], &n)) == NULL) {
		fprintf(stderr, _("motcua-hub: cannot read %s: %s\n"), argv[2], strerror(errno));
		return 1;
	}
	if (n > RESOURCE_MAX || strlen(body) != n) {
		fprintf(stderr, _("motcua-hub: %s is too large or not text\n"), argv[2]);
		free(body);
		return 1;
	}
	if ((rc = trial(argv[1], body, n, &err)) != MC_OK) {
		fprintf(stderr, _("motcua-hub: %s cannot be published: %s\n"), argv[2], mc_message(&err));
		free(body);
		return 1;
	}
	wire_digest_hex(body, n, sha);
	v[0] = argv[1];
	v[1] = sha;
	v[2] = strcmp(argv[1], "settings") == 0 ? "json" : "csv";
	v[3] = body;
	r = hub_sql(c, "INSERT INTO resource AS r (name, version, sha, etag, type, body) VALUES "
	    "($1, 1, $2, '\"' || $1 || '-1-' || left($2, 8) || '\"', $3, $4) ON CONFLICT (name) DO "
	    "UPDATE SET version = r.version + 1, sha = excluded.sha, etag = '\"' || $1 || '-' || "
	    "(r.version + 1) || '-' || left($2, 8) || '\"', type = excluded.type, "
	    "body = excluded.body, published = now() WHERE r.sha <> excluded.sha "
	    "RETURNING version, etag", 4, v, NULL, &err);
	free(body);
	if (r == NULL) {
		fprintf(stderr, "motcua-hub: %s\n", mc_message(&err));
		return 1;
	}
	if (PQntuples(r) == 1)
		printf(_("Published %s version %s (ETag %s).\n"), argv[1], PQgetvalue(r, 0, 0),
		    PQgetvalue(r, 0, 1));
	else
		printf(_("%s is unchanged: the offices already have this version.\n"), argv[1]);
	PQclear(r);
	return 0;
}
