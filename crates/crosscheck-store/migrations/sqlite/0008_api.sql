-- The analyst's web page and HTTP API (issue 7).

-- Filterable summary columns of an incident, written with it.
ALTER TABLE incidents ADD COLUMN killed_low INTEGER;
ALTER TABLE incidents ADD COLUMN killed_best INTEGER;
ALTER TABLE incidents ADD COLUMN killed_high INTEGER;
ALTER TABLE incidents ADD COLUMN claim_count INTEGER NOT NULL DEFAULT 0;
CREATE INDEX incidents_date ON incidents(date_start, id);
CREATE INDEX incidents_country ON incidents(country, date_start);

-- The actors (perpetrators and claimants) of each incident, for the actor filter and /api/actors.
CREATE TABLE incident_actors (
    incident_id TEXT NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
    actor       TEXT NOT NULL,
    PRIMARY KEY (incident_id, actor)
);
CREATE INDEX incident_actors_actor ON incident_actors(actor);

-- Full-text search over the evidence: each claim's quote.
CREATE VIRTUAL TABLE claims_fts USING fts5(quote, claim_id UNINDEXED, tokenize = 'unicode61 remove_diacritics 2');
INSERT INTO claims_fts (quote, claim_id) SELECT json_extract(claim_json, '$.quote'), id FROM claims;

-- API tokens: only the SHA-256 of a token is stored.
CREATE TABLE tokens (
    id         INTEGER PRIMARY KEY,
    hash       TEXT NOT NULL UNIQUE,
    role       TEXT NOT NULL CHECK (role IN ('reader', 'analyst', 'admin')),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- Every write through the API: who, when, what.
CREATE TABLE audit (
    id       INTEGER PRIMARY KEY,
    at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    token_id INTEGER REFERENCES tokens(id),
    role     TEXT NOT NULL,
    action   TEXT NOT NULL,
    detail   TEXT NOT NULL
);
