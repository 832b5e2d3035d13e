/* fuzz-code.c -- libFuzzer target: reading dossier codes (code_parse, code_split).
 *
 * The first byte of the input picks the office code code_parse() is given (none, "",
 * one of a few real and odd ones, or the input up to a '|'); the rest is what the
 * citizen typed.  What must hold when it is accepted:
 *  - the answer is a canonical code: code_split() takes it apart into a valid agency,
 *    a day and a sequence, and code_format() puts them together into the same text;
 *  - the answer read again is itself, and so are the ways code.h says people type it:
 *    in lower case, after "MA HS ", with spaces for the dashes, with no separators at
 *    all, with the letter O for the zeros of the date and the number;
 *  - a code of a QCVN agency is read the same without the office's code.
 * When it is refused: MC_EINVAL with a message, UTF-8 when the input was.
 */
#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "code.h"
#include "fuzz.h"

static const char *const agencies[] = {
	"000.17.22.H56", "H15.50.05.13", "0001722H56", "h15 50 05 13", "UBNDXA", "A.B",
	"HS", "MAHS", "1234", "O00.17.22.H56",
};

/* Is a (canonical) in one of the two QCVN forms? */
static int
qcvn(const char *a)
{
	static const char *const forms[] = { "ddd.dd.dd.Hdd", "Hdd.dd.dd.dd" };

	for (size_t f = 0; f < 2; f++) {
		const char *p = forms[f], *q = a;

		for (; *p != '\0' && *q != '\0'; p++, q++) {
			if (*p == 'd' ? !isdigit((unsigned char)*q) : *p != *q)
				break;
		}
		if (*p == '\0' && *q == '\0')
			return 1;
	}
	return 0;
}

/* code_parse(input, dflt) must accept input and give want. */
static void
reads_as(const char *input, const char *dflt, const char *want, const char *how)
{
	char out[CODE_MAX];
	struct mc_error err;
	int rc;

	mc_error_clear(&err);
	rc = code_parse(input, dflt, out, &err);
	FUZZ_CHECK(rc == MC_OK && strcmp(out, want) == 0,
	    "%s: code_parse(%s, %s) = %s %s (%s), expected %s", how, fuzz_quote(input),
	    fuzz_quote(dflt), mc_codename(rc), fuzz_quote(out), err.msg, want);
}

static void
check_code(const char *code, const char *dflt)
{
	char agency[CODE_MAX], again[CODE_MAX], v[3 * CODE_MAX + 16];
	size_t i, j, n = strlen(code);
	mc_day day;
	int seq;

	FUZZ_CHECK(n > 12 && n < CODE_MAX, "code %s of %zu bytes", fuzz_quote(code), n);
	FUZZ_CHECK(code_split(code, agency, &day, &seq) == MC_OK,
	    "code_split refuses what code_parse gave: %s", fuzz_quote(code));
	FUZZ_CHECK(code_agency_valid(agency), "agency %s of %s is not valid", fuzz_quote(agency),
	    code);
	FUZZ_CHECK(seq >= 1 && seq <= 9999, "sequence %d", seq);
	FUZZ_CHECK(code_format(agency, day, seq, again) == MC_OK && strcmp(again, code) == 0,
	    "code_format of the parts of %s gives %s", code, again);

	reads_as(code, dflt, code, "read again");
	if (qcvn(agency))
		reads_as(code, NULL, code, "without the office's code");

	for (i = 0; i <= n; i++)
		v[i] = (char)tolower((unsigned char)code[i]);
	reads_as(v, dflt, code, "in lower case");

	snprintf(v, sizeof v, "MA HS %s", code);
	reads_as(v, dflt, code, "after 'MA HS '");

	for (i = 0; i <= n; i++)
		v[i] = code[i] == '-' ? ' ' : code[i];
	reads_as(v, dflt, code, "with spaces for the dashes");

	for (i = j = 0; i <= n; i++)
		if (code[i] != '-' && code[i] != '.')
			v[j++] = code[i];
	reads_as(v, dflt, code, "without separators");

	for (i = 0; i <= n; i++)
		v[i] = i >= n - 11 && code[i] == '0' ? 'O' : code[i];
	reads_as(v, dflt, code, "with O for the zeros of the date and the number");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char out[CODE_MAX], *buf, *bar;
	const char *dflt = NULL, *input;
	struct mc_error err;
	int rc, utf8;

	if (size < 1)
		return 0;
	buf = fuzz_cstr(data + 1, size - 1);
	input = buf;
	switch (data[0] & 3) {
	case 0:
		dflt = NULL;
		break;
	case 1:
		dflt = "";
		break;
	case 2:
		dflt = agencies[(data[0] >> 2) % (sizeof agencies / sizeof agencies[0])];
		break;
	case 3:
		if ((bar = strchr(buf, '|')) != NULL) {
			*bar = '\0';
			dflt = buf;
			input = bar + 1;
		}
		break;
	}
	utf8 = fuzz_utf8_valid(input, strlen(input), 0) &&
	    (dflt == NULL || fuzz_utf8_valid(dflt, strlen(dflt), 0));

	mc_error_clear(&err);
	memset(out, 'x', sizeof out);
	rc = code_parse(input, dflt, out, &err);
	FUZZ_CHECK(memchr(out, '\0', sizeof out) != NULL, "out is not terminated");
	if (rc == MC_OK)
		check_code(out, dflt);
	else {
		FUZZ_CHECK(rc == MC_EINVAL, "code_parse returned %s", mc_codename(rc));
		FUZZ_CHECK(out[0] == '\0', "a refused code left %s in out", fuzz_quote(out));
		FUZZ_CHECK(err.msg[0] != '\0', "refused without a message");
		fuzz_check_error(&err, rc, utf8);
		FUZZ_CHECK(code_parse(input, dflt, out, NULL) == rc, "a NULL err changes the answer");
	}

	/* code_split() of any text: what it accepts, code_format() writes back. */
	{
		char agency[CODE_MAX], again[CODE_MAX];
		mc_day day;
		int seq;

		if (code_split(input, agency, &day, &seq) == MC_OK) {
			FUZZ_CHECK(code_format(agency, day, seq, again) == MC_OK &&
			    strcmp(again, input) == 0, "code_split(%s) then code_format gives %s",
			    fuzz_quote(input), fuzz_quote(again));
		}
	}
	free(buf);
	return 0;
}
