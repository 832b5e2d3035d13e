/* fuzz.h -- what the libFuzzer targets of tests/fuzz share.
 *
 * Each target (tests/fuzz/fuzz-<name>.c) feeds one parser of libmotcua and checks
 * what must hold of its answer, not only that it does not crash.  A broken invariant
 * calls FUZZ_CHECK's report, which prints what was expected and aborts, so libFuzzer
 * keeps the input as a crash.  Here: a strict UTF-8 decoder that does not lean on
 * utf8proc (the code under test does), the 134 Vietnamese letters with their base
 * letters, splitting an input into strings, a scratch directory for files and stores,
 * and a fingerprint of a store's tables, with a saved copy to go back to.
 *
 * Everything is static inline: each target is one translation unit (tests/fuzz/run.sh).
 */
#ifndef MC_FUZZ_H
#define MC_FUZZ_H

#include <dirent.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "error.h"

/*
 * Reporting.
 */

static inline void fuzz_fail(const char *file, int line, const char *cond, const char *fmt, ...)
	__attribute__((format(printf, 4, 5), noreturn));

static inline void
fuzz_fail(const char *file, int line, const char *cond, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "INVARIANT FAILED at %s:%d: %s\n  ", file, line, cond);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

#define FUZZ_CHECK(cond, ...) \
	do { if (!(cond)) fuzz_fail(__FILE__, __LINE__, #cond, __VA_ARGS__); } while (0)

/* s (n bytes) as a C string literal into a static buffer, for messages. */
static inline const char *
fuzz_quote_n(const char *s, size_t n)
{
	static char buf[4][1200];	/* four quotes may stand in one message */
	static int which;
	char *b = buf[which = (which + 1) % 4], *p = b;
	size_t i;

	if (s == NULL)
		return "(null)";
	*p++ = '"';
	for (i = 0; i < n && p < b + sizeof buf[0] - 8; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '"' || c == '\\')
			p += sprintf(p, "\\%c", c);
		else if (c >= 0x20 && c < 0x7f)
			*p++ = (char)c;
		else
			p += sprintf(p, "\\x%02x", c);
	}
	if (i < n)
		p += sprintf(p, "...");
	*p++ = '"';
	*p = '\0';
	return b;
}

static inline const char *
fuzz_quote(const char *s)
{
	return fuzz_quote_n(s, s != NULL ? strlen(s) : 0);
}

/*
 * UTF-8, decoded by hand (RFC 3629: no overlong forms, no surrogates, at most U+10FFFF).
 */

/* Decode the character at s[0..n): its length, or -1 when it is not well formed. */
static inline int
fuzz_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	uint32_t c;
	int len, i;

	if (n == 0)
		return -1;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		len = 2;
		c = s[0] & 0x1F;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		len = 3;
		c = s[0] & 0x0F;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		len = 4;
		c = s[0] & 0x07;
	} else
		return -1;
	if ((size_t)len > n)
		return -1;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return -1;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) || c > 0x10FFFF ||
	    (c >= 0xD800 && c <= 0xDFFF))
		return -1;
	*cp = c;
	return len;
}

/* 1 when s[0..n) is well-formed UTF-8 (with NUL bytes only if allow_nul). */
static inline int
fuzz_utf8_valid(const char *s, size_t n, int allow_nul)
{
	const unsigned char *p = (const unsigned char *)s;
	uint32_t cp;
	int k;

	while (n > 0) {
		if ((k = fuzz_utf8_decode(p, n, &cp)) < 0 || (cp == 0 && !allow_nul))
			return 0;
		p += k;
		n -= (size_t)k;
	}
	return 1;
}

/* What text_valid() promises: UTF-8, no NUL, no C0 control but TAB, LF and CR. */
static inline int
fuzz_text_valid(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
			return 0;
	}
	return fuzz_utf8_valid(s, n, 0);
}

/* Number of characters of a well-formed string. */
static inline size_t
fuzz_utf8_count(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static inline int
fuzz_ascii(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s >= 0x80)
			return 0;
	return 1;
}

