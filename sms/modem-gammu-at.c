/* modem-gammu-at.c -- deleting a stored message from an AT modem without libgammu.
 *
 * libgammu 1.42's AT driver reads a message before it deletes it (ATGEN_DeleteSMS
 * calls ATGEN_GetSMS "to check that it is really in the inbox"), so a message that
 * crashes its decoder cannot be deleted through it.  The gammu backend closes its
 * connection and calls modem_gammu_at_delete(), which opens the same device itself --
 * a serial line or pseudo-terminal ("at", "at115200", ...) or the command of a
 * "proxyat" connection -- and says three things: AT, AT+CPMS="<memory>" and
 * AT+CMGD=<index>.  Nothing it reads is decoded beyond "OK" and "ERROR".
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "mctime.h"
#include "modem-gammu.h"

#define ANSWER_MS	5000	/* to wait for a command's final result */

struct line {
	int in, out;		/* read from in, write to out */
	pid_t child;		/* proxyat: the command; 0 none */
};

static speed_t
baud(const char *connection)
{
	switch (atoi(connection + 2)) {		/* "at115200": 115200 */
	case 9600: return B9600;
	case 38400: return B38400;
	case 57600: return B57600;
	case 115200: return B115200;
	default: return B19200;
	}
}

static int
open_serial(const char *connection, const char *device, struct line *l, struct mc_error *err)
{
	struct termios tio;
	int fd = open(device, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);

	if (fd < 0)
		return mc_fail(err, MC_EIO, _("cannot open %s: %s"), device, strerror(errno));
	if (tcgetattr(fd, &tio) == 0) {
		cfmakeraw(&tio);
		tio.c_cflag |= CLOCAL | CREAD;
		cfsetispeed(&tio, baud(connection));
		cfsetospeed(&tio, baud(connection));
		tcsetattr(fd, TCSANOW, &tio);
	}
	l->in = l->out = fd;
	return MC_OK;
}

/* The command of a proxyat connection, talking AT on its standard input and output
 * (as libgammu runs it: sh -c "exec COMMAND"). */
static int
open_proxy(const char *command, struct line *l, struct mc_error *err)
{
	int to[2], from[2];
	char *script;

	if (asprintf(&script, "exec %s", command) < 0)
		return mc_fail(err, MC_ENOMEM, NULL);
	if (pipe(to) != 0 || pipe(from) != 0) {
		free(script);
		return mc_fail(err, MC_EIO, _("cannot start %s: %s"), command, strerror(errno));
	}
	if ((l->child = fork()) == 0) {
		dup2(to[0], 0);
		dup2(from[1], 1);
		close(to[0]);
		close(to[1]);
		close(from[0]);
		close(from[1]);
		execl("/bin/sh", "sh", "-c", script, (char *)NULL);
		_exit(127);
	}
	free(script);
	close(to[0]);
	close(from[1]);
	if (l->child < 0) {
		close(to[1]);
		close(from[0]);
		return mc_fail(err, MC_EIO, _("cannot start %s: %s"), command, strerror(errno));
	}
	l->out = to[1];
	l->in = from[0];
	fcntl(l->in, F_SETFL, fcntl(l->in, F_GETFL) | O_NONBLOCK);
	return MC_OK;
}

static void
line_close(struct line *l)
{
	int i;

	if (l->out >= 0 && l->out != l->in)
		close(l->out);
	if (l->in >= 0)
		close(l->in);
	if (l->child <= 0)
		return;
	for (i = 0; i < 100 && waitpid(l->child, NULL, WNOHANG) == 0; i++) {
		struct timespec ms10 = { .tv_sec = 0, .tv_nsec = 10000000 };

		nanosleep(&ms10, NULL);
	}
	if (i == 100) {
		kill(l->child, SIGKILL);
		waitpid(l->child, NULL, 0);
	}
}

/* Say cmd and wait for its final result: MC_OK for OK, MC_EINVAL for an error, MC_EIO
 * for silence. */
static int
say(struct line *l, const char *cmd, struct mc_error *err)
{
	char buf[512], out[64];
	size_t len = 0, n;
	struct pollfd pf = { .fd = l->in, .events = POLLIN };
	double t0;
	ssize_t got;
	char *eol;
	long left;

	n = (size_t)snprintf(out, sizeof out, "%s\r", cmd);
	if (write(l->out, out, n) != (ssize_t)n)
		return mc_fail(err, MC_EIO, _("the modem does not take commands: %s"), strerror(errno));
	t0 = mc_monotonic();
	for (;;) {
		left = ANSWER_MS - (long)((mc_monotonic() - t0) * 1000);
		if (left <= 0 || (poll(&pf, 1, (int)left) < 0 && errno != EINTR))
			return mc_fail(err, MC_EIO, _("no answer from the modem to %s"), cmd);
		got = read(l->in, buf + len, sizeof buf - 1 - len);
		if (got == 0)
			return mc_fail(err, MC_EIO, _("no answer from the modem to %s"), cmd);
		if (got < 0)
			continue;
		len += (size_t)got;
		buf[len] = '\0';
		while ((eol = strpbrk(buf, "\r\n")) != NULL) {	/* one line at a time */
			*eol = '\0';
			if (strcmp(buf, "OK") == 0)
				return MC_OK;
			if (strcmp(buf, "ERROR") == 0 || strncmp(buf, "+CMS ERROR", 10) == 0 ||
			    strncmp(buf, "+CME ERROR", 10) == 0)
				return mc_fail(err, MC_EINVAL, _("the modem answered %s to %s"), buf, cmd);
			len -= (size_t)(eol + 1 - buf);
			memmove(buf, eol + 1, len + 1);
		}
		if (len == sizeof buf - 1)
			len = 0;		/* a line too long to be an answer */
	}
}

int
modem_gammu_at_delete(const char *connection, const char *device, const char *memory,
    int index, struct mc_error *err)
{
	struct line l = { .in = -1, .out = -1, .child = 0 };
	char cmd[64];
	int rc;

	if (connection == NULL || device == NULL || index < 0)
		return mc_fail(err, MC_EINVAL, _("no device to delete the message on"));
	if (strcasecmp(connection, "proxyat") == 0)
		rc = open_proxy(device, &l, err);
	else if (strncasecmp(connection, "at", 2) == 0)
		rc = open_serial(connection, device, &l, err);
	else
		return mc_fail(err, MC_EINVAL, _("cannot delete a message without reading it over a %s "
		    "connection"), connection);
	if (rc != MC_OK)
		return rc;
	if ((rc = say(&l, "AT", err)) == MC_EIO)	/* once more: a line just opened */
		rc = say(&l, "AT", err);
	snprintf(cmd, sizeof cmd, "AT+CPMS=\"%s\"", memory);
	if (rc == MC_OK)
		rc = say(&l, cmd, err);
	snprintf(cmd, sizeof cmd, "AT+CMGD=%d", index);
	if (rc == MC_OK)
		rc = say(&l, cmd, err);
	line_close(&l);
	return rc;
}
