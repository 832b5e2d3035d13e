/* fuzz-text.c -- libFuzzer target: Vietnamese text (text_valid, text_nfc, text_fold,
 * text_unaccent, text_width, and the UTF-8 walker text_next, text_chars, text_prev,
 * text_cut, text_put in common/text.c).
 *
 * Bit 0 of the first byte picks how the rest is read.  Raw: as bytes, whatever they
 * are.  Vietnamese: each byte is one character of a Vietnamese text (printable
 * ASCII, TAB, LF, CR, the 134 precomposed letters, or a letter decomposed), and bit 1
 * decomposes the whole text (NFD), as some keyboards and files send it.
 *
 * What must hold, on any input: text_next() reads each character as this harness's
 * own decoder does (and a malformed byte as one U+FFFD), text_put() writes it back
 * byte for byte, text_prev() steps back to where it started, text_chars() counts
 * them, and text_cut() never keeps more than asked nor splits one (a valid text cut
 * stays valid); text_valid() says exactly what text.h promises;
 * malformed UTF-8 gives NULL and width -1, valid text gives results that are UTF-8;
 * text_nfc() is utf8proc's NFC; folding is idempotent, folding the NFC is the same,
 * and a folded text has no capital ASCII letter, no TAB/LF/CR, no space at its ends
 * nor two in a row; unaccenting is idempotent.  On Vietnamese text: text_unaccent()
 * gives the base letters, case and spacing kept (pure ASCII); text_fold() gives the
 * same in lower case with white space runs made one space (pure ASCII).
 */
#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "fuzz.h"
#include "text.h"

#define NASCII 98		/* printable ASCII, TAB, LF, CR */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char
ascii_token(int i)
{
	return i < 95 ? (char)(' ' + i) : "\t\n\r"[i - 95];
}

/* Build the Vietnamese text of data into *text (NFC unless nfd), and the text with
 * every letter replaced by its base letter into *bases. */
static void
build(const uint8_t *data, size_t size, int nfd, char **text, char **bases)
{
	/* A letter takes at most 3 bytes, 5 decomposed (base and two marks). */
	char *t = malloc(8 * size + 1), *b = malloc(size + 1), one[8], *d;
	size_t tn = 0, i;
	int k, n;

	if (t == NULL || b == NULL)
		abort();
	for (i = 0; i < size; i++) {
		k = data[i];
		if (k < NASCII) {
			t[tn++] = b[i] = ascii_token(k);
			continue;
		}
		if (k < NASCII + FUZZ_VN_LETTERS)
			k -= NASCII;
		else
			k = (k - NASCII - FUZZ_VN_LETTERS) * 5 % FUZZ_VN_LETTERS;
		b[i] = fuzz_vn_letters[k].base;
		n = fuzz_utf8_encode(fuzz_vn_letters[k].cp, one);
		one[n] = '\0';
		if (data[i] < NASCII + FUZZ_VN_LETTERS) {
			memcpy(t + tn, one, (size_t)n);
			tn += (size_t)n;
			continue;
		}
		/* This one letter decomposed. */
		if ((d = (char *)utf8proc_NFD((const utf8proc_uint8_t *)one)) == NULL || strlen(d) > 5)
			abort();
		memcpy(t + tn, d, strlen(d));
		tn += strlen(d);
		free(d);
	}
	t[tn] = '\0';
	b[size] = '\0';
	if (nfd) {
		if ((d = (char *)utf8proc_NFD((const utf8proc_uint8_t *)t)) == NULL)
			abort();
		free(t);
		t = d;
	}
	*text = t;
	*bases = b;
}

/* What text_fold must give for a text whose base letters are bases. */
static char *
folded_bases(const char *bases)
{
	char *out = malloc(strlen(bases) + 1), *p = out;

	if (out == NULL)
		abort();
	for (; *bases != '\0'; bases++) {
		if (*bases == ' ' || *bases == '\t' || *bases == '\n' || *bases == '\r') {
			if (p > out && p[-1] != ' ')
				*p++ = ' ';
		} else
			*p++ = (char)tolower((unsigned char)*bases);
	}
	if (p > out && p[-1] == ' ')
		p--;
	*p = '\0';
	return out;
}

static void
check_folded(const char *in, const char *f)
{
	size_t n = strlen(f);

	for (size_t i = 0; i < n; i++)
		FUZZ_CHECK(!(f[i] >= 'A' && f[i] <= 'Z') && f[i] != '\t' && f[i] != '\n' &&
		    f[i] != '\r' && !(f[i] == ' ' && (i == 0 || i + 1 == n || f[i + 1] == ' ')),
		    "text_fold(%s) = %s: capital, TAB/LF/CR or a space at an end or doubled",
		    fuzz_quote(in), fuzz_quote(f));
}