/*
 * The Vietnamese letters outside ASCII, precomposed (NFC), with their base letters:
 * a e i o u y with one of the 5 tones, ă â ê ô ơ ư with or without one, and đ; both
 * cases (2 x (6 x 5 + 6 x 6 + 1) = 134).
 */
static const struct { uint32_t cp; char base; } fuzz_vn_letters[] = {
	{ 0x00E0, 'a' }, { 0x00E1, 'a' }, { 0x1EA3, 'a' }, { 0x00E3, 'a' },
	{ 0x1EA1, 'a' }, { 0x0103, 'a' }, { 0x1EB1, 'a' }, { 0x1EAF, 'a' },
	{ 0x1EB3, 'a' }, { 0x1EB5, 'a' }, { 0x1EB7, 'a' }, { 0x00E2, 'a' },
	{ 0x1EA7, 'a' }, { 0x1EA5, 'a' }, { 0x1EA9, 'a' }, { 0x1EAB, 'a' },
	{ 0x1EAD, 'a' }, { 0x00E8, 'e' }, { 0x00E9, 'e' }, { 0x1EBB, 'e' },
	{ 0x1EBD, 'e' }, { 0x1EB9, 'e' }, { 0x00EA, 'e' }, { 0x1EC1, 'e' },
	{ 0x1EBF, 'e' }, { 0x1EC3, 'e' }, { 0x1EC5, 'e' }, { 0x1EC7, 'e' },
	{ 0x00EC, 'i' }, { 0x00ED, 'i' }, { 0x1EC9, 'i' }, { 0x0129, 'i' },
	{ 0x1ECB, 'i' }, { 0x00F2, 'o' }, { 0x00F3, 'o' }, { 0x1ECF, 'o' },
	{ 0x00F5, 'o' }, { 0x1ECD, 'o' }, { 0x00F4, 'o' }, { 0x1ED3, 'o' },
	{ 0x1ED1, 'o' }, { 0x1ED5, 'o' }, { 0x1ED7, 'o' }, { 0x1ED9, 'o' },
	{ 0x01A1, 'o' }, { 0x1EDD, 'o' }, { 0x1EDB, 'o' }, { 0x1EDF, 'o' },
	{ 0x1EE1, 'o' }, { 0x1EE3, 'o' }, { 0x00F9, 'u' }, { 0x00FA, 'u' },
	{ 0x1EE7, 'u' }, { 0x0169, 'u' }, { 0x1EE5, 'u' }, { 0x01B0, 'u' },
	{ 0x1EEB, 'u' }, { 0x1EE9, 'u' }, { 0x1EED, 'u' }, { 0x1EEF, 'u' },
	{ 0x1EF1, 'u' }, { 0x1EF3, 'y' }, { 0x00FD, 'y' }, { 0x1EF7, 'y' },
	{ 0x1EF9, 'y' }, { 0x1EF5, 'y' }, { 0x00C0, 'A' }, { 0x00C1, 'A' },
	{ 0x1EA2, 'A' }, { 0x00C3, 'A' }, { 0x1EA0, 'A' }, { 0x0102, 'A' },
	{ 0x1EB0, 'A' }, { 0x1EAE, 'A' }, { 0x1EB2, 'A' }, { 0x1EB4, 'A' },
	{ 0x1EB6, 'A' }, { 0x00C2, 'A' }, { 0x1EA6, 'A' }, { 0x1EA4, 'A' },
	{ 0x1EA8, 'A' }, { 0x1EAA, 'A' }, { 0x1EAC, 'A' }, { 0x00C8, 'E' },
	{ 0x00C9, 'E' }, { 0x1EBA, 'E' }, { 0x1EBC, 'E' }, { 0x1EB8, 'E' },
	{ 0x00CA, 'E' }, { 0x1EC0, 'E' }, { 0x1EBE, 'E' }, { 0x1EC2, 'E' },
	{ 0x1EC4, 'E' }, { 0x1EC6, 'E' }, { 0x00CC, 'I' }, { 0x00CD, 'I' },
	{ 0x1EC8, 'I' }, { 0x0128, 'I' }, { 0x1ECA, 'I' }, { 0x00D2, 'O' },
	{ 0x00D3, 'O' }, { 0x1ECE, 'O' }, { 0x00D5, 'O' }, { 0x1ECC, 'O' },
	{ 0x00D4, 'O' }, { 0x1ED2, 'O' }, { 0x1ED0, 'O' }, { 0x1ED4, 'O' },
	{ 0x1ED6, 'O' }, { 0x1ED8, 'O' }, { 0x01A0, 'O' }, { 0x1EDC, 'O' },
	{ 0x1EDA, 'O' }, { 0x1EDE, 'O' }, { 0x1EE0, 'O' }, { 0x1EE2, 'O' },
	{ 0x00D9, 'U' }, { 0x00DA, 'U' }, { 0x1EE6, 'U' }, { 0x0168, 'U' },
	{ 0x1EE4, 'U' }, { 0x01AF, 'U' }, { 0x1EEA, 'U' }, { 0x1EE8, 'U' },
	{ 0x1EEC, 'U' }, { 0x1EEE, 'U' }, { 0x1EF0, 'U' }, { 0x1EF2, 'Y' },
	{ 0x00DD, 'Y' }, { 0x1EF6, 'Y' }, { 0x1EF8, 'Y' }, { 0x1EF4, 'Y' },
	{ 0x0111, 'd' }, { 0x0110, 'D' },
};
#define FUZZ_VN_LETTERS ((int)(sizeof fuzz_vn_letters / sizeof fuzz_vn_letters[0]))

