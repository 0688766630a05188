//! The `acled` format: ACLED CSV exports (`../shared/data/acled-mali/*.csv`,
//! `../shared/data/acled-burkina-faso/*.csv`).
//!
//! **Input** (all that reaches the extractor): the `notes` text of each event, as a document
//! published 7 days after `event_date`. Everything else in the row is gold. Exports with one row
//! per actor are grouped back into events by `event_id_cnty` (first row kept).
//!
//! **Prediction for an event**: the incident that holds the earliest claim of its notes (ACLED
//! notes open with the coded event). No incident: every field counts as a miss, and fatalities
//! are predicted 0 (ACLED's "no casualties reported").
//!
//! **Metrics** (all over events): `event_type.accuracy` and `sub_event_type.accuracy` (exact,
//! ACLED's names); `fatalities.exact` (the incident's killed figure, its lower bound when it is
//! a range, else its upper bound, else 0, against `fatalities`); `date.exact` (incident start
//! against `event_date`; `location.within_25km` (the incident's coordinates within 25 km of
//! ACLED's, over all events), `location.geocoded` (events with coordinates) and
//! `location.km_median` (median distance where both exist); `date.stated_share` is the share of events whose notes give the date
//! and `date.exact_when_stated` the exact share among those, since the other notes can only
//! fall back to the publication date); `admin1.accuracy` and `location.match` (names compared with
//! [`crate::names::same_admin1`] and [`crate::names::same_place`]: a region carved out of the
//! gold's after it was coded counts as it). `notes.name_the_place` is the share of events whose
//! notes name the coded location or one of its divisions (`admin1`–`admin3`, [`names_place`]):
//! the others can be placed only by a guess, so it bounds what reading the notes can reach.

use std::collections::HashSet;
use std::path::Path;

use chrono::{Days, NaiveDate};
use crosscheck_model::{Category, DocMeta, Document, EventType, Incident};
use crosscheck_nlp::Resources;

use crate::names::{fold, place_key, same_admin1, same_place};
use crate::{EvalError, Metric, Miss, Scores, read};

/// One ACLED event: the input and the gold.
#[derive(Clone, Debug)]
pub struct Event {
    /// `event_id_cnty`.
    pub id: String,
    /// `event_date`.
    pub date: Option<NaiveDate>,
    /// `event_type`.
    pub event_type: String,
    /// `sub_event_type`.
    pub sub_event_type: String,
    /// `admin1`.
    pub admin1: String,
    /// `location`.
    pub location: String,
    /// `admin2` and `admin3`, where the export has them.
    pub divisions: Vec<String>,
    /// `fatalities`.
    pub fatalities: Option<u64>,
    /// `latitude`, `longitude`.
    pub coordinates: Option<(f64, f64)>,
    /// `notes`: the input.
    pub notes: String,
}

/// Parse ACLED's date formats: `2020-10-31`, `31 December 2020`, `16-Feb-21`.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    ["%Y-%m-%d", "%d %B %Y", "%d-%b-%y", "%d %b %Y"].iter().find_map(|f| NaiveDate::parse_from_str(s, f).ok())
}

/// ACLED's event type name in crosscheck's snake case (the mapping ingest uses for exports).
pub fn event_type_of(acled: &str) -> Option<EventType> {
    crosscheck_ingest::export::acled_type(acled)
}

/// Read the events of one CSV file.
pub fn load(path: &Path) -> Result<Vec<Event>, EvalError> {
    let text = read(path)?;
    let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
    let bad = |line: usize, reason: String| EvalError::BadRecord { path: path.to_path_buf(), line, reason };
    let headers = rdr.headers().map_err(|e| bad(1, e.to_string()))?.clone();
    let col = |name: &str| headers.iter().position(|h| h == name);
    let need = |name: &str| col(name).ok_or_else(|| bad(1, format!("no `{name}` column: not an ACLED export")));
    let (c_id, c_date, c_type, c_sub, c_notes, c_fat) = (
        need("event_id_cnty")?,
        need("event_date")?,
        need("event_type")?,
        need("sub_event_type")?,
        need("notes")?,
        need("fatalities")?,
    );
    let (c_admin1, c_loc) = (col("admin1"), col("location"));
    let (c_admin2, c_admin3) = (col("admin2"), col("admin3"));
    let (c_lat, c_lon) = (col("latitude"), col("longitude"));
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for (n, rec) in rdr.records().enumerate() {
        let rec = rec.map_err(|e| bad(n + 2, e.to_string()))?;
        let get = |c: usize| rec.get(c).unwrap_or("").to_string();
        let id = get(c_id);
        if !seen.insert(id.clone()) {
            continue;
        }
        out.push(Event {
            id,
            date: parse_date(&get(c_date)),
            event_type: get(c_type),
            sub_event_type: get(c_sub),
            admin1: c_admin1.map(get).unwrap_or_default(),
            location: c_loc.map(get).unwrap_or_default(),
            divisions: [c_admin2, c_admin3].into_iter().flatten().map(get).filter(|d| !d.trim().is_empty()).collect(),
            fatalities: get(c_fat).trim().parse().ok(),
            coordinates: c_lat
                .zip(c_lon)
                .and_then(|(a, b)| Some((get(a).trim().parse().ok()?, get(b).trim().parse().ok()?))),
            notes: get(c_notes),
        });
    }
    Ok(out)
}

