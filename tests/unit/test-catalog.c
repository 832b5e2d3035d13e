/* test-catalog.c -- the procedure catalogue: the shipped CSV, line checks, search,
 * linked groups, and all-or-nothing imports. */
#include "config.h"

#include "unit.h"

#include "catalog.h"
#include "text.h"

#define SHIPPED SRCDIR "/data/procedures.csv"
#define HEADER "code,name,field,time,unit,cutoff,fee,fee_rule,group,agency,documents\n"

struct fixture {
	struct store *st;
	char path[256];
	char csv[64];		/* a scratch CSV file */
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);

	if (f == NULL || (f->st = unit_store(f->path)) == NULL) {
		free(f);
		return -1;
	}
	snprintf(f->csv, sizeof f->csv, "/tmp/motcua-catalog.XXXXXX");
	close(mkstemp(f->csv));
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	unlink(f->csv);
	unit_store_done(f->st, f->path);
	free(f);
	return 0;
}

/* Write text to the scratch file and import it. */
static int
import_text(struct fixture *f, const char *text, int *count, struct mc_error *err)
{
	FILE *fp = fopen(f->csv, "wb");

	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	return catalog_import(f->st, f->csv, "tester", count, err);
}

static int
import_shipped(struct fixture *f)
{
	struct mc_error err;
	int n = -1;

	if (catalog_import(f->st, SHIPPED, "tester", &n, &err) != MC_OK)
		fail_msg("%s", mc_message(&err));
	return n;
}

static long
count(struct fixture *f, const char *sql)
{
	sqlite3_stmt *s;
	long n = -1;

	assert_int_equal(sqlite3_prepare_v2(store_db(f->st), sql, -1, &s, NULL), SQLITE_OK);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = (long)sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return n;
}

/* The codes a search or group returns, joined by spaces. */
struct codes {
	char list[1024];
	int n;
	int stop_after;		/* 0 = never stop */
	struct store *st;	/* set: look each one up with its documents */
};

static int
collect(const struct procedure *p, void *ctx)
{
	struct codes *c = ctx;
	struct procedure full;
	size_t len = strlen(c->list);

	assert_null(p->docs);
	assert_int_equal(p->ndocs, 0);
	snprintf(c->list + len, sizeof c->list - len, "%s%s", len > 0 ? " " : "", p->code);
	if (c->st != NULL) {
		assert_int_equal(catalog_get(c->st, p->code, &full, NULL), MC_OK);
		assert_string_equal(full.name, p->name);
		assert_true(full.ndocs > 0);
		procedure_free(&full);
	}
	c->n++;
	return c->stop_after > 0 && c->n >= c->stop_after;
}

