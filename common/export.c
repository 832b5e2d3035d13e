/* export.c -- reports to CSV, XLSX and printer text, a row at a time (export.h).
 *
 * XLSX goes through libxlsxwriter's constant-memory mode (each row is flushed to a
 * temporary file as soon as the next one starts), which is why rows must come in
 * order and why a sheet cannot hold more than LXW_ROW_MAX of them.  libxlsxwriter
 * writes the file itself only when the workbook is closed, so export_open() first
 * opens the file to learn at once whether it may be written, and why not.
 *
 * An export holds citizens' names and phones: CSV and XLSX files are 0640 whatever
 * the umask (files.h).  libxlsxwriter creates its file with fopen(), so xlsx_close()
 * makes the file with that mode just before, and libxlsxwriter's fopen() keeps it.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "export.h"
#include "files.h"
#include "i18n.h"
#include "paper.h"
#include "report.h"
#include "store.h"
#include "text.h"

#define XLSX_WIDTH_MAX 60	/* widest column of a sheet, in characters */

/* Columns of a UTF-8 string (code points: stored text is NFC). */
static int
width(const char *s)
{
	return (int)text_chars(s, SIZE_MAX);
}

/* Why path cannot be written, from errno e, in words. */
static int
io_fail(struct mc_error *err, const char *path, int e)
{
	switch (e) {
	case ENOSPC:
#ifdef EDQUOT
	case EDQUOT:
#endif
		return mc_fail(err, MC_EFULL, _("the disk is full: %s was not saved"), path);
	case EACCES:
	case EPERM:
		return mc_fail(err, MC_EDENIED, _("no permission to write %s"), path);
	case EROFS:
		return mc_fail(err, MC_EDENIED, _("the disk is read-only: %s cannot be written"), path);
	case ENOENT:
	case ENOTDIR:
		return mc_fail(err, MC_EIO, _("the folder does not exist: %s"), path);
	case EISDIR:
		return mc_fail(err, MC_EIO, _("that is a folder, not a file: %s"), path);
	default:
		return mc_fail(err, MC_EIO, _("cannot write %s: %s"), path, strerror(e));
	}
}

/* ---------------------------------------------------------------- CSV */

static void
csv_field(FILE *fp, const char *s)
{
	if (strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, fp);
		return;
	}
	fputc('"', fp);
	for (; *s != '\0'; s++) {
		if (*s == '"')
			fputc('"', fp);
		fputc(*s, fp);
	}
	fputc('"', fp);
}

static int
csv_row(struct export *x, const char *const *cells)
{
	int k;

	for (k = 0; k < x->ncols; k++) {
		if (k > 0)
			fputc(',', x->csv);
		csv_field(x->csv, cells[k] != NULL ? cells[k] : "");
	}
	fputs("\r\n", x->csv);
	if (ferror(x->csv))
		return io_fail(x->err, x->path, errno != 0 ? errno : EIO);
	return MC_OK;
}

/* ---------------------------------------------------------------- XLSX */

/* libxlsxwriter reports a failure by printing "[ERROR]..." to standard error and
 * returning a code; the code (and errno) become our own message, so standard error
 * points at /dev/null while it runs. */
static void
quiet(struct export *x)
{
	int null;

	fflush(stderr);
	if ((x->stderr_fd = dup(2)) < 0)
		return;
	if ((null = open("/dev/null", O_WRONLY | O_CLOEXEC)) < 0 || dup2(null, 2) < 0) {
		close(x->stderr_fd);
		x->stderr_fd = -1;
	}
	if (null >= 0)
		close(null);
}

static void
loud(struct export *x)
{
	if (x->stderr_fd < 0)
		return;
	fflush(stderr);
	dup2(x->stderr_fd, 2);
	close(x->stderr_fd);
	x->stderr_fd = -1;
}

/* In constant-memory mode libxlsxwriter writes each finished row to a temporary file
 * and never looks whether that worked: a full temporary folder (or a file size
 * limit) would give a sheet without its last rows and no error.  So look at that
 * file ourselves, after every row and (flushed) before the workbook is closed. */
static int
tmp_check(struct export *x, int flush)
{
	FILE *tmp = ((lxw_worksheet *)x->ws)->optimize_tmpfile;
	int e = errno;

	if (tmp == NULL || ((!flush || fflush(tmp) == 0) && !ferror(tmp)))
		return MC_OK;
	if (flush)
		e = errno;
	if (e == EFBIG)
		return mc_fail(x->err, MC_EFULL, _("%s would be larger than this account may write (ulimit -f): it was not saved"), x->path);
	return mc_fail(x->err, MC_EFULL, _("the disk is full (the temporary folder): %s was not saved"), x->path);
}

