/* test-xlsx.c -- the .xlsx reader (common/xlsx.c) on a realistic export written by
 * libxlsxwriter, and on small archives made here with libzip that break each limit:
 * the size of a part, the compression ratio, the rows, a cell, a DTD, bad XML, a
 * missing part, a shared string that is not there. */
#include "config.h"

#include "unit.h"

#include <xlsxwriter.h>
#include <zip.h>

#include "catalog.h"
#include "xlsx.h"

#define WB "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" " \
	"xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>" \
	"<sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
#define RELS "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" \
	"<Relationship Id=\"rId1\" Type=\"worksheet\" Target=\"/xl/worksheets/s.xml\"/></Relationships>"
#define SHEET(rows) "<?xml version=\"1.0\"?><x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">" \
	"<x:sheetData>" rows "</x:sheetData></x:worksheet>"

struct rows {
	char text[4096];
	int n;
	long last;
	int stop_at;		/* return MC_EEXIST at this row (0: never) */
};

static int
collect(long row, const char *const *cells, int n, void *ctx)
{
	struct rows *r = ctx;
	size_t len = strlen(r->text);
	int i;

	len += (size_t)snprintf(r->text + len, sizeof r->text - len, "%ld:", row);
	for (i = 0; i < n; i++)
		len += (size_t)snprintf(r->text + len, sizeof r->text - len, "%s[%s]", i > 0 ? "," : "",
		    cells[i]);
	snprintf(r->text + len, sizeof r->text - len, "\n");
	r->n++;
	r->last = row;
	return r->stop_at == row ? MC_EEXIST : MC_OK;
}

/* An archive of the given parts (name, text pairs, NULL-terminated) in memory;
 * *size gets its length; the caller frees it. */
static void *
make_zip(size_t *size, const char *const *parts)
{
	char path[] = "/tmp/motcua-xlsx.XXXXXX";
	zip_t *z;
	zip_source_t *src;
	FILE *fp;
	void *data;
	long n;
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	close(fd);
	assert_non_null(z = zip_open(path, ZIP_TRUNCATE, NULL));
	for (; parts[0] != NULL; parts += 2) {
		assert_non_null(src = zip_source_buffer(z, parts[1], strlen(parts[1]), 0));
		assert_true(zip_file_add(z, parts[0], src, ZIP_FL_OVERWRITE) >= 0);
	}
	assert_int_equal(zip_close(z), 0);
	assert_non_null(fp = fopen(path, "rb"));
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	assert_non_null(data = malloc((size_t)n + 1));
	assert_int_equal(fread(data, 1, (size_t)n, fp), (size_t)n);
	fclose(fp);
	unlink(path);
	*size = (size_t)n;
	return data;
}

/* Read an archive of a workbook, its relationships, a sheet and (unless NULL) the
 * shared strings, with limits l (NULL: the defaults). */
static int
read_parts(const char *sheet, const char *strings, const struct xlsx_limits *l, struct rows *r,
    struct mc_error *err)
{
	const char *parts[] = { "xl/workbook.xml", WB, "xl/_rels/workbook.xml.rels", RELS,
	    "xl/worksheets/s.xml", sheet, strings != NULL ? "xl/sharedStrings.xml" : NULL, strings,
	    NULL };
	size_t size;
	void *zip = make_zip(&size, parts);
	int rc;

	memset(r, 0, sizeof *r);
	rc = xlsx_read_mem(zip, size, "t.xlsx", l, collect, r, err);
	free(zip);
	return rc;
}

