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
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "mctime.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

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
