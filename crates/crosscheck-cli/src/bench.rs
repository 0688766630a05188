//! `crosscheck bench`: throughput of analyze (all NLP stages and the frame) on one core.
//!
//! It loads the inputs once, runs `analyze` over all of them repeatedly on the calling thread
//! until the minimum time has passed, and reports articles per second and MB per second, the
//! claims found per pass (which must not change between passes), and the process's peak RSS.

use std::fmt::Write;
use std::path::Path;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use crosscheck_model::Document;
use crosscheck_nlp::Resources;

/// Load `.txt` files (a file or a directory, recursively) or the `notes` column of a CSV.
pub fn load(path: &Path) -> Result<Vec<Document>> {
    if path.extension().is_some_and(|e| e == "csv") {
        let text = std::fs::read_to_string(path).with_context(|| format!("{}: cannot read", path.display()))?;
        let notes =
            crate::csv_notes(&text).with_context(|| format!("{}: not a CSV with a notes column", path.display()))?;
        return Ok(notes.into_iter().filter_map(|n| crosscheck_ingest::parse_text(n.as_bytes(), None).ok()).collect());
    }
    let inputs = crosscheck_ingest::collect_paths(&[path.to_path_buf()]);
    if let Some(e) = inputs.errors.into_iter().next() {
        bail!("{e}");
    }
    let docs: Vec<Document> = inputs
        .files
        .iter()
        .filter_map(|f| crosscheck_ingest::read_file(f, &crosscheck_ingest::ReadConfig::default()).ok())
        .collect();
    if docs.is_empty() {
        bail!("{}: no readable .txt articles", path.display());
    }
    Ok(docs)
}

/// Peak resident set size of this process, from /proc (Linux).
pub fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Run the benchmark and describe the result. `load` gives the resources (lexicons, and the
/// gazetteer when one is used); its time is reported as start-up.
pub fn run(docs: &[Document], seconds: f64, load: impl FnOnce() -> Resources) -> String {
    let t0 = Instant::now();
    let res = load();
    let load_ms = t0.elapsed().as_secs_f64() * 1000.0;
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let first: usize =
        docs.iter().map(|d| crosscheck_nlp::analyze_with(d, &res, &crosscheck_nlp::CLAIMS_ONLY).claims.len()).sum();
    let start = Instant::now();
    let mut passes = 0usize;
    while start.elapsed().as_secs_f64() < seconds || passes == 0 {
        let n: usize = docs
            .iter()
            .map(|d| {
                crosscheck_nlp::analyze_with(std::hint::black_box(d), &res, &crosscheck_nlp::CLAIMS_ONLY).claims.len()
            })
            .sum();
        assert_eq!(n, first, "analysis is deterministic");
        passes += 1;
    }
    let secs = start.elapsed().as_secs_f64();
    let articles = (docs.len() * passes) as f64 / secs;
    let mb = (bytes * passes) as f64 / secs / 1e6;
    let mut out = String::new();
    let _ =
        writeln!(out, "inputs:      {} articles, {:.1} KB ({} claims per pass)", docs.len(), bytes as f64 / 1e3, first);
    let _ = writeln!(
        out,
        "start-up:    lexicons{} loaded in {load_ms:.1} ms",
        res.gazetteer
            .as_ref()
            .map(|g| format!(" and gazetteer ({} entries, memory-mapped)", g.len()))
            .unwrap_or_default()
    );
    let _ = writeln!(out, "passes:      {passes} in {secs:.2} s, one thread");
    let _ = writeln!(out, "throughput:  {articles:.0} articles/s, {mb:.2} MB/s per core");
    if let Some(rss) = peak_rss_mb() {
        let _ = writeln!(out, "peak RSS:    {rss:.1} MB");
    }
    out
}

/// `bench-link`: link synthetic claims of each size on one thread; report time, rate, incidents
/// and peak RSS so far, then the cost of adding one more article to the largest set.
pub fn link(sizes: &[usize]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:>10} {:>10} {:>10} {:>10} {:>12} {:>10}",
        "claims", "incidents", "largest", "seconds", "claims/s", "peak RSS"
    );
    let mut last: Option<(Vec<crosscheck_model::Claim>, Vec<crosscheck_model::Incident>)> = None;
    for &n in sizes {
        let claims = crosscheck_link::synth::claims(n);
        eprintln!("generated {n}: peak RSS {:.0} MB", peak_rss_mb().unwrap_or(0.0));
        let t = Instant::now();
        let incidents = crosscheck_link::link(&claims, &[]).incidents;
        let secs = t.elapsed().as_secs_f64();
        let _ = writeln!(
            out,
            "{:>10} {:>10} {:>10} {:>10.2} {:>12.0} {:>9.0}M",
            claims.len(),
            incidents.len(),
            incidents.iter().map(|i| i.claims.len()).max().unwrap_or(0),
            secs,
            claims.len() as f64 / secs,
            peak_rss_mb().unwrap_or(0.0)
        );
        last = Some((claims, incidents));
    }
    if let Some((claims, incidents)) = last {
        // One more article: its claims are those of a new document about an existing incident.
        let mut article: Vec<crosscheck_model::Claim> =
            claims.iter().filter(|c| c.document == claims[claims.len() / 2].document).cloned().collect();
        for c in &mut article {
            c.document = "new-article".into();
            c.id = format!("new-{}", c.id);
        }
        let mut index = crosscheck_link::across::LinkIndex::new(incidents);
        let t = Instant::now();
        let touched = index.add_document(&article);
        let ms = t.elapsed().as_secs_f64() * 1e3;
        let _ = writeln!(
            out,
            "adding one article ({} claims) to {} linked claims: {ms:.2} ms, {} incident(s) touched",
            article.len(),
            claims.len(),
            touched.len()
        );
    }
    out
}

