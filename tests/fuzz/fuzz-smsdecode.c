/* fuzz-smsdecode.c -- libFuzzer target: motcua-smsd's path from a message as libgammu
 * decoded it (GSM_MultiSMSMessage) to the store: sms/modem-gammu-msg.c (sender and
 * text to UTF-8, 8-bit data to hexadecimal, UDH part numbers, the SMSC time to UTC,
 * where the parts are kept), sms/smsd-inbox.c (a whole message, a part or a delivery
 * report into sms_in, sms_part or sms_out) and the answer (query_handle, which
 * normalises the sender's number to reply).  Both sms/ files are compiled in here.
 *
 * libgammu's own decoder is not fuzzed here: motcua-smsd never sees a raw PDU (libgammu
 * reads the modem itself and decodes inside the same call), so there is no place for a
 * check of ours before it; what it does with a PDU it cannot decode is smsd-super.c's
 * business.  What libgammu hands over is taken as arbitrary here: every field of every
 * part comes from the input, strings unterminated included.
 *
 * The input, read in order (missing bytes are 0):
 *	1 byte	flags: bits 0-1 parts filled - 1 (1..3, at most 3); bit 2: ms->Number
 *		from the next byte as a signed number instead (0, negative, > 50)
 *	per part: PDU type (byte % 4: none, Deliver, Status_Report, Submit), coding
 *		(% 6), UDH type (% 24), ID8bit, ID16bit (2, signed), PartNumber, AllParts
 *		(signed), Location (2, signed), Folder (signed), Memory, Length (2, signed),
 *		Year (2), Month, Day, Hour, Minute, Second, Timezone (2, signed, minutes),
 *		MessageReference, the number's length in bytes (% 64; 63: the whole field,
 *		no terminator) and its bytes (UTF-16BE as libgammu keeps it, or anything),
 *		the text's length (2, % 1400; beyond the field: all of it, no terminator)
 *		and its bytes.
 * What must hold: the message has a kind, a valid UTF-8 sender, text (or hexadecimal
 * when binary) and status, all terminated within their fields; the SMSC time is "" or
 * "YYYY-MM-DDTHH:MM:SSZ"; a part has 2 <= total and 1 <= seq; the places are at most
 * MODEM_PARTS_MAX, each with a location above 0; storing it gives MC_OK with no
 * transaction left open; every stored text is valid UTF-8; answering the new rows
 * gives MC_OK.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../sms/modem-gammu-msg.c"
#include "../../sms/smsd-inbox.c"

#include "fuzz.h"
#include "fuzz-sms.h"
#include "query.h"
#include "store.h"

static struct store *st;
static mc_second now;
static GSM_MultiSMSMessage *ms;
static GSM_SMSMessage *tmp;
static struct modem_msg *msg;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	st = fuzz_sms_store("fuzz-smsdecode");
	now = mc_clock();
	ms = calloc(1, sizeof *ms);
	tmp = calloc(1, sizeof *tmp);
	msg = calloc(1, sizeof *msg);
	if (ms == NULL || tmp == NULL || msg == NULL)
		abort();
	return 0;
}

/* The input, byte by byte; 0 past its end. */
struct input {
	const uint8_t *p;
	size_t n;
};

static unsigned
take(struct input *in)
{
	unsigned b = 0;

	if (in->n > 0) {
		b = *in->p++;
		in->n--;
	}
	return b;
}

static unsigned
take2(struct input *in)
{
	unsigned hi = take(in);

	return hi << 8 | take(in);
}

/* len bytes of the input into field (size bytes), the rest zero; len >= size fills
 * all of it with nonzero bytes: no terminator. */
static void
fill(struct input *in, unsigned char *field, size_t size, size_t len)
{
	size_t i;
	unsigned b;

	memset(field, 0, size);
	for (i = 0; i < len && i < size; i++) {
		b = take(in);
		field[i] = (unsigned char)(len >= size && b == 0 ? 'A' : b);
	}
}

static void
part_from(struct input *in, GSM_SMSMessage *sms)
{
	static const GSM_SMSMessageType pdus[] = { 0, SMS_Deliver, SMS_Status_Report, SMS_Submit };
	size_t len;

	memset(sms, 0, sizeof *sms);
	sms->PDU = pdus[take(in) % 4];
	sms->Coding = (GSM_Coding_Type)(take(in) % 6);
	sms->UDH.Type = (GSM_UDH)(take(in) % 24);
	sms->UDH.ID8bit = (int)take(in);
	sms->UDH.ID16bit = (int16_t)take2(in);
	sms->UDH.PartNumber = (int8_t)take(in);
	sms->UDH.AllParts = (int8_t)take(in);
	sms->Location = (int16_t)take2(in);
	sms->Folder = (int8_t)take(in);
	sms->Memory = (GSM_MemoryType)(take(in) % 16);
	sms->Length = (int16_t)take2(in);
	sms->DateTime.Year = (int)take2(in);
	sms->DateTime.Month = (int)take(in);
	sms->DateTime.Day = (int)take(in);
	sms->DateTime.Hour = (int)take(in);
	sms->DateTime.Minute = (int)take(in);
	sms->DateTime.Second = (int)take(in);
	sms->DateTime.Timezone = (int16_t)take2(in) * 60;
	sms->MessageReference = (unsigned char)take(in);
	len = take(in) % 64;
	fill(in, sms->Number, sizeof sms->Number, len == 63 ? sizeof sms->Number : len);
	len = take2(in) % 1400;
	fill(in, sms->Text, sizeof sms->Text, len);
}

