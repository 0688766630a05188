//! Geocoding: a claim's place name to a gazetteer entry, with the document as context.
//!
//! The frame has already chosen the place *syntactically tied* to each claim's event ("in X",
//! "near X", "the village of X"), not the dateline city or where a statement was made. This stage
//! looks that name up in the gazetteer ([`crosscheck_geo`]) and chooses among same-named entries
//! with: the document's country (weight 3) and the other countries it names (1); the names of
//! places the document mentions (an admin1 or admin2 among them favours its towns); the other
//! places' coordinates (a second pass, nearest first); population and feature class. A name
//! whose only candidates lie outside the country context stays unresolved, and so does one with
//! no country context whose candidates lie in several countries: no coordinates are better than
//! wrong ones.
//!
//! A claim's place the gazetteer lacks is mapped, in this order: at the place that locates it
//! ("Kobari (Tambao, Sirba)", "Kobari, 13 km from Tambao", "between Kobari and Tambao"),
//! precision 2; at the region of another place of the same sentence that resolves, precision 3;
//! or, for a claim that names no place, at the division or town the document's main place is
//! said to lie in.
//!
//! Precision follows ACLED: 1 the town itself; 2 a relative location ("near X", "30 km from X",
//! "between X and Y", "the X area") or an admin2; 3 an admin1 or a country.

use crosscheck_geo::index::Match;
use crosscheck_geo::resolve::resolve_with;
use crosscheck_geo::{Context, Gazetteer, normalise};
use crosscheck_model::{Claim, Place, PlaceLevel, Span};

/// Words before a name that make it an anchor rather than the place itself.
const RELATIVE_BEFORE: &[&str] = &[
    "near",
    "outside",
    "outskirts of",
    "around",
    "north of",
    "south of",
    "east of",
    "west of",
    "northeast of",
    "northwest of",
    "southeast of",
    "southwest of",
    "km from",
    "kilometres from",
    "kilometers from",
    "miles from",
    "between",
    // "on the axis Kelbo-Sirba": a road between two places.
    "axis",
    "close to",
    "vicinity of",
    "km north of",
    "km south of",
    "km east of",
    "km west of",
    "road to",
    "road between",
    "outskirts of the town of",
    "near the town of",
    "near the village of",
];
/// Words after a name that make it a division ("the Mopti region").
const DIVISION_AFTER: &[&str] = &[
    "region",
    "province",
    "state",
    "department",
    "circle",
    "cercle",
    "district",
    "governorate",
    "prefecture",
    "county",
];

/// The words right before a span, lower case, spaces collapsed.
fn before(text: &str, span: Span, n: usize) -> String {
    let start = span.start.saturating_sub(n);
    let start = (start..span.start).find(|&k| text.is_char_boundary(k)).unwrap_or(span.start);
    text[start..span.start].to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ")
}

