/* modem.h -- the GSM modem as motcua-smsd sees it: one vtable, backends chosen by name.
 *
 *	"gammu"	a phone or modem driven through libgammu (sms/modem-gammu.c, and
 *		sms/modem-gammu-msg.c for decoded messages: the only files that include
 *		gammu.h): any connection a gammurc section describes, Gammu's dummy phone
 *		(a directory) and AT modems included.
 *	"null"	receives nothing and accepts every message at once, for dry runs
 *		(sms/modem-null.c).
 *
 * A backend reports trouble with the modem itself (it does not answer, the device is
 * gone) as MC_EIO: the daemon then resets and reconnects it.  A message the network
 * or the modem refused is MC_EINVAL with the modem's reason in err.  MC_ENOTFOUND
 * means "nothing (more) to read".  Every call returns within a bound (the backend's
 * own time-outs, and modem_abort() from a watchdog).
 *
 * Receiving.  A message comes whole (parts the modem already joined, or a single
 * SMS), as one part of a concatenated message (the store joins parts), or as a
 * delivery report.  It stays on the modem until modem_remove() is given its `where`:
 * call that only after the message is safely in the store.  A message the modem
 * keeps but cannot read (MC_EINVAL from next_stored or next_event) comes with its
 * place in `where` when the backend knows it (n = 1; n = 0: unknown), so that the
 * daemon can record it and delete it; a walk goes on after it.
 *
 * Memory: one struct modem_msg is about 26 KB; the gammu backend holds one
 * GSM_MultiSMSMessage (265 KB) whatever the backlog, in the scratch memory the daemon
 * shares with its supervisor when it offers some (so that the supervisor can tell,
 * after libgammu crashed on a message, where that message is: see smsd-super.c).
 */
#ifndef MC_MODEM_H
#define MC_MODEM_H

#include <stddef.h>

#include "error.h"

#define MODEM_PARTS_MAX	50		/* parts of one message (GSM_MAX_MULTI_SMS) */
#define MODEM_BODY_MAX	24576		/* UTF-8 bytes of one message, joined */
#define MODEM_NUMBER_MAX 48
#define MODEM_TIME_MAX	24		/* "YYYY-MM-DDTHH:MM:SSZ" */

enum modem_kind {
	MODEM_TEXT,		/* a whole message */
	MODEM_PART,		/* one part of a concatenated message */
	MODEM_REPORT,		/* a delivery (status) report */
};

/* Where one message (or part) is kept on the modem, as the backend addresses it. */
struct modem_place {
	int folder, location, memory;
};

/* Where a received message is kept on the modem, to delete it; n = 0: nowhere. */
struct modem_where {
	int n;
	struct modem_place part[MODEM_PARTS_MAX];
};

struct modem_msg {
	enum modem_kind kind;
	char number[MODEM_NUMBER_MAX];	/* sender; for a report, the recipient */
	char smsc_time[MODEM_TIME_MAX];	/* the SMSC time stamp, UTC ISO 8601 */
	int parts;			/* MODEM_TEXT: parts it was joined from */
	int ref, total, seq;		/* MODEM_PART: concatenation reference, count, 1.. */
	int mr;				/* MODEM_REPORT: the message reference reported on */
	char status[16];		/* MODEM_REPORT: Delivered | Failed | Pending | Unknown */
	int binary;			/* 8-bit data (every part): body is its hexadecimal */
	char note[64];			/* MODEM_TEXT: "" or why it is not whole, e.g.
					 * "incomplete: 2 of 3 parts" (English, for the store) */
	struct modem_where where;
	char body[MODEM_BODY_MAX];	/* UTF-8 (cut at a character boundary if longer) */
};

/* One message to send.  The backend splits it into parts. */
struct modem_send {
	const char *number;		/* in: recipient */
	const char *text;		/* in: UTF-8 */
	int ucs2;			/* in: 1 UCS-2, 0 GSM 7-bit */
	int report;			/* in: request a delivery report */
	int parts;			/* out: parts made */
	int taken;			/* out: the modem took a part (it may be on the air) */
	int unsure;			/* out, on error: the last part was handed over and
					 * no answer came: it may have gone out */
	int permanent;			/* out, on MC_EINVAL: retrying cannot help */
};

/* What the daemon hears while a message goes out.  A non-zero return from either
 * stops the send (MC_EINTERNAL). */