/* One row; the header as text, numeric columns of data rows as numbers. */
static int
xlsx_row(struct export *x, const char *const *cells, int header)
{
	lxw_worksheet *ws = x->ws;
	lxw_row_t r = (lxw_row_t)x->row;
	int k;

	if (x->row >= LXW_ROW_MAX)
		return mc_fail(x->err, MC_EINVAL,
		    _("more rows than a spreadsheet holds (%d): export them as CSV instead"), LXW_ROW_MAX);
	for (k = 0; k < x->ncols; k++) {
		const char *v = cells[k] != NULL ? cells[k] : "";
		char *end;
		double d = strtod(v, &end);
		int cw = width(v);

		if (cw > x->width[k])
			x->width[k] = cw;
		if (!header && (x->numeric & (1u << k)) && *v != '\0' && *end == '\0')
			worksheet_write_number(ws, r, (lxw_col_t)k, d, NULL);
		else if (*v != '\0')
			worksheet_write_string(ws, r, (lxw_col_t)k, v, NULL);
	}
	return tmp_check(x, 0);
}

static int
xlsx_close(struct export *x, int rc)
{
	lxw_error e;
	int k, saved;

	for (k = 0; k < x->ncols; k++)
		worksheet_set_column(x->ws, (lxw_col_t)k, (lxw_col_t)k,
		    x->width[k] + 2 > XLSX_WIDTH_MAX ? XLSX_WIDTH_MAX : x->width[k] + 2, NULL);
	if (rc == MC_OK)
		rc = tmp_check(x, 1);
	if (rc == MC_OK && (k = files_create(x->path, FILES_MODE, 0, 0)) >= 0)
		close(k);	/* the mode libxlsxwriter's fopen() then keeps */
	errno = 0;
	e = workbook_close(x->wb);
	saved = errno;
	loud(x);
	errno = saved;
	x->wb = x->ws = NULL;
	if (e == LXW_NO_ERROR || rc != MC_OK)
		return rc;
	if (errno == ENOSPC || errno == EACCES || errno == EPERM || errno == EROFS)
		return io_fail(x->err, x->path, errno);
	return mc_fail(x->err, MC_EIO, _("cannot write %s: %s"), x->path, lxw_strerror(e));
}

/* ---------------------------------------------------------------- the writer */

static int
put(struct export *x, const char *const *cells, int header)
{
	int rc;

	if (x->csv != NULL)
		rc = csv_row(x, cells);
	else if (x->wb != NULL)
		rc = xlsx_row(x, cells, header);
	else
		return mc_fail(x->err, MC_EINTERNAL, NULL);
	if (rc == MC_OK)
		x->row++;
	return rc;
}

int
export_open(struct export *x, enum export_format format, const char *path,
    const char *sheet, const char *const *keys, int ncols, unsigned numeric,
    struct mc_error *err)
{
	lxw_workbook_options opt = { .constant_memory = LXW_TRUE };
	struct stat sb;
	FILE *probe;
	int existed, fd, saved;

	memset(x, 0, sizeof *x);
	x->stderr_fd = -1;
	x->format = format;
	x->path = path;
	x->ncols = ncols < EXPORT_COLUMNS_MAX ? ncols : EXPORT_COLUMNS_MAX;
	x->numeric = numeric;
	x->err = err;
	if (format == EXPORT_CSV) {
		if ((fd = files_create(path, FILES_MODE, 0, 1)) < 0)
			return io_fail(err, path, errno);
		if ((x->csv = fdopen(fd, "w")) == NULL) {
			close(fd);
			return io_fail(err, path, errno);
		}
		fputs(EXPORT_CSV_BOM, x->csv);
	} else {
		/* Learn now, in words, whether the file may be written (and leave no
		 * empty file behind should the program be stopped before the end). */
		existed = stat(path, &sb) == 0;
		if ((probe = fopen(path, "a")) == NULL)
			return io_fail(err, path, errno);
		fclose(probe);
		if (!existed)
			remove(path);
		quiet(x);
		if ((x->wb = workbook_new_opt(path, &opt)) == NULL ||
		    (x->ws = workbook_add_worksheet(x->wb, sheet)) == NULL) {
			/* No room for its temporary file, most likely (TMPDIR). */
			saved = errno;
			if (x->wb != NULL)
				workbook_close(x->wb);
			x->wb = x->ws = NULL;
			loud(x);
			return saved == ENOSPC ? mc_fail(err, MC_EFULL,
			    _("the disk is full (the temporary folder): %s was not saved"), path) :
			    mc_fail(err, MC_ENOMEM, NULL);
		}
	}
	return put(x, keys, 1);
}

int
export_row(struct export *x, const char *const *cells)
{
	return put(x, cells, 0);
}

int
export_each(const char *const *cells, void *ctx)
{
	return put(ctx, cells, 0);
}

/* Remove what a failed export left, if it is a regular file. */
static void
discard(const char *path)
{
	struct stat sb;

	if (path != NULL && stat(path, &sb) == 0 && S_ISREG(sb.st_mode))
		remove(path);
}

int
export_close(struct export *x, int rc)
{
	if (x->csv != NULL) {
		errno = 0;
		if ((fflush(x->csv) != 0 || ferror(x->csv)) && rc == MC_OK)
			rc = io_fail(x->err, x->path, errno != 0 ? errno : EIO);
		if (fclose(x->csv) != 0 && rc == MC_OK)
			rc = io_fail(x->err, x->path, errno);
		x->csv = NULL;
	} else if (x->wb != NULL)
		rc = xlsx_close(x, rc);
	loud(x);
	if (rc != MC_OK)
		discard(x->path);
	return rc;
}

