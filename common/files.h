/* files.h -- the files and folders motcua writes hold personal data (citizens' names,
 * phones, ID numbers; users' password hashes): none of them is ever readable by the
 * other accounts of the computer, whatever the umask of whoever runs the program.
 *
 *	the store, its -wal and -shm	0660: every program of the office (consoles,
 *					SMS daemons) writes it, as members of its group
 *	forms, exports			0640
 *	the store's folder, forms/	2770 when motcua makes them: the office's
 *					accounts create files there (SQLite's -wal and
 *					-shm, issued forms), which take the folder's group
 *	other folders it makes		0750
 *
 * Modes are set with fchmod/chmod after creating, so the umask cannot widen (nor
 * narrow) them.  What exists already is left alone, except that an owner's file or
 * folder open to others loses that access (files_private).
 */
#ifndef MC_FILES_H
#define MC_FILES_H

#include <sys/types.h>

#define FILES_MODE 0640
#define FILES_SHARED_MODE 0660
#define FILES_DIR_MODE 0750
#define FILES_SHARED_DIR_MODE 02770

/* Open path for writing, created with exactly mode (O_EXCL too when excl), truncated
 * when trunc; an existing file this process owns gets mode too.  An fd, or -1 with
 * errno set. */
int files_create(const char *path, mode_t mode, int excl, int trunc);

/* Make the folder path with exactly mode; an existing one is kept (0), after
 * files_private.  0, or -1 with errno set. */
int files_mkdir(const char *path, mode_t mode);

/* Take every access away from others on path if this process owns it (or is root).
 * 1 when others can still read or enter it afterwards, 0 when not (or no such
 * path). */
int files_private(const char *path);

#endif
