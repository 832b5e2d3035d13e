/* ussd-form.c -- a USSD gateway's request, decoded and checked: the body of a form
 * POST (application/x-www-form-urlencoded) into struct ussd_request.  No I/O and no
 * store, so that tests/fuzz/fuzz-ussd.c can feed it any bytes.
 *
 * Decoding: name=value pairs separated by '&' (empty ones skipped); a pair without
 * '=' is a name with an empty value; '+' is a space and %XX a byte (either case); a
 * '%' not followed by two hexadecimal digits is malformed, and so is a NUL byte, raw
 * or encoded.  Names are matched without regard to case; names this program does not
 * know are ignored (aggregators add their own) but must be well formed too; a known
 * name given twice is refused (which one would count?).
 *
 * The values, decoded:
 *	sessionId	required; 1-128 printable ASCII characters, no space
 *	serviceCode	required; 1-32 printable ASCII characters, no space ("*384*12#")
 *	phoneNumber	required; 1-32 of 0-9 + space . - ( ), at least one digit
 *			(a '+' sent unencoded arrives as a space: " 84912345678" is read
 *			as +84..., common/phone.c phone_normalise skips spaces)
 *	networkCode	optional; up to 32 printable ASCII characters, no space
 *	text		optional, "" on the first request; up to 512 bytes, any but NUL
 *			(query_ussd reads any bytes)
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "ussd.h"

#define NAME_MAX_LEN 32		/* a name longer than this is no name we know */

enum check {
	CHECK_TOKEN,		/* printable ASCII, no space */
	CHECK_PHONE,
	CHECK_ANY,
};

static const struct field {
	const char *name;
	size_t offset;		/* in struct ussd_request */
	size_t max;		/* bytes, decoded */
	int required;
	enum check check;
} fields[] = {
	{ .name = "sessionId", .offset = offsetof(struct ussd_request, session),
	  .max = USSD_SESSION_MAX, .required = 1, .check = CHECK_TOKEN },
	{ .name = "serviceCode", .offset = offsetof(struct ussd_request, service),
	  .max = USSD_SERVICE_MAX, .required = 1, .check = CHECK_TOKEN },
	{ .name = "phoneNumber", .offset = offsetof(struct ussd_request, phone),
	  .max = USSD_PHONE_MAX, .required = 1, .check = CHECK_PHONE },
	{ .name = "networkCode", .offset = offsetof(struct ussd_request, network),
	  .max = USSD_NETWORK_MAX, .required = 0, .check = CHECK_TOKEN },
	{ .name = "text", .offset = offsetof(struct ussd_request, text),
	  .max = USSD_TEXT_MAX, .required = 0, .check = CHECK_ANY },
};
#define NFIELDS ((int)(sizeof fields / sizeof fields[0]))

enum decoded {
	DECODED,
	BAD_PERCENT,
	HAS_NUL,
	TOO_LONG,
};

static int
hex(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decode s[0..n) into out (at most max bytes and a NUL; out NULL: only check it). */
static enum decoded
decode(const char *s, size_t n, char *out, size_t max)
{
	size_t i, len = 0;
	int c, hi, lo;

	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		if (c == '+')
			c = ' ';
		else if (c == '%') {
			if (i + 2 >= n)
				return BAD_PERCENT;
			if ((hi = hex((unsigned char)s[i + 1])) < 0 ||
			    (lo = hex((unsigned char)s[i + 2])) < 0)
				return BAD_PERCENT;
			c = hi << 4 | lo;
			i += 2;
		}
		if (c == '\0')
			return HAS_NUL;
		if (out != NULL) {
			if (len >= max)
				return TOO_LONG;
			out[len] = (char)c;
		}
		len++;
	}
	if (out != NULL)
		out[len] = '\0';
	return DECODED;
}

static int refuse(char why[USSD_WHY_MAX], const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int
refuse(char why[USSD_WHY_MAX], const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, USSD_WHY_MAX, fmt, ap);
	va_end(ap);
	return -1;
}