static void
test_shipped(void **state)
{
	static const char *const domain[] = {
		"1.001193", "1.000894", "1.000656", "1.004873", "1.004884", "1.001022",
		"1.004837", "1.004746", "2.000635", "2.000815", "2.000884", "2.001035",
		"2.001019", "1.004222", "1.004194", "1.010038",
	};
	struct fixture *f = *state;
	struct procedure p;
	struct mc_error err;
	size_t i;
	int n = import_shipped(f), copies = 0;

	assert_true(n >= 16);
	assert_int_equal(count(f, "SELECT count(*) FROM procedure"), n);
	for (i = 0; i < sizeof domain / sizeof domain[0]; i++) {
		if (catalog_get(f->st, domain[i], &p, &err) != MC_OK)
			fail_msg("%s: %s", domain[i], mc_message(&err));
		assert_true(p.ndocs > 0);
		assert_true(p.name[0] != '\0');
		assert_true(strcmp(p.field, "Hộ tịch") == 0 || strcmp(p.field, "Chứng thực") == 0 ||
		    strcmp(p.field, "Đăng ký, quản lý cư trú") == 0);
		assert_non_null(strstr(p.source, "; dichvucong.gov.vn"));
		procedure_free(&p);
	}

	assert_int_equal(catalog_get(f->st, "1.001193", &p, &err), MC_OK);
	assert_string_equal(p.code, "1.001193");
	assert_string_equal(p.name, "Đăng ký khai sinh");
	assert_string_equal(p.field, "Hộ tịch");
	assert_int_equal(p.unit, TU_SAME_DAY);
	assert_int_equal(p.time_value, 0);
	assert_int_equal(p.cutoff, 15 * 60);
	assert_int_equal(p.fee, 0);
	assert_string_equal(p.group, "lien-thong-khai-sinh");
	assert_string_equal(p.agency, "");
	assert_int_equal(p.verify, 0);
	assert_int_equal(p.fee_online, -1);
	assert_string_equal(p.source, "QĐ 163/QĐ-BTP; dichvucong.gov.vn");
	assert_true(p.ndocs >= 2);
	assert_memory_equal(p.docs[0].name, "Tờ khai đăng ký khai sinh", strlen("Tờ khai đăng ký khai sinh"));
	assert_int_equal(p.docs[0].kind, DOC_ORIGINAL);
	assert_int_equal(p.docs[0].sets, 1);
	for (i = 0, copies = 0; i < (size_t)p.ndocs; i++) {
		copies += strstr(p.docs[i].name, "Giấy chứng sinh") == p.docs[i].name;
		assert_int_equal(p.docs[i].kind, DOC_ORIGINAL);
		assert_null(strstr(p.docs[i].name, "(bản"));	/* the kind is taken off */
	}
	assert_int_equal(copies, 1);
	copies = 0;
	procedure_free(&p);

	/* Fees in đồng, times in working days, copies required, an agency. */
	assert_int_equal(catalog_get(f->st, "2.000635", &p, NULL), MC_OK);
	assert_int_equal(p.fee, 8000);
	assert_int_equal(p.unit, TU_SAME_DAY);
	procedure_free(&p);
	assert_int_equal(catalog_get(f->st, "1.004222", &p, NULL), MC_OK);
	assert_int_equal(p.unit, TU_WORKING_DAYS);
	assert_int_equal(p.time_value, 7);
	assert_int_equal(p.fee, 20000);
	assert_int_equal(p.fee_online, 10000);	/* fees by channel */
	assert_int_equal(procedure_fee(&p, "online"), 10000);
	assert_int_equal(procedure_fee(&p, "counter"), 20000);
	assert_int_equal(procedure_fee(&p, NULL), 20000);
	assert_int_equal(p.cutoff, -1);
	assert_string_equal(p.agency, "Công an xã");
	for (i = 0; i < (size_t)p.ndocs; i++)
		copies += p.docs[i].kind == DOC_COPY;
	procedure_free(&p);
	assert_true(count(f, "SELECT count(*) FROM procedure_document WHERE kind = 'copy'") > 0);

	/* The stored rows: folded text for search, one audit row. */
	assert_int_equal(count(f, "SELECT count(*) FROM procedure WHERE code = '1.001193' "
	    "AND folded = '1.001193 dang ky khai sinh'"), 1);
	assert_int_equal(count(f, "SELECT count(*) FROM procedure_document WHERE procedure = '1.001193'"),
	    count(f, "SELECT count(*) FROM procedure_document WHERE procedure = '1.001193' AND kind = 'original'"));
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE action = 'catalog.import' "
	    "AND actor = 'tester'"), 1);
}

