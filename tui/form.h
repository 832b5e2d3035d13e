/* form.h -- a small modal form over the current screen: a few labelled fields, or
 * none (a question to confirm), submitted with Enter on the last one.
 *
 *	static const struct form_spec spec = {
 *		.title = N_("Request a supplement"),
 *		.items = { { N_("Documents to add"), FIELD_TEXT, 1 },
 *			   { N_("Reason"), FIELD_TEXT, 1 } },
 *		.nitems = 2, .submit = supplement_submit,
 *	};
 *	form_open(con, &spec, ctx, NULL);
 *
 * The form copies the spec; ctx is borrowed and must outlive the form (it is
 * usually the state of the screen under it).  submit() returns FORM_CLOSE or
 * FORM_STAY; it says what went wrong with console_message().
 *
 * Labels go left of their fields, or above them when one is too long for a third of
 * the box; the prompt wraps.  Esc closes a form whose fields are as they were opened;
 * once something was typed it asks first (Esc again), and Ctrl-C asks before quitting.
 */
#ifndef MC_FORM_H
#define MC_FORM_H

#include "field.h"

struct console;

#define FORM_MAX_ITEMS 6

enum form_result {
	FORM_CLOSE,		/* done (or hopeless): close the form */
	FORM_STAY,		/* let the user correct and try again */
};

struct form_item {
	const char *label;	/* N_() */
	enum field_kind kind;
	int required;		/* Enter on the last field refuses an empty one */
	size_t max;		/* bytes; 0 = FIELD_MAX - 1 */
	const char *accept;	/* the only characters taken (field_accept), or NULL */
};

struct form_spec {
	const char *title;	/* N_() */
	const char *prompt;	/* N_() or NULL: a line above the fields */
	struct form_item items[FORM_MAX_ITEMS];
	int nitems;
	/* values[i] is the text of items[i] (NUL-terminated, valid during the call). */
	enum form_result (*submit)(struct console *con, void *ctx, const char *const *values);
};

/* Push the form; initial (may be NULL, or have NULL entries) pre-fills the fields. */
int form_open(struct console *con, const struct form_spec *spec, void *ctx,
    const char *const *initial);

#endif
