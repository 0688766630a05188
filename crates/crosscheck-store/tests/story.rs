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
            part: false,
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
        assert_eq!(s.schema_version().unwrap(), 12);
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
    assert_eq!(s.schema_version().unwrap(), 12);
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

/// The queries behind the HTTP API (issue 7): filters, keyset pages, full-text search over the
/// evidence, statistics, actors, tokens and the audit log.
#[test]
fn incidents_are_filtered_paged_searched_and_counted() {
    use crosscheck_store::{IncidentQuery, Role, Sort};
    let mut s = SqliteStore::in_memory().unwrap();
    let mut incidents = Vec::new();
    for k in 0..25u32 {
        let d = doc(&format!("d{k:03}"), &format!("Soldiers killed {k} villagers in Boni{k}."));
        let mut c = claim(&d, 0, k as u64);
        c.date = Some(DateRange::day(NaiveDate::from_ymd_opt(2022, 1 + k % 12, 1 + k).unwrap()));
        c.country = Some(if k % 2 == 0 { "Mali" } else { "Niger" }.into());
        c.perpetrators = vec!["Malian army".into()];
        s.add_document(&d, std::slice::from_ref(&c)).unwrap();
        incidents.push(Incident {
            id: format!("inc-{k:03}"),
            date: c.date,
            date_inferred: false,
            country: c.country.clone(),
            admin1: None,
            place: Some(format!("Boni{k}")),
            lat: Some(10.0 + k as f64),
            lon: Some(-1.0),
            admin2: None,
            geo_precision: Some(1),
            geonames_id: None,
            event_type: EventType::ViolenceAgainstCivilians,
            sub_event_type: None,
            contested: k % 5 == 0,
            contested_reasons: vec![],
            merge_reasons: vec![],
            sources: vec![],
            estimates: vec![crosscheck_model::Estimate {
                category: Category::Killed,
                low: Some(k as u64),
                best: Some(k as u64),
                high: None,
                low_claims: vec![],
                best_claims: vec![],
                high_claims: vec![],
                rule: "test".into(),
            }],
            grade: crosscheck_model::Grade::SingleSource,
            grade_reasons: vec![],
            claims: vec![c],
        });
    }
    s.replace_incidents(&incidents).unwrap();
    // Pages of 10, latest first, without gaps or repeats.
    let mut q = IncidentQuery { limit: 10, ..IncidentQuery::default() };
    let mut seen = Vec::new();
    loop {
        let page = s.list_incidents(&q).unwrap();
        seen.extend(page.rows.iter().map(|r| r.date_start.clone().unwrap()));
        match page.next {
            Some(c) => q.cursor = Some(c),
            None => break,
        }
    }
    assert_eq!(seen.len(), 25);
    assert!(seen.windows(2).all(|w| w[0] >= w[1]), "{seen:?}");
    // Filters.
    let only = |q: IncidentQuery| s.list_incidents(&IncidentQuery { limit: 100, ..q }).unwrap().rows;
    assert_eq!(only(IncidentQuery { country: Some("mali".into()), ..Default::default() }).len(), 13);
    assert_eq!(only(IncidentQuery { contested: Some(true), ..Default::default() }).len(), 5);
    assert_eq!(only(IncidentQuery { bbox: Some([-2.0, 9.5, 0.0, 12.5]), ..Default::default() }).len(), 3);
    let from = NaiveDate::from_ymd_opt(2022, 12, 1);
    assert!(
        only(IncidentQuery { from, ..Default::default() })
            .iter()
            .all(|r| r.date_start.as_deref() >= Some("2022-12-01"))
    );
    assert_eq!(only(IncidentQuery { actor: Some("MALIAN ARMY".into()), ..Default::default() }).len(), 25);
    // Full-text search over the quotes; user input is never FTS syntax.
    let hits = only(IncidentQuery { text: Some("villagers Boni7".into()), ..Default::default() });
    assert_eq!(hits.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["inc-007"]);
    assert!(only(IncidentQuery { text: Some("\" OR NEAR(".into()), ..Default::default() }).is_empty());
    // By killed, most first.
    let top = only(IncidentQuery { sort: Sort::KilledDesc, limit: 3, ..Default::default() });
    assert_eq!(top[0].killed[1], Some(24));
    assert!(s.list_incidents(&IncidentQuery { cursor: Some("nonsense".into()), ..Default::default() }).is_err());
    // Statistics.
    let st = s.stats(&IncidentQuery::default()).unwrap();
    assert_eq!(
        st.by_country,
        [
            ("Mali".to_string(), 13, (0..25).step_by(2).sum::<i64>()),
            ("Niger".to_string(), 12, (1..25).step_by(2).sum::<i64>())
        ]
    );
    assert_eq!(st.by_month.iter().map(|m| m.1).sum::<i64>(), 25);
    assert_eq!(s.actors(10).unwrap(), [("MINUSMA".to_string(), 25), ("Malian army".to_string(), 25)]);
    // Tokens: only a hash is stored; every write is audited.
    let id = s.add_token("hash-of-secret", Role::Analyst).unwrap();
    assert_eq!(s.token("hash-of-secret").unwrap(), Some((id, Role::Analyst)));
    assert_eq!(s.token("other").unwrap(), None);
    s.audit(Some(id), Role::Analyst, "ingest", "1 document").unwrap();
    let log = s.audit_log(5).unwrap();
    assert_eq!((log[0].1, log[0].3.as_str(), log[0].4.as_str()), (Some(id), "ingest", "1 document"));
}

