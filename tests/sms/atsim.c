/* atsim.c -- a simulated GSM modem that speaks AT commands, for testing motcua-smsd.
 *
 * It serves a pseudo-terminal (its /dev/pts/N path is printed on the first line of
 * standard output) so that libgammu's own AT driver runs against it, exactly as
 * against a USB modem.  With --listen SOCK it also accepts AT sessions on a Unix
 * socket, for gammu's "proxyat" connection: "device = atsim --relay SOCK" relays
 * standard input and output to that socket (a proxyat session writes at full speed,
 * while a pseudo-terminal gets gammu's slow one-byte-a-millisecond writes until the
 * model is known).
 *
 * The simulated modem keeps its messages in memory ("SM", PDU mode only), answers
 * the commands gammu's initialisation and SMS functions send (unknown ones get
 * ERROR), and reads AT+CMGS PDUs after the "> " prompt.  Everything that goes over
 * the air is appended to the wire log (--log FILE), one tab-separated line each:
 *
 *	send	MR	NUMBER	SEQ/TOTAL	REF	SRR	CODING	TEXT	TIME
 *		(a part the network took; TIME: seconds since 1970, to the microsecond, just
 *		before the modem answers +CMGS)
 *	refuse	CMS	NUMBER	SEQ/TOTAL	REF	SRR	CODING	TEXT	TIME
 *		(a part refused with +CMS ERROR)
 *	deliver	INDEX	NUMBER	SEQ/TOTAL	REF	-	CODING	TEXT	(an incoming part stored)
 *	deliver-pdu	INDEX	OCTETS			(a raw PDU stored)
 *	delete	INDEX					(AT+CMGD)
 *	signal						(AT+CSQ: a health round began)
 *	ctl	COMMAND					(a control command, once done)
 *
 * Control: one command a line, written to the FIFO given with --ctl (created if
 * missing):
 *	deliver NUMBER gsm7|ucs2 SCTS|now TEXT	an incoming message (split into
 *						concatenated parts when long)
 *	deliver-rev ...				the same, parts stored last first
 *	deliver-pdu HEX				a PDU exactly as given (the SMSC address
 *						first), valid or not, as +CMGL and
 *						+CMGR will show it
 *	report MR NUMBER delivered|failed|pending [cds|store]
 *						a status report: sent at once (+CDS) or
 *						stored in memory
 *	notify on|off				+CMTI notices for new messages
 *	cms CODE COUNT				the next COUNT AT+CMGS fail with +CMS ERROR
 *	cmgd-fail COUNT				the next COUNT AT+CMGD answer ERROR
 *	hang SECONDS				stop answering (0: until "wake")
 *	wake					answer again
 *	status					log "stored N": messages in memory
 *	quit
 * SCTS is YYMMDDhhmmss (the SMSC time stamp, zone +07:00).
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define MEM_SIZE	60		/* message slots, indices 1..MEM_SIZE */
#define PDU_MAX		400		/* octets */
#define LINE_MAX_AT	2048

struct slot {
	int used;
	int stat;			/* 0 received unread, 1 received read */
	int tpdu_len;			/* octets after the SMSC address */
	char hex[PDU_MAX * 2 + 1];
};

struct session {
	int fd;				/* -1: none */
	char line[LINE_MAX_AT];
	size_t len;
	int edit;			/* after AT+CMGS=n: reading a PDU */
	char pdu[PDU_MAX * 2 + 1];
	size_t pdulen;
};

static struct slot mem[MEM_SIZE + 1];
static struct session pty_ses = { .fd = -1 }, sock_ses = { .fd = -1 };
static struct session *cur;		/* the session a reply goes to */
static int echo = 1;
static int ucs2_charset;		/* AT+CSCS="UCS2" in force */
static int cnmi_mt = 0, cnmi_ds = 0;	/* AT+CNMI=,mt,,ds */
static int notify = 1;
static int cops_format = 0;
static int creg_mode = 0, cgreg_mode = 0;
static int next_mr = 1;
static int next_ref = 17;
static int cms_code, cms_count;
static int cmgd_fail;
static time_t hang_until;		/* 0: answering; -1: until "wake" */
static FILE *wire;
static volatile sig_atomic_t quit_flag;

/* ---------------------------------------------------------------- small helpers */

static void
die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("atsim: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(2);
}

static void
out(const char *s, size_t n)
{
	ssize_t w;

	if (cur == NULL || cur->fd < 0)
		return;
	while (n > 0) {
		w = write(cur->fd, s, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN) {
				usleep(1000);
				continue;
			}
			return;
		}
		s += w;
		n -= (size_t)w;
	}
}

