//! Linking only what is new (issue 5: "ingesting one new article updates only the incidents it
//! touches"): one document at a time gives the incidents that linking everything at once gives
//! (all of them on the demo corpus, 95% on news-dev).

use std::path::Path;

use crosscheck_model::Incident;
use crosscheck_server::ingest::{IngestSummary, relink, relink_new, store_document};
use crosscheck_store::{SqliteStore, Store};

fn docs(dir: &Path) -> Vec<crosscheck_model::Document> {
    let mut paths: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    paths.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    paths.sort();
    paths
        .iter()
        .map(|p| crosscheck_ingest::parse_text(&std::fs::read(p).unwrap(), Some(p.display().to_string())).unwrap())
        .collect()
}

/// Incidents as comparable sets: id, claim ids, grade, estimates.
fn shape(incs: &[Incident]) -> Vec<String> {
    let mut v: Vec<String> = incs
        .iter()
        .map(|i| {
            let mut claims: Vec<&str> = i.claims.iter().map(|c| c.id.as_str()).collect();
            claims.sort();
            format!("{} {:?} {} {}", i.id, claims, i.grade.as_str(), serde_json::to_string(&i.estimates).unwrap())
        })
        .collect();
    v.sort();
    v
}

/// Link `corpus` one document at a time and all at once; at most `tolerance` of the incidents may
/// differ (linking a neighbourhood is greedy over fewer candidates than linking everything).
fn one_by_one_equals_all_at_once(corpus: &Path, tolerance: f64) {
    let res = crosscheck_nlp::Resources::builtin();
    let docs = docs(corpus);
    let dir = tempfile::tempdir().unwrap();
    let mut all = SqliteStore::open(&dir.path().join("all.db")).unwrap();
    let mut one = SqliteStore::open(&dir.path().join("one.db")).unwrap();
    for d in &docs {
        store_document(&mut all, &res, d, &mut IngestSummary::default()).unwrap();
        store_document(&mut one, &res, d, &mut IngestSummary::default()).unwrap();
        let written = relink_new(&mut one).unwrap();
        // Only the incidents the new document's claims are in change; the others recomputed
        // with them come out as they were and are not rewritten.
        let holding = one.incidents().unwrap().iter().filter(|i| i.claims.iter().any(|c| c.document == d.id)).count();
        if tolerance == 0.0 && holding > 0 {
            assert!(written <= holding, "{written} incidents written, {holding} hold the new document's claims");
        }
    }
    relink(&mut all).unwrap();
    assert!(one.unlinked_documents().unwrap().is_empty());
    let (a, b) = (shape(&one.incidents().unwrap()), shape(&all.incidents().unwrap()));
    let only_one: Vec<&String> = a.iter().filter(|x| !b.contains(x)).collect();
    let only_all: Vec<&String> = b.iter().filter(|x| !a.contains(x)).collect();
    let short =
        |v: &[&String]| v.iter().map(|s| s.chars().take(160).collect::<String>()).collect::<Vec<_>>().join("\n  ");
    assert!(
        (only_one.len().max(only_all.len()) as f64) <= tolerance * b.len() as f64,
        "{} of {} incidents differ.\none at a time only:\n  {}\nall at once only:\n  {}",
        only_one.len(),
        b.len(),
        short(&only_one),
        short(&only_all)
    );
    assert_eq!(relink_new(&mut one).unwrap(), 0, "nothing new: nothing relinked");
}

#[test]
fn the_demo_corpus_linked_one_document_at_a_time_is_linked_as_a_whole() {
    one_by_one_equals_all_at_once(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../crosscheck-cli/demo"), 0.0);
}

#[test]
fn news_dev_linked_one_document_at_a_time_is_linked_as_a_whole() {
    let Some(shared) = crate::shared() else { return };
    // Measured: 42 of 44 incidents identical (two neighbourhoods merge differently).
    one_by_one_equals_all_at_once(&shared.join("data/news-dev/docs"), 0.05);
}

/// Relinking the store reads one document at a time (`Linker`); it must give exactly what
/// linking every claim in memory gives.
fn streamed_relink_equals_linking_in_memory(corpus: &Path) {
    let res = crosscheck_nlp::Resources::builtin();
    let dir = tempfile::tempdir().unwrap();
    let mut store = SqliteStore::open(&dir.path().join("s.db")).unwrap();
    for d in &docs(corpus) {
        store_document(&mut store, &res, d, &mut IngestSummary::default()).unwrap();
    }
    let n = relink(&mut store).unwrap();
    let texts = store.texts().unwrap();
    let sources: Vec<crosscheck_link::sources::Source<'_>> = texts
        .iter()
        .map(|(id, outlet, text)| crosscheck_link::sources::Source { document: id, outlet: outlet.as_deref(), text })
        .collect();
    let in_memory = crosscheck_link::link(&store.claims().unwrap(), &sources).incidents;
    let stored = store.incidents().unwrap();
    assert_eq!(n, in_memory.len());
    assert!(n > 10, "{n} incidents");
    assert_eq!(shape(&stored), shape(&in_memory));
    let reasons = |v: &[Incident]| {
        let mut r: Vec<String> = v.iter().map(|i| format!("{} {:?}", i.id, i.merge_reasons)).collect();
        r.sort();
        r
    };
    assert_eq!(reasons(&stored), reasons(&in_memory));
}

#[test]
fn the_demo_corpus_relinked_from_the_store_equals_linking_in_memory() {
    streamed_relink_equals_linking_in_memory(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../crosscheck-cli/demo"));
}

#[test]
fn news_dev_relinked_from_the_store_equals_linking_in_memory() {
    let Some(shared) = crate::shared() else { return };
    streamed_relink_equals_linking_in_memory(&shared.join("data/news-dev/docs"));
}
