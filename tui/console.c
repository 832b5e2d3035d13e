/* console.c -- the ncurses console: the screen stack, key routing, the title bar,
 * message line and status bar, drawing helpers that respect the terminal's locale,
 * and console_run(), what `motcua` without a sub-command does.  See console.h. */
#include "config.h"

#include <limits.h>
#include <ncurses.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <string.h>
#include <unistd.h>

#include "catalog.h"
#include "cmd.h"
#include "console.h"
#include "dossier.h"
#include "field.h"
#include "i18n.h"
#include "store.h"

#define TICK_MS 1000		/* the clock and login back-off tick */
#define DRAIN_MAX 256		/* keys handled before drawing when typed ahead */

/* ---- text on the terminal ---- */

/* The bytes of the character at s; 1 for a byte that starts none (one cell). */
static size_t
char_len(const char *s)
{
	int32_t cp;
	int k = text_next(s, SIZE_MAX, &cp);

	return k > 0 ? (size_t)k : 1;
}

/* Columns of the character at s (n bytes). */
static int
char_width(const char *s, size_t n)
{
	char ch[8];
	int w;

	if ((unsigned char)s[0] < 0x80)
		return 1;
	memcpy(ch, s, n);
	ch[n] = '\0';
	w = text_width(ch);
	return w < 0 ? 1 : w;
}

/* What the terminal can show of s: controls (C0, DEL, C1) as spaces; in a locale that
 * is not UTF-8, unaccented, and '?' for what has no ASCII form.  A new string. */
static char *
showable(const struct console *con, const char *s)
{
	char *t = con->utf8 ? NULL : text_unaccent(s);
	char *w;
	const char *p;
	int32_t cp;
	int k;

	if (t == NULL)
		t = xstrdup(s);
	for (p = w = t; *p != '\0'; p += k > 0 ? k : 1) {
		k = text_next(p, SIZE_MAX, &cp);
		if (k < 0)
			*w++ = '?';	/* a byte that starts no character */
		else if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f))
			*w++ = ' ';	/* C0, DEL, C1 */
		else if (cp < 0x80)
			*w++ = *p;
		else if (con->utf8) {
			memmove(w, p, (size_t)k);
			w += k;
		} else
			*w++ = '?';
	}
	*w = '\0';
	return t;
}

/* Longest prefix of s fitting in w columns, a character taking its width on the
 * terminal (wide) or one column: bytes, *cols columns. */
static size_t
fit(const char *s, int w, int wide, int *cols)
{
	size_t i = 0, n;
	int used = 0, cw;

	while (s[i] != '\0') {
		n = char_len(s + i);
		cw = wide ? char_width(s + i, n) : 1;
		if (used + cw > w)
			break;
		used += cw;
		i += n;
	}
	*cols = used;
	return i;
}

int
console_width(const struct console *con, const char *s)
{
	char *t = showable(con, s);
	int cols;

	fit(t, 1 << 20, 1, &cols);
	free(t);
	return cols;
}

size_t
console_fit(const struct console *con, const char *s, int w)
{
	int cols;

	/* Measured on the original bytes: each character of s is one showable unit, one
	 * column wide unless the terminal is UTF-8. */
	return fit(s, w, con->utf8, &cols);
}

int
console_hint(struct console *con, int y, int x, int h, int w, const char *s)
{
	if (w <= 0 || console_wrap_count(con, s, w) > h)
		return 0;
	return console_wrap(con, y, x, h, w, STYLE_DIM, s);
}

/* console_put and console_put_value: value 1 when s may be cut to w. */
static int
put(struct console *con, int y, int x, int w, enum con_style style, const char *s, int value)
{
	char *t;
	size_t n;
	int cols;

	if (s == NULL || y < 0 || y >= LINES || x < 0 || x >= COLS || w <= 0)
		return 0;
	if (x + w > COLS)
		w = COLS - x;
	t = showable(con, s);
	n = fit(t, w, 1, &cols);
	attrset(con->style[style]);
	mvaddnstr(y, x, t, (int)n);
	attrset(A_NORMAL);
	if (con->check != NULL)
		console_check_put(con, y, x, cols, t, t[n] != '\0' && !value, style);
	free(t);
	return cols;
}

int
console_put(struct console *con, int y, int x, int w, enum con_style style, const char *s)
{
	return put(con, y, x, w, style, s, 0);
}

int
console_put_value(struct console *con, int y, int x, int w, enum con_style style, const char *s)
{
	return put(con, y, x, w, style, s, 1);
}

