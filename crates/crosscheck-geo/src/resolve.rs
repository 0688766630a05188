//! Choosing among places that share a name.
//!
//! Every candidate gets a score, the sum of these parts, and the parts are the reason:
//!
//! | evidence | score |
//! |---|---|
//! | a transliteration variant rather than the same name | −1 |
//! | one letter away from the gazetteer's spelling (tried only when neither matches, and only in the country context) | −1.5 |
//! | the candidate's country is in the context (dateline, countries named, actors' country, the country of a first-level division named) | up to +4, by the country's share of the context |
//! | a country context exists and the candidate is elsewhere | −3 |
//! | its admin1 or admin2 is named in the document ("in the Mopti region", "Douentza circle"; in any spelling the gazetteer looks up to the division) | +2.5 |
//! | population | +0.4 per power of ten (+0.3 for admin divisions, whose population is a sum) |
//! | a first-level division (a state, a region), a country or a continent: prominent | +0.5 |
//! | a populated place; a capital or admin seat | +0.5; +0.5 more |
//! | a town (not a capital, under 100,000 people) named as a more populous first-level division of the leading context country it does not lie in ("California", Pennsylvania) | −2 |
//! | the text asks for a division ("the Mopti region") and it is one | +2 |
//! | another feature class (a well, a hill, a forest; not a continent) | −0.5 |
//! | distance to the other places of the same incident: < 50 km / < 150 km / < 500 km / > 1,500 km | +2 / +1 / +0.3 / −1 |
//! | its first-level division holds a share of the collection's places (the other reports read with it) | + the share (at most +1) |

use crate::entry::Entry;
use crate::index::{Gazetteer, Match};
use crate::normalise::key;

/// What the document says around a place name.
#[derive(Clone, Debug, Default)]
pub struct Context {
    /// Countries of the context as ISO codes, with weights (any scale).
    pub countries: Vec<(String, f64)>,
    /// Names the document mentions, which may be divisions ([`key`] form): as the gazetteer
    /// and the text write them, and the names of the divisions they look up to.
    pub admin_names: Vec<String>,
    /// Coordinates of the other places of the same incident.
    pub anchors: Vec<(f64, f64)>,
    /// The mention names a division ("the Mopti region", "Oudalan province").
    pub wants_admin: bool,
    /// A name found in neither spelling may match one letter away, in the country context
    /// ([`Gazetteer::lookup_near`]): for an event's place, where no point is the alternative;
    /// not for every toponym of a text, where the document's focus does better.
    pub near_spellings: bool,
    /// Where the collection's other reports are: (country, admin1 code, share of its reports
    /// placed there). A candidate in such a division gets its share (at most +1): enough to
    /// choose between two hamlets of one name and no population ("Boni" in the region the
    /// collection is about, not its namesake at the other end of the country), too little to
    /// outweigh a named division, a distance or ten times the population.
    pub regions: Vec<(String, String, f64)>,
}

/// The chosen place.
#[derive(Clone, Debug, PartialEq)]
pub struct Resolved {
    /// Index in the gazetteer.
    pub index: u32,
    /// The entry.
    pub entry: Entry,
    /// Country name.
    pub country: Option<String>,
    /// Admin1 name.
    pub admin1: Option<String>,
    /// Admin2 name.
    pub admin2: Option<String>,
    /// Its score.
    pub score: f64,
    /// Its lead over the runner-up (infinite for the only candidate): how much the choice
    /// could be swayed.
    pub margin: f64,
    /// (country, admin1 code) of the other candidates within [`SWAY`] of it, in divisions other
    /// than its own: where a collection's regions could move the choice.
    pub rivals: Vec<(String, String)>,
    /// Why: the parts of the score, and how many candidates there were.
    pub reason: String,
}

