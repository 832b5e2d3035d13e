/* test-query.c -- the citizen's query language: 34 spellings of a dossier code, the
 * status in each state, privacy towards a number that is not the dossier's, help,
 * procedure information, ratings, opt-out and opt-in, throttling of unknown codes,
 * limits on looking up other people's dossiers (per number, all numbers together;
 * SMS and USSD; the table pruned), garbage of every kind, the USSD menu walked
 * through, and query_handle() on sms_in. */
#include "unit.h"

#include "catalog.h"
#include "dossier.h"
#include "notice.h"
#include "query.h"
#include "smsq.h"
#include "text.h"

#define OFFICE "000.17.22.H56"
#define OWNER "0912345678"
#define STRANGER "0987654321"
#define A_CODE OFFICE "-261012-0001"	/* being processed, phone OWNER */
#define B_CODE OFFICE "-261012-0002"	/* handed back, phone OWNER */

static struct store *st;
static char path[256];
static mc_minute now;

static void
intake(const char *proc, const char *name, const char *phone, char code[CODE_MAX])
{
	struct intake in = { .procedure = proc, .name = name, .idno = "001090012345", .phone = phone,
	    .address = "Thôn Đông, xã Tân Lập", .sms = 1, .received = MC_TIME_NONE };
	char codes[8][CODE_MAX];
	struct mc_error err;
	int n;

	if (dossier_intake(st, &in, "test", codes, 8, &n, &err) != MC_OK)
		fail_msg("intake: %s", mc_message(&err));
	strcpy(code, codes[0]);
}

static void
event(const char *code, enum event_kind k)
{
	struct event_args a;
	struct mc_error err;

	event_args_init(&a);
	a.reason = "Thiếu giấy tờ";
	a.items = "Bản sao sổ hộ khẩu";
	a.to = "Công an xã";
	if (dossier_append(st, code, k, &a, "test", &err) != MC_OK)
		fail_msg("%s: %s", event_kind_name(k), mc_message(&err));
}

static int
setup(void **state)
{
	char csv[512], code[CODE_MAX];
	int n;

	setenv("MOTCUA_NOW", "2026-10-12 09:00", 1);
	now = mc_now();
	st = unit_store(path);
	if (st == NULL)
		return -1;
	if (store_exec(st, "INSERT INTO office(code, name) VALUES ('" OFFICE "', 'UBND xã Tân Lập')", NULL) != MC_OK)
		return -1;
	store_set_setting(st, "office.name", "UBND xã Tân Lập", NULL);
	store_set_setting(st, "office.address", "Thôn Đông", NULL);
	snprintf(csv, sizeof csv, "%s/data/templates/sms.csv", SRCDIR);
	store_set_setting(st, "sms.templates", csv, NULL);
	snprintf(csv, sizeof csv, "%s/data/procedures.csv", SRCDIR);
	if (catalog_import(st, csv, "test", &n, NULL) != MC_OK)
		return -1;
	intake("1.004873", "Nguyễn Văn Ân", "+84912345678", code);	/* A: due 15/10 */
	event(code, EV_TRANSFERRED);
	intake("1.001193", "Trần Thị Bình", OWNER, code);		/* B */
	event(code, EV_RESULT_READY);
	event(code, EV_RESULT_RETURNED);
	return 0;
}

static int
teardown(void **state)
{
	unit_store_done(st, path);
	notice_templates_reset();
	return 0;
}

/* ---------------------------------------------------------------- helpers */

static void
ask(const char *from, const char *text, struct query_reply *r)
{
	struct mc_error err;

	if (query_answer(st, from, text, now, r, &err) != MC_OK)
		fail_msg("query_answer(%s): %s", text != NULL ? text : "NULL", mc_message(&err));
	/* whatever came in, a reply or a deliberate silence with its reason */
	if (r->silent) {
		assert_string_equal(r->text, "");
		assert_true(r->why[0] != '\0');
	} else {
		struct notice_size z;

		assert_true(r->text[0] != '\0');
		assert_true(text_valid(r->text, strlen(r->text)));
		notice_measure(r->text, &z);
		assert_false(z.ucs2);		/* unaccented GSM-7 by default */
		assert_true(z.parts <= 3);
	}
}

static void
apply(const struct query_reply *r)
{
	struct mc_error err;

	if (query_apply(st, r, now, &err) != MC_OK)
		fail_msg("query_apply: %s", mc_message(&err));
}

static void
expect(const char *from, const char *text, enum query_kind kind, const char *needle)
{
	struct query_reply r;

	ask(from, text, &r);
	if (r.kind != kind)
		fail_msg("'%s': %s (%s), expected %s", text, query_kind_name(r.kind), r.text,
		    query_kind_name(kind));
	if (needle != NULL && strstr(r.text, needle) == NULL)
		fail_msg("'%s': the reply '%s' lacks '%s'", text, r.text, needle);
}

