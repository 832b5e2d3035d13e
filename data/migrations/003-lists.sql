-- 003-lists.sql: indexes for the console's lists (common/filter.c), so that every
-- page is read from an index whatever the order and the narrowing: by due time, and
-- one procedure's or one officer's dossiers newest first (rowid order) or by due time.
CREATE INDEX dossier_due ON dossier(due_at);
CREATE INDEX dossier_procedure ON dossier(procedure);
CREATE INDEX dossier_procedure_due ON dossier(procedure, due_at);
CREATE INDEX dossier_officer ON dossier(officer);
CREATE INDEX dossier_officer_due ON dossier(officer, due_at);
