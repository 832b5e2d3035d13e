/* modem-gammu.c -- the modem through libgammu (see modem.h for the contract; the
 * messages libgammu decoded are turned into ours in modem-gammu-msg.c).
 *
 * One state machine per connection (a fresh one after every close: an aborted one
 * cannot be reused) and ONE GSM_MultiSMSMessage (265 KB) for everything: reading,
 * joining and sending; memory does not grow with the backlog.  It lives in the scratch
 * memory the daemon shares with its supervisor when there is some: libgammu writes the
 * place of the message it reads there before decoding it, so if the decoder crashes,
 * the supervisor still knows which message did it (gammu_spot).
 *
 * libgammu calls our callbacks from inside GSM_ReadDevice (and so from inside any
 * call that waits for the phone).  They only note what happened -- a location the
 * modem announced (+CMTI), a whole message it pushed (+CDS, +CMT), a USSD answer --
 * and the functions below act on the notes after the libgammu call returned.  The
 * one exception is the network's acknowledgement of a part being sent: it is passed
 * on at once (see "sending" below), without calling libgammu.
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "mctime.h"
#include "modem-gammu.h"

#define EVENT_LOCATIONS	64	/* +CMTI notices kept until read */
#define EVENT_MESSAGES	8	/* pushed messages (+CDS, +CMT) kept until read */
#define ANSWER_NAP_FAST	100e-6	/* seconds between reads while an answer is due ... */
#define ANSWER_NAP	1e-3	/* ... after the first 20 ms */
#define CTRLZ_PAUSE	500000	/* microseconds libgammu's AT driver waits before Ctrl-Z */
#define DUMMY_WALK_FOLDER 10000	/* gammu's DUMMY_MAX_SMS (libgammu/phone/dummy) */

/* Where a part being sent is (for usleep below). */
enum send_stage {
	STAGE_NONE,		/* no send, or before the pause that precedes Ctrl-Z */
	STAGE_CTRLZ,		/* the pause is over: Ctrl-Z is being written */
	STAGE_SENT,		/* Ctrl-Z written: the modem's answer is due */
};

struct gammu_modem {
	struct modem base;		/* first: the common head */
	char *gammurc;
	int section;
	int send_timeout, ussd_timeout;

	GSM_StateMachine *volatile s;	/* NULL when closed */
	GSM_MultiSMSMessage *msms;	/* the one multi-part buffer */
	int msms_own;			/* allocated here (not the daemon's scratch) */
	GSM_SMSMessage *tmp;		/* one part: deleting, sorting */
	GSM_MultiPartSMSInfo *info;	/* encoding */
	char *connection, *device;	/* as the configuration says (modem-gammu-at.c) */
	GSM_SMSC smsc;
	int have_smsc;
	int list_location;		/* where the walk of stored messages is */
	int at;				/* an AT modem: libgammu pauses before Ctrl-Z */
	int dummy;			/* Gammu's dummy phone (a directory) */
	volatile sig_atomic_t aborted;	/* gammu_abort was called */

	/* The part being sent. */
	const struct modem_progress *progress;
	int part;			/* 1.., 0: none */
	enum send_stage stage;
	int handed, acked, ack_failed;

	/* Noted by the callbacks. */
	int events;
	struct modem_place loc[EVENT_LOCATIONS];
	int nloc;
	GSM_SMSMessage *pushed;		/* EVENT_MESSAGES of them */
	int npushed, lost;
	int send_done, send_status, send_mr;
	int ussd_done;
	char ussd[1024];
};

/* The modem whose GSM_SendSMS is running, for usleep() (see "sending" below); NULL
 * outside one, and while the daemon's callbacks run. */
static struct gammu_modem *volatile in_send;

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

/* The modem's answer to a part: an acknowledgement is passed on at once, so that the
 * daemon records it before anything else can happen (a kill included). */
static void
on_send_status(GSM_StateMachine *s, int status, int mr, void *user)
{
	struct gammu_modem *g = user;
	const struct modem_progress *p = g->progress;

	(void)s;
	if (g->part == 0 || g->send_done)
		return;		/* a late answer to a part given up on */
	g->send_done = 1;
	g->send_status = status;
	g->send_mr = mr;
	if (status == 0 && p != NULL && p->ack != NULL) {
		struct gammu_modem *hooked = in_send;

		g->acked = 1;
		in_send = NULL;		/* the daemon's store sleeps plainly (a busy lock) */
		if (p->ack(p->arg, g->part, mr & 0xFF) != 0)
			g->ack_failed = 1;
		in_send = hooked;
	}
}

