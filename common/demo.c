/* demo.c -- the demo office: invented applicants and the lives of their dossiers.
 *
 * demo_generate() works in three steps:
 *  1. load the name and place tables (data/demo/names.txt, places.txt), the
 *     calendar and the catalogue once;
 *  2. plan the days: every working day of the last twelve months (more when the
 *     dossiers would not fit in the 9,999 codes a day allows) gets a share of the
 *     dossiers by weekday, month and chance; inside a day, receipt times fall in
 *     office hours, more in the morning;
 *  3. receive the dossiers day by day, minute by minute, and let each one live
 *     (live()): a plan of events drawn from rough real-world shares, each event
 *     built like dossier.c builds it, applied with lifecycle_apply() and stored with
 *     dossier_store_event(); the row is written once, after its last event.  An event
 *     that would fall after mc_now() ends the plan there: recent dossiers stay open.
 *
 * Everything random comes from one splitmix64 stream seeded by the caller, so a seed
 * gives the same data for the same store and the same mc_now().  Memory does not grow
 * with the number of dossiers: one dossier is alive at a time.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "auth.h"
#include "calendar.h"
#include "catalog.h"
#include "code.h"
#include "demo.h"
#include "dossier.h"
#include "i18n.h"
#include "store.h"
#include "text.h"

#define BATCH 5000		/* dossiers per transaction */
#define PROGRESS_EVERY 1000	/* dossiers between calls of the progress function */
#define DAY_CODES 9999		/* codes an office can give out in a day */
#define DAY_COMFORT 9000	/* the most dossiers a planned day should expect */
#define MAX_YEARS 20		/* how far back the plan may reach for room */
#define MAX_GROUP 8		/* procedures in a linked group */
#define RECENT_DAYS 21		/* received this recently: a backlog makes lateness likelier */

/* Shares of what happens, per dossier (rough figures for a rural commune). */
#define P_FEE_PAID	0.96	/* the fee is paid at the counter */
#define P_DIGITISED	0.55	/* the inputs are scanned */
#define P_REFUSED	0.015
#define P_WITHDRAWN	0.006
#define P_STOPPED	0.003
#define P_STUCK		0.004	/* lost in a drawer: never finished */
#define P_SUPPLEMENT	0.075
#define P_NEVER_BACK	0.12	/* of those asked for a supplement */
#define P_SECOND_ASK	0.10
#define P_LATE		0.075
#define P_LATE_RECENT	0.20
#define P_APOLOGY	0.35	/* of the late ones: an extension before the due time */
#define P_DUE_DAY	0.35	/* of the others taking days: finished on the due day */
#define P_LINKED	0.25	/* a group's first procedure is filed with its group */
#define P_RATED		0.35
#define P_COLLECTOR	0.15	/* someone else collects the result */
#define P_PHONE		0.97
#define P_SMS		0.70	/* of those with a phone */
#define P_EMAIL		0.04
#define P_NEARBY	0.10	/* lives outside the commune */
#define P_NOTE		0.02

/* How often each procedure is asked for, relative to the others, and the applicant's
 * age.  Catalogue codes match by their national part (1.004873 matches the local
 * variant 1.004873.000.00.00.H14); procedures not listed get OTHER_WEIGHT. */
static const struct mix {
	const char *code;
	double weight;
	int min_age, max_age;
} mix[] = {
	{ "2.000815", 44, 18, 80 },	/* chứng thực bản sao từ bản chính */
	{ "1.001193", 12, 20, 42 },	/* đăng ký khai sinh (a parent) */
	{ "2.000884", 10, 18, 80 },	/* chứng thực chữ ký */
	{ "1.000656", 6, 25, 75 },	/* đăng ký khai tử (a relative) */
	{ "1.000894", 5, 20, 38 },	/* đăng ký kết hôn */
	{ "1.004222", 2, 18, 70 },	/* đăng ký thường trú (and with births, linked) */
	{ "1.004194", 4, 18, 60 },	/* đăng ký tạm trú */
	{ "1.004873", 3.5, 20, 60 },	/* xác nhận tình trạng hôn nhân */
	{ "2.000635", 3, 18, 80 },	/* cấp bản sao trích lục hộ tịch */
	{ "2.001035", 2.5, 25, 75 },	/* chứng thực hợp đồng, giao dịch */
	{ "1.004884", 0.8, 18, 80 },	/* đăng ký lại khai sinh */
	{ "1.010038", 0.8, 25, 70 },	/* tách hộ */
	{ "1.001022", 0.4, 20, 60 },	/* đăng ký nhận cha, mẹ, con */
	{ "2.001019", 0.3, 50, 85 },	/* chứng thực di chúc */
	{ "1.004837", 0.2, 25, 70 },	/* đăng ký giám hộ */
	{ "1.004746", 0.2, 25, 70 },	/* đăng ký lại kết hôn */
};
#define OTHER_WEIGHT 0.3

/* Who receives at the counter, who signs apologies and stops. */
static const char *const officers[] = { "canbo1", "canbo2" };
#define HEAD "truongbp"

/* Where a dossier of a procedure without an agency goes to be worked on. */
#define DEFAULT_HANDLER "Công chức Tư pháp - Hộ tịch"

const struct demo_user demo_users[] = {
	{ "admin", ROLE_ADMIN, "Quản trị hệ thống" },
	{ HEAD, ROLE_HEAD, "Nguyễn Thị Thu Hà" },
	{ "canbo1", ROLE_OFFICER, "Trần Văn Bình" },
	{ "canbo2", ROLE_OFFICER, "Phạm Thị Lan" },
	{ NULL, ROLE_OFFICER, NULL },
};

