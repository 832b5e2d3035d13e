/* modem-gammu-msg.c -- a message as libgammu decoded it (GSM_MultiSMSMessage) turned
 * into what motcua-smsd stores (struct modem_msg): the sender, the SMSC time in UTC,
 * the text as UTF-8 (or 8-bit data as hexadecimal), the part numbers of a
 * concatenated message, a delivery report's reference and status, and where each
 * part is kept on the modem.
 *
 * Nothing here calls libgammu: its own text conversions depend on the locale and
 * static buffers, and its multipart decoder (GSM_DecodeMultiPartSMS) copies with a
 * negative length on a malformed EMS header in 1.42.  Every field is taken as it is
 * and bounded here, whatever libgammu left in it; tests/fuzz/fuzz-smsdecode.c feeds
 * this file arbitrary structures.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "modem-gammu.h"
#include "text.h"

/* ---------------------------------------------------------------- text */

/* Append the UTF-8 of code point c to out (size bytes), unless it does not fit whole:
 * then nothing, and 0. */
static int
put_utf8(char *out, size_t size, size_t *len, unsigned long c)
{
	char b[4];
	size_t n = text_put(c <= 0x10FFFF ? (int32_t)c : 0xFFFD, b);

	if (*len + n + 1 > size)
		return 0;
	memcpy(out + *len, b, n);
	*len += n;
	out[*len] = '\0';
	return 1;
}

void
modem_gammu_append(char *out, size_t size, const unsigned char *text, size_t max)
{
	size_t len = strlen(out), i;
	unsigned long c, lo;

	for (i = 0; i + 1 < max; i += 2) {
		c = (unsigned long)text[i] << 8 | text[i + 1];
		if (c == 0)
			break;
		if (c >= 0xD800 && c <= 0xDBFF && i + 3 < max) {
			lo = (unsigned long)text[i + 2] << 8 | text[i + 3];
			if (lo >= 0xDC00 && lo <= 0xDFFF) {
				c = 0x10000 + ((c - 0xD800) << 10) + (lo - 0xDC00);
				i += 2;
			}
		}
		if (c >= 0xD800 && c <= 0xDFFF)
			c = 0xFFFD;		/* half a pair (cut between two parts) */
		if (!put_utf8(out, size, &len, c))
			break;
	}
}

/* Append one part's text: UTF-8, or the hexadecimal of 8-bit data (then 1). */
static int
append_part(char *out, size_t size, const GSM_SMSMessage *sms)
{
	static const char digits[] = "0123456789ABCDEF";
	size_t len = strlen(out);
	int i;

	if (sms->Coding != SMS_Coding_8bit) {
		modem_gammu_append(out, size, sms->Text, sizeof sms->Text);
		return 0;
	}
	for (i = 0; i < sms->Length && i < (int)sizeof sms->Text && len + 3 <= size; i++) {
		out[len++] = digits[sms->Text[i] >> 4];
		out[len++] = digits[sms->Text[i] & 15];
	}
	out[len] = '\0';
	return 1;
}

/* ---------------------------------------------------------------- time */

/* GSM_DateTime (with its zone) as UTC ISO 8601; "" when there is none, or its year is
 * not 1900..9999 (nonsense). */
static void
utc_time(const GSM_DateTime *dt, char out[MODEM_TIME_MAX])
{
	struct tm tm;
	time_t t;

	out[0] = '\0';
	if (dt->Year <= 0 || dt->Year > 9999)
		return;
	memset(&tm, 0, sizeof tm);
	tm.tm_year = dt->Year - 1900;
	tm.tm_mon = dt->Month - 1;
	tm.tm_mday = dt->Day;
	tm.tm_hour = dt->Hour;
	tm.tm_min = dt->Minute;
	tm.tm_sec = dt->Second;
	t = timegm(&tm) - (time_t)dt->Timezone;
	if (gmtime_r(&t, &tm) == NULL || tm.tm_year < 1900 - 1900 || tm.tm_year > 9999 - 1900)
		return;
	snprintf(out, MODEM_TIME_MAX, "%04u-%02u-%02uT%02u:%02u:%02uZ",
	    (unsigned)(tm.tm_year + 1900) % 10000, (unsigned)(tm.tm_mon + 1) % 100,
	    (unsigned)tm.tm_mday % 100, (unsigned)tm.tm_hour % 100, (unsigned)tm.tm_min % 100,
	    (unsigned)tm.tm_sec % 100);
}

/* ---------------------------------------------------------------- parts */

static int
concatenated(const GSM_SMSMessage *sms)
{
	return (sms->UDH.Type == UDH_ConcatenatedMessages ||
	    sms->UDH.Type == UDH_ConcatenatedMessages16bit) &&
	    sms->UDH.AllParts > 1 && sms->UDH.PartNumber >= 1;
}