static void
test_search(void **state)
{
	struct fixture *f = *state;
	struct codes c;
	struct mc_error err;
	int all = import_shipped(f);

	memset(&c, 0, sizeof c);
	assert_int_equal(catalog_each(f->st, "chung thuc giao dich", 0, collect, &c, &err), MC_OK);
	assert_string_equal(c.list, "2.000913 2.000942 2.001035");

	memset(&c, 0, sizeof c);
	assert_int_equal(catalog_each(f->st, "  CHỨNG   thực di chuc ", 0, collect, &c, NULL), MC_OK);
	assert_string_equal(c.list, "2.000992 2.001008 2.001019");	/* words are substrings */

	memset(&c, 0, sizeof c);		/* đ folds to d; words in any order */
	assert_int_equal(catalog_each(f->st, "sinh dang lai", 0, collect, &c, NULL), MC_OK);
	assert_string_equal(c.list, "1.004884 2.000522");

	memset(&c, 0, sizeof c);		/* decomposed input (NFD) folds alike */
	assert_int_equal(catalog_each(f->st, "\xc4\x91" "a\xcc\x86ng ky\xcc\x81 ta\xcc\xa3m tru\xcc\x81", 0, collect, &c, NULL), MC_OK);
	assert_string_equal(c.list, "1.004194 1.010028 1.010040");

	memset(&c, 0, sizeof c);		/* a code, or part of one */
	assert_int_equal(catalog_each(f->st, "1.0011", 0, collect, &c, NULL), MC_OK);
	assert_string_equal(c.list, "1.001193");

	memset(&c, 0, sizeof c);
	assert_int_equal(catalog_each(f->st, "khong co thu tuc nay", 0, collect, &c, NULL), MC_OK);
	assert_int_equal(c.n, 0);

	memset(&c, 0, sizeof c);		/* 100% and _ are text, not patterns */
	assert_int_equal(catalog_each(f->st, "100%_", 0, collect, &c, NULL), MC_OK);
	assert_int_equal(c.n, 0);

	memset(&c, 0, sizeof c);		/* everything, in code order */
	assert_int_equal(catalog_each(f->st, NULL, 0, collect, &c, NULL), MC_OK);
	assert_int_equal(c.n, all);
	assert_memory_equal(c.list, "1.000080 1.000094 1.000110 1.000419", 35);
	memset(&c, 0, sizeof c);
	assert_int_equal(catalog_each(f->st, "   ", 0, collect, &c, NULL), MC_OK);
	assert_int_equal(c.n, all);

	memset(&c, 0, sizeof c);		/* a limit, and a callback that stops */
	assert_int_equal(catalog_each(f->st, "dang ky", 2, collect, &c, NULL), MC_OK);
	assert_string_equal(c.list, "1.000080 1.000094");
	memset(&c, 0, sizeof c);
	c.stop_after = 3;
	assert_int_equal(catalog_each(f->st, NULL, 0, collect, &c, NULL), MC_OK);
	assert_int_equal(c.n, 3);

	memset(&c, 0, sizeof c);		/* the callback may look procedures up */
	c.st = f->st;
	assert_int_equal(catalog_each(f->st, "dang ky ket hon", 0, collect, &c, NULL), MC_OK);
	assert_string_equal(c.list, "1.000094 1.000593 1.000894 1.004746 2.000513 2.000806");

	assert_int_equal(catalog_each(f->st, "bad \xff text", 0, collect, &c, &err), MC_EUTF8);
}

static void
test_group(void **state)
{
	struct fixture *f = *state;
	struct codes c;

	import_shipped(f);
	memset(&c, 0, sizeof c);
	c.st = f->st;
	assert_int_equal(catalog_group(f->st, "lien-thong-khai-sinh", collect, &c, NULL), MC_OK);
	assert_string_equal(c.list, "1.001193 1.004222");
	memset(&c, 0, sizeof c);
	assert_int_equal(catalog_group(f->st, "lien-thong-khai-tu", collect, &c, NULL), MC_OK);
	assert_string_equal(c.list, "1.000656 1.003197");
	assert_memory_equal(c.list, "1.000656 ", 9);	/* khai tử leads its group */
	memset(&c, 0, sizeof c);
	assert_int_equal(catalog_group(f->st, "no-such-group", collect, &c, NULL), MC_OK);
	assert_int_equal(c.n, 0);
	assert_int_equal(catalog_group(f->st, NULL, collect, &c, NULL), MC_OK);
	assert_int_equal(c.n, 0);
}

