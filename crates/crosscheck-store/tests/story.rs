//! One storage story, start to finish, against a real SQLite file (after atuin's story tests).

use chrono::NaiveDate;
use crosscheck_model::{
    Category, Claim, DateRange, DocMeta, Document, EventType, Figure, Figures, Incident, PartyKind, Span, Stance,
};
use crosscheck_store::{AddOutcome, SqliteStore, Store, StoreError};

fn doc(id: &str, text: &str) -> Document {
    Document { id: id.to_string(), text: text.to_string(), body_start: 0, meta: DocMeta::default() }
}

fn claim(doc: &Document, n: usize, killed: u64) -> Claim {
    let mut figures = Figures::new();
    figures.insert(
        Category::Killed,
        Figure {
            min: Some(killed),
            max: None,
            qualifier: Some("at least".into()),
            vague: false,
            span: Span::new(0, 2),
        },
    );
    Claim {
        id: format!("{}-s{n}-0", doc.id),
        document: doc.id.clone(),
        sentence: n,
        claimant: "MINUSMA".into(),
        claimant_kind: PartyKind::Un,
        stance: Stance::Asserts,
        event_type: Some(EventType::ViolenceAgainstCivilians),
        type_from_victims: false,
        sub_event_type: Some("Attack".into()),
        trigger: "killed".into(),
        figures,
        victims: None,
        perpetrators: vec![],
        date: Some(DateRange::day(NaiveDate::from_ymd_opt(2022, 4, 19).unwrap())),
        date_inferred: false,
        statement_date: None,
        reported: None,
        place: None,
        country: Some("Mali".into()),
        denial_scope: None,
        quote: doc.text.clone(),
        span: Span::new(0, doc.text.len()),
        rules: vec!["test".into()],
    }
}

#[test]
fn documents_claims_and_incidents_round_trip_through_a_real_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("story.db");
    let a = doc("aaaa1111", "50 killed.");
    let b = doc("aaaa2222", "60 killed.");
    {
        let mut s = SqliteStore::open(&path).unwrap();
        assert_eq!(s.schema_version().unwrap(), 7);
        assert_eq!(s.add_document(&a, &[claim(&a, 0, 50)]).unwrap(), AddOutcome::Added);
        assert_eq!(s.add_document(&a, &[claim(&a, 0, 50)]).unwrap(), AddOutcome::Unchanged);
        assert_eq!(s.add_document(&b, &[claim(&b, 0, 60)]).unwrap(), AddOutcome::Added);
        let claims = s.claims().unwrap();
        assert_eq!(claims.len(), 2);
        let inc = Incident {
            id: "inc-1".into(),
            date: claims[0].date,
            date_inferred: true,
            country: Some("Mali".into()),
            admin1: None,
            place: Some("Hombori".into()),
            lat: Some(15.29),
            lon: Some(-1.70),
            admin2: Some("Douentza".into()),
            geo_precision: Some(1),
            geonames_id: Some(2454480),
            event_type: EventType::ViolenceAgainstCivilians,
            sub_event_type: None,
            contested: false,
            contested_reasons: vec![],
            merge_reasons: vec!["test".into()],
            sources: vec![crosscheck_model::SourceGroup {
                source: "wire:AFP".into(),
                documents: vec!["aaaa1111".into()],
            }],
            estimates: vec![],
            grade: crosscheck_model::Grade::Corroborated,
            grade_reasons: vec!["two sources".into()],
            claims: claims.clone(),
        };
        s.replace_incidents(std::slice::from_ref(&inc)).unwrap();
        s.replace_incidents(&[inc]).unwrap();
    }
    // Reopen: everything is still there, and migrations do not run twice.
    let s = SqliteStore::open(&path).unwrap();
    assert_eq!(s.schema_version().unwrap(), 7);
    assert_eq!(s.documents().unwrap().len(), 2);
    assert_eq!(s.document("aaaa1111").unwrap().unwrap().text, "50 killed.");
    let incs = s.incidents().unwrap();
    assert_eq!(incs.len(), 1);
    assert_eq!(incs[0].claims.len(), 2);
    assert!(incs[0].date_inferred, "the inferred-date flag survives the round trip");
    assert_eq!(
        (incs[0].admin2.as_deref(), incs[0].geo_precision, incs[0].geonames_id),
        (Some("Douentza"), Some(1), Some(2454480)),
        "the geocoding survives the round trip"
    );
    assert_eq!(incs[0].grade, crosscheck_model::Grade::Corroborated);
    assert_eq!(incs[0].sources[0].source, "wire:AFP");
    assert_eq!(incs[0].claims[0].figures[&Category::Killed].min, Some(50));
    assert_eq!(s.incident("inc-").unwrap().unwrap().id, "inc-1");
    // A prefix shared by two documents is ambiguous, and says so.
    assert!(matches!(s.document("aaaa"), Err(StoreError::Ambiguous { .. })));
    assert!(s.document("zzzz").unwrap().is_none());
}

#[test]
fn a_corrupt_file_is_an_open_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("junk.db");
    std::fs::write(&path, vec![7u8; 8192]).unwrap();
    let err = SqliteStore::open(&path).err().expect("not a database");
    assert!(err.to_string().contains("junk.db"), "{err}");
}

#[test]
fn a_page_fetched_again_with_other_content_is_a_new_version() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = SqliteStore::open(&dir.path().join("v.db")).unwrap();
    let url = "https://outlet.example/attack";
    let mut v1 = doc("1111aaaa", "Gunmen killed ten people.");
    v1.meta.source = Some(url.into());
    let mut v2 = doc("2222bbbb", "Gunmen killed twelve people, a new toll says.");
    v2.meta.source = Some(url.into());
    assert_eq!(s.add_document(&v1, &[]).unwrap(), AddOutcome::Added);
    assert_eq!(s.add_document(&v2, &[]).unwrap(), AddOutcome::NewVersion { previous: "1111aaaa".into() });
    assert_eq!(s.add_document(&v2, &[]).unwrap(), AddOutcome::Unchanged);
    // A file path is not a URL: two files of one name elsewhere are not versions of each other.
    let mut f = doc("3333cccc", "Other text.");
    f.meta.source = Some("notes.txt".into());
    let mut g = doc("4444dddd", "Other text again.");
    g.meta.source = Some("notes.txt".into());
    assert_eq!(s.add_document(&f, &[]).unwrap(), AddOutcome::Added);
    assert_eq!(s.add_document(&g, &[]).unwrap(), AddOutcome::Added);
}
