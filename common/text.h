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
 */
#ifndef MC_TEXT_H
#define MC_TEXT_H

#include <stddef.h>

#include "error.h"

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
