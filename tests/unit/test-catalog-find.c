/* test-catalog-find.c -- the catalogue at the counter: the picker's matching and
 * ranking (catalog_find, catalog_find_one), local variant codes, the new columns of
 * the CSV (fee online, verify, source), what an administrator confirms, and the
 * catalogue version a dossier is received under. */
#include "config.h"

#include "unit.h"

#include "catalog.h"
#include "dossier.h"

struct fixture {
	struct store *st;
	char path[256];
	char csv[64];
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);

	if (f == NULL || (f->st = unit_office_store(f->path)) == NULL) {
		free(f);
		return -1;
	}
	snprintf(f->csv, sizeof f->csv, "/tmp/motcua-find.XXXXXX");
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

struct list {
	char codes[2048];
	int uses[64];
	int n;
};

static int
collect(const struct procedure *p, int uses, void *ctx)
{
	struct list *l = ctx;
	size_t len = strlen(l->codes);

	assert_null(p->docs);
	snprintf(l->codes + len, sizeof l->codes - len, "%s%s", len > 0 ? " " : "", p->code);
	if (l->n < 64)
		l->uses[l->n] = uses;
	l->n++;
	return 0;
}

/* The codes catalog_find() gives for query, at most limit. */
static const char *
find(struct fixture *f, const char *query, int limit, struct list *l)
{
	struct mc_error err;

	memset(l, 0, sizeof *l);
	if (catalog_find(f->st, query, limit, collect, l, &err) != MC_OK)
		fail_msg("catalog_find(%s): %s", query, mc_message(&err));
	return l->codes;
}

static void
intake(struct fixture *f, const char *code, int times)
{
	char codes[8][CODE_MAX];
	struct intake in = { .procedure = code, .name = "Nguyễn Văn A", .received = MC_TIME_NONE };
	int n, i;

	for (i = 0; i < times; i++)
		assert_int_equal(dossier_intake(f->st, &in, "test", codes, 8, &n, NULL), MC_OK);
}

static void
test_code_parse(void **state)
{
	char code[CATALOG_CODE_MAX], agency[CATALOG_CODE_MAX];

	assert_int_equal(catalog_code_parse("1.001193", code, agency), MC_OK);
	assert_string_equal(code, "1.001193");
	assert_string_equal(agency, "");
	assert_int_equal(catalog_code_parse(" 2.000815.000.00.00.h55 ", code, agency), MC_OK);
	assert_string_equal(code, "2.000815");
	assert_string_equal(agency, "000.00.00.H55");
	assert_int_equal(catalog_code_parse("1.004873.H14.50.05.13", code, agency), MC_OK);
	assert_string_equal(agency, "H14.50.05.13");
	assert_int_equal(catalog_code_parse("1.00119", code, agency), MC_EINVAL);
	assert_int_equal(catalog_code_parse("1001193", code, agency), MC_EINVAL);
	assert_int_equal(catalog_code_parse("1.001193.", code, agency), MC_EINVAL);
	assert_int_equal(catalog_code_parse("1.001193..H55", code, agency), MC_EINVAL);
	assert_int_equal(catalog_code_parse("1.001193 H55", code, agency), MC_EINVAL);
	assert_int_equal(catalog_code_parse("1.001193.000.00.00.H55.000.00.00.H55.000.00.00.H55", code,
	    agency), MC_EINVAL);	/* too long */
	assert_int_equal(catalog_code_parse("", code, agency), MC_EINVAL);
	assert_string_equal(code, "");
}

static void
test_variant_lookup(void **state)
{
	struct fixture *f = *state;
	struct procedure p;

	/* A variant typed anywhere finds its national procedure. */
	assert_int_equal(catalog_get(f->st, "2.000815.000.00.00.H55", &p, NULL), MC_OK);
	assert_string_equal(p.code, "2.000815");
	procedure_free(&p);
	intake(f, "2.000815.000.00.00.H55", 1);
	assert_int_equal(unit_count(f->st, "SELECT count(*) FROM dossier WHERE procedure = '2.000815'"), 1);
}