void
console_fill(struct console *con, int y, int x, int w, enum con_style style)
{
	int i;

	if (y < 0 || y >= LINES || x < 0 || x >= COLS || w <= 0)
		return;
	if (x + w > COLS)
		w = COLS - x;
	attrset(con->style[style]);
	move(y, x);
	for (i = 0; i < w; i++)
		addch(' ');
	attrset(A_NORMAL);
}

void
console_putpad(struct console *con, int y, int x, int w, enum con_style style, const char *s)
{
	int used;

	if (w <= 0)
		return;
	if (x + w > COLS)
		w = COLS - x;
	used = put(con, y, x, w, style, s, 1);
	if (used < w)
		console_fill(con, y, x + used, w - used, style);
}

size_t
console_wrap_next(const struct console *con, const char *s, int w)
{
	size_t n = console_fit(con, s, w > 1 ? w : 1), i;

	if (s[n] == '\0' || s[n] == ' ')
		return n > 0 ? n : strlen(s) > 0 ? 1 : 0;
	for (i = n; i > 0; i--)
		if (s[i - 1] == ' ')
			return i;
	return n > 0 ? n : 1;
}

int
console_wrap_count(const struct console *con, const char *s, int w)
{
	int lines = 0;

	while (*s == ' ')
		s++;
	while (*s != '\0') {
		s += console_wrap_next(con, s, w);
		while (*s == ' ')
			s++;
		lines++;
	}
	return lines;
}

int
console_wrap(struct console *con, int y, int x, int h, int w, enum con_style style,
    const char *s)
{
	char *line;
	size_t n;
	int row = 0;

	while (*s == ' ')
		s++;
	while (*s != '\0' && row < h && w > 0) {
		n = console_wrap_next(con, s, w);
		line = xcalloc(1, n + 1);
		memcpy(line, s, n);
		/* The last row cuts what does not fit: reported by the layout check. */
		console_put(con, y + row, x, w, style, row + 1 == h ? s : line);
		row++;
		free(line);
		s += n;
		while (*s == ' ')
			s++;
	}
	return row;
}

void
console_box(struct console *con, int y, int x, int h, int w, const char *title)
{
	int i;

	if (h < 2 || w < 4)
		return;
	for (i = 0; i < h; i++)
		console_fill(con, y + i, x, w, STYLE_NORMAL);
	if (con->check != NULL)
		console_check_pause(con, 1);
	if (con->utf8) {
		/* Box-drawing characters: ACS through a multiplexer is not always mapped. */
		for (i = 1; i < w - 1; i++) {
			console_put(con, y, x + i, 1, STYLE_NORMAL, "\u2500");
			console_put(con, y + h - 1, x + i, 1, STYLE_NORMAL, "\u2500");
		}
		for (i = 1; i < h - 1; i++) {
			console_put(con, y + i, x, 1, STYLE_NORMAL, "\u2502");
			console_put(con, y + i, x + w - 1, 1, STYLE_NORMAL, "\u2502");
		}
		console_put(con, y, x, 1, STYLE_NORMAL, "\u250c");
		console_put(con, y, x + w - 1, 1, STYLE_NORMAL, "\u2510");
		console_put(con, y + h - 1, x, 1, STYLE_NORMAL, "\u2514");
		console_put(con, y + h - 1, x + w - 1, 1, STYLE_NORMAL, "\u2518");
	} else {
		mvaddch(y, x, ACS_ULCORNER);
		mvhline(y, x + 1, ACS_HLINE, w - 2);
		mvaddch(y, x + w - 1, ACS_URCORNER);
		mvvline(y + 1, x, ACS_VLINE, h - 2);
		mvvline(y + 1, x + w - 1, ACS_VLINE, h - 2);
		mvaddch(y + h - 1, x, ACS_LLCORNER);
		mvhline(y + h - 1, x + 1, ACS_HLINE, w - 2);
		mvaddch(y + h - 1, x + w - 1, ACS_LRCORNER);
	}
	if (con->check != NULL)
		console_check_pause(con, 0);
	if (title != NULL && *title != '\0') {
		console_put(con, y, x + 2, 1, STYLE_HEADER, " ");
		i = console_put(con, y, x + 3, w - 6, STYLE_HEADER, title);
		console_put(con, y, x + 3 + i, 1, STYLE_HEADER, " ");
	}
}

void
console_time(mc_minute t, char buf[MC_TIME_BUF])
{
	if (t == MC_TIME_NONE)
		buf[0] = '\0';
	else
		mc_time_format_vn(t, buf);
}