static void
test_libxlsxwriter_export(void **state)
{
	char dir[] = "/tmp/motcua-xlsx.XXXXXX", path[300], db[256];
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *wrap;
	struct rows r;
	struct mc_error err;
	struct catalog_import_result res;
	struct procedure p;
	struct store *st;

	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/danh-sach.xlsx", dir);
	assert_non_null(wb = workbook_new(path));
	ws = workbook_add_worksheet(wb, "Danh sách TTHC");
	wrap = workbook_add_format(wb);
	format_set_text_wrap(wrap);
	worksheet_merge_range(ws, 0, 0, 0, 5, "DANH SÁCH THỦ TỤC HÀNH CHÍNH", NULL);
	worksheet_write_string(ws, 1, 0, "STT", NULL);
	worksheet_write_string(ws, 1, 1, "Mã số", NULL);
	worksheet_write_string(ws, 1, 2, "Tên", NULL);
	worksheet_write_string(ws, 1, 3, "Cơ quan ban hành", NULL);
	worksheet_write_string(ws, 1, 4, "Cơ quan thực hiện", NULL);
	worksheet_write_string(ws, 1, 5, "Lĩnh vực", NULL);
	worksheet_write_number(ws, 2, 0, 1, NULL);
	worksheet_write_string(ws, 2, 1, "1.999101", NULL);
	worksheet_write_string(ws, 2, 2, "Thủ tục thử nghiệm xuất từ cổng", NULL);
	worksheet_write_string(ws, 2, 3, "Bộ Tư pháp", NULL);
	worksheet_write_string(ws, 2, 4, "Ủy ban nhân dân xã\nCông an xã", wrap);
	worksheet_write_string(ws, 2, 5, "Hộ tịch", NULL);
	worksheet_write_number(ws, 3, 0, 2, NULL);
	worksheet_write_string(ws, 3, 1, "1.001193.000.00.00.H55", NULL);
	worksheet_write_string(ws, 3, 2, "Thủ tục đăng ký khai sinh", NULL);
	worksheet_write_string(ws, 3, 3, "Bộ Tư pháp", NULL);
	worksheet_write_string(ws, 3, 4, "Ủy ban nhân dân xã", NULL);
	worksheet_write_string(ws, 3, 5, "Hộ tịch", NULL);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);

	memset(&r, 0, sizeof r);
	if (xlsx_read_file(path, NULL, NULL, collect, &r, &err) != MC_OK)
		fail_msg("%s", mc_message(&err));
	assert_int_equal(r.n, 4);
	assert_string_equal(r.text,
	    "1:[DANH SÁCH THỦ TỤC HÀNH CHÍNH]\n"
	    "2:[STT],[Mã số],[Tên],[Cơ quan ban hành],[Cơ quan thực hiện],[Lĩnh vực]\n"
	    "3:[1],[1.999101],[Thủ tục thử nghiệm xuất từ cổng],[Bộ Tư pháp],[Ủy ban nhân dân xã\nCông an xã],[Hộ tịch]\n"
	    "4:[2],[1.001193.000.00.00.H55],[Thủ tục đăng ký khai sinh],[Bộ Tư pháp],[Ủy ban nhân dân xã],[Hộ tịch]\n");

	/* And the catalogue imports it. */
	assert_non_null(st = unit_office_store(db));
	if (catalog_import_file(st, path, "test", &res, &err) != MC_OK)
		fail_msg("%s", mc_message(&err));
	assert_int_equal(res.read, 2);
	assert_int_equal(res.added, 1);
	assert_int_equal(res.unchanged, 1);
	assert_int_equal(catalog_get(st, "1.999101", &p, NULL), MC_OK);
	assert_string_equal(p.name, "Thử nghiệm xuất từ cổng");
	assert_string_equal(p.agency, "Ủy ban nhân dân xã; Công an xã");
	assert_string_equal(p.field, "Hộ tịch");
	assert_int_equal(p.verify, CATALOG_VERIFY_TIME | CATALOG_VERIFY_FEE);
	procedure_free(&p);
	unit_store_done(st, db);
	unlink(path);
	rmdir(dir);
}

static void
test_cells(void **state)
{
	struct rows r;
	struct mc_error err;

	/* Shared, inline and plain cells; columns by reference; escapes; rich text. */
	assert_int_equal(read_parts(SHEET(
	    "<x:row r=\"3\"><x:c r=\"B3\" t=\"s\"><x:v>1</x:v></x:c><x:c r=\"D3\" t=\"inlineStr\">"
	    "<x:is><x:t>a_x000D__x000A_b_x005F_x0041_</x:t></x:is></x:c><x:c r=\"E3\"><x:v>42</x:v></x:c></x:row>"
	    "<x:row><x:c t=\"s\"><x:v>0</x:v></x:c></x:row><x:row r=\"9\"/>"),
	    "<sst><si><t>zero</t></si><si><r><t>r</t></r><r><t>uns</t></r><rPh><t>NO</t></rPh></si></sst>",
	    NULL, &r, &err), MC_OK);
	assert_string_equal(r.text, "3:[],[runs],[],[a\r\nb_x0041_],[42]\n4:[zero]\n");
	/* The callback stops the reading with its own code. */
	memset(&r, 0, sizeof r);
	assert_int_equal(read_parts(SHEET("<x:row r=\"1\"><x:c t=\"inlineStr\"><x:is><x:t>a</x:t></x:is></x:c></x:row>"
	    "<x:row r=\"2\"><x:c t=\"inlineStr\"><x:is><x:t>b</x:t></x:is></x:c></x:row>"), NULL, NULL, &r, &err), MC_OK);
	assert_int_equal(r.n, 2);
}

