/* test-filter.c -- the console's lists (common/filter.c): every filter, narrowing and
 * order read page by page gives each matching dossier exactly once, in order, and the
 * SQL and C sides agree; and search_worthwhile(). */
#include "unit.h"

#include "dossier.h"
#include "filter.h"
#include "search.h"

#define NDOSSIERS 40
#define PAGE 7

static struct store *st;
static char path[256];
static mc_minute now;

static const char *const procs[] = { "1.001193", "1.004873", "2.000815" };
static const char *const officers[] = { "canbo1", "canbo2" };
static const char *const addresses[] = { "Thôn Đông, xã Tân Lập", "Thôn Tây, xã Tân Lập",
    "Số 5 đường Nguyễn Huệ, xã Tân Lập" };
static const char *const address_words[] = { "thon dong", "Tây", "nguyen hue 5" };

static int
setup(void **state)
{
	struct intake in = { 0 };
	char codes[4][CODE_MAX], name[64];
	int i, n;

	if ((st = unit_office_store(path)) == NULL)
		return -1;
	setenv("MOTCUA_NOW", "2026-10-14 09:00", 1);	/* a Wednesday */
	now = mc_now();
	for (i = 0; i < NDOSSIERS; i++) {
		snprintf(name, sizeof name, "Người Thứ %d", i);
		in.procedure = procs[i % 3];
		in.name = name;
		in.address = addresses[i % 5 % 3];
		/* Received over the ten days before now, not in id order. */
		in.received = now - (mc_minute)((i * 7) % 10) * MC_DAY_MINUTES - 60 * (i % 5);
		if (dossier_intake(st, &in, officers[i % 2], codes, 4, &n, NULL) != MC_OK)
			return -1;
	}
	return 0;
}

static int
teardown(void **state)
{
	unit_store_done(st, path);
	return 0;
}

/* Page through f; checks order, no repeats, and agreement with filter_match(). */
static long
walk(const struct filter_spec *f)
{
	struct dossier rows[PAGE];
	struct filter_cursor cur[PAGE], after = { 0 }, prev = { 0 };
	long seen = 0, ids[NDOSSIERS];
	int got, i, j;

	do {
		assert_int_equal(filter_page(st, f, now, seen > 0 ? &after : NULL, PAGE, rows, cur,
		    &got, NULL), MC_OK);
		for (i = 0; i < got; i++) {
			assert_true(filter_match(f, &rows[i], now));
			if (seen > 0 && f->sort == SORT_NEWEST)
				assert_true(cur[i].id < prev.id);
			if (seen > 0 && f->sort == SORT_OLDEST)
				assert_true(cur[i].id > prev.id);
			if (seen > 0 && f->sort == SORT_DUE)
				assert_true(strcmp(cur[i].key, prev.key) > 0 ||
				    (strcmp(cur[i].key, prev.key) == 0 && cur[i].id > prev.id));
			for (j = 0; j < seen; j++)
				assert_true(ids[j] != cur[i].id);
			assert_true(seen < NDOSSIERS);
			ids[seen++] = cur[i].id;
			prev = cur[i];
		}
		if (got > 0)
			after = cur[got - 1];
	} while (got == PAGE);
	return seen;
}

/* How many dossiers pass f by filter_match() over the whole table. */
static long
count_in_c(const struct filter_spec *f)
{
	struct dossier rows[NDOSSIERS + 1];
	struct filter_cursor cur[NDOSSIERS + 1];
	struct filter_spec all = { .kind = FILTER_ALL };
	long n = 0;
	int got, i;

	assert_int_equal(filter_page(st, &all, now, NULL, NDOSSIERS + 1, rows, cur, &got, NULL), MC_OK);
	assert_int_equal(got, NDOSSIERS);
	for (i = 0; i < got; i++)
		n += filter_match(f, &rows[i], now);
	return n;
}

