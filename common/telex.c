/* telex.c -- Telex and VNI typing: keystrokes to Vietnamese letters.
 *
 * No state is kept between keys: the word before the cursor is decoded into
 * letters (base letter, mark, tone, case), split into initial consonants, vowel
 * nucleus and final consonants, changed by the key and encoded back.
 *
 *	Telex          VNI          effect
 *	s f r x j      1 2 3 4 5    tone: sắc, huyền, hỏi, ngã, nặng
 *	z              0            remove the tone
 *	aa ee oo       6            hat: â ê ô
 *	w              7            horn: ơ ư, and ươ on uo
 *	aw             8            breve: ă
 *	dd             9            đ
 *
 * The rules are Unikey's, with its "modern" tone style:
 * - the tone goes on the last vowel with a mark (người, nguyễn, thuở); else on the
 *   only vowel; else on the middle one of three (ngoài); else on the second of two
 *   if a final consonant follows (toán) or the pair is oa, oe, uy (hoà, khoẻ, thuý);
 *   else on the first (mía, của).  The u of qu, and the i of gi before another
 *   vowel, belong to the initial (quốc, giữa).  The tone moves as letters are added.
 * - marks and tones may be typed after the rest of the word (tieengs, nguyeenx);
 * - a key repeated undoes itself and is typed (aaa -> aa, ass -> as, ddd -> dd);
 * - a key that cannot apply is typed as a letter (sss, hoaa);
 * - w or 7 on uo gives ươ (nguoiwf -> người), but uơ when the word ends there after
 *   h, kh, th or nothing (thuowr -> thuở); a letter after uơ or ưo makes it ươ;
 * - Telex w with nothing to hook types ư (tw -> tư, w -> ư), and ww gives w;
 * - huyền, hỏi and ngã cannot go before a final c, ch, k, p or t;
 * - keys apply only to a word that can be a Vietnamese syllable (an initial, a
 *   nucleus and a final from the lists below), so most other words type through.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "text.h"

#define WORD_MAX 16		/* letters; "nghiêng" has 7 */
#define WORD_BYTES (WORD_MAX * 3 + 8)	/* encoded word, an appended key and NUL */

enum mark { MARK_NONE, MARK_HAT, MARK_BREVE, MARK_HORN, MARK_BAR };

struct letter {
	char base;		/* 'a'..'z' */
	char mark;		/* enum mark; MARK_BAR only on d (đ) */
	char tone;		/* 0 none, 1 sắc, 2 huyền, 3 hỏi, 4 ngã, 5 nặng */
	char upper;
};

struct word {
	struct letter l[WORD_MAX];
	int n;
	int v0, v1;		/* vowel nucleus l[v0..v1), set by word_split() */
};

/* Every Vietnamese vowel with its tones: none, sắc, huyền, hỏi, ngã, nặng (VNI 0-5). */
static const struct vowel {
	char base;
	char mark;
	const char *tones[6];
} vowels[] = {
	{ 'a', MARK_NONE,  { "a", "á", "à", "ả", "ã", "ạ" } },
	{ 'a', MARK_BREVE, { "ă", "ắ", "ằ", "ẳ", "ẵ", "ặ" } },
	{ 'a', MARK_HAT,   { "â", "ấ", "ầ", "ẩ", "ẫ", "ậ" } },
	{ 'e', MARK_NONE,  { "e", "é", "è", "ẻ", "ẽ", "ẹ" } },
	{ 'e', MARK_HAT,   { "ê", "ế", "ề", "ể", "ễ", "ệ" } },
	{ 'i', MARK_NONE,  { "i", "í", "ì", "ỉ", "ĩ", "ị" } },
	{ 'o', MARK_NONE,  { "o", "ó", "ò", "ỏ", "õ", "ọ" } },
	{ 'o', MARK_HAT,   { "ô", "ố", "ồ", "ổ", "ỗ", "ộ" } },
	{ 'o', MARK_HORN,  { "ơ", "ớ", "ờ", "ở", "ỡ", "ợ" } },
	{ 'u', MARK_NONE,  { "u", "ú", "ù", "ủ", "ũ", "ụ" } },
	{ 'u', MARK_HORN,  { "ư", "ứ", "ừ", "ử", "ữ", "ự" } },
	{ 'y', MARK_NONE,  { "y", "ý", "ỳ", "ỷ", "ỹ", "ỵ" } },
};
#define NVOWELS (sizeof vowels / sizeof vowels[0])

