//! Place names: gazetteer matches, country names, and unknown names in locative position.
//!
//! A name the starter gazetteer does not know ("in Hombori", "in the Hombori area") is still kept
//! by name, with the country from the context and no coordinates: inventing coordinates would be
//! worse than having none. Demonyms ("Malian") are country *signals*, not place mentions.
//!
//! Besides a locative ("in", "near", "13 km northwest of", "the outskirts of"), a name is a place
//! before a place noun ("Kelbo village"), in parentheses after a place ("Kobari (Tambao,
//! Sirba)", the divisions it lies in), and "the capital" unnamed is the context country's.

use crosscheck_model::{Place, PlaceLevel, Span};

use crate::dates;
use crate::lexicon::Resources;
use crate::tokens::Token;

/// One place mention.
#[derive(Clone, Debug, PartialEq)]
pub struct PlaceMention {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// The place.
    pub place: Place,
    /// A direction before a country ("central", "northern"), if any.
    pub region: Option<String>,
    /// Which rule found it.
    pub rule: &'static str,
    /// Why the name is no place of the events it names, when it is not: the dateline city
    /// where the report was filed, where the wounded were taken, a transnational region, or a
    /// photo caption's place.
    pub aside: Option<&'static str>,
}

const LOCATIVES: &[&str] = &[
    "in", "near", "at", "around", "outside", "between", "and", "from", "to", "towards", "toward", "into", "entered",
    "reached", "via", "through",
];
pub(crate) const PLACE_NOUNS: &[&str] = &[
    "area",
    "areas",
    "region",
    "regions",
    "village",
    "villages",
    "hamlet",
    "hamlets",
    "outskirts",
    "vicinity",
    "forest",
    "streets",
    "surroundings",
    "site",
    "cercle",
    "zone",
    "market",
    "town",
    "towns",
    "district",
    "districts",
    "commune",
    "communes",
    "circle",
    "province",
    "locality",
    "localities",
    "state",
    "city",
    "cities",
    "department",
    // A mine is named after its village: "near the Boungou mine".
    "mine",
    "mines",
];
/// Gatherings named after a feast or a rite ("Eid prayers", "Christmas celebrations"): the
/// name before them is no place.
const GATHERINGS: &[&str] = &[
    "celebration",
    "celebrations",
    "ceremony",
    "ceremonies",
    "feast",
    "festival",
    "festivities",
    "prayer",
    "prayers",
    "procession",
    "service",
    "services",
    "vigil",
];
/// Lowercase nouns that make the capitalised word before them a place's name: "Kelbo village",
/// "the Tambao checkpoint".
const NAMED_BEFORE: &[&str] = &["village", "town", "hamlet", "commune", "checkpoint"];
/// Verbs (and a preposition) whose object is often a place taken, struck or reached: "attacked
/// Kelbo", "retook Tambao", "air strikes over Sirba". A name there is a place only when the
/// loaded gazetteer has it in the report's country (a person or a group is attacked too).
const TAKES_A_PLACE: &[&str] = &[
    "approached",
    "approaching",
    "attack",
    "attacked",
    "attacking",
    "attacks",
    "besieged",
    "bombed",
    "captured",
    "occupied",
    "over",
    "overran",
    "overtook",
    "raided",
    "recaptured",
    "regained",
    "retaken",
    "retook",
    "shelled",
    "stormed",
];
/// Local offices named after their place: "the mayor of Kelbo", "the village chief of Kelbo". A
/// name after them is a place when the gazetteer has it in the report's country.
const OFFICES_OF: &[&str] = &["chief", "mayor", "prefect", "sub-prefect", "imam", "governor", "stronghold"];
/// Events named by their place: "the massacre of Moura", "the siege of Djibo", "the fall of
/// Kidal" (not "the killing of", whose object is a person).
const EVENTS_AT: &[&str] =
    &["attack", "battle", "bombardment", "bombing", "capture", "fall", "massacre", "massacres", "shelling", "siege"];
