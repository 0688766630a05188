//! The gazetteer: GeoNames entries, an index over normalised names, and disambiguation.
//!
//! This crate does no IO. A [`Gazetteer`] is built from entries ([`index::build`]) into three
//! byte blobs, and opened over any bytes ([`Gazetteer::open`]): a memory map of the files that
//! `crosscheck-ingest` writes, or vectors in tests.
//!
//! - [`entry`]: one place, admin division or country, and how it is parsed from the default
//!   TSV and from GeoNames dumps.
//! - [`normalise`]: the keys names are looked up by (case, accents, punctuation, and common
//!   transliteration variants such as "Tombouctou"/"Timbuktu"-style `ou`/`u` and `dj`/`j`).
//! - [`index`]: the binary layout and the fst over names and codes.
//! - [`resolve`]: choosing among same-named places with the country, admin and distance context,
//!   with a score and a reason.

pub mod entry;
pub mod index;
pub mod normalise;
pub mod resolve;

pub use entry::Entry;
pub use index::{Blob, Built, Gazetteer, GeoError};
pub use resolve::{Context, Resolved};

/// The default gazetteer's source: GeoNames populated places with population ≥ 500, countries,
/// admin1 and admin2 divisions (CC BY 4.0), derived by `scripts/gazetteer-default.py`.
pub const DEFAULT_TSV_GZ: &[u8] = include_bytes!("../data/gazetteer.tsv.gz");

/// A fingerprint of the default gazetteer's data and index layout: the gzip trailer (CRC-32 and
/// size of the uncompressed text) and [`index::FORMAT`], so an index built from an older default
/// or by an older layout can be recognised and rebuilt.
pub fn default_fingerprint() -> String {
    let n = DEFAULT_TSV_GZ.len();
    let data: String = DEFAULT_TSV_GZ[n.saturating_sub(8)..].iter().map(|b| format!("{b:02x}")).collect();
    format!("{data} index {}", index::FORMAT)
}

/// Parse the default gazetteer. Errors name the line and the reason.
pub fn default_entries() -> Result<Vec<Entry>, GeoError> {
    use std::io::Read;
    let mut text = String::new();
    flate2::read::GzDecoder::new(DEFAULT_TSV_GZ)
        .read_to_string(&mut text)
        .map_err(|e| GeoError::Format(format!("default gazetteer: {e}")))?;
    entry::parse_tsv(&text, "gazetteer.tsv.gz")
}

/// Great-circle distance in km.
pub fn haversine_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (la1, lo1, la2, lo2) = (a.0.to_radians(), a.1.to_radians(), b.0.to_radians(), b.1.to_radians());
    let h = ((la2 - la1) / 2.0).sin().powi(2) + la1.cos() * la2.cos() * ((lo2 - lo1) / 2.0).sin().powi(2);
    2.0 * 6371.0088 * h.sqrt().asin()
}