static long
count(const char *sql)
{
	return unit_count(st, sql);
}

/* ---------------------------------------------------------------- codes */

static void
test_code_spellings(void **state)
{
	static const char *const spellings[] = {
		A_CODE,
		"000.17.22.h56-261012-0001",
		"HS " A_CODE,
		"hs 000.17.22.h56-261012-0001",
		"Hs:" A_CODE,
		"MA HS " A_CODE,
		"Mã hồ sơ: 261012-0001",
		"MA HO SO 000.17.22.H56-261012-0001",
		"TRACUU " A_CODE,
		"tra cứu 261012-0001",
		"Tra Cuu 261012-0001",
		"KT 261012-0001",
		"kiểm tra 261012-0001",
		"261012-0001",
		"261012 0001",
		"2610120001",
		"261012-1",
		"261012/0001",
		"OOO.17.22.H56-261O12-OOO1",
		"261012-OOO1",
		"000 17 22 H56 261012 0001",
		"0001722H562610120001",
		"000_17_22_H56-261012-0001",
		"000.17.22.H56/261012/0001",
		"  261012-0001  ",
		"261012-0001.",
		"hs\t261012-0001\n",
		"Cho toi hoi ho so 261012-0001 the nao?",
		"Hồ sơ 261012-0001 của tôi đến đâu rồi ạ",
		"\xef\xbc\x92\xef\xbc\x96\xef\xbc\x91\xef\xbc\x90\xef\xbc\x91\xef\xbc\x92-"
		"\xef\xbc\x90\xef\xbc\x90\xef\xbc\x90\xef\xbc\x91",	/* full-width digits */
		"HỒ SƠ 261012-0001",
		"261012-0001 ạ",
		"(261012-0001)",
		"\"261012-0001\"",
	};
	struct query_reply r;
	size_t i;

	for (i = 0; i < sizeof spellings / sizeof spellings[0]; i++) {
		ask(OWNER, spellings[i], &r);
		if (r.kind != QUERY_STATUS || strcmp(r.code, A_CODE) != 0)
			fail_msg("spelling %zu '%s': %s code '%s' (%s)", i, spellings[i],
			    query_kind_name(r.kind), r.code, r.text);
		assert_int_equal(r.owner, 1);
		assert_int_equal(r.effects, 0);
	}
	assert_true(i >= 30);
}

static void
test_status_and_privacy(void **state)
{
	struct query_reply r;

	/* the dossier's own phone: status, procedure, date */
	ask("+84 912 345 678", "261012-0001", &r);
	assert_int_equal(r.kind, QUERY_STATUS);
	assert_int_equal(r.owner, 1);
	assert_string_equal(r.number, OWNER);
	assert_non_null(strstr(r.text, "dang xu ly"));
	assert_non_null(strstr(r.text, "15/10/2026"));
	assert_non_null(strstr(r.text, "xac nhan tinh trang hon nhan"));
	/* another number: status and dates only */
	ask(STRANGER, "261012-0001", &r);
	assert_int_equal(r.kind, QUERY_STATUS);
	assert_int_equal(r.owner, 0);
	assert_non_null(strstr(r.text, "dang xu ly"));
	assert_non_null(strstr(r.text, "15/10/2026"));
	assert_null(strstr(r.text, "Nguyen"));
	assert_null(strstr(r.text, "An"));
	assert_null(strstr(r.text, "001090012345"));
	assert_null(strstr(r.text, "Thon Dong"));
	assert_null(strstr(r.text, "hon nhan"));		/* not even the procedure */
	assert_null(strstr(r.text, OWNER));
	/* handed back: the date, to anyone */
	expect(STRANGER, "261012-0002", QUERY_STATUS, "da tra ket qua ngay 12/10/2026");
}

static void
test_status_states(void **state)
{
	char c[CODE_MAX];
	struct query_reply r;
	struct event_args a;

	/* late: past the due date, with an apology */
	now += 4 * MC_DAY_MINUTES;		/* Friday 16th */
	expect(STRANGER, "261012-0001", QUERY_STATUS, "da qua ngay hen tra 15/10/2026");
	expect(OWNER, "261012-0001", QUERY_STATUS, "Xin loi");
	now -= 4 * MC_DAY_MINUTES;
	/* extended: the apology and the new date */
	event_args_init(&a);
	assert_int_equal(mc_time_parse("2026-10-20 00:00", &a.due), 0);
	a.reason = "Chờ xác minh";
	assert_int_equal(dossier_append(st, A_CODE, EV_EXTENDED, &a, "test", NULL), MC_OK);
	expect(STRANGER, "261012-0001", QUERY_STATUS, "da doi tu 15/10/2026 sang 20/10/2026");
	/* ready: where to collect */
	intake("1.004873", "Lê Văn Cường", OWNER, c);
	event(c, EV_RESULT_READY);
	expect(STRANGER, c, QUERY_STATUS, "Moi ong/ba den nhan tai UBND xa Tan Lap, Thon Dong");
	/* waiting for a supplement: what to bring, to the owner only */
	intake("1.004873", "Lê Văn Dũng", OWNER, c);
	event(c, EV_SUPPLEMENT_REQUESTED);
	ask(OWNER, c, &r);
	assert_non_null(strstr(r.text, "Ban sao so ho khau"));
	ask(STRANGER, c, &r);
	assert_null(strstr(r.text, "so ho khau"));
	assert_non_null(strstr(r.text, "dang cho bo sung giay to"));
	/* refused */
	event(c, EV_REJECTED);
	expect(STRANGER, c, QUERY_STATUS, "khong duoc tiep nhan");
}