fn after(text: &str, span: Span, n: usize) -> String {
    let end = (span.end + n).min(text.len());
    let end = (span.end..=end).rev().find(|&k| text.is_char_boundary(k)).unwrap_or(span.end);
    text[span.end..end].to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether the mention at `span` is relative ("near Boni"), and whether it names a division.
pub fn mention_form(text: &str, span: Span) -> (bool, bool) {
    let b = before(text, span, 40);
    let a = after(text, span, 24);
    let no_the = b.strip_suffix(" the").unwrap_or(&b);
    let rel_before = RELATIVE_BEFORE.iter().any(|w| b.ends_with(w) || no_the.ends_with(w));
    let first_after = a.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    let relative = rel_before || matches!(first_after, "area" | "areas" | "outskirts" | "vicinity");
    let division = DIVISION_AFTER.contains(&first_after)
        || b.strip_suffix(" of").is_some_and(|x| DIVISION_AFTER.iter().any(|w| x.ends_with(w)));
    (relative, division)
}

/// The context a document gives every place in it: its country context (weight 3), the other
/// countries it names (1), the countries of the first-level divisions it names (1 each), and
/// the names it mentions (for admin divisions).
fn document_context(g: &Gazetteer, text: &str, countries: &[String], mentions: &[(String, Span)]) -> Context {
    let mut iso: Vec<(String, f64)> = Vec::new();
    for (k, c) in countries.iter().enumerate() {
        if let Some(code) = g.country_code(c)
            && !iso.iter().any(|(x, _)| *x == code)
        {
            iso.push((code, if k == 0 { 3.0 } else { 1.0 }));
        }
    }
    // Each distinct name, as the place list knows it and as the text writes it, looked up once
    // for all that follows.
    let mut looked: Vec<(&str, Vec<(Match, crosscheck_geo::Entry)>)> = Vec::new();
    for (name, span) in mentions {
        for n in [name.as_str(), text.get(span.start..span.end).unwrap_or(name)] {
            if !looked.iter().any(|(x, _)| *x == n) {
                looked.push((n, g.lookup(n).into_iter().map(|(i, m)| (m, g.entry_brief(i))).collect()));
            }
        }
    }
    let candidates = |n: &str| looked.iter().find(|(x, _)| *x == n).map_or(&[][..], |(_, c)| c.as_slice());
    // A first-level division named in the text is in one country ("Texas", "Borno"): each
    // such name adds that country to the context (weight 1), so that a local report that never
    // names its country still has one. A name that is also a country's ("Georgia") or whose
    // divisions lie in several countries ("Punjab", "Central") says nothing.
    let mut divisions: Vec<String> = Vec::new();
    for (name, _) in mentions {
        let k = normalise::key(name);
        if divisions.contains(&k) {
            continue;
        }
        let exact: Vec<&crosscheck_geo::Entry> =
            candidates(name).iter().filter(|(m, _)| *m == Match::Exact).map(|(_, e)| e).collect();
        if exact.iter().any(|e| e.admin_level() == Some(0)) {
            continue;
        }
        let mut found = exact.into_iter().filter(|e| e.admin_level() == Some(1)).map(|e| &e.country);
        let Some(first) = found.next() else { continue };
        if found.all(|c| c == first) {
            divisions.push(k);
            match iso.iter_mut().find(|(x, _)| x == first) {
                Some(c) => c.1 += 1.0,
                None => iso.push((first.clone(), 1.0)),
            }
        }
    }
    // The names mentioned, for the divisions a candidate lies in (`Context::admin_names`): each
    // as the place list knows it and as the text writes it (a French spelling, an English
    // canonical name), and the gazetteer's name of each division the written name looks up to
    // in any spelling ("Kobariku" names the Kobarikou region).
    let mut admin_names: Vec<String> = Vec::new();
    let mut add = |k: String| {
        if !admin_names.contains(&k) {
            admin_names.push(k);
        }
    };
    for (name, span) in mentions {
        let written = text.get(span.start..span.end).unwrap_or(name);
        add(normalise::key(name));
        add(normalise::key(written));
        for (_, e) in candidates(written) {
            if matches!(e.admin_level(), Some(1 | 2)) {
                add(normalise::key(&e.name));
            }
        }
    }
    Context { countries: iso, admin_names, ..Context::default() }
}

/// Geocode the claims' places. `countries` are the document's country context first, then the
/// other countries it names; `mentions` every place name the document mentions, in order. A
/// claim with no place of its own gets the document's main place (the most mentioned one that
/// resolves), with precision 2 at best. Returns, when `explain`, (sentence, place name, reason)
/// for each claim's place.
pub fn geocode(
    g: &Gazetteer,
    text: &str,
    countries: &[String],
    mentions: &[(String, Span)],
    claims: &mut [Claim],
    collection: &Collection,
    explain: bool,
) -> Geocoded {
    // Claims' own country names to ISO codes, once per document.
    let mut codes: Vec<(String, Option<String>)> = Vec::new();
    let mut code_of = |name: &str| -> Option<String> {
        if let Some((_, c)) = codes.iter().find(|(n, _)| n == name) {
            return c.clone();
        }
        let c = g.country_code(name);
        codes.push((name.to_string(), c.clone()));
        c
    };
    let mut base = document_context(g, text, countries, mentions);
    base.regions = collection.regions.clone();
    // The caller knows whether the document's own country context is weak.
    let mut trace = Trace::default();
    let mut fallback: Vec<String> = Vec::new();
    // Claims of one document mostly share their places: (name, division, country) → result.
    type Key = (String, bool, Option<String>);
    let mut memo: Vec<(Key, Option<crosscheck_geo::Resolved>, bool, bool)> = Vec::new();
    // First pass: every distinct name alone, for the anchors of the second.
    let mut first: Vec<(String, (f64, f64))> = Vec::new();
    for c in claims.iter() {
        if let Some(p) = c.place.as_ref().filter(|p| p.level != PlaceLevel::Country)
            && !first.iter().any(|(n, _)| *n == p.name)
            && let Some(r) = resolve_with(g, &p.name, &base, false).filter(|r| in_context(&base, &r.entry.country))
        {
            first.push((p.name.clone(), (r.entry.lat, r.entry.lon)));
            trace.note_rivals(&r);
        }
    }
    // The document's main place: the most mentioned name that resolves (the first on a tie),
    // else the most mentioned name, for claims that have no place of their own.
    let main = {
        // "Paris claims", "Moscow said", "the goal sought by Paris": a capital standing for its
        // government is no place.
        let metonym = |m: &(String, Span)| {
            let before = text[..m.1.start].split_whitespace().next_back().unwrap_or("");
            match before {
                "by" => return true,
                // "Officials in Paris said": the place of the speakers.
                "in" | "at" | "from" | "of" | "near" => return false,
                _ => {}
            }
            let next = text[m.1.end..].split_whitespace().next().unwrap_or("").to_lowercase();
            matches!(
                next.trim_matches(|c: char| !c.is_alphabetic()),
                "claims"
                    | "claimed"
                    | "says"
                    | "said"
                    | "accused"
                    | "accuses"
                    | "insists"
                    | "insisted"
                    | "denies"
                    | "denied"
                    | "announced"
                    | "has"
                    | "have"
                    | "wants"
                    | "blamed"
                    | "blames"
            )
        };
        let mut counts: Vec<(&String, usize)> = Vec::new();
        for m in mentions.iter().filter(|m| !metonym(m)) {
            match counts.iter_mut().find(|(n, _)| *n == &m.0) {
                Some(c) => c.1 += 1,
                None => counts.push((&m.0, 1)),
            }
        }
        let mut best: Option<(usize, &(String, Span))> = None;
        // A dateline ("NIAMEY:", "BAMAKO, Mali (Reuters) -") says where the report was filed.
        let dateline = |m: &(String, Span)| {
            let word = m.1.of(text);
            let after = text[m.1.end..].trim_start_matches(' ');
            word.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase)
                && (after.starts_with([':', ',', '(', '-', '—']) || after.starts_with("--"))
        };
        // `best`: the most mentioned name that resolves. `by_name`: the most mentioned one that
        // does not ("Massacre de Moura", a village the gazetteer lacks), lent by name when no
        // name resolves, so that reports of it can still meet. Each name is looked up once.
        let mut resolves: Vec<(&String, bool)> = Vec::new();
        let mut by_name: Option<(usize, &(String, Span))> = None;
        for m in mentions.iter().filter(|m| !dateline(m) && !metonym(m)) {
            let n = counts.iter().find(|(x, _)| *x == &m.0).map_or(0, |c| c.1);
            let found = match resolves.iter().find(|(x, _)| *x == &m.0) {
                Some(&(_, r)) => r,
                None => {
                    let r = unambiguous(g, &base, &m.0);
                    resolves.push((&m.0, r));
                    r
                }
            };
            if found && best.is_none_or(|b| n > b.0) {
                best = Some((n, m));
            }
            if !found && by_name.is_none_or(|b| n > b.0) {
                by_name = Some((n, m));
            }
        }
        // A division, or a town only ever named as an area ("the Douentza area", "near Djibo"),
        // is no place for an event when the text also names a place the gazetteer lacks as
        // often ("the road to Boungou mine in the eastern region of Est", "the village of
        // Bounti"): the village is the main place, mapped at the division (precision 3) or the
        // town (precision 2), as analysts code a village they cannot find.
        match (best, by_name) {
            // Not a name written as a division the gazetteer lacks ("in the Soum province").
            (Some(b), Some(n)) if n.0 >= b.0 && !mentions.iter().any(|m| m.0 == n.1.0 && mention_form(text, m.1).1) => {
                let division =
                    resolve_with(g, &b.1.0, &base, false).is_some_and(|r| matches!(r.entry.admin_level(), Some(1 | 2)));
                let area = || mentions.iter().filter(|m| m.0 == b.1.0).all(|m| mention_form(text, m.1).0);
                if division {
                    Some((n.1.clone(), Some((b.1.0.clone(), 3))))
                } else if area() {
                    Some((n.1.clone(), Some((b.1.0.clone(), 2))))
                } else {
                    Some((b.1.clone(), None))
                }
            }
            _ => best.or(by_name).map(|(_, m)| (m.clone(), None)),
        }
    };
    // The division or town the main place is mapped at, with the precision it gives, when the
    // gazetteer lacks the main place.
    let (main, mapped_at) = match main {
        Some((m, at)) => (Some(m), at),
        None => (None, None),
    };
    // Resolved once for the document's claims.
    let mapped_at = mapped_at.and_then(|(at, precision)| Some((resolve_with(g, &at, &base, explain)?, precision)));
    if let Some((r, _)) = &mapped_at {
        trace.note_rivals(r);
    }
    let mut out = Vec::new();
    for c in claims.iter_mut() {
        if c.place.as_ref().is_none_or(|p| p.level == PlaceLevel::Country)
            && let Some((name, span)) = &main
        {
            c.place = Some(Place {
                name: name.clone(),
                country: c.place.as_ref().and_then(|p| p.country.clone()).or_else(|| countries.first().cloned()),
                admin1: None,
                lat: None,
                lon: None,
                level: PlaceLevel::Unresolved,
                span: *span,
                admin2: None,
                geonames_id: None,
                precision: None,
                from_document: true,
            });
            c.rules.push(format!("place: none of its own; the document's main place {name:?}, precision 2 at best"));
            fallback.push(c.id.clone());
        }
        let sentence = c.span;
        let Some(p) = c.place.as_mut() else { continue };
        if p.level == PlaceLevel::Country {
            p.precision = Some(3);
            continue;
        }
        let (relative, division) = mention_form(text, p.span);
        let own = p.country.as_deref().and_then(&mut code_of);
        let key: Key = (p.name.clone(), division, own.clone());
        // (best candidate, ambiguous without a country context, inside the country context)
        let (resolved, ambiguous, in_ctx) = match memo.iter().find(|(k, _, _, _)| *k == key) {
            Some((_, r, amb, inside)) => (r.clone(), *amb, *inside),
            None => {
                let mut ctx = base.clone();
                ctx.wants_admin = division;
                ctx.near_spellings = true;
                ctx.anchors = first.iter().filter(|(n, _)| *n != p.name).map(|(_, ll)| *ll).collect();
                if let Some(own) = own
                    && !ctx.countries.iter().any(|(x, _)| *x == own)
                {
                    ctx.countries.push((own, 1.0));
                }
                let r = resolve_with(g, &p.name, &ctx, explain);
                let amb = ctx.countries.is_empty() && !unambiguous(g, &ctx, &p.name);
                let inside = r.as_ref().is_some_and(|r| in_context(&ctx, &r.entry.country));
                memo.push((key, r.clone(), amb, inside));
                (r, amb, inside)
            }
        };
        // The main place lent to a claim that names none, when it is mapped at a division or a
        // town's area.
        let lend = mapped_at.is_some() && fallback.contains(&c.id);
        match resolved {
            Some(r) if ambiguous => {
                if explain && !lend {
                    out.push((
                        c.sentence,
                        p.name.clone(),
                        format!(
                            "not geocoded: no country context and candidates in several countries (best: {})",
                            r.reason
                        ),
                    ));
                }
            }
            Some(r) if in_ctx => {
                let e = &r.entry;
                // A choice with a clear lead places the report for the collection; a close one
                // is what the collection may sway.
                if r.margin >= crosscheck_geo::resolve::SWAY
                    && !matches!(e.admin1.as_str(), "" | "00")
                    && !trace.regions.iter().any(|(c, a)| *c == e.country && *a == e.admin1)
                {
                    trace.regions.push((e.country.clone(), e.admin1.clone()));
                }
                trace.note_rivals(&r);
                locate(g, p, &r);
                p.geonames_id = (e.id != 0).then_some(e.id);
                let level = e.admin_level();
                p.level = match level {
                    Some(0) => PlaceLevel::Country,
                    Some(1) => PlaceLevel::Admin1,
                    _ => PlaceLevel::Town,
                };
                let borrowed = fallback.contains(&c.id);
                p.precision = Some(match level {
                    Some(0 | 1) => 3,
                    Some(_) => 2,
                    None if relative || borrowed => 2,
                    None => 1,
                });
                if explain {
                    let form = if borrowed {
                        "; the document's main place (the sentence names none), precision 2"
                    } else if relative {
                        "; a relative location, precision 2"
                    } else {
                        ""
                    };
                    out.push((c.sentence, p.name.clone(), format!("{}{form}", r.reason)));
                }
                p.name = e.name.clone();
            }
            Some(r) => {
                if explain && !lend {
                    out.push((
                        c.sentence,
                        p.name.clone(),
                        format!("not geocoded: the best candidate lies outside the country context ({})", r.reason),
                    ));
                }
            }
            None => {
                if explain && !lend {
                    out.push((c.sentence, p.name.clone(), "not in the gazetteer: kept by name, no coordinates".into()));
                }
            }
        }
        // "the village of Kobari (Tambao, Sirba)", "Kobari, 13 km from Tambao": a place the
        // gazetteer lacks, followed by the divisions it lies in or the place it is near, is
        // mapped there: at a town or a second-level division with precision 2, a region with
        // precision 3.
        if !lend
            && p.lat.is_none()
            && let Some((r, precision)) = located_by(g, text, p.span, mentions, &base, explain)
        {
            trace.note_rivals(&r);
            locate(g, p, &r);
            p.precision = Some(precision);
            if explain {
                let why = format!(
                    "not in the gazetteer for this country; mapped at {}, the place named after it that locates it \
                     ({}), precision {precision}",
                    r.entry.name, r.reason
                );
                // In place of the note that it was not geocoded.
                match out.last_mut().filter(|l| l.0 == c.sentence && l.1 == p.name) {
                    Some(last) => last.2 = why,
                    None => out.push((c.sentence, p.name.clone(), why)),
                }
            }
        }
        // "gunmen killed four people in Kobari and the army later patrolled in Tambao": the
        // gazetteer lacks the place, but another place of the same sentence resolves; the two
        // are taken to lie in one region, so the place is mapped at that region (precision 3).
        if !lend
            && p.lat.is_none()
            && let Some((r, region)) = same_region(g, p, sentence, mentions, &base, explain)
        {
            trace.note_rivals(&r);
            locate(g, p, &region);
            p.admin2 = None;
            p.precision = Some(3);
            if explain {
                let why = format!(
                    "not in the gazetteer for this country; mapped at the region of {}, named in the same sentence \
                     ({}), precision 3",
                    r.entry.name, r.reason
                );
                match out.last_mut().filter(|l| l.0 == c.sentence && l.1 == p.name) {
                    Some(last) => last.2 = why,
                    None => out.push((c.sentence, p.name.clone(), why)),
                }
            }
        }
        if lend
            && p.lat.is_none()
            && let Some((r, precision)) = &mapped_at
        {
            let e = &r.entry;
            locate(g, p, r);
            p.precision = Some(*precision);
            if explain {
                let what = if *precision == 3 { "division" } else { "area" };
                out.push((
                    c.sentence,
                    p.name.clone(),
                    format!(
                        "not in the gazetteer for this country; the document's main place, mapped at the {what} the \
                         text names, {} ({}), precision {precision}",
                        e.name, r.reason
                    ),
                ));
            }
        }
    }
    Geocoded { notes: out, trace }
}

