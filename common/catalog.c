/* catalog.c -- the procedure catalogue: read from CSV, written, looked up, listed;
 * see catalog.h.
 *
 * An import reads the whole file into memory and checks every line before it touches
 * the store: each bad line adds a message ("line 5: the time ...") and the first
 * IMPORT_SHOWN of them (as many as fit in struct mc_error) make up the error, with a
 * count of the rest; one bad line means nothing is written.  A clean file is written
 * in one transaction: every procedure of the file replaces the row of the same code
 * (and its documents); procedures not in the file are kept.
 * Rows are deleted and inserted again rather than updated, so the table's rowid order
 * is the order of the file that last listed them: that is the "catalogue order" in
 * which catalog_group() returns a linked group (its first component leads the intake).
 * This file reads a CSV (catalog_csv_read); catalog-import.c writes what was read.
 *
 * Search compares folded text (text_fold: no case, no diacritics, đ = d): the column
 * procedure.folded holds the folded "code name", and a procedure matches when every
 * word of the folded query is a substring of it.  A commune's catalogue has tens to a
 * few hundred rows, so the words are matched in C over one pass of the table.  The
 * picker's ranking is catalog-find.c; the .xlsx reader catalog-xlsx.c, which shares
 * the checks and the writing below through catalog-int.h; the import from start to
 * end (which reader, the transaction, the audit row and the version) catalog-import.c.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "catalog.h"
#include "catalog-int.h"
#include "csv.h"
#include "i18n.h"
#include "names.h"
#include "store.h"
#include "text.h"

#define SETS_MAX 99
#define GROUP_MAX 64
#define SOURCE_MAX 300		/* bytes of a row's source */
#define HEADER "code,name,field,time,unit,cutoff,fee,fee_online,fee_rule,group,agency,verify,source,documents"

enum column {
	COL_CODE,
	COL_NAME,
	COL_FIELD,
	COL_TIME,
	COL_UNIT,
	COL_CUTOFF,
	COL_FEE,
	COL_FEE_RULE,
	COL_GROUP,
	COL_AGENCY,
	COL_DOCUMENTS,
	COL_FEE_ONLINE,		/* the optional ones last */
	COL_VERIFY,
	COL_SOURCE,
	NCOLUMNS
};
#define FIRST_OPTIONAL COL_FEE_ONLINE

static const char *const column_names[NCOLUMNS] = {
	[COL_CODE] = "code",
	[COL_NAME] = "name",
	[COL_FIELD] = "field",
	[COL_TIME] = "time",
	[COL_UNIT] = "unit",
	[COL_CUTOFF] = "cutoff",
	[COL_FEE] = "fee",
	[COL_FEE_RULE] = "fee_rule",
	[COL_GROUP] = "group",
	[COL_AGENCY] = "agency",
	[COL_DOCUMENTS] = "documents",
	[COL_FEE_ONLINE] = "fee_online",
	[COL_VERIFY] = "verify",
	[COL_SOURCE] = "source",
};

static const char *const verify_names[] = { "time", "fee", "documents" };

static const char *const kind_names[] = {
	[DOC_ORIGINAL] = "original",
	[DOC_COPY] = "copy",
	[DOC_EITHER] = "either",
};

/* Where each column of the CSV is. */
struct columns {
	int col[NCOLUMNS];		/* index of each column in the file; -1: absent */
	int nheader;			/* fields of the header row */
};

const char *
document_kind_name(int kind)
{
	return mc_name(kind_names, MC_NAMES_COUNT(kind_names), kind);
}

/* A document's kind; "either" when s names none. */
static int
document_kind_parse(const char *s)
{
	int k = mc_name_parse(kind_names, MC_NAMES_COUNT(kind_names), s, 0);

	return k >= 0 ? k : DOC_EITHER;
}

void
procedure_free(struct procedure *p)
{
	int i;

	if (p == NULL)
		return;
	free(p->name);
	free(p->field);
	free(p->fee_rule);
	free(p->group);
	free(p->agency);
	free(p->source);
	for (i = 0; i < p->ndocs; i++)
		free(p->docs[i].name);
	free(p->docs);
	memset(p, 0, sizeof *p);
	p->cutoff = -1;
	p->fee_online = -1;
}

long
procedure_fee(const struct procedure *p, const char *channel)
{
	if (channel != NULL && strcmp(channel, "online") == 0 && p->fee_online >= 0)
		return p->fee_online;
	return p->fee;
}

const char *
catalog_verify_words(int flags, char *buf, size_t n)
{
	size_t len = 0;
	int i;

	if (n > 0)
		buf[0] = '\0';
	for (i = 0; i < (int)(sizeof verify_names / sizeof verify_names[0]); i++)
		if ((flags & (1 << i)) && len < n)
			len += (size_t)snprintf(buf + len, n - len, "%s%s", len > 0 ? " " : "",
			    verify_names[i]);
	return buf;
}

