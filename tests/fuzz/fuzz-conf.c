/* fuzz-conf.c -- libFuzzer target: reading motcua.conf (conf_load, common/conf.c).
 *
 * Every input is written to a file and loaded.  What must hold:
 *  - a load succeeds or fails cleanly with MC_EINVAL/MC_EIO/MC_ENOMEM and a message
 *    that is UTF-8 whenever the file was;
 *  - after a failure, every key keeps what the last good file gave it;
 *  - after a success, every key has a value: UTF-8, without control characters, at
 *    most CONF_VALUE_MAX bytes, without blanks around it, and loading the same file
 *    again gives the same values.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "fuzz.h"

static char path[600];

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_scratch("motcua.conf", path, sizeof path);
	return 0;
}

/* Every key's value, one after the other, for comparing two loads. */
static char *
snapshot(void)
{
	size_t len = 1, i;
	char *all, *p;

	for (i = 0; conf_keys[i].section != NULL; i++)
		len += strlen(conf_get(conf_keys[i].section, conf_keys[i].key)) + 1;
	if ((all = malloc(len)) == NULL)
		abort();
	for (p = all, i = 0; conf_keys[i].section != NULL; i++)
		p += sprintf(p, "%s\n", conf_get(conf_keys[i].section, conf_keys[i].key));
	return all;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mc_error err;
	char *before = snapshot(), *after, *again;
	const char *v;
	size_t i, n;
	int rc;

	fuzz_write_file(path, data, size);
	mc_error_clear(&err);
	rc = conf_load(path, NULL, &err);
	after = snapshot();
	if (rc != MC_OK) {
		FUZZ_CHECK(rc == MC_EINVAL || rc == MC_EIO || rc == MC_ENOMEM, "code %s", mc_codename(rc));
		fuzz_check_error(&err, rc, fuzz_utf8_valid((const char *)data, size, 0));
		FUZZ_CHECK(strcmp(before, after) == 0, "a failed load changed the values");
	} else {
		for (i = 0; conf_keys[i].section != NULL; i++) {
			v = conf_get(conf_keys[i].section, conf_keys[i].key);
			n = strlen(v);
			FUZZ_CHECK(n <= CONF_VALUE_MAX, "%s.%s is %zu bytes", conf_keys[i].section,
			    conf_keys[i].key, n);
			FUZZ_CHECK(fuzz_text_valid(v, n), "%s.%s is not clean text: %s",
			    conf_keys[i].section, conf_keys[i].key, fuzz_quote(v));
			FUZZ_CHECK(n == 0 || (v[0] != ' ' && v[n - 1] != ' '), "%s.%s keeps blanks: %s",
			    conf_keys[i].section, conf_keys[i].key, fuzz_quote(v));
		}
		FUZZ_CHECK(conf_load(path, NULL, &err) == MC_OK, "the same file fails the second time");
		again = snapshot();
		FUZZ_CHECK(strcmp(after, again) == 0, "the same file gives other values");
		free(again);
	}
	free(before);
	free(after);
	return 0;
}