static void
test_unknown_and_garbage(void **state)
{
	struct query_reply r;
	char *big;
	size_t i;
	static const char *const garbage[] = {
		"xin chao", "😀😀😀", "\xff\xfe\x01\x02\x80", "Привет 你好 مرحبا שלום",
		"\x1b[31mred\x1b[0m", "!!!???...", "DROP TABLE dossier;--", "%s%s%n%x",
		"\xe2\x80\xae\xe2\x80\x8b", "a\xcc\x81\xcc\x81\xcc\x81", "HS", "TRACUU",
		"\t\r\n", "TT", "DG", "DG 5",
	};

	expect(STRANGER, "261012-0099", QUERY_UNKNOWN_CODE, "Khong tim thay ho so " OFFICE "-261012-0099");
	ask(STRANGER, "261012-0098", &r);
	assert_int_equal(r.effects, QUERY_DO_THROTTLE | QUERY_DO_LOOKUP);
	assert_int_equal(r.lookup_found, 0);
	assert_int_equal(r.unknown, 1);		/* read from the store: nothing applied yet */
	expect(STRANGER, "12345678", QUERY_BAD_CODE, "Ma ho so chua dung");
	expect(STRANGER, "hs 99999999999999", QUERY_BAD_CODE, NULL);
	expect(STRANGER, "xin chao", QUERY_UNCLEAR, "HD");
	for (i = 0; i < sizeof garbage / sizeof garbage[0]; i++)
		ask(STRANGER, garbage[i], &r);	/* ask() checks reply-or-silence */
	/* empty messages: a deliberate silence */
	ask(STRANGER, "", &r);
	assert_int_equal(r.kind, QUERY_EMPTY);
	assert_true(r.silent);
	ask(STRANGER, "   \n ", &r);
	assert_true(r.silent);
	ask(STRANGER, NULL, &r);
	assert_true(r.silent);
	/* 1,000 characters, with a code at the end and without */
	big = malloc(1200);
	memset(big, 'x', 1000);
	big[1000] = '\0';
	ask(STRANGER, big, &r);
	assert_int_equal(r.kind, QUERY_UNCLEAR);
	for (i = 0; i < 1000; i += 5)
		memcpy(big + i, "abcd ", 5);
	strcpy(big + 100, " 261012-0001");
	ask(STRANGER, big, &r);
	assert_int_equal(r.kind, QUERY_STATUS);
	memset(big, 0xe1, 999);		/* 1,000 bytes of broken UTF-8 */
	big[999] = '\0';
	ask(STRANGER, big, &r);
	free(big);
	/* a sender that is no phone number cannot be answered */
	ask("VIETTEL", "261012-0001", &r);
	assert_int_equal(r.kind, QUERY_NOT_PHONE);
	assert_true(r.silent);
	ask("191", "KM", &r);
	assert_true(r.silent);
	ask(NULL, "HD", &r);
	assert_true(r.silent);
}

static void
test_help_and_languages(void **state)
{
	expect(STRANGER, "HD", QUERY_HELP, "Tra cuu: nhan ma ho so, VD 261012-0001");
	expect(STRANGER, "hướng dẫn", QUERY_HELP, "TUCHOI");
	expect(STRANGER, "?", QUERY_HELP, NULL);
	expect(STRANGER, "Trợ giúp", QUERY_HELP, NULL);
	expect(STRANGER, "help", QUERY_HELP, "Status: text the dossier code");
	expect(STRANGER, "STATUS 261012-0001", QUERY_STATUS, "being processed");
	expect(STRANGER, "check 261012-0001", QUERY_STATUS, "Due on 15/10/2026");
	/* the office writes with diacritics: replies in UCS-2 */
	store_set_setting(st, "sms.accents", "yes", NULL);
	{
		struct query_reply r;
		struct notice_size z;

		assert_int_equal(query_answer(st, STRANGER, "261012-0001", now, &r, NULL), MC_OK);
		assert_non_null(strstr(r.text, "đang xử lý"));
		notice_measure(r.text, &z);
		assert_true(z.ucs2);
	}
}

