//! `crosscheck`: the one binary.
//!
//! Exit codes: 0 success; 1 error (nothing done); 2 partial (some inputs failed, the rest stored).

/// `print!` to standard output that ends the process quietly when the reader has gone
/// (`crosscheck incidents | head`), instead of panicking as `print!` does.
macro_rules! out {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        if let Err(e) = write!(std::io::stdout(), $($t)*) {
            $crate::stdout_failed(e);
        }
    }};
}

/// [`out!`] with a line end, for `println!`.
macro_rules! outln {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        if let Err(e) = writeln!(std::io::stdout(), $($t)*) {
            $crate::stdout_failed(e);
        }
    }};
}

mod bench;
mod demo;
mod gazetteer;
mod load;
mod render;
mod watch;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};
use crosscheck_ingest::{ReadConfig, collect_paths};
use crosscheck_nlp::Resources;
use crosscheck_store::{SqliteStore, Store};

/// Cross-checked incidents from conflict reporting: every figure tied to who says it.
#[derive(Parser)]
#[command(name = "crosscheck", version, about)]
struct Cli {
    /// SQLite database file [default: ./crosscheck.db; for `demo`, ./crosscheck-demo.db].
    #[arg(long, global = true)]
    db: Option<PathBuf>,
    /// Gazetteer directory [default: $CROSSCHECK_GAZETTEER, else ~/.local/share/crosscheck/gazetteer].
    #[arg(long, global = true, value_name = "DIR")]
    gazetteer: Option<PathBuf>,
    /// Do not geocode (places keep their names, without coordinates).
    #[arg(long, global = true)]
    no_gazetteer: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Ingest articles and recompute incidents: plain text, JSON Lines dumps, `.gz` files,
    /// directories (recursively), or `-` for stdin.
    Ingest {
        /// Files, directories, or `-`.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Refuse files larger than this many bytes (after decompression).
        #[arg(long, default_value_t = ReadConfig::default().max_bytes)]
        max_bytes: u64,
        /// JSON Lines field mapping, e.g. `text=body,published=date` (fields: text, url, title,
        /// published, outlet, language).
        #[arg(long, value_name = "SPEC")]
        map: Option<String>,
        /// Read at most this many records (lines, rows, feed items, archive files) per input.
        #[arg(long, default_value_t = ReadConfig::default().max_records)]
        max_records: usize,
        /// Refuse compressed input (gzip, zip) that expands beyond this many times its size.
        #[arg(long, default_value_t = ReadConfig::default().max_ratio)]
        max_ratio: u64,
        /// Read every input as this format instead of detecting it: text, html, jsonl, csv
        /// (ACLED or UCDP GED export), feed.
        #[arg(long, value_name = "FORMAT")]
        format: Option<crosscheck_ingest::records::Format>,
        /// For feeds: fetch each item's linked page and read it instead of the item's summary.
        #[arg(long)]
        follow: bool,
        /// Give up on a URL after this many seconds.
        #[arg(long, default_value_t = 20)]
        timeout: u64,
        /// A JSON Lines manifest of the files' metadata: one record per file, naming it by `id`
        /// (the file name without extension) or `file`, with `url`, `outlet`, `published` and
        /// `language` (the `--map` keys apply).
        #[arg(long, value_name = "FILE")]
        metadata: Option<PathBuf>,
        /// Read each document by itself. By default the inputs of one run are read as a
        /// collection: a report that names no country, or only one town the gazetteer knows
        /// abroad, takes the country most of the others are set in, and a choice between
        /// same-named places leans to the regions the others were placed in.
        #[arg(long)]
        alone: bool,
    },
    /// List incidents.
    Incidents {
        /// Print JSON for programs instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Show one incident with its claims side by side.
    Show {
        /// Incident id (or a unique prefix).
        id: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Why an incident's claims are one incident: merge reasons, sources, ranges, grade.
    ExplainIncident {
        /// Incident id (or a unique prefix).
        id: String,
    },
    /// Explain, sentence by sentence, what was found in a document and why.
    Explain {
        /// Document id (SHA-256, or a unique prefix).
        id: String,
    },
    /// List stored documents.
    Documents,
    /// Check the store: the database's integrity, claims without documents, dangling links.
    Verify,
    /// Score the pipeline against a labelled data set.
    Eval {
        /// Data set format: news (a folder with docs.jsonl and gold.jsonl), acled (a CSV or a folder of CSVs), ucdp-aec (a JSONL file), case2021 (folder or TSV), police (folder), timex (folder of .tml), geo (a geoparsing XML file).
        #[arg(long, default_value = "news")]
        format: String,
        /// Print one JSON object of metrics.
        #[arg(long)]
        json: bool,
        /// List the N worst misses.
        #[arg(long, value_name = "N")]
        errors: Option<usize>,
        /// First import the GeoNames files in DIR (e.g. ../shared/data/geonames) into a temporary
        /// copy of the gazetteer, and geocode with that.
        #[arg(long, value_name = "DIR")]
        gazetteer_import: Option<PathBuf>,
        /// geo only: score recognition and resolution together (default: gold spans given).
        #[arg(long)]
        end_to_end: bool,
        /// The data set.
        path: PathBuf,
    },
    /// Measure analysis throughput (articles/s, MB/s, one core) on `.txt` files or a CSV's notes.
    Bench {
        /// A file or directory of `.txt` articles, or an ACLED CSV (its `notes` column).
        path: PathBuf,
        /// Minimum measuring time in seconds.
        #[arg(long, default_value_t = 2.0)]
        seconds: f64,
    },
    /// Poll RSS or Atom feeds (conditional GET, per-host politeness, backoff), ingest new items
    /// and link them.
    Watch {
        /// Feed URLs.
        #[arg(required = true)]
        urls: Vec<String>,
        /// Time between rounds: `30s`, `10m`, `1h`.
        #[arg(long, default_value = "10m")]
        every: String,
        /// One round, then exit.
        #[arg(long)]
        once: bool,
        /// Fetch each item's linked page and read it instead of the item's summary.
        #[arg(long)]
        follow: bool,
        /// Refuse bodies larger than this many bytes.
        #[arg(long, default_value_t = ReadConfig::default().max_bytes)]
        max_bytes: u64,
        /// Give up on a URL after this many seconds.
        #[arg(long, default_value_t = 20)]
        timeout: u64,
    },
    /// Measure cross-document linking on synthetic claims shaped like news reporting.
    BenchLink {
        /// Claim counts to link, one run each.
        #[arg(default_values_t = vec![10_000usize, 100_000, 1_000_000])]
        sizes: Vec<usize>,
        /// Instead: store the first size's claims in a temporary SQLite file, then relink it the
        /// way `ingest` does (documents read one at a time) and add one article; run it on its
        /// own, so that the peak RSS is the store's.
        #[arg(long)]
        store: bool,
    },
    /// Measure ingest throughput on synthetic news-sized HTML pages and JSON Lines records:
    /// parse + store, and the full path with analysis and linking, into a temporary database.
    BenchIngest {
        /// HTML pages.
        #[arg(long, default_value_t = 10_000)]
        html: usize,
        /// JSON Lines records.
        #[arg(long, default_value_t = 100_000)]
        jsonl: usize,
        /// Where and when the reports are set.
        #[arg(long, value_enum, default_value_t = bench::Spread::Countries)]
        spread: bench::Spread,
    },
    /// Load-test `serve` over loopback: synthetic incidents in the store, an ingest writing,
    /// typical `/api/incidents` queries at a fixed rate; latency percentiles.
    BenchServe {
        /// Incidents in the store.
        #[arg(long, default_value_t = 100_000)]
        incidents: usize,
        /// Requests a second offered.
        #[arg(long, default_value_t = 200)]
        rate: u32,
        /// Seconds of load.
        #[arg(long, default_value_t = 30)]
        seconds: u64,
        /// Write the store to this new file and keep it.
        #[arg(long, value_name = "FILE")]
        keep: Option<PathBuf>,
    },
    /// Ingest the bundled, illustrative demo corpus and print the incidents found.
    Demo,
    /// Serve the JSON API and the analyst's web page.
    Serve {
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: std::net::SocketAddr,
        /// Require a token to read, too (writes always need one).
        #[arg(long)]
        read_token_required: bool,
    },
    /// API tokens.
    Token {
        #[command(subcommand)]
        command: TokenCommand,
    },
    /// The local gazetteer: import GeoNames dumps, show what is in it, look a name up.
    Gazetteer {
        #[command(subcommand)]
        command: GazetteerCommand,
    },
}

#[derive(Subcommand)]
enum TokenCommand {
    /// Create a token and print it (only its hash is stored; it cannot be shown again).
    Create {
        /// reader (read), analyst (read and ingest) or admin (also tokens).
        #[arg(long, default_value = "analyst")]
        role: String,
    },
}

#[derive(Subcommand)]
enum GazetteerCommand {
    /// Import GeoNames files (allCountries.zip, ML.zip, ML.txt, alternateNamesV2.zip,
    /// admin1CodesASCII.txt, admin2Codes.txt). No network access.
    Import {
        /// The files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// What the gazetteer holds and how long it takes to open.
    Info,
    /// Candidates for a name, and the one chosen.
    Lookup {
        /// The name.
        name: String,
        /// Country context (ISO codes), repeatable.
        #[arg(long)]
        country: Vec<String>,
    },
}

use crosscheck_server::ingest::{Batch, Collecting, IngestSummary, relink, relink_new, store_document};

fn open(db: &std::path::Path) -> Result<SqliteStore> {
    Ok(SqliteStore::open(db)?)
}

/// How `ingest` reads its inputs.
struct IngestOptions<'a> {
    read: ReadConfig,
    map: &'a crosscheck_ingest::records::FieldMap,
    follow: bool,
    timeout: std::time::Duration,
    manifest: Option<crosscheck_ingest::manifest::Manifest>,
    /// Each document by itself, not as a collection.
    alone: bool,
}

fn ingest(db: &std::path::Path, paths: &[PathBuf], opts: &IngestOptions<'_>, res: &Resources) -> Result<ExitCode> {
    use crosscheck_ingest::fetch::{Client, Fetched, is_url};
    use crosscheck_ingest::records::{Format, Records, read_bytes, read_input};
    let (cfg, map) = (&opts.read, opts.map);
    let mut store = open(db)?;
    let listed = collect_paths(paths);
    let mut summary = IngestSummary::default();
    let mut batch = Batch::default();
    let mut reading = Collecting::new(!opts.alone);
    for e in &listed.errors {
        eprintln!("warning: {e}");
        summary.failed += 1;
    }
    for (p, why) in &listed.skipped {
        eprintln!("skipped: {}: {why}", p.display());
        summary.skipped += 1;
    }
    let mut files = listed.files;
    // The manifest is no article, when it sits among them.
    if let Some(m) = &opts.manifest {
        let same = |f: &PathBuf| std::fs::canonicalize(f).ok() == std::fs::canonicalize(m.path()).ok();
        files.retain(|f| !same(f));
    }
    let mut described = 0usize;
    let client = if opts.follow || files.iter().any(|f| is_url(&f.to_string_lossy())) {
        Some(Client::new(opts.timeout, cfg.max_bytes).map_err(anyhow::Error::msg)?)
    } else {
        None
    };
    // A progress bar with throughput on a terminal; nothing in pipes or CI.
    let bar = if std::io::IsTerminal::is_terminal(&std::io::stderr()) && std::env::var_os("CI").is_none() {
        indicatif::ProgressBar::new(files.len() as u64)
    } else {
        indicatif::ProgressBar::hidden()
    };
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} inputs, {per_sec}, ETA {eta} {msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    for f in &files {
        bar.inc(1);
        let name = f.to_string_lossy();
        let mut records: Records = match (&client, is_url(&name)) {
            (Some(c), true) => match c.get(&name, None, None) {
                Ok(Fetched::Body { bytes, url, .. }) => read_bytes(&url, bytes, cfg, map),
                Ok(Fetched::NotModified) => {
                    eprintln!("skipped: {name}: not modified");
                    summary.skipped += 1;
                    Box::new(std::iter::empty())
                }
                Err(e) => {
                    eprintln!("warning: {e}");
                    summary.failed += 1;
                    Box::new(std::iter::empty())
                }
            },
            _ => read_input(f, cfg, map),
        };
        if let (true, Some(c)) = (opts.follow, &client) {
            // Feeds are read whole anyway; other records pass through untouched.
            let (feed, other): (Vec<_>, Vec<_>) = records.partition(|r| r.format == Some(Format::Feed));
            records = Box::new(watch::follow(c, feed, cfg).into_iter().chain(other));
        }
        for rec in records {
            match (rec.result, rec.coded) {
                (Ok(mut doc), coded) => {
                    // A one-document file the manifest lists takes its metadata before analysis.
                    if let Some(m) = &opts.manifest
                        && rec.label == name
                        && m.apply(f, &mut doc)
                    {
                        described += 1;
                    }
                    match coded {
                        Some(claims) => batch.push(&mut store, rec.label, doc, claims, &mut summary)?,
                        None => {
                            for (label, doc, claims) in reading.read(res, rec.label, doc) {
                                batch.push(&mut store, label, doc, claims, &mut summary)?;
                            }
                        }
                    }
                }
                (Err(e), _) => {
                    eprintln!("warning: {e}");
                    summary.failed += 1;
                }
            }
        }
    }
    // The documents the collection may place, read again with it.
    for (label, doc, claims) in reading.finish(res) {
        batch.push(&mut store, label, doc, claims, &mut summary)?;
    }
    batch.flush(&mut store, &mut summary)?;
    bar.finish_and_clear();
    if let Some(m) = &opts.manifest {
        eprintln!("metadata: {} of the {} files listed in {} were read", described, m.len(), m.path().display());
    }
    let updated = relink_new(&mut store)?;
    let n = store.incident_count()?;
    eprintln!(
        "ingested {} new, {} unchanged, {} skipped, {} failed{}; {} claims added; {updated} incidents updated, {n} in {}",
        summary.added,
        summary.unchanged,
        summary.skipped,
        summary.failed,
        if summary.versions > 0 {
            format!(" ({} of the new are new versions of a page seen at its URL)", summary.versions)
        } else {
            String::new()
        },
        summary.claims,
        db.display()
    );
    Ok(if summary.failed > 0 { ExitCode::from(2) } else { ExitCode::SUCCESS })
}

fn run(cli: Cli) -> Result<ExitCode> {
    let db = cli.db.clone().unwrap_or_else(|| PathBuf::from("crosscheck.db"));
    let gdir = cli.gazetteer.clone().unwrap_or_else(crosscheck_ingest::gazetteer::default_dir);
    let resources = || gazetteer::resources(Some(&gdir), !cli.no_gazetteer);
    match cli.command {
        Command::Ingest { paths, max_bytes, map, max_records, max_ratio, format, follow, timeout, metadata, alone } => {
            let map = match map {
                Some(spec) => {
                    crosscheck_ingest::records::FieldMap::parse(&spec).map_err(|e| anyhow::anyhow!("--map: {e}"))?
                }
                None => crosscheck_ingest::records::FieldMap::default(),
            };
            // A bad manifest stops the run before anything is stored.
            let manifest = match metadata {
                Some(m) => Some(crosscheck_ingest::manifest::Manifest::read(&m, &map)?),
                None => None,
            };
            let opts = IngestOptions {
                read: ReadConfig { max_bytes, max_records, max_ratio, format },
                map: &map,
                follow,
                timeout: std::time::Duration::from_secs(timeout),
                manifest,
                alone,
            };
            ingest(&db, &paths, &opts, &resources())
        }
        Command::Gazetteer { command } => {
            match command {
                GazetteerCommand::Import { files } => gazetteer::import(&gdir, &files)?,
                GazetteerCommand::Info => gazetteer::info(&gdir)?,
                GazetteerCommand::Lookup { name, country } => gazetteer::lookup(&gdir, &name, &country)?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Incidents { json } => {
            let store = open(&db)?;
            let incidents = store.incidents()?;
            if json {
                outln!("{}", serde_json::to_string_pretty(&render::incidents_json(&incidents))?);
            } else {
                out!("{}", render::incidents_table(&incidents));
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Show { id, json } => {
            let store = open(&db)?;
            let Some(inc) = store.incident(&id)? else { bail!("no incident with id {id:?} in {}", db.display()) };
            if json {
                outln!("{}", serde_json::to_string_pretty(&render::incident_json(&inc))?);
            } else {
                out!("{}", render::incident_detail(&inc));
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::ExplainIncident { id } => {
            let store = open(&db)?;
            let Some(inc) = store.incident(&id)? else { bail!("no incident with id {id:?} in {}", db.display()) };
            out!("{}", render::explain_incident(&inc));
            Ok(ExitCode::SUCCESS)
        }
        Command::Explain { id } => {
            let store = open(&db)?;
            let Some(doc) = store.document(&id)? else { bail!("no document with id {id:?} in {}", db.display()) };
            let analysis = crosscheck_nlp::analyze(&doc, &resources());
            out!("{}", render::explain(&doc, &analysis));
            if analysis.trace.open() {
                outln!(
                    "note: read alone here. Its places could depend on the reports it was ingested with (it names \
                     no country, or a place was chosen by a narrow lead): `ingest` reads its inputs as a collection, \
                     so its stored claims may be placed otherwise."
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Verify => {
            let store = open(&db)?;
            let problems = store.verify()?;
            if problems.is_empty() {
                outln!(
                    "ok: {} documents, {} claims, {} incidents",
                    store.documents()?.len(),
                    store.claims()?.len(),
                    store.incidents()?.len()
                );
                Ok(ExitCode::SUCCESS)
            } else {
                for p in &problems {
                    outln!("problem: {p}");
                }
                Ok(ExitCode::FAILURE)
            }
        }
        Command::Documents => {
            let store = open(&db)?;
            for d in store.documents()? {
                outln!(
                    "{}  {:>3} claims  {}  {}",
                    d.id,
                    d.claims,
                    d.outlet.as_deref().unwrap_or("-"),
                    d.source.as_deref().unwrap_or("-")
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval { format, json, errors, gazetteer_import, end_to_end, path } => {
            let _tmp;
            let res = match gazetteer_import {
                Some(dir) => {
                    let tmp = std::env::temp_dir().join(format!("crosscheck-eval-gazetteer-{}", std::process::id()));
                    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
                        .with_context(|| format!("{}: cannot list", dir.display()))?
                        .flatten()
                        .map(|e| e.path())
                        .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "zip"))
                        .collect();
                    files.sort();
                    gazetteer::import(&tmp, &files)?;
                    _tmp = TempDir(tmp.clone());
                    gazetteer::resources(Some(&tmp), true)
                }
                None => resources(),
            };
            let scores = match format.as_str() {
                "news" => crosscheck_eval::news::evaluate(&path, &res)?,
                "acled" => crosscheck_eval::acled::evaluate(&path, &res)?,
                "ucdp-aec" => crosscheck_eval::ucdp::evaluate(&path, &res)?,
                "case2021" => crosscheck_eval::case2021::evaluate(&path, &res)?,
                "police" => crosscheck_eval::police::evaluate(&path, &res)?,
                "timex" => crosscheck_eval::timex::evaluate(&path, &res)?,
                "geo" => crosscheck_eval::geo::evaluate(&path, &res, end_to_end)?,
                other => bail!("unknown format {other:?}; known: news, acled, ucdp-aec, case2021, police, timex, geo"),
            };
            if json {
                outln!("{}", serde_json::to_string_pretty(&scores.to_json())?);
            } else {
                out!("{}", scores.table());
            }
            if let Some(n) = errors {
                out!("\n{}", scores.errors(n));
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Watch { urls, every, once, follow, max_bytes, timeout } => {
            let every = watch::parse_every(&every).map_err(anyhow::Error::msg)?;
            let mut store = open(&db)?;
            let opts = watch::Options {
                every,
                once,
                follow,
                timeout: std::time::Duration::from_secs(timeout),
                read: ReadConfig { max_bytes, ..ReadConfig::default() },
            };
            watch::run(&mut store, &resources(), &urls, &opts)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve { addr, read_token_required } => {
            let res = std::sync::Arc::new(resources());
            let state = crosscheck_server::AppState::new(db.clone(), res, read_token_required)?;
            let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
            rt.block_on(crosscheck_server::serve(addr, std::sync::Arc::new(state)))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Token { command: TokenCommand::Create { role } } => {
            let role = crosscheck_store::Role::parse(&role)
                .ok_or_else(|| anyhow::anyhow!("--role: {role:?} is not reader, analyst or admin"))?;
            outln!("{}", crosscheck_server::create_token(&db, role)?);
            eprintln!("a {} token for {}: keep it; only its hash is stored", role.as_str(), db.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::BenchServe { incidents, rate, seconds, keep } => {
            out!("{}", load::run(incidents, rate, seconds, keep.as_deref(), resources())?);
            Ok(ExitCode::SUCCESS)
        }
        Command::BenchIngest { html, jsonl, spread } => {
            out!("{}", bench::ingest(html, jsonl, spread, &resources())?);
            Ok(ExitCode::SUCCESS)
        }
        Command::BenchLink { sizes, store } => {
            if store {
                out!("{}", bench::link_stored(sizes.first().copied().unwrap_or(1_000_000))?);
                return Ok(ExitCode::SUCCESS);
            }
            out!("{}", bench::link(&sizes));
            Ok(ExitCode::SUCCESS)
        }
        Command::Bench { path, seconds } => {
            let docs = bench::load(&path)?;
            let report = bench::run(&docs, seconds, resources);
            out!("{report}");
            Ok(ExitCode::SUCCESS)
        }
        Command::Demo => {
            let db = cli.db.unwrap_or_else(|| PathBuf::from("crosscheck-demo.db"));
            let mut store = open(&db)?;
            let res = resources();
            let mut summary = IngestSummary::default();
            for (name, text) in demo::ARTICLES {
                let doc = crosscheck_ingest::parse_text(text.as_bytes(), Some(format!("demo/{name}")))
                    .map_err(|e| anyhow::anyhow!("demo/{name}: {e:?}"))?;
                store_document(&mut store, &res, &doc, &mut summary)?;
            }
            let n = relink(&mut store)?;
            outln!("{}", demo::BANNER);
            outln!(
                "Ingested {} illustrative articles into {} ({} new, {} already there); {n} incidents:\n",
                demo::ARTICLES.len(),
                db.display(),
                summary.added,
                summary.unchanged
            );
            out!("{}", render::incidents_table(&store.incidents()?));
            outln!(
                "\nNext: crosscheck --db {} show <ID>   |   incidents --json   |   documents, then explain <DOC>",
                db.display()
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// A directory removed when dropped.
struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The `notes` column of a CSV with a header row.
pub fn csv_notes(text: &str) -> Result<Vec<String>> {
    let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
    let headers = rdr.headers()?.clone();
    let col = headers.iter().position(|h| h == "notes").context("no `notes` column")?;
    let mut out = Vec::new();
    for rec in rdr.records() {
        let rec = rec?;
        if let Some(n) = rec.get(col).filter(|n| !n.trim().is_empty()) {
            out.push(n.to_string());
        }
    }
    Ok(out)
}

/// Standard output could not be written: a closed pipe ends the process with success (the
/// reader took what it wanted); any other error with failure.
fn stdout_failed(e: std::io::Error) -> ! {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        std::process::exit(0);
    }
    eprintln!("error: writing to standard output: {e}");
    std::process::exit(1);
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
