/* csv.h -- a strict, bounded RFC 4180 reader for the files officials edit.
 *
 * Quoted fields (with commas, doubled quotes and newlines), CRLF or LF, a UTF-8 byte
 * order mark, blank lines and lines starting with '#' (comments) are accepted.  Every
 * field is checked to be UTF-8.  A field is at most CSV_FIELD_MAX bytes and a row at
 * most CSV_FIELDS_MAX fields, so a hostile file cannot exhaust memory.
 *
 *	struct csv *c;
 *	if (csv_open_file(path, &c, err)) return err->code;
 *	while ((rc = csv_next(c, err)) == 1)
 *		use(csv_field(c, 0), csv_line(c));
 *	csv_close(c);		// rc == 0 at the end, -1 on a malformed line (err says which)
 */
#ifndef MC_CSV_H
#define MC_CSV_H

#include <stddef.h>

#include "error.h"

#define CSV_FIELD_MAX 65536
#define CSV_FIELDS_MAX 64

struct csv;

/* Open a file ("-" is standard input) or a caller-owned buffer (kept, not copied). */
int csv_open_file(const char *path, struct csv **out, struct mc_error *err);
int csv_open_mem(const char *buf, size_t len, struct csv **out, struct mc_error *err);
void csv_close(struct csv *c);

/* Read the next row: 1 = a row, 0 = end of input, -1 = malformed (err filled). */
int csv_next(struct csv *c, struct mc_error *err);

int csv_nfields(const struct csv *c);
/* Field i of the current row, "" beyond the last; valid until the next csv_next. */
const char *csv_field(const struct csv *c, int i);
/* The line where the current row starts (1-based). */
int csv_line(const struct csv *c);

/* Index of the header field named name (case-insensitive, trimmed), or -1. */
int csv_column(const struct csv *c, const char *name);

#endif
