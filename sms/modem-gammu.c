/* modem-gammu.c -- the modem through libgammu: the only file of motcua that includes
 * gammu.h (see modem.h for the contract).
 *
 * One state machine per connection (a fresh one after every close: an aborted one
 * cannot be reused) and ONE GSM_MultiSMSMessage (265 KB) on the heap for everything:
 * reading, joining and sending; memory does not grow with the backlog.
 *
 * libgammu calls our callbacks from inside GSM_ReadDevice (and so from inside any
 * call that waits for the phone).  They only note what happened -- a location the
 * modem announced (+CMTI), a whole message it pushed (+CDS, +CMT), the status of a
 * sent part, a USSD answer -- and the functions below act on the notes after the
 * libgammu call returned.
 */
#include "config.h"

#include <gammu.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "i18n.h"
#include "modem.h"

#define EVENT_LOCATIONS	64	/* +CMTI notices kept until read */
#define EVENT_MESSAGES	8	/* pushed messages (+CDS, +CMT) kept until read */

struct gammu_modem {
	struct modem base;		/* first: the common head */
	char *gammurc;
	int section;
	int send_timeout, ussd_timeout;

	GSM_StateMachine *volatile s;	/* NULL when closed */
	GSM_MultiSMSMessage *msms;	/* the one multi-part buffer */
	GSM_SMSMessage *tmp;		/* one part: deleting, sorting */
	GSM_MultiPartSMSInfo *info;	/* decoding and encoding */
	GSM_SMSC smsc;
	int have_smsc;
	int list_location;		/* where the walk of stored messages is */

	/* Noted by the callbacks. */
	int events;
	struct {
		int folder, location, memory;
	} loc[EVENT_LOCATIONS];
	int nloc;
	GSM_SMSMessage *pushed;		/* EVENT_MESSAGES of them */
	int npushed, lost;
	int send_done, send_status, send_mr;
	int ussd_done;
	char ussd[1024];
};

static struct gammu_modem *
gm(struct modem *m)
{
	return (struct gammu_modem *)m;
}

/* ---------------------------------------------------------------- errors and time */

static int
link_error(GSM_Error e)
{
	switch (e) {
	case ERR_TIMEOUT:
	case ERR_ABORTED:
	case ERR_NOTCONNECTED:
	case ERR_DEVICEOPENERROR:
	case ERR_DEVICELOCKED:
	case ERR_DEVICENOTEXIST:
	case ERR_DEVICEBUSY:
	case ERR_DEVICENOPERMISSION:
	case ERR_DEVICENODRIVER:
	case ERR_DEVICENOTWORK:
	case ERR_DEVICEWRITEERROR:
	case ERR_DEVICEREADERROR:
	case ERR_DEVICEPARITYERROR:
	case ERR_DEVICECHANGESPEEDERROR:
	case ERR_UNKNOWNRESPONSE:
	case ERR_UNKNOWNFRAME:
	case ERR_FRAMENOTREQUESTED:
		return 1;
	default:
		return 0;
	}
}

/* Map a libgammu error: MC_EIO for the link, MC_ENOTFOUND for "empty". */
static int
gfail(GSM_Error e, const char *what, struct mc_error *err)
{
	if (e == ERR_NONE)
		return MC_OK;
	if (e == ERR_EMPTY)
		return mc_fail(err, MC_ENOTFOUND, "%s: %s", what, GSM_ErrorString(e));
	return mc_fail(err, link_error(e) ? MC_EIO : MC_EINVAL, "%s: %s", what, GSM_ErrorString(e));
}

