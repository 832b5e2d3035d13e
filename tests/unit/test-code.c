/* test-code.c -- dossier codes (format, sequence, lenient parsing) and ID numbers. */
#include "config.h"

#include <errno.h>
#include <sys/types.h>
#include <sys/wait.h>

#include "unit.h"

#include "code.h"
#include "i18n.h"
#include "mctime.h"

#define OFFICE "000.17.22.H56"

static mc_day
ymd(int y, int m, int d)
{
	return mc_day_from_civil(y, m, d);
}

static void
test_format(void **state)
{
	char out[CODE_MAX];

	assert_int_equal(code_format(OFFICE, ymd(2021, 5, 31), 1, out), MC_OK);
	assert_string_equal(out, "000.17.22.H56-210531-0001");
	assert_int_equal(code_format("H15.50.05.13", ymd(2024, 2, 29), 9999, out), MC_OK);
	assert_string_equal(out, "H15.50.05.13-240229-9999");
	assert_int_equal(code_format("000.00.20.H41", ymd(2000, 1, 1), 42, out), MC_OK);
	assert_string_equal(out, "000.00.20.H41-000101-0042");
	assert_int_equal(code_format("UBND.XA01", ymd(2099, 12, 31), 7, out), MC_OK);
	assert_string_equal(out, "UBND.XA01-991231-0007");

	assert_int_equal(code_format(OFFICE, ymd(2021, 5, 31), 0, out), MC_EINVAL);
	assert_string_equal(out, "");
	assert_int_equal(code_format(OFFICE, ymd(2021, 5, 31), 10000, out), MC_EINVAL);
	assert_int_equal(code_format(OFFICE, ymd(1999, 12, 31), 1, out), MC_EINVAL);
	assert_int_equal(code_format(OFFICE, ymd(2100, 1, 1), 1, out), MC_EINVAL);
	assert_int_equal(code_format("000.17.22.h56", ymd(2021, 5, 31), 1, out), MC_EINVAL);
	assert_int_equal(code_format("", ymd(2021, 5, 31), 1, out), MC_EINVAL);
	assert_int_equal(code_format(NULL, ymd(2021, 5, 31), 1, out), MC_EINVAL);
	assert_int_equal(code_format("000-17", ymd(2021, 5, 31), 1, out), MC_EINVAL);
}

static void
test_split(void **state)
{
	static const char *const bad[] = {
		"", "000.17.22.H56", "000.17.22.H56-210531-0000", "000.17.22.H56-210231-0001",
		"000.17.22.H56-210531-001", "000.17.22.H56-210531-00001", "000.17.22.h56-210531-0001",
		"-210531-0001", "A-210531-0001", "000.17.22.H56_210531-0001",
		"000.17.22.H56-21O531-0001",
		"0123456789012345678901234567890123456789012345678901234567890123-210531-0001",
	};
	char agency[CODE_MAX];
	mc_day day;
	size_t i;
	int seq;

	assert_int_equal(code_split("000.17.22.H56-210531-0001", agency, &day, &seq), MC_OK);
	assert_string_equal(agency, OFFICE);
	assert_int_equal(day, ymd(2021, 5, 31));
	assert_int_equal(seq, 1);
	assert_int_equal(code_split("H15.50.05.13-240229-9999", agency, &day, &seq), MC_OK);
	assert_string_equal(agency, "H15.50.05.13");
	assert_int_equal(day, ymd(2024, 2, 29));
	assert_int_equal(seq, 9999);
	assert_int_equal(code_split("UBND.XA01-991231-0007", NULL, NULL, &seq), MC_OK);
	assert_int_equal(seq, 7);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (code_split(bad[i], agency, &day, &seq) != MC_EINVAL)
			fail_msg("code_split accepted '%s'", bad[i]);
	}
	assert_int_equal(code_split(NULL, NULL, NULL, NULL), MC_EINVAL);
}