static void
test_info(void **state)
{
	expect(STRANGER, "TT dang ky khai sinh", QUERY_INFO, "Dang ky khai sinh (1.001193): thoi han trong ngay; le phi mien phi");
	expect(STRANGER, "TT 1.004873", QUERY_INFO, "thoi han 3 ngay lam viec");
	expect(STRANGER, "tt 1004873", QUERY_INFO, "Giay to:");
	expect(STRANGER, "thông tin chứng thực chữ ký trong giấy tờ", QUERY_INFO, "le phi 10.000 dong");
	expect(STRANGER, "TT 2.000815.000.00.00.H55", QUERY_INFO, "(2.000815)");	/* a local variant */
	expect(STRANGER, "TT khai sinh", QUERY_INFO, "Nhan TT <ma thu tuc>");
	expect(STRANGER, "TT zzzzqqq", QUERY_INFO, "Khong tim thay thu tuc");
	expect(STRANGER, "TT", QUERY_INFO, "Nhan TT va ten");
	expect(STRANGER, "TT 9.999999", QUERY_INFO, "Khong tim thay thu tuc");
	expect(STRANGER, "info 1.001193", QUERY_INFO, "Documents:");
	/* by a dossier's code: its own phone only */
	expect(OWNER, "TT 261012-0001", QUERY_INFO, "(1.004873)");
	expect(STRANGER, "TT 261012-0001", QUERY_INFO, "Nhan TT va ten");
}

static void
test_rating(void **state)
{
	struct query_reply r;
	struct dossier d;

	/* not yet handed back; not the owner; bad syntax */
	expect(OWNER, "DG 261012-0001 4", QUERY_RATE, "chua tra ket qua");
	expect(STRANGER, "DG 261012-0002 4", QUERY_RATE, "Chi so dien thoai");
	expect(OWNER, "DG 261012-0002 5", QUERY_RATE, "Cu phap");
	expect(OWNER, "DG 261012-0002", QUERY_RATE, "Cu phap");
	expect(OWNER, "DG 4", QUERY_RATE, "Cu phap");
	expect(OWNER, "DG 261012-0099 4", QUERY_UNKNOWN_CODE, NULL);
	/* the owner rates after return: effect only, nothing written yet */
	ask(OWNER, "Đánh giá 261012-0002 4", &r);
	assert_int_equal(r.kind, QUERY_RATE);
	assert_int_equal(r.effects, QUERY_DO_RATE);
	assert_int_equal(r.rating, 4);
	assert_non_null(strstr(r.text, "rat hai long"));
	assert_int_equal(dossier_get(st, B_CODE, &d, NULL), MC_OK);
	assert_int_equal(d.rating, 0);
	apply(&r);
	assert_int_equal(dossier_get(st, B_CODE, &d, NULL), MC_OK);
	assert_int_equal(d.rating, 4);
	assert_int_equal(count("SELECT count(*) FROM dossier_event WHERE kind = 'rated' AND actor = 'sms' "
	    "AND payload = '{\"rating\":4}'"), 1);
	/* once */
	expect(OWNER, "dg 3 261012-0002", QUERY_RATE, "da duoc danh gia");
	ask(OWNER, "dg 3 261012-0002", &r);
	assert_int_equal(r.effects, 0);
}

static void
test_optout_optin(void **state)
{
	struct query_reply r;
	static const char *const outs[] = { "TUCHOI", "từ chối", "Tu choi nhan tin", "STOP", "stop." };
	static const char *const ins[] = { "DONGY", "đồng ý", "START" };
	size_t i;

	/* a sentence with a code is a query, whatever its first word */
	ask(OWNER, "Huy 261012-0001", &r);
	assert_int_equal(r.kind, QUERY_STATUS);
	assert_int_equal(r.effects, 0);
	for (i = 0; i < sizeof outs / sizeof outs[0]; i++) {
		ask("+84912345678", outs[i], &r);
		assert_int_equal(r.kind, QUERY_OPTOUT);
		assert_int_equal(r.effects, QUERY_DO_OPTOUT);
		assert_non_null(strstr(r.text, "DONGY"));
		apply(&r);
		assert_true(smsq_optedout(st, OWNER));
		ask(OWNER, ins[i % 3], &r);
		assert_int_equal(r.kind, QUERY_OPTIN);
		assert_int_equal(r.effects, QUERY_DO_OPTIN);
		apply(&r);
		assert_false(smsq_optedout(st, OWNER));
	}
}

