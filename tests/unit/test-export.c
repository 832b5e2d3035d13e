/* test-export.c -- reports written to files (export.c): CSV with its byte-order mark
 * and RFC 4180 quoting, XLSX with numbers as numbers, the tracking book streamed from
 * the store, the book as printer text, and files that cannot be written refused in
 * words without removing what is not a regular file. */
#include "unit.h"

#include <sys/stat.h>

#include "dossier.h"
#include "export.h"
#include "paper.h"
#include "report.h"

static struct store *st;
static char path[256], dir[256];
static char codes[3][CODE_MAX];

static int
setup(void **state)
{
	static const char *const names[3] = { "Nguyễn Văn Ân", "Trần Thị Bình", "Lê Văn Cường" };
	struct intake in = { .procedure = "1.004873", .received = MC_TIME_NONE, .sets = 1,
	    .phone = "0912345678", .address = "Thôn Đông, xã Tân Lập" };
	char got[8][CODE_MAX];
	struct mc_error err;
	int i, n;

	if ((st = unit_office_store(path)) == NULL)
		return -1;
	snprintf(dir, sizeof dir, "%s", path);
	*strrchr(dir, '/') = '\0';
	for (i = 0; i < 3; i++) {
		in.name = names[i];
		if (dossier_intake(st, &in, "canbo", got, 8, &n, &err) != MC_OK) {
			fprintf(stderr, "intake: %s\n", mc_message(&err));
			return -1;
		}
		memcpy(codes[i], got[0], CODE_MAX);
	}
	return 0;
}

static int
teardown(void **state)
{
	unit_store_done(st, path);
	return 0;
}

/* The whole file at p (NUL-terminated, the caller frees it); *len its bytes. */
static char *
slurp(const char *p, size_t *len)
{
	FILE *fp = fopen(p, "rb");
	char *buf = calloc(1, 1 << 20);
	size_t n;

	assert_non_null(fp);
	assert_non_null(buf);
	n = fread(buf, 1, (1 << 20) - 1, fp);
	fclose(fp);
	if (len != NULL)
		*len = n;
	return buf;
}

/* What `unzip -p` gives of member in the zip at p. */
static char *
unzip(const char *p, const char *member)
{
	char cmd[1024], *buf = calloc(1, 1 << 20);
	FILE *fp;

	snprintf(cmd, sizeof cmd, "unzip -p '%s' '%s'", p, member);
	assert_non_null(fp = popen(cmd, "r"));
	fread(buf, 1, (1 << 20) - 1, fp);
	assert_int_equal(pclose(fp), 0);
	return buf;
}

static const char *const keys[] = { "name", "note", "amount" };

/* A table of two rows with the cells CSV must quote. */
static void
sample(struct report_table *t, char **cells)
{
	static const char *const vals[6] = { "Nguyễn Văn Ân", "a, b", "8000",
		"Trần Thị \"Bé\" Bình", "two\nlines", NULL };
	int i;

	for (i = 0; i < 6; i++)
		cells[i] = (char *)vals[i];
	memset(t, 0, sizeof *t);
	t->ncols = 3;
	t->keys = keys;
	t->numeric = 1u << 2;
	t->cells = cells;
	t->nrows = t->cap = 2;
}

static void
test_csv(void **state)
{
	struct report_table t;
	struct mc_error err;
	char *cells[6], f[512], *s;
	size_t n;

	sample(&t, cells);
	snprintf(f, sizeof f, "%s/t.csv", dir);
	assert_int_equal(export_table(&t, EXPORT_CSV, f, "t", &err), MC_OK);
	s = slurp(f, &n);
	/* Excel on Windows reads UTF-8 only after a byte-order mark. */
	assert_memory_equal(s, "\xef\xbb\xbf", 3);
	assert_string_equal(s + 3, "name,note,amount\r\n"
	    "Nguyễn Văn Ân,\"a, b\",8000\r\n"
	    "\"Trần Thị \"\"Bé\"\" Bình\",\"two\nlines\",\r\n");
	free(s);
}

static void
test_xlsx(void **state)
{
	struct report_table t;
	struct mc_error err;
	char *cells[6], f[512], *s;
	size_t n;

	sample(&t, cells);
	snprintf(f, sizeof f, "%s/t.xlsx", dir);
	assert_int_equal(export_table(&t, EXPORT_XLSX, f, "fees", &err), MC_OK);
	s = slurp(f, &n);
	assert_memory_equal(s, "PK\x03\x04", 4);	/* a zip */
	free(s);
	s = unzip(f, "xl/worksheets/sheet1.xml");
	assert_non_null(strstr(s, "Nguyễn Văn Ân"));
	assert_non_null(strstr(s, "<v>8000</v>"));	/* a number, not text */
	assert_non_null(strstr(s, "amount"));
	free(s);
	s = unzip(f, "xl/workbook.xml");
	assert_non_null(strstr(s, "name=\"fees\""));
	free(s);
}

