/* paper.c -- the forms of Thông tư 01/2018 (Mẫu 01-05) rendered as 80-column text.
 *
 * Everything is written to a memory stream first, so that a form is all or nothing and
 * the unaccented variant is one text_unaccent() of the whole page.  Widths are counted
 * in code points: stored text is NFC (dossier.c), where a Vietnamese letter is one
 * code point and one column.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "dossier.h"
#include "i18n.h"
#include "paper.h"
#include "report.h"
#include "store.h"
#include "text.h"

#define LEFT_COL 34		/* the office's side of the header */
#define MAX_ROWS 256		/* hand-over rows kept for Mẫu 05 */

static const char *const titles[] = {
	NULL,
	"GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
	"PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
	"PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
	"PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ",
	"PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
};

/* One hand-over row of the control slip. */
struct handover {
	char from[128], to[128];
	mc_minute at;
	int result;		/* 0 early, 1 on time, 2 late */
};

/* What the events say, gathered in one pass. */
struct facts {
	const char *office, *office_code;
	int has_supplement, has_refusal, has_extension;
	char items[2048], supp_reason[2048], supp_actor[64];
	mc_minute supp_at;
	char ref_reason[2048], ref_actor[64];
	mc_minute ref_at;
	char ext_reason[2048], ext_actor[64];
	mc_minute ext_at, ext_old, ext_new;
	mc_minute due;		/* the due time in force while replaying */
	mc_minute ready_at;	/* when the result was ready, MC_TIME_NONE before */
	char holder[128];	/* who holds the dossier while replaying; "" = the office */
	struct handover rows[MAX_ROWS];
	int nrows;
	struct dossier_docs docs;	/* what the intake recorded as handed in */
};

const char *
paper_title(int form)
{
	return form >= PAPER_RECEIPT && form <= PAPER_CONTROL ? titles[form] : NULL;
}

