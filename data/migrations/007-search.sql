-- 007-search.sql: a name search finds names, the address only when asked (issue 9,
-- item 4).
--
-- The search text (column search, FTS5 trigram index dossier_fts) held a dossier's
-- code, name, phone, ID number and address, so that "khanh" found every dossier of
-- tỉnh Khánh Hòa and a name search listed whole villages.  It now holds the code,
-- name, phone and ID number; the address, folded the same way, is a column of its
-- own in the same index, searched only through an explicit filter.  name_key is
-- the folded name, indexed, so that the exact name and the names that start with
-- the words come first.  motcua_fold() is text_fold(), which store_open() gives
-- SQL: the rows are folded here exactly as dossier_write() folds them.
ALTER TABLE dossier ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
ALTER TABLE dossier ADD COLUMN search_address TEXT NOT NULL DEFAULT '';
DROP TRIGGER dossier_fts_ins;
DROP TRIGGER dossier_fts_del;
DROP TRIGGER dossier_fts_upd;
DROP TABLE dossier_fts;
UPDATE dossier SET name_key = motcua_fold(name),
	search = ' ' || motcua_fold(code || ' ' || name || ' ' || phone || ' ' || idno) || ' ',
	search_address = ' ' || motcua_fold(address) || ' ';
CREATE VIRTUAL TABLE dossier_fts USING fts5(search, search_address, content='dossier',
	content_rowid='id', tokenize='trigram');
INSERT INTO dossier_fts(dossier_fts) VALUES ('rebuild');
CREATE TRIGGER dossier_fts_ins AFTER INSERT ON dossier BEGIN
	INSERT INTO dossier_fts(rowid, search, search_address)
		VALUES (new.id, new.search, new.search_address);
END;
CREATE TRIGGER dossier_fts_del AFTER DELETE ON dossier BEGIN
	INSERT INTO dossier_fts(dossier_fts, rowid, search, search_address)
		VALUES ('delete', old.id, old.search, old.search_address);
END;
CREATE TRIGGER dossier_fts_upd AFTER UPDATE OF search, search_address ON dossier
	WHEN old.search IS NOT new.search OR old.search_address IS NOT new.search_address BEGIN
	INSERT INTO dossier_fts(dossier_fts, rowid, search, search_address)
		VALUES ('delete', old.id, old.search, old.search_address);
	INSERT INTO dossier_fts(rowid, search, search_address)
		VALUES (new.id, new.search, new.search_address);
END;
-- The exact name, and the names that start with the words, newest first.
CREATE INDEX dossier_name_key ON dossier(name_key);