static void
test_line_checks(void **state)
{
	struct fixture *f = *state;
	struct procedure p;
	struct mc_error err;
	int n = -1;

	/* Columns in another order, an extra column, a local code, dotted fee, H:MM. */
	assert_int_equal(import_text(f,
	    "\xef\xbb\xbf# a byte order mark, then a comment line\n"
	    "name,code,note,unit,time,cutoff,fee,fee_rule,group,agency,documents,field\n"
	    "Xác nhận tình trạng hôn nhân,1.004873.000.00.00.h14,ignored,working-days,3,,\"1.000.000\",\"theo tỉnh, xem bảng\",,,"
	    "\"Tờ khai (bản chính) x2; Giấy tờ chứng minh (Bản Sao);;Ảnh 4 x 6 x2; Ảnh 3x4; Ảnh 4 x 6; Hộ chiếu x 3 (bản chính hoặc bản sao); "
	    "Văn bản (bản sao có chứng thực)\nSổ hộ khẩu cũ\r\nGiấy xác nhận (mẫu 01)\",Hộ tịch\n"
	    "  Chứng thực chữ ký  ,2.000884 ,,same-day,0,8:30,8.000,,nhom_1.a,,\"CCCD\",Chứng thực\n",
	    &n, &err), MC_OK);
	assert_int_equal(n, 2);
	assert_int_equal(catalog_get(f->st, "1.004873.000.00.00.H14", &p, &err), MC_OK);
	assert_string_equal(p.name, "Xác nhận tình trạng hôn nhân");
	assert_string_equal(p.field, "Hộ tịch");
	assert_string_equal(p.fee_rule, "theo tỉnh, xem bảng");
	assert_int_equal(p.fee, 1000000);
	assert_null(p.group);
	assert_int_equal(p.ndocs, 9);
	assert_string_equal(p.docs[0].name, "Tờ khai");
	assert_int_equal(p.docs[0].kind, DOC_ORIGINAL);
	assert_int_equal(p.docs[0].sets, 2);
	assert_string_equal(p.docs[1].name, "Giấy tờ chứng minh");
	assert_int_equal(p.docs[1].kind, DOC_COPY);
	assert_int_equal(p.docs[1].sets, 1);
	assert_string_equal(p.docs[2].name, "Ảnh 4 x 6");
	assert_int_equal(p.docs[2].kind, DOC_EITHER);
	assert_int_equal(p.docs[2].sets, 2);
	assert_string_equal(p.docs[3].name, "Ảnh 3x4");
	assert_int_equal(p.docs[3].sets, 1);
	assert_string_equal(p.docs[4].name, "Ảnh 4 x 6");
	assert_int_equal(p.docs[4].sets, 1);
	assert_string_equal(p.docs[5].name, "Hộ chiếu");
	assert_int_equal(p.docs[5].kind, DOC_EITHER);
	assert_int_equal(p.docs[5].sets, 3);
	assert_string_equal(p.docs[6].name, "Văn bản (bản sao có chứng thực)");
	assert_int_equal(p.docs[6].kind, DOC_COPY);
	assert_string_equal(p.docs[7].name, "Sổ hộ khẩu cũ");
	assert_string_equal(p.docs[8].name, "Giấy xác nhận (mẫu 01)");
	assert_int_equal(p.docs[8].kind, DOC_EITHER);
	procedure_free(&p);
	assert_int_equal(catalog_get(f->st, "2.000884", &p, &err), MC_OK);
	assert_string_equal(p.name, "Chứng thực chữ ký");
	assert_int_equal(p.cutoff, 8 * 60 + 30);
	assert_int_equal(p.fee, 8000);
	assert_string_equal(p.group, "nhom_1.a");
	procedure_free(&p);
	assert_int_equal(count(f, "SELECT count(*) FROM procedure WHERE cutoff = '08:30'"), 1);
	assert_string_equal(document_kind_name(DOC_ORIGINAL), "original");
	assert_string_equal(document_kind_name(DOC_COPY), "copy");
	assert_string_equal(document_kind_name(DOC_EITHER), "either");
	assert_string_equal(document_kind_name(42), "?");
}