static void
test_find(void **state)
{
	struct fixture *f = *state;
	struct list l;

	/* The code, its last digits, with or without the dot. */
	assert_string_equal(find(f, "1.001193", 0, &l), "1.001193");
	assert_string_equal(find(f, "2.000815.000.00.00.H55", 0, &l), "2.000815");
	assert_string_equal(find(f, "1193", 0, &l), "1.001193");
	assert_string_equal(find(f, "001193", 0, &l), "1.001193");
	assert_string_equal(find(f, "1001193", 0, &l), "1.001193");
	/* Words of the name, with or without accents, in any order, any case. */
	find(f, "ket hon", 0, &l);
	assert_true(l.n >= 4);
	assert_non_null(strstr(l.codes, "1.000894"));
	assert_string_equal(find(f, "KẾT HÔN lưu động", 0, &l), "1.000593");
	assert_string_equal(find(f, "luu dong ket hon", 0, &l), "1.000593");
	/* Words of the field. */
	find(f, "ho tich", 0, &l);
	assert_true(l.n >= 40);
	find(f, "can cuoc the", 0, &l);
	assert_non_null(strstr(l.codes, "1.014061"));
	assert_int_equal(find(f, "khong co thu tuc nay", 0, &l)[0], '\0');
	/* Every procedure, and a limit. */
	find(f, "", 0, &l);
	assert_true(l.n >= 140);
	find(f, NULL, 5, &l);
	assert_int_equal(l.n, 5);
	assert_int_equal(catalog_find(f->st, "bad \xff", 0, collect, &l, NULL), MC_EUTF8);
}

static void
test_most_used_first(void **state)
{
	struct fixture *f = *state;
	struct list l;

	find(f, "khai sinh", 0, &l);
	assert_true(l.n > 3);
	assert_int_equal(l.uses[0], 0);
	assert_memory_equal(l.codes, "1.001193 ", 9);	/* unused: the closest name first */
	intake(f, "1.004884", 3);	/* Đăng ký lại khai sinh */
	intake(f, "1.001193", 2);	/* Đăng ký khai sinh */
	find(f, "khai sinh", 0, &l);
	assert_memory_equal(l.codes, "1.004884 1.001193 ", 18);
	assert_int_equal(l.uses[0], 3);
	assert_int_equal(l.uses[1], 2);
	/* The empty query too: the office's most used first. */
	find(f, "", 2, &l);
	assert_string_equal(l.codes, "1.004884 1.001193");
	/* A code typed in full still names that procedure alone. */
	assert_string_equal(find(f, "1.001193", 0, &l), "1.001193");
	/* Another office's dossiers do not count for this one. */
	assert_int_equal(unit_count(f->st, "SELECT sum(n) FROM procedure_use WHERE office = '000.17.22.H56'"), 5);
}

static void
test_find_one(void **state)
{
	struct fixture *f = *state;
	char code[CATALOG_CODE_MAX];
	struct mc_error err;

	assert_int_equal(catalog_find_one(f->st, "1193", code, &err), MC_OK);
	assert_string_equal(code, "1.001193");
	assert_int_equal(catalog_find_one(f->st, "2.000815.000.00.00.H55", code, &err), MC_OK);
	assert_string_equal(code, "2.000815");
	assert_int_equal(catalog_find_one(f->st, "ket hon luu dong", code, &err), MC_OK);
	assert_string_equal(code, "1.000593");
	assert_int_equal(catalog_find_one(f->st, "khai sinh", code, &err), MC_EINVAL);
	assert_non_null(strstr(err.msg, "Several procedures match"));
	assert_string_equal(code, "");
	assert_int_equal(catalog_find_one(f->st, "khong co thu tuc nay", code, &err), MC_ENOTFOUND);
	assert_int_equal(catalog_find_one(f->st, "9.999999", code, &err), MC_ENOTFOUND);
}