/* Columns of the first n bytes of s (code points). */
static int
cols(const char *s, size_t n)
{
	int w = 0;
	size_t i;

	for (i = 0; i < n && s[i] != '\0'; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			w++;
	return w;
}

/* Copy to out the next line of at most width columns of *s, breaking at a space when
 * one is near; advances *s.  Returns 0 when *s was already exhausted. */
static int
wrap(const char **s, int width, char *out, size_t n)
{
	const char *p = *s, *brk = NULL;
	size_t len;
	int w = 0;

	while (*p == ' ')
		p++;
	if (*p == '\0') {
		*s = p;
		return 0;
	}
	*s = p;
	while (*p != '\0' && *p != '\n') {
		if (((unsigned char)*p & 0xc0) != 0x80) {
			if (w == width)
				break;
			w++;
		}
		if (*p == ' ')
			brk = p;
		p++;
	}
	while (((unsigned char)*p & 0xc0) == 0x80)	/* never split a code point */
		p++;
	if (*p != '\0' && *p != '\n' && *p != ' ' && brk != NULL)
		p = brk;
	len = (size_t)(p - *s);
	if (len >= n)
		len = n - 1;
	memcpy(out, *s, len);
	out[len] = '\0';
	while (len > 0 && out[len - 1] == ' ')
		out[--len] = '\0';
	*s = *p == '\n' ? p + 1 : p;
	return 1;
}

static void
pad(FILE *m, int n)
{
	while (n-- > 0)
		fputc(' ', m);
}

/* s centred in a field of width columns, padded on the right when fill. */
static void
centre_in(FILE *m, const char *s, int width, int fill)
{
	int w = cols(s, strlen(s)), left = w < width ? (width - w) / 2 : 0;

	pad(m, left);
	fputs(s, m);
	if (fill)
		pad(m, width - left - w);
}

static void
centre(FILE *m, const char *s)
{
	char line[PAPER_WIDTH * 4 + 1];
	const char *p = s;

	while (wrap(&p, PAPER_WIDTH, line, sizeof line)) {
		centre_in(m, line, PAPER_WIDTH, 0);
		fputc('\n', m);
	}
}

/* "label value", continuation lines indented; a long label gets lines of its own. */
static void
field(FILE *m, const char *label, const char *value)
{
	char line[PAPER_WIDTH * 4 + 1];
	const char *p = value != NULL ? value : "", *l = label;
	int lw = cols(label, strlen(label)), first = 1;

	if (lw + 1 >= PAPER_WIDTH - 20) {
		while (wrap(&l, PAPER_WIDTH, line, sizeof line))
			fprintf(m, "%s\n", line);
		lw = 0;
		first = 0;
	} else
		fputs(label, m);
	if (*p == '\0') {
		if (first)
			fputs(" ....................\n", m);
		return;
	}
	while (wrap(&p, first ? PAPER_WIDTH - lw - 1 : PAPER_WIDTH - 4, line, sizeof line)) {
		if (first)
			fputc(' ', m);
		else
			pad(m, 4);
		fprintf(m, "%s\n", line);
		first = 0;
	}
}

static void
header(FILE *m, const char *office)
{
	static const char *const right[] = { "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
	    "Độc lập - Tự do - Hạnh phúc", "---------------" };
	char left[8][LEFT_COL * 4 + 1];
	const char *p = office;
	int nl = 0, i, y, mo, dd;

	while (nl < 5 && wrap(&p, LEFT_COL, left[nl], sizeof left[nl]))
		nl++;
	snprintf(left[nl++], sizeof left[0], "%s", "BỘ PHẬN TIẾP NHẬN");
	snprintf(left[nl++], sizeof left[0], "%s", "VÀ TRẢ KẾT QUẢ");
	for (i = 0; i < nl || i < 3; i++) {
		centre_in(m, i < nl ? left[i] : "", LEFT_COL, 1);
		if (i < 3)
			centre_in(m, right[i], PAPER_WIDTH - LEFT_COL, 0);
		fputc('\n', m);
	}
	mc_civil_from_day(mc_day_of(mc_now()), &y, &mo, &dd);
	fputc('\n', m);
	pad(m, LEFT_COL + 6);
	fprintf(m, "......., ngày %02d tháng %02d năm %d\n\n", dd, mo, y);
}

static void
title(FILE *m, int form, const char *code)
{
	char buf[CODE_MAX + 32];

	centre(m, titles[form]);
	snprintf(buf, sizeof buf, "Mã hồ sơ: %s", code);
	centre(m, buf);
	fputc('\n', m);
}

/* "09 giờ 00 phút, ngày 12/10/2026" */
static void
vn_time(mc_minute t, char *buf, size_t n)
{
	int y, mo, d, mi;

	if (t == MC_TIME_NONE) {
		snprintf(buf, n, "%s", "");
		return;
	}
	mc_civil_from_day(mc_day_of(t), &y, &mo, &d);
	mi = mc_minute_of_day(t);
	snprintf(buf, n, "%02d giờ %02d phút, ngày %02d/%02d/%04d", mi / 60, mi % 60, d, mo, y);
}

/* Two signature blocks side by side: titles, the hint, room to sign, the names. */
static void
signatures(FILE *m, const char *lt, const char *rt, const char *lname, const char *rname)
{
	const int half = PAPER_WIDTH / 2;

	fputc('\n', m);
	centre_in(m, lt, half, 1);
	centre_in(m, rt, half, 0);
	fputc('\n', m);
	centre_in(m, lt[0] != '\0' ? "(Ký và ghi rõ họ tên)" : "", half, 1);
	centre_in(m, "(Ký và ghi rõ họ tên)", half, 0);
	fputs("\n\n\n\n", m);
	centre_in(m, lname, half, 1);
	centre_in(m, rname, half, 0);
	fputc('\n', m);
}

/* A table of ncols columns of the given widths (their sum + ncols + 1 <= 80). */
static void
rule(FILE *m, const int *w, int ncols)
{
	int i, j;

	for (i = 0; i < ncols; i++) {
		fputc('+', m);
		for (j = 0; j < w[i] + 2; j++)
			fputc('-', m);
	}
	fputs("+\n", m);
}

static void
row(FILE *m, const int *w, int ncols, const char *const *cells)
{
	const char *p[8];
	char line[PAPER_WIDTH * 4 + 1];
	int i, more = 1;

	for (i = 0; i < ncols; i++)
		p[i] = cells[i] != NULL ? cells[i] : "";
	while (more) {
		char out[8][PAPER_WIDTH * 4 + 1];

		more = 0;
		for (i = 0; i < ncols; i++)
			if (wrap(&p[i], w[i], line, sizeof line)) {
				snprintf(out[i], sizeof out[i], "%s", line);
				more = 1;
			} else
				out[i][0] = '\0';
		if (!more)
			break;
		for (i = 0; i < ncols; i++) {
			fputs("| ", m);
			fputs(out[i], m);
			pad(m, w[i] - cols(out[i], strlen(out[i])) + 1);
		}
		fputs("|\n", m);
	}
}

static const char *
str(json_t *p, const char *key)
{
	const char *s = json_string_value(json_object_get(p, key));

	return s != NULL ? s : "";
}

static mc_minute
time_of(json_t *p, const char *key)
{
	mc_minute t;

	return mc_time_parse(str(p, key), &t) == 0 ? t : MC_TIME_NONE;
}

/* A row handing over at; its result judges the time judge against the due time. */
static void
handover(struct facts *f, const char *from, const char *to, mc_minute at, mc_minute judge)
{
	struct handover *h;

	if (f->nrows == MAX_ROWS)
		return;
	h = &f->rows[f->nrows++];
	snprintf(h->from, sizeof h->from, "%s", from);
	snprintf(h->to, sizeof h->to, "%s", to);
	h->at = at;
	if (f->due == MC_TIME_NONE || judge <= f->due)
		h->result = f->due != MC_TIME_NONE && mc_day_of(judge) < mc_day_of(f->due) ? 0 : 1;
	else
		h->result = 2;
}

static int
gather(const struct dossier_event *ev, void *ctx)
{
	struct facts *f = ctx;
	json_t *p = ev->payload;
	mc_minute t;
	const char *holder = f->holder[0] != '\0' ? f->holder : f->office;
	const char *from = str(p, "from");

	if ((t = time_of(p, "due")) != MC_TIME_NONE && ev->kind != EV_EXTENDED)
		f->due = t;
	switch (ev->kind) {
	case EV_RECEIVED:
	case EV_REGISTERED:
		if (f->nrows == 0 && dossier_docs_read(p, &f->docs) != MC_OK)
			return -1;
		if (f->nrows == 0)
			handover(f, "Tổ chức, cá nhân", f->office, ev->at, ev->at);
		break;
	case EV_TRANSFERRED:
		handover(f, *from != '\0' && strcmp(from, f->office_code) != 0 ? from : holder,
		    str(p, "to"), ev->at, ev->at);
		snprintf(f->holder, sizeof f->holder, "%s", str(p, "to"));
		break;
	case EV_RETURNED_TO_OFFICE:
		handover(f, holder, f->office, ev->at, ev->at);
		f->holder[0] = '\0';
		break;
	case EV_RESULT_READY:
		if (f->holder[0] != '\0')
			handover(f, holder, f->office, ev->at, ev->at);
		f->holder[0] = '\0';
		f->ready_at = ev->at;
		break;
	case EV_RESULT_RETURNED:
		/* The citizen's collecting late is not the office's delay: judge the result. */
		handover(f, f->office, "Tổ chức, cá nhân", ev->at,
		    f->ready_at != MC_TIME_NONE ? f->ready_at : ev->at);
		break;
	case EV_SUPPLEMENT_REQUESTED:
		f->has_supplement = 1;
		snprintf(f->items, sizeof f->items, "%s", str(p, "items"));
		snprintf(f->supp_reason, sizeof f->supp_reason, "%s", str(p, "reason"));
		snprintf(f->supp_actor, sizeof f->supp_actor, "%s", ev->actor);
		f->supp_at = ev->at;
		break;
	case EV_REJECTED:
		f->has_refusal = 1;
		snprintf(f->ref_reason, sizeof f->ref_reason, "%s", str(p, "reason"));
		snprintf(f->ref_actor, sizeof f->ref_actor, "%s", ev->actor);
		f->ref_at = ev->at;
		break;
	case EV_EXTENDED:
		f->has_extension = 1;
		snprintf(f->ext_reason, sizeof f->ext_reason, "%s", str(p, "reason"));
		snprintf(f->ext_actor, sizeof f->ext_actor, "%s", ev->actor);
		f->ext_at = ev->at;
		f->ext_old = time_of(p, "old_due");
		f->ext_new = time_of(p, "due");
		f->due = f->ext_new;
		break;
	default:
		break;
	}
	return 0;
}

/* A user's full name, or the login itself. */
static void
person(struct store *st, const char *login, char *out, size_t n)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT full_name FROM user WHERE login = ?", NULL);
	const char *name = NULL;

	snprintf(out, n, "%s", login);
	if (s == NULL)
		return;
	sqlite3_bind_text(s, 1, login, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW && (name = (const char *)sqlite3_column_text(s, 0)) != NULL &&
	    *name != '\0')
		snprintf(out, n, "%s", name);
	sqlite3_reset(s);
}

