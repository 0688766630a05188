//! Issue 4: the gazetteer on disk: import of GeoNames dumps, bad rows, interrupted imports, and
//! geocoded incidents.

use std::path::Path;

use crate::{incidents, ok, run, shared};

fn gz(dir: &Path, args: &[&str]) -> std::process::Output {
    let db = dir.join("unused.db");
    let mut all = vec!["--gazetteer", dir.to_str().unwrap(), "gazetteer"];
    all.extend_from_slice(args);
    run(&db, &all)
}

#[test]
fn a_malformed_row_names_file_and_line_and_the_previous_gazetteer_stays() {
    let tmp = tempfile::tempdir().unwrap();
    let g = tmp.path().join("g");
    let good = tmp.path().join("XX.txt");
    std::fs::write(
        &good,
        "9000001\tNewplace\tNewplace\tNeuplace\t15.1\t-1.5\tP\tPPL\tML\t\t04\t\t\t\t1200\t\t\tAfrica/Bamako\t2024-01-01\n",
    )
    .unwrap();
    ok(gz(&g, &["import", good.to_str().unwrap()]));
    assert!(ok(gz(&g, &["lookup", "Neuplace", "--country", "ML"])).contains("chosen: Newplace (ML, PPL)"));
    let bad = tmp.path().join("YY.txt");
    std::fs::write(&bad, "9000002\tOther\tOther\t\t15.1\t-1.5\tP\tPPL\tML\t\t04\t\t\t\t0\n9000003\tBroken\tBroken\t\tnorth\t-1.5\tP\tPPL\tML\t\t04\t\t\t\t0\n").unwrap();
    let out = gz(&g, &["import", bad.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("YY.txt, line 2") && err.contains("latitude"), "{err}");
    // Nothing of the failed import, everything of the earlier one.
    let info = ok(gz(&g, &["info"]));
    assert!(info.contains("import:") && info.contains("XX.txt") && !info.contains("YY.txt"), "{info}");
    assert!(ok(gz(&g, &["lookup", "Other"])).starts_with("0 candidate"));
    assert!(ok(gz(&g, &["lookup", "Newplace"])).contains("1 candidate"));
}

#[test]
fn imported_villages_are_geocoded_with_admin_levels_and_precision() {
    let Some(shared) = shared() else {
        println!("NOTICE: ../shared is absent; skipping");
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let g = tmp.path().join("g");
    let dumps = shared.join("data/geonames");
    let files: Vec<String> = ["ML.txt", "admin1CodesASCII.txt", "admin2Codes.txt"]
        .iter()
        .map(|f| dumps.join(f).to_string_lossy().to_string())
        .collect();
    let mut args = vec!["import"];
    args.extend(files.iter().map(String::as_str));
    ok(gz(&g, &args));
    // The seed article: datelined Bamako, every incident in Hombori.
    let db = tmp.path().join("seed.db");
    let seed = shared.join("examples/hombori-2022-09-03.txt");
    ok(run(&db, &["--gazetteer", g.to_str().unwrap(), "ingest", seed.to_str().unwrap()]));
    let incs = incidents(&db);
    let sweep = incs.iter().find(|i| i["date"]["start"] == "2022-04-19" && i["contested"] == true).expect("the sweep");
    assert_eq!(sweep["place"], "Hombori");
    assert_eq!(sweep["country"], "Mali");
    assert_eq!(sweep["admin1"], "Mopti");
    assert_eq!(sweep["geo_precision"], 1);
    assert!(sweep["geonames_id"].as_u64().is_some());
    let (lat, lon) = (sweep["lat"].as_f64().unwrap(), sweep["lon"].as_f64().unwrap());
    assert!((lat - 15.28).abs() < 0.1 && (lon + 1.70).abs() < 0.1, "{lat},{lon}");
    // Bamako, the dateline, is not where anything happened.
    assert!(incs.iter().all(|i| i["place"] != "Bamako"));
    // `explain` says why Hombori was chosen.
    let docs = ok(run(&db, &["documents"]));
    let id = docs.split_whitespace().next().unwrap();
    let explain = ok(run(&db, &["--gazetteer", g.to_str().unwrap(), "explain", id]));
    assert!(
        explain
            .lines()
            .any(|l| l.contains("geocode") && l.contains("Hombori (ML, PPL)") && l.contains("country context ML")),
        "{explain}"
    );
}