/* What officials write, as they would type it (data, not messages to translate). */
static const char *const refusals[] = {
	"Hồ sơ không thuộc thẩm quyền giải quyết của UBND xã",
	"Người yêu cầu không xuất trình được bản chính để đối chiếu",
	"Bản chính bị tẩy xóa, sửa chữa, không rõ nội dung",
	"Giấy tờ có dấu hiệu giả mạo",
	"Người yêu cầu không đủ năng lực hành vi dân sự",
};
static const char *const missing_items[] = {
	"Bản sao Căn cước của người yêu cầu",
	"Giấy chứng sinh (bản chính)",
	"Giấy xác nhận tình trạng hôn nhân (bản chính)",
	"Giấy tờ chứng minh chỗ ở hợp pháp",
	"Giấy báo tử (bản chính)",
	"Văn bản ủy quyền có chứng thực",
	"Tờ khai có chữ ký của cả hai bên",
};
static const char *const supplement_reasons[] = {
	"Hồ sơ còn thiếu giấy tờ theo quy định",
	"Thông tin trên tờ khai không khớp với giấy tờ tùy thân",
	"Giấy tờ nộp kèm đã hết hạn sử dụng",
};
static const char *const withdrawals[] = {
	"Công dân xin rút hồ sơ để bổ sung sau",
	"Công dân không còn nhu cầu giải quyết",
	"Công dân chuyển sang nộp hồ sơ trực tuyến",
};
static const char *const stops[] = {
	"Có tranh chấp, khiếu nại liên quan đến nội dung hồ sơ",
	"Phát hiện hồ sơ đã được giải quyết tại nơi khác",
	"Theo đề nghị của cơ quan có thẩm quyền",
};
static const char *const delays[] = {
	"Cần xác minh thêm thông tin tại nơi cư trú trước đây",
	"Chờ kết quả xác minh của cơ quan liên quan",
	"Cán bộ phụ trách nghỉ ốm đột xuất",
	"Hệ thống cơ sở dữ liệu hộ tịch bị gián đoạn",
};
static const char *const intake_notes[] = {
	"Nộp thay cho người thân",
	"Công dân cần gấp, đề nghị ưu tiên",
	"Đã hướng dẫn công dân kê khai lại tờ khai",
};
#define NELEM(a) (sizeof (a) / sizeof (a)[0])
#define PICK(r, a) ((a)[rng_below((r), NELEM(a))])
#define NOT_BACK_REASON "Quá thời hạn bổ sung mà công dân không bổ sung hồ sơ"
#define NOT_BACK_WITHDRAWN "Công dân không bổ sung được giấy tờ, xin rút hồ sơ"

/* Mobile prefixes in use (Viettel, VinaPhone, MobiFone, Vietnamobile, Gmobile). */
static const char *const mobile_prefixes[] = {
	"086", "096", "097", "098", "032", "033", "034", "035", "036", "037", "038", "039",
	"088", "091", "094", "081", "082", "083", "084", "085",
	"089", "090", "093", "070", "076", "077", "078", "079",
	"092", "056", "058", "099", "059",
};

/* Dossiers per working day by month (January first): Tết, school enrolment in summer. */
static const double month_factor[12] = {
	1.15, 0.85, 1.0, 1.0, 0.95, 1.1, 1.15, 1.1, 1.0, 1.0, 1.0, 1.1,
};
/* ... and by weekday (Monday first): the week starts busy. */
static const double weekday_factor[7] = { 1.25, 1.05, 1.0, 1.0, 0.9, 0.6, 0.5 };

/* ---------------------------------------------------------------- randomness */

struct rng {
	uint64_t s;
};

static uint64_t
rng_next(struct rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Uniform in [0, 1). */
static double
rng_unit(struct rng *r)
{
	return (double)(rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

/* Uniform in [0, n). */
static size_t
rng_below(struct rng *r, size_t n)
{
	return n == 0 ? 0 : (size_t)(rng_unit(r) * (double)n);
}

/* Uniform in [lo, hi]. */
static long
rng_range(struct rng *r, long lo, long hi)
{
	return hi <= lo ? lo : lo + (long)rng_below(r, (size_t)(hi - lo + 1));
}

static double
rng_between(struct rng *r, double lo, double hi)
{
	return lo + (hi - lo) * rng_unit(r);
}

static int
chance(struct rng *r, double p)
{
	return rng_unit(r) < p;
}

/* ---------------------------------------------------------------- weighted tables */

struct wtable {
	char **text;
	double *cum;		/* cumulative weights */
	int n, cap;
};

static int
wtable_add(struct wtable *w, double weight, char *text)
{
	char **t;
	double *c;

	if (w->n == w->cap) {
		int cap = w->cap > 0 ? w->cap * 2 : 32;

		if ((t = realloc(w->text, (size_t)cap * sizeof *t)) == NULL)
			return -1;
		w->text = t;
		if ((c = realloc(w->cum, (size_t)cap * sizeof *c)) == NULL)
			return -1;
		w->cum = c;
		w->cap = cap;
	}
	w->cum[w->n] = (w->n > 0 ? w->cum[w->n - 1] : 0) + weight;
	w->text[w->n++] = text;
	return 0;
}

static const char *
wtable_pick(const struct wtable *w, struct rng *r)
{
	double x = rng_unit(r) * w->cum[w->n - 1];
	int lo = 0, hi = w->n - 1, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (w->cum[mid] > x)
			hi = mid;
		else
			lo = mid + 1;
	}
	return w->text[lo];
}

static void
wtable_free(struct wtable *w)
{
	int i;

	for (i = 0; i < w->n; i++)
		free(w->text[i]);
	free(w->text);
	free(w->cum);
	memset(w, 0, sizeof *w);
}

struct section {
	const char *name;
	struct wtable *table;
};

/* Read a file of "[section]" lines and "WEIGHT TEXT" lines into the tables of
 * sections; every section must get at least one line. */
static int
load_sections(const char *path, const struct section *sections, size_t nsections,
    struct mc_error *err)
{
	FILE *fp = fopen(path, "r");
	struct wtable *cur = NULL;
	char *line = NULL, *p, *end, *nfc;
	size_t cap = 0, i, len;
	double weight;
	int lineno = 0, rc = MC_OK;

	if (fp == NULL)
		return mc_fail(err, MC_EIO, _("cannot read %s: %s"), path, strerror(errno));
	while (rc == MC_OK && getline(&line, &cap, fp) >= 0) {
		lineno++;
		len = strlen(line);
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r' ||
		    line[len - 1] == ' ' || line[len - 1] == '\t'))
			line[--len] = '\0';
		for (p = line; *p == ' ' || *p == '\t'; p++)
			;
		if (*p == '\0' || *p == '#')
			continue;
		if (!text_valid(p, strlen(p))) {
			rc = mc_fail(err, MC_EUTF8, _("%s: line %d: the text is not valid UTF-8"), path, lineno);
			break;
		}
		if (*p == '[') {
			cur = NULL;
			len = strlen(p);
			for (i = 0; p[len - 1] == ']' && i < nsections; i++)
				if (len == strlen(sections[i].name) + 2 &&
				    strncmp(p + 1, sections[i].name, len - 2) == 0)
					cur = sections[i].table;
			if (cur == NULL)
				rc = mc_fail(err, MC_EINVAL, _("%s: line %d: unknown section %s"), path, lineno, p);
			continue;
		}
		weight = strtod(p, &end);
		if (cur == NULL) {
			rc = mc_fail(err, MC_EINVAL, _("%s: line %d: a line before the first [section]"), path, lineno);
			break;
		}
		if (end == p || !(weight > 0 && weight < 1e9) || (*end != ' ' && *end != '\t')) {
			rc = mc_fail(err, MC_EINVAL, _("%s: line %d: expected a positive weight, a blank and a text"), path, lineno);
			break;
		}
		while (*end == ' ' || *end == '\t')
			end++;
		if ((nfc = text_nfc(end)) == NULL || wtable_add(cur, weight, nfc) != 0) {
			free(nfc);
			rc = mc_fail(err, MC_ENOMEM, NULL);
		}
	}
	free(line);
	fclose(fp);
	for (i = 0; rc == MC_OK && i < nsections; i++)
		if (sections[i].table->n == 0)
			rc = mc_fail(err, MC_EINVAL, _("%s: section [%s] is missing or empty"), path, sections[i].name);
	return rc;
}

