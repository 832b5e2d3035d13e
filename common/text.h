/* text.h -- Vietnamese text: UTF-8 checks, NFC, folding, and Telex/VNI typing.
 *
 * Folding is what search compares: NFC, lower case, diacritics removed, đ -> d,
 * runs of white space made one space, ends trimmed ("  Nguyễn  Văn Ân" -> "nguyen van an").
 * Unaccenting keeps case and spacing but removes diacritics (Đ -> D): SMS in GSM-7
 * and terminals that cannot show Vietnamese.
 *
 * Telex and VNI: a pure function from keystrokes to text, so every text field and the
 * tests share one composer.  text_im_key() applies one ASCII key to the word before
 * the cursor (the rules of Unikey's "modern" style: tone on the main vowel, "oa",
 * "oe", "uy" as in "hoà"... see telex.c); text_compose() runs a whole key string.
 *
 * Every function returning char * returns a new string the caller frees, or NULL on
 * invalid UTF-8 or out of memory.
 *
 * Below that, the pieces every module walks text with (no other file decodes UTF-8 by
 * hand): text_next() one character at a time (text_prev() back, text_chars() to count
 * them), text_cut()/text_copy() to shorten
 * without splitting a character, text_put() to encode one, and struct text_buf, the
 * one growing string.
 */
#ifndef MC_TEXT_H
#define MC_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

/*
 * UTF-8, one character at a time, read as utf8proc reads it (RFC 3629: no overlong
 * form, no surrogate, nothing past U+10FFFF).
 */

/* The character at s, which has n bytes left (a NUL ends s as well; n may be
 * SIZE_MAX for a NUL-terminated s): its length in bytes (1 to 4) and *cp its code
 * point; 0 at the end; -1 when no well-formed character starts at s (*cp = U+FFFD; a
 * caller that goes on steps over that one byte). */
int text_next(const char *s, size_t n, int32_t *cp);
/* The characters in the first n bytes of s (to its NUL when sooner; SIZE_MAX: all of
 * it); a byte that starts no character counts as one. */
size_t text_chars(const char *s, size_t n);
/* Where the character before byte at of s starts (0 when at is 0). */
size_t text_prev(const char *s, size_t at);
/* How many bytes of s to keep to have at most n without cutting a character:
 * strlen(s) when that is not more than n, else n or up to 3 less (back to where the
 * character at s[n] starts). */
size_t text_cut(const char *s, size_t n);
/* s into dst (size > 0 bytes, NUL included), cut by text_cut(); the bytes copied. */
size_t text_copy(char *dst, size_t size, const char *s);
/* A string another function cut at a byte count (snprintf): the character at its end
 * removed when it is not whole (or not well-formed). */
void text_cut_end(char *s);
/* Code point cp in UTF-8 into out: its length, 0 (nothing written) for a surrogate or
 * a value past U+10FFFF. */
size_t text_put(int32_t cp, char out[4]);

/*
 * A growing string (or bytes: text_buf_addn() takes any).  struct text_buf b = { 0 };
 * text_buf_add(&b, ...) as often as needed (nothing to check in between: once memory
 * runs out, the adds do nothing and oom is set); then text_buf_take(&b) (or
 * text_buf_free(&b) to drop it).  s is NUL-terminated once something was added (NULL
 * before); n is its length.  The room doubles as it grows.
 */
struct text_buf {
	char *s;		/* owned */
	size_t n, cap;
	int oom;		/* memory ran out: s is no longer added to, and incomplete */
};

void text_buf_addn(struct text_buf *b, const char *s, size_t n);
void text_buf_add(struct text_buf *b, const char *s);
/* Room for n bytes at once (pages are touched only when written). */
void text_buf_reserve(struct text_buf *b, size_t n);
/* The string, now the caller's to free ("" when nothing was added); NULL when memory
 * ran out (b's memory freed either way). */
char *text_buf_take(struct text_buf *b);
void text_buf_free(struct text_buf *b);

/* 1 if s[0..n) is valid UTF-8 without NUL and without C0 controls but TAB/LF/CR. */
int text_valid(const char *s, size_t n);

/*
 * What may be stored: every writer of text to the store (dossier fields, events'
 * texts, names, holidays, the catalogue, settings, users) checks it with this one
 * rule.  Valid UTF-8 with no control character at all (Unicode category Cc: the C0
 * controls, DEL and the C1 controls U+0080..U+009F, which a terminal may obey as
 * commands), but a line feed where TEXT_LINES allows several lines (notes,
 * reasons).  text_check() says what is wrong in err, naming the field by label.
 */
enum text_kind {
	TEXT_LINE = 0,		/* one line: names, addresses, codes */
	TEXT_LINES = 1,		/* line feeds allowed: notes, reasons, lists */
};
int text_storable(const char *s, enum text_kind kind);
int text_check(const char *s, enum text_kind kind, const char *label, struct mc_error *err);

/* A copy of s safe to print on a terminal: each control character (Cc) becomes '?',
 * but a tab, line feed or carriage return a space; each byte that is not part of a
 * valid UTF-8 character becomes '?'.  Everything else is kept as it is. */
char *text_printable(const char *s);

char *text_nfc(const char *s);
char *text_fold(const char *s);
char *text_unaccent(const char *s);
/* Capitals, NFC ("Ủy ban nhân dân xã" -> "ỦY BAN NHÂN DÂN XÃ"): forms' headings. */
char *text_upper(const char *s);

/* Display width in terminal columns (utf8proc_charwidth); -1 on invalid UTF-8. */
int text_width(const char *s);

enum text_im {
	TEXT_IM_OFF,
	TEXT_IM_TELEX,
	TEXT_IM_VNI,
};

/* Name of a mode ("telex", "vni", "off") and back (-1 if unknown). */
const char *text_im_name(enum text_im im);
int text_im_parse(const char *name);

/*
 * Apply key (one ASCII character) typed after word (the UTF-8 letters before the
 * cursor back to the previous non-letter; may be "").  Returns 1 and writes the new
 * word to out (NUL-terminated, at most outsz bytes) when the key was taken as a
 * modifier (tone, hat, breve, horn, đ, or an undo such as "aaa" -> "aa"), or when
 * typing it also changed the word (the tone moving: "hó" + 'a' -> "hoá"); out
 * then replaces word.  Returns 0 when the key is to be inserted as typed (also
 * when the new word would not fit in outsz; 64 bytes is always enough).
 */
int text_im_key(enum text_im im, const char *word, char key, char *out, size_t outsz);

/* Compose a whole key string: text_compose(TEXT_IM_TELEX, "Nguyeenx Vawn Aan")
 * == "Nguyễn Văn Ân".  The result is NFC. */
char *text_compose(enum text_im im, const char *keys);

#endif