static void
test_csv_columns(void **state)
{
	struct fixture *f = *state;
	struct procedure p;
	struct mc_error err;
	FILE *fp = fopen(f->csv, "w");
	int n;

	assert_non_null(fp);
	fputs("code,name,field,time,unit,cutoff,fee,fee_online,fee_rule,group,agency,verify,source,documents\n"
	    "1.999001.000.00.00.h55,Thử,Thử,3,working-days,,20.000,10000,,,,\"time, fee\",QĐ 1/QĐ-X; dichvucong.gov.vn,Đơn\n"
	    "1.999002,Thử 2,Thử,3,working-days,,5000,,,,,,,\n", fp);
	fclose(fp);
	assert_int_equal(catalog_import(f->st, f->csv, "test", &n, &err), MC_OK);
	assert_int_equal(catalog_get(f->st, "1.999001", &p, NULL), MC_OK);
	assert_string_equal(p.agency_code, "000.00.00.H55");
	assert_int_equal(p.fee, 20000);
	assert_int_equal(p.fee_online, 10000);
	assert_int_equal(p.verify, CATALOG_VERIFY_TIME | CATALOG_VERIFY_FEE);
	assert_string_equal(p.source, "QĐ 1/QĐ-X; dichvucong.gov.vn");
	procedure_free(&p);
	assert_int_equal(catalog_get(f->st, "1.999002", &p, NULL), MC_OK);
	assert_int_equal(p.fee_online, -1);
	assert_int_equal(procedure_fee(&p, "online"), 5000);
	assert_int_equal(p.verify, 0);
	procedure_free(&p);

	/* Bad values of the new columns name their line; a variant and its national
	 * code are one procedure. */
	fp = fopen(f->csv, "w");
	fputs("code,name,field,time,unit,cutoff,fee,fee_online,fee_rule,group,agency,verify,source,documents\n"
	    "1.999003,A,X,1,days,,0,mười,,,,,,\n"
	    "1.999004,B,X,1,days,,0,,,,,thời gian,,\n"
	    "1.999005,C,X,1,days,,0,,,,,,,\n"
	    "1.999005.000.00.00.H55,D,X,1,days,,0,,,,,,,\n", fp);
	fclose(fp);
	assert_int_equal(catalog_import(f->st, f->csv, "test", &n, &err), MC_ECSV);
	assert_non_null(strstr(err.msg, "line 2: the online fee"));
	assert_non_null(strstr(err.msg, "line 3: the verify column"));
	assert_non_null(strstr(err.msg, "line 5: the code 1.999005 is already on line 4"));
}

static void
test_confirm(void **state)
{
	struct fixture *f = *state;
	struct catalog_confirm cf;
	struct procedure p;
	struct mc_error err;
	char words[64];

	/* 1.004873: the portal gives "3" without a unit, and a fee the province sets. */
	assert_int_equal(catalog_get(f->st, "1.004873", &p, NULL), MC_OK);
	assert_int_equal(p.verify, CATALOG_VERIFY_TIME | CATALOG_VERIFY_FEE);
	assert_string_equal(catalog_verify_words(p.verify, words, sizeof words), "time fee");
	procedure_free(&p);
	assert_int_equal(catalog_verify_parse("fee,time"), CATALOG_VERIFY_TIME | CATALOG_VERIFY_FEE);
	assert_int_equal(catalog_verify_parse(""), 0);
	assert_int_equal(catalog_verify_parse("time cost"), -1);

	catalog_confirm_init(&cf);
	assert_int_equal(catalog_confirm(f->st, "1.004873", &cf, "admin", &err), MC_EINVAL);
	cf.time_value = 3;
	cf.unit = TU_WORKING_DAYS;
	assert_int_equal(catalog_confirm(f->st, "1.004873", &cf, "admin", &err), MC_OK);
	assert_int_equal(catalog_get(f->st, "1.004873", &p, NULL), MC_OK);
	assert_int_equal(p.verify, CATALOG_VERIFY_FEE);
	assert_int_equal(p.time_value, 3);
	procedure_free(&p);

	catalog_confirm_init(&cf);
	cf.fee = 10000;
	cf.fee_online = 5000;
	assert_int_equal(catalog_confirm(f->st, "1.004873", &cf, "admin", &err), MC_OK);
	assert_int_equal(catalog_get(f->st, "1.004873", &p, NULL), MC_OK);
	assert_int_equal(p.verify, 0);
	assert_int_equal(p.fee, 10000);
	assert_int_equal(p.fee_online, 5000);
	procedure_free(&p);

	/* Same-day with a cut-off; an online fee equal to the counter's is none. */
	catalog_confirm_init(&cf);
	cf.time_value = 7;
	cf.unit = TU_SAME_DAY;
	cf.cutoff = 16 * 60;
	cf.fee = 8000;
	cf.fee_online = 8000;
	assert_int_equal(catalog_confirm(f->st, "2.002516", &cf, "admin", &err), MC_OK);
	assert_int_equal(catalog_get(f->st, "2.002516", &p, NULL), MC_OK);
	assert_int_equal(p.unit, TU_SAME_DAY);
	assert_int_equal(p.time_value, 0);
	assert_int_equal(p.cutoff, 16 * 60);
	assert_int_equal(p.fee_online, -1);
	procedure_free(&p);

	catalog_confirm_init(&cf);
	cf.time_value = 99999;
	assert_int_equal(catalog_confirm(f->st, "2.002516", &cf, "admin", &err), MC_EINVAL);
	cf.time_value = 1;
	assert_int_equal(catalog_confirm(f->st, "9.999999", &cf, "admin", &err), MC_ENOTFOUND);
	assert_int_equal(unit_count(f->st, "SELECT count(*) FROM audit WHERE action = 'catalog.confirm' "
	    "AND actor = 'admin'"), 3);
}