/* ---------------------------------------------------------------- the generator */

struct proc {
	char code[48];
	int time_value;
	enum time_unit unit;
	int cutoff;
	long fee;
	char *group;		/* owned; NULL when not linked */
	char *agency;		/* owned; "" when the office handles it */
	int min_age, max_age;
	int members[MAX_GROUP];	/* its group in catalogue order (indices into procs) */
	int nmembers;
	double cum;		/* cumulative weight */
};

struct demo {
	struct store *st;
	const char *office;
	struct calendar cal;
	struct rng rng;
	mc_minute now;
	int now_year;
	int day_minutes;	/* office minutes in a working day */
	struct wtable family, middle[2], given[2];	/* [0] male, [1] female */
	struct wtable province, commune, hamlet, nearby, birth;
	struct proc *procs;
	int nprocs, capprocs;
	long events;
};

/* One dossier being lived. */
struct life {
	struct dossier d;
	const struct proc *p;
	const char *officer;
	mc_minute t;		/* the time of its latest event */
	int future;		/* an event fell after now: the rest has not happened yet */
};

/* t if inside office hours of a working day, else the next opening. */
static mc_minute
open_at(const struct demo *dm, mc_minute t)
{
	const struct calendar *cal = &dm->cal;
	mc_day day = mc_day_of(t);
	int m = mc_minute_of_day(t), i;

	if (cal->nseg == 0)
		return t;
	for (;;) {
		if (calendar_is_working_day(cal, day))
			for (i = 0; i < cal->nseg; i++) {
				if (m < cal->seg[i].from)
					return mc_at(day, cal->seg[i].from);
				if (m < cal->seg[i].to)
					return mc_at(day, m);
			}
		if ((day = calendar_next_working_day(cal, day)) == CAL_NO_DAY)
			return t;
		m = 0;
	}
}

/* The time minutes of office hours after t. */
static mc_minute
work_add(const struct demo *dm, mc_minute t, long minutes)
{
	const struct calendar *cal = &dm->cal;
	int m, i;

	t = open_at(dm, t);
	while (minutes > 0 && cal->nseg > 0) {
		m = mc_minute_of_day(t);
		for (i = 0; i < cal->nseg - 1 && m >= cal->seg[i].to; i++)
			;
		if (minutes < cal->seg[i].to - m)
			return t + minutes;
		minutes -= cal->seg[i].to - m;
		t = open_at(dm, mc_at(mc_day_of(t), cal->seg[i].to));
	}
	return t;
}

/* Office minutes in [a, b). */
static long
work_between(const struct demo *dm, mc_minute a, mc_minute b)
{
	const struct calendar *cal = &dm->cal;
	mc_day day, last = mc_day_of(b);
	long n = 0;
	mc_minute from, to;
	int i;

	for (day = mc_day_of(a); day <= last && a < b; day++) {
		if (!calendar_is_working_day(cal, day))
			continue;
		for (i = 0; i < cal->nseg; i++) {
			from = mc_at(day, cal->seg[i].from);
			to = mc_at(day, cal->seg[i].to);
			if (from < a)
				from = a;
			if (to > b)
				to = b;
			if (to > from)
				n += (long)(to - from);
		}
	}
	return n;
}

/* A time a fraction of the office hours between a and b after a. */
static mc_minute
work_point(const struct demo *dm, mc_minute a, mc_minute b, double frac)
{
	return work_add(dm, a, (long)((double)work_between(dm, a, b) * frac));
}

/* Working days of office time, plus up to a day, as minutes. */
static long
days_of_work(struct demo *dm, long lo, long hi)
{
	return rng_range(&dm->rng, lo, hi) * dm->day_minutes +
	    rng_range(&dm->rng, 0, dm->day_minutes - 1);
}

static void
put_time(json_t *pl, const char *key, mc_minute t)
{
	char buf[MC_TIME_BUF];

	mc_time_format(t, buf);
	json_object_set_new(pl, key, json_string(buf));
}

/* A payload of string pairs: key, value, ..., NULL. */
static json_t *
pairs(const char *key, ...)
{
	json_t *pl = json_object();
	const char *v;
	va_list ap;

	va_start(ap, key);
	for (; pl != NULL && key != NULL; key = va_arg(ap, const char *)) {
		v = va_arg(ap, const char *);
		json_object_set_new(pl, key, json_string(v));
	}
	va_end(ap);
	return pl;
}

/* Append one event of l at (not before its latest event), unless at is after now:
 * then nothing more happens to it.  Takes pl. */