static void
test_throttle(void **state)
{
	const char *spammer = "0977000111";
	struct query_reply r;
	char code[32];
	int i, last = 0;

	for (i = 1; i <= 9; i++) {
		snprintf(code, sizeof code, "261012-%04d", 100 + i);
		ask(spammer, code, &r);
		assert_int_equal(r.kind, QUERY_UNKNOWN_CODE);
		assert_false(r.silent);
		assert_int_equal(r.unknown, i);
		if (i < 5)
			assert_int_equal(r.delay, 0);
		else
			assert_true(r.delay > last);	/* slowed down, more each time */
		last = r.delay;
		apply(&r);
	}
	/* a real code while slowed: answered, late */
	ask(spammer, "261012-0001", &r);
	assert_int_equal(r.kind, QUERY_STATUS);
	assert_true(r.delay > 0);
	/* the tenth: blocked, a deliberate silence */
	ask(spammer, "261012-0200", &r);
	assert_int_equal(r.kind, QUERY_BLOCKED);
	assert_true(r.silent);
	assert_int_equal(r.blocked_until, now + 720);
	apply(&r);
	ask(spammer, "261012-0001", &r);
	assert_true(r.silent);
	assert_int_equal(r.kind, QUERY_BLOCKED);
	ask(spammer, "HD", &r);
	assert_true(r.silent);
	/* an opt-out is still heard */
	ask(spammer, "TUCHOI", &r);
	assert_int_equal(r.kind, QUERY_OPTOUT);
	assert_false(r.silent);
	/* others are not affected */
	ask(STRANGER, "261012-0001", &r);
	assert_int_equal(r.kind, QUERY_STATUS);
	assert_int_equal(r.delay, 0);
	/* the block ends; a new window starts */
	now += 721;
	ask(spammer, "261012-0001", &r);
	assert_int_equal(r.kind, QUERY_STATUS);
	assert_int_equal(r.delay, 0);
	ask(spammer, "261012-0300", &r);
	assert_int_equal(r.unknown, 1);
	/* unclear messages count too; an hour later the count starts again */
	apply(&r);
	ask(spammer, "blah", &r);
	assert_int_equal(r.unknown, 2);
	now += 61;
	ask(spammer, "blah", &r);
	assert_int_equal(r.unknown, 1);
	/* the office can tighten it */
	store_set_setting(st, "sms.unknown_block", "2", NULL);
	apply(&r);
	ask(spammer, "blah", &r);
	assert_true(r.silent);
}

/* ---------------------------------------------------------------- USSD */

static void
ussd(const char *from, const char *text, const char *prefix, const char *needle,
    struct query_reply *r)
{
	struct notice_size z;

	assert_int_equal(query_ussd(st, from, text, now, r, NULL), MC_OK);
	if (strncmp(r->text, prefix, 4) != 0 || (needle != NULL && strstr(r->text, needle) == NULL))
		fail_msg("USSD '%s': '%s', expected %s...%s", text, r->text, prefix,
		    needle != NULL ? needle : "");
	notice_measure(r->text, &z);
	assert_false(z.ucs2);
	assert_true(z.units <= QUERY_USSD_MAX);
	assert_false(r->silent);
}

static void
test_ussd_walk(void **state)
{
	struct query_reply r;

	ussd(STRANGER, "", "CON ", "1. Tra cuu ho so", &r);
	assert_non_null(strstr(r.text, "UBND xa Tan Lap"));
	ussd(STRANGER, "1", "CON ", "Nhap ma ho so", &r);
	ussd(STRANGER, "1*2610120001", "END ", "dang xu ly", &r);
	assert_int_equal(r.kind, QUERY_STATUS);
	assert_null(strstr(r.text, "hon nhan"));	/* privacy as by SMS */
	ussd(STRANGER, "1*2610120099", "END ", "Khong tim thay", &r);
	assert_int_equal(r.effects, QUERY_DO_THROTTLE | QUERY_DO_LOOKUP);
	ussd(STRANGER, "2", "CON ", "thu tuc", &r);
	ussd(STRANGER, "2*1001193", "END ", "Dang ky khai sinh", &r);
	ussd(STRANGER, "2*khai sinh", "END ", NULL, &r);
	ussd(OWNER, "3", "CON ", "Nhap ma ho so", &r);
	ussd(OWNER, "3*2610120002", "CON ", "4. Rat hai long", &r);
	ussd(STRANGER, "3*2610120002", "END ", "Chi so dien thoai", &r);
	ussd(OWNER, "3*2610120002*9", "END ", "khong hop le", &r);
	ussd(OWNER, "3*2610120002*3", "END ", "Cam on", &r);
	assert_int_equal(r.effects, QUERY_DO_RATE);
	assert_int_equal(r.rating, 3);
	ussd(OWNER, "4", "CON ", "1. Ngung nhan", &r);
	ussd(OWNER, "4*1", "END ", NULL, &r);
	assert_int_equal(r.effects, QUERY_DO_OPTOUT);
	ussd(OWNER, "4*2", "END ", NULL, &r);
	assert_int_equal(r.effects, QUERY_DO_OPTIN);
	ussd(OWNER, "4*7", "END ", "khong hop le", &r);
	ussd(OWNER, "9", "END ", "khong hop le", &r);
	ussd(OWNER, "1*2*3*4*5*6*7*8*9*10", "END ", NULL, &r);
	ussd(OWNER, "\xff*\x01", "END ", NULL, &r);
	ussd("SHORTCODE", "", "END ", NULL, &r);
	/* a long screen is cut to 182 characters */
	store_set_setting(st, "office.name", "Trung tâm Phục vụ hành chính công phường có một cái tên rất dài "
	    "để thử xem màn hình USSD có bị cắt đúng chỗ hay không khi quá một trăm tám mươi hai ký tự", NULL);
	ussd(STRANGER, "", "CON ", "...", &r);
}