static void
on_ussd(GSM_StateMachine *s, GSM_USSDMessage *ussd, void *user)
{
	struct gammu_modem *g = user;

	(void)s;
	g->events++;
	g->ussd_done = 1;
	g->ussd[0] = '\0';
	modem_gammu_append(g->ussd, sizeof g->ussd, ussd->Text, sizeof ussd->Text);
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
	if (cfg->scratch != NULL && cfg->scratch_size >= sizeof *g->msms) {
		g->msms = cfg->scratch;
		memset(g->msms, 0, sizeof *g->msms);
	} else {
		g->msms = calloc(1, sizeof *g->msms);
		g->msms_own = 1;
	}
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
	free(g->connection);
	free(g->device);
	if (g->msms_own)
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
	const GSM_Config *c;
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
	free(g->connection);
	free(g->device);
	c = GSM_GetConfig(s, 0);
	g->connection = strdup(c->Connection != NULL ? c->Connection : "");
	g->device = strdup(c->Device != NULL ? c->Device : "");
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
	g->dummy = GSM_GetUsedConnection(s) == GCT_NONE;
	switch (GSM_GetUsedConnection(s)) {
	case GCT_AT:
	case GCT_BLUEAT:
	case GCT_IRDAAT:
	case GCT_PROXYAT:
	case GCT_DKU2AT:
		g->at = 1;
		break;
	default:
		g->at = 0;
	}
	g->smsc.Location = 1;
	g->have_smsc = GSM_GetSMSC(s, &g->smsc) == ERR_NONE;
	return MC_OK;
}

static int
gammu_wait(struct modem *m, int ms)
{
	struct gammu_modem *g = gm(m);
	double end = mc_monotonic() + ms / 1000.0;
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
	} while (mc_monotonic() < end);
	return 0;
}

/* ---------------------------------------------------------------- receiving */

/* A message that cannot be read, for the daemon to record and delete: only its place. */
static void
unreadable_at(struct modem_msg *out, int folder, int location, int memory)
{
	out->where.n = 1;
	out->where.part[0].folder = folder;
	out->where.part[0].location = location;
	out->where.part[0].memory = memory;
}

static int
gammu_next_event(struct modem *m, struct modem_msg *out, struct mc_error *err)
{
	struct gammu_modem *g = gm(m);
	GSM_Error e;
	int folder, location, memory;

	out->where.n = 0;
	if (g->s == NULL)
		return mc_fail(err, MC_EIO, _("the modem is not connected"));
	if (g->npushed > 0) {
		g->msms->Number = 1;
		g->msms->SMS[0] = g->pushed[0];
		memmove(g->pushed, g->pushed + 1, sizeof *g->pushed * (size_t)(g->npushed - 1));
		g->npushed--;
		g->msms->SMS[0].Location = 0;	/* kept nowhere: nothing to delete */
		modem_gammu_convert(g->msms, g->tmp, out);
		return MC_OK;
	}
	while (g->nloc > 0) {
		folder = g->loc[0].folder;
		location = g->loc[0].location;
		memory = g->loc[0].memory;
		memmove(g->loc, g->loc + 1, sizeof g->loc[0] * (size_t)(g->nloc - 1));
		g->nloc--;
		if (g->at && folder > 0) {
			/* The AT driver's flat numbering, as its walk gives places: one
			 * GSM_PHONE_MAXSMSINFOLDER range per memory (SIM, then phone). */
			location += folder > 2 ? GSM_PHONE_MAXSMSINFOLDER : 0;
			folder = 0;
		}
		memset(&g->msms->SMS[0], 0, sizeof g->msms->SMS[0]);
		g->msms->Number = 0;
		g->msms->SMS[0].Folder = folder;
		g->msms->SMS[0].Location = location;
		g->msms->SMS[0].Memory = (GSM_MemoryType)memory;
		e = GSM_GetSMS(g->s, g->msms);
		if (e == ERR_EMPTY || e == ERR_INVALIDLOCATION)
			continue;	/* read and deleted already */
		if (e != ERR_NONE) {
			if (!link_error(e))
				unreadable_at(out, folder, location, memory);
			return gfail(e, _("cannot read the message the modem announced"), err);
		}
		if (g->msms->Number < 1)
			continue;	/* nothing there (a walk finds what is) */
		modem_gammu_convert(g->msms, g->tmp, out);
		return MC_OK;
	}
	return MC_ENOTFOUND;
}

/* Where the walk is after libgammu's GSM_GetNextSMS, in the walk's own numbering.  The
 * dummy phone numbers a message it read folder * DUMMY_WALK_FOLDER + its file's number,
 * but leaves the file's number alone when it could not read the file. */
