/* test-conf.c -- motcua.conf: defaults, a good file, and every kind of bad one. */
#include "unit.h"

#include "conf.h"
#include "i18n.h"

static char dir[] = "/tmp/motcua-conf.XXXXXX";
static char file[300];

static int
load_text(const char *text, struct mc_error *err)
{
	FILE *fp = fopen(file, "w");

	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	return conf_load(file, NULL, err);
}

static void
test_defaults(void **state)
{
	char missing[320];

	snprintf(missing, sizeof missing, "%s/none.conf", dir);
	assert_int_equal(conf_load(missing, NULL, NULL), MC_OK);
	assert_string_equal(conf_path(), missing);
	assert_string_equal(conf_get("store", "path"), "/var/lib/motcua/motcua.db");
	assert_string_equal(conf_get("backup", "keep"), "14");
	assert_null(conf_get("store", "nonsense"));
	assert_null(conf_get("nonsense", "path"));
}

static void
test_good_file(void **state)
{
	assert_int_equal(load_text("\xef\xbb\xbf# motcua.conf\n; a comment\n\n[store]\n"
	    "  path =  /srv/x;y#z.db  \r\n[ backup ]\nkeep=3\n", NULL), MC_OK);
	assert_string_equal(conf_get("store", "path"), "/srv/x;y#z.db");
	assert_string_equal(conf_get("backup", "keep"), "3");
	assert_string_equal(conf_get("backup", "dir"), "/var/backups/motcua");	/* default */
	/* A later file replaces the whole of an earlier one. */
	assert_int_equal(load_text("[backup]\ndir = /media/usb\n", NULL), MC_OK);
	assert_string_equal(conf_get("store", "path"), "/var/lib/motcua/motcua.db");
	assert_string_equal(conf_get("backup", "dir"), "/media/usb");
	assert_string_equal(conf_get("backup", "keep"), "14");
}

static void
test_bad_files(void **state)
{
	static const struct { const char *text, *says; } bad[] = {
		{ "[store]\npth = x\n", "line 2: unknown key 'pth' in [store]" },
		{ "[stor]\npath = x\n", "line 1: unknown section [stor]" },
		{ "path = x\n", "line 1: 'path' comes before any [section]" },
		{ "[store]\njust words\n", "line 2: expected 'key = value'" },
		{ "[store\n", "line 1: a section is written [name]" },
		{ "[store] x\n", "line 1: a section is written [name]" },
		{ "[store]\npath = a\tb\n", "line 2: the value of path has control characters" },
		{ "[store]\npath = a\033[2Jb\n", "not UTF-8 text (or has control characters)" },
		{ "[store]\npath = \xff\xfe\n", "not UTF-8 text" },
	};
	struct mc_error err;
	char big[2000];
	size_t i;

	assert_int_equal(load_text("[backup]\nkeep = 5\n", NULL), MC_OK);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(load_text(bad[i].text, &err), MC_EINVAL);
		if (strstr(err.msg, bad[i].says) == NULL)
			fail_msg("%s: got '%s'", bad[i].says, err.msg);
		assert_non_null(strstr(err.msg, file));		/* the file is named */
		assert_string_equal(conf_get("backup", "keep"), "5");	/* nothing kept */
	}
	memset(big, 'x', sizeof big);
	memcpy(big, "[store]\npath = ", 15);
	big[sizeof big - 2] = '\n';
	big[sizeof big - 1] = '\0';
	assert_int_equal(load_text(big, &err), MC_EINVAL);
	assert_non_null(strstr(err.msg, "line 2: the value of path is too long"));
	/* A folder is not a settings file. */
	assert_int_equal(conf_load(dir, NULL, &err), MC_EINVAL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_good_file),
		cmocka_unit_test(test_bad_files),
	};
	int rc;

	mc_i18n_init("en");
	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(file, sizeof file, "%s/motcua.conf", dir);
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	unlink(file);
	rmdir(dir);
	conf_free();
	return rc;
}
