//! Integration tests of the `crosscheck` binary: one test binary, modules by topic.
//! Every test runs the real binary against a real SQLite file in a temporary directory.

mod bad_input;
mod browser;
mod contract;
mod crash;
mod demo;
mod eval;
mod gazetteer;
mod hostile;
mod manifest;
mod seed;
mod watch;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The default gazetteer's index for the tests: built once under the target directory.
pub fn gazetteer_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("gazetteer-default")
}

/// Run `crosscheck --db DB ARGS…`.
pub fn run(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .env("CROSSCHECK_GAZETTEER", gazetteer_dir())
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("the crosscheck binary runs")
}

/// Stdout as a string; panics with stderr when the command failed.
pub fn ok(out: Output) -> String {
    assert!(out.status.success(), "command failed: {}\n{}", out.status, String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8 output")
}

/// `../shared`, next to the repository root, when present.
pub fn shared() -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../..");
    let p = root.join("shared");
    p.is_dir().then_some(p)
}

/// `incidents --json` parsed.
pub fn incidents(db: &Path) -> Vec<serde_json::Value> {
    let out = ok(run(db, &["incidents", "--json"]));
    serde_json::from_str::<serde_json::Value>(&out).expect("valid JSON").as_array().expect("an array").clone()
}