/* ---------------------------------------------------------------- the daemon's round */

static void
test_handle(void **state)
{
	long in, dup_in, reply, again;
	int dup;
	mc_second t = mc_second_at(now);

	assert_int_equal(smsq_in_record(st, "m1", "+84987654321", "2026-10-12T02:00:00Z", "hs 261012-0001",
	    1, t, &in, &dup, NULL), MC_OK);
	assert_int_equal(query_handle(st, in, now, &reply, NULL), MC_OK);
	assert_true(reply > 0);
	assert_int_equal(count("SELECT count(*) FROM sms_out WHERE kind = 'reply' AND priority = 0 "
	    "AND number = '" STRANGER "' AND code = '" A_CODE "' AND body LIKE '%dang xu ly%'"), 1);
	assert_int_equal(count("SELECT count(*) FROM sms_in WHERE status = 'answered' AND reply IS NOT NULL"), 1);
	/* handled twice (a crash before the caller noticed): nothing more */
	assert_int_equal(query_handle(st, in, now, &again, NULL), MC_OK);
	assert_int_equal(again, 0);
	/* the same SMS delivered again is the same row */
	assert_int_equal(smsq_in_record(st, "m1", "+84987654321", "2026-10-12T02:00:00Z", "hs 261012-0001",
	    1, t + 40, &dup_in, &dup, NULL), MC_OK);
	assert_int_equal(dup_in, in);
	assert_int_equal(dup, 1);
	assert_int_equal(count("SELECT count(*) FROM sms_out WHERE kind = 'reply'"), 1);
	/* a silence is recorded with its reason */
	assert_int_equal(smsq_in_record(st, "m1", "VIETTEL", "2026-10-12T02:01:00Z", "Khuyen mai", 1, t, &in,
	    NULL, NULL), MC_OK);
	assert_int_equal(query_handle(st, in, now, &reply, NULL), MC_OK);
	assert_int_equal(reply, 0);
	assert_int_equal(count("SELECT count(*) FROM sms_in WHERE status = 'ignored' AND note <> ''"), 1);
	/* the note an incomplete message came with stays once it is answered (or ignored) */
	assert_int_equal(smsq_in_incomplete(st, "m1", "+84987654321", "2026-10-12T02:00:30Z", "hs 261012-0001",
	    1, "incomplete: part 9 of 3 is not a valid part", t, &in, NULL, NULL), MC_OK);
	assert_int_equal(query_handle(st, in, now, &reply, NULL), MC_OK);
	assert_true(reply > 0);
	assert_int_equal(count("SELECT count(*) FROM sms_in WHERE status = 'answered' "
	    "AND note = 'incomplete: part 9 of 3 is not a valid part'"), 1);
	assert_int_equal(smsq_in_incomplete(st, "m1", "VIETTEL", "2026-10-12T02:01:30Z", "Khuyen", 2,
	    "incomplete: 1 of 2 parts", t, &in, NULL, NULL), MC_OK);
	assert_int_equal(query_handle(st, in, now, &reply, NULL), MC_OK);
	assert_int_equal(count("SELECT count(*) FROM sms_in WHERE status = 'ignored' "
	    "AND note LIKE 'incomplete: 1 of 2 parts; %'"), 1);
	/* opt-out by SMS, then a notice for that phone is not queued */
	assert_int_equal(smsq_in_record(st, "m1", OWNER, "2026-10-12T02:02:00Z", "TUCHOI", 1, t, &in,
	    NULL, NULL), MC_OK);
	assert_int_equal(query_handle(st, in, now, &reply, NULL), MC_OK);
	assert_true(reply > 0);
	assert_true(smsq_optedout(st, OWNER));
	event(A_CODE, EV_RESULT_READY);
	assert_int_equal(count("SELECT count(*) FROM sms_out o JOIN dossier_event e ON e.id = o.event_id "
	    "WHERE e.kind = 'result-ready' AND o.code = '" A_CODE "'"), 0);
	/* a slowed sender's reply waits */
	{
		struct query_reply r;
		char body[32];
		int i;

		for (i = 0; i < 6; i++) {
			snprintf(body, sizeof body, "261012-%04d", 500 + i);
			assert_int_equal(smsq_in_record(st, "m1", "0911111111", "x", body, 1, t, &in, NULL, NULL), MC_OK);
			assert_int_equal(query_handle(st, in, now, &reply, NULL), MC_OK);
		}
		assert_int_equal(count("SELECT count(*) FROM sms_out WHERE number = '0911111111' "
		    "AND not_before IS NOT NULL"), 2);
		ask("0911111111", "261012-0001", &r);
		assert_true(r.delay > 0);
	}
	assert_int_equal(query_handle(st, 99999, now, &reply, NULL), MC_ENOTFOUND);
}

