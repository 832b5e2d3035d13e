/* hub-admin.c -- what the province's administrator runs on the hub besides serving:
 * publishing a resource for the offices (checked first exactly as an office would apply
 * it, on a throwaway store), and printing query results as text, TSV, CSV or JSON.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hub.h"
#include "i18n.h"
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

/* A column's name without its "#" (number) mark, into buf. */
static const char *
col_name(PGresult *r, int k, char *buf, size_t n, int *number)
{
	size_t len;

	snprintf(buf, n, "%s", PQfname(r, k));
	len = strlen(buf);
	*number = len > 0 && buf[len - 1] == '#';
	if (*number)
		buf[len - 1] = '\0';
	return buf;
}

static void
print_json(PGresult *r)
{
	json_t *arr = json_array(), *o;
	char name[64], *text;
	int i, k, number;

	for (i = 0; i < PQntuples(r); i++) {
		o = json_object();
		for (k = 0; k < PQnfields(r); k++) {
			col_name(r, k, name, sizeof name, &number);
			if (PQgetisnull(r, i, k))
				json_object_set_new(o, name, json_null());
			else if (number && strchr(PQgetvalue(r, i, k), '.') != NULL)
				json_object_set_new(o, name, json_real(atof(PQgetvalue(r, i, k))));
			else if (number)
				json_object_set_new(o, name, json_integer(atoll(PQgetvalue(r, i, k))));
			else
				json_object_set_new(o, name, json_string(PQgetvalue(r, i, k)));
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
print_text(PGresult *r)
{
	int widths[64] = { 0 }, i, k, w, number, nf = PQnfields(r) < 64 ? PQnfields(r) : 64;
	char name[64];

	for (k = 0; k < nf; k++)
		widths[k] = text_width(col_name(r, k, name, sizeof name, &number));
	for (i = 0; i < PQntuples(r); i++)
		for (k = 0; k < nf; k++)
			if ((w = text_width(PQgetvalue(r, i, k))) > widths[k])
				widths[k] = w;
	for (k = 0; k < nf; k++)
		printf("%s%-*s", k ? "  " : "", k + 1 < nf ? widths[k] : 0,
		    col_name(r, k, name, sizeof name, &number));
	putchar('\n');
	for (i = 0; i < PQntuples(r); i++) {
		for (k = 0; k < nf; k++) {
			w = text_width(PQgetvalue(r, i, k));
			printf("%s", k ? "  " : "");
			cell_sep(PQgetvalue(r, i, k), 0);
			if (k + 1 < nf)
				printf("%*s", widths[k] - (w < 0 ? 0 : w), "");
		}
		putchar('\n');
	}
}

void
hub_print(PGresult *r, enum hub_format f)
{
	char name[64];
	int i, k, number;

	if (f == HUB_JSON) {
		print_json(r);
		return;
	}
	if (f == HUB_TEXT) {
		print_text(r);
		return;
	}
	for (k = 0; k < PQnfields(r); k++) {
		if (k)
			putchar(f == HUB_CSV ? ',' : '\t');
		fputs(col_name(r, k, name, sizeof name, &number), stdout);
	}
	fputs(f == HUB_CSV ? "\r\n" : "\n", stdout);
	for (i = 0; i < PQntuples(r); i++) {
		for (k = 0; k < PQnfields(r); k++) {
			if (k)
				putchar(f == HUB_CSV ? ',' : '\t');
			if (f == HUB_CSV)
				cell_csv(PQgetvalue(r, i, k));
			else
				cell_sep(PQgetvalue(r, i, k), 0);
		}
		fputs(f == HUB_CSV ? "\r\n" : "\n", stdout);
	}
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

/* Apply the resource to a throwaway office store, as an office would. */
static int
trial(const char *name, const char *body, size_t n, struct mc_error *err)
{
	char dir[] = "/tmp/motcua-hub-publish.XXXXXX", path[64];
	struct store *st = NULL;
	int rc;

	if (strcmp(name, "settings") == 0)
		return syncq_settings_check(body, n, err);
	if (mkdtemp(dir) == NULL)
		return mc_fail(err, MC_EIO, "mkdtemp: %s", strerror(errno));
	snprintf(path, sizeof path, "%s/trial.db", dir);
	if ((rc = store_open(path, STORE_CREATE, &st, err)) == MC_OK)
		rc = syncq_apply_resource(st, name, body, n, "trial", err);
	store_close(st);
	snprintf(path, sizeof path, "%s/trial.db", dir);
	unlink(path);
	snprintf(path, sizeof path, "%s/trial.db-wal", dir);
	unlink(path);
	snprintf(path, sizeof path, "%s/trial.db-shm", dir);
	unlink(path);
	snprintf(path, sizeof path, "%s/province-sms.csv", dir);
	unlink(path);
	rmdir(dir);
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