static void
processing_time(const struct procedure *p, char *buf, size_t n)
{
	switch (p->unit) {
	case TU_WORKING_DAYS:
		snprintf(buf, n, "%d ngày làm việc", p->time_value);
		break;
	case TU_DAYS:
		snprintf(buf, n, "%d ngày", p->time_value);
		break;
	case TU_SAME_DAY:
		snprintf(buf, n, "%s", "trong ngày");
		break;
	case TU_HOURS:
		snprintf(buf, n, "%d giờ làm việc", p->time_value);
		break;
	}
}

static void
receipt(FILE *m, struct store *st, const struct dossier *d, const struct procedure *p,
    const struct dossier_docs *docs, const char *office, const char *officer)
{
	static const int w[] = { 3, 44, 22 };
	char buf[512], t[64];
	int i, year;
	long no;

	field(m, "Bộ phận tiếp nhận và trả kết quả:", office);
	field(m, "Tiếp nhận hồ sơ của:", d->name);
	field(m, "Địa chỉ:", d->address);
	field(m, "Số điện thoại:", d->phone);
	field(m, "Email:", d->email);
	snprintf(buf, sizeof buf, "%s (mã %s)", p->name != NULL ? p->name : "", d->procedure);
	field(m, "Nội dung yêu cầu giải quyết:", buf);
	fputs("1. Thành phần hồ sơ nộp gồm:\n", m);
	rule(m, w, 3);
	row(m, w, 3, (const char *[]){ "TT", "Tên loại giấy tờ", "Bản chính/bản sao" });
	rule(m, w, 3);
	/* Only what was handed in: the receipt acknowledges it (dossier-docs.c). */
	for (i = 0; i < docs->nhanded; i++) {
		const struct dossier_doc *h = &docs->handed[i];
		char n[16], kind[64];

		snprintf(n, sizeof n, "%d", i + 1);
		if (h->sets > 1)
			snprintf(kind, sizeof kind, "%s (%d bộ)", doc_form_label(h->form), h->sets);
		else
			snprintf(kind, sizeof kind, "%s", doc_form_label(h->form));
		row(m, w, 3, (const char *[]){ n, h->name, kind });
	}
	if (docs->nhanded == 0)
		row(m, w, 3, (const char *[]){ "", docs->recorded ? "Không có giấy tờ nào" :
		    "(Không ghi nhận khi tiếp nhận)", "" });
	rule(m, w, 3);
	fprintf(m, "2. Số lượng hồ sơ: %d (bộ)\n", d->sets);
	processing_time(p, buf, sizeof buf);
	fprintf(m, "3. Thời gian giải quyết hồ sơ theo quy định là: %s\n", buf);
	vn_time(d->received_at, t, sizeof t);
	fprintf(m, "4. Thời gian nhận hồ sơ: %s\n", t);
	vn_time(d->due_at, t, sizeof t);
	fprintf(m, "5. Thời gian trả kết quả giải quyết hồ sơ: %s\n", t);
	snprintf(buf, sizeof buf, "Bộ phận tiếp nhận và trả kết quả, %s", office);
	field(m, "6. Đăng ký nhận kết quả tại:", buf);
	if (report_book_row(st, d->received_at, d->code, &year, &no, NULL) != MC_OK)
		no = 0;
	fprintf(m, "Vào Sổ theo dõi hồ sơ, Quyển số: %d, Số thứ tự: %ld\n", year, no);
	signatures(m, "NGƯỜI NỘP HỒ SƠ", "NGƯỜI TIẾP NHẬN HỒ SƠ", d->name, officer);
}

