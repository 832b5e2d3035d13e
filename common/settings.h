/* settings.h -- the office settings an administrator may change, in one table: the
 * key, what it is called, what a value looks like, the value in force when it is
 * unset, and the check that refuses a bad value before it reaches the store.
 *
 *	office.name	the office's name (also its row in the office table)
 *	office.place	the place on the forms' date line ("Tân Lập, ngày ..."; "": dots)
 *	office.address	where it is (SMS notices name it)
 *	language	vi | en: the messages of every program
 *	week		working weekdays, "1,2,3,4,5" or "1-5" (1 = Monday)
 *	hours		office hours, "07:00-11:30,13:30-17:00"
 *	sameday.cutoff	same-day procedures received after it are due the next day
 *	sms.quiet	"21:00-07:00": no SMS but replies inside; "off": none
 *	sms.accents	no | yes: notices in accented Vietnamese (UCS-2, 70 characters
 *			a part) or without accents (GSM-7, 160)
 *	printer		the CUPS queue forms and test pages go to ("": none chosen)
 *	paper.format	pdf (A4, Nghị định 30/2020) | text (80 columns): issued forms
 *	paper.plain	1: text forms without accents (old printers); 0: with them
 *	paper.set	2018 | 2025: the set of form templates (paper.h, doc/forms.md)
 *	paper.templates	the folder of the sets of templates ("": the installed ones)
 *	paper.dir	the folder where the console saves issued forms ("": "forms"
 *			beside the database)
 *	login.lock_after  failed logins in a row that lock an account until an
 *			administrator unlocks it (default 10, AUTH_LOCK_AFTER; 0: never)
 *
 * The readers of these keys live elsewhere (calendar, smsq, notice, the front ends):
 * this table only says which values they accept, so that a bad one is refused with
 * a reason instead of being silently replaced by a default.
 */
#ifndef MC_SETTINGS_H
#define MC_SETTINGS_H

#include <stddef.h>

#include "error.h"

struct store;

#define SETTING_VALUE_MAX 512	/* bytes of a value, with the NUL */

/* One allowed value of a setting with a fixed set of values. */
struct setting_choice {
	const char *value;	/* as stored: "vi" */
	const char *label;	/* N_(): how it is shown, "Vietnamese" */
	const char *also;	/* other spellings accepted, '|'-separated and folded */
};

struct setting_def {
	const char *key;
	const char *label;	/* N_(): "SMS quiet hours" */
	const char *hint;	/* N_(): what a value looks like */
	const char *dflt;	/* the value in force when unset */
	int text;		/* 1: free text typed with Telex (names); 0: codes, times */
	const struct setting_choice *choices;	/* NULL, or ending with { NULL } */
	/* Check value (trimmed) and write its stored form into out (SETTING_VALUE_MAX
	 * bytes): MC_OK, or MC_EINVAL saying what is wrong.  NULL for choices. */
	int (*check)(const char *value, char *out, struct mc_error *err);
	/* Also write the value elsewhere, inside settings_set's transaction, or NULL. */
	int (*also)(struct store *st, const char *value, struct mc_error *err);
	/* How a value is shown to a person, into buf (n bytes), or NULL: as it is. */
	const char *(*show)(const char *value, char *buf, size_t n);
};

/* The table, ending with { .key = NULL }, in the order an administrator reads it. */
extern const struct setting_def settings_table[];

/* The entry for key, or NULL. */
const struct setting_def *settings_find(const char *key);

/* The value in force (stored, else the default): a new string the caller frees;
 * NULL only when out of memory. */
char *settings_get(struct store *st, const struct setting_def *d);

/* How value is shown to a person: the choice's label (translated), the working days
 * by their names ("Thứ 2, Thứ 3, ..."), or value itself; owned by the table, by buf
 * (n bytes) or by value. */
#define SETTING_SHOW_BUF 256
const char *settings_show(const struct setting_def *d, const char *value, char *buf, size_t n);

/* Check value for key; its stored form goes to out (SETTING_VALUE_MAX bytes).
 * MC_EINVAL with the reason for a bad value or an unknown key. */
int settings_check(const char *key, const char *value, char out[SETTING_VALUE_MAX],
    struct mc_error *err);

/* Check value, store it and write an audit row (action "setting", detail
 * "key=value"), in one transaction of its own: call it outside one.  Storing the
 * value already in force writes nothing.  out (may be NULL) gets the stored form. */
int settings_set(struct store *st, const char *key, const char *value, const char *actor,
    char out[SETTING_VALUE_MAX], struct mc_error *err);

#endif
