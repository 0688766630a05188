-- Live monitoring (issue 6): what `watch` knows about each feed, so that it survives restarts.
CREATE TABLE feeds (
    url           TEXT PRIMARY KEY,
    etag          TEXT,
    last_modified TEXT,
    checked_at    TEXT,
    failures      INTEGER NOT NULL DEFAULT 0,
    last_error    TEXT
);