/* Order the n parts the phone gave together by their part number. */
static void
sort_parts(GSM_MultiSMSMessage *ms, int n, GSM_SMSMessage *tmp)
{
	int i, j;

	for (i = 1; i < n; i++)
		for (j = i; j > 0 && ms->SMS[j - 1].UDH.PartNumber > ms->SMS[j].UDH.PartNumber; j--) {
			*tmp = ms->SMS[j];
			ms->SMS[j] = ms->SMS[j - 1];
			ms->SMS[j - 1] = *tmp;
		}
}

/* Whether the n parts the phone gave together (sorted) are one whole concatenated
 * message: note "" when they are (or when none of them says it is a part), else why
 * not, as the store notes an incomplete message. */
static void
whole_set(const GSM_MultiSMSMessage *ms, int n, char *note, size_t size)
{
	const GSM_UDHHeader *first = NULL;
	int i, parts = 0, have = 0, total;

	note[0] = '\0';
	for (i = 0; i < n; i++)
		if (concatenated(&ms->SMS[i])) {
			parts++;
			if (first == NULL)
				first = &ms->SMS[i].UDH;
		}
	if (first == NULL)
		return;
	total = first->AllParts;
	for (i = 0; i < n; i++) {
		const GSM_UDHHeader *u = &ms->SMS[i].UDH;

		if (concatenated(&ms->SMS[i]) && u->PartNumber > u->AllParts) {
			snprintf(note, size, "incomplete: part %d of %d is not a valid part",
			    u->PartNumber, u->AllParts);
			return;
		}
		if (!concatenated(&ms->SMS[i]) || u->AllParts != total || u->Type != first->Type ||
		    u->ID8bit != first->ID8bit || u->ID16bit != first->ID16bit)
			continue;	/* not a part of the same message */
		if (u != first && u->PartNumber == ms->SMS[i - 1].UDH.PartNumber)
			continue;	/* the same part twice */
		have++;
	}
	if (have != total || parts != n)
		snprintf(note, size, "incomplete: %d of %d parts", have, total);
}

/* Where the n parts are kept, each once; locations are flat (folder 0), as libgammu
 * leaves them after a read. */
static void
places(const GSM_MultiSMSMessage *ms, int n, struct modem_where *where)
{
	int i, k, dup;

	where->n = 0;
	for (i = 0; i < n && where->n < MODEM_PARTS_MAX; i++) {
		if (ms->SMS[i].Location <= 0)
			continue;
		for (dup = 0, k = 0; k < where->n; k++)
			dup |= where->part[k].location == ms->SMS[i].Location;
		if (dup)
			continue;
		where->part[where->n].folder = 0;
		where->part[where->n].location = ms->SMS[i].Location;
		where->part[where->n].memory = (int)ms->SMS[i].Memory;
		where->n++;
	}
}

void
modem_gammu_convert(GSM_MultiSMSMessage *ms, GSM_SMSMessage *tmp, struct modem_msg *out)
{
	GSM_SMSMessage *sms = &ms->SMS[0];
	int i, hex, n = ms->Number;

	if (n < 1)
		n = 1;
	if (n > GSM_MAX_MULTI_SMS)
		n = GSM_MAX_MULTI_SMS;
	out->kind = MODEM_TEXT;
	out->parts = 1;
	out->ref = out->total = out->seq = 0;
	out->mr = -1;
	out->status[0] = '\0';
	out->binary = 0;
	out->body[0] = '\0';
	out->number[0] = '\0';
	out->note[0] = '\0';
	places(ms, n, &out->where);
	modem_gammu_append(out->number, sizeof out->number, sms->Number, sizeof sms->Number);
	utc_time(&sms->DateTime, out->smsc_time);

	if (sms->PDU == SMS_Status_Report) {
		out->kind = MODEM_REPORT;
		out->mr = sms->MessageReference;
		modem_gammu_append(out->status, sizeof out->status, sms->Text, sizeof sms->Text);
		if (out->status[0] == '\0')
			strcpy(out->status, "Unknown");
		return;
	}
	if (n > 1) {		/* the phone gave every part: join them here, in order */
		sort_parts(ms, n, tmp);
		out->parts = n;
		for (i = 0, hex = 0; i < n; i++)
			hex += append_part(out->body, sizeof out->body, &ms->SMS[i]);
		out->binary = hex == n;
		whole_set(ms, n, out->note, sizeof out->note);
		return;
	}
	if (concatenated(sms)) {	/* one part: the store joins them */
		out->kind = MODEM_PART;
		out->ref = sms->UDH.Type == UDH_ConcatenatedMessages16bit && sms->UDH.ID16bit >= 0 ?
		    sms->UDH.ID16bit & 0xFFFF : sms->UDH.ID8bit & 0xFF;
		out->total = sms->UDH.AllParts;
		out->seq = sms->UDH.PartNumber;
	}
	out->binary = append_part(out->body, sizeof out->body, sms);
}
