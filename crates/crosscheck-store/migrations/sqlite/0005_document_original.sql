-- Ingestion (issue 6): the untouched original bytes when the text was extracted from them (HTML).
ALTER TABLE documents ADD COLUMN original BLOB;
