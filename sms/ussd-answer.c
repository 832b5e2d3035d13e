/* ussd-answer.c -- what motcua-ussd says to one request.
 *
 * The store is opened once and shared by the connection threads under one lock:
 * common/ keeps caches that are not thread-safe (the templates), and one answer is a
 * few milliseconds of SQLite.  An answer is query_ussd() then query_apply(), as the
 * SMS daemon answers a message, so the rules are the same: privacy towards numbers
 * that are not the dossier's, unknown codes counted against the caller (slowed, then
 * blocked), opt-out and opt-in.  What USSD changes:
 *  - a deadline: the gateway gives up after a few seconds, so waiting for the lock,
 *    for a busy database (at most MOTCUA_BUSY_TIMEOUT when it is set) and holding a
 *    slowed caller all end before it; what cannot be done by then is "END try again"
 *    (effects that could not be written are not shown as done);
 *  - a slowed caller (query's delay, minutes for an SMS) has the answer held
 *    HOLD_PER_MINUTE ms a minute of delay, at most HOLD_MAX ms;
 *  - a gateway that did not get an answer may send the same request again: the
 *    answers of the last SESSION_SECONDS (a USSD session's life) are kept, and the
 *    same session, number and text get the same answer without counting twice.
 */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "i18n.h"
#include "notice.h"
#include "query.h"
#include "smsq.h"
#include "store.h"
#include "ussd.h"

#define RECENT		128	/* answers kept for retries */
#define SESSION_SECONDS	180
#define HOLD_PER_MINUTE	100	/* ms */
#define HOLD_MAX	2000	/* ms */
#define MARGIN		0.15	/* seconds kept for sending the answer */

struct recent {
	double at;			/* mc_monotonic(); 0: unused */
	char session[USSD_SESSION_MAX + 1];
	char number[PHONE_MAX];
	char text[USSD_TEXT_MAX + 1];
	struct ussd_answer ans;
};

struct ussd_service {
	pthread_mutex_t lock;		/* everything below */
	struct store *st;
	int busy_ms;			/* MOTCUA_BUSY_TIMEOUT; -1 when not set */
	struct recent recent[RECENT];
	int next;			/* the slot the next answer takes */
};

/* ---------------------------------------------------------------- texts */

static const char *const refusals[] = {
	[USSD_REFUSE_BAD] = N_("Sorry, this request could not be read. Please dial again."),
	[USSD_REFUSE_BUSY] = N_("The system is busy. Please try again in a moment."),
	[USSD_REFUSE_DOWN] = N_("The service is out of order. Please try again later."),
};

void
ussd_refusal(enum ussd_refusal r, char *out, size_t n)
{
	const char *text = _(refusals[(size_t)r < sizeof refusals / sizeof refusals[0] ? r : USSD_REFUSE_DOWN]);
	char *plain = notice_gsm7(text);	/* a USSD screen is always unaccented */

	snprintf(out, n, "END %s", plain != NULL ? plain : text);
	free(plain);
}

/* ---------------------------------------------------------------- the service */

int
ussd_service_open(const char *db_path, struct ussd_service **out, struct mc_error *err)
{
	struct ussd_service *sv;
	const char *busy = getenv("MOTCUA_BUSY_TIMEOUT");
	char *lang;
	int rc;

	*out = NULL;
	if ((sv = calloc(1, sizeof *sv)) == NULL)
		return mc_fail(err, MC_ENOMEM, NULL);
	if ((rc = store_open(db_path, 0, &sv->st, err)) != MC_OK) {
		free(sv);
		return rc;
	}
	pthread_mutex_init(&sv->lock, NULL);
	sv->busy_ms = busy != NULL && *busy != '\0' ? atoi(busy) : -1;
	if (getenv("MOTCUA_LANG") == NULL) {	/* the office's language, as the console */
		lang = store_setting(sv->st, "language");
		mc_i18n_init(lang);
		free(lang);
	}
	*out = sv;
	return MC_OK;
}

void
ussd_service_close(struct ussd_service *sv)
{
	if (sv == NULL)
		return;
	store_close(sv->st);
	pthread_mutex_destroy(&sv->lock);
	free(sv);
}

/* Take the lock before deadline: 0, or -1 when other requests kept it too long. */
static int
lock_before(struct ussd_service *sv, double deadline)
{
	struct timespec ts;
	double left = deadline - MARGIN - mc_monotonic();

	if (left <= 0)
		return pthread_mutex_trylock(&sv->lock) == 0 ? 0 : -1;
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += (time_t)left;
	ts.tv_nsec += (long)((left - (double)(time_t)left) * 1e9);
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000L;
	}
	return pthread_mutex_timedlock(&sv->lock, &ts) == 0 ? 0 : -1;
}