static int
emit(struct demo *dm, struct life *l, enum event_kind kind, mc_minute at, const char *actor,
    json_t *pl, struct mc_error *err)
{
	struct dossier_event ev;
	int rc;

	if (pl == NULL)
		return mc_fail(err, MC_ENOMEM, NULL);
	if (at < l->t)
		at = l->t;
	if (l->future || at > dm->now) {
		l->future = 1;
		json_decref(pl);
		return MC_OK;
	}
	memset(&ev, 0, sizeof ev);
	snprintf(ev.code, sizeof ev.code, "%s", l->d.code);
	ev.kind = kind;
	ev.at = at;
	snprintf(ev.actor, sizeof ev.actor, "%s", actor);
	ev.payload = pl;
	if ((rc = lifecycle_apply(&l->d, &ev, err)) == MC_OK &&
	    (rc = dossier_store_event(dm->st, &ev, err)) == MC_OK) {
		/* As dossier.c does: the id is known only once stored. */
		snprintf(l->d.last_event, sizeof l->d.last_event, "%s", ev.id);
		l->t = at;
		dm->events++;
	}
	json_decref(pl);
	return rc;
}

#define EMIT(kind, at, actor, pl) do { \
	if ((rc = emit(dm, l, (kind), (at), (actor), (pl), err)) != MC_OK) \
		return rc; \
	} while (0)

/* When the result is ready, working from l->t towards due; late: after due. */
static mc_minute
finish_time(struct demo *dm, const struct life *l, mc_minute due, int late)
{
	struct rng *r = &dm->rng;
	long span = work_between(dm, l->t, due), x;
	double u = rng_unit(r), v = rng_unit(r);

	if (late)	/* mostly a little late, sometimes days */
		return work_add(dm, due, 20 + (long)(u * v * 3.0 * dm->day_minutes));
	if (l->p->unit == TU_SAME_DAY)
		x = (long)((double)span * rng_between(r, 0.03, 0.45));
	else if (chance(r, P_DUE_DAY))	/* on the last day */
		x = span - rng_range(r, 1, dm->day_minutes);
	else		/* most are done near the end of the allowed time */
		x = (long)((double)span * (0.3 + 0.67 * (u > v ? u : v)));
	if (x >= span)
		x = span - 1;
	return work_add(dm, l->t, x > 5 ? x : 5);
}

/* When the citizen collects the result ready at fin; MC_TIME_NONE: never. */
static mc_minute
collect_time(struct demo *dm, const struct life *l, mc_minute fin)
{
	struct rng *r = &dm->rng;
	double u = rng_unit(r);

	if (l->p->unit == TU_SAME_DAY) {	/* people wait at the counter */
		if (u < 0.60)
			return work_add(dm, fin, rng_range(r, 1, 25));
		if (u < 0.85)
			return work_add(dm, fin, (long)(dm->day_minutes * rng_between(r, 0.3, 2)));
		if (u < 0.97)
			return work_add(dm, fin, days_of_work(dm, 2, 9));
		if (u < 0.99)
			return work_add(dm, fin, days_of_work(dm, 10, 39));
		return MC_TIME_NONE;
	}
	if (u < 0.10)
		return work_add(dm, fin, rng_range(r, 10, 120));
	if (u < 0.60)
		return work_add(dm, fin, (long)(dm->day_minutes * rng_between(r, 0.5, 3)));
	if (u < 0.90)
		return work_add(dm, fin, days_of_work(dm, 3, 9));
	if (u < 0.98)
		return work_add(dm, fin, days_of_work(dm, 10, 29));
	return MC_TIME_NONE;
}

/* An invented full name: family, middle and given names of one sex. */
static void
make_name(struct demo *dm, int female, char *out, size_t n)
{
	const char *family = wtable_pick(&dm->family, &dm->rng);
	const char *middle = wtable_pick(&dm->middle[female], &dm->rng);

	snprintf(out, n, "%s %s %s", family, middle, wtable_pick(&dm->given[female], &dm->rng));
}

struct person {
	char name[256];
	char idno[16];
	char phone[16];
	char address[512];
	char email[128];
	int female, age;
};

static void
make_person(struct demo *dm, const struct proc *p, struct person *out)
{
	struct rng *r = &dm->rng;
	char *folded, *s, *d;
	int year;

	memset(out, 0, sizeof *out);
	out->female = chance(r, 0.52);
	out->age = p->min_age + (int)((p->max_age - p->min_age) * (rng_unit(r) + rng_unit(r)) / 2);
	year = dm->now_year - out->age - (int)rng_below(r, 2);
	make_name(dm, out->female, out->name, sizeof out->name);
	/* Digit 4: century and sex (0/1 born in the 1900s, 2/3 in the 2000s; odd = female). */
	snprintf(out->idno, sizeof out->idno, "%.3s%d%02d%06ld", wtable_pick(&dm->birth, r),
	    (year >= 2000 ? 2 : 0) + out->female, year % 100, (long)rng_below(r, 1000000));
	if (chance(r, P_PHONE))
		snprintf(out->phone, sizeof out->phone, "%s%07ld", PICK(r, mobile_prefixes),
		    (long)rng_below(r, 10000000));
	if (chance(r, P_NEARBY))
		snprintf(out->address, sizeof out->address, "%s, %s",
		    wtable_pick(&dm->nearby, r), dm->province.text[0]);
	else
		snprintf(out->address, sizeof out->address, "%s, %s, %s",
		    wtable_pick(&dm->hamlet, r), dm->commune.text[0], dm->province.text[0]);
	if (chance(r, P_EMAIL) && (folded = text_fold(out->name)) != NULL) {
		/* "nguyen van an" -> "annguyen87@gmail.com" */
		s = strrchr(folded, ' ');
		d = s != NULL ? s + 1 : folded;
		if (s != NULL)
			*s = '\0';
		s = strchr(folded, ' ');
		if (s != NULL)
			*s = '\0';
		snprintf(out->email, sizeof out->email, "%s%s%02d@gmail.com", d, folded, year % 100);
		free(folded);
	}
}

