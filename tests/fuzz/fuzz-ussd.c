/* fuzz-ussd.c -- libFuzzer target: how motcua-ussd reads a USSD gateway's request
 * (sms/ussd-form.c: ussd_form_parse and ussd_form_type), on arbitrary bytes and
 * without the network.
 *
 * tests/fuzz/run.sh links every target against common/ alone, so this one compiles
 * sms/ussd-form.c into itself (the file is pure: no HTTP, no store, no log).
 *
 * The first byte picks the mode.
 *  - Raw (bit 0 clear): the rest is a body as it came off the wire.
 *  - Built (bit 0 set): the rest, split at 0x01, gives the values of sessionId,
 *    serviceCode, phoneNumber, networkCode and text; they are percent-encoded into a
 *    body the way a gateway might (bits 1-6: '+' for spaces, lower-case hex, names
 *    in another case, the fields in another order, an unknown field and empty pairs
 *    added, networkCode left out).  The parser must accept that body exactly when the
 *    rules of ussd-form.c, read independently here, accept those values (and the
 *    body is within USSD_BODY_MAX), and then give back every value unchanged.
 * What must hold for every body:
 *  - the result is 0 or -1; on -1 a reason, printable ASCII, never empty;
 *  - on 0: every field ends within its size and obeys its rule; the required ones are
 *    not empty; encoding the fields again and reading that gives the same fields;
 *  - ussd_form_type() of the same bytes as a string never fails, and agrees with a
 *    plain reading of "application/x-www-form-urlencoded[;...]".
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fuzz.h"
#include "../../sms/ussd-form.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NVALUES 5
#define EXTRA_MAX 64		/* bytes of what encode() adds besides names and values */
#define FIELDS_ENCODED (3 * (USSD_SESSION_MAX + USSD_SERVICE_MAX + USSD_PHONE_MAX + \
	USSD_NETWORK_MAX + USSD_TEXT_MAX) + 128 + EXTRA_MAX)

static const char *const names[NVALUES] = { "sessionId", "serviceCode", "phoneNumber",
	"networkCode", "text" };
static const size_t limits[NVALUES] = { USSD_SESSION_MAX, USSD_SERVICE_MAX, USSD_PHONE_MAX,
	USSD_NETWORK_MAX, USSD_TEXT_MAX };

enum style {
	PLUS = 2,		/* spaces as '+' */
	LOWER = 4,		/* %2a rather than %2A */
	CASE = 8,		/* PHONENUMBER, sessionid */
	ROTATE = 16,		/* the fields in another order */
	EXTRA = 32,		/* an unknown field and empty pairs */
	NO_NETWORK = 64,	/* networkCode not sent */
};

static const char *
field_of(const struct ussd_request *r, int i)
{
	const char *const f[NVALUES] = { r->session, r->service, r->phone, r->network, r->text };

	return f[i];
}

/* The rules of ussd-form.c, read again. */
static int
token(const char *v)
{
	for (; *v != '\0'; v++)
		if ((unsigned char)*v < 0x21 || (unsigned char)*v > 0x7E)
			return 0;
	return 1;
}

static int
phone(const char *v)
{
	int digit = 0;

	for (; *v != '\0'; v++) {
		if (*v >= '0' && *v <= '9')
			digit = 1;
		else if (*v != '+' && *v != ' ' && *v != '.' && *v != '-' && *v != '(' && *v != ')')
			return 0;
	}
	return digit;
}

static int
acceptable(int i, const char *v)
{
	size_t n = strlen(v);

	if (n > limits[i] || (i != 3 && i != 4 && n == 0))
		return 0;
	return i == 2 ? phone(v) : i == 4 ? 1 : token(v);
}

/* Append name=value, percent-encoded in style, to out (which has room for it). */
static void
append(char *out, size_t *len, const char *name, const char *v, unsigned style)
{
	static const char upper[] = "0123456789ABCDEF", lower[] = "0123456789abcdef";
	const char *hexd = style & LOWER ? lower : upper;
	size_t k;

	if (*len > 0)
		out[(*len)++] = '&';
	for (k = 0; name[k] != '\0'; k++)
		out[(*len)++] = (style & CASE) && (k % 2 == 0) ?
		    (char)(name[k] ^ 0x20) : name[k];
	out[(*len)++] = '=';
	for (; *v != '\0'; v++) {
		unsigned char c = (unsigned char)*v;

		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '_' || c == '.' || c == '~')
			out[(*len)++] = (char)c;
		else if (c == ' ' && (style & PLUS))
			out[(*len)++] = '+';
		else {
			out[(*len)++] = '%';
			out[(*len)++] = hexd[c >> 4];
			out[(*len)++] = hexd[c & 15];
		}
	}
	out[*len] = '\0';
}

/* The five values as a body into out, which has room for 3 bytes a byte of the values,
 * the names and EXTRA_MAX; its length. */
static size_t
encode(char *const values[NVALUES], unsigned style, char *out)
{
	size_t len = 0;
	int k, i, first = style & ROTATE ? 3 : 0;

	out[0] = '\0';
	if (style & EXTRA) {
		append(out, &len, "channel", "ussd & more", style);
		out[len++] = '&';
		out[len] = '\0';
	}
	for (k = 0; k < NVALUES; k++) {
		i = (first + k) % NVALUES;
		if (i == 3 && (style & NO_NETWORK))
			continue;
		append(out, &len, names[i], values[i], style);
	}
	if (style & EXTRA) {
		memcpy(out + len, "&&", 3);
		len += 2;
	}
	return len;
}