static const char *const initials[] = {
	"", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n",
	"ng", "ngh", "nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x", NULL
};

/* k for the Central Highlands names (Đắk Lắk, Đắk Nông). */
static const char *const finals[] = {
	"", "c", "ch", "k", "m", "n", "ng", "nh", "p", "t", NULL
};
static const char *const stop_finals[] = { "c", "ch", "k", "p", "t", NULL };

/* The vowel nuclei of Vietnamese syllables (Unikey's complete sequences, and oo
 * of xoong).  A nucleus being typed may lack marks: "uo" will become uô or ươ. */
static const char *const nuclei[] = {
	"a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y",
	"ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iê", "iu",
	"oa", "oă", "oe", "oi", "ôi", "ơi", "oo", "ua", "uâ", "uê", "ui", "uô", "uơ",
	"uy", "ưa", "ưi", "ươ", "ưu", "yê",
	"iêu", "oai", "oay", "oeo", "uây", "uôi", "uya", "uyê", "uyu", "ươi", "ươu",
	"yêu", NULL
};

static int
is_vowel(const struct letter *l)
{
	return l->base != '\0' && l->mark != MARK_BAR && strchr("aeiouy", l->base) != NULL;
}

static const struct vowel *
vowel_of(const struct letter *l)
{
	size_t i;

	for (i = 0; i < NVOWELS; i++)
		if (vowels[i].base == l->base && vowels[i].mark == l->mark)
			return &vowels[i];
	return NULL;
}

static int
letter_decode(utf8proc_int32_t cp, struct letter *l)
{
	utf8proc_int32_t lower = utf8proc_tolower(cp);
	utf8proc_uint8_t buf[8];
	size_t i;
	int t;

	memset(l, 0, sizeof *l);
	l->upper = (lower != cp);
	if (cp < 0x80) {
		if (!isalpha(cp))
			return 0;
		l->base = (char)lower;
		return 1;
	}
	if (lower == 0x0111) {		/* đ */
		l->base = 'd';
		l->mark = MARK_BAR;
		return 1;
	}
	buf[utf8proc_encode_char(lower, buf)] = '\0';
	for (i = 0; i < NVOWELS; i++)
		for (t = 0; t < 6; t++)
			if (strcmp((const char *)buf, vowels[i].tones[t]) == 0) {
				l->base = vowels[i].base;
				l->mark = vowels[i].mark;
				l->tone = (char)t;
				return 1;
			}
	return 0;
}

/* Write l as UTF-8 to buf (at least 4 bytes); return its length. */
static size_t
letter_encode(const struct letter *l, utf8proc_uint8_t *buf)
{
	const struct vowel *v;
	utf8proc_int32_t cp = (unsigned char)l->base;

	if (l->mark == MARK_BAR)
		cp = 0x0111;
	else if (is_vowel(l) && (v = vowel_of(l)) != NULL)
		utf8proc_iterate((const utf8proc_uint8_t *)v->tones[(int)l->tone], -1, &cp);
	if (l->upper)
		cp = utf8proc_toupper(cp);
	return (size_t)utf8proc_encode_char(cp, buf);
}

/* Decode s into w; 0 if s holds anything but Vietnamese letters or is too long. */
static int
word_decode(const char *s, struct word *w)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_int32_t cp;
	utf8proc_ssize_t len;

	w->n = w->v0 = w->v1 = 0;
	for (; *p != '\0'; p += len) {
		if ((len = utf8proc_iterate(p, -1, &cp)) < 0 || w->n == WORD_MAX)
			return 0;
		if (!letter_decode(cp, &w->l[w->n++]))
			return 0;
	}
	return 1;
}

/* Encode w to out (outsz bytes), then key if it is not '\0'; 0 if it does not fit. */
static int
word_encode(const struct word *w, char key, char *out, size_t outsz)
{
	utf8proc_uint8_t buf[8];
	size_t len = 0, n;
	int i;

	for (i = 0; i < w->n; i++) {
		n = letter_encode(&w->l[i], buf);
		if (len + n >= outsz)
			return 0;
		memcpy(out + len, buf, n);
		len += n;
	}
	if (key != '\0') {
		if (len + 1 >= outsz)
			return 0;
		out[len++] = key;
	}
	out[len] = '\0';
	return 1;
}

