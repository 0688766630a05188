//! Scores are snapshots too (after vaporetto's `evaluate`): each dev set's human summary is
//! committed, so a change in extraction quality shows up as a diff in review. The data sets are
//! read from `../shared/data`; a test prints a notice and checks nothing when its set is absent.
//! See: issue #3.

use std::path::{Path, PathBuf};

use crosscheck_eval::Scores;
use crosscheck_nlp::Resources;

fn data(rel: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data").join(rel);
    if p.exists() {
        Some(p)
    } else {
        println!("NOTICE: {} is absent; skipping", p.display());
        None
    }
}

/// The lexicons with the default gazetteer, as `crosscheck eval` runs them (the index is built
/// once under the target directory).
fn resources() -> Resources {
    static RES: std::sync::OnceLock<Resources> = std::sync::OnceLock::new();
    RES.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("gazetteer-default");
        let (g, _) = crosscheck_ingest::gazetteer::open(&dir).expect("the default gazetteer opens");
        Resources::builtin().with_gazetteer(g)
    })
    .clone()
}

fn snapshot(name: &str, scores: Scores) {
    // Every metric is a ratio in [0, 1] with a non-empty denominator (distances aside).
    for (k, m) in &scores.metrics {
        assert!(k.ends_with("km_median") || (0.0..=1.0).contains(&m.value), "{k} = {}", m.value);
        assert!(m.total > 0, "{k} has no denominator");
    }
    insta::assert_snapshot!(name, scores.table());
}

#[test]
fn news_dev() {
    let Some(p) = data("news-dev") else { return };
    snapshot("news_dev", crosscheck_eval::news::evaluate(&p, &resources()).unwrap());
}

#[test]
fn acled_mali() {
    let Some(p) = data("acled-mali/acled_mali_1997_2020_dyadic.csv") else { return };
    snapshot("acled_mali", crosscheck_eval::acled::evaluate(&p, &resources()).unwrap());
}

#[test]
fn acled_burkina_faso() {
    let Some(p) = data("acled-burkina-faso") else { return };
    snapshot("acled_burkina_faso", crosscheck_eval::acled::evaluate(&p, &resources()).unwrap());
}

#[test]
fn ucdp_aec_dev() {
    let Some(p) = data("ucdp-aec-dev/validation.jsonl") else { return };
    snapshot("ucdp_aec_dev", crosscheck_eval::ucdp::evaluate(&p, &resources()).unwrap());
}

#[test]
fn case2021() {
    let Some(p) = data("case2021-task2-event-types") else { return };
    snapshot("case2021", crosscheck_eval::case2021::evaluate(&p, &resources()).unwrap());
}

#[test]
fn india_police_events() {
    let Some(p) = data("india-police-events") else { return };
    snapshot("india_police_events", crosscheck_eval::police::evaluate(&p, &resources()).unwrap());
}

#[test]
fn tempeval3() {
    let Some(p) = data("tempeval3-tbaq") else { return };
    snapshot("tempeval3", crosscheck_eval::timex::evaluate(&p, &resources()).unwrap());
}

#[test]
fn a_folder_of_another_layout_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let err = crosscheck_eval::news::evaluate(dir.path(), &resources()).expect_err("not a news folder");
    assert!(err.to_string().contains("docs.jsonl"), "{err}");
    let csv = dir.path().join("x.csv");
    std::fs::write(&csv, "a,b\n1,2\n").unwrap();
    let err = crosscheck_eval::acled::evaluate(&csv, &resources()).expect_err("not an ACLED export");
    assert!(err.to_string().contains("event_id_cnty"), "{err}");
}

#[test]
fn acled_mali_with_the_geonames_dumps_imported() {
    let (Some(p), Some(dumps)) = (data("acled-mali/acled_mali_1997_2020_dyadic.csv"), data("geonames")) else { return };
    let dir = tempfile::tempdir().unwrap();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dumps)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    crosscheck_ingest::gazetteer::import(dir.path(), &files, &mut |_| {}).unwrap();
    let (g, _) = crosscheck_ingest::gazetteer::open(dir.path()).unwrap();
    let res = Resources::builtin().with_gazetteer(g);
    snapshot("acled_mali_geonames", crosscheck_eval::acled::evaluate(&p, &res).unwrap());
}

#[test]
fn geoparsing_resolution_given_spans() {
    for (name, file) in [
        ("geo_gwn", "GeoWebNews_GWN.xml"),
        ("geo_lgl", "lgl.xml"),
        ("geo_trnews", "TR-News.xml"),
        ("geo_geovirus", "GeoVirus.xml"),
    ] {
        let Some(p) = data(&format!("geoparsing/{file}")) else { return };
        snapshot(name, crosscheck_eval::geo::evaluate(&p, &resources(), false).unwrap());
    }
}

#[test]
fn geoparsing_end_to_end_on_lgl() {
    let Some(p) = data("geoparsing/lgl.xml") else { return };
    snapshot("geo_lgl_end_to_end", crosscheck_eval::geo::evaluate(&p, &resources(), true).unwrap());
}