static void
check_why(const char *why, const char *what)
{
	const char *p;

	FUZZ_CHECK(memchr(why, '\0', USSD_WHY_MAX) != NULL, "reason not terminated for %s", what);
	FUZZ_CHECK(why[0] != '\0', "refused without a reason: %s", what);
	for (p = why; *p != '\0'; p++)
		FUZZ_CHECK(*p >= 0x20 && *p < 0x7F, "reason not printable ASCII: %s",
		    fuzz_quote(why));
}

/* What a successful parse must give: fields that end in place and obey the rules. */
static void
check_fields(const struct ussd_request *r, const char *what)
{
	int i;

	for (i = 0; i < NVALUES; i++) {
		const char *v = field_of(r, i);

		FUZZ_CHECK(memchr(v, '\0', limits[i] + 1) != NULL, "%s not terminated for %s",
		    names[i], what);
		FUZZ_CHECK(acceptable(i, v), "%s = %s accepted against the rules, from %s", names[i],
		    fuzz_quote(v), what);
	}
}

static void
same_fields(const struct ussd_request *a, const struct ussd_request *b, const char *what)
{
	int i;

	for (i = 0; i < NVALUES; i++)
		FUZZ_CHECK(strcmp(field_of(a, i), field_of(b, i)) == 0, "%s read %s then %s from %s",
		    names[i], fuzz_quote(field_of(a, i)), fuzz_quote(field_of(b, i)), what);
}

/* Read what was read, encoded again: the same fields (when the body fits). */
static void
check_again(const struct ussd_request *r, unsigned style, const char *what)
{
	static char body[FIELDS_ENCODED];
	char *values[NVALUES], why[USSD_WHY_MAX];
	struct ussd_request again;
	size_t n;
	int i, rc;

	for (i = 0; i < NVALUES; i++)
		values[i] = (char *)field_of(r, i);
	n = encode(values, style & ~(unsigned)NO_NETWORK, body);
	rc = ussd_form_parse(body, n, &again, why);
	if (n > USSD_BODY_MAX) {
		FUZZ_CHECK(rc == -1, "a body of %zu bytes accepted", n);
		return;
	}
	FUZZ_CHECK(rc == 0, "encoded again, %s is refused (%s); first read from %s",
	    fuzz_quote(body), why, what);
	same_fields(r, &again, what);
}

static void
check_type(const uint8_t *data, size_t size)
{
	static const char form[] = "application/x-www-form-urlencoded";
	char *s = fuzz_cstr(data, size), *p = s;
	int want;

	while (*p == ' ' || *p == '\t')
		p++;
	want = strncasecmp(p, form, sizeof form - 1) == 0;
	if (want) {
		p += sizeof form - 1;
		while (*p == ' ' || *p == '\t')
			p++;
		want = *p == '\0' || *p == ';';
	}
	FUZZ_CHECK(ussd_form_type(s) == want, "Content-Type %s read as %s", fuzz_quote(s),
	    want ? "not a form" : "a form");
	FUZZ_CHECK(ussd_form_type(NULL) == 1, "no Content-Type is not read as a form");
	free(s);
}

static void
fuzz_raw(unsigned style, const uint8_t *data, size_t size)
{
	struct ussd_request r;
	char why[USSD_WHY_MAX];
	const char *what = fuzz_quote_n((const char *)data, size);
	int rc;

	rc = ussd_form_parse((const char *)data, size, &r, why);
	FUZZ_CHECK(rc == 0 || rc == -1, "returned %d", rc);
	if (rc != 0) {
		check_why(why, what);
		return;
	}
	FUZZ_CHECK(size <= USSD_BODY_MAX, "a body of %zu bytes accepted", size);
	check_fields(&r, what);
	check_again(&r, style, what);
}

static void
fuzz_built(unsigned style, const uint8_t *data, size_t size)
{
	char *values[NVALUES], *buf, *body, why[USSD_WHY_MAX];
	struct ussd_request r;
	size_t n;
	int i, k, want = 1, rc;

	buf = fuzz_split(data, size, '\x01', values, NVALUES, &k);
	for (i = k; i < NVALUES; i++)
		values[i] = "";
	if (style & NO_NETWORK)
		values[3] = "";
	for (i = 0; i < NVALUES; i++)
		want &= acceptable(i, values[i]);
	if ((body = malloc(3 * size + 128 + EXTRA_MAX)) == NULL)
		abort();
	n = encode(values, style, body);
	want &= n <= USSD_BODY_MAX;
	rc = ussd_form_parse(body, n, &r, why);
	if (rc != 0)
		check_why(why, fuzz_quote(body));
	FUZZ_CHECK((rc == 0) == want, "%s %s (%s)", fuzz_quote(body),
	    rc == 0 ? "accepted against the rules" : "refused", rc == 0 ? "" : why);
	if (rc == 0) {
		struct ussd_request expected;

		memset(&expected, 0, sizeof expected);
		snprintf(expected.session, sizeof expected.session, "%s", values[0]);
		snprintf(expected.service, sizeof expected.service, "%s", values[1]);
		snprintf(expected.phone, sizeof expected.phone, "%s", values[2]);
		snprintf(expected.network, sizeof expected.network, "%s", values[3]);
		snprintf(expected.text, sizeof expected.text, "%s", values[4]);
		same_fields(&expected, &r, fuzz_quote(body));
	}
	free(body);
	free(buf);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	check_type(data + 1, size - 1);
	if (data[0] & 1)
		fuzz_built(data[0], data + 1, size - 1);
	else
		fuzz_raw(data[0], data + 1, size - 1);
	return 0;
}
