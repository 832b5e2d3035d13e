/* fuzz-mctime.c -- libFuzzer target: civil dates and times (common/mctime.c).
 *
 * The input is given as text to mc_date_parse(), mc_time_parse() and mc_hhmm_parse(),
 * and its first bytes, as a number, pick a minute between 1900 and 2200.  What must
 * hold: what is accepted is written back by the format functions as it was typed
 * ("T" as a space, seconds and a missing time dropped); a refusal leaves the output
 * alone; every minute of 1900-2200 formats into text that parses back to it; day
 * numbers and civil dates convert both ways and the weekday steps with the day;
 * mc_time_iso() accepts a time with minutes (and seconds, and a 'Z') and writes it as
 * ISO 8601 with an offset, the same date and time, or refuses and writes nothing.
 * Typed by people: what mc_date_read() accepts is, spaces around aside, one of the ways
 * of writing that very date (D/M/YYYY with '/', '-' or '.', one or two digits for D and
 * M, or YYYY-M-D); what mc_time_read() accepts is a stored time, or such a date alone,
 * or a date and one of the ways of writing that time of day (H:MM, HhMM, Hh...), with
 * blanks between, either way round; every way of writing a day or a minute of
 * 1900-2200 (the screens' "HH:MM DD/MM/YYYY" among them) reads back to it.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "mctime.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FORMS_MAX 16
#define FORM_BUF 24

/* Every way mc_date_read() takes of writing day; how many. */
static int
date_forms(mc_day day, char forms[FORMS_MAX][FORM_BUF])
{
	static const char *const dmy[] = { "%d%c%d%c%04d", "%02d%c%d%c%04d", "%d%c%02d%c%04d",
	    "%02d%c%02d%c%04d" };
	static const char *const ymd[] = { "%04d-%d-%d", "%04d-%02d-%d", "%04d-%d-%02d",
	    "%04d-%02d-%02d" };
	const char *seps = "/-.";
	int y, m, d, n = 0;
	size_t i, k;

	mc_civil_from_day(day, &y, &m, &d);
	for (i = 0; i < 4; i++) {
		for (k = 0; k < 3; k++)
			snprintf(forms[n++], FORM_BUF, dmy[i], d, seps[k], m, seps[k], y);
		snprintf(forms[n++], FORM_BUF, ymd[i], y, m, d);
	}
	return n;
}

/* Every way mc_time_read() takes of writing a time of day md; how many. */
static int
hm_forms(int md, char forms[FORMS_MAX][FORM_BUF])
{
	static const char *const fmt[] = { "%d:%02d", "%02d:%02d", "%dh%02d", "%02dh%02d",
	    "%dH%02d", "%02dH%02d" };
	static const char *const whole[] = { "%dh", "%02dh", "%dH", "%02dH" };
	int n = 0;
	size_t i;

	for (i = 0; i < sizeof fmt / sizeof fmt[0]; i++)
		snprintf(forms[n++], FORM_BUF, fmt[i], md / 60, md % 60);
	for (i = 0; md % 60 == 0 && i < sizeof whole / sizeof whole[0]; i++)
		snprintf(forms[n++], FORM_BUF, whole[i], md / 60);
	return n;
}

/* 1 when s is one of the n forms. */
static int
one_of(const char *s, size_t len, char forms[FORMS_MAX][FORM_BUF], int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (strlen(forms[i]) == len && memcmp(forms[i], s, len) == 0)
			return 1;
	return 0;
}

static int
blank(char c)
{
	return c == ' ' || c == '\t';
}

/* What mc_date_read() accepted for day: a form of it, blanks around. */
static int
is_date(const char *s, size_t len, mc_day day)
{
	char forms[FORMS_MAX][FORM_BUF];

	while (len > 0 && blank(*s))
		s++, len--;
	while (len > 0 && blank(s[len - 1]))
		len--;
	return one_of(s, len, forms, date_forms(day, forms));
}

/* What mc_time_read() accepted for t (s not a stored time): a date alone at 00:00, or a
 * date and a time of day with blanks between, either way round. */
