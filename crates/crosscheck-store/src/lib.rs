//! Storage: the [`Store`] trait and [`SqliteStore`], its embedded SQLite implementation.
//!
//! This is the only crate that knows SQL. Schema changes are numbered migrations in
//! `migrations/sqlite/`, applied in order inside a transaction and recorded in
//! `schema_migrations`. A document and its claims are written in one transaction, so a failure
//! (or a kill) never leaves half a document; re-adding the same bytes changes nothing.
#![deny(missing_docs)]

use std::path::{Path, PathBuf};

use crosscheck_model::{Claim, DateRange, DocMeta, Document, EventType, Incident};
use rusqlite::{Connection, OptionalExtension, params};

pub mod query;
pub use query::{IncidentQuery, IncidentRow, Page, QueryError, Role, Sort, Stats};

/// Storage errors.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database file could not be opened or migrated.
    #[error("{path}: cannot open the database: {source}")]
    Open {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: rusqlite::Error,
    },
    /// A query failed.
    #[error("database error: {0}")]
    Sql(#[from] rusqlite::Error),
    /// A stored record could not be decoded.
    #[error("stored record {id} is corrupt: {reason}")]
    Corrupt {
        /// The record.
        id: String,
        /// Why.
        reason: String,
    },
    /// An id prefix matched more than one record.
    #[error("{prefix:?} matches more than one {what}; give more characters")]
    Ambiguous {
        /// The prefix given.
        prefix: String,
        /// "document" or "incident".
        what: &'static str,
    },
}

/// What adding a document did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AddOutcome {
    /// New document stored with its claims.
    Added,
    /// The same bytes were already stored; nothing changed.
    Unchanged,
    /// Stored as a new version of the document with the same URL and other content.
    NewVersion {
        /// The id of the version before.
        previous: String,
    },
}

/// A stored document, listed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentSummary {
    /// SHA-256.
    pub id: String,
    /// Path or URL it came from.
    pub source: Option<String>,
    /// Outlet.
    pub outlet: Option<String>,
    /// Number of claims.
    pub claims: usize,
}

/// Where crosscheck keeps documents, claims and incidents.
pub trait Store {
    /// Store a document and its claims in one transaction. Same bytes twice: `Unchanged`.
    fn add_document(&mut self, doc: &Document, claims: &[Claim]) -> Result<AddOutcome, StoreError>;
    /// Store documents with their claims in one transaction: all or none. An outcome per
    /// document, in order; a document repeated within the batch is `Unchanged` the second time.
    fn add_documents(&mut self, batch: &[(&Document, &[Claim])]) -> Result<Vec<AddOutcome>, StoreError>;
    /// A document by id or unique id prefix.
    fn document(&self, id: &str) -> Result<Option<Document>, StoreError>;
    /// Every document, in id order.
    fn documents(&self) -> Result<Vec<DocumentSummary>, StoreError>;
    /// Every claim, in document and sentence order.
    fn claims(&self) -> Result<Vec<Claim>, StoreError>;
    /// Every document's id, outlet and body text (what syndication detection compares), in id
    /// order.
    fn texts(&self) -> Result<Vec<(String, Option<String>, String)>, StoreError>;
    /// Replace all incidents (they are recomputed from claims).
    fn replace_incidents(&mut self, incidents: &[Incident]) -> Result<(), StoreError>;
    /// Every incident, in order.
    fn incidents(&self) -> Result<Vec<Incident>, StoreError>;
    /// One incident by id or unique id prefix.
    fn incident(&self, id: &str) -> Result<Option<Incident>, StoreError>;
    /// What `watch` knows about a feed.
    fn feed_state(&self, url: &str) -> Result<Option<FeedState>, StoreError>;
    /// Record what `watch` learnt about a feed.
    fn set_feed_state(&mut self, state: &FeedState) -> Result<(), StoreError>;
    /// Problems with the stored data: the database's own integrity check, claims whose document
    /// is missing, incident links to missing claims. Empty when all is well.
    fn verify(&self) -> Result<Vec<String>, StoreError>;
}

