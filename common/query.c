/* query.c -- the citizen's query language and the USSD menus; see query.h.
 *
 * A message is cleaned (malformed bytes, controls), folded (text_fold: lower case, no
 * diacritics, one space) and cut into at most MAX_TOKENS words; a keyword in the first
 * one or two words picks the command, and a dossier code is looked for in any run of
 * up to CODE_WORDS words (code_parse() decides).  Each command is one function that
 * fills the reply from a template (notice.h); USSD screens call the same functions.
 * Nothing here writes: the reply lists its effects for query_apply().
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "dossier.h"
#include "i18n.h"
#include "names.h"
#include "notice.h"
#include "query.h"
#include "smsq.h"
#include "store.h"
#include "text.h"

#define MAX_TOKENS 64		/* words of a message looked at */
#define CODE_WORDS 6		/* "000 17 22 H56 261012 0001" */
#define USSD_INPUTS 8
#define UNKNOWN_SLOW 5
#define UNKNOWN_BLOCK 10
#define BLOCK_MINUTES 720
#define SLOW_STEP 5		/* minutes of delay added per failure once slowed */
#define SLOW_MAX 60
#define INFO_LIST 3		/* procedures listed when several match */

static const char *const kind_names[QUERY_NKINDS] = {
	[QUERY_EMPTY] = "empty", [QUERY_NOT_PHONE] = "not-phone", [QUERY_BLOCKED] = "blocked",
	[QUERY_HELP] = "help", [QUERY_STATUS] = "status", [QUERY_UNKNOWN_CODE] = "unknown-code",
	[QUERY_BAD_CODE] = "bad-code", [QUERY_UNCLEAR] = "unclear", [QUERY_INFO] = "info",
	[QUERY_RATE] = "rate", [QUERY_OPTOUT] = "optout", [QUERY_OPTIN] = "optin",
	[QUERY_MENU] = "menu", [QUERY_LIMITED] = "limited",
};

const char *
query_kind_name(enum query_kind k)
{
	return mc_name(kind_names, QUERY_NKINDS, (int)k);
}

enum command {
	CMD_NONE,		/* no keyword: a code, or not understood */
	CMD_STATUS,
	CMD_HELP,
	CMD_INFO,
	CMD_RATE,
	CMD_OPTOUT,
	CMD_OPTIN,
};

static const struct keyword {
	const char *words;	/* folded, one or two words */
	enum command cmd;
	int en;			/* answer in English */
} keywords[] = {
	{ "tra cuu", CMD_STATUS, 0 }, { "tracuu", CMD_STATUS, 0 }, { "kiem tra", CMD_STATUS, 0 },
	{ "kiemtra", CMD_STATUS, 0 }, { "kt", CMD_STATUS, 0 }, { "tc", CMD_STATUS, 0 },
	{ "status", CMD_STATUS, 1 }, { "check", CMD_STATUS, 1 },
	{ "huong dan", CMD_HELP, 0 }, { "huongdan", CMD_HELP, 0 }, { "tro giup", CMD_HELP, 0 },
	{ "trogiup", CMD_HELP, 0 }, { "hd", CMD_HELP, 0 }, { "?", CMD_HELP, 0 },
	{ "help", CMD_HELP, 1 }, { "menu", CMD_HELP, 1 },
	{ "thong tin", CMD_INFO, 0 }, { "thongtin", CMD_INFO, 0 }, { "thu tuc", CMD_INFO, 0 },
	{ "thutuc", CMD_INFO, 0 }, { "tt", CMD_INFO, 0 }, { "info", CMD_INFO, 1 },
	{ "danh gia", CMD_RATE, 0 }, { "danhgia", CMD_RATE, 0 }, { "dg", CMD_RATE, 0 },
	{ "rate", CMD_RATE, 1 },
	{ "tu choi", CMD_OPTOUT, 0 }, { "tuchoi", CMD_OPTOUT, 0 }, { "huy", CMD_OPTOUT, 0 },
	{ "ngung", CMD_OPTOUT, 0 }, { "stop", CMD_OPTOUT, 0 }, { "unsubscribe", CMD_OPTOUT, 0 },
	{ "dong y", CMD_OPTIN, 0 }, { "dongy", CMD_OPTIN, 0 }, { "start", CMD_OPTIN, 0 },
	{ "subscribe", CMD_OPTIN, 0 },
};

/* What answering one message needs. */
struct q {
	struct store *st;
	mc_minute now;
	struct query_reply *out;
	struct notice_style style;
	int ussd;
	mc_minute ws;		/* the sender's throttle row, as read */
	int unknown;
	mc_minute blocked;
	int slow;		/* settings */
	char example[16], example_full[CODE_MAX];
	struct mc_error *err;
};

struct toks {
	char *t[MAX_TOKENS];
	int n;
};

/* ---------------------------------------------------------------- small helpers */

static int
store_failure(int rc)
{
	return rc == MC_EBUSY || rc == MC_ESTORE || rc == MC_EFULL || rc == MC_ENOMEM ||
	    rc == MC_EREADONLY || rc == MC_ECORRUPT || rc == MC_EIO;
}

static void
silence(struct q *q, enum query_kind kind, const char *why)
{
	q->out->kind = kind;
	q->out->silent = 1;
	q->out->text[0] = '\0';
	snprintf(q->out->why, sizeof q->out->why, "%s", why);
}

/* Render template key with vs (plus the examples) into the reply.  A missing template
 * becomes a logged silence; a store failure is returned. */
