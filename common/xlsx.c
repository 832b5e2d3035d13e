/* xlsx.c -- the first worksheet of an .xlsx file, row by row; see xlsx.h.
 *
 * Four parts are read, each streamed from libzip into an expat parser in 64 KiB
 * pieces while the bytes are counted (the limits never trust the ZIP headers):
 * xl/workbook.xml names the first sheet's relationship, xl/_rels/workbook.xml.rels
 * where that sheet is, xl/sharedStrings.xml (if any) the strings cells refer to, and
 * the sheet itself, whose rows go to the caller as they end.  Element names are
 * matched without their namespace prefix ("x:row" is "row").  Every parser refuses a
 * DOCTYPE the moment it starts, so no entity is ever declared or expanded.
 */
#include "config.h"

#include <errno.h>
#include <expat.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "i18n.h"
#include "text.h"
#include "xlsx.h"

#define CHUNK 65536
#define RATIO_FLOOR (1024 * 1024)	/* parts smaller than this are never a bomb */
#define PATH_MAX_BYTES 256		/* a part's name */

void
xlsx_limits_default(struct xlsx_limits *l)
{
	l->part_max = 64u * 1024 * 1024;
	l->ratio_max = 100;
	l->rows_max = 100000;
	l->cols_max = 64;
	l->cell_max = 32 * 1024;
	l->strings_max = 1000000;
}

/* One reading: the archive, the limits, and what the parts told so far. */
struct reader {
	zip_t *zip;
	const char *name;		/* the file, in messages */
	const struct xlsx_limits *lim;
	struct mc_error *err;
	int rc;				/* MC_OK until something stops the reading */
	XML_Parser xp;
	const char *part;		/* the part being parsed */

	/* text being collected (a cell, a string, an attribute-less element) */
	char *buf;
	size_t len, cap;
	int collect;			/* 1 while inside an element whose text counts */
	int skip;			/* depth inside phonetic runs (<rPh>) */

	/* workbook.xml and its relationships */
	char sheet_rid[128];
	char sheet_path[PATH_MAX_BYTES];

	/* sharedStrings.xml */
	char **strings;
	long nstrings, capstrings;

	/* the sheet */
	xlsx_row_fn *fn;
	void *ctx;
	long row, rows;
	char **cells;			/* lim->cols_max of them, NULL or owned */
	int ncells;
	int col;			/* the cell being read: its column, -1 if ignored */
	char ctype[16];			/* its t="" */
	int in_value;			/* inside <v> */
	int in_inline;			/* inside <is> */
	char *value;			/* the cell's text so far (owned) */
};