/// What [`geocode`] gives back besides the claims it placed.
#[derive(Clone, Debug, Default)]
pub struct Geocoded {
    /// (sentence, place name, reason), for `explain`.
    pub notes: Vec<(usize, String, String)>,
    /// What the collection may use and change.
    pub trace: Trace,
}

/// How a document's geocoding bears on its collection, and the collection on it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Trace {
    /// (country, admin1 code) of each first-level division a claim's place was chosen in with
    /// a clear lead (at least [`crosscheck_geo::resolve::SWAY`] over the runner-up).
    pub regions: Vec<(String, String)>,
    /// Its country context is none, or weak (one town, one name): a collection's country may
    /// outvote it.
    pub weak: bool,
    /// (country, admin1 code) of candidates that came within [`crosscheck_geo::resolve::SWAY`]
    /// of a chosen place, in other divisions: a collection's regions may choose them instead.
    pub rivals: Vec<(String, String)>,
}

impl Trace {
    /// Keep the rivals of a choice.
    fn note_rivals(&mut self, r: &crosscheck_geo::Resolved) {
        for rival in &r.rivals {
            if !self.rivals.contains(rival) {
                self.rivals.push(rival.clone());
            }
        }
    }

    /// Whether some collection could change this document's places.
    pub fn open(&self) -> bool {
        self.weak || !self.rivals.is_empty()
    }