static int
is_time(const char *s, mc_minute t)
{
	char forms[FORMS_MAX][FORM_BUF];
	size_t a, b, n = strlen(s);
	int nhm = hm_forms(mc_minute_of_day(t), forms);

	while (n > 0 && blank(s[n - 1]))
		n--;
	while (n > 0 && blank(*s))
		s++, n--;
	for (a = 0; a < n && !blank(s[a]); a++)
		;
	if (a == n)
		return mc_minute_of_day(t) == 0 && is_date(s, n, mc_day_of(t));
	for (b = a; b < n && blank(s[b]); b++)
		;
	return (is_date(s, a, mc_day_of(t)) && one_of(s + b, n - b, forms, nhm)) ||
	    (one_of(s, a, forms, nhm) && is_date(s + b, n - b, mc_day_of(t)));
}

static void
check_day(mc_day day)
{
	char buf[MC_TIME_BUF], vn[MC_TIME_BUF], want[MC_TIME_BUF];
	mc_day back = -1;
	int y, m, d;

	mc_civil_from_day(day, &y, &m, &d);
	FUZZ_CHECK(mc_civil_valid(y, m, d), "day %ld is %04d-%02d-%02d", (long)day, y, m, d);
	FUZZ_CHECK(mc_day_from_civil(y, m, d) == day, "day %ld back from %04d-%02d-%02d is %ld",
	    (long)day, y, m, d, (long)mc_day_from_civil(y, m, d));
	FUZZ_CHECK(mc_weekday(day) >= 0 && mc_weekday(day) <= 6 &&
	    mc_weekday(day + 1) == (mc_weekday(day) + 1) % 7, "weekday of %ld", (long)day);
	mc_date_format(day, buf);
	FUZZ_CHECK(mc_date_parse(buf, &back) == 0 && back == day, "%s parses to %ld, not %ld",
	    buf, (long)back, (long)day);
	mc_date_format_vn(day, vn);
	snprintf(want, sizeof want, "%02d/%02d/%04d", d, m, y);
	FUZZ_CHECK(strcmp(vn, want) == 0, "mc_date_format_vn(%ld) = %s, expected %s", (long)day,
	    vn, want);
	{
		char forms[FORMS_MAX][FORM_BUF];
		int i, n = date_forms(day, forms);

		for (i = 0; i < n; i++) {
			back = -1;
			FUZZ_CHECK(mc_date_read(forms[i], &back) == 0 && back == day,
			    "mc_date_read(%s) = %ld, not %ld", forms[i], (long)back, (long)day);
		}
	}
}

