-- An incident's date can be inferred (narrative month, publication date) rather than stated.
ALTER TABLE incidents ADD COLUMN date_inferred INTEGER NOT NULL DEFAULT 0;
