//! `ingest --metadata`: a folder of article files with a JSON Lines manifest beside them.

use crate::{incidents, ok, run};

#[test]
fn a_manifest_dates_and_credits_the_files_it_lists() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    std::fs::write(docs.join("a.txt"), "Gunmen killed ten villagers in Boni on Sunday, residents said.\n").unwrap();
    std::fs::write(docs.join("b.txt"), "Gunmen killed four herders near Douentza on Sunday.\n").unwrap();
    let manifest = docs.join("index.jsonl");
    std::fs::write(
        &manifest,
        "{\"id\": \"a\", \"url\": \"https://radio.example/a\", \"outlet\": \"Radio X\", \"published\": \"2022-05-03\"}\n",
    )
    .unwrap();
    let db = dir.path().join("m.db");
    let out = run(&db, &["ingest", docs.to_str().unwrap(), "--metadata", manifest.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    ok(out);
    assert!(err.contains("metadata: 1 of the 1 files listed"), "{err}");
    assert!(err.contains("ingested 2 new") && err.contains("0 failed"), "the manifest is no article: {err}");
    let incs = incidents(&db);
    let date_of = |place: &str| {
        let i = incs.iter().find(|i| i["place"] == place).unwrap_or_else(|| panic!("{place}: {incs:#?}"));
        i["date"].clone()
    };
    // Sunday before Tuesday 3 May 2022; the unlisted file has no date to resolve it by.
    assert_eq!(date_of("Boni")["start"], "2022-05-01");
    assert_eq!(date_of("Douentza"), serde_json::Value::Null);
}

#[test]
fn a_bad_manifest_line_is_named_and_nothing_stored_is_lost() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.txt");
    std::fs::write(&a, "Gunmen killed ten villagers in Boni on 1 May 2022, residents said.\n").unwrap();
    let db = dir.path().join("m.db");
    ok(run(&db, &["ingest", a.to_str().unwrap()]));
    let before = incidents(&db);
    let manifest = dir.path().join("index.jsonl");
    std::fs::write(&manifest, "{\"id\": \"a\"}\n{\"id\": \"b\", \"published\": \"May 2022\"}\n").unwrap();
    let out = run(&db, &["ingest", a.to_str().unwrap(), "--metadata", manifest.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("index.jsonl, line 2: \"May 2022\" is not a date"), "{err}");
    assert_eq!(incidents(&db), before);
}
