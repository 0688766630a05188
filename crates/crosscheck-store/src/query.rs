//! Queries behind the HTTP API: incidents filtered, sorted and paged by a cursor; statistics for
//! charts; actors and places; API tokens and the audit log.
//!
//! Paging is by keyset, not offset: the cursor is the sort key and id of the last row returned,
//! so a page costs the same wherever it is and rows added meanwhile do not shift the pages. The
//! text filter searches the evidence (each claim's quote) with SQLite FTS5; the words given are
//! quoted, so user input is never FTS syntax.

use chrono::NaiveDate;
use crosscheck_model::Claim;
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, params, params_from_iter};

use crate::{SqliteStore, StoreError};

/// Sort orders of an incident listing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    /// Latest first (the default).
    #[default]
    DateDesc,
    /// Earliest first.
    DateAsc,
    /// Most killed (best estimate) first.
    KilledDesc,
}

impl Sort {
    /// Parse `date`, `-date` or `-killed`.
    pub fn parse(s: &str) -> Option<Sort> {
        Some(match s {
            "-date" => Sort::DateDesc,
            "date" => Sort::DateAsc,
            "-killed" => Sort::KilledDesc,
            _ => return None,
        })
    }

    fn key(self) -> &'static str {
        match self {
            Sort::DateDesc | Sort::DateAsc => "COALESCE(i.date_start, '')",
            Sort::KilledDesc => "COALESCE(i.killed_best, -1)",
        }
    }
}

/// Filters, order and page of an incident listing. Empty filters match everything.
#[derive(Clone, Debug, Default)]
pub struct IncidentQuery {
    /// Country name (case-insensitive).
    pub country: Option<String>,
    /// Admin1 name (case-insensitive).
    pub admin1: Option<String>,
    /// Bounding box: west, south, east, north in degrees.
    pub bbox: Option<[f64; 4]>,
    /// Incidents that end on or after this day.
    pub from: Option<NaiveDate>,
    /// Incidents that start on or before this day.
    pub to: Option<NaiveDate>,
    /// Event type (snake case).
    pub event_type: Option<String>,
    /// An actor: a perpetrator or a claimant (case-insensitive, whole name).
    pub actor: Option<String>,
    /// Grade (snake case).
    pub grade: Option<String>,
    /// Contested or not.
    pub contested: Option<bool>,
    /// Words that must all occur in one claim's evidence.
    pub text: Option<String>,
    /// Order.
    pub sort: Sort,
    /// Continue after this cursor (from [`Page::next`]).
    pub cursor: Option<String>,
    /// Rows per page.
    pub limit: usize,
}

/// One incident in a listing.
#[derive(Clone, Debug, PartialEq)]
pub struct IncidentRow {
    /// Id.
    pub id: String,
    /// First day.
    pub date_start: Option<String>,
    /// Last day.
    pub date_end: Option<String>,
    /// Country.
    pub country: Option<String>,
    /// Admin1.
    pub admin1: Option<String>,
    /// Admin2.
    pub admin2: Option<String>,
    /// Place name.
    pub place: Option<String>,
    /// Latitude.
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
    /// ACLED-style precision 1–3.
    pub geo_precision: Option<u8>,
    /// Event type.
    pub event_type: String,
    /// Sub-event type.
    pub sub_event_type: Option<String>,
    /// Grade.
    pub grade: String,
    /// Contested.
    pub contested: bool,
    /// Killed: low, best, high.
    pub killed: [Option<i64>; 3],
    /// Number of claims.
    pub claims: i64,
}

/// A page of incidents.
#[derive(Clone, Debug, Default)]
pub struct Page {
    /// The rows.
    pub rows: Vec<IncidentRow>,
    /// The cursor of the next page, if there is one.
    pub next: Option<String>,
}

/// Counts and killed per month, country and event type, for charts.
#[derive(Clone, Debug, Default)]
pub struct Stats {
    /// (YYYY-MM, incidents, killed best).
    pub by_month: Vec<(String, i64, i64)>,
    /// (country, incidents, killed best).
    pub by_country: Vec<(String, i64, i64)>,
    /// (event type, incidents, killed best).
    pub by_type: Vec<(String, i64, i64)>,
}