/// Nouns for the people of a place: "villagers of Tudun Biri", "residents of Koulogon".
const INHABITANTS: &[&str] = &["villagers", "residents", "inhabitants", "people", "natives", "population"];
/// Last words that make a capitalised name an organisation or a building, not a place:
/// "at Barau Dikko Hospital", "to the Sahel Security Network".
const ORGANISATION_HEADS: &[&str] = &[
    "hospital",
    "clinic",
    "university",
    "college",
    "school",
    "company",
    "corporation",
    "group",
    "bank",
    "agency",
    "ministry",
    "council",
    "committee",
    "commission",
    "watch",
    "international",
    "network",
    "party",
    "front",
    "movement",
];
/// Direction words: "central Mali", "30 km northwest of Kelbo".
pub(crate) const DIRECTIONS: &[&str] = &[
    "central",
    "northern",
    "southern",
    "eastern",
    "western",
    "north",
    "south",
    "east",
    "west",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
    "north-east",
    "north-west",
    "south-east",
    "south-west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
];
const NOT_PLACES: &[&str] = &[
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "his",
    "her",
    "their",
    "its",
    "our",
    "president",
    "minister",
    "general",
    "colonel",
    "un",
    "i",
    "we",
    "they",
    "he",
    "she",
    "it",
];

