//! French text is read through the gloss: claims come out with their figures, claimants and
//! stances, and every span points at the original French words.

use chrono::NaiveDate;
use crosscheck_model::{Category, DocMeta, Document, Stance};
use crosscheck_nlp::{Resources, analyze};
use proptest::prelude::*;

fn doc(text: &str, language: Option<&str>) -> Document {
    Document {
        id: "f".repeat(64),
        text: text.to_string(),
        body_start: 0,
        meta: DocMeta {
            published: NaiveDate::from_ymd_opt(2022, 4, 5),
            language: language.map(str::to_string),
            ..DocMeta::default()
        },
    }
}

#[test]
fn a_french_report_yields_attributed_figures_and_a_denial() {
    let text = "Au moins 35 civils ont été tués samedi 2 avril dans le village de Moura, dans le centre du Mali, selon Human Rights Watch. \
                L’armée malienne a démenti ces informations.";
    let a = analyze(&doc(text, Some("fr")), &Resources::builtin());
    assert!(a.warnings.iter().all(|w| !w.contains("not analysed")), "{:?}", a.warnings);
    let killed = a.claims.iter().find(|c| c.figures.contains_key(&Category::Killed)).expect("a killed claim");
    let f = &killed.figures[&Category::Killed];
    assert_eq!((f.min, f.max), (Some(35), None), "\"au moins 35\" is an open lower bound");
    assert!(killed.claimant.contains("Human Rights Watch"), "{}", killed.claimant);
    assert_eq!(killed.date.map(|d| d.start), NaiveDate::from_ymd_opt(2022, 4, 2));
    assert_eq!(&text[killed.span.start..killed.span.end], killed.quote);
    assert!(killed.quote.starts_with("Au moins 35 civils"));
    assert_eq!(&text[f.span.start..f.span.end], "Au moins 35");
    let denial = a.claims.iter().find(|c| c.stance == Stance::Denies).expect("a denial");
    assert!(denial.quote.starts_with("L’armée malienne a démenti"));
    assert_eq!(a.country.as_ref().map(|c| c.0.as_str()), Some("Mali"));
}

#[test]
fn an_undeclared_french_text_is_recognised_and_read() {
    let text = "Selon le maire de la commune, une cinquantaine de personnes ont été enlevées dans les villages de la région. \
                Les assaillants sont arrivés à moto et ont incendié les greniers de la commune.";
    let a = analyze(&doc(text, None), &Resources::builtin());
    let abducted = a.claims.iter().find(|c| c.figures.contains_key(&Category::Abducted)).expect("an abduction claim");
    let f = &abducted.figures[&Category::Abducted];
    assert_eq!((f.min, f.max), (Some(50), Some(50)), "une cinquantaine is about 50");
}

const FRAGMENTS: &[&str] = &[
    "Plus de 200 jihadistes ont été tués et une cinquantaine interpellés, selon l’armée.",
    "« Aucun civil n’a perdu la vie », a affirmé le porte-parole du gouvernement.",
    "Cent personnes ont été tuées samedi 2 janvier, a indiqué à l’AFP le maire.",
    "L’Etat-major général des armées a démenti ces informations.",
    "Des fosses communes contenant au moins 180 corps ont été découvertes près de Djibo.",
    "qu’il n’y a pas eu de victimes d’après l’ONU.",
    "Au moins 22 personnes, dont trois des membres présumés du groupe, ont été tuées le 3 janvier 2021 à Bounty.",
];

fn article() -> impl Strategy<Value = String> {
    prop::collection::vec((0..FRAGMENTS.len(), prop::sample::select(vec![" ", "\n", "\n\n", " — "])), 2..10)
        .prop_map(|parts| parts.into_iter().map(|(i, sep)| format!("{}{sep}", FRAGMENTS[i])).collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(100))]

    #[test]
    fn french_claims_quote_the_original_text(text in article()) {
        let a = analyze(&doc(&text, Some("fr")), &Resources::builtin());
        for c in &a.claims {
            prop_assert_eq!(&text[c.span.start..c.span.end], c.quote.as_str());
            for f in c.figures.values() {
                prop_assert!(text.get(f.span.start..f.span.end).is_some());
            }
            if let Some(p) = &c.place {
                prop_assert!(text.get(p.span.start..p.span.end).is_some());
            }
        }
    }
}

/// French drops the accent on capitals: a sentence opening "A Dori" places its figures in Dori.
#[test]
fn an_unaccented_capital_a_is_the_preposition() {
    let text = "A Dori il y a eu 20 morts, a déclaré le maire.";
    let a = analyze(&doc(text, Some("fr")), &Resources::builtin());
    let c = a.claims.iter().find(|c| c.figures.contains_key(&Category::Killed)).expect("a killed claim");
    assert_eq!(c.place.as_ref().map(|p| p.name.as_str()), Some("Dori"), "{:?}", c.rules);
}

/// "jusqu'à 70" is "up to 70" (an open lower side), with a straight or a curly apostrophe: the
/// elided "jusqu'" is split off its word before the gloss reads it.
#[test]
fn jusqu_a_is_an_upper_bound() {
    for apostrophe in ['\'', '’'] {
        let text = format!(
            "Des hommes armés ont attaqué deux villages samedi dans l'ouest du Niger. \
             A Kobo il y a eu jusqu{apostrophe}à 70 morts, a déclaré le maire de la commune."
        );
        let a = analyze(&doc(&text, Some("fr")), &Resources::builtin());
        let killed = a.claims.iter().find(|c| c.figures.contains_key(&Category::Killed)).expect("a killed claim");
        let f = &killed.figures[&Category::Killed];
        assert_eq!((f.min, f.max), (None, Some(70)), "{apostrophe}");
        assert!(text[f.span.start..f.span.end].starts_with("jusqu"), "{}", &text[f.span.start..f.span.end]);
    }
}