/// A watched feed's validators and health.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FeedState {
    /// The feed's URL.
    pub url: String,
    /// The last `ETag`.
    pub etag: Option<String>,
    /// The last `Last-Modified`.
    pub last_modified: Option<String>,
    /// When it was last checked (RFC 3339).
    pub checked_at: Option<String>,
    /// Consecutive failures (for backoff).
    pub failures: u32,
    /// The last error, if the last check failed.
    pub last_error: Option<String>,
}

const MIGRATIONS: &[(i64, &str)] = &[
    (1, include_str!("../migrations/sqlite/0001_init.sql")),
    (2, include_str!("../migrations/sqlite/0002_incident_date_inferred.sql")),
    (3, include_str!("../migrations/sqlite/0003_incident_geo.sql")),
    (4, include_str!("../migrations/sqlite/0004_incident_sources_estimates_grade.sql")),
    (5, include_str!("../migrations/sqlite/0005_document_original.sql")),
    (6, include_str!("../migrations/sqlite/0006_feeds.sql")),
    (7, include_str!("../migrations/sqlite/0007_document_versions.sql")),
    (8, include_str!("../migrations/sqlite/0008_api.sql")),
    (9, include_str!("../migrations/sqlite/0009_api_indexes.sql")),
    (10, include_str!("../migrations/sqlite/0010_documents_linked.sql")),
    (11, include_str!("../migrations/sqlite/0011_claims_by_document.sql")),
    (12, include_str!("../migrations/sqlite/0012_incident_fingerprint.sql")),
];

/// The embedded SQLite store.
pub struct SqliteStore {
    conn: Connection,
}

fn date_str(d: Option<DateRange>, end: bool) -> Option<String> {
    d.map(|r| if end { r.end } else { r.start }.to_string())
}

/// A document's text from its body start (a byte offset: SQLite's substr counts characters).
fn body(text: String, start: i64) -> String {
    match text.get(start.max(0) as usize..) {
        Some(b) if start > 0 => b.to_string(),
        _ => text,
    }
}

/// Write a document and its claims inside a transaction.
fn add_in(tx: &rusqlite::Transaction<'_>, doc: &Document, claims: &[Claim]) -> Result<AddOutcome, StoreError> {
    let exists: bool = tx.query_row("SELECT EXISTS(SELECT 1 FROM documents WHERE id = ?1)", [&doc.id], |r| r.get(0))?;
    if exists {
        return Ok(AddOutcome::Unchanged);
    }
    // A URL seen before with other content: the latest version before this one.
    let previous: Option<String> = match doc.meta.source.as_deref().filter(|s| s.starts_with("http")) {
        Some(url) => tx
            .query_row(
                "SELECT id FROM documents WHERE source = ?1 ORDER BY ingested_at DESC, rowid DESC LIMIT 1",
                [url],
                |r| r.get(0),
            )
            .optional()?,
        None => None,
    };
    tx.execute(
        "INSERT INTO documents (id, source, outlet, published, body_start, meta_json, text, original, previous_version) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            doc.id,
            doc.meta.source,
            doc.meta.outlet,
            doc.meta.published.map(|d| d.to_string()),
            doc.body_start as i64,
            json(&doc.meta),
            doc.text,
            doc.meta.original,
            previous
        ],
    )?;
    {
        let mut stmt = tx.prepare_cached(
            "INSERT INTO claims (id, document_id, sentence, span_start, span_end, claimant, stance, event_type, date_start, date_end, country, claim_json)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )?;
        let mut fts = tx.prepare_cached("INSERT INTO claims_fts (quote, claim_id) VALUES (?1, ?2)")?;
        for c in claims {
            fts.execute(params![c.quote, c.id])?;
            stmt.execute(params![
                c.id,
                doc.id,
                c.sentence as i64,
                c.span.start as i64,
                c.span.end as i64,
                c.claimant,
                c.stance.as_str(),
                c.event_type.map(EventType::as_str),
                date_str(c.date, false),
                date_str(c.date, true),
                c.country,
                json(c),
            ])?;
        }
    }
    Ok(match previous {
        Some(previous) => AddOutcome::NewVersion { previous },
        None => AddOutcome::Added,
    })
}

fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "null".to_string())
}

impl SqliteStore {
    /// Open (or create) the database file and bring its schema up to date.
    pub fn open(path: &Path) -> Result<SqliteStore, StoreError> {
        let open = || -> Result<Connection, rusqlite::Error> {
            let mut conn = Connection::open(path)?;
            conn.pragma_update(None, "journal_mode", "WAL")?;
            // With the write-ahead log, NORMAL syncs at checkpoints instead of at every commit: a
            // killed process loses nothing committed, and a power cut may lose the last commits
            // but never leaves the file inconsistent. Ingest stores 3× faster (bench-ingest).
            conn.pragma_update(None, "synchronous", "NORMAL")?;
            conn.pragma_update(None, "cache_size", -65536)?;
            conn.pragma_update(None, "foreign_keys", "ON")?;
            conn.busy_timeout(std::time::Duration::from_secs(5))?;
            migrate(&mut conn)?;
            Ok(conn)
        };
        open().map(|conn| SqliteStore { conn }).map_err(|source| StoreError::Open { path: path.to_path_buf(), source })
    }

    /// An in-memory store, for tests and one-off runs.
    pub fn in_memory() -> Result<SqliteStore, StoreError> {
        let mut conn = Connection::open_in_memory()?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        migrate(&mut conn)?;
        Ok(SqliteStore { conn })
    }

    /// The schema version.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        Ok(self.conn.query_row("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", [], |r| r.get(0))?)
    }

    fn resolve(&self, table: &'static str, what: &'static str, prefix: &str) -> Result<Option<String>, StoreError> {
        let sql = format!("SELECT id FROM {table} WHERE id >= ?1 AND id < ?1 || x'ff' ORDER BY id LIMIT 2");
        let mut stmt = self.conn.prepare(&sql)?;
        let ids: Vec<String> = stmt.query_map([prefix], |r| r.get(0))?.collect::<Result<_, _>>()?;
        match ids.len() {
            0 => Ok(None),
            1 => Ok(ids.into_iter().next()),
            _ if ids.iter().any(|i| i == prefix) => Ok(Some(prefix.to_string())),
            _ => Err(StoreError::Ambiguous { prefix: prefix.to_string(), what }),
        }
    }

    fn claims_where(&self, sql_tail: &str, param: Option<&str>) -> Result<Vec<Claim>, StoreError> {
        let sql = format!("SELECT c.id, c.claim_json FROM claims c {sql_tail}");
        let mut stmt = self.conn.prepare(&sql)?;
        let rows: Vec<(String, String)> = match param {
            Some(p) => stmt.query_map([p], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?,
            None => stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?,
        };
        rows.into_iter().map(|(id, j)| decode_claim(id, &j)).collect()
    }
}

/// A stored claim from its JSON; a row that does not parse is corrupt, by its id.
fn decode_claim(id: String, json: &str) -> Result<Claim, StoreError> {
    serde_json::from_str(json).map_err(|e| StoreError::Corrupt { id, reason: e.to_string() })
}

/// Writes incidents with their claim links and actors inside a transaction.
struct IncidentWriter<'t> {
    ins: rusqlite::Statement<'t>,
    link: rusqlite::Statement<'t>,
    actor: rusqlite::Statement<'t>,
}

