/* demo.h -- a realistic demo office: its users and a year of dossiers with their lives.
 *
 * demo_generate() invents applicants (names, ID numbers, phones, addresses from the
 * data files data/demo/names.txt and places.txt), receives their dossiers on the
 * office's working days and hours over the last twelve months up to mc_now(), and
 * lets each dossier live: hand-overs, supplements, fees, apologies, results, ratings,
 * a few refusals and withdrawals.  Every event goes through lifecycle_apply() and
 * dossier_store_event() like a real one, so 'motcua check' holds on the result.
 * The same seed, store and mc_now() give the same data.
 */
#ifndef MC_DEMO_H
#define MC_DEMO_H

#include <stdint.h>

#include "auth.h"
#include "error.h"
#include "mctime.h"

struct store;

#define DEMO_OFFICE "000.17.22.H56"
#define DEMO_OFFICE_NAME "UBND xã Tân Lập"
#define DEMO_PASSWORD "motcua-demo"
#define DEMO_MAX_DOSSIERS 5000000L

struct demo_user {
	const char *login;
	enum role role;
	const char *full_name;
};
/* The demo's users, ending with a NULL login. */
extern const struct demo_user demo_users[];

/* Add those of demo_users that do not exist yet, with DEMO_PASSWORD; *added (may be
 * NULL) gets how many were added. */
int demo_add_users(struct store *st, const char *actor, int *added, struct mc_error *err);

struct demo_options {
	long dossiers;			/* 1..DEMO_MAX_DOSSIERS */
	uint64_t seed;
	const char *names_path;		/* data/demo/names.txt */
	const char *places_path;	/* data/demo/places.txt */
	/* Called every few thousand dossiers and at the end (may be NULL). */
	void (*progress)(long done, long total, void *ctx);
	void *ctx;
};

struct demo_stats {
	long dossiers;			/* added */
	long events;			/* appended */
	mc_minute first, last;		/* first and last time received */
};

/* Add o->dossiers dossiers to the initialised store st (its office, catalogue and
 * calendar), in transactions of a few thousand dossiers; stats may be NULL.  On
 * failure the dossiers of the last unfinished transaction are not kept. */
int demo_generate(struct store *st, const struct demo_options *o, struct demo_stats *stats,
    struct mc_error *err);

#endif