    /// Whether this collection may change them, for a document whose own country context is
    /// `own`: a weak context and a collection set elsewhere, or a rival in one of its regions.
    pub fn swayed_by(&self, own: Option<&str>, c: &Collection) -> bool {
        (self.weak && c.country.as_deref().is_some_and(|x| Some(x) != own))
            || self.rivals.iter().any(|(cc, a1)| c.regions.iter().any(|(x, y, _)| x == cc && y == a1))
    }
}

/// What a collection of reports read together says about where each of them is: the country
/// most of them are set in, and the first-level divisions their places were clearly chosen in.
/// [`crate::analyze_collection`] reads a collection twice: once alone, then, with this, the
/// reports whose places it could change. Empty for a lone report.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Collection {
    /// The country (as the country context names it) of most reports: at least
    /// [`Collection::MIN_REPORTS`] of them and more than half of those with a country context.
    pub country: Option<String>,
    /// (country, admin1 code, share of the collection's reports clearly placed there): see
    /// [`Context::regions`]. Only divisions with at least [`Collection::MIN_REPORTS`] reports.
    pub regions: Vec<(String, String, f64)>,
}

impl Collection {
    /// Fewer reports than this say nothing of a collection.
    pub const MIN_REPORTS: usize = 5;

    /// The collection of documents with these country contexts and traces.
    pub fn gather<'a>(docs: impl IntoIterator<Item = (Option<&'a str>, &'a Trace)>) -> Collection {
        let mut t = Tally::default();
        for (country, trace) in docs {
            t.add(country, trace);
        }
        t.collection()
    }

    /// Whether it says anything.
    pub fn is_empty(&self) -> bool {
        self.country.is_none() && self.regions.is_empty()
    }
}

/// Counts of a collection's reports by country and by region, as they come: what
/// [`Collection`] is made of, without keeping the reports.
#[derive(Clone, Debug, Default)]
pub struct Tally {
    countries: Vec<(String, usize)>,
    regions: Vec<((String, String), usize)>,
    /// Reports with a country context.
    with_country: usize,
    /// Reports clearly placed in a region.
    placed: usize,
}

