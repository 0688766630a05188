//! Reports read together: a collection's country and regions for the reports that lack them.

use crosscheck_geo::entry::sample;
use crosscheck_model::{Category, DocMeta, Document, Place};
use crosscheck_nlp::{Analysis, AnalyzeConfig, Collection, Resources, analyze_collection, analyze_with};

/// Invented places: Sirba is a hamlet in two regions of Mali (no population either), Kelbo a
/// town in Mali and in Ghana, Tambao a town of one region of Mali only, Zorbel a village the
/// gazetteer knows in Ghana only.
fn resources() -> Resources {
    let g = crosscheck_geo::Gazetteer::from_entries(&[
        sample(1, "Mali", &[], "ML", "", 20_000_000, (17.0, -4.0), "PCLI"),
        sample(2, "Ghana", &[], "GH", "", 31_000_000, (8.0, -1.2), "PCLI"),
        sample(3, "Kelbo Region", &[], "ML", "04", 2_000_000, (14.5, -3.5), "ADM1"),
        sample(4, "Sanga Region", &[], "ML", "03", 2_000_000, (13.5, -10.5), "ADM1"),
        sample(5, "Sirba", &[], "ML", "03", 0, (13.4, -10.0), "PPL"),
        sample(6, "Sirba", &[], "ML", "04", 0, (15.0, -2.2), "PPL"),
        sample(7, "Tambao", &[], "ML", "04", 5_000, (14.8, -2.9), "PPL"),
        sample(8, "Kelbo", &[], "ML", "04", 3_000, (14.1, -3.1), "PPL"),
        sample(9, "Kelbo", &[], "GH", "02", 40_000, (7.0, -1.0), "PPL"),
        sample(10, "Zorbel", &[], "GH", "02", 800, (7.2, -1.1), "PPL"),
    ])
    .unwrap();
    Resources::builtin().with_gazetteer(g)
}

fn doc(n: usize, text: &str) -> Document {
    Document { id: format!("{n:064}"), text: text.into(), body_start: 0, meta: DocMeta::default() }
}

/// A latitude to a tenth of a degree (points are stored as `f32`).
fn tenths(lat: Option<f64>) -> Option<i64> {
    lat.map(|x| (x * 10.0).round() as i64)
}

fn killed_place(a: &Analysis) -> Place {
    let c = a.claims.iter().find(|c| c.figures.contains_key(&Category::Killed)).expect("a killed claim");
    c.place.clone().expect("a place")
}

/// Five reports of Tambao, Mali, and two that do not settle where they are alone.
fn collection() -> Vec<Document> {
    let mut docs: Vec<Document> = (0..5)
        .map(|k| doc(k, &format!("On {} May, gunmen killed {} soldiers in Tambao, Mali.", k + 1, k + 2)))
        .collect();
    docs.push(doc(10, "On 9 May, gunmen killed three herders in Sirba, Mali."));
    docs.push(doc(11, "On 9 May, gunmen killed two traders in Kelbo."));
    docs
}

/// Alone, a hamlet of two regions goes to the first entry and a town of two countries stays
/// unmapped; read with reports mostly set in one region of Mali, they are placed there, and the
/// reason says so.
#[test]
fn a_collection_places_the_reports_that_cannot_place_themselves() {
    let res = resources();
    let docs = collection();
    let alone: Vec<Analysis> = docs.iter().map(|d| analyze_with(d, &res, &crosscheck_nlp::CLAIMS_ONLY)).collect();
    assert_eq!(killed_place(&alone[5]).admin1.as_deref(), Some("Sanga Region"), "a tie goes to the first entry");
    assert_eq!(killed_place(&alone[6]).lat, None, "Kelbo of Mali or of Ghana");
    assert!(alone[6].trace.open() && alone[5].trace.open() && !alone[0].trace.open());

    let together = analyze_collection(&docs, &res, &AnalyzeConfig { explain: true });
    let sirba = killed_place(&together[5]);
    assert_eq!((sirba.admin1.as_deref(), tenths(sirba.lat)), (Some("Kelbo Region"), Some(150)));
    let kelbo = killed_place(&together[6]);
    assert_eq!((kelbo.country.as_deref(), tenths(kelbo.lat)), (Some("Mali"), Some(141)));
    assert!(together[6].warnings.iter().any(|w| w.contains("from the collection")), "{:?}", together[6].warnings);
    let why: Vec<&str> = together[5]
        .sentences
        .iter()
        .flat_map(|s| &s.notes)
        .filter(|n| n.what == "geocode")
        .map(|n| n.detail.as_str())
        .collect();
    assert!(why.iter().any(|w| w.contains("of the collection's reports are in its division")), "{why:?}");
    // The reports that placed themselves are read once and unchanged.
    assert_eq!(together[0].claims, alone[0].claims);
}

/// Fewer than five reports, or no country holding more than half of them, say nothing: one report alone
/// is read as it is alone.
#[test]
fn a_small_or_mixed_collection_says_nothing() {
    let res = resources();
    let docs = collection();
    let few = &docs[3..];
    let read = analyze_collection(few, &res, &crosscheck_nlp::CLAIMS_ONLY);
    assert_eq!(killed_place(&read[3]).lat, None);
    let mut mixed: Vec<Document> =
        (0..6).map(|k| doc(20 + k, &format!("On 2 May, gunmen killed {} people in Kelbo, Ghana.", k + 2))).collect();
    mixed.extend(collection());
    let c = Collection::gather(
        analyze_collection(&mixed, &res, &crosscheck_nlp::CLAIMS_ONLY)
            .iter()
            .map(|a| (a.country.as_ref().map(|c| c.0.as_str()), &a.trace))
            .collect::<Vec<_>>(),
    );
    assert_eq!(c.country, None, "six reports in Ghana, six in Mali");
    assert_eq!(c.regions.len(), 2, "{c:?}");
}

/// One town the gazetteer knows abroad only is weak evidence of a report's country: in a
/// collection set in Mali, the collection's country outvotes it (and the warning says what the
/// text alone said). A country the text names after a town is not outvoted.
#[test]
fn a_collection_s_country_outvotes_one_town_known_abroad_but_not_a_named_country() {
    let res = resources();
    let mut docs = collection();
    docs.push(doc(12, "On 9 May, gunmen killed four farmers in Zorbel."));
    docs.push(doc(13, "On 9 May, gunmen killed four farmers in Zorbel, Ghana."));
    let alone = analyze_with(&docs[7], &res, &crosscheck_nlp::CLAIMS_ONLY);
    assert_eq!(alone.country.as_ref().map(|c| c.0.as_str()), Some("Ghana"));
    assert!(alone.trace.open(), "one town is a weak context");
    let together = analyze_collection(&docs, &res, &crosscheck_nlp::CLAIMS_ONLY);
    assert_eq!(together[7].country.as_ref().map(|c| c.0.as_str()), Some("Mali"));
    assert!(
        together[7]
            .warnings
            .iter()
            .any(|w| w.contains("from the collection") && w.contains("the text alone says Ghana")),
        "{:?}",
        together[7].warnings
    );
    assert_eq!(killed_place(&together[7]).lat, None, "no Zorbel in Mali");
    assert_eq!(together[8].country.as_ref().map(|c| c.0.as_str()), Some("Ghana"));
    assert_eq!(tenths(killed_place(&together[8]).lat), Some(72));
}