/// Who an API token speaks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    /// Reads.
    Reader,
    /// Reads and ingests.
    Analyst,
    /// Everything, including tokens.
    Admin,
}

impl Role {
    /// The role's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Reader => "reader",
            Role::Analyst => "analyst",
            Role::Admin => "admin",
        }
    }

    /// Parse a role's name.
    pub fn parse(s: &str) -> Option<Role> {
        Some(match s {
            "reader" => Role::Reader,
            "analyst" => Role::Analyst,
            "admin" => Role::Admin,
            _ => return None,
        })
    }
}

/// Why a query's input is refused.
#[derive(Debug, thiserror::Error)]
pub enum QueryError {
    /// The cursor was not made by this server.
    #[error("the cursor is not one this server returned")]
    BadCursor,
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for QueryError {
    fn from(e: rusqlite::Error) -> QueryError {
        QueryError::Store(StoreError::Sql(e))
    }
}

/// The filters of a query as SQL conditions on `incidents i`, with their parameters.
fn conditions(q: &IncidentQuery) -> (Vec<&'static str>, Vec<Value>) {
    let mut w = Vec::new();
    let mut p: Vec<Value> = Vec::new();
    let text = |s: &str| Value::Text(s.to_string());
    if let Some(c) = &q.country {
        w.push("i.country = ? COLLATE NOCASE");
        p.push(text(c));
    }
    if let Some(a) = &q.admin1 {
        w.push("i.admin1 = ? COLLATE NOCASE");
        p.push(text(a));
    }
    if let Some([west, south, east, north]) = q.bbox {
        // `+` keeps the planner on the sort index: a box holds many incidents, and walking them in
        // order until the page is full beats sorting all of them (measured).
        w.push("+i.lon BETWEEN ? AND ? AND +i.lat BETWEEN ? AND ?");
        p.extend([west, east, south, north].map(Value::Real));
    }
    if let Some(d) = q.from {
        w.push("COALESCE(i.date_end, i.date_start) >= ?");
        p.push(text(&d.to_string()));
    }
    if let Some(d) = q.to {
        // Written as the date sort key, so that the index on it can seek to the end of the range.
        w.push("i.date_start IS NOT NULL AND COALESCE(i.date_start, '') <= ?");
        p.push(text(&d.to_string()));
    }
    if let Some(t) = &q.event_type {
        w.push("i.event_type = ?");
        p.push(text(t));
    }
    if let Some(a) = &q.actor {
        w.push("i.id IN (SELECT incident_id FROM incident_actors WHERE actor = ? COLLATE NOCASE)");
        p.push(text(a));
    }
    if let Some(g) = &q.grade {
        w.push("i.grade = ?");
        p.push(text(g));
    }
    if let Some(c) = q.contested {
        w.push("i.contested = ?");
        p.push(Value::Integer(c as i64));
    }
    if let Some(words) = q.text.as_deref().map(fts_phrase).filter(|s| !s.is_empty()) {
        w.push(
            "i.id IN (SELECT ic.incident_id FROM incident_claims ic JOIN claims_fts f ON f.claim_id = ic.claim_id WHERE claims_fts MATCH ?)",
        );
        p.push(Value::Text(words));
    }
    (w, p)
}

/// User words as an FTS5 query that means "all of these words": each one quoted.
fn fts_phrase(s: &str) -> String {
    s.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-')
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(" ")
}

fn where_clause(w: &[&str]) -> String {
    if w.is_empty() { String::new() } else { format!("WHERE {}", w.join(" AND ")) }
}

const ROW_COLUMNS: &str = "i.id, i.date_start, i.date_end, i.country, i.admin1, i.admin2, i.place, i.lat, i.lon, i.geo_precision, i.event_type, i.sub_event_type, i.grade, i.contested, i.killed_low, i.killed_best, i.killed_high, i.claim_count";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<IncidentRow> {
    Ok(IncidentRow {
        id: r.get(0)?,
        date_start: r.get(1)?,
        date_end: r.get(2)?,
        country: r.get(3)?,
        admin1: r.get(4)?,
        admin2: r.get(5)?,
        place: r.get(6)?,
        lat: r.get(7)?,
        lon: r.get(8)?,
        geo_precision: r.get(9)?,
        event_type: r.get(10)?,
        sub_event_type: r.get(11)?,
        grade: r.get(12)?,
        contested: r.get(13)?,
        killed: [r.get(14)?, r.get(15)?, r.get(16)?],
        claims: r.get(17)?,
    })
}

impl SqliteStore {
    /// A page of incidents matching the query.
    pub fn list_incidents(&self, q: &IncidentQuery) -> Result<Page, QueryError> {
        let (mut w, mut p) = conditions(q);
        let key = q.sort.key();
        let (cmp, dir) = match q.sort {
            Sort::DateAsc => (">", "ASC"),
            Sort::DateDesc | Sort::KilledDesc => ("<", "DESC"),
        };
        let after;
        if let Some(c) = &q.cursor {
            let (k, id) = c.rsplit_once('~').ok_or(QueryError::BadCursor)?;
            let k = match q.sort {
                Sort::KilledDesc => Value::Integer(k.parse().map_err(|_| QueryError::BadCursor)?),
                _ => Value::Text(k.to_string()),
            };
            after = format!("({key}, i.id) {cmp} (?, ?)");
            w.push(&after);
            p.extend([k, Value::Text(id.to_string())]);
        }
        let limit = q.limit.clamp(1, 1000);
        p.push(Value::Integer(limit as i64 + 1));
        let sql = format!(
            "SELECT {ROW_COLUMNS}, {key} FROM incidents i {} ORDER BY {key} {dir}, i.id {dir} LIMIT ?",
            where_clause(&w)
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let mut keys = Vec::new();
        let mut rows = Vec::new();
        let mut q_rows = stmt.query(params_from_iter(p))?;
        while let Some(r) = q_rows.next()? {
            rows.push(row(r)?);
            keys.push(match r.get::<_, Value>(18)? {
                Value::Integer(i) => i.to_string(),
                Value::Text(t) => t,
                _ => String::new(),
            });
        }
        let next = (rows.len() > limit).then(|| {
            rows.truncate(limit);
            format!("{}~{}", keys[limit - 1], rows[limit - 1].id)
        });
        Ok(Page { rows, next })
    }

    /// Incidents and killed per month, country and event type, under the query's filters.
    pub fn stats(&self, q: &IncidentQuery) -> Result<Stats, QueryError> {
        let (w, p) = conditions(q);
        let group = |expr: &str| -> Result<Vec<(String, i64, i64)>, QueryError> {
            let sql = format!(
                "SELECT {expr} AS g, COUNT(*), COALESCE(SUM(i.killed_best), 0) FROM incidents i {} GROUP BY g HAVING g IS NOT NULL ORDER BY g",
                where_clause(&w)
            );
            let mut stmt = self.conn.prepare(&sql)?;
            let out = stmt
                .query_map(params_from_iter(p.iter()), |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<Result<_, _>>()?;
            Ok(out)
        };
        Ok(Stats {
            by_month: group("substr(i.date_start, 1, 7)")?,
            by_country: group("i.country")?,
            by_type: group("i.event_type")?,
        })
    }

    /// Actors with the number of incidents they appear in, most frequent first.
    pub fn actors(&self, limit: usize) -> Result<Vec<(String, i64)>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT actor, COUNT(*) AS n FROM incident_actors GROUP BY actor ORDER BY n DESC, actor LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit as i64], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?;
        Ok(rows)
    }