impl Tally {
    /// Count one report: its country context and its trace.
    pub fn add(&mut self, country: Option<&str>, trace: &Trace) {
        /// One more of `key`.
        fn bump<K: PartialEq + Clone>(counts: &mut Vec<(K, usize)>, key: &K) {
            match counts.iter_mut().find(|(x, _)| x == key) {
                Some(n) => n.1 += 1,
                None => counts.push((key.clone(), 1)),
            }
        }
        if let Some(c) = country {
            self.with_country += 1;
            bump(&mut self.countries, &c.to_string());
        }
        self.placed += usize::from(!trace.regions.is_empty());
        for r in &trace.regions {
            bump(&mut self.regions, r);
        }
    }

    /// What the reports counted so far say.
    pub fn collection(&self) -> Collection {
        // The most frequent; the first met on a tie (`max_by_key` keeps the last).
        let top = self
            .countries
            .iter()
            .rev()
            .max_by_key(|(_, n)| *n)
            .filter(|(_, n)| *n >= Collection::MIN_REPORTS && 2 * n > self.with_country);
        let mut regions: Vec<(String, String, f64)> = self
            .regions
            .iter()
            .filter(|(_, n)| *n >= Collection::MIN_REPORTS)
            .map(|((c, a), n)| (c.clone(), a.clone(), *n as f64 / self.placed as f64))
            .collect();
        regions.sort_by(|a, b| b.2.total_cmp(&a.2).then_with(|| (&a.0, &a.1).cmp(&(&b.0, &b.1))));
        Collection { country: top.map(|(c, _)| c.clone()), regions }
    }
}

/// Coordinates for each place name of a document, for toponym resolution on its own (the
/// geoparsing evaluation): a country name or demonym is its country; other names are resolved
/// with the same context as [`geocode`] (country context, the other names, a second pass with
/// the others' coordinates as anchors). With `guess`, a name outside the country context or
/// ambiguous without one still gets its best candidate, and a name the gazetteer does not know
/// gets the document's focus (the literature scores a missing answer as the largest error);
/// without, it gets none, as in [`geocode`].
pub fn resolve_mentions(
    g: &Gazetteer,
    res: &crate::Resources,
    text: &str,
    countries: &[String],
    mentions: &[(String, Span)],
    guess: bool,
) -> Vec<Option<(f64, f64)>> {
    let base = document_context(g, text, countries, mentions);
    let as_country = |name: &str| -> Option<(f64, f64)> {
        let toks = crate::tokens::tokenize(name, 0);
        // A continent's adjective or a union ("European", "EU"): the continent.
        if let Some((n, continent)) = res.continents.longest_at(&toks, 0)
            && n == toks.len()
        {
            let e = g.lookup(continent).into_iter().map(|(i, _)| g.entry_brief(i)).find(|e| e.code == "CONT")?;
            return Some((e.lat, e.lon));
        }
        // A people's plural names its country too: "Americans", "Syrians", "Czechs".
        let singular = name.strip_suffix('s').map(|n| crate::tokens::tokenize(n, 0));
        let adjective = |t: &[crate::tokens::Token<'_>]| {
            res.country_adjectives.longest_at(t, 0).filter(|(n, _)| *n == t.len()).map(|(_, i)| *i)
        };
        let idx = match res.country_names.longest_at(&toks, 0) {
            Some((n, i)) if n == toks.len() => *i,
            _ => adjective(&toks).or_else(|| singular.as_deref().and_then(adjective))?,
        };
        let iso = &res.countries[idx].iso2;
        // "Georgia" in a report whose places are American: the state, when a country with a
        // first-level division of that very name weighs more in the document's context than
        // the country named.
        let weight = |code: &str| base.countries.iter().find(|(c, _)| c == code).map_or(0.0, |c| c.1);
        if let Some(e) = g
            .lookup(name)
            .into_iter()
            .map(|(i, _)| g.entry_brief(i))
            .find(|e| e.admin_level() == Some(1) && weight(&e.country) > weight(iso))
        {
            return Some((e.lat, e.lon));
        }
        let e = g.entry_brief(g.by_code(iso)?);
        Some((e.lat, e.lon))
    };
    let pick = |name: &str, span: Span, anchors: Vec<(f64, f64)>| -> Option<(f64, f64)> {
        if let Some(ll) = as_country(name) {
            return Some(ll);
        }
        let mut ctx = base.clone();
        ctx.wants_admin = mention_form(text, span).1;
        ctx.anchors = anchors;
        let r = resolve_with(g, name, &ctx, false)?;
        let ok =
            guess || (in_context(&ctx, &r.entry.country) && (!ctx.countries.is_empty() || unambiguous(g, &ctx, name)));
        ok.then_some((r.entry.lat, r.entry.lon))
    };
    let first: Vec<Option<(f64, f64)>> = mentions.iter().map(|(n, s)| pick(n, *s, Vec::new())).collect();
    let found: Vec<Option<(f64, f64)>> = mentions
        .iter()
        .map(|(n, s)| {
            let anchors = mentions.iter().zip(&first).filter(|((m, _), _)| m != n).filter_map(|(_, ll)| *ll).collect();
            pick(n, *s, anchors)
        })
        .collect();
    if !guess {
        return found;
    }
    // Guessing, a name the gazetteer does not know ("Royal Street", "Faubourg Marigny") is
    // placed at the document's focus, as a claim without a place of its own takes the
    // document's main place: the most often resolved town or division, else the most often
    // resolved country ("U.S." named five times is a poor guess for a street), else the country
    // context.
    let local: Vec<Option<(f64, f64)>> =
        mentions.iter().zip(&found).map(|((n, _), ll)| ll.filter(|_| as_country(n).is_none())).collect();
    let pool = if local.iter().any(Option::is_some) { &local } else { &found };
    let mut counts: Vec<((f64, f64), usize)> = Vec::new();
    for ll in pool.iter().flatten() {
        match counts.iter_mut().find(|(p, _)| p == ll) {
            Some(c) => c.1 += 1,
            None => counts.push((*ll, 1)),
        }
    }
    // The most resolved, the first on a tie (`max_by_key` keeps the last, so from the end).
    let focus = counts.iter().rev().max_by_key(|(_, n)| *n).map(|(p, _)| *p).or_else(|| {
        let c = countries.first()?;
        let e = g.entry_brief(g.by_code(&g.country_code(c)?)?);
        Some((e.lat, e.lon))
    });
    found.into_iter().map(|ll| ll.or(focus)).collect()
}

