//! Where the report was filed and where the wounded were taken are not where it happened.

use chrono::NaiveDate;
use crosscheck_model::{Category, DocMeta, Document};
use crosscheck_nlp::{Resources, analyze};

/// A report with no publication date whose dateline comes after its headline: the dateline
/// dates the filing, so "January 2" resolves; neither the dateline city nor the hospital's
/// town is the claim's place.
#[test]
fn a_dateline_past_the_headline_dates_the_report_and_places_nothing() {
    let text = "Ten killed in central Mali\n\n\
                MOPTI, JANUARY 5, 2021 (Wire) - Gunmen killed ten villagers in the village of Dialloube on January 2. \
                Some of the wounded were rushed to the Segou and Gao hospitals.";
    let doc = Document { id: "d".repeat(64), text: text.into(), body_start: 0, meta: DocMeta::default() };
    let a = analyze(&doc, &Resources::builtin());
    assert!(a.warnings.iter().all(|w| !w.contains("no publication date")), "{:?}", a.warnings);
    let killed = a.claims.iter().find(|c| c.figures.contains_key(&Category::Killed)).expect("a killed claim");
    assert_eq!(killed.date.map(|d| d.start), NaiveDate::from_ymd_opt(2021, 1, 2), "{:?}", killed.rules);
    assert_eq!(killed.reported, NaiveDate::from_ymd_opt(2021, 1, 5));
    assert_eq!(killed.place.as_ref().map(|p| p.name.as_str()), Some("Dialloube"));
    let notes: Vec<_> = a.sentences.iter().flat_map(|s| &s.notes).collect();
    assert!(notes.iter().any(|n| n.text == "MOPTI" && n.detail.contains("dateline")), "{notes:?}");
    assert!(notes.iter().any(|n| n.text == "Gao" && n.detail.contains("wounded were taken")), "{notes:?}");
}