static void
supplement(FILE *m, const struct dossier *d, const struct procedure *p, const struct facts *f,
    const char *office, const char *official)
{
	char t[64], buf[512];

	vn_time(d->received_at, t, sizeof t);
	snprintf(buf, sizeof buf, "Bộ phận tiếp nhận và trả kết quả, %s, tiếp nhận hồ sơ của %s",
	    office, d->name);
	field(m, buf, "");
	field(m, "Nội dung yêu cầu giải quyết:", p->name);
	field(m, "Ngày nhận hồ sơ:", t);
	fputs("Sau khi xem xét, đề nghị ông/bà bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:\n", m);
	field(m, "1. Giấy tờ cần bổ sung:", f->items);
	field(m, "2. Lý do:", f->supp_reason);
	vn_time(f->supp_at, t, sizeof t);
	field(m, "Thời gian yêu cầu:", t);
	field(m, "Mọi thắc mắc xin liên hệ cán bộ:", official);
	fputs("Xin trân trọng cảm ơn!\n", m);
	signatures(m, "", "NGƯỜI HƯỚNG DẪN", "", official);
}

static void
refusal(FILE *m, const struct dossier *d, const struct procedure *p, const struct facts *f,
    const char *office, const char *official)
{
	char t[64], buf[512];

	vn_time(d->received_at, t, sizeof t);
	snprintf(buf, sizeof buf, "Bộ phận tiếp nhận và trả kết quả, %s, tiếp nhận hồ sơ của %s",
	    office, d->name);
	field(m, buf, "");
	field(m, "Đề nghị giải quyết:", p->name);
	field(m, "Ngày nhận hồ sơ:", t);
	fputs("Qua xem xét, cơ quan, đơn vị thông báo không tiếp nhận, giải quyết hồ sơ này\n"
	    "với lý do sau:\n", m);
	field(m, "Lý do:", f->ref_reason);
	fputs("Xin thông báo để ông/bà được biết.\n", m);
	signatures(m, "", "NGƯỜI TIẾP NHẬN HỒ SƠ", "", official);
}