impl<'t> IncidentWriter<'t> {
    fn new(tx: &'t rusqlite::Transaction<'_>) -> Result<IncidentWriter<'t>, StoreError> {
        Ok(IncidentWriter {
            ins: tx.prepare(
                "INSERT INTO incidents (id, position, date_start, date_end, country, admin1, place, lat, lon, event_type, sub_event_type, contested, contested_reasons_json, merge_reasons_json, date_inferred, admin2, geo_precision, geonames_id, sources_json, estimates_json, grade, grade_reasons_json, killed_low, killed_best, killed_high, claim_count, fingerprint, link_features)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28)",
            )?,
            link: tx.prepare(
                "INSERT OR IGNORE INTO incident_claims (incident_id, claim_id, position) VALUES (?1, ?2, ?3)",
            )?,
            actor: tx.prepare("INSERT OR IGNORE INTO incident_actors (incident_id, actor) VALUES (?1, ?2)")?,
        })
    }

    fn write(&mut self, pos: usize, i: &Incident, features: Option<&str>) -> Result<(), StoreError> {
        let killed = i.estimates.iter().find(|e| e.category == crosscheck_model::Category::Killed);
        let lists = Lists::of(i);
        self.ins.execute(params![
            i.id,
            pos as i64,
            date_str(i.date, false),
            date_str(i.date, true),
            i.country,
            i.admin1,
            i.place,
            i.lat,
            i.lon,
            i.event_type.as_str(),
            i.sub_event_type,
            i.contested,
            lists.contested_reasons,
            lists.merge_reasons,
            i.date_inferred,
            i.admin2,
            i.geo_precision,
            i.geonames_id,
            lists.sources,
            lists.estimates,
            i.grade.as_str(),
            lists.grade_reasons,
            killed.and_then(|e| e.low).map(|v| v as i64),
            killed.and_then(|e| e.best).map(|v| v as i64),
            killed.and_then(|e| e.high).map(|v| v as i64),
            i.claims.len() as i64,
            fingerprint(i, &lists),
            features,
        ])?;
        for (k, c) in i.claims.iter().enumerate() {
            self.link.execute(params![i.id, c.id, k as i64])?;
            for a in c.perpetrators.iter().chain([&c.claimant]).filter(|a| !a.trim().is_empty()) {
                self.actor.execute(params![i.id, a])?;
            }
        }
        Ok(())
    }
}

/// An incident's list columns as the row stores them (JSON), computed once for the row and its
/// fingerprint.
struct Lists {
    contested_reasons: String,
    merge_reasons: String,
    sources: String,
    estimates: String,
    grade_reasons: String,
}

impl Lists {
    fn of(i: &Incident) -> Lists {
        Lists {
            contested_reasons: json(&i.contested_reasons),
            merge_reasons: json(&i.merge_reasons),
            sources: json(&i.sources),
            estimates: json(&i.estimates),
            grade_reasons: json(&i.grade_reasons),
        }
    }
}

/// A fingerprint of everything an incident's row, claim links and actors hold (its position
/// aside): two incidents with the same one are written alike. FNV-1a over the fields, each
/// ended by a separator byte.
pub(crate) fn fingerprint(i: &Incident, lists: &Lists) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut add = |s: &str| {
        for b in s.bytes().chain([0xff]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    };
    add(&i.id);
    add(&format!("{:?}", i.date));
    for s in [&i.country, &i.admin1, &i.place, &i.sub_event_type, &i.admin2] {
        add(s.as_deref().unwrap_or("\u{0}"));
    }
    add(&format!(
        "{:?} {:?} {:?} {:?}",
        i.lat.map(f64::to_bits),
        i.lon.map(f64::to_bits),
        i.geo_precision,
        i.geonames_id
    ));
    add(i.event_type.as_str());
    add(&format!("{} {}", i.contested, i.date_inferred));
    for l in [&lists.contested_reasons, &lists.merge_reasons, &lists.sources, &lists.estimates, &lists.grade_reasons] {
        add(l);
    }
    add(i.grade.as_str());
    for c in &i.claims {
        add(&c.id);
        add(&c.claimant);
        for p in &c.perpetrators {
            add(p);
        }
    }
    format!("{h:016x}")
}

/// Insert incidents with their claim links and actors.
fn insert_incidents<'i>(
    tx: &rusqlite::Transaction<'_>,
    incidents: impl IntoIterator<Item = (&'i Incident, Option<&'i str>)>,
) -> Result<(), StoreError> {
    let mut w = IncidentWriter::new(tx)?;
    for (pos, (i, features)) in incidents.into_iter().enumerate() {
        w.write(pos, i, features)?;
    }
    Ok(())
}

