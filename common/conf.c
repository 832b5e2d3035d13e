/* conf.c -- motcua.conf, the machine's settings file; see conf.h.
 *
 * The file is small (CONF_FILE_MAX), so it is read whole, checked line by line (UTF-8
 * without control characters, length, "[section]", "key = value" or a comment), and
 * kept only when every line is right.  '#' and ';' start a comment only at the start
 * of a line: a value (a token, a proxy's URL) may hold them.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conf.h"
#include "i18n.h"
#include "text.h"

#define CONF_FILE_MAX (64 * 1024)

const struct conf_key conf_keys[] = {
	{ "store", "path", "/var/lib/motcua/motcua.db",
	  N_("the office's database (every program on this machine uses it)"), 0 },
	{ "backup", "dir", "/var/backups/motcua",
	  N_("where 'motcua backup --dir' without a folder puts its dated copies"), 0 },
	{ "backup", "keep", "14", N_("how many dated copies 'motcua backup --dir' keeps"), 0 },
	{ "ussd", "listen", "127.0.0.1:8099", N_("where motcua-ussd listens (ADDRESS:PORT)"), 0 },
	{ "ussd", "path", "/ussd", N_("the path the USSD gateway posts to"), 0 },
	{ "ussd", "tls-cert", "", N_("motcua-ussd's certificate chain (PEM) for HTTPS; empty: plain HTTP"), 0 },
	{ "ussd", "tls-key", "", N_("motcua-ussd's private key (PEM) for HTTPS"), 0 },
	{ "hub", "pg", "", N_("the province's PostgreSQL database (a libpq connection string or URI)"), 1 },
	{ "hub", "listen", "127.0.0.1:8098", N_("where motcua-hub listens (ADDRESS:PORT)"), 0 },
	{ "hub", "tls-cert", "", N_("motcua-hub's certificate chain (PEM) for HTTPS; empty: plain HTTP"), 0 },
	{ "hub", "tls-key", "", N_("motcua-hub's private key (PEM) for HTTPS"), 0 },
	{ "hub", "per-address", "8", N_("motcua-hub's connections open at once from one address"), 0 },
	{ "hub", "proxy", "", N_("the TLS reverse proxy's addresses (ADDRESS[/BITS], space-separated): "
	  "no per-address limit for them"), 0 },
	{ "hub", "header-timeout", "10", N_("seconds motcua-hub gives a request's headers to come"), 0 },
	{ NULL, NULL, NULL, NULL, 0 },
};

#define NKEYS (sizeof conf_keys / sizeof conf_keys[0] - 1)

static char *values[NKEYS];	/* what the file says; NULL: the default */
static char loaded_path[4096];

static int
key_index(const char *section, const char *key)
{
	size_t i;

	for (i = 0; i < NKEYS; i++)
		if (strcmp(conf_keys[i].section, section) == 0 && strcmp(conf_keys[i].key, key) == 0)
			return (int)i;
	return -1;
}

static int
section_known(const char *section)
{
	size_t i;

	for (i = 0; i < NKEYS; i++)
		if (strcmp(conf_keys[i].section, section) == 0)
			return 1;
	return 0;
}

/* s without the blanks around it (in place). */
static char *
trim(char *s)
{
	char *end;

	while (*s == ' ' || *s == '\t')
		s++;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
		*--end = '\0';
	return s;
}

/* Check one line and take its value into got[]; MC_OK or MC_EINVAL with the reason. */
static int
parse_line(char *line, int lineno, char *section, size_t seclen, char *got[NKEYS],
    struct mc_error *err)
{
	char *s = trim(line), *eq, *key, *value, *end;
	int i;

	if (*s == '\0' || *s == '#' || *s == ';')
		return MC_OK;
	if (*s == '[') {
		if ((end = strchr(s, ']')) == NULL || end[1] != '\0')
			return mc_fail(err, MC_EINVAL, _("line %d: a section is written [name]"), lineno);
		*end = '\0';
		s = trim(s + 1);
		if (!section_known(s))
			return mc_fail(err, MC_EINVAL, _("line %d: unknown section [%.40s]"), lineno, s);
		snprintf(section, seclen, "%s", s);
		return MC_OK;
	}
	if ((eq = strchr(s, '=')) == NULL)
		return mc_fail(err, MC_EINVAL, _("line %d: expected 'key = value'"), lineno);
	*eq = '\0';
	key = trim(s);
	value = trim(eq + 1);
	if (section[0] == '\0')
		return mc_fail(err, MC_EINVAL, _("line %d: '%.40s' comes before any [section]"), lineno, key);
	if ((i = key_index(section, key)) < 0)
		return mc_fail(err, MC_EINVAL, _("line %d: unknown key '%.40s' in [%s]"), lineno, key, section);
	if (strlen(value) > CONF_VALUE_MAX)
		return mc_fail(err, MC_EINVAL, _("line %d: the value of %s is too long"), lineno, key);
	if (strchr(value, '\t') != NULL)
		return mc_fail(err, MC_EINVAL, _("line %d: the value of %s has control characters"), lineno, key);
	free(got[i]);
	if ((got[i] = strdup(value)) == NULL)
		return mc_fail(err, MC_ENOMEM, NULL);
	return MC_OK;
}