/* The ASCII base letter of a Vietnamese letter ('d' for đ), or 0 for anything else. */
static inline char
fuzz_vn_base(uint32_t cp)
{
	int i;

	for (i = 0; i < FUZZ_VN_LETTERS; i++)
		if (fuzz_vn_letters[i].cp == cp)
			return fuzz_vn_letters[i].base;
	return 0;
}

/* Encode cp as UTF-8 at out (4 bytes of room); the length. */
static inline int
fuzz_utf8_encode(uint32_t cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* 1 when every character of s is ASCII or a Vietnamese letter. */
static inline int
fuzz_vn_text(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s);
	uint32_t cp;
	int k;

	while (n > 0) {
		if ((k = fuzz_utf8_decode(p, n, &cp)) < 0 || (cp >= 0x80 && fuzz_vn_base(cp) == 0))
			return 0;
		p += k;
		n -= (size_t)k;
	}
	return 1;
}

/*
 * Inputs.
 */

/* data as a new NUL-terminated string (an embedded NUL ends it early); never NULL. */
static inline char *
fuzz_cstr(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (s == NULL)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* Split data at each sep into at most max strings (the last takes the rest, seps and
 * all); returns the buffer to free, the strings pointing into it, *n their count. */
static inline char *
fuzz_split(const uint8_t *data, size_t size, char sep, char **parts, int max, int *n)
{
	char *buf = fuzz_cstr(data, size), *p = buf, *q;

	*n = 0;
	while (*n < max - 1 && (q = memchr(p, sep, (size_t)(buf + size - p))) != NULL) {
		*q = '\0';
		parts[(*n)++] = p;
		p = q + 1;
	}
	parts[(*n)++] = p;
	return buf;
}

/* The error a failing call reported: the code it returned and a message that is UTF-8
 * whenever what the user typed was (the message quotes it). */
static inline void
fuzz_check_error(const struct mc_error *err, int rc, int input_utf8)
{
	FUZZ_CHECK(rc > MC_OK && rc < MC_NCODES, "returned code %d", rc);
	FUZZ_CHECK(err->code == rc, "returned %s but err says %s", mc_codename(rc),
	    mc_codename(err->code));
	FUZZ_CHECK(memchr(err->msg, '\0', sizeof err->msg) != NULL, "message not terminated");
	FUZZ_CHECK(!input_utf8 || fuzz_utf8_valid(err->msg, strlen(err->msg), 0),
	    "the message for UTF-8 input is not UTF-8 (%zu bytes, cut in a character?): %s",
	    strlen(err->msg), fuzz_quote(err->msg));
}

/*
 * A scratch directory of this process: $MOTCUA_FUZZ_TMP (tests/fuzz/run.sh makes one
 * on tmpfs), else /dev/shm or /tmp; removed at exit.
 */

static char fuzz_dir[512];

static inline void
fuzz_scratch_remove(void)
{
	char path[1024];
	struct dirent *e;
	DIR *d;

	if (fuzz_dir[0] == '\0' || (d = opendir(fuzz_dir)) == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", fuzz_dir, e->d_name);
		unlink(path);
	}
	closedir(d);
	rmdir(fuzz_dir);
}

/* The path of name in the scratch directory, written to path (size bytes). */
static inline const char *
fuzz_scratch(const char *name, char *path, size_t size)
{
	const char *top;
	struct stat sb;

	if (fuzz_dir[0] == '\0') {
		top = getenv("MOTCUA_FUZZ_TMP");
		if (top == NULL || *top == '\0')
			top = stat("/dev/shm", &sb) == 0 && S_ISDIR(sb.st_mode) ? "/dev/shm" : "/tmp";
		snprintf(fuzz_dir, sizeof fuzz_dir, "%s/motcua-fuzz.%ld", top, (long)getpid());
		if (mkdir(fuzz_dir, 0700) != 0) {
			perror(fuzz_dir);
			abort();
		}
		atexit(fuzz_scratch_remove);
	}
	snprintf(path, size, "%s/%s", fuzz_dir, name);
	return path;
}

/* Write data to path (replacing it); aborts on failure, which is not the input's. */
static inline void
fuzz_write_file(const char *path, const uint8_t *data, size_t size)
{
	FILE *fp = fopen(path, "wb");

	if (fp == NULL || fwrite(data, 1, size, fp) != size || fclose(fp) != 0) {
		perror(path);
		abort();
	}
}

/*
 * A fingerprint of a store: per table (virtual ones aside) its row count and an
 * order-independent hash of its rows, and a saved copy of every table in the TEMP
 * schema of the connection to go back to.
 */

#define FUZZ_TABLES 48

struct fuzz_snapshot {
	int n;
	struct {
		char name[64];
		long long rows;
		uint64_t hash;
	} t[FUZZ_TABLES];
};

static inline void
fuzz_sql(sqlite3 *db, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		fprintf(stderr, "fuzz: %s: %s\n", sql, msg != NULL ? msg : "?");
		abort();
	}
}