/* Every line's complaint is there; nothing written; the earlier catalogue intact. */
static void
test_bad_lines(void **state)
{
	struct fixture *f = *state;
	struct procedure p;
	struct mc_error err;
	int before = import_shipped(f), n = -1;

	assert_int_equal(import_text(f, HEADER
	    "9.000001,Thủ tục tốt,Hộ tịch,1,working-days,,0,,,,A\n"
	    "9.000002,Đơn vị sai,Hộ tịch,1,weeks,,0,,,,A\n"
	    "1.001193,Đổi tên khai sinh,Hộ tịch,0,same-day,15:00,0,,,,A\n"
	    "9.000003,Thời hạn sai,Hộ tịch,ba,working-days,,0,,,,A\n",
	    &n, &err), MC_ECSV);
	assert_int_equal(n, 0);
	assert_non_null(strstr(err.msg, "line 3"));
	assert_non_null(strstr(err.msg, "weeks"));
	assert_non_null(strstr(err.msg, "line 5"));
	assert_null(strstr(err.msg, "line 2:"));
	assert_null(strstr(err.msg, "line 4"));
	assert_non_null(strstr(err.msg, "2 error"));
	assert_int_equal(count(f, "SELECT count(*) FROM procedure"), before);
	assert_int_equal(count(f, "SELECT count(*) FROM procedure WHERE code LIKE '9.%'"), 0);
	assert_int_equal(catalog_get(f->st, "1.001193", &p, NULL), MC_OK);
	assert_string_equal(p.name, "Đăng ký khai sinh");
	assert_true(p.ndocs >= 2);
	procedure_free(&p);
	assert_int_equal(count(f, "SELECT count(*) FROM audit"), 1);

	/* One kind of mistake per line. */
	assert_int_equal(import_text(f, HEADER
	    "1.00119,Mã sai,,1,days,,0,,,,A\n"				/* 2 */
	    "9.000001,,,1,days,,0,,,,A\n"				/* 3 */
	    "9.000002,Âm,,-1,days,,0,,,,A\n"				/* 4 */
	    "9.000003,Giờ,,0,same-day,25:00,0,,,,A\n"			/* 5 */
	    "9.000004,Phí,,1,days,,\"8,5\",,,,A\n"			/* 6 */
	    "9.000005,Phí chấm,,1,days,,8.5,,,,A\n"			/* 7 */
	    "9.000006,Nhóm,,1,days,,0,,liên thông,,A\n"			/* 8 */
	    "9.000007,Thiếu cột,,1,days,,0,,,A\n"			/* 9 */
	    "9.000008,Thừa cột,,1,days,,0,phí, không ngoặc,,,A\n"	/* 10 */
	    "9.000009,Bộ,,1,days,,0,,,,Tờ khai x0\n"			/* 11 */
	    "9.000010,Giấy,,1,days,,0,,,,A; (bản sao)\n"		/* 12 */
	    "9.000011,Xuống\tdòng,,1,days,,0,,,,A\n"			/* 13 */
	    "9.000012,Lớn,,100001,days,,0,,,,A\n",			/* 14 */
	    &n, &err), MC_ECSV);
	assert_non_null(strstr(err.msg, "13 error"));
	assert_non_null(strstr(err.msg, "line 2: the code \"1.00119\""));
	assert_non_null(strstr(err.msg, "line 3: the name is empty"));
	assert_non_null(strstr(err.msg, "line 4: the time \"-1\""));
	assert_non_null(strstr(err.msg, "line 5: the cut-off \"25:00\""));
	assert_non_null(strstr(err.msg, "line 6: the fee \"8,5\""));
	assert_non_null(strstr(err.msg, "more"));	/* the rest are counted */
	assert_true(text_valid(err.msg, strlen(err.msg)));
	assert_true(strlen(err.msg) < sizeof err.msg - 1);
	assert_int_equal(count(f, "SELECT count(*) FROM procedure"), before);

	/* The same mistakes one file at a time, each message checked. */
	static const struct {
		const char *row, *says;
	} one[] = {
		{ "9.000005,Phí chấm,,1,days,,8.5,,,,A\n", "line 2: the fee \"8.5\"" },
		{ "9.000006,Nhóm,,1,days,,0,,liên thông,,A\n", "line 2: the group \"liên thông\"" },
		{ "9.000007,Thiếu cột,,1,days,,0,,,A\n", "line 2: 10 fields where the header has 11" },
		{ "9.000008,Thừa cột,,1,days,,0,phí, không ngoặc,,,A\n", "line 2: 12 fields" },
		{ "9.000009,Bộ,,1,days,,0,,,,Tờ khai x0\n", "line 2: document 1: the number of sets" },
		{ "9.000010,Giấy,,1,days,,0,,,,A; (bản sao)\n", "line 2: document 2 has no name" },
		{ "9.000011,Xuống\tdòng,,1,days,,0,,,,A\n", "line 2: the name column must be one line" },
		{ "9.000012,Lớn,,100001,days,,0,,,,A\n", "line 2: the time \"100001\"" },
		{ "9.000013,Phí lớn,,1,days,,2.000.000.000,,,,A\n", "line 2: the fee" },
		{ "9.000014.000..H1,Hậu tố,,1,days,,0,,,,A\n", "line 2: the code" },
	};
	size_t i;
	char text[512];

	for (i = 0; i < sizeof one / sizeof one[0]; i++) {
		snprintf(text, sizeof text, HEADER "%s", one[i].row);
		assert_int_equal(import_text(f, text, &n, &err), MC_ECSV);
		if (strstr(err.msg, one[i].says) == NULL)
			fail_msg("%s: got %s", one[i].says, err.msg);
	}
	assert_int_equal(count(f, "SELECT count(*) FROM procedure"), before);
	assert_int_equal(count(f, "SELECT count(*) FROM audit"), 1);
}