/// Words that may stand between a place and the place it is located by, besides the
/// directions of [`crate::places::DIRECTIONS`]: "Kobari, about 13 km northwest of Tambao",
/// "Kobari near Tambao", "the village of Kobari in Tambao commune".
const LOCATED_BY: &[&str] = &[
    "about",
    "around",
    "some",
    "nearly",
    "approximately",
    "roughly",
    "km",
    "kms",
    "kilometres",
    "kilometers",
    "kilometre",
    "kilometer",
    "miles",
    "mile",
    "of",
    "from",
    "near",
    "outside",
    "in",
    "at",
    "on",
    "a",
    "the",
    "and",
    "or",
    "neighbourhood",
    "neighborhood",
    "quarter",
    "square",
];

/// The place that locates the place at `span` when the gazetteer lacks it, and the precision it
/// gives: the first place named in parentheses right after it ("Kobari (Tambao, Sirba)") that
/// resolves in the document's context, or the place it is said to be near, in or at a distance
/// from ("Kobari, 13 km northwest of Tambao", "Kobari near Tambao"). Precision 3 for a country
/// or a first-level division, else 2.
fn located_by(
    g: &Gazetteer,
    text: &str,
    span: Span,
    mentions: &[(String, Span)],
    base: &Context,
    explain: bool,
) -> Option<(crosscheck_geo::Resolved, u8)> {
    let after = text.get(span.end..)?;
    let mut open = span.end + after.find(|c: char| c != ' ')?;
    // "Adabara [Barhia] (Gourma-Rharous, Tombouctou)": another name of the place in brackets
    // comes before its divisions.
    if text[open..].starts_with('[')
        && let Some(close) = text[open..].find(']')
        && let Some(next) = text[open + close + 1..].find(|c: char| c != ' ')
    {
        open += close + 1 + next;
    }
    let candidates: Vec<&String> = if text[open..].starts_with('(') {
        let close = open + text[open..].find(')')?;
        mentions.iter().filter(|(_, s)| s.start > open && s.end <= close).map(|(n, _)| n).collect()
    } else {
        // The next place named, when only distance, direction and locative words stand
        // between, one of them a locative ("near", "from", "of", "in", "outside").
        let (name, next) = mentions.iter().filter(|(_, s)| s.start >= span.end).min_by_key(|(_, s)| s.start)?;
        let gap = text.get(span.end..next.start)?;
        let words: Vec<String> = gap
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty())
            .map(|w| w.to_lowercase())
            .collect();
        let allowed = |w: &String| {
            LOCATED_BY.contains(&w.as_str())
                || crate::places::DIRECTIONS.contains(&w.as_str())
                || crate::places::PLACE_NOUNS.contains(&w.as_str())
                || w.trim_end_matches(|c: char| c.is_alphabetic()).chars().all(|c| c.is_ascii_digit() || c == '.')
                    && w.starts_with(|c: char| c.is_ascii_digit())
        };
        // "around Tabakort and Tabrichat", "the road between Asongo and Menaka": places named
        // together, the second locating the first.
        let together = matches!(words.as_slice(), [w] if w == "and" || w == "or");
        let locative =
            together || words.iter().any(|w| matches!(w.as_str(), "near" | "from" | "of" | "in" | "at" | "outside"));
        if words.is_empty() || words.len() > 8 || !locative || !words.iter().all(allowed) {
            return None;
        }
        vec![name]
    };
    for name in candidates {
        let Some(r) = resolve_here(g, name, base, explain) else { continue };
        let precision = if matches!(r.entry.admin_level(), Some(0 | 1)) { 3 } else { 2 };
        return Some((r, precision));
    }
    None
}

/// Another place of the claim's sentence (`sentence`) that resolves in the document's context,
/// the nearest after `p` first, then the nearest before; and the first-level division it lies in.
fn same_region(
    g: &Gazetteer,
    p: &Place,
    sentence: Span,
    mentions: &[(String, Span)],
    base: &Context,
    explain: bool,
) -> Option<(crosscheck_geo::Resolved, crosscheck_geo::Resolved)> {
    let inside = |s: &Span| s.start >= sentence.start && s.end <= sentence.end;
    let mut others: Vec<&(String, Span)> =
        mentions.iter().filter(|(n, s)| inside(s) && *n != p.name && s.start != p.span.start).collect();
    others.sort_by_key(|(_, s)| (s.start < p.span.start, s.start.abs_diff(p.span.start)));
    for (name, _) in others {
        let Some(r) = resolve_here(g, name, base, explain) else { continue };
        let e = &r.entry;
        if e.admin1.is_empty() || e.admin_level() == Some(0) {
            continue;
        }
        let Some(i) = g.by_code(&format!("{}.{}", e.country, e.admin1)) else { continue };
        let region = g.entry_brief(i);
        let resolved = crosscheck_geo::Resolved {
            index: i,
            country: g.admin_name(&region, 0),
            admin1: Some(region.name.clone()),
            admin2: None,
            score: 0.0,
            margin: r.margin,
            rivals: Vec::new(),
            reason: String::new(),
            entry: region,
        };
        return Some((r, resolved));
    }
    None
}

/// `name`'s best candidate when it can be trusted in the document's context: inside the country
/// context, or, with none, the name's only country ([`unambiguous`]).
fn resolve_here(g: &Gazetteer, name: &str, base: &Context, explain: bool) -> Option<crosscheck_geo::Resolved> {
    let r = resolve_with(g, name, base, explain)?;
    (in_context(base, &r.entry.country) && (!base.countries.is_empty() || unambiguous(g, base, name))).then_some(r)
}

