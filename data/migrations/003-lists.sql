-- 003-lists.sql: indexes for the console's lists (common/filter.c): sorted by due
-- time, and narrowed to one procedure or to the officer who received the dossier.
CREATE INDEX dossier_due ON dossier(due_at);
CREATE INDEX dossier_procedure ON dossier(procedure, due_at);
CREATE INDEX dossier_officer ON dossier(officer, due_at);
