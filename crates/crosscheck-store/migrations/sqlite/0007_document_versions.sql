-- Ingestion (issue 6): a page fetched again from the same URL with other content is a new
-- version, linked to the one before it.
ALTER TABLE documents ADD COLUMN previous_version TEXT REFERENCES documents(id);
CREATE INDEX documents_source ON documents(source);