static void
check_minute(mc_minute t)
{
	char buf[MC_TIME_BUF], vn[MC_TIME_BUF], date[MC_TIME_BUF], want[2 * MC_TIME_BUF];
	mc_minute back = -1;
	int md = mc_minute_of_day(t);

	FUZZ_CHECK(md >= 0 && md < MC_DAY_MINUTES && mc_at(mc_day_of(t), md) == t,
	    "minute %lld splits into day %ld and minute %d", (long long)t, (long)mc_day_of(t), md);
	check_day(mc_day_of(t));
	mc_time_format(t, buf);
	FUZZ_CHECK(mc_time_parse(buf, &back) == 0 && back == t, "%s parses to %lld, not %lld",
	    buf, (long long)back, (long long)t);
	mc_time_format_vn(t, vn);
	mc_date_format_vn(mc_day_of(t), date);
	snprintf(want, sizeof want, "%02d:%02d %s", md / 60, md % 60, date);
	FUZZ_CHECK(strcmp(vn, want) == 0, "mc_time_format_vn(%lld) = %s, expected %s",
	    (long long)t, vn, want);
	FUZZ_CHECK(mc_time_read(vn, &back) == 0 && back == t, "mc_time_read(%s) = %lld, not %lld",
	    vn, (long long)back, (long long)t);
	{
		char forms[FORMS_MAX][FORM_BUF], typed[2 * FORM_BUF + 2];
		int i, n = hm_forms(md, forms);

		for (i = 0; i < n; i++) {
			snprintf(typed, sizeof typed, "%s %s", date, forms[i]);
			back = -1;
			FUZZ_CHECK(mc_time_read(typed, &back) == 0 && back == t,
			    "mc_time_read(%s) = %lld, not %lld", typed, (long long)back, (long long)t);
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size), buf[MC_TIME_BUF], want[MC_TIME_BUF], iso[MC_ISO_BUF];
	mc_day day = 12345;
	mc_minute t = 12345;
	size_t n = strlen(s);
	int hm;

	if (mc_date_parse(s, &day) == 0) {
		FUZZ_CHECK(n == 10, "mc_date_parse accepted %s", fuzz_quote(s));
		mc_date_format(day, buf);
		FUZZ_CHECK(strcmp(buf, s) == 0, "mc_date_parse(%s) formats back as %s", s, buf);
		check_day(day);
	} else
		FUZZ_CHECK(day == 12345, "a refused date changed the output");

	if (mc_time_parse(s, &t) == 0) {
		FUZZ_CHECK(n == 10 || n == 16 || n == 19, "mc_time_parse accepted %s", fuzz_quote(s));
		snprintf(want, sizeof want, "%.10s %.5s", s, n == 10 ? "00:00" : s + 11);
		mc_time_format(t, buf);
		FUZZ_CHECK(strcmp(buf, want) == 0, "mc_time_parse(%s) formats back as %s", s, buf);
		check_minute(t);
	} else
		FUZZ_CHECK(t == 12345, "a refused time changed the output");

	day = 12345;
	if (mc_date_read(s, &day) == 0) {
		FUZZ_CHECK(is_date(s, n, day), "mc_date_read(%s) = %ld", fuzz_quote(s), (long)day);
		check_day(day);
	} else
		FUZZ_CHECK(day == 12345, "a refused typed date changed the output");

	t = 12345;
	if (mc_time_read(s, &t) == 0) {
		mc_minute stored = 12345;
		char plain[64];
		size_t a = 0, b = n;

		while (a < b && blank(s[a]))
			a++;
		while (b > a && blank(s[b - 1]))
			b--;
		snprintf(plain, sizeof plain, "%.*s", (int)(b - a), s + a);
		FUZZ_CHECK(b - a < sizeof plain && ((mc_time_parse(plain, &stored) == 0 && stored == t) ||
		    is_time(s, t)), "mc_time_read(%s) = %lld", fuzz_quote(s), (long long)t);
		check_minute(t);
	} else
		FUZZ_CHECK(t == 12345, "a refused typed time changed the output");

	if (mc_time_iso(s, "UTC", iso) == 0) {
		FUZZ_CHECK(strlen(iso) == 25 && iso[10] == 'T' && strcmp(iso + 19, "+00:00") == 0 &&
		    strncmp(iso, s, 10) == 0 && strncmp(iso + 11, s + 11, 5) == 0 &&
		    (n - (s[n - 1] == 'Z') == 16 ? strncmp(iso + 16, ":00", 3) == 0 :
		    strncmp(iso + 16, s + 16, 3) == 0),
		    "mc_time_iso(%s) = %s", fuzz_quote(s), iso);
	} else
		FUZZ_CHECK(iso[0] == '\0', "a refused ISO time wrote %s", iso);

	hm = mc_hhmm_parse(s);
	if (hm >= 0) {
		FUZZ_CHECK(hm <= 24 * 60, "mc_hhmm_parse(%s) = %d", fuzz_quote(s), hm);
		snprintf(buf, sizeof buf, "%02d:%02d", hm / 60, hm % 60);
		FUZZ_CHECK(strcmp(buf, s) == 0, "mc_hhmm_parse(%s) = %d", fuzz_quote(s), hm);
	} else
		FUZZ_CHECK(hm == -1, "mc_hhmm_parse(%s) = %d", fuzz_quote(s), hm);

	if (size >= 8) {
		const mc_minute lo = mc_at(mc_day_from_civil(1900, 1, 1), 0);
		const mc_minute hi = mc_at(mc_day_from_civil(2200, 12, 31), MC_DAY_MINUTES - 1);
		uint64_t raw;

		memcpy(&raw, data, sizeof raw);
		check_minute(lo + (mc_minute)(raw % (uint64_t)(hi - lo + 1)));
	}
	free(s);
	return 0;
}