    /// Places with their country, admin1, mean coordinates and number of incidents.
    #[allow(clippy::type_complexity)]
    pub fn places(
        &self,
        limit: usize,
    ) -> Result<Vec<(String, Option<String>, Option<String>, Option<f64>, Option<f64>, i64)>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT place, country, admin1, AVG(lat), AVG(lon), COUNT(*) AS n FROM incidents WHERE place IS NOT NULL
             GROUP BY place, country, admin1 ORDER BY n DESC, place LIMIT ?1",
        )?;
        let rows = stmt
            .query_map([limit as i64], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }

    /// The claims of one document, in text order.
    pub fn document_claims(&self, document_id: &str) -> Result<Vec<Claim>, StoreError> {
        crate::claims_of(&self.conn, document_id)
    }

    /// The incident each claim of a document belongs to: (claim id, incident id).
    pub fn claim_incidents(&self, document_id: &str) -> Result<Vec<(String, String)>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT ic.claim_id, ic.incident_id FROM incident_claims ic JOIN claims c ON c.id = ic.claim_id WHERE c.document_id = ?1",
        )?;
        let rows = stmt.query_map([document_id], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?;
        Ok(rows)
    }

    /// The incidents a report of `country` (any, when `None`) from `from` to `to` could belong
    /// to: of that country or of none, with dates overlapping the window or undated; each with
    /// the linking features it was written with, if any.
    pub fn incident_features_near(
        &self,
        country: Option<&str>,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<(String, Option<String>)>, StoreError> {
        // ISO dates compare as text; the extremes are clamped to four-digit years.
        let day = |d: NaiveDate| {
            d.max(NaiveDate::from_ymd_opt(1, 1, 1).unwrap_or(d))
                .min(NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or(d))
                .to_string()
        };
        let (from, to) = (day(from), day(to));
        // Each arm walks an index: the country's incidents by date, or all by the date sort key.
        let in_window = "(date_start IS NULL OR (date_start <= ?3 AND COALESCE(date_end, date_start) >= ?2))";
        let sql = match country {
            Some(_) => format!(
                "SELECT id, link_features FROM incidents WHERE country = ?1 COLLATE NOCASE AND {in_window}
                 UNION SELECT id, link_features FROM incidents WHERE country IS NULL AND {in_window} ORDER BY id"
            ),
            None => "SELECT id, link_features FROM incidents WHERE ?1 IS NULL AND (COALESCE(date_start, '') = '' OR
                     (COALESCE(date_start, '') <= ?3 AND COALESCE(date_end, date_start) >= ?2)) ORDER BY id"
                .to_string(),
        };
        let mut stmt = self.conn.prepare(&sql)?;
        let rows =
            stmt.query_map(params![country, from, to], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?;
        Ok(rows)
    }

    /// The claims of one incident.
    pub fn incident_claim_list(&self, incident: &str) -> Result<Vec<Claim>, StoreError> {
        self.claims_where(
            "JOIN incident_claims ic ON ic.claim_id = c.id WHERE ic.incident_id = ?1 ORDER BY ic.position",
            Some(incident),
        )
    }

    /// Documents stored but not linked yet (an ingest stopped before linking, or a document just
    /// added).
    pub fn unlinked_documents(&self) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.conn.prepare("SELECT id FROM documents WHERE linked = 0 ORDER BY id")?;
        let rows = stmt.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
        Ok(rows)
    }

    /// Whether any incident is stored.
    pub fn has_incidents(&self) -> Result<bool, StoreError> {
        Ok(self.conn.query_row("SELECT EXISTS(SELECT 1 FROM incidents)", [], |r| r.get(0))?)
    }

    /// The number of incidents.
    pub fn incident_count(&self) -> Result<usize, StoreError> {
        let n: i64 = self.conn.query_row("SELECT COUNT(*) FROM incidents", [], |r| r.get(0))?;
        Ok(n as usize)
    }

    /// The analysed text (from the body start) and outlet of one document.
    pub fn document_text(&self, id: &str) -> Result<Option<(Option<String>, String)>, StoreError> {
        let row: Option<(Option<String>, String, i64)> = self
            .conn
            .query_row("SELECT outlet, text, body_start FROM documents WHERE id = ?1", [id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .optional()?;
        Ok(row.map(|(outlet, text, start)| (outlet, crate::body(text, start))))
    }

    /// Replace some incidents by others, in one transaction: the incidents `remove` (with their
    /// claim links) go, `add` come in with their linking features (see
    /// [`SqliteStore::incident_features_near`]), and the documents `linked` are marked linked. An
    /// incident of `add` stored exactly so already (the same fingerprint) is left as it is.
    /// Returns the number of incidents written.
    pub fn replace_incidents_of(
        &mut self,
        remove: &[String],
        add: &[(crosscheck_model::Incident, Option<String>)],
        linked: &[String],
    ) -> Result<usize, StoreError> {
        let tx = self.conn.transaction()?;
        // An incident that comes out exactly as it is stored stays as it is.
        let unchanged: std::collections::HashSet<&str> = {
            let removed: std::collections::HashSet<&str> = remove.iter().map(String::as_str).collect();
            let mut stored = tx.prepare("SELECT fingerprint FROM incidents WHERE id = ?1")?;
            let mut same = std::collections::HashSet::new();
            for (i, _) in add.iter().filter(|(i, _)| removed.contains(i.id.as_str())) {
                let fp: Option<Option<String>> = stored.query_row([&i.id], |r| r.get(0)).optional()?;
                if fp.flatten().is_some_and(|f| f == crate::fingerprint(i, &crate::Lists::of(i))) {
                    same.insert(i.id.as_str());
                }
            }
            same
        };
        {
            let mut del_claims = tx.prepare("DELETE FROM incident_claims WHERE incident_id = ?1")?;
            let mut del_actors = tx.prepare("DELETE FROM incident_actors WHERE incident_id = ?1")?;
            let mut del = tx.prepare("DELETE FROM incidents WHERE id = ?1")?;
            // An incident coming in under the id of one that stays is replaced too.
            for id in remove.iter().chain(add.iter().map(|(i, _)| &i.id)).filter(|id| !unchanged.contains(id.as_str()))
            {
                del_claims.execute([id])?;
                del_actors.execute([id])?;
                del.execute([id])?;
            }
        }
        crate::insert_incidents(
            &tx,
            add.iter().filter(|(i, _)| !unchanged.contains(i.id.as_str())).map(|(i, f)| (i, f.as_deref())),
        )?;
        {
            let mut mark = tx.prepare("UPDATE documents SET linked = 1 WHERE id = ?1")?;
            for d in linked {
                mark.execute([d])?;
            }
        }
        tx.commit()?;
        Ok(add.len() - unchanged.len())
    }

    /// Store a token's hash with its role; its id.
    pub fn add_token(&mut self, hash: &str, role: Role) -> Result<i64, StoreError> {
        self.conn.execute("INSERT INTO tokens (hash, role) VALUES (?1, ?2)", params![hash, role.as_str()])?;
        Ok(self.conn.last_insert_rowid())
    }

    /// The id and role of the token with this hash.
    pub fn token(&self, hash: &str) -> Result<Option<(i64, Role)>, StoreError> {
        let row: Option<(i64, String)> = self
            .conn
            .query_row("SELECT id, role FROM tokens WHERE hash = ?1", [hash], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        Ok(row.and_then(|(id, role)| Role::parse(&role).map(|r| (id, r))))
    }

    /// Record a write: who (token and role), what action, and its detail.
    pub fn audit(&mut self, token: Option<i64>, role: Role, action: &str, detail: &str) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO audit (token_id, role, action, detail) VALUES (?1, ?2, ?3, ?4)",
            params![token, role.as_str(), action, detail],
        )?;
        Ok(())
    }

    /// The latest audit entries: (at, token id, role, action, detail), newest first.
    #[allow(clippy::type_complexity)]
    pub fn audit_log(&self, limit: usize) -> Result<Vec<(String, Option<i64>, String, String, String)>, StoreError> {
        let mut stmt =
            self.conn.prepare("SELECT at, token_id, role, action, detail FROM audit ORDER BY id DESC LIMIT ?1")?;
        let rows = stmt
            .query_map([limit as i64], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_words_become_quoted_fts_terms() {
        assert_eq!(fts_phrase("Hombori \"sweep\" OR NEAR(x)"), "\"Hombori\" \"sweep\" \"OR\" \"NEAR\" \"x\"");
        assert_eq!(fts_phrase("  "), "");
    }
}