int
console_discard_ok(struct console *con, int unsaved, int *armed)
{
	if (!unsaved || *armed)
		return 1;
	*armed = 1;
	console_message(con, STYLE_ERROR, "%s", _("Press Esc again to leave without saving."));
	return 0;
}

void
console_message(struct console *con, enum con_style style, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(con->msg, sizeof con->msg, fmt, ap);
	va_end(ap);
	con->msg_style = style;
}

/* ---- names by key: the catalogue's procedures, the users ---- */

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(((const struct con_name *)a)->key, ((const struct con_name *)b)->key);
}

static void
names_free(struct con_names *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		free(t->v[i].name);
	free(t->v);
	t->v = NULL;
	t->n = 0;
}

/* Add key -> name; 1 when out of memory (stops the caller's walk). */
static int
names_add(struct con_names *t, const char *key, const char *name)
{
	struct con_name *nv = realloc(t->v, (t->n + 1) * sizeof *t->v);

	if (nv == NULL)
		return 1;
	t->v = nv;
	snprintf(nv[t->n].key, sizeof nv->key, "%s", key);
	nv[t->n++].name = xstrdup(name);
	return 0;
}

/* The name of key, or NULL. */
static const char *
names_find(const struct con_names *t, const char *key)
{
	struct con_name k, *p;

	snprintf(k.key, sizeof k.key, "%s", key);
	p = bsearch(&k, t->v, t->n, sizeof *t->v, name_cmp);
	return p != NULL ? p->name : NULL;
}

static int
add_proc(const struct procedure *p, void *ctx)
{
	return names_add(ctx, p->code, p->name != NULL ? p->name : "");
}

static int
add_person(const struct user *u, void *ctx)
{
	return names_add(ctx, u->login, u->full_name[0] != '\0' ? u->full_name : u->login);
}

int
console_load_catalog(struct console *con, struct mc_error *err)
{
	int rc;

	names_free(&con->procs);
	rc = catalog_each(con->st, NULL, 0, add_proc, &con->procs, err);
	qsort(con->procs.v, con->procs.n, sizeof *con->procs.v, name_cmp);
	return rc;
}

const char *
console_procedure_name(const struct console *con, const char *code)
{
	const char *name = names_find(&con->procs, code);

	return name != NULL ? name : "";
}

int
console_load_people(struct console *con, struct mc_error *err)
{
	int rc;

	names_free(&con->people);
	rc = auth_each(con->st, add_person, &con->people, err);
	qsort(con->people.v, con->people.n, sizeof *con->people.v, name_cmp);
	return rc;
}

const char *
console_person(const struct console *con, const char *login)
{
	const char *name = names_find(&con->people, login);

	return name != NULL ? name : login;
}

/* ---- the stack ---- */

static struct screen *
top(struct console *con)
{
	return con->depth > 0 ? con->stack[con->depth - 1] : NULL;
}

static struct screen *
screen_new(struct console *con, const struct screen_ops *ops, void *arg)
{
	struct screen *s = xcalloc(1, sizeof *s);

	s->ops = ops;
	s->con = con;
	if (ops->open != NULL && ops->open(s, arg) != 0) {
		free(s);
		return NULL;
	}
	return s;
}

static void
screen_free(struct screen *s)
{
	if (s->ops->close != NULL)
		s->ops->close(s);
	free(s);
}

int
console_push(struct console *con, const struct screen_ops *ops, void *arg)
{
	struct screen *s;

	if (con->depth == CON_STACK_MAX) {
		console_message(con, STYLE_ERROR, _("Too many screens open: press q to go back first."));
		return -1;
	}
	if ((s = screen_new(con, ops, arg)) == NULL)
		return -1;
	con->stack[con->depth++] = s;
	return 0;
}

void
console_pop(struct console *con)
{
	struct screen *s;

	if (con->depth == 0)
		return;
	screen_free(con->stack[--con->depth]);
	if ((s = top(con)) != NULL && s->ops->reload != NULL)
		s->ops->reload(s);
}

int
console_replace(struct console *con, const struct screen_ops *ops, void *arg)
{
	struct screen *s;

	if (con->depth == 0)
		return console_push(con, ops, arg);
	/* Open first: arg may point into the screen being replaced. */
	if ((s = screen_new(con, ops, arg)) == NULL)
		return -1;
	screen_free(con->stack[con->depth - 1]);
	con->stack[con->depth - 1] = s;
	return 0;
}