static void
apology(FILE *m, const struct dossier *d, const struct procedure *p, const struct facts *f,
    const char *office, const char *official)
{
	char t[64];

	field(m, "Kính gửi:", d->name);
	field(m, "Địa chỉ:", d->address);
	field(m, "Nội dung yêu cầu giải quyết:", p->name);
	vn_time(d->received_at, t, sizeof t);
	field(m, "Ngày nhận hồ sơ:", t);
	vn_time(f->ext_old, t, sizeof t);
	field(m, "Ngày hẹn trả kết quả:", t);
	field(m, "Việc giải quyết hồ sơ của ông/bà đã quá thời hạn ghi trên Giấy tiếp nhận hồ sơ "
	    "và hẹn trả kết quả. Lý do:", f->ext_reason);
	field(m, office, "");
	fputs("xin lỗi ông/bà và hẹn lại thời gian trả kết quả như sau:\n", m);
	vn_time(f->ext_new, t, sizeof t);
	field(m, "Ngày hẹn trả kết quả mới:", t);
	fputs("Rất mong nhận được sự thông cảm của ông/bà.\n", m);
	signatures(m, "", "NGƯỜI ĐẠI DIỆN", "", official);
}

static void
control(FILE *m, const struct dossier *d, const struct procedure *p, const struct facts *f)
{
	static const char *const result[] = { "Trước hạn", "Đúng hạn", "Quá hạn" };
	static const int w[] = { 3, 18, 18, 16, 9 };
	char t[64];
	int i;

	field(m, "Tên hồ sơ:", p->name);
	field(m, "Người nộp:", d->name);
	vn_time(d->received_at, t, sizeof t);
	field(m, "Thời gian nhận hồ sơ:", t);
	vn_time(d->due_at, t, sizeof t);
	field(m, "Thời gian trả kết quả:", t);
	field(m, "Cơ quan giải quyết:", d->handler[0] != '\0' &&
	    strcmp(d->handler, f->office_code) != 0 ? d->handler : f->office);
	fputc('\n', m);
	rule(m, w, 5);
	row(m, w, 5, (const char *[]){ "TT", "Bên giao", "Bên nhận", "Thời gian giao, nhận",
	    "Kết quả" });
	rule(m, w, 5);
	for (i = 0; i < f->nrows; i++) {
		char n[16], at[MC_TIME_BUF];

		snprintf(n, sizeof n, "%d", i + 1);
		mc_time_format_vn(f->rows[i].at, at);
		row(m, w, 5, (const char *[]){ n, f->rows[i].from, f->rows[i].to, at,
		    result[f->rows[i].result] });
	}
	rule(m, w, 5);
}