static int
say(struct q *q, enum query_kind kind, const char *key, struct notice_vars *vs)
{
	struct notice_style style = q->style;
	struct mc_error e;
	char *text;
	int rc;

	notice_vars_set(vs, "example", q->example);
	notice_vars_set(vs, "example_full", q->example_full);
	if (q->ussd)
		style.accents = 0;
	mc_error_clear(&e);
	if ((rc = notice_render(q->st, &style, key, vs, &text, &e)) != MC_OK) {
		if (store_failure(rc) && rc != MC_EIO)
			return mc_fail(q->err, rc, "%s", mc_message(&e));
		silence(q, kind, "no reply template");
		snprintf(q->out->why, sizeof q->out->why, "no reply template '%s'", key);
		return MC_OK;
	}
	q->out->kind = kind;
	q->out->silent = 0;
	text_copy(q->out->text, sizeof q->out->text, text);
	free(text);
	return MC_OK;
}

/* One template rendered into buf (for words used inside another template). */
static void
word(struct q *q, const char *key, struct notice_vars *vs, char *buf, size_t n)
{
	struct notice_style style = q->style;
	char *text = NULL;

	if (q->ussd)
		style.accents = 0;
	if (notice_render(q->st, &style, key, vs, &text, NULL) == MC_OK)
		text_copy(buf, n, text);
	else
		buf[0] = '\0';
	free(text);
}

/* ---------------------------------------------------------------- throttle */

static int
throttle_load(struct q *q)
{
	sqlite3_stmt *s;
	int rc, window;

	q->ws = q->now;
	q->unknown = 0;
	q->blocked = MC_TIME_NONE;
	if ((rc = store_prepare(q->st, "SELECT window_start, unknown, blocked_until "
	    "FROM sms_throttle WHERE number = ?1", &s, q->err)) != MC_OK)
		return rc;
	sqlite3_bind_text(s, 1, q->out->number, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		if ((q->ws = store_col_minute(s, 0)) == MC_TIME_NONE)
			q->ws = q->now;
		q->unknown = sqlite3_column_int(s, 1);
		q->blocked = store_col_minute(s, 2);
	}
	if ((rc = store_reset(q->st, s, rc, q->err)) != MC_OK)
		return rc;
	window = store_setting_int(q->st, "sms.unknown_window", QUERY_UNKNOWN_WINDOW);
	if (q->ws + (window > 0 ? window : QUERY_UNKNOWN_WINDOW) <= q->now || q->ws > q->now) {
		q->ws = q->now;		/* a new window */
		q->unknown = 0;
	}
	if (q->blocked != MC_TIME_NONE && q->blocked <= q->now)
		q->blocked = MC_TIME_NONE;
	q->slow = store_setting_int(q->st, "sms.unknown_slow", UNKNOWN_SLOW);
	if (q->slow <= 0)
		q->slow = UNKNOWN_SLOW;
	return MC_OK;
}

/* The reply's delay for a sender with q->unknown failures in the window. */
static void
slow_down(struct q *q)
{
	int d;

	if (q->unknown < q->slow)
		return;
	d = SLOW_STEP * (q->unknown - q->slow + 1);
	q->out->delay = d > SLOW_MAX ? SLOW_MAX : d;
}

/* Count one more failure (unknown code, bad code, not understood).  1 when the sender
 * is blocked by it (the reply is then a silence). */
static int
count_failure(struct q *q)
{
	int block = store_setting_int(q->st, "sms.unknown_block", UNKNOWN_BLOCK);
	int minutes = store_setting_int(q->st, "sms.block_minutes", BLOCK_MINUTES);

	q->unknown++;
	q->out->effects |= QUERY_DO_THROTTLE;
	q->out->window_start = q->ws;
	q->out->unknown = q->unknown;
	q->out->blocked_until = MC_TIME_NONE;
	if (q->unknown >= (block > 0 ? block : UNKNOWN_BLOCK)) {
		q->out->blocked_until = q->now + (minutes > 0 ? minutes : BLOCK_MINUTES);
		q->out->unknown = 0;	/* the block is the punishment; afterwards, a new window */
		silence(q, QUERY_BLOCKED, "blocked now: too many unknown codes or unclear messages");
		return 1;
	}
	slow_down(q);
	return 0;
}

/* ---------------------------------------------------------------- words */

/* Split folded (changed in place) into words, trimming punctuation at their ends. */
static void
tokenize(char *folded, struct toks *tk)
{
	static const char trim[] = ",;:!?\"'()[]{}<>*#.";
	char *w, *save = NULL, *end;

	tk->n = 0;
	for (w = strtok_r(folded, " ", &save); w != NULL && tk->n < MAX_TOKENS;
	    w = strtok_r(NULL, " ", &save)) {
		end = w + strlen(w);
		/* "?" alone is a word (help); elsewhere punctuation is trimmed */
		if (strcmp(w, "?") != 0) {
			while (*w != '\0' && strchr(trim, *w) != NULL)
				w++;
			while (end > w && strchr(trim, end[-1]) != NULL)
				*--end = '\0';
		}
		if (*w != '\0')
			tk->t[tk->n++] = w;
	}
}

/* tk->t[from..to) joined by single spaces into buf (n bytes); 0, or -1 if too long. */
static int
join(const struct toks *tk, int from, int to, char *buf, size_t n)
{
	size_t used = 0, k;
	int i;

	buf[0] = '\0';
	for (i = from; i < to; i++) {
		k = strlen(tk->t[i]);
		if (used + k + 2 > n)
			return -1;
		if (i > from)
			buf[used++] = ' ';
		memcpy(buf + used, tk->t[i], k + 1);
		used += k;
	}
	return 0;
}

static int
digits_in(const struct toks *tk, int from, int to)
{
	const char *p;
	int i, n = 0;

	for (i = from; i < to; i++)
		for (p = tk->t[i]; *p != '\0'; p++)
			n += *p >= '0' && *p <= '9';
	return n;
}

