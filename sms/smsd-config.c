/* smsd-config.c -- motcua-smsd's settings: defaults and the [motcua-smsd] section of
 * the gammurc file (see smsd.h for the keys).  A tiny reader of its own, because only
 * sms/modem-gammu.c may include gammu.h (and so use gammu's INI parser).
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "i18n.h"
#include "smsd.h"

void
smsd_config_defaults(struct smsd_config *cfg)
{
	if (!cfg->name_fixed)
		snprintf(cfg->name, sizeof cfg->name, "modem");
	if (!cfg->backend_fixed)
		snprintf(cfg->backend, sizeof cfg->backend, "gammu");
	cfg->poll = 0.5;
	cfg->poll_idle = 5;
	cfg->poll_notified = 30;
	cfg->health = 60;
	snprintf(cfg->balance, sizeof cfg->balance, "*101#");
	cfg->balance_every = 3600;
	cfg->send_timeout = 30;
	cfg->reports = 1;
	cfg->watchdog = 60;
	cfg->backoff_max = 60;
	cfg->parts_wait = 3600;
	if (!cfg->debug_fixed)
		cfg->debug = 0;
}

static char *
trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

static int
parse_bool(const char *v, int *out)
{
	if (strcasecmp(v, "yes") == 0 || strcasecmp(v, "true") == 0 || strcasecmp(v, "on") == 0 ||
	    strcmp(v, "1") == 0)
		*out = 1;
	else if (strcasecmp(v, "no") == 0 || strcasecmp(v, "false") == 0 ||
	    strcasecmp(v, "off") == 0 || strcmp(v, "0") == 0)
		*out = 0;
	else
		return -1;
	return 0;
}

static int
parse_number(const char *v, double lo, double hi, double *out)
{
	char *end;
	double d;

	errno = 0;
	d = strtod(v, &end);
	if (end == v || *trim(end) != '\0' || errno != 0 || d < lo || d > hi)
		return -1;
	*out = d;
	return 0;
}

/* Apply one key; -1 when the value is bad, 1 when the key is unknown. */
static int
apply(struct smsd_config *cfg, const char *key, const char *v)
{
	static const struct {
		const char *key;
		size_t offset;
		double lo, hi;
	} ints[] = {
		{ .key = "health", .offset = offsetof(struct smsd_config, health), .lo = 10, .hi = 86400 },
		{ .key = "balance_every", .offset = offsetof(struct smsd_config, balance_every), .lo = 60, .hi = 864000 },
		{ .key = "send_timeout", .offset = offsetof(struct smsd_config, send_timeout), .lo = 5, .hi = 600 },
		{ .key = "watchdog", .offset = offsetof(struct smsd_config, watchdog), .lo = 10, .hi = 3600 },
		{ .key = "backoff_max", .offset = offsetof(struct smsd_config, backoff_max), .lo = 1, .hi = 3600 },
		{ .key = "parts_wait", .offset = offsetof(struct smsd_config, parts_wait), .lo = 60, .hi = 604800 },
	};
	double d;
	size_t i;

	for (i = 0; i < sizeof ints / sizeof ints[0]; i++)
		if (strcasecmp(key, ints[i].key) == 0) {
			if (parse_number(v, ints[i].lo, ints[i].hi, &d) != 0)
				return -1;
			*(int *)((char *)cfg + ints[i].offset) = (int)d;
			return 0;
		}
	if (strcasecmp(key, "poll") == 0)
		return parse_number(v, 0.05, 3600, &cfg->poll);
	if (strcasecmp(key, "poll_idle") == 0)
		return parse_number(v, 0.05, 3600, &cfg->poll_idle);
	if (strcasecmp(key, "poll_notified") == 0)
		return parse_number(v, 0.05, 3600, &cfg->poll_notified);
	if (strcasecmp(key, "delivery_reports") == 0)
		return parse_bool(v, &cfg->reports);
	if (strcasecmp(key, "debug") == 0) {
		int on;

		if (parse_bool(v, &on) != 0)
			return -1;
		if (!cfg->debug_fixed)
			cfg->debug = on;
		return 0;
	}
	if (strcasecmp(key, "balance") == 0) {
		if (strlen(v) >= sizeof cfg->balance || strspn(v, "0123456789*#+") != strlen(v))
			return -1;
		snprintf(cfg->balance, sizeof cfg->balance, "%s", v);
		return 0;
	}
	if (strcasecmp(key, "name") == 0) {
		if (*v == '\0' || strlen(v) >= sizeof cfg->name)
			return -1;
		if (!cfg->name_fixed)
			snprintf(cfg->name, sizeof cfg->name, "%s", v);
		return 0;
	}
	if (strcasecmp(key, "modem") == 0) {
		if (strcmp(v, "gammu") != 0 && strcmp(v, "null") != 0)
			return -1;
		if (!cfg->backend_fixed)
			snprintf(cfg->backend, sizeof cfg->backend, "%s", v);
		return 0;
	}
	return 1;
}

int
smsd_config_read(struct smsd_config *cfg, struct mc_error *err)
{
	char line[1024], *p, *eq, *key, *value;
	FILE *fp;
	int in = 0, lineno = 0, rc;

	smsd_config_defaults(cfg);
	if (cfg->gammurc[0] == '\0')
		return MC_OK;
	if ((fp = fopen(cfg->gammurc, "r")) == NULL)
		return mc_fail(err, MC_EIO, _("cannot read %s: %s"), cfg->gammurc, strerror(errno));
	while (fgets(line, sizeof line, fp) != NULL) {
		lineno++;
		p = trim(line);
		if (*p == '\0' || *p == '#' || *p == ';')
			continue;
		if (*p == '[') {
			in = strncasecmp(p, "[motcua-smsd]", 13) == 0;
			continue;
		}
		if (!in || (eq = strchr(p, '=')) == NULL)
			continue;
		*eq = '\0';
		key = trim(p);
		value = trim(eq + 1);
		/* a comment after the value */
		if ((p = strstr(value, " ;")) != NULL || (p = strstr(value, "\t;")) != NULL ||
		    (p = strstr(value, " #")) != NULL)
			*p = '\0';
		value = trim(value);
		if (strlen(value) >= 2 && value[0] == '"' && value[strlen(value) - 1] == '"') {
			value[strlen(value) - 1] = '\0';
			value++;
		}
		rc = apply(cfg, key, value);
		if (rc < 0) {
			fclose(fp);
			return mc_fail(err, MC_EINVAL, _("%s line %d: bad value '%s' for %s"), cfg->gammurc,
			    lineno, value, key);
		}
		if (rc > 0) {
			fclose(fp);
			return mc_fail(err, MC_EINVAL, _("%s line %d: unknown setting '%s' in [motcua-smsd]"),
			    cfg->gammurc, lineno, key);
		}
	}
	fclose(fp);
	return MC_OK;
}