static void
test_agency_valid(void **state)
{
	assert_true(code_agency_valid("000.17.22.H56"));
	assert_true(code_agency_valid("H15.50.05.13"));
	assert_true(code_agency_valid("000.00.20.H41"));
	assert_true(code_agency_valid("UBND.XA01"));
	assert_true(code_agency_valid("AB"));
	assert_false(code_agency_valid(NULL));
	assert_false(code_agency_valid(""));
	assert_false(code_agency_valid("A"));
	assert_false(code_agency_valid("000.17.22.h56"));
	assert_false(code_agency_valid("000-17-22-H56"));
	assert_false(code_agency_valid("000 17 22 H56"));
	assert_false(code_agency_valid("X.ĐÀ"));
	assert_false(code_agency_valid("0123456789012345678901234567890123456789A"));
	assert_true(code_agency_valid("0123456789012345678901234567890123456789"));
}

static int
next(struct store *st, const char *agency, mc_day day, char out[CODE_MAX])
{
	struct mc_error err;
	int rc;

	if ((rc = store_begin(st, &err)) != MC_OK)
		return rc;
	if ((rc = code_next(st, agency, day, out, &err)) != MC_OK) {
		store_rollback(st);
		return rc;
	}
	return store_commit(st, &err);
}

static int
seq_last(struct store *st, const char *office, const char *day)
{
	sqlite3_stmt *s;
	int v = -1;

	assert_int_equal(sqlite3_prepare_v2(store_db(st),
	    "SELECT last FROM code_seq WHERE office = ?1 AND day = ?2", -1, &s, NULL), SQLITE_OK);
	sqlite3_bind_text(s, 1, office, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, day, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return v;
}

static void
test_next(void **state)
{
	char path[256], out[CODE_MAX], want[CODE_MAX];
	struct mc_error err;
	struct store *st = unit_store(path);
	int i;

	assert_non_null(st);
	for (i = 1; i <= 3; i++) {
		assert_int_equal(next(st, OFFICE, ymd(2021, 5, 31), out), MC_OK);
		snprintf(want, sizeof want, "000.17.22.H56-210531-%04d", i);
		assert_string_equal(out, want);
	}
	/* A new day starts again at 0001; the old day goes on where it was. */
	assert_int_equal(next(st, OFFICE, ymd(2021, 6, 1), out), MC_OK);
	assert_string_equal(out, "000.17.22.H56-210601-0001");
	assert_int_equal(next(st, OFFICE, ymd(2021, 6, 1), out), MC_OK);
	assert_string_equal(out, "000.17.22.H56-210601-0002");
	assert_int_equal(next(st, OFFICE, ymd(2021, 5, 31), out), MC_OK);
	assert_string_equal(out, "000.17.22.H56-210531-0004");
	/* Another office has its own counter. */
	assert_int_equal(next(st, "H15.50.05.13", ymd(2021, 5, 31), out), MC_OK);
	assert_string_equal(out, "H15.50.05.13-210531-0001");

	/* A rolled-back transaction gives its number back. */
	assert_int_equal(store_begin(st, &err), MC_OK);
	assert_int_equal(code_next(st, OFFICE, ymd(2021, 5, 31), out, &err), MC_OK);
	assert_string_equal(out, "000.17.22.H56-210531-0005");
	store_rollback(st);
	assert_int_equal(next(st, OFFICE, ymd(2021, 5, 31), out), MC_OK);
	assert_string_equal(out, "000.17.22.H56-210531-0005");

	/* Outside a transaction, with a bad agency or date: refused, nothing taken. */
	assert_int_equal(code_next(st, OFFICE, ymd(2021, 5, 31), out, &err), MC_EINTERNAL);
	assert_string_equal(out, "");
	assert_int_equal(store_begin(st, &err), MC_OK);
	assert_int_equal(code_next(st, "000.17.22.h56", ymd(2021, 5, 31), out, &err), MC_EINVAL);
	assert_int_equal(code_next(st, OFFICE, ymd(1999, 5, 31), out, &err), MC_EINVAL);
	store_rollback(st);
	assert_int_equal(seq_last(st, OFFICE, "2021-05-31"), 5);

	/* The 9999th code of a day is the last. */
	assert_int_equal(store_exec(st, "UPDATE code_seq SET last = 9998 WHERE day = '2021-05-31' AND office = '" OFFICE "'", &err), MC_OK);
	assert_int_equal(next(st, OFFICE, ymd(2021, 5, 31), out), MC_OK);
	assert_string_equal(out, "000.17.22.H56-210531-9999");
	assert_int_equal(store_begin(st, &err), MC_OK);
	assert_int_equal(code_next(st, OFFICE, ymd(2021, 5, 31), out, &err), MC_EINVAL);
	assert_non_null(strstr(err.msg, "9999"));
	assert_string_equal(out, "");
	assert_int_equal(store_commit(st, &err), MC_OK);
	assert_int_equal(seq_last(st, OFFICE, "2021-05-31"), 9999);
	assert_int_equal(next(st, OFFICE, ymd(2021, 6, 1), out), MC_OK);
	assert_string_equal(out, "000.17.22.H56-210601-0003");
	unit_store_done(st, path);
}

struct spelling {
	const char *input;
	const char *office;	/* default_agency */
	const char *want;
};

static const struct spelling lenient[] = {
	{ "000.17.22.H56-210531-0001", NULL, "000.17.22.H56-210531-0001" },
	{ "000.17.22.h56-210531-0001", NULL, "000.17.22.H56-210531-0001" },
	{ "000 17 22 h56 210531 0001", NULL, "000.17.22.H56-210531-0001" },
	{ "0001722H562105310001", NULL, "000.17.22.H56-210531-0001" },
	{ "0001722h56-210531-0001", NULL, "000.17.22.H56-210531-0001" },
	{ "HS 000.17.22.H56-210531-0001", NULL, "000.17.22.H56-210531-0001" },
	{ "hs000.17.22.H56-210531-0001", NULL, "000.17.22.H56-210531-0001" },
	{ "MA HS 000.17.22.H56-210531-0001", NULL, "000.17.22.H56-210531-0001" },
	{ "mahs: 000.17.22.H56/210531/0001", NULL, "000.17.22.H56-210531-0001" },
	{ "Ho so 000_17_22_H56_210531_0001", NULL, "000.17.22.H56-210531-0001" },
	{ "ma ho so 000.00.20.H41-250101-0010", NULL, "000.00.20.H41-250101-0010" },
	{ "  000.17.22.H56 - 210531 - 0001  ", NULL, "000.17.22.H56-210531-0001" },
	{ "\t000.17.22.H56-210531-0001\r\n", NULL, "000.17.22.H56-210531-0001" },
	{ "OOO.17.22.H56-21O531-OOO1", NULL, "000.17.22.H56-210531-0001" },
	{ "ooo.17.22.h56-210531-ooo1", NULL, "000.17.22.H56-210531-0001" },
	{ "000.l7.22.H56-2l0531-000l", NULL, "000.17.22.H56-210531-0001" },
	{ "000.I7.22.H56-2I0531-0001", NULL, "000.17.22.H56-210531-0001" },
	{ "000.17.22.H56-210531-1", NULL, "000.17.22.H56-210531-0001" },
	{ "000.17.22.H56-210531-42", NULL, "000.17.22.H56-210531-0042" },
	{ "000.17.22.H56 210531 123", NULL, "000.17.22.H56-210531-0123" },
	{ "000.17.22.H56-2105310001", NULL, "000.17.22.H56-210531-0001" },
	{ "000.17.22.H.56-21.05.31-0001", NULL, "000.17.22.H56-210531-0001" },
	{ "000-17-22-H56-210531-0001", NULL, "000.17.22.H56-210531-0001" },
	{ "000/17/22/H56/210531/0001", NULL, "000.17.22.H56-210531-0001" },
	{ "000.17.22.H56--210531--0001", NULL, "000.17.22.H56-210531-0001" },
	{ "H15.50.05.13-240229-0007", NULL, "H15.50.05.13-240229-0007" },
	{ "h15 50 05 13 240229 7", NULL, "H15.50.05.13-240229-0007" },
	{ "H155005132402290007", NULL, "H15.50.05.13-240229-0007" },
	{ "hs h15.50.05.13-240229-0007", NULL, "H15.50.05.13-240229-0007" },
	{ "HO SO H15.50.05.13/240229/0007", NULL, "H15.50.05.13-240229-0007" },
	{ "HOSO H15.50.05.13-240229-0007", NULL, "H15.50.05.13-240229-0007" },
	{ "000.00.20.H41-251231-9999", NULL, "000.00.20.H41-251231-9999" },
	{ "000.17.22.H56-210531-0001", OFFICE, "000.17.22.H56-210531-0001" },
	{ "210531-0001", OFFICE, "000.17.22.H56-210531-0001" },
	{ "2105310001", OFFICE, "000.17.22.H56-210531-0001" },
	{ "210531 1", OFFICE, "000.17.22.H56-210531-0001" },
	{ "hs 210531-12", OFFICE, "000.17.22.H56-210531-0012" },
	{ "MAHS210531-5", OFFICE, "000.17.22.H56-210531-0005" },
	{ "21O531-OOO1", OFFICE, "000.17.22.H56-210531-0001" },
	{ "21.05.31-0001", OFFICE, "000.17.22.H56-210531-0001" },
	{ "210531-1", "0001722h56", "000.17.22.H56-210531-0001" },
	{ "210531-1", "h15 50 05 13", "H15.50.05.13-210531-0001" },
	{ "H15.50.05.13-240229-0007", OFFICE, "H15.50.05.13-240229-0007" },
	{ "ubnd.xa01 210531 1", "UBND.XA01", "UBND.XA01-210531-0001" },
	{ "UBNDXA01-2105310001", "UBND.XA01", "UBND.XA01-210531-0001" },
	{ "210531-0003", "UBND.XA01", "UBND.XA01-210531-0003" },
};

static void
test_parse_lenient(void **state)
{
	char out[CODE_MAX], again[CODE_MAX];
	struct mc_error err;
	size_t i;
	int ok = 0;

	for (i = 0; i < sizeof lenient / sizeof lenient[0]; i++) {
		const struct spelling *sp = &lenient[i];
		int rc = code_parse(sp->input, sp->office, out, &err);

		if (rc != MC_OK)
			fail_msg("'%s' refused: %s", sp->input, mc_message(&err));
		if (strcmp(out, sp->want) != 0)
			fail_msg("'%s' gave '%s', want '%s'", sp->input, out, sp->want);
		/* The canonical code reads back as itself and splits. */
		assert_int_equal(code_parse(out, sp->office, again, &err), MC_OK);
		assert_string_equal(again, out);
		assert_int_equal(code_split(out, NULL, NULL, NULL), MC_OK);
		ok++;
	}
	assert_true(ok >= 30);
}

struct refusal {
	const char *input;
	const char *office;
	const char *why;	/* a part of the English message */
};

static void
test_parse_refused(void **state)
{
	static const struct refusal bad[] = {
		{ "", NULL, "empty" },
		{ "   - . ", OFFICE, "empty" },
		{ "HS", OFFICE, "empty" },
		{ "000.17.22.H56-210231-0001", NULL, "210231 is not a valid date" },
		{ "000.17.22.H56-211301-0001", NULL, "211301 is not a valid date" },
		{ "000.17.22.H56-230229-0001", NULL, "230229 is not a valid date" },
		{ "210231-0001", OFFICE, "210231 is not a valid date" },
		{ "000.17.22.H56-210531-00001", NULL, "more than 4 digits" },
		{ "2105310000l", OFFICE, "more than 4 digits" },
		{ "000.17.22.H56-210531-0000", NULL, "cannot be 0" },
		{ "000.17.22.H56-21053101", NULL, "4 digits or be separated" },
		{ "000.17.22.H56-210531-00A1", NULL, "only digits" },
		{ "000.17.22.H56-210531-0001-2", NULL, "unexpected text" },
		{ "000.17.22.H56", NULL, "missing" },
		{ "000.17.22.H56-210531", NULL, "missing" },
		{ "000.17.22.H56-2105", NULL, "6 digits" },
		{ "000.17.22.H56-21053-1", NULL, "6 digits" },
		{ "210531-0001", NULL, "office code is missing" },
		{ "210531-0001", "", "office code is missing" },
		{ "00.017.22.H56-210531-0001", NULL, "office code is not valid" },
		{ "000.17.22.HX6-210531-0001", NULL, "office code is not valid" },
		{ "000.17.22.HS6-210531-0001", NULL, "office code is not valid" },
		{ "H15.50.05.1-240229-0007", NULL, "office code is not valid" },
		{ "hello world", NULL, "not a dossier code" },
		{ "hello world", OFFICE, "not a dossier code" },
		{ "xyz;drop table dossier", OFFICE, "only letters" },
		{ "000.17.22.H56;210531;0001", NULL, "only letters" },
		{ "000.17.22.H56-210531-0001 \xf0\x9f\x98\x80", NULL, "only letters" },
		{ "H\xe1\xbb\x93 s\xc6\xa1 000.17.22.H56-210531-0001", NULL, "only letters" },
		{ "210531-1", "bad agency!", "not a valid agency code" },
		{ "0905311234a", OFFICE, "only digits" },
	};
	char out[CODE_MAX], longer[301];
	struct mc_error err;
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		strcpy(out, "unchanged");
		mc_error_clear(&err);
		if (code_parse(bad[i].input, bad[i].office, out, &err) != MC_EINVAL)
			fail_msg("'%s' accepted as '%s'", bad[i].input, out);
		assert_string_equal(out, "");
		assert_int_equal(err.code, MC_EINVAL);
		if (strstr(err.msg, bad[i].why) == NULL)
			fail_msg("'%s': message '%s' lacks '%s'", bad[i].input, err.msg, bad[i].why);
	}
	assert_int_equal(code_parse(NULL, OFFICE, out, &err), MC_EINVAL);
	assert_int_equal(code_parse("", NULL, out, NULL), MC_EINVAL);

	/* 300 bytes: a valid code padded with spaces, and 300 zeros. */
	snprintf(longer, sizeof longer, "%-300s", "000.17.22.H56-210531-0001");
	assert_int_equal(strlen(longer), 300);
	assert_int_equal(code_parse(longer, NULL, out, &err), MC_EINVAL);
	assert_non_null(strstr(err.msg, "too long"));
	memset(longer, '0', 300);
	longer[300] = '\0';
	assert_int_equal(code_parse(longer, OFFICE, out, &err), MC_EINVAL);
	/* 200 bytes is still read (and here is a code). */
	snprintf(longer, sizeof longer, "%-200s", "000.17.22.H56-210531-0001");
	assert_int_equal(code_parse(longer, NULL, out, &err), MC_OK);
	assert_string_equal(out, "000.17.22.H56-210531-0001");
}