static double
now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* GSM_DateTime (with its zone) as UTC ISO 8601; "" when there is none. */
static void
utc_time(const GSM_DateTime *dt, char out[MODEM_TIME_MAX])
{
	struct tm tm;
	time_t t;

	if (dt->Year == 0) {
		out[0] = '\0';
		return;
	}
	memset(&tm, 0, sizeof tm);
	tm.tm_year = dt->Year - 1900;
	tm.tm_mon = dt->Month - 1;
	tm.tm_mday = dt->Day;
	tm.tm_hour = dt->Hour;
	tm.tm_min = dt->Minute;
	tm.tm_sec = dt->Second;
	t = timegm(&tm) - dt->Timezone;
	gmtime_r(&t, &tm);
	strftime(out, MODEM_TIME_MAX, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* ---------------------------------------------------------------- text */

/* Replace what is not valid UTF-8 (a surrogate cut between two parts) with '?'. */
static void
utf8_clean(char *s)
{
	unsigned char *p = (unsigned char *)s;
	unsigned c;
	int n, i;

	while (*p) {
		if (*p < 0x80) {
			p++;
			continue;
		}
		n = (*p & 0xE0) == 0xC0 ? 1 : (*p & 0xF0) == 0xE0 ? 2 : (*p & 0xF8) == 0xF0 ? 3 : -1;
		c = n == 1 ? (*p & 0x1Fu) : n == 2 ? (*p & 0x0Fu) : (*p & 0x07u);
		for (i = 1; n > 0 && i <= n; i++) {
			if ((p[i] & 0xC0) != 0x80) {
				n = -1;
				break;
			}
			c = (c << 6) | (p[i] & 0x3Fu);
		}
		if (n < 0 || (n == 1 && c < 0x80) || (n == 2 && (c < 0x800 || (c >= 0xD800 && c < 0xE000))) ||
		    (n == 3 && (c < 0x10000 || c > 0x10FFFF))) {
			*p++ = '?';
			continue;
		}
		p += n + 1;
	}
}

/* Append src (UTF-8) to out, cutting at a character boundary if it is full. */
static void
append(char *out, size_t size, const char *src)
{
	size_t have = strlen(out), n = strlen(src);

	if (have + n + 1 > size) {
		n = size - have - 1;
		while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(out + have, src, n);
	out[have + n] = '\0';
}

/* Append a libgammu Unicode string. */
static void
append_unicode(char *out, size_t size, const unsigned char *text)
{
	char *utf8 = malloc(UnicodeLength(text) * 4 + 8);

	if (utf8 == NULL)
		return;
	EncodeUTF8(utf8, text);
	utf8_clean(utf8);
	append(out, size, utf8);
	free(utf8);
}

/* A libgammu Unicode string (a number, a name) as UTF-8 in out. */
static void
to_utf8(const unsigned char *text, char *out, size_t size)
{
	out[0] = '\0';
	append_unicode(out, size, text);
}

/* Append one part's text: UTF-8, or the hexadecimal of 8-bit data. */
static void
append_part(char *out, size_t size, const GSM_SMSMessage *sms, int *binary)
{
	static const char digits[] = "0123456789ABCDEF";
	char hex[3];
	int i;

	if (sms->Coding == SMS_Coding_8bit) {
		*binary = 1;
		for (i = 0; i < sms->Length && i < (int)sizeof sms->Text; i++) {
			hex[0] = digits[sms->Text[i] >> 4];
			hex[1] = digits[sms->Text[i] & 15];
			hex[2] = '\0';
			append(out, size, hex);
		}
		return;
	}
	append_unicode(out, size, sms->Text);
}

static int
concatenated(const GSM_SMSMessage *sms)
{
	return (sms->UDH.Type == UDH_ConcatenatedMessages ||
	    sms->UDH.Type == UDH_ConcatenatedMessages16bit) &&
	    sms->UDH.AllParts > 1 && sms->UDH.PartNumber >= 1;
}

static int
text_entry(EncodeMultiPartSMSID id)
{
	return id == SMS_Text || id == SMS_ConcatenatedTextLong ||
	    id == SMS_ConcatenatedAutoTextLong || id == SMS_ConcatenatedTextLong16bit ||
	    id == SMS_ConcatenatedAutoTextLong16bit;
}

/* Order the parts the phone gave together by their part number. */
static void
sort_parts(struct gammu_modem *g)
{
	GSM_MultiSMSMessage *ms = g->msms;
	int i, j;

	for (i = 1; i < ms->Number; i++)
		for (j = i; j > 0 && ms->SMS[j - 1].UDH.PartNumber > ms->SMS[j].UDH.PartNumber; j--) {
			*g->tmp = ms->SMS[j];
			ms->SMS[j] = ms->SMS[j - 1];
			ms->SMS[j - 1] = *g->tmp;
		}
}

/* Turn what is in g->msms into out. */
static void
convert(struct gammu_modem *g, struct modem_msg *out)
{
	GSM_MultiSMSMessage *ms = g->msms;
	GSM_SMSMessage *sms = &ms->SMS[0];
	int i, j, k, dup;

	out->kind = MODEM_TEXT;
	out->parts = 1;
	out->ref = out->total = out->seq = 0;
	out->mr = -1;
	out->status[0] = '\0';
	out->binary = 0;
	out->body[0] = '\0';
	out->where.n = 0;
	for (i = 0; i < ms->Number && i < MODEM_PARTS_MAX; i++) {
		for (dup = 0, k = 0; k < out->where.n; k++)
			dup |= out->where.part[k].folder == ms->SMS[i].Folder &&
			    out->where.part[k].location == ms->SMS[i].Location;
		if (dup || ms->SMS[i].Location <= 0)
			continue;
		j = out->where.n++;
		out->where.part[j].folder = ms->SMS[i].Folder;
		out->where.part[j].location = ms->SMS[i].Location;
		out->where.part[j].memory = ms->SMS[i].Memory;
	}
	to_utf8(sms->Number, out->number, sizeof out->number);
	utc_time(&sms->DateTime, out->smsc_time);

	if (sms->PDU == SMS_Status_Report) {
		out->kind = MODEM_REPORT;
		out->mr = sms->MessageReference & 0xFF;
		append_unicode(out->status, sizeof out->status, sms->Text);
		if (out->status[0] == '\0')
			strcpy(out->status, "Unknown");
		return;
	}
	if (ms->Number > 1) {		/* the phone gave every part: join them here */
		sort_parts(g);
		out->parts = ms->Number;
		GSM_ClearMultiPartSMSInfo(g->info);
		if (GSM_DecodeMultiPartSMS(GSM_GetDebug(g->s), g->info, ms, TRUE)) {
			for (i = 0; i < g->info->EntriesNum; i++)
				if (text_entry(g->info->Entries[i].ID) && g->info->Entries[i].Buffer != NULL)
					append_unicode(out->body, sizeof out->body, g->info->Entries[i].Buffer);
		}
		GSM_FreeMultiPartSMSInfo(g->info);
		if (out->body[0] == '\0')
			for (i = 0; i < ms->Number; i++)
				append_part(out->body, sizeof out->body, &ms->SMS[i], &out->binary);
		return;
	}
	if (concatenated(sms)) {	/* one part: the store joins them */
		out->kind = MODEM_PART;
		out->ref = sms->UDH.ID16bit >= 0 ? sms->UDH.ID16bit : sms->UDH.ID8bit & 0xFF;
		out->total = sms->UDH.AllParts;
		out->seq = sms->UDH.PartNumber;
	}
	append_part(out->body, sizeof out->body, sms, &out->binary);
}

/* ---------------------------------------------------------------- callbacks: note only */

static void
on_sms(GSM_StateMachine *s, GSM_SMSMessage *sms, void *user)
{
	struct gammu_modem *g = user;

	(void)s;
	g->events++;
	if (sms->PDU == 0 || (UnicodeLength(sms->Number) == 0 && sms->Location > 0)) {
		if (g->nloc < EVENT_LOCATIONS) {
			g->loc[g->nloc].folder = sms->Folder;
			g->loc[g->nloc].location = sms->Location;
			g->loc[g->nloc].memory = sms->Memory;
			g->nloc++;
		} else {
			g->lost++;	/* still on the modem: the next walk finds it */
		}
		return;
	}
	if (g->npushed < EVENT_MESSAGES)
		g->pushed[g->npushed++] = *sms;
	else
		g->lost++;
}

static void
on_send_status(GSM_StateMachine *s, int status, int mr, void *user)
{
	struct gammu_modem *g = user;

	(void)s;
	g->send_done = 1;
	g->send_status = status;
	g->send_mr = mr;
}

static void
on_ussd(GSM_StateMachine *s, GSM_USSDMessage *ussd, void *user)
{
	struct gammu_modem *g = user;
	char *utf8 = malloc(UnicodeLength(ussd->Text) * 4 + 8);

	(void)s;
	g->events++;
	g->ussd_done = 1;
	g->ussd[0] = '\0';
	if (utf8 != NULL) {
		EncodeUTF8(utf8, ussd->Text);
		utf8_clean(utf8);
		append(g->ussd, sizeof g->ussd, utf8);
		free(utf8);
	}
}

/* ---------------------------------------------------------------- life */

static int
gammu_create(const struct modem_config *cfg, struct modem **out, struct mc_error *err)
{
	struct gammu_modem *g = calloc(1, sizeof *g);

	*out = NULL;
	if (g == NULL)
		return mc_fail(err, MC_ENOMEM, NULL);
	g->base.ops = &modem_gammu_ops;
	g->gammurc = cfg->gammurc != NULL ? strdup(cfg->gammurc) : NULL;
	g->section = cfg->section;
	g->send_timeout = cfg->send_timeout > 0 ? cfg->send_timeout : 30;
	g->ussd_timeout = cfg->ussd_timeout > 0 ? cfg->ussd_timeout : 20;
	g->msms = calloc(1, sizeof *g->msms);
	g->tmp = calloc(1, sizeof *g->tmp);
	g->info = calloc(1, sizeof *g->info);
	g->pushed = calloc(EVENT_MESSAGES, sizeof *g->pushed);
	if (g->gammurc == NULL || g->msms == NULL || g->tmp == NULL || g->info == NULL ||
	    g->pushed == NULL) {
		modem_gammu_ops.destroy(&g->base);
		return mc_fail(err, MC_ENOMEM, NULL);
	}
	*out = &g->base;
	return MC_OK;
}

static void
gammu_close(struct modem *m)
{
	struct gammu_modem *g = gm(m);
	GSM_StateMachine *s = g->s;

	if (s == NULL)
		return;
	g->s = NULL;
	if (GSM_IsConnected(s))
		GSM_TerminateConnection(s);
	GSM_FreeStateMachine(s);
}

static void
gammu_destroy(struct modem *m)
{
	struct gammu_modem *g = gm(m);

	gammu_close(m);
	free(g->gammurc);
	free(g->msms);
	free(g->tmp);
	free(g->info);
	free(g->pushed);
	free(g);
}

static int
gammu_open(struct modem *m, struct mc_error *err)
{
	struct gammu_modem *g = gm(m);
	INI_Section *ini = NULL;
	GSM_StateMachine *s;
	GSM_Error e;

	gammu_close(m);
	g->nloc = g->npushed = g->lost = 0;
	g->have_smsc = 0;
	if ((s = GSM_AllocStateMachine()) == NULL)
		return mc_fail(err, MC_ENOMEM, NULL);
	e = GSM_FindGammuRC(&ini, g->gammurc);
	if (e != ERR_NONE || ini == NULL) {
		GSM_FreeStateMachine(s);
		return mc_fail(err, MC_EINVAL, _("cannot read the gammu configuration %s: %s"),
		    g->gammurc, GSM_ErrorString(e));
	}
	e = GSM_ReadConfig(ini, GSM_GetConfig(s, 0), g->section);
	INI_Free(ini);
	if (e != ERR_NONE) {
		GSM_FreeStateMachine(s);
		return mc_fail(err, MC_EINVAL, _("section %d of %s: %s"), g->section, g->gammurc,
		    GSM_ErrorString(e));
	}
	GSM_SetConfigNum(s, 1);
	g->s = s;
	e = GSM_InitConnection(s, 1);
	if (e != ERR_NONE) {
		g->s = NULL;
		GSM_FreeStateMachine(s);
		return mc_fail(err, e == ERR_UNKNOWNCONNECTIONTYPESTRING || e == ERR_UNKNOWNMODELSTRING ?
		    MC_EINVAL : MC_EIO, _("cannot connect to the modem: %s"), GSM_ErrorString(e));
	}
	GSM_SetIncomingSMSCallback(s, on_sms, g);
	GSM_SetIncomingSMS(s, TRUE);		/* +CMTI notices; polling covers phones without */
	GSM_SetSendSMSStatusCallback(s, on_send_status, g);
	GSM_SetIncomingUSSDCallback(s, on_ussd, g);
	g->smsc.Location = 1;
	g->have_smsc = GSM_GetSMSC(s, &g->smsc) == ERR_NONE;
	return MC_OK;
}

static int
gammu_wait(struct modem *m, int ms)
{
	struct gammu_modem *g = gm(m);
	double end = now_seconds() + ms / 1000.0;
	int before = g->events, n;
	struct timespec nap = { .tv_sec = 0, .tv_nsec = 20000000 };
	/* Without a device (the dummy phone) reading "succeeds" at once: nap anyway. */
	int nodevice = g->s == NULL || GSM_GetUsedConnection(g->s) == GCT_NONE;

	if (g->npushed > 0 || g->nloc > 0)
		return 1;
	do {
		n = g->s != NULL ? GSM_ReadDevice(g->s, FALSE) : -1;
		if (g->events != before)
			return 1;
		if (n <= 0 || nodevice)
			nanosleep(&nap, NULL);
	} while (now_seconds() < end);
	return 0;
}

/* ---------------------------------------------------------------- receiving */

static int
gammu_next_event(struct modem *m, struct modem_msg *out, struct mc_error *err)
{
	struct gammu_modem *g = gm(m);
	GSM_Error e;
	int folder, location, memory;

	if (g->s == NULL)
		return mc_fail(err, MC_EIO, _("the modem is not connected"));
	if (g->npushed > 0) {
		g->msms->Number = 1;
		g->msms->SMS[0] = g->pushed[0];
		memmove(g->pushed, g->pushed + 1, sizeof *g->pushed * (size_t)(g->npushed - 1));
		g->npushed--;
		g->msms->SMS[0].Location = 0;	/* kept nowhere: nothing to delete */
		convert(g, out);
		return MC_OK;
	}
	while (g->nloc > 0) {
		folder = g->loc[0].folder;
		location = g->loc[0].location;
		memory = g->loc[0].memory;
		memmove(g->loc, g->loc + 1, sizeof g->loc[0] * (size_t)(g->nloc - 1));
		g->nloc--;
		memset(&g->msms->SMS[0], 0, sizeof g->msms->SMS[0]);
		g->msms->Number = 0;
		g->msms->SMS[0].Folder = folder;
		g->msms->SMS[0].Location = location;
		g->msms->SMS[0].Memory = (GSM_MemoryType)memory;
		e = GSM_GetSMS(g->s, g->msms);
		if (e == ERR_EMPTY || e == ERR_INVALIDLOCATION)
			continue;	/* read and deleted already */
		if (e != ERR_NONE)
			return gfail(e, _("cannot read the message the modem announced"), err);
		if (g->msms->Number < 1)
			continue;
		convert(g, out);
		return MC_OK;
	}
	return MC_ENOTFOUND;
}

static int
gammu_next_stored(struct modem *m, int start, struct modem_msg *out, struct mc_error *err)
{
	struct gammu_modem *g = gm(m);
	GSM_Error e;

	if (g->s == NULL)
		return mc_fail(err, MC_EIO, _("the modem is not connected"));
	if (start)
		g->list_location = 0;
	g->msms->Number = 0;
	g->msms->SMS[0].Folder = 0;
	g->msms->SMS[0].Location = g->list_location;
	e = GSM_GetNextSMS(g->s, g->msms, start ? TRUE : FALSE);
	if (e == ERR_EMPTY)
		return MC_ENOTFOUND;
	if (e != ERR_NONE) {
		/* A message that cannot be read: the walk goes on after it, if it moved. */
		if (!link_error(e) && g->msms->SMS[0].Location != g->list_location) {
			g->list_location = g->msms->SMS[0].Location;
			return gfail(e, _("cannot read a message kept on the modem"), err);
		}
		if (!link_error(e))
			return MC_ENOTFOUND;
		return gfail(e, _("cannot read the messages kept on the modem"), err);
	}
	g->list_location = g->msms->SMS[0].Location;
	convert(g, out);
	return MC_OK;
}

static int
gammu_remove(struct modem *m, const struct modem_where *where, struct mc_error *err)
{
	struct gammu_modem *g = gm(m);
	GSM_Error e;
	int i, rc = MC_OK;

	if (g->s == NULL)
		return mc_fail(err, MC_EIO, _("the modem is not connected"));
	for (i = 0; i < where->n; i++) {
		memset(g->tmp, 0, sizeof *g->tmp);
		g->tmp->Folder = 0;		/* flat locations, as the walk gave them */
		g->tmp->Location = where->part[i].location;
		g->tmp->Memory = (GSM_MemoryType)where->part[i].memory;
		e = GSM_DeleteSMS(g->s, g->tmp);
		if (e != ERR_NONE && e != ERR_EMPTY && rc == MC_OK)
			rc = gfail(e, _("cannot delete the message from the modem"), err);
	}
	return rc;
}

/* ---------------------------------------------------------------- sending */

static int
gammu_send(struct modem *m, struct modem_send *msg, modem_ack_fn ack, void *arg,
    struct mc_error *err)
{
	struct gammu_modem *g = gm(m);
	size_t len = strlen(msg->text);
	unsigned char *unicode;
	GSM_Error e;
	double end;
	int i, permanent;
	const char *reason;

	msg->parts = 0;
	msg->taken = 0;
	msg->permanent = 0;
	if (g->s == NULL)
		return mc_fail(err, MC_EIO, _("the modem is not connected"));
	if (!g->have_smsc) {
		g->smsc.Location = 1;
		e = GSM_GetSMSC(g->s, &g->smsc);
		if (e != ERR_NONE)
			return gfail(e, _("cannot read the message centre number from the SIM"), err);
		g->have_smsc = 1;
	}
	if ((unicode = malloc(2 * (len + 1) + 2)) == NULL)
		return mc_fail(err, MC_ENOMEM, NULL);
	DecodeUTF8(unicode, msg->text, len);
	GSM_ClearMultiPartSMSInfo(g->info);
	g->info->Class = -1;
	g->info->EntriesNum = 1;
	g->info->UnicodeCoding = msg->ucs2 ? TRUE : FALSE;
	g->info->Entries[0].ID = SMS_ConcatenatedTextLong;
	g->info->Entries[0].Buffer = unicode;
	for (i = 0; i < GSM_MAX_MULTI_SMS; i++)
		GSM_SetDefaultSMSData(&g->msms->SMS[i]);
	e = GSM_EncodeMultiPartSMS(GSM_GetDebug(g->s), g->info, g->msms);
	g->info->Entries[0].Buffer = NULL;
	free(unicode);
	if (e != ERR_NONE) {
		msg->permanent = 1;
		return mc_fail(err, MC_EINVAL, _("cannot encode the message: %s"), GSM_ErrorString(e));
	}
	msg->parts = g->msms->Number;
	for (i = 0; i < g->msms->Number; i++) {
		GSM_SMSMessage *part = &g->msms->SMS[i];

		part->SMSC = g->smsc;
		part->SMSC.Location = 0;
		EncodeUnicode(part->Number, msg->number, strlen(msg->number));
		part->PDU = msg->report ? SMS_Status_Report : SMS_Submit;
		g->send_done = 0;
		g->send_status = -1;
		g->send_mr = -1;
		e = GSM_SendSMS(g->s, part);
		if (e != ERR_NONE && !g->send_done)
			return gfail(e, _("the modem did not take the message"), err);
		msg->taken = 1;
		end = now_seconds() + g->send_timeout;
		while (!g->send_done && now_seconds() < end && g->s != NULL)
			if (GSM_ReadDevice(g->s, TRUE) < 0)
				break;
		if (!g->send_done)
			return mc_fail(err, MC_EIO, _("no answer from the network within %d seconds"),
			    g->send_timeout);
		if (g->send_status != 0) {
			if (g->send_status < 0)
				return mc_fail(err, MC_EINVAL, _("the modem refused the message (ERROR)"));
			reason = modem_cms_reason(g->send_status, &permanent);
			msg->permanent = permanent;
			return mc_fail(err, MC_EINVAL, _("the network refused the message: CMS error %d (%s)"),
			    g->send_status, reason);
		}
		if (ack != NULL && ack(arg, i + 1, g->send_mr & 0xFF) != 0)
			return mc_fail(err, MC_EINTERNAL, NULL);
	}
	return MC_OK;
}

/* ---------------------------------------------------------------- health */

static int
gammu_health(struct modem *m, struct modem_health *out, struct mc_error *err)
{
	struct gammu_modem *g = gm(m);
	GSM_SignalQuality sig;
	GSM_NetworkInfo net;
	GSM_BatteryCharge bat;
	GSM_SecurityCodeType sec;
	const unsigned char *name;
	GSM_Error e;

	out->state = "ok";
	out->signal = -1;
	out->network[0] = '\0';
	out->operator_name[0] = '\0';
	out->battery = -1;
	if (g->s == NULL)
		return mc_fail(err, MC_EIO, _("the modem is not connected"));
	memset(&sig, 0, sizeof sig);
	e = GSM_GetSignalQuality(g->s, &sig);
	if (link_error(e))
		return gfail(e, _("no answer to the signal query"), err);
	if (e == ERR_NONE)
		out->signal = sig.SignalPercent;
	memset(&net, 0, sizeof net);
	e = GSM_GetNetworkInfo(g->s, &net);
	if (link_error(e))
		return gfail(e, _("no answer to the network query"), err);
	if (e == ERR_NONE) {
		if (net.State != GSM_HomeNetwork && net.State != GSM_RoamingNetwork)
			out->state = "no-network";
		snprintf(out->network, sizeof out->network, "%s", net.NetworkCode);
		name = UnicodeLength(net.NetworkName) > 0 ? net.NetworkName :
		    GSM_GetNetworkName(net.NetworkCode);
		if (name != NULL)
			to_utf8(name, out->operator_name, sizeof out->operator_name);
	}
	memset(&bat, 0, sizeof bat);
	e = GSM_GetBatteryCharge(g->s, &bat);
	if (link_error(e))
		return gfail(e, _("no answer to the battery query"), err);
	if (e == ERR_NONE && bat.BatteryPercent >= 0 && bat.BatteryPercent <= 100)
		out->battery = bat.BatteryPercent;
	e = GSM_GetSecurityStatus(g->s, &sec);
	if (link_error(e))
		return gfail(e, _("no answer to the SIM query"), err);
	if ((e == ERR_NONE && sec != SEC_None) || e == ERR_SECURITYERROR)
		out->state = "no-sim";
	return MC_OK;
}

static int
gammu_ussd(struct modem *m, const char *code, char *answer, size_t size, struct mc_error *err)
{
	struct gammu_modem *g = gm(m);
	char number[64];
	GSM_Error e;
	double end;

	if (g->s == NULL)
		return mc_fail(err, MC_EIO, _("the modem is not connected"));
	snprintf(number, sizeof number, "%s", code);
	g->ussd_done = 0;
	e = GSM_SetIncomingUSSD(g->s, TRUE);
	if (link_error(e))
		return gfail(e, _("cannot ask for USSD answers"), err);
	e = GSM_DialService(g->s, number);
	if (e != ERR_NONE && !g->ussd_done)
		return gfail(e, _("cannot dial the USSD code"), err);
	end = now_seconds() + g->ussd_timeout;
	while (!g->ussd_done && now_seconds() < end && g->s != NULL)
		if (GSM_ReadDevice(g->s, TRUE) < 0)
			break;
	if (!g->ussd_done)
		return mc_fail(err, MC_ENOTFOUND, _("no USSD answer within %d seconds"), g->ussd_timeout);
	snprintf(answer, size, "%s", g->ussd);
	return MC_OK;
}

static int
gammu_reset(struct modem *m, struct mc_error *err)
{
	struct gammu_modem *g = gm(m);

	if (g->s == NULL)
		return mc_fail(err, MC_EIO, _("the modem is not connected"));
	return gfail(GSM_Reset(g->s, FALSE), _("the modem did not reset"), err);
}

static void
gammu_abort(struct modem *m)
{
	GSM_StateMachine *s = gm(m)->s;

	if (s != NULL)
		GSM_AbortOperation(s);
}

const struct modem_ops modem_gammu_ops = {
	.name = "gammu",
	.create = gammu_create,
	.open = gammu_open,
	.close = gammu_close,
	.destroy = gammu_destroy,
	.wait = gammu_wait,
	.next_event = gammu_next_event,
	.next_stored = gammu_next_stored,
	.remove = gammu_remove,
	.send = gammu_send,
	.health = gammu_health,
	.ussd = gammu_ussd,
	.reset = gammu_reset,
	.abort = gammu_abort,
};