/// Give `p` the point, country and divisions of the entry `r` resolved it to.
fn locate(g: &Gazetteer, p: &mut Place, r: &crosscheck_geo::Resolved) {
    let (lat, lon) = point(g, &r.entry);
    p.lat = Some(lat);
    p.lon = Some(lon);
    p.country = r.country.clone().or(p.country.take());
    p.admin1 = r.admin1.clone();
    p.admin2 = r.admin2.clone();
}

/// Where an event at entry `e` is mapped: a first-level division at its seat, as ACLED codes an
/// event known only to its region (geo-precision 3) at the regional capital; anything else at
/// its own point.
fn point(g: &Gazetteer, e: &crosscheck_geo::Entry) -> (f64, f64) {
    match (e.admin_level() == Some(1)).then(|| g.seat_of(e)).flatten() {
        Some(seat) => (seat.lat, seat.lon),
        None => (e.lat, e.lon),
    }
}

/// Whether `name` can be geocoded in this context: its best candidate lies in the country
/// context; with no country context, all its candidates are in one country and match exactly
/// ("Timbuktu"; not "Boni", which is also an alternate name of Bonn).
fn unambiguous(g: &Gazetteer, ctx: &Context, name: &str) -> bool {
    if !ctx.countries.is_empty() {
        return resolve_with(g, name, ctx, false).is_some_and(|r| in_context(ctx, &r.entry.country));
    }
    let found = g.lookup(name);
    let first = found.first().map(|(i, _)| g.entry_brief(*i).country);
    first.is_some() && found.iter().all(|(i, m)| *m == Match::Exact && Some(g.entry_brief(*i).country) == first)
}

