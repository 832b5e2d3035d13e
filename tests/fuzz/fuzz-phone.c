/* fuzz-phone.c -- libFuzzer target: phone numbers (phone_normalise, phone_recipient,
 * phone_mask in common/phone.c).
 *
 * The input is the number as typed.  What must hold when it is accepted: the answer
 * is a Vietnamese number (10 digits starting 03/05/07/08/09, or 11 starting 02), made
 * of the digits typed (with "84" in front turned into "0"), and normalising it again
 * gives itself; nothing is written past the PHONE_MAX bytes of out.  A refusal is
 * MC_EINVAL with a message, UTF-8 when the input was.  phone_recipient() gives the
 * same number when it was accepted (and says 1 for a mobile only), else the input
 * trimmed and cut, UTF-8 when the input was; phone_mask() shows no more than two
 * digits in front and three behind, only digits, '+', 'x' and '?', within its
 * PHONE_MASK_MAX bytes.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "phone.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *in = fuzz_cstr(data, size), *out = malloc(PHONE_MAX), again[PHONE_MAX];
	char *rcpt = malloc(PHONE_MAX), *mask = malloc(PHONE_MASK_MAX), digits[4200];
	struct mc_error err;
	size_t i, n, nd = 0;
	int rc, mobile;

	if (out == NULL || rcpt == NULL || mask == NULL)
		abort();
	for (i = 0; in[i] != '\0'; i++)
		if (in[i] >= '0' && in[i] <= '9')
			digits[nd++] = in[i];
	digits[nd] = '\0';
	mc_error_clear(&err);
	rc = phone_normalise(in, out, &err);
	if (rc == MC_OK) {
		n = strlen(out);
		FUZZ_CHECK(n < PHONE_MAX, "out not terminated");
		for (i = 0; i < n; i++)
			FUZZ_CHECK(out[i] >= '0' && out[i] <= '9', "%s gave %s", fuzz_quote(in),
			    fuzz_quote(out));
		FUZZ_CHECK((n == 10 && out[0] == '0' && strchr("35789", out[1]) != NULL) ||
		    (n == 11 && out[0] == '0' && out[1] == '2'),
		    "%s gave %s, not a Vietnamese number", fuzz_quote(in), out);
		FUZZ_CHECK(strcmp(digits, out) == 0 ||
		    (strncmp(digits, "84", 2) == 0 && strcmp(digits + 2, out + 1) == 0),
		    "%s (digits %s) gave %s", fuzz_quote(in), digits, out);
		FUZZ_CHECK(phone_normalise(out, again, NULL) == MC_OK && strcmp(again, out) == 0,
		    "%s normalised again is %s", out, again);
	} else {
		FUZZ_CHECK(rc == MC_EINVAL, "phone_normalise returned %s", mc_codename(rc));
		FUZZ_CHECK(err.msg[0] != '\0', "refused without a message");
		fuzz_check_error(&err, rc, fuzz_utf8_valid(in, strlen(in), 0));
	}
	mobile = phone_recipient(in, rcpt);
	FUZZ_CHECK(strlen(rcpt) < PHONE_MAX, "phone_recipient: not terminated");
	if (rc == MC_OK)
		FUZZ_CHECK(strcmp(rcpt, out) == 0 && mobile == (out[1] != '2'),
		    "%s: normalised %s, phone_recipient %s (%d)", fuzz_quote(in), out,
		    fuzz_quote(rcpt), mobile);
	else
		FUZZ_CHECK(mobile == 0 && (!fuzz_utf8_valid(in, strlen(in), 0) ||
		    fuzz_utf8_valid(rcpt, strlen(rcpt), 0)),
		    "%s: phone_recipient %s (%d)", fuzz_quote(in), fuzz_quote(rcpt), mobile);
	FUZZ_CHECK(phone_mask(in, mask) == mask, "phone_mask returns another buffer");
	n = strlen(mask);
	FUZZ_CHECK(n < PHONE_MASK_MAX && n <= strlen(rcpt), "phone_mask(%s) = %s",
	    fuzz_quote(in), fuzz_quote(mask));
	for (i = 0; i < n; i++)
		FUZZ_CHECK(strchr("0123456789+?x", mask[i]) != NULL && mask[i] != '\0' &&
		    ((i >= 2 && i + 3 < n) || n <= 5 ? mask[i] == 'x' : mask[i] != 'x'),
		    "phone_mask(%s) = %s shows too much", fuzz_quote(in), fuzz_quote(mask));
	free(mask);
	free(rcpt);
	free(out);
	free(in);
	return 0;
}
