//! The one visible pipeline: every stage of the analysis of one document, in order.
//!
//! `analyze` cannot fail. Problems (an unresolvable date, a document with no country context)
//! become warnings next to the results.

use chrono::Datelike;
use crosscheck_model::{Claim, Document, Span};

use crate::dates::{self, DateConfig};
use crate::frame::{self, DocState, SentenceInput};
use crate::geocode::Collection;
use crate::lexicon::Resources;
use crate::tokens::tokenize;
use crate::{actors, attribution, geocode, numbers, places, sentences};

/// One line of `explain`: what was found in a sentence, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    /// What kind of finding ("date", "figure", "claimant", "claim", "skipped"…).
    pub what: &'static str,
    /// The words it is about.
    pub text: String,
    /// The value found and the rule or lexicon entry used.
    pub detail: String,
}

impl Note {
    /// A note.
    pub fn new(what: &'static str, text: &str, detail: String) -> Note {
        Note { what, text: text.to_string(), detail }
    }
}

/// Findings for `explain`, collected only when asked for: the detail is formatted lazily, so
/// ingest, eval and bench pay nothing for them.
#[derive(Debug, Default)]
pub struct Notes {
    enabled: bool,
    list: Vec<Note>,
}

impl Notes {
    /// A sink that keeps notes when `enabled`.
    pub fn new(enabled: bool) -> Notes {
        Notes { enabled, list: Vec::new() }
    }
    /// Record a finding; `detail` runs only when notes are kept.
    pub fn add(&mut self, what: &'static str, text: &str, detail: impl FnOnce() -> String) {
        if self.enabled {
            self.list.push(Note::new(what, text, detail()));
        }
    }
}

/// Claims only, no `explain` findings: what ingest, eval and bench need.
pub const CLAIMS_ONLY: AnalyzeConfig = AnalyzeConfig { explain: false };

/// Settings for [`analyze_with`].
#[derive(Clone, Copy, Debug)]
pub struct AnalyzeConfig {
    /// Keep the per-sentence findings that `explain` prints.
    pub explain: bool,
}

/// What was found in one sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct SentenceAnalysis {
    /// Index in the document.
    pub index: usize,
    /// Byte span.
    pub span: Span,
    /// Findings, in the order they were made.
    pub notes: Vec<Note>,
}

/// The analysis of one document.
#[derive(Clone, Debug, PartialEq)]
pub struct Analysis {
    /// Document id.
    pub document: String,
    /// Country context of the document, and why.
    pub country: Option<(String, String)>,
    /// Per-sentence findings.
    pub sentences: Vec<SentenceAnalysis>,
    /// The claims.
    pub claims: Vec<Claim>,
    /// Problems met.
    pub warnings: Vec<String>,
    /// How its places bear on its collection ([`analyze_collection`]).
    pub trace: geocode::Trace,
}

/// The weight of the country of a document's collection in [`country_context`]: a dateline's.
const COLLECTION_VOTE: usize = 3;

/// A country context of this weight or less (one town, one name) is open to the collection's.
const WEAK_CONTEXT: usize = 2;

/// The most weight a country gets from other signals than its places: see [`country_context`].
const NON_PLACE_CAP: usize = 2;

