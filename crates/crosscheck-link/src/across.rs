//! Linking across documents: one incident from many reports.
//!
//! Each document's incidents (see [`crate::link_document`]) are compared with those of other
//! documents in the same block: the same country (or one unknown) and dates within a window
//! (two days for stated dates, ten when a date is inferred). A pair is scored on:
//!
//! | evidence | score |
//! |---|---|
//! | event types: the same / both violent (battle, violence against civilians, explosion) / both protests or riots / a protest or riot and violence against civilians | +1 / +0.3 / +0.5 / 0; anything else keeps them apart |
//! | dates: overlapping / within the window | +1 / +0.3 |
//! | places: within 50 km or the same name / within 150 km / both geocoded and over 300 km apart | +1.5 / +0.5 / apart |
//! | places: different admin1 | apart |
//! | killed figures: ranges within a factor of 3 of each other / more than 10 apart, both dates stated | +1 / −1 |
//! | the same victim group named | +0.5 |
//! | the same perpetrator named ("JNIM"; not "unidentified gunmen") | +0.5 |
//! | the documents share text (containment ≥ 0.1) | +1 |
//!
//! A pair with no date compared, no place in common and no shared text is kept apart
//! whatever it scores: type, figures and victims say what happened, not which event.
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

fn gap_days(a: &Features, b: &Features) -> Option<i64> {
    let (x, y) = (a.date?, b.date?);
    if x.overlaps(&y) {
        return Some(0);
    }
    Some(if x.end < y.start { (y.start - x.end).num_days() } else { (x.start - y.end).num_days() })
}

fn window(a: &Features, b: &Features) -> i64 {
    window_days(a.date_inferred || b.date_inferred)
}