static void
outf(const char *fmt, ...)
{
	char buf[4096];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (n > 0)
		out(buf, (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
}

static void
wirelog(const char *fmt, ...)
{
	va_list ap;

	if (wire == NULL)
		return;
	va_start(ap, fmt);
	vfprintf(wire, fmt, ap);
	va_end(ap);
	fputc('\n', wire);
	fflush(wire);
}

/* Now, for the wire log: seconds since 1970 to the microsecond. */
static const char *
stamp(void)
{
	static char buf[32];
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	snprintf(buf, sizeof buf, "%lld.%06ld", (long long)ts.tv_sec, ts.tv_nsec / 1000);
	return buf;
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = toupper(c);
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static size_t
hex_decode(const char *hex, unsigned char *bin, size_t max)
{
	size_t n = 0;
	int a, b;

	while (hex[0] && hex[1] && n < max) {
		a = hexval(hex[0]);
		b = hexval(hex[1]);
		if (a < 0 || b < 0)
			break;
		bin[n++] = (unsigned char)(a * 16 + b);
		hex += 2;
	}
	return n;
}

static void
hex_encode(const unsigned char *bin, size_t n, char *hex)
{
	static const char digits[] = "0123456789ABCDEF";
	size_t i;

	for (i = 0; i < n; i++) {
		hex[2 * i] = digits[bin[i] >> 4];
		hex[2 * i + 1] = digits[bin[i] & 15];
	}
	hex[2 * n] = '\0';
}

/* UTF-8 to code points; returns the count. */
static size_t
utf8_decode(const char *s, unsigned *cp, size_t max)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = 0;
	unsigned c;
	int more;

	while (*p && n < max) {
		if (*p < 0x80) {
			c = *p++;
			more = 0;
		} else if ((*p & 0xE0) == 0xC0) {
			c = *p++ & 0x1F;
			more = 1;
		} else if ((*p & 0xF0) == 0xE0) {
			c = *p++ & 0x0F;
			more = 2;
		} else {
			c = *p++ & 0x07;
			more = 3;
		}
		while (more-- > 0 && (*p & 0xC0) == 0x80)
			c = (c << 6) | (*p++ & 0x3F);
		cp[n++] = c;
	}
	return n;
}

static size_t
utf8_put(unsigned c, char *o)
{
	if (c < 0x80) {
		o[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		o[0] = (char)(0xC0 | (c >> 6));
		o[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		o[0] = (char)(0xE0 | (c >> 12));
		o[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		o[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	o[0] = (char)(0xF0 | (c >> 18));
	o[1] = (char)(0x80 | ((c >> 12) & 0x3F));
	o[2] = (char)(0x80 | ((c >> 6) & 0x3F));
	o[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

/* ---------------------------------------------------------------- GSM 03.38 */

static const unsigned gsm7[128] = {
	'@', 0xA3, '$', 0xA5, 0xE8, 0xE9, 0xF9, 0xEC, 0xF2, 0xC7, '\n', 0xD8, 0xF8, '\r', 0xC5, 0xE5,
	0x394, '_', 0x3A6, 0x393, 0x39B, 0x3A9, 0x3A0, 0x3A8, 0x3A3, 0x398, 0x39E, 0x1B, 0xC6, 0xE6, 0xDF, 0xC9,
	' ', '!', '"', '#', 0xA4, '%', '&', '\'', '(', ')', '*', '+', ',', '-', '.', '/',
	'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', ':', ';', '<', '=', '>', '?',
	0xA1, 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O',
	'P', 'Q', 'R', 'S', 'T', 'U', 'V', 'W', 'X', 'Y', 'Z', 0xC4, 0xD6, 0xD1, 0xDC, 0xA7,
	0xBF, 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o',
	'p', 'q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z', 0xE4, 0xF6, 0xF1, 0xFC, 0xE0,
};

static const struct {
	unsigned char code;
	unsigned cp;
} gsm7ext[] = {
	{ 0x0A, 0x0C }, { 0x14, '^' }, { 0x28, '{' }, { 0x29, '}' }, { 0x2F, '\\' },
	{ 0x3C, '[' }, { 0x3D, '~' }, { 0x3E, ']' }, { 0x40, '|' }, { 0x65, 0x20AC },
};

/* Code points to septets (escape sequences for the extension table); '?' when none. */
static size_t
gsm7_encode(const unsigned *cp, size_t n, unsigned char *sep, size_t max)
{
	size_t i, k, o = 0;
	unsigned j;
	int found;

	for (i = 0; i < n && o < max; i++) {
		found = 0;
		for (j = 0; j < 128; j++)
			if (gsm7[j] == cp[i] && j != 0x1B) {
				sep[o++] = (unsigned char)j;
				found = 1;
				break;
			}
		for (k = 0; !found && k < sizeof gsm7ext / sizeof gsm7ext[0]; k++)
			if (gsm7ext[k].cp == cp[i] && o + 1 < max) {
				sep[o++] = 0x1B;
				sep[o++] = gsm7ext[k].code;
				found = 1;
			}
		if (!found)
			sep[o++] = '?';
	}
	return o;
}

static size_t
gsm7_to_utf8(const unsigned char *sep, size_t n, char *o, size_t max)
{
	size_t i, k, w = 0;
	unsigned c;

	for (i = 0; i < n && w + 4 < max; i++) {
		c = gsm7[sep[i] & 0x7F];
		if (sep[i] == 0x1B && i + 1 < n) {
			i++;
			c = ' ';
			for (k = 0; k < sizeof gsm7ext / sizeof gsm7ext[0]; k++)
				if (gsm7ext[k].code == sep[i])
					c = gsm7ext[k].cp;
		}
		w += utf8_put(c, o + w);
	}
	o[w] = '\0';
	return w;
}

/* Pack septets into ud after `skip` bits (the UDH and its fill bits). */
static void
pack7(const unsigned char *sep, size_t n, unsigned char *ud, size_t skip)
{
	size_t i, bit;
	int b;

	for (i = 0; i < n; i++)
		for (b = 0; b < 7; b++) {
			bit = skip + i * 7 + (size_t)b;
			if (sep[i] & (1 << b))
				ud[bit / 8] |= (unsigned char)(1 << (bit % 8));
		}
}

static void
unpack7(const unsigned char *ud, size_t nsep, size_t skip, unsigned char *sep)
{
	size_t i, bit;
	int b;

	for (i = 0; i < nsep; i++) {
		sep[i] = 0;
		for (b = 0; b < 7; b++) {
			bit = skip + i * 7 + (size_t)b;
			if (ud[bit / 8] & (1 << (bit % 8)))
				sep[i] |= (unsigned char)(1 << b);
		}
	}
}

/* ---------------------------------------------------------------- addresses and times */

/* Encode a number as an address field: length in digits, type, semi-octets. */
static size_t
put_address(unsigned char *p, const char *number)
{
	const char *d = number;
	size_t n, i;

	if (*d == '+')
		d++;
	n = strlen(d);
	p[0] = (unsigned char)n;
	p[1] = number[0] == '+' ? 0x91 : 0x81;
	for (i = 0; i < (n + 1) / 2; i++) {
		int lo = d[2 * i] - '0';
		int hi = 2 * i + 1 < n ? d[2 * i + 1] - '0' : 0xF;

		p[2 + i] = (unsigned char)(hi << 4 | lo);
	}
	return 2 + (n + 1) / 2;
}

/* The SMSC address field (length in octets). */
static size_t
put_smsc(unsigned char *p, const char *number)
{
	size_t n = put_address(p, number);

	p[0] = (unsigned char)(n - 1);
	return n;
}

static size_t
get_address(const unsigned char *p, char *out)
{
	size_t n = p[0], i, w = 0;

	if ((p[1] & 0x70) == 0x10)
		out[w++] = '+';
	for (i = 0; i < n; i++) {
		int d = (i % 2 == 0) ? (p[2 + i / 2] & 0xF) : (p[2 + i / 2] >> 4);

		out[w++] = (char)('0' + (d < 10 ? d : 0));
	}
	out[w] = '\0';
	return 2 + (n + 1) / 2;
}

static unsigned char
semi(int v)
{
	return (unsigned char)((v % 10) << 4 | (v / 10));
}

/* SCTS: "YYMMDDhhmmss" or "now"; zone +07:00. */
static void
put_scts(unsigned char *p, const char *scts)
{
	int f[6], i;
	time_t t;
	struct tm tm;

	if (strcmp(scts, "now") == 0 || strlen(scts) != 12) {
		t = time(NULL) + 7 * 3600;
		gmtime_r(&t, &tm);
		f[0] = tm.tm_year % 100;
		f[1] = tm.tm_mon + 1;
		f[2] = tm.tm_mday;
		f[3] = tm.tm_hour;
		f[4] = tm.tm_min;
		f[5] = tm.tm_sec;
	} else {
		for (i = 0; i < 6; i++)
			f[i] = (scts[2 * i] - '0') * 10 + (scts[2 * i + 1] - '0');
	}
	for (i = 0; i < 6; i++)
		p[i] = semi(f[i]);
	p[6] = semi(28);		/* 28 quarter hours east */
}

/* ---------------------------------------------------------------- memory */

static int
mem_used(void)
{
	int i, n = 0;

	for (i = 1; i <= MEM_SIZE; i++)
		n += mem[i].used;
	return n;
}

static int
mem_store(const unsigned char *pdu, size_t len, size_t smsc_len)
{
	int i;

	for (i = 1; i <= MEM_SIZE; i++)
		if (!mem[i].used) {
			mem[i].used = 1;
			mem[i].stat = 0;
			mem[i].tpdu_len = (int)(len - smsc_len);
			hex_encode(pdu, len, mem[i].hex);
			return i;
		}
	return -1;
}

/* Send an unsolicited line to the active session, unless it is mid-PDU. */
static void
unsolicited(const char *fmt, ...)
{
	struct session *s = sock_ses.fd >= 0 ? &sock_ses : &pty_ses;
	char buf[PDU_MAX * 2 + 64];
	va_list ap;
	int n;

	if (s->fd < 0 || s->edit || hang_until != 0)
		return;
	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	cur = s;
	out(buf, (size_t)n);
}

/* ---------------------------------------------------------------- incoming messages */

static void
text_field(char *dst, size_t max, const char *src)
{
	size_t i;

	for (i = 0; src[i] && i + 1 < max; i++)
		dst[i] = (src[i] == '\t' || src[i] == '\n' || src[i] == '\r') ? ' ' : src[i];
	dst[i] = '\0';
}

/* Build and store (or push) the parts of an incoming message. */
static void
deliver(const char *number, const char *coding, const char *scts, const char *text, int reverse)
{
	static unsigned cp[4096];
	static unsigned char sep[8192];
	unsigned char pdu[PDU_MAX];
	size_t ncp = utf8_decode(text, cp, 4096), nunits, per, total, k, i, start, cnt;
	int ucs2 = strcmp(coding, "ucs2") == 0, ref = next_ref++ & 0xFF, idx;
	int order[64];
	char hex[PDU_MAX * 2 + 1], logtext[1024];

	if (ucs2) {
		nunits = 0;
		for (i = 0; i < ncp; i++)
			nunits += cp[i] >= 0x10000 ? 2 : 1;
		per = nunits <= 70 ? 70 : 67;
	} else {
		nunits = gsm7_encode(cp, ncp, sep, sizeof sep);
		per = nunits <= 160 ? 160 : 153;
	}
	total = nunits == 0 ? 1 : (nunits + per - 1) / per;
	if (total > 60)
		total = 60;
	for (k = 0; k < total; k++)
		order[k] = reverse ? (int)(total - 1 - k) : (int)k;
	for (k = 0; k < total; k++) {
		size_t part = (size_t)order[k], udl, n = 0, smsc, udhl = total > 1 ? 6 : 0;
		unsigned char ud[200];
		char partlog[1024];
		size_t w = 0;

		memset(pdu, 0, sizeof pdu);
		memset(ud, 0, sizeof ud);
		smsc = put_smsc(pdu, "+84980200030");
		n = smsc;
		pdu[n++] = (unsigned char)(0x04 | (udhl ? 0x40 : 0));	/* DELIVER, MMS */
		n += put_address(pdu + n, number);
		pdu[n++] = 0x00;					/* PID */
		pdu[n++] = ucs2 ? 0x08 : 0x00;				/* DCS */
		put_scts(pdu + n, scts);
		n += 7;
		if (udhl) {
			ud[0] = 5;
			ud[1] = 0x00;
			ud[2] = 3;
			ud[3] = (unsigned char)ref;
			ud[4] = (unsigned char)total;
			ud[5] = (unsigned char)(part + 1);
		}
		start = part * per;
		cnt = nunits - start < per ? nunits - start : per;
		if (nunits == 0)
			cnt = 0;
		if (ucs2) {
			/* units: walk code points to find the units of this part */
			size_t u = 0, o = udhl;

			for (i = 0; i < ncp; i++) {
				unsigned c = cp[i];
				size_t units = c >= 0x10000 ? 2 : 1;

				if (u >= start && u < start + cnt) {
					if (units == 2) {
						unsigned v = c - 0x10000;
						unsigned hi = 0xD800 + (v >> 10), lo = 0xDC00 + (v & 0x3FF);

						ud[o++] = (unsigned char)(hi >> 8);
						ud[o++] = (unsigned char)hi;
						ud[o++] = (unsigned char)(lo >> 8);
						ud[o++] = (unsigned char)lo;
					} else {
						ud[o++] = (unsigned char)(c >> 8);
						ud[o++] = (unsigned char)c;
					}
					w += utf8_put(c, partlog + w);
				}
				u += units;
			}
			partlog[w] = '\0';
			udl = o;
			pdu[n++] = (unsigned char)udl;
			memcpy(pdu + n, ud, udl);
			n += udl;
		} else {
			size_t skipbits = udhl ? 7 * 7 : 0;	/* 6 octets + 1 fill bit = 7 septets */

			pack7(sep + start, cnt, ud, skipbits);
			udl = (udhl ? 7 : 0) + cnt;
			pdu[n++] = (unsigned char)udl;
			memcpy(pdu + n, ud, (udl * 7 + 7) / 8);
			n += (udl * 7 + 7) / 8;
			gsm7_to_utf8(sep + start, cnt, partlog, sizeof partlog);
		}
		idx = mem_store(pdu, n, smsc);
		text_field(logtext, sizeof logtext, partlog);
		wirelog("deliver\t%d\t%s\t%zu/%zu\t%d\t-\t%s\t%s", idx, number, part + 1, total,
		    total > 1 ? ref : 0, ucs2 ? "ucs2" : "gsm7", logtext);
		if (idx < 0)
			continue;
		if (notify && cnmi_mt == 1)
			unsolicited("\r\n+CMTI: \"SM\",%d\r\n", idx);
		else if (notify && cnmi_mt == 2) {
			hex_encode(pdu, n, hex);
			unsolicited("\r\n+CMT: ,%d\r\n%s\r\n", mem[idx].tpdu_len, hex);
			mem[idx].used = 0;
		}
	}
}

/* Store a raw PDU (SMSC address first), announced as a delivered message is. */
static void
deliver_pdu(const char *hex)
{
	unsigned char pdu[PDU_MAX];
	size_t n = hex_decode(hex, pdu, sizeof pdu);
	int idx;

	if (n < 2 || (size_t)pdu[0] + 1 >= n) {
		wirelog("deliver-pdu\t-1\t%zu", n);
		return;
	}
	idx = mem_store(pdu, n, (size_t)pdu[0] + 1);
	wirelog("deliver-pdu\t%d\t%zu", idx, n);
	if (idx > 0 && notify && cnmi_mt == 1)
		unsolicited("\r\n+CMTI: \"SM\",%d\r\n", idx);
}

/* A status report for MR: st 0x00 delivered, 0x41 failed, 0x20 pending. */
static void
report(int mr, const char *number, const char *status, const char *where)
{
	unsigned char pdu[PDU_MAX];
	char hex[PDU_MAX * 2 + 1];
	size_t n, smsc;
	int st = strcmp(status, "delivered") == 0 ? 0x00 : strcmp(status, "failed") == 0 ? 0x41 : 0x20;
	int idx;

	memset(pdu, 0, sizeof pdu);
	smsc = put_smsc(pdu, "+84980200030");
	n = smsc;
	pdu[n++] = 0x06;		/* STATUS-REPORT */
	pdu[n++] = (unsigned char)mr;
	n += put_address(pdu + n, number);
	put_scts(pdu + n, "now");
	n += 7;
	put_scts(pdu + n, "now");
	n += 7;
	pdu[n++] = (unsigned char)st;
	if (strcmp(where, "store") == 0) {
		idx = mem_store(pdu, n, smsc);
		wirelog("report\t%d\t%s\tstored %d", mr, status, idx);
		if (idx > 0 && notify && cnmi_mt == 1)
			unsolicited("\r\n+CMTI: \"SM\",%d\r\n", idx);
	} else {
		hex_encode(pdu, n, hex);
		wirelog("report\t%d\t%s\tcds", mr, status);
		unsolicited("\r\n+CDS: %zu\r\n%s\r\n", n - smsc, hex);
	}
}

/* ---------------------------------------------------------------- outgoing PDUs */

/* Decode an SMS-SUBMIT; fill the log fields.  -1 when it is not one. */
static int
decode_submit(const unsigned char *p, size_t n, char *number, int *seq, int *total, int *ref,
    int *srr, const char **coding, char *text, size_t textmax)
{
	size_t i = 0, udl, udhl = 0, h;
	int fo, vpf, dcs, udhi;
	unsigned char sep[200];

	*seq = *total = 1;
	*ref = 0;
	if (n < 2)
		return -1;
	i = 1 + p[0];			/* SMSC */
	if (i + 3 > n)
		return -1;
	fo = p[i++];
	if ((fo & 3) != 1)
		return -1;
	vpf = (fo >> 3) & 3;
	*srr = (fo & 0x20) != 0;
	udhi = (fo & 0x40) != 0;
	i++;				/* MR */
	i += get_address(p + i, number);
	i++;				/* PID */
	if (i >= n)
		return -1;
	dcs = p[i++];
	i += vpf == 2 ? 1 : vpf == 0 ? 0 : 7;
	if (i >= n)
		return -1;
	udl = p[i++];
	if (udhi && i < n) {
		udhl = (size_t)p[i] + 1;
		for (h = 1; h + 1 < udhl && i + h + 1 < n; h += (size_t)p[i + h + 1] + 2) {
			if (p[i + h] == 0x00 && i + h + 4 < n) {
				*ref = p[i + h + 2];
				*total = p[i + h + 3];
				*seq = p[i + h + 4];
			} else if (p[i + h] == 0x08 && i + h + 5 < n) {
				*ref = p[i + h + 2] << 8 | p[i + h + 3];
				*total = p[i + h + 4];
				*seq = p[i + h + 5];
			}
		}
	}
	if ((dcs & 0xC0) == 0 && (dcs & 0x0C) == 0x08) {
		size_t w = 0, k;

		*coding = "ucs2";
		for (k = i + udhl; k + 1 < n && k + 1 < i + udl && w + 5 < textmax; k += 2) {
			unsigned c = (unsigned)p[k] << 8 | p[k + 1];

			if (c >= 0xD800 && c < 0xDC00 && k + 3 < n) {
				unsigned lo = (unsigned)p[k + 2] << 8 | p[k + 3];

				c = 0x10000 + ((c - 0xD800) << 10) + (lo - 0xDC00);
				k += 2;
			}
			w += utf8_put(c, text + w);
		}
		text[w] = '\0';
	} else if ((dcs & 0xC0) == 0 && (dcs & 0x0C) == 0x04) {
		*coding = "8bit";
		hex_encode(p + i + udhl, n - i - udhl < 80 ? n - i - udhl : 80, text);
	} else {
		size_t skip = udhl ? ((udhl * 8 + 6) / 7) * 7 : 0, nsep = udl - skip / 7;

		*coding = "gsm7";
		if (nsep > sizeof sep)
			nsep = sizeof sep;
		unpack7(p + i, nsep, skip, sep);
		gsm7_to_utf8(sep, nsep, text, textmax);
	}
	return 0;
}

static void
submit_done(struct session *s)
{
	unsigned char bin[PDU_MAX];
	size_t n = hex_decode(s->pdu, bin, sizeof bin);
	char number[64] = "", text[1024] = "", logtext[1024];
	const char *coding = "?";
	int seq, total, ref, srr = 0;

	if (decode_submit(bin, n, number, &seq, &total, &ref, &srr, &coding, text, sizeof text) != 0) {
		wirelog("garbage\t%s", s->pdu);
		outf("\r\n+CMS ERROR: 304\r\n");
		return;
	}
	text_field(logtext, sizeof logtext, text);
	if (cms_count > 0) {
		cms_count--;
		wirelog("refuse\t%d\t%s\t%d/%d\t%d\t%d\t%s\t%s\t%s", cms_code, number, seq, total, ref,
		    srr, coding, logtext, stamp());
		outf("\r\n+CMS ERROR: %d\r\n", cms_code);
		return;
	}
	wirelog("send\t%d\t%s\t%d/%d\t%d\t%d\t%s\t%s\t%s", next_mr, number, seq, total, ref, srr,
	    coding, logtext, stamp());
	outf("\r\n+CMGS: %d\r\n\r\nOK\r\n", next_mr);
	next_mr = (next_mr + 1) & 0xFF;
}

/* ---------------------------------------------------------------- commands */

/* A string field as the current character set wants it. */
static void
outstr(const char *s)
{
	unsigned cp[256];
	size_t n, i;

	if (!ucs2_charset) {
		outf("\"%s\"", s);
		return;
	}
	n = utf8_decode(s, cp, 256);
	out("\"", 1);
	for (i = 0; i < n; i++)
		outf("%04X", cp[i] & 0xFFFF);
	out("\"", 1);
}

static int
starts(const char *s, const char *prefix)
{
	return strncasecmp(s, prefix, strlen(prefix)) == 0;
}

static void
ok(void)
{
	out("\r\nOK\r\n", 6);
}

static void
error(void)
{
	out("\r\nERROR\r\n", 9);
}

static void
command(struct session *s, char *cmd)
{
	int i, n, a[5];
	char *p;

	if (!starts(cmd, "AT")) {
		if (*cmd != '\0' && *cmd != 0x1B)
			error();
		return;
	}
	if (strcasecmp(cmd, "AT") == 0 || starts(cmd, "ATZ") || starts(cmd, "AT+CMEE=") ||
	    strcasecmp(cmd, "AT+CHUP=?") == 0 || starts(cmd, "AT+CMMS") || starts(cmd, "AT&F") ||
	    starts(cmd, "AT+CSMP") || starts(cmd, "AT+CLIP") || starts(cmd, "AT+CRC") ||
	    starts(cmd, "AT+CCWA")) {
		ok();
	} else if (starts(cmd, "ATE")) {
		echo = cmd[3] != '0';
		ok();
	} else if (strcasecmp(cmd, "AT+CSCS=?") == 0) {
		outf("\r\n+CSCS: (\"GSM\",\"UCS2\",\"IRA\")\r\n");
		ok();
	} else if (strcasecmp(cmd, "AT+CSCS?") == 0) {
		outf("\r\n+CSCS: \"%s\"\r\n", ucs2_charset ? "UCS2" : "GSM");
		ok();
	} else if (starts(cmd, "AT+CSCS=")) {
		ucs2_charset = strstr(cmd, "UCS2") != NULL || strstr(cmd, "0055004300530032") != NULL;
		ok();
	} else if (strcasecmp(cmd, "AT+CGMI") == 0) {
		outf("\r\nmotcua\r\n");
		ok();
	} else if (strcasecmp(cmd, "AT+CGMM") == 0) {
		outf("\r\nATSIM-1\r\n");
		ok();
	} else if (strcasecmp(cmd, "AT+CGMR") == 0) {
		outf("\r\n1.0\r\n");
		ok();
	} else if (strcasecmp(cmd, "AT+CGSN") == 0) {
		outf("\r\n356938035643809\r\n");
		ok();
	} else if (strcasecmp(cmd, "AT+CIMI") == 0) {
		outf("\r\n452049876543210\r\n");
		ok();
	} else if (strcasecmp(cmd, "AT+CPIN?") == 0) {
		outf("\r\n+CPIN: READY\r\n");
		ok();
	} else if (strcasecmp(cmd, "AT+CFUN=1,1") == 0) {
		/* soft reset: forget the session settings */
		echo = 1;
		ucs2_charset = 0;
		cnmi_mt = cnmi_ds = 0;
		wirelog("reset");
		ok();
	} else if (starts(cmd, "AT+CFUN")) {
		if (strcasecmp(cmd, "AT+CFUN?") == 0)
			outf("\r\n+CFUN: 1\r\n");
		ok();
	} else if (strcasecmp(cmd, "AT+CPMS=?") == 0) {
		outf("\r\n+CPMS: (\"SM\"),(\"SM\"),(\"SM\")\r\n");
		ok();
	} else if (strcasecmp(cmd, "AT+CPMS?") == 0) {
		n = mem_used();
		outf("\r\n+CPMS: \"SM\",%d,%d,\"SM\",%d,%d,\"SM\",%d,%d\r\n", n, MEM_SIZE, n, MEM_SIZE, n,
		    MEM_SIZE);
		ok();
	} else if (starts(cmd, "AT+CPMS=")) {
		if (strstr(cmd, "\"SM\"") == NULL) {
			error();
			return;
		}
		n = mem_used();
		outf("\r\n+CPMS: %d,%d,%d,%d,%d,%d\r\n", n, MEM_SIZE, n, MEM_SIZE, n, MEM_SIZE);
		ok();
	} else if (strcasecmp(cmd, "AT+CMGF=?") == 0) {
		outf("\r\n+CMGF: (0)\r\n");
		ok();
	} else if (strcasecmp(cmd, "AT+CMGF=0") == 0) {
		ok();
	} else if (strcasecmp(cmd, "AT+CNMI=?") == 0) {
		outf("\r\n+CNMI: (0-2),(0-3),(0,2),(0,1),(0,1)\r\n");
		ok();
	} else if (starts(cmd, "AT+CNMI=")) {
		memset(a, 0, sizeof a);
		for (i = 0, p = cmd + 8; i < 5 && *p; i++) {
			a[i] = atoi(p);
			p = strchr(p, ',');
			if (p == NULL)
				break;
			p++;
		}
		cnmi_mt = a[1];
		cnmi_ds = a[3];
		ok();
	} else if (starts(cmd, "AT+CMGL")) {
		for (i = 1; i <= MEM_SIZE; i++)
			if (mem[i].used) {
				outf("\r\n+CMGL: %d,%d,,%d\r\n%s", i, mem[i].stat, mem[i].tpdu_len, mem[i].hex);
				mem[i].stat = 1;
			}
		if (mem_used() > 0)
			out("\r\n", 2);
		ok();
	} else if (starts(cmd, "AT+CMGR=")) {
		i = atoi(cmd + 8);
		if (i >= 1 && i <= MEM_SIZE && mem[i].used) {
			outf("\r\n+CMGR: %d,,%d\r\n%s\r\n", mem[i].stat, mem[i].tpdu_len, mem[i].hex);
			mem[i].stat = 1;
		}
		ok();
	} else if (starts(cmd, "AT+CMGD=")) {
		i = atoi(cmd + 8);
		if (cmgd_fail > 0) {
			cmgd_fail--;
			wirelog("delete-failed\t%d", i);
			error();
			return;
		}
		if (i >= 1 && i <= MEM_SIZE && mem[i].used) {
			mem[i].used = 0;
			wirelog("delete\t%d", i);
		}
		ok();
	} else if (strcasecmp(cmd, "AT+CSCA?") == 0) {
		out("\r\n+CSCA: ", 9);
		outstr("+84980200030");
		out(",145\r\n", 6);
		ok();
	} else if (strcasecmp(cmd, "AT+CSQ") == 0) {
		wirelog("signal");
		outf("\r\n+CSQ: 21,99\r\n");
		ok();
	} else if (strcasecmp(cmd, "AT+CBC") == 0) {
		outf("\r\n+CBC: 0,87\r\n");
		ok();
	} else if (starts(cmd, "AT+CREG=")) {
		creg_mode = atoi(cmd + 8);
		ok();
	} else if (strcasecmp(cmd, "AT+CREG?") == 0) {
		if (creg_mode == 2)
			outf("\r\n+CREG: 2,1,\"1A2B\",\"00C3F1\"\r\n");
		else
			outf("\r\n+CREG: %d,1\r\n", creg_mode);
		ok();
	} else if (starts(cmd, "AT+CGREG=")) {
		cgreg_mode = atoi(cmd + 9);
		ok();
	} else if (strcasecmp(cmd, "AT+CGREG?") == 0) {
		outf("\r\n+CGREG: %d,1\r\n", cgreg_mode);
		ok();
	} else if (strcasecmp(cmd, "AT+CGATT?") == 0) {
		outf("\r\n+CGATT: 1\r\n");
		ok();
	} else if (starts(cmd, "AT+COPS=")) {
		p = strchr(cmd, ',');
		cops_format = p != NULL ? atoi(p + 1) : 0;
		ok();
	} else if (strcasecmp(cmd, "AT+COPS?") == 0) {
		if (cops_format == 2)
			outf("\r\n+COPS: 0,2,\"45204\",2\r\n");
		else {
			out("\r\n+COPS: 0,0,", 13);
			outstr("Viettel");
			out(",2\r\n", 4);
		}
		ok();
	} else if (starts(cmd, "AT+CUSD=")) {
		ok();
		if (strstr(cmd, ",") != NULL) {
			out("\r\n+CUSD: 0,", 11);
			outstr("TKC 25000d, HSD 31/12/2026");
			out(",15\r\n", 5);
		}
	} else if (starts(cmd, "AT+CMGS=")) {
		s->edit = 1;
		s->pdulen = 0;
		out("\r\n> ", 4);
	} else {
		error();
	}
}

/* Feed bytes from a session. */
static void
feed(struct session *s, const char *buf, size_t n)
{
	size_t i;
	char c;

	cur = s;
	for (i = 0; i < n; i++) {
		c = buf[i];
		if (s->edit) {
			if (c == 0x1A) {		/* Ctrl-Z: send */
				s->pdu[s->pdulen] = '\0';
				s->edit = 0;
				submit_done(s);
			} else if (c == 0x1B) {		/* Esc: cancel */
				s->edit = 0;
				ok();
			} else if (isxdigit((unsigned char)c)) {
				if (s->pdulen < sizeof s->pdu - 1)
					s->pdu[s->pdulen++] = c;
				if (echo)
					out(&c, 1);
			}
			continue;
		}
		if (c == '\r' || c == '\n') {
			if (s->len == 0)
				continue;
			s->line[s->len] = '\0';
			if (echo) {
				out(s->line, s->len);
				out("\r", 1);
			}
			s->len = 0;
			command(s, s->line);
			continue;
		}
		if (c == 0x1B) {			/* stray escape outside a PDU */
			s->len = 0;
			continue;
		}
		if (s->len < sizeof s->line - 1)
			s->line[s->len++] = c;
	}
}

/* ---------------------------------------------------------------- control */

static void
control(char *line)
{
	char *argv[8], *save = NULL, *rest;
	int argc = 0;

	while (*line == ' ')
		line++;
	if (*line == '\0')
		return;
	rest = line;
	if (starts(line, "deliver-pdu ")) {
		deliver_pdu(line + 12);
		wirelog("ctl\tdeliver-pdu");
		return;
	}
	/* deliver takes the rest of the line as text after 4 words */
	if (starts(line, "deliver")) {
		for (argc = 0; argc < 4; argc++) {
			argv[argc] = strtok_r(argc == 0 ? rest : NULL, " ", &save);
			if (argv[argc] == NULL)
				break;
		}
		if (argc == 4) {
			char *text = save != NULL ? save : (char *)"";

			deliver(argv[1], argv[2], argv[3], text, strcmp(argv[0], "deliver-rev") == 0);
			wirelog("ctl\t%s", argv[0]);
		}
		return;
	}
	for (argc = 0; argc < 8; argc++) {
		argv[argc] = strtok_r(argc == 0 ? rest : NULL, " ", &save);
		if (argv[argc] == NULL)
			break;
	}
	if (argc == 0)
		return;
	if (strcmp(argv[0], "report") == 0 && argc >= 4)
		report(atoi(argv[1]), argv[2], argv[3], argc >= 5 ? argv[4] : "cds");
	else if (strcmp(argv[0], "notify") == 0 && argc >= 2)
		notify = strcmp(argv[1], "on") == 0;
	else if (strcmp(argv[0], "cms") == 0 && argc >= 3) {
		cms_code = atoi(argv[1]);
		cms_count = atoi(argv[2]);
	} else if (strcmp(argv[0], "cmgd-fail") == 0 && argc >= 2)
		cmgd_fail = atoi(argv[1]);
	else if (strcmp(argv[0], "hang") == 0) {
		int secs = argc >= 2 ? atoi(argv[1]) : 0;

		hang_until = secs > 0 ? time(NULL) + secs : -1;
	} else if (strcmp(argv[0], "wake") == 0)
		hang_until = 0;
	else if (strcmp(argv[0], "status") == 0)
		wirelog("stored\t%d", mem_used());
	else if (strcmp(argv[0], "quit") == 0)
		quit_flag = 1;
	else {
		wirelog("ctl-unknown\t%s", argv[0]);
		return;
	}
	wirelog("ctl\t%s", argv[0]);
}

/* ---------------------------------------------------------------- relay mode */

static int
relay(const char *path)
{
	struct sockaddr_un sa;
	struct pollfd pf[2];
	char buf[4096];
	ssize_t n;
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);

	memset(&sa, 0, sizeof sa);
	sa.sun_family = AF_UNIX;
	snprintf(sa.sun_path, sizeof sa.sun_path, "%s", path);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0)
		die("cannot connect to %s: %s", path, strerror(errno));
	pf[0].fd = 0;
	pf[0].events = POLLIN;
	pf[1].fd = fd;
	pf[1].events = POLLIN;
	for (;;) {
		if (poll(pf, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			return 1;
		}
		if (pf[0].revents) {
			n = read(0, buf, sizeof buf);
			if (n <= 0 || write(fd, buf, (size_t)n) != n)
				return 0;
		}
		if (pf[1].revents) {
			n = read(fd, buf, sizeof buf);
			if (n <= 0 || write(1, buf, (size_t)n) != n)
				return 0;
		}
	}
}

/* ---------------------------------------------------------------- main */

static void
on_signal(int sig)
{
	(void)sig;
	quit_flag = 1;
}

static void
usage(void)
{
	fprintf(stderr, "usage: atsim --ctl FIFO [--log FILE] [--listen SOCKET]\n"
	    "       atsim --relay SOCKET\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	const char *ctl = NULL, *logpath = NULL, *listen_path = NULL;
	struct termios tio;
	struct sigaction sa;
	struct pollfd pf[4];
	char buf[4096], ctlbuf[8192];
	size_t ctllen = 0;
	int master, slave, ctlfd, lfd = -1, i, nfds;
	ssize_t n;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--ctl") == 0 && i + 1 < argc)
			ctl = argv[++i];
		else if (strcmp(argv[i], "--log") == 0 && i + 1 < argc)
			logpath = argv[++i];
		else if (strcmp(argv[i], "--listen") == 0 && i + 1 < argc)
			listen_path = argv[++i];
		else if (strcmp(argv[i], "--relay") == 0 && i + 1 < argc)
			return relay(argv[i + 1]);
		else
			usage();
	}
	if (ctl == NULL)
		usage();
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	if (logpath != NULL && (wire = fopen(logpath, "a")) == NULL)
		die("cannot open %s: %s", logpath, strerror(errno));
	if (mkfifo(ctl, 0600) != 0 && errno != EEXIST)
		die("cannot create %s: %s", ctl, strerror(errno));
	if ((ctlfd = open(ctl, O_RDWR | O_NONBLOCK)) < 0)
		die("cannot open %s: %s", ctl, strerror(errno));

	if ((master = posix_openpt(O_RDWR | O_NOCTTY)) < 0 || grantpt(master) != 0 ||
	    unlockpt(master) != 0)
		die("cannot open a pseudo-terminal: %s", strerror(errno));
	/* Keep the slave open so the master never reads EIO between gammu sessions. */
	if ((slave = open(ptsname(master), O_RDWR | O_NOCTTY)) < 0)
		die("cannot open %s: %s", ptsname(master), strerror(errno));
	if (tcgetattr(slave, &tio) == 0) {
		cfmakeraw(&tio);
		tcsetattr(slave, TCSANOW, &tio);
	}
	fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK);
	pty_ses.fd = master;

	if (listen_path != NULL) {
		struct sockaddr_un su;

		memset(&su, 0, sizeof su);
		su.sun_family = AF_UNIX;
		snprintf(su.sun_path, sizeof su.sun_path, "%s", listen_path);
		unlink(listen_path);
		if ((lfd = socket(AF_UNIX, SOCK_STREAM, 0)) < 0 ||
		    bind(lfd, (struct sockaddr *)&su, sizeof su) != 0 || listen(lfd, 4) != 0)
			die("cannot listen on %s: %s", listen_path, strerror(errno));
	}
	printf("%s\n", ptsname(master));
	fflush(stdout);

	while (!quit_flag) {
		if (hang_until > 0 && time(NULL) >= hang_until)
			hang_until = 0;
		nfds = 0;
		pf[nfds].fd = master;
		pf[nfds++].events = POLLIN;
		pf[nfds].fd = ctlfd;
		pf[nfds++].events = POLLIN;
		pf[nfds].fd = lfd;
		pf[nfds++].events = POLLIN;
		pf[nfds].fd = sock_ses.fd;
		pf[nfds++].events = POLLIN;
		if (poll(pf, (nfds_t)nfds, 100) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (pf[0].revents & POLLIN) {
			n = read(master, buf, sizeof buf);
			if (n > 0 && hang_until == 0)
				feed(&pty_ses, buf, (size_t)n);
		}
		if (pf[1].revents & POLLIN) {
			n = read(ctlfd, ctlbuf + ctllen, sizeof ctlbuf - 1 - ctllen);
			if (n > 0) {
				char *nl;

				ctllen += (size_t)n;
				ctlbuf[ctllen] = '\0';
				while ((nl = memchr(ctlbuf, '\n', ctllen)) != NULL) {
					*nl = '\0';
					control(ctlbuf);
					ctllen -= (size_t)(nl + 1 - ctlbuf);
					memmove(ctlbuf, nl + 1, ctllen);
				}
				if (ctllen == sizeof ctlbuf - 1)
					ctllen = 0;
			}
		}
		if (lfd >= 0 && (pf[2].revents & POLLIN)) {
			int c = accept(lfd, NULL, NULL);

			if (c >= 0) {
				if (sock_ses.fd >= 0)
					close(sock_ses.fd);
				memset(&sock_ses, 0, sizeof sock_ses);
				sock_ses.fd = c;
				wirelog("connect");
			}
		}
		if (sock_ses.fd >= 0 && (pf[3].revents & (POLLIN | POLLHUP | POLLERR))) {
			n = read(sock_ses.fd, buf, sizeof buf);
			if (n <= 0) {
				close(sock_ses.fd);
				sock_ses.fd = -1;
				sock_ses.edit = 0;
				wirelog("disconnect");
			} else if (hang_until == 0) {
				feed(&sock_ses, buf, (size_t)n);
			}
		}
	}
	if (listen_path != NULL)
		unlink(listen_path);
	if (wire != NULL)
		fclose(wire);
	close(slave);
	close(master);
	return 0;
}