/* Random and mutated inputs: no crash (ASan watches), and whatever is accepted is a
 * canonical code that reads back as itself. */
static void
test_parse_fuzz(void **state)
{
	static const char alphabet[] = "0123456789OolIiHhSsMmAa .-_/:\t\xc3\xa1\x80";
	static const char *const seeds[] = {
		"000.17.22.H56-210531-0001", "H15.50.05.13-240229-0007", "hs 210531-12",
		"0001722H562105310001",
	};
	char in[64], out[CODE_MAX], again[CODE_MAX];
	unsigned int x = 12345;
	int i, j, len, accepted = 0;

	for (i = 0; i < 50000; i++) {
		x = x * 1103515245u + 12345u;
		if (i % 2 == 0) {
			len = (int)((x >> 16) % 40);
			for (j = 0; j < len; j++) {
				x = x * 1103515245u + 12345u;
				in[j] = alphabet[(x >> 16) % (sizeof alphabet - 1)];
			}
			in[len] = '\0';
		} else {
			snprintf(in, sizeof in, "%s", seeds[(x >> 16) % 4]);
			len = (int)strlen(in);
			for (j = 0; j < 3; j++) {
				x = x * 1103515245u + 12345u;
				in[(x >> 8) % (unsigned)len] = alphabet[(x >> 16) % (sizeof alphabet - 1)];
			}
		}
		if (code_parse(in, (x >> 20) % 2 ? OFFICE : NULL, out, NULL) != MC_OK)
			continue;
		accepted++;
		if (code_split(out, NULL, NULL, NULL) != MC_OK ||
		    code_parse(out, NULL, again, NULL) != MC_OK || strcmp(again, out) != 0)
			fail_msg("'%s' gave '%s', which does not read back", in, out);
	}
	assert_true(accepted > 100);
}

