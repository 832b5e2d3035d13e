/* field.h -- a one-line text field: UTF-8 editing and Telex/VNI typing.
 *
 * The editing keys are the shell's: Left/Right (^B/^F), Home/End (^A/^E), Backspace,
 * Delete (^D), ^K (to the end), ^U (to the start), ^W (the word before the cursor).
 * A printable ASCII key goes through text_im_key() with the word before the cursor,
 * so "Nguyeenx" becomes "Nguyễn" as it is typed; the composition rules live in
 * common/telex.c, never here.
 *
 * Which typing method a field uses: names, addresses and notes (FIELD_TEXT) follow
 * the user's method (Telex by default; Ctrl-T cycles it and it is remembered per
 * user); codes, ID numbers, phones, numbers and dates (FIELD_PLAIN) start off, and
 * Ctrl-T there changes that field alone; passwords (FIELD_SECRET) never compose and
 * show as stars.
 *
 * A field may take only some characters (field_accept: the digits of an ID number);
 * any other is refused whole, so that what is typed after a mistake is never taken
 * for part of the field.
 *
 * A field owns its fixed buffer: nothing to free.
 */
#ifndef MC_FIELD_H
#define MC_FIELD_H

#include <stddef.h>

#include "text.h"

struct console;

#define FIELD_MAX 512		/* bytes, with the NUL */

enum field_kind {
	FIELD_TEXT,		/* names, addresses, notes: the user's typing method */
	FIELD_PLAIN,		/* codes, IDs, phones, numbers, dates: off by default */
	FIELD_SECRET,		/* passwords: hidden, never composed */
};

struct field {
	char buf[FIELD_MAX];
	size_t len;		/* bytes in buf */
	size_t cur;		/* the cursor, a byte offset at a character boundary */
	size_t scroll;		/* the first byte shown */
	size_t max;		/* at most this many bytes (< FIELD_MAX) */
	enum field_kind kind;
	int im;			/* -1: the kind's default; else an enum text_im set by Ctrl-T */
	const char *accept;	/* the only characters taken (ASCII), or NULL for any */
};

#define FIELD_DIGITS "0123456789"
#define FIELD_PHONE "0123456789+ .-()"

/* What field_key() did with a key. */
enum field_took {
	FIELD_NOT_MINE = 0,	/* not an editing key: the screen's */
	FIELD_TOOK = 1,		/* applied */
	FIELD_REFUSED = 2,	/* a character this field does not take: nothing changed */
};

void field_init(struct field *f, enum field_kind kind, size_t max);
/* Take only the ASCII characters of chars from now on (a string that outlives f:
 * FIELD_DIGITS, FIELD_PHONE); NULL takes any. */
void field_accept(struct field *f, const char *chars);
/* What f takes, when it refused a key: "only digits here" (translated). */
const char *field_refusal(const struct field *f);
/* Replace the text (cut at max bytes, at a character boundary); cursor at the end. */
void field_set(struct field *f, const char *s);
const char *field_text(const struct field *f);
/* 1 when the field holds nothing but spaces. */
int field_empty(const struct field *f);

/* Where the character after byte at of f starts (f->len at the end). */
size_t field_next(const struct field *f, size_t at);

/* The typing method in force in f when the user's is user_im. */
enum text_im field_im(const struct field *f, enum text_im user_im);

/* Apply an editing or typing key (a console key: a code point or CK(KEY_...)):
 * an enum field_took, true when the key was the field's (Tab, Enter, Esc, Up and
 * Down never are). */
int field_key(struct field *f, int key, enum text_im user_im);

/* Draw f in w columns at (y, x); focused fields place the terminal cursor and
 * become the console's focus (Ctrl-T acts on them).  (field-draw.c) */
void field_draw(struct field *f, struct console *con, int y, int x, int w, int focused);

#endif