/* s is terminated within size bytes and valid UTF-8. */
static void
check_text(const char *what, const char *s, size_t size)
{
	const char *end = memchr(s, '\0', size);

	FUZZ_CHECK(end != NULL, "%s not terminated", what);
	FUZZ_CHECK(fuzz_utf8_valid(s, (size_t)(end - s), 0), "%s not UTF-8: %s", what, fuzz_quote(s));
}

static void
check_msg(void)
{
	size_t i, n;
	int k;

	FUZZ_CHECK(msg->kind == MODEM_TEXT || msg->kind == MODEM_PART || msg->kind == MODEM_REPORT,
	    "kind %d", (int)msg->kind);
	check_text("the sender", msg->number, sizeof msg->number);
	check_text("the text", msg->body, sizeof msg->body);
	check_text("the status", msg->status, sizeof msg->status);
	if (msg->binary)
		for (i = 0; msg->body[i] != '\0'; i++)
			FUZZ_CHECK(strchr("0123456789ABCDEF", msg->body[i]) != NULL, "8-bit data not hex: %s",
			    fuzz_quote(msg->body));
	FUZZ_CHECK(memchr(msg->smsc_time, '\0', sizeof msg->smsc_time) != NULL, "SMSC time not terminated");
	n = strlen(msg->smsc_time);
	FUZZ_CHECK(n == 0 || (n == 20 && msg->smsc_time[4] == '-' && msg->smsc_time[10] == 'T' &&
	    msg->smsc_time[19] == 'Z'), "SMSC time %s", fuzz_quote(msg->smsc_time));
	if (msg->kind == MODEM_PART)
		FUZZ_CHECK(msg->total >= 2 && msg->seq >= 1 && msg->ref >= 0 && msg->ref <= 65535,
		    "part %d of %d, reference %d", msg->seq, msg->total, msg->ref);
	if (msg->kind == MODEM_REPORT)
		FUZZ_CHECK(msg->mr >= 0 && msg->mr <= 255, "reference %d", msg->mr);
	FUZZ_CHECK(msg->where.n >= 0 && msg->where.n <= MODEM_PARTS_MAX, "%d places", msg->where.n);
	for (k = 0; k < msg->where.n; k++)
		FUZZ_CHECK(msg->where.part[k].location > 0, "place %d at location %d", k,
		    msg->where.part[k].location);
}

static void
check_store(void)
{
	struct mc_error err;
	sqlite3_stmt *s;
	long ids[8], reply;
	int n = 0, rc, i;

	if (sqlite3_prepare_v2(store_db(st), "SELECT number, body, smsc_time FROM sms_in "
	    "UNION ALL SELECT number, body, smsc_time FROM sms_part", -1, &s, NULL) != SQLITE_OK)
		abort();
	while (sqlite3_step(s) == SQLITE_ROW)
		for (i = 0; i < 3; i++)
			FUZZ_CHECK(fuzz_utf8_valid((const char *)sqlite3_column_text(s, i),
			    (size_t)sqlite3_column_bytes(s, i), 0), "stored text not UTF-8: %s",
			    fuzz_quote((const char *)sqlite3_column_text(s, i)));
	sqlite3_finalize(s);
	if (sqlite3_prepare_v2(store_db(st), "SELECT id FROM sms_in WHERE status = 'new' ORDER BY id",
	    -1, &s, NULL) != SQLITE_OK)
		abort();
	while (sqlite3_step(s) == SQLITE_ROW && n < 8)
		ids[n++] = (long)sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	for (i = 0; i < n; i++) {
		mc_error_clear(&err);
		rc = query_handle(st, ids[i], mc_minute_of(now), &reply, &err);
		FUZZ_CHECK(sqlite3_get_autocommit(store_db(st)), "a transaction left open by query_handle");
		FUZZ_CHECK(rc == MC_OK, "query_handle of row %ld: %s %s", ids[i], mc_codename(rc), err.msg);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input in = { .p = data, .n = size };
	struct mc_error err;
	unsigned flags = take(&in);
	int parts = 1 + (int)(flags & 3), i, rc, dup;
	long id;

	if (parts > 3)
		parts = 3;
	fuzz_sms_clear(st);
	memset(ms, 0, sizeof *ms);	/* parts not filled are zero */
	for (i = 0; i < parts; i++)
		part_from(&in, &ms->SMS[i]);
	ms->Number = flags & 4 ? (int8_t)take(&in) : parts;
	memset(msg, 0x5A, sizeof *msg);	/* whatever the last one left */
	modem_gammu_convert(ms, tmp, msg);
	check_msg();
	mc_error_clear(&err);
	rc = smsd_inbox_record(st, "fuzz", msg, now, &id, &dup, &err);
	FUZZ_CHECK(sqlite3_get_autocommit(store_db(st)), "a transaction left open by the record");
	FUZZ_CHECK(rc == MC_OK, "recording kind %d: %s %s", (int)msg->kind, mc_codename(rc), err.msg);
	check_store();
	fuzz_sms_integrity(st);
	return 0;
}
