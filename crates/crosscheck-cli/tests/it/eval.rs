//! The `crosscheck eval --json` contract of issue #3: the metric names scripts rely on.

use crate::{ok, run, shared};

fn keys(args: &[&str]) -> Option<serde_json::Value> {
    let shared = shared()?;
    let dir = tempfile::tempdir().unwrap();
    let mut full: Vec<String> = vec!["eval".into(), "--json".into()];
    full.extend(args.iter().map(|a| a.replace("$SHARED", shared.to_str().unwrap())));
    let refs: Vec<&str> = full.iter().map(String::as_str).collect();
    let out = ok(run(&dir.path().join("unused.db"), &refs));
    Some(serde_json::from_str(&out).expect("one JSON object"))
}

fn has_all(v: &serde_json::Value, names: &[&str]) {
    for n in names {
        let x = v[*n].as_f64().unwrap_or_else(|| panic!("missing metric {n} in {v}"));
        assert!((0.0..=1.0).contains(&x), "{n} = {x}");
    }
}

#[test]
fn news_json_has_the_issue_3_keys() {
    let Some(v) = keys(&["$SHARED/data/news-dev"]) else { return };
    has_all(
        &v,
        &[
            "claims.precision",
            "claims.recall",
            "claims.f1",
            "claimant_match",
            "killed_exact",
            "denials.precision",
            "denials.recall",
            "incident.date_exact",
            "incident.country",
            "incident.place",
            "incident.event_type",
        ],
    );
}

#[test]
fn acled_and_ucdp_json_have_the_issue_3_keys() {
    let Some(v) = keys(&["--format", "acled", "$SHARED/data/acled-mali/acled_mali_1997_2020_dyadic.csv"]) else {
        return;
    };
    has_all(
        &v,
        &[
            "event_type.accuracy",
            "sub_event_type.accuracy",
            "fatalities.exact",
            "date.exact",
            "admin1.accuracy",
            "location.match",
        ],
    );
    let Some(v) = keys(&["--format", "ucdp-aec", "$SHARED/data/ucdp-aec-dev/validation.jsonl"]) else { return };
    has_all(&v, &["deaths.within_range", "start_date.exact", "adm1.match"]);
}

#[test]
fn errors_lists_misses_with_text_expected_and_got() {
    let Some(shared) = shared() else { return };
    let dir = tempfile::tempdir().unwrap();
    let out =
        ok(run(&dir.path().join("u.db"), &["eval", "--errors", "3", shared.join("data/news-dev").to_str().unwrap()]));
    assert_eq!(out.matches("\n  expected: ").count(), 3, "{out}");
    assert_eq!(out.matches("\n  got: ").count(), 3, "{out}");
}

#[test]
fn an_unknown_format_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(&dir.path().join("u.db"), &["eval", "--format", "nope", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown format"));
}

#[test]
fn bench_reports_rates_per_core_without_timing_assertions() {
    let dir = tempfile::tempdir().unwrap();
    let demo = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("demo");
    let out = ok(run(&dir.path().join("u.db"), &["bench", demo.to_str().unwrap(), "--seconds", "0.05"]));
    assert!(out.contains("12 articles"), "{out}");
    assert!(out.contains("articles/s") && out.contains("MB/s per core"), "{out}");
    let err = run(&dir.path().join("u.db"), &["bench", dir.path().join("nothing-here").to_str().unwrap()]);
    assert_eq!(err.status.code(), Some(1));
}
