/* console.h -- the ncurses console: a stack of screens behind one ops table.
 *
 * What a counter official sees all day.  Each screen lives in its own screen-*.c file
 * and ends by filling a struct screen_ops (tig's view_ops, tmux's window_mode); the
 * console keeps a stack of open screens (Enter pushes, q or Esc pops), draws the title
 * bar, the message line and the status bar (user, office, typing method, clock), and
 * routes keys:
 *
 *	1. F1, Ctrl-T, Ctrl-L and a resize are the console's, always;
 *	2. the top screen's key() sees the key first (a text field takes letters);
 *	3. then the screen's key table (the same table help lists);
 *	4. then the global keys: ? help, q/Esc back, / search, n or F2 new dossier.
 *
 * Keys are ints: a character is its Unicode code point; a curses key code (KEY_F(1),
 * KEY_UP, ...) is CK(code), so the two never collide (KEY_DOWN is 0402, "ă" 0x103).
 *
 * The console reads the store and writes it only through libmotcua (dossier_append,
 * dossier_intake, auth_*); it never waits on the modem or the network.  All text goes
 * through console_put(), which clips to a width in terminal columns and, in a locale
 * that is not UTF-8, prints unaccented text (text_unaccent) instead of garbage.
 * Allocation failure inside the console is fatal (xmalloc and friends), as in tmux.
 */
#ifndef MC_CONSOLE_H
#define MC_CONSOLE_H

#include <stddef.h>
#include <time.h>

#include "auth.h"
#include "calendar.h"
#include "code.h"
#include "mctime.h"
#include "text.h"

struct cmd_ctx;
struct store;
struct screen;
struct field;

#define CK(code) (0x110000 + (code))	/* a curses key code as a console key */
#define CON_CTRL(c) ((c) & 0x1f)
#define CON_ESC 0x1b

enum con_key_result {
	CON_KEY_PASS = 0,	/* not mine: try the key table, then the global keys */
	CON_KEY_DONE = 1,	/* taken */
};

/* One key of a screen, for dispatch and for help. */
struct screen_key {
	int key;		/* a character, CON_CTRL('x') or CK(KEY_...) */
	int alt;		/* another key doing the same (the F-key of a letter), or 0 */
	const char *keyname;	/* as help shows it: "n, F2" */
	const char *help;	/* N_(): what it does */
	/* Run it; NULL when the screen's key() handles it (listed for help only). */
	void (*run)(struct screen *s, const struct screen_key *k);
	int arg;		/* for run: which action, which filter... */
};

/* A screen: one file each, filled with designated initializers. */
struct screen_ops {
	const char *name;		/* "login", "home"...: for logs and tests */
	const char *title;		/* N_(): the title bar */
	int overlay;			/* 1: drawn over the screen below (forms, help) */
	/* Make the screen's state in s->data from arg (as given to console_push);
	 * 0 ok, -1 refused (a message says why; the screen is not pushed). */
	int (*open)(struct screen *s, void *arg);
	/* Draw the body: rows y .. y+h-1, columns 0 .. w-1. */
	void (*draw)(struct screen *s, int y, int h, int w);
	/* A key, before the key table: CON_KEY_DONE or CON_KEY_PASS. */
	int (*key)(struct screen *s, int key);
	/* The terminal changed size (optional: draw() always gets the new size). */
	void (*resize)(struct screen *s);
	/* Read the store again: Ctrl-L, and when the screen is back on top (optional). */
	void (*reload)(struct screen *s);
	/* Free s->data. */
	void (*close)(struct screen *s);
	/* The keys of this screen, ending with { 0 }; help lists them. */
	const struct screen_key *help;
};

struct screen {
	const struct screen_ops *ops;
	struct console *con;
	void *data;			/* the screen's own state */
};

enum con_style {
	STYLE_NORMAL,
	STYLE_TITLE,		/* title and status bars */
	STYLE_HEADER,		/* column headings, section titles */
	STYLE_LABEL,		/* form labels */
	STYLE_FIELD,		/* a text field */
	STYLE_FOCUS,		/* the field or item that has the focus */
	STYLE_SELECTED,		/* the selected row of a list */
	STYLE_OVERDUE,		/* a dossier past its due date */
	STYLE_ERROR,		/* refusals and errors in the message line */
	STYLE_INFO,		/* done, saved */
	STYLE_DIM,		/* hints */
	STYLE_BIG,		/* the big code after an intake */
	STYLE_COUNT
};

#define CON_STACK_MAX 12
#define CON_MSG_MAX 512

/* The procedure names of the catalogue, loaded once (list columns). */
struct con_proc {
	char code[48];
	char *name;
};

struct console {
	struct cmd_ctx *cmd;		/* db path, --user */
	struct store *st;
	char office_code[64];
	char *office_name;		/* owned */
	struct calendar cal;		/* the office's calendar (due dates) */
	struct con_proc *procs;		/* sorted by code; owned */
	size_t nprocs;

	int logged_in;
	struct user user;
	char actor[96];			/* who acts: the login */
	enum text_im im;		/* the user's typing method for text fields */

