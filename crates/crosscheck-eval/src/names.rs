//! Name normalisation for scoring, fixed before looking at errors.
//!
//! **Parties** (`same_party`): both names are case-folded and ASCII-folded; text in parentheses,
//! punctuation, possessives and the words "the", "a", "an", "of", "official", "figures" are
//! dropped; "defense" is read as "defence"; a country name becomes its demonym ("Mali's army" →
//! "malian army"); a phrase in the actor or institution lexicons becomes its canonical name
//! ("HRW" → "human rights watch", "armed forces" → "army"). Two names are the same party when
//! one's remaining word set contains the other's.
//!
//! **Places** (`same_place`): case- and ASCII-folded, with a trailing type word ("region",
//! "village", "town", "state", …) removed; equal strings match, and so do transliterations of
//! one name, equal under the gazetteer's skeleton key (`crosscheck_geo::normalise::skeleton`:
//! "Diabaly" and "Diabali", "Niafounke" and "Niafunké", "Ma’rib" and "Marib"): the gold sets
//! and GeoNames spell a place each in its own convention.
//!
//! **First-level divisions** (`same_admin1`): as places; and a region carved out of another
//! after the gold's map was drawn matches the former one (`data/admin1_successions.tsv`, each
//! row with its law: Mali's Ménaka out of Gao, Taoudénit out of Tombouctou, in 2016). The
//! gazetteer's current map is right; the crosswalk only makes it comparable with a gold coded
//! on the old one.

use std::collections::BTreeSet;

use crosscheck_geo::normalise::skeleton;
use crosscheck_nlp::Resources;
use crosscheck_nlp::tokens::tokenize;

const STOP: &[&str] = &["the", "a", "an", "of", "'s", "official", "figures", "its", "and"];
const PLACE_TYPES: &[&str] = &[
    "region",
    "village",
    "town",
    "city",
    "state",
    "province",
    "district",
    "commune",
    "cercle",
    "circle",
    "lga",
    "department",
    "departement",
    "governorate",
    "municipality",
    "area",
    "county",
    "prefecture",
    "oblast",
    "raion",
    "krai",
    "township",
];

/// Case- and ASCII-fold.
pub fn fold(s: &str) -> String {
    deunicode::deunicode(s).to_lowercase()
}

fn strip_parens(s: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = (depth - 1).max(0),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// The normalised word set of a party name.
pub fn party_words(name: &str, res: &Resources) -> BTreeSet<String> {
    let text = fold(&strip_parens(name)).replace("defense", "defence");
    let toks = tokenize(&text, 0);
    let mut out = BTreeSet::new();
    let mut i = 0;
    while i < toks.len() {
        if let Some((n, a)) = res.actors.longest_at(&toks, i) {
            out.extend(fold(&a.canonical).split_whitespace().map(str::to_string));
            i += n;
        } else if let Some((n, inst)) = res.institutions.longest_at(&toks, i) {
            out.extend(inst.name.split_whitespace().map(str::to_string));
            i += n;
        } else if let Some((n, idx)) = res.country_names.longest_at(&toks, i) {
            let c = &res.countries[*idx];
            out.insert(fold(c.adjectives.first().unwrap_or(&c.name)));
            i += n;
        } else if let Some((n, idx)) = res.country_adjectives.longest_at(&toks, i) {
            let c = &res.countries[*idx];
            out.insert(fold(c.adjectives.first().unwrap_or(&c.name)));
            i += n;
        } else {
            let w = toks[i].low();
            if toks[i].is_word() && !STOP.contains(&w) {
                out.insert(w.to_string());
            }
            i += 1;
        }
    }
    out
}

/// Whether two party names denote the same party (see the module doc).
pub fn same_party(a: &str, b: &str, res: &Resources) -> bool {
    let (x, y) = (party_words(a, res), party_words(b, res));
    !x.is_empty() && !y.is_empty() && (x.is_subset(&y) || y.is_subset(&x))
}

/// A place name, normalised.
pub fn place_key(s: &str) -> String {
    let f = fold(&strip_parens(s));
    let mut words: Vec<&str> = f.split_whitespace().collect();
    while words.len() > 1 && words.last().is_some_and(|w| PLACE_TYPES.contains(w)) {
        words.pop();
    }
    words.join(" ").replace(['-', '\''], " ")
}

/// Whether two place names match (see the module doc).
pub fn same_place(a: &str, b: &str) -> bool {
    let (a, b) = (place_key(a), place_key(b));
    a == b || skeleton(&a) == skeleton(&b)
}

/// Regions carved out of another after the gold's map was drawn: `data/admin1_successions.tsv`.
const SUCCESSIONS: &str = include_str!("../data/admin1_successions.tsv");

/// (region, former region) rows of [`SUCCESSIONS`], as [`place_key`]s.
fn successions() -> impl Iterator<Item = (String, String)> {
    SUCCESSIONS.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).filter_map(|l| {
        let mut c = l.split('\t');
        Some((place_key(c.next()?), place_key(c.next()?)))
    })
}

