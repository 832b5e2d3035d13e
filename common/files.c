/* files.c -- files and folders only their owner and group can read; see files.h. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "files.h"

int
files_create(const char *path, mode_t mode, int excl, int trunc)
{
	struct stat sb;
	int fd, e;

	fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOCTTY | (excl ? O_EXCL : 0) |
	    (trunc ? O_TRUNC : 0), mode);
	if (fd < 0)
		return -1;
	/* Exactly mode (the umask took bits away, or the file was there before), when
	 * it is ours to change; someone else's file keeps what its owner chose. */
	if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) && (sb.st_mode & 07777) != mode &&
	    (sb.st_uid == geteuid() || geteuid() == 0) && fchmod(fd, mode) != 0) {
		e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

int
files_private(const char *path)
{
	struct stat sb;

	if (stat(path, &sb) != 0)
		return 0;
	if ((sb.st_mode & 0007) == 0)
		return 0;
	if ((sb.st_uid == geteuid() || geteuid() == 0) &&
	    chmod(path, sb.st_mode & 07770) == 0)
		return 0;
	return (sb.st_mode & (S_ISDIR(sb.st_mode) ? 0005 : 0004)) != 0;
}

int
files_mkdir(const char *path, mode_t mode)
{
	if (mkdir(path, mode & 0777) == 0)
		return chmod(path, mode);	/* the umask's bits back, and setgid */
	if (errno != EEXIST)
		return -1;
	files_private(path);
	return 0;
}
