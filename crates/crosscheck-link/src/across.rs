//! Linking across documents: one incident from many reports.
//!
//! Each document's incidents (see [`crate::link_document`]) are compared with those of other
//! documents in the same block: the same country (or one unknown) and dates within a window
//! (two days for stated dates, ten when a date is inferred). A pair is scored on:
//!
//! | evidence | score |
//! |---|---|
//! | event types: the same / both violent (battle, violence against civilians, explosion) / both protests or riots | +1 / +0.3 / +0.5; anything else keeps them apart |
//! | dates: overlapping / within the window | +1 / +0.3 |
//! | places: within 50 km or the same name / within 150 km / both geocoded and over 300 km apart | +1.5 / +0.5 / apart |
//! | places: different admin1 | apart |
//! | killed figures: ranges within a factor of 3 of each other / more than 10 apart | +1 / −1 |
//! | the same victim group named | +0.5 |
//! | the documents share text (containment ≥ 0.1) | +1 |
//!
//! Pairs scoring at least [`THRESHOLD`] are merged, best first (ties by id), unless the merge
//! would put two incidents of one document together that do not themselves score as one event
//! (a point above the threshold, since the shared text of one document proves nothing): an
//! article that reports two attacks keeps them apart. The reasons of each merge are kept in the incident's `merge_reasons`. Blocking by
//! country and a sorted date sweep keep the cost near-linear in the number of incidents.

use std::collections::BTreeMap;

use crosscheck_model::{Category, EventType, Incident};

use crate::sources::SourceMap;

/// The score from which two reports are one incident.
pub const THRESHOLD: f64 = 2.5;

fn violent(t: EventType) -> bool {
    matches!(t, EventType::Battle | EventType::ViolenceAgainstCivilians | EventType::ExplosionRemoteViolence)
}

fn gap_days(a: &Incident, b: &Incident) -> Option<i64> {
    let (x, y) = (a.date?, b.date?);
    if x.overlaps(&y) {
        return Some(0);
    }
    Some(if x.end < y.start { (y.start - x.end).num_days() } else { (x.start - y.end).num_days() })
}

fn window(a: &Incident, b: &Incident) -> i64 {
    if a.date_inferred || b.date_inferred { 10 } else { 2 }
}

fn killed(i: &Incident) -> Option<(u64, u64)> {
    let fs: Vec<_> = i
        .claims
        .iter()
        .filter(|c| c.stance == crosscheck_model::Stance::Asserts)
        .filter_map(|c| c.figures.get(&Category::Killed))
        .filter(|f| !f.vague)
        .collect();
    let lo = fs.iter().filter_map(|f| f.min.or(f.max)).min()?;
    let hi = fs.iter().filter_map(|f| f.max.or(f.min)).max()?;
    Some((lo, hi))
}

/// What the comparison reads of an incident, computed once.
#[derive(Clone, Debug)]
pub struct Features {
    killed: Option<(u64, u64)>,
    victims: Vec<crosscheck_model::VictimGroup>,
    own_point: Option<(f64, f64)>,
    document: String,
}

impl Features {
    /// The features of an incident.
    pub fn of(i: &Incident) -> Features {
        let mut victims: Vec<_> = i.claims.iter().filter_map(|c| c.victims).collect();
        victims.sort_by_key(|v| v.as_str());
        victims.dedup();
        // Only places the reports name for the event itself (not a document's main place lent
        // to a claim that names none).
        let own_point = i
            .claims
            .iter()
            .filter_map(|c| c.place.as_ref())
            .filter(|p| !p.from_document && p.level != crosscheck_model::PlaceLevel::Country)
            .find_map(|p| p.lat.zip(p.lon));
        Features { killed: killed(i), victims, own_point, document: i.claims[0].document.clone() }
    }
}