	int utf8;			/* the locale speaks UTF-8 */
	int colour;			/* colours in use (terminal has them, NO_COLOR unset) */
	int style[STYLE_COUNT];		/* curses attributes per style */

	struct screen *stack[CON_STACK_MAX];
	int depth;

	char msg[CON_MSG_MAX];		/* the message line, until the next key */
	enum con_style msg_style;

	/* Drawing comes in two passes after keys: the first shows what was typed at
	 * once; a screen whose data must be read again (a search) draws what it has,
	 * sets again, and reads in the second pass, when slow_ok is set. */
	int slow_ok, again;

	/* Set while drawing by the focused text field (field_draw): where the terminal
	 * cursor goes and which field Ctrl-T acts on. */
	struct field *focus;
	int cur_y, cur_x;

	int quit;
};

/* Run the console on c->db_path (the login screen first, --user pre-filled); returns
 * the exit status of main(). */
int console_run(struct cmd_ctx *c);

/* Open a screen on top (arg goes to its open()); 0 ok, -1 refused or stack full. */
int console_push(struct console *con, const struct screen_ops *ops, void *arg);
/* Close the top screen; the one below is reloaded. */
void console_pop(struct console *con);
/* Close the top screen and open another in its place. */
int console_replace(struct console *con, const struct screen_ops *ops, void *arg);
/* Log the user out: every screen closes (nothing of their work stays on the
 * terminal) and the login screen opens for the next user.  The caller's screen is
 * freed: touch nothing of it afterwards. */
void console_logout(struct console *con);

/* Show a printf-style message in the message line until the next key. */
void console_message(struct console *con, enum con_style style, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Draw s at (y, x) in at most w columns (w < 0: to the right edge) with style;
 * returns the columns used.  Unaccented when the locale cannot show Vietnamese. */
int console_put(struct console *con, int y, int x, int w, enum con_style style, const char *s);
/* Like console_put, then fill with spaces up to w columns. */
void console_putpad(struct console *con, int y, int x, int w, enum con_style style, const char *s);
/* Fill w columns with spaces. */
void console_fill(struct console *con, int y, int x, int w, enum con_style style);
/* Draw a box (border and cleared inside) with a title on its top edge. */
void console_box(struct console *con, int y, int x, int h, int w, const char *title);

/* Width of s in terminal columns as console_put would draw it. */
int console_width(const struct console *con, const char *s);
/* Byte length of the longest prefix of s fitting in w columns. */
size_t console_fit(const struct console *con, const char *s, int w);

/* Read the catalogue's names again (after an import); MC_OK or the store's error. */
int console_load_catalog(struct console *con, struct mc_error *err);
/* The procedure's name from the catalogue, or "" (owned by con). */
const char *console_procedure_name(const struct console *con, const char *code);

/* Time as "HH:MM DD/MM/YYYY" (or "" for MC_TIME_NONE). */
void console_time(mc_minute t, char buf[MC_TIME_BUF]);

/* Issue form (enum paper_form, paper.h) for the dossier code: saved, and printed when
 * the office has a printer; the message line gets what it said before, then what was
 * done with the form (where it was saved, in a line that fits) or why it failed.
 * Without a printer it is shown on screen instead (screen_paper_ops), at once or, from
 * inside a form's submit (the form closes the top screen), when *later is not NULL:
 * *later gets the form and the caller pushes the preview once the form has closed.
 * Returns the mc code. */
int console_issue_form(struct console *con, const char *code, int form, int *later);

/* What screen_paper_ops shows: form for each of the codes (an intake's). */
#define CON_PREVIEW_MAX 8
struct con_preview {
	const char *codes[CON_PREVIEW_MAX];
	int ncodes, form;
};

/* path as short as it must be to fit width columns: whole, from the database's
 * folder ("forms/..."), or "…/" and the file's name. */
void console_short_path(const struct console *con, const char *path, int width, char *out,
    size_t n);

/* Allocation that never fails (the console exits on out of memory). */
void *xcalloc(size_t n, size_t size);
char *xstrdup(const char *s);

/* The keys every screen shares (help lists them after the screen's own). */
extern const struct screen_key console_keys[];

/* The screens. */
extern const struct screen_ops screen_login_ops;	/* arg: const char *login or NULL */
extern const struct screen_ops screen_home_ops;
extern const struct screen_ops screen_search_ops;	/* arg: const struct filter_spec * or NULL */
extern const struct screen_ops screen_dossier_ops;	/* arg: const char *code */
extern const struct screen_ops screen_intake_ops;
extern const struct screen_ops screen_help_ops;	/* arg: struct screen * whose keys to list */
extern const struct screen_ops screen_form_ops;	/* arg: const struct form_spec * (form.h) */
extern const struct screen_ops screen_report_ops;	/* the tracking book and the reports */
extern const struct screen_ops screen_sms_ops;	/* the SMS centre: outbox and inbox */
extern const struct screen_ops screen_remind_ops;	/* SMS reminders and campaigns */
extern const struct screen_ops screen_admin_ops;	/* users, catalogue, holidays, settings */
extern const struct screen_ops screen_paper_ops;	/* arg: const struct con_preview * */

#endif
