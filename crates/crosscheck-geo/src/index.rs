//! The gazetteer's binary layout and its name index.
//!
//! Three blobs, written side by side by `crosscheck-ingest` and memory-mapped when read:
//!
//! - **entries**: a 16-byte header (`CCGZ0001`, entry count as u32 LE, 4 reserved bytes), then one
//!   28-byte row per entry (geonameid u32, lat f32, lon f32, population u32, country 2 bytes,
//!   feature class 1 byte, 1 reserved, string offset u32, string length u32, all LE), then the
//!   strings: `name US admin1 US admin2 US code US alternates` (US = 0x1F, alternates joined by
//!   RS = 0x1E).
//! - **names**: an fst set of `=` + [`key`] + NUL + entry index (u32 BE), and `~` +
//!   [`skeleton`] + NUL + entry index, for the name and every alternate.
//! - **codes**: an fst map from `CC`, `CC.A1` and `CC.A1.A2` to the entry of that country, admin1
//!   or admin2 (the most populous one when a code repeats).

use std::collections::BTreeMap;
use std::sync::Arc;

use fst::{IntoStreamer, Streamer};

use crate::entry::Entry;
use crate::normalise::{key, skeleton};

const MAGIC: &[u8; 8] = b"CCGZ0001";
const HEADER: usize = 16;
const ROW: usize = 28;

/// A problem with gazetteer data: always names what and why.
#[derive(Debug, thiserror::Error)]
pub enum GeoError {
    /// A row that does not parse.
    #[error("{file}, line {line}: {reason}")]
    Row {
        /// File name.
        file: String,
        /// 1-based line number.
        line: usize,
        /// Why.
        reason: String,
    },
    /// A blob that is not a gazetteer index.
    #[error("{0}")]
    Format(String),
}

/// Shared bytes: a memory map or a vector.
#[derive(Clone)]
pub struct Blob(Arc<dyn AsRef<[u8]> + Send + Sync>);

impl Blob {
    /// Wrap any owner of bytes.
    pub fn new(bytes: impl AsRef<[u8]> + Send + Sync + 'static) -> Blob {
        Blob(Arc::new(bytes))
    }
}

impl AsRef<[u8]> for Blob {
    fn as_ref(&self) -> &[u8] {
        (*self.0).as_ref()
    }
}

/// The three blobs of a built gazetteer.
pub struct Built {
    /// Entry table and strings.
    pub entries: Vec<u8>,
    /// Name index (fst set).
    pub names: Vec<u8>,
    /// Code index (fst map).
    pub codes: Vec<u8>,
}

/// How a name matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Match {
    /// Same key: case, accents and punctuation aside.
    Exact,
    /// Same skeleton: a transliteration variant.
    Variant,
    /// A skeleton one letter away ([`Gazetteer::lookup_near`]).
    Near,
}

/// The index layout's version: a default index built by an older layout is rebuilt when it is
/// opened (2: divisions' seats).
pub const FORMAT: u32 = 2;

/// The suffix of a division's code under which its seat is indexed.
const SEAT: &str = "@seat";

