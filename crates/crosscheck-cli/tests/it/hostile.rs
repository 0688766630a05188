//! Issue 6: the committed corpus of hostile inputs (`tests/hostile/`), each ingested on its own
//! into a fresh store, with the number of documents it must yield and the error each refused
//! record must report (`expected.tsv`). Plus a 100 MB single line, made at run time.

use std::path::Path;

use crate::{ok, run};

#[test]
fn each_hostile_input_gives_its_exact_outcome() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile");
    let table = std::fs::read_to_string(dir.join("expected.tsv")).unwrap();
    let mut checked = 0;
    for line in table.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (file, stored, error) = (cols[0], cols[1].parse::<usize>().unwrap(), cols[2]);
        let tmp = tempfile::tempdir().unwrap();
        let db = tmp.path().join("h.db");
        let out = run(&db, &["--no-gazetteer", "ingest", dir.join(file).to_str().unwrap()]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.code().is_some(), "{file}: the process ended by itself (no crash)");
        if error != "-" {
            assert!(err.contains(error), "{file}: expected {error:?} in\n{err}");
            assert_eq!(out.status.code(), Some(2), "{file}: a refused record makes the run partial");
        }
        let docs = ok(run(&db, &["--no-gazetteer", "documents"]));
        assert_eq!(docs.lines().count(), stored, "{file}: documents stored\n{docs}\n{err}");
        assert!(ok(run(&db, &["--no-gazetteer", "verify"])).starts_with("ok"));
        checked += 1;
    }
    assert_eq!(checked, 9);
}

#[test]
fn a_100_mb_single_line_is_refused_by_size() {
    let tmp = tempfile::tempdir().unwrap();
    let big = tmp.path().join("one-line.txt");
    std::fs::write(&big, vec![b'a'; 100 * 1024 * 1024]).unwrap();
    let db = tmp.path().join("b.db");
    let out = run(&db, &["--no-gazetteer", "ingest", big.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(err.contains("one-line.txt: file too large (104857600 bytes"), "{err}");
}
