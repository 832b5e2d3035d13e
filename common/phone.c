/* phone.c -- Vietnamese phone numbers: normalising, checking and masking; see phone.h.
 *
 * Pure functions, no store: the dossier rules (intake, search) and the SMS queues and
 * daemons all read a number the same way here.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "phone.h"
#include "text.h"

int
phone_normalise(const char *in, char out[PHONE_MAX], struct mc_error *err)
{
	char d[PHONE_MAX];
	size_t n = 0;
	const char *p;

	for (p = in; *p != '\0'; p++) {
		if (isdigit((unsigned char)*p)) {
			if (n + 1 >= sizeof d)
				return mc_fail(err, MC_EINVAL, _("the phone number is too long"));
			d[n++] = *p;
		} else if (*p == '+' && p == in) {
			continue;
		} else if (*p != ' ' && *p != '.' && *p != '-' && *p != '(' && *p != ')') {
			return mc_fail(err, MC_EINVAL, _("the phone number may contain only digits"));
		}
	}
	d[n] = '\0';
	if (n == 11 && strncmp(d, "84", 2) == 0)
		snprintf(out, PHONE_MAX, "0%s", d + 2);
	else if (n == 12 && strncmp(d, "84", 2) == 0 && d[2] == '2')
		snprintf(out, PHONE_MAX, "0%s", d + 2);
	else
		snprintf(out, PHONE_MAX, "%s", d);
	n = strlen(out);
	if (out[0] == '0' && n == 10 && strchr("35789", out[1]) != NULL)
		return MC_OK;		/* mobile */
	if (out[0] == '0' && n == 11 && out[1] == '2')
		return MC_OK;		/* landline with area code */
	return mc_fail(err, MC_EINVAL,
	    _("'%s' is not a Vietnamese phone number (10 digits starting 03, 05, 07, 08 or 09)"), in);
}

int
phone_recipient(const char *in, char out[PHONE_MAX])
{
	const char *p = in != NULL ? in : "";
	size_t n;

	if (phone_normalise(p, out, NULL) == MC_OK)
		return out[1] != '2';	/* a landline (02...) receives no SMS */
	while (*p == ' ' || *p == '\t')
		p++;
	n = text_copy(out, PHONE_MAX, p);	/* never half a character */
	while (n > 0 && (out[n - 1] == ' ' || out[n - 1] == '\t'))
		out[--n] = '\0';
	return 0;
}

const char *
phone_mask(const char *number, char out[PHONE_MASK_MAX])
{
	char norm[PHONE_MAX];
	size_t n, i;

	phone_recipient(number, norm);
	n = strlen(norm);
	if (n <= 5) {
		snprintf(out, PHONE_MASK_MAX, "%.*s", (int)n, "xxxxx");
		return out;
	}
	if (n > PHONE_MASK_MAX - 1)
		n = PHONE_MASK_MAX - 1;
	for (i = 0; i < n; i++)
		if (i >= 2 && i + 3 < n)
			out[i] = 'x';
		else
			out[i] = (norm[i] >= '0' && norm[i] <= '9') || norm[i] == '+' ? norm[i] : '?';
	out[n] = '\0';
	return out;
}
