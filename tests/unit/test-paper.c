/* test-paper.c -- the forms' template language (common/paper-tmpl.c) and the two
 * layouts of a page: values and fallbacks, @if/@else, tables, lists, signatures,
 * mistakes named by file and line, the text within 80 columns, a PDF that is one. */
#include "config.h"

#include "unit.h"

#include "paper-int.h"
#include "paper.h"

static char dir[64];

/* Write text to dir/name; returns the path (static). */
static const char *
template(const char *name, const char *text)
{
	static char path[256];
	FILE *fp;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	return path;
}

static void
values(struct pvals *v)
{
	struct plist *l;

	memset(v, 0, sizeof *v);
	pvals_set(v, "applicant", "Nguyễn Văn Ân");
	pvals_set(v, "email", "");
	pvals_set(v, "date_line", "Tân Lập, ngày 07 tháng 12 năm 2026");
	pvals_set(v, "office", "UBND xã Tân Lập");
	l = pvals_list(v, "documents", "no,name,form");
	plist_add(l, (const char *[]){ "1", "Tờ khai đăng ký khai sinh", "Bản chính" });
	plist_add(l, (const char *[]){ "2", "Giấy chứng sinh", "Bản sao chứng thực" });
	pvals_list(v, "empty", "no,name");
}

/* The page's text (caller frees). */
static char *
text_of(const struct ppage *pg)
{
	struct mc_error err;
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);

	assert_non_null(m);
	assert_int_equal(ppage_text(pg, 0, m, &err), MC_OK);
	fclose(m);
	return buf;
}

static void
test_expand(void **state)
{
	struct pvals v;
	struct ppage pg;
	struct mc_error err;
	char *s;

	(void)state;
	values(&v);
	assert_int_equal(ptmpl_expand(template("a.txt",
	    "# a comment\n"
	    "@kind receipt\n"
	    "@title Giấy tiếp nhận\n"
	    "@basis Mẫu số 01\n"
	    "@header {office} | Bộ phận một cửa\n"
	    "@date\n"
	    "@heading\n"
	    "Của: {applicant}; email {email|..........}; {nonsense} stays\n"
	    "@if documents\n"
	    "@table documents | TT:3={no} | Tên:30={name} | Hình thức:20={form}\n"
	    "@else\n"
	    "none\n"
	    "@end\n"
	    "@if !empty\n"
	    "@list documents - {name}\n"
	    "@end\n"
	    "@if empty\n"
	    "@if documents\n"
	    "hidden inside a false @if\n"
	    "@else\n"
	    "hidden too\n"
	    "@end\n"
	    "@end\n"
	    "@sign | NGƯỜI TIẾP NHẬN = {applicant}\n"), &v, &pg, &err), MC_OK);
	assert_string_equal(pg.title, "Giấy tiếp nhận");
	assert_string_equal(pg.basis, "Mẫu số 01");
	s = text_of(&pg);
	assert_non_null(strstr(s, "UBND XÃ TÂN LẬP"));		/* the bodies in capitals */
	assert_non_null(strstr(s, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
	assert_non_null(strstr(s, "Tân Lập, ngày 07 tháng 12 năm 2026"));
	assert_non_null(strstr(s, "GIẤY TIẾP NHẬN"));
	assert_non_null(strstr(s, "Của: Nguyễn Văn Ân; email ..........; {nonsense} stays"));
	assert_non_null(strstr(s, "| 2   | Giấy chứng sinh"));
	assert_non_null(strstr(s, "Bản sao chứng thực"));
	assert_null(strstr(s, "none"));
	assert_non_null(strstr(s, "- Tờ khai đăng ký khai sinh"));
	assert_null(strstr(s, "hidden"));
	assert_non_null(strstr(s, "NGƯỜI TIẾP NHẬN"));
	assert_non_null(strstr(s, "Mẫu số 01"));			/* the footer */
	free(s);
	ppage_free(&pg);
	pvals_free(&v);
}

static void
test_mistakes(void **state)
{
	struct pvals v;
	struct ppage pg;
	struct mc_error err;

	(void)state;
	values(&v);
	assert_int_equal(ptmpl_expand(template("b.txt", "line one\n@frobnicate\n"), &v, &pg, &err),
	    MC_EINVAL);
	assert_non_null(strstr(err.msg, "b.txt"));
	assert_non_null(strstr(err.msg, "2"));
	assert_non_null(strstr(err.msg, "@frobnicate"));
	ppage_free(&pg);
	assert_int_equal(ptmpl_expand(template("c.txt", "@if documents\nx\n"), &v, &pg, &err), MC_EINVAL);
	ppage_free(&pg);
	assert_int_equal(ptmpl_expand(template("d.txt", "@end\n"), &v, &pg, &err), MC_EINVAL);
	ppage_free(&pg);
	assert_int_equal(ptmpl_expand(template("e.txt", "@table nolist | A:3={a}\n"), &v, &pg, &err),
	    MC_EINVAL);
	ppage_free(&pg);
	assert_int_equal(ptmpl_expand(template("f.txt", "@table documents | A={no}\n"), &v, &pg, &err),
	    MC_EINVAL);
	ppage_free(&pg);
	assert_int_equal(ptmpl_expand(template("h.txt", "@table documents | A:40={no} | B:40={name}\n"),
	    &v, &pg, &err), MC_EINVAL);	/* wider than the page */
	ppage_free(&pg);
	assert_int_equal(ptmpl_expand("/nonexistent/01.txt", &v, &pg, &err), MC_ENOTFOUND);
	ppage_free(&pg);
	pvals_free(&v);
}

static void
test_layouts(void **state)
{
	struct pvals v;
	struct ppage pg;
	struct mc_error err;
	char *s, *buf = NULL, long_line[400];
	const char *p;
	size_t len = 0;
	FILE *m;
	int w = 0;

	(void)state;
	values(&v);
	memset(long_line, 'x', 300);
	long_line[300] = '\0';
	pvals_set(&v, "long", long_line);
	assert_int_equal(ptmpl_expand(template("g.txt",
	    "@title T\n@header {office} | {long}\n@heading\n@qr 000.17.22.H56-261207-0001\n"
	    "{long} {long}\n@table documents | TT:3={no} | Tên:40={long} | Hình thức:20={form}\n"
	    "@sign A = {long} | B = {applicant}\n"), &v, &pg, &err), MC_OK);
	/* Text: nothing wider than 80 columns, whatever the values. */
	s = text_of(&pg);
	for (p = s; *p != '\0'; p++) {
		if (*p == '\n')
			w = 0;
		else if (((unsigned char)*p & 0xc0) != 0x80 && ++w > PAPER_WIDTH)
			fail_msg("a line of more than %d columns: %.100s", PAPER_WIDTH, p - w + 1);
	}
	free(s);
	/* PDF: a PDF, longer than its header. */
	m = open_memstream(&buf, &len);
	assert_int_equal(ppage_pdf(&pg, m, &err), MC_OK);
	fclose(m);
	assert_true(len > 1000);
	assert_memory_equal(buf, "%PDF-", 5);
	free(buf);
	ppage_free(&pg);
	pvals_free(&v);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_expand),
		cmocka_unit_test(test_mistakes),
		cmocka_unit_test(test_layouts),
	};

	snprintf(dir, sizeof dir, "/tmp/motcua-paper.XXXXXX");
	if (mkdtemp(dir) == NULL)
		return 1;
	return cmocka_run_group_tests_name("paper", tests, NULL, NULL);
}