/// Build the blobs for `entries` (in that order; entry `i` is index `i`).
pub fn build(entries: &[Entry]) -> Built {
    let mut table = Vec::with_capacity(HEADER + entries.len() * ROW);
    let mut strings = Vec::new();
    table.extend_from_slice(MAGIC);
    table.extend_from_slice(&(entries.len() as u32).to_le_bytes());
    table.extend_from_slice(&[0; 4]);
    // All keys in one arena, sorted through (offset, length) pairs: a few bytes of overhead per
    // key instead of a heap allocation each (the default has about 3 million keys).
    let mut arena: Vec<u8> = Vec::new();
    let mut keys: Vec<(u32, u32)> = Vec::new();
    let mut codes: BTreeMap<String, (u64, u32)> = BTreeMap::new();
    for (i, e) in entries.iter().enumerate() {
        let i = i as u32;
        let s = format!(
            "{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}",
            e.name,
            e.admin1,
            e.admin2,
            e.code,
            e.alternates.join("\u{1e}")
        );
        table.extend_from_slice(&e.id.to_le_bytes());
        table.extend_from_slice(&(e.lat as f32).to_le_bytes());
        table.extend_from_slice(&(e.lon as f32).to_le_bytes());
        table.extend_from_slice(&(e.population.min(u32::MAX as u64) as u32).to_le_bytes());
        let cc = e.country.as_bytes();
        table.extend_from_slice(&[cc.first().copied().unwrap_or(b' '), cc.get(1).copied().unwrap_or(b' ')]);
        table.push(e.class as u8);
        table.push(0);
        table.extend_from_slice(&(strings.len() as u32).to_le_bytes());
        table.extend_from_slice(&(s.len() as u32).to_le_bytes());
        strings.extend_from_slice(s.as_bytes());
        let mut own: Vec<Vec<u8>> = Vec::new();
        for n in std::iter::once(&e.name).chain(&e.alternates) {
            for (tag, k) in [(b'=', key(n)), (b'~', skeleton(n))] {
                if k.is_empty() {
                    continue;
                }
                let mut bytes = Vec::with_capacity(k.len() + 6);
                bytes.push(tag);
                bytes.extend_from_slice(k.as_bytes());
                bytes.push(0);
                bytes.extend_from_slice(&i.to_be_bytes());
                own.push(bytes);
            }
        }
        own.sort();
        own.dedup();
        for k in own {
            keys.push((arena.len() as u32, k.len() as u32));
            arena.extend_from_slice(&k);
        }
        let code = match e.admin_level() {
            Some(0) => Some(e.country.clone()),
            Some(1) if !e.admin1.is_empty() => Some(format!("{}.{}", e.country, e.admin1)),
            Some(2) if !e.admin2.is_empty() => Some(format!("{}.{}.{}", e.country, e.admin1, e.admin2)),
            _ => None,
        };
        if let Some(code) = code {
            let slot = codes.entry(code).or_insert((e.population, i));
            if e.population > slot.0 {
                *slot = (e.population, i);
            }
        }
    }
    // The seat of each first-level division, under "CC.A1@seat": where analysts map an event
    // known only to its region. Its most populous first-order seat (PPLA, or the capital in
    // it), else the most populous town in it that bears its name ("Kidal" in Kidal, where the
    // source does not mark seats).
    let division_names: std::collections::HashMap<String, String> = entries
        .iter()
        .filter(|e| e.admin_level() == Some(1) && !e.admin1.is_empty())
        .map(|e| (format!("{}.{}", e.country, e.admin1), key(&e.name)))
        .collect();
    let mut seats: BTreeMap<String, (u8, u64, u32)> = BTreeMap::new();
    for (i, e) in entries.iter().enumerate() {
        if e.class != 'P' || e.admin1.is_empty() {
            continue;
        }
        let division = format!("{}.{}", e.country, e.admin1);
        let rank = if matches!(e.code.as_str(), "PPLA" | "PPLC") {
            2
        } else if division_names.get(&division).is_some_and(|n| *n == key(&e.name)) {
            1
        } else {
            continue;
        };
        let slot = seats.entry(format!("{division}{SEAT}")).or_insert((rank, e.population, i as u32));
        if (rank, e.population) > (slot.0, slot.1) {
            *slot = (rank, e.population, i as u32);
        }
    }
    codes.extend(seats.into_iter().map(|(k, (_, p, i))| (k, (p, i))));
    table.extend_from_slice(&strings);
    let key = |k: &(u32, u32)| &arena[k.0 as usize..(k.0 + k.1) as usize];
    keys.sort_unstable_by(|a, b| key(a).cmp(key(b)));
    keys.dedup_by(|a, b| key(a) == key(b));
    let names = fst::Set::from_iter(keys.iter().map(key)).map(|s| s.into_fst().into_inner()).unwrap_or_default();
    let codes = fst::Map::from_iter(codes.into_iter().map(|(k, (_, i))| (k, i as u64)))
        .map(|m| m.into_fst().into_inner())
        .unwrap_or_default();
    Built { entries: table, names, codes }
}