/// The score of two incidents from different documents, with its parts; `None` when something
/// keeps them apart.
pub fn score(a: &Incident, b: &Incident, sources: &SourceMap) -> Option<(f64, Vec<String>)> {
    score_with(a, &Features::of(a), b, &Features::of(b), sources, true)
}

/// [`score`] with precomputed features; the parts are written out only when `explain`.
pub fn score_with(
    a: &Incident,
    fa: &Features,
    b: &Incident,
    fb: &Features,
    sources: &SourceMap,
    explain: bool,
) -> Option<(f64, Vec<String>)> {
    let mut s = 0.0;
    let mut why: Vec<String> = Vec::new();
    let mut note = |w: &dyn Fn() -> String| {
        if explain {
            why.push(w());
        }
    };
    if let (Some(x), Some(y)) = (&a.country, &b.country)
        && x != y
    {
        return None;
    }
    let (ta, tb) = (a.event_type, b.event_type);
    let protest = |t: EventType| matches!(t, EventType::Protest | EventType::Riot);
    if ta == tb {
        s += 1.0;
        note(&|| format!("same type {}", ta.as_str()));
    } else if violent(ta) && violent(tb) {
        s += 0.3;
        note(&|| format!("both violent ({} / {})", ta.as_str(), tb.as_str()));
    } else if protest(ta) && protest(tb) {
        s += 0.5;
        note(&|| "protest and riot".into());
    } else {
        return None;
    }
    match gap_days(a, b) {
        Some(0) => {
            s += 1.0;
            note(&|| "dates overlap".into());
        }
        Some(g) if g <= window(a, b) => {
            s += 0.3;
            note(&|| format!("dates {g} day(s) apart"));
        }
        Some(_) => return None,
        None => {}
    }
    match (fa.own_point, fb.own_point) {
        (Some(p), Some(q)) => {
            let km = crosscheck_geo::haversine_km(p, q);
            if km <= 50.0 {
                s += 1.5;
                note(&|| format!("places {km:.0} km apart"));
            } else if km <= 150.0 {
                s += 0.5;
                note(&|| format!("places {km:.0} km apart"));
            } else if km > 300.0 {
                return None;
            }
        }
        _ => {
            if let (Some(x), Some(y)) = (&a.place, &b.place)
                && x == y
            {
                s += 1.5;
                note(&|| format!("same place {x}"));
            }
        }
    }
    if let (Some(x), Some(y)) = (&a.admin1, &b.admin1)
        && x != y
    {
        return None;
    }
    if let (Some((alo, ahi)), Some((blo, bhi))) = (fa.killed, fb.killed) {
        let (lo, hi) = (alo.max(blo).max(1) as f64, ahi.min(bhi).max(1) as f64);
        let close = ahi.max(bhi) as f64 <= 3.0 * (alo.min(blo).max(1) as f64) || lo <= hi;
        if close {
            s += 1.0;
            note(&|| format!("killed {alo}–{ahi} and {blo}–{bhi} agree"));
        } else if ahi.max(bhi) as f64 > 10.0 * (alo.min(blo).max(1) as f64) {
            s -= 1.0;
            note(&|| format!("killed {alo}–{ahi} and {blo}–{bhi} far apart"));
        }
    }
    if fa.victims.iter().any(|v| fb.victims.contains(v)) {
        s += 0.5;
        note(&|| "same victim group".into());
    }
    let sim = if sources.similarity.is_empty() { 0.0 } else { sources.similarity(&fa.document, &fb.document) };
    if sim >= crate::sources::SHARED_TEXT {
        s += 1.0;
        note(&|| format!("the reports share text ({:.0}%)", sim * 100.0));
    }
    Some((s, why))
}

/// Whether two incidents of one document may be merged through other reports: they score as
/// one event when compared like two documents' reports.
fn same_document_ok(a: &Incident, fa: &Features, b: &Incident, fb: &Features, sources: &SourceMap) -> bool {
    identical(a, b) || score_with(a, fa, b, fb, sources, false).is_some_and(|(s, _)| s >= THRESHOLD + 1.0)
}

