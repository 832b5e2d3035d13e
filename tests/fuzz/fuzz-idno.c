/* fuzz-idno.c -- libFuzzer target: the personal ID number check (idno_validate).
 *
 * The input is the number as typed.  What must hold: a number accepted is exactly 12
 * digits and what idno_validate() tells of it comes from those digits (province =
 * digits 1-3, sex = digit 4 odd, year = century of digit 4 + digits 5-6, not after
 * today); the answer does not depend on whether info or err are asked for; a refusal
 * is MC_EINVAL with a message, UTF-8 when the input was.  "Today" is $MOTCUA_NOW
 * (tests/fuzz/run.sh sets it), else the clock.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "code.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int century[10] = { 1900, 1900, 2000, 2000, 2100, 2100, 2200, 2200, 1800, 1800 };
	char *id = fuzz_cstr(data, size);
	struct idno_info info = { -1, -1, -1 };
	struct mc_error err;
	size_t i, n = strlen(id);
	int rc, y, m, d;

	mc_error_clear(&err);
	rc = idno_validate(id, &info, &err);
	FUZZ_CHECK(idno_validate(id, NULL, NULL) == rc, "the answer changes without info and err");
	if (rc == MC_OK) {
		FUZZ_CHECK(n == 12, "accepted %s of %zu characters", fuzz_quote(id), n);
		for (i = 0; i < n; i++)
			FUZZ_CHECK(id[i] >= '0' && id[i] <= '9', "accepted %s with a non-digit",
			    fuzz_quote(id));
		FUZZ_CHECK(info.province == (id[0] - '0') * 100 + (id[1] - '0') * 10 + (id[2] - '0') &&
		    info.province >= 1 && info.province <= 96,
		    "province %d of %s", info.province, id);
		FUZZ_CHECK(info.female == (id[3] - '0') % 2, "female %d of %s", info.female, id);
		FUZZ_CHECK(info.birth_year == century[id[3] - '0'] + (id[4] - '0') * 10 + (id[5] - '0'),
		    "birth year %d of %s", info.birth_year, id);
		mc_civil_from_day(mc_day_of(mc_now()), &y, &m, &d);
		FUZZ_CHECK(info.birth_year <= y, "birth year %d after today (%d) for %s",
		    info.birth_year, y, id);
	} else {
		FUZZ_CHECK(rc == MC_EINVAL, "idno_validate returned %s", mc_codename(rc));
		FUZZ_CHECK(err.msg[0] != '\0', "refused without a message");
		fuzz_check_error(&err, rc, fuzz_utf8_valid(id, n, 0));
	}
	free(id);
	return 0;
}