/* Render into m; MC_EINVAL when the form has nothing to say for this dossier. */
static int
render(struct store *st, const struct dossier *d, int form, FILE *m, struct mc_error *err)
{
	struct procedure p;
	struct facts *f;
	char *office_name = store_setting(st, "office.name");
	const char *office = office_name != NULL && *office_name != '\0' ? office_name : store_office(st);
	char officer[128], official[128];
	int rc;

	if ((rc = catalog_get(st, d->procedure, &p, err)) != MC_OK) {
		free(office_name);
		procedure_free(&p);
		return rc;
	}
	if ((f = calloc(1, sizeof *f)) == NULL) {
		free(office_name);
		procedure_free(&p);
		return mc_fail(err, MC_ENOMEM, NULL);
	}
	f->office = office;
	f->office_code = store_office(st);
	f->due = f->ready_at = MC_TIME_NONE;
	if ((rc = dossier_each_event(st, d->code, gather, f, err)) != MC_OK)
		goto out;
	if ((form == PAPER_SUPPLEMENT && !f->has_supplement) ||
	    (form == PAPER_REFUSAL && !f->has_refusal) ||
	    (form == PAPER_APOLOGY && !f->has_extension)) {
		rc = mc_fail(err, MC_EINVAL, form == PAPER_SUPPLEMENT ?
		    _("dossier %s has no supplement request to print") : form == PAPER_REFUSAL ?
		    _("dossier %s was not refused: there is no refusal to print") :
		    _("dossier %s has no extension: there is no apology to print"), d->code);
		goto out;
	}
	person(st, d->officer, officer, sizeof officer);
	header(m, office);
	title(m, form, d->code);
	switch (form) {
	case PAPER_RECEIPT:
		receipt(m, st, d, &p, &f->docs, office, officer);
		break;
	case PAPER_SUPPLEMENT:
		person(st, f->supp_actor, official, sizeof official);
		supplement(m, d, &p, f, office, official);
		break;
	case PAPER_REFUSAL:
		person(st, f->ref_actor, official, sizeof official);
		refusal(m, d, &p, f, office, official);
		break;
	case PAPER_APOLOGY:
		person(st, f->ext_actor, official, sizeof official);
		apology(m, d, &p, f, office, official);
		break;
	default:
		control(m, d, &p, f);
		break;
	}
out:
	dossier_docs_free(&f->docs);
	free(f);
	free(office_name);
	procedure_free(&p);
	return rc;
}

/* What text_unaccent leaves outside ASCII (a dash, a symbol in a name) becomes one
 * '?' per code point, in place; returns the new length. */
static size_t
ascii_only(char *s)
{
	char *w = s;
	const char *r;

	for (r = s; *r != '\0'; r++) {
		if ((unsigned char)*r < 0x80)
			*w++ = *r;
		else if (((unsigned char)*r & 0xc0) != 0x80)
			*w++ = '?';
	}
	*w = '\0';
	return (size_t)(w - s);
}

int
paper_render(struct store *st, const char *code, int form, int flags, FILE *fp,
    struct mc_error *err)
{
	struct dossier d;
	char *buf = NULL, *plain = NULL;
	size_t len = 0;
	FILE *m;
	int rc;

	if (paper_title(form) == NULL)
		return mc_fail(err, MC_EINVAL, _("unknown form %d (the forms are 01 to 05)"), form);
	if ((rc = dossier_get(st, code, &d, err)) != MC_OK)
		return rc;
	if ((m = open_memstream(&buf, &len)) == NULL)
		return mc_fail(err, MC_ENOMEM, NULL);
	rc = render(st, &d, form, m, err);
	if (fclose(m) != 0 && rc == MC_OK)
		rc = mc_fail(err, MC_ENOMEM, NULL);
	if (rc == MC_OK && (flags & PAPER_PLAIN)) {
		if ((plain = text_unaccent(buf)) == NULL)
			rc = mc_fail(err, MC_ENOMEM, NULL);
		else
			len = ascii_only(plain);
	}
	if (rc == MC_OK && (fwrite(plain != NULL ? plain : buf, 1, len, fp) != len ||
	    fflush(fp) != 0))
		rc = mc_fail(err, MC_EIO, _("could not write the form"));
	free(plain);
	free(buf);
	return rc;
}