/// One document's claims, in the order of their spans.
pub(crate) fn claims_of(conn: &Connection, document_id: &str) -> Result<Vec<Claim>, StoreError> {
    let mut stmt =
        conn.prepare_cached("SELECT id, claim_json FROM claims WHERE document_id = ?1 ORDER BY span_start, id")?;
    let rows: Vec<(String, String)> =
        stmt.query_map([document_id], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?;
    rows.into_iter().map(|(id, j)| decode_claim(id, &j)).collect()
}

impl SqliteStore {
    /// Every document's claims, one document at a time (in document order, each in the order
    /// of its spans, as [`SqliteStore::rebuild_incidents`] reads them again), in one walk of an
    /// index: memory holds one document's claims.
    pub fn each_document_claims(&self, mut each: impl FnMut(&[Claim])) -> Result<(), StoreError> {
        let mut stmt =
            self.conn.prepare("SELECT document_id, id, claim_json FROM claims ORDER BY document_id, span_start, id")?;
        let mut rows = stmt.query([])?;
        let mut doc: Option<String> = None;
        let mut claims: Vec<Claim> = Vec::new();
        while let Some(r) = rows.next()? {
            let (d, id, j): (String, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
            if doc.as_deref() != Some(d.as_str()) {
                if !claims.is_empty() {
                    each(&claims);
                    claims.clear();
                }
                doc = Some(d);
            }
            claims.push(decode_claim(id, &j)?);
        }
        if !claims.is_empty() {
            each(&claims);
        }
        Ok(())
    }
}

/// Reads a document's claims while incidents are rebuilt.
pub type ClaimReader<'r> = dyn FnMut(&str) -> Result<Vec<Claim>, StoreError> + 'r;
/// Takes each rebuilt incident, with its linking features when the caller has them (kept in
/// `incidents.link_features`, opaque to the store).
pub type IncidentSink<'r> = dyn FnMut(Incident, Option<String>) -> Result<(), StoreError> + 'r;

impl SqliteStore {
    /// Recompute every incident in one transaction without holding them all: `build` gets a
    /// reader of a document's claims and a sink for the incidents, and returns how many it
    /// wrote. The old incidents are replaced only when `build` succeeds; every document is then
    /// marked linked.
    pub fn rebuild_incidents(
        &mut self,
        build: impl FnOnce(&mut ClaimReader<'_>, &mut IncidentSink<'_>) -> Result<usize, StoreError>,
    ) -> Result<usize, StoreError> {
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM incident_claims", [])?;
        tx.execute("DELETE FROM incident_actors", [])?;
        tx.execute("DELETE FROM incidents", [])?;
        let n = {
            let mut writer = IncidentWriter::new(&tx)?;
            let mut pos = 0usize;
            let mut read = |d: &str| claims_of(&tx, d);
            let mut write = |i: Incident, features: Option<String>| {
                writer.write(pos, &i, features.as_deref())?;
                pos += 1;
                Ok(())
            };
            build(&mut read, &mut write)?
        };
        // Positions in date order, as `replace_incidents` writes them.
        tx.execute(
            "UPDATE incidents SET position = o.p FROM (SELECT id, row_number() OVER (ORDER BY date_start, id) - 1 AS p FROM incidents) AS o WHERE o.id = incidents.id",
            [],
        )?;
        tx.execute("UPDATE documents SET linked = 1 WHERE linked = 0", [])?;
        tx.commit()?;
        Ok(n)
    }
}

fn migrate(conn: &mut Connection) -> Result<(), rusqlite::Error> {
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))",
    )?;
    let current: i64 = conn.query_row("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", [], |r| r.get(0))?;
    for (version, sql) in MIGRATIONS.iter().filter(|(v, _)| *v > current) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.execute("INSERT INTO schema_migrations (version) VALUES (?1)", [version])?;
        tx.commit()?;
    }
    Ok(())
}