/// `bench-link --store`: the synthetic claims of `n` stored document by document in a temporary
/// SQLite file, then every incident recomputed from the store (`relink`, what `ingest` does
/// for a large batch), then one more article added and linked with its neighbourhood
/// (`relink_new`). Peak RSS is reported after each step.
pub fn link_stored(n: usize) -> Result<String> {
    use crosscheck_server::ingest::{Batch, IngestSummary, relink, relink_new};
    use crosscheck_store::Store as _;
    let dir = tempfile::tempdir()?;
    let mut store = crosscheck_store::SqliteStore::open(&dir.path().join("link.db"))?;
    let mut out = String::new();
    let (mut batch, mut summary) = (Batch::default(), IngestSummary::default());
    let t = Instant::now();
    let mut failed: Option<anyhow::Error> = None;
    let mut sample: Option<Vec<crosscheck_model::Claim>> = None;
    let mut docs = 0usize;
    crosscheck_link::synth::documents(n, |claims| {
        if failed.is_some() || claims.is_empty() {
            return;
        }
        docs += 1;
        if docs == 1000 {
            sample = Some(claims.clone());
        }
        let doc = synthetic_document(&claims[0].document);
        if let Err(e) = batch.push(&mut store, doc.id.clone(), doc, claims, &mut summary) {
            failed = Some(e.into());
        }
    });
    if let Some(e) = failed {
        return Err(e);
    }
    batch.flush(&mut store, &mut summary)?;
    let rss = || peak_rss_mb().map_or("?".into(), |r| format!("{r:.0} MB"));
    let _ = writeln!(
        out,
        "stored {} claims of {docs} documents in {:.1} s; peak RSS {}",
        summary.claims,
        t.elapsed().as_secs_f64(),
        rss()
    );
    let t = Instant::now();
    let incidents = relink(&mut store)?;
    let secs = t.elapsed().as_secs_f64();
    let _ = writeln!(
        out,
        "relinked from the store: {incidents} incidents in {secs:.1} s ({:.0} claims/s); peak RSS {}",
        summary.claims as f64 / secs,
        rss()
    );
    // One more article, then five more: new reports of the sample document's incident. The
    // first pays for SQLite's checkpoint of the bulk write; the others show the steady cost.
    if let Some(sample) = sample {
        let mut runs: Vec<(f64, f64, usize)> = Vec::new();
        for k in 0..6 {
            let doc = synthetic_document(&format!("new-article-{k}"));
            let mut claims = sample.clone();
            for c in &mut claims {
                c.id = format!("new-{k}-{}", c.id);
                c.document = doc.id.clone();
            }
            let t = Instant::now();
            store.add_document(&doc, &claims)?;
            let stored = t.elapsed().as_secs_f64() * 1e3;
            let t = Instant::now();
            let touched = relink_new(&mut store)?;
            runs.push((stored, t.elapsed().as_secs_f64() * 1e3, touched));
        }
        let (stored, linked, touched) = runs[0];
        let _ = writeln!(
            out,
            "one more article ({} claims): stored in {stored:.1} ms, linked in {linked:.1} ms ({touched} incident(s) rewritten); peak RSS {}",
            sample.len(),
            rss()
        );
        let median = |f: fn(&(f64, f64, usize)) -> f64| {
            let mut v: Vec<f64> = runs[1..].iter().map(f).collect();
            v.sort_by(f64::total_cmp);
            v[v.len() / 2]
        };
        let _ = writeln!(
            out,
            "five more, one at a time: median {:.1} ms to store, {:.1} ms to link",
            median(|r| r.0),
            median(|r| r.1)
        );
    }
    Ok(out)
}

