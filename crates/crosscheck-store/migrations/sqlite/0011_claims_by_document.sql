-- Relinking reads every document's claims in order, twice (issue 5: memory that grows with the
-- incidents, not the claims): one index walk gives them by document and span, without a sort.
CREATE INDEX claims_document_span ON claims(document_id, span_start, id);
DROP INDEX claims_document;