/* The command of the first words, and how many words it took. */
static enum command
keyword(const struct toks *tk, int *used, int *en)
{
	char two[64];
	size_t i;

	*used = 0;
	*en = 0;
	if (tk->n == 0)
		return CMD_NONE;
	two[0] = '\0';
	if (tk->n >= 2 && join(tk, 0, 2, two, sizeof two) != 0)
		two[0] = '\0';
	for (i = 0; i < sizeof keywords / sizeof keywords[0]; i++) {
		const char *w = keywords[i].words;

		if (strchr(w, ' ') != NULL ? strcmp(two, w) == 0 : strcmp(tk->t[0], w) == 0) {
			*used = strchr(w, ' ') != NULL ? 2 : 1;
			*en = keywords[i].en;
			return keywords[i].cmd;
		}
	}
	return CMD_NONE;
}

/* The first dossier code in tk->t[from..to): 1 with code filled, else 0. */
static int
find_code(struct q *q, const struct toks *tk, int from, int to, char code[CODE_MAX])
{
	char buf[256];
	int i, len;

	for (i = from; i < to; i++) {
		for (len = CODE_WORDS; len >= 1; len--) {
			if (i + len > to || digits_in(tk, i, i + len) < 5 ||
			    join(tk, i, i + len, buf, sizeof buf) != 0)
				continue;
			if (code_parse(buf, store_office(q->st), code, NULL) == MC_OK)
				return 1;
		}
	}
	code[0] = '\0';
	return 0;
}

/* ---------------------------------------------------------------- commands */

static int
answer_help(struct q *q)
{
	struct notice_vars vs;

	notice_vars_init(&vs);
	return say(q, QUERY_HELP, "help", &vs);
}

static int
answer_unclear(struct q *q, enum query_kind kind)
{
	struct notice_vars vs;

	if (count_failure(q))
		return MC_OK;
	notice_vars_init(&vs);
	return say(q, kind, kind == QUERY_BAD_CODE ? "bad-code" : "unclear", &vs);
}

struct extension {
	mc_minute old_due;
	int seen;
};

static int
first_extension(const struct dossier_event *ev, void *ctx)
{
	struct extension *x = ctx;
	const char *v;

	if (ev->kind != EV_EXTENDED)
		return 0;
	v = json_string_value(json_object_get(ev->payload, "old_due"));
	if (v != NULL && mc_time_parse(v, &x->old_due) == 0)
		x->seen = 1;
	return x->seen;
}

/* May the sender look up code, which is not its own (found: 1 a dossier of another
 * number, 0 no such dossier)?  *allowed 1 (the look-up then among the reply's
 * effects, unless it is a repeat), or 0 with the refusal in the reply. */
static int
may_look_up(struct q *q, const char *code, int found, int *allowed)
{
	struct query_limits l;
	struct notice_vars vs;
	enum query_verdict v;
	char n[16];
	int rc;

	*allowed = 1;
	query_limits_get(q->st, &l);
	if ((rc = query_lookup_check(q->st, &l, q->out->number, code, q->now, &v, q->err)) != MC_OK)
		return rc;
	if (v == QUERY_LOOKUP_NEW) {
		q->out->effects |= QUERY_DO_LOOKUP;
		q->out->lookup_found = found;
	}
	if (v == QUERY_LOOKUP_NEW || v == QUERY_LOOKUP_AGAIN)
		return MC_OK;
	*allowed = 0;
	notice_vars_init(&vs);
	if (v == QUERY_LOOKUP_LIMIT_NUMBER) {
		snprintf(n, sizeof n, "%d", (l.window + 59) / 60);
		notice_vars_set(&vs, "hours", n);
		rc = say(q, QUERY_LIMITED, "limit-number", &vs);
	} else {
		snprintf(n, sizeof n, "%d", l.overall_window);
		notice_vars_set(&vs, "minutes", n);
		rc = say(q, QUERY_LIMITED, "limit-overall", &vs);
	}
	if (rc == MC_OK && !q->out->silent)
		snprintf(q->out->why, sizeof q->out->why, v == QUERY_LOOKUP_LIMIT_NUMBER ?
		    "refused: this number looked up %d dossiers not its own in %d minutes" :
		    "refused: %d look-ups of dossiers by numbers not their own in %d minutes",
		    v == QUERY_LOOKUP_LIMIT_NUMBER ? l.per_number : l.overall,
		    v == QUERY_LOOKUP_LIMIT_NUMBER ? l.window : l.overall_window);
	return rc;
}

/* Read code into d and fill the reply's code and owner; MC_ENOTFOUND when there is
 * nothing more to say: an unknown code (the failure counted), or a look-up refused
 * (the reply written either way). */
static int
load_dossier(struct q *q, const char *code, struct dossier *d)
{
	struct notice_vars vs;
	struct mc_error e;
	int rc, allowed;

	mc_error_clear(&e);
	if ((rc = dossier_get(q->st, code, d, &e)) == MC_ENOTFOUND) {
		snprintf(q->out->code, sizeof q->out->code, "%s", code);
		if (count_failure(q))
			return MC_ENOTFOUND;
		if ((rc = may_look_up(q, q->out->code, 0, &allowed)) != MC_OK)
			return rc;
		if (allowed) {
			notice_vars_init(&vs);
			notice_vars_set(&vs, "code", code);
			if ((rc = say(q, QUERY_UNKNOWN_CODE, "unknown-code", &vs)) != MC_OK)
				return rc;
		}
		return MC_ENOTFOUND;
	}
	if (rc != MC_OK)
		return mc_fail(q->err, rc, "%s", mc_message(&e));
	snprintf(q->out->code, sizeof q->out->code, "%s", d->code);
	q->out->owner = d->phone[0] != '\0' && strcmp(d->phone, q->out->number) == 0;
	if (!q->out->owner) {
		if ((rc = may_look_up(q, d->code, 1, &allowed)) != MC_OK)
			return rc;
		if (!allowed)
			return MC_ENOTFOUND;
	}
	slow_down(q);
	return MC_OK;
}

