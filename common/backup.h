/* backup.h -- copies of the store, made while every program runs, and restoring one.
 *
 * backup_make() copies an open store page by page with SQLite's online backup (the
 * consoles, SMS daemons and sync go on reading and writing meanwhile) into a new
 * file that only the owner and group can read, turns the copy into a single
 * self-contained file (no -wal beside it), checks it, and only then gives it its
 * name: a backup that exists is a whole one.
 *
 * backup_check() says whether a file is a motcua store this version can use,
 * without writing to it (it may sit on a read-only USB stick).
 *
 * backup_restore() puts a checked backup in place of the store at path: the store it
 * replaces is first copied aside (its name is returned), then the backup is copied
 * into it through SQLite, so that programs that hold the store open see the restored
 * content, never a half-copied file.
 */
#ifndef MC_BACKUP_H
#define MC_BACKUP_H

#include <stddef.h>

#include "error.h"

struct store;

int backup_make(struct store *st, const char *dest, struct mc_error *err);

/* The name of a rotated backup of office made now in dir:
 * dir/motcua-OFFICE-YYYYMMDD-HHMMSS.db (local time). */
void backup_name(char *buf, size_t len, const char *dir, const char *office);

/* Delete the oldest motcua-OFFICE-*.db files of dir beyond the newest keep; *removed
 * gets how many went. */
int backup_rotate(const char *dir, const char *office, int keep, int *removed,
    struct mc_error *err);

/* MC_OK when path is a whole motcua store of schema <= this version's (*version gets
 * its schema); MC_ECORRUPT, MC_ENEWER or MC_EIO with the reason otherwise. */
int backup_check(const char *path, int *version, struct mc_error *err);

/* Replace the store at path by the backup from (checked first).  aside gets the
 * name of the copy of the replaced store ("" when there was none). */
int backup_restore(const char *from, const char *path, char *aside, size_t asidelen,
    struct mc_error *err);

#endif
