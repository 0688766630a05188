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