/* Is l[a..b), lower case and without tones, one of list? */
static int
span_in(const struct word *w, int a, int b, const char *const *list)
{
	struct letter l;
	char s[WORD_BYTES];
	size_t len = 0;

	for (; a < b; a++) {
		l = w->l[a];
		l.upper = 0;
		l.tone = 0;
		len += letter_encode(&l, (utf8proc_uint8_t *)s + len);
	}
	s[len] = '\0';
	for (; *list != NULL; list++)
		if (strcmp(s, *list) == 0)
			return 1;
	return 0;
}

/* Is the nucleus one of nuclei[], perhaps with marks still to be typed? */
static int
nucleus_ok(const struct word *w)
{
	const struct letter *v = w->l + w->v0;
	struct word nu;
	int n = w->v1 - w->v0, i, j;

	if (n == 0)
		return 1;
	for (i = 0; nuclei[i] != NULL; i++) {
		if (!word_decode(nuclei[i], &nu) || nu.n != n)
			continue;
		for (j = 0; j < n; j++)
			if (v[j].base != nu.l[j].base ||
			    (v[j].mark != MARK_NONE && v[j].mark != nu.l[j].mark))
				break;
		if (j == n)
			return 1;
	}
	return 0;
}

/*
 * Find the nucleus: after the initial consonants, up to the final ones.  1 if the
 * word can be (the start of) a Vietnamese syllable, which is when keys apply.
 */
static int
word_split(struct word *w)
{
	const struct letter *l = w->l;
	int i = 0;

	while (i < w->n && !is_vowel(&l[i]))
		i++;
	w->v0 = i;
	while (i < w->n && is_vowel(&l[i]))
		i++;
	w->v1 = i;
	for (; i < w->n; i++)
		if (is_vowel(&l[i]))
			return 0;
	if (w->v0 == 1 && l[0].base == 'q' && w->v1 > 1 && l[1].base == 'u' &&
	    l[1].mark == MARK_NONE)
		w->v0 = 2;		/* qu-ốc */
	else if (w->v0 == 1 && l[0].base == 'g' && w->v1 - w->v0 >= 2 && l[1].base == 'i')
		w->v0 = 2;		/* gi-ữa, but g-ì */
	return span_in(w, 0, w->v0, initials) && span_in(w, w->v1, w->n, finals) &&
	    nucleus_ok(w);
}

static int
pair_is(const struct letter *v, const char *s)
{
	return v[0].base == s[0] && v[1].base == s[1];
}

/* Where the tone goes (modern style, see the top of the file); the word is split. */
static int
tone_position(const struct word *w)
{
	const struct letter *v = w->l + w->v0;
	int n = w->v1 - w->v0, i;

	for (i = n - 1; i >= 0; i--)
		if (v[i].mark != MARK_NONE)
			return w->v0 + i;
	if (n == 1)
		return w->v0;
	if (n == 3)
		return w->v0 + 1;
	if (w->v1 < w->n || pair_is(v, "oa") || pair_is(v, "oe") || pair_is(v, "uy"))
		return w->v0 + 1;
	return w->v0;
}

static int
word_tone(const struct word *w)
{
	int i, tone = 0;

	for (i = 0; i < w->n; i++)
		if (w->l[i].tone != 0)
			tone = w->l[i].tone;
	return tone;
}

/* Put tone (0: none) in its place; the word is split. */
static void
set_tone(struct word *w, int tone)
{
	int i;

	for (i = 0; i < w->n; i++)
		w->l[i].tone = 0;
	if (tone != 0 && w->v1 > w->v0)
		w->l[tone_position(w)].tone = (char)tone;
}

/* The index of u in a "uo" pair of the nucleus, or -1. */
static int
uo_pair(const struct word *w)
{
	int i;

	for (i = w->v0; i + 1 < w->v1; i++)
		if (w->l[i].base == 'u' && w->l[i + 1].base == 'o')
			return i;
	return -1;
}

/*
 * The key actions.  Each takes a split word and returns 0 if the key does not
 * apply (w unchanged), 1 if it changed w, 2 if it undid a change and the key
 * must be typed after w.
 */

static int
apply_tone(struct word *w, int tone)
{
	int cur = word_tone(w);

	if (w->v1 == w->v0 || (tone == 0 && cur == 0))
		return 0;
	if (tone == cur) {
		set_tone(w, 0);
		return 2;
	}
	if (tone >= 2 && tone <= 4 && span_in(w, w->v1, w->n, stop_finals))
		return 0;
	set_tone(w, tone);
	return 1;
}

