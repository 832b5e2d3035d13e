/* smsd-super.c -- motcua-smsd's supervisor: the process the administrator starts
 * forks one worker that does all the work (smsd-loop.c) and starts another when it
 * dies of a signal, so that no message can stop the daemon for good.
 *
 * libgammu 1.42 crashes on some malformed messages while it decodes them: a 7-bit
 * user data length above 160 septets overruns a stack buffer in GSM_DecodePDUFrame
 * (AT modems), a long UDH overruns the heap in the reader of the dummy phone's files.
 * The message stays on the modem, so a daemon that only restarted would die on it
 * again and again.  The supervisor and its worker share one mapping (struct
 * smsd_shared), made before the fork so that it outlives the worker:
 *   - the worker says what it does with one message -- reading it from the modem
 *     until it is stored, answering a stored one -- before it starts and after;
 *   - the modem backend reads into the shared scratch buffer, where libgammu writes
 *     the place (folder, location) of the message before it decodes it;
 *   - when the worker dies of a signal with a message in hand, the supervisor notes
 *     the message (its place, read from the buffer by the backend's spot(), or the
 *     row) and counts the workers that died on it in a row.  The next worker deletes
 *     a message that killed SMSD_DEATHS_MAX workers without reading it, recording an
 *     sms_in row "unreadable message deleted" for the office, or sets aside a row that
 *     killed them while being answered.  One death is not enough: the worker may
 *     have died of something else, and the message read again is kept.
 * This costs nothing per message (no write, no system call): the mapping is the
 * record, and only the worker's death can lose what it holds -- which is the one
 * case it is for.  The supervisor runs no libgammu code and keeps no store open, so
 * no message can kill it.
 *
 * Workers are started again after 1 s, doubling up to backoff_max while they keep
 * dying young.  A worker whose modem call overran its deadline by DEADLINE_GRACE
 * (a hang its own watchdog could not end) is killed and counts as dead.  SIGTERM and
 * SIGINT are passed on to the worker, which finishes the message in hand; SIGHUP is
 * passed on (the worker re-reads the configuration).  The supervisor exits with the
 * worker's status once it stopped.  A worker dies with its supervisor
 * (PR_SET_PDEATHSIG), so a supervisor killed with SIGKILL leaves no worker behind.
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "daemon.h"
#include "i18n.h"
#include "log.h"
#include "smsd.h"

#define DEADLINE_GRACE	30	/* seconds past a worker's deadline before it is killed */
#define YOUNG		60	/* a worker that dies younger (seconds) doubles the wait */

/* ---------------------------------------------------------------- deaths */

static int
same_suspect(const struct smsd_suspect *a, const struct smsd_suspect *b)
{
	if (a->phase != b->phase)
		return 0;
	if (a->phase == SMSD_ANSWERING)
		return a->id == b->id;
	return a->known && b->known && a->place.folder == b->place.folder &&
	    a->place.location == b->place.location;
}

/* A worker died of a signal: what did it have in hand? */
static void
note_death(struct smsd_shared *sh, const char *backend)
{
	const struct modem_ops *ops = modem_backend(backend);
	struct smsd_suspect now;

	memset(&now, 0, sizeof now);
	now.phase = (enum smsd_phase)sh->phase;
	switch (now.phase) {
	case SMSD_READING:
		now.known = ops != NULL && ops->spot != NULL && sh->scratch != NULL &&
		    ops->spot(sh->scratch, &now.place) == 0;
		break;
	case SMSD_ANSWERING:
		now.id = sh->subject;
		break;
	default:
		return;		/* nothing in hand: the suspect (if any) stays as it was */
	}
	now.deaths = sh->suspect.deaths > 0 && same_suspect(&sh->suspect, &now) ?
	    sh->suspect.deaths + 1 : 1;
	sh->suspect = now;
}

/* The suspect in words, for the log. */
static const char *
describe(const struct smsd_suspect *s, char *buf, size_t size)
{
	if (s->phase == SMSD_ANSWERING)
		snprintf(buf, size, _("while answering incoming message %ld"), s->id);
	else if (s->known)
		snprintf(buf, size, _("while reading the message at folder %d, location %d of the modem"),
		    s->place.folder, s->place.location);
	else
		snprintf(buf, size, "%s", _("while reading the modem's messages"));
	return buf;
}

/* SIGHUP: the supervisor reads the configuration again too (backoff_max). */
static void
reread(struct smsd_config *cfg)
{
	struct smsd_config c = *cfg;
	struct mc_error err;

	if (smsd_config_read(&c, &err) == MC_OK)
		*cfg = c;
}

/* ---------------------------------------------------------------- the worker */

