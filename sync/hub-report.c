/* hub-report.c -- the province's reports from PostgreSQL, and the national portal
 * export (doc/sync-api.md, "Reports and the national portal export").
 *
 *	report ontime [--by office|month|office-month] [--from DATE] [--to DATE]
 *	report ratings [--by office|month|office-month] [--from DATE] [--to DATE]
 *	export dvcqg --since DATE [--output FILE] [--mapping FILE]
 *
 * ontime counts as an office's own report does (report_ontime_count, common/report.c):
 * per office and month the result was ready, early, on time or late, and the average
 * working days from receipt to result on the province's published calendar (weekends
 * only when no holidays were published); with, per office and month, the dossiers
 * received then and those now overdue that fell due then.  ratings gives the
 * satisfaction ratings (4 very satisfied ... 1 not satisfied) per month handed back.
 *
 * The export folds each dossier changed since DATE from its events (the same fold as
 * everywhere, so the applicant's name, kept only in the events, is there) and writes one
 * JSON object a line, its fields and their order from data/dvcqg-fields.csv.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "catalog.h"
#include "csv.h"
#include "hub.h"
#include "i18n.h"
#include "report.h"
#include "store.h"

#define FETCH		"FETCH 10000 FROM rows"
#define MAPPING_MAX	64
#define COUNTS_MAX	8		/* the numbers of a report's row, at most */

enum by { BY_OFFICE = 1, BY_MONTH = 2, BY_BOTH = 3 };

struct options {
	enum by by;
	char from[MC_TIME_BUF], to[MC_TIME_BUF];
};

struct group {
	char office[WIRE_OFFICE_MAX + 1];
	char month[8];
	long received, overdue;
	struct report_ontime o;
	long votes[5];			/* ratings 1..4 */
};

struct groups {
	struct group *g;
	size_t n, cap, last;
};

/* ---------------------------------------------------------------- options and groups */

static int
parse(int argc, char **argv, int from, struct options *o)
{
	mc_day d;
	int i;

	o->by = BY_BOTH;
	snprintf(o->from, sizeof o->from, "1970-01-01");
	snprintf(o->to, sizeof o->to, "9999-12-31");
	for (i = from; i < argc; i++) {
		if (i + 1 >= argc)
			goto usage;
		if (strcmp(argv[i], "--by") == 0) {
			i++;
			o->by = strcmp(argv[i], "office") == 0 ? BY_OFFICE : strcmp(argv[i], "month") == 0 ?
			    BY_MONTH : strcmp(argv[i], "office-month") == 0 ? BY_BOTH : 0;
			if (o->by == 0)
				goto usage;
		} else if (strcmp(argv[i], "--from") == 0 || strcmp(argv[i], "--to") == 0) {
			if (mc_date_read(argv[i + 1], &d) != 0) {
				fprintf(stderr, _("motcua-hub: %s: '%s' is not a date like 31/10/2026 or 2026-10-31\n"),
				    argv[i], argv[i + 1]);
				return 2;
			}
			mc_date_format(argv[i][2] == 'f' ? d : d + 1, argv[i][2] == 'f' ? o->from : o->to);
			i++;
		} else
			goto usage;
	}
	return 0;
usage:
	fprintf(stderr, _("motcua-hub: report ontime|ratings [--by office|month|office-month] [--from DATE] [--to DATE] [--format text|tsv|csv|json]\n"));
	return 2;
}

static struct group *
group_of(struct groups *gs, enum by by, const char *office, const char *month)
{
	struct group *g;
	size_t i;
	char o[WIRE_OFFICE_MAX + 1], m[8];

	snprintf(o, sizeof o, "%s", by & BY_OFFICE ? office : "");
	snprintf(m, sizeof m, "%s", by & BY_MONTH ? month : "");
	if (gs->n > 0 && strcmp(gs->g[gs->last].office, o) == 0 && strcmp(gs->g[gs->last].month, m) == 0)
		return &gs->g[gs->last];
	for (i = 0; i < gs->n; i++)
		if (strcmp(gs->g[i].office, o) == 0 && strcmp(gs->g[i].month, m) == 0)
			return &gs->g[gs->last = i];
	if (gs->n == gs->cap) {
		size_t cap = gs->cap > 0 ? gs->cap * 2 : 64;

		if ((g = realloc(gs->g, cap * sizeof *g)) == NULL)
			return NULL;
		gs->g = g;
		gs->cap = cap;
	}
	g = &gs->g[gs->last = gs->n++];
	memset(g, 0, sizeof *g);
	snprintf(g->office, sizeof g->office, "%s", o);
	snprintf(g->month, sizeof g->month, "%s", m);
	return g;
}