fn in_context(ctx: &Context, country: &str) -> bool {
    ctx.countries.is_empty() || ctx.countries.iter().any(|(c, _)| c == country)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A collection sways a report whose weak country context it does not share, or whose
    /// close rival lies in one of its regions; nothing else.
    #[test]
    fn a_collection_sways_only_what_it_could_change() {
        let ml = |a1: &str| ("ML".to_string(), a1.to_string());
        let c = Collection { country: Some("Mali".into()), regions: vec![("ML".into(), "04".into(), 0.4)] };
        let weak = Trace { weak: true, ..Trace::default() };
        assert!(weak.open() && weak.swayed_by(None, &c) && weak.swayed_by(Some("Ghana"), &c));
        assert!(!weak.swayed_by(Some("Mali"), &c), "the collection's own country");
        let rival = |a1: &str| Trace { rivals: vec![ml(a1)], ..Trace::default() };
        assert!(rival("04").swayed_by(Some("Mali"), &c));
        assert!(rival("03").open() && !rival("03").swayed_by(Some("Mali"), &c), "a rival outside its regions");
        assert!(!Trace::default().open() && !Trace::default().swayed_by(None, &c));
        // Regions are counted from clear choices only, shares over the reports placed.
        let clear = Trace { regions: vec![ml("04")], ..Trace::default() };
        let other = Trace { regions: vec![ml("03")], ..Trace::default() };
        let mut docs: Vec<(Option<&str>, &Trace)> = vec![(Some("Mali"), &clear); 6];
        docs.extend([(Some("Mali"), &other); 4]);
        docs.push((None, &weak));
        let got = Collection::gather(docs);
        assert_eq!(got.country.as_deref(), Some("Mali"));
        assert_eq!(got.regions, [("ML".into(), "04".into(), 0.6)], "a region of fewer than five reports says nothing");
    }

    #[test]
    fn relative_and_division_mentions() {
        let t = "a sweep near Boni, 30 km from Douentza, in the Mopti region and in Hombori";
        let at = |w: &str| {
            let s = t.find(w).unwrap();
            mention_form(t, Span::new(s, s + w.len()))
        };
        assert_eq!(at("Boni"), (true, false));
        assert_eq!(at("Douentza"), (true, false));
        assert_eq!(at("Mopti"), (false, true));
        assert_eq!(at("Hombori"), (false, false));
    }

    /// A mention of `w`: its first occurrence in `text` at or after byte `from`.
    fn mention_in(text: &str, w: &str, from: usize) -> (String, Span) {
        let s = text[from..].find(w).unwrap() + from;
        (w.to_string(), Span::new(s, s + w.len()))
    }

    fn entry(name: &str, cc: &str, a1: &str, pop: u64, ll: (f64, f64), code: &str) -> crosscheck_geo::Entry {
        crosscheck_geo::entry::sample(0, name, &[], cc, a1, pop, ll, code)
    }

    /// Guessing, a name the gazetteer does not know takes the document's focus; otherwise none.
    #[test]
    fn an_unknown_name_takes_the_document_s_focus_when_guessing() {
        let g = Gazetteer::from_entries(&[
            entry("Lyon", "FR", "84", 500_000, (45.75, 4.85), "PPL"),
            entry("Paris", "FR", "11", 2_138_551, (48.85, 2.35), "PPLC"),
        ])
        .unwrap();
        let res = crate::Resources::builtin();
        let text = "In Paris, on Rue Mouffetard near Paris and Lyon.";
        let mention = |w: &str| mention_in(text, w, 0);
        let mentions = [mention("Paris"), mention("Rue Mouffetard"), mention("Lyon")];
        let countries = ["France".to_string()];
        let guessed = resolve_mentions(&g, &res, text, &countries, &mentions, true);
        let (lat, lon) = guessed[1].expect("the focus");
        assert!((lat - 48.85).abs() < 1e-3 && (lon - 2.35).abs() < 1e-3, "the most resolved name: {lat},{lon}");
        assert_eq!(resolve_mentions(&g, &res, text, &countries, &mentions, false)[1], None);
    }

    /// Guessing, an unknown name takes the most resolved town, not the country named more
    /// often: a street is in the town.
    #[test]
    fn the_focus_is_a_town_before_a_country() {
        let g = Gazetteer::from_entries(&[
            entry("Lyon", "FR", "84", 500_000, (45.75, 4.85), "PPL"),
            entry("France", "FR", "", 67_000_000, (46.0, 2.0), "PCLI"),
        ])
        .unwrap();
        let res = crate::Resources::builtin();
        let text = "France and France again: in Lyon, on Rue Mercière, France says.";
        let at = |w: &str, from: usize| mention_in(text, w, from);
        let mentions = [at("France", 0), at("France", 8), at("Lyon", 0), at("Rue Mercière", 0), at("France", 40)];
        let guessed = resolve_mentions(&g, &res, text, &[], &mentions, true);
        let (lat, lon) = guessed[3].expect("the focus");
        assert!((lat - 45.75).abs() < 1e-3 && (lon - 4.85).abs() < 1e-3, "the town: {lat},{lon}");
        // With no town resolved, the country named.
        let only = [at("France", 0), at("Rue Mercière", 0)];
        let (lat, _) = resolve_mentions(&g, &res, text, &[], &only, true)[1].expect("the country");
        assert!((lat - 46.0).abs() < 1e-3, "{lat}");
    }

    /// A division the text spells otherwise than the gazetteer ("Kobariku" for Kobarikou)
    /// still says which of two villages of one name is meant.
    #[test]
    fn a_division_named_in_another_spelling_chooses_the_village() {
        let g = Gazetteer::from_entries(&[
            // The two villages equally far from the divisions' points: only the name decides.
            entry("Kelbo", "ML", "02", 900, (14.0, -4.0), "PPL"),
            entry("Kelbo", "ML", "01", 900, (16.0, -4.0), "PPL"),
            entry("Kobarikou", "ML", "01", 50_000, (15.0, -4.0), "ADM1"),
            entry("Sirbadougou", "ML", "02", 50_000, (15.0, -4.0), "ADM1"),
            entry("Mali", "ML", "", 20_000_000, (17.0, -4.0), "PCLI"),
        ])
        .unwrap();
        let res = crate::Resources::builtin();
        let text = "Gunmen attacked Kelbo (Kobariku).";
        let mention = |w: &str| mention_in(text, w, 0);
        let mentions = [mention("Kelbo"), mention("Kobariku")];
        let got = resolve_mentions(&g, &res, text, &["Mali".to_string()], &mentions, false);
        let (lat, _) = got[0].expect("placed");
        assert!((lat - 16.0).abs() < 1e-3, "the Kelbo in Kobarikou: {lat}");
    }

    /// A local report names its state, not its country: the state says which Paris it is.
    #[test]
    fn a_named_division_gives_its_country_to_the_context() {
        let g = Gazetteer::from_entries(&[
            entry("Paris", "FR", "11", 2_138_551, (48.85, 2.35), "PPLC"),
            entry("Paris", "US", "TX", 24_782, (33.66, -95.56), "PPL"),
            entry("Texas", "US", "TX", 22_266_440, (31.25, -99.25), "ADM1"),
            entry("Georgia", "GE", "", 3_704_500, (42.0, 43.5), "PCLI"),
            entry("Georgia", "US", "GA", 4_835_606, (32.75, -83.5), "ADM1"),
            entry("Central", "GH", "CP", 2_000_000, (5.5, -1.0), "ADM1"),
            entry("Central", "KE", "13", 4_000_000, (-0.5, 37.0), "ADM1"),
        ])
        .unwrap();
        let res = crate::Resources::builtin();
        let text = "Police in Paris, Texas, said the fire started at night.";
        let mention = |w: &str| mention_in(text, w, 0);
        let mentions = [mention("Paris"), mention("Texas")];
        let ctx = document_context(&g, text, &[], &mentions);
        assert_eq!(ctx.countries, [("US".to_string(), 1.0)]);
        let got = resolve_mentions(&g, &res, text, &[], &mentions, false);
        let (lat, lon) = got[0].unwrap();
        assert!((lat - 33.66).abs() < 1e-3 && (lon + 95.56).abs() < 1e-3, "{lat},{lon}");
        // A country's name, or a division name of several countries, gives no country.
        let other = "Georgia and Central";
        let ms = [("Georgia".to_string(), Span::new(0, 7)), ("Central".to_string(), Span::new(12, 19))];
        assert!(document_context(&g, other, &[], &ms).countries.is_empty(), "{other}");
    }

    /// A country's name in a report set in a country with a first-level division of that name
    /// is the division ("Georgia" beside Texas); a continent's adjective is the continent.
    #[test]
    fn a_country_name_is_the_division_of_the_report_s_country_and_an_adjective_its_continent() {
        let g = Gazetteer::from_entries(&[
            entry("Texas", "US", "TX", 22_266_440, (31.25, -99.25), "ADM1"),
            entry("Georgia", "GE", "", 3_704_500, (42.0, 43.5), "PCLI"),
            entry("Georgia", "US", "GA", 4_835_606, (32.75, -83.5), "ADM1"),
            entry("United States", "US", "", 327_000_000, (39.76, -98.5), "PCLI"),
            entry("Europe", "", "", 741_000_000, (48.69, 9.14), "CONT"),
            entry("Eu", "FR", "28", 8_000, (50.05, 1.42), "PPL"),
        ])
        .unwrap();
        let res = crate::Resources::builtin();
        let text = "Storms hit Texas and Georgia; the EU and European donors sent aid to Georgia.";
        let at = |w: &str| mention_in(text, w, 0);
        let mentions = [at("Texas"), at("Georgia"), at("EU"), at("European")];
        let got = resolve_mentions(&g, &res, text, &["United States".into(), "Georgia".into()], &mentions, true);
        let lat = |k: usize| got[k].map(|p| p.0.round() as i64);
        assert_eq!((lat(1), lat(2), lat(3)), (Some(33), Some(49), Some(49)), "{got:?}");
        // A people's plural is its country.
        let plural = resolve_mentions(&g, &res, "Americans said", &[], &[("Americans".into(), Span::new(0, 9))], false);
        assert_eq!(plural[0].map(|p| p.0.round() as i64), Some(40));
        // Where the country named weighs as much, it is the country.
        let got = resolve_mentions(&g, &res, text, &["Georgia".into()], &mentions[1..2], true);
        assert_eq!(got[0].map(|p| p.0.round() as i64), Some(42));
    }
}
