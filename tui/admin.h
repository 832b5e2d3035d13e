/* admin.h -- what the administration screens share (tui/screen-admin*.c): the
 * administrator check, how their lists move (grid.h), importing a CSV file
 * through a form, and telling the console that its settings changed.
 *
 * screen-admin.c is the administration menu (screen_admin_ops, console.h); behind it
 * are the users, the catalogue's values to verify, the holidays and the office
 * settings, one file each.
 */
#ifndef MC_ADMIN_H
#define MC_ADMIN_H

#include "console.h"
#include "field.h"
#include "grid.h"

extern const struct screen_ops screen_admin_users_ops;
extern const struct screen_ops screen_admin_holidays_ops;
extern const struct screen_ops screen_admin_settings_ops;	/* arg: a setting's key to select, or NULL */
extern const struct screen_ops screen_admin_catalog_ops;	/* what is to verify, confirmed */

/* 1 when the logged-in user is an administrator; else 0, and the message line says
 * that only an administrator can do it. */
int admin_allowed(struct console *con);

/* The lists of the administration screens (struct grid, grid.h): a selected row, a
 * page of the rows shown but one, the rows shown following the selection. */
#define ADMIN_LIST { .select = 1, .overlap = 1, .follow = 1 }

/* Room for one more element after the n in p (cap of them; size bytes each): p itself
 * or a bigger copy (the old one freed).  Never fails (xcalloc). */
void *admin_grow(void *p, int n, int *cap, size_t size);

/* Importing a CSV file (the catalogue, holidays): a form asks for the file, run()
 * imports it all or nothing, and result keeps what happened, in words, to show. */
struct admin_import {
	const char *title;	/* N_(): the form's title */
	const char *label;	/* N_(): the file field's label; NULL: "CSV file" */
	const char *done;	/* N_(): "%d ... imported from %s." */
	int (*run)(struct store *st, const char *path, const char *actor, int *count,
	    struct mc_error *err);
	void (*after)(struct console *con);	/* after a good import, or NULL */
	char path[FIELD_MAX];	/* the file asked for last: the form starts with it */
	char result[1200];	/* what the last import said; "" before the first */
	int failed;		/* it was refused */
	int count;		/* what it imported */
};

/* Open the form asking for im's file; im must outlive the form (a screen's state). */
void admin_import_ask(struct console *con, struct admin_import *im);
/* Draw im's result (nothing before the first import); returns the rows used. */
int admin_import_draw(struct console *con, const struct admin_import *im, int y, int h, int w);

/* Read again what the console keeps of the settings (language, office name), the
 * calendar (due dates), the catalogue and the users' names, after an administrator
 * changed them. */
void admin_console_refresh(struct console *con);

#endif
