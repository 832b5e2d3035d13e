/* fuzz-compose.c -- libFuzzer target: typing Vietnamese (text_compose, TELEX and VNI).
 *
 * The first byte picks the input method (off, Telex, VNI); the rest are the keys.
 * What must hold: printable ASCII keys always compose; the result is UTF-8 in NFC
 * whenever the keys were UTF-8 and, from ASCII keys, holds only ASCII and Vietnamese
 * letters; composing is a pure function (twice the same); with the method off the
 * keys come back as typed; in VNI the keys that are not digits are never changed but
 * for their marks (the base letters are the letters typed, everything else as typed);
 * in Telex, spaces, digits and punctuation are typed as they are.
 */
#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "fuzz.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* s with its letters (ASCII and Vietnamese) removed, or only its letters as their
 * base letters (letters = 1). */
static char *
skeleton(const char *s, int letters)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s);
	char *out = malloc(n + 1), *q = out, base;
	uint32_t cp;
	int k;

	if (out == NULL)
		abort();
	while (n > 0) {
		if ((k = fuzz_utf8_decode(p, n, &cp)) < 0)
			abort();
		base = cp < 0x80 ? (isalpha((int)cp) ? (char)cp : 0) : fuzz_vn_base(cp);
		if (letters && base != 0)
			*q++ = base;
		else if (!letters && base == 0) {
			memcpy(q, p, (size_t)k);
			q += k;
		}
		p += k;
		n -= (size_t)k;
	}
	*q = '\0';
	return out;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	enum text_im im;
	char *keys, *out, *again, *nfc, *a, *b;
	int printable = 1, digits = 0, telex_plain = 1;
	size_t i, n;

	if (size < 1)
		return 0;
	im = (enum text_im)(data[0] % 3);
	keys = fuzz_cstr(data + 1, size - 1);
	n = strlen(keys);
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)keys[i];

		printable &= c >= 0x20 && c < 0x7f;
		digits |= isdigit(c) != 0;
		telex_plain &= isalnum(c) || c == ' ' || c == ',' || c == '.' || c == '-';
	}

	out = text_compose(im, keys);
	if (printable)
		FUZZ_CHECK(out != NULL, "text_compose(%s, %s) = NULL", text_im_name(im),
		    fuzz_quote(keys));
	again = text_compose(im, keys);
	FUZZ_CHECK((out == NULL) == (again == NULL) && (out == NULL || strcmp(out, again) == 0),
	    "text_compose(%s, %s) gave %s, then %s", text_im_name(im), fuzz_quote(keys),
	    fuzz_quote(out), fuzz_quote(again));
	free(again);
	if (out == NULL || !fuzz_utf8_valid(keys, n, 0)) {
		free(out);
		free(keys);
		return 0;
	}
	FUZZ_CHECK(fuzz_utf8_valid(out, strlen(out), 0), "text_compose(%s, %s) = %s: not UTF-8",
	    text_im_name(im), fuzz_quote(keys), fuzz_quote(out));
	nfc = (char *)utf8proc_NFC((const utf8proc_uint8_t *)out);
	FUZZ_CHECK(nfc != NULL && strcmp(nfc, out) == 0, "text_compose(%s, %s) = %s: not NFC",
	    text_im_name(im), fuzz_quote(keys), fuzz_quote(out));
	free(nfc);
	if (printable) {
		FUZZ_CHECK(fuzz_vn_text(out), "text_compose(%s, %s) = %s: not Vietnamese letters",
		    text_im_name(im), fuzz_quote(keys), fuzz_quote(out));
		switch (im) {
		case TEXT_IM_OFF:
			FUZZ_CHECK(strcmp(out, keys) == 0, "text_compose(off, %s) = %s",
			    fuzz_quote(keys), fuzz_quote(out));
			break;
		case TEXT_IM_VNI:
			if (!digits)
				FUZZ_CHECK(strcmp(out, keys) == 0, "text_compose(vni, %s) = %s",
				    fuzz_quote(keys), fuzz_quote(out));
			a = skeleton(keys, 1);
			b = skeleton(out, 1);
			FUZZ_CHECK(strcmp(a, b) == 0,
			    "text_compose(vni, %s) = %s: letters %s became %s", fuzz_quote(keys),
			    fuzz_quote(out), a, b);
			free(a);
			free(b);
			break;
		case TEXT_IM_TELEX:
			if (!telex_plain)
				break;
			a = skeleton(keys, 0);
			b = skeleton(out, 0);
			FUZZ_CHECK(strcmp(a, b) == 0,
			    "text_compose(telex, %s) = %s: what is not a letter, %s, became %s",
			    fuzz_quote(keys), fuzz_quote(out), fuzz_quote(a), fuzz_quote(b));
			free(a);
			free(b);
			break;
		}
	}
	free(out);
	free(keys);
	return 0;
}