static inline uint64_t
fuzz_mix(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

/* Row count and hash of main.<table>. */
static inline void
fuzz_table_hash(sqlite3 *db, const char *table, long long *rows, uint64_t *hash)
{
	char sql[256];
	sqlite3_stmt *s;
	const unsigned char *p;
	uint64_t h;
	int i, n, k;

	snprintf(sql, sizeof sql, "SELECT * FROM main.\"%s\"", table);
	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK) {
		fprintf(stderr, "fuzz: %s: %s\n", sql, sqlite3_errmsg(db));
		abort();
	}
	*rows = 0;
	*hash = 0;
	while (sqlite3_step(s) == SQLITE_ROW) {
		h = 1469598103934665603ULL;
		for (i = 0; i < sqlite3_column_count(s); i++) {
			h = (h ^ (uint64_t)sqlite3_column_type(s, i)) * 1099511628211ULL;
			p = sqlite3_column_blob(s, i);
			n = sqlite3_column_bytes(s, i);
			for (k = 0; k < n; k++)
				h = (h ^ p[k]) * 1099511628211ULL;
			h = (h ^ 0xff) * 1099511628211ULL;
		}
		*hash += fuzz_mix(h);
		(*rows)++;
	}
	sqlite3_finalize(s);
}

static inline void
fuzz_snapshot_take(sqlite3 *db, struct fuzz_snapshot *snap)
{
	sqlite3_stmt *s;

	if (sqlite3_prepare_v2(db, "SELECT name FROM main.sqlite_schema WHERE type = 'table' "
	    "AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name", -1, &s, NULL) != SQLITE_OK)
		abort();
	snap->n = 0;
	while (sqlite3_step(s) == SQLITE_ROW && snap->n < FUZZ_TABLES) {
		snprintf(snap->t[snap->n].name, sizeof snap->t[0].name, "%s",
		    (const char *)sqlite3_column_text(s, 0));
		snap->n++;
	}
	sqlite3_finalize(s);
	for (int i = 0; i < snap->n; i++)
		fuzz_table_hash(db, snap->t[i].name, &snap->t[i].rows, &snap->t[i].hash);
}