fn window_days(inferred: bool) -> i64 {
    if inferred { 10 } else { 2 }
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

/// What the comparison reads of an incident, computed once and kept together, so that
/// scoring a pair reads two small records instead of two incidents' strings. Names are kept
/// as 64-bit hashes: two different names that hash alike (odds of about 1 in 10^19 a pair)
/// would count as one.
///
/// The store keeps each incident's features ([`Features::encode`]), so that a new report is
/// compared with the incidents near it without reading their claims ([`may_join`]).
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Features {
    event_type: EventType,
    date: Option<crosscheck_model::DateRange>,
    date_inferred: bool,
    country: Option<u64>,
    admin1: Option<u64>,
    place: Option<u64>,
    /// Every place the incident's claims name for themselves (not countries, not the document's
    /// main place lent to a claim that names none), the incident's place and the place its
    /// coordinates come from, by spelling skeleton, sorted: reports of one event name it by
    /// different places ("Tinzaouaten", "Kidal").
    places: Vec<u64>,
    /// Their names, in the same order, for the reasons.
    place_names: Vec<String>,
    killed: Option<(u64, u64)>,
    victims: Vec<crosscheck_model::VictimGroup>,
    /// The perpetrators the asserting claims name, when named ("JNIM", "Malian army"; not
    /// "unidentified gunmen"), as sorted 64-bit hashes. Absent from features stored by earlier
    /// versions.
    #[serde(default)]
    actors: Vec<u64>,
    own_point: Option<(f64, f64)>,
    document: String,
    doc_key: u64,
}

impl Features {
    /// The features of an incident.
    pub fn of(i: &Incident) -> Features {
        let mut victims: Vec<_> = i.claims.iter().filter_map(|c| c.victims).collect();
        victims.sort_by_key(|v| v.as_str());
        victims.dedup();
        let mut actors: Vec<u64> = i
            .claims
            .iter()
            .filter(|c| c.stance == crosscheck_model::Stance::Asserts)
            .flat_map(|c| &c.perpetrators)
            .filter(|a| !a.starts_with("unidentified") && !a.starts_with("unnamed"))
            .map(|a| crate::fnv(a))
            .collect();
        actors.sort_unstable();
        actors.dedup();
        // Only places the reports name for the event itself (not a document's main place lent
        // to a claim that names none), and known to a town or nearer: a region's seat, where
        // every event known only to its region is mapped, says nothing of distance.
        let own_point = i
            .claims
            .iter()
            .filter_map(|c| c.place.as_ref())
            .filter(|p| {
                !p.from_document
                    && p.level != crosscheck_model::PlaceLevel::Country
                    && p.precision.is_none_or(|x| x < 3)
            })
            .find_map(|p| p.lat.zip(p.lon));
        let hash = |s: &Option<String>| s.as_deref().map(crate::fnv);
        // The place the incident's coordinates come from, when not its own: a village the
        // gazetteer lacks ("Tinzaouaten") also meets reports of the town it is mapped at ("Kidal").
        let geo_name = i.lat.and_then(|_| {
            i.claims
                .iter()
                .filter_map(|c| c.place.as_ref())
                .find(|p| p.lat == i.lat && p.lon == i.lon)
                .map(|p| p.name.as_str())
        });
        let skeleton = |name: &str| crate::fnv(&crosscheck_geo::normalise::skeleton(name));
        // The distinct names first (an incident's claims mostly share them), then their keys.
        let mut names: Vec<&str> = i
            .claims
            .iter()
            .filter_map(|c| c.place.as_ref())
            .filter(|p| p.level != crosscheck_model::PlaceLevel::Country && !p.from_document)
            .map(|p| p.name.as_str())
            .chain(i.place.as_deref())
            .chain(geo_name)
            .collect();
        names.sort_unstable();
        names.dedup();
        let mut places: Vec<(u64, String)> = names.into_iter().map(|n| (skeleton(n), n.to_string())).collect();
        places.sort();
        places.dedup_by_key(|p| p.0);
        let (places, place_names) = places.into_iter().unzip();
        Features {
            event_type: i.event_type,
            date: i.date,
            date_inferred: i.date_inferred,
            country: hash(&i.country),
            admin1: hash(&i.admin1),
            // Names by their spelling skeleton: "Tinzaouaten" and "Tinzawaten" are one place.
            place: i.place.as_deref().or(geo_name).map(skeleton),
            places,
            place_names,
            killed: killed(i),
            victims,
            actors,
            own_point,
            document: i.claims[0].document.clone(),
            doc_key: crate::sources::doc_key(&i.claims[0].document),
        }
    }
}

impl Features {
    /// The features as a short JSON text, for the store.
    pub fn encode(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Features from [`Features::encode`]'s text; `None` when it does not parse (written by
    /// another version).
    pub fn decode(text: &str) -> Option<Features> {
        serde_json::from_str(text).ok()
    }
}

/// Whether a report (`a`) may join an incident (`b`) of another document: the pair's score can
/// reach [`THRESHOLD`] however much text their documents share. An upper bound of
/// [`score_with`] for when the incident's texts are not at hand: a pair that fails it never
/// scores as one incident.
pub fn may_join(a: &Features, b: &Features) -> bool {
    scored(a, b, 1.0, false).is_some_and(|(s, _)| s >= THRESHOLD)
}

/// The score of two incidents from different documents, with its parts; `None` when something
/// keeps them apart.
pub fn score(a: &Incident, b: &Incident, sources: &SourceMap) -> Option<(f64, Vec<String>)> {
    score_with(&Features::of(a), &Features::of(b), sources, true)
}

/// [`score`] with precomputed features; the parts are written out only when `explain`.
pub fn score_with(fa: &Features, fb: &Features, sources: &SourceMap, explain: bool) -> Option<(f64, Vec<String>)> {
    scored(fa, fb, sources.similarity_of(fa.doc_key, fb.doc_key), explain)
}

/// [`score_with`] given the documents' text similarity `sim`.
fn scored(fa: &Features, fb: &Features, sim: f64, explain: bool) -> Option<(f64, Vec<String>)> {
    let mut s = 0.0;
    let mut why: Vec<String> = Vec::new();
    let mut note = |w: &dyn Fn() -> String| {
        if explain {
            why.push(w());
        }
    };
    if let (Some(x), Some(y)) = (fa.country, fb.country)
        && x != y
    {
        return None;
    }
    let (ta, tb) = (fa.event_type, fb.event_type);
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
    } else if (protest(ta) && tb == EventType::ViolenceAgainstCivilians)
        || (protest(tb) && ta == EventType::ViolenceAgainstCivilians)
    {
        // A crackdown on a protest is told as a protest by some and as killings of civilians
        // by others (ACLED's "excessive force against protesters"): compatible, no points.
        note(&|| format!("protest and violence against civilians ({} / {})", ta.as_str(), tb.as_str()));
    } else {
        return None;
    }
    match gap_days(fa, fb) {
        Some(0) => {
            s += 1.0;
            note(&|| "dates overlap".into());
        }
        Some(g) if g <= window(fa, fb) => {
            s += 0.3;
            note(&|| format!("dates {g} day(s) apart"));
        }
        Some(_) => return None,
        None => {}
    }
    // Whether the places agree (points within 150 km, or a name in common), for the rule below.
    let mut agree = false;
    match (fa.own_point, fb.own_point) {
        (Some(p), Some(q)) => {
            let km = crosscheck_geo::haversine_km(p, q);
            agree = km <= 150.0;
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
            if let Some(k) = common_place(fa, fb) {
                agree = true;
                s += 1.5;
                note(&|| format!("same place {}", place_name(fa, fb, k)));
            }
        }
    }
    if let (Some(x), Some(y)) = (fa.admin1, fb.admin1)
        && x != y
    {
        return None;
    }
    // Type, figures and victims alone say what happened, not which event: a merge needs a
    // date compared, a place matched or shared text.
    if gap_days(fa, fb).is_none() && !agree && sim < crate::sources::SHARED_TEXT {
        return None;
    }
    let stated = |f: &Features| f.date.is_some() && !f.date_inferred;
    if let (Some((alo, ahi)), Some((blo, bhi))) = (fa.killed, fb.killed) {
        let (lo, hi) = (alo.max(blo).max(1) as f64, ahi.min(bhi).max(1) as f64);
        let close = ahi.max(bhi) as f64 <= 3.0 * (alo.min(blo).max(1) as f64) || lo <= hi;
        if close {
            s += 1.0;
            note(&|| format!("killed {alo}–{ahi} and {blo}–{bhi} agree"));
        } else if stated(fa) && stated(fb) && ahi.max(bhi) as f64 > 10.0 * (alo.min(blo).max(1) as f64) {
            // Tolls ten times apart tell two events apart when both reports state their dates
            // (two attacks on one town a day apart); for a report that states none they are
            // more likely one side's own losses against the other's claims.
            s -= 1.0;
            note(&|| format!("killed {alo}–{ahi} and {blo}–{bhi} far apart"));
        }
    }
    if fa.victims.iter().any(|v| fb.victims.contains(v)) {
        s += 0.5;
        note(&|| "same victim group".into());
    }
    // The same named perpetrator. Different ones prove nothing: the parties blame each other.
    if fa.actors.iter().any(|a| fb.actors.binary_search(a).is_ok()) {
        s += 0.5;
        note(&|| "same perpetrator named".into());
    }
    if sim >= crate::sources::SHARED_TEXT {
        s += 1.0;
        note(&|| format!("the reports share text ({:.0}%)", sim * 100.0));
    }
    Some((s, why))
}

/// The key of a place both reports name, one of them as its own place: the place of one report
/// is named in the other. The place keys are compared first; the lists (on the heap) are read
/// only when they hold more than the place itself.
fn common_place(fa: &Features, fb: &Features) -> Option<u64> {
    let (pa, pb) = (fa.place?, fb.place?);
    if pa == pb || (fb.places.len() > 1 && fb.places.binary_search(&pa).is_ok()) {
        return Some(pa);
    }
    (fa.places.len() > 1 && fa.places.binary_search(&pb).is_ok()).then_some(pb)
}

/// The name of a place key, from either report's list.
fn place_name(fa: &Features, fb: &Features, key: u64) -> String {
    [fa, fb]
        .iter()
        .find_map(|f| f.places.binary_search(&key).ok().map(|i| f.place_names[i].clone()))
        .unwrap_or_default()
}

/// Whether two incidents of one document may be merged through other reports: they score as
/// one event when compared like two documents' reports.
fn same_document_ok(fa: &Features, fb: &Features, sources: &SourceMap) -> bool {
    identical(fa, fb) || score_with(fa, fb, sources, false).is_some_and(|(s, _)| s >= THRESHOLD + 1.0)
}

/// The same place, country and type, on stated dates at most a day apart: one article's
/// account of a multi-day event ("40 women were abducted on Thursday and 20 on Friday").
fn identical(a: &Features, b: &Features) -> bool {
    !a.date_inferred
        && !b.date_inferred
        && gap_days(a, b).is_some_and(|g| g <= 1)
        && a.place == b.place
        && a.country == b.country
        && a.event_type == b.event_type
}

/// The score given to two parts of one document with the same place and type, dated at most a
/// day apart.
const IDENTICAL: f64 = 10.0;

/// How many partners each incident keeps, its best-scoring ones: the merge is greedy, best
/// pair first, so lower pairs rarely decide anything, and keeping every pair over the threshold
/// grows with the square of a dense block (thousands of similar reports in a week of one war).
const PARTNERS: usize = 16;

/// Keep `(s, b)` among `best` if it is one of the [`PARTNERS`] best (ties by lower index) and
/// not there yet.
fn offer(best: &mut Vec<(f32, u32)>, s: f32, b: u32) {
    // A pair met in two blocks (an incident of unknown country is in every block) counts once.
    if best.iter().any(|&(_, c)| c == b) {
        return;
    }
    let at = best.partition_point(|&(t, c)| t > s || (t == s && c < b));
    if at < PARTNERS {
        best.insert(at, (s, b));
        best.truncate(PARTNERS);
    }
}

/// Call `f` once for each pair of a block's incidents whose dates are within the window of
/// [`window`] (or that have no date), each pair once. `idx` is sorted by start date, then
/// index. Stated dates meet only within two days, so they are swept on their own; an inferred
/// or missing date is compared with everything its ten-day window reaches.
fn each_candidate(features: &[Features], idx: &[usize], mut f: impl FnMut(usize, usize)) {
    let stated_date = |i: usize| features[i].date.filter(|_| !features[i].date_inferred);
    let (stated, other): (Vec<usize>, Vec<usize>) = idx.iter().partition(|&&i| stated_date(i).is_some());
    let key = |i: usize| (features[i].date.map(|d| d.start), i);
    // From `a`, the later members of `list` until their start passes `a`'s end by `days`.
    let mut sweep = |a: usize, list: &[usize], days: i64| {
        let from = list.partition_point(|&b| key(b) <= key(a));
        for &b in &list[from..] {
            if let (Some(x), Some(y)) = (features[a].date, features[b].date)
                && (y.start - x.end).num_days() > days
            {
                break;
            }
            f(a, b);
        }
    };
    for &a in &stated {
        sweep(a, &stated, window_days(false));
        sweep(a, &other, window_days(true));
    }
    for &a in &other {
        sweep(a, &stated, window_days(true));
        sweep(a, &other, window_days(true));
    }
}

/// Which incidents to merge: groups of indices into `incidents` (each incident of one document
/// only; see the module docs), with the reasons of each merge.
pub fn cluster(features: &[Features], sources: &SourceMap) -> Vec<(Vec<usize>, Vec<String>)> {
    // Blocks: by country (unknown countries go with every block), sorted by start date.
    let mut blocks: BTreeMap<Option<u64>, Vec<usize>> = BTreeMap::new();
    for (i, f) in features.iter().enumerate() {
        blocks.entry(f.country).or_default().push(i);
    }
    let unknown = blocks.get(&None).cloned().unwrap_or_default();
    // Each incident's document as a number: compared for every candidate pair.
    let mut numbers: std::collections::HashMap<&str, u32> = std::collections::HashMap::new();
    let doc: Vec<u32> = features
        .iter()
        .map(|f| {
            let n = numbers.len() as u32;
            *numbers.entry(f.document.as_str()).or_insert(n)
        })
        .collect();
    // Each incident's best partners (see `PARTNERS`).
    // Scores as f32 and indexes as u32: two lists of 16 for every incident of a million.
    let mut best: Vec<Vec<(f32, u32)>> = vec![Vec::new(); features.len()];
    for (country, members) in &blocks {
        let mut idx = members.clone();
        if country.is_some() {
            idx.extend(&unknown);
        }
        idx.sort_by_key(|&i| (features[i].date.map(|d| d.start), i));
        idx.dedup();
        each_candidate(features, &idx, |a, b| {
            let score = if doc[a] == doc[b] {
                // One document's drafts with the same stated date, place and type are one
                // event told in parts ("nine militants and one militiaman were killed").
                identical(&features[a], &features[b]).then_some(IDENTICAL)
            } else {
                score_with(&features[a], &features[b], sources, false).map(|(s, _)| s).filter(|&s| s >= THRESHOLD)
            };
            if let Some(s) = score {
                offer(&mut best[a], s as f32, b as u32);
                offer(&mut best[b], s as f32, a as u32);
            }
        });
    }
    let mut pairs: Vec<(f32, u32, u32)> = best
        .iter()
        .enumerate()
        .flat_map(|(a, bs)| bs.iter().map(move |&(s, b)| (s, (a as u32).min(b), (a as u32).max(b))))
        .collect();
    drop(best);
    pairs.sort_by(|x, y| y.0.total_cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));
    pairs.dedup_by(|x, y| (x.1, x.2) == (y.1, y.2));
    // Greedy merging, best pair first.
    let mut group: Vec<usize> = (0..features.len()).collect();
    let mut reasons: Vec<Vec<String>> = vec![Vec::new(); features.len()];
    // Each group's members, by document.
    let mut docs: Vec<std::collections::HashMap<u32, Vec<usize>>> =
        (0..features.len()).map(|i| [(doc[i], vec![i])].into_iter().collect()).collect();
    for (s, a, b) in pairs {
        let (a, b) = (a as usize, b as usize);
        let (ga, gb) = (group[a], group[b]);
        if ga == gb {
            continue;
        }
        // Two incidents of one document meet only if they could be one report of one event
        // (the document split them on weak grounds); an article's distinct events stay apart.
        // Only the documents both groups hold need a look.
        let (small, large) = if docs[ga].len() <= docs[gb].len() { (ga, gb) } else { (gb, ga) };
        let clash = docs[small].iter().any(|(doc, xs)| {
            docs[large].get(doc).is_some_and(|ys| {
                xs.iter().any(|&x| ys.iter().any(|&y| !same_document_ok(&features[x], &features[y], sources)))
            })
        });
        if clash {
            continue;
        }
        let (keep, gone) = (ga.min(gb), ga.max(gb));
        for (doc, xs) in std::mem::take(&mut docs[gone]) {
            for &i in &xs {
                group[i] = keep;
            }
            docs[keep].entry(doc).or_default().extend(xs);
        }
        let moved_reasons = std::mem::take(&mut reasons[gone]);
        reasons[keep].extend(moved_reasons);
        let same_doc = doc[a] == doc[b];
        // The parts of the score, written out only for the pairs that merge.
        let why = if same_doc {
            vec!["the same place and type, stated dates at most a day apart".to_string()]
        } else {
            score_with(&features[a], &features[b], sources, true).map(|x| x.1).unwrap_or_default()
        };
        reasons[keep].push(format!(
            "{} {} (score {s:.1}: {})",
            if same_doc { "joined another part of document" } else { "joined the report of document" },
            &features[b].document[..12.min(features[b].document.len())],
            why.join(", ")
        ));
    }
    docs.into_iter()
        .zip(reasons)
        .filter(|(d, _)| !d.is_empty())
        .map(|(d, r)| {
            let mut m: Vec<usize> = d.into_values().flatten().collect();
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
                .filter_map(|j| score_with(&f, &self.features[j], &sources, false).map(|(s, _)| (s, j)))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crosscheck_model::DateRange;

    fn features(date: Option<(u64, u64)>, inferred: bool) -> Features {
        let day0 = chrono::NaiveDate::from_ymd_opt(2022, 1, 1).unwrap();
        Features {
            event_type: EventType::Battle,
            date: date.map(|(s, len)| DateRange {
                start: day0 + chrono::Days::new(s),
                end: day0 + chrono::Days::new(s + len),
            }),
            date_inferred: inferred,
            country: None,
            admin1: None,
            place: None,
            places: Vec::new(),
            place_names: Vec::new(),
            killed: None,
            victims: Vec::new(),
            actors: Vec::new(),
            own_point: None,
            document: String::new(),
            doc_key: 0,
        }
    }

    impl Features {
        fn set_place(&mut self, place: Option<u64>) {
            self.place = place;
            self.places = place.into_iter().collect();
            self.place_names = place.iter().map(|p| format!("place {p}")).collect();
        }
    }

    /// The sweep visits exactly the pairs whose dates are within their window (or undated),
    /// each once, as comparing every pair would.
    #[test]
    fn may_join_never_refuses_a_pair_that_scores_as_one_incident() {
        let types = [EventType::Battle, EventType::ViolenceAgainstCivilians, EventType::Protest];
        let mut all = Vec::new();
        for (k, t) in types.iter().enumerate() {
            for date in [None, Some((10, 0)), Some((12, 0)), Some((30, 2))] {
                for place in [None, Some(1), Some(2)] {
                    for killed in [None, Some((5, 5)), Some((100, 100))] {
                        let mut f = features(date, k == 1);
                        f.event_type = *t;
                        f.set_place(place);
                        f.killed = killed;
                        f.doc_key = all.len() as u64;
                        all.push(f);
                    }
                }
            }
        }
        for a in &all {
            for b in &all {
                for sim in [0.0, 0.5] {
                    if scored(a, b, sim, false).is_some_and(|(s, _)| s >= THRESHOLD) {
                        assert!(may_join(a, b), "{a:?} and {b:?} score as one at similarity {sim}");
                    }
                }
            }
        }
        // And it does refuse: a battle and a protest.
        assert!(!may_join(&all[0], &all[all.len() - 1]));
        // What the store keeps compares as the features themselves.
        for (a, b) in all.iter().zip(all.iter().rev()) {
            let back = Features::decode(&a.encode()).expect("round trip");
            assert_eq!(format!("{:?}", scored(&back, b, 0.5, true)), format!("{:?}", scored(a, b, 0.5, true)));
        }
    }

    #[test]
    fn type_and_figures_alone_join_nothing() {
        let sources = SourceMap::default();
        let mut a = features(None, false);
        a.killed = Some((50, 50));
        a.victims = vec![crosscheck_model::VictimGroup::Civilians];
        a.doc_key = 1;
        let mut b = a.clone();
        b.doc_key = 2;
        assert!(score_with(&a, &b, &sources, false).is_none(), "no date, no place, no shared text");
        b.set_place(Some(7));
        a.set_place(Some(7));
        assert!(score_with(&a, &b, &sources, false).is_some_and(|(s, _)| s >= THRESHOLD), "the same place joins them");
    }

    #[test]
    fn a_crackdown_on_a_protest_joins_the_killings_of_its_protesters() {
        let sources = SourceMap::default();
        let mut a = features(Some((10, 0)), false);
        a.event_type = EventType::Protest;
        a.set_place(Some(3));
        a.doc_key = 1;
        let mut b = a.clone();
        b.event_type = EventType::ViolenceAgainstCivilians;
        b.doc_key = 2;
        let (s, why) = score_with(&a, &b, &sources, true).expect("compatible");
        assert!(s >= THRESHOLD, "{s} {why:?}");
        b.event_type = EventType::Battle;
        assert!(score_with(&a, &b, &sources, false).is_none(), "a protest and a battle stay apart");
    }

    #[test]
    fn the_candidate_sweep_meets_every_pair_in_its_window_once() {
        let mut seed = 7u64;
        let mut next = |n: u64| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        let fs: Vec<Features> = (0..300)
            .map(|_| {
                let date = (next(10) > 0).then(|| (next(120), if next(5) == 0 { next(40) } else { 0 }));
                features(date, next(4) == 0)
            })
            .collect();
        let mut idx: Vec<usize> = (0..fs.len()).collect();
        idx.sort_by_key(|&i| (fs[i].date.map(|d| d.start), i));
        let mut seen = Vec::new();
        each_candidate(&fs, &idx, |a, b| seen.push((a.min(b), a.max(b))));
        let n = seen.len();
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), n, "a pair was met twice");
        let expected: Vec<(usize, usize)> = (0..fs.len())
            .flat_map(|a| (a + 1..fs.len()).map(move |b| (a, b)))
            .filter(|&(a, b)| gap_days(&fs[a], &fs[b]).is_none_or(|g| g <= window(&fs[a], &fs[b])))
            .collect();
        // Every pair in the window is met; the others met are rejected by the score's window.
        for p in &expected {
            assert!(seen.binary_search(p).is_ok(), "missed {p:?}");
        }
        assert!(expected.len() > 500 && seen.len() < expected.len() * 3, "{} of {}", seen.len(), expected.len());
    }

    #[test]
    fn each_incident_keeps_its_best_partners_once() {
        let mut best = Vec::new();
        for b in 0..40u32 {
            offer(&mut best, 2.5 + (b % 7) as f32, b);
        }
        offer(&mut best, 8.5, 6);
        assert_eq!(best.len(), PARTNERS);
        assert_eq!(best[0], (8.5, 6));
        assert!(best.windows(2).all(|w| w[0].0 > w[1].0 || (w[0].0 == w[1].0 && w[0].1 < w[1].1)));
        assert_eq!(best.iter().filter(|&&(_, c)| c == 6).count(), 1);
    }
}