static void
test_dossier_version(void **state)
{
	struct fixture *f = *state;
	char codes[8][CODE_MAX], version[64], shipped[64];
	struct intake in = { .procedure = "1.004222", .name = "Trần Thị B", .received = MC_TIME_NONE };
	struct dossier d;
	int n, verify;

	catalog_version(f->st, shipped);
	assert_true(strlen(shipped) > 16);	/* "YYYY-MM-DD HH:MM xxxxxxxx" */
	/* Online, the fee of the online channel. */
	in.channel = "online";
	assert_int_equal(dossier_intake(f->st, &in, "test", codes, 8, &n, NULL), MC_OK);
	assert_int_equal(dossier_get(f->st, codes[0], &d, NULL), MC_OK);
	assert_int_equal(d.fee, 10000);
	assert_int_equal(catalog_dossier_info(f->st, codes[0], version, &verify, NULL), MC_OK);
	assert_string_equal(version, shipped);
	assert_int_equal(verify, 0);

	/* A procedure whose time and fee are to verify; a new version afterwards. */
	in.procedure = "1.004873";
	in.channel = NULL;
	assert_int_equal(dossier_intake(f->st, &in, "test", codes, 8, &n, NULL), MC_OK);
	assert_int_equal(catalog_version_set(f->st, "province 7", "hub", NULL), MC_OK);
	assert_int_equal(catalog_dossier_info(f->st, codes[0], version, &verify, NULL), MC_OK);
	assert_string_equal(version, shipped);
	assert_int_equal(verify, CATALOG_VERIFY_TIME | CATALOG_VERIFY_FEE);
	assert_int_equal(dossier_intake(f->st, &in, "test", codes, 8, &n, NULL), MC_OK);
	assert_int_equal(catalog_dossier_info(f->st, codes[0], version, &verify, NULL), MC_OK);
	assert_string_equal(version, "province 7");
	assert_int_equal(catalog_version_set(f->st, "", NULL, NULL), MC_EINVAL);
	/* No such dossier: nothing recorded. */
	assert_int_equal(catalog_dossier_info(f->st, "none", version, &verify, NULL), MC_OK);
	assert_string_equal(version, "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_code_parse),
		cmocka_unit_test_setup_teardown(test_variant_lookup, setup, teardown),
		cmocka_unit_test_setup_teardown(test_find, setup, teardown),
		cmocka_unit_test_setup_teardown(test_most_used_first, setup, teardown),
		cmocka_unit_test_setup_teardown(test_find_one, setup, teardown),
		cmocka_unit_test_setup_teardown(test_csv_columns, setup, teardown),
		cmocka_unit_test_setup_teardown(test_confirm, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dossier_version, setup, teardown),
	};

	return cmocka_run_group_tests_name("catalog-find", tests, NULL, NULL);
}