/// A gazetteer opened over its three blobs.
#[derive(Clone)]
pub struct Gazetteer {
    entries: Blob,
    names: fst::Set<Blob>,
    codes: fst::Map<Blob>,
    count: u32,
}

impl std::fmt::Debug for Gazetteer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Gazetteer({} entries)", self.count)
    }
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    b.get(at..at + 4).map_or(0, |s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

fn f32_at(b: &[u8], at: usize) -> f32 {
    f32::from_bits(u32_at(b, at))
}

impl Gazetteer {
    /// Open the blobs, checking the header and the sizes.
    pub fn open(entries: Blob, names: Blob, codes: Blob) -> Result<Gazetteer, GeoError> {
        let b = entries.as_ref();
        if b.len() < HEADER || &b[..8] != MAGIC {
            return Err(GeoError::Format("entries: not a crosscheck gazetteer (bad header)".into()));
        }
        let count = u32_at(b, 8);
        if b.len() < HEADER + count as usize * ROW {
            return Err(GeoError::Format(format!("entries: truncated ({} bytes for {count} entries)", b.len())));
        }
        let names = fst::Set::new(names).map_err(|e| GeoError::Format(format!("names index: {e}")))?;
        let codes = fst::Map::new(codes).map_err(|e| GeoError::Format(format!("codes index: {e}")))?;
        Ok(Gazetteer { entries, names, codes, count })
    }

    /// Build in memory (tests, and the first run before the index is written).
    pub fn from_entries(entries: &[Entry]) -> Result<Gazetteer, GeoError> {
        let b = build(entries);
        Gazetteer::open(Blob::new(b.entries), Blob::new(b.names), Blob::new(b.codes))
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.count as usize
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    fn row(&self, i: u32) -> &[u8] {
        let at = HEADER + i as usize * ROW;
        &self.entries.as_ref()[at..at + ROW]
    }

    fn strings(&self, i: u32) -> &str {
        let r = self.row(i);
        let base = HEADER + self.count as usize * ROW;
        let (off, len) = (u32_at(r, 20) as usize, u32_at(r, 24) as usize);
        self.entries.as_ref().get(base + off..base + off + len).and_then(|s| std::str::from_utf8(s).ok()).unwrap_or("")
    }

    /// Entry `i` (its coordinates are stored as f32: about a metre).
    pub fn entry(&self, i: u32) -> Entry {
        self.decode(i, true)
    }

    /// Entry `i` without its alternate names: what lookups and disambiguation need, without
    /// allocating the spellings.
    pub fn entry_brief(&self, i: u32) -> Entry {
        self.decode(i, false)
    }

    fn decode(&self, i: u32, alternates: bool) -> Entry {
        let r = self.row(i);
        let mut parts = self.strings(i).split('\u{1f}');
        let mut next = || parts.next().unwrap_or("").to_string();
        let (name, admin1, admin2, code) = (next(), next(), next(), next());
        let alts = if alternates { parts.next().unwrap_or("") } else { "" };
        Entry {
            id: u32_at(r, 0),
            lat: f32_at(r, 4) as f64,
            lon: f32_at(r, 8) as f64,
            population: u32_at(r, 12) as u64,
            country: String::from_utf8_lossy(&r[16..18]).trim().to_string(),
            class: r[18] as char,
            name,
            admin1,
            admin2,
            code,
            alternates: alts.split('\u{1e}').filter(|s| !s.is_empty()).map(str::to_string).collect(),
        }
    }

    /// All entries, in index order.
    pub fn entries(&self) -> impl Iterator<Item = Entry> + '_ {
        (0..self.count).map(|i| self.entry(i))
    }

    fn scan(&self, tag: u8, k: &str) -> Vec<u32> {
        if k.is_empty() {
            return Vec::new();
        }
        let mut lo = vec![tag];
        lo.extend_from_slice(k.as_bytes());
        lo.push(0);
        let mut hi = lo.clone();
        *hi.last_mut().expect("not empty") = 1;
        let mut stream = self.names.range().ge(&lo).lt(&hi).into_stream();
        let mut out = Vec::new();
        while let Some(key) = stream.next() {
            if let Some(t) = key.get(key.len().saturating_sub(4)..) {
                out.push(u32::from_be_bytes([t[0], t[1], t[2], t[3]]));
            }
        }
        out
    }

    /// Entries named exactly `name` (by [`key`]), without the variant fallback of [`lookup`].
    pub fn lookup_exact(&self, name: &str) -> Vec<u32> {
        self.scan(b'=', &key(name))
    }

    /// Entries named `name`: exact matches, else transliteration variants.
    pub fn lookup(&self, name: &str) -> Vec<(u32, Match)> {
        let exact = self.scan(b'=', &key(name));
        if !exact.is_empty() {
            return exact.into_iter().map(|i| (i, Match::Exact)).collect();
        }
        self.scan(b'~', &skeleton(name)).into_iter().map(|i| (i, Match::Variant)).collect()
    }

    /// Entries whose spelling-variant key is one letter away from `name`'s (a letter more or
    /// less, or a vowel for another; not in the first two letters): "Bandigara" for Bandiagara,
    /// "Tabakort" for Tabankort, "Ogassagou" for Ogassogou. Only for one-word names with
    /// keys of six letters or more, where one letter is a slip of transliteration rather
    /// than another name; for names [`lookup`](Self::lookup) does not find.
    pub fn lookup_near(&self, name: &str) -> Vec<u32> {
        let q = skeleton(name);
        // One word (hyphens allowed: "Ogassogou-Peulh"): names of several words are mostly
        // people, streets and buildings ("Royal Street"), and each search costs about 0.1 ms.
        if q.len() < 6 || q.len() >= NEAR_MAX || name.trim().contains(char::is_whitespace) {
            return Vec::new();
        }
        // The first two letters as written: the slips are inside a name, and the search stays
        // in a small part of the index (a tenth of the time of the first letter alone).
        let b = q.as_bytes();
        let (lo, hi) = ([b'~', b[0], b[1]], [b'~', b[0], b[1] + 1]);
        let mut stream = self.names.search(OneEdit { query: q.as_bytes() }).ge(lo).lt(hi).into_stream();
        let mut out = Vec::new();
        while let Some(k) = stream.next() {
            if let Some(t) = k.get(k.len().saturating_sub(4)..) {
                let i = u32::from_be_bytes([t[0], t[1], t[2], t[3]]);
                if !out.contains(&i) {
                    out.push(i);
                }
            }
        }
        out
    }

    /// The entry of a country (`ML`), admin1 (`ML.04`) or admin2 (`ML.04.xxx`) code.
    pub fn by_code(&self, code: &str) -> Option<u32> {
        self.codes.get(code).map(|i| i as u32)
    }

    /// The seat of the first-level division `e` is in (its most populous first-order
    /// administrative seat or the country's capital in it, else its most populous town that
    /// bears the division's name), if the gazetteer has one. Indexes built before seats were
    /// indexed ([`FORMAT`] 1) have none.
    pub fn seat_of(&self, e: &Entry) -> Option<Entry> {
        if e.admin1.is_empty() {
            return None;
        }
        self.by_code(&format!("{}.{}{SEAT}", e.country, e.admin1)).map(|i| self.entry_brief(i))
    }

    /// The name of an admin1 or admin2 division of an entry, if the gazetteer has it.
    pub fn admin_name(&self, e: &Entry, level: u8) -> Option<String> {
        let code = match level {
            1 if !e.admin1.is_empty() => format!("{}.{}", e.country, e.admin1),
            2 if !e.admin2.is_empty() => format!("{}.{}.{}", e.country, e.admin1, e.admin2),
            0 => e.country.clone(),
            _ => return None,
        };
        self.by_code(&code).map(|i| self.entry_brief(i).name)
    }

    /// The ISO code of a country given by name ("Mali", "Burkina Faso", "Côte d'Ivoire").
    pub fn country_code(&self, name: &str) -> Option<String> {
        self.lookup(name)
            .into_iter()
            .map(|(i, _)| self.entry(i))
            .find(|e| e.admin_level() == Some(0))
            .map(|e| e.country)
    }
}

/// The names index's variant keys within one edit of a skeleton: `~`, a key at most one
/// insertion, deletion or vowel substitution away from `query`, NUL, the entry index.
struct OneEdit<'a> {
    query: &'a [u8],
}