/// Decide the document's country by weighted votes: the dateline's country or place (3), a
/// country named after a locative word, "in Mali", "central Mali" (4), another country name, a
/// gazetteer town (unless the loaded gazetteer knows the name in other countries) or a UN
/// mission (2), a demonym or a named group of one country (1). A regional hub in the dateline
/// ("DAKAR, Senegal") or the country of a foreign force ("French jets") is thus outvoted by a
/// story that keeps saying where it happened. A tie goes to the country with more weight from
/// places (dateline, locative country, towns, divisions), then to the first named.
///
/// A town the loaded gazetteer knows by that very name in one country only votes as a town
/// where a town is written ("in Tessalit"). A country's other signals (demonyms, groups,
/// missions, the country named outside a locative) count [`NON_PLACE_CAP`] at most: "French
/// forces" repeated do not outvote the town. A country name that a more populous first-level
/// division abroad also bears ("Georgia") casts no vote.
///
/// In a collection mostly set in one country ([`Collection`]), that country votes too, as a
/// place (3, as a dateline): it outvotes one town that the gazetteer knows abroad only (a
/// village the default gazetteer has in Belgium alone, named in a Burkinabè feed whose villages
/// it lacks), not a country named after a locative nor a town named twice. Returns the winner,
/// why, and its weight.
fn country_context(
    doc: &Document,
    toks: &[crate::tokens::Token<'_>],
    res: &Resources,
    collection: Option<&str>,
) -> Option<(String, String, usize)> {
    // (country, weight, weight of places, first position): on a tie, the country whose places
    // the text names (dateline, "in Mali", towns, divisions) before the one of its people and
    // names: "a family from the United States killed near Bavispe, Sonora".
    let mut votes: Vec<(String, usize, usize, usize)> = Vec::new();
    let mut vote_as = |c: &str, w: usize, place: bool, pos: usize| {
        let pw = if place { w } else { 0 };
        match votes.iter_mut().find(|v| v.0 == c) {
            Some(v) => {
                v.1 += w;
                v.2 += pw;
            }
            None => votes.push((c.to_string(), w, pw, pos)),
        }
    };
    if let Some(dl) = &doc.meta.dateline {
        let by_name = dl.country.as_deref().and_then(|c| places::country_at(&tokenize(c, 0), 0, res));
        if let Some((_, idx)) = by_name {
            vote_as(&res.countries[idx].name, 3, true, 0);
        } else if let Some((_, idx)) = res.place_names.longest_at(&tokenize(&dl.place, 0), 0) {
            vote_as(&res.places[*idx].country, 3, true, 0);
        }
    }
    const LOCATIVE: &[&str] = &[
        "in", "across", "central", "northern", "southern", "eastern", "western", "north", "south", "east", "west", "of",
    ];
    // Towns already looked up in the gazetteer: (name, known in other countries).
    let mut abroad_seen: Vec<(String, bool)> = Vec::new();
    let mut divisions_seen: Vec<(String, Option<String>)> = Vec::new();
    let mut towns_seen: Vec<(String, Option<String>)> = Vec::new();
    let mut outranked_seen: Vec<(usize, bool)> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let pos = i + 1;
        if let Some((n, idx)) = places::country_at(toks, i, res) {
            // "in Georgia" in a report from the American South: a country name that a more
            // populous first-level division abroad also bears says nothing of the country.
            let outranked = match outranked_seen.iter().find(|(x, _)| *x == idx) {
                Some(&(_, o)) => o,
                None => {
                    let o = outranked_by_division(res, idx);
                    outranked_seen.push((idx, o));
                    o
                }
            };
            if !outranked {
                let locative = i > 0 && LOCATIVE.contains(&toks[i - 1].low());
                vote_as(&res.countries[idx].name, if locative { 4 } else { 2 }, locative, pos);
            }
            i += n;
        } else if toks[i].is_capitalised()
            && let Some((n, idx)) = res.place_names.longest_at(toks, i)
        {
            // A town whose name the gazetteer knows in several countries ("Paris": France,
            // Tennessee, Texas, Ontario) says nothing of the country.
            let name = toks[i..i + n].iter().map(|t| t.text).collect::<Vec<_>>().join(" ");
            let abroad = match abroad_seen.iter().find(|(x, _)| *x == name) {
                Some((_, a)) => *a,
                None => {
                    let a = towns_abroad(res, &name, &res.places[*idx].country);
                    abroad_seen.push((name, a));
                    a
                }
            };
            if !abroad {
                vote_as(&res.places[*idx].country, 2, true, pos);
            }
            i += n;
        } else if (toks[i].is_capitalised() || toks[i].glossed)
            && let Some((n, idx)) = res.country_adjectives.longest_at(toks, i)
        {
            // French writes demonyms in lowercase ("l'armée malienne"); a gloss is one.
            vote_as(&res.countries[*idx].name, 1, false, pos);
            i += n;
        } else if let Some(country) = res.un_missions.iter().find(|(_, m)| m.as_str() == toks[i].text).map(|(c, _)| c) {
            // A UN mission is in one country: "MINUSMA" says Mali.
            vote_as(country, 2, false, pos);
            i += 1;
        } else if toks[i].is_capitalised()
            && let Some((n, a)) = res.actors.longest_at(toks, i)
            && let Some(c) = &a.country
        {
            // The country of a named armed group or force ("GATIA", "Katiba Macina").
            vote_as(c, 1, false, pos);
            i += n;
        } else if toks[i].is_capitalised()
            && toks[i].is_word()
            && town_position(toks, i)
            && let Some((n, c)) = gazetteer_town(res, toks, i, &mut towns_seen)
        {
            // A town the loaded gazetteer knows in one country only, where a town is written:
            // "in Tessalit", "the village of Kobari". As a town of the built-in list.
            vote_as(&c, 2, true, pos);
            i += n;
        } else if toks[i].is_capitalised()
            && toks[i].is_word()
            && division_position(toks, i)
            && res.world_regions.longest_at(toks, i).is_none()
            && let Some(c) = division_country(res, toks[i].text, &mut divisions_seen)
        {
            // A first-level division of one country only, where a division is written:
            // "Bavispe, Sonora", "in Borno", "Kaduna State". As a town.
            vote_as(&c, 2, true, pos);
            i += 1;
        } else {
            i += 1;
        }
    }
    // The collection's country, after every mention of the text: a tie goes to the text's.
    if let Some(c) = collection {
        vote_as(c, COLLECTION_VOTE, true, usize::MAX);
    }
    // Who acts says less than where: a country's people, forces and groups (demonyms, named
    // groups, missions, countries named outside a locative) count at most NON_PLACE_CAP, so
    // "French forces" said three times do not outvote the town the attack was in.
    for v in &mut votes {
        v.1 = v.2 + (v.1 - v.2).min(NON_PLACE_CAP);
    }
    votes.sort_by(|a, b| b.1.cmp(&a.1).then(b.2.cmp(&a.2)).then(a.3.cmp(&b.3)));
    let total: usize = votes.iter().map(|v| v.1).sum();
    votes.first().map(|(c, w, _, _)| {
        let from = if collection.is_some() { ", the collection" } else { "" };
        (c.clone(), format!("{w} of {total} weighted mentions (dateline, names, towns, demonyms{from})"), *w)
    })
}