/* ---------------------------------------------------------------- look-up limits */

#define OTHERS 8

/* OTHERS dossiers, each of its own phone 09330000NN (N from 1). */
static void
others(char codes[OTHERS][CODE_MAX])
{
	char phone[16];
	int i;

	for (i = 0; i < OTHERS; i++) {
		snprintf(phone, sizeof phone, "09330000%02d", i + 1);
		intake("1.004873", "Lê Văn Cường", phone, codes[i]);
	}
}

static int
lookups(void)
{
	return count("SELECT count(*) FROM query_lookup");
}

static void
test_lookup_per_number(void **state)
{
	char codes[OTHERS][CODE_MAX], limited[QUERY_TEXT_MAX];
	struct query_reply r;
	int i;

	others(codes);
	/* five dossiers of others: answered, each counted once */
	for (i = 0; i < 5; i++) {
		ask(STRANGER, codes[i], &r);
		assert_int_equal(r.kind, QUERY_STATUS);
		assert_int_equal(r.owner, 0);
		assert_int_equal(r.effects, QUERY_DO_LOOKUP);
		assert_int_equal(r.lookup_found, 1);
		apply(&r);
	}
	assert_int_equal(lookups(), 5);
	ask(STRANGER, codes[0], &r);		/* again: answered, not counted */
	assert_int_equal(r.kind, QUERY_STATUS);
	assert_int_equal(r.effects, 0);
	/* the sixth is refused, without its status */
	ask(STRANGER, codes[5], &r);
	assert_int_equal(r.kind, QUERY_LIMITED);
	assert_false(r.silent);
	assert_int_equal(r.effects, 0);
	assert_non_null(strstr(r.text, "So nay da tra cuu du so ho so cua nguoi khac cho phep trong 24 gio"));
	assert_non_null(strstr(r.text, "luon tra cuu duoc"));
	assert_null(strstr(r.text, "tiep nhan"));
	assert_null(strstr(r.text, "hen tra"));
	assert_non_null(strstr(r.why, "5 dossiers not its own in 1440 minutes"));
	strcpy(limited, r.text);
	/* an unknown code gets the same words: the refusal does not tell whether a
	 * dossier exists; the unknown code is still counted against the number */
	ask(STRANGER, "261012-0999", &r);
	assert_int_equal(r.kind, QUERY_LIMITED);
	assert_string_equal(r.text, limited);
	assert_int_equal(r.effects, QUERY_DO_THROTTLE);
	/* so does a rating */
	ask(STRANGER, "DG 261012-0009 4", &r);
	assert_int_equal(r.kind, QUERY_LIMITED);
	/* in English */
	ask(STRANGER, "STATUS 261012-0010", &r);
	assert_int_equal(r.kind, QUERY_LIMITED);
	assert_non_null(strstr(r.text, "This number has looked up as many other people's dossiers as allowed in 24 hours"));
	/* by USSD, the same rule (the same table) */
	ussd(STRANGER, "1*2610120008", "END ", "So nay da tra cuu du so ho so", &r);
	assert_int_equal(r.kind, QUERY_LIMITED);
	/* the dossier's own phone is never limited, another number is not affected */
	ask(OWNER, "261012-0001", &r);
	assert_int_equal(r.kind, QUERY_STATUS);
	ask("0933000006", codes[5], &r);
	assert_int_equal(r.kind, QUERY_STATUS);
	assert_int_equal(r.owner, 1);
	assert_int_equal(r.effects, 0);
	ask("0944000000", codes[5], &r);
	assert_int_equal(r.kind, QUERY_STATUS);
	/* a day later the number may look up again */
	now += 1441;
	ask(STRANGER, codes[5], &r);
	assert_int_equal(r.kind, QUERY_STATUS);
	now -= 1441;
	/* the office sets its limits: 7 a number, or none */
	store_set_setting(st, "sms.lookup_per_number", "7", NULL);
	ask(STRANGER, codes[5], &r);
	assert_int_equal(r.kind, QUERY_STATUS);
	store_set_setting(st, "sms.lookup_per_number", "5", NULL);
	store_set_setting(st, "sms.lookup_window", "120", NULL);
	ask(STRANGER, codes[5], &r);
	assert_int_equal(r.kind, QUERY_LIMITED);
	assert_non_null(strstr(r.text, "trong 2 gio"));
	store_set_setting(st, "sms.lookup_per_number", "0", NULL);
	ask(STRANGER, codes[5], &r);
	assert_int_equal(r.kind, QUERY_STATUS);
	/* a bad value is the default */
	store_set_setting(st, "sms.lookup_per_number", "-3", NULL);
	ask(STRANGER, codes[5], &r);
	assert_int_equal(r.kind, QUERY_LIMITED);
}