/* After receipt: the rest of a dossier's life. */
static int
live(struct demo *dm, struct life *l, int recent, struct mc_error *err)
{
	struct rng *r = &dm->rng;
	const struct proc *p = l->p;
	const char *handler = p->agency[0] != '\0' ? p->agency : DEFAULT_HANDLER;
	int multi = p->unit != TU_SAME_DAY, late, asks, rc;
	mc_minute fin, at, due;
	double u;
	json_t *pl;

	/* At the counter: a closer look may refuse it; else the fee, the scan. */
	u = rng_unit(r);
	if (u < P_REFUSED)
		return emit(dm, l, EV_REJECTED, work_add(dm, l->t, rng_range(r, 3, 25)), l->officer,
		    pairs("reason", PICK(r, refusals), NULL), err);
	u -= P_REFUSED;
	if (p->fee > 0 && chance(r, P_FEE_PAID)) {
		pl = json_object();
		if (pl != NULL)
			json_object_set_new(pl, "amount", json_integer(p->fee));
		EMIT(EV_FEE_PAID, work_add(dm, l->t, rng_range(r, 1, 4)), l->officer, pl);
	}
	if (chance(r, P_DIGITISED))
		EMIT(EV_DIGITISED, work_add(dm, l->t, rng_range(r, 1, 8)), l->officer, json_object());
	if (multi)
		EMIT(EV_TRANSFERRED, work_add(dm, l->t, rng_range(r, 10, 90)), l->officer,
		    pairs("to", handler, "from", l->d.handler, NULL));
	late = chance(r, recent ? P_LATE_RECENT : P_LATE);
	fin = finish_time(dm, l, l->d.due_at, late);
	if (u < P_WITHDRAWN)
		return emit(dm, l, EV_WITHDRAWN, work_point(dm, l->t, fin, rng_between(r, 0.1, 0.9)),
		    l->officer, pairs("reason", PICK(r, withdrawals), NULL), err);
	u -= P_WITHDRAWN;
	if (u < P_STOPPED)
		return emit(dm, l, EV_STOPPED, work_point(dm, l->t, fin, rng_between(r, 0.1, 0.9)),
		    HEAD, pairs("reason", PICK(r, stops), NULL), err);
	u -= P_STOPPED;
	if (u < P_STUCK)
		return MC_OK;

	/* Supplements: asked for while it is worked on; the lost days are not charged. */
	for (asks = 0; chance(r, asks == 0 ? P_SUPPLEMENT : P_SECOND_ASK) && !l->future; asks++) {
		EMIT(EV_SUPPLEMENT_REQUESTED, work_point(dm, l->t, fin, rng_between(r, 0.05, 0.5)),
		    l->officer, pairs("items", PICK(r, missing_items),
		    "reason", PICK(r, supplement_reasons), NULL));
		if (asks == 0 && chance(r, P_NEVER_BACK)) {
			if (chance(r, 0.6))
				return emit(dm, l, EV_REJECTED, work_add(dm, l->t, days_of_work(dm, 15, 29)),
				    l->officer, pairs("reason", NOT_BACK_REASON, NULL), err);
			return emit(dm, l, EV_WITHDRAWN, work_add(dm, l->t, days_of_work(dm, 3, 19)),
			    l->officer, pairs("reason", NOT_BACK_WITHDRAWN, NULL), err);
		}
		at = work_add(dm, l->t, days_of_work(dm, 0, 7));
		if (l->future || at > dm->now)
			return MC_OK;
		pl = json_object();
		if (pl != NULL)
			put_time(pl, "due", calendar_resume(&dm->cal, l->d.due_at, l->d.paused_at, at));
		EMIT(EV_SUPPLEMENT_RECEIVED, at, l->officer, pl);
		fin = finish_time(dm, l, l->d.due_at, late);
	}
	if (l->future)
		return MC_OK;

	/* Late, and some apologise in time with a new date (Mẫu 04). */
	if (late && chance(r, P_APOLOGY) && l->t < l->d.due_at) {
		at = work_point(dm, l->t, l->d.due_at, rng_between(r, 0.6, 0.95));
		due = calendar_due(&dm->cal, l->d.due_at, (int)rng_range(r, 1, 5), TU_WORKING_DAYS, -1);
		if (due > l->d.due_at && at < l->d.due_at) {
			pl = pairs("reason", PICK(r, delays), NULL);
			if (pl != NULL) {
				put_time(pl, "due", due);
				put_time(pl, "old_due", l->d.due_at);
			}
			EMIT(EV_EXTENDED, at, HEAD, pl);
			fin = finish_time(dm, l, due, chance(r, 0.25));
		}
	}
	if (l->d.transfers > 0)
		EMIT(EV_RETURNED_TO_OFFICE, work_point(dm, l->t, fin, rng_between(r, 0.75, 0.97)),
		    l->officer, json_object());
	EMIT(EV_RESULT_READY, fin, l->officer, json_object());

	/* Collection, and a rating at the counter's device. */
	if ((at = collect_time(dm, l, fin)) == MC_TIME_NONE)
		return MC_OK;
	pl = json_object();
	if (pl != NULL && chance(r, P_COLLECTOR)) {
		char who[256];

		make_name(dm, chance(r, 0.5), who, sizeof who);
		json_object_set_new(pl, "collector", json_string(who));
	}
	EMIT(EV_RESULT_RETURNED, at, PICK(r, officers), pl);
	if (chance(r, P_RATED)) {	/* 4 = very satisfied ... 1 = not satisfied */
		u = rng_unit(r);
		pl = json_object();
		if (pl != NULL)
			json_object_set_new(pl, "rating",
			    json_integer(u < 0.55 ? 4 : u < 0.88 ? 3 : u < 0.96 ? 2 : 1));
		EMIT(EV_RATED, work_add(dm, l->t, rng_range(r, 0, 2)), l->officer, pl);
	}
	return MC_OK;
}

#undef EMIT

/* The procedure a new applicant asks for. */
static const struct proc *
pick_proc(struct demo *dm)
{
	double x = rng_unit(&dm->rng) * dm->procs[dm->nprocs - 1].cum;
	int lo = 0, hi = dm->nprocs - 1, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (dm->procs[mid].cum > x)
			hi = mid;
		else
			lo = mid + 1;
	}
	return &dm->procs[lo];
}

/* Receive one applicant at t: one dossier, or a linked group of them when room
 * allows; *made gets how many. */