/// The longest skeleton [`Gazetteer::lookup_near`] looks up, plus one: the automaton's state
/// is a row of this many distances, copied without allocating.
const NEAR_MAX: usize = 32;

/// Where [`OneEdit`] stands in a key.
#[derive(Clone, Copy)]
enum Edit {
    /// Before the tag byte.
    Tag,
    /// In the name: the edit distances (capped at 2) from the bytes read to each prefix of the
    /// query, the first `query.len() + 1` of them.
    Name([u8; NEAR_MAX]),
    /// Past the NUL: how many bytes of the index are read.
    Index(u8),
    /// No match possible.
    Dead,
}

impl fst::Automaton for OneEdit<'_> {
    type State = Edit;

    fn start(&self) -> Edit {
        Edit::Tag
    }

    fn is_match(&self, s: &Edit) -> bool {
        matches!(s, Edit::Index(4))
    }

    fn can_match(&self, s: &Edit) -> bool {
        match s {
            Edit::Dead => false,
            Edit::Name(row) => row[..=self.query.len()].iter().any(|d| *d <= 1),
            _ => true,
        }
    }

    fn accept(&self, s: &Edit, b: u8) -> Edit {
        match s {
            Edit::Tag if b == b'~' => {
                let mut row = [2u8; NEAR_MAX];
                for (j, d) in row.iter_mut().enumerate().take(self.query.len() + 1) {
                    *d = j.min(2) as u8;
                }
                Edit::Name(row)
            }
            Edit::Name(row) if b == 0 => {
                if row[self.query.len()] <= 1 {
                    Edit::Index(0)
                } else {
                    Edit::Dead
                }
            }
            Edit::Name(row) => {
                let mut next = [2u8; NEAR_MAX];
                next[0] = (row[0] + 1).min(2);
                for (j, q) in self.query.iter().enumerate() {
                    // A vowel for a vowel: consonants carry the name ("Boukouma" is not
                    // Boussouma).
                    let vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u');
                    let change = match (*q == b, vowel(*q) && vowel(b)) {
                        (true, _) => 0,
                        (false, true) => 1,
                        (false, false) => 2,
                    };
                    next[j + 1] = (row[j] + change).min(row[j + 1] + 1).min(next[j] + 1).min(2);
                }
                if next[..=self.query.len()].iter().any(|d| *d <= 1) { Edit::Name(next) } else { Edit::Dead }
            }
            Edit::Index(n) if *n < 4 => Edit::Index(n + 1),
            _ => Edit::Dead,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(id: u32, name: &str, alts: &[&str], cc: &str, a1: &str, pop: u64, ll: (f64, f64)) -> Entry {
        crate::entry::sample(id, name, alts, cc, a1, pop, ll, "PPL")
    }

    #[test]
    fn round_trips_entries_and_finds_names_and_variants() {
        let mut mopti = place(0, "Mopti", &[], "ML", "04", 350_000, (14.4, -3.9));
        mopti.code = "ADM1".into();
        mopti.class = 'A';
        let es = vec![
            place(2460596, "Timbuktu", &["Tombouctou", "Tombuctú"], "ML", "08", 84208, (16.77, -3.01)),
            place(2454480, "Hombori", &[], "ML", "04", 3000, (15.29, -1.70)),
            mopti,
        ];
        let g = Gazetteer::from_entries(&es).unwrap();
        assert_eq!(g.len(), 3);
        assert_eq!(g.entry(0).name, "Timbuktu");
        assert_eq!(g.entry(1).lat, 15.29f32 as f64);
        assert_eq!(g.lookup("TOMBOUCTOU"), [(0, Match::Exact)]);
        assert_eq!(g.lookup("Tombouctu"), [(0, Match::Variant)]);
        assert_eq!(g.lookup("Homborie"), [(1, Match::Variant)]);
        assert_eq!(g.lookup("Hamburg"), Vec::new());
        // One letter more or less, or a vowel changed, in a name of six letters or more.
        assert_eq!(g.lookup_near("Timbouktu"), [0]);
        assert_eq!(g.lookup_near("Timbktu"), [0]);
        assert_eq!(g.lookup_near("Tmbuktu"), Vec::<u32>::new(), "not in the first two letters");
        assert_eq!(g.lookup_near("Tinbuktu"), Vec::<u32>::new(), "a consonant changed");
        assert_eq!(g.lookup_near("Hombari"), [1]);
        assert_eq!(g.lookup_near("Hombéri"), [1]);
        assert_eq!(g.lookup_near("Timbaktoo"), Vec::<u32>::new(), "two letters");
        assert_eq!(g.lookup_near("Bombori"), Vec::<u32>::new(), "not the first letter");
        assert_eq!(g.lookup_near("Mopta"), Vec::<u32>::new(), "too short");
        assert_eq!(g.admin_name(&g.entry(1), 1).as_deref(), Some("Mopti"));
        assert_eq!(g.entries().count(), 3);
    }

    /// A first-level division's seat: its first-order seat where the source marks one, else the
    /// town that bears its name; none for a division with neither.
    #[test]
    fn a_division_s_seat_is_its_marked_seat_else_its_namesake_town() {
        use crate::entry::sample;
        let g = Gazetteer::from_entries(&[
            sample(1, "Kidal", &[], "ML", "08", 48_000, (19.1, 1.5), "ADM1"),
            sample(2, "Kidal", &[], "ML", "08", 40_000, (18.44, 1.41), "PPL"),
            sample(3, "Anefis", &[], "ML", "08", 5_000, (18.05, 0.6), "PPL"),
            sample(4, "Est", &[], "BF", "78", 1_500_000, (12.0, 1.0), "ADM1"),
            sample(5, "Fada N'Gourma", &[], "BF", "78", 40_000, (12.06, 0.36), "PPLA"),
            sample(6, "Est", &[], "BF", "78", 800, (11.0, 1.5), "PPL"),
            sample(7, "Nord", &[], "BF", "54", 1_700_000, (13.5, -2.4), "ADM1"),
        ])
        .unwrap();
        let seat = |i: u32| g.seat_of(&g.entry(i)).map(|e| e.id);
        assert_eq!(seat(1), Some(2));
        assert_eq!(seat(4), Some(5), "the marked seat before a namesake village");
        assert_eq!(seat(7), None);
    }

    #[test]
    fn bad_blobs_are_errors_not_panics() {
        let b = build(&[]);
        assert!(
            Gazetteer::open(Blob::new(vec![1u8, 2, 3]), Blob::new(b.names.clone()), Blob::new(b.codes.clone()))
                .is_err()
        );
        let mut truncated = build(&[place(1, "A", &[], "ML", "", 0, (0.0, 0.0))]).entries;
        truncated.truncate(20);
        assert!(Gazetteer::open(Blob::new(truncated), Blob::new(b.names), Blob::new(b.codes)).is_err());
    }
}
