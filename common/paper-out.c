/* paper-out.c -- where a rendered form goes: a file (written whole or not at all) and,
 * when the office has a printer, CUPS through lp (a PDF or text: CUPS takes both).
 *
 * lp is run without a shell (fork and exec), with the file as its argument, so a
 * printer name cannot inject anything; its standard output and error go to /dev/null
 * (the console owns the terminal) and its exit status says whether CUPS took the job.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "files.h"
#include "i18n.h"
#include "paper.h"
#include "store.h"

/* The first line lp wrote to its error output, cleaned for a message line. */
static void
first_line(char *buf, size_t len)
{
	size_t i;

	for (i = 0; i < len && buf[i] != '\n'; i++)
		if ((unsigned char)buf[i] < ' ')
			buf[i] = ' ';
	buf[i] = '\0';
}

int
paper_lp(const char *printer, const char *path, struct mc_error *err)
{
	char said[256];
	size_t got = 0;
	ssize_t n;
	pid_t pid;
	int status, fd, out[2];

	if (printer != NULL && !paper_printer_name_ok(printer))
		return mc_fail(err, MC_EINVAL, _("'%s' is not a printer name"), printer);
	if (pipe(out) != 0 || (pid = fork()) == -1)
		return mc_fail(err, MC_EIO, _("cannot run lp: %s"), strerror(errno));
	if (pid == 0) {
		if ((fd = open("/dev/null", O_RDWR)) != -1) {
			dup2(fd, 0);
			dup2(fd, 1);
		}
		dup2(out[1], 2);
		close(out[0]);
		if (printer != NULL)
			execlp("lp", "lp", "-s", "-d", printer, "--", path, (char *)NULL);
		else	/* CUPS's default destination */
			execlp("lp", "lp", "-s", "--", path, (char *)NULL);
		_exit(127);
	}
	close(out[1]);
	while ((n = read(out[0], said + got, sizeof said - 1 - got)) > 0 || (n == -1 && errno == EINTR))
		if (n > 0 && (got += (size_t)n) == sizeof said - 1)
			break;
	close(out[0]);
	first_line(said, got);
	while (waitpid(pid, &status, 0) == -1)
		if (errno != EINTR)
			return mc_fail(err, MC_EIO, _("cannot run lp: %s"), strerror(errno));
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
		return mc_fail(err, MC_EIO, _("cannot print: the lp command is not installed (package cups-client)"));
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return printer != NULL ?
		    mc_fail(err, MC_EIO, _("the printer '%s' did not accept the page (lp: %s)"),
		    printer, said[0] != '\0' ? said : _("no reason given")) :
		    mc_fail(err, MC_EIO, _("the default printer did not accept the page (lp: %s)"),
		    said[0] != '\0' ? said : _("no reason given"));
	return MC_OK;
}

/* Writing path failed with errno e: a full disk says so. */
static int
write_fail(const char *path, int e, struct mc_error *err)
{
	if (e == ENOSPC || e == EDQUOT)
		return mc_fail(err, MC_EFULL, _("the disk is full: %s was not saved"), path);
	return mc_fail(err, MC_EIO, _("cannot write %s: %s"), path, strerror(e));
}

int
paper_save(struct store *st, const char *code, int form, int format, const char *path,
    struct mc_error *err)
{
	char tmp[4096];
	struct stat sb;
	mode_t mode = FILES_MODE;
	FILE *fp;
	int rc, fd;

	if ((size_t)snprintf(tmp, sizeof tmp, "%s.XXXXXX", path) >= sizeof tmp)
		return mc_fail(err, MC_EINVAL, _("the file name is too long"));
	if ((fd = mkstemp(tmp)) == -1 || (fp = fdopen(fd, "w")) == NULL) {
		if (fd != -1)
			close(fd), remove(tmp);
		return mc_fail(err, MC_EIO, _("cannot write %s: %s"), path, strerror(errno));
	}
	/* mkstemp made it 0600: the office's group reads a form too, unless it replaces a
	 * file kept closer (a temporary file on its way to the printer stays 0600). */
	if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode))
		mode = sb.st_mode & FILES_MODE;
	fchmod(fd, mode);
	rc = paper_render(st, code, form, format, fp, err);
	if (rc != MC_OK && ferror(fp))		/* the file, not the form, failed */
		rc = write_fail(path, errno, err);
	if (fclose(fp) != 0 && rc == MC_OK)
		rc = write_fail(path, errno, err);
	if (rc == MC_OK && rename(tmp, path) != 0)
		rc = write_fail(path, errno, err);
	if (rc != MC_OK)
		remove(tmp);
	return rc;
}

/* The folder for issued forms: setting paper.dir, else "forms" beside the store;
 * made 2770 (files.h: every console of the office writes there), or closed to
 * other accounts if it was open to them. */
static int
forms_dir(struct store *st, char *out, size_t n, struct mc_error *err)
{
	char *dir = store_setting(st, "paper.dir");
	const char *db = store_path(st), *slash = strrchr(db, '/');
	int w;

	if (dir != NULL && *dir != '\0')
		w = snprintf(out, n, "%s", dir);
	else if (slash == NULL)
		w = snprintf(out, n, "forms");
	else
		w = snprintf(out, n, "%.*s/forms", (int)(slash - db), db);
	free(dir);
	if (w < 0 || (size_t)w >= n)
		return mc_fail(err, MC_EINVAL, _("the file name is too long"));
	if (files_mkdir(out, FILES_SHARED_DIR_MODE) != 0)
		return mc_fail(err, MC_EIO, _("cannot create the folder %s: %s"), out, strerror(errno));
	return MC_OK;
}

int
paper_issue(struct store *st, const char *code, int form, int how,
    struct paper_issued *out, struct mc_error *err)
{
	char dir[3072], *printer, *fmt;
	int rc, format, number = paper_number(st, form);

	memset(out, 0, sizeof *out);
	if ((rc = forms_dir(st, dir, sizeof dir, err)) != MC_OK)
		return rc;
	fmt = store_setting(st, "paper.format");
	format = fmt != NULL && strcmp(fmt, "text") == 0 ?
	    (store_setting_int(st, "paper.plain", 0) ? PAPER_ASCII : PAPER_TEXT) : PAPER_PDF;
	free(fmt);
	snprintf(out->path, sizeof out->path, "%s/%s-mau%02d.%s", dir, code, number,
	    format == PAPER_PDF ? "pdf" : "txt");
	if ((rc = paper_save(st, code, form, format, out->path, err)) != MC_OK)
		return rc;
	out->saved = 1;
	if (how == PAPER_ISSUE_SAVE)
		return MC_OK;
	printer = store_setting(st, "printer");
	if (printer != NULL && *printer != '\0') {
		snprintf(out->printer, sizeof out->printer, "%s", printer);
		if ((rc = paper_lp(printer, out->path, err)) == MC_OK)
			out->printed = 1;
	} else if (how == PAPER_ISSUE_DEFAULT) {
		if ((rc = paper_lp(NULL, out->path, err)) == MC_OK)
			out->printed = 1;
	}
	free(printer);
	return rc;
}
