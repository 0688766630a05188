-- Cross-checking (issue 5): independence groups, low/best/high estimates and the grade.
ALTER TABLE incidents ADD COLUMN sources_json TEXT NOT NULL DEFAULT '[]';
ALTER TABLE incidents ADD COLUMN estimates_json TEXT NOT NULL DEFAULT '[]';
ALTER TABLE incidents ADD COLUMN grade TEXT NOT NULL DEFAULT 'single_source';
ALTER TABLE incidents ADD COLUMN grade_reasons_json TEXT NOT NULL DEFAULT '[]';
