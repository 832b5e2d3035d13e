-- 004-smsd.sql: what motcua-smsd knows of a part the modem may have sent (issue 4).
--
-- The network's answer to a part (+CMGS: <reference>) is recorded the moment it comes,
-- but a daemon killed between the modem's answer and that record leaves a message
-- that may have gone out: it is sent again (nothing is lost) and flagged, so that the
-- SMS centre can say that the citizen may have it twice.

-- Parts handed to the modem in the attempt in progress: one more than refs holds
-- while the network's answer to the last part is awaited.  0 outside an attempt.
ALTER TABLE sms_out ADD COLUMN handed INTEGER NOT NULL DEFAULT 0;

-- 1: an attempt stopped after the modem took a part and before its answer was
-- recorded, and the message was queued again (error says so too).
ALTER TABLE sms_out ADD COLUMN twice INTEGER NOT NULL DEFAULT 0;

-- The console follows a campaign's progress by its messages.
CREATE INDEX sms_out_campaign ON sms_out(campaign) WHERE campaign IS NOT NULL;