static int
receive(struct demo *dm, mc_minute t, long room, int *made, struct mc_error *err)
{
	struct rng *r = &dm->rng;
	const struct proc *p = pick_proc(dm), *list[MAX_GROUP];
	struct person who;
	struct life l;
	char first[CODE_MAX] = "", note[128] = "";
	const char *channel = "counter", *officer = PICK(r, officers);
	int i, n = 1, sms, priority, sets, rc;
	double u;
	json_t *pl;

	list[0] = p;
	if (p->nmembers > 1 && &dm->procs[p->members[0]] == p && p->nmembers <= room &&
	    chance(r, P_LINKED)) {
		n = p->nmembers;
		for (i = 0; i < n; i++)
			list[i] = &dm->procs[p->members[i]];
	}
	make_person(dm, p, &who);
	sms = who.phone[0] != '\0' && chance(r, P_SMS);
	u = rng_unit(r);
	if (u < 0.03)
		channel = "postal";
	else if (u < 0.15)
		channel = "online";
	priority = who.age >= 70 ? chance(r, 0.6) : chance(r, 0.015);
	u = rng_unit(r);
	sets = u < 0.88 ? 1 : u < 0.97 ? 2 : 3;
	if (chance(r, P_NOTE))
		snprintf(note, sizeof note, "%s", PICK(r, intake_notes));
	for (i = 0; i < n; i++) {
		memset(&l, 0, sizeof l);
		l.p = list[i];
		l.officer = officer;
		l.t = t;
		if ((rc = code_next(dm->st, dm->office, mc_day_of(t), l.d.code, err)) != MC_OK)
			return rc;
		/* The payload of dossier.c's intake_one(), field for field. */
		if ((pl = pairs("name", who.name, "address", who.address, "idno", who.idno,
		    "procedure", l.p->code, "office", dm->office, "channel", channel, NULL)) == NULL)
			return mc_fail(err, MC_ENOMEM, NULL);
		if (who.phone[0] != '\0')
			json_object_set_new(pl, "phone", json_string(who.phone));
		if (who.email[0] != '\0')
			json_object_set_new(pl, "email", json_string(who.email));
		json_object_set_new(pl, "sms", json_boolean(sms));
		json_object_set_new(pl, "priority", json_integer(priority));
		json_object_set_new(pl, "sets", json_integer(sets));
		json_object_set_new(pl, "fee", json_integer(l.p->fee));
		put_time(pl, "due", calendar_due(&dm->cal, t, l.p->time_value, l.p->unit, l.p->cutoff));
		if (n > 1) {
			if (i == 0)
				snprintf(first, sizeof first, "%s", l.d.code);
			json_object_set_new(pl, "group", json_string(first));
		}
		if (note[0] != '\0')
			json_object_set_new(pl, "note", json_string(note));
		if ((rc = emit(dm, &l, EV_RECEIVED, t, officer, pl, err)) != MC_OK)
			return rc;
		if (l.d.status == ST_NONE)	/* t after now: plan_days() never gives one */
			return mc_fail(err, MC_EINTERNAL, NULL);
		if ((rc = live(dm, &l, t > dm->now - RECENT_DAYS * MC_DAY_MINUTES, err)) != MC_OK ||
		    (rc = dossier_write(dm->st, &l.d, err)) != MC_OK)
			return rc;
	}
	*made = n;
	return MC_OK;
}

/* ---------------------------------------------------------------- loading */

static int
add_proc(const struct procedure *p, void *ctx)
{
	struct demo *dm = ctx;
	struct proc *q;
	size_t i, n;

	if (dm->nprocs == dm->capprocs) {
		int cap = dm->capprocs > 0 ? dm->capprocs * 2 : 64;

		if ((q = realloc(dm->procs, (size_t)cap * sizeof *q)) == NULL)
			return 1;
		dm->procs = q;
		dm->capprocs = cap;
	}
	q = &dm->procs[dm->nprocs];
	memset(q, 0, sizeof *q);
	snprintf(q->code, sizeof q->code, "%s", p->code);
	q->time_value = p->time_value;
	q->unit = p->unit;
	q->cutoff = p->cutoff;
	q->fee = p->fee;
	q->group = p->group != NULL && *p->group != '\0' ? strdup(p->group) : NULL;
	q->agency = strdup(p->agency != NULL ? p->agency : "");
	if (q->agency == NULL || (p->group != NULL && *p->group != '\0' && q->group == NULL)) {
		free(q->group);
		free(q->agency);
		return 1;
	}
	q->cum = OTHER_WEIGHT;
	q->min_age = 18;
	q->max_age = 80;
	for (i = 0; i < NELEM(mix); i++) {
		n = strlen(mix[i].code);
		if (strncmp(p->code, mix[i].code, n) == 0 && (p->code[n] == '\0' || p->code[n] == '.')) {
			q->cum = mix[i].weight;
			q->min_age = mix[i].min_age;
			q->max_age = mix[i].max_age;
		}
	}
	dm->nprocs++;
	return 0;
}

struct group_ctx {
	struct demo *dm;
	struct proc *q;
};

static int
add_member(const struct procedure *p, void *ctx)
{
	struct group_ctx *g = ctx;
	int i;

	for (i = 0; i < g->dm->nprocs; i++)
		if (strcmp(g->dm->procs[i].code, p->code) == 0 && g->q->nmembers < MAX_GROUP)
			g->q->members[g->q->nmembers++] = i;
	return 0;
}

static int
load_catalog(struct demo *dm, struct mc_error *err)
{
	struct group_ctx g = { .dm = dm };
	int i, rc;

	if ((rc = catalog_each(dm->st, NULL, 0, add_proc, dm, err)) != MC_OK)
		return rc;
	if (dm->nprocs == 0)
		return mc_fail(err, MC_ENOTFOUND, _("the procedure catalogue is empty: import one first (motcua catalog import FILE)"));
	for (i = 0; i < dm->nprocs; i++) {
		if (i > 0)
			dm->procs[i].cum += dm->procs[i - 1].cum;
		if (dm->procs[i].group == NULL)
			continue;
		g.q = &dm->procs[i];
		if ((rc = catalog_group(dm->st, g.q->group, add_member, &g, err)) != MC_OK)
			return rc;
	}
	return MC_OK;
}

