/* smsd.h -- the pieces of motcua-smsd: its configuration (smsd-config.c), its
 * supervisor (smsd-super.c) and the worker's main loop (smsd-loop.c).
 * Nothing outside sms/ includes this.
 *
 * The daemon's own settings live in a [motcua-smsd] section of the gammurc file it
 * is given (gammu ignores sections it does not know):
 *
 *	[motcua-smsd]
 *	name = xa-tan-lap-1	; the modem's name in the store (default "modem")
 *	modem = gammu		; gammu | null (a dry run: nothing goes on the air)
 *	poll = 0.5		; seconds between walks of the modem's memory while
 *				; messages come in
 *	poll_idle = 5		; ... doubling up to this while none come
 *	poll_notified = 30	; ... once the modem announces messages (+CMTI) itself
 *	health = 60		; seconds between health records
 *	balance = *101#		; USSD code for the prepaid balance ("" none)
 *	balance_every = 3600	; seconds between balance queries
 *	send_timeout = 30	; seconds to wait for the network's answer to a part
 *	delivery_reports = yes	; ask the network for delivery reports
 *	watchdog = 60		; seconds after which a modem call is abandoned
 *	backoff_max = 60	; longest wait between reconnection attempts, seconds
 *	parts_wait = 3600	; seconds to wait for the missing parts of a message
 *	debug = no		; log each message's handling (numbers masked)
 */
#ifndef MC_SMSD_H
#define MC_SMSD_H

#include <signal.h>
#include <stddef.h>

#include "error.h"
#include "modem.h"
#include "smsq.h"

struct smsd_config {
	char name[64];
	char backend[16];
	char gammurc[1024];		/* absolute path; "" with the null modem */
	int section;
	double poll, poll_idle, poll_notified;
	int health, balance_every, send_timeout, watchdog, backoff_max, parts_wait;
	char balance[32];
	int reports;
	int debug;
	int name_fixed, backend_fixed, debug_fixed;	/* given on the command line: kept */
};

/* Defaults, then the [motcua-smsd] section of cfg->gammurc when there is one. */
void smsd_config_defaults(struct smsd_config *cfg);
int smsd_config_read(struct smsd_config *cfg, struct mc_error *err);

/*
 * What the supervisor and its worker share: one mapping made before the worker is
 * forked, so that it outlives the worker (see smsd-super.c).
 */

/* What the worker is doing with one message. */
enum smsd_phase {
	SMSD_IDLE,
	SMSD_READING,		/* reading it from the modem, until it is in the store */
	SMSD_ANSWERING,		/* answering sms_in row `subject` */
};

/* A message that was in hand when workers died, as the supervisor saw it. */
struct smsd_suspect {
	enum smsd_phase phase;	/* SMSD_READING or SMSD_ANSWERING */
	int deaths;		/* workers in a row that died with it in hand; 0: none */
	int known;		/* SMSD_READING: 1 when place is known */
	struct modem_place place;	/* SMSD_READING: where it is on the modem */
	long id;		/* SMSD_ANSWERING: the sms_in row */
};

/* A suspect that killed this many workers is deleted unread (or set aside) by the next. */
#define SMSD_DEATHS_MAX 2

struct smsd_shared {
	/* Written by the worker, read by the supervisor once it died. */
	volatile int phase;		/* enum smsd_phase */
	volatile long subject;		/* SMSD_ANSWERING: the row */
	/* Written by the worker around each modem call: the CLOCK_MONOTONIC second by
	 * which it must have returned (its own watchdog included); 0: none. */
	volatile long deadline;
	/* Written by the supervisor before a worker starts; the worker sets deaths to 0
	 * once it dealt with the suspect. */
	struct smsd_suspect suspect;
	/* The modem backend's read buffer (modem_config.scratch). */
	void *scratch;
	size_t scratch_size;
};

/* Put one received message in the store (smsd-inbox.c): *id the row it made or
 * completed (0: a part waiting for the rest, or an unmatched report), *dup 1 when it
 * was there already.  MC_EBUSY: try again. */
int smsd_inbox_record(struct store *st, const char *modem, const struct modem_msg *msg,
    mc_second now, long *id, int *dup, struct mc_error *err);

/* Run the daemon: supervise workers that run smsd_run() until SIGTERM/SIGINT.  The
 * status to exit with: 0, or 1 when the store cannot be used at all.  signals: the
 * daemon's, blocked (daemon_signals, with SIGHUP). */
int smsd_supervise(const char *db_path, struct smsd_config *cfg, const sigset_t *signals);

/* The worker: run until SIGTERM/SIGINT: 0, or 1 when the store cannot be used at all.
 * sh: memory shared with the supervisor (NULL: none); signals: as smsd_supervise's. */
int smsd_run(const char *db_path, struct smsd_config *cfg, struct smsd_shared *sh,
    const sigset_t *signals);

#endif
