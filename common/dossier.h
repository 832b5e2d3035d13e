/* dossier.h -- dossiers (hồ sơ): intake, the event log, and the materialised row.
 *
 * The append-only table dossier_event is the truth.  dossier_append() checks the
 * transition against the one table in lifecycle.c, computes what the event implies
 * (a new due date after a supplement, ...), appends it with a province-unique id
 * "<office>:<seq>" and rewrites the dossier row in the same transaction.  The row is a
 * pure function of the events (lifecycle_apply); dossier_check() replays every dossier
 * and compares.
 *
 * Statuses are the national portal's TrangThaiHoSo codes (DOMAIN.md).
 */
#ifndef MC_DOSSIER_H
#define MC_DOSSIER_H

#include <jansson.h>

#include "code.h"
#include "error.h"
#include "mctime.h"

struct store;
struct calendar;

enum dossier_status {
	ST_NONE = 0,		/* before its first event */
	ST_REGISTERED = 1,	/* Mới đăng ký (online, not yet accepted) */
	ST_ACCEPTED = 2,	/* Được tiếp nhận */
	ST_REFUSED = 3,		/* Không được tiếp nhận */
	ST_PROCESSING = 4,	/* Đang xử lý */
	ST_SUPPLEMENT = 5,	/* Yêu cầu bổ sung giấy tờ */
	ST_FEE = 6,		/* Yêu cầu thực hiện nghĩa vụ tài chính */
	ST_WITHDRAWN = 7,	/* Công dân yêu cầu rút hồ sơ */
	ST_STOPPED = 8,		/* Dừng xử lý */
	ST_READY = 9,		/* Đã xử lý xong */
	ST_RETURNED = 10,	/* Đã trả kết quả */
	ST_COUNT
};

#define EVENT_KINDS(X) \
	X(EV_REGISTERED, "registered") \
	X(EV_RECEIVED, "received") \
	X(EV_ACCEPTED, "accepted") \
	X(EV_EDITED, "edited") \
	X(EV_TRANSFERRED, "transferred") \
	X(EV_RETURNED_TO_OFFICE, "returned-to-office") \
	X(EV_SUPPLEMENT_REQUESTED, "supplement-requested") \
	X(EV_SUPPLEMENT_RECEIVED, "supplement-received") \
	X(EV_FEE_REQUESTED, "fee-requested") \
	X(EV_FEE_PAID, "fee-paid") \
	X(EV_RESULT_READY, "result-ready") \
	X(EV_RESULT_RETURNED, "result-returned") \
	X(EV_REJECTED, "rejected") \
	X(EV_WITHDRAWN, "withdrawn") \
	X(EV_STOPPED, "stopped") \
	X(EV_EXTENDED, "extended") \
	X(EV_NOTE, "note") \
	X(EV_DIGITISED, "digitised") \
	X(EV_RATED, "rated")

#define EVENT_KIND_ENUM(e, s) e,
enum event_kind { EVENT_KINDS(EVENT_KIND_ENUM) EV_COUNT };
#undef EVENT_KIND_ENUM

/*
 * Sets of statuses.  Each is written once, as a list of its statuses, the first as
 * F(number, status) and the others as X(number, status), and that list makes both its
 * SQL condition (DOSSIER_SQL_IN, for lists, reports, reminders and the hub) and its C
 * predicate (lifecycle.c), so the two cannot disagree.  DOSSIER_SET_CHECK(set) checks
 * the numbers against the enum at compile time.
 */
/* Pending: the office's to finish; not closed, not ready, and not paused waiting
 * for the citizen (that time is not charged, DOMAIN.md).  dossier_pending(). */
#define DOSSIER_PENDING(F, X) \
	F(1, ST_REGISTERED) X(2, ST_ACCEPTED) X(4, ST_PROCESSING) X(6, ST_FEE)
/* Open: pending, or paused for a supplement (the lifecycle's OPEN).
 * dossier_status_open(). */
#define DOSSIER_OPEN(F, X) DOSSIER_PENDING(F, X) X(5, ST_SUPPLEMENT)
/* Finished: the result is ready or handed back (finished_at is set: on time or
 * late).  dossier_status_finished(). */
#define DOSSIER_FINISHED(F, X) F(9, ST_READY) X(10, ST_RETURNED)
/* Final: closed, nothing more happens to it.  dossier_status_final(). */
#define DOSSIER_FINAL(F, X) F(3, ST_REFUSED) X(7, ST_WITHDRAWN) X(8, ST_STOPPED) X(10, ST_RETURNED)
/* One status, for the conditions that want one. */
#define DOSSIER_READY(F, X) F(9, ST_READY)
#define DOSSIER_SUPPLEMENT(F, X) F(5, ST_SUPPLEMENT)

/* The set as an SQL condition on column (a string: "status", "d.status", "+status" to
 * keep SQLite off its index): "status IN (1, 2, 4, 6)". */