void
console_logout(struct console *con)
{
	while (con->depth > 0)
		screen_free(con->stack[--con->depth]);
	explicit_bzero(&con->user, sizeof con->user);
	con->logged_in = 0;
	snprintf(con->actor, sizeof con->actor, "%s", con->cmd->actor);
	con->im = TEXT_IM_TELEX;
	clearok(curscr, TRUE);	/* the next drawing repaints the whole terminal */
	if (console_push(con, &screen_login_ops, NULL) != 0) {
		con->quit = 1;
		return;
	}
	console_message(con, STYLE_INFO, "%s", _("Logged out. The next user can log in."));
}

/* ---- drawing ---- */

static void
draw_title(struct console *con)
{
	struct screen *s = top(con);
	char buf[512];
	int i;

	/* The title of the screen under the overlays. */
	for (i = con->depth - 1; i > 0 && con->stack[i]->ops->overlay; i--)
		;
	snprintf(buf, sizeof buf, " motcua  %s  %s", con->office_name,
	    s != NULL ? _(con->stack[i]->ops->title) : "");
	console_putpad(con, 0, 0, COLS, STYLE_TITLE, buf);
}

static void
draw_status(struct console *con)
{
	enum text_im im = con->focus != NULL ? field_im(con->focus, con->im) : con->im;
	char now[MC_TIME_BUF], left[256], right[4][128];
	const char *mode;
	int i, lw;

	mode = im == TEXT_IM_TELEX ? "Telex" : im == TEXT_IM_VNI ? "VNI" : _("off");
	console_time(mc_now(), now);
	if (con->logged_in)
		snprintf(left, sizeof left, " %s | %s", con->user.login, con->office_code);
	else
		snprintf(left, sizeof left, " %s", con->office_code);
	/* The longest right part that fits: the typing method always, with its name. */
	snprintf(right[0], sizeof right[0], _("Typing: %s | F1 ? help | %s "), mode, now);
	snprintf(right[1], sizeof right[1], _("Typing: %s | %s "), mode, now);
	snprintf(right[2], sizeof right[2], _("Typing: %s "), mode);
	snprintf(right[3], sizeof right[3], "%s ", mode);
	console_fill(con, LINES - 1, 0, COLS, STYLE_TITLE);
	lw = console_width(con, left) + 1;
	for (i = 0; i < 4; i++)
		if (console_width(con, right[i]) <= COLS - lw || i == 3) {
			lw = COLS - console_width(con, right[i]);
			console_put(con, LINES - 1, lw, COLS - lw, STYLE_TITLE, right[i]);
			break;
		}
	/* The login and the office: what is left of the line. */
	console_put_value(con, LINES - 1, 0, lw - 1, STYLE_TITLE, left);
}

/* The hint line: the top screen's keys that do something now, each whole, as many
 * as fit. */
static void
draw_hint(struct console *con, struct screen *s)
{
	const struct screen_key *k;
	char hint[1024], one[256];
	size_t n = 0;
	int used = 0, w;

	hint[0] = '\0';
	for (k = s != NULL ? s->ops->help : NULL; k != NULL && k->key != 0; k++) {
		if (s->ops->key_ok != NULL && !s->ops->key_ok(s, k))
			continue;
		snprintf(one, sizeof one, "%s%s %s", used > 0 ? "  " : " ", k->keyname, _(k->help));
		w = console_width(con, one);
		if (used + w > COLS - 1 || n + strlen(one) >= sizeof hint)
			continue;
		n += (size_t)snprintf(hint + n, sizeof hint - n, "%s", one);
		used += w;
	}
	console_putpad(con, LINES - 2, 0, COLS, STYLE_DIM, hint);
}

/* The message, or a line of the top screen's keys as a hint.  A message longer than
 * the line takes the lines above it too: it is never cut short (up to CON_MSG_LINES
 * lines). */
static void
draw_message(struct console *con)
{
	int lines, i;

	if (con->msg[0] == '\0') {
		draw_hint(con, top(con));
		return;
	}
	lines = console_wrap_count(con, con->msg, COLS);
	if (lines > CON_MSG_LINES)
		lines = CON_MSG_LINES;
	if (lines < 1)
		lines = 1;
	for (i = 0; i < lines; i++)
		console_fill(con, LINES - 1 - lines + i, 0, COLS, con->msg_style);
	console_wrap(con, LINES - 1 - lines, 0, lines, COLS, con->msg_style, con->msg);
}