static void
test_bad_files(void **state)
{
	struct fixture *f = *state;
	struct mc_error err;
	int before = import_shipped(f), n = -1;

	/* A wrong header: a column missing or misspelt, or no header at all. */
	assert_int_equal(import_text(f,
	    "code,name,field,time,units,cutoff,fee,fee_rule,group,agency,document\n"
	    "9.000001,Tên,,1,days,,0,,,,A\n", &n, &err), MC_ECSV);
	assert_non_null(strstr(err.msg, "unit, documents"));
	assert_non_null(strstr(err.msg, "line 1"));
	assert_int_equal(import_text(f, "9.000001,Tên,,1,days,,0,,,,A\n", &n, &err), MC_ECSV);
	assert_non_null(strstr(err.msg, "code,name,field"));

	/* Bad UTF-8 on line 3 (Latin-1 "Đ"). */
	assert_int_equal(import_text(f, HEADER
	    "9.000001,Tên,,1,days,,0,,,,A\n"
	    "9.000002,\xd0\xe3ng k\xfd,,1,days,,0,,,,A\n", &n, &err), MC_EUTF8);
	assert_non_null(strstr(err.msg, "line 3"));
	assert_true(text_valid(err.msg, strlen(err.msg)));

	/* The same code twice. */
	assert_int_equal(import_text(f, HEADER
	    "9.000001,Một,,1,days,,0,,,,A\n"
	    "9.000002,Hai,,1,days,,0,,,,A\n"
	    "9.000001,Ba,,1,days,,0,,,,A\n", &n, &err), MC_ECSV);
	assert_non_null(strstr(err.msg, "line 4: the code 9.000001 is already on line 2"));

	/* Empty: nothing, only comments, only the header. */
	assert_int_equal(import_text(f, "", &n, &err), MC_ECSV);
	assert_non_null(strstr(err.msg, "empty"));
	assert_int_equal(import_text(f, "# nothing here\n\n", &n, &err), MC_ECSV);
	assert_int_equal(import_text(f, HEADER, &n, &err), MC_ECSV);
	assert_non_null(strstr(err.msg, "no procedures"));

	/* A quoted field never closed. */
	assert_int_equal(import_text(f, HEADER "9.000001,\"Tên,,1,days,,0,,,,A\n", &n, &err), MC_ECSV);
	assert_non_null(strstr(err.msg, "line 2"));

	assert_int_equal(catalog_import(f->st, "/nonexistent/procedures.csv", "tester", &n, &err),
	    MC_ENOTFOUND);
	assert_int_equal(n, 0);

	assert_int_equal(count(f, "SELECT count(*) FROM procedure"), before);
	assert_int_equal(count(f, "SELECT count(*) FROM audit"), 1);
}

