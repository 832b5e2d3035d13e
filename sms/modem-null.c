/* modem-null.c -- a modem that is not there: for dry runs of motcua-smsd.
 *
 * It receives nothing, accepts every message at once (message references count up
 * from 1 and wrap at 256, one per part) and reports good health, so the daemon
 * answers what is already in the store and empties the queue without a radio.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "modem.h"

struct null_modem {
	struct modem base;	/* first: the common head */
	int open;
	int mr;
};

static struct null_modem *
nm(struct modem *m)
{
	return (struct null_modem *)m;
}

static int
null_create(const struct modem_config *cfg, struct modem **out, struct mc_error *err)
{
	struct null_modem *n = calloc(1, sizeof *n);

	(void)cfg;
	if (n == NULL)
		return mc_fail(err, MC_ENOMEM, NULL);
	n->base.ops = &modem_null_ops;
	n->mr = 1;
	*out = &n->base;
	return MC_OK;
}

static int
null_open(struct modem *m, struct mc_error *err)
{
	(void)err;
	nm(m)->open = 1;
	return MC_OK;
}

static void
null_close(struct modem *m)
{
	nm(m)->open = 0;
}

static void
null_destroy(struct modem *m)
{
	free(nm(m));
}

static int
null_wait(struct modem *m, int ms)
{
	struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000 };

	(void)m;
	nanosleep(&ts, NULL);
	return 0;
}

static int
null_next_event(struct modem *m, struct modem_msg *out, struct mc_error *err)
{
	(void)m;
	(void)out;
	(void)err;
	return MC_ENOTFOUND;
}

static int
null_next_stored(struct modem *m, int start, struct modem_msg *out, struct mc_error *err)
{
	(void)m;
	(void)start;
	(void)out;
	(void)err;
	return MC_ENOTFOUND;
}

static int
null_purge(struct modem *m, const struct modem_place *place, struct mc_error *err)
{
	(void)m;
	(void)place;
	(void)err;
	return MC_OK;
}

static int
null_remove(struct modem *m, const struct modem_where *where, struct mc_error *err)
{
	(void)m;
	(void)where;
	(void)err;
	return MC_OK;
}

static int
null_send(struct modem *m, struct modem_send *msg, const struct modem_progress *p,
    struct mc_error *err)
{
	struct null_modem *n = nm(m);
	size_t len = strlen(msg->text);
	size_t per = msg->ucs2 ? 67 * 2 : 153;	/* a rough count of parts: bytes */
	int i, parts = len <= (msg->ucs2 ? 140u : 160u) ? 1 : (int)((len + per - 1) / per);

	msg->parts = parts;
	msg->taken = 0;
	msg->unsure = 0;
	msg->permanent = 0;
	for (i = 1; i <= parts; i++) {
		int mr = n->mr;

		if (p != NULL && p->hand != NULL && p->hand(p->arg, i) != 0)
			return mc_fail(err, MC_EINTERNAL, NULL);
		msg->taken = 1;
		n->mr = (n->mr + 1) & 0xFF;
		if (p != NULL && p->ack != NULL && p->ack(p->arg, i, mr) != 0) {
			msg->unsure = 1;
			return mc_fail(err, MC_EINTERNAL, NULL);
		}
	}
	return MC_OK;
}

static int
null_health(struct modem *m, struct modem_health *out, struct mc_error *err)
{
	(void)m;
	(void)err;
	out->state = "ok";
	out->signal = -1;
	strcpy(out->network, "");
	strcpy(out->operator_name, "null");
	out->battery = -1;
	return MC_OK;
}

static int
null_ussd(struct modem *m, const char *code, char *answer, size_t size, struct mc_error *err)
{
	(void)m;
	(void)code;
	(void)answer;
	(void)size;
	return mc_fail(err, MC_ENOTFOUND, NULL);
}

static int
null_reset(struct modem *m, struct mc_error *err)
{
	(void)m;
	(void)err;
	return MC_OK;
}

static void
null_abort(struct modem *m)
{
	(void)m;
}

const struct modem_ops modem_null_ops = {
	.name = "null",
	.scratch = 0,
	.spot = NULL,
	.create = null_create,
	.open = null_open,
	.close = null_close,
	.destroy = null_destroy,
	.wait = null_wait,
	.next_event = null_next_event,
	.next_stored = null_next_stored,
	.remove = null_remove,
	.purge = null_purge,
	.send = null_send,
	.health = null_health,
	.ussd = null_ussd,
	.reset = null_reset,
	.abort = null_abort,
};