static inline int
fuzz_snapshot_find(const struct fuzz_snapshot *snap, const char *table)
{
	for (int i = 0; i < snap->n; i++)
		if (strcmp(snap->t[i].name, table) == 0)
			return i;
	return -1;
}

/* Rows of table in snap (-1 if it has no such table). */
static inline long long
fuzz_snapshot_rows(const struct fuzz_snapshot *snap, const char *table)
{
	int i = fuzz_snapshot_find(snap, table);

	return i < 0 ? -1 : snap->t[i].rows;
}

/* Is name one of the comma-separated names of list (which may be NULL)? */
static inline int
fuzz_listed(const char *list, const char *name)
{
	size_t n = strlen(name);
	const char *p = list;

	while (p != NULL && *p != '\0') {
		if (strncmp(p, name, n) == 0 && (p[n] == ',' || p[n] == '\0'))
			return 1;
		if ((p = strchr(p, ',')) != NULL)
			p++;
	}
	return 0;
}

/* The first table that differs between a and b, other than those of skip (a list
 * "t1,t2" or NULL); NULL when they are the same. */
static inline const char *
fuzz_snapshot_diff(const struct fuzz_snapshot *a, const struct fuzz_snapshot *b,
    const char *skip)
{
	int i, j;

	for (i = 0; i < a->n; i++) {
		if (fuzz_listed(skip, a->t[i].name))
			continue;
		j = fuzz_snapshot_find(b, a->t[i].name);
		if (j < 0 || a->t[i].rows != b->t[j].rows || a->t[i].hash != b->t[j].hash)
			return a->t[i].name;
	}
	return a->n == b->n ? NULL : "(a table was added or dropped)";
}

/* Copy every table of snap into temp.fuzz_saved_<name>. */
static inline void
fuzz_store_save(sqlite3 *db, const struct fuzz_snapshot *snap)
{
	char sql[512];

	for (int i = 0; i < snap->n; i++) {
		snprintf(sql, sizeof sql, "DROP TABLE IF EXISTS temp.\"fuzz_saved_%s\"; "
		    "CREATE TEMP TABLE \"fuzz_saved_%s\" AS SELECT * FROM main.\"%s\"",
		    snap->t[i].name, snap->t[i].name, snap->t[i].name);
		fuzz_sql(db, sql);
	}
}

/* Put back the saved copy of every table where now differs from saved (inside the
 * caller's transaction). */
static inline void
fuzz_restore_pass(sqlite3 *db, const struct fuzz_snapshot *saved,
    const struct fuzz_snapshot *now)
{
	char sql[512];
	int i, j;

	for (i = 0; i < saved->n; i++) {
		j = fuzz_snapshot_find(now, saved->t[i].name);
		if (j >= 0 && now->t[j].rows == saved->t[i].rows && now->t[j].hash == saved->t[i].hash)
			continue;
		snprintf(sql, sizeof sql, "DELETE FROM main.\"%s\"; "
		    "INSERT INTO main.\"%s\" SELECT * FROM temp.\"fuzz_saved_%s\"",
		    saved->t[i].name, saved->t[i].name, saved->t[i].name);
		fuzz_sql(db, sql);
	}
}

/* Put back the saved copy of every table where now differs from saved.  A trigger
 * of a table put back may change another (a dossier row counts in procedure_use):
 * a second pass puts those back too. */
static inline void
fuzz_store_restore(sqlite3 *db, const struct fuzz_snapshot *saved,
    const struct fuzz_snapshot *now)
{
	struct fuzz_snapshot again;

	fuzz_sql(db, "PRAGMA foreign_keys = OFF; BEGIN IMMEDIATE");
	fuzz_restore_pass(db, saved, now);
	fuzz_snapshot_take(db, &again);
	fuzz_restore_pass(db, saved, &again);
	fuzz_sql(db, "COMMIT; PRAGMA foreign_keys = ON");
}

#endif
