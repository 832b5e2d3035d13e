-- 001-initial.sql: the first schema of a motcua store.
-- Times are office-local civil time, "YYYY-MM-DD HH:MM"; dates "YYYY-MM-DD".

-- Office settings: office.code, office.name, office.parent, language, week, hours,
-- sameday_cutoff, timezone, ... (see common/store.h for the keys and defaults).
CREATE TABLE setting (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) WITHOUT ROWID;

-- The office tree; an upper-level store holds many offices.
CREATE TABLE office (
	code   TEXT PRIMARY KEY,
	name   TEXT NOT NULL,
	parent TEXT REFERENCES office(code),
	next_event INTEGER NOT NULL DEFAULT 1	-- local sequence of event ids <code>:<n>
);

CREATE TABLE user (
	id         INTEGER PRIMARY KEY,
	login      TEXT NOT NULL UNIQUE,
	full_name  TEXT NOT NULL DEFAULT '',
	role       TEXT NOT NULL CHECK (role IN ('officer', 'head', 'admin')),
	hash       TEXT NOT NULL,
	disabled   INTEGER NOT NULL DEFAULT 0,
	input_mode TEXT NOT NULL DEFAULT 'telex' CHECK (input_mode IN ('telex', 'vni', 'off')),
	failures   INTEGER NOT NULL DEFAULT 0,	-- failed logins in a row
	created_at TEXT NOT NULL
);

-- Who did what outside the dossier events (users, imports, settings).
CREATE TABLE audit (
	id     INTEGER PRIMARY KEY,
	at     TEXT NOT NULL,
	actor  TEXT NOT NULL,
	action TEXT NOT NULL,
	detail TEXT NOT NULL DEFAULT ''
);

-- The procedure catalogue (data/procedures.csv).
CREATE TABLE procedure (
	code        TEXT PRIMARY KEY,
	name        TEXT NOT NULL,
	field       TEXT NOT NULL DEFAULT '',
	time_value  INTEGER NOT NULL CHECK (time_value >= 0),
	time_unit   TEXT NOT NULL CHECK (time_unit IN ('working-days', 'days', 'same-day', 'hours')),
	cutoff      TEXT,			-- 'HH:MM' same-day cut-off, NULL = office default
	fee         INTEGER NOT NULL DEFAULT 0,	-- đồng, base fee
	fee_rule    TEXT NOT NULL DEFAULT '',	-- how the fee is computed, in words
	linked_group TEXT,			-- procedures filed together (liên thông)
	agency      TEXT NOT NULL DEFAULT '',	-- handling agency when not the office
	folded      TEXT NOT NULL DEFAULT ''	-- folded code + name, for search as you type
);

CREATE TABLE procedure_document (
	procedure TEXT NOT NULL REFERENCES procedure(code) ON DELETE CASCADE,
	seq       INTEGER NOT NULL,
	name      TEXT NOT NULL,
	kind      TEXT NOT NULL CHECK (kind IN ('original', 'copy', 'either')),
	sets      INTEGER NOT NULL DEFAULT 1,
	PRIMARY KEY (procedure, seq)
) WITHOUT ROWID;