/// Whether `text` names `place`: its [`place_key`] words appear in a row, or a row of as many
/// words has its [`same_place`] spelling ("Diabali" names "Diabaly"). Words split at hyphens,
/// so "Kobari-Sud" also names "Kobari": for a bound, generous.
pub fn names_place(text: &str, place: &str) -> bool {
    let want = place_key(place);
    let k = want.split_whitespace().count();
    if k == 0 {
        return false;
    }
    let folded = fold(text);
    let words: Vec<&str> = folded.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    words.windows(k).any(|w| same_place(&w.join(" "), &want))
}

/// The document the extractor sees for an event: its notes, published 7 days later.
pub fn document(e: &Event) -> Document {
    let published = e.date.and_then(|d| d.checked_add_days(Days::new(7)));
    let id = crosscheck_ingest::sha256_hex(e.notes.as_bytes());
    Document {
        id,
        text: e.notes.clone(),
        body_start: 0,
        meta: DocMeta { published, language: Some("en".into()), ..DocMeta::default() },
    }
}

/// The incident predicted for a document: the one holding its earliest claim.
pub fn main_incident(doc: &Document, res: &Resources) -> Option<Incident> {
    main_incident_of(&crosscheck_nlp::analyze_with(doc, res, &crosscheck_nlp::CLAIMS_ONLY).claims)
}

/// The incident holding the earliest of these claims.
pub fn main_incident_of(claims: &[crosscheck_model::Claim]) -> Option<Incident> {
    let incidents = crosscheck_link::build_incidents(claims);
    incidents.into_iter().min_by_key(|i| i.claims.iter().map(|c| c.sentence).min().unwrap_or(usize::MAX))
}

/// The fatalities an incident implies, ACLED-style: one total. The killed figures of the first
/// sentence that gives any are added up across its victim groups ("1 soldier and 10 fighters
/// were killed" → 11), each taken at its lower bound (else its upper bound).
pub fn fatalities(inc: &Incident) -> u64 {
    let killed = |c: &&crosscheck_model::Claim| {
        c.stance == crosscheck_model::Stance::Asserts && c.figures.contains_key(&Category::Killed)
    };
    let Some(first) = inc.claims.iter().filter(killed).map(|c| (c.document.clone(), c.sentence)).next() else {
        return 0;
    };
    inc.claims
        .iter()
        .filter(killed)
        .filter(|c| (c.document.clone(), c.sentence) == first)
        .filter_map(|c| c.figures.get(&Category::Killed).and_then(|f| f.min.or(f.max)))
        .sum()
}