/* Parse text (len bytes, NUL-terminated) into got[]. */
static int
parse(char *text, size_t len, char *got[NKEYS], struct mc_error *err)
{
	char section[64] = "", *line = text, *nl;
	int lineno = 0, rc;

	if (!text_valid(text, len))
		return mc_fail(err, MC_EINVAL, _("the file is not UTF-8 text (or has control characters)"));
	if (strncmp(line, "\xef\xbb\xbf", 3) == 0)	/* a byte-order mark, as Notepad writes */
		line += 3;
	for (; line != NULL && *line != '\0'; line = nl) {
		lineno++;
		if ((nl = strchr(line, '\n')) != NULL)
			*nl++ = '\0';
		if ((rc = parse_line(line, lineno, section, sizeof section, got, err)) != MC_OK)
			return rc;
	}
	return MC_OK;
}

/* The whole file into a new NUL-terminated buffer (*out, the caller's); MC_ENOTFOUND
 * when there is no file. */
static int
slurp(const char *path, char **out, size_t *len, struct stat *sb, struct mc_error *err)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;
	char *buf;

	*out = NULL;
	if (fd < 0)
		return errno == ENOENT ? MC_ENOTFOUND :
		    mc_fail(err, MC_EIO, _("cannot read %s: %s"), path, strerror(errno));
	if (fstat(fd, sb) != 0 || !S_ISREG(sb->st_mode) || sb->st_size > CONF_FILE_MAX) {
		close(fd);
		return mc_fail(err, MC_EINVAL, _("%s is not a settings file (a text file under %d KB)"),
		    path, CONF_FILE_MAX / 1024);
	}
	if ((buf = malloc((size_t)sb->st_size + 1)) == NULL) {
		close(fd);
		return mc_fail(err, MC_ENOMEM, NULL);
	}
	*len = 0;
	while (*len < (size_t)sb->st_size &&
	    ((n = read(fd, buf + *len, (size_t)sb->st_size - *len)) > 0 || (n < 0 && errno == EINTR)))
		if (n > 0)
			*len += (size_t)n;
	close(fd);
	buf[*len] = '\0';
	*out = buf;
	return MC_OK;
}

int
conf_load(const char *path, int *open_to_others, struct mc_error *err)
{
	char *got[NKEYS] = { 0 }, *text;
	const char *env = getenv("MOTCUA_CONF");
	struct stat sb;
	size_t len = 0, i;
	int rc, secret = 0;

	if (open_to_others != NULL)
		*open_to_others = 0;
	if (path == NULL)
		path = env != NULL && *env != '\0' ? env : SYSCONFDIR "/motcua/motcua.conf";
	snprintf(loaded_path, sizeof loaded_path, "%s", path);
	if ((rc = slurp(path, &text, &len, &sb, err)) == MC_ENOTFOUND) {
		conf_free();
		return MC_OK;
	}
	if (rc != MC_OK)
		return rc;
	rc = parse(text, len, got, err);
	free(text);
	if (rc != MC_OK) {
		for (i = 0; i < NKEYS; i++)
			free(got[i]);
		return mc_fail(err, rc, "%s: %s", path, mc_message(err));
	}
	conf_free();
	for (i = 0; i < NKEYS; i++) {
		values[i] = got[i];
		secret |= got[i] != NULL && *got[i] != '\0' && conf_keys[i].secret;
	}
	if (open_to_others != NULL)
		*open_to_others = secret && (sb.st_mode & 0007) != 0;
	return MC_OK;
}

const char *
conf_get(const char *section, const char *key)
{
	int i = key_index(section, key);

	if (i < 0)
		return NULL;
	return values[i] != NULL ? values[i] : conf_keys[i].dflt;
}

int
conf_start(const char *prog)
{
	struct mc_error err;
	int open;

	if (conf_load(NULL, &open, &err) != MC_OK) {
		fprintf(stderr, "%s: %s\n", prog, mc_message(&err));
		return -1;
	}
	if (open)
		fprintf(stderr, _("%s: warning: %s holds a secret and other accounts can read it: chmod o-rwx %s\n"),
		    prog, conf_path(), conf_path());
	return 0;
}

const char *
conf_store_path(void)
{
	const char *env = getenv("MOTCUA_DB");

	return env != NULL && *env != '\0' ? env : conf_get("store", "path");
}

const char *
conf_value(const char *section, const char *key)
{
	const char *v = conf_get(section, key);

	return v != NULL && *v != '\0' ? v : NULL;
}

const char *
conf_path(void)
{
	return loaded_path;
}

void
conf_free(void)
{
	size_t i;

	for (i = 0; i < NKEYS; i++) {
		free(values[i]);
		values[i] = NULL;
	}
}