static void
draw(struct console *con)
{
	int i, b;

	erase();
	if (con->check != NULL)
		console_check_layer(con, "console");
	if (LINES < 12 || COLS < 40) {
		console_put(con, 0, 0, COLS, STYLE_ERROR, _("The window is too small (at least 40x12)."));
		refresh();
		return;
	}
	/* The lowest screen that shows, then the overlays above it. */
	for (b = con->depth - 1; b > 0 && con->stack[b]->ops->overlay; b--)
		;
	for (i = b; i < con->depth; i++) {
		con->focus = NULL;	/* only the top screen's field has the focus */
		if (con->check != NULL)
			console_check_layer(con, con->stack[i]->ops->name);
		con->stack[i]->ops->draw(con->stack[i], 1, LINES - 3, COLS);
	}
	if (con->check != NULL)
		console_check_layer(con, "console");
	draw_title(con);
	draw_status(con);
	if (con->check != NULL)
		console_check_layer(con, "message");
	draw_message(con);
	if (con->focus != NULL) {
		curs_set(1);
		move(con->cur_y, con->cur_x);
	} else {
		curs_set(0);
		move(LINES - 1, COLS - 1);
	}
	refresh();
}

/* ---- keys ---- */

static void
cycle_im(struct console *con)
{
	struct field *f = con->focus;
	struct mc_error err;
	enum text_im next;

	if (f != NULL && f->kind == FIELD_SECRET)
		return;
	if (f != NULL && f->kind == FIELD_PLAIN) {
		f->im = (int)((field_im(f, con->im) + 1) % 3);
		return;
	}
	/* The order a user sees: Telex -> VNI -> off -> Telex. */
	next = con->im == TEXT_IM_TELEX ? TEXT_IM_VNI : con->im == TEXT_IM_VNI ? TEXT_IM_OFF : TEXT_IM_TELEX;
	con->im = next;
	if (f != NULL)
		f->im = -1;
	if (con->logged_in &&
	    auth_set_input_mode(con->st, con->user.login, text_im_name(next), &err) != MC_OK)
		console_message(con, STYLE_ERROR, "%s", mc_message(&err));
}

static void key_help(struct screen *s, const struct screen_key *k);
static void key_back(struct screen *s, const struct screen_key *k);
static void key_search(struct screen *s, const struct screen_key *k);
static void key_new(struct screen *s, const struct screen_key *k);

/* The keys of every screen (help lists them after the screen's own). */
const struct screen_key console_keys[] = {
	{ .key = '?', .alt = CK(KEY_F(1)), .keyname = "F1, ?, Ctrl-G", .help = N_("help: the keys of this screen"), .run = key_help },
	{ .key = 'q', .alt = CON_ESC, .keyname = "q, Esc", .help = N_("back to the previous screen"), .run = key_back },
	{ .key = '/', .alt = CK(KEY_F(3)), .keyname = "/, F3", .help = N_("search dossiers"), .run = key_search },
	{ .key = 'n', .alt = CK(KEY_F(2)), .keyname = "n, F2", .help = N_("receive a new dossier"), .run = key_new },
	{ .key = CON_CTRL('l'), .keyname = "Ctrl-L", .help = N_("read the database again and redraw") },
	{ .key = CON_CTRL('t'), .keyname = "Ctrl-T", .help = N_("typing method in text fields: Telex, VNI, off") },
	{ .key = CON_CTRL('c'), .keyname = "Ctrl-C", .help = N_("quit motcua (asks first when something typed is not saved)") },
	{ .key = CON_CTRL('z'), .keyname = "Ctrl-Z", .help = N_("suspend motcua (the shell's fg brings it back)") },
	{ .key = 0 },
};

static void
key_help(struct screen *s, const struct screen_key *k)
{
	if (s->ops != &screen_help_ops)
		console_push(s->con, &screen_help_ops, s);
}

static void
key_back(struct screen *s, const struct screen_key *k)
{
	if (s->con->depth > 1)
		console_pop(s->con);
}

static void
key_search(struct screen *s, const struct screen_key *k)
{
	if (s->con->logged_in)
		console_push(s->con, &screen_search_ops, NULL);
}

static void
key_new(struct screen *s, const struct screen_key *k)
{
	if (s->con->logged_in)
		console_push(s->con, &screen_intake_ops, NULL);
}

static const struct screen_key *
key_find(const struct screen_key *table, int key)
{
	for (; table != NULL && table->key != 0; table++)
		if (table->key == key || (table->alt != 0 && table->alt == key))
			return table;
	return NULL;
}

static void
resize(struct console *con)
{
	int i;

	for (i = 0; i < con->depth; i++)
		if (con->stack[i]->ops->resize != NULL)
			con->stack[i]->ops->resize(con->stack[i]);
	clearok(curscr, TRUE);
}

