/* xlsx.h -- reading the first worksheet of an .xlsx file (Office Open XML), row by
 * row, with limits that make a damaged, hostile or huge file a clear error.
 *
 * The container is read with libzip and the XML with expat: nothing here unzips or
 * parses by hand.  Cells may hold shared strings (xl/sharedStrings.xml, rich text
 * runs joined, phonetic runs left out), inline strings or plain values; line breaks
 * inside a cell stay, and Excel's escapes "_x000D_" are decoded.  A file is refused,
 * before any row reaches the caller or after some did (the caller must then drop
 * what it collected), when:
 *  - it is not a ZIP archive, or one without a workbook and a first worksheet;
 *  - a part is larger than part_max once uncompressed, or larger than 1 MiB and
 *    compressed more than ratio_max times (a zip bomb), whatever its header says;
 *  - an XML part declares a DTD or entities (billion laughs, external entities);
 *  - the XML is not well formed;
 *  - the sheet has more than rows_max rows, a cell more than cell_max bytes, or the
 *    shared strings more than strings_max entries.
 * Messages are translated and name the part and the row.
 */
#ifndef MC_XLSX_H
#define MC_XLSX_H

#include <stddef.h>

#include "error.h"

struct xlsx_limits {
	size_t part_max;	/* bytes of one XML part, uncompressed */
	unsigned ratio_max;	/* uncompressed / compressed, past 1 MiB */
	long rows_max;		/* rows of the sheet */
	int cols_max;		/* columns kept of a row (A..); later ones are ignored */
	size_t cell_max;	/* bytes of one cell's text */
	long strings_max;	/* shared strings */
};

/* 64 MiB, 100, 100000 rows, 64 columns, 32 KiB, 1000000 strings. */
void xlsx_limits_default(struct xlsx_limits *l);

/* Called for each row with at least one non-empty cell, in the file's order: row is
 * the sheet's row number (1 = the first), cells[0..ncells) the columns A.. as UTF-8
 * ("" for an empty cell), valid during the call.  MC_OK goes on; anything else stops
 * the reading, which returns it (err is then the callback's to fill). */
typedef int xlsx_row_fn(long row, const char *const *cells, int ncells, void *ctx);

/* Read path's first worksheet; name is how messages call the file (NULL: path). */
int xlsx_read_file(const char *path, const char *name, const struct xlsx_limits *l,
    xlsx_row_fn *fn, void *ctx, struct mc_error *err);
/* The same from memory (data is the caller's, not changed). */
int xlsx_read_mem(const void *data, size_t size, const char *name,
    const struct xlsx_limits *l, xlsx_row_fn *fn, void *ctx, struct mc_error *err);

#endif
