//! The demo corpus, end to end: the whole-article golden file of the bundled illustrative
//! articles, as an insta snapshot. A change in extraction shows up as a diff here.

use crate::{incidents, ok, run};

#[test]
fn demo_runs_and_its_incidents_match_the_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let out = ok(run(&db, &["demo"]));
    assert!(out.contains("ILLUSTRATIVE"), "{out}");
    // Running it twice is idempotent.
    let again = ok(run(&db, &["demo"]));
    assert!(again.contains("0 new, 12 already there"), "{again}");
    let list = incidents(&db);
    let mut lines = Vec::new();
    for i in &list {
        lines.push(format!(
            "{} {} | {} | {} | contested={}",
            i["date"]["start"].as_str().unwrap_or("?"),
            i["date"]["end"].as_str().unwrap_or("?"),
            i["place"].as_str().or(i["country"].as_str()).unwrap_or("-"),
            i["event_type"].as_str().unwrap(),
            i["contested"]
        ));
        for c in i["claims"].as_array().unwrap() {
            lines.push(format!(
                "    {} {} {} victims={} :: {}",
                c["claimant"].as_str().unwrap(),
                c["stance"].as_str().unwrap(),
                c["figures"],
                c["victims"],
                c["quote"].as_str().unwrap()
            ));
        }
    }
    insta::assert_snapshot!("demo_incidents", lines.join("\n"));
}

/// Issue 5 on the demo: reports of one incident from two documents are one incident, with its
/// sources, ranges and grade, and `explain-incident` says why.
#[test]
fn cross_document_incidents_show_sources_ranges_and_grades() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    ok(run(&db, &["demo"]));
    let incs = crate::incidents(&db);
    let multi = incs
        .iter()
        .find(|i| {
            let mut docs: Vec<&str> =
                i["claims"].as_array().unwrap().iter().map(|c| c["document"].as_str().unwrap()).collect();
            docs.sort();
            docs.dedup();
            docs.len() >= 2
        })
        .expect("an incident reported by two documents");
    assert!(multi["sources"].as_array().unwrap().len() >= 2, "{multi}");
    assert!(["contested", "corroborated", "acknowledged"].contains(&multi["grade"].as_str().unwrap()));
    let killed =
        multi["estimates"].as_array().unwrap().iter().find(|e| e["category"] == "killed").expect("a killed range");
    assert!(!killed["low_claims"].as_array().unwrap().is_empty());
    let id = multi["id"].as_str().unwrap();
    let why = ok(run(&db, &["explain-incident", id]));
    assert!(why.contains("joined the report of document") && why.contains("Grade:"), "{why}");
    let show = ok(run(&db, &["show", id]));
    assert!(show.contains("independent sources") && show.contains("estimates"), "{show}");
}
