//! The command-line contract of issue #2: `ingest`, `incidents [--json]`, `show`, `explain`.

use std::fs;

use crate::{incidents, ok, run};

const ARTICLE: &str = " date 2024-09-06\nBAMAKO, Mali (Example Wire) - Soldiers killed an estimated 70 civilians in Mandore on Tuesday, Amnesty International said on Thursday.\n\nThe army said it had killed 41 \"terrorists\" in Mandore during the operation.\n\nThe junta on Friday rejected the report as \"biased\".\n";

/// A temporary database with `ARTICLE` ingested: (the directory guard, the database, the file).
fn ingested() -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let f = dir.path().join("a.txt");
    fs::write(&f, ARTICLE).unwrap();
    ok(run(&db, &["ingest", f.to_str().unwrap()]));
    (dir, db, f)
}

#[test]
fn incidents_json_has_the_contract_keys() {
    let (_dir, db, _) = ingested();
    let list = incidents(&db);
    assert_eq!(list.len(), 1, "{list:?}");
    let i = &list[0];
    for key in ["id", "date", "country", "admin1", "place", "event_type", "sub_event_type", "contested", "claims"] {
        assert!(i.get(key).is_some(), "missing {key}");
    }
    assert_eq!(i["date"]["start"], "2024-09-03");
    assert_eq!(i["date"]["end"], "2024-09-03");
    assert_eq!(i["country"], "Mali");
    assert_eq!(i["place"], "Mandore");
    assert_eq!(i["event_type"], "violence_against_civilians");
    assert_eq!(i["contested"], true);
    let claims = i["claims"].as_array().unwrap();
    let amnesty = claims.iter().find(|c| c["claimant"] == "Amnesty International").expect("Amnesty's claim");
    assert_eq!(amnesty["stance"], "asserts");
    assert_eq!(amnesty["figures"]["killed"]["min"], 70);
    assert_eq!(amnesty["figures"]["killed"]["max"], 70);
    assert_eq!(amnesty["figures"]["killed"]["qualifier"], "an estimated");
    assert_eq!(amnesty["victims"], "civilians");
    assert_eq!(amnesty["document"].as_str().unwrap().len(), 64);
    let (s, e) = (amnesty["span"][0].as_u64().unwrap() as usize, amnesty["span"][1].as_u64().unwrap() as usize);
    assert_eq!(&ARTICLE[s..e], amnesty["quote"].as_str().unwrap());
    let army = claims.iter().find(|c| c["claimant"] == "Malian army").expect("the army's claim");
    assert_eq!(army["figures"]["killed"]["min"], 41);
    assert_eq!(army["victims"], "attackers");
    assert!(claims.iter().any(|c| c["claimant"] == "Malian government" && c["stance"] == "denies"));
}

#[test]
fn reingesting_the_same_file_changes_nothing() {
    let (_dir, db, f) = ingested();
    let first = ok(run(&db, &["incidents", "--json"]));
    let out = run(&db, &["ingest", f.to_str().unwrap()]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("0 new, 1 unchanged"));
    assert_eq!(ok(run(&db, &["incidents", "--json"])), first);
}

#[test]
fn show_prints_claims_side_by_side_and_explain_walks_sentences() {
    let (_dir, db, _) = ingested();
    let id = incidents(&db)[0]["id"].as_str().unwrap().to_string();
    let show = ok(run(&db, &["show", &id]));
    for needle in [
        "Amnesty International",
        "Malian army",
        "Malian government",
        "denies",
        "killed ~70 (an estimated)",
        "killed 41",
        "contested:  yes",
    ] {
        assert!(show.contains(needle), "show lacks {needle:?}:\n{show}");
    }
    let table = ok(run(&db, &["incidents"]));
    assert!(table.contains(&id) && table.contains("Mandore, Mali"), "{table}");
    let docs = ok(run(&db, &["documents"]));
    let doc = docs.split_whitespace().next().unwrap();
    let explain = ok(run(&db, &["explain", doc]));
    assert!(explain.contains("[0]") && explain.contains("[2]"), "{explain}");
    assert!(explain.contains("rejection verb \"rejected\""), "{explain}");
    let missing = run(&db, &["show", "inc-nothing"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no incident"));
}