/// A stored document for synthetic claims (their spans point into its text).
fn synthetic_document(id: &str) -> Document {
    Document {
        id: id.to_string(),
        text: "Synthetic report.".into(),
        body_start: 0,
        meta: crosscheck_model::DocMeta::default(),
    }
}

/// Background sentences of the kind that fill a conflict report around its facts: context,
/// displacement, access, reactions. Some name figures or events, as real reports do.
const BACKGROUND: [&str; 16] = [
    "The region has been hit by repeated attacks since armed groups spread from the north in 2015.",
    "Humanitarian agencies said access to the area remained difficult because of insecurity.",
    "A spokesman for the regional governor said reinforcements had been sent to the area.",
    "Schools and health centres in the district have been closed for months.",
    "Several families who fled said they had lost their livestock and their harvest.",
    "The United Nations said more than 300,000 people had been displaced in the region this year.",
    "Local leaders called on the authorities to do more to protect civilians.",
    "Witnesses said the gunmen arrived on motorbikes in the early morning.",
    "No group has claimed responsibility for the attack.",
    "The government has declared a state of emergency in several districts.",
    "Aid groups said hundreds of families had fled towards the regional capital.",
    "Residents said soldiers arrived several hours after the attackers had left.",
    "Two of the wounded were taken to the hospital in the regional capital, a medical source said.",
    "Telephone networks in the area have been cut for weeks, which makes information hard to verify.",
    "The country has been ruled by a military government since a coup.",
    "Opposition politicians said the security situation had worsened over the past year.",
];

/// Conflict-affected countries with four towns each (all in the default gazetteer), where the
/// synthetic reports are set.
const SETTINGS: [(&str, [&str; 4]); 12] = [
    ("Mali", ["Mopti", "Gao", "Douentza", "Menaka"]),
    ("Burkina Faso", ["Djibo", "Dori", "Kaya", "Arbinda"]),
    ("Niger", ["Tillaberi", "Diffa", "Tahoua", "Ouallam"]),
    ("Nigeria", ["Maiduguri", "Gusau", "Makurdi", "Jos"]),
    ("Cameroon", ["Bamenda", "Buea", "Kousseri", "Mora"]),
    ("Somalia", ["Baidoa", "Beledweyne", "Kismayo", "Jowhar"]),
    ("Sudan", ["El Fasher", "Geneina", "Nyala", "Kadugli"]),
    ("South Sudan", ["Malakal", "Bor", "Bentiu", "Yei"]),
    ("the Democratic Republic of the Congo", ["Beni", "Butembo", "Bunia", "Goma"]),
    ("Mozambique", ["Pemba", "Montepuez", "Macomia", "Mueda"]),
    ("Ethiopia", ["Gondar", "Dessie", "Nekemte", "Shashemene"]),
    ("Yemen", ["Taiz", "Marib", "Hodeidah", "Aden"]),
];

/// How the synthetic reports are spread.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Spread {
    /// Twelve countries over three years, as a crawl of conflict news is (about 23 reports a
    /// day per country at 100,000 records).
    Countries,
    /// One country (central Mali) within one year: the densest case for linking (274 reports
    /// a day at 100,000 records, all of one area).
    OneCountry,
}

/// Record `i`'s publication date.
fn synthetic_day(i: usize, spread: Spread) -> chrono::NaiveDate {
    let days = if spread == Spread::OneCountry { 365 } else { 3 * 365 };
    chrono::NaiveDate::from_ymd_opt(2022, 1, 1).unwrap_or_default() + chrono::Days::new((i % days) as u64)
}

/// A news-sized synthetic article (about 1.5 KB, like the news-dev articles): an attack with
/// figures, a place and a claimant, the army's account, and background sentences in a varying
/// order.
fn synthetic_article(i: usize, spread: Spread) -> String {
    let (country, towns) = match spread {
        Spread::OneCountry => ("central Mali", SETTINGS[0].1),
        Spread::Countries => SETTINGS[i % SETTINGS.len()],
    };
    let p = format!("the village of Sanga{} near {}", i % 300, towns[(i / SETTINGS.len()) % towns.len()]);
    let mut s = format!(
        "Gunmen killed {} civilians in {p}, {country}, on Sunday, local officials said, in the latest attack on villages in the region. ",
        3 + i % 40
    );
    s.push_str(&format!("The army said on Monday it had killed {} attackers in an operation near {p}. ", 2 + i % 17));
    for k in 0..12 {
        s.push_str(BACKGROUND[(i + k * 5) % BACKGROUND.len()]);
        s.push(' ');
    }
    s
}