static void
test_refusals(void **state)
{
	struct xlsx_limits l;
	struct rows r;
	struct mc_error err;
	char big[5000];
	const char *only_wb[] = { "xl/workbook.xml", WB, NULL };
	size_t size;
	void *zip;

	xlsx_limits_default(&l);
	/* A DTD, even a harmless one, and entities. */
	assert_int_equal(read_parts(SHEET(""), "<!DOCTYPE sst [<!ENTITY a \"aaaa\">]><sst><si><t>&a;</t></si></sst>",
	    NULL, &r, &err), MC_EINVAL);
	assert_non_null(strstr(err.msg, "declares a DTD"));
	/* Not well formed. */
	assert_int_equal(read_parts("<worksheet><sheetData><row></sheetData>", NULL, NULL, &r, &err), MC_EINVAL);
	assert_non_null(strstr(err.msg, "not well-formed XML"));
	/* A shared string that is not there. */
	assert_int_equal(read_parts(SHEET("<x:row><x:c t=\"s\"><x:v>7</x:v></x:c></x:row>"), "<sst/>", NULL,
	    &r, &err), MC_EINVAL);
	assert_non_null(strstr(err.msg, "shared string that does not exist"));
	/* Rows past the cap: refused, after the rows before it. */
	l.rows_max = 2;
	assert_int_equal(read_parts(SHEET("<x:row/><x:row/><x:row/>"), NULL, &l, &r, &err), MC_EINVAL);
	assert_non_null(strstr(err.msg, "more than 2 rows"));
	/* A cell too long. */
	xlsx_limits_default(&l);
	l.cell_max = 100;
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	{
		char sheet[6000];

		snprintf(sheet, sizeof sheet, SHEET("<x:row><x:c t=\"inlineStr\"><x:is><x:t>%s</x:t></x:is></x:c></x:row>"), big);
		assert_int_equal(read_parts(sheet, NULL, &l, &r, &err), MC_EINVAL);
		assert_non_null(strstr(err.msg, "longer than 100 bytes"));
		/* A part too big once uncompressed, and one compressed too much. */
		xlsx_limits_default(&l);
		l.part_max = 1000;
		assert_int_equal(read_parts(sheet, NULL, &l, &r, &err), MC_EINVAL);
		assert_non_null(strstr(err.msg, "more than 1000"));
	}
	/* Parts missing, and what is no archive at all. */
	zip = make_zip(&size, only_wb);
	assert_int_equal(xlsx_read_mem(zip, size, "t.xlsx", NULL, collect, &r, &err), MC_EINVAL);
	assert_non_null(strstr(err.msg, "it has no xl/_rels/workbook.xml.rels"));
	free(zip);
	assert_int_equal(xlsx_read_mem("PK\3\4junk", 9, "t.xlsx", NULL, collect, &r, &err), MC_EINVAL);
	assert_non_null(strstr(err.msg, "is not an .xlsx file"));
	assert_int_equal(xlsx_read_file("/nonexistent/t.xlsx", NULL, NULL, collect, &r, &err), MC_ENOTFOUND);
}

static void
test_ratio(void **state)
{
	struct rows r;
	struct mc_error err;
	size_t n = 3 * 1024 * 1024;
	char *sheet = malloc(n + 200);

	/* 3 MiB of blanks compress about a thousand times. */
	assert_non_null(sheet);
	strcpy(sheet, "<worksheet><sheetData>");
	memset(sheet + strlen(sheet), ' ', n);
	strcpy(sheet + 22 + n, "</sheetData></worksheet>");
	assert_int_equal(read_parts(sheet, NULL, NULL, &r, &err), MC_EINVAL);
	assert_non_null(strstr(err.msg, "like a zip bomb"));
	free(sheet);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_libxlsxwriter_export),
		cmocka_unit_test(test_cells),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_ratio),
	};

	setenv("MOTCUA_LANG", "en", 1);
	return cmocka_run_group_tests_name("xlsx", tests, NULL, NULL);
}
