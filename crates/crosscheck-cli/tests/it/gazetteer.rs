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

/// A gazetteer with invented places imported: Ulvessi, a hamlet in two regions of Mali; Quendara,
/// a town in Mali and in Ghana; Tarbonil, a town of one region.
fn invented_gazetteer(tmp: &Path) -> std::path::PathBuf {
    let g = tmp.join("g");
    let rows = [
        "9100001\tUlvessi\tUlvessi\t\t13.4\t-10.0\tP\tPPL\tML\t\t03\t\t\t\t0",
        "9100002\tUlvessi\tUlvessi\t\t15.0\t-2.2\tP\tPPL\tML\t\t04\t\t\t\t0",
        "9100003\tTarbonil\tTarbonil\t\t14.8\t-2.9\tP\tPPL\tML\t\t04\t\t\t\t5000",
        "9100004\tQuendara\tQuendara\t\t14.1\t-3.1\tP\tPPL\tML\t\t04\t\t\t\t3000",
        "9100005\tQuendara\tQuendara\t\t7.0\t-1.0\tP\tPPL\tGH\t\t02\t\t\t\t40000",
    ];
    let dump = tmp.join("ZZ.txt");
    std::fs::write(&dump, rows.join("\n") + "\n").unwrap();
    ok(gz(&g, &["import", dump.to_str().unwrap()]));
    g
}

/// Five reports of Tarbonil, Mali, one of Ulvessi, Mali, and one of Quendara naming no country.
fn invented_reports() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = (0..5)
        .map(|k| {
            (
                format!("tarbonil-{k}"),
                format!("On {} May 2024, gunmen killed {} soldiers in Tarbonil, Mali.", k + 1, k + 2),
            )
        })
        .collect();
    out.push(("ulvessi".into(), "On 9 May 2024, gunmen killed three herders in Ulvessi, Mali.".into()));
    out.push(("quendara".into(), "On 14 May 2024, gunmen killed two traders in Quendara.".into()));
    out
}

/// The incident at `name`.
fn incident_at(db: &Path, name: &str) -> serde_json::Value {
    incidents(db).into_iter().find(|i| i["place"] == name).unwrap_or_else(|| panic!("an incident at {name}"))
}

/// `ingest` reads its inputs as a collection: a report that names no country takes the one
/// most of the others are set in, and a hamlet two regions share goes to the region the others
/// were placed in. The same reports ingested alone stay unplaced or go to the first entry.
#[test]
fn an_ingest_places_its_reports_by_the_collection_they_arrive_in() {
    let tmp = tempfile::tempdir().unwrap();
    let g = invented_gazetteer(tmp.path());
    let docs = tmp.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    for (name, text) in invented_reports() {
        std::fs::write(docs.join(format!("{name}.txt")), text + "\n").unwrap();
    }
    let (ulvessi, quendara) = (docs.join("ulvessi.txt"), docs.join("quendara.txt"));
    let gzt = g.to_str().unwrap();
    let alone = tmp.path().join("alone.db");
    ok(run(&alone, &["--gazetteer", gzt, "ingest", ulvessi.to_str().unwrap()]));
    ok(run(&alone, &["--gazetteer", gzt, "ingest", quendara.to_str().unwrap()]));
    assert_eq!(incident_at(&alone, "Ulvessi")["admin1"], "Kayes", "a tie goes to the first entry");
    assert!(incident_at(&alone, "Quendara")["lat"].is_null(), "Quendara of Mali or of Ghana");
    let together = tmp.path().join("together.db");
    let out = run(&together, &["--gazetteer", gzt, "ingest", docs.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&ok_stderr(out)).contains("ingested 7 new"));
    assert_eq!(incident_at(&together, "Ulvessi")["admin1"], "Mopti");
    let q = incident_at(&together, "Quendara");
    assert_eq!((q["country"].as_str(), q["admin1"].as_str()), (Some("Mali"), Some("Mopti")));
    // `--alone` reads each one by itself.
    let each = tmp.path().join("each.db");
    ok(run(&each, &["--gazetteer", gzt, "ingest", "--alone", docs.to_str().unwrap()]));
    assert_eq!(incident_at(&each, "Ulvessi")["admin1"], "Kayes");
    assert!(incident_at(&each, "Quendara")["lat"].is_null());
}

/// `watch` reads the items of a feed it fetches together, as `ingest` reads its inputs.
#[test]
fn watch_reads_a_feed_s_items_as_a_collection() {
    use std::io::{BufRead, BufReader, Write};
    let tmp = tempfile::tempdir().unwrap();
    let g = invented_gazetteer(tmp.path());
    let items: String = invented_reports()
        .into_iter()
        .map(|(name, text)| format!("<item><title>{name}</title><link>http://wire.example/{name}</link><description>{text}</description></item>"))
        .collect();
    let feed =
        format!(r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>{items}</channel></rss>"#);
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/feed.xml", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            while reader.read_line(&mut line).unwrap_or(0) > 0 && line != "\r\n" {
                line.clear();
            }
            let mut s = stream;
            let _ = write!(s, "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: {}\r\n\r\n{feed}", feed.len());
        }
    });
    let db = tmp.path().join("w.db");
    ok(run(&db, &["--gazetteer", g.to_str().unwrap(), "watch", "--once", &url]));
    assert_eq!(incident_at(&db, "Ulvessi")["admin1"], "Mopti");
    assert_eq!(incident_at(&db, "Quendara")["country"], "Mali");
}

/// Stderr of a command that succeeded.
fn ok_stderr(out: std::process::Output) -> Vec<u8> {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    out.stderr
}