static pid_t
start_worker(const char *db_path, struct smsd_config *cfg, struct smsd_shared *sh,
    const sigset_t *mask, const sigset_t *signals)
{
	pid_t parent = getpid(), pid;

	sh->phase = SMSD_IDLE;
	sh->deadline = 0;
	if ((pid = fork()) != 0)
		return pid;
#ifdef __linux__
	prctl(PR_SET_PDEATHSIG, SIGKILL);
#endif
	if (getppid() != parent)
		_exit(1);		/* the supervisor is already gone */
	sigprocmask(SIG_SETMASK, mask, NULL);
	exit(smsd_run(db_path, cfg, sh, signals));
}

/* Wait for the worker to end, passing signals on and killing it if it hangs.
 * *stopping is set once SIGTERM or SIGINT came. */
static int
watch_worker(pid_t pid, struct smsd_config *cfg, struct smsd_shared *sh,
    const sigset_t *set, int *stopping)
{
	int status, sig, killed = 0;
	long deadline;

	for (;;) {
		sig = daemon_signal(set, 1);
		if ((sig == SIGTERM || sig == SIGINT) && !*stopping) {
			*stopping = 1;
			kill(pid, SIGTERM);
		} else if (sig == SIGHUP) {
			kill(pid, SIGHUP);
			reread(cfg);
		}
		if (waitpid(pid, &status, WNOHANG) == pid)
			return status;
		deadline = sh->deadline;
		if (!killed && deadline > 0 && (long)mc_monotonic() > deadline + DEADLINE_GRACE) {
			log_line(LOG_ERR, _("the worker is stuck in a modem call: killing it"));
			kill(pid, SIGKILL);
			killed = 1;
		}
	}
}

/* Sleep seconds before the next worker; 1 when SIGTERM or SIGINT came meanwhile. */
static int
pause_before(int seconds, struct smsd_config *cfg, const sigset_t *set)
{
	double end = mc_monotonic() + seconds, left;
	int sig;

	while ((left = end - mc_monotonic()) > 0) {
		sig = daemon_signal(set, left);
		if (sig == SIGTERM || sig == SIGINT)
			return 1;
		if (sig == SIGHUP)
			reread(cfg);
	}
	return 0;
}

/* ---------------------------------------------------------------- the supervisor */

int
smsd_supervise(const char *db_path, struct smsd_config *cfg, const sigset_t *signals)
{
	size_t head = (sizeof(struct smsd_shared) + 63) & ~(size_t)63;
	size_t scratch = modem_scratch_max();
	struct smsd_shared *sh;
	sigset_t set, mask;
	char what[160];
	int status, stopping = 0, delay = 0;
	long born;
	pid_t pid;

	sh = mmap(NULL, head + scratch, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED) {
		log_line(LOG_WARNING, _("no memory to share with a worker (%s): running unsupervised"),
		    strerror(errno));
		return smsd_run(db_path, cfg, NULL, signals);
	}
	sh->scratch = scratch > 0 ? (char *)sh + head : NULL;
	sh->scratch_size = scratch;
	set = *signals;			/* and a worker's end */
	sigaddset(&set, SIGCHLD);
	sigprocmask(SIG_BLOCK, &set, &mask);
	for (;;) {
		born = (long)mc_monotonic();
		if ((pid = start_worker(db_path, cfg, sh, &mask, signals)) < 0) {
			log_line(LOG_ERR, _("cannot start a worker: %s"), strerror(errno));
			status = 0;
		} else {
			status = watch_worker(pid, cfg, sh, &set, &stopping);
			if (WIFEXITED(status) && (stopping || WEXITSTATUS(status) == 1))
				break;
			if (WIFEXITED(status))
				log_line(LOG_WARNING, _("the worker stopped by itself (status %d)"),
				    WEXITSTATUS(status));
			if (WIFSIGNALED(status)) {
				note_death(sh, cfg->backend);
				log_line(LOG_ERR, _("the worker died of signal %d (%s)%s%s"), WTERMSIG(status),
				    strsignal(WTERMSIG(status)), sh->phase != SMSD_IDLE ? " " : "",
				    sh->phase != SMSD_IDLE ? describe(&sh->suspect, what, sizeof what) : "");
				if (stopping)
					break;
			}
		}
		delay = (long)mc_monotonic() - born >= YOUNG || delay == 0 ? 1 : delay * 2;
		if (delay > cfg->backoff_max)
			delay = cfg->backoff_max > 0 ? cfg->backoff_max : 1;
		log_line(LOG_NOTICE, _("starting a new worker in %d s"), delay);
		if (pause_before(delay, cfg, &set)) {
			stopping = 1;
			status = 0;
			break;
		}
	}
	sigprocmask(SIG_SETMASK, &mask, NULL);
	munmap(sh, head + scratch);
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	return stopping ? 1 : 0;
}