static void
test_lookup_overall(void **state)
{
	char codes[OTHERS][CODE_MAX], number[16], busy[QUERY_TEXT_MAX];
	struct query_reply r;
	long in, reply;
	int i;

	others(codes);
	store_set_setting(st, "sms.lookup_overall", "10", NULL);
	/* ten numbers, each one look-up (an unknown code counts too) */
	for (i = 0; i < 10; i++) {
		snprintf(number, sizeof number, "09550000%02d", i);
		ask(number, i < 8 ? codes[i] : "261012-0777", &r);
		assert_int_equal(r.kind, i < 8 ? QUERY_STATUS : QUERY_UNKNOWN_CODE);
		apply(&r);
	}
	assert_int_equal(count("SELECT count(*) FROM sms_throttle"), 2);
	/* the eleventh number is refused, found or not, by SMS and USSD */
	ask("0966000000", codes[0], &r);
	assert_int_equal(r.kind, QUERY_LIMITED);
	assert_non_null(strstr(r.text, "He thong dang nhan qua nhieu yeu cau tra cuu. Vui long thu lai sau 60 phut"));
	assert_null(strstr(r.text, "tiep nhan"));
	assert_non_null(strstr(r.why, "10 look-ups"));
	strcpy(busy, r.text);
	ask("0966000000", "261012-0888", &r);
	assert_int_equal(r.kind, QUERY_LIMITED);
	assert_string_equal(r.text, busy);
	ask("0966000000", "CHECK 261012-0003", &r);
	assert_non_null(strstr(r.text, "Too many look-ups right now. Please try again in 60 minutes"));
	ussd("0966000001", "1*2610120003", "END ", "He thong dang nhan qua nhieu", &r);
	/* a number asking again what it asked is answered; an owner always */
	ask("0955000000", codes[0], &r);
	assert_int_equal(r.kind, QUERY_STATUS);
	ask("0933000002", codes[1], &r);
	assert_int_equal(r.kind, QUERY_STATUS);
	ask(OWNER, "261012-0001", &r);
	assert_int_equal(r.kind, QUERY_STATUS);
	/* through the SMS daemon's path: the refusal is the reply queued */
	assert_int_equal(smsq_in_record(st, "m1", "0966000002", "2026-10-12T02:00:00Z", codes[2], 1,
	    mc_second_at(now), &in, NULL, NULL), MC_OK);
	assert_int_equal(query_handle(st, in, now, &reply, NULL), MC_OK);
	assert_true(reply > 0);
	assert_int_equal(count("SELECT count(*) FROM sms_out WHERE number = '0966000002' "
	    "AND body LIKE 'He thong dang nhan qua nhieu yeu cau%'"), 1);
	/* an hour later the window has moved on */
	now += 61;
	ask("0966000000", codes[0], &r);
	assert_int_equal(r.kind, QUERY_STATUS);
	apply(&r);
	/* rows older than both windows go as new ones come: the table stays small;
	 * so do the unknown-code rows of numbers whose window is over (the two of
	 * 0955000008 and 0955000009, gone already at the first look-up an hour on) */
	assert_int_equal(lookups(), 11);
	now += 1441;
	ask("0977000000", codes[3], &r);
	apply(&r);
	assert_int_equal(lookups(), 1);
	assert_int_equal(count("SELECT count(*) FROM query_lookup_minute"), 1);
	assert_int_equal(count("SELECT count(*) FROM sms_throttle"), 0);
	now -= 61 + 1441;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_code_spellings, setup, teardown),
		cmocka_unit_test_setup_teardown(test_status_and_privacy, setup, teardown),
		cmocka_unit_test_setup_teardown(test_status_states, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_and_garbage, setup, teardown),
		cmocka_unit_test_setup_teardown(test_help_and_languages, setup, teardown),
		cmocka_unit_test_setup_teardown(test_info, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rating, setup, teardown),
		cmocka_unit_test_setup_teardown(test_optout_optin, setup, teardown),
		cmocka_unit_test_setup_teardown(test_throttle, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ussd_walk, setup, teardown),
		cmocka_unit_test_setup_teardown(test_handle, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lookup_per_number, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lookup_overall, setup, teardown),
	};

	return cmocka_run_group_tests_name("query", tests, NULL, NULL);
}
