/* smsd-inbox.c -- one message the modem received, put in the store as what it is: a
 * whole message (sms_in), one part of a concatenated one (sms_part, joined there once
 * complete), or a delivery report (matched to sms_out).  No modem, no log: the worker
 * (smsd-loop.c) and tests/fuzz/fuzz-smsdecode.c share it.
 */
#include "config.h"

#include "smsd.h"
#include "smsq.h"

int
smsd_inbox_record(struct store *st, const char *modem, const struct modem_msg *msg,
    mc_second now, long *id, int *dup, struct mc_error *err)
{
	*id = 0;
	*dup = 0;
	switch (msg->kind) {
	case MODEM_REPORT:
		return smsq_report(st, modem, msg->number, msg->mr, msg->status, now, id, err);
	case MODEM_PART:	/* (one whose numbers make no sense is kept as it came) */
		return smsq_part_store(st, modem, msg->number, msg->ref, msg->total, msg->seq,
		    msg->smsc_time, msg->body, now, id, dup, err);
	case MODEM_TEXT:
		break;
	}
	return smsq_in_incomplete(st, modem, msg->number, msg->smsc_time, msg->body, msg->parts,
	    msg->note[0] != '\0' ? msg->note : NULL, now, id, dup, err);
}