static void
test_every_list(void **state)
{
	struct filter_spec f;
	long count, total = 0;
	int kind, p, o, a, sort;

	for (kind = 0; kind < FILTER_COUNT; kind++)
		for (p = -1; p < 3; p++)
			for (o = -1; o < 2; o++)
				for (a = -1; a < 3; a++)
				for (sort = 0; sort < SORT_COUNT; sort++) {
					memset(&f, 0, sizeof f);
					f.kind = (enum filter_kind)kind;
					f.status = ST_ACCEPTED;
					f.sort = (enum filter_sort)sort;
					if (p >= 0)
						snprintf(f.procedure, sizeof f.procedure, "%s", procs[p]);
					if (o >= 0)
						snprintf(f.officer, sizeof f.officer, "%s", officers[o]);
					if (a >= 0)
						snprintf(f.address, sizeof f.address, "%s", address_words[a]);
					assert_int_equal(filter_count(st, &f, now, &count, NULL), MC_OK);
					assert_int_equal(count, count_in_c(&f));
					assert_int_equal(walk(&f), count);
					total += count;
				}
	assert_true(total > NDOSSIERS);	/* the lists are not all empty */
	memset(&f, 0, sizeof f);
	f.kind = FILTER_ALL;
	snprintf(f.procedure, sizeof f.procedure, "%s", procs[1]);
	snprintf(f.officer, sizeof f.officer, "%s", officers[0]);
	assert_int_equal(filter_count(st, &f, now, &count, NULL), MC_OK);
	assert_int_equal(count, 6);	/* i = 4, 10, ..., 34: i % 3 == 1 and i % 2 == 0 */
	/* The address filter (issue 9 item 4): i % 5 % 3 == 1 is "Thôn Tây": i % 5 is 1 or 4. */
	memset(&f, 0, sizeof f);
	f.kind = FILTER_ALL;
	snprintf(f.address, sizeof f.address, "%s", "THÔN TÂY");
	assert_int_equal(filter_count(st, &f, now, &count, NULL), MC_OK);
	assert_int_equal(count, 16);
	snprintf(f.address, sizeof f.address, "%s", "tan lap");
	assert_int_equal(filter_count(st, &f, now, &count, NULL), MC_OK);
	assert_int_equal(count, NDOSSIERS);
	snprintf(f.address, sizeof f.address, "%s", "thon bac");
	assert_int_equal(filter_count(st, &f, now, &count, NULL), MC_OK);
	assert_int_equal(count, 0);
}

static void
test_due_this_week(void **state)
{
	struct filter_spec week = { .kind = FILTER_DUE_WEEK };
	struct dossier d = { 0 };

	d.status = ST_ACCEPTED;
	mc_time_parse("2026-10-18 16:00", &d.due_at);	/* Sunday */
	assert_true(filter_match(&week, &d, now));
	mc_time_parse("2026-10-19 08:00", &d.due_at);	/* next Monday */
	assert_false(filter_match(&week, &d, now));
	mc_time_parse("2026-10-13 16:00", &d.due_at);	/* yesterday: overdue, not this list */
	assert_false(filter_match(&week, &d, now));
	d.status = ST_READY;
	mc_time_parse("2026-10-15 16:00", &d.due_at);	/* finished: not the office's work */
	assert_false(filter_match(&week, &d, now));
}

static void
test_worthwhile(void **state)
{
	assert_true(search_worthwhile("nguyen", "000.17.22.H56"));
	assert_true(search_worthwhile("van an", "000.17.22.H56"));
	assert_true(search_worthwhile("Ân Bé Hà", "000.17.22.H56") == 0);
	assert_false(search_worthwhile("a b", "000.17.22.H56"));
	assert_false(search_worthwhile("", "000.17.22.H56"));
	assert_true(search_worthwhile("261012-0001", "000.17.22.H56"));
	assert_true(search_worthwhile("091", "000.17.22.H56"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_list),
		cmocka_unit_test(test_due_this_week),
		cmocka_unit_test(test_worthwhile),
	};

	return cmocka_run_group_tests_name("filter", tests, setup, teardown);
}