static int
walk_location(const struct gammu_modem *g)
{
	const GSM_SMSMessage *sms = &g->msms->SMS[0];

	if (g->dummy && sms->Folder >= 1 && sms->Location >= 0 && sms->Location < DUMMY_WALK_FOLDER)
		return sms->Folder * DUMMY_WALK_FOLDER + sms->Location;
	return sms->Location;
}

static int
gammu_next_stored(struct modem *m, int start, struct modem_msg *out, struct mc_error *err)
{
	struct gammu_modem *g = gm(m);
	GSM_Error e;
	int location;

	if (g->s == NULL)
		return mc_fail(err, MC_EIO, _("the modem is not connected"));
	if (start)
		g->list_location = 0;
	out->where.n = 0;
	g->msms->Number = 0;
	g->msms->SMS[0].Folder = 0;
	g->msms->SMS[0].Location = g->list_location;
	e = GSM_GetNextSMS(g->s, g->msms, start ? TRUE : FALSE);
	if (e == ERR_EMPTY)
		return MC_ENOTFOUND;
	if (e != ERR_NONE && link_error(e))
		return gfail(e, _("cannot read the messages kept on the modem"), err);
	if (e != ERR_NONE || g->msms->Number < 1) {
		/* A message that cannot be read (the dummy phone "reads" a file without a
		 * sender as no message at all): the walk goes on after it, if it moved. */
		location = walk_location(g);
		if (location == g->list_location)
			return MC_ENOTFOUND;
		g->list_location = location;
		unreadable_at(out, 0, location, (int)g->msms->SMS[0].Memory);
		if (e == ERR_NONE)
			return mc_fail(err, MC_EINVAL, "%s", _("the modem gives a message it keeps "
			    "without sender or text"));
		return gfail(e, _("cannot read a message kept on the modem"), err);
	}
	g->list_location = g->msms->SMS[0].Location;
	modem_gammu_convert(g->msms, g->tmp, out);
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
		g->tmp->Folder = where->part[i].folder;	/* 0: a flat location */
		g->tmp->Location = where->part[i].location;
		g->tmp->Memory = (GSM_MemoryType)where->part[i].memory;
		e = GSM_DeleteSMS(g->s, g->tmp);
		if (e != ERR_NONE && e != ERR_EMPTY && rc == MC_OK)
			rc = gfail(e, _("cannot delete the message from the modem"), err);
	}
	return rc;
}

/* The memory ("SM", "ME", ...) and index of place on an AT modem: flat locations give
 * one GSM_PHONE_MAXSMSINFOLDER range per memory (SIM, then phone), as in libgammu. */
static void
at_index(const struct modem_place *place, char memory[4], int *index)
{
	int phone = place->folder > 0 ? place->folder > 2 : place->location > GSM_PHONE_MAXSMSINFOLDER;

	*index = place->folder > 0 ? place->location : place->location % GSM_PHONE_MAXSMSINFOLDER;
	switch (place->memory) {
	case MEM_SM:
	case MEM_ME:
	case MEM_MT:
	case MEM_SR:
		snprintf(memory, 4, "%s", GSM_MemoryTypeToString((GSM_MemoryType)place->memory));
		break;
	default:
		snprintf(memory, 4, "%s", phone ? "ME" : "SM");
	}
}

static int
gammu_purge(struct modem *m, const struct modem_place *place, struct mc_error *err)
{
	struct gammu_modem *g = gm(m);
	struct modem_where w = { .n = 1 };
	struct mc_error err2;
	char memory[4];
	int index, rc;

	if (g->s == NULL)
		return mc_fail(err, MC_EIO, _("the modem is not connected"));
	if (!g->at) {		/* the dummy phone deletes a file without reading it */
		w.part[0] = *place;
		return gammu_remove(m, &w, err);
	}
	at_index(place, memory, &index);
	gammu_close(m);
	rc = modem_gammu_at_delete(g->connection, g->device, memory, index, err);
	if (gammu_open(m, &err2) != MC_OK) {
		if (rc == MC_OK)
			*err = err2;
		return MC_EIO;
	}
	return rc;
}