static int
answer_status(struct q *q, const char *code)
{
	struct notice_vars vs;
	struct dossier d;
	struct extension x = { .seen = 0 };
	char items[600];
	const char *key;
	int rc, owner;

	if ((rc = load_dossier(q, code, &d)) != MC_OK)
		return rc == MC_ENOTFOUND ? MC_OK : rc;
	owner = q->out->owner;
	notice_vars_init(&vs);
	if ((rc = notice_vars_dossier(q->st, &q->style, &d, &vs, q->err)) != MC_OK)
		return rc;
	switch (d.status) {
	case ST_READY:
		key = "status-ready";
		break;
	case ST_RETURNED:
		key = "status-returned";
		break;
	case ST_REFUSED:
	case ST_WITHDRAWN:
	case ST_STOPPED:
		key = "status-closed";
		break;
	case ST_SUPPLEMENT:
		key = "status-supplement";
		if (owner) {
			notice_supplement_items(q->st, d.code, items, sizeof items);
			notice_vars_set(&vs, "items", items);
			key = "status-supplement-own";
		}
		break;
	default:
		if (d.due_at < q->now)
			key = "status-late";
		else if (d.extensions > 0) {
			dossier_each_event(q->st, d.code, first_extension, &x, NULL);
			if (x.seen) {
				char buf[MC_TIME_BUF];

				mc_date_format_vn(mc_day_of(x.old_due), buf);
				notice_vars_set(&vs, "old_due", buf);
			}
			key = x.seen ? "status-extended" : owner ? "status-own" : "status";
		} else
			key = owner ? "status-own" : "status";
	}
	return say(q, QUERY_STATUS, key, &vs);
}

/* ---- procedure information */

struct found {
	char codes[INFO_LIST + 3][48];
	char names[INFO_LIST + 3][200];
	int n;
	int exact;		/* index of a name equal to the query, -1 */
	const char *folded;	/* the query, folded */
};

static int
collect(const struct procedure *p, void *ctx)
{
	struct found *f = ctx;
	char *fn;

	if (f->n < INFO_LIST + 3) {
		snprintf(f->codes[f->n], sizeof f->codes[0], "%s", p->code);
		text_copy(f->names[f->n], sizeof f->names[0], p->name != NULL ? p->name : "");
		if (f->exact < 0 && (fn = text_fold(f->names[f->n])) != NULL) {
			if (strcmp(fn, f->folded) == 0)
				f->exact = f->n;
			free(fn);
		}
	}
	f->n++;
	return 0;
}

/* A document's name, short: up to the first ", ", " (" or "; ". */
static void
short_doc(const char *name, char *buf, size_t n)
{
	static const char *const stops[] = { ", ", " (", "; ", " - " };
	size_t k = strlen(name), i;
	const char *p;

	for (i = 0; i < sizeof stops / sizeof stops[0]; i++)
		if ((p = strstr(name, stops[i])) != NULL && (size_t)(p - name) < k)
			k = (size_t)(p - name);
	k = text_cut(name, k < n ? k : n - 1);
	memcpy(buf, name, k);
	buf[k] = '\0';
}

/* An amount of dong with '.' between thousands: 200000 -> "200.000". */
static void
amount(long v, char *buf, size_t n)
{
	char digits[32], out[48];
	int len, i, j = 0;

	len = snprintf(digits, sizeof digits, "%ld", v < 0 ? -v : v);
	for (i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			out[j++] = '.';
		out[j++] = digits[i];
	}
	out[j] = '\0';
	text_copy(buf, n, out);
}

static int
answer_procedure(struct q *q, const char *pcode)
{
	struct notice_vars vs, tv;
	struct procedure p;
	char key[32], n[32], time[64], fee[64], docs[1200], one[120];
	size_t used = 0;
	int rc, i;

	memset(&p, 0, sizeof p);
	if ((rc = catalog_get(q->st, pcode, &p, q->err)) != MC_OK) {
		procedure_free(&p);
		return rc;
	}
	notice_vars_init(&tv);
	snprintf(n, sizeof n, "%d", p.time_value);
	notice_vars_set(&tv, "n", n);
	snprintf(key, sizeof key, "time.%s", time_unit_name(p.unit));
	word(q, key, &tv, time, sizeof time);
	if (p.fee > 0) {
		amount(p.fee, n, sizeof n);
		notice_vars_set(&tv, "amount", n);
		word(q, "fee", &tv, fee, sizeof fee);
	} else
		word(q, "fee.free", &tv, fee, sizeof fee);
	docs[0] = '\0';
	for (i = 0; i < p.ndocs; i++) {
		short_doc(p.docs[i].name, one, sizeof one);
		if (used + strlen(one) + 3 >= sizeof docs)
			break;
		used += (size_t)snprintf(docs + used, sizeof docs - used, "%s%s", i > 0 ? "; " : "", one);
	}
	notice_vars_init(&vs);
	notice_vars_set(&vs, "procedure", p.name);
	notice_vars_set(&vs, "pcode", p.code);
	notice_vars_set(&vs, "time", time);
	notice_vars_set(&vs, "fee", fee);
	notice_vars_set(&vs, "docs", docs);
	procedure_free(&p);
	return say(q, QUERY_INFO, "info", &vs);
}