/* A second import replaces what it lists and keeps the rest. */
static void
test_reimport(void **state)
{
	struct fixture *f = *state;
	struct procedure p;
	struct mc_error err;
	struct codes c;
	int before = import_shipped(f), n = -1;

	assert_int_equal(import_text(f, HEADER
	    "1.001939,Thẻ BHYT,Bảo hiểm y tế,1,working-days,,0,,lien-thong-khai-sinh,BHXH,A\n"
	    "1.001193,Đăng ký khai sinh (mới),Hộ tịch,1,working-days,,5000,,lien-thong-khai-sinh,,"
	    "Tờ khai mới (bản sao) x2\n"
	    "9.000001,Thủ tục mới,Khác,2,hours,,0,,,,Đơn\n", &n, &err), MC_OK);
	assert_int_equal(n, 3);
	assert_int_equal(count(f, "SELECT count(*) FROM procedure"), before + 1);
	assert_int_equal(catalog_get(f->st, "1.001193", &p, &err), MC_OK);
	assert_string_equal(p.name, "Đăng ký khai sinh (mới)");
	assert_int_equal(p.unit, TU_WORKING_DAYS);
	assert_int_equal(p.fee, 5000);
	assert_int_equal(p.cutoff, -1);
	assert_int_equal(p.ndocs, 1);
	assert_string_equal(p.docs[0].name, "Tờ khai mới");
	assert_int_equal(p.docs[0].kind, DOC_COPY);
	assert_int_equal(p.docs[0].sets, 2);
	procedure_free(&p);
	assert_int_equal(catalog_get(f->st, "9.000001", &p, &err), MC_OK);
	assert_int_equal(p.unit, TU_HOURS);
	procedure_free(&p);
	assert_int_equal(count(f, "SELECT count(*) FROM procedure WHERE code = '1.004222'"), 1);
	assert_int_equal(count(f, "SELECT count(*) FROM procedure WHERE folded LIKE '%(moi)%'"), 1);
	/* The group follows the order of the latest file. */
	memset(&c, 0, sizeof c);
	assert_int_equal(catalog_group(f->st, "lien-thong-khai-sinh", collect, &c, NULL), MC_OK);
	assert_string_equal(c.list, "1.004222 1.001939 1.001193");
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE action = 'catalog.import'"), 2);
}

static void
test_not_found(void **state)
{
	struct fixture *f = *state;
	struct procedure p;
	struct mc_error err;

	import_shipped(f);
	assert_int_equal(catalog_get(f->st, "9.999999", &p, &err), MC_ENOTFOUND);
	assert_non_null(strstr(err.msg, "9.999999"));
	assert_null(p.name);
	assert_int_equal(p.ndocs, 0);
	procedure_free(&p);
	procedure_free(&p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_shipped, setup, teardown),
		cmocka_unit_test_setup_teardown(test_search, setup, teardown),
		cmocka_unit_test_setup_teardown(test_group, setup, teardown),
		cmocka_unit_test_setup_teardown(test_line_checks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_lines, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_files, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reimport, setup, teardown),
		cmocka_unit_test_setup_teardown(test_not_found, setup, teardown),
	};

	return cmocka_run_group_tests_name("catalog", tests, NULL, NULL);
}