static int
load_tables(struct demo *dm, const struct demo_options *o, struct mc_error *err)
{
	const struct section names[] = {
		{ "family", &dm->family },
		{ "middle male", &dm->middle[0] },
		{ "middle female", &dm->middle[1] },
		{ "given male", &dm->given[0] },
		{ "given female", &dm->given[1] },
	};
	const struct section places[] = {
		{ "province", &dm->province },
		{ "commune", &dm->commune },
		{ "hamlet", &dm->hamlet },
		{ "nearby", &dm->nearby },
		{ "birth", &dm->birth },
	};
	char id[16];
	int rc, i;

	if ((rc = load_sections(o->names_path, names, NELEM(names), err)) != MC_OK ||
	    (rc = load_sections(o->places_path, places, NELEM(places), err)) != MC_OK)
		return rc;
	for (i = 0; i < dm->birth.n; i++) {	/* a province code that starts a valid ID */
		snprintf(id, sizeof id, "%.3s080000001", dm->birth.text[i]);
		if (strlen(dm->birth.text[i]) != 3 || idno_validate(id, NULL, NULL) != MC_OK)
			return mc_fail(err, MC_EINVAL, _("%s: [birth]: '%s' is not a province code of ID numbers"),
			    o->places_path, dm->birth.text[i]);
	}
	return MC_OK;
}

static void
demo_free(struct demo *dm)
{
	int i;

	for (i = 0; i < dm->nprocs; i++) {
		free(dm->procs[i].group);
		free(dm->procs[i].agency);
	}
	free(dm->procs);
	wtable_free(&dm->family);
	for (i = 0; i < 2; i++) {
		wtable_free(&dm->middle[i]);
		wtable_free(&dm->given[i]);
	}
	wtable_free(&dm->province);
	wtable_free(&dm->commune);
	wtable_free(&dm->hamlet);
	wtable_free(&dm->nearby);
	wtable_free(&dm->birth);
	calendar_free(&dm->cal);
}

/* ---------------------------------------------------------------- planning the days */

struct day_plan {
	mc_day day;
	int limit;		/* minute of the day receipts must come before */
	int room;		/* codes left that day */
	long count;		/* dossiers to receive */
	double weight;
};

/* Office minutes of a day before limit. */
static int
minutes_before(const struct demo *dm, int limit)
{
	int i, n = 0, to;

	for (i = 0; i < dm->cal.nseg; i++) {
		to = dm->cal.seg[i].to < limit ? dm->cal.seg[i].to : limit;
		if (to > dm->cal.seg[i].from)
			n += to - dm->cal.seg[i].from;
	}
	return n;
}

/* Codes already given out per day since from (the store may hold dossiers). */
static int
codes_used(struct demo *dm, struct day_plan *plan, int n, struct mc_error *err)
{
	sqlite3_stmt *s;
	char from[MC_TIME_BUF];
	mc_day day;
	int rc, i;

	if ((rc = store_prepare(dm->st, "SELECT day, last FROM code_seq "
	    "WHERE office = ?1 AND day >= ?2", &s, err)) != MC_OK)
		return rc;
	mc_date_format(plan[0].day, from);
	sqlite3_bind_text(s, 1, dm->office, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, from, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (mc_date_parse((const char *)sqlite3_column_text(s, 0), &day) != 0)
			continue;
		for (i = 0; i < n; i++)
			if (plan[i].day == day)
				plan[i].room = DAY_CODES - sqlite3_column_int(s, 1);
	}
	return store_reset(dm->st, s, rc, err);
}

/* The working days of the last years days up to now, with their dossier counts. */
static int
plan_days(struct demo *dm, long total, struct day_plan **out, int *nout, struct mc_error *err)
{
	struct day_plan *plan = NULL;
	mc_day today = mc_day_of(dm->now), day;
	double sum, cum, comfort;
	long carry, before, after;
	int years, n, i, y, m, d, avail, rc;

	for (years = 1; years <= MAX_YEARS; years++) {
		free(plan);
		if ((plan = calloc((size_t)years * 366 + 1, sizeof *plan)) == NULL)
			return mc_fail(err, MC_ENOMEM, NULL);
		n = 0;
		for (day = today - years * 365 + 1; day <= today; day++) {
			if (!calendar_is_working_day(&dm->cal, day))
				continue;
			plan[n].day = day;
			plan[n].limit = day == today ? mc_minute_of_day(dm->now) : MC_DAY_MINUTES;
			if ((avail = minutes_before(dm, plan[n].limit)) < 30)
				continue;
			plan[n].room = DAY_CODES;
			mc_civil_from_day(day, &y, &m, &d);
			plan[n].weight = (double)avail / dm->day_minutes * month_factor[m - 1] *
			    weekday_factor[mc_weekday(day)] * rng_between(&dm->rng, 0.75, 1.25);
			n++;
		}
		if (n > 0 && (rc = codes_used(dm, plan, n, err)) != MC_OK) {
			free(plan);
			return rc;
		}
		for (comfort = 0, i = 0; i < n; i++)
			comfort += plan[i].room < DAY_COMFORT ? plan[i].room : DAY_COMFORT;
		if (n > 0 && comfort >= 1.5 * (double)total)
			break;
	}
	if (years > MAX_YEARS) {
		free(plan);
		return mc_fail(err, MC_EINVAL, _("no room for so many dossiers: at most 9999 dossier codes a day"));
	}
	/* Shares by weight, rounded so that they add up to total. */
	for (sum = 0, i = 0; i < n; i++)
		sum += plan[i].weight;
	for (cum = 0, before = 0, i = 0; i < n; i++) {
		cum += plan[i].weight;
		after = i == n - 1 ? total : (long)((double)total * cum / sum + 0.5);
		plan[i].count = after - before;
		before = after;
	}
	/* A day over its room passes the rest on, forwards, then backwards. */
	for (carry = 0, i = 0; i < n; i++) {
		plan[i].count += carry;
		carry = plan[i].count > plan[i].room ? plan[i].count - plan[i].room : 0;
		plan[i].count -= carry;
	}
	for (i = n - 1; i >= 0 && carry > 0; i--) {
		long add = plan[i].room - plan[i].count < carry ? plan[i].room - plan[i].count : carry;

		plan[i].count += add;
		carry -= add;
	}
	if (carry > 0) {
		free(plan);
		return mc_fail(err, MC_EINVAL, _("no room for so many dossiers: at most 9999 dossier codes a day"));
	}
	*out = plan;
	*nout = n;
	return MC_OK;
}

