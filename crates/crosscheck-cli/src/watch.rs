//! `crosscheck watch FEED_URL... [--every 10m] [--once]`: poll feeds, ingest new items, relink.
//!
//! Each round fetches every feed with conditional GET (the `ETag` and `Last-Modified` of the last
//! fetch, kept in the store, so a restart does not refetch what was seen). Requests to one host
//! are at least a second apart. A feed that fails is retried after 1, 2, 4 … rounds (at most 32),
//! and the error is kept in the store. A new item is stored and linked in the same round it is
//! fetched.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use anyhow::Result;
use crosscheck_ingest::ReadConfig;
use crosscheck_ingest::fetch::{Client, Fetched};
use crosscheck_ingest::records::{FieldMap, read_bytes};
use crosscheck_nlp::Resources;
use crosscheck_store::{FeedState, SqliteStore, Store};

/// Parse `10m`, `30s`, `1h` or plain seconds.
pub fn parse_every(s: &str) -> Result<Duration, String> {
    let s = s.trim();
    let (num, unit) = s.split_at(s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len()));
    let n: u64 = num.parse().map_err(|_| format!("{s:?} is not a duration (30s, 10m, 1h)"))?;
    let secs = match unit {
        "" | "s" => n,
        "m" => n * 60,
        "h" => n * 3600,
        _ => return Err(format!("{s:?}: unknown unit {unit:?} (s, m, h)")),
    };
    Ok(Duration::from_secs(secs.max(1)))
}

fn host(url: &str) -> String {
    url.split("://").nth(1).unwrap_or(url).split('/').next().unwrap_or("").to_string()
}

fn now() -> String {
    let d = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    chrono::DateTime::from_timestamp(d.as_secs() as i64, 0).map_or_else(String::new, |t| t.to_rfc3339())
}

/// How `watch` polls.
pub struct Options {
    /// Time between rounds.
    pub every: Duration,
    /// One round, then exit.
    pub once: bool,
    /// Read each item's linked page instead of the item.
    pub follow: bool,
    /// Give up on a URL after this long.
    pub timeout: Duration,
    /// Limits for what is read.
    pub read: ReadConfig,
}

/// With `--follow`: each feed item's linked page, fetched and read in its place (the item itself
/// when the page cannot be fetched or read).
pub fn follow(
    client: &Client,
    records: Vec<crosscheck_ingest::records::Record>,
    cfg: &ReadConfig,
) -> Vec<crosscheck_ingest::records::Record> {
    let mut out = Vec::new();
    for rec in records {
        let link = rec
            .result
            .as_ref()
            .ok()
            .and_then(|d| d.meta.source.clone())
            .filter(|s| crosscheck_ingest::fetch::is_url(s));
        let page = link.and_then(|url| match client.get(&url, None, None) {
            Ok(Fetched::Body { bytes, url, .. }) => {
                let recs: Vec<_> = read_bytes(&url, bytes, cfg, &FieldMap::default()).collect();
                recs.iter().all(|r| r.result.is_ok()).then_some(recs)
            }
            Ok(Fetched::NotModified) => None,
            Err(e) => {
                eprintln!("warning: --follow: {e}; keeping the feed item");
                None
            }
        });
        match page {
            Some(recs) => out.extend(recs),
            None => out.push(rec),
        }
    }
    out
}

/// Watch the feeds; with `once`, one round; with `follow_links`, each item's page.
pub fn run(store: &mut SqliteStore, res: &Resources, urls: &[String], opts: &Options) -> Result<()> {
    let Options { every, once, follow: follow_links, timeout, read: ref cfg } = *opts;
    let client = Client::new(timeout, cfg.max_bytes).map_err(anyhow::Error::msg)?;
    let mut last_hit: HashMap<String, Instant> = HashMap::new();
    let mut round: u64 = 0;
    loop {
        let mut added = 0usize;
        for url in urls {
            let mut state = store.feed_state(url)?.unwrap_or(FeedState { url: url.clone(), ..FeedState::default() });
            // Backoff: after k failures, skip until round is a multiple of 2^k (at most 32).
            if state.failures > 0 && !round.is_multiple_of(1u64 << state.failures.min(5)) {
                continue;
            }
            if let Some(t) = last_hit.get(&host(url)) {
                let wait = Duration::from_secs(1).saturating_sub(t.elapsed());
                std::thread::sleep(wait);
            }
            last_hit.insert(host(url), Instant::now());
            state.checked_at = Some(now());
            match client.get(url, state.etag.as_deref(), state.last_modified.as_deref()) {
                Ok(Fetched::NotModified) => {
                    state.failures = 0;
                    state.last_error = None;
                    eprintln!("{url}: not modified");
                }
                Ok(Fetched::Body { bytes, etag, last_modified, url: final_url }) => {
                    let mut summary = crosscheck_server::ingest::IngestSummary::default();
                    let mut records: Vec<_> = read_bytes(&final_url, bytes, cfg, &FieldMap::default()).collect();
                    if follow_links {
                        records = follow(&client, records, cfg);
                    }
                    // A feed's items are read together, as a collection (see `ingest`).
                    let mut reading = crosscheck_server::ingest::Collecting::default();
                    let mut ready = Vec::new();
                    for rec in records {
                        match rec.result {
                            Ok(doc) => ready.extend(reading.read(res, rec.label, doc)),
                            Err(e) => {
                                eprintln!("warning: {e}");
                                summary.failed += 1;
                            }
                        }
                    }
                    ready.extend(reading.finish(res));
                    for (_, doc, claims) in ready {
                        crosscheck_server::ingest::store_claims(store, &doc, &claims, &mut summary)?;
                    }
                    added += summary.added;
                    eprintln!(
                        "{url}: {} new, {} unchanged, {} failed",
                        summary.added, summary.unchanged, summary.failed
                    );
                    state.etag = etag;
                    state.last_modified = last_modified;
                    state.failures = 0;
                    state.last_error = None;
                }
                Err(e) => {
                    state.failures += 1;
                    state.last_error = Some(e.clone());
                    eprintln!("warning: {e} (failure {} in a row)", state.failures);
                }
            }
            store.set_feed_state(&state)?;
        }
        if added > 0 {
            let n = crosscheck_server::ingest::relink_new(store)?;
            eprintln!("{added} new document(s) linked; {n} incidents updated");
        }
        round += 1;
        if once {
            return Ok(());
        }
        std::thread::sleep(every);
    }
}