/* ---------------------------------------------------------------- sending
 *
 * libgammu's AT driver (1.42, ATGEN_SendSMS in at-sms.c) sends a part thus: AT+CMGS,
 * the "> " prompt, sleep 0.1 s, the PDU, sleep 0.5 s, Ctrl-Z, sleep 0.1 s, return.
 * The modem sends the part on Ctrl-Z and answers "+CMGS: <mr>" (the network's
 * acknowledgement) while libgammu sleeps, and the status callback could only fire in
 * a GSM_ReadDevice after the return: a daemon killed in that tenth of a second let a
 * message go out without a record, and sent it again.
 *
 * So this file provides usleep() (the program's definition takes precedence over the
 * C library's for libgammu's calls too).  Outside a send, or before the half-second
 * pause, it sleeps.  The pause ends by telling the daemon that the part is about to
 * be handed over (progress->hand, recorded before the Ctrl-Z is written); every sleep
 * after it reads the device instead, until the modem's answer comes, and the status
 * callback passes the acknowledgement on at once (progress->ack).  What is left
 * between the modem's answer and the daemon's record is the time to read one line and
 * commit one row.  This re-enters libgammu (GSM_ReadDevice inside ATGEN_SendSMS) at a
 * point where the driver only returns afterwards, as it would to our own read.  A
 * driver that does not pause so (the dummy phone answers inside GSM_SendSMS) gets the
 * part reported handed before GSM_SendSMS.
 */

static void
nap(double seconds)
{
	struct timespec ts = { .tv_sec = (time_t)seconds,
	    .tv_nsec = (long)((seconds - (double)(time_t)seconds) * 1e9) };

	nanosleep(&ts, NULL);
}

/* Read the device until the answer to the part comes, for up to seconds. */
static void
await_answer(struct gammu_modem *g, double seconds)
{
	double start = mc_monotonic(), end = start + seconds;
	int n;

	while (!g->send_done && !g->aborted && g->s != NULL) {
		if ((n = GSM_ReadDevice(g->s, FALSE)) < 0 || mc_monotonic() >= end)
			break;
		if (n == 0)
			nap(mc_monotonic() - start < 0.02 ? ANSWER_NAP_FAST : ANSWER_NAP);
	}
}

/* Tell the daemon that part g->part is being handed over; non-zero when it could not
 * record that (it says why itself). */
static int
hand(struct gammu_modem *g)
{
	const struct modem_progress *p = g->progress;
	struct gammu_modem *hooked = in_send;
	int rc;

	if (g->handed || p == NULL || p->hand == NULL) {
		g->handed = 1;
		return 0;
	}
	g->handed = 1;
	in_send = NULL;			/* the daemon's store sleeps plainly (a busy lock) */
	rc = p->hand(p->arg, g->part);
	in_send = hooked;
	return rc;
}

int
usleep(useconds_t us)
{
	struct gammu_modem *g = in_send;
	struct timespec ts = { .tv_sec = us / 1000000, .tv_nsec = (long)(us % 1000000) * 1000 };

	if (g != NULL && g->stage == STAGE_NONE && us == CTRLZ_PAUSE) {
		nanosleep(&ts, NULL);
		g->stage = STAGE_CTRLZ;
		(void)hand(g);		/* Ctrl-Z follows whatever the answer */
		return 0;
	}
	if (g != NULL && g->stage != STAGE_NONE) {
		g->stage = STAGE_SENT;
		await_answer(g, us / 1e6);
		return 0;
	}
	if (nanosleep(&ts, NULL) != 0) {
		errno = EINTR;
		return -1;
	}
	return 0;
}

/* Encode msg into g->msms; its parts get the SMSC, the number and the report flag. */
static int
encode(struct gammu_modem *g, struct modem_send *msg, struct mc_error *err)
{
	size_t len = strlen(msg->text);
	unsigned char *unicode;
	GSM_Error e;
	int i;

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
	for (i = 0; i < g->msms->Number; i++) {
		GSM_SMSMessage *part = &g->msms->SMS[i];

		part->SMSC = g->smsc;
		part->SMSC.Location = 0;
		EncodeUnicode(part->Number, msg->number, strlen(msg->number));
		part->PDU = msg->report ? SMS_Status_Report : SMS_Submit;
	}
	msg->parts = g->msms->Number;
	return MC_OK;
}

