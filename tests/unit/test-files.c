/* test-files.c -- nothing motcua writes is readable by other accounts, whatever the
 * umask (issue 9 B): files.c itself, a new store and its -wal and -shm, a store that
 * was open to others, the forms folder and the forms, CSV and XLSX exports.  Each
 * test runs under umask 000 (the worst) and 022 (the usual). */
#include "unit.h"

#include <fcntl.h>
#include <sys/stat.h>

#include "dossier.h"
#include "export.h"
#include "files.h"
#include "paper.h"
#include "report.h"

static const mode_t masks[] = { 000, 022 };

/* The permission bits of path (with setgid), -1 when it is not there. */
static int
mode_of(const char *p)
{
	struct stat sb;

	return stat(p, &sb) == 0 ? (int)(sb.st_mode & 07777) : -1;
}

static void
test_files(void **state)
{
	char dir[] = "/tmp/motcua-files.XXXXXX", p[512], cmd[600];
	size_t i;
	int fd;

	assert_non_null(mkdtemp(dir));
	for (i = 0; i < sizeof masks / sizeof masks[0]; i++) {
		umask(masks[i]);
		snprintf(p, sizeof p, "%s/new-%zu", dir, i);
		assert_true((fd = files_create(p, FILES_MODE, 1, 0)) >= 0);
		close(fd);
		assert_int_equal(mode_of(p), 0640);
		assert_int_equal(files_create(p, FILES_MODE, 1, 0), -1);	/* excl: it exists */
		/* An existing file of ours that was open to everybody is made 0640. */
		assert_int_equal(chmod(p, 0666), 0);
		assert_true((fd = files_create(p, FILES_MODE, 0, 1)) >= 0);
		close(fd);
		assert_int_equal(mode_of(p), 0640);
		snprintf(p, sizeof p, "%s/shared-%zu", dir, i);
		assert_int_equal(files_mkdir(p, FILES_SHARED_DIR_MODE), 0);
		assert_int_equal(mode_of(p), 02770);
		assert_int_equal(chmod(p, 0755), 0);
		assert_int_equal(files_mkdir(p, FILES_SHARED_DIR_MODE), 0);	/* kept, closed */
		assert_int_equal(mode_of(p), 0750);
		snprintf(p, sizeof p, "%s/dir-%zu", dir, i);
		assert_int_equal(files_mkdir(p, FILES_DIR_MODE), 0);
		assert_int_equal(mode_of(p), 0750);
	}
	umask(022);
	snprintf(p, sizeof p, "%s/open", dir);
	assert_true((fd = files_create(p, 0664, 0, 0)) >= 0);
	close(fd);
	assert_int_equal(files_private(p), 0);		/* ours: closed, not exposed */
	assert_int_equal(mode_of(p), 0660);
	snprintf(p, sizeof p, "%s/none", dir);
	assert_int_equal(files_private(p), 0);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

/* A store made under each umask: 0660, and SQLite's -wal and -shm follow it. */
static void
test_store(void **state)
{
	char dir[] = "/tmp/motcua-files.XXXXXX", p[512], side[600], cmd[600];
	struct store *st, *other;
	struct mc_error err;
	size_t i;
	int fd;

	assert_non_null(mkdtemp(dir));
	for (i = 0; i < sizeof masks / sizeof masks[0]; i++) {
		umask(masks[i]);
		snprintf(p, sizeof p, "%s/m%zu.db", dir, i);
		assert_int_equal(store_open(p, STORE_CREATE, &st, &err), MC_OK);
		assert_int_equal(store_exposed(st), 0);
		assert_int_equal(store_set_setting(st, "office.code", "000.17.22.H56", &err), MC_OK);
		/* A second connection keeps the -wal and -shm there to look at. */
		assert_int_equal(store_open(p, 0, &other, &err), MC_OK);
		assert_int_equal(store_exec(other, "SELECT count(*) FROM setting", &err), MC_OK);
		assert_int_equal(mode_of(p), 0660);
		snprintf(side, sizeof side, "%s-wal", p);
		assert_int_equal(mode_of(side), 0660);
		snprintf(side, sizeof side, "%s-shm", p);
		assert_int_equal(mode_of(side), 0660);
		store_close(other);
		store_close(st);
	}
	/* A store an older version made 0644 (and its left-over -wal 0644): opening it
	 * closes them to others. */
	umask(022);
	snprintf(p, sizeof p, "%s/m0.db", dir);
	assert_int_equal(chmod(p, 0644), 0);
	snprintf(side, sizeof side, "%s-wal", p);
	assert_true((fd = open(side, O_WRONLY | O_CREAT, 0644)) >= 0);	/* empty: no frames */
	close(fd);
	assert_int_equal(chmod(side, 0644), 0);
	assert_int_equal(store_open(p, 0, &st, &err), MC_OK);
	assert_int_equal(store_exposed(st), 0);
	assert_int_equal(mode_of(p), 0640);
	assert_int_equal(mode_of(side) & 0007, 0);
	store_close(st);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

/* Forms (the folder beside the store and paper.dir) and exports. */
static void
test_forms_exports(void **state)
{
	struct intake in = { .procedure = "1.004873", .received = MC_TIME_NONE, .sets = 1,
	    .name = "Nguyễn Văn Ân", .phone = "0912345678", .idno = "001090012345" };
	char path[256], dir[256], p[512], codes[8][CODE_MAX];
	struct paper_issued issued;
	struct report_table t;
	struct store *st;
	struct mc_error err;
	size_t i;
	int n;

	assert_non_null(st = unit_office_store(path));
	snprintf(dir, sizeof dir, "%s", path);
	*strrchr(dir, '/') = '\0';
	assert_int_equal(dossier_intake(st, &in, "canbo", codes, 8, &n, &err), MC_OK);
	for (i = 0; i < sizeof masks / sizeof masks[0]; i++) {
		umask(masks[i]);
		snprintf(p, sizeof p, "%s/forms-%zu", dir, i);
		assert_int_equal(store_set_setting(st, "paper.dir", i == 0 ? "" : p, &err), MC_OK);
		assert_int_equal(paper_issue(st, codes[0], PAPER_RECEIPT, PAPER_ISSUE_SAVE, &issued, &err), MC_OK);
		assert_int_equal(mode_of(issued.path), 0640);
		*strrchr(issued.path, '/') = '\0';
		assert_int_equal(mode_of(issued.path), 02770);
		snprintf(p, sizeof p, "%s/book-%zu.csv", dir, i);
		assert_int_equal(export_book(st, mc_day_of(mc_now()) - 1, mc_day_of(mc_now()),
		    EXPORT_CSV, p, &err), MC_OK);
		assert_int_equal(mode_of(p), 0640);
		snprintf(p, sizeof p, "%s/book-%zu.xlsx", dir, i);
		assert_int_equal(export_book(st, mc_day_of(mc_now()) - 1, mc_day_of(mc_now()),
		    EXPORT_XLSX, p, &err), MC_OK);
		assert_int_equal(mode_of(p), 0640);
		snprintf(p, sizeof p, "%s/saved-%zu.txt", dir, i);
		assert_int_equal(paper_save(st, codes[0], PAPER_RECEIPT, 0, p, &err), MC_OK);
		assert_int_equal(mode_of(p), 0640);
	}
	/* An export over a file that was open to everybody closes it. */
	umask(022);
	snprintf(p, sizeof p, "%s/book-0.csv", dir);
	assert_int_equal(chmod(p, 0666), 0);
	assert_int_equal(report_overdue(st, mc_now(), &t, &err), MC_OK);
	assert_int_equal(export_table(&t, EXPORT_CSV, p, "overdue", &err), MC_OK);
	report_table_free(&t);
	assert_int_equal(mode_of(p), 0640);
	/* The forms folder of an older version, 0755: closed to others when used. */
	assert_int_equal(store_set_setting(st, "paper.dir", "", &err), MC_OK);
	snprintf(p, sizeof p, "%s/forms", dir);
	assert_int_equal(chmod(p, 0755), 0);
	assert_int_equal(paper_issue(st, codes[0], PAPER_CONTROL, PAPER_ISSUE_SAVE, &issued, &err), MC_OK);
	assert_int_equal(mode_of(p), 0750);
	unit_store_done(st, path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_files),
		cmocka_unit_test(test_store),
		cmocka_unit_test(test_forms_exports),
	};

	return cmocka_run_group_tests_name("files", tests, NULL, NULL);
}