static void
test_idno(void **state)
{
	static const struct {
		const char *id;
		int province, female, year;
	} good[] = {
		{ "001087012345", 1, 0, 1987 },		/* Hà Nội */
		{ "079195012345", 79, 1, 1995 },	/* Hồ Chí Minh */
		{ "096303000001", 96, 1, 2003 },	/* Cà Mau */
		{ "038200123456", 38, 0, 2000 },	/* Thanh Hóa */
		{ "046164999999", 46, 1, 1964 },	/* Thừa Thiên Huế */
		{ "001225000000", 1, 0, 2025 },		/* born this year */
		{ "077999000001", 77, 1, 1899 },	/* 1800s, female */
		{ "002800000000", 2, 0, 1800 },		/* 1800s, male */
	};
	static const struct {
		const char *id;
		const char *why;
	} bad[] = {
		{ "", "empty" },
		{ "123456789", "old 9-digit" },
		{ "0010870123", "has 10 digits" },
		{ "00108701234", "has 11 digits" },
		{ "0010870123456", "more than 12" },
		{ "099087012345", "(099) are not a province code" },
		{ "000087012345", "(000) are not a province code" },
		{ "003087012345", "(003) are not a province code" },
		{ "097087012345", "(097) are not a province code" },
		{ "001226012345", "future (2026)" },
		{ "001487012345", "future (2187)" },
		{ "001 087012345", "only digits" },
		{ "00108701234a", "only digits" },
		{ "+84001087012", "only digits" },
	};
	struct idno_info info;
	struct mc_error err;
	size_t i;

	setenv("MOTCUA_NOW", "2025-06-01 08:00", 1);
	for (i = 0; i < sizeof good / sizeof good[0]; i++) {
		memset(&info, 0, sizeof info);
		if (idno_validate(good[i].id, &info, &err) != MC_OK)
			fail_msg("%s refused: %s", good[i].id, mc_message(&err));
		if (info.province != good[i].province || info.female != good[i].female ||
		    info.birth_year != good[i].year)
			fail_msg("%s: province %d, female %d, born %d", good[i].id, info.province,
			    info.female, info.birth_year);
		assert_int_equal(idno_validate(good[i].id, NULL, NULL), MC_OK);
	}
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		mc_error_clear(&err);
		if (idno_validate(bad[i].id, &info, &err) != MC_EINVAL)
			fail_msg("%s accepted", bad[i].id);
		if (strstr(err.msg, bad[i].why) == NULL)
			fail_msg("%s: message '%s' lacks '%s'", bad[i].id, err.msg, bad[i].why);
	}
	assert_int_equal(idno_validate(NULL, NULL, NULL), MC_EINVAL);
	/* A year later, someone born in 2026 is valid. */
	setenv("MOTCUA_NOW", "2026-01-01 00:00", 1);
	assert_int_equal(idno_validate("001226012345", NULL, NULL), MC_OK);
	unsetenv("MOTCUA_NOW");
}

