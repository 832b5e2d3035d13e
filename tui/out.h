/* out.h -- how sub-commands print: aligned text for people, TSV and JSON for programs.
 *
 *	static const struct out_col cols[] = {
 *		OUT_COL("code", OUT_STR), OUT_COL("fee", OUT_INT), OUT_COL("due_at", OUT_TIME),
 *	};
 *	struct out *o = out_table(c->format, cols, 3);
 *	out_row(o, (const char *[]){ d.code, fee, due });
 *	out_end(o);		// prints and frees
 *
 * Values are handed over as text (NULL: none); a column's type says what they are, so
 * that JSON gets numbers, booleans, null and ISO 8601 times with the office's UTC
 * offset, and text gets words (yes/no, translated).  A command prints one document:
 * a table (JSON: an array of objects), or a record (JSON: one object) that may hold
 * tables (out_nest: JSON nests them under a key; text and TSV print them after it).
 * Keys are English snake_case and mean the same in every command (doc/motcua.1, JSON).
 *
 * Text output in a locale that is not UTF-8 is unaccented (out_init), so an old
 * console shows "Nguyen Van An" rather than garbage.  TSV and JSON are data: they are
 * exact UTF-8 whatever the locale (a cron job or a systemd unit runs in "C").
 * Text and TSV values never carry a control character raw (text_printable: an Esc
 * that an older version let into the store shows as '?', never obeyed by the
 * terminal); JSON keeps the value exact (jansson writes C0 controls as \u escapes).
 */
#ifndef MC_OUT_H
#define MC_OUT_H

enum out_format {
	OUT_TEXT,
	OUT_TSV,
	OUT_JSON,
};

enum out_type {
	OUT_STR,	/* text */
	OUT_INT,	/* a whole number */
	OUT_REAL,	/* a decimal number ("97.5") */
	OUT_BOOL,	/* "1" or "0": text yes/no (translated), TSV and JSON true/false */
	OUT_TIME,	/* office time "YYYY-MM-DD HH:MM[:SS]": JSON ISO 8601 with offset */
	OUT_UTC,	/* a UTC time ("...Z"): JSON ISO 8601 with +00:00 */
	OUT_DATE,	/* "YYYY-MM-DD" */
	OUT_OBJ,	/* JSON text (an event's details): JSON embeds it as a value */
};

struct out_col {
	const char *key;	/* English snake_case: the JSON key and the TSV header */
	enum out_type type;
	/* Text format only: the value in words (translated), e.g. "work" -> "working
	 * day"; NULL shows the value itself.  TSV and JSON keep the value. */
	const char *(*words)(const char *value);
};

/* Table entries: OUT_COL("fee", OUT_INT), OUT_WORDS("kind", OUT_STR, kind_words). */
#define OUT_COL(k, t) { .key = (k), .type = (t) }
#define OUT_WORDS(k, t, w) { .key = (k), .type = (t), .words = (w) }

struct out;

/* Make what people read safe for the terminal's locale: outside a UTF-8 locale,
 * standard error, and standard output when f is OUT_TEXT, are unaccented.  Call once,
 * before printing anything, when the format is known. */
void out_init(enum out_format f);
int out_format_parse(const char *s);	/* -1 if unknown */
/* The office's time zone (setting "timezone") for OUT_TIME in JSON; copied. */
void out_zone(const char *zone);

/* A table with ncols columns (cols must outlive it). */
struct out *out_table(enum out_format f, const struct out_col *cols, int ncols);
/* Add a row of ncols values (copied; NULL is none: empty, JSON null). */
void out_row(struct out *o, const char *const *vals);
/* Print o (and what is nested in it) and free it. */
void out_end(struct out *o);

/* One record: text prints "label: value" lines (labels may be NULL: the keys), TSV
 * key<TAB>value lines, JSON an object.  Printed by out_end(). */
struct out *out_record(enum out_format f, const struct out_col *cols, const char *const *labels,
    const char *const *vals, int n);
/* A table inside record r under key (JSON), printed after r's lines under the
 * heading title (text; NULL none) or right after them (TSV).  Fill it with out_row();
 * out_end(r) prints and frees it with r. */
struct out *out_nest(struct out *r, const char *key, const char *title,
    const struct out_col *cols, int ncols);

/* Replace the values of record r (known only at the end, say). */
void out_set(struct out *r, const char *const *vals);

/* Print one record at once (out_record + out_end). */
void out_print(enum out_format f, const struct out_col *cols, const char *const *labels,
    const char *const *vals, int n);

#endif
