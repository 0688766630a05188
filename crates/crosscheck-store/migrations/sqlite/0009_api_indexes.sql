-- Indexes for the API's typical queries (measured with `crosscheck bench-serve`): listings
-- sorted by date or by killed walk an index in order (the expressions are the sort keys of
-- `query.rs`) and stop at the page's end; the evidence search joins claims to incidents by
-- claim id; and country filters compare without case.
CREATE INDEX incidents_sort_date ON incidents(COALESCE(date_start, ''), id);
CREATE INDEX incidents_sort_killed ON incidents(COALESCE(killed_best, -1), id);
CREATE INDEX incident_claims_claim ON incident_claims(claim_id);
DROP INDEX incidents_date;
DROP INDEX incidents_country;
CREATE INDEX incidents_country_nocase ON incidents(country COLLATE NOCASE, date_start);
