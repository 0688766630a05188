//! Readers: from files to [`Document`]s.
//!
//! For now one format: plain UTF-8 text, optionally starting with a ` date YYYY-MM-DD` metadata
//! line, and optionally with a wire dateline ("BAMAKO, Mali (Reuters) -"). The document id is the
//! SHA-256 of the file's bytes and the text is kept unchanged; parsing only records where the
//! body starts. Bad input (empty, binary, invalid UTF-8, too large) is an [`IngestError`] naming
//! the file and the reason, never a panic.
#![deny(missing_docs)]

mod dateline;
pub mod export;
pub mod feed;
pub mod fetch;
pub mod gazetteer;
pub mod html;
pub mod manifest;
pub mod records;

use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use crosscheck_model::{DocMeta, Document};
use sha2::{Digest, Sha256};

pub use dateline::parse_dateline;

/// Why a file could not be ingested.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The file could not be read.
    #[error("{path}: cannot read: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The file is empty or only whitespace.
    #[error("{path}: empty file")]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// The file holds binary data.
    #[error("{path}: binary content (NUL byte at offset {offset}), not a text article")]
    Binary {
        /// The file.
        path: PathBuf,
        /// Where the first NUL byte is.
        offset: usize,
    },
    /// The file is not valid UTF-8.
    #[error("{path}: invalid UTF-8 at byte {offset}")]
    InvalidUtf8 {
        /// The file.
        path: PathBuf,
        /// Where decoding failed.
        offset: usize,
    },
    /// One record of a multi-document input is malformed.
    #[error("{path}, line {line}: {reason}")]
    BadRecord {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// Why.
        reason: String,
    },
    /// The input is of a known format but cannot be read as one (an HTML page with no text).
    #[error("{path}: {reason}")]
    Format {
        /// The file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// A compressed input is corrupt or expands too far.
    #[error("{path}: {reason}")]
    Archive {
        /// The file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// The file is larger than the limit.
    #[error("{path}: file too large ({size} bytes; the limit is {limit} bytes, see --max-bytes)")]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
}

/// Settings for reading files.
#[derive(Clone, Copy, Debug)]
pub struct ReadConfig {
    /// A document larger than this is refused: a file, or one line or row of a JSON Lines or
    /// CSV input (those are streamed, so the input itself may be larger).
    pub max_bytes: u64,
    /// At most this many records (lines, rows, items, archive files) are read from one input;
    /// the rest are refused with one failure saying so.
    pub max_records: usize,
    /// Compressed input (gzip, zip) is refused once it expands beyond this many times its
    /// packed size.
    pub max_ratio: u64,
    /// Read every input as this format instead of detecting it.
    pub format: Option<records::Format>,
}

impl Default for ReadConfig {
    fn default() -> Self {
        ReadConfig { max_bytes: 8 * 1024 * 1024, max_records: 1_000_000, max_ratio: records::MAX_RATIO, format: None }
    }
}

/// The inputs named on a command line, expanded.
#[derive(Debug, Default)]
pub struct Inputs {
    /// Files to read, in order; `-` (stdin) and URLs pass through.
    pub files: Vec<PathBuf>,
    /// Files inside directories that are not read, with the reason.
    pub skipped: Vec<(PathBuf, &'static str)>,
    /// Directories and files that cannot be listed.
    pub errors: Vec<IngestError>,
}

/// Expand files and directories (recursively, sorted) into the files to read. Inside a
/// directory only the file types `records::read_input` reads are taken (`.txt`, `.jsonl`,
/// `.gz`, `.zip`, `.html`, `.htm`, `.xml`, `.rss`, `.atom`, `.csv`); the others are skipped
/// with their reason. A file named explicitly is always read.
pub fn collect_paths(paths: &[PathBuf]) -> Inputs {
    let mut inputs = Inputs::default();
    for p in paths {
        if p == Path::new("-") || fetch::is_url(&p.to_string_lossy()) {
            inputs.files.push(p.clone());
            continue;
        }
        walk(p, true, &mut inputs);
    }
    inputs
}

fn walk(p: &Path, explicit: bool, inputs: &mut Inputs) {
    let Inputs { files, skipped, errors } = inputs;
    match fs::metadata(p) {
        Ok(m) if m.is_dir() => match fs::read_dir(p) {
            Ok(rd) => {
                let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
                entries.sort();
                for e in entries {
                    walk(&e, false, inputs);
                }
            }
            Err(source) => errors.push(IngestError::Io { path: p.to_path_buf(), source }),
        },
        Ok(_)
            if explicit
                || p.extension().is_some_and(|e| {
                    matches!(
                        e.to_str(),
                        Some("txt" | "jsonl" | "gz" | "zip" | "html" | "htm" | "xml" | "rss" | "atom" | "csv")
                    )
                })
                || p.to_string_lossy().ends_with(".jsonl.gz") =>
        {
            files.push(p.to_path_buf())
        }
        Ok(m) if m.is_file() => skipped.push((p.to_path_buf(), "not a file type that is read in a directory")),
        Ok(_) => {}
        Err(source) => errors.push(IngestError::Io { path: p.to_path_buf(), source }),
    }
}

/// Lowercase hex SHA-256.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// Read one text file into a document.
pub fn read_file(path: &Path, cfg: &ReadConfig) -> Result<Document, IngestError> {
    let io = |source| IngestError::Io { path: path.to_path_buf(), source };
    let size = fs::metadata(path).map_err(io)?.len();
    if size > cfg.max_bytes {
        return Err(IngestError::TooLarge { path: path.to_path_buf(), size, limit: cfg.max_bytes });
    }
    let bytes = fs::read(path).map_err(io)?;
    parse_text(&bytes, Some(path.display().to_string())).map_err(|e| match e {
        TextError::Empty => IngestError::Empty { path: path.to_path_buf() },
        TextError::Binary(offset) => IngestError::Binary { path: path.to_path_buf(), offset },
        TextError::InvalidUtf8(offset) => IngestError::InvalidUtf8 { path: path.to_path_buf(), offset },
    })
}

/// Why bytes are not a text document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextError {
    /// Nothing but whitespace.
    Empty,
    /// A NUL byte at this offset.
    Binary(usize),
    /// Invalid UTF-8 at this offset.
    InvalidUtf8(usize),
}

/// Parse the bytes of a plain-text article: metadata line, dateline, body start.
pub fn parse_text(bytes: &[u8], source: Option<String>) -> Result<Document, TextError> {
    if let Some(offset) = bytes.iter().take(8192).position(|b| *b == 0) {
        return Err(TextError::Binary(offset));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| TextError::InvalidUtf8(e.valid_up_to()))?;
    if text.trim().is_empty() {
        return Err(TextError::Empty);
    }
    let id = sha256_hex(bytes);
    let mut meta = DocMeta { source, ..DocMeta::default() };
    let mut body_start = text.len() - text.trim_start().len();
    // " date 2022-09-03 [rest of line]"
    let head = &text[body_start..];
    if let Some(rest) = head.strip_prefix("date ") {
        let token: String = rest.chars().take_while(|c| c.is_ascii_digit() || *c == '-').collect();
        let date = NaiveDate::parse_from_str(&token, "%Y-%m-%d").ok();
        if date.is_some() || token.len() == 7 {
            meta.published = date;
            body_start += 5 + token.len();
            let line_end = text[body_start..].find('\n').map_or(text.len(), |i| body_start + i);
            let rest_of_line = text[body_start..line_end].trim();
            let skip_ws = |at: usize| at + (text[at..].len() - text[at..].trim_start().len());
            if dateline::parse_dateline(text, skip_ws(body_start), meta.published).is_none()
                && !rest_of_line.is_empty()
                && rest_of_line.len() <= 80
                && !rest_of_line.ends_with('.')
            {
                // " date 2022-04-05 Outlet name" on its own line.
                meta.outlet = Some(rest_of_line.to_string());
                body_start = line_end;
            }
            body_start = skip_ws(body_start);
        }
    }
    if let Some(dl) = dateline::parse_dateline(text, body_start, meta.published) {
        body_start = dl.span.end;
        if meta.outlet.is_none() {
            meta.outlet = dl.outlet.clone();
        }
        if meta.published.is_none() {
            meta.published = dl.date.filter(|_| false);
        }
        meta.dateline = Some(dl);
    }
    Ok(Document { id, text: text.to_string(), body_start: body_start.min(text.len()), meta })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metadata_line_and_dateline() {
        let text = " date 2022-09-03 Bamako, Sept 3 (UrduPoint / Pakistan Point News - 3rd Sep, 2022 ) :The junta in Mali on Friday rejected it.";
        let d = parse_text(text.as_bytes(), None).unwrap();
        assert_eq!(d.meta.published, NaiveDate::from_ymd_opt(2022, 9, 3));
        let dl = d.meta.dateline.as_ref().unwrap();
        assert_eq!(dl.place, "Bamako");
        assert_eq!(dl.outlet.as_deref(), Some("UrduPoint / Pakistan Point News"));
        assert_eq!(dl.date, NaiveDate::from_ymd_opt(2022, 9, 3));
        assert!(d.text[d.body_start..].starts_with("The junta"));
        assert_eq!(d.text, text, "text is kept unchanged");
    }

    #[test]
    fn outlet_on_the_metadata_line() {
        let d = parse_text(b" date 2022-04-05 Some Outlet\nGunmen killed ten people.", None).unwrap();
        assert_eq!(d.meta.outlet.as_deref(), Some("Some Outlet"));
        assert!(d.text[d.body_start..].starts_with("Gunmen"));
    }

    #[test]
    fn bad_bytes_are_errors_not_panics() {
        assert_eq!(parse_text(b"  \n", None).unwrap_err(), TextError::Empty);
        assert_eq!(parse_text(b"ab\0cd", None).unwrap_err(), TextError::Binary(2));
        assert_eq!(parse_text(b"ok \xff\xfe", None).unwrap_err(), TextError::InvalidUtf8(3));
    }

    #[test]
    fn read_file_names_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("big.txt");
        fs::write(&p, vec![b'a'; 2048]).unwrap();
        let err = read_file(&p, &ReadConfig { max_bytes: 1024, ..ReadConfig::default() }).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("big.txt") && msg.contains("too large"), "{msg}");
    }

    #[test]
    fn same_bytes_same_id() {
        let a = parse_text(b"Gunmen killed ten people.", None).unwrap();
        let b = parse_text(b"Gunmen killed ten people.", Some("elsewhere".into())).unwrap();
        assert_eq!(a.id, b.id);
        assert_eq!(a.id.len(), 64);
    }
}
