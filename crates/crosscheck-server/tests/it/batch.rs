//! Storing in batches (issue 6: "in batches with per-record outcomes"): every document gets its
//! outcome, and a batch the store refuses is retried one by one, so that the error names the
//! record and the documents before it are kept.

use crosscheck_server::ingest::{Batch, IngestSummary};
use crosscheck_store::{SqliteStore, Store};

fn doc(n: usize) -> crosscheck_model::Document {
    let text = format!(
        "date 2022-04-0{}\nGunmen killed {} civilians in Hombori on Sunday, officials said.\n",
        1 + n % 9,
        n + 2
    );
    crosscheck_ingest::parse_text(text.as_bytes(), Some(format!("doc-{n}.txt"))).unwrap()
}

fn claims(d: &crosscheck_model::Document) -> Vec<crosscheck_model::Claim> {
    crosscheck_nlp::analyze(d, &crosscheck_nlp::Resources::builtin()).claims
}

#[test]
fn a_full_batch_is_written_and_each_document_counted() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = SqliteStore::open(&dir.path().join("b.db")).unwrap();
    let (mut batch, mut summary) = (Batch::default(), IngestSummary::default());
    let n = Batch::DOCUMENTS + 3;
    for i in 0..n {
        let d = doc(i);
        let c = claims(&d);
        batch.push(&mut store, format!("doc-{i}"), d, c, &mut summary).unwrap();
    }
    // The first batch is written when full; the rest waits for the flush.
    assert_eq!(store.documents().unwrap().len(), Batch::DOCUMENTS);
    let again = doc(0);
    let c = claims(&again);
    batch.push(&mut store, "doc-0 again".into(), again, c, &mut summary).unwrap();
    batch.flush(&mut store, &mut summary).unwrap();
    assert_eq!(store.documents().unwrap().len(), n);
    assert_eq!((summary.added, summary.unchanged), (n, 1));
    assert_eq!(summary.claims, store.claims().unwrap().len());
    assert!(summary.claims >= n);
}

#[test]
fn a_refused_batch_names_its_record_and_keeps_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = SqliteStore::open(&dir.path().join("b.db")).unwrap();
    let (mut batch, mut summary) = (Batch::default(), IngestSummary::default());
    let (good, bad) = (doc(1), doc(2));
    let good_claims = claims(&good);
    // A claim id that is already taken makes the database refuse the second document.
    let mut bad_claims = claims(&bad);
    bad_claims[0].id = good_claims[0].id.clone();
    batch.push(&mut store, "feed.jsonl, line 1".into(), good, good_claims, &mut summary).unwrap();
    batch.push(&mut store, "feed.jsonl, line 2".into(), bad, bad_claims, &mut summary).unwrap();
    let err = batch.flush(&mut store, &mut summary).unwrap_err();
    assert_eq!(err.label, "feed.jsonl, line 2");
    assert!(err.to_string().starts_with("feed.jsonl, line 2: cannot store: "), "{err}");
    assert_eq!(store.documents().unwrap().len(), 1);
    assert_eq!(summary.added, 1);
}