/* The reason a decoding failed, for field name. */
static int
refuse_decoded(char why[USSD_WHY_MAX], enum decoded d, const char *name)
{
	switch (d) {
	case BAD_PERCENT:
		return refuse(why, "bad percent-encoding in %s", name);
	case HAS_NUL:
		return refuse(why, "a NUL byte in %s", name);
	case TOO_LONG:
		return refuse(why, "%s is too long", name);
	default:
		return refuse(why, "cannot decode %s", name);
	}
}

static int
valid(const struct field *f, const char *v)
{
	const unsigned char *p = (const unsigned char *)v;
	int digits = 0;

	switch (f->check) {
	case CHECK_TOKEN:
		for (; *p != '\0'; p++)
			if (*p <= ' ' || *p >= 0x7F)
				return 0;
		return 1;
	case CHECK_PHONE:
		for (; *p != '\0'; p++) {
			if (*p >= '0' && *p <= '9')
				digits++;
			else if (strchr("+ .-()", *p) == NULL)
				return 0;
		}
		return digits > 0;
	case CHECK_ANY:
		return 1;
	}
	return 0;
}

/* One name=value pair, s[0..n), n > 0. */
static int
take_pair(const char *s, size_t n, struct ussd_request *req, unsigned *seen,
    char why[USSD_WHY_MAX])
{
	const char *eq = memchr(s, '=', n);
	size_t nlen = eq != NULL ? (size_t)(eq - s) : n;
	const char *v = eq != NULL ? eq + 1 : s + n;
	size_t vlen = (size_t)(s + n - v);
	char name[NAME_MAX_LEN + 1];
	enum decoded d;
	int i;

	d = decode(s, nlen, name, NAME_MAX_LEN);
	if (d == TOO_LONG)	/* no name of ours: check it is well formed, then ignore it */
		d = decode(s, nlen, NULL, 0);
	else if (d == DECODED) {
		for (i = 0; i < NFIELDS; i++) {
			if (strcasecmp(name, fields[i].name) != 0)
				continue;
			if (*seen & 1u << i)
				return refuse(why, "%s given twice", fields[i].name);
			*seen |= 1u << i;
			d = decode(v, vlen, (char *)req + fields[i].offset, fields[i].max);
			if (d != DECODED)
				return refuse_decoded(why, d, fields[i].name);
			if (!valid(&fields[i], (char *)req + fields[i].offset))
				return refuse(why, "%s has characters it may not have", fields[i].name);
			return 0;
		}
	}
	if (d != DECODED)
		return refuse_decoded(why, d, "a field name");
	if ((d = decode(v, vlen, NULL, 0)) != DECODED)
		return refuse_decoded(why, d, "an unknown field");
	return 0;
}

int
ussd_form_parse(const char *body, size_t n, struct ussd_request *req, char why[USSD_WHY_MAX])
{
	const char *p = body, *end = body + n, *amp;
	unsigned seen = 0;
	int pairs = 0, i;

	memset(req, 0, sizeof *req);
	why[0] = '\0';
	if (n > USSD_BODY_MAX)
		return refuse(why, "the body is longer than %d bytes", USSD_BODY_MAX);
	while (p < end) {
		if ((amp = memchr(p, '&', (size_t)(end - p))) == NULL)
			amp = end;
		if (amp > p) {
			if (++pairs > USSD_PAIRS_MAX)
				return refuse(why, "more than %d fields", USSD_PAIRS_MAX);
			if (take_pair(p, (size_t)(amp - p), req, &seen, why) != 0)
				return -1;
		}
		p = amp + 1;
	}
	for (i = 0; i < NFIELDS; i++) {
		if (!fields[i].required)
			continue;
		if (!(seen & 1u << i))
			return refuse(why, "%s is missing", fields[i].name);
		if (((char *)req + fields[i].offset)[0] == '\0')
			return refuse(why, "%s is empty", fields[i].name);
	}
	return 0;
}

int
ussd_form_type(const char *content_type)
{
	static const char form[] = "application/x-www-form-urlencoded";
	const char *p = content_type;

	if (p == NULL)
		return 1;	/* a gateway that says nothing posts a form */
	while (*p == ' ' || *p == '\t')
		p++;
	if (strncasecmp(p, form, sizeof form - 1) != 0)
		return 0;
	p += sizeof form - 1;
	while (*p == ' ' || *p == '\t')
		p++;
	return *p == '\0' || *p == ';';
}