impl Store for SqliteStore {
    fn add_document(&mut self, doc: &Document, claims: &[Claim]) -> Result<AddOutcome, StoreError> {
        let tx = self.conn.transaction()?;
        let outcome = add_in(&tx, doc, claims)?;
        tx.commit()?;
        Ok(outcome)
    }

    fn add_documents(&mut self, batch: &[(&Document, &[Claim])]) -> Result<Vec<AddOutcome>, StoreError> {
        let tx = self.conn.transaction()?;
        let outcomes = batch.iter().map(|(doc, claims)| add_in(&tx, doc, claims)).collect::<Result<Vec<_>, _>>()?;
        tx.commit()?;
        Ok(outcomes)
    }

    fn document(&self, id: &str) -> Result<Option<Document>, StoreError> {
        let Some(id) = self.resolve("documents", "document", id)? else {
            return Ok(None);
        };
        type Row = (String, i64, String, Option<Vec<u8>>);
        let row: Option<Row> = self
            .conn
            .query_row("SELECT text, body_start, meta_json, original FROM documents WHERE id = ?1", [&id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })
            .optional()?;
        let Some((text, body_start, meta, original)) = row else {
            return Ok(None);
        };
        let mut meta: DocMeta =
            serde_json::from_str(&meta).map_err(|e| StoreError::Corrupt { id: id.clone(), reason: e.to_string() })?;
        meta.original = original;
        Ok(Some(Document { id, text, body_start: body_start as usize, meta }))
    }