-- Days off as announced (compensation days off included) and extra working days
-- (a Saturday worked in exchange).  provisional = not yet announced by the government.
CREATE TABLE holiday (
	day         TEXT PRIMARY KEY,
	name        TEXT NOT NULL,
	kind        TEXT NOT NULL DEFAULT 'off' CHECK (kind IN ('off', 'work')),
	provisional INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

-- Dossier code sequences: <agency>-<YYMMDD>-<NNNN>, one counter per office and day.
CREATE TABLE code_seq (
	office TEXT NOT NULL,
	day    TEXT NOT NULL,
	last   INTEGER NOT NULL,
	PRIMARY KEY (office, day)
) WITHOUT ROWID;

-- The truth: append-only.  id = '<office>:<office_seq>' is unique across the province.
CREATE TABLE dossier_event (
	seq        INTEGER PRIMARY KEY,		-- local order of appending
	id         TEXT NOT NULL UNIQUE,
	office     TEXT NOT NULL,
	office_seq INTEGER NOT NULL,
	code       TEXT NOT NULL,
	kind       TEXT NOT NULL,
	at         TEXT NOT NULL,		-- when it happened (may be back-entered)
	actor      TEXT NOT NULL,
	recorded   TEXT NOT NULL,		-- when it was written here
	payload    TEXT NOT NULL DEFAULT '{}',	-- JSON object
	UNIQUE (office, office_seq)
);
CREATE INDEX dossier_event_code ON dossier_event(code, seq);
CREATE TRIGGER dossier_event_no_update BEFORE UPDATE ON dossier_event
	BEGIN SELECT RAISE(ABORT, 'dossier_event is append-only'); END;
CREATE TRIGGER dossier_event_no_delete BEFORE DELETE ON dossier_event
	BEGIN SELECT RAISE(ABORT, 'dossier_event is append-only'); END;

-- The materialised dossier: a pure function of its events (common/lifecycle.c).
CREATE TABLE dossier (
	id            INTEGER PRIMARY KEY,	-- rowid for the search index
	code          TEXT NOT NULL UNIQUE,
	office        TEXT NOT NULL,
	procedure     TEXT NOT NULL,
	group_code    TEXT,			-- linked intake: the first dossier's code
	name          TEXT NOT NULL,
	idno          TEXT NOT NULL DEFAULT '',
	phone         TEXT NOT NULL DEFAULT '',
	address       TEXT NOT NULL DEFAULT '',
	email         TEXT NOT NULL DEFAULT '',
	sms           INTEGER NOT NULL DEFAULT 0,	-- consented to SMS notices
	channel       TEXT NOT NULL DEFAULT 'counter',
	priority      INTEGER NOT NULL DEFAULT 0,
	sets          INTEGER NOT NULL DEFAULT 1,
	status        INTEGER NOT NULL,
	received_at   TEXT NOT NULL,
	due_at        TEXT NOT NULL,
	finished_at   TEXT,
	returned_at   TEXT,
	paused_at     TEXT,			-- waiting for the citizen since
	handler       TEXT NOT NULL DEFAULT '',	-- agency holding it now
	fee           INTEGER NOT NULL DEFAULT 0,
	fee_paid      INTEGER NOT NULL DEFAULT 0,
	supplements   INTEGER NOT NULL DEFAULT 0,
	extensions    INTEGER NOT NULL DEFAULT 0,
	transfers     INTEGER NOT NULL DEFAULT 0,
	digitised     INTEGER NOT NULL DEFAULT 0,
	rating        INTEGER,
	backentered   INTEGER NOT NULL DEFAULT 0,
	officer       TEXT NOT NULL DEFAULT '',	-- who received it
	events        INTEGER NOT NULL DEFAULT 0,
	last_event    TEXT NOT NULL DEFAULT '',
	updated_at    TEXT NOT NULL,
	search        TEXT NOT NULL DEFAULT ''	-- folded code, name, phone, ID, address
);
CREATE INDEX dossier_status_due ON dossier(status, due_at);
CREATE INDEX dossier_received ON dossier(received_at);
CREATE INDEX dossier_phone ON dossier(phone);
CREATE INDEX dossier_idno ON dossier(idno) WHERE idno <> '';
CREATE INDEX dossier_group ON dossier(group_code) WHERE group_code IS NOT NULL;

-- Substring search over the folded text (trigram: any 3+ character fragment).
CREATE VIRTUAL TABLE dossier_fts USING fts5(search, content='dossier', content_rowid='id',
	tokenize='trigram');
CREATE TRIGGER dossier_fts_ins AFTER INSERT ON dossier BEGIN
	INSERT INTO dossier_fts(rowid, search) VALUES (new.id, new.search);
END;
CREATE TRIGGER dossier_fts_del AFTER DELETE ON dossier BEGIN
	INSERT INTO dossier_fts(dossier_fts, rowid, search) VALUES ('delete', old.id, old.search);
END;
CREATE TRIGGER dossier_fts_upd AFTER UPDATE OF search ON dossier
	WHEN old.search IS NOT new.search BEGIN
	INSERT INTO dossier_fts(dossier_fts, rowid, search) VALUES ('delete', old.id, old.search);
	INSERT INTO dossier_fts(rowid, search) VALUES (new.id, new.search);
END;
