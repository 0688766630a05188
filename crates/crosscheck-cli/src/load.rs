//! `crosscheck bench-serve`: the real server over loopback, with a store of synthetic incidents
//! while an ingest writes to it, under an open-loop load of typical `/api/incidents` queries.
//! Reports latency percentiles at the offered rate.

use std::fmt::Write as _;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::Result;
use crosscheck_model::{Claim, DocMeta, Document};
use crosscheck_store::{SqliteStore, Store};

/// Synthetic documents of about three claims each, shaped like news reporting.
fn documents(claims: Vec<Claim>) -> Vec<(Document, Vec<Claim>)> {
    let mut out: Vec<(Document, Vec<Claim>)> = Vec::new();
    for c in claims {
        match out.last_mut() {
            Some((d, cs)) if d.id == c.document => cs.push(c),
            _ => {
                let place = c.place.as_ref().map_or("", |p| p.name.as_str());
                let text = format!("Report {}: gunmen attacked {place}; officials gave figures.", c.document);
                let doc = Document { id: c.document.clone(), text, body_start: 0, meta: DocMeta::default() };
                out.push((doc, vec![c]));
            }
        }
    }
    for (d, cs) in &mut out {
        for c in cs.iter_mut() {
            c.quote = d.text.clone();
            c.span = crosscheck_model::Span::new(0, d.text.len());
        }
    }
    out
}

