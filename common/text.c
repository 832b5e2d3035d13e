/* text.c -- UTF-8 walking, cutting and encoding, the growing string, UTF-8 checks, NFC,
 * folding, unaccenting and display width.
 *
 * All of it is libutf8proc: utf8proc_map() does the normalisation, case folding
 * and mark stripping; this file adds what Unicode does not: đ has no decomposition
 * (it is a letter of its own, not d with a mark), so it is mapped to d by hand,
 * and folded text has its white space collapsed for search.
 * Telex and VNI typing live in telex.c.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <utf8proc.h>

#include "i18n.h"
#include "text.h"

/* ---------------------------------------------------------------- UTF-8 characters */

static int
is_continuation(char c)
{
	return ((unsigned char)c & 0xC0) == 0x80;
}

int
text_next(const char *s, size_t n, int32_t *cp)
{
	utf8proc_int32_t c;
	utf8proc_ssize_t k;

	if (n == 0 || *s == '\0')
		return 0;
	/* utf8proc reads no byte past one that is not a continuation (the NUL). */
	k = utf8proc_iterate((const utf8proc_uint8_t *)s, n > 4 ? 4 : (utf8proc_ssize_t)n, &c);
	if (k <= 0 || c < 0) {
		*cp = 0xFFFD;
		return -1;
	}
	*cp = c;
	return (int)k;
}

size_t
text_chars(const char *s, size_t n)
{
	size_t count = 0, i = 0;
	int32_t cp;
	int k;

	while ((k = text_next(s + i, n - i, &cp)) != 0) {
		i += k > 0 ? (size_t)k : 1;
		count++;
	}
	return count;
}

size_t
text_prev(const char *s, size_t at)
{
	if (at == 0)
		return 0;
	for (at--; at > 0 && is_continuation(s[at]); at--)
		;
	return at;
}

size_t
text_cut(const char *s, size_t n)
{
	size_t k = strlen(s);

	if (k <= n)
		return k;
	for (k = n; k > 0 && n - k < 3 && is_continuation(s[k]); k--)
		;
	return is_continuation(s[k]) ? n : k;	/* no character is that long: a stray byte */
}

size_t
text_copy(char *dst, size_t size, const char *s)
{
	size_t k = text_cut(s, size - 1);

	memcpy(dst, s, k);
	dst[k] = '\0';
	return k;
}

void
text_cut_end(char *s)
{
	size_t n = strlen(s), i = n;
	int32_t cp;

	while (i > 0 && n - i < 3 && is_continuation(s[i - 1]))
		i--;
	if (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0xC0 &&
	    text_next(s + i - 1, n - (i - 1), &cp) < 0)
		s[i - 1] = '\0';	/* a lead byte whose character the cut left short */
}

size_t
text_put(int32_t cp, char out[4])
{
	if (!utf8proc_codepoint_valid(cp))
		return 0;
	return (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)out);
}

/* ---------------------------------------------------------------- the growing string */

void
text_buf_addn(struct text_buf *b, const char *s, size_t n)
{
	char *t;
	size_t cap;

	if (b->oom)
		return;
	if (b->n + n + 1 > b->cap) {
		for (cap = b->cap > 0 ? b->cap : 64; cap < b->n + n + 1; cap *= 2)
			;
		if ((t = realloc(b->s, cap)) == NULL) {
			b->oom = 1;
			return;
		}
		b->s = t;
		b->cap = cap;
	}
	if (n > 0)
		memcpy(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = '\0';
}

void
text_buf_reserve(struct text_buf *b, size_t n)
{
	char *t;

	if (b->oom || b->cap >= n + 1)
		return;
	if ((t = realloc(b->s, n + 1)) == NULL) {
		b->oom = 1;
		return;
	}
	if (b->s == NULL)
		t[0] = '\0';
	b->s = t;
	b->cap = n + 1;
}

void
text_buf_add(struct text_buf *b, const char *s)
{
	text_buf_addn(b, s, strlen(s));
}

char *
text_buf_take(struct text_buf *b)
{
	char *s = b->s;

	if (b->oom) {
		free(s);
		s = NULL;
	} else if (s == NULL) {
		s = strdup("");
	}
	memset(b, 0, sizeof *b);
	return s;
}

void
text_buf_free(struct text_buf *b)
{
	free(b->s);
	memset(b, 0, sizeof *b);
}

/* ---------------------------------------------------------------- checks */

int
text_valid(const char *s, size_t n)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_int32_t cp;
	utf8proc_ssize_t len;
	size_t i = 0;

	if (s == NULL)
		return 0;
	while (i < n) {
		len = utf8proc_iterate(p + i, (utf8proc_ssize_t)(n - i), &cp);
		if (len < 0)
			return 0;	/* malformed, overlong, surrogate, > U+10FFFF */
		if (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r')
			return 0;	/* NUL and the other C0 controls */
		i += (size_t)len;
	}
	return 1;
}

/* A control character: C0, DEL or C1 (Unicode general category Cc). */
static int
is_control(utf8proc_int32_t cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
}

int
text_storable(const char *s, enum text_kind kind)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_int32_t cp;
	utf8proc_ssize_t len;

	if (s == NULL)
		return 0;
	for (; *p != '\0'; p += len) {
		if ((len = utf8proc_iterate(p, -1, &cp)) < 0)
			return 0;
		if (is_control(cp) && !(cp == '\n' && kind == TEXT_LINES))
			return 0;
	}
	return 1;
}