static void
reload(struct console *con)
{
	int b;

	for (b = con->depth - 1; b > 0 && con->stack[b]->ops->overlay; b--)
		;
	if (con->depth > 0 && con->stack[b]->ops->reload != NULL)
		con->stack[b]->ops->reload(con->stack[b]);
	clearok(curscr, TRUE);
}

/* Does a screen of the stack hold work that quitting would lose? */
static int
unsaved(struct console *con)
{
	int i;

	for (i = 0; i < con->depth; i++)
		if (con->stack[i]->ops->unsaved != NULL && con->stack[i]->ops->unsaved(con->stack[i]))
			return 1;
	return 0;
}

/* Ctrl-C: quit, but ask first when work would be lost. */
static void
interrupt(struct console *con)
{
	if (con->quit_asked || !unsaved(con)) {
		con->quit = 1;
		return;
	}
	con->quit_asked = 1;
	console_message(con, STYLE_ERROR, "%s",
	    _("What you typed is not saved: Ctrl-C again quits without it; any other key goes back to it."));
}

/* Ctrl-Z: suspend as the shell's job control does, when there is one. */
static void
suspend(void)
{
	struct sigaction sa;

	if (sigaction(SIGTSTP, NULL, &sa) != 0 || sa.sa_handler == SIG_IGN)
		return;		/* no job control: stopping would hang the terminal */
	endwin();
	raise(SIGTSTP);
	clearok(curscr, TRUE);
	refresh();
}

static void
dispatch(struct console *con, int key)
{
	struct screen *s = top(con);
	const struct screen_key *k;

	if (s == NULL)
		return;
	if (key == CK(KEY_RESIZE)) {
		resize(con);
		return;
	}
	con->msg[0] = '\0';
	if (key != CON_CTRL('c'))
		con->quit_asked = 0;
	if (!con->utf8 && key >= 0x80 && key < CK(0))
		return;		/* bytes of characters this locale cannot read */
	switch (key) {
	case CK(KEY_F(1)):
	case CON_CTRL('g'):
		if (s->ops == &screen_help_ops)
			console_pop(con);
		else
			console_push(con, &screen_help_ops, s);
		return;
	case CON_CTRL('t'):
		cycle_im(con);
		return;
	case CON_CTRL('l'):
		reload(con);
		return;
	case CON_CTRL('c'):
		interrupt(con);
		return;
	case CON_CTRL('z'):
		suspend();
		return;
	default:
		break;
	}
	if (s->ops->key != NULL && s->ops->key(s, key) == CON_KEY_DONE)
		return;
	if ((k = key_find(s->ops->help, key)) != NULL && k->run != NULL) {
		k->run(s, k);
		return;
	}
	if ((k = key_find(console_keys, key)) != NULL && k->run != NULL) {
		k->run(s, k);
		return;
	}
	if (key >= 0x20 && key < 0x7f)
		console_message(con, STYLE_DIM, _("That key does nothing here: F1 or ? lists the keys."));
}

/* A key as curses reads it within ms milliseconds (0: only one already typed); -1
 * if none. */
static int
read_one(int ms)
{
	wint_t wc;
	int rc;

	timeout(ms);
	rc = get_wch(&wc);
	if (rc == KEY_CODE_YES)
		return CK((int)wc);
	if (rc == OK)
		return (int)wc;
	return -1;
}

/* The keys of the escape sequences terminals send (xterm, the Linux console, VT220),
 * for those the terminfo entry in use does not name (TERM=vt100 knows F1-F4 and the
 * arrows only).  CSI "n~" sequences by n, then the final bytes of CSI and SS3. */
static const int csi_tilde[25] = {
	[1] = CK(KEY_HOME), [2] = CK(KEY_IC), [3] = CK(KEY_DC), [4] = CK(KEY_END),
	[5] = CK(KEY_PPAGE), [6] = CK(KEY_NPAGE), [7] = CK(KEY_HOME), [8] = CK(KEY_END),
	[11] = CK(KEY_F(1)), [12] = CK(KEY_F(2)), [13] = CK(KEY_F(3)), [14] = CK(KEY_F(4)),
	[15] = CK(KEY_F(5)), [17] = CK(KEY_F(6)), [18] = CK(KEY_F(7)), [19] = CK(KEY_F(8)),
	[20] = CK(KEY_F(9)), [21] = CK(KEY_F(10)), [23] = CK(KEY_F(11)), [24] = CK(KEY_F(12)),
};