/// Whether a predicted first-level division matches the gold's: [`same_place`], or the
/// predicted one was carved out of the gold one after the gold was coded ("Ménaka" for "Gao").
pub fn same_admin1(predicted: &str, gold: &str) -> bool {
    same_place(predicted, gold) || {
        let (p, g) = (place_key(predicted), place_key(gold));
        successions().any(|(region, former)| region == p && former == g)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn party_aliases_and_spelling() {
        let res = Resources::builtin();
        assert!(same_party("HRW", "Human Rights Watch", &res));
        assert!(same_party("Mali's defense ministry", "Malian defence ministry", &res));
        assert!(same_party("Malian army (official figures)", "Malian army", &res));
        assert!(same_party("Malian armed forces general staff", "Malian army", &res));
        assert!(!same_party("Malian army", "MINUSMA", &res));
        assert!(!same_party("Malian army", "Burkinabe army", &res));
    }

    /// A region carved out of another counts as it where the gold names the former one, not
    /// the other way round (a gold "Ménaka" is not met by "Gao"); a transliteration of the
    /// same name counts.
    #[test]
    fn a_region_counts_as_the_one_it_was_carved_out_of() {
        assert!(same_admin1("Ménaka", "Gao") && same_admin1("Taoudénit", "Tombouctou"));
        assert!(same_admin1("Menaka", "Ménaka Region"));
        assert!(!same_admin1("Gao", "Ménaka") && !same_admin1("Ménaka", "Kidal"));
        // Transliterations of one name.
        assert!(same_admin1("Ma’rib", "Marib governorate") && same_admin1("Ta‘izz", "Taiz governorate"));
        assert!(!same_admin1("Ma’rib", "Taiz governorate"));
    }

    /// The successions file: a comment line naming the columns, then rows of five fields,
    /// sorted and unique by region, each with a year and a source.
    #[test]
    fn the_successions_file_is_sorted_unique_and_sourced() {
        let mut lines = SUCCESSIONS.lines();
        assert_eq!(lines.next(), Some("# region\tformer\tcountry\tsince\tsource"));
        let rows: Vec<Vec<&str>> =
            lines.filter(|l| !l.starts_with('#')).map(|l| l.split('\t').collect::<Vec<_>>()).collect();
        assert!(!rows.is_empty());
        for r in &rows {
            assert_eq!(r.len(), 5, "{r:?}");
            assert!(r[2].len() == 2 && r[3].parse::<u16>().is_ok() && r[4].len() > 20, "{r:?}");
        }
        assert!(rows.windows(2).all(|w| w[0][0] < w[1][0]), "sorted and unique by region");
        assert_eq!(successions().count(), rows.len());
    }

    #[test]
    fn places_drop_type_words_and_accents() {
        assert!(same_place("Ségou region", "Segou"));
        assert!(same_place("Donetsk Oblast", "Donetsk"));
        assert!(same_place("Tudun Biri village", "Tudun Biri"));
        // Transliterations of one name.
        assert!(same_place("Diabaly", "Diabali") && same_place("Niafounke", "Niafunké"));
        assert!(!same_place("Diabaly", "Diafarabe"));
        assert!(!same_place("Boni", "Hombori"));
    }
}
