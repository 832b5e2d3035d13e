/* field.c -- the one-line text field of every form: editing keys, UTF-8 cursor,
 * Telex/VNI typing through text_im_key(); see field.h.  Drawing a field on the
 * console is field-draw.c's (the console reads a field's typing method, so this file
 * calls nothing of the console's). */
#include "config.h"

#include <ncurses.h>
#include <string.h>

#include "console.h"
#include "field.h"
#include "i18n.h"

static size_t
prev_char(const struct field *f, size_t at)
{
	return text_prev(f->buf, at);
}

size_t
field_next(const struct field *f, size_t at)
{
	int32_t cp;
	int k;

	if (at >= f->len)
		return f->len;
	k = text_next(f->buf + at, f->len - at, &cp);
	return at + (k > 0 ? (size_t)k : 1);
}

/* A letter for Telex/VNI: an ASCII letter or any non-ASCII character. */
static int
is_letter_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

static int
is_space_byte(unsigned char c)
{
	return c == ' ';
}

void
field_init(struct field *f, enum field_kind kind, size_t max)
{
	memset(f, 0, sizeof *f);
	f->kind = kind;
	f->max = max == 0 || max >= FIELD_MAX ? FIELD_MAX - 1 : max;
	f->im = -1;
}

void
field_accept(struct field *f, const char *chars)
{
	f->accept = chars;
}

const char *
field_refusal(const struct field *f)
{
	if (f->accept != NULL && strspn(f->accept, FIELD_DIGITS) == strlen(f->accept))
		return _("only digits here");
	return _("only digits, spaces and + . - ( ) here");
}

void
field_set(struct field *f, const char *s)
{
	size_t n = strlen(s);

	if (n > f->max)
		n = text_cut(s, f->max);
	memcpy(f->buf, s, n);
	f->buf[n] = '\0';
	f->len = f->cur = n;
	f->scroll = 0;
}

const char *
field_text(const struct field *f)
{
	return f->buf;
}

int
field_empty(const struct field *f)
{
	size_t i;

	for (i = 0; i < f->len; i++)
		if (!is_space_byte((unsigned char)f->buf[i]))
			return 0;
	return 1;
}

enum text_im
field_im(const struct field *f, enum text_im user_im)
{
	if (f->kind == FIELD_SECRET)
		return TEXT_IM_OFF;
	if (f->im >= 0)
		return (enum text_im)f->im;
	return f->kind == FIELD_TEXT ? user_im : TEXT_IM_OFF;
}

/* Replace bytes [from, to) with s[0..n); 0 ok, -1 no room. */
static int
splice(struct field *f, size_t from, size_t to, const char *s, size_t n)
{
	if (f->len - (to - from) + n > f->max)
		return -1;
	memmove(f->buf + from + n, f->buf + to, f->len - to);
	memcpy(f->buf + from, s, n);
	f->len = f->len - (to - from) + n;
	f->buf[f->len] = '\0';
	f->cur = from + n;
	return 0;
}

/* Type one ASCII character through the typing method. */
static void
type_ascii(struct field *f, char key, enum text_im im)
{
	char word[FIELD_MAX], out[FIELD_MAX];
	size_t start = f->cur;

	if (im != TEXT_IM_OFF) {
		while (start > 0 && is_letter_byte((unsigned char)f->buf[start - 1]))
			start--;
		memcpy(word, f->buf + start, f->cur - start);
		word[f->cur - start] = '\0';
		if (text_im_key(im, word, key, out, sizeof out) == 1) {
			splice(f, start, f->cur, out, strlen(out));
			return;
		}
	}
	splice(f, f->cur, f->cur, &key, 1);
}

int
field_key(struct field *f, int key, enum text_im user_im)
{
	char enc[4];
	size_t n, at;

	switch (key) {
	case CK(KEY_LEFT):
	case CON_CTRL('b'):
		f->cur = prev_char(f, f->cur);
		return 1;
	case CK(KEY_RIGHT):
	case CON_CTRL('f'):
		f->cur = field_next(f, f->cur);
		return 1;
	case CK(KEY_HOME):
	case CON_CTRL('a'):
		f->cur = 0;
		return 1;
	case CK(KEY_END):
	case CON_CTRL('e'):
		f->cur = f->len;
		return 1;
	case CK(KEY_BACKSPACE):
	case 0x7f:
	case CON_CTRL('h'):
		if (f->cur > 0)
			splice(f, prev_char(f, f->cur), f->cur, "", 0);
		return 1;
	case CK(KEY_DC):
	case CON_CTRL('d'):
		if (f->cur < f->len) {
			at = f->cur;
			splice(f, at, field_next(f, at), "", 0);
			f->cur = at;
		}
		return 1;
	case CON_CTRL('k'):
		f->len = f->cur;
		f->buf[f->len] = '\0';
		return 1;
	case CON_CTRL('u'):
		splice(f, 0, f->cur, "", 0);
		return 1;
	case CON_CTRL('w'):
		at = f->cur;
		while (at > 0 && is_space_byte((unsigned char)f->buf[at - 1]))
			at--;
		while (at > 0 && !is_space_byte((unsigned char)f->buf[at - 1]))
			at--;
		splice(f, at, f->cur, "", 0);
		return 1;
	default:
		break;
	}
	if (f->accept != NULL && key >= 0x20 && key < 0x110000 && key != 0x7f &&
	    (key >= 0x7f || strchr(f->accept, key) == NULL))
		return FIELD_REFUSED;
	if (key >= 0x20 && key < 0x7f) {
		type_ascii(f, (char)key, field_im(f, user_im));
		return 1;
	}
	if (key >= 0xa0 && key < 0x110000) {
		if ((n = text_put((int32_t)key, enc)) > 0 && text_valid(enc, n))
			splice(f, f->cur, f->cur, enc, n);
		return 1;
	}
	return 0;
}