struct modem_progress {
	/* Part (1..parts) is about to be handed over for the network: from now on it may
	 * go out.  Called as late as the backend can (with libgammu's AT driver, just
	 * before the Ctrl-Z that sends the part). */
	int (*hand)(void *arg, int part);
	/* The network acknowledged part with reference mr (0..255): called the moment the
	 * modem's answer is read, before anything else (the next part included). */
	int (*ack)(void *arg, int part, int mr);
	void *arg;
};

struct modem_health {
	const char *state;		/* ok | no-network | no-sim */
	int signal;			/* percent; -1 unknown */
	char network[32];		/* "452 04"; "" unknown */
	char operator_name[64];		/* "" unknown */
	int battery;			/* percent; -1 none */
};

/* Settings a backend reads (the daemon's configuration). */
struct modem_config {
	const char *gammurc;		/* gammu: the configuration file */
	int section;			/* gammu: its section, 0 = [gammu], N = [gammuN] */
	int send_timeout;		/* seconds to wait for the network's answer to a part */
	int ussd_timeout;		/* seconds to wait for a USSD answer */
	void *scratch;			/* memory shared with the supervisor for the backend
					 * to read messages into (ops->scratch bytes); NULL:
					 * the backend uses its own */
	size_t scratch_size;
};

struct modem;

struct modem_ops {
	const char *name;
	/* Bytes of scratch memory (modem_config) the backend reads messages into; 0 none. */
	size_t scratch;
	/* From the scratch memory left by a process that died inside next_stored or
	 * next_event: the place of the message it was reading (0), or -1 when unknown.
	 * Only reads memory: the supervisor calls it, with no modem open. */
	int (*spot)(const void *scratch, struct modem_place *out);
	/* Allocate the backend's state (nothing is opened yet). */
	int (*create)(const struct modem_config *cfg, struct modem **out, struct mc_error *err);
	/* Connect, or reconnect after close or abort. */
	int (*open)(struct modem *m, struct mc_error *err);
	void (*close)(struct modem *m);
	void (*destroy)(struct modem *m);
	/* Wait up to ms for the modem to announce something; 1 when it did. */
	int (*wait)(struct modem *m, int ms);
	/* The next message the modem announced on its own (MC_ENOTFOUND: none). */
	int (*next_event)(struct modem *m, struct modem_msg *out, struct mc_error *err);
	/* Walk the messages kept on the modem: start = 1 begins a new walk. */
	int (*next_stored)(struct modem *m, int start, struct modem_msg *out,
	    struct mc_error *err);
	/* Delete a received message (every part of it). */
	int (*remove)(struct modem *m, const struct modem_where *where, struct mc_error *err);
	/* Delete the message at place without reading it (reading it crashes the
	 * backend: see smsd-super.c).  The connection may be closed and opened again. */
	int (*purge)(struct modem *m, const struct modem_place *place, struct mc_error *err);
	/* Send every part, telling p (may be NULL) as it goes. */
	int (*send)(struct modem *m, struct modem_send *msg, const struct modem_progress *p,
	    struct mc_error *err);
	int (*health)(struct modem *m, struct modem_health *out, struct mc_error *err);
	/* Dial a USSD code (the prepaid balance) and return the answer (UTF-8). */
	int (*ussd)(struct modem *m, const char *code, char *answer, size_t size,
	    struct mc_error *err);
	/* Ask the modem for a soft reset; the daemon reopens it afterwards. */
	int (*reset)(struct modem *m, struct mc_error *err);
	/* Make the call in progress return soon (async-signal-safe). */
	void (*abort)(struct modem *m);
};

/* The common head of every backend's state. */
struct modem {
	const struct modem_ops *ops;
};

/* The backend called name ("gammu", "null"); NULL if none. */
const struct modem_ops *modem_backend(const char *name);

/* Create a modem of backend name; *out is the caller's (modem_destroy). */
int modem_create(const char *name, const struct modem_config *cfg, struct modem **out,
    struct mc_error *err);
void modem_destroy(struct modem *m);
/* The most scratch memory any backend reads messages into (modem_ops.scratch). */
size_t modem_scratch_max(void);

/* The modem's reason for a CMS error code (3GPP TS 27.005 and 24.011), English;
 * *permanent (may be NULL) 1 when retrying the same message cannot help. */
const char *modem_cms_reason(int code, int *permanent);

extern const struct modem_ops modem_gammu_ops;
extern const struct modem_ops modem_null_ops;

#endif