#define DOSSIER_SQL_IN(column, set) column " IN (" set(DOSSIER_SQL_FIRST_, DOSSIER_SQL_NEXT_) ")"
#define DOSSIER_SQL_FIRST_(n, status) #n
#define DOSSIER_SQL_NEXT_(n, status) ", " #n
#define DOSSIER_SET_CHECK(set) set(DOSSIER_SET_CHECK_, DOSSIER_SET_CHECK_)
#define DOSSIER_SET_CHECK_(n, status) _Static_assert((n) == (status), #status " is not " #n);

#define DOSSIER_PENDING_SQL DOSSIER_SQL_IN("status", DOSSIER_PENDING)
int dossier_pending(int status);
int dossier_status_open(int status);
int dossier_status_finished(int status);

const char *event_kind_name(enum event_kind k);
int event_kind_parse(const char *s);			/* -1 if unknown */
const char *dossier_status_name(int status);		/* translated, Vietnamese by default */
int dossier_status_final(int status);

/* The materialised row (table dossier).  Strings are NUL-terminated in place. */
struct dossier {
	char code[CODE_MAX];
	char office[64];
	char procedure[48];
	char group_code[CODE_MAX];	/* "" when not part of a linked intake */
	char name[256];
	char idno[32];
	char phone[32];
	char address[512];
	char email[128];
	int sms;
	char channel[16];		/* counter | postal | online */
	int priority;			/* 1 = priority counter (elderly, pregnant, disabled) */
	int sets;
	int status;
	mc_minute received_at, due_at;
	mc_minute finished_at, returned_at, paused_at;	/* MC_TIME_NONE when not */
	char handler[128];		/* agency holding it now */
	long fee, fee_paid;
	int supplements, extensions, transfers, digitised, rating, backentered;
	char officer[64];
	int events;
	char last_event[96];
	mc_minute updated_at;		/* time of the last event */
};

/* One event as stored. payload is owned by the event (json_decref).  A dossier's
 * events fold in ascending (pos, office, office sequence) on every store: pos is the
 * event's place in its dossier when its office recorded it (doc/sync-api.md). */
struct dossier_event {
	long seq;
	char id[96];
	int pos;
	char code[CODE_MAX];
	enum event_kind kind;
	mc_minute at;
	char actor[64];
	json_t *payload;
};

/* The form a document was handed in: bản chính, bản sao, bản sao chứng thực. */
enum doc_form {
	DOC_FORM_ORIGINAL,
	DOC_FORM_COPY,
	DOC_FORM_CERTIFIED,
	DOC_FORM_COUNT
};

/* One document handed in at intake: its number in the procedure's checklist (1 = the
 * first, as `motcua catalog show` numbers them) and the form it came in. */
struct handed_doc {
	int no;
	enum doc_form form;
};

/* What an intake needs.  Strings are the caller's. */
struct intake {
	const char *procedure;	/* catalogue code */
	const char *name;
	const char *idno, *phone, *address, *email;	/* may be NULL */
	int sms;		/* consent to SMS notices */
	const char *channel;	/* NULL = counter */
	int priority;
	int sets;		/* 0 = 1 */
	mc_minute received;	/* MC_TIME_NONE = now; else back-entered */
	const char *note;
	int linked;		/* 1: file every procedure of the procedure's linked group */
	/* The documents handed in, numbered in the checklist of procedure (for a linked
	 * intake too: one pile for the whole group, recorded on each of its dossiers).
	 * docs_recorded 0: nothing is recorded (the receipt says so); 1: docs is the
	 * whole pile (ndocs 0: none). */
	const struct handed_doc *docs;
	int ndocs;
	int docs_recorded;
};

/* "original", "copy", "certified"; and back, also from Vietnamese words without
 * accents ("chinh", "sao", "chung-thuc"...): -1 when not one. */
const char *doc_form_name(int form);
int doc_form_parse(const char *s);
/* The legal wording on the forms: "Bản chính", "Bản sao", "Bản sao chứng thực". */
const char *doc_form_label(int form);
struct document;
struct procedure;
/* The form a checklist item asks for, -1 when it may be either (the official says). */
int doc_form_default(const struct document *d);

/* Parse a list of the checklist of p as typed on the command line: numbers separated
 * by commas, each optionally with ":FORM" ("1,3:copy,4:certified"), or "all" (every
 * item in the form it asks for) or "none".  An item that may be either needs its
 * form.  *out (the caller frees it) and *n get the documents in checklist order.
 * MC_EINVAL with the reason for a bad list. */
int dossier_docs_parse(const char *list, const struct procedure *p, struct handed_doc **out,
    int *n, struct mc_error *err);

/* The documents of a dossier as its intake recorded them (payload keys "documents"
 * and "missing" of its received or registered event). */
struct dossier_doc {
	int no;			/* in the checklist at intake */
	char name[512];
	int form;		/* enum doc_form; -1 for a missing one */
	int sets;
};
struct dossier_docs {
	int recorded;		/* 0: an intake that recorded nothing (older dossiers) */
	struct dossier_doc *handed, *missing;	/* owned */
	int nhanded, nmissing;
};
/* Read them from an intake event's payload (recorded 0 when it has none); MC_ENOMEM. */
int dossier_docs_read(const json_t *payload, struct dossier_docs *out);
/* The same for the dossier code (its first event). */
int dossier_docs_get(struct store *st, const char *code, struct dossier_docs *out,
    struct mc_error *err);
