-- 009-sync.sql: the province link (issue 8, doc/sync-api.md).
--
-- Events from other offices fold in one order on every store: (pos, office,
-- office_seq), where pos is the event's place in its dossier when it was recorded (one
-- more than the highest pos its office then held).  Events already here get their place
-- in the order they were appended, which is what their office saw.
ALTER TABLE dossier_event ADD COLUMN pos INTEGER NOT NULL DEFAULT 0;
DROP TRIGGER dossier_event_no_update;
UPDATE dossier_event SET pos = w.n
	FROM (SELECT seq, row_number() OVER (PARTITION BY code ORDER BY seq) AS n
	      FROM dossier_event) AS w
	WHERE w.seq = dossier_event.seq;
CREATE TRIGGER dossier_event_no_update BEFORE UPDATE ON dossier_event
	BEGIN SELECT RAISE(ABORT, 'dossier_event is append-only'); END;
CREATE INDEX dossier_event_order ON dossier_event(code, pos, office, office_seq);

-- Dossiers that came from the hub: 'held' (handed to this office: it may record events)
-- or 'read' (pulled through a scope: read-only here).  Dossiers created here are not
-- listed.  office: the office holding it that this one is not (who to ask).
CREATE TABLE sync_dossier (
	code   TEXT PRIMARY KEY,
	access TEXT NOT NULL CHECK (access IN ('held', 'read')),
	office TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;

-- Up to which sequence each other office's events have been pulled.
CREATE TABLE sync_mark (
	office TEXT PRIMARY KEY,
	seq    INTEGER NOT NULL
) WITHOUT ROWID;

-- Events set aside: this office's events the hub holds with other content or refused
-- for good (push), and events pulled whose id is here with other content (pull).
-- They stay in dossier_event (or are not inserted); this is the list to show.
CREATE TABLE sync_setaside (
	id        TEXT PRIMARY KEY,		-- '<office>:<seq>'
	direction TEXT NOT NULL CHECK (direction IN ('push', 'pull')),
	reason    TEXT NOT NULL,
	at        TEXT NOT NULL			-- when it was set aside (office time)
) WITHOUT ROWID;