/* The UTF-8 walker on s[0..n) (followed by a NUL). */
static void
check_walk(const char *s, size_t n)
{
	size_t i = 0, count = 0, cut, m;
	uint32_t want;
	int32_t cp;
	int k, wk;
	char enc[4];

	while ((k = text_next(s + i, n - i, &cp)) != 0) {
		wk = fuzz_utf8_decode((const unsigned char *)s + i, n - i, &want);
		if (k > 0) {
			FUZZ_CHECK(wk == k && (uint32_t)cp == want,
			    "text_next(%s) = %d, U+%04X; the harness reads %d, U+%04X",
			    fuzz_quote_n(s + i, n - i), k, (unsigned)cp, wk, (unsigned)want);
			FUZZ_CHECK(text_put(cp, enc) == (size_t)k && memcmp(enc, s + i, (size_t)k) == 0,
			    "text_put(U+%04X) does not give back %s", (unsigned)cp,
			    fuzz_quote_n(s + i, (size_t)k));
			FUZZ_CHECK(text_prev(s, i + (size_t)k) == i, "text_prev(%s, %zu) != %zu",
			    fuzz_quote_n(s, n), i + (size_t)k, i);
		} else {
			FUZZ_CHECK(wk < 0 && cp == 0xFFFD, "text_next(%s) = -1 (U+%04X), the harness "
			    "reads %d", fuzz_quote_n(s + i, n - i), (unsigned)cp, wk);
		}
		i += k > 0 ? (size_t)k : 1;
		count++;
	}
	FUZZ_CHECK(i <= n && (i == n || s[i] == '\0'), "text_next stopped at %zu of %s", i,
	    fuzz_quote_n(s, n));
	FUZZ_CHECK(text_chars(s, n) == count, "text_chars(%s) = %zu, walked %zu",
	    fuzz_quote_n(s, n), text_chars(s, n), count);
	if (memchr(s, '\0', n) != NULL)
		return;
	for (m = 0; m <= n + 1; m += 1 + n / 8) {
		cut = text_cut(s, m);
		FUZZ_CHECK(cut <= m || cut == n, "text_cut(%s, %zu) = %zu", fuzz_quote(s), m, cut);
		FUZZ_CHECK(cut == n || (cut <= m && cut + 3 >= m), "text_cut(%s, %zu) = %zu: too short",
		    fuzz_quote(s), m, cut);
		if (fuzz_utf8_valid(s, n, 0))
			FUZZ_CHECK(fuzz_utf8_valid(s, cut, 0), "text_cut(%s, %zu) = %zu splits a character",
			    fuzz_quote(s), m, cut);
	}
}

/* The checks that hold for any input: s[0..n) followed by a NUL. */
static void
check_any(const char *s, size_t n)
{
	char *f, *u, *c, *again, *want;
	int wf = fuzz_utf8_valid(s, n, 0), valid = text_valid(s, n), w;

	check_walk(s, n);
	FUZZ_CHECK(valid == fuzz_text_valid(s, n), "text_valid(%s) = %d", fuzz_quote_n(s, n), valid);
	if (memchr(s, '\0', n) != NULL)
		return;
	f = text_fold(s);
	u = text_unaccent(s);
	c = text_nfc(s);
	w = text_width(s);
	if (!wf) {
		FUZZ_CHECK(f == NULL && u == NULL && c == NULL && w == -1,
		    "malformed UTF-8 %s: fold %s, unaccent %s, nfc %s, width %d", fuzz_quote(s),
		    fuzz_quote(f), fuzz_quote(u), fuzz_quote(c), w);
		return;
	}
	if (valid)
		FUZZ_CHECK(f != NULL && u != NULL && c != NULL && w >= 0,
		    "valid text %s: fold %s, unaccent %s, nfc %s, width %d", fuzz_quote(s),
		    fuzz_quote(f), fuzz_quote(u), fuzz_quote(c), w);
	if (c != NULL) {
		FUZZ_CHECK(fuzz_utf8_valid(c, strlen(c), 0), "text_nfc(%s) is not UTF-8", fuzz_quote(s));
		want = (char *)utf8proc_NFC((const utf8proc_uint8_t *)s);
		FUZZ_CHECK(want != NULL && strcmp(c, want) == 0, "text_nfc(%s) = %s, NFC is %s",
		    fuzz_quote(s), fuzz_quote(c), fuzz_quote(want));
		free(want);
	}
	if (f != NULL) {
		FUZZ_CHECK(fuzz_utf8_valid(f, strlen(f), 0), "text_fold(%s) is not UTF-8", fuzz_quote(s));
		check_folded(s, f);
		again = text_fold(f);
		FUZZ_CHECK(again != NULL && strcmp(again, f) == 0,
		    "text_fold is not idempotent: %s -> %s -> %s", fuzz_quote(s), fuzz_quote(f),
		    fuzz_quote(again));
		free(again);
		if (c != NULL) {
			again = text_fold(c);
			FUZZ_CHECK(again != NULL && strcmp(again, f) == 0,
			    "text_fold(%s) = %s but of its NFC %s", fuzz_quote(s), fuzz_quote(f),
			    fuzz_quote(again));
			free(again);
		}
	}
	if (u != NULL) {
		FUZZ_CHECK(fuzz_utf8_valid(u, strlen(u), 0), "text_unaccent(%s) is not UTF-8",
		    fuzz_quote(s));
		again = text_unaccent(u);
		FUZZ_CHECK(again != NULL && strcmp(again, u) == 0,
		    "text_unaccent is not idempotent: %s -> %s -> %s", fuzz_quote(s), fuzz_quote(u),
		    fuzz_quote(again));
		free(again);
	}
	free(f);
	free(u);
	free(c);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text, *bases, *f, *u, *want;

	if (size < 1)
		return 0;
	if (!(data[0] & 1)) {
		text = fuzz_cstr(data + 1, size - 1);
		check_any(text, size - 1);
		free(text);
		return 0;
	}
	build(data + 1, size - 1, data[0] & 2, &text, &bases);
	check_any(text, strlen(text));
	u = text_unaccent(text);
	FUZZ_CHECK(u != NULL && strcmp(u, bases) == 0, "text_unaccent(%s) = %s, expected %s",
	    fuzz_quote(text), fuzz_quote(u), fuzz_quote(bases));
	f = text_fold(text);
	want = folded_bases(bases);
	FUZZ_CHECK(f != NULL && fuzz_ascii(f) && strcmp(f, want) == 0,
	    "text_fold(%s) = %s, expected %s", fuzz_quote(text), fuzz_quote(f), fuzz_quote(want));
	free(want);
	free(f);
	free(u);
	free(text);
	free(bases);
	return 0;
}
