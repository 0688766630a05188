//! Bad input: a clear one-line warning naming the file, the rest ingested, a partial exit code,
//! nothing already stored lost, no panic. See: issue #2.

use std::fs;

use crate::{incidents, run};

#[test]
fn bad_files_are_reported_and_the_rest_is_ingested() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let input = dir.path().join("in");
    fs::create_dir(&input).unwrap();
    fs::write(
        input.join("a-good.txt"),
        " date 2024-03-12\nGunmen killed at least 12 civilians in Sanakoro on Sunday, a local official said.\n",
    )
    .unwrap();
    // First run: one good file.
    let out = run(&db, &["ingest", input.to_str().unwrap()]);
    assert!(out.status.success());
    assert_eq!(incidents(&db).len(), 1);

    fs::write(input.join("b-empty.txt"), "").unwrap();
    fs::write(input.join("c-binary.txt"), b"\x7fELF\x00\x00binary").unwrap();
    fs::write(input.join("d-latin1.txt"), b"Tomboucto\xe9 attack\n").unwrap();
    let big = vec![b'a'; 50 * 1024 * 1024];
    fs::write(input.join("e-huge.txt"), &big).unwrap();
    fs::write(
        input.join("f-good.txt"),
        " date 2024-05-20\nAn airstrike killed 30 people in Garadji on Friday, witnesses said.\n",
    )
    .unwrap();

    let out = run(&db, &["ingest", input.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "partial run: {err}");
    let warnings: Vec<&str> = err.lines().filter(|l| l.starts_with("warning:")).collect();
    assert_eq!(warnings.len(), 4, "{err}");
    for (file, reason) in [
        ("b-empty.txt", "empty"),
        ("c-binary.txt", "binary"),
        ("d-latin1.txt", "invalid UTF-8"),
        ("e-huge.txt", "too large"),
    ] {
        assert!(warnings.iter().any(|w| w.contains(file) && w.contains(reason)), "no warning for {file}: {err}");
    }
    assert!(!err.contains("panicked"), "{err}");
    // The good files are all there: the old one kept, the new one added.
    let list = incidents(&db);
    assert_eq!(list.len(), 2, "{list:?}");
    assert!(list.iter().any(|i| i["place"] == "Sanakoro"));
    assert!(list.iter().any(|i| i["place"] == "Garadji"));
}

#[test]
fn missing_path_is_a_warning_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let out = run(&db, &["ingest", dir.path().join("nope.txt").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nope.txt"));
}

#[test]
fn a_file_that_is_not_a_database_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("not-a.db");
    fs::write(&db, vec![b'x'; 4096]).unwrap();
    let out = run(&db, &["incidents"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("not-a.db") && err.contains("cannot open"), "{err}");
}

/// Issue 6: a JSON Lines dump with a broken line in the middle: the other lines are ingested,
/// the broken one is named with its line, and the exit code says "partial". Stdin works too.
#[test]
fn jsonl_with_a_broken_line_and_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("j.db");
    let dump = dir.path().join("dump.jsonl");
    std::fs::write(
        &dump,
        "{\"text\": \"Gunmen killed ten civilians in Boni on Sunday, officials said.\", \"published\": \"2022-05-02\"}\n{\"text\": oops}\n{\"body\": \"Soldiers killed five attackers near Gao on Monday, the army said.\", \"published\": \"2022-05-03\"}\n",
    )
    .unwrap();
    let out = crate::run(&db, &["ingest", dump.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("dump.jsonl, line 2: not JSON"), "{err}");
    assert!(err.contains("ingested 2 new"), "{err}");
    // Again: nothing new, nothing lost.
    let again = crate::run(&db, &["ingest", dump.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&again.stderr).contains("0 new, 2 unchanged"));
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .env("CROSSCHECK_GAZETTEER", crate::gazetteer_dir())
        .args(["--db", db.to_str().unwrap(), "ingest", "-"])
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b" date 2022-05-04\nGunmen abducted 20 women near Arbinda on Tuesday.")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let docs = crate::ok(crate::run(&db, &["documents"]));
    assert_eq!(docs.lines().count(), 3, "{docs}");
}

/// Issue 6: a saved HTML page is ingested from its main text, with its date and outlet, and its
/// claims' quotes come from the extracted text.
#[test]
fn an_html_page_is_read_from_its_main_text() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("h.db");
    let page = dir.path().join("page.html");
    std::fs::write(
        &page,
        r#"<!DOCTYPE html><html><head><title>Gunmen kill 12 in Boni</title>
<meta property="og:site_name" content="Sahel Times"><meta property="article:published_time" content="2022-05-02T08:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav><article>
<p>Gunmen on motorcycles attacked the village of Boni in central Mali on Sunday, killing at least 12 civilians, local officials said.</p>
<p>The attackers set fire to the market and several houses before fleeing towards the border with Burkina Faso, a local official said by telephone.</p>
<p>The region has been plagued by jihadist violence since 2015, according to the United Nations mission in the country.</p>
</article><div class="share">Share on Facebook</div></body></html>"#,
    )
    .unwrap();
    crate::ok(crate::run(&db, &["ingest", page.to_str().unwrap()]));
    let incs = crate::incidents(&db);
    let claim = incs
        .iter()
        .flat_map(|i| i["claims"].as_array().unwrap().iter())
        .find(|c| c["figures"]["killed"]["min"] == 12)
        .expect("the toll of the page");
    assert!(claim["quote"].as_str().unwrap().starts_with("Gunmen on motorcycles"));
    assert_eq!(claim["claimant"], "local officials");
    let docs = crate::ok(crate::run(&db, &["documents"]));
    assert!(docs.contains("Sahel Times"), "{docs}");
}

/// Inside a directory, files of other types are skipped with their reason; the run succeeds.
#[test]
fn other_files_in_a_directory_are_skipped_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::write(input.join("a.txt"), "Gunmen killed ten people in Boni on Sunday, officials said.").unwrap();
    std::fs::write(input.join("photo.png"), [0x89, b'P', b'N', b'G', 0, 0]).unwrap();
    let out = crate::run(&dir.path().join("s.db"), &["ingest", input.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("photo.png: not a file type that is read in a directory"), "{err}");
    assert!(err.contains("1 new, 0 unchanged, 1 skipped, 0 failed"), "{err}");
}

/// `--format` reads every input as the format named: an HTML page kept as text.
#[test]
fn a_named_format_is_used_instead_of_detection() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.html");
    std::fs::write(&page, "<html><body><p>Gunmen killed ten people in Boni.</p></body></html>").unwrap();
    let db = dir.path().join("f.db");
    crate::ok(crate::run(&db, &["ingest", "--format", "text", page.to_str().unwrap()]));
    let id = crate::ok(crate::run(&db, &["documents"])).split_whitespace().next().unwrap().to_string();
    assert!(crate::ok(crate::run(&db, &["explain", &id])).contains("<html>"));
    let out = crate::run(&db, &["ingest", "--format", "xlsx", page.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown format \"xlsx\""));
}

/// A reader that closes the pipe early (`crosscheck gazetteer lookup … | head -1`) ends the
/// command quietly and successfully, with no panic on the write that fails.
#[test]
fn a_closed_output_pipe_ends_the_command_without_a_panic() {
    let tmp = tempfile::tempdir().unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .env("CROSSCHECK_GAZETTEER", crate::gazetteer_dir())
        .arg("--db")
        .arg(tmp.path().join("unused.db"))
        .args(["gazetteer", "lookup", "Santa Cruz"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the crosscheck binary runs");
    // Close the reading end before the command writes its dozens of candidate lines.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert!(out.status.success(), "{}: {err}", out.status);
}