/* "1001193" (typed on a keypad), "1.001193" or a local variant's
 * "2.000815.000.00.00.H55": the catalogue code, else "". */
static void
procedure_code(const char *s, char out[48])
{
	char agency[CATALOG_CODE_MAX];
	size_t n = strlen(s), i;

	out[0] = '\0';
	if (n > 8 && catalog_code_parse(s, out, agency) == MC_OK)
		return;
	out[0] = '\0';
	if (n == 8 && isdigit((unsigned char)s[0]) && s[1] == '.') {
		for (i = 2; i < n && isdigit((unsigned char)s[i]); i++)
			;
		if (i == n)
			memcpy(out, s, n + 1);
	} else if (n == 7 && strspn(s, "0123456789") == n) {
		out[0] = s[0];
		out[1] = '.';
		memcpy(out + 2, s + 1, n);
	}
}

static int
answer_info(struct q *q, const struct toks *tk, int from)
{
	struct notice_vars vs;
	struct found f;
	struct dossier d;
	char words[400], code[CODE_MAX], pcode[48], list[800], cnt[16];
	size_t used = 0;
	int rc, i;

	notice_vars_init(&vs);
	if (from >= tk->n || join(tk, from, tk->n, words, sizeof words) != 0)
		return say(q, QUERY_INFO, "info-usage", &vs);
	procedure_code(words, pcode);
	if (pcode[0] != '\0') {
		rc = answer_procedure(q, pcode);
		if (rc != MC_ENOTFOUND)
			return rc;
		return say(q, QUERY_INFO, "info-none", &vs);
	}
	/* The dossier's own phone may ask about its procedure by the dossier's code. */
	if (find_code(q, tk, from, tk->n, code)) {
		if (dossier_get(q->st, code, &d, NULL) == MC_OK && d.phone[0] != '\0' &&
		    strcmp(d.phone, q->out->number) == 0 &&
		    (rc = answer_procedure(q, d.procedure)) != MC_ENOTFOUND)
			return rc;
		return say(q, QUERY_INFO, "info-usage", &vs);
	}
	memset(&f, 0, sizeof f);
	f.exact = -1;
	f.folded = words;
	if ((rc = catalog_each(q->st, words, 0, collect, &f, q->err)) != MC_OK) {
		if (rc == MC_EUTF8)
			return say(q, QUERY_INFO, "info-none", &vs);
		return rc;
	}
	if (f.n == 0)
		return say(q, QUERY_INFO, "info-none", &vs);
	if (f.exact >= 0 || f.n == 1)
		return answer_procedure(q, f.codes[f.exact >= 0 ? f.exact : 0]);
	list[0] = '\0';
	for (i = 0; i < f.n && i < INFO_LIST; i++) {
		char name[64];
		size_t k = strlen(f.names[i]);

		/* a long name, to its last whole word within 40 bytes */
		if (k > 40) {
			for (k = 40; k > 0 && f.names[i][k] != ' '; k--)
				;
			k = text_cut(f.names[i], k > 0 ? k : 40);
		}
		snprintf(name, sizeof name, "%.*s%s", (int)k, f.names[i], f.names[i][k] != '\0' ? "..." : "");
		used += (size_t)snprintf(list + used, sizeof list - used, "%s%s %s",
		    i > 0 ? "; " : "", f.codes[i], name);
	}
	snprintf(cnt, sizeof cnt, "%d", f.n);
	notice_vars_set(&vs, "count", cnt);
	notice_vars_set(&vs, "list", list);
	return say(q, QUERY_INFO, "info-many", &vs);
}

/* ---- rating */

static int
rating_of(const char *t)
{
	return t[0] >= '1' && t[0] <= '4' && t[1] == '\0' ? t[0] - '0' : 0;
}

/* May the sender rate code?  1 with d filled; 0 with the refusal in the reply. */
static int
rateable(struct q *q, const char *code, struct dossier *d, int *rc)
{
	struct notice_vars vs;

	*rc = MC_OK;
	if ((*rc = load_dossier(q, code, d)) != MC_OK) {
		if (*rc == MC_ENOTFOUND)
			*rc = MC_OK;
		return 0;
	}
	notice_vars_init(&vs);
	notice_vars_set(&vs, "code", d->code);
	if (!q->out->owner)
		*rc = say(q, QUERY_RATE, "rate-not-owner", &vs);
	else if (d->status != ST_RETURNED)
		*rc = say(q, QUERY_RATE, "rate-not-returned", &vs);
	else if (d->rating > 0)
		*rc = say(q, QUERY_RATE, "rate-done", &vs);
	else
		return 1;
	return 0;
}

static int
rate(struct q *q, const char *code, int rating)
{
	struct notice_vars vs;
	struct dossier d;
	char key[16], words[64];
	int rc;

	if (!rateable(q, code, &d, &rc))
		return rc;
	notice_vars_init(&vs);
	snprintf(key, sizeof key, "rating.%d", rating);
	word(q, key, &vs, words, sizeof words);
	notice_vars_set(&vs, "code", d.code);
	notice_vars_set(&vs, "rating", words);
	q->out->effects |= QUERY_DO_RATE;
	q->out->rating = rating;
	return say(q, QUERY_RATE, "rated", &vs);
}

static int
answer_rate(struct q *q, const struct toks *tk, int from)
{
	struct notice_vars vs;
	char code[CODE_MAX];
	int rating = 0, to = tk->n;

	notice_vars_init(&vs);
	if (to > from && (rating = rating_of(tk->t[to - 1])) > 0)
		to--;
	else if (to > from && (rating = rating_of(tk->t[from])) > 0)
		from++;
	if (rating == 0 || !find_code(q, tk, from, to, code))
		return say(q, QUERY_RATE, "rate-usage", &vs);
	return rate(q, code, rating);
}