static int
final_key(int c, int ss3)
{
	switch (c) {
	case 'A': return CK(KEY_UP);
	case 'B': return CK(KEY_DOWN);
	case 'C': return CK(KEY_RIGHT);
	case 'D': return CK(KEY_LEFT);
	case 'H': return CK(KEY_HOME);
	case 'F': return CK(KEY_END);
	case 'Z': return CK(KEY_BTAB);
	case 'P': return CK(KEY_F(1));
	case 'Q': return CK(KEY_F(2));
	case 'R': return CK(KEY_F(3));
	case 'S': return CK(KEY_F(4));
	case 'M': return ss3 ? '\r' : -1;
	default: return -1;
	}
}

/* After an Esc that curses did not make a key of: read the rest of an escape
 * sequence (CSI "Esc [" params final, or SS3 "Esc O" final), each byte within ms,
 * and return its key, or -1 for one this console has no use for: it is dropped whole.
 * Esc followed by anything else is Esc, and what followed is read next. */
static int
escape_sequence(int ms)
{
	char params[32];
	int c = read_one(0), n = 0, linux_f = 0, v;

	if (c != '[' && c != 'O') {
		if (c >= CK(0))
			ungetch(c - CK(0));
		else if (c >= 0)
			unget_wch((wchar_t)c);
		return CON_ESC;
	}
	if (c == 'O')
		return final_key(read_one(ms), 1);
	for (;;) {
		if ((c = read_one(ms)) < 0 || c >= CK(0))
			return -1;	/* cut short: drop what came */
		if (n == 0 && c == '[' && !linux_f) {
			linux_f = 1;	/* the Linux console's F1-F5: Esc [ [ A-E */
			continue;
		}
		if (linux_f)
			return c >= 'A' && c <= 'E' ? CK(KEY_F(1 + c - 'A')) : -1;
		if (c >= 0x40 && c <= 0x7e)
			break;		/* the final byte */
		if (c < 0x20 || c > 0x3f || n == (int)sizeof params - 1)
			return -1;	/* not a sequence after all, or too long */
		params[n++] = (char)c;
	}
	params[n] = '\0';
	if (c != '~')
		return final_key(c, 0);
	v = atoi(params);	/* "6;5" (with modifiers) is 6 */
	return v > 0 && v < (int)(sizeof csi_tilde / sizeof csi_tilde[0]) && csi_tilde[v] != 0 ?
	    csi_tilde[v] : -1;
}

/* A key within ms milliseconds; -1 if none.  Escape sequences that terminfo does not
 * know are read whole here, never key by key. */
static int
read_key(int ms)
{
	int key = read_one(ms), esc_ms;

	while (key == CON_ESC) {
		esc_ms = get_escdelay() > 0 ? get_escdelay() : 100;
		if ((key = escape_sequence(esc_ms)) >= 0)
			return key;
		key = read_one(0);	/* a sequence dropped: the next key, if any */
	}
	return key;
}

/* ---- start and end ---- */

static void
styles(struct console *con)
{
	const char *nc = getenv("NO_COLOR");
	int bg = COLOR_BLACK;

	con->style[STYLE_NORMAL] = A_NORMAL;
	con->style[STYLE_TITLE] = A_REVERSE;
	con->style[STYLE_HEADER] = A_BOLD;
	con->style[STYLE_LABEL] = A_NORMAL;
	con->style[STYLE_FIELD] = A_UNDERLINE;
	con->style[STYLE_FOCUS] = A_REVERSE;
	con->style[STYLE_SELECTED] = A_REVERSE;
	con->style[STYLE_OVERDUE] = A_BOLD;
	con->style[STYLE_ERROR] = A_BOLD;
	con->style[STYLE_INFO] = A_BOLD;
	con->style[STYLE_DIM] = A_DIM;
	con->style[STYLE_BIG] = A_REVERSE;
	con->colour = has_colors() && (nc == NULL || *nc == '\0');
	if (!con->colour || start_color() != OK) {
		con->colour = 0;
		return;
	}
	if (use_default_colors() == OK)
		bg = -1;	/* the terminal's own background */
	init_pair(1, COLOR_BLACK, COLOR_CYAN);
	init_pair(2, COLOR_RED, bg);
	init_pair(3, COLOR_WHITE, COLOR_RED);
	init_pair(4, COLOR_GREEN, bg);
	init_pair(5, COLOR_CYAN, bg);
	con->style[STYLE_TITLE] = COLOR_PAIR(1);
	con->style[STYLE_HEADER] = COLOR_PAIR(5) | A_BOLD;
	con->style[STYLE_OVERDUE] = COLOR_PAIR(2) | A_BOLD;
	con->style[STYLE_ERROR] = COLOR_PAIR(3) | A_BOLD;
	con->style[STYLE_INFO] = COLOR_PAIR(4) | A_BOLD;
}