/* Set mark on l if the nucleus stays possible. */
static int
try_mark(struct word *w, struct letter *l, int mark)
{
	char old = l->mark;

	l->mark = (char)mark;
	if (nucleus_ok(w))
		return 1;
	l->mark = old;
	return 0;
}

/* Hat on a, e or o (target; '\0' for any of them). */
static int
apply_hat(struct word *w, char target)
{
	struct letter *l;
	int i;

	for (i = w->v0; i < w->v1; i++) {
		l = &w->l[i];
		if (l->mark == MARK_HAT && (target == '\0' || l->base == target)) {
			l->mark = MARK_NONE;
			return 2;
		}
	}
	for (i = w->v1 - 1; i >= w->v0; i--) {
		l = &w->l[i];
		if ((target == '\0' ? strchr("aeo", l->base) != NULL : l->base == target) &&
		    try_mark(w, l, MARK_HAT))
			return 1;
	}
	return 0;
}

/* Initials after which a final "uo" takes only the horn on o: thuở, huơ, khuơ, uở. */
static const char *const uo_alone[] = { "", "h", "kh", "th", NULL };

/* w or 7 on a "uo" pair starting at i. */
static int
hook_uo(struct word *w, int i)
{
	struct letter *u = &w->l[i], *o = &w->l[i + 1];

	if (u->mark == MARK_HORN && o->mark == MARK_HORN) {
		u->mark = o->mark = MARK_NONE;
		return 2;
	}
	if (u->mark == MARK_NONE && o->mark != MARK_HORN && w->v1 - w->v0 == 2 &&
	    w->v1 == w->n && span_in(w, 0, w->v0, uo_alone))
		o->mark = MARK_HORN;	/* thuở, huơ */
	else
		u->mark = o->mark = MARK_HORN;
	return 1;
}

/*
 * Horn (VNI 7), breve (VNI 8) or either (Telex w).  Telex w undoing a lone ư
 * gives w back rather than uw: "ww" -> "w", as Unikey does.
 */
static int
apply_hook(struct word *w, int horn, int breve, int telex)
{
	struct letter *l;
	int i;

	if (horn && (i = uo_pair(w)) >= 0)
		return hook_uo(w, i);
	for (i = w->v1 - 1; i >= w->v0; i--) {
		l = &w->l[i];
		if ((horn && l->mark == MARK_HORN) || (breve && l->mark == MARK_BREVE)) {
			if (telex && l->base == 'u' && w->v1 - w->v0 == 1 && w->v1 == w->n)
				w->n--;
			else
				l->mark = MARK_NONE;
			return 2;
		}
	}
	for (i = w->v1 - 1; i >= w->v0; i--) {
		l = &w->l[i];
		if (breve && l->base == 'a' && try_mark(w, l, MARK_BREVE))
			return 1;
		if (horn && (l->base == 'o' || l->base == 'u') && try_mark(w, l, MARK_HORN))
			return 1;
	}
	return 0;
}

/* dd or 9 on an initial d. */
static int
apply_bar(struct word *w)
{
	struct letter *d = &w->l[0];

	if (w->n == 0 || d->base != 'd' || w->v0 != 1)
		return 0;
	if (d->mark == MARK_BAR) {
		d->mark = MARK_NONE;
		return 2;
	}
	d->mark = MARK_BAR;
	return 1;
}

/* Append nl; 1 if that also changed the rest of the word (ươ, the tone moved). */
static int
insert_letter(struct word *w, struct letter nl)
{
	struct word plain;
	struct letter *u;
	int i;

	if (w->n == WORD_MAX)
		return 0;
	w->l[w->n++] = nl;
	plain = *w;
	if (!word_split(w))
		return 0;
	if ((i = uo_pair(w)) >= 0 && (i + 2 < w->v1 || w->v1 < w->n)) {
		u = &w->l[i];
		if ((u[0].mark == MARK_HORN && u[1].mark == MARK_NONE) ||
		    (u[0].mark == MARK_NONE && u[1].mark == MARK_HORN))
			u[0].mark = u[1].mark = MARK_HORN;	/* trưo|n, thuơ|n */
	}
	set_tone(w, word_tone(w));
	return memcmp(w->l, plain.l, sizeof w->l[0] * (size_t)w->n) != 0;
}

