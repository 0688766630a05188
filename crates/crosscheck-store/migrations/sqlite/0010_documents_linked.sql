-- Incremental linking (issue 5): which documents are linked into incidents, so that finding the
-- ones still to link does not scan every claim.
ALTER TABLE documents ADD COLUMN linked INTEGER NOT NULL DEFAULT 0;
UPDATE documents SET linked = 1
 WHERE id IN (SELECT DISTINCT c.document_id FROM claims c JOIN incident_claims ic ON ic.claim_id = c.id);
CREATE INDEX documents_unlinked ON documents(id) WHERE linked = 0;
