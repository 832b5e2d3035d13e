-- 002-sms.sql: SMS in and out, opt-outs, modem health, campaigns (issue 4).
-- Times are office-local "YYYY-MM-DD HH:MM:SS" unless the column says UTC.

-- Every message a modem received, committed before it is deleted from the modem.
-- A message the network delivers twice (late ack) has the same number, SMSC time and
-- text: the UNIQUE constraint keeps one.
CREATE TABLE sms_in (
	id          INTEGER PRIMARY KEY,
	modem       TEXT NOT NULL,			-- the daemon's modem name
	number      TEXT NOT NULL,			-- sender as the network gave it
	smsc_time   TEXT NOT NULL,			-- SMSC time stamp, UTC ISO 8601
	received_at TEXT NOT NULL,			-- when it was stored here
	body        TEXT NOT NULL,			-- UTF-8, multipart joined
	parts       INTEGER NOT NULL DEFAULT 1,
	status      TEXT NOT NULL DEFAULT 'new'
		CHECK (status IN ('new', 'answered', 'ignored', 'failed')),
	reply       INTEGER REFERENCES sms_out(id),	-- the answer queued for it
	note        TEXT NOT NULL DEFAULT '',		-- why ignored (not personal data)
	UNIQUE (number, smsc_time, body)
);
CREATE INDEX sms_in_status ON sms_in(status, id);

-- Parts of a concatenated message waiting for the rest (joined into sms_in).
CREATE TABLE sms_part (
	modem     TEXT NOT NULL,
	number    TEXT NOT NULL,
	ref       INTEGER NOT NULL,		-- concatenation reference from the UDH
	total     INTEGER NOT NULL,
	seq       INTEGER NOT NULL,		-- 1..total
	smsc_time TEXT NOT NULL,
	body      TEXT NOT NULL,
	stored_at TEXT NOT NULL,
	PRIMARY KEY (number, ref, total, seq)
) WITHOUT ROWID;

-- Bulk campaigns and rule reminders, for the record and the console's progress.
CREATE TABLE sms_campaign (
	id         INTEGER PRIMARY KEY,
	kind       TEXT NOT NULL,		-- rule name or 'campaign'
	selection  TEXT NOT NULL DEFAULT '{}',	-- JSON: what was selected
	body       TEXT NOT NULL,		-- the template or text as previewed
	recipients INTEGER NOT NULL DEFAULT 0,
	parts      INTEGER NOT NULL DEFAULT 0,
	created_at TEXT NOT NULL,
	actor      TEXT NOT NULL
);

-- The outgoing queue.  Daemons claim rows with a lease (lease_owner, lease_until);
-- priority: 0 reply to a citizen, 1 notice, 2 reminder, 3 bulk.
CREATE TABLE sms_out (
	id          INTEGER PRIMARY KEY,
	number      TEXT NOT NULL,		-- normalised 0xxxxxxxxx
	kind        TEXT NOT NULL CHECK (kind IN ('reply', 'notice', 'reminder', 'bulk')),
	priority    INTEGER NOT NULL,
	body        TEXT NOT NULL,
	encoding    TEXT NOT NULL DEFAULT 'gsm7' CHECK (encoding IN ('gsm7', 'ucs2')),
	parts       INTEGER NOT NULL DEFAULT 1,
	code        TEXT,			-- the dossier it concerns
	event_id    TEXT UNIQUE,		-- the event a notice is for: never twice
	campaign    INTEGER REFERENCES sms_campaign(id),
	status      TEXT NOT NULL DEFAULT 'queued'
		CHECK (status IN ('queued', 'sending', 'sent', 'delivered', 'failed', 'cancelled')),
	created_at  TEXT NOT NULL,
	not_before  TEXT,			-- quiet hours, back-off
	attempts    INTEGER NOT NULL DEFAULT 0,
	lease_owner TEXT,
	lease_until TEXT,
	modem       TEXT,			-- who sent it
	sent_at     TEXT,
	refs        TEXT,			-- TP-MR of each part, comma-separated
	delivery    TEXT,			-- delivered | failed | pending | unknown
	delivered_at TEXT,
	error       TEXT			-- the modem's reason for the last failure
);
CREATE INDEX sms_out_queue ON sms_out(status, priority, not_before, id);
CREATE INDEX sms_out_refs ON sms_out(modem, sent_at) WHERE refs IS NOT NULL;

-- Numbers that said TUCHOI/STOP: no notices or reminders (replies still go).
CREATE TABLE sms_optout (
	number TEXT PRIMARY KEY,
	at     TEXT NOT NULL
) WITHOUT ROWID;

-- Numbers that send unknown codes: slowed down, then ignored for a while.
CREATE TABLE sms_throttle (
	number        TEXT PRIMARY KEY,
	window_start  TEXT NOT NULL,
	unknown       INTEGER NOT NULL DEFAULT 0,
	blocked_until TEXT
) WITHOUT ROWID;

-- One row per modem, written by its daemon every minute.
CREATE TABLE modem_health (
	modem        TEXT PRIMARY KEY,
	updated_at   TEXT NOT NULL,
	state        TEXT NOT NULL,		-- ok | no-network | no-sim | not-answering | resetting
	signal       INTEGER,			-- percent
	network      TEXT,
	operator     TEXT,
	battery      INTEGER,
	balance      TEXT,			-- the operator's USSD answer, as text
	balance_at   TEXT,
	last_success TEXT,
	last_error   TEXT,
	sent_today   INTEGER NOT NULL DEFAULT 0,
	failed_today INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