static int fail(struct reader *r, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Stop everything with code and a message (the first one wins). */
static int
fail(struct reader *r, int code, const char *fmt, ...)
{
	char msg[sizeof r->err->msg];
	va_list ap;

	if (r->rc != MC_OK)
		return r->rc;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	r->rc = mc_fail(r->err, code, "%s", msg);
	if (r->xp != NULL)
		XML_StopParser(r->xp, XML_FALSE);
	return r->rc;
}

/* The element's name without its namespace prefix. */
static const char *
local(const char *name)
{
	const char *c = strrchr(name, ':');

	return c != NULL ? c + 1 : name;
}

static const char *
attr(const char **atts, const char *name)
{
	for (; atts != NULL && atts[0] != NULL; atts += 2)
		if (strcmp(local(atts[0]), name) == 0)
			return atts[1];
	return NULL;
}

/* Append text to the buffer, within cell_max. */
static void
text(void *data, const XML_Char *s, int n)
{
	struct reader *r = data;
	char *nb;

	if (!r->collect || r->skip > 0 || n <= 0 || r->rc != MC_OK)
		return;
	if (r->len + (size_t)n > r->lim->cell_max) {
		if (r->rows > 0)
			fail(r, MC_EINVAL, _("%s: a cell of row %ld is longer than %zu bytes"),
			    r->name, r->row, r->lim->cell_max);
		else
			fail(r, MC_EINVAL, _("%s: a text in %s is longer than %zu bytes"), r->name,
			    r->part, r->lim->cell_max);
		return;
	}
	if (r->len + (size_t)n + 1 > r->cap) {
		r->cap = (r->len + (size_t)n + 1) * 2;
		if ((nb = realloc(r->buf, r->cap)) == NULL) {
			fail(r, MC_ENOMEM, "%s", mc_strerror(MC_ENOMEM));
			return;
		}
		r->buf = nb;
	}
	memcpy(r->buf + r->len, s, (size_t)n);
	r->len += (size_t)n;
	r->buf[r->len] = '\0';
}

/* The collected text as a new string, "_xHHHH_" escapes decoded; NULL: no memory. */
static char *
take_text(struct reader *r)
{
	char *s = malloc(r->len + 1), *o = s;
	const char *p = r->buf != NULL ? r->buf : "", *end = p + r->len;
	unsigned cp;

	if (s == NULL)
		return NULL;
	while (r->len > 0 && p < end) {
		if (p[0] == '_' && p[1] == 'x' && sscanf(p + 2, "%4x", &cp) == 1 &&
		    strspn(p + 2, "0123456789abcdefABCDEF") >= 4 && p[6] == '_' &&
		    cp > 0 && (cp < 0xD800 || cp > 0xDFFF)) {
			o += text_put((int32_t)cp, o);	/* 7 bytes of escape give 1 to 3 */
			p += 7;
		} else
			*o++ = *p++;
	}
	*o = '\0';
	r->len = 0;
	return s;
}

/* A DOCTYPE, entity or anything of a DTD: refused. */
static void
doctype(void *data, const XML_Char *name, const XML_Char *sysid, const XML_Char *pubid,
    int internal)
{
	struct reader *r = data;

	fail(r, MC_EINVAL, _("%s: %s declares a DTD (<!DOCTYPE>), which an .xlsx file never "
	    "needs: refused"), r->name, r->part);
}

static void
entity(void *data, const XML_Char *name, int pe, const XML_Char *value, int len,
    const XML_Char *base, const XML_Char *sysid, const XML_Char *pubid,
    const XML_Char *notation)
{
	struct reader *r = data;

	fail(r, MC_EINVAL, _("%s: %s declares entities: refused"), r->name, r->part);
}

/*
 * workbook.xml and its relationships: where the first sheet is.
 */

static void
workbook_start(void *data, const XML_Char *name, const XML_Char **atts)
{
	struct reader *r = data;
	const char *id;

	if (strcmp(local(name), "sheet") == 0 && r->sheet_rid[0] == '\0' &&
	    (id = attr(atts, "id")) != NULL)
		snprintf(r->sheet_rid, sizeof r->sheet_rid, "%s", id);
}

static void
rels_start(void *data, const XML_Char *name, const XML_Char **atts)
{
	struct reader *r = data;
	const char *id = attr(atts, "Id"), *target = attr(atts, "Target");

	if (strcmp(local(name), "Relationship") != 0 || id == NULL || target == NULL ||
	    strcmp(id, r->sheet_rid) != 0 || r->sheet_path[0] != '\0')
		return;
	if (target[0] == '/')
		snprintf(r->sheet_path, sizeof r->sheet_path, "%s", target + 1);
	else
		snprintf(r->sheet_path, sizeof r->sheet_path, "xl/%s", target);
}

/*
 * sharedStrings.xml: <si> holds <t>, or runs <r><t>; <rPh> is phonetic and skipped.
 */

static void
strings_start(void *data, const XML_Char *name, const XML_Char **atts)
{
	struct reader *r = data;
	const char *n = local(name);

	if (strcmp(n, "si") == 0) {
		r->len = 0;
		r->collect = 0;
	} else if (strcmp(n, "rPh") == 0)
		r->skip++;
	else if (strcmp(n, "t") == 0)
		r->collect = 1;
}

static void
strings_end(void *data, const XML_Char *name)
{
	struct reader *r = data;
	const char *n = local(name);
	char **ns;

	if (strcmp(n, "rPh") == 0 && r->skip > 0)
		r->skip--;
	else if (strcmp(n, "t") == 0)
		r->collect = 0;
	else if (strcmp(n, "si") == 0 && r->rc == MC_OK) {
		if (r->nstrings >= r->lim->strings_max) {
			fail(r, MC_EINVAL, _("%s: more than %ld shared strings: refused"), r->name,
			    r->lim->strings_max);
			return;
		}
		if (r->nstrings == r->capstrings) {
			r->capstrings = r->capstrings > 0 ? r->capstrings * 2 : 256;
			if ((ns = realloc(r->strings, (size_t)r->capstrings * sizeof *ns)) == NULL) {
				fail(r, MC_ENOMEM, "%s", mc_strerror(MC_ENOMEM));
				return;
			}
			r->strings = ns;
		}
		if ((r->strings[r->nstrings] = take_text(r)) == NULL) {
			fail(r, MC_ENOMEM, "%s", mc_strerror(MC_ENOMEM));
			return;
		}
		r->nstrings++;
	}
}

/*
 * The sheet: <row r="2"><c r="B2" t="s"><v>3</v></c><c t="inlineStr"><is><t>..</t></is></c>
 */

static void
free_cells(struct reader *r)
{
	int i;

	for (i = 0; r->cells != NULL && i < r->ncells; i++) {
		free(r->cells[i]);
		r->cells[i] = NULL;
	}
	r->ncells = 0;
}

/* The column of a cell reference ("B2" -> 1), or -1. */
static int
column_of(const char *ref, int next)
{
	int c = 0, letters = 0;

	if (ref == NULL)
		return next;
	for (; *ref >= 'A' && *ref <= 'Z'; ref++, letters++) {
		c = c * 26 + (*ref - 'A' + 1);
		if (c > 16384)
			return -1;
	}
	return letters > 0 ? c - 1 : next;
}

static void
sheet_start(void *data, const XML_Char *name, const XML_Char **atts)
{
	struct reader *r = data;
	const char *n = local(name), *v;
	long row;

	if (r->rc != MC_OK)
		return;
	if (strcmp(n, "row") == 0) {
		if (++r->rows > r->lim->rows_max) {
			fail(r, MC_EINVAL, _("%s: the sheet has more than %ld rows: refused"), r->name,
			    r->lim->rows_max);
			return;
		}
		v = attr(atts, "r");
		row = v != NULL ? strtol(v, NULL, 10) : 0;
		r->row = row > r->row && row <= 1048576 ? row : r->row + 1;
		free_cells(r);
	} else if (strcmp(n, "c") == 0) {
		r->col = column_of(attr(atts, "r"), r->ncells);
		if (r->col >= r->lim->cols_max)
			r->col = -1;
		v = attr(atts, "t");
		snprintf(r->ctype, sizeof r->ctype, "%s", v != NULL ? v : "n");
		r->len = 0;
		free(r->value);
		r->value = NULL;
	} else if (strcmp(n, "v") == 0) {
		r->in_value = 1;
		r->collect = 1;
		r->len = 0;
	} else if (strcmp(n, "is") == 0) {
		r->in_inline = 1;
		r->len = 0;
	} else if (strcmp(n, "rPh") == 0)
		r->skip++;
	else if (strcmp(n, "t") == 0 && r->in_inline)
		r->collect = 1;
}

/* The end of a cell: its text into r->cells[r->col]. */
static void
cell_end(struct reader *r)
{
	char *s = r->value;
	long i;
	int k;

	r->value = NULL;
	if (r->col < 0 || s == NULL) {
		free(s);
		return;
	}
	if (strcmp(r->ctype, "s") == 0) {
		i = strtol(s, NULL, 10);
		free(s);
		if (i < 0 || i >= r->nstrings) {
			fail(r, MC_EINVAL, _("%s: a cell of row %ld refers to a shared string that "
			    "does not exist"), r->name, r->row);
			return;
		}
		if ((s = strdup(r->strings[i])) == NULL) {
			fail(r, MC_ENOMEM, "%s", mc_strerror(MC_ENOMEM));
			return;
		}
	}
	for (k = r->ncells; k <= r->col; k++)
		r->cells[k] = NULL;
	if (r->col >= r->ncells)
		r->ncells = r->col + 1;
	free(r->cells[r->col]);
	r->cells[r->col] = s;
}

static void
sheet_end(void *data, const XML_Char *name)
{
	struct reader *r = data;
	const char *n = local(name);
	const char *row[256];
	int i, any = 0, rc;

	if (r->rc != MC_OK)
		return;
	if (strcmp(n, "v") == 0 && r->in_value) {
		r->in_value = r->collect = 0;
		free(r->value);
		if ((r->value = take_text(r)) == NULL)
			fail(r, MC_ENOMEM, "%s", mc_strerror(MC_ENOMEM));
	} else if (strcmp(n, "t") == 0 && r->in_inline)
		r->collect = 0;
	else if (strcmp(n, "rPh") == 0 && r->skip > 0)
		r->skip--;
	else if (strcmp(n, "is") == 0 && r->in_inline) {
		r->in_inline = 0;
		free(r->value);
		if ((r->value = take_text(r)) == NULL)
			fail(r, MC_ENOMEM, "%s", mc_strerror(MC_ENOMEM));
	} else if (strcmp(n, "c") == 0)
		cell_end(r);
	else if (strcmp(n, "row") == 0) {
		for (i = 0; i < r->ncells && i < 256; i++) {
			row[i] = r->cells[i] != NULL ? r->cells[i] : "";
			any |= row[i][0] != '\0';
		}
		if (any && (rc = r->fn(r->row, row, r->ncells, r->ctx)) != MC_OK) {
			r->rc = rc;	/* the callback filled err */
			XML_StopParser(r->xp, XML_FALSE);
		}
		free_cells(r);
	}
}

/*
 * Reading one part through expat.
 */

/* Parse the part called part (absent: MC_ENOTFOUND, quietly when optional). */
static int
parse_part(struct reader *r, const char *part, int optional, XML_StartElementHandler start,
    XML_EndElementHandler end)
{
	zip_stat_t zs;
	zip_file_t *zf;
	zip_int64_t idx, n;
	char *chunk;
	size_t total = 0;
	int last = 0;

	if (r->rc != MC_OK)
		return r->rc;
	r->part = part;
	if ((idx = zip_name_locate(r->zip, part, 0)) < 0 || zip_stat_index(r->zip, (zip_uint64_t)idx, 0, &zs) != 0) {
		if (optional)
			return MC_ENOTFOUND;
		return fail(r, MC_EINVAL, _("%s is not a spreadsheet of the portal's kind: it has no %s"),
		    r->name, part);
	}
	if ((zs.valid & ZIP_STAT_SIZE) && zs.size > r->lim->part_max)
		return fail(r, MC_EINVAL, _("%s: %s would be %llu bytes uncompressed, more than %zu: refused"),
		    r->name, part, (unsigned long long)zs.size, r->lim->part_max);
	if ((zf = zip_fopen_index(r->zip, (zip_uint64_t)idx, 0)) == NULL)
		return fail(r, MC_EINVAL, _("%s: the .xlsx file is damaged (%s)"), r->name,
		    zip_strerror(r->zip));
	if ((chunk = malloc(CHUNK)) == NULL || (r->xp = XML_ParserCreate("UTF-8")) == NULL) {
		free(chunk);
		zip_fclose(zf);
		return fail(r, MC_ENOMEM, "%s", mc_strerror(MC_ENOMEM));
	}
	XML_SetUserData(r->xp, r);
	XML_SetElementHandler(r->xp, start, end);
	XML_SetCharacterDataHandler(r->xp, text);
	XML_SetStartDoctypeDeclHandler(r->xp, doctype);
	XML_SetEntityDeclHandler(r->xp, entity);
	r->collect = r->skip = 0;
	r->len = 0;
	while (r->rc == MC_OK && !last) {
		if ((n = zip_fread(zf, chunk, CHUNK)) < 0) {
			fail(r, MC_EINVAL, _("%s: the .xlsx file is damaged in %s (%s)"), r->name, part,
			    zip_file_strerror(zf));
			break;
		}
		total += (size_t)n;
		last = n == 0;
		if (total > r->lim->part_max)
			fail(r, MC_EINVAL, _("%s: %s is more than %zu bytes uncompressed: refused"),
			    r->name, part, r->lim->part_max);
		else if (total > RATIO_FLOOR && (zs.valid & ZIP_STAT_COMP_SIZE) &&
		    total / (zs.comp_size > 0 ? zs.comp_size : 1) > r->lim->ratio_max)
			fail(r, MC_EINVAL, _("%s: %s is compressed more than %u times, like a zip "
			    "bomb: refused"), r->name, part, r->lim->ratio_max);
		else if (XML_Parse(r->xp, chunk, (int)n, last) == XML_STATUS_ERROR && r->rc == MC_OK)
			fail(r, MC_EINVAL, _("%s: %s is not well-formed XML (line %lu: %s)"), r->name,
			    part, (unsigned long)XML_GetCurrentLineNumber(r->xp),
			    XML_ErrorString(XML_GetErrorCode(r->xp)));
	}
	XML_ParserFree(r->xp);
	r->xp = NULL;
	free(chunk);
	zip_fclose(zf);
	return r->rc;
}

static int
read_zip(struct reader *r)
{
	int rc;

	if (parse_part(r, "xl/workbook.xml", 0, workbook_start, NULL) != MC_OK)
		return r->rc;
	if (r->sheet_rid[0] == '\0')
		return fail(r, MC_EINVAL, _("%s has no worksheet"), r->name);
	if (parse_part(r, "xl/_rels/workbook.xml.rels", 0, rels_start, NULL) != MC_OK)
		return r->rc;
	if (r->sheet_path[0] == '\0')
		return fail(r, MC_EINVAL, _("%s has no worksheet"), r->name);
	rc = parse_part(r, "xl/sharedStrings.xml", 1, strings_start, strings_end);
	if (rc != MC_OK && rc != MC_ENOTFOUND)
		return rc;
	if ((r->cells = calloc((size_t)r->lim->cols_max + 1, sizeof *r->cells)) == NULL)
		return fail(r, MC_ENOMEM, "%s", mc_strerror(MC_ENOMEM));
	return parse_part(r, r->sheet_path, 0, sheet_start, sheet_end);
}

static void
reader_free(struct reader *r)
{
	long i;

	free_cells(r);
	free(r->cells);
	for (i = 0; i < r->nstrings; i++)
		free(r->strings[i]);
	free(r->strings);
	free(r->buf);
	free(r->value);
	if (r->zip != NULL)
		zip_discard(r->zip);
}

static int
read_source(zip_source_t *src, const char *name, const struct xlsx_limits *l,
    xlsx_row_fn *fn, void *ctx, struct mc_error *err)
{
	struct xlsx_limits dflt;
	struct reader r;
	zip_error_t ze;
	int rc;

	if (l == NULL) {
		xlsx_limits_default(&dflt);
		l = &dflt;
	}
	memset(&r, 0, sizeof r);
	r.name = name;
	r.lim = l->cols_max > 256 ? NULL : l;
	r.err = err;
	r.fn = fn;
	r.ctx = ctx;
	r.col = -1;
	if (r.lim == NULL) {
		zip_source_free(src);
		return mc_fail(err, MC_EINVAL, "xlsx: at most 256 columns");
	}
	zip_error_init(&ze);
	if ((r.zip = zip_open_from_source(src, ZIP_RDONLY, &ze)) == NULL) {
		zip_source_free(src);
		rc = mc_fail(err, MC_EINVAL, _("%s is not an .xlsx file (%s)"), name,
		    zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return rc;
	}
	zip_error_fini(&ze);
	rc = read_zip(&r);
	reader_free(&r);
	return rc;
}

int
xlsx_read_mem(const void *data, size_t size, const char *name,
    const struct xlsx_limits *l, xlsx_row_fn *fn, void *ctx, struct mc_error *err)
{
	zip_source_t *src;
	zip_error_t ze;

	zip_error_init(&ze);
	if ((src = zip_source_buffer_create(data, size, 0, &ze)) == NULL) {
		zip_error_fini(&ze);
		return mc_fail(err, MC_ENOMEM, NULL);
	}
	zip_error_fini(&ze);
	return read_source(src, name != NULL ? name : "xlsx", l, fn, ctx, err);
}

int
xlsx_read_file(const char *path, const char *name, const struct xlsx_limits *l,
    xlsx_row_fn *fn, void *ctx, struct mc_error *err)
{
	zip_source_t *src;
	zip_error_t ze;
	FILE *fp;
	int e, rc;

	if ((fp = fopen(path, "rb")) == NULL) {
		e = errno;
		return mc_fail(err, e == ENOENT ? MC_ENOTFOUND : MC_EIO, _("cannot open %s: %s"),
		    path, strerror(e));
	}
	fclose(fp);
	zip_error_init(&ze);
	if ((src = zip_source_file_create(path, 0, -1, &ze)) == NULL) {
		rc = mc_fail(err, MC_EIO, _("cannot open %s: %s"), path, zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return rc;
	}
	zip_error_fini(&ze);
	return read_source(src, name != NULL ? name : path, l, fn, ctx, err);
}