int
text_check(const char *s, enum text_kind kind, const char *label, struct mc_error *err)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_int32_t cp;
	utf8proc_ssize_t len;

	if (s == NULL || text_storable(s, kind))
		return MC_OK;
	for (; *p != '\0'; p += len)
		if ((len = utf8proc_iterate(p, -1, &cp)) < 0)
			return mc_fail(err, MC_EUTF8, _("%s: the text is not valid UTF-8"), label);
	if (kind == TEXT_LINE && (strchr(s, '\n') != NULL || strchr(s, '\r') != NULL))
		return mc_fail(err, MC_EINVAL, _("%s must be one line of text"), label);
	return mc_fail(err, MC_EINVAL,
	    _("%s has a control character (such as Esc, Tab or DEL): type it again as plain text"), label);
}

char *
text_printable(const char *s)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_int32_t cp;
	utf8proc_ssize_t len;
	char *out, *w;

	if (s == NULL || (out = w = malloc(strlen(s) + 1)) == NULL)
		return NULL;
	for (; *p != '\0'; p += len) {
		if ((len = utf8proc_iterate(p, -1, &cp)) < 0) {
			*w++ = '?';	/* a stray byte, or the start of a broken sequence */
			len = 1;
		} else if (cp == '\t' || cp == '\n' || cp == '\r')
			*w++ = ' ';
		else if (is_control(cp))
			*w++ = '?';
		else {
			memcpy(w, p, (size_t)len);
			w += len;
		}
	}
	*w = '\0';
	return out;
}

/* đ and Đ are letters of their own in Unicode: take them to d and D by hand. */
static utf8proc_int32_t
map_dbar(utf8proc_int32_t cp, void *data)
{
	if (cp == 0x0111)		/* đ */
		return 'd';
	if (cp == 0x0110)		/* Đ */
		return 'D';
	return cp;
}

/* utf8proc_map_custom() on a NUL-terminated string; NULL on error. */
static char *
map(const char *s, int options, utf8proc_custom_func custom)
{
	utf8proc_uint8_t *dst = NULL;

	if (s == NULL)
		return NULL;
	if (utf8proc_map_custom((const utf8proc_uint8_t *)s, 0, &dst,
	    (utf8proc_option_t)(UTF8PROC_NULLTERM | UTF8PROC_STABLE | options),
	    custom, NULL) < 0)
		return NULL;	/* utf8proc leaves dst NULL on error */
	return (char *)dst;
}

char *
text_nfc(const char *s)
{
	return map(s, UTF8PROC_COMPOSE, NULL);
}

char *
text_unaccent(const char *s)
{
	return map(s, UTF8PROC_COMPOSE | UTF8PROC_STRIPMARK, map_dbar);
}

static int
is_space(utf8proc_int32_t cp)
{
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_ZS:
	case UTF8PROC_CATEGORY_ZL:
	case UTF8PROC_CATEGORY_ZP:
	case UTF8PROC_CATEGORY_CC:	/* TAB, LF, CR and the other controls */
		return 1;
	default:
		return 0;
	}
}

/*
 * NFKC, case folded, marks stripped, đ -> d, default-ignorable code points (soft
 * hyphen, zero-width joiner) dropped; then each run of white space or control
 * characters becomes one space and the ends are trimmed, in place.
 */
static utf8proc_int32_t
map_upper(utf8proc_int32_t cp, void *data)
{
	(void)data;
	return utf8proc_toupper(cp);
}

char *
text_upper(const char *s)
{
	return map(s, UTF8PROC_COMPOSE, map_upper);
}

char *
text_fold(const char *s)
{
	char *t, *out;
	const char *p;
	utf8proc_int32_t cp;
	utf8proc_ssize_t len;
	int pending = 0;

	t = map(s, UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
	    UTF8PROC_STRIPMARK | UTF8PROC_IGNORE, map_dbar);
	if (t == NULL)
		return NULL;
	for (p = out = t; *p != '\0'; p += len) {
		len = utf8proc_iterate((const utf8proc_uint8_t *)p, -1, &cp);
		if (len < 0) {		/* cannot happen: utf8proc wrote it */
			free(t);
			return NULL;
		}
		if (is_space(cp)) {
			pending = (out != t);
			continue;
		}
		if (pending)
			*out++ = ' ';
		pending = 0;
		memmove(out, p, (size_t)len);
		out += len;
	}
	*out = '\0';
	return t;
}

int
text_width(const char *s)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_int32_t cp;
	utf8proc_ssize_t len;
	int width = 0;

	if (s == NULL)
		return -1;
	for (; *p != '\0'; p += len) {
		if ((len = utf8proc_iterate(p, -1, &cp)) < 0)
			return -1;
		width += utf8proc_charwidth(cp);	/* 0 for marks, 2 for CJK */
	}
	return width;
}

static const char *const im_names[] = {
	[TEXT_IM_OFF] = "off",
	[TEXT_IM_TELEX] = "telex",
	[TEXT_IM_VNI] = "vni",
};

const char *
text_im_name(enum text_im im)
{
	if ((unsigned)im >= sizeof im_names / sizeof im_names[0])
		return NULL;
	return im_names[im];
}

int
text_im_parse(const char *name)
{
	size_t i;

	if (name == NULL)
		return -1;
	for (i = 0; i < sizeof im_names / sizeof im_names[0]; i++)
		if (strcasecmp(name, im_names[i]) == 0)
			return (int)i;
	return -1;
}