/* Let SQLite wait for a busy database only until deadline. */
static void
busy_until(struct ussd_service *sv, double deadline)
{
	int ms = (int)((deadline - MARGIN - mc_monotonic()) * 1000);

	if (sv->busy_ms >= 0 && sv->busy_ms < ms)
		ms = sv->busy_ms;
	sqlite3_busy_timeout(store_db(sv->st), ms > 0 ? ms : 1);
}

static void
refused(struct ussd_answer *ans, enum ussd_refusal r, const char *kind, const char *why)
{
	ans->status = r == USSD_REFUSE_DOWN ? 500 : 200;
	ussd_refusal(r, ans->text, sizeof ans->text);
	snprintf(ans->kind, sizeof ans->kind, "%s", kind);
	snprintf(ans->why, sizeof ans->why, "%s", why);
	ans->hold_ms = 0;
}

/* A store failure: busy is "try again", the rest "out of order". */
static void
failed(struct ussd_answer *ans, int rc, const struct mc_error *err)
{
	char why[160];

	snprintf(why, sizeof why, "%s: %s", mc_codename(rc), mc_message(err));
	if (rc == MC_EBUSY)
		refused(ans, USSD_REFUSE_BUSY, "busy", why);
	else
		refused(ans, USSD_REFUSE_DOWN, "error", why);
}

/* A request answered in the last SESSION_SECONDS: 1 with *ans filled. */
static int
recall(struct ussd_service *sv, const struct ussd_request *req, const char *number,
    struct ussd_answer *ans)
{
	double now = mc_monotonic();
	int i;

	for (i = 0; i < RECENT; i++) {
		struct recent *r = &sv->recent[i];

		if (r->at > 0 && r->at + SESSION_SECONDS > now &&
		    strcmp(r->session, req->session) == 0 && strcmp(r->number, number) == 0 &&
		    strcmp(r->text, req->text) == 0) {
			*ans = r->ans;
			ans->repeated = 1;
			ans->hold_ms = 0;
			return 1;
		}
	}
	return 0;
}

static void
remember(struct ussd_service *sv, const struct ussd_request *req, const char *number,
    const struct ussd_answer *ans)
{
	struct recent *r = &sv->recent[sv->next];

	sv->next = (sv->next + 1) % RECENT;
	r->at = mc_monotonic();
	memcpy(r->session, req->session, sizeof r->session);
	snprintf(r->number, sizeof r->number, "%s", number);
	memcpy(r->text, req->text, sizeof r->text);
	r->ans = *ans;
}

/* query_ussd and query_apply; 1 when the answer may be given again to a retry. */
static int
answer_query(struct ussd_service *sv, const struct ussd_request *req, double deadline,
    struct ussd_answer *ans)
{
	struct query_reply r;
	struct mc_error err;
	mc_minute now = mc_now();
	int rc, hold;

	mc_error_clear(&err);
	busy_until(sv, deadline);
	if ((rc = query_ussd(sv->st, req->phone, req->text, now, &r, &err)) != MC_OK) {
		failed(ans, rc, &err);
		return 0;
	}
	if (r.effects != 0) {
		busy_until(sv, deadline);
		rc = query_apply(sv->st, &r, now, &err);
		if (rc == MC_ETRANSITION || rc == MC_EINVAL)	/* a rating that lost a race */
			rc = MC_OK;
		if (rc != MC_OK) {
			failed(ans, rc, &err);
			return 0;
		}
	}
	ans->status = 200;
	snprintf(ans->text, sizeof ans->text, "%s", r.text);
	snprintf(ans->kind, sizeof ans->kind, "%s", query_kind_name(r.kind));
	snprintf(ans->why, sizeof ans->why, "%s", r.why);
	hold = r.delay * HOLD_PER_MINUTE;
	ans->hold_ms = hold > HOLD_MAX ? HOLD_MAX : hold;
	return 1;
}

void
ussd_service_answer(void *arg, const struct ussd_request *req, double deadline,
    struct ussd_answer *ans)
{
	struct ussd_service *sv = arg;
	char number[PHONE_MAX];

	memset(ans, 0, sizeof *ans);
	phone_recipient(req->phone, number);
	phone_mask(number, ans->phone);
	if (lock_before(sv, deadline) != 0) {
		refused(ans, USSD_REFUSE_BUSY, "busy", "other requests kept the store until the deadline");
		return;
	}
	if (!recall(sv, req, number, ans) && answer_query(sv, req, deadline, ans))
		remember(sv, req, number, ans);
	pthread_mutex_unlock(&sv->lock);
}