static void
test_book(void **state)
{
	struct mc_error err;
	char f[512], line[2048], *s;
	mc_day today = mc_day_of(mc_now());
	FILE *fp;
	int rows = 0;

	snprintf(f, sizeof f, "%s/book.csv", dir);
	assert_int_equal(export_book(st, today, today, EXPORT_CSV, f, &err), MC_OK);
	assert_non_null(fp = fopen(f, "r"));
	while (fgets(line, sizeof line, fp) != NULL) {
		if (rows > 0) {
			snprintf(f, sizeof f, "%d,%s,1.004873,", rows, codes[rows - 1]);
			assert_memory_equal(line, f, strlen(f));
		} else
			assert_string_equal(line, EXPORT_CSV_BOM "no,code,procedure,procedure_name,"
			    "sets,name,address_phone,handler,received_at,due_at,finished_at,returned_at,note\r\n");
		rows++;
	}
	fclose(fp);
	assert_int_equal(rows, 4);
	snprintf(f, sizeof f, "%s/book.xlsx", dir);
	assert_int_equal(export_book(st, today, today, EXPORT_XLSX, f, &err), MC_OK);
	s = unzip(f, "xl/worksheets/sheet1.xml");
	assert_non_null(strstr(s, "Lê Văn Cường"));
	assert_non_null(strstr(s, codes[2]));
	free(s);
}

/* path cannot be written: code and the words that say why. */
static void
refused(enum export_format format, const char *p, int code, const char *words)
{
	struct mc_error err;
	struct export x;
	int rc;

	rc = export_open(&x, format, p, "t", keys, 3, 0, &err);
	if (rc == MC_OK)
		rc = export_row(&x, (const char *[]){ "a", "b", "c" });
	rc = export_close(&x, rc);
	assert_int_equal(rc, code);
	if (strstr(mc_message(&err), words) == NULL)
		fail_msg("'%s' does not say '%s'", mc_message(&err), words);
}

static void
test_refused(void **state)
{
	char f[512];
	struct stat sb;

	snprintf(f, sizeof f, "%s/no-such-folder/x.csv", dir);
	refused(EXPORT_CSV, f, MC_EIO, "the folder does not exist");
	refused(EXPORT_XLSX, f, MC_EIO, "the folder does not exist");
	refused(EXPORT_CSV, dir, MC_EIO, "that is a folder");
	refused(EXPORT_XLSX, dir, MC_EIO, "that is a folder");
	/* A full disk: /dev/full, directly and through a link; never removed. */
	refused(EXPORT_CSV, "/dev/full", MC_EFULL, "the disk is full");
	snprintf(f, sizeof f, "%s/full.csv", dir);
	assert_int_equal(symlink("/dev/full", f), 0);
	refused(EXPORT_CSV, f, MC_EFULL, "the disk is full");
	assert_int_equal(stat("/dev/full", &sb), 0);
	assert_true(S_ISCHR(sb.st_mode));
	assert_int_equal(lstat(f, &sb), 0);
	assert_true(S_ISLNK(sb.st_mode));
}

/* A failure met while writing (the caller's) removes the half-written file. */
static void
test_failed_removed(void **state)
{
	struct mc_error err;
	struct export x;
	char f[512];
	int k;

	for (k = EXPORT_CSV; k <= EXPORT_XLSX; k++) {
		snprintf(f, sizeof f, "%s/half.%d", dir, k);
		assert_int_equal(export_open(&x, (enum export_format)k, f, "t", keys, 3, 0, &err), MC_OK);
		assert_int_equal(export_row(&x, (const char *[]){ "a", NULL, "1" }), MC_OK);
		assert_int_equal(export_close(&x, MC_ESTORE), MC_ESTORE);
		assert_int_equal(access(f, F_OK), -1);
	}
}

/* Lines of s longer than max code points. */
static int
long_lines(const char *s, int max)
{
	int cols = 0, bad = 0;

	for (; *s != '\0'; s++) {
		if (*s == '\n') {
			bad += cols > max;
			cols = 0;
		} else if (((unsigned char)*s & 0xc0) != 0x80)
			cols++;
	}
	return bad;
}

static void
test_book_text(void **state)
{
	mc_day today = mc_day_of(mc_now());
	struct mc_error err;
	char *s = NULL, want[256];
	size_t n, i;
	long rows;
	FILE *fp;

	assert_non_null(fp = open_memstream(&s, &n));
	assert_int_equal(export_book_text(st, today, today, 0, fp, &rows, &err), MC_OK);
	fclose(fp);
	assert_int_equal(rows, 3);
	assert_non_null(strstr(s, "SỔ THEO DÕI HỒ SƠ"));
	assert_non_null(strstr(s, "UBND xã Tân Lập (000.17.22.H56)"));
	assert_non_null(strstr(s, "Từ ngày 12/10/2026 đến ngày 12/10/2026"));
	snprintf(want, sizeof want, "3. Mã hồ sơ: %s", codes[2]);
	assert_non_null(strstr(s, want));
	assert_non_null(strstr(s, "Người nộp: Nguyễn Văn Ân; Thôn Đông, xã Tân Lập, 0912345678"));
	assert_non_null(strstr(s, "Nhận: 09:00 12/10/2026   Hẹn trả: 17:00 15/10/2026"));
	assert_non_null(strstr(s, "Tổng số: 3 hồ sơ"));
	assert_int_equal(long_lines(s, PAPER_WIDTH), 0);
	free(s);
	s = NULL;
	assert_non_null(fp = open_memstream(&s, &n));
	assert_int_equal(export_book_text(st, today, today, PAPER_PLAIN, fp, &rows, &err), MC_OK);
	fclose(fp);
	for (i = 0; i < n; i++)
		assert_true((unsigned char)s[i] < 0x80);
	assert_non_null(strstr(s, "SO THEO DOI HO SO"));
	assert_non_null(strstr(s, "Nguyen Van An"));
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_xlsx),
		cmocka_unit_test(test_book),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_failed_removed),
		cmocka_unit_test(test_book_text),
	};

	return cmocka_run_group_tests_name("export", tests, setup, teardown);
}