/// Run the load benchmark: `incidents` in the store, `rate` requests a second for `seconds`.
/// With `keep`, the store is written there and kept (to look at it with `serve` afterwards).
pub fn run(
    incidents: usize,
    rate: u32,
    seconds: u64,
    keep: Option<&std::path::Path>,
    res: crosscheck_nlp::Resources,
) -> Result<String> {
    let dir = tempfile::tempdir()?;
    let db = keep.map_or_else(|| dir.path().join("load.db"), std::path::Path::to_path_buf);
    if db.exists() {
        anyhow::bail!("{}: exists; bench-serve writes a new store", db.display());
    }
    let mut out = String::new();
    // The store: one incident per synthetic document (its own claims linked), written as ingest
    // writes them.
    let t = Instant::now();
    let docs = documents(crosscheck_link::synth::claims(incidents * 2));
    let mut store = SqliteStore::open(&db)?;
    let mut all = Vec::new();
    let mut linked = Vec::new();
    for (doc, claims) in docs.iter() {
        if all.len() >= incidents {
            break;
        }
        store.add_document(doc, claims)?;
        linked.push(doc.id.clone());
        for i in crosscheck_link::build_incidents(claims) {
            let features = crosscheck_link::across::Features::of(&i).encode();
            all.push((i, Some(features)));
        }
    }
    store.replace_incidents_of(&[], &all, &linked)?;
    let _ = writeln!(out, "store: {} incidents, built in {:.1} s", all.len(), t.elapsed().as_secs_f64());
    let countries: Vec<String> = {
        let mut c: Vec<String> = all.iter().filter_map(|(i, _)| i.country.clone()).collect();
        c.sort();
        c.dedup();
        c
    };
    drop(all);
    // One more article about an existing incident, stored and linked incrementally (three times:
    // the first write after the bulk load also checkpoints the write-ahead log).
    for k in 0..3 {
        let Some((doc, claims)) = docs.get(docs.len() / 2 + k * 1000) else { break };
        let id = format!("extra-{}", doc.id);
        let d = Document { id: id.clone(), ..doc.clone() };
        let claims: Vec<Claim> =
            claims.iter().map(|c| Claim { document: id.clone(), id: format!("extra-{}", c.id), ..c.clone() }).collect();
        let t = Instant::now();
        store.add_document(&d, &claims)?;
        let stored = t.elapsed().as_secs_f64() * 1000.0;
        let n = crosscheck_server::ingest::relink_new(&mut store)?;
        let _ = writeln!(
            out,
            "one more article: stored in {stored:.1} ms, linked in {:.1} ms ({n} incidents of its neighbourhood rewritten)",
            t.elapsed().as_secs_f64() * 1000.0 - stored
        );
    }
    // The server, on its own runtime.
    let state = Arc::new(crosscheck_server::AppState::new(db.clone(), Arc::new(res), false)?);
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    let listener = rt.block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))?;
    let base = format!("http://{}", listener.local_addr()?);
    rt.spawn(crosscheck_server::serve_on(listener, state));
    // An ingest writing meanwhile: new documents, one transaction each.
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (stop, db) = (stop.clone(), db.clone());
        let extra = documents(crosscheck_link::synth::claims(incidents * 3)).split_off(docs.len());
        std::thread::spawn(move || -> usize {
            let Ok(mut store) = SqliteStore::open(&db) else { return 0 };
            let mut n = 0;
            for (doc, claims) in extra {
                if stop.load(Ordering::Relaxed) {
                    break;
                }
                let mut d = doc;
                d.id = format!("ingest-{}", d.id);
                let claims: Vec<Claim> = claims
                    .into_iter()
                    .map(|c| Claim { document: d.id.clone(), id: format!("ingest-{}", c.id), ..c })
                    .collect();
                if store.add_document(&d, &claims).is_ok() {
                    n += 1;
                }
            }
            n
        })
    };
    // Typical filters of an analyst's page.
    let queries: Vec<String> = (0..64)
        .map(|k| {
            let c = &countries[k % countries.len().max(1)];
            match k % 8 {
                0 => format!("country={c}"),
                1 => format!("country={c}&type=violence_against_civilians"),
                2 => format!("from=2022-0{}-01&to=2022-0{}-28", 1 + k % 8, 1 + k % 8),
                3 => "contested=true&sort=-killed".to_string(),
                4 => format!("bbox={},{},{},{}", -10 + (k as i32 % 5) * 8, -20, 6 + (k as i32 % 5) * 8, 10),
                5 => format!("country={c}&grade=single_source&limit=100"),
                6 => format!("q=place-{}&limit=20", 1 + k * 37),
                _ => "sort=-killed&limit=50".to_string(),
            }
        })
        .collect();
    let total = rate as u64 * seconds;
    let workers = 32u64;
    let latencies = Arc::new(Mutex::new(Vec::with_capacity(total as usize)));
    let errors = Arc::new(Mutex::new(0usize));
    let start = Instant::now() + Duration::from_millis(200);
    let threads: Vec<_> = (0..workers)
        .map(|w| {
            let (latencies, errors, queries, base) = (latencies.clone(), errors.clone(), queries.clone(), base.clone());
            std::thread::spawn(move || {
                let http =
                    reqwest::blocking::Client::builder().timeout(Duration::from_secs(10)).build().expect("client");
                // Open loop: request k is due at start + k / rate, whatever happened before.
                let mut k = w;
                while k < total {
                    let due = start + Duration::from_secs_f64(k as f64 / rate as f64);
                    if let Some(wait) = due.checked_duration_since(Instant::now()) {
                        std::thread::sleep(wait);
                    }
                    let url = format!("{base}/api/incidents?{}", queries[k as usize % queries.len()]);
                    let ok = http.get(&url).send().and_then(|r| r.error_for_status()).and_then(|r| r.bytes()).is_ok();
                    // Latency from when the request was due, so queueing counts.
                    let ms = due.elapsed().as_secs_f64() * 1000.0;
                    if ok {
                        latencies.lock().map(|mut l| l.push((ms, k as usize % 8))).ok();
                    } else {
                        errors.lock().map(|mut e| *e += 1).ok();
                    }
                    k += workers;
                }
            })
        })
        .collect();
    for t in threads {
        let _ = t.join();
    }
    stop.store(true, Ordering::Relaxed);
    let ingested = writer.join().unwrap_or(0);
    let timed = latencies.lock().map(|l| l.clone()).unwrap_or_default();
    let kind_p99 = |kind: usize| {
        let mut v: Vec<f64> = timed.iter().filter(|t| t.1 == kind).map(|t| t.0).collect();
        v.sort_by(f64::total_cmp);
        v.get(((v.len() as f64 * 0.99) as usize).min(v.len().saturating_sub(1))).copied().unwrap_or(f64::NAN)
    };
    let mut l: Vec<f64> = timed.iter().map(|t| t.0).collect();
    l.sort_by(f64::total_cmp);
    let pct =
        |p: f64| l.get(((l.len() as f64 * p) as usize).min(l.len().saturating_sub(1))).copied().unwrap_or(f64::NAN);
    let achieved = l.len() as f64 / start.elapsed().as_secs_f64();
    let _ = writeln!(
        out,
        "GET /api/incidents (8 typical filter mixes), {rate} req/s offered for {seconds} s, {} ok, {} errors, {achieved:.0} req/s served",
        l.len(),
        errors.lock().map(|e| *e).unwrap_or(0)
    );
    let _ = writeln!(
        out,
        "latency ms: p50 {:.1}  p90 {:.1}  p99 {:.1}  max {:.1}   (while an ingest stored {ingested} documents)",
        pct(0.50),
        pct(0.90),
        pct(0.99),
        l.last().copied().unwrap_or(f64::NAN)
    );
    let kinds = [
        "country",
        "country+type",
        "date window",
        "contested by killed",
        "bbox",
        "country+grade, 100 rows",
        "text search (one place)",
        "all by killed",
    ];
    let per: Vec<String> = kinds.iter().enumerate().map(|(k, name)| format!("{name} {:.0}", kind_p99(k))).collect();
    let _ = writeln!(out, "p99 by query, ms: {}", per.join(", "));
    let _ = writeln!(out, "peak RSS: {:.0} MB", crate::bench::peak_rss_mb().unwrap_or(0.0));
    rt.shutdown_timeout(Duration::from_secs(1));
    Ok(out)
}