static int
answer_opt(struct q *q, int out)
{
	struct notice_vars vs;

	notice_vars_init(&vs);
	q->out->effects |= out ? QUERY_DO_OPTOUT : QUERY_DO_OPTIN;
	return say(q, out ? QUERY_OPTOUT : QUERY_OPTIN, out ? "optout" : "optin", &vs);
}

/* ---------------------------------------------------------------- the entry points */

/* Fill what every answer starts from; 1 when the answer is already a silence. */
static int
begin(struct q *q, struct store *st, const char *number, mc_minute now,
    struct query_reply *out, struct mc_error *err, int *rc)
{
	mc_day today = mc_day_of(now);
	int y, m, d;

	memset(out, 0, sizeof *out);
	out->blocked_until = MC_TIME_NONE;
	out->window_start = MC_TIME_NONE;
	memset(q, 0, sizeof *q);
	q->st = st;
	q->now = now;
	q->out = out;
	q->err = err;
	*rc = MC_OK;
	notice_style_get(st, &q->style);
	mc_civil_from_day(today, &y, &m, &d);
	snprintf(q->example, sizeof q->example, "%02d%02d%02d-0001", y % 100, m, d);
	if (code_format(store_office(st), today, 1, q->example_full) != MC_OK)
		snprintf(q->example_full, sizeof q->example_full, "000.00.00.H00-%s", q->example);
	if (!phone_recipient(number, out->number)) {
		silence(q, QUERY_NOT_PHONE, "the sender is not a phone number that can get a reply");
		return 1;
	}
	if ((*rc = throttle_load(q)) != MC_OK)
		return 1;
	return 0;
}

/* Fold text (any bytes) for reading; NULL only when memory ran out. */
static char *
fold_any(const char *text)
{
	char *plain, *folded;

	if ((folded = text_fold(text)) != NULL)
		return folded;
	if ((plain = notice_gsm7(text)) == NULL)	/* malformed UTF-8 or controls */
		return NULL;
	folded = text_fold(plain);
	free(plain);
	return folded;
}

/* The reply cut to what one answer may take. */
static int
finish(struct q *q)
{
	char *fit;

	if (q->out->silent || q->out->text[0] == '\0')
		return MC_OK;
	if ((fit = notice_fit(q->out->text, notice_max_parts(q->st, NOTICE_REPLY))) == NULL)
		return mc_fail(q->err, MC_ENOMEM, NULL);
	text_copy(q->out->text, sizeof q->out->text, fit);
	free(fit);
	return MC_OK;
}

int
query_answer(struct store *st, const char *number, const char *text, mc_minute now,
    struct query_reply *out, struct mc_error *err)
{
	struct q q;
	struct toks tk;
	enum command cmd;
	char *folded, code[CODE_MAX];
	int rc, used, en;

	if (begin(&q, st, number, now, out, err, &rc))
		return rc;
	if ((folded = fold_any(text != NULL ? text : "")) == NULL)
		return mc_fail(err, MC_ENOMEM, NULL);
	tokenize(folded, &tk);
	if (tk.n == 0) {
		free(folded);
		silence(&q, QUERY_EMPTY, "empty message");
		return MC_OK;
	}
	cmd = keyword(&tk, &used, &en);
	/* "Huy" or "Ngung" may begin a sentence about a dossier: with a code, it is a query */
	if ((cmd == CMD_OPTOUT || cmd == CMD_OPTIN) && digits_in(&tk, 0, tk.n) >= 6) {
		cmd = CMD_NONE;
		used = 0;
	}
	if (q.blocked != MC_TIME_NONE && cmd != CMD_OPTOUT && cmd != CMD_OPTIN) {
		free(folded);
		silence(&q, QUERY_BLOCKED, "ignored: blocked for too many unknown codes");
		return MC_OK;
	}
	if (en)
		snprintf(q.style.lang, sizeof q.style.lang, "en");
	switch (cmd) {
	case CMD_HELP:
		rc = answer_help(&q);
		break;
	case CMD_INFO:
		rc = answer_info(&q, &tk, used);
		break;
	case CMD_RATE:
		rc = answer_rate(&q, &tk, used);
		break;
	case CMD_OPTOUT:
	case CMD_OPTIN:
		rc = answer_opt(&q, cmd == CMD_OPTOUT);
		break;
	case CMD_STATUS:
	case CMD_NONE:
		if (find_code(&q, &tk, used, tk.n, code))
			rc = answer_status(&q, code);
		else
			rc = answer_unclear(&q, cmd == CMD_STATUS || digits_in(&tk, used, tk.n) >= 6 ?
			    QUERY_BAD_CODE : QUERY_UNCLEAR);
		break;
	default:
		rc = answer_help(&q);
	}
	free(folded);
	if (rc != MC_OK)
		return rc;
	return finish(&q);
}

/* ---------------------------------------------------------------- USSD */

/* Prefix the reply with "CON " or "END " and keep the whole answer within
 * QUERY_USSD_MAX septets (a long one is cut at a word, with "..."). */