/* Spread count receipts over the office hours of a day before limit: hist[minute]. */
static void
spread_day(struct demo *dm, const struct day_plan *p, int hist[MC_DAY_MINUTES])
{
	const struct calendar *cal = &dm->cal;
	double w[CAL_MAX_SEGMENTS], sum = 0, x;
	int len[CAL_MAX_SEGMENTS], i;
	long k;

	memset(hist, 0, MC_DAY_MINUTES * sizeof hist[0]);
	for (i = 0; i < cal->nseg; i++) {
		len[i] = (cal->seg[i].to < p->limit ? cal->seg[i].to : p->limit) - cal->seg[i].from;
		if (len[i] < 0)
			len[i] = 0;
		/* The morning is busier. */
		w[i] = len[i] * (cal->seg[i].from < 12 * 60 ? 1.6 : 1.0);
		sum += w[i];
	}
	for (k = 0; k < p->count; k++) {
		x = rng_unit(&dm->rng) * sum;
		for (i = 0; i < cal->nseg - 1 && (x >= w[i] || len[i] == 0); i++)
			x -= w[i];
		while (len[i] == 0 && i > 0)	/* rounding ran past the last open session */
			i--;
		/* Most arrive in the first part of a session, some at any time. */
		x = chance(&dm->rng, 0.6) ? 0.85 * (rng_unit(&dm->rng) + rng_unit(&dm->rng)) / 2 :
		    rng_unit(&dm->rng);
		hist[cal->seg[i].from + (int)(x * len[i])]++;
	}
}

/* ---------------------------------------------------------------- the API */

/* Events the office has appended so far (0 in a new store). */
static long
events_so_far(struct store *st)
{
	sqlite3_stmt *s;
	long n = 0;

	if (store_prepare(st, "SELECT next_event - 1 FROM office WHERE code = ?1", &s, NULL) != MC_OK)
		return 0;
	sqlite3_bind_text(s, 1, store_office(st), -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = (long)sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return n;
}

int
demo_add_users(struct store *st, const char *actor, int *added, struct mc_error *err)
{
	const struct demo_user *u;
	struct user have;
	int rc;

	if (added != NULL)
		*added = 0;
	for (u = demo_users; u->login != NULL; u++) {
		if ((rc = auth_get(st, u->login, &have, NULL)) == MC_OK)
			continue;
		if ((rc = auth_user_add(st, u->login, u->role, u->full_name, DEMO_PASSWORD, actor,
		    err)) != MC_OK)
			return rc;
		if (added != NULL)
			(*added)++;
	}
	return MC_OK;
}

int
demo_generate(struct store *st, const struct demo_options *o, struct demo_stats *stats,
    struct mc_error *err)
{
	int hist[MC_DAY_MINUTES];
	struct demo dm;
	struct day_plan *plan = NULL;
	long done = 0, batch = 0, next_progress = PROGRESS_EVERY, left, room, day_codes, debt = 0;
	int nplan = 0, i, m, k, made = 1, rc, d;

	if (stats != NULL)
		memset(stats, 0, sizeof *stats);
	if (o->dossiers < 1 || o->dossiers > DEMO_MAX_DOSSIERS)
		return mc_fail(err, MC_EINVAL, _("the number of demo dossiers must be from 1 to %ld"),
		    DEMO_MAX_DOSSIERS);
	if (store_office(st)[0] == '\0')
		return mc_fail(err, MC_ENOSTORE, NULL);
	memset(&dm, 0, sizeof dm);
	dm.st = st;
	dm.office = store_office(st);
	/* The store's event count joins the seed: adding to a store with the same seed
	 * invents new people rather than the same ones again. */
	dm.rng.s = o->seed ^ ((uint64_t)events_so_far(st) * 0xd1342543de82ef95ULL);
	dm.now = mc_now();
	mc_civil_from_day(mc_day_of(dm.now), &dm.now_year, &m, &d);
	calendar_default(&dm.cal);
	if ((rc = calendar_load(st, &dm.cal, err)) != MC_OK ||
	    (rc = load_tables(&dm, o, err)) != MC_OK ||
	    (rc = load_catalog(&dm, err)) != MC_OK)
		goto out;
	if ((dm.day_minutes = minutes_before(&dm, MC_DAY_MINUTES)) <= 0) {
		rc = mc_fail(err, MC_EINVAL, _("the office has no opening hours"));
		goto out;
	}
	if ((rc = plan_days(&dm, o->dossiers, &plan, &nplan, err)) != MC_OK)
		goto out;
	/* Only for the demo's bulk writes: a crash may lose the last batches, never
	 * corrupt the file (WAL); set back to FULL below. */
	if ((rc = store_exec(st, "PRAGMA synchronous = NORMAL", err)) != MC_OK ||
	    (rc = store_begin(st, err)) != MC_OK)
		goto out;
	/* A day's count is a target: a linked group may take a day past it (the next
	 * days then get as many fewer), never past the day's codes nor the total. */
	for (i = 0; i < nplan && done < o->dossiers; i++) {
		left = plan[i].count - debt;
		debt = left < 0 ? -left : 0;
		if (left <= 0)
			continue;
		spread_day(&dm, &plan[i], hist);
		day_codes = plan[i].room;
		for (m = 0; m < MC_DAY_MINUTES && left > 0 && done < o->dossiers; m++) {
			for (k = 0; k < hist[m] && left > 0 && done < o->dossiers; k += made) {
				room = o->dossiers - done < day_codes ? o->dossiers - done : day_codes;
				if ((rc = receive(&dm, mc_at(plan[i].day, m), room, &made, err)) != MC_OK)
					goto fail;
				day_codes -= made;
				if (stats != NULL && done == 0)
					stats->first = mc_at(plan[i].day, m);
				if (stats != NULL)
					stats->last = mc_at(plan[i].day, m);
				left -= made;
				done += made;
				batch += made;
				if (batch >= BATCH) {
					if ((rc = store_commit(st, err)) != MC_OK ||
					    (rc = store_begin(st, err)) != MC_OK)
						goto fail;
					batch = 0;
				}
				if (done >= next_progress && o->progress != NULL) {
					o->progress(done, o->dossiers, o->ctx);
					next_progress = done + PROGRESS_EVERY;
				}
			}
		}
		debt = left < 0 ? -left : 0;
	}
	if ((rc = store_commit(st, err)) != MC_OK)
		goto fail;
	if (o->progress != NULL)
		o->progress(done, o->dossiers, o->ctx);
	if (stats != NULL) {
		stats->dossiers = done;
		stats->events = dm.events;
	}
	goto out;
fail:
	store_rollback(st);
out:
	store_exec(st, "PRAGMA synchronous = FULL", NULL);
	free(plan);
	demo_free(&dm);
	return rc;
}