#define RACE_CODES 200

/* A child: open the store itself and take RACE_CODES codes, one transaction each,
 * writing each committed code as a line to fd. */
static void
race_child(const char *path, int fd)
{
	struct store *st = NULL;
	struct mc_error err;
	char code[CODE_MAX + 1];
	int i, rc, tries = 0;

	/* A short busy timeout, so collisions come back as MC_EBUSY to retry. */
	setenv("MOTCUA_BUSY_TIMEOUT", "2", 1);
	while ((rc = store_open(path, 0, &st, &err)) == MC_EBUSY && tries++ < 100000)
		usleep(100);
	if (rc != MC_OK)
		_exit(10);
	for (i = 0; i < RACE_CODES; ) {
		if ((rc = store_begin(st, &err)) == MC_OK &&
		    (rc = code_next(st, OFFICE, mc_day_from_civil(2021, 5, 31), code, &err)) == MC_OK)
			rc = store_commit(st, &err);
		else
			store_rollback(st);
		if (rc == MC_EBUSY && tries++ < 100000) {
			usleep(100);
			continue;
		}
		if (rc != MC_OK)
			_exit(11);
		strcat(code, "\n");
		if (write(fd, code, strlen(code)) != (ssize_t)strlen(code))
			_exit(12);
		i++;
	}
	store_close(st);
	close(fd);
	_exit(0);
}

