/* menu.h -- a menu on a console screen, driven by the screen's key table as form.h
 * drives a form: the first n keys of the table are the menu's lines, in order, each
 * drawn as its key name and its help, and chosen with its letter (the console runs
 * the table's run()), or with Up, Down (j, k) and Enter (menu_key runs it).
 *
 *	static const struct screen_key keys[] = {
 *		{ .key = 'b', .keyname = "b", .help = N_("Tracking book"), .run = pick, .arg = 0 },
 *		...
 *		{ .key = CK(KEY_UP), .keyname = "Up, Down, Enter", .help = N_("choose") },
 *		{ .key = 0 },
 *	};
 *	static const struct menu_spec spec = { .items = keys, .nitems = 5, .keyw = 6 };
 *
 * The screen keeps a struct menu in its state and calls menu_key() from its key()
 * and menu_draw() from its draw(); a run() sets menu.sel to its line.
 */
#ifndef MC_MENU_H
#define MC_MENU_H

#include "console.h"

struct menu_spec {
	const struct screen_key *items;	/* the lines: the first nitems keys */
	int nitems;
	int keyw;			/* columns for the key name */
};

struct menu {
	const struct menu_spec *spec;
	int sel;			/* the selected line */
	const char *const *state;	/* a word on each line's state (dim, right of it), or NULL */
	int gap;			/* a blank line before line gap (0: none) */
	int barw;			/* columns the selected line's bar takes right of its
					 * help, for what the screen draws there (counts) */
};

/* The widest help of the lines, in terminal columns. */
int menu_width(const struct console *con, const struct menu *m);
/* Draw the lines from row y, column x, in at most h rows of w columns (to the right
 * edge), the helps lw wide (menu_width, or less); a line's state goes right of its
 * help when it fits whole.  Returns the rows used. */
int menu_draw(struct console *con, const struct menu *m, int y, int x, int h, int w, int lw);
/* The row of line i, from the first line's (the gap counted). */
int menu_row(const struct menu *m, int i);
/* Up, Down, j, k move the selection round; Enter runs the selected line: CON_KEY_DONE;
 * any other key: CON_KEY_PASS. */
int menu_key(struct screen *s, struct menu *m, int key);

#endif