static void
ussd_screen(struct q *q, int more)
{
	char screen[QUERY_TEXT_MAX + 8];
	const char *p;
	int sum[QUERY_TEXT_MAX + 1], room = QUERY_USSD_MAX - 4, k, j, len, cut, n;
	int32_t cp;

	if (q->out->silent) {	/* a session must be answered: say it is paused */
		struct notice_vars vs;

		notice_vars_init(&vs);
		q->out->silent = 0;
		if (say(q, q->out->kind, "blocked", &vs) != MC_OK || q->out->silent)
			snprintf(q->out->text, sizeof q->out->text, "-");
		q->out->silent = 0;
		more = 0;
	}
	p = q->out->text;	/* GSM-7 already: USSD is always unaccented */
	n = (int)strlen(p);
	/* sum[k]: the septets before byte k where a character starts, -1 inside one */
	sum[0] = 0;
	for (k = 0; k < n; k += len) {
		if ((len = text_next(p + k, (size_t)(n - k), &cp)) < 0)
			len = 1;
		for (j = 1; j < len; j++)
			sum[k + j] = -1;
		sum[k + len] = sum[k] + (notice_gsm7_char((uint32_t)cp) == 2 ? 2 : 1);
	}
	if (sum[n] <= room) {
		snprintf(screen, sizeof screen, "%s %s", more ? "CON" : "END", p);
	} else {
		for (cut = n; cut > 0 && (sum[cut] < 0 || sum[cut] + 3 > room); cut--)
			;
		for (k = cut; k > 0 && cut - k < 30 && p[k - 1] != ' ' && p[k - 1] != '\n'; k--)
			;
		if (k > 0 && cut - k < 30)
			cut = k;
		while (cut > 0 && strchr(" \n,;:.-", p[cut - 1]) != NULL)
			cut--;
		snprintf(screen, sizeof screen, "%s %.*s...", more ? "CON" : "END", cut, p);
	}
	text_copy(q->out->text, sizeof q->out->text, screen);
}

static int
ussd_say(struct q *q, const char *key, int more, struct notice_vars *vs)
{
	int rc = say(q, more ? QUERY_MENU : q->out->kind, key, vs);

	if (rc == MC_OK)
		ussd_screen(q, more);
	return rc;
}

/* The inputs of a USSD text ("3*KEY*1"), split at '*' and trimmed in place: how many. */
static int
ussd_inputs(char *p, char *in[USSD_INPUTS])
{
	char *star, *e;
	int n = 0;

	while (n < USSD_INPUTS) {
		if ((star = strchr(p, '*')) != NULL)
			*star = '\0';
		while (*p == ' ')
			p++;
		for (e = p + strlen(p); e > p && e[-1] == ' '; )
			*--e = '\0';
		in[n++] = p;
		if (star == NULL)
			break;
		p = star + 1;
	}
	return n;
}

/* The menu's third choice, a rating: the dossier's code (in[1]), then the mark (in[2]). */
static int
ussd_rating(struct q *q, int n, char *const *in, struct notice_vars *vs, struct mc_error *err)
{
	struct toks tk;
	struct dossier d;
	char *folded, code[CODE_MAX];
	int rc, mark;

	if (n < 2 || in[1][0] == '\0')
		return ussd_say(q, "ussd.ask-code", 1, vs);
	if ((folded = fold_any(in[1])) == NULL)
		return mc_fail(err, MC_ENOMEM, NULL);
	tokenize(folded, &tk);
	if (!find_code(q, &tk, 0, tk.n, code)) {
		if ((rc = answer_unclear(q, QUERY_BAD_CODE)) == MC_OK)
			ussd_screen(q, 0);
	} else if (n < 3) {
		if (rateable(q, code, &d, &rc)) {
			notice_vars_set(vs, "code", d.code);
			rc = ussd_say(q, "ussd.ask-rating", 1, vs);
		} else if (rc == MC_OK)
			ussd_screen(q, 0);
	} else if ((mark = rating_of(in[2])) == 0) {
		q->out->kind = QUERY_RATE;
		rc = ussd_say(q, "ussd.bad-choice", 0, vs);
	} else if ((rc = rate(q, code, mark)) == MC_OK)
		ussd_screen(q, 0);
	free(folded);
	return rc;
}

int
query_ussd(struct store *st, const char *number, const char *text, mc_minute now,
    struct query_reply *out, struct mc_error *err)
{
	struct q q;
	struct notice_vars vs;
	struct toks tk;
	char *buf, *in[USSD_INPUTS], *p, *folded = NULL, code[CODE_MAX];
	int rc, n, choice;

	if (begin(&q, st, number, now, out, err, &rc)) {
		if (rc == MC_OK)
			ussd_screen(&q, 0);
		return rc;
	}
	q.ussd = 1;
	q.style.accents = 0;
	if ((buf = notice_gsm7(text != NULL ? text : "")) == NULL)
		return mc_fail(err, MC_ENOMEM, NULL);
	n = ussd_inputs(buf, in);
	notice_vars_init(&vs);
	choice = n >= 1 && in[0][0] != '\0' && in[0][1] == '\0' ? in[0][0] - '0' : in[0][0] == '\0' ? 0 : -1;
	if (q.blocked != MC_TIME_NONE && !(choice == 4)) {
		silence(&q, QUERY_BLOCKED, "ignored: blocked for too many unknown codes");
		ussd_screen(&q, 0);
		free(buf);
		return MC_OK;
	}
	q.out->kind = QUERY_MENU;
	switch (choice) {
	case 0:		/* the first request: the menu */
		p = store_setting(st, "office.name");
		notice_vars_set(&vs, "office", p != NULL && *p != '\0' ? p : "Mot cua");
		free(p);
		rc = ussd_say(&q, "ussd.menu", 1, &vs);
		break;
	case 1:		/* status */
		if (n < 2 || in[1][0] == '\0') {
			rc = ussd_say(&q, "ussd.ask-code", 1, &vs);
			break;
		}
		if ((folded = fold_any(in[1])) == NULL) {
			rc = mc_fail(err, MC_ENOMEM, NULL);
			break;
		}
		tokenize(folded, &tk);
		if (find_code(&q, &tk, 0, tk.n, code))
			rc = answer_status(&q, code);
		else
			rc = answer_unclear(&q, QUERY_BAD_CODE);
		if (rc == MC_OK)
			ussd_screen(&q, 0);
		break;
	case 2:		/* procedure information */
		if (n < 2 || in[1][0] == '\0') {
			rc = ussd_say(&q, "ussd.ask-procedure", 1, &vs);
			break;
		}
		if ((folded = fold_any(in[1])) == NULL) {
			rc = mc_fail(err, MC_ENOMEM, NULL);
			break;
		}
		tokenize(folded, &tk);
		rc = answer_info(&q, &tk, 0);
		if (rc == MC_OK)
			ussd_screen(&q, 0);
		break;
	case 3:		/* rating: the code, then the mark */
		rc = ussd_rating(&q, n, in, &vs, err);
		break;
	case 4:		/* notices on or off */
		if (n < 2 || in[1][0] == '\0') {
			rc = ussd_say(&q, "ussd.sms-menu", 1, &vs);
			break;
		}
		if (strcmp(in[1], "1") == 0 || strcmp(in[1], "2") == 0) {
			if ((rc = answer_opt(&q, in[1][0] == '1')) == MC_OK)
				ussd_screen(&q, 0);
			break;
		}
		/* fall through */
	default:
		if (q.blocked != MC_TIME_NONE) {
			silence(&q, QUERY_BLOCKED, "ignored: blocked for too many unknown codes");
			ussd_screen(&q, 0);
			rc = MC_OK;
			break;
		}
		q.out->kind = QUERY_UNCLEAR;
		rc = ussd_say(&q, "ussd.bad-choice", 0, &vs);
	}
	free(folded);
	free(buf);
	return rc;
}