/// `bench-ingest`: parse + store, and parse + store + analyze + link, for synthetic HTML pages
/// (one file each) and one JSON Lines file, written to a temporary directory and read back the
/// way `ingest` reads them, into a temporary SQLite file, on one thread. Each line reports the
/// peak RSS so far, so that the JSON Lines lines show whether reading streams.
pub fn ingest(html: usize, jsonl: usize, spread: Spread, res: &Resources) -> Result<String> {
    use crosscheck_ingest::ReadConfig;
    use crosscheck_ingest::records::{FieldMap, read_input};
    use crosscheck_store::SqliteStore;
    use std::io::Write as _;
    let dir = tempfile::tempdir()?;
    let cfg = ReadConfig::default();
    let map = FieldMap::default();
    let day = |i: usize| synthetic_day(i, spread);
    let pages_dir = dir.path().join("pages");
    std::fs::create_dir(&pages_dir)?;
    let mut pages = Vec::with_capacity(html);
    for i in 0..html {
        let p = pages_dir.join(format!("page-{i:06}.html"));
        std::fs::write(
            &p,
            format!(
                "<!DOCTYPE html><html><head><title>Attack {i}</title><meta property=\"og:site_name\" content=\"Wire\"><meta property=\"article:published_time\" content=\"{}\"></head><body><nav>Home World</nav><article><p>{}</p></article><footer>Share</footer></body></html>",
                day(i),
                synthetic_article(i, spread)
            ),
        )?;
        pages.push(p);
    }
    let mut dumps = Vec::new();
    if jsonl > 0 {
        let p = dir.path().join("dump.jsonl");
        let mut w = std::io::BufWriter::new(std::fs::File::create(&p)?);
        for i in 0..jsonl {
            let rec = serde_json::json!({"text": synthetic_article(i + html, spread), "published": day(i).to_string(), "url": format!("https://x/{i}")});
            writeln!(w, "{rec}")?;
        }
        w.flush()?;
        dumps.push(p);
    }
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<34} {:>9} {:>9} {:>11} {:>9} {:>14}",
        "run", "documents", "seconds", "documents/s", "MB/s", "peak RSS (MB)"
    );
    for (name, full) in [("parse + store", false), ("parse + store + analyze + link", true)] {
        for (kind, inputs) in [("HTML pages", &pages), ("JSON Lines", &dumps)] {
            if inputs.is_empty() {
                continue;
            }
            let db = dir.path().join(format!("{name}-{kind}.db").replace(' ', "_"));
            let mut store = SqliteStore::open(&db)?;
            let bytes: u64 = inputs.iter().map(|p| std::fs::metadata(p).map_or(0, |m| m.len())).sum();
            let t = Instant::now();
            let mut n = 0usize;
            let (mut analysing, mut storing) = (0.0, 0.0);
            let mut batch = crosscheck_server::ingest::Batch::default();
            let mut summary = crosscheck_server::ingest::IngestSummary::default();
            // As `crosscheck ingest` reads: a collection.
            let mut reading = crosscheck_server::ingest::Collecting::default();
            for p in inputs.iter() {
                for rec in read_input(p, &cfg, &map) {
                    let doc = rec.result?;
                    let a = Instant::now();
                    let ready =
                        if full { reading.read(res, rec.label, doc) } else { vec![(rec.label, doc, Vec::new())] };
                    let b = Instant::now();
                    for (label, doc, claims) in ready {
                        batch.push(&mut store, label, doc, claims, &mut summary)?;
                    }
                    analysing += (b - a).as_secs_f64();
                    storing += b.elapsed().as_secs_f64();
                    n += 1;
                }
            }
            let a = Instant::now();
            let ready = reading.finish(res);
            let b = Instant::now();
            for (label, doc, claims) in ready {
                batch.push(&mut store, label, doc, claims, &mut summary)?;
            }
            batch.flush(&mut store, &mut summary)?;
            analysing += (b - a).as_secs_f64();
            storing += b.elapsed().as_secs_f64();
            let mut linking = String::new();
            if full {
                let l = Instant::now();
                let incidents = crosscheck_server::ingest::relink(&mut store)?;
                linking = format!(
                    "  ({} claims, {incidents} incidents; analysis {analysing:.1} s, storing {storing:.1} s, linking {:.1} s)",
                    summary.claims,
                    l.elapsed().as_secs_f64()
                );
            }
            let secs = t.elapsed().as_secs_f64();
            let _ = writeln!(
                out,
                "{:<34} {:>9} {:>9.2} {:>11.0} {:>9.2} {:>14}{linking}",
                format!("{name}, {kind}"),
                n,
                secs,
                n as f64 / secs,
                bytes as f64 / secs / 1e6,
                peak_rss_mb().map_or("?".into(), |r| format!("{r:.0}"))
            );
        }
    }
    Ok(out)
}
