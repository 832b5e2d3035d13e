-- 005-lookups.sql: look-ups of other people's dossiers by SMS and USSD (issue 9 E).
--
-- Dossier codes are sequential: a number that may ask any code walks through the
-- office's dossiers.  A status answer about a dossier that is not the caller's own
-- (and every unknown code asked) is recorded here, so that the programs that answer
-- (the SMS daemons, motcua-ussd) count them per number and all together over the
-- windows of the sms.lookup_* settings (common/query-limit.c).  Rows older than the
-- longer window are deleted once a minute: the tables stay small.

-- Who looked up what: a number's look-ups, and whether it asked a code before.
CREATE TABLE query_lookup (
	number TEXT NOT NULL,		-- the caller, normalised (0xxxxxxxxx)
	code   TEXT NOT NULL,		-- the dossier code asked, as read
	at     TEXT NOT NULL,		-- when (YYYY-MM-DD HH:MM), the first time in the window
	found  INTEGER NOT NULL,	-- 1: a dossier of another number; 0: no such dossier
	PRIMARY KEY (number, code)
) WITHOUT ROWID;

-- How many look-ups, all numbers together, each minute: the overall limit sums at
-- most a window's worth of rows, however many look-ups there were.
CREATE TABLE query_lookup_minute (
	at TEXT PRIMARY KEY,		-- YYYY-MM-DD HH:MM
	n  INTEGER NOT NULL
) WITHOUT ROWID;