int
catalog_verify_parse(const char *s)
{
	int flags = 0, i, found;
	size_t k;

	while (*s != '\0') {
		if (*s == ' ' || *s == ',' || *s == '\t') {
			s++;
			continue;
		}
		k = strcspn(s, " ,\t");
		for (i = 0, found = 0; i < (int)(sizeof verify_names / sizeof verify_names[0]); i++)
			if (strlen(verify_names[i]) == k && strncmp(s, verify_names[i], k) == 0) {
				flags |= 1 << i;
				found = 1;
			}
		if (!found)
			return -1;
		s += k;
	}
	return flags;
}

const char *
catalog_verify_text(int flags, char *buf, size_t n)
{
	const char *words[3] = { _("time"), _("fee"), _("documents") };
	size_t len = 0;
	int i;

	if (n > 0)
		buf[0] = '\0';
	for (i = 0; i < 3; i++)
		if ((flags & (1 << i)) && len < n)
			len += (size_t)snprintf(buf + len, n - len, "%s%s", len > 0 ? ", " : "", words[i]);
	return buf;
}

/*
 * Checking one line.
 */

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int
is_alnum(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* s without its leading and trailing blanks, as a new string (NULL: no memory). */
char *
catalog_dup_trim(const char *s, size_t n)
{
	char *t;

	while (n > 0 && is_blank(*s)) {
		s++;
		n--;
	}
	while (n > 0 && is_blank(s[n - 1]))
		n--;
	if ((t = malloc(n + 1)) == NULL)
		return NULL;
	memcpy(t, s, n);
	t[n] = '\0';
	return t;
}

/* A bad value cut to VALUE_SHOWN bytes on a character boundary, for a message. */
const char *
catalog_shorten(const char *s, char buf[VALUE_SHOWN + 4])
{
	size_t n = text_cut(s, VALUE_SHOWN);

	if (s[n] == '\0')
		return s;
	memcpy(buf, s, n);
	memcpy(buf + n, "...", 4);
	return buf;
}

/* Note a bad line: counted always, quoted while there is room. */
void
catalog_bad(struct import *im, int line, const char *fmt, ...)
{
	char what[SHOWN_MAX];
	va_list ap;

	if (im->nbad < IMPORT_SHOWN) {
		va_start(ap, fmt);
		vsnprintf(what, sizeof what, fmt, ap);
		va_end(ap);
		text_cut_end(what);
		snprintf(im->shown[im->nbad], SHOWN_MAX, _("line %d: %s"), line, what);
		text_cut_end(im->shown[im->nbad]);
	}
	im->nbad++;
}

/* d.dddddd, then optionally a local suffix of dot-separated letters and digits
 * (".000.00.00.H14"), blanks around; the suffix goes to agency, upper case. */
int
catalog_code_parse(const char *in, char code[CATALOG_CODE_MAX], char agency[CATALOG_CODE_MAX])
{
	const char *s = in, *end;
	size_t n, i;

	code[0] = agency[0] = '\0';
	while (is_blank(*s))
		s++;
	for (end = s + strlen(s); end > s && is_blank(end[-1]); end--)
		;
	n = (size_t)(end - s);
	if (n < 8 || n >= CATALOG_CODE_MAX || !is_digit(s[0]) || s[1] != '.')
		return MC_EINVAL;
	for (i = 2; i < 8; i++)
		if (!is_digit(s[i]))
			return MC_EINVAL;
	for (i = 8; i < n && s[i] == '.'; ) {
		if (++i == n || !is_alnum(s[i]))
			return MC_EINVAL;
		while (i < n && is_alnum(s[i]))
			i++;
	}
	if (i != n)
		return MC_EINVAL;
	memcpy(code, s, 8);
	code[8] = '\0';
	if (n > 9) {
		for (i = 9; i < n; i++)
			agency[i - 9] = s[i] >= 'a' && s[i] <= 'z' ? (char)(s[i] - 'a' + 'A') : s[i];
		agency[n - 9] = '\0';
	}
	return MC_OK;
}

/* A whole number of 0..max written with digits only; -1 if not. */
static long
number_parse(const char *s, long max)
{
	long v = 0;

	if (*s == '\0')
		return -1;
	for (; *s != '\0'; s++) {
		if (!is_digit(*s) || v > (max - (*s - '0')) / 10)
			return -1;
		v = v * 10 + (*s - '0');
	}
	return v;
}

/* An amount in đồng: digits, optionally with dots between groups of three
 * ("8000", "8.000", "200.000"); -1 if not. */
long
catalog_fee_parse(const char *s)
{
	char digits[32];
	size_t n = 0, group = 0;
	int dots = 0;

	for (; *s != '\0'; s++) {
		if (*s == '.') {
			if (n == 0 || (dots > 0 && group != 3) || (dots == 0 && group > 3))
				return -1;
			dots++;
			group = 0;
		} else if (is_digit(*s) && n + 1 < sizeof digits) {
			digits[n++] = *s;
			group++;
		} else
			return -1;
	}
	if (n == 0 || (dots > 0 && group != 3))
		return -1;
	digits[n] = '\0';
	return number_parse(digits, FEE_MAX);
}

/* A cut-off: "" (the office's), "HH:MM", "H:MM" or "HH:MM:00" as a spreadsheet
 * saves it.  Minutes of the day, -1 for "", -2 if bad. */
int
catalog_cutoff_parse(const char *s)
{
	char buf[6];
	size_t n = strlen(s);
	int m;

	if (n == 0)
		return -1;
	if (n == 8 && strcmp(s + 5, ":00") == 0)
		n = 5;
	if (n == 4 && s[1] == ':') {
		buf[0] = '0';
		memcpy(buf + 1, s, 4);
	} else if (n == 5)
		memcpy(buf, s, 5);
	else
		return -2;
	buf[5] = '\0';
	return (m = mc_hhmm_parse(buf)) < 0 ? -2 : m;
}

/* A group name: letters, digits, '.', '_' and '-', at most GROUP_MAX bytes. */
static int
group_check(const char *s)
{
	if (strlen(s) > GROUP_MAX)
		return 0;
	for (; *s != '\0'; s++)
		if (!is_alnum(*s) && *s != '.' && *s != '_' && *s != '-')
			return 0;
	return 1;
}

/* The text of column col on this row, trimmed and in NFC, as a new string; NULL
 * (and a complaint, or nomem) when it is not one line of text. */
static char *
text_column(struct import *im, const struct columns *cols, struct csv *c, enum column col)
{
	const char *raw = cols->col[col] >= 0 ? csv_field(c, cols->col[col]) : "";
	char *t, *nfc;

	if (!text_storable(raw, TEXT_LINE)) {
		catalog_bad(im, csv_line(c), _("the %s column must be one line of text"), column_names[col]);
		return NULL;
	}
	if ((t = catalog_dup_trim(raw, strlen(raw))) == NULL || (nfc = text_nfc(t)) == NULL) {
		free(t);
		im->nomem = 1;
		return NULL;
	}
	free(t);
	return nfc;
}

/* The bytes of an 'x' or '×' ending s[0..i), or 0. */
static size_t
times_sign(const char *s, size_t i)
{
	if (i >= 2 && (unsigned char)s[i - 2] == 0xC3 && (unsigned char)s[i - 1] == 0x97)
		return 2;
	return i >= 1 && (s[i - 1] == 'x' || s[i - 1] == 'X') ? 1 : 0;
}

/* 1 if s[0..n) ends with a size such as "4x6" or "4 x 6". */
static int
ends_with_size(const char *s, size_t n)
{
	size_t i = n, k;

	if (i == 0 || !is_digit(s[i - 1]))
		return 0;
	while (i > 0 && is_digit(s[i - 1]))
		i--;
	while (i > 0 && is_blank(s[i - 1]))
		i--;
	if ((k = times_sign(s, i)) == 0)
		return 0;
	for (i -= k; i > 0 && is_blank(s[i - 1]); i--)
		;
	return i > 0 && is_digit(s[i - 1]);
}

/* Take a trailing " xN" (N sets) off name[0..*n); 1 if there was one, -1 if N is
 * out of range, 0 if none.  "Ảnh 4x6" and "Ảnh 4 x 6" are sizes, not sets, but
 * "Ảnh 4x6 x2" is two of them. */
static int
strip_sets(const char *name, size_t *n, int *sets)
{
	size_t end = *n, i = end, k;
	long v;
	char num[8];

	while (i > 0 && is_digit(name[i - 1]))
		i--;
	if (i == end || end - i >= sizeof num)
		return 0;
	memcpy(num, name + i, end - i);
	num[end - i] = '\0';
	while (i > 0 && is_blank(name[i - 1]))
		i--;
	if ((k = times_sign(name, i)) == 0)
		return 0;
	i -= k;
	if (i == 0 || !is_blank(name[i - 1]))
		return 0;		/* "...Box2" or "4x6": part of the name */
	while (i > 0 && is_blank(name[i - 1]))
		i--;
	if (i > 0 && is_digit(name[i - 1]) && !ends_with_size(name, i))
		return 0;		/* "ảnh 4 x 6" */
	v = number_parse(num, SETS_MAX);
	if (v < 1)
		return -1;
	*sets = (int)v;
	*n = i;
	return 1;
}

/* Read a trailing "(...)" of name[0..*n) as a kind: "(bản chính)", "(bản sao)" or
 * "(bản chính hoặc bản sao)" are taken off the name; a longer note that starts with
 * one of them ("(bản sao có chứng thực)") sets the kind and stays in the name.
 * -1 when out of memory. */
static int
strip_kind(const char *name, size_t *n, int *kind)
{
	size_t end = *n, open;
	char *inner, *folded;
	int exact = 0;

	if (end == 0 || name[end - 1] != ')')
		return 0;
	for (open = end - 1; open > 0 && name[open - 1] != '('; open--)
		;
	if (open == 0)
		return 0;
	if ((inner = catalog_dup_trim(name + open, end - 1 - open)) == NULL)
		return -1;
	folded = text_fold(inner);
	free(inner);
	if (folded == NULL)
		return -1;
	if (strstr(folded, "hoac") != NULL) {
		*kind = DOC_EITHER;
		exact = strcmp(folded, "ban chinh hoac ban sao") == 0 ||
		    strcmp(folded, "ban sao hoac ban chinh") == 0;
	} else if (strncmp(folded, "ban chinh", 9) == 0 && (folded[9] == '\0' || folded[9] == ' ')) {
		*kind = DOC_ORIGINAL;
		exact = folded[9] == '\0';
	} else if (strncmp(folded, "ban sao", 7) == 0 && (folded[7] == '\0' || folded[7] == ' ')) {
		*kind = DOC_COPY;
		exact = folded[7] == '\0';
	}
	free(folded);
	if (exact) {
		for (*n = open - 1; *n > 0 && is_blank(name[*n - 1]); (*n)--)
			;
	}
	return 0;
}

/* Parse the documents column into p->docs: items separated by ';' or line breaks. */
static void
documents_parse(struct import *im, int line, const char *s, struct procedure *p)
{
	const char *item, *end;
	struct document *nd, d;
	size_t n;
	int cap = 0, found, number = 0, kind;

	for (item = s; *item != '\0'; item = *end != '\0' ? end + 1 : end) {
		end = item + strcspn(item, ";\r\n");
		if ((d.name = catalog_dup_trim(item, (size_t)(end - item))) == NULL) {
			im->nomem = 1;
			return;
		}
		if ((n = strlen(d.name)) == 0) {	/* "a;;b", a trailing ';', CR LF */
			free(d.name);
			continue;
		}
		number++;
		if (!text_storable(d.name, TEXT_LINE))
			catalog_bad(im, line, _("document %d: the name has a control character"), number);
		kind = DOC_EITHER;
		d.sets = 1;
		if ((found = strip_sets(d.name, &n, &d.sets)) < 0)
			catalog_bad(im, line, _("document %d: the number of sets must be 1 to %d"), number, SETS_MAX);
		if (strip_kind(d.name, &n, &kind) < 0) {
			free(d.name);
			im->nomem = 1;
			return;
		}
		if (found == 0 && strip_sets(d.name, &n, &d.sets) < 0)
			catalog_bad(im, line, _("document %d: the number of sets must be 1 to %d"), number, SETS_MAX);
		d.kind = kind;
		d.name[n] = '\0';
		if (n == 0 || d.name[0] == '(') {
			catalog_bad(im, line, _("document %d has no name"), number);
			free(d.name);
			continue;
		}
		if (p->ndocs == cap) {
			cap = cap == 0 ? 8 : cap * 2;
			if ((nd = realloc(p->docs, (size_t)cap * sizeof *nd)) == NULL) {
				free(d.name);
				im->nomem = 1;
				return;
			}
			p->docs = nd;
		}
		p->docs[p->ndocs++] = d;
	}
}

/* Check one data row; a good one is appended to im->procs. */
/* The row's code: the national code (and a variant's agency) into p, checked and not
 * already in the file. */
static void
code_column(struct import *im, const struct columns *cols, struct csv *c, struct procedure *p)
{
	char *code, buf[VALUE_SHOWN + 4];
	int line = csv_line(c), i;

	if ((code = text_column(im, cols, c, COL_CODE)) == NULL)
		return;
	if (catalog_code_parse(code, p->code, p->agency_code) != MC_OK)
		catalog_bad(im, line, _("the code \"%s\" is not like 1.001193 (or 1.004873.000.00.00.H14)"),
		    catalog_shorten(code, buf));
	else if ((i = catalog_import_find(im, p->code)) >= 0)
		catalog_bad(im, line, _("the code %s is already on line %d"), p->code, im->lines[i]);
	free(code);
}

/* The optional columns: fee_online, verify, source. */
static void
extra_columns(struct import *im, const struct columns *cols, struct csv *c, struct procedure *p)
{
	char *t, buf[VALUE_SHOWN + 4];
	int line = csv_line(c);

	if ((t = text_column(im, cols, c, COL_FEE_ONLINE)) != NULL) {
		if (t[0] != '\0' && (p->fee_online = catalog_fee_parse(t)) < 0)
			catalog_bad(im, line, _("the online fee \"%s\" is not an amount in dong like 8000 or 8.000 (or empty: as at the counter)"),
			    catalog_shorten(t, buf));
		free(t);
	}
	if ((t = text_column(im, cols, c, COL_VERIFY)) != NULL) {
		if ((p->verify = catalog_verify_parse(t)) < 0)
			catalog_bad(im, line, _("the verify column \"%s\" may list only time, fee and documents"),
			    catalog_shorten(t, buf));
		free(t);
	}
	if ((p->source = text_column(im, cols, c, COL_SOURCE)) != NULL && strlen(p->source) > SOURCE_MAX)
		catalog_bad(im, line, _("the source is longer than %d bytes"), SOURCE_MAX);
}

/* The time, unit and cut-off columns into p. */
static void
time_columns(struct import *im, const struct columns *cols, struct csv *c, struct procedure *p)
{
	char *t, buf[VALUE_SHOWN + 4];
	int line = csv_line(c), unit;
	long v;

	if ((t = text_column(im, cols, c, COL_TIME)) != NULL) {
		if ((v = number_parse(t, CAL_MAX_AMOUNT)) < 0)
			catalog_bad(im, line, _("the time \"%s\" is not a whole number from 0 to %d"),
			    catalog_shorten(t, buf), CAL_MAX_AMOUNT);
		p->time_value = (int)v;
		free(t);
	}
	if ((t = text_column(im, cols, c, COL_UNIT)) != NULL) {
		if ((unit = time_unit_parse(t)) < 0)
			catalog_bad(im, line, _("unknown unit \"%s\" (working-days, days, same-day or hours)"),
			    catalog_shorten(t, buf));
		p->unit = unit < 0 ? TU_WORKING_DAYS : (enum time_unit)unit;
		free(t);
	}
	if ((t = text_column(im, cols, c, COL_CUTOFF)) != NULL) {
		if ((p->cutoff = catalog_cutoff_parse(t)) == -2)
			catalog_bad(im, line, _("the cut-off \"%s\" is not a time like 15:00"), catalog_shorten(t, buf));
		free(t);
	}
}

/* Check one data row; a good one is appended to im->procs. */
static void
row_parse(struct import *im, const struct columns *cols, struct csv *c)
{
	struct procedure p;
	char *docs = NULL, *t, buf[VALUE_SHOWN + 4];
	const char *raw;
	int line = csv_line(c), before = im->nbad;

	memset(&p, 0, sizeof p);
	p.cutoff = -1;
	p.fee_online = -1;
	if (csv_nfields(c) != cols->nheader) {
		catalog_bad(im, line, _("%d fields where the header has %d (a field with a comma needs quotes)"),
		    csv_nfields(c), cols->nheader);
		return;
	}
	code_column(im, cols, c, &p);
	if ((p.name = text_column(im, cols, c, COL_NAME)) != NULL && p.name[0] == '\0')
		catalog_bad(im, line, _("the name is empty"));
	p.field = text_column(im, cols, c, COL_FIELD);
	p.fee_rule = text_column(im, cols, c, COL_FEE_RULE);
	p.agency = text_column(im, cols, c, COL_AGENCY);
	time_columns(im, cols, c, &p);
	if ((t = text_column(im, cols, c, COL_FEE)) != NULL) {
		if ((p.fee = catalog_fee_parse(t)) < 0)
			catalog_bad(im, line, _("the fee \"%s\" is not an amount in dong like 8000 or 8.000"),
			    catalog_shorten(t, buf));
		free(t);
	}
	if ((t = text_column(im, cols, c, COL_GROUP)) != NULL) {
		if (!group_check(t))
			catalog_bad(im, line, _("the group \"%s\" may have only letters, digits, '.', '_' and '-'"),
			    catalog_shorten(t, buf));
		if (t[0] != '\0')
			p.group = t;
		else
			free(t);
	}
	extra_columns(im, cols, c, &p);

	raw = csv_field(c, cols->col[COL_DOCUMENTS]);
	if (!text_valid(raw, strlen(raw)))
		catalog_bad(im, line, _("the documents column has control characters"));
	else if ((docs = text_nfc(raw)) == NULL)
		im->nomem = 1;
	else
		documents_parse(im, line, docs, &p);
	free(docs);
	if (im->nbad > before || im->nomem || p.name == NULL || p.field == NULL ||
	    p.fee_rule == NULL || p.agency == NULL || p.source == NULL) {
		procedure_free(&p);
		return;
	}
	catalog_import_add(im, &p, line);
}

int
catalog_import_find(const struct import *im, const char *code)
{
	int i;

	for (i = 0; i < im->n; i++)
		if (strcmp(im->procs[i].code, code) == 0)
			return i;
	return -1;
}

void
catalog_import_add(struct import *im, struct procedure *p, int line)
{
	if (im->n == im->cap) {
		struct procedure *np;
		int *nl, ncap = im->cap == 0 ? 32 : im->cap * 2;

		if ((np = realloc(im->procs, (size_t)ncap * sizeof *np)) != NULL)
			im->procs = np;
		if ((nl = realloc(im->lines, (size_t)ncap * sizeof *nl)) != NULL)
			im->lines = nl;
		if (np == NULL || nl == NULL) {
			procedure_free(p);
			im->nomem = 1;
			return;
		}
		im->cap = ncap;
	}
	im->lines[im->n] = line;
	im->procs[im->n++] = *p;
	memset(p, 0, sizeof *p);
}

void
catalog_import_free(struct import *im)
{
	int i;

	for (i = 0; i < im->n; i++)
		procedure_free(&im->procs[i]);
	free(im->procs);
	free(im->lines);
	memset(im, 0, sizeof *im);
}

/* Find every column of the header; MC_OK or MC_ECSV naming the missing ones. */
static int
header_parse(struct columns *cols, struct csv *c, struct mc_error *err)
{
	char missing[256] = "";
	size_t len = 0;
	int i;

	cols->nheader = csv_nfields(c);
	for (i = 0; i < NCOLUMNS; i++) {
		if ((cols->col[i] = csv_column(c, column_names[i])) < 0 && i < FIRST_OPTIONAL)
			len += (size_t)snprintf(missing + len, sizeof missing - len, "%s%s",
			    len > 0 ? ", " : "", column_names[i]);
	}
	if (len > 0)
		return mc_fail(err, MC_ECSV,
		    _("line %d: the header lacks the column(s) %s; the first line must be: %s"),
		    csv_line(c), missing, HEADER);
	return MC_OK;
}

/* The collected complaints as one message in err: as many of the first
 * IMPORT_SHOWN as fit whole, then how many more there are.  Returns code. */
int
catalog_import_fail(struct import *im, int code, const char *path, struct mc_error *err)
{
	char msg[sizeof err->msg], more[64];
	const char *base = strrchr(path, '/');
	size_t len, need;
	int i;

	snprintf(msg, sizeof msg, _("%s: nothing was imported, %d error(s): "),
	    base != NULL ? base + 1 : path, im->nbad);
	text_cut_end(msg);
	len = strlen(msg);
	for (i = 0; i < im->nbad && i < IMPORT_SHOWN; i++) {
		need = (i > 0 ? 2 : 0) + strlen(im->shown[i]);
		if (len + need + sizeof more >= sizeof msg)
			break;
		len += (size_t)snprintf(msg + len, sizeof msg - len, "%s%s", i > 0 ? "; " : "",
		    im->shown[i]);
	}
	if (i < im->nbad) {
		snprintf(more, sizeof more, _("; and %d more"), im->nbad - i);
		text_cut_end(more);
		snprintf(msg + len, sizeof msg - len, "%s", more);
	}
	return mc_fail(err, code, "%s", msg);
}

char *
catalog_folded(const char *code, const char *name)
{
	size_t n = strlen(code) + strlen(name) + 2;
	char *both = malloc(n), *folded;

	if (both == NULL)
		return NULL;
	snprintf(both, n, "%s %s", code, name);
	folded = text_fold(both);
	free(both);
	return folded;
}

/* Bind p's values to the INSERT of catalog_write_procedure(). */
static void
bind_procedure(sqlite3_stmt *s, const struct procedure *p, const char *folded)
{
	char cutoff[16], verify[64];

	if (p->cutoff >= 0)
		snprintf(cutoff, sizeof cutoff, "%02d:%02d", p->cutoff / 60, p->cutoff % 60);
	sqlite3_bind_text(s, 1, p->code, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, p->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, p->field, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 4, p->time_value);
	sqlite3_bind_text(s, 5, time_unit_name(p->unit), -1, SQLITE_STATIC);
	store_bind_text(s, 6, p->cutoff >= 0 ? cutoff : NULL);
	sqlite3_bind_int64(s, 7, p->fee);
	sqlite3_bind_text(s, 8, p->fee_rule, -1, SQLITE_STATIC);
	store_bind_text(s, 9, p->group);
	sqlite3_bind_text(s, 10, p->agency, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 11, folded, -1, SQLITE_STATIC);
	if (p->fee_online >= 0)
		sqlite3_bind_int64(s, 12, p->fee_online);
	else
		sqlite3_bind_null(s, 12);
	sqlite3_bind_text(s, 13, catalog_verify_words(p->verify, verify, sizeof verify), -1,
	    SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 14, p->source != NULL ? p->source : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 15, p->agency_code, -1, SQLITE_STATIC);
}

/* Replace one procedure and its documents (inside the import's transaction). */
int
catalog_write_procedure(struct store *st, const struct procedure *p, struct mc_error *err)
{
	sqlite3_stmt *s;
	char *folded;
	int rc, i;

	if ((rc = store_prepare(st, "DELETE FROM procedure_document WHERE procedure = ?1",
	    &s, err)) != MC_OK)
		return rc;
	sqlite3_bind_text(s, 1, p->code, -1, SQLITE_STATIC);
	if ((rc = store_step_done(st, s, err)) != MC_OK)
		return rc;
	if ((rc = store_prepare(st, "DELETE FROM procedure WHERE code = ?1", &s, err)) != MC_OK)
		return rc;
	sqlite3_bind_text(s, 1, p->code, -1, SQLITE_STATIC);
	if ((rc = store_step_done(st, s, err)) != MC_OK)
		return rc;

	if ((rc = store_prepare(st, "INSERT INTO procedure(code, name, field, time_value, time_unit, "
	    "cutoff, fee, fee_rule, linked_group, agency, folded, fee_online, verify, source, "
	    "agency_code) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
	    &s, err)) != MC_OK)
		return rc;
	if ((folded = catalog_folded(p->code, p->name)) == NULL)
		return mc_fail(err, MC_ENOMEM, NULL);
	bind_procedure(s, p, folded);
	rc = store_step_done(st, s, err);
	free(folded);
	if (rc != MC_OK)
		return rc;

	for (i = 0; i < p->ndocs; i++) {
		if ((rc = store_prepare(st, "INSERT INTO procedure_document(procedure, seq, name, kind, sets) "
		    "VALUES (?1, ?2, ?3, ?4, ?5)", &s, err)) != MC_OK)
			return rc;
		sqlite3_bind_text(s, 1, p->code, -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 2, i + 1);
		sqlite3_bind_text(s, 3, p->docs[i].name, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 4, document_kind_name(p->docs[i].kind), -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 5, p->docs[i].sets);
		if ((rc = store_step_done(st, s, err)) != MC_OK)
			return rc;
	}
	return MC_OK;
}

int
catalog_csv_read(const char *path, struct import *im, struct mc_error *err)
{
	struct columns cols;
	struct csv *c;
	int rc, more;

	memset(im, 0, sizeof *im);
	if ((rc = csv_open_file(path, &c, err)) != MC_OK)
		return rc;
	if ((more = csv_next(c, err)) == 0) {
		csv_close(c);
		return mc_fail(err, MC_ECSV, _("%s is empty: the first line must be the header %s"),
		    path, HEADER);
	}
	if (more < 0 || (rc = header_parse(&cols, c, err)) != MC_OK) {
		csv_close(c);
		return more < 0 ? (err != NULL ? err->code : MC_ECSV) : rc;
	}
	while (!im->nomem && (more = csv_next(c, err)) == 1)
		row_parse(im, &cols, c);
	rc = MC_OK;
	if (im->nomem)
		rc = mc_fail(err, MC_ENOMEM, NULL);
	else if (more < 0) {
		/* The reader cannot go on after a malformed line: quote its message. */
		rc = err != NULL ? err->code : MC_ECSV;
		if (im->nbad < IMPORT_SHOWN && err != NULL) {
			snprintf(im->shown[im->nbad], SHOWN_MAX, "%.*s", SHOWN_MAX - 1, err->msg);
			text_cut_end(im->shown[im->nbad]);
		}
		im->nbad++;
		rc = catalog_import_fail(im, rc, path, err);
	} else if (im->nbad > 0)
		rc = catalog_import_fail(im, MC_ECSV, path, err);
	else if (im->n == 0)
		rc = mc_fail(err, MC_ECSV, _("%s has a header but no procedures"), path);
	csv_close(c);
	return rc;
}

/*
 * Reading.
 */

#define QUERY_WORDS 16		/* words of a search that count; more are ignored */

int
catalog_row_load(sqlite3_stmt *s, struct procedure *p)
{
	int unit;

	store_col_copy(s, 14, p->agency_code, sizeof p->agency_code);
	p->fee_online = sqlite3_column_type(s, 11) == SQLITE_NULL ? -1 :
	    (long)sqlite3_column_int64(s, 11);
	if ((p->verify = catalog_verify_parse(store_col_text(s, 12))) < 0)
		p->verify = CATALOG_VERIFY_TIME | CATALOG_VERIFY_FEE;	/* unreadable: doubt it */
	if ((p->source = store_col_dup(s, 13)) == NULL)
		return MC_ENOMEM;
	store_col_copy(s, 0, p->code, sizeof p->code);
	p->time_value = sqlite3_column_int(s, 3);
	unit = time_unit_parse(store_col_text(s, 4));
	p->unit = unit < 0 ? TU_WORKING_DAYS : (enum time_unit)unit;
	if ((p->cutoff = catalog_cutoff_parse(store_col_text(s, 5))) < -1)
		p->cutoff = -1;
	p->fee = (long)sqlite3_column_int64(s, 6);
	if (*store_col_text(s, 8) != '\0' && (p->group = store_col_dup(s, 8)) == NULL)
		return MC_ENOMEM;
	if ((p->name = store_col_dup(s, 1)) == NULL ||
	    (p->field = store_col_dup(s, 2)) == NULL ||
	    (p->fee_rule = store_col_dup(s, 7)) == NULL ||
	    (p->agency = store_col_dup(s, 9)) == NULL)
		return MC_ENOMEM;
	return MC_OK;
}

static int
documents_load(struct store *st, struct procedure *p, struct mc_error *err)
{
	sqlite3_stmt *s;
	struct document *nd;
	int rc, cap = 0;

	if ((rc = store_prepare(st, "SELECT name, kind, sets FROM procedure_document "
	    "WHERE procedure = ?1 ORDER BY seq", &s, err)) != MC_OK)
		return rc;
	sqlite3_bind_text(s, 1, p->code, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (p->ndocs == cap) {
			cap = cap == 0 ? 8 : cap * 2;
			if ((nd = realloc(p->docs, (size_t)cap * sizeof *nd)) == NULL)
				break;
			p->docs = nd;
		}
		nd = &p->docs[p->ndocs];
		if ((nd->name = store_col_dup(s, 0)) == NULL)
			break;
		nd->kind = document_kind_parse(store_col_text(s, 1));
		nd->sets = sqlite3_column_int(s, 2);
		p->ndocs++;
	}
	return store_reset(st, s, rc == SQLITE_ROW ? SQLITE_NOMEM : rc, err);
}

int
catalog_get(struct store *st, const char *code, struct procedure *out,
    struct mc_error *err)
{
	sqlite3_stmt *s;
	char national[CATALOG_CODE_MAX], agency[CATALOG_CODE_MAX];
	int rc;

	memset(out, 0, sizeof *out);
	out->cutoff = -1;
	out->fee_online = -1;
	if ((rc = store_prepare(st, PROCEDURE_SELECT "WHERE code = ?1", &s, err)) != MC_OK)
		return rc;
	/* A local variant is its national procedure. */
	sqlite3_bind_text(s, 1, catalog_code_parse(code, national, agency) == MC_OK ? national : code,
	    -1, SQLITE_TRANSIENT);
	if ((rc = sqlite3_step(s)) != SQLITE_ROW) {
		if ((rc = store_reset(st, s, rc, err)) != MC_OK)
			return rc;
		return mc_fail(err, MC_ENOTFOUND, _("no procedure with code %s"), code);
	}
	rc = catalog_row_load(s, out);
	sqlite3_reset(s);
	if (rc != MC_OK) {
		procedure_free(out);
		return mc_fail(err, rc, NULL);
	}
	if ((rc = documents_load(st, out, err)) != MC_OK)
		procedure_free(out);
	return rc;
}

/* The words of a folded query (split in place). */
struct words {
	const char *w[QUERY_WORDS];
	int n;
};

static void
words_split(char *folded, struct words *q)
{
	char *w, *save = NULL;

	q->n = 0;
	for (w = strtok_r(folded, " ", &save); w != NULL && q->n < QUERY_WORDS;
	    w = strtok_r(NULL, " ", &save))
		q->w[q->n++] = w;
}

static int
words_match(const char *folded, const struct words *q)
{
	int i;

	for (i = 0; i < q->n; i++)
		if (strstr(folded, q->w[i]) == NULL)
			return 0;
	return 1;
}

/* Run sql (its ?1 bound to arg unless NULL) and call fn for the rows whose folded
 * text has every word of q (every row when q is NULL), at most limit (0 = all).
 * The statement is our own (store_prepare_own), not the cache's: fn may call any
 * catalogue function (catalog.h), and some run this very text (catalog_find() reads
 * PROCEDURE_SELECT "ORDER BY code" as catalog_each() does), which would reset the
 * cached statement under us. */
static int
each_row(struct store *st, const char *sql, const char *arg, const struct words *q,
    int limit, int (*fn)(const struct procedure *p, void *ctx), void *ctx,
    struct mc_error *err)
{
	sqlite3_stmt *s;
	struct procedure p;
	int rc, n = 0, stop = 0;

	if ((rc = store_prepare_own(st, sql, &s, err)) != MC_OK)
		return rc;
	if (arg != NULL)
		sqlite3_bind_text(s, 1, arg, -1, SQLITE_STATIC);
	while (!stop && (limit <= 0 || n < limit) && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (q != NULL && !words_match(store_col_text(s, 10), q))
			continue;
		memset(&p, 0, sizeof p);
		if (catalog_row_load(s, &p) != MC_OK) {
			procedure_free(&p);
			rc = SQLITE_NOMEM;
			break;
		}
		stop = fn(&p, ctx) != 0;
		procedure_free(&p);
		n++;
	}
	sqlite3_finalize(s);
	return store_error(st, rc, err);	/* MC_OK for SQLITE_ROW and SQLITE_DONE */
}

int
catalog_each(struct store *st, const char *query, int limit,
    int (*fn)(const struct procedure *p, void *ctx), void *ctx, struct mc_error *err)
{
	struct words q = { .n = 0 };
	char *folded = NULL;
	int rc;

	if (query != NULL && *query != '\0') {
		if (!text_valid(query, strlen(query)))
			return mc_fail(err, MC_EUTF8, NULL);
		if ((folded = text_fold(query)) == NULL)
			return mc_fail(err, MC_ENOMEM, NULL);
		words_split(folded, &q);
	}
	rc = each_row(st, PROCEDURE_SELECT "ORDER BY code", NULL, q.n > 0 ? &q : NULL, limit,
	    fn, ctx, err);
	free(folded);
	return rc;
}

int
catalog_group(struct store *st, const char *group,
    int (*fn)(const struct procedure *p, void *ctx), void *ctx, struct mc_error *err)
{
	if (group == NULL || *group == '\0')
		return MC_OK;
	return each_row(st, PROCEDURE_SELECT "WHERE linked_group = ?1 ORDER BY rowid", group,
	    NULL, 0, fn, ctx, err);
}

/* catalog_list(): the field and the flags, checked on each row catalog_each() keeps. */
struct list_ctx {
	const struct catalog_filter *f;
	struct words field;
	int nomem;
	int (*fn)(const struct procedure *p, void *ctx);
	void *ctx;
};

static int
list_keep(const struct procedure *p, void *ctx)
{
	struct list_ctx *lc = ctx;
	char *folded;
	int match;

	if (lc->f->to_verify && p->verify == 0)
		return 0;
	if (lc->field.n > 0) {
		if ((folded = text_fold(p->field)) == NULL) {
			lc->nomem = 1;
			return 1;
		}
		match = words_match(folded, &lc->field);
		free(folded);
		if (!match)
			return 0;
	}
	return lc->fn(p, lc->ctx);
}

int
catalog_list(struct store *st, const struct catalog_filter *f,
    int (*fn)(const struct procedure *p, void *ctx), void *ctx, struct mc_error *err)
{
	struct list_ctx lc = { .f = f, .fn = fn, .ctx = ctx };
	char *field = NULL;
	int rc;

	if (f->field != NULL && *f->field != '\0') {
		if (!text_valid(f->field, strlen(f->field)))
			return mc_fail(err, MC_EUTF8, NULL);
		if ((field = text_fold(f->field)) == NULL)
			return mc_fail(err, MC_ENOMEM, NULL);
		words_split(field, &lc.field);
	}
	rc = catalog_each(st, f->query, 0, list_keep, &lc, err);
	free(field);
	if (rc == MC_OK && lc.nomem)
		rc = mc_fail(err, MC_ENOMEM, NULL);
	return rc;
}
