/* daemon.h -- what motcua's daemons (motcua-smsd, motcua-ussd, motcua-hub) share
 * besides their log (log.h) and their clock (mc_monotonic, mctime.h): leaving the
 * terminal, and the signals that stop them or make them read their settings again.
 *
 * No signal handler and no flag set by one: the signals are blocked from the start
 * and taken where the program is ready for them (daemon_signal), so that none
 * interrupts a library call half way (libgammu's proxy connection, for one, blocks for
 * good in read() when select() is interrupted) and none that comes while the program
 * starts is lost.  A process forked afterwards inherits the blocking; a signal
 * pending in its parent is not its own.
 */
#ifndef MC_DAEMON_H
#define MC_DAEMON_H

#include <signal.h>

/* Block SIGTERM and SIGINT (stop), and SIGHUP when reload (read the settings again;
 * else SIGHUP is ignored: nothing to read again), in this thread and in the threads
 * and processes it starts afterwards; *set: those signals, for daemon_signal.  SIGPIPE
 * is ignored (a peer gone mid-answer). */
void daemon_signals(sigset_t *set, int reload);

/* The next signal of set, waiting up to seconds for one to come (< 0: as long as it
 * takes; 0: only one that came already); 0 when none came. */
int daemon_signal(const sigset_t *set, double seconds);

/* Leave the terminal: fork (the parent exits 0), a session of its own, fork again (no
 * terminal can be acquired), the working folder /, umask 027, standard input, output
 * and error on /dev/null.  0, or -1 with errno. */
int daemon_detach(void);

#endif