/// Index of the country named by a token run starting at `i` (name or alias), with its length.
pub fn country_at(toks: &[Token<'_>], i: usize, res: &Resources) -> Option<(usize, usize)> {
    if !toks.get(i)?.is_capitalised() {
        return None;
    }
    // "North America", "Latin America": a continent or a region, not the United States.
    if toks[i].text == "America"
        && i > 0
        && matches!(toks[i - 1].text, "North" | "South" | "Central" | "Latin" | "Middle" | "Meso")
    {
        return None;
    }
    let (n, idx) = res.country_names.longest_at(toks, i)?;
    // "the Niger river", "the Niger Delta", "the Jordan Valley": a river or a land named after
    // it, not the country.
    if toks.get(i + n).is_some_and(|t| matches!(t.low(), "river" | "rivers" | "basin" | "delta" | "valley")) {
        return None;
    }
    Some((n, *idx))
}

/// Countries signalled in a token run: names, aliases and demonym adjectives, in order.
pub fn country_signals(toks: &[Token<'_>], res: &Resources) -> Vec<usize> {
    let mut out = Vec::new();
    for i in 0..toks.len() {
        if let Some((_, idx)) = country_at(toks, i, res) {
            out.push(idx);
        } else if toks[i].is_capitalised()
            && let Some((_, idx)) = res.country_adjectives.longest_at(toks, i)
        {
            out.push(*idx);
        }
    }
    out
}

/// Find place mentions. `country` is the document's country context.
pub fn find(toks: &[Token<'_>], res: &Resources, country: Option<&str>, skip: &[(usize, usize)]) -> Vec<PlaceMention> {
    let skipped = |k: usize| skip.iter().any(|(s, e)| (*s..*e).contains(&k));
    let mut out = Vec::new();
    let mut i = 0;
    let ok_word = |t: &Token<'_>| {
        t.is_capitalised()
            && t.is_word()
            && !NOT_PLACES.contains(&t.low())
            && !dates::is_month(t)
            && !dates::is_weekday(t)
            && res.country_adjectives.longest_at(std::slice::from_ref(t), 0).is_none()
            && res.actors.longest_at(std::slice::from_ref(t), 0).is_none()
            && res.institutions.longest_at(std::slice::from_ref(t), 0).is_none()
            // "in IED explosion", "in VBIED attacks": an acronym that names an event's means.
            && !(t.text.chars().all(|c| c.is_ascii_uppercase())
                && res.triggers.longest_at(std::slice::from_ref(t), 0).is_some_and(|(n, _)| n == 1))
            // "Russian-held", "Malian-led": a demonym compound describes, it names nothing.
            && !t.text.split_once('-').is_some_and(|(head, _)| {
                res.country_adjectives.longest_at(&crate::tokens::tokenize(head, 0), 0).is_some()
            })
    };
    // The name after an owner's "'s" stands where the owner stood ("between Semafo's Fada").
    let mut owned = false;
    while i < toks.len() {
        let t = &toks[i];
        let was_owned = std::mem::take(&mut owned);
        // "Kobari (Tambao, Sirba)": the divisions a place lies in, in parentheses after it, as
        // ACLED and many wires write them. Each name is a place of its own. Not after a
        // dateline's capitals ("BOSTON (Reuters)").
        let dateline_before =
            || toks[i - 1].is_word() && toks[i - 1].text.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
        if t.text == "("
            && i > 0
            && !dateline_before()
            // Right after the place, or after another name of it in brackets ("Adabara [Barhia]
            // (Gourma-Rharous, Tombouctou)").
            && out.last().is_some_and(|m: &PlaceMention| {
                m.end == i
                    || (m.end < i
                        && i - m.end <= 6
                        && toks[m.end].text == "["
                        && toks[i - 1].text == "]"
                        && toks[m.end + 1..i - 1].iter().all(|t| t.is_word() || t.text == "-"))
            })
            && let Some((names, close)) = parenthesised_names(toks, i, &ok_word)
        {
            for (a, b) in names {
                let mention = match res.place_names.longest_at(&toks[a..b], 0) {
                    Some((n, idx)) if n == b - a => builtin_mention(toks, a, b, &res.places[*idx], None),
                    _ => unknown_mention(toks, a, b, country, "a division in parentheses after a place"),
                };
                out.push(mention);
            }
            i = close + 1;
            continue;
        }
        // "protesters marched in the capital": the capital of the country in context, when the
        // text does not name it ("the capital Bamako", "the capital, Bamako", "the capital of").
        if t.low() == "capital"
            && i > 0
            && toks[i - 1].low() == "the"
            && !toks.get(i + 1).is_some_and(|n| n.is_capitalised() || n.low() == "of")
            && !(toks.get(i + 1).is_some_and(|n| n.text == ",") && toks.get(i + 2).is_some_and(|n| n.is_capitalised()))
            && let Some(capital) =
                country.and_then(|c| res.countries.iter().find(|x| x.name == c)).and_then(|c| c.capital.as_deref())
        {
            let mut m = match res.place_names.longest_at(&crate::tokens::tokenize(capital, 0), 0) {
                Some((_, idx)) if res.places[*idx].name == capital => {
                    builtin_mention(toks, i, i + 1, &res.places[*idx], None)
                }
                _ => unknown_mention(toks, i, i + 1, country, "the capital of the country in context"),
            };
            m.place.name = capital.to_string();
            m.rule = "the capital of the country in context";
            out.push(m);
            i += 1;
            continue;
        }
        if skipped(i) || !t.is_capitalised() {
            i += 1;
            continue;
        }
        let region = i.checked_sub(1).map(|p| toks[p].lower.to_string()).filter(|w| DIRECTIONS.contains(&w.as_str()));
        if let Some((n, idx)) = res.place_names.longest_at(toks, i) {
            out.push(builtin_mention(toks, i, i + n, &res.places[*idx], region));
            i += n;
            continue;
        }
        if let Some((n, idx)) = country_at(toks, i, res) {
            let c = &res.countries[idx];
            out.push(PlaceMention {
                start: i,
                end: i + n,
                place: Place {
                    name: c.name.clone(),
                    country: Some(c.name.clone()),
                    admin1: None,
                    lat: None,
                    lon: None,
                    level: PlaceLevel::Country,
                    span: Span::new(t.span.start, toks[i + n - 1].span.end),
                    admin2: None,
                    geonames_id: None,
                    precision: None,
                    from_document: false,
                },
                region,
                rule: "country name",
                aside: None,
            });
            i += n;
            continue;
        }
        // An unknown capitalised name after a locative preposition: "in Hombori", "in the Hombori area".
        let prev = |k: usize| i.checked_sub(k).map(|p| toks[p].low());
        let locative = match (prev(1), prev(2)) {
            (Some(p), _) if LOCATIVES.contains(&p) && !(p == "and" && prev(3).is_none()) => true,
            (Some("the"), Some(p)) if LOCATIVES.contains(&p) => true,
            // "in central Kelbo", "near northern Tambao".
            (Some(d), Some(p)) if DIRECTIONS.contains(&d) && LOCATIVES.contains(&p) => true,
            (Some("of"), Some(n)) if PLACE_NOUNS.contains(&n) || INHABITANTS.contains(&n) || EVENTS_AT.contains(&n) => {
                true
            }
            // "13 km northwest of Tambao".
            (Some("of"), Some(d)) if DIRECTIONS.contains(&d) => true,
            // "raided Kelbo village", "the Tambao checkpoint": a name before a place noun, not
            // at the head of a sentence ("Two villages") nor a people's ("the Dogon village of
            // Kelbo", "the Fulani village chief").
            _ => {
                prev(1).is_some_and(|p| p.chars().all(char::is_alphanumeric))
                    && toks.get(i + 1).is_some_and(|n| NAMED_BEFORE.contains(&n.text))
                    && toks
                        .get(i + 2)
                        .is_none_or(|n| !n.is_word() || matches!(n.low(), "and" | "in" | "near" | "was" | "were"))
            }
        };
        if let Some(ends) = road_ends(res, country, toks, i) {
            out.extend(ends);
            i += 1;
            continue;
        }
        // "at Human Rights Watch", "to Islamic State": a named organisation is no place.
        let organisation = || res.actors.longest_at(toks, i).is_some_and(|(n, _)| n > 1);
        // "attacked Kelbo", "the village Kelbo", "control of Kelbo": a name the gazetteer has
        // in the report's country.
        let taken = !locative
            && prev(1).is_some_and(|p| {
                TAKES_A_PLACE.contains(&p)
                    || NAMED_BEFORE.contains(&p)
                    || p == "area"
                    || (p == "of" && prev(2).is_some_and(|q| q == "control" || OFFICES_OF.contains(&q)))
            })
            && ok_word(t)
            && known_in(res, country, toks, i);
        let rule = if taken {
            "a name the gazetteer has in the country, after a verb or noun that takes a place"
        } else {
            "unknown name after a locative preposition"
        };
        let locative = locative || was_owned || taken;
        if locative && ok_word(t) && !organisation() {
            let mut j = i + 1;
            while j < toks.len() && j < i + 3 && ok_word(&toks[j]) && !skipped(j) {
                j += 1;
            }
            // "between Semafo's Fada and …": the owner is no place; what it owns may be.
            let s_at = |k: usize| toks.get(k).is_some_and(|t| t.low() == "s");
            let apostrophe = |k: usize| toks.get(k).is_some_and(|t| matches!(t.text, "'" | "’"));
            let owner_end = match toks.get(j).map(|t| t.text) {
                Some("'s" | "’s") => Some(j + 1),
                Some(_) if apostrophe(j) && s_at(j + 1) => Some(j + 2),
                _ => None,
            };
            // A place's part keeps its owner: "Sagaing Region's Kani Township", "Yangon's
            // Mingaladon township".
            let part_of_place = |k: usize| {
                let mut e = k;
                while e < toks.len() && e < k + 3 && toks[e].is_capitalised() {
                    e += 1;
                }
                PLACE_NOUNS.contains(&toks[j - 1].low())
                    || toks.get(e).is_some_and(|t| PLACE_NOUNS.contains(&t.low()) || t.low().starts_with("township"))
            };
            if let Some(k) = owner_end.filter(|&k| toks.get(k).is_some_and(|t| t.is_capitalised()) && !part_of_place(k))
            {
                owned = true;
                i = k;
                continue;
            }
            // "Barau Dikko Hospital": a name ending in an organisation's or a building's head
            // word (a single word like "Hospital" alone stays a name).
            if j > i + 1 && ORGANISATION_HEADS.contains(&toks[j - 1].low()) {
                i = j;
                continue;
            }
            // "and" as a locative only counts after a place ("between Boni and Hombori").
            let and_ok = prev(1) != Some("and") || out.last().is_some_and(|m: &PlaceMention| m.end + 1 == i);
            // "in the West African nation": a definite phrase whose head is a common noun other
            // than a place noun is not a place name.
            let common_head = prev(1) == Some("the")
                && toks.get(j).is_some_and(|n| {
                    n.is_word()
                        && !n.is_capitalised()
                        && !PLACE_NOUNS.contains(&n.low())
                        && !NAMED_BEFORE.contains(&n.low())
                });
            // "in the Niger river": a river, not a place the gazetteer can map. "taking part in
            // Eid prayers", "in Christmas celebrations": a feast's name before a gathering.
            let not_a_place = toks.get(j).is_some_and(|n| {
                matches!(n.low(), "river" | "rivers") || !n.is_capitalised() && GATHERINGS.contains(&n.low())
            });
            if and_ok && !common_head && !not_a_place {
                out.push(unknown_mention(toks, i, j, country, rule));
            }
            i = j;
            continue;
        }
        i += 1;
    }
    for k in 0..out.len() {
        out[k].aside = aside(toks, &out, k).or_else(|| world_region(toks, &out[k], res).then_some(WORLD_REGION));
    }
    out
}

/// Whether the loaded gazetteer has the name at `i` (two words, else one) as a populated place
/// or a division of `country`. False with no gazetteer or no country.
fn known_in(res: &Resources, country: Option<&str>, toks: &[Token<'_>], i: usize) -> bool {
    let (Some(g), Some(c)) = (res.gazetteer.as_ref(), country) else { return false };
    let Some(code) = g.country_code(c) else { return false };
    [2usize, 1]
        .into_iter()
        .filter(|n| i + n <= toks.len() && toks[i..i + n].iter().all(|t| t.is_capitalised() && t.is_word()))
        .any(|n| {
            let name = toks[i..i + n].iter().map(|t| t.text).collect::<Vec<_>>().join(" ");
            name_in(g, &code, &name)
        })
}

/// Whether the gazetteer has `name` as a populated place or a division of country `code`.
fn name_in(g: &crosscheck_geo::Gazetteer, code: &str, name: &str) -> bool {
    g.lookup(name).into_iter().any(|(k, _)| {
        let e = g.entry_brief(k);
        e.country == code && matches!(e.class, 'P' | 'A')
    })
}

/// Words that name a road by its two ends: "the axis Kelbo-Sirba", "the Kelbo-Sirba road".
const ROADS: &[&str] = &["axis", "road", "highway", "route", "corridor"];

/// "on the axis Kelbo-Sirba", "the Kelbo-Sirba road": a hyphenated name beside a road word, the
/// gazetteer lacking it whole but having one of its two parts in the report's country, names
/// the road's two ends: each part the gazetteer has there is a place of its own, spanning its
/// bytes in the token (the other is left: the road is placed by the end that can be).
fn road_ends(res: &Resources, country: Option<&str>, toks: &[Token<'_>], i: usize) -> Option<Vec<PlaceMention>> {
    let t = &toks[i];
    let (a, b) = t.text.split_once('-')?;
    let cap = |w: &str| w.chars().count() >= 3 && w.chars().next().is_some_and(char::is_uppercase);
    if !cap(a) || !cap(b) || b.contains('-') {
        return None;
    }
    let prev = |k: usize| i.checked_sub(k).map(|p| toks[p].low());
    let road = prev(1).is_some_and(|p| ROADS.contains(&p))
        || (prev(1) == Some("the") && prev(2).is_some_and(|p| ROADS.contains(&p)))
        || toks.get(i + 1).is_some_and(|n| ROADS.contains(&n.low()));
    let (Some(g), Some(c)) = (res.gazetteer.as_ref(), country) else { return None };
    let code = g.country_code(c)?;
    if !road || name_in(g, &code, t.text) || !(name_in(g, &code, a) || name_in(g, &code, b)) {
        return None;
    }
    let part = |name: &str, span: Span| {
        let mut m = unknown_mention(toks, i, i + 1, country, "one end of a road named by its two ends");
        m.place.name = name.to_string();
        m.place.span = span;
        m
    };
    let s = t.span;
    let ends = [(a, Span::new(s.start, s.start + a.len())), (b, Span::new(s.end - b.len(), s.end))];
    Some(ends.into_iter().filter(|(n, _)| name_in(g, &code, n)).map(|(n, span)| part(n, span)).collect())
}

/// A mention of a place of the built-in list, tokens `a..b`.
fn builtin_mention(
    toks: &[Token<'_>],
    a: usize,
    b: usize,
    e: &crate::lexicon::PlaceEntry,
    region: Option<String>,
) -> PlaceMention {
    PlaceMention {
        start: a,
        end: b,
        place: Place {
            name: e.name.clone(),
            country: Some(e.country.clone()),
            admin1: e.admin1.clone(),
            lat: Some(e.lat),
            lon: Some(e.lon),
            level: e.level,
            span: Span::new(toks[a].span.start, toks[b - 1].span.end),
            admin2: None,
            geonames_id: None,
            precision: None,
            from_document: false,
        },
        region,
        rule: "gazetteer",
        aside: None,
    }
}

/// A mention of a name the built-in list lacks, tokens `a..b`, kept by name in the context's
/// country.
fn unknown_mention(toks: &[Token<'_>], a: usize, b: usize, country: Option<&str>, rule: &'static str) -> PlaceMention {
    PlaceMention {
        start: a,
        end: b,
        place: Place {
            name: toks[a..b].iter().map(|t| t.text).collect::<Vec<_>>().join(" "),
            country: country.map(str::to_string),
            admin1: None,
            lat: None,
            lon: None,
            level: PlaceLevel::Unresolved,
            span: Span::new(toks[a].span.start, toks[b - 1].span.end),
            admin2: None,
            geonames_id: None,
            precision: None,
            from_document: false,
        },
        region: None,
        rule,
        aside: None,
    }
}

/// The names in parentheses opening at `open`: one to three capitalised names of one to three
/// words each, separated by commas, and the index of the closing parenthesis. "(Koro, Mopti)",
/// "(Gao)"; not an acronym ("(AFP)", "(FATA)"), nor "(see below)".
fn parenthesised_names(
    toks: &[Token<'_>],
    open: usize,
    ok_word: &dyn Fn(&Token<'_>) -> bool,
) -> Option<(Vec<(usize, usize)>, usize)> {
    let acronym = |t: &Token<'_>| t.text.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
    let mut names = Vec::new();
    let mut k = open + 1;
    loop {
        let a = k;
        while k < toks.len() && k < a + 3 && ok_word(&toks[k]) && !acronym(&toks[k]) {
            k += 1;
        }
        if k == a {
            return None;
        }
        names.push((a, k));
        match toks.get(k).map(|t| t.text) {
            Some(")") => return Some((names, k)),
            Some(",") if names.len() < 3 => k += 1,
            _ => return None,
        }
    }
}

/// Why a photo caption's place is aside.
pub const CAPTION: &str = "a photo caption: the picture's place, not the report's";

/// Words of a photo credit line: the agency or the picture library.
const CREDITS: &[&str] = &[
    "afp",
    "anadolu",
    "ap",
    "dpa",
    "epa",
    "file",
    "getty",
    "images",
    "photo",
    "photograph",
    "reuters",
    "shutterstock",
    "xinhua",
];

/// Whether the sentence ending at byte `end` of `text` is a photo caption: a credit of at most
/// six words ends its line ("… in 2015. AP") or makes the next line ("AFP via Getty Images",
/// "Photo: Reuters/John Smith").
pub fn is_caption(text: &str, end: usize) -> bool {
    let Some(rest) = text.get(end..) else { return false };
    let Some((tail, after)) = rest.split_once('\n') else { return false };
    // Credit words, connectors and the photographer's capitalised name only: "AP reported the
    // attack" is a sentence.
    let credit = |line: &str| {
        let words: Vec<&str> = line.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
        let known = |w: &str| CREDITS.contains(&w.to_lowercase().as_str());
        !words.is_empty()
            && words.len() <= 6
            && words.iter().any(|w| known(w))
            && words.iter().all(|w| {
                known(w) || matches!(*w, "via" | "by" | "for") || w.chars().next().is_some_and(char::is_uppercase)
            })
    };
    if tail.trim().is_empty() { credit(after.lines().next().unwrap_or("")) } else { credit(tail) }
}

/// Why a transnational region is aside.
pub const WORLD_REGION: &str = "a transnational region, not a place to code an event at";

/// "the Sahel", "West Africa", "the Middle East": a region of several countries
/// (`world_regions.tsv`). A division of the same name stays a place when the text says so
/// ("the Sahel region", "the Sahel province").
fn world_region(toks: &[Token<'_>], m: &PlaceMention, res: &Resources) -> bool {
    let Some((n, _)) = res.world_regions.longest_at(toks, m.start) else { return false };
    let the = m.start > 0 && toks[m.start - 1].low() == "the";
    let division = toks.get(m.start + n).is_some_and(|t| matches!(t.low(), "region" | "province" | "state"));
    n == m.end - m.start && (the || n > 1) && !division
}

/// Why a dateline's place is aside.
pub const DATELINE: &str = "a dateline: where the report was filed";

/// Verbs that move the wounded or the dead elsewhere: "taken to Phoenix for treatment".
const TAKEN: &[&str] = &[
    "admitted",
    "airlifted",
    "brought",
    "evacuated",
    "flown",
    "hospitalised",
    "hospitalized",
    "moved",
    "rushed",
    "taken",
    "transferred",
    "transported",
    "treated",
];

/// Why mention `k` names no place of the sentence's events, if it does not:
/// - a dateline: an upper-case name opening the sentence before a dash, colon, comma or
///   parenthesis ("MEXICO CITY — Gunmen …", "NIAMEY: …"), or one in parentheses ("(Niamey) …");
/// - a destination of the wounded: "taken to Phoenix", "rushed to the Niamey and Ouallam
///   hospitals", "treated in Kaduna".
fn aside(toks: &[Token<'_>], found: &[PlaceMention], k: usize) -> Option<&'static str> {
    let m = &found[k];
    let upper = |t: &Token<'_>| t.text.chars().any(char::is_alphabetic) && !t.text.chars().any(char::is_lowercase);
    let opens = toks[..m.start].iter().all(|t| !t.is_word());
    let capitals = toks[m.start..m.end].iter().all(|t| upper(t) && t.text.chars().count() >= 2)
        && toks.get(m.end).is_some_and(|t| matches!(t.text, "—" | "–" | "-" | ":" | "," | "(" | ">"));
    // "(Niamey) Around 70 civilians …"
    let bracketed = m.start > 0 && toks[m.start - 1].text == "(" && toks.get(m.end).is_some_and(|t| t.text == ")");
    if opens && (capitals || bracketed) {
        return Some(DATELINE);
    }
    // Walk back over "the", and over an earlier place joined by "and" ("the Niamey and …").
    let mut b = m.start;
    loop {
        if b > 0 && toks[b - 1].low() == "the" {
            b -= 1;
        } else if b > 0
            && toks[b - 1].low() == "and"
            && let Some(p) = found[..k].iter().rev().find(|p| p.end + 1 == b)
        {
            b = p.start;
        } else {
            break;
        }
    }
    let to = b.checked_sub(1).map(|p| toks[p].low());
    let verb = b.checked_sub(2).map(|p| toks[p].low());
    let moved = matches!(to, Some("to" | "in")) && verb.is_some_and(|v| TAKEN.contains(&v));
    // "taken to hospital in Kaduna": the hospital's town.
    let hospital = to == Some("in")
        && b >= 3
        && matches!(toks[b - 2].low(), "hospital" | "hospitals")
        && matches!(toks[b - 3].low(), "to" | "a" | "in");
    (moved || hospital).then_some("where the wounded were taken")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::tokenize;

    /// Every place in `text` as "name/level/country".
    fn check(text: &str, expected: &[&str]) {
        let res = Resources::builtin();
        let toks = tokenize(text, 0);
        let got: Vec<String> = find(&toks, &res, Some("Mali"), &[])
            .into_iter()
            .map(|m| format!("{}/{:?}/{}", m.place.name, m.place.level, m.place.country.unwrap_or_default()))
            .collect();
        assert_eq!(got, expected, "in {text:?}");
    }

    /// "North America" is a continent, "Latin America" a region: neither is the United States.
    #[test]
    fn america_after_a_direction_is_no_country() {
        let res = Resources::builtin();
        let name =
            |text: &str, i: usize| country_at(&tokenize(text, 0), i, &res).map(|(_, c)| res.countries[c].name.clone());
        assert_eq!(name("America", 0).as_deref(), Some("United States"));
        assert_eq!(name("across Latin America", 2), None);
        assert_eq!(name("North America", 1), None);
        // A river and the lands named after it.
        assert_eq!(name("found dead in the Niger river", 4), None);
        assert_eq!(name("oil theft in the Niger Delta", 4), None);
        assert_eq!(name("attacks in Niger last week", 2).as_deref(), Some("Niger"));
    }

    #[test]
    fn gazetteer_and_countries() {
        check("a sweep near Douentza in central Mali", &["Douentza/Town/Mali", "Mali/Country/Mali"]);
        check("from Ségou to Tombouctou", &["Segou/Town/Mali", "Timbuktu/Town/Mali"]);
    }

    #[test]
    fn unknown_names_in_locative_position_are_kept_without_coordinates() {
        check("a sweep in Hombori", &["Hombori/Unresolved/Mali"]);
        check("bodies found in the Kelbo river near Hombori", &["Hombori/Unresolved/Mali"]);
        check("worshippers taking part in Eid prayers in Hombori", &["Hombori/Unresolved/Mali"]);
        check("in the Hombori area", &["Hombori/Unresolved/Mali"]);
        check("in the village of Ogossagou", &["Ogossagou/Unresolved/Mali"]);
        check("between Boni and Hombori", &["Boni/Unresolved/Mali", "Hombori/Unresolved/Mali"]);
        check("the villages of Ogossagou and Sobane", &["Ogossagou/Unresolved/Mali", "Sobane/Unresolved/Mali"]);
        check("attacked near the Boungou mine", &["Boungou/Unresolved/Mali"]);
        check("between Semafo's Fada and Boungou mine sites", &["Fada/Unresolved/Mali", "Boungou/Unresolved/Mali"]);
        check("between Semafo’s Fada and Boungou", &["Fada/Unresolved/Mali", "Boungou/Unresolved/Mali"]);
        check("after the massacre of Sobane", &["Sobane/Unresolved/Mali"]);
        check("after the killing of Amadou Kouffa", &[]);
        check("in Kani Region's Sobane Township", &["Kani Region/Unresolved/Mali"]);
        check("near the Sahel Security Network", &[]);
        check("in the hamlet of Kelbo", &["Kelbo/Unresolved/Mali"]);
        check("on the outskirts of Tambao", &["Tambao/Unresolved/Mali"]);
        check("an ambush in the forest of Sirba", &["Sirba/Unresolved/Mali"]);
        check(
            "in the village of Kobari (Tambao, Sirba) and in Kelbo (Dori)",
            &[
                "Kobari/Unresolved/Mali",
                "Tambao/Unresolved/Mali",
                "Sirba/Unresolved/Mali",
                "Kelbo/Unresolved/Mali",
                "Dori/Town/Burkina Faso",
            ],
        );
        check("in Kelbo (AFP) and near Tambao (see below)", &["Kelbo/Unresolved/Mali", "Tambao/Unresolved/Mali"]);
        check(
            "gunmen raided Kelbo village and the Tambao checkpoint",
            &["Kelbo/Unresolved/Mali", "Tambao/Unresolved/Mali"],
        );
        check("Two villages burned. Tambao town is calm.", &[]);
        check("they raided the Dogon village of Kelbo and shot the Peul village chief", &["Kelbo/Unresolved/Mali"]);
        check("took to the streets of Kelbo in central Tambao", &["Kelbo/Unresolved/Mali", "Tambao/Unresolved/Mali"]);
        check(
            "30 km north of Kelbo and 5 km southwest of Tambao",
            &["Kelbo/Unresolved/Mali", "Tambao/Unresolved/Mali"],
        );
        // "the capital" unnamed is the capital of the country in context.
        check("teachers marched in the capital on Monday", &["Bamako/Town/Mali"]);
        check("the capital, Kelbo, and the capital of Tambao", &[]);
    }

    #[test]
    fn months_actors_and_demonyms_are_not_places() {
        check("in April the Malian army camp in MINUSMA reports", &[]);
        check("in Russian-held territory", &[]);
        check("said at Human Rights Watch", &[]);
        check("taken to Barau Dikko Hospital", &[]);
    }

    /// Every place in `text` with why it is aside, if it is.
    fn asides(text: &str) -> Vec<(String, Option<&'static str>)> {
        let res = Resources::builtin();
        let toks = tokenize(text, 0);
        find(&toks, &res, Some("Mali"), &[]).into_iter().map(|m| (m.place.name, m.aside)).collect()
    }

    #[test]
    fn a_sentence_over_a_credit_line_is_a_caption() {
        let text = "Troops patrol in Gao in 2015.\nAP\nGunmen killed ten people.\nThe army said so.\n";
        assert!(is_caption(text, text.find(" 2015.").unwrap() + 6));
        let body = text.find("people.").unwrap() + 7;
        assert!(!is_caption(text, body), "the next line is a sentence");
        assert!(is_caption("A burnt truck near Djibo.\nPhoto: Reuters/John Smith\n", 25));
        assert!(is_caption("Troops patrol in Gao in 2015. AP\nGunmen killed ten.", 29), "a credit ending the line");
        assert!(!is_caption("Troops patrol in Gao. The AP reported that gunmen killed ten.\n", 21), "more on the line");
        assert!(!is_caption("Troops patrol in Gao. AP reported the attack.\n", 21), "a sentence citing AP");
    }

    #[test]
    fn transnational_regions_are_aside_but_a_division_named_as_one_is_not() {
        let region = Some(WORLD_REGION);
        assert_eq!(
            asides("The operation is carried out in the Sahel, and troops struck Douentza."),
            [("Sahel".to_string(), region), ("Douentza".to_string(), None)]
        );
        assert_eq!(asides("Gunmen killed ten people in the Sahel region."), [("Sahel".to_string(), None)]);
        // Without "the", a name is the division's ("Djibo (Soum, Sahel)" in ACLED's notes).
        assert_eq!(asides("Gunmen killed ten people in Sahel."), [("Sahel".to_string(), None)]);
    }

    #[test]
    fn datelines_and_destinations_of_the_wounded_are_aside() {
        let dateline = Some("a dateline: where the report was filed");
        let taken = Some("where the wounded were taken");
        assert_eq!(
            asides("MOPTI — Gunmen killed ten people in Douentza."),
            [("Mopti".to_string(), dateline), ("Douentza".to_string(), None)]
        );
        assert_eq!(asides("(Mopti) Gunmen killed ten."), [("Mopti".to_string(), dateline)]);
        assert_eq!(
            asides("Five wounded were taken to Mopti and others rushed to the Segou and Gao hospitals."),
            [("Mopti".to_string(), taken), ("Segou".to_string(), taken), ("Gao".to_string(), taken)]
        );
        assert_eq!(asides("They were treated in hospital in Gao."), [("Gao".to_string(), taken)]);
        // A capital city in an ordinary sentence, or the town an attack went to, is a place.
        assert_eq!(asides("Mopti was calm."), [("Mopti".to_string(), None)]);
        assert_eq!(asides("Gunmen came to Douentza."), [("Douentza".to_string(), None)]);
    }

    #[test]
    fn the_people_of_a_place_name_it() {
        check("90 villagers of Tudun Biri were killed", &["Tudun Biri/Unresolved/Mali"]);
    }
}
