//! `crosscheck gazetteer …`: open, import and inspect the local gazetteer.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::Result;
use crosscheck_geo::{Context, resolve::resolve};
use crosscheck_ingest::gazetteer::{self, Progress};
use crosscheck_nlp::Resources;

/// The lexicons, and the gazetteer when it opens (a warning otherwise: places then keep their
/// names and get no coordinates).
pub fn resources(dir: Option<&Path>, enabled: bool) -> Resources {
    let res = Resources::builtin();
    if !enabled {
        return res;
    }
    let dir = dir.map(Path::to_path_buf).unwrap_or_else(gazetteer::default_dir);
    let first = !dir.join("CURRENT").exists();
    if first {
        eprintln!("building the default gazetteer index in {} (once; a few seconds)", dir.display());
    }
    match gazetteer::open(&dir) {
        Ok((g, _)) => res.with_gazetteer(g),
        Err(e) => {
            eprintln!("warning: gazetteer not available ({e}); places are kept by name, without coordinates");
            res
        }
    }
}

/// `gazetteer import FILE...`
pub fn import(dir: &Path, files: &[PathBuf]) -> Result<()> {
    let bar = if std::io::stderr().is_terminal() && std::env::var_os("CI").is_none() {
        indicatif::ProgressBar::new(0)
    } else {
        indicatif::ProgressBar::hidden()
    };
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} {bytes_per_sec} ETA {eta}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let start = std::time::Instant::now();
    let report = gazetteer::import(dir, files, &mut |p: Progress| {
        bar.set_length(p.total);
        bar.set_position(p.done);
    })?;
    bar.finish_and_clear();
    eprintln!(
        "imported {} rows in {:.1} s: {} new, {} replaced, {} admin names, {} alternate names, {} first-level \
         divisions taken from the nearest place; {} entries in {}",
        report.places,
        start.elapsed().as_secs_f64(),
        report.added,
        report.replaced,
        report.admin_names,
        report.alternates,
        report.admin1_inferred,
        report.total,
        dir.display()
    );
    Ok(())
}

/// `gazetteer info`
pub fn info(dir: &Path) -> Result<()> {
    let start = std::time::Instant::now();
    let (_, info) = gazetteer::open(dir)?;
    outln!(
        "{}: {} entries (version {}), opened in {:.1} ms",
        info.dir.display(),
        info.entries,
        info.version,
        start.elapsed().as_secs_f64() * 1e3
    );
    for s in &info.sources {
        outln!("  {s}");
    }
    Ok(())
}

/// `gazetteer lookup NAME [--country CC]`
pub fn lookup(dir: &Path, name: &str, countries: &[String]) -> Result<()> {
    let (g, _) = gazetteer::open(dir)?;
    let found = g.lookup(name);
    outln!("{} candidate(s) for {name:?}", found.len());
    for (i, m) in found.iter().take(20) {
        let e = g.entry(*i);
        outln!(
            "  {:<9} {:<28} {} {:<5} admin1 {:<20} pop {:>9}  {:.4},{:.4}  ({m:?})",
            e.id,
            e.name,
            e.country,
            e.code,
            g.admin_name(&e, 1).unwrap_or_default(),
            e.population,
            e.lat,
            e.lon
        );
    }
    let ctx = Context { countries: countries.iter().map(|c| (c.to_uppercase(), 1.0)).collect(), ..Context::default() };
    if let Some(r) = resolve(&g, name, &ctx) {
        outln!("chosen: {}", r.reason);
    }
    Ok(())
}