/// Score an ACLED CSV file, or every CSV in a folder.
pub fn evaluate(path: &Path, res: &Resources) -> Result<Scores, EvalError> {
    let files: Vec<std::path::PathBuf> = if path.is_dir() {
        let mut v: Vec<_> = std::fs::read_dir(path)
            .map_err(|source| EvalError::Io { path: path.to_path_buf(), source })?
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "csv"))
            .collect();
        v.sort();
        v
    } else {
        vec![path.to_path_buf()]
    };
    // Exports of one country overlap; an event counts once, from the first file that has it.
    let mut events = Vec::new();
    let mut seen = HashSet::new();
    for f in &files {
        events.extend(load(f)?.into_iter().filter(|e| seen.insert(e.id.clone())));
    }
    let mut hits = [0usize; 6];
    // Events whose notes name their coded place or a division holding it.
    let mut named = 0usize;
    // (events whose notes state the date, of which exact)
    let mut stated = (0usize, 0usize);
    // Distances (km) from the incident's coordinates to ACLED's, where both exist.
    let mut km = Vec::new();
    let mut misses = Vec::new();
    // The events of a file are read together, as a collection (a country's export).
    let docs: Vec<Document> = events.iter().map(document).collect();
    let analyses = crosscheck_nlp::analyze_collection(&docs, res, &crosscheck_nlp::CLAIMS_ONLY);
    for (e, a) in events.iter().zip(&analyses) {
        let inc = main_incident_of(&a.claims);
        named += usize::from(
            [&e.location, &e.admin1].into_iter().chain(&e.divisions).any(|name| names_place(&e.notes, name)),
        );
        let got_type = inc.as_ref().map(|i| i.event_type);
        let got_sub = inc.as_ref().and_then(|i| i.sub_event_type.clone()).unwrap_or_default();
        let got_fat = inc.as_ref().map_or(0, fatalities);
        let got_date = inc.as_ref().and_then(|i| i.date).map(|d| d.start);
        // Whether the notes state the date (not the publication-date fallback).
        if inc.as_ref().is_some_and(|i| i.date.is_some() && !i.date_inferred) {
            stated.0 += 1;
            stated.1 += usize::from(got_date == e.date);
        }
        let got_admin1 = inc.as_ref().and_then(|i| i.admin1.clone()).unwrap_or_default();
        let got_place = inc.as_ref().and_then(|i| i.place.clone()).unwrap_or_default();
        let got_ll = inc.as_ref().and_then(|i| i.lat.zip(i.lon));
        if let (Some(a), Some(b)) = (got_ll, e.coordinates) {
            km.push(crosscheck_geo::haversine_km(a, b));
        }
        let checks = [
            (
                got_type.is_some() && got_type == event_type_of(&e.event_type),
                "event_type",
                e.event_type.clone(),
                got_type.map_or("-".into(), |t| t.as_str().to_string()),
            ),
            (
                !got_sub.is_empty() && got_sub == e.sub_event_type,
                "sub_event_type",
                e.sub_event_type.clone(),
                got_sub.clone(),
            ),
            (Some(got_fat) == e.fatalities, "fatalities", format!("{:?}", e.fatalities), got_fat.to_string()),
            (got_date.is_some() && got_date == e.date, "date", format!("{:?}", e.date), format!("{got_date:?}")),
            (
                !got_admin1.is_empty() && same_admin1(&got_admin1, &e.admin1),
                "admin1",
                e.admin1.clone(),
                got_admin1.clone(),
            ),
            (
                !got_place.is_empty() && same_place(&got_place, &e.location),
                "location",
                e.location.clone(),
                got_place.clone(),
            ),
        ];
        for (k, (ok, kind, exp, got)) in checks.into_iter().enumerate() {
            if ok {
                hits[k] += 1;
            } else {
                misses.push(Miss { kind: kind.into(), doc: e.id.clone(), text: e.notes.clone(), expected: exp, got });
            }
        }
    }
    let n = events.len();
    let mut m = std::collections::BTreeMap::new();
    for (k, name) in [
        "event_type.accuracy",
        "sub_event_type.accuracy",
        "fatalities.exact",
        "date.exact",
        "admin1.accuracy",
        "location.match",
    ]
    .into_iter()
    .enumerate()
    {
        m.insert(name.to_string(), Metric::ratio(hits[k], n));
    }
    m.insert("date.stated_share".to_string(), Metric::ratio(stated.0, n));
    m.insert("location.within_25km".to_string(), Metric::ratio(km.iter().filter(|d| **d <= 25.0).count(), n));
    m.insert("location.geocoded".to_string(), Metric::ratio(km.len(), n));
    m.insert("location.km_median".to_string(), Metric::value(crate::median(km.clone()), km.len()));
    m.insert("date.exact_when_stated".to_string(), Metric::ratio(stated.1, stated.0));
    m.insert("notes.name_the_place".to_string(), Metric::ratio(named, n));
    // Misses in a fixed order: by field, then event id.
    misses.sort_by(|a, b| (a.kind.as_str(), a.doc.as_str()).cmp(&(b.kind.as_str(), b.doc.as_str())));
    Ok(Scores {
        format: "acled".into(),
        summary: format!("{n} events from {} file(s)", files.len()),
        metrics: m,
        misses,
    })
}

#[cfg(test)]
mod tests {
    use super::names_place;

    #[test]
    fn notes_name_a_place_by_whole_words_in_any_spelling() {
        let note = "On 3 May, gunmen attacked the village of Kobari-Sud near Diabali (Niono, Segou).";
        assert!(names_place(note, "Kobari-Sud"));
        assert!(names_place(note, "Diabaly"), "a transliteration names it");
        assert!(names_place(note, "Ségou Region"), "a trailing type word is not needed");
        // A bound errs on the generous side: a part of a hyphenated name counts.
        assert!(names_place(note, "Kobari"));
        assert!(!names_place(note, "Sego"), "part of a word is not a name");
        assert!(!names_place(note, "Mopti"));
        assert!(!names_place(note, ""));
    }
}
