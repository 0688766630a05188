//! Issue 6, "never lose, never duplicate": a real `crosscheck ingest` over many documents is
//! killed with SIGKILL at several points, then run again to the end. The store must pass its
//! integrity check, hold every input document exactly once, and have no orphaned claim.

use std::process::{Command, Stdio};
use std::time::Duration;

use crate::ok;

#[test]
fn killed_ingests_lose_and_duplicate_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    let n = 1200;
    for i in 0..n {
        let text = format!(
            " date 2022-{:02}-{:02}\nGunmen killed {} civilians in the village of Place{i} on Sunday, officials said. The army said it killed {} attackers.",
            1 + i % 12,
            1 + i % 28,
            3 + i % 40,
            1 + i % 17
        );
        std::fs::write(inputs.join(format!("{i:05}.txt")), text).unwrap();
    }
    let db = dir.path().join("crash.db");
    let ingest = || {
        Command::new(env!("CARGO_BIN_EXE_crosscheck"))
            .args(["--no-gazetteer", "--db", db.to_str().unwrap(), "ingest", inputs.to_str().unwrap()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the binary runs")
    };
    // Kill at points spread over the run (fixed, so the test is repeatable).
    let mut counts = Vec::new();
    for ms in [150u64, 700, 1300, 2100] {
        let mut child = ingest();
        std::thread::sleep(Duration::from_millis(ms));
        let _ = child.kill(); // SIGKILL on Unix
        let _ = child.wait();
        let docs = ok(crate::run(&db, &["--no-gazetteer", "documents"]));
        counts.push(docs.lines().count());
    }
    assert!(counts.iter().any(|c| *c < n), "a kill interrupted an ingest: {counts:?}");
    let status = ingest().wait().unwrap();
    assert!(status.success(), "the final run completes");
    let verify = ok(crate::run(&db, &["--no-gazetteer", "verify"]));
    assert!(verify.starts_with(&format!("ok: {n} documents")), "{verify}");
    // Once more: nothing new.
    let again = crate::run(&db, &["--no-gazetteer", "ingest", inputs.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&again.stderr).contains(&format!("0 new, {n} unchanged")));
}