int
export_table(const struct report_table *t, enum export_format format, const char *path,
    const char *sheet, struct mc_error *err)
{
	const char *cells[EXPORT_COLUMNS_MAX];
	struct export x;
	size_t r;
	int rc, k;

	rc = export_open(&x, format, path, sheet, t->keys, t->ncols, t->numeric, err);
	for (r = 0; rc == MC_OK && r < t->nrows; r++) {
		for (k = 0; k < x.ncols; k++)
			cells[k] = report_cell(t, r, k);
		rc = export_row(&x, cells);
	}
	return export_close(&x, rc);
}

int
export_book(struct store *st, mc_day from, mc_day to, enum export_format format,
    const char *path, struct mc_error *err)
{
	struct export x;
	int rc;

	rc = export_open(&x, format, path, "book", report_book_keys, REPORT_BOOK_COLUMNS,
	    REPORT_BOOK_NUMERIC, err);
	if (rc == MC_OK)
		rc = report_book_each(st, from, to, export_each, &x, err);
	return export_close(&x, rc);
}

/* ---------------------------------------------------------------- the book on paper */

struct paper_book {
	FILE *fp;
	int plain;		/* unaccented */
	long rows;
	struct mc_error *err;
};

/* A printf-style line cut to PAPER_WIDTH columns (at a character boundary). */
static void
line(struct paper_book *pb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
line(struct paper_book *pb, const char *fmt, ...)
{
	char buf[2048], *plain = NULL, *s = buf;
	va_list ap;
	size_t i;
	int32_t cp;
	int cols = 0, k;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (pb->plain && (plain = text_unaccent(buf)) != NULL)
		s = plain;
	for (i = 0; s[i] != '\0' && cols < PAPER_WIDTH; cols++)	/* PAPER_WIDTH characters */
		i += (k = text_next(s + i, SIZE_MAX, &cp)) > 0 ? (size_t)k : 1;
	fprintf(pb->fp, "%.*s\n", (int)i, s);
	free(plain);
}

/* A centred line. */
static void
centre(struct paper_book *pb, const char *s)
{
	int pad = (PAPER_WIDTH - width(s)) / 2;

	line(pb, "%*s%s", pad > 0 ? pad : 0, "", s);
}

/* "YYYY-MM-DD HH:MM" as "HH:MM DD/MM/YYYY"; "" stays "". */
static void
vn_time(const char *s, char buf[MC_TIME_BUF])
{
	mc_minute t;

	if (mc_time_parse(s, &t) == 0)
		mc_time_format_vn(t, buf);
	else
		snprintf(buf, MC_TIME_BUF, "%s", s);
}

static int
paper_row(const char *const *c, void *ctx)
{
	struct paper_book *pb = ctx;
	char rec[MC_TIME_BUF], due[MC_TIME_BUF], fin[MC_TIME_BUF], ret[MC_TIME_BUF];

	vn_time(c[8], rec);
	vn_time(c[9], due);
	vn_time(c[10], fin);
	vn_time(c[11], ret);
	line(pb, "%s. Mã hồ sơ: %-30s Số bộ: %s", c[0], c[1], c[4]);
	line(pb, "       Thủ tục: %s %s", c[2], c[3]);
	line(pb, "       Người nộp: %s%s%s", c[5], *c[6] != '\0' ? "; " : "", c[6]);
	line(pb, "       Nơi giải quyết: %s", c[7]);
	line(pb, "       Nhận: %-16s   Hẹn trả: %s", rec, due);
	line(pb, "       Có kết quả: %-16s   Đã trả: %s", fin, ret);
	line(pb, "       Ghi chú: %s", c[12]);
	line(pb, "%s", "");
	pb->rows++;
	if (ferror(pb->fp))
		return mc_fail(pb->err, MC_EIO, _("could not send the book to the printer"));
	return MC_OK;
}

int
export_book_text(struct store *st, mc_day from, mc_day to, int flags, FILE *fp,
    long *rows, struct mc_error *err)
{
	struct paper_book pb = { .fp = fp, .plain = (flags & PAPER_PLAIN) != 0, .err = err };
	char a[MC_TIME_BUF], b[MC_TIME_BUF], title[512], *office = store_setting(st, "office.name");
	int rc;

	mc_date_format_vn(from, a);
	mc_date_format_vn(to, b);
	snprintf(title, sizeof title, "%s (%s)", office != NULL ? office : "", store_office(st));
	free(office);
	centre(&pb, "SỔ THEO DÕI HỒ SƠ");
	centre(&pb, title);
	snprintf(title, sizeof title, "Từ ngày %s đến ngày %s", a, b);
	centre(&pb, title);
	line(&pb, "%s", "");
	rc = report_book_each(st, from, to, paper_row, &pb, err);
	if (rc == MC_OK) {
		line(&pb, "Tổng số: %ld hồ sơ", pb.rows);
		if (fflush(fp) != 0 || ferror(fp))
			rc = mc_fail(err, MC_EIO, _("could not send the book to the printer"));
	}
	*rows = pb.rows;
	return rc;
}