/* Read fd to its end into buf (NUL-terminated). */
static size_t
read_all(int fd, char *buf, size_t size)
{
	size_t len = 0;
	ssize_t n;

	while (len + 1 < size && ((n = read(fd, buf + len, size - 1 - len)) > 0 ||
	    (n < 0 && errno == EINTR)))
		len += n > 0 ? (size_t)n : 0;
	buf[len] = '\0';
	return len;
}

static void
test_concurrent(void **state)
{
	char path[256], agency[CODE_MAX], buf[2][RACE_CODES * 32];
	int seen[2 * RACE_CODES + 1] = { 0 };
	struct store *st = unit_store(path);
	int fds[2][2], status, k, seq, prev, count = 0;
	pid_t pid[2];
	mc_day day;
	char *line, *save;

	assert_non_null(st);
	for (k = 0; k < 2; k++) {
		assert_int_equal(pipe(fds[k]), 0);
		pid[k] = fork();
		assert_true(pid[k] >= 0);
		if (pid[k] == 0) {
			close(fds[k][0]);
			race_child(path, fds[k][1]);
		}
		close(fds[k][1]);
	}
	for (k = 0; k < 2; k++) {
		read_all(fds[k][0], buf[k], sizeof buf[k]);
		close(fds[k][0]);
	}
	for (k = 0; k < 2; k++) {
		assert_int_equal(waitpid(pid[k], &status, 0), pid[k]);
		assert_true(WIFEXITED(status));
		assert_int_equal(WEXITSTATUS(status), 0);
	}
	for (k = 0; k < 2; k++) {
		prev = 0;
		for (line = strtok_r(buf[k], "\n", &save); line != NULL;
		    line = strtok_r(NULL, "\n", &save)) {
			assert_int_equal(code_split(line, agency, &day, &seq), MC_OK);
			assert_string_equal(agency, OFFICE);
			assert_int_equal(day, mc_day_from_civil(2021, 5, 31));
			assert_in_range(seq, 1, 2 * RACE_CODES);
			assert_int_equal(seen[seq], 0);
			assert_true(seq > prev);	/* each child's codes only go up */
			seen[seq] = 1;
			prev = seq;
			count++;
		}
	}
	assert_int_equal(count, 2 * RACE_CODES);
	for (seq = 1; seq <= 2 * RACE_CODES; seq++)
		assert_int_equal(seen[seq], 1);
	assert_int_equal(seq_last(st, OFFICE, "2021-05-31"), 2 * RACE_CODES);
	unit_store_done(st, path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_split),
		cmocka_unit_test(test_agency_valid),
		cmocka_unit_test(test_next),
		cmocka_unit_test(test_parse_lenient),
		cmocka_unit_test(test_parse_refused),
		cmocka_unit_test(test_parse_fuzz),
		cmocka_unit_test(test_idno),
		cmocka_unit_test(test_concurrent),
	};

	mc_i18n_init("en");
	return cmocka_run_group_tests_name("code", tests, NULL, NULL);
}