/// The score of a candidate, and with `explain` its parts in words (formatted only for the
/// chosen one: formatting every candidate's reason costs more than scoring it).
fn score(
    g: &Gazetteer,
    e: &Entry,
    m: Match,
    ctx: &Context,
    query: &str,
    divisions: &[(String, String, u64)],
    explain: bool,
) -> (f64, Vec<String>) {
    let mut s = 0.0;
    let mut why = Vec::new();
    let mut add = |v: f64, what: &dyn Fn() -> String| {
        if v != 0.0 {
            s += v;
            if explain {
                why.push(format!("{} {v:+.1}", what()));
            }
        }
    };
    match m {
        Match::Variant => add(-1.0, &|| "spelling variant".into()),
        Match::Near => add(-1.5, &|| "one letter from the gazetteer's spelling".into()),
        Match::Exact => {}
    }
    let total: f64 = ctx.countries.iter().map(|c| c.1).sum();
    if total > 0.0 {
        match ctx.countries.iter().find(|c| c.0 == e.country) {
            Some((cc, w)) => add(4.0 * w / total, &|| format!("country context {cc}")),
            None => add(-3.0, &|| format!("outside the country context ({})", e.country)),
        }
    }
    let admin = e.admin_level();
    // Where the text writes a division ("the Kidal region"), a town's lying in a division the
    // text names (often this very one) says nothing for the town.
    for level in [1u8, 2] {
        if ctx.admin_names.is_empty() || ctx.wants_admin || admin.is_some_and(|a| a <= level) {
            continue;
        }
        // Not the name being resolved itself: the town of Bla lies in the Bla circle, and
        // "in Bla" names the town, not a division around it.
        if let Some(n) = g.admin_name(e, level)
            && key(&n) != query
            && ctx.admin_names.contains(&key(&n))
        {
            add(2.5, &|| format!("in {n}, named in the text"));
            break;
        }
    }
    let per_decade = if admin.is_some() { 0.3 } else { 0.4 };
    add(((e.population as f64) + 1.0).log10() * per_decade, &|| format!("population {}", e.population));
    if matches!(admin, Some(0 | 1)) || e.code == "CONT" {
        let what = match admin {
            Some(0) => "country",
            Some(1) => "first-level division",
            _ => "continent",
        };
        add(0.5, &|| format!("a {what}"));
    }
    match e.class {
        'P' => {
            add(0.5, &|| "populated place".into());
            // "California" is the state, not California, Pennsylvania: a town that bears the
            // name of a more populous first-level division (of the country leading the context:
            // `divisions`) it does not lie in. Not a capital or a city of 100,000 people or more
            // (Washington), nor a town in its namesake (Kidal).
            let capital = matches!(e.code.as_str(), "PPLC" | "PPLA") || e.population >= 100_000;
            if !capital
                && divisions.iter().any(|(cc, a1, pop)| !(*cc == e.country && *a1 == e.admin1) && *pop > e.population)
            {
                add(-2.0, &|| "named after a larger division elsewhere".into());
            }
            if matches!(e.code.as_str(), "PPLC" | "PPLA" | "PPLA2") {
                add(0.5, &|| format!("seat ({})", e.code));
            }
        }
        'A' if ctx.wants_admin && admin.is_some_and(|a| a >= 1) => add(2.0, &|| "a division, as the text says".into()),
        'A' => {}
        _ if e.code == "CONT" => {}
        c => add(-0.5, &|| format!("feature class {c}")),
    }
    // A division's point is its middle, far from the towns in it: its distances count for less
    // (a quarter for a first-level division, half for a second).
    let scale = match admin {
        Some(1) => 0.25,
        Some(2) => 0.5,
        _ => 1.0,
    };
    let nearest =
        ctx.anchors.iter().map(|a| crate::haversine_km(*a, (e.lat, e.lon)) * scale).fold(f64::INFINITY, f64::min);
    if nearest.is_finite() {
        let v = match nearest {
            d if d < 50.0 => 2.0,
            d if d < 150.0 => 1.0,
            d if d < 500.0 => 0.3,
            d if d > 1500.0 => -1.0,
            _ => 0.0,
        };
        add(v, &|| format!("{:.0} km from another place of the incident", nearest / scale));
    }
    if let Some((_, _, share)) = ctx.regions.iter().find(|(cc, a1, _)| *cc == e.country && *a1 == e.admin1) {
        add(share.min(1.0), &|| format!("{:.0}% of the collection's reports are in its division", share * 100.0));
    }
    (s, why)
}