/// Whether the name at `i` stands where a division's name is written: after a locative ("in
/// Borno"), after a place and a comma ("Bavispe, Sonora"), or before a division noun ("Borno
/// State"). Not a person called Montana.
fn division_position(toks: &[crate::tokens::Token<'_>], i: usize) -> bool {
    let before = |k: usize| i.checked_sub(k).map(|p| &toks[p]);
    let locative = before(1).is_some_and(|t| {
        matches!(
            t.low(),
            "in" | "across" | "throughout" | "near" | "northern" | "southern" | "eastern" | "western" | "central"
        )
    });
    let after_place = before(1).is_some_and(|t| t.text == ",") && before(2).is_some_and(|t| t.is_capitalised());
    let noun = toks.get(i + 1).is_some_and(|t| {
        matches!(t.low(), "state" | "province" | "region" | "governorate" | "department" | "oblast" | "county")
    });
    locative || after_place || noun
}

/// Whether the loaded gazetteer has a first-level division of another country named exactly
/// as country `idx` and more populous than it: Georgia (the American state outnumbers the
/// country), not Niger (Niger State, Nigeria, is smaller).
fn outranked_by_division(res: &Resources, idx: usize) -> bool {
    let Some(g) = &res.gazetteer else { return false };
    let c = &res.countries[idx];
    let Some(own) = g.by_code(&c.iso2).map(|i| g.entry_brief(i)) else { return false };
    exact_entries(g, &c.name)
        .iter()
        .any(|e| e.admin_level() == Some(1) && e.country != c.iso2 && e.population > own.population)
}

/// Whether the name at `i` stands where a town's name is written: after a locative ("in",
/// "near", "at", "around", "outside", "between") or after "the village/town/area/outskirts of".
fn town_position(toks: &[crate::tokens::Token<'_>], i: usize) -> bool {
    let before = |k: usize| i.checked_sub(k).map(|p| toks[p].low());
    match (before(1), before(2)) {
        (Some("in" | "near" | "at" | "around" | "outside" | "between"), _) => true,
        (Some("of"), Some(noun)) => {
            matches!(
                noun,
                "village"
                    | "villages"
                    | "town"
                    | "towns"
                    | "hamlet"
                    | "hamlets"
                    | "commune"
                    | "locality"
                    | "city"
                    | "area"
                    | "outskirts"
                    | "vicinity"
            )
        }
        _ => false,
    }
}

/// The country of the town named at `i` (two words, else one), when the loaded gazetteer has a
/// town of that very name and every place it has by that exact name (alternate names too) lies
/// in that one country: "Tessalit" (Mali), not "Boni" (Mali and Burkina Faso) nor "Paris".
/// Returns the name's length in tokens.
/// Memoised in `seen`.
fn gazetteer_town(
    res: &Resources,
    toks: &[crate::tokens::Token<'_>],
    i: usize,
    seen: &mut Vec<(String, Option<String>)>,
) -> Option<(usize, String)> {
    let g = res.gazetteer.as_ref()?;
    for n in [2usize, 1] {
        if i + n > toks.len() || !toks[i..i + n].iter().all(|t| t.is_capitalised() && t.is_word()) {
            continue;
        }
        let name = toks[i..i + n].iter().map(|t| t.text).collect::<Vec<_>>().join(" ");
        let country = match seen.iter().find(|(x, _)| *x == name) {
            Some((_, c)) => c.clone(),
            None => {
                let found = exact_entries(g, &name);
                let k = crosscheck_geo::normalise::key(&name);
                // A town's own name, not only an alternate one: "Inata" is an alternate name
                // of a Japanese town, not a sign that a report of Inata is set in Japan.
                let own = found.iter().find(|e| e.class == 'P' && crosscheck_geo::normalise::key(&e.name) == k);
                let one = own
                    .map(|e| e.country.clone())
                    .filter(|c| !c.is_empty() && found.iter().all(|e| e.country == *c && e.admin_level() != Some(0)));
                let c = one.and_then(|cc| res.countries.iter().find(|c| c.iso2 == cc).map(|c| c.name.clone()));
                seen.push((name, c.clone()));
                c
            }
        };
        if let Some(c) = country {
            return Some((n, c));
        }
    }
    None
}

/// The country whose first-level division the gazetteer (when loaded) calls `name`, when that
/// is one country only and no town abroad has the name ("Sonora": Mexico; "Adamawa", a state of
/// Nigeria and a region of Cameroon: none). Memoised in `seen`.
fn division_country(res: &Resources, name: &str, seen: &mut Vec<(String, Option<String>)>) -> Option<String> {
    let g = res.gazetteer.as_ref()?;
    if let Some((_, c)) = seen.iter().find(|(n, _)| n == name) {
        return c.clone();
    }
    let found = exact_entries(g, name);
    let mut codes: Vec<&str> =
        found.iter().filter(|e| e.class == 'A' && e.admin_level() == Some(1)).map(|e| e.country.as_str()).collect();
    codes.sort_unstable();
    codes.dedup();
    // Nor when a town of 1,000 people or more elsewhere has the name ("Alexandria", Virginia).
    let country = match codes.as_slice() {
        [one] if !populated_abroad(&found, one) => {
            res.countries.iter().find(|c| c.iso2 == *one).map(|c| c.name.clone())
        }
        _ => None,
    };
    seen.push((name.to_string(), country.clone()));
    country
}

/// Whether the gazetteer (when loaded) has towns of 1,000 people or more called `name` outside
/// `country`.
fn towns_abroad(res: &Resources, name: &str, country: &str) -> bool {
    let Some(g) = &res.gazetteer else { return false };
    let Some(home) = g.country_code(country) else { return false };
    populated_abroad(&exact_entries(g, name), &home)
}

/// The gazetteer's entries named exactly `name`.
fn exact_entries(g: &crosscheck_geo::Gazetteer, name: &str) -> Vec<crosscheck_geo::Entry> {
    g.lookup_exact(name).into_iter().map(|i| g.entry_brief(i)).collect()
}

/// Whether a town of 1,000 people or more among `found` lies outside country `home` (ISO code).
fn populated_abroad(found: &[crosscheck_geo::Entry], home: &str) -> bool {
    found.iter().any(|e| e.class == 'P' && e.population >= 1000 && e.country != home)
}

/// The place names of a document and its country context, without the rest of the analysis:
/// what toponym recognition and resolution are scored on.
#[derive(Clone, Debug, Default)]
pub struct PlaceContext {
    /// The document's country context, then the other countries it names.
    pub countries: Vec<String>,
    /// Every place mention (countries included), in order: its name and span.
    pub mentions: Vec<(String, Span)>,
}

/// Find the document's places and country context.
pub fn place_context(doc: &Document, res: &Resources) -> PlaceContext {
    let body = doc.text.get(doc.body_start..).unwrap_or("");
    let body_toks = tokenize(body, doc.body_start.min(doc.text.len()));
    let split = sentences::split_tokens(&doc.text, body, &body_toks, res);
    let country = country_context(doc, &body_toks, res, None).map(|(c, _, _)| c);
    let ctry = country.as_deref();
    let mut out = PlaceContext { countries: country.iter().cloned().collect(), mentions: Vec::new() };
    let (mut date_ctx, cfg) = (dates::DateContext::default(), DateConfig { reference: doc.meta.published });
    for (_, (a, b)) in &split {
        let toks = &body_toks[*a..*b];
        let date_toks: Vec<(usize, usize)> =
            dates::find(toks, res, &cfg, None, &mut date_ctx).iter().map(|d| (d.start, d.end)).collect();
        for p in places::find(toks, res, ctry, &date_toks) {
            if p.place.level == crosscheck_model::PlaceLevel::Country && !out.countries.contains(&p.place.name) {
                out.countries.push(p.place.name.clone());
            }
            out.mentions.push((p.place.name.clone(), p.place.span));
        }
    }
    // A report that names no country but a transnational group: where the group operates.
    if out.countries.is_empty() {
        out.countries = operating_areas(&body_toks, res);
    }
    out
}

/// The countries the transnational groups a text names operate in (`operates_in` of
/// `actors.tsv`), in order: "JNIM militants attacked Bla" is set in Mali, Burkina Faso or Niger.
fn operating_areas(toks: &[crate::tokens::Token<'_>], res: &Resources) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match res.actors.longest_at(toks, i) {
            Some((n, a)) if toks[i].is_capitalised() => {
                for c in &a.operates_in {
                    if !out.contains(c) {
                        out.push(c.clone());
                    }
                }
                i += n;
            }
            _ => i += 1,
        }
    }
    out
}

/// Analyse one document, keeping the findings `explain` prints.
pub fn analyze(doc: &Document, res: &Resources) -> Analysis {
    analyze_with(doc, res, &AnalyzeConfig { explain: true })
}

/// Analyse documents read together, a collection (a feed, a folder, an export of one country's
/// events): each alone first; then, where the collection says something ([`Collection`]), again
/// the documents whose places it could change, with it. Those that name no country take the
/// country most of the others are set in, and a choice between same-named places leans to the
/// divisions the others were placed in. One document alone is read as [`analyze_with`] reads it.
pub fn analyze_collection<D: std::borrow::Borrow<Document>>(
    docs: &[D],
    res: &Resources,
    opts: &AnalyzeConfig,
) -> Vec<Analysis> {
    let mut out: Vec<Analysis> = docs.iter().map(|d| analyze_with(d.borrow(), res, opts)).collect();
    let collection = Collection::gather(out.iter().map(|a| (a.country.as_ref().map(|c| c.0.as_str()), &a.trace)));
    if !collection.is_empty() {
        for (d, a) in docs.iter().zip(out.iter_mut()) {
            if a.trace.swayed_by(a.country.as_ref().map(|c| c.0.as_str()), &collection) {
                *a = analyze_in(d.borrow(), res, opts, &collection);
            }
        }
    }
    out
}

/// Analyse one document: every stage, in order. Without `explain`, `sentences` carry no notes.
pub fn analyze_with(doc: &Document, res: &Resources, opts: &AnalyzeConfig) -> Analysis {
    analyze_in(doc, res, opts, &Collection::default())
}

/// [`analyze_with`], in a collection.
pub fn analyze_in(doc: &Document, res: &Resources, opts: &AnalyzeConfig, collection: &Collection) -> Analysis {
    let mut warnings = Vec::new();
    // Stage: sentences (the body is tokenised once; sentences are token ranges of it)
    let body = doc.text.get(doc.body_start..).unwrap_or("");
    let body_toks = tokenize(body, doc.body_start.min(doc.text.len()));
    // Stage: language. English is read as it is; a language with a gloss table is read through
    // it (words replaced by their English gloss, text and spans untouched); others not at all.
    let language = language_of(doc, &body_toks, res);
    let lang = language.as_ref().map_or("en", |(l, _)| l.as_str());
    let gloss = res.glosses.get(lang).filter(|g| !g.is_empty());
    let analysed = lang == "en" || gloss.is_some();
    if let Some((lang, why)) = language.as_ref().filter(|_| !analysed) {
        warnings.push(format!("language {lang} ({why}): not analysed; no rules or gloss for it"));
    }
    let body_toks = match gloss {
        Some(g) => crate::gloss::apply(body_toks, g),
        None => body_toks,
    };
    let split = sentences::split_tokens(&doc.text, body, &body_toks, res);
    // Stage: country context
    let own = country_context(doc, &body_toks, res, None);
    // None, or one town or name: what the collection may outvote.
    let weak = own.as_ref().is_none_or(|c| c.2 <= WEAK_CONTEXT);
    let country = match collection.country.as_deref() {
        Some(c) if weak => {
            let with = country_context(doc, &body_toks, res, Some(c));
            if with.as_ref().map(|w| &w.0) != own.as_ref().map(|o| &o.0) {
                warnings.push(format!(
                    "country context from the collection: most of the reports read with it are set in {c}{}",
                    own.as_ref().map(|o| format!(" (the text alone says {}, {})", o.0, o.1)).unwrap_or_default()
                ));
            }
            with
        }
        _ => own,
    }
    .map(|(c, why, _)| (c, why));
    if country.is_none() {
        warnings.push("no country context: neither the dateline nor the text names a known country".to_string());
    }
    // A dateline past the headline ("TILLABÉRI, JANUARY 5, 2021 (CISA) -") dates the filing.
    let filed = || {
        split.iter().take(4).find_map(|(_, (a, b))| {
            let toks = &body_toks[*a..*b];
            let ds = dates::find(toks, res, &DateConfig { reference: None }, None, &mut dates::DateContext::default());
            let spans: Vec<(usize, usize)> = ds.iter().map(|d| (d.start, d.end)).collect();
            let k = dateline_date(toks, &places::find(toks, res, None, &spans), &ds)?;
            ds[k].range.filter(|r| r.start == r.end).map(|r| r.start)
        })
    };
    let reference = doc.meta.published.or_else(|| doc.meta.dateline.as_ref().and_then(|d| d.date)).or_else(filed);
    if reference.is_none() {
        warnings.push("no publication date: relative dates cannot be resolved".to_string());
    }
    let cfg = DateConfig { reference };
    let year_hint = reference.map(|r| r.year());
    let outlet = doc
        .meta
        .outlet
        .clone()
        .or_else(|| doc.meta.dateline.as_ref().and_then(|d| d.outlet.clone()))
        .unwrap_or_else(|| "the outlet".to_string());
    let ctry = country.as_ref().map(|c| c.0.as_str());

    let mut state = DocState::default();
    let mut date_ctx = dates::DateContext::default();
    let mut prev_end: Option<usize> = None;
    let acronyms = acronyms(&body_toks);
    let mut out_sents = Vec::new();
    let mut claims = Vec::new();
    // Every place name and country the document mentions: context for geocoding.
    let mut mentioned: Vec<(String, Span)> = Vec::new();
    let mut countries_named: Vec<String> = Vec::new();
    for (s, (a, b)) in &split {
        let quote = s.span.of(&doc.text);
        let toks = &body_toks[*a..*b];
        // Stage: mentions (dates, numbers, places, actors, triggers, attribution)
        // Across sentences the anchor is the last event date, not a statement date.
        date_ctx.anchor = state.event_anchor.or(date_ctx.anchor);
        let mut found_dates = dates::find(toks, res, &cfg, year_hint, &mut date_ctx);
        let date_toks: Vec<(usize, usize)> = found_dates.iter().map(|d| (d.start, d.end)).collect();
        let quantities = numbers::find(toks, res, &date_toks);
        let mut found_places = places::find(toks, res, ctry, &date_toks);
        if places::is_caption(&doc.text, s.span.end) {
            for p in found_places.iter_mut().filter(|p| p.aside.is_none()) {
                p.aside = Some(places::CAPTION);
            }
        }
        let mut notes = Notes::new(opts.explain);
        if let Some(k) = dateline_date(toks, &found_places, &found_dates) {
            let d = found_dates.remove(k);
            notes
                .add("date", d.span.of(&doc.text), || "the dateline's: when the report was filed, not an event".into());
        }
        let found_actors = actors::find(toks, res, ctry);
        let triggers: Vec<_> = res
            .triggers
            .find_all(toks)
            .into_iter()
            // A trigger word inside a number or a date is neither ("in March" is no march).
            .filter(|(i, _, _)| !quantities.iter().any(|q| (q.start..q.end).contains(i)))
            .filter(|(i, _, _)| !date_toks.iter().any(|(s, e)| (*s..*e).contains(i)))
            .map(|(i, n, t)| (i, n, t.clone()))
            .collect();
        let attr = attribution::find(toks, res);
        for p in &found_places {
            if p.aside.is_some() {
                // A dateline or a hospital's town: not a candidate for the document's place.
            } else if p.place.level != crosscheck_model::PlaceLevel::Country {
                mentioned.push((p.place.name.clone(), p.place.span));
            } else if !countries_named.contains(&p.place.name) {
                countries_named.push(p.place.name.clone());
            }
        }
        for p in &found_places {
            let detail = format!(
                "{} [{:?}{}] ({}{})",
                p.place.name,
                p.place.level,
                p.place.country.as_deref().map(|c| format!(", {c}")).unwrap_or_default(),
                p.rule,
                p.aside.map(|a| format!("; not an event place: {a}")).unwrap_or_default()
            );
            notes.add("place", p.place.span.of(&doc.text), || detail);
        }
        for a in &found_actors {
            let text = Span::new(toks[a.start].span.start, toks[a.end - 1].span.end);
            notes.add("actor", text.of(&doc.text), || format!("{} [{}] ({})", a.name, a.kind.as_str(), a.rule));
        }
        // Headlines and captions: a line of their own with no closing punctuation, in title case
        // or opening the article. The gold and most coders take figures from the body.
        let headline = is_headline(&doc.text, s, s.index == 0, toks);
        if headline {
            notes.add("skipped", quote, || "headline: a line without closing punctuation".into());
        }
        let same_paragraph = prev_end.is_some_and(|e: usize| !doc.text[e..s.span.start].contains('\n'));
        prev_end = Some(s.span.end);
        // "Another resident, Husseini Ibrahim, told AFP": a capitalised name between commas
        // right after the claimant phrase.
        let appositive = attr.as_ref().and_then(|a| {
            let (_, e) = a.claimant;
            if toks.get(e).is_none_or(|t| t.text != ",") {
                return None;
            }
            let name: Vec<&str> =
                toks[e + 1..].iter().take_while(|t| t.is_capitalised() && t.is_word()).map(|t| t.text).collect();
            let closed = toks.get(e + 1 + name.len()).is_some_and(|t| t.text == ",");
            (name.len() >= 2 && closed && !toks[a.claimant.0..e].iter().skip(1).any(|t| t.is_capitalised()))
                .then(|| name.join(" "))
        });
        // Stage: frame (claims)
        let input = SentenceInput {
            document: &doc.id,
            index: s.index,
            span: s.span,
            quote,
            toks,
            dates: &found_dates,
            quantities: &quantities,
            places: &found_places,
            actors: &found_actors,
            triggers: &triggers,
            attribution: attr.as_ref(),
            country: ctry,
            outlet: &outlet,
            same_paragraph,
            reported: reference,
            acronyms: &acronyms,
            appositive,
        };
        if analysed && !headline {
            claims.extend(frame::sentence(&input, res, &mut state, &mut notes));
        }
        if let Some(a) = found_actors.first().filter(|a| a.start <= 1) {
            state.last_subject = Some((a.name.clone(), a.kind, s.index));
        }
        out_sents.push(SentenceAnalysis { index: s.index, span: s.span, notes: notes.list });
    }
    // Stage: geocoding (when a gazetteer is loaded)
    let mut trace = geocode::Trace::default();
    if let Some(g) = &res.gazetteer {
        let mut ctx: Vec<String> = country.iter().map(|c| c.0.clone()).chain(countries_named).collect();
        // A report that names no country but a transnational group: where the group operates.
        if ctx.is_empty() {
            ctx = operating_areas(&body_toks, res);
        }
        let found = geocode::geocode(g, &doc.text, &ctx, &mentioned, &mut claims, collection, opts.explain);
        for (sentence, name, why) in found.notes {
            if opts.explain
                && let Some(s) = out_sents.iter_mut().find(|s| s.index == sentence)
                && !s.notes.iter().any(|n| n.what == "geocode" && n.text == name)
            {
                s.notes.push(Note::new("geocode", &name, why));
            }
        }
        trace = found.trace;
        // Read alone, a report with no country context of its own, or a weak one, is open to
        // its collection.
        trace.weak = weak;
    }
    Analysis { document: doc.id.clone(), country, sentences: out_sents, claims, warnings, trace }
}

/// The index among `dates` of the date of a dateline opening the sentence: right after the
/// dateline's place and a comma ("TILLABÉRI, JANUARY 5, 2021 (CISA) -"), or first, before an
/// agency in parentheses and a dash ("July 9 (UPI) —").
fn dateline_date(
    toks: &[crate::tokens::Token<'_>],
    found: &[places::PlaceMention],
    dates: &[dates::DateMention],
) -> Option<usize> {
    // "July 9 (UPI) — The bodies …": a date opening the sentence, an agency in parentheses, a
    // dash.
    let wire = |d: &dates::DateMention| {
        toks[..d.start].iter().all(|t| !t.is_word())
            && toks.get(d.end).is_some_and(|t| t.text == "(")
            && (d.end + 2..(d.end + 5).min(toks.len()))
                .any(|k| toks[k - 1].text == ")" && toks.get(k).is_some_and(|t| matches!(t.text, "—" | "–" | "-")))
    };
    if let Some(k) = dates.iter().position(wire) {
        return Some(k);
    }
    let place = found.iter().find(|p| p.aside == Some(places::DATELINE))?;
    let comma = toks.get(place.end).is_some_and(|t| t.text == ",");
    dates.iter().position(|d| comma && d.start == place.end + 1)
}

/// The document's language: the declared one, else a guess from function words.
fn language_of(doc: &Document, toks: &[crate::tokens::Token<'_>], res: &Resources) -> Option<(String, String)> {
    if let Some(l) = &doc.meta.language {
        return Some((l.clone(), "declared".to_string()));
    }
    let mut counts: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for t in toks {
        if let Some(l) = res.function_words.get(t.low()) {
            *counts.entry(l.as_str()).or_default() += 1;
        }
    }
    let en = counts.get("en").copied().unwrap_or(0);
    let (best, n) = counts.iter().filter(|(l, _)| **l != "en").max_by_key(|(_, n)| **n).map(|(l, n)| (*l, *n))?;
    (n >= 5 && n > 2 * en).then(|| (best.to_string(), format!("{n} {best} function words against {en} English")))
}

/// A line of its own without closing punctuation, in title case or opening the article.
fn is_headline(text: &str, s: &crate::sentences::Sentence, first: bool, toks: &[crate::tokens::Token<'_>]) -> bool {
    let before = text[..s.span.start].chars().rev().find(|c| !matches!(c, ' ' | '\t'));
    let after = text[s.span.end..].chars().find(|c| !matches!(c, ' ' | '\t'));
    let own_line = before.is_none_or(|c| c == '\n') && after.is_some_and(|c| c == '\n');
    let closed = toks.last().is_some_and(|t| matches!(t.text, "." | "!" | "?" | "\"" | "”" | "’" | ")" | "»" | ":"));
    if !own_line || closed {
        return false;
    }
    // A short unpunctuated line with more text after it is a headline or a caption (the last
    // line may be a sentence cut off by truncation, so it is not).
    let more_after = text[s.span.end..].trim().len() > 40;
    if more_after && toks.iter().filter(|t| t.is_word()).count() <= 20 {
        return true;
    }
    // Headlines are short; a long unpunctuated first paragraph is a truncated sentence.
    if toks.iter().filter(|t| t.is_word()).count() > 25 {
        return false;
    }
    let words: Vec<_> = toks.iter().filter(|t| t.is_word() && t.text.chars().count() >= 4).collect();
    let caps = words.iter().filter(|t| t.is_capitalised()).count();
    first || (words.len() >= 3 && caps * 2 > words.len())
}

/// Acronyms defined in the text: "the National Emergency Management Agency (NEMA)".
fn acronyms(toks: &[crate::tokens::Token<'_>]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for k in 0..toks.len() {
        let acr = &toks[k];
        let is_acr = acr.text.len() >= 2 && acr.text.chars().all(|c| c.is_ascii_uppercase());
        if !is_acr || k < 2 || toks[k - 1].text != "(" || toks.get(k + 1).is_none_or(|t| t.text != ")") {
            continue;
        }
        // Walk back over capitalised words (and "of", "for", "and") before the parenthesis.
        let mut b = k - 1;
        while b > 0 && (toks[b - 1].is_capitalised() || matches!(toks[b - 1].low(), "of" | "for" | "and" | "on")) {
            b -= 1;
        }
        while b < k - 1 && !toks[b].is_capitalised() {
            b += 1;
        }
        let words: Vec<&str> = toks[b..k - 1].iter().map(|t| t.text).collect();
        let initials: String = words
            .iter()
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
            .filter_map(|w| w.chars().next())
            .collect();
        if words.len() >= 2 && initials.len() >= acr.text.len().saturating_sub(1) {
            out.push((acr.text.to_string(), words.join(" ")));
        }
    }
    out
}
