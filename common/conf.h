/* conf.h -- motcua.conf: the settings of one machine, read by every program.
 *
 * An INI file, by default SYSCONFDIR/motcua/motcua.conf ($MOTCUA_CONF names another),
 * with one section per program and keys named as the programs' long options:
 *
 *	[store]
 *	path = /var/lib/motcua/motcua.db
 *	[backup]
 *	dir = /media/usb/motcua
 *
 * What a program uses, in order: its command-line option, the environment (MOTCUA_DB),
 * this file, the built-in default.  A missing file is no error (every key has a
 * default); a line that is not "key = value", an unknown section or key, or a value
 * over CONF_VALUE_MAX bytes is refused with its line number, so that a typo is never
 * silently ignored.  The file may hold secrets (the hub's token): conf_load() reports
 * such a file when other accounts can read it.  Every key, its default and its meaning
 * are in conf_keys[] (conf.c) and in motcua.conf(5); a test keeps the two in step.
 */
#ifndef MC_CONF_H
#define MC_CONF_H

#include "error.h"

#define CONF_VALUE_MAX 1024

struct conf_key {
	const char *section;
	const char *key;
	const char *dflt;	/* "" when empty by default */
	const char *help;	/* N_() text */
	int secret;		/* a password or token */
};

/* Every key motcua knows, ending with a NULL section. */
extern const struct conf_key conf_keys[];

/* Read path (NULL: $MOTCUA_CONF, else the default path) into the process's settings,
 * replacing what an earlier call read.  MC_OK when the file does not exist; MC_EINVAL
 * with the line for a bad file (nothing of it is kept); MC_EIO when it exists but
 * cannot be read.  *open_to_others (may be NULL) is set to 1 when the file holds a
 * secret and other accounts can read it. */
int conf_load(const char *path, int *open_to_others, struct mc_error *err);

/* The value of section.key: what the file says, else the key's default; NULL only for
 * a key conf_keys[] does not list.  Owned by this module until the next conf_load. */
const char *conf_get(const char *section, const char *key);

/* For a program's start: read the default settings file, printing "PROG: why" on
 * standard error for a bad one (then -1), and a warning when a secret in it is open to
 * other accounts; 0 otherwise. */
int conf_start(const char *prog);

/* The database a program uses when --db is not given: $MOTCUA_DB, else [store] path. */
const char *conf_store_path(void);

/* conf_get(), but NULL for an empty value (a setting that is not set). */
const char *conf_value(const char *section, const char *key);

/* The file conf_load() read or looked for ("" before any call). */
const char *conf_path(void);

/* Forget what was read. */
void conf_free(void);

#endif