#[test]
fn a_batch_is_stored_whole_with_an_outcome_per_document_or_not_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = SqliteStore::open(&dir.path().join("batch.db")).unwrap();
    let (a, b) = (doc("aaaa", "50 killed."), doc("bbbb", "18 killed."));
    store.add_document(&a, &[claim(&a, 0, 50)]).unwrap();
    let (ca, cb) = (vec![claim(&a, 0, 50)], vec![claim(&b, 0, 18)]);
    // Already stored, new, and new again within the batch.
    let outcomes = store.add_documents(&[(&a, &ca[..]), (&b, &cb[..]), (&b, &cb[..])]).unwrap();
    assert_eq!(outcomes, vec![AddOutcome::Unchanged, AddOutcome::Added, AddOutcome::Unchanged]);
    assert_eq!(store.documents().unwrap().len(), 2);
    assert_eq!(store.claims().unwrap().len(), 2);
    // A batch the database refuses (a claim id used twice) stores nothing of it.
    let (c, d) = (doc("cccc", "3 killed."), doc("dddd", "4 killed."));
    let mut clash = claim(&d, 0, 4);
    clash.id = claim(&c, 0, 3).id;
    let (cc, cd) = (vec![claim(&c, 0, 3)], vec![clash]);
    assert!(store.add_documents(&[(&c, &cc[..]), (&d, &cd[..])]).is_err());
    assert_eq!(store.documents().unwrap().len(), 2);
    assert_eq!(store.claims().unwrap().len(), 2);
}

/// Recomputing the incidents near a new report mostly gives them back as they were: those are
/// left alone, and their linking features are given back for the next comparison.
#[test]
fn an_incident_recomputed_as_it_was_is_not_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = SqliteStore::open(&dir.path().join("fp.db")).unwrap();
    let (a, b) = (doc("aaaa", "50 killed."), doc("bbbb", "18 killed."));
    s.add_document(&a, &[claim(&a, 0, 50)]).unwrap();
    s.add_document(&b, &[claim(&b, 0, 18)]).unwrap();
    let claims = s.claims().unwrap();
    let inc = |id: &str, c: &Claim| Incident {
        id: id.into(),
        date: c.date,
        date_inferred: false,
        country: Some("Mali".into()),
        admin1: None,
        place: None,
        lat: None,
        lon: None,
        admin2: None,
        geo_precision: None,
        geonames_id: None,
        event_type: EventType::ViolenceAgainstCivilians,
        sub_event_type: None,
        contested: false,
        contested_reasons: vec![],
        merge_reasons: vec![],
        sources: vec![],
        estimates: vec![],
        grade: crosscheck_model::Grade::SingleSource,
        grade_reasons: vec![],
        claims: vec![c.clone()],
    };
    let (x, y) = (inc("inc-x", &claims[0]), inc("inc-y", &claims[1]));
    let day = claims[0].date.map_or(chrono::NaiveDate::MIN, |d| d.start);
    let all = [(x.clone(), Some("fx".to_string())), (y.clone(), Some("fy".to_string()))];
    assert_eq!(s.replace_incidents_of(&[], &all, &[]).unwrap(), 2);
    let near = s.incident_features_near(Some("Mali"), day, day).unwrap();
    assert_eq!(
        near,
        vec![("inc-x".to_string(), Some("fx".to_string())), ("inc-y".to_string(), Some("fy".to_string()))]
    );
    // The same two again: nothing written. One changed: that one only.
    let ids = ["inc-x".to_string(), "inc-y".to_string()];
    assert_eq!(s.replace_incidents_of(&ids, &all, &[]).unwrap(), 0);
    let mut y2 = y.clone();
    y2.grade_reasons = vec!["a reviewer's note".into()];
    assert_eq!(s.replace_incidents_of(&ids, &[(x, None), (y2, None)], &[]).unwrap(), 1);
    assert_eq!(s.incident("inc-y").unwrap().unwrap().grade_reasons, vec!["a reviewer's note".to_string()]);
    assert_eq!(s.incidents().unwrap().len(), 2);
}
