/* migrations.h -- the schema migrations compiled into every program.
 *
 * Each entry is one file of data/migrations, in order; store_open applies those whose
 * version is above the database's PRAGMA user_version, each in its own transaction.
 */
#ifndef MC_MIGRATIONS_H
#define MC_MIGRATIONS_H

struct migration {
	int version;		/* the file's leading number; user_version after it */
	const char *name;	/* the file name, for messages */
	const char *sql;	/* the whole script */
};

extern const struct migration migrations[];
extern const int migrations_count;

#endif