/* Telex w with nothing to hook: ư, if the word can take it (tw -> tư, giw -> giư). */
static int
insert_uhorn(struct word *w, int upper)
{
	struct letter uh = { 'u', MARK_HORN, 0, (char)upper };

	if (w->n == WORD_MAX)
		return 0;
	w->l[w->n++] = uh;
	if (word_split(w))
		return 1;
	w->n--;
	return 0;
}

static const char telex_tones[] = "zsfrxj";	/* index = tone; z removes it */

int
text_im_key(enum text_im im, const char *word, char key, char *out, size_t outsz)
{
	struct word w, saved;
	struct letter typed = { 0 };
	int c = tolower((unsigned char)key), upper = isupper((unsigned char)key) != 0;
	int r = 0, split;
	const char *p;

	if ((im != TEXT_IM_TELEX && im != TEXT_IM_VNI) || out == NULL || outsz == 0 ||
	    key == '\0' || (unsigned char)key >= 0x80 ||
	    !word_decode(word != NULL ? word : "", &w))
		return 0;
	saved = w;
	split = word_split(&w);
	if (split && im == TEXT_IM_TELEX) {
		if ((p = strchr(telex_tones, c)) != NULL)
			r = apply_tone(&w, (int)(p - telex_tones));
		else if (c == 'a' || c == 'e' || c == 'o')
			r = apply_hat(&w, (char)c);
		else if (c == 'w')
			r = apply_hook(&w, 1, 1, 1);
		else if (c == 'd')
			r = apply_bar(&w);
	} else if (split && im == TEXT_IM_VNI && c >= '0' && c <= '9') {
		if (c <= '5')
			r = apply_tone(&w, c - '0');
		else if (c == '6')
			r = apply_hat(&w, '\0');
		else if (c == '7')
			r = apply_hook(&w, 1, 0, 0);
		else if (c == '8')
			r = apply_hook(&w, 0, 1, 0);
		else
			r = apply_bar(&w);
	}
	if (r == 0 && im == TEXT_IM_TELEX && c == 'w')
		r = insert_uhorn(&w, upper);
	if (r == 0) {
		/* Typed as it is; but a letter may still move the tone or make ươ. */
		w = saved;
		typed.base = (char)c;
		typed.upper = (char)upper;
		if (!isalpha((unsigned char)key) || !insert_letter(&w, typed))
			return 0;
	} else if (word_split(&w))
		set_tone(&w, word_tone(&w));	/* the nucleus may have changed */
	return word_encode(&w, r == 2 ? key : '\0', out, outsz);
}

static int
is_letter(utf8proc_int32_t cp)
{
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
		return 1;
	default:
		return 0;
	}
}

/* Where the word before s[len] starts (not looking back further than needed). */
static size_t
word_start(const char *s, size_t len)
{
	int32_t cp;
	size_t i = len, j;
	int n;

	for (n = 0; i > 0 && n <= WORD_MAX; n++) {
		j = text_prev(s, i);
		if (text_next(s + j, i - j, &cp) < 0 || !is_letter(cp))
			break;
		i = j;
	}
	return i;
}

/* Make room for need bytes in *buf; 0 if out of memory. */
static int
reserve(char **buf, size_t *cap, size_t need)
{
	char *p;
	size_t n = *cap;

	if (need <= n)
		return 1;
	while (n < need)
		n *= 2;
	if ((p = realloc(*buf, n)) == NULL)
		return 0;
	*buf = p;
	*cap = n;
	return 1;
}

char *
text_compose(enum text_im im, const char *keys)
{
	char *in, *buf, *res = NULL, word[WORD_BYTES];
	const char *k;
	size_t len = 0, cap, start, n;

	if ((in = text_nfc(keys)) == NULL)
		return NULL;
	if (im != TEXT_IM_TELEX && im != TEXT_IM_VNI)
		return in;
	cap = strlen(in) + sizeof word;
	if ((buf = malloc(cap)) == NULL)
		goto out;
	for (k = in; *k != '\0'; k++) {
		if (!reserve(&buf, &cap, len + sizeof word))
			goto out;
		if ((unsigned char)*k < 0x80) {
			buf[len] = '\0';
			start = word_start(buf, len);
			if (text_im_key(im, buf + start, *k, word, sizeof word)) {
				n = strlen(word);
				memcpy(buf + start, word, n);
				len = start + n;
				continue;
			}
		}
		buf[len++] = *k;	/* non-ASCII bytes are copied as they are */
	}
	buf[len] = '\0';
	res = text_nfc(buf);
out:
	free(buf);
	free(in);
	return res;
}
