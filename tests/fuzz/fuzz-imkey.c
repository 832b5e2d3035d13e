/* fuzz-imkey.c -- libFuzzer target: one key of Telex or VNI (text_im_key) and the
 * names of the input methods (text_im_parse, text_im_name).
 *
 * The first byte picks the method and the room given for the answer (1 byte to more
 * than the input), the second is the key, the rest the word before the cursor (any
 * bytes; a Vietnamese word when bit 7 of the first byte is set, each byte then one
 * letter).  What must hold: the answer is 0 or 1, 0 with the method off; a key taken
 * (1) leaves in out a NUL-terminated word within the room given (ASan guards the
 * bytes past it), different from the word, UTF-8 in NFC when the word was UTF-8,
 * only ASCII and Vietnamese letters when the word was, and, for a Vietnamese word,
 * the same base letters (only marks changed) or those and the key (typed, or after
 * an undo such as "aaa"), or in Telex "u" for "w" and "w" back for that "u"; the
 * same call answers the same.  A method's name parses back to it; a name that
 * parses names the method.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "fuzz.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* s with each Vietnamese letter replaced by its base letter (a new string). */
static char *
bases(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s);
	char *out = malloc(n + 1), *q = out;
	uint32_t cp;
	int k;

	if (out == NULL)
		abort();
	while (n > 0) {
		if ((k = fuzz_utf8_decode(p, n, &cp)) < 0)
			abort();
		*q++ = cp < 0x80 ? (char)cp : fuzz_vn_base(cp) != 0 ? fuzz_vn_base(cp) : '?';
		p += k;
		n -= (size_t)k;
	}
	*q = '\0';
	return out;
}

/* A key taken changes marks only, or adds itself (typed, or after an undo), or in
 * Telex adds u for w (ư): the base letters of the word say which. */
static void
check_bases(enum text_im im, const char *word, char key, const char *out)
{
	char *bw = bases(word), *bo = bases(out);
	size_t n = strlen(bw);
	int ok;

	ok = strcmp(bo, bw) == 0 ||
	    (strncmp(bo, bw, n) == 0 && strlen(bo) == n + 1 && (bo[n] == key ||
	    (im == TEXT_IM_TELEX && (key == 'w' || key == 'W') && (bo[n] == 'u' || bo[n] == 'U'))));
	/* Telex "ww": the ư that w made goes back to w. */
	if (!ok && im == TEXT_IM_TELEX && (key == 'w' || key == 'W') && n > 0 &&
	    (bw[n - 1] == 'u' || bw[n - 1] == 'U'))
		ok = strncmp(bo, bw, n - 1) == 0 && strlen(bo) == n && bo[n - 1] == key;
	FUZZ_CHECK(ok, "text_im_key(%s, %s, '%c') = %s: base letters %s became %s",
	    text_im_name(im), fuzz_quote(word), key, fuzz_quote(out), bw, bo);
	free(bw);
	free(bo);
}

static const size_t rooms[] = { 1, 2, 3, 4, 6, 8, 16, 32, 64, 256, 8192 };

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	enum text_im im;
	char *word, *out, *out2, *nfc, key;
	size_t room, i;
	int rc, rc2, p;

	if (size < 2)
		return 0;
	im = (enum text_im)(data[0] % 3);
	room = rooms[(data[0] >> 2) % (sizeof rooms / sizeof rooms[0])];
	key = (char)data[1];
	if (data[0] & 0x80) {
		/* A word of Vietnamese letters and ASCII letters. */
		word = malloc(4 * (size - 2) + 1);
		if (word == NULL)
			abort();
		for (i = 2, p = 0; i < size; i++) {
			int k = data[i] % (52 + FUZZ_VN_LETTERS);

			if (k < 52)
				word[p++] = (char)(k < 26 ? 'a' + k : 'A' + k - 26);
			else
				p += fuzz_utf8_encode(fuzz_vn_letters[k - 52].cp, word + p);
		}
		word[p] = '\0';
	} else
		word = fuzz_cstr(data + 2, size - 2);

	/* The names. */
	p = text_im_parse(word);
	FUZZ_CHECK(p == -1 || (p >= TEXT_IM_OFF && p <= TEXT_IM_VNI &&
	    strcasecmp(text_im_name((enum text_im)p), word) == 0),
	    "text_im_parse(%s) = %d", fuzz_quote(word), p);
	FUZZ_CHECK(text_im_parse(text_im_name(im)) == (int)im, "text_im_name(%d) = %s does not "
	    "parse back", (int)im, text_im_name(im));

	out = malloc(room);
	out2 = malloc(room);
	if (out == NULL || out2 == NULL)
		abort();
	memset(out, 0xAA, room);
	rc = text_im_key(im, word, key, out, room);
	FUZZ_CHECK(rc == 0 || rc == 1, "text_im_key returned %d", rc);
	FUZZ_CHECK(im != TEXT_IM_OFF || rc == 0, "a key was taken with the input method off");
	rc2 = text_im_key(im, word, key, out2, room);
	FUZZ_CHECK(rc2 == rc && (rc == 0 || strcmp(out, out2) == 0),
	    "text_im_key(%s, %s, '%c') answered %d %s, then %d %s", text_im_name(im),
	    fuzz_quote(word), key, rc, rc ? fuzz_quote(out) : "", rc2, rc2 ? fuzz_quote(out2) : "");
	if (rc == 1) {
		FUZZ_CHECK(memchr(out, '\0', room) != NULL, "out is not terminated within %zu bytes",
		    room);
		FUZZ_CHECK(strcmp(out, word) != 0,
		    "text_im_key(%s, %s, '%c') took the key but left the word as it was",
		    text_im_name(im), fuzz_quote(word), key);
		if (fuzz_utf8_valid(word, strlen(word), 0)) {
			FUZZ_CHECK(fuzz_utf8_valid(out, strlen(out), 0),
			    "text_im_key(%s, %s, '%c') = %s: not UTF-8", text_im_name(im),
			    fuzz_quote(word), key, fuzz_quote(out));
			nfc = (char *)utf8proc_NFC((const utf8proc_uint8_t *)out);
			FUZZ_CHECK(nfc != NULL && strcmp(nfc, out) == 0,
			    "text_im_key(%s, %s, '%c') = %s: not NFC", text_im_name(im),
			    fuzz_quote(word), key, fuzz_quote(out));
			free(nfc);
		}
		if (fuzz_vn_text(word) && key >= 0x20 && key < 0x7f)
			FUZZ_CHECK(fuzz_vn_text(out), "text_im_key(%s, %s, '%c') = %s: not letters",
			    text_im_name(im), fuzz_quote(word), key, fuzz_quote(out));
		if (data[0] & 0x80)
			check_bases(im, word, key, out);
	}
	free(out);
	free(out2);
	free(word);
	return 0;
}