static int
by_group(const void *x, const void *y)
{
	const struct group *a = x, *b = y;
	int c = strcmp(a->office, b->office);

	return c != 0 ? c : strcmp(a->month, b->month);
}

/* ---------------------------------------------------------------- ontime */

/* The finished dossiers of the period, through a cursor, counted into gs. */
static int
count_finished(PGconn *c, const struct options *o, const struct calendar *cal, struct groups *gs,
    struct mc_error *err)
{
	const char *v[2] = { o->from, o->to };
	struct dossier d;
	struct group *g;
	PGresult *r;
	int i, n, rc = MC_OK;

	if (hub_exec(c, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", 0, NULL, NULL, err) != MC_OK ||
	    hub_exec(c, "DECLARE rows NO SCROLL CURSOR FOR SELECT office, to_char(finished_at, "
	    "'YYYY-MM'), received_at, due_at, finished_at, status FROM dossier WHERE "
	    DOSSIER_SQL_IN("status", DOSSIER_FINISHED) " "
	    "AND finished_at >= $1::timestamp AND finished_at < $2::timestamp ORDER BY office, 2",
	    2, v, NULL, err) != MC_OK)
		return MC_ESTORE;
	do {
		if ((r = hub_sql(c, FETCH, 0, NULL, NULL, err)) == NULL)
			return MC_ESTORE;
		n = PQntuples(r);
		for (i = 0; i < n && rc == MC_OK; i++) {
			memset(&d, 0, sizeof d);
			if (mc_time_parse(PQgetvalue(r, i, 2), &d.received_at) != 0 ||
			    mc_time_parse(PQgetvalue(r, i, 3), &d.due_at) != 0 ||
			    mc_time_parse(PQgetvalue(r, i, 4), &d.finished_at) != 0)
				continue;
			d.status = atoi(PQgetvalue(r, i, 5));
			if ((g = group_of(gs, o->by, PQgetvalue(r, i, 0), PQgetvalue(r, i, 1))) == NULL)
				rc = mc_fail(err, MC_ENOMEM, NULL);
			else
				report_ontime_count(&g->o, &d, calendar_working_days_between(cal,
				    mc_day_of(d.received_at), mc_day_of(d.finished_at)));
		}
		PQclear(r);
	} while (n > 0 && rc == MC_OK);
	hub_rollback(c);
	return rc;
}

/* Run sql (parameters v), whose rows start with an office and a month, and hand each
 * row to add() with its group. */
static int
count_groups(PGconn *c, const char *sql, int n, const char *const *v, const struct options *o,
    struct groups *gs, void (*add)(struct group *g, PGresult *r, int row), struct mc_error *err)
{
	struct group *g;
	PGresult *r = hub_sql(c, sql, n, v, NULL, err);
	int i, rc = MC_OK;