/// The same stated date, place, country and type.
fn identical(a: &Incident, b: &Incident) -> bool {
    !a.date_inferred
        && !b.date_inferred
        && a.date.is_some()
        && a.date == b.date
        && a.place == b.place
        && a.country == b.country
        && a.event_type == b.event_type
}

/// Which incidents to merge: groups of indices into `incidents` (each incident of one document
/// only; see the module docs), with the reasons of each merge.
pub fn cluster(incidents: &[Incident], sources: &SourceMap) -> Vec<(Vec<usize>, Vec<String>)> {
    // Blocks: by country (unknown countries go with every block), sorted by start date.
    let mut blocks: BTreeMap<Option<&str>, Vec<usize>> = BTreeMap::new();
    for (i, inc) in incidents.iter().enumerate() {
        blocks.entry(inc.country.as_deref()).or_default().push(i);
    }
    let unknown = blocks.get(&None).cloned().unwrap_or_default();
    let features: Vec<Features> = incidents.iter().map(Features::of).collect();
    let mut pairs: Vec<(f64, usize, usize, Vec<String>)> = Vec::new();
    for (country, members) in &blocks {
        let mut idx = members.clone();
        if country.is_some() {
            idx.extend(&unknown);
        }
        idx.sort_by_key(|&i| (incidents[i].date.map(|d| d.start), i));
        idx.dedup();
        for (k, &a) in idx.iter().enumerate() {
            for &b in &idx[k + 1..] {
                // The sweep: dates sorted by start, so later ones only get further away.
                if let (Some(x), Some(y)) = (incidents[a].date, incidents[b].date)
                    && (y.start - x.end).num_days() > 10
                {
                    break;
                }
                let (ia, ib) = (&incidents[a], &incidents[b]);
                if ia.claims[0].document == ib.claims[0].document {
                    // One document's drafts with the same stated date, place and type are one
                    // event told in parts ("nine militants and one militiaman were killed").
                    if identical(ia, ib) {
                        pairs.push((10.0, a.min(b), a.max(b), vec!["identical date, place and type".into()]));
                    }
                    continue;
                }
                if let Some((s, _)) = score_with(ia, &features[a], ib, &features[b], sources, false)
                    && s >= THRESHOLD
                {
                    pairs.push((s, a.min(b), a.max(b), Vec::new()));
                }
            }
        }
    }
    pairs.sort_by(|x, y| y.0.total_cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));
    pairs.dedup_by(|x, y| (x.1, x.2) == (y.1, y.2));
    // Greedy merging, best pair first.
    let mut group: Vec<usize> = (0..incidents.len()).collect();
    let mut members: Vec<Vec<usize>> = (0..incidents.len()).map(|i| vec![i]).collect();
    let mut reasons: Vec<Vec<String>> = vec![Vec::new(); incidents.len()];
    for (s, a, b, why) in pairs {
        let (ga, gb) = (group[a], group[b]);
        if ga == gb {
            continue;
        }
        // Two incidents of one document meet only if they could be one report of one event
        // (the document split them on weak grounds); an article's distinct events stay apart.
        let clash = members[ga].iter().any(|&x| {
            members[gb].iter().any(|&y| {
                incidents[x].claims[0].document == incidents[y].claims[0].document
                    && !same_document_ok(&incidents[x], &features[x], &incidents[y], &features[y], sources)
            })
        });
        if clash {
            continue;
        }
        let (keep, gone) = (ga.min(gb), ga.max(gb));
        let moved = std::mem::take(&mut members[gone]);
        for &i in &moved {
            group[i] = keep;
        }
        members[keep].extend(moved);
        let moved_reasons = std::mem::take(&mut reasons[gone]);
        reasons[keep].extend(moved_reasons);
        let same_doc = incidents[a].claims[0].document == incidents[b].claims[0].document;
        // The parts of the score, written out only for the pairs that merge.
        let why = if why.is_empty() {
            score_with(&incidents[a], &features[a], &incidents[b], &features[b], sources, true)
                .map(|x| x.1)
                .unwrap_or_default()
        } else {
            why
        };
        reasons[keep].push(format!(
            "{} {} (score {s:.1}: {})",
            if same_doc { "joined another part of document" } else { "joined the report of document" },
            &incidents[b].claims[0].document[..12.min(incidents[b].claims[0].document.len())],
            why.join(", ")
        ));
    }
    members
        .into_iter()
        .zip(reasons)
        .filter(|(m, _)| !m.is_empty())
        .map(|(mut m, r)| {
            m.sort_unstable();
            (m, r)
        })
        .collect()
}