void dossier_docs_free(struct dossier_docs *d);
/* "1. Tờ khai (Bản chính); 3. CCCD (Bản sao)" for the handed (missing 0) or the missing
 * (1) ones: a new string, "" when none; NULL when out of memory. */
char *dossier_docs_line(const struct dossier_docs *d, int missing);

/* Register a dossier; codes gets the new code(s) (ncodes of room; linked intakes make
 * several), *n the count.  One transaction. */
int dossier_intake(struct store *st, const struct intake *in, const char *actor,
    char codes[][CODE_MAX], int ncodes, int *n, struct mc_error *err);

/* Optional fields of an event. */
struct event_args {
	const char *note;	/* free text; the reason when an event needs one */
	const char *reason;
	const char *to;		/* transferred: receiving agency */
	const char *items;	/* supplement-requested: what to bring */
	const char *collector;	/* result-returned: who collected */
	long amount;		/* fee-requested / fee-paid, đồng */
	int rating;		/* rated: 1..4 */
	mc_minute due;		/* extended: the new due time; MC_TIME_NONE if not given */
	mc_minute at;		/* when; MC_TIME_NONE = now */
	json_t *fields;		/* edited: {"name": ..., "phone": ...} (borrowed) */
};
void event_args_init(struct event_args *a);

/* Append kind to code. MC_ETRANSITION (with the reason) when the status forbids it,
 * MC_EINVAL when a needed field is missing, MC_ENOTFOUND for an unknown code. */
int dossier_append(struct store *st, const char *code, enum event_kind kind,
    const struct event_args *a, const char *actor, struct mc_error *err);

/* Is kind allowed from status? (the lifecycle table) */
int lifecycle_allowed(int status, enum event_kind kind);
/* Apply one event to a row (pure).  MC_ETRANSITION / MC_EINVAL on a bad event. */
int lifecycle_apply(struct dossier *d, const struct dossier_event *ev, struct mc_error *err);
/* Fold one event into d at its place in the order: applied when the table allows it,
 * else d is left as it was and the event is passed over (two offices acted at once;
 * the same on every store).  MC_OK when applied; else the refusal (err filled). */
int lifecycle_fold(struct dossier *d, const struct dossier_event *ev, struct mc_error *err);
/* Why kind is refused from status, translated. */
const char *lifecycle_refusal(int status, enum event_kind kind, char *buf, size_t n);

/* Overdue is not a status but computed (DOMAIN.md): pending and past its due time. */
int dossier_overdue(const struct dossier *d, mc_minute now);
/* Finished (result ready or returned) after its due time. */
int dossier_late(const struct dossier *d);

int dossier_get(struct store *st, const char *code, struct dossier *out, struct mc_error *err);
/* Call fn for each event of code in the fold order; nonzero from fn stops. */
int dossier_each_event(struct store *st, const char *code,
    int (*fn)(const struct dossier_event *ev, void *ctx), void *ctx, struct mc_error *err);
/* What search.c looks in, as stored with the row (the caller frees each): the folded
 * code, name, phone and ID framed by spaces; the folded address framed by spaces
 * (searched only when asked); the folded name (for ranking). */
char *dossier_search_text(const struct dossier *d);
char *dossier_search_address(const struct dossier *d);
char *dossier_name_key(const struct dossier *d);

/* Replay every dossier and compare with its row; fn (may be NULL) hears of each
 * difference.  *nbad gets their number; *nchecked the dossiers checked. */
int dossier_check(struct store *st, void (*fn)(const char *code, const char *what, void *ctx),
    void *ctx, long *nchecked, long *nbad, struct mc_error *err);

/* Write d as the row of its code (insert or update); used by append and the demo. */
int dossier_write(struct store *st, const struct dossier *d, struct mc_error *err);
/* Append one event (already applied to d by the caller); assigns ev id and pos. */
int dossier_store_event(struct store *st, struct dossier_event *ev, struct mc_error *err);
/* Fold code's events again in their order and write its row (events from another
 * office arrived, common/syncq.c).  Inside the caller's transaction. */
int dossier_refold(struct store *st, const char *code, struct mc_error *err);

/* The columns of table dossier in the order dossier_from_row() reads them. */
#define DOSSIER_COLUMNS \
	"code, office, procedure, group_code, name, idno, phone, address, email, sms, " \
	"channel, priority, sets, status, received_at, due_at, finished_at, returned_at, " \
	"paused_at, handler, fee, fee_paid, supplements, extensions, transfers, digitised, " \
	"rating, backentered, officer, events, last_event, updated_at"
#define DOSSIER_NCOLUMNS 32
struct sqlite3_stmt;
/* Fill d from the current row of s, which selected DOSSIER_COLUMNS first. */
void dossier_from_row(struct sqlite3_stmt *s, struct dossier *d);

#endif