/* Send part k (1..) of g->msms and wait for the network's answer. */
static int
send_part(struct gammu_modem *g, int k, struct modem_send *msg, struct mc_error *err)
{
	const char *reason;
	GSM_Error e;
	int permanent;

	g->part = k;
	g->stage = STAGE_NONE;
	g->handed = g->acked = g->ack_failed = 0;
	g->send_done = 0;
	g->send_status = g->send_mr = -1;
	if (!g->at && hand(g) != 0)
		return mc_fail(err, MC_EINTERNAL, NULL);
	in_send = g;
	e = GSM_SendSMS(g->s, &g->msms->SMS[k - 1]);
	in_send = NULL;
	if (g->at && !g->handed && e == ERR_NONE) {
		g->at = 0;		/* no pause before Ctrl-Z: not the driver we know */
		(void)hand(g);
	}
	if (e != ERR_NONE && !g->send_done) {
		msg->unsure = msg->taken = g->stage != STAGE_NONE;
		return gfail(e, _("the modem did not take the message"), err);
	}
	msg->taken = 1;
	await_answer(g, g->send_timeout);
	if (!g->send_done) {
		msg->unsure = 1;
		return mc_fail(err, MC_EIO, _("no answer from the network within %d seconds"),
		    g->send_timeout);
	}
	if (g->send_status < 0)
		return mc_fail(err, MC_EINVAL, _("the modem refused the message (ERROR)"));
	if (g->send_status > 0) {
		reason = modem_cms_reason(g->send_status, &permanent);
		msg->permanent = permanent;
		return mc_fail(err, MC_EINVAL, _("the network refused the message: CMS error %d (%s)"),
		    g->send_status, reason);
	}
	if (g->ack_failed) {
		msg->unsure = 1;	/* it went out, but the daemon has no record of it */
		return mc_fail(err, MC_EINTERNAL, NULL);
	}
	return MC_OK;
}

static int
gammu_send(struct modem *m, struct modem_send *msg, const struct modem_progress *p,
    struct mc_error *err)
{
	struct gammu_modem *g = gm(m);
	GSM_Error e;
	int i, rc;

	msg->parts = 0;
	msg->taken = msg->unsure = msg->permanent = 0;
	g->aborted = 0;
	if (g->s == NULL)
		return mc_fail(err, MC_EIO, _("the modem is not connected"));
	if (!g->have_smsc) {
		g->smsc.Location = 1;
		e = GSM_GetSMSC(g->s, &g->smsc);
		if (e != ERR_NONE)
			return gfail(e, _("cannot read the message centre number from the SIM"), err);
		g->have_smsc = 1;
	}
	if ((rc = encode(g, msg, err)) != MC_OK)
		return rc;
	g->progress = p;
	for (i = 1, rc = MC_OK; i <= msg->parts && rc == MC_OK; i++)
		rc = send_part(g, i, msg, err);
	g->progress = NULL;
	g->part = 0;
	return rc;
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
		modem_gammu_append(out->operator_name, sizeof out->operator_name, net.NetworkName,
		    sizeof net.NetworkName);
		if (out->operator_name[0] == '\0' &&
		    (name = GSM_GetNetworkName(net.NetworkCode)) != NULL)
			modem_gammu_append(out->operator_name, sizeof out->operator_name, name,
			    2 * UnicodeLength(name) + 2);
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
	end = mc_monotonic() + g->ussd_timeout;
	while (!g->ussd_done && mc_monotonic() < end && g->s != NULL)
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

	gm(m)->aborted = 1;
	if (s != NULL)
		GSM_AbortOperation(s);
}

/* The place libgammu wrote into the read buffer before decoding what is there. */
static int
gammu_spot(const void *scratch, struct modem_place *out)
{
	const GSM_SMSMessage *sms = &((const GSM_MultiSMSMessage *)scratch)->SMS[0];

	if (sms->Location <= 0 || sms->Location > 10 * GSM_PHONE_MAXSMSINFOLDER ||
	    sms->Folder < 0 || sms->Folder > 64)
		return -1;
	out->folder = sms->Folder;
	out->location = sms->Location;
	/* The dummy driver's walk numbers a message folder * 10000 + its file's number,
	 * its reads the file's number alone: one place, whichever call crashed. */
	if (sms->Folder >= 1 && sms->Location / DUMMY_WALK_FOLDER == sms->Folder)
		out->location = sms->Location % DUMMY_WALK_FOLDER;
	out->memory = (int)sms->Memory;
	return 0;
}

const struct modem_ops modem_gammu_ops = {
	.name = "gammu",
	.scratch = sizeof(GSM_MultiSMSMessage),
	.spot = gammu_spot,
	.create = gammu_create,
	.open = gammu_open,
	.close = gammu_close,
	.destroy = gammu_destroy,
	.wait = gammu_wait,
	.next_event = gammu_next_event,
	.next_stored = gammu_next_stored,
	.remove = gammu_remove,
	.purge = gammu_purge,
	.send = gammu_send,
	.health = gammu_health,
	.ussd = gammu_ussd,
	.reset = gammu_reset,
	.abort = gammu_abort,
};