/// Incidents kept for incremental linking: a new document's incidents are compared only with
/// those of their country within the date window, and merged into the best match.
pub struct LinkIndex {
    /// The incidents.
    pub incidents: Vec<Incident>,
    features: Vec<Features>,
    by_country: std::collections::HashMap<Option<String>, BTreeMap<Option<chrono::NaiveDate>, Vec<usize>>>,
}

impl LinkIndex {
    /// Index linked incidents.
    pub fn new(incidents: Vec<Incident>) -> LinkIndex {
        let mut ix = LinkIndex {
            features: incidents.iter().map(Features::of).collect(),
            incidents,
            by_country: Default::default(),
        };
        for i in 0..ix.incidents.len() {
            ix.put(i);
        }
        ix
    }

    fn put(&mut self, i: usize) {
        let inc = &self.incidents[i];
        self.by_country.entry(inc.country.clone()).or_default().entry(inc.date.map(|d| d.start)).or_default().push(i);
    }

    fn candidates(&self, inc: &Incident) -> Vec<usize> {
        let mut out = Vec::new();
        let lists: Vec<&BTreeMap<Option<chrono::NaiveDate>, Vec<usize>>> = match &inc.country {
            Some(_) => [self.by_country.get(&inc.country), self.by_country.get(&None)].into_iter().flatten().collect(),
            None => self.by_country.values().collect(),
        };
        for dates in lists {
            match inc.date {
                Some(d) => {
                    let lo = d.start.checked_sub_days(chrono::Days::new(40));
                    let hi = d.end.checked_add_days(chrono::Days::new(10));
                    for (_, v) in dates.range(Some(lo.unwrap_or(d.start))..=Some(hi.unwrap_or(d.end))) {
                        out.extend(v);
                    }
                }
                None => out.extend(dates.values().flatten()),
            }
        }
        out
    }

    /// Link one new document's claims: its incidents join their best match or stand alone.
    /// Returns the indices of the incidents touched.
    pub fn add_document(&mut self, claims: &[crosscheck_model::Claim]) -> Vec<usize> {
        let mut touched = Vec::new();
        let sources = SourceMap::default();
        for inc in crate::link(claims, &[]).incidents {
            let f = Features::of(&inc);
            let best = self
                .candidates(&inc)
                .into_iter()
                .filter_map(|j| {
                    score_with(&inc, &f, &self.incidents[j], &self.features[j], &sources, false).map(|(s, _)| (s, j))
                })
                .filter(|(s, _)| *s >= THRESHOLD)
                .max_by(|x, y| x.0.total_cmp(&y.0).then(y.1.cmp(&x.1)));
            match best {
                Some((s, j)) => {
                    let target = &mut self.incidents[j];
                    target.claims.extend(inc.claims);
                    target.merge_reasons.push(format!("a new report joined (score {s:.1})"));
                    self.features[j] = Features::of(&self.incidents[j]);
                    touched.push(j);
                }
                None => {
                    self.features.push(f);
                    self.incidents.push(inc);
                    let i = self.incidents.len() - 1;
                    self.put(i);
                    touched.push(i);
                }
            }
        }
        touched
    }
}