    fn feed_state(&self, url: &str) -> Result<Option<FeedState>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT url, etag, last_modified, checked_at, failures, last_error FROM feeds WHERE url = ?1",
                [url],
                |r| {
                    Ok(FeedState {
                        url: r.get(0)?,
                        etag: r.get(1)?,
                        last_modified: r.get(2)?,
                        checked_at: r.get(3)?,
                        failures: r.get::<_, i64>(4)? as u32,
                        last_error: r.get(5)?,
                    })
                },
            )
            .optional()?)
    }

    fn set_feed_state(&mut self, s: &FeedState) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO feeds (url, etag, last_modified, checked_at, failures, last_error) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT(url) DO UPDATE SET etag = ?2, last_modified = ?3, checked_at = ?4, failures = ?5, last_error = ?6",
            params![s.url, s.etag, s.last_modified, s.checked_at, s.failures as i64, s.last_error],
        )?;
        Ok(())
    }

    fn verify(&self) -> Result<Vec<String>, StoreError> {
        let mut problems = Vec::new();
        let integrity: String = self.conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if integrity != "ok" {
            problems.push(format!("integrity check: {integrity}"));
        }
        let orphans: i64 = self.conn.query_row(
            "SELECT COUNT(*) FROM claims WHERE document_id NOT IN (SELECT id FROM documents)",
            [],
            |r| r.get(0),
        )?;
        if orphans > 0 {
            problems.push(format!("{orphans} claim(s) without their document"));
        }
        let dangling: i64 = self.conn.query_row(
            "SELECT COUNT(*) FROM incident_claims WHERE claim_id NOT IN (SELECT id FROM claims)",
            [],
            |r| r.get(0),
        )?;
        if dangling > 0 {
            problems.push(format!("{dangling} incident link(s) to missing claims"));
        }
        Ok(problems)
    }

    fn texts(&self) -> Result<Vec<(String, Option<String>, String)>, StoreError> {
        let mut stmt = self.conn.prepare("SELECT id, outlet, text, body_start FROM documents ORDER BY id")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, body(r.get(2)?, r.get(3)?))))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn documents(&self) -> Result<Vec<DocumentSummary>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT d.id, d.source, d.outlet, (SELECT COUNT(*) FROM claims c WHERE c.document_id = d.id) FROM documents d ORDER BY d.id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(DocumentSummary {
                id: r.get(0)?,
                source: r.get(1)?,
                outlet: r.get(2)?,
                claims: r.get::<_, i64>(3)? as usize,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn claims(&self) -> Result<Vec<Claim>, StoreError> {
        self.claims_where("ORDER BY c.document_id, c.sentence, c.id", None)
    }

    fn replace_incidents(&mut self, incidents: &[Incident]) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM incident_claims", [])?;
        tx.execute("DELETE FROM incident_actors", [])?;
        tx.execute("DELETE FROM incidents", [])?;
        insert_incidents(&tx, incidents.iter().map(|i| (i, None)))?;
        tx.execute("UPDATE documents SET linked = 1 WHERE linked = 0", [])?;
        tx.commit()?;
        Ok(())
    }

    fn incidents(&self) -> Result<Vec<Incident>, StoreError> {
        let mut stmt = self.conn.prepare("SELECT id FROM incidents ORDER BY COALESCE(date_start, ''), id")?;
        let ids: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
        ids.iter().filter_map(|id| self.incident(id).transpose()).collect()
    }

    fn incident(&self, id: &str) -> Result<Option<Incident>, StoreError> {
        let Some(id) = self.resolve("incidents", "incident", id)? else {
            return Ok(None);
        };
        type Row = (
            Option<String>,
            Option<String>,
            Option<String>,
            Option<String>,
            Option<String>,
            Option<f64>,
            Option<f64>,
            String,
            Option<String>,
            bool,
            String,
            String,
            bool,
        );
        let row: Row = self.conn.query_row(
            "SELECT date_start, date_end, country, admin1, place, lat, lon, event_type, sub_event_type, contested, contested_reasons_json, merge_reasons_json, date_inferred FROM incidents WHERE id = ?1",
            [&id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?, r.get(9)?, r.get(10)?, r.get(11)?, r.get(12)?)),
        )?;
        let corrupt = |reason: String| StoreError::Corrupt { id: id.clone(), reason };
        let parse_date = |s: &Option<String>| {
            s.as_deref()
                .map(|s| s.parse::<chrono::NaiveDate>())
                .transpose()
                .map_err(|e: chrono::ParseError| corrupt(e.to_string()))
        };
        let date = match (parse_date(&row.0)?, parse_date(&row.1)?) {
            (Some(s), Some(e)) => Some(DateRange::new(s, e)),
            _ => None,
        };
        let event_type = EventType::parse(&row.7).ok_or_else(|| corrupt(format!("unknown event type {:?}", row.7)))?;
        let (admin2, geo_precision, geonames_id): (Option<String>, Option<u8>, Option<u32>) = self.conn.query_row(
            "SELECT admin2, geo_precision, geonames_id FROM incidents WHERE id = ?1",
            [&id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        let extra: (String, String, String, String) = self.conn.query_row(
            "SELECT sources_json, estimates_json, grade, grade_reasons_json FROM incidents WHERE id = ?1",
            [&id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?;
        let claims = self.claims_where(
            "JOIN incident_claims ic ON ic.claim_id = c.id WHERE ic.incident_id = ?1 ORDER BY ic.position",
            Some(&id),
        )?;
        Ok(Some(Incident {
            id: id.clone(),
            date,
            country: row.2,
            admin1: row.3,
            place: row.4,
            lat: row.5,
            lon: row.6,
            admin2,
            geo_precision,
            geonames_id,
            sources: serde_json::from_str(&extra.0).map_err(|e| corrupt(e.to_string()))?,
            estimates: serde_json::from_str(&extra.1).map_err(|e| corrupt(e.to_string()))?,
            grade: crosscheck_model::Grade::parse(&extra.2)
                .ok_or_else(|| corrupt(format!("unknown grade {:?}", extra.2)))?,
            grade_reasons: serde_json::from_str(&extra.3).map_err(|e| corrupt(e.to_string()))?,
            event_type,
            sub_event_type: row.8,
            contested: row.9,
            contested_reasons: serde_json::from_str(&row.10).map_err(|e| corrupt(e.to_string()))?,
            merge_reasons: serde_json::from_str(&row.11).map_err(|e| corrupt(e.to_string()))?,
            date_inferred: row.12,
            claims,
        }))
    }
}