/// The most a collection's regions add to a candidate ([`Context::regions`]): a choice with a
/// larger lead stands whatever the collection.
pub const SWAY: f64 = 1.0;

/// The generic words GeoNames puts after a division's name.
const DIVISION_WORDS: &[&str] =
    &["Region", "Province", "State", "Department", "Governorate", "District", "Oblast", "Prefecture", "County"];

/// The best entry for `name` in context, if the gazetteer has the name, with its reason.
pub fn resolve(g: &Gazetteer, name: &str, ctx: &Context) -> Option<Resolved> {
    resolve_with(g, name, ctx, true)
}

/// [`resolve`], with the reason left empty unless `explain` (formatting it costs more than the
/// choice).
pub fn resolve_with(g: &Gazetteer, name: &str, ctx: &Context, explain: bool) -> Option<Resolved> {
    let mut found = g.lookup(name);
    // "the Tillaberi region": GeoNames often names the division with its generic word
    // ("Tillabéri Region", "Kaduna State"), so a name the text writes as a division is also
    // looked up with those words; only divisions are taken from that lookup.
    if ctx.wants_admin {
        for word in DIVISION_WORDS {
            for (i, m) in g.lookup(&format!("{name} {word}")) {
                if g.entry_brief(i).admin_level().is_some_and(|a| a >= 1) && !found.iter().any(|(j, _)| *j == i) {
                    found.push((i, m));
                }
            }
        }
    }
    // "Bandigara", "Tabakort": a name the gazetteer has in neither spelling may be a slip of
    // one letter; only places in the country context are taken then.
    if found.is_empty() && ctx.near_spellings && !ctx.countries.is_empty() {
        found = g
            .lookup_near(name)
            .into_iter()
            .filter(|i| {
                let c = g.entry_brief(*i).country;
                ctx.countries.iter().any(|(x, _)| *x == c)
            })
            .map(|i| (i, Match::Near))
            .collect();
    }
    let n = found.len();
    let query = key(name);
    // Each candidate read once.
    let mut entries: Vec<(u32, Match, Entry)> = found.into_iter().map(|(i, m)| (i, m, g.entry_brief(i))).collect();
    // First-level divisions of this very name in the country leading the context: (country,
    // admin1 code, population).
    let lead = ctx.countries.iter().max_by(|a, b| a.1.total_cmp(&b.1)).map(|c| c.0.as_str());
    let divisions: Vec<(String, String, u64)> = entries
        .iter()
        .filter(|(_, m, e)| *m == Match::Exact && e.admin_level() == Some(1) && lead == Some(e.country.as_str()))
        .map(|(_, _, e)| (e.country.clone(), e.admin1.clone(), e.population))
        .collect();
    let scores: Vec<f64> = entries.iter().map(|(_, m, e)| score(g, e, *m, ctx, &query, &divisions, false).0).collect();
    // The best; ties go to the lower index: stable across runs.
    let b = (0..scores.len()).reduce(|b, k| if scores[k] > scores[b] { k } else { b })?;
    let s = scores[b];
    let runner_up =
        scores.iter().enumerate().filter(|(k, _)| *k != b).map(|(_, x)| *x).fold(f64::NEG_INFINITY, f64::max);
    let mut rivals: Vec<(String, String)> = Vec::new();
    for (k, (_, _, o)) in entries.iter().enumerate() {
        let (cc, a1) = (&o.country, &o.admin1);
        let other_division = *cc != entries[b].2.country || *a1 != entries[b].2.admin1;
        if scores[k] >= s - SWAY && other_division && !rivals.iter().any(|r| r.0 == *cc && r.1 == *a1) {
            rivals.push((cc.clone(), a1.clone()));
        }
    }
    let (i, m, e) = entries.swap_remove(b);
    let why = if explain { score(g, &e, m, ctx, &query, &divisions, true).1 } else { Vec::new() };
    Some(Resolved {
        index: i,
        country: g.admin_name(&e, 0),
        admin1: if e.admin_level() == Some(1) { Some(e.name.clone()) } else { g.admin_name(&e, 1) },
        admin2: if e.admin_level() == Some(2) { Some(e.name.clone()) } else { g.admin_name(&e, 2) },
        score: s,
        margin: s - runner_up,
        rivals,
        reason: if explain {
            format!(
                "{} ({}, {}) of {n} candidate{}: {}",
                e.name,
                e.country,
                if e.code.is_empty() { "?" } else { &e.code },
                if n == 1 { "" } else { "s" },
                why.join("; ")
            )
        } else {
            String::new()
        },
        entry: e,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(id: u32, name: &str, cc: &str, a1: &str, pop: u64, ll: (f64, f64), code: &str) -> Entry {
        crate::entry::sample(id, name, &[], cc, a1, pop, ll, code)
    }

    fn gazetteer() -> Gazetteer {
        Gazetteer::from_entries(&[
            e(1, "Boni", "ML", "04", 2000, (15.05, -2.25), "PPL"),
            e(2, "Boni", "BF", "10", 9000, (11.5, -3.4), "PPL"),
            e(3, "Boni", "ID", "38", 149_000, (-4.5, 120.3), "PPL"),
            e(0, "Mopti", "ML", "04", 350_000, (14.4, -3.9), "ADM1"),
            e(4, "Mopti", "ML", "04", 186_000, (14.49, -4.19), "PPLA"),
            e(5, "Mali", "ML", "", 20_000_000, (17.0, -4.0), "PCLI"),
            e(6, "Hombori", "ML", "04", 3000, (15.29, -1.70), "PPL"),
        ])
        .unwrap()
    }

    #[test]
    fn the_country_context_beats_population() {
        let g = gazetteer();
        let ctx = Context { countries: vec![("ML".into(), 3.0)], ..Context::default() };
        let r = resolve(&g, "Boni", &ctx).unwrap();
        assert_eq!((r.entry.id, r.admin1.as_deref()), (1, Some("Mopti")));
        assert!(r.reason.contains("of 3 candidates") && r.reason.contains("country context ML"), "{}", r.reason);
        // No context: the most populous.
        assert_eq!(resolve(&g, "Boni", &Context::default()).unwrap().entry.id, 3);
    }

    /// A name one letter from the gazetteer's spelling is taken only when asked for, and only
    /// in the country context.
    #[test]
    fn a_spelling_one_letter_away_is_taken_in_the_country_context_when_asked() {
        let g = gazetteer();
        let ml = Context { countries: vec![("ML".into(), 3.0)], near_spellings: true, ..Context::default() };
        let r = resolve(&g, "Hombouri", &ml).expect("one letter away");
        assert_eq!(r.entry.id, 6);
        assert!(r.reason.contains("one letter from the gazetteer's spelling"), "{}", r.reason);
        assert_eq!(resolve(&g, "Hombouri", &Context { near_spellings: false, ..ml.clone() }), None);
        let bf = Context { countries: vec![("BF".into(), 3.0)], near_spellings: true, ..Context::default() };
        assert_eq!(resolve(&g, "Hombouri", &bf), None, "outside the country context");
        assert_eq!(resolve(&g, "Hombori", &ml).map(|r| r.reason.contains("one letter")), Some(false));
    }

    #[test]
    fn distance_and_admin_context_break_ties_and_regions_are_asked_for() {
        let g = gazetteer();
        let near_hombori = Context {
            countries: vec![("ML".into(), 1.0), ("BF".into(), 1.0)],
            anchors: vec![(15.29, -1.70)],
            ..Context::default()
        };
        assert_eq!(resolve(&g, "Boni", &near_hombori).unwrap().entry.id, 1);
        let in_mopti = Context {
            countries: vec![("ML".into(), 1.0), ("BF".into(), 1.0)],
            admin_names: vec!["mopti".into()],
            ..Context::default()
        };
        assert_eq!(resolve(&g, "Boni", &in_mopti).unwrap().entry.id, 1);
        assert_eq!(resolve(&g, "Mopti", &Context::default()).unwrap().entry.code, "PPLA");
        let region = Context { wants_admin: true, ..Context::default() };
        assert_eq!(resolve(&g, "Mopti", &region).unwrap().entry.code, "ADM1");
        assert!(resolve(&g, "Atlantis", &Context::default()).is_none());
    }

    /// "the Tillaberi region": GeoNames calls the division "Tillabéri Region"; the town keeps
    /// the bare name.
    #[test]
    fn a_division_named_with_its_generic_word_answers_the_bare_name_written_as_a_division() {
        let g = Gazetteer::from_entries(&[
            e(1, "Tillabéri Region", "NE", "06", 2_700_000, (14.6, 1.9), "ADM1"),
            e(2, "Tillabéri", "NE", "06", 30_822, (14.21, 1.45), "PPL"),
        ])
        .unwrap();
        let region = Context { wants_admin: true, ..Context::default() };
        assert_eq!(resolve(&g, "Tillaberi", &region).unwrap().entry.id, 1);
        assert_eq!(resolve(&g, "Tillaberi", &Context::default()).unwrap().entry.id, 2);
        // The town lies in the division the text names (this very one): no point for it where
        // the text writes a division.
        let named = Context { wants_admin: true, admin_names: vec!["tillaberi region".into()], ..Context::default() };
        assert_eq!(resolve(&g, "Tillaberi", &named).unwrap().entry.id, 1);
    }

    /// A town in a division of its own name gets no point for the division being "named in
    /// the text": the text names the town.
    #[test]
    fn a_town_s_own_name_is_no_division_named_in_the_text() {
        let g = Gazetteer::from_entries(&[
            e(0, "Kelbo", "ML", "05", 300_000, (14.0, -5.0), "ADM1"),
            e(1, "Kelbo", "ML", "05", 2_000, (14.1, -5.1), "PPL"),
            e(2, "Kelbo", "GH", "02", 40_000, (7.0, -1.0), "PPL"),
            e(3, "Sirba", "ML", "05", 1_000, (14.2, -5.2), "PPL"),
        ])
        .unwrap();
        let named = |names: &[&str]| Context {
            admin_names: names.iter().map(|n| n.to_string()).collect(),
            ..Context::default()
        };
        assert_eq!(resolve(&g, "Kelbo", &named(&["kelbo"])).unwrap().entry.id, 2, "the more populous town");
        // Another place's division named in the text still counts.
        let why = resolve(&g, "Sirba", &named(&["sirba", "kelbo"])).unwrap().reason;
        assert!(why.contains("in Kelbo, named"), "{why}");
    }

    /// A small town named as a larger division of the report's country that it does not lie
    /// in is rarely meant ("California", Pennsylvania); a town in its namesake division, or a
    /// city, is (Kelbo in the Kelbo region).
    #[test]
    fn a_small_town_named_as_a_larger_division_elsewhere_gives_way_to_it() {
        let g = Gazetteer::from_entries(&[
            e(0, "California", "US", "CA", 39_000_000, (37.0, -120.0), "ADM1"),
            e(0, "Pennsylvania", "US", "PA", 12_800_000, (41.0, -77.5), "ADM1"),
            e(1, "California", "US", "PA", 6_000, (40.07, -79.89), "PPL"),
            e(0, "Kelbo", "ML", "05", 2_000_000, (14.0, -5.0), "ADM1"),
            e(2, "Kelbo", "ML", "05", 90_000, (14.1, -5.1), "PPL"),
        ])
        .unwrap();
        let us = Context {
            countries: vec![("US".into(), 3.0)],
            admin_names: vec!["pennsylvania".into()],
            ..Context::default()
        };
        let r = resolve(&g, "California", &us).unwrap();
        assert_eq!(r.entry.code, "ADM1", "{}", r.reason);
        let ml = Context { countries: vec![("ML".into(), 3.0)], ..Context::default() };
        assert_eq!(resolve(&g, "Kelbo", &ml).unwrap().entry.id, 2);
    }

    /// Two hamlets of one name and no population tie (the first entry wins, by a lead of 0);
    /// the region holding a share of the collection's reports breaks the tie, and only that:
    /// ten times the population still outweighs it.
    #[test]
    fn the_collection_s_regions_break_a_tie_and_no_more() {
        let g = Gazetteer::from_entries(&[
            e(1, "Sirba", "ML", "03", 0, (13.4, -10.0), "PPL"),
            e(2, "Sirba", "ML", "04", 0, (15.0, -2.2), "PPL"),
            e(3, "Kelbo", "ML", "03", 5_000, (13.1, -10.2), "PPL"),
            e(4, "Kelbo", "ML", "04", 300, (15.1, -2.3), "PPL"),
        ])
        .unwrap();
        let ml = Context { countries: vec![("ML".into(), 3.0)], ..Context::default() };
        let alone = resolve(&g, "Sirba", &ml).unwrap();
        assert_eq!((alone.entry.id, alone.margin), (1, 0.0));
        assert_eq!(alone.rivals, [("ML".to_string(), "04".to_string())]);
        let with = Context { regions: vec![("ML".into(), "04".into(), 0.4)], ..ml.clone() };
        let r = resolve(&g, "Sirba", &with).unwrap();
        assert_eq!(r.entry.id, 2);
        assert!((r.margin - 0.4).abs() < 1e-9, "{}", r.margin);
        assert!(r.reason.contains("40% of the collection's reports are in its division"), "{}", r.reason);
        assert_eq!(resolve(&g, "Kelbo", &with).unwrap().entry.id, 3, "the more populous by far");
        assert!(resolve(&g, "Mopti", &ml).is_none());
        let only = Gazetteer::from_entries(&[e(1, "Sirba", "ML", "03", 0, (13.4, -10.0), "PPL")]).unwrap();
        assert!(resolve(&only, "Sirba", &ml).unwrap().margin.is_infinite());
        assert!(resolve(&only, "Sirba", &ml).unwrap().rivals.is_empty());
        // Seventeen times the population leads by 0.5: the village is a rival still.
        assert_eq!(resolve(&g, "Kelbo", &ml).unwrap().rivals, [("ML".to_string(), "04".to_string())]);
    }

    /// A first-level division's middle lies far from the towns in it: its distance to the
    /// other places counts for a quarter, so a town 440 km from its region's middle keeps the
    /// region near (+1.0), where a town that far would count +0.3.
    #[test]
    fn a_division_s_distance_to_the_other_places_counts_for_less() {
        let g = gazetteer();
        let mopti = g.entry_brief(
            g.lookup("Mopti").into_iter().map(|(i, _)| i).find(|&i| g.entry_brief(i).code == "ADM1").unwrap(),
        );
        let far = Context { anchors: vec![(15.05, 0.15)], ..Context::default() };
        let km = crate::haversine_km((15.05, 0.15), (mopti.lat, mopti.lon));
        assert!((400.0..500.0).contains(&km), "{km}");
        let (_, why) = score(&g, &mopti, Match::Exact, &far, "mopti", &[], true);
        assert!(why.iter().any(|w| w.contains("km from another place") && w.ends_with("+1.0")), "{why:?}");
    }
}
