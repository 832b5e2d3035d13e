/* typing.c -- keystroke-to-result latency of the console's search box, in process:
 * every prefix of each query (as an official types it, one character more at a time)
 * goes through search_typing() with the console's row limit, and the time of each call
 * is printed in microseconds.  Built and run by tests/bench/typing.sh. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "search.h"
#include "store.h"

static int
count(const struct dossier *d, void *ctx)
{
	(void)d;
	(*(int *)ctx)++;
	return 0;
}

/* As the console's search box: a word of 3+ characters, or nothing is searched. */
static int
searchable(const char *q)
{
	size_t k;

	while (*q != '\0') {
		k = strcspn(q, " ");
		if (k >= 3)
			return 1;
		q += k + (q[k] == ' ');
	}
	return 0;
}

static double
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

int
main(int argc, char **argv)
{
	struct store *st;
	struct mc_error err;
	char line[512], prefix[512];
	int limit = argc > 2 ? atoi(argv[2]) : 60;

	if (argc < 2 || store_open(argv[1], 0, &st, &err) != MC_OK) {
		fprintf(stderr, "usage: typing DB [LIMIT] < queries\n");
		return 2;
	}
	while (fgets(line, sizeof line, stdin) != NULL) {
		size_t n = strcspn(line, "\n"), i;

		line[n] = '\0';
		for (i = 1; i <= n; i++) {
			int hits = 0;
			double t;

			if ((line[i] & 0xC0) == 0x80)
				continue;	/* inside a character: not a keystroke */
			memcpy(prefix, line, i);
			prefix[i] = '\0';
			if (!searchable(prefix))
				continue;	/* the console waits for a third letter */
			t = now_us();
			search_typing(st, prefix, NULL, limit, count, &hits, NULL, NULL);
			printf("%.0f\t%s\n", now_us() - t, prefix);
		}
	}
	store_close(st);
	return 0;
}
