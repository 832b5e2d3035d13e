/* modem.c -- the table of modem backends and what they share (CMS error reasons). */
#include "config.h"

#include <string.h>

#include "i18n.h"
#include "modem.h"

static const struct {
	const char *name;
	const struct modem_ops *ops;
} backends[] = {
	{ .name = "gammu", .ops = &modem_gammu_ops },
	{ .name = "null", .ops = &modem_null_ops },
};

const struct modem_ops *
modem_backend(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof backends / sizeof backends[0]; i++)
		if (strcmp(backends[i].name, name) == 0)
			return backends[i].ops;
	return NULL;
}

int
modem_create(const char *name, const struct modem_config *cfg, struct modem **out,
    struct mc_error *err)
{
	const struct modem_ops *ops = modem_backend(name);

	*out = NULL;
	if (ops == NULL)
		return mc_fail(err, MC_EINVAL, _("unknown modem type '%s' (known: gammu, null)"), name);
	return ops->create(cfg, out, err);
}

size_t
modem_scratch_max(void)
{
	size_t i, max = 0;

	for (i = 0; i < sizeof backends / sizeof backends[0]; i++)
		if (backends[i].ops->scratch > max)
			max = backends[i].ops->scratch;
	return max;
}

void
modem_destroy(struct modem *m)
{
	if (m != NULL)
		m->ops->destroy(m);
}

/* 3GPP TS 24.011 (RP cause) and TS 27.005 (+CMS ERROR) codes a modem reports. */
static const struct {
	int code;
	int permanent;
	const char *reason;
} cms[] = {
	{ .code = 1, .permanent = 1, .reason = "unassigned number" },
	{ .code = 8, .permanent = 1, .reason = "operator determined barring" },
	{ .code = 10, .permanent = 1, .reason = "call barred" },
	{ .code = 21, .permanent = 1, .reason = "short message transfer rejected" },
	{ .code = 27, .permanent = 0, .reason = "destination out of service" },
	{ .code = 28, .permanent = 1, .reason = "unidentified subscriber" },
	{ .code = 29, .permanent = 1, .reason = "facility rejected" },
	{ .code = 30, .permanent = 1, .reason = "unknown subscriber" },
	{ .code = 38, .permanent = 0, .reason = "network out of order" },
	{ .code = 41, .permanent = 0, .reason = "temporary failure" },
	{ .code = 42, .permanent = 0, .reason = "congestion" },
	{ .code = 47, .permanent = 0, .reason = "resources unavailable" },
	{ .code = 50, .permanent = 1, .reason = "requested facility not subscribed" },
	{ .code = 69, .permanent = 1, .reason = "requested facility not implemented" },
	{ .code = 81, .permanent = 0, .reason = "invalid transfer reference" },
	{ .code = 95, .permanent = 1, .reason = "invalid message" },
	{ .code = 96, .permanent = 1, .reason = "invalid mandatory information" },
	{ .code = 97, .permanent = 1, .reason = "message type not implemented" },
	{ .code = 111, .permanent = 0, .reason = "protocol error" },
	{ .code = 127, .permanent = 0, .reason = "interworking error" },
	{ .code = 300, .permanent = 0, .reason = "modem failure" },
	{ .code = 301, .permanent = 0, .reason = "SMS service of the modem reserved" },
	{ .code = 302, .permanent = 1, .reason = "operation not allowed" },
	{ .code = 303, .permanent = 1, .reason = "operation not supported" },
	{ .code = 304, .permanent = 1, .reason = "invalid PDU mode parameter" },
	{ .code = 305, .permanent = 1, .reason = "invalid text mode parameter" },
	{ .code = 310, .permanent = 0, .reason = "SIM not inserted" },
	{ .code = 311, .permanent = 0, .reason = "SIM PIN required" },
	{ .code = 313, .permanent = 0, .reason = "SIM failure" },
	{ .code = 320, .permanent = 0, .reason = "memory failure" },
	{ .code = 322, .permanent = 0, .reason = "memory full" },
	{ .code = 330, .permanent = 0, .reason = "SMSC address unknown" },
	{ .code = 331, .permanent = 0, .reason = "no network service" },
	{ .code = 332, .permanent = 0, .reason = "network time-out" },
	{ .code = 500, .permanent = 0, .reason = "unknown error" },
};

const char *
modem_cms_reason(int code, int *permanent)
{
	size_t i;

	if (permanent != NULL)
		*permanent = 0;
	for (i = 0; i < sizeof cms / sizeof cms[0]; i++)
		if (cms[i].code == code) {
			if (permanent != NULL)
				*permanent = cms[i].permanent;
			return cms[i].reason;
		}
	return code >= 512 ? "manufacturer specific error" : "unknown error";
}