/* Open the store and read what every screen needs; 0 or an exit status. */
static int
load(struct console *con, struct cmd_ctx *c)
{
	struct mc_error err;
	char *lang;

	if (store_open(c->db_path, 0, &con->st, &err) != MC_OK)
		return cmd_fail(c, &err);
	c->st = con->st;
	lang = store_setting(con->st, "language");
	mc_i18n_init(lang);
	free(lang);
	if (store_office(con->st)[0] == '\0') {
		mc_fail(&err, MC_ENOSTORE, NULL);
		return cmd_fail(c, &err);
	}
	snprintf(con->office_code, sizeof con->office_code, "%s", store_office(con->st));
	con->office_name = store_setting(con->st, "office.name");
	if (con->office_name == NULL)
		con->office_name = xstrdup("");
	calendar_default(&con->cal);
	if (calendar_load(con->st, &con->cal, &err) != MC_OK ||
	    console_load_catalog(con, &err) != MC_OK || console_load_people(con, &err) != MC_OK)
		return cmd_fail(c, &err);
	con->im = TEXT_IM_TELEX;
	snprintf(con->actor, sizeof con->actor, "%s", c->actor);
	return 0;
}

static void
unload(struct console *con, struct cmd_ctx *c)
{
	while (con->depth > 0)
		screen_free(con->stack[--con->depth]);
	names_free(&con->procs);
	names_free(&con->people);
	console_check_close(con);
	free(con->office_name);
	calendar_free(&con->cal);
	store_close(con->st);
	c->st = NULL;
}

int
console_run(struct cmd_ctx *c)
{
	struct console con = { .cmd = c };
	SCREEN *scr = NULL;
	FILE *tty = NULL;
	int rc, key, i, fd = -1;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, _("motcua: the console needs a terminal; 'motcua --help' lists the commands for scripts\n"));
		return EXIT_USAGE;
	}
	if ((rc = load(&con, c)) != 0) {
		unload(&con, c);
		return rc;
	}
	con.utf8 = mc_locale_utf8();
	/* Esc answers in 0.1 s, unless $ESCDELAY (ncurses' own convention) asks for more:
	 * a slow serial line may split an arrow key's escape sequence. */
	if (getenv("ESCDELAY") == NULL || atoi(getenv("ESCDELAY")) <= 0)
		set_escdelay(100);
	/* Not stdout: out_init() may have made it an unaccenting, line-buffered filter. */
	if ((fd = dup(STDOUT_FILENO)) < 0 || (tty = fdopen(fd, "w")) == NULL ||
	    (scr = newterm(NULL, tty, stdin)) == NULL) {
		if (tty != NULL)
			fclose(tty);
		else if (fd >= 0)
			close(fd);
		unload(&con, c);
		fprintf(stderr, _("motcua: this terminal cannot run the console (TERM=%s)\n"),
		    getenv("TERM") != NULL ? getenv("TERM") : "");
		return EXIT_REFUSED;
	}
	/* Raw: Ctrl-C is a key that asks before quitting, Ctrl-S and Ctrl-Q are keys
	 * (no flow control to freeze the screen), Ctrl-Z is job control by hand. */
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	styles(&con);
	console_check_open(&con);
	if (console_push(&con, &screen_login_ops, (void *)c->user) != 0)
		con.quit = 1;
	if (store_exposed(con.st))	/* store_open could not close it to them */
		console_message(&con, STYLE_ERROR, "%s",
		    _("Warning: every account of this computer can read the database (chmod o-rwx)."));
	while (!con.quit && con.depth > 0) {
		draw(&con);
		if (con.again) {	/* what was typed is on screen: now the slow part */
			con.again = 0;
			con.slow_ok = 1;
			draw(&con);
			con.slow_ok = 0;
		}
		if ((key = read_key(TICK_MS)) < 0)
			continue;	/* a tick: the clock moves, timers run in draw */
		dispatch(&con, key);
		/* Keys typed ahead are all handled before the next drawing. */
		for (i = 0; i < DRAIN_MAX && !con.quit && con.depth > 0; i++) {
			if ((key = read_key(0)) < 0)
				break;
			dispatch(&con, key);
		}
	}
	endwin();
	delscreen(scr);
	fclose(tty);
	unload(&con, c);
	return EXIT_DONE;
}