	if (r == NULL)
		return MC_ESTORE;
	for (i = 0; i < PQntuples(r) && rc == MC_OK; i++)
		if ((g = group_of(gs, o->by, PQgetvalue(r, i, 0), PQgetvalue(r, i, 1))) == NULL)
			rc = mc_fail(err, MC_ENOMEM, NULL);
		else
			add(g, r, i);
	PQclear(r);
	return rc;
}

static void
add_received(struct group *g, PGresult *r, int row)
{
	g->received += atol(PQgetvalue(r, row, 2));
}

static void
add_overdue(struct group *g, PGresult *r, int row)
{
	g->overdue += atol(PQgetvalue(r, row, 2));
}

/* Per office and month: received (month received), overdue now (month due). */
static int
count_received_overdue(PGconn *c, const struct options *o, struct groups *gs, struct mc_error *err)
{
	char now[MC_TIME_BUF];
	const char *v[3] = { o->from, o->to, now };
	int rc;

	mc_time_format(mc_now(), now);
	rc = count_groups(c, "SELECT office, to_char(received_at, 'YYYY-MM'), count(*) FROM dossier "
	    "WHERE received_at >= $1::timestamp AND received_at < $2::timestamp GROUP BY 1, 2",
	    2, v, o, gs, add_received, err);
	if (rc != MC_OK)
		return rc;
	return count_groups(c, "SELECT office, to_char(due_at, 'YYYY-MM'), count(*) FROM dossier "
	    "WHERE " DOSSIER_PENDING_SQL " AND due_at < $3::timestamp AND due_at >= $1::timestamp AND "
	    "due_at < $2::timestamp GROUP BY 1, 2", 3, v, o, gs, add_overdue, err);
}

/* The groups sorted, then their total, as a table: the key columns (the office, the
 * month or both: all[0], all[1]), then ncount numbers named all[2...]; row() writes a
 * group's numbers, after adding them into total (unless g is the total, the last row). */
static void
print_groups(struct groups *gs, enum by by, enum hub_format f, const char *const *all, int ncount,
    void (*row)(struct group *g, struct group *total, char num[][32]))
{
	const char *keys[2 + COUNTS_MAX], *cells[2 + COUNTS_MAX];
	char num[COUNTS_MAX][32];
	struct report_table t = { 0 };
	struct group total;
	size_t i;
	int k, nkey = by == BY_BOTH ? 2 : 1, first = by == BY_MONTH ? 1 : 0;

	if (gs->n > 1)
		qsort(gs->g, gs->n, sizeof *gs->g, by_group);
	memset(&total, 0, sizeof total);
	snprintf(total.office, sizeof total.office, "%s", _("total"));
	t.ncols = nkey + ncount;
	for (k = 0; k < nkey; k++)
		keys[k] = all[first + k];
	for (k = 0; k < ncount; k++)
		keys[nkey + k] = all[2 + k];
	t.keys = keys;
	t.numeric = ((1u << ncount) - 1) << nkey;
	for (i = 0; i <= gs->n; i++) {
		struct group *g = i < gs->n ? &gs->g[i] : &total;

		row(g, &total, num);
		cells[0] = by == BY_MONTH && i < gs->n ? g->month : g->office;
		cells[1] = g->month;
		for (k = 0; k < ncount; k++)
			cells[nkey + k] = num[k];
		if (hub_table_add(&t, cells) != MC_OK)
			break;
	}
	hub_table_print(&t, f);
	report_table_free(&t);
}

static void
ontime_row(struct group *g, struct group *total, char num[][32])
{
	if (g != total) {
		total->received += g->received;
		total->overdue += g->overdue;
		total->o.finished += g->o.finished;
		total->o.early += g->o.early;
		total->o.ontime += g->o.ontime;
		total->o.late += g->o.late;
		total->o.working_days += g->o.working_days;
	}
	report_ontime_finish(&g->o);
	snprintf(num[0], sizeof num[0], "%ld", g->received);
	snprintf(num[1], sizeof num[1], "%ld", g->o.finished);
	snprintf(num[2], sizeof num[2], "%ld", g->o.early);
	snprintf(num[3], sizeof num[3], "%ld", g->o.ontime);
	snprintf(num[4], sizeof num[4], "%ld", g->o.late);
	snprintf(num[5], sizeof num[5], "%.1f", g->o.rate);
	snprintf(num[6], sizeof num[6], "%.2f", g->o.avg_days);
	snprintf(num[7], sizeof num[7], "%ld", g->overdue);
}

static void
print_ontime(struct groups *gs, enum by by, enum hub_format f)
{
	static const char *const all[] = { "office", "month", "received", "finished", "early",
		"on_time", "late", "on_time_pct", "avg_working_days", "overdue" };

	print_groups(gs, by, f, all, 8, ontime_row);
}

/* ---------------------------------------------------------------- ratings */

static void
add_votes(struct group *g, PGresult *r, int row)
{
	long n = atol(PQgetvalue(r, row, 3));

	g->votes[atoi(PQgetvalue(r, row, 2))] += n;
	g->votes[0] += n;
}

static int
ratings(PGconn *c, const struct options *o, struct groups *gs, struct mc_error *err)
{
	const char *v[2] = { o->from, o->to };

	return count_groups(c, "SELECT office, to_char(returned_at, 'YYYY-MM'), rating, count(*) "
	    "FROM dossier WHERE rating BETWEEN 1 AND 4 AND returned_at >= $1::timestamp AND "
	    "returned_at < $2::timestamp GROUP BY 1, 2, 3", 2, v, o, gs, add_votes, err);
}

static void
ratings_row(struct group *g, struct group *total, char num[][32])
{
	long *vt = g->votes;
	int k;

	if (g != total)
		for (k = 0; k < 5; k++)
			total->votes[k] += vt[k];
	snprintf(num[0], sizeof num[0], "%ld", vt[0]);
	for (k = 4; k >= 1; k--)
		snprintf(num[5 - k], sizeof num[0], "%ld", vt[k]);
	snprintf(num[5], sizeof num[5], "%.1f", vt[0] > 0 ? 100.0 * (vt[3] + vt[4]) / vt[0] : 0.0);
	snprintf(num[6], sizeof num[6], "%.2f", vt[0] > 0 ?
	    (double)(vt[1] + 2 * vt[2] + 3 * vt[3] + 4 * vt[4]) / vt[0] : 0.0);
}

static void
print_ratings(struct groups *gs, enum by by, enum hub_format f)
{
	static const char *const all[] = { "office", "month", "rated", "very_satisfied", "satisfied",
		"not_quite", "not_satisfied", "satisfied_pct", "average" };

	print_groups(gs, by, f, all, 7, ratings_row);
}

int
hub_report(PGconn *c, int argc, char **argv, enum hub_format f)
{
	struct groups gs = { 0 };
	struct options o;
	struct calendar cal;
	struct store *st = NULL;
	struct mc_error err;
	char dir[64];
	int rc, ontime = argc >= 2 && strcmp(argv[1], "ontime") == 0;

	if (argc < 2 || (!ontime && strcmp(argv[1], "ratings") != 0) || parse(argc, argv, 2, &o) != 0) {
		if (argc < 2 || (!ontime && strcmp(argv[1], "ratings") != 0))
			fprintf(stderr, _("motcua-hub: report ontime|ratings [--by office|month|office-month] [--from DATE] [--to DATE] [--format text|tsv|csv|json]\n"));
		return 2;
	}
	if (!ontime) {
		rc = ratings(c, &o, &gs, &err);
		if (rc == MC_OK)
			print_ratings(&gs, o.by, f);
	} else {
		calendar_default(&cal);
		rc = hub_province_store(c, &st, dir, &err);
		if (rc == MC_OK)
			rc = calendar_load(st, &cal, &err);
		hub_scratch_close(st, dir);
		if (rc == MC_OK && (rc = count_finished(c, &o, &cal, &gs, &err)) == MC_OK &&
		    (rc = count_received_overdue(c, &o, &gs, &err)) == MC_OK)
			print_ontime(&gs, o.by, f);
		calendar_free(&cal);
	}
	free(gs.g);
	if (rc != MC_OK) {
		fprintf(stderr, "motcua-hub: %s\n", mc_message(&err));
		return 1;
	}
	return 0;
}

/* ---------------------------------------------------------------- the national portal */

struct mapping {
	char field[MAPPING_MAX][64];
	char source[MAPPING_MAX][128];
	int n;
};

static const char *const sources[] = { "code", "procedure", "procedure_name", "field_name",
	"applicant", "idno", "phone", "email", "address", "received", "due", "finished",
	"returned", "status", "form", "handler", "office", "updating", NULL };

static int
read_mapping(const char *path, struct mapping *m, struct mc_error *err)
{
	struct csv *c;
	int rc, i, known, line;

	memset(m, 0, sizeof *m);
	if ((rc = csv_open_file(path, &c, err)) != MC_OK)
		return rc;
	if ((rc = csv_next(c, err)) != 1 || csv_column(c, "field") != 0 || csv_column(c, "source") != 1) {
		csv_close(c);
		return rc < 0 ? MC_ECSV : mc_fail(err, MC_ECSV, _("%s: the header must be field,source,note"), path);
	}
	while ((rc = csv_next(c, err)) == 1) {
		line = csv_line(c);
		for (i = 0, known = strncmp(csv_field(c, 1), "const:", 6) == 0; sources[i] != NULL; i++)
			known |= strcmp(sources[i], csv_field(c, 1)) == 0;
		if (!known || *csv_field(c, 0) == '\0' || m->n == MAPPING_MAX) {
			csv_close(c);
			return mc_fail(err, MC_ECSV, _("%s, line %d: unknown source '%s'"), path, line, csv_field(c, 1));
		}
		snprintf(m->field[m->n], sizeof m->field[0], "%s", csv_field(c, 0));
		snprintf(m->source[m->n], sizeof m->source[0], "%s", csv_field(c, 1));
		m->n++;
	}
	csv_close(c);
	return rc < 0 ? MC_ECSV : MC_OK;
}

/* yyyyMMddHHmmss, or JSON null. */
static json_t *
portal_time(mc_minute t)
{
	char buf[MC_TIME_BUF], out[16];

	if (t == MC_TIME_NONE)
		return json_null();
	mc_time_format(t, buf);		/* YYYY-MM-DD HH:MM */
	snprintf(out, sizeof out, "%.4s%.2s%.2s%.2s%.2s00", buf, buf + 5, buf + 8, buf + 11, buf + 14);
	return json_string(out);
}

static json_t *
value_of(const char *src, const struct dossier *d, struct store *st, mc_minute since)
{
	struct procedure p;
	json_t *v;

	if (strncmp(src, "const:", 6) == 0)
		return json_string(src + 6);
	if (strcmp(src, "procedure_name") == 0 || strcmp(src, "field_name") == 0) {
		if (catalog_get(st, d->procedure, &p, NULL) != MC_OK)
			return json_null();
		v = json_string(strcmp(src, "field_name") == 0 ? p.field : p.name);
		procedure_free(&p);
		return v;
	}
	if (strcmp(src, "status") == 0)
		return json_integer(d->status);
	if (strcmp(src, "updating") == 0)
		return json_boolean(d->received_at < since);
	if (strcmp(src, "form") == 0)
		return json_string(strcmp(d->channel, "online") == 0 ? "1" :
		    strcmp(d->channel, "postal") == 0 ? "2" : "0");
	if (strcmp(src, "received") == 0)
		return portal_time(d->received_at);
	if (strcmp(src, "due") == 0)
		return portal_time(d->due_at);
	if (strcmp(src, "finished") == 0)
		return portal_time(d->finished_at);
	if (strcmp(src, "returned") == 0)
		return portal_time(d->returned_at);
	return json_string(strcmp(src, "code") == 0 ? d->code : strcmp(src, "procedure") == 0 ?
	    d->procedure : strcmp(src, "applicant") == 0 ? d->name : strcmp(src, "idno") == 0 ?
	    d->idno : strcmp(src, "phone") == 0 ? d->phone : strcmp(src, "email") == 0 ? d->email :
	    strcmp(src, "address") == 0 ? d->address : strcmp(src, "handler") == 0 ? d->handler :
	    d->office);
}

static void
write_record(FILE *out, const struct mapping *m, const struct dossier *d, struct store *st,
    mc_minute since)
{
	json_t *o = json_object();
	char *text;
	int i;

	for (i = 0; i < m->n; i++)
		json_object_set_new(o, m->field[i], value_of(m->source[i], d, st, since));
	text = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(o);
	if (text != NULL)
		fprintf(out, "%s\n", text);
	free(text);
}

/* Fold and write the dossiers of one chunk of codes. */
static int
export_chunk(PGconn *c, struct hub_array *codes, const struct mapping *m, struct store *st,
    mc_minute since, FILE *out, long *n, struct mc_error *err)
{
	const char *v[1] = { hub_array_end(codes) };
	struct hub_fold_event *ev;
	struct dossier *d = malloc(sizeof *d);
	PGresult *r;
	int i, start = 0, rows;

	if (v[0] == NULL || d == NULL ||
	    (r = hub_sql(c, "SELECT office, seq, code, pos, kind, at, actor, payload FROM event WHERE "
	    "code = ANY($1::text[]) ORDER BY code COLLATE \"C\", pos, office COLLATE \"C\", seq",
	    1, v, NULL, err)) == NULL) {
		free(d);
		return v[0] == NULL || d == NULL ? mc_fail(err, MC_ENOMEM, NULL) : MC_ESTORE;
	}
	rows = PQntuples(r);
	if ((ev = calloc((size_t)rows + 1, sizeof *ev)) == NULL) {
		PQclear(r);
		free(d);
		return mc_fail(err, MC_ENOMEM, NULL);
	}
	for (i = 0; i < rows; i++)
		ev[i] = (struct hub_fold_event){ PQgetvalue(r, i, 0), atol(PQgetvalue(r, i, 1)),
		    PQgetvalue(r, i, 2), atoi(PQgetvalue(r, i, 3)), PQgetvalue(r, i, 4),
		    PQgetvalue(r, i, 5), PQgetvalue(r, i, 6), PQgetvalue(r, i, 7), NULL };
	for (i = 1; i <= rows; i++) {
		if (i < rows && strcmp(ev[i].code, ev[start].code) == 0)
			continue;
		hub_fold(ev + start, i - start, d);
		if (d->status != ST_NONE) {	/* a row whose events cannot be folded is not sent */
			write_record(out, m, d, st, since);
			(*n)++;
		}
		start = i;
	}
	free(ev);
	free(d);
	PQclear(r);
	return MC_OK;
}

int
hub_export(PGconn *c, int argc, char **argv)
{
	const char *since_arg = NULL, *output = NULL, *mapping_path = NULL, *dir_env, *v[1];
	char path[4200], since_text[MC_TIME_BUF], dir[64];
	struct hub_array codes = { 0 };
	struct store *st = NULL;
	struct mapping m;
	struct mc_error err;
	mc_day since;
	long n = 0;
	PGresult *r = NULL;
	FILE *out = stdout;
	int i, rc;

	for (i = 2; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--since") == 0)
			since_arg = argv[i + 1];
		else if (strcmp(argv[i], "--output") == 0)
			output = argv[i + 1];
		else if (strcmp(argv[i], "--mapping") == 0)
			mapping_path = argv[i + 1];
		else
			break;
	}
	if (argc < 2 || strcmp(argv[1], "dvcqg") != 0 || i != argc || since_arg == NULL) {
		fprintf(stderr, _("motcua-hub: export dvcqg --since DATE [--output FILE] [--mapping FILE]\n"));
		return 2;
	}
	if (mc_date_read(since_arg, &since) != 0) {
		fprintf(stderr, _("motcua-hub: --since: '%s' is not a date like 31/10/2026 or 2026-10-31\n"),
		    since_arg);
		return 2;
	}
	if (mapping_path == NULL) {
		dir_env = getenv("MOTCUA_DATADIR");
		snprintf(path, sizeof path, "%s/data/dvcqg-fields.csv",
		    dir_env != NULL && *dir_env != '\0' ? dir_env : PKGDATADIR);
		mapping_path = path;
	}
	if (read_mapping(mapping_path, &m, &err) != MC_OK) {
		fprintf(stderr, "motcua-hub: %s\n", mc_message(&err));
		return 1;
	}
	if (output != NULL && (out = fopen(output, "w")) == NULL) {
		fprintf(stderr, _("motcua-hub: cannot write %s: %s\n"), output, strerror(errno));
		return 1;
	}
	mc_date_format(since, since_text);
	v[0] = since_text;
	if ((rc = hub_province_store(c, &st, dir, &err)) == MC_OK &&
	    (r = hub_sql(c, "SELECT code FROM dossier WHERE changed >= ($1::date)::timestamp AT TIME "
	    "ZONE 'Asia/Ho_Chi_Minh' ORDER BY code COLLATE \"C\"", 1, v, NULL, &err)) == NULL)
		rc = MC_ESTORE;
	for (i = 0; rc == MC_OK && r != NULL && i < PQntuples(r); i++) {
		hub_array_text(&codes, PQgetvalue(r, i, 0));
		if (codes.n == 500 || i + 1 == PQntuples(r)) {
			rc = export_chunk(c, &codes, &m, st, mc_at(since, 0), out, &n, &err);
			hub_array_free(&codes);
		}
	}
	PQclear(r);
	hub_array_free(&codes);
	hub_scratch_close(st, dir);
	if (out != stdout && fclose(out) != 0 && rc == MC_OK)
		rc = mc_fail(&err, MC_EIO, _("cannot write %s: %s"), output, strerror(errno));
	if (rc != MC_OK) {
		fprintf(stderr, "motcua-hub: %s\n", mc_message(&err));
		return 1;
	}
	fprintf(stderr, _("motcua-hub: %ld dossiers exported (the field mapping is provisional: %s)\n"),
	    n, mapping_path);
	return 0;
}