/* ---------------------------------------------------------------- effects */

int
query_apply(struct store *st, const struct query_reply *r, mc_minute now,
    struct mc_error *err)
{
	struct event_args a;
	int rc;

	if ((rc = query_limits_apply(st, r, now, err)) != MC_OK)
		return rc;
	if ((r->effects & QUERY_DO_OPTOUT) &&
	    (rc = smsq_optout(st, r->number, mc_second_at(now), err)) != MC_OK)
		return rc;
	if ((r->effects & QUERY_DO_OPTIN) && (rc = smsq_optin(st, r->number, err)) != MC_OK)
		return rc;
	if (r->effects & QUERY_DO_RATE) {
		event_args_init(&a);
		a.rating = r->rating;
		rc = dossier_append(st, r->code, EV_RATED, &a, "sms", err);
		if (rc != MC_OK)
			return rc;
	}
	return MC_OK;
}

int
query_handle(struct store *st, long id, mc_minute now, long *reply, struct mc_error *err)
{
	struct query_reply *r;
	struct notice_out m;
	sqlite3_stmt *s;
	char *number = NULL, *body = NULL, status[16] = "";
	const char *note;
	long rid = 0;
	int rc;

	if (reply != NULL)
		*reply = 0;
	if ((rc = store_prepare(st, "SELECT number, body, status FROM sms_in WHERE id = ?1",
	    &s, err)) != MC_OK)
		return rc;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		number = store_col_dup(s, 0);
		body = store_col_dup(s, 1);
		store_col_copy(s, 2, status, sizeof status);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW) {
		free(number);
		free(body);
		return rc == SQLITE_DONE ? mc_fail(err, MC_ENOTFOUND, _("no incoming message %ld"), id) :
		    store_error(st, rc, err);
	}
	if (number == NULL || body == NULL || (r = malloc(sizeof *r)) == NULL) {
		free(number);
		free(body);
		return mc_fail(err, MC_ENOMEM, NULL);
	}
	if (strcmp(status, "new") != 0) {
		rc = MC_OK;
		goto out;
	}
	if ((rc = query_answer(st, number, body, now, r, err)) != MC_OK)
		goto out;
	rc = query_apply(st, r, now, err);
	if (rc == MC_ETRANSITION || rc == MC_EINVAL) {	/* a rating that lost a race */
		r->effects = 0;
		rc = MC_OK;
	}
	if (rc != MC_OK)
		goto out;
	if ((rc = store_begin(st, err)) != MC_OK)
		goto out;
	note = r->silent ? r->why : "";
	if (!r->silent) {
		memset(&m, 0, sizeof m);
		m.number = r->number;
		m.kind = NOTICE_REPLY;
		m.body = r->text;
		m.code = r->code;
		m.not_before = r->delay > 0 ? now + r->delay : MC_TIME_NONE;
		if ((rc = notice_queue(st, &m, now, &rid, err)) != MC_OK) {
			if (store_failure(rc) && rc != MC_EIO)
				goto fail;
			note = "the reply could not be queued";
			rc = MC_OK;
		}
	}
	/* (a note the message came with -- "incomplete: 2 of 3 parts" -- is kept) */
	if ((rc = store_prepare(st, "UPDATE sms_in SET status = ?2, reply = ?3, note = CASE "
	    "WHEN note = '' THEN ?4 WHEN ?4 = '' THEN note ELSE note || '; ' || ?4 END "
	    "WHERE id = ?1 AND status = 'new'", &s, err)) != MC_OK)
		goto fail;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, r->silent ? "ignored" : rid > 0 ? "answered" : "failed", -1, SQLITE_STATIC);
	if (rid > 0)
		sqlite3_bind_int64(s, 3, rid);
	sqlite3_bind_text(s, 4, note, -1, SQLITE_TRANSIENT);
	if ((rc = store_step_done(st, s, err)) != MC_OK)
		goto fail;
	if ((rc = store_commit(st, err)) != MC_OK)
		goto out;
	if (reply != NULL)
		*reply = rid;
	goto out;
fail:
	store_rollback(st);
out:
	free(r);
	free(number);
	free(body);
	return rc;
}
