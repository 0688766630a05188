-- Documents are never modified once stored. Their id is the SHA-256 of the original bytes.
CREATE TABLE documents (
    id          TEXT PRIMARY KEY,
    source      TEXT,
    outlet      TEXT,
    published   TEXT,
    body_start  INTEGER NOT NULL,
    meta_json   TEXT NOT NULL,
    text        TEXT NOT NULL,
    ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- Claims: the central record. Indexed columns for queries; the full claim as JSON.
CREATE TABLE claims (
    id            TEXT PRIMARY KEY,
    document_id   TEXT NOT NULL REFERENCES documents(id),
    sentence      INTEGER NOT NULL,
    span_start    INTEGER NOT NULL,
    span_end      INTEGER NOT NULL,
    claimant      TEXT NOT NULL,
    stance        TEXT NOT NULL,
    event_type    TEXT,
    date_start    TEXT,
    date_end      TEXT,
    country       TEXT,
    claim_json    TEXT NOT NULL
);
CREATE INDEX claims_document ON claims(document_id);

-- Incidents are a view recomputed from claims; they are replaced wholesale after each ingest.
CREATE TABLE incidents (
    id                     TEXT PRIMARY KEY,
    position               INTEGER NOT NULL,
    date_start             TEXT,
    date_end               TEXT,
    country                TEXT,
    admin1                 TEXT,
    place                  TEXT,
    lat                    REAL,
    lon                    REAL,
    event_type             TEXT NOT NULL,
    sub_event_type         TEXT,
    contested              INTEGER NOT NULL,
    contested_reasons_json TEXT NOT NULL,
    merge_reasons_json     TEXT NOT NULL
);

CREATE TABLE incident_claims (
    incident_id TEXT NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
    claim_id    TEXT NOT NULL REFERENCES claims(id),
    position    INTEGER NOT NULL,
    PRIMARY KEY (incident_id, claim_id)
);
