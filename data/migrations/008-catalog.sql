-- 008-catalog.sql: the catalogue a commune really uses (issue 12).
--
-- A procedure's fee by channel, what the published detail did not settle (shown as
-- "to verify" until an administrator confirms it), where the row comes from, and the
-- agency of a local variant ("2.000815.000.00.00.H55" is the national procedure
-- 2.000815 as agency 000.00.00.H55 publishes it: the row's code is the national one).

-- The fee of a dossier filed online, in đồng; NULL: the same as at the counter.
ALTER TABLE procedure ADD COLUMN fee_online INTEGER CHECK (fee_online IS NULL OR fee_online >= 0);

-- What is still to verify: some of the words 'time', 'fee', 'documents', space-separated.
ALTER TABLE procedure ADD COLUMN verify TEXT NOT NULL DEFAULT '';

-- Where the row comes from: "QĐ 163/QĐ-BTP; dichvucong.gov.vn", or the imported file.
ALTER TABLE procedure ADD COLUMN source TEXT NOT NULL DEFAULT '';

-- The agency code of a local variant, "" for the national procedure itself.
ALTER TABLE procedure ADD COLUMN agency_code TEXT NOT NULL DEFAULT '';

-- A variant imported before this version kept its whole code as the key: split it,
-- unless the national code is there too (then the variant's row stays as it was).
UPDATE procedure SET agency_code = substr(code, 10), code = substr(code, 1, 8)
	WHERE length(code) > 9 AND substr(code, 9, 1) = '.'
	AND NOT EXISTS (SELECT 1 FROM procedure n WHERE n.code = substr(procedure.code, 1, 8));

-- How many dossiers each office received for each procedure: the intake picker lists
-- the office's most used first.  Kept by a trigger, so a keystroke costs no count.
CREATE TABLE procedure_use (
	office    TEXT NOT NULL,
	procedure TEXT NOT NULL,
	n         INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (office, procedure)
) WITHOUT ROWID;
INSERT INTO procedure_use(office, procedure, n)
	SELECT office, CASE WHEN length(procedure) > 9 AND substr(procedure, 9, 1) = '.'
		THEN substr(procedure, 1, 8) ELSE procedure END AS p, count(*)
	FROM dossier GROUP BY office, p;
CREATE TRIGGER dossier_procedure_use AFTER INSERT ON dossier BEGIN
	INSERT INTO procedure_use(office, procedure, n) VALUES (new.office, new.procedure, 1)
		ON CONFLICT(office, procedure) DO UPDATE SET n = n + 1;
END;
