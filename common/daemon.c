/* daemon.c -- what motcua's daemons share: leaving the terminal and taking signals;
 * see daemon.h. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "daemon.h"

void
daemon_signals(sigset_t *set, int reload)
{
	sigemptyset(set);
	sigaddset(set, SIGTERM);
	sigaddset(set, SIGINT);
	if (reload)
		sigaddset(set, SIGHUP);
	else
		signal(SIGHUP, SIG_IGN);
	pthread_sigmask(SIG_BLOCK, set, NULL);
	signal(SIGPIPE, SIG_IGN);
}

int
daemon_signal(const sigset_t *set, double seconds)
{
	struct timespec ts;
	int sig;

	if (seconds < 0) {
		while ((sig = sigwaitinfo(set, NULL)) < 0 && errno == EINTR)
			;
	} else {
		ts.tv_sec = (time_t)seconds;
		ts.tv_nsec = (long)((seconds - (double)ts.tv_sec) * 1e9);
		sig = sigtimedwait(set, NULL, &ts);
	}
	return sig > 0 ? sig : 0;
}

int
daemon_detach(void)
{
	pid_t pid = fork();
	int fd;

	if (pid < 0)
		return -1;
	if (pid > 0)
		_exit(0);
	if (setsid() < 0)
		return -1;
	if ((pid = fork()) < 0)
		return -1;
	if (pid > 0)
		_exit(0);
	if (chdir("/") != 0)
		return -1;
	umask(027);
	if ((fd = open("/dev/null", O_RDWR)) >= 0) {
		dup2(fd, 0);
		dup2(fd, 1);
		dup2(fd, 2);
		if (fd > 2)
			close(fd);
	}
	return 0;
}
