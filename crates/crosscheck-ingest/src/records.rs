//! Inputs that hold many documents, or need unpacking: JSON Lines dumps, CSV exports, gzip and
//! zip files, stdin.
//!
//! **Streaming**: JSON Lines and CSV exports are read record by record, so memory does not grow
//! with the size of the input; `--max-bytes` then limits each record (a line, a row), not the
//! file. Other formats (one document, or a feed) are read whole, up to `--max-bytes`.
//!
//! **Archives**: `.gz` files (and gzip data under any name) are decompressed as they are read,
//! and refused as a compression bomb once the output passes [`ReadConfig::max_ratio`] times the
//! packed bytes read so far. Each file of a `.zip` archive is read like a file of its own
//! (`archive.zip:inner.html`), within the same ratio of the archive's size.
//!
//! **Format detection** is by content first, unless `--format` names it ([`Format`]): a first
//! non-blank line that is a JSON object makes JSON Lines; a CSV whose header is an ACLED or UCDP
//! GED export is one coded claim per row ([`crate::export`]); an XML document with `<rss` or
//! `<feed` is a feed ([`crate::feed`], one document per item); a page that opens with
//! `<!DOCTYPE html>`, `<html` or has a `<body` is HTML ([`crate::html`]); anything else is a
//! plain-text article (UTF-8, or UTF-16 with a byte-order mark).
//!
//! **JSON Lines**: one document per line. The default mapping reads `text` (else `body`, else
//! `content`) for the text, and `url`, `title`, `published` (`YYYY-MM-DD`, or an RFC 3339
//! timestamp), `outlet` and `language` when present; `--map text=body,published=date,...`
//! renames them. The title, when given, is the first line of the document's text. The document
//! id is the SHA-256 of the line's own bytes, so re-ingesting the dump changes nothing. A broken
//! line is one failed record (with its line number and reason); the other lines are still read.

use std::cell::Cell;
use std::io::{BufRead, BufReader, Cursor, Read};
use std::path::{Path, PathBuf};
use std::rc::Rc;

use chrono::NaiveDate;
use crosscheck_model::{DocMeta, Document};

use crate::{IngestError, ReadConfig, TextError, parse_text, sha256_hex};

/// The default for [`ReadConfig::max_ratio`]: the largest expansion accepted for compressed input.
pub const MAX_RATIO: u64 = 200;

/// Compressed inputs may always expand to this many bytes, whatever their ratio.
const MIN_BUDGET: u64 = 64 * 1024;

/// What an input is read as: detected from the content, or named with `--format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// A plain-text article.
    Text,
    /// An HTML page.
    Html,
    /// JSON Lines, one document per line.
    Jsonl,
    /// An ACLED or UCDP GED CSV export, one coded claim per row.
    Csv,
    /// An RSS or Atom feed, one document per item.
    Feed,
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Format, String> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "text" | "txt" => Format::Text,
            "html" | "htm" => Format::Html,
            "jsonl" | "ndjson" => Format::Jsonl,
            "csv" | "acled" | "ucdp" => Format::Csv,
            "feed" | "rss" | "atom" => Format::Feed,
            other => return Err(format!("unknown format {other:?} (text, html, jsonl, csv, feed)")),
        })
    }
}

impl Format {
    /// The format the start of an input's content points to.
    pub fn detect(head: &[u8]) -> Format {
        if is_jsonl(head) {
            Format::Jsonl
        } else if crate::export::detect(head).is_some() {
            Format::Csv
        } else if crate::feed::looks_like_feed(head) {
            Format::Feed
        } else if crate::html::looks_like_html(head) {
            Format::Html
        } else {
            Format::Text
        }
    }
}

/// Field names for JSON Lines records.
#[derive(Clone, Debug)]
pub struct FieldMap {
    /// Keys tried, in order, for the text.
    pub text: Vec<String>,
    /// Key of the URL.
    pub url: String,
    /// Key of the title.
    pub title: String,
    /// Key of the publication date.
    pub published: String,
    /// Key of the outlet.
    pub outlet: String,
    /// Key of the language.
    pub language: String,
}

impl Default for FieldMap {
    fn default() -> Self {
        FieldMap {
            text: vec!["text".into(), "body".into(), "content".into()],
            url: "url".into(),
            title: "title".into(),
            published: "published".into(),
            outlet: "outlet".into(),
            language: "language".into(),
        }
    }
}

impl FieldMap {
    /// Apply `text=body,published=date,...` to the default mapping.
    pub fn parse(spec: &str) -> Result<FieldMap, String> {
        let mut m = FieldMap::default();
        for pair in spec.split(',').filter(|p| !p.trim().is_empty()) {
            let (k, v) = pair.split_once('=').ok_or_else(|| format!("{pair:?} is not FIELD=KEY"))?;
            let v = v.trim().to_string();
            match k.trim() {
                "text" => m.text = vec![v],
                "url" => m.url = v,
                "title" => m.title = v,
                "published" => m.published = v,
                "outlet" => m.outlet = v,
                "language" => m.language = v,
                other => {
                    return Err(format!("unknown field {other:?} (text, url, title, published, outlet, language)"));
                }
            }
        }
        Ok(m)
    }
}

/// One input record and what became of it.
#[derive(Debug)]
pub struct Record {
    /// The file, and the line for multi-document inputs (`dump.jsonl:17`).
    pub label: String,
    /// The document, or why not.
    pub result: Result<Document, IngestError>,
    /// Claims the input codes itself (a row of an ACLED or UCDP export): stored as they are,
    /// not re-extracted from the text.
    pub coded: Option<Vec<crosscheck_model::Claim>>,
    /// The format the record was read as (`None` when the input could not be read that far).
    pub format: Option<Format>,
}

/// An input's records, read one at a time.
pub type Records = Box<dyn Iterator<Item = Record>>;

fn text_error(path: &Path, e: TextError) -> IngestError {
    match e {
        TextError::Empty => IngestError::Empty { path: path.to_path_buf() },
        TextError::Binary(offset) => IngestError::Binary { path: path.to_path_buf(), offset },
        TextError::InvalidUtf8(offset) => IngestError::InvalidUtf8 { path: path.to_path_buf(), offset },
    }
}

fn is_jsonl(bytes: &[u8]) -> bool {
    let first = bytes.split(|b| *b == b'\n').map(|l| l.trim_ascii()).find(|l| !l.is_empty());
    first.is_some_and(|l| {
        l.starts_with(b"{") && serde_json::from_slice::<serde_json::Value>(l).is_ok_and(|v| v.is_object())
    })
}

fn date_of(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()
}

/// One JSON Lines record.
fn jsonl_record(line: &[u8], map: &FieldMap, path: &Path, n: usize) -> Result<Document, IngestError> {
    let bad = |reason: String| IngestError::BadRecord { path: path.to_path_buf(), line: n, reason };
    let v: serde_json::Value = serde_json::from_slice(line).map_err(|e| bad(format!("not JSON: {e}")))?;
    let obj = v.as_object().ok_or_else(|| bad("not a JSON object".into()))?;
    let get = |k: &str| obj.get(k).and_then(|x| x.as_str()).map(str::trim).filter(|s| !s.is_empty());
    let body = map
        .text
        .iter()
        .find_map(|k| get(k))
        .ok_or_else(|| bad(format!("no text (keys tried: {})", map.text.join(", "))))?;
    let text = match get(&map.title) {
        Some(t) if !body.starts_with(t) => format!("{t}\n\n{body}"),
        _ => body.to_string(),
    };
    let meta = DocMeta {
        source: Some(get(&map.url).map_or(format!("{}:{n}", path.display()), str::to_string)),
        outlet: get(&map.outlet).map(str::to_string),
        published: get(&map.published).and_then(date_of),
        language: get(&map.language).map(str::to_string),
        dateline: None,
        original: None,
    };
    // The analysed text is the record's text; the id is the hash of the record's own bytes.
    let mut doc = parse_text(text.as_bytes(), meta.source.clone()).map_err(|e| bad(format!("{e:?}")))?;
    doc.id = sha256_hex(line);
    doc.meta = DocMeta { dateline: doc.meta.dateline.take(), ..meta };
    Ok(doc)
}

/// Read one input (a file path, or `-` for stdin) into records, lazily.
pub fn read_input(path: &Path, cfg: &ReadConfig, map: &FieldMap) -> Records {
    let raw: Box<dyn Read> = if path == Path::new("-") {
        Box::new(std::io::stdin())
    } else {
        match std::fs::File::open(path) {
            Ok(f) => Box::new(f),
            Err(source) => {
                return failed(path.display().to_string(), IngestError::Io { path: path.to_path_buf(), source });
            }
        }
    };
    limit(open_reader(path, raw, true, cfg, map), path, cfg)
}

/// The records of bytes fetched or read elsewhere (a URL's body), labelled with their origin.
pub fn read_bytes(label: &str, bytes: Vec<u8>, cfg: &ReadConfig, map: &FieldMap) -> Records {
    let path = Path::new(label);
    limit(open_reader(path, Box::new(Cursor::new(bytes)), true, cfg, map), path, cfg)
}

fn failed(label: String, e: IngestError) -> Records {
    Box::new(std::iter::once(Record { label, result: Err(e), coded: None, format: None }))
}

/// Cut a multi-record input at `cfg.max_records`, with one failure saying what was refused.
fn limit(records: Records, path: &Path, cfg: &ReadConfig) -> Records {
    let (max, path) = (cfg.max_records, path.to_path_buf());
    let mut n = 0usize;
    Box::new(records.map_while(move |r| {
        n += 1;
        match n.cmp(&(max + 1)) {
            std::cmp::Ordering::Less => Some(r),
            std::cmp::Ordering::Equal => Some(Record {
                label: path.display().to_string(),
                result: Err(IngestError::Format {
                    path: path.clone(),
                    reason: format!("more than {max} records: the rest refused (see --max-records)"),
                }),
                coded: None,
                format: None,
            }),
            std::cmp::Ordering::Greater => None,
        }
    }))
}

/// Open one input: a zip archive (when `zip` allows, so archives do not nest), gzip data
/// decompressed as it is read, then its records by format.
fn open_reader(path: &Path, raw: Box<dyn Read>, zip: bool, cfg: &ReadConfig, map: &FieldMap) -> Records {
    let label = path.display().to_string();
    let mut r = BufReader::with_capacity(64 * 1024, raw);
    let magic = match fill_at_least(&mut r, 4) {
        Ok(m) => m,
        Err(source) => return failed(label, IngestError::Io { path: path.to_path_buf(), source }),
    };
    if zip && magic.starts_with(b"PK\x03\x04") {
        let mut bytes = Vec::new();
        return match r.take(cfg.max_bytes + 1).read_to_end(&mut bytes) {
            Err(source) => failed(label, IngestError::Io { path: path.to_path_buf(), source }),
            Ok(_) if bytes.len() as u64 > cfg.max_bytes => failed(
                label,
                IngestError::TooLarge { path: path.to_path_buf(), size: bytes.len() as u64, limit: cfg.max_bytes },
            ),
            Ok(_) => Box::new(unzip(path, &bytes, cfg, map).into_iter()),
        };
    }
    let gz = magic.starts_with(&[0x1f, 0x8b]) || path.extension().is_some_and(|e| e.eq_ignore_ascii_case("gz"));
    let reader: Box<dyn Read> = if gz { Box::new(Inflate::new(r, cfg.max_ratio)) } else { Box::new(r) };
    records_of(path, reader, gz, cfg, map)
}

/// Fill the buffer until it holds `n` bytes or the input ends; the bytes buffered.
fn fill_at_least(r: &mut BufReader<Box<dyn Read>>, n: usize) -> std::io::Result<Vec<u8>> {
    // `fill_buf` on a pipe may return fewer bytes than asked: read the few needed into a
    // vector and put them back in front.
    let buf = r.fill_buf()?;
    if buf.len() >= n || buf.is_empty() {
        return Ok(buf[..buf.len().min(n)].to_vec());
    }
    let mut head = Vec::new();
    r.by_ref().take(n as u64).read_to_end(&mut head)?;
    let rest = std::mem::replace(r, BufReader::new(Box::new(std::io::empty())));
    *r = BufReader::with_capacity(64 * 1024, Box::new(Cursor::new(head.clone()).chain(rest)));
    Ok(head)
}

/// A gzip stream (all its members) that refuses to expand beyond `ratio` times the packed
/// bytes read so far.
struct Inflate {
    dec: flate2::read::MultiGzDecoder<Counted>,
    packed: Rc<Cell<u64>>,
    out: u64,
    ratio: u64,
}

/// A reader that counts the bytes read through it.
struct Counted(BufReader<Box<dyn Read>>, Rc<Cell<u64>>);

impl Read for Counted {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.0.read(buf)?;
        self.1.set(self.1.get() + n as u64);
        Ok(n)
    }
}

impl Inflate {
    fn new(r: BufReader<Box<dyn Read>>, ratio: u64) -> Inflate {
        let packed = Rc::new(Cell::new(0));
        Inflate { dec: flate2::read::MultiGzDecoder::new(Counted(r, packed.clone())), packed, out: 0, ratio }
    }
}

impl Read for Inflate {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.dec.read(buf)?;
        self.out += n as u64;
        let packed = self.packed.get();
        if self.out > packed.saturating_mul(self.ratio).max(MIN_BUDGET) {
            return Err(std::io::Error::new(
                std::io::ErrorKind::FileTooLarge,
                format!(
                    "expands beyond {} bytes from {packed} (more than {}×, see --max-ratio): refused as a compression bomb",
                    self.out, self.ratio
                ),
            ));
        }
        Ok(n)
    }
}

/// The error for a failed read of an input.
fn read_error(path: &Path, e: std::io::Error, gz: bool) -> IngestError {
    let path = path.to_path_buf();
    match e.kind() {
        std::io::ErrorKind::FileTooLarge => IngestError::Archive { path, reason: e.to_string() },
        _ if gz => IngestError::Archive { path, reason: format!("bad gzip data: {e}") },
        _ => IngestError::Io { path, source: e },
    }
}

/// The records of one input's (decompressed) content: streamed for JSON Lines and CSV exports,
/// read whole (up to `max_bytes`) for the rest.
fn records_of(path: &Path, reader: Box<dyn Read>, gz: bool, cfg: &ReadConfig, map: &FieldMap) -> Records {
    let label = path.display().to_string();
    let mut r = BufReader::with_capacity(64 * 1024, reader);
    // Enough of the start to tell the format: 64 KiB, and a first JSON line in full.
    let mut head = Vec::new();
    if let Err(e) = r.by_ref().take(64 * 1024).read_to_end(&mut head) {
        return failed(label, read_error(path, e, gz));
    }
    let first = head.iter().position(|b| !b.is_ascii_whitespace());
    if let Some(i) = first.filter(|i| head[*i] == b'{' && !head[*i..].contains(&b'\n'))
        && let Err(e) = r.by_ref().take(cfg.max_bytes.saturating_sub(i as u64)).read_until(b'\n', &mut head)
    {
        return failed(label, read_error(path, e, gz));
    }
    let format = cfg.format.unwrap_or_else(|| Format::detect(&head));
    let rest: Box<dyn Read> = Box::new(Cursor::new(head).chain(r));
    match format {
        Format::Jsonl => Box::new(JsonLines {
            r: BufReader::with_capacity(64 * 1024, rest),
            path: path.to_path_buf(),
            map: map.clone(),
            max: cfg.max_bytes,
            gz,
            n: 0,
            done: false,
        }),
        Format::Csv => {
            let mut rest = BufReader::new(LineLimit { inner: rest, max: cfg.max_bytes, run: 0 });
            let dataset = match rest.fill_buf() {
                Ok(b) => crate::export::detect(b),
                Err(e) => return failed(label, read_error(path, e, gz)),
            };
            let Some(dataset) = dataset else {
                return failed(
                    label,
                    IngestError::Format {
                        path: path.to_path_buf(),
                        reason: "not an ACLED export (event_id_cnty, notes) or a UCDP GED export (relid, best): \
                                 its header lacks their columns"
                            .into(),
                    },
                );
            };
            Box::new(crate::export::rows(rest, &label, dataset).map(move |(l, r)| match r {
                Ok((doc, claim)) => {
                    Record { label: l, result: Ok(doc), coded: Some(vec![claim]), format: Some(Format::Csv) }
                }
                Err(reason) => Record {
                    label: l.clone(),
                    result: Err(IngestError::Format { path: PathBuf::from(&l), reason }),
                    coded: None,
                    format: Some(Format::Csv),
                },
            }))
        }
        Format::Text | Format::Html | Format::Feed => {
            let mut bytes = Vec::new();
            if let Err(e) = rest.take(cfg.max_bytes + 1).read_to_end(&mut bytes) {
                return failed(label, read_error(path, e, gz));
            }
            if bytes.len() as u64 > cfg.max_bytes {
                let size = std::fs::metadata(path).ok().filter(|_| !gz).map_or(bytes.len() as u64, |m| m.len());
                return failed(label, IngestError::TooLarge { path: path.to_path_buf(), size, limit: cfg.max_bytes });
            }
            Box::new(document_records(path, &label, bytes, format).into_iter())
        }
    }
}

/// A reader that fails once a line runs longer than `max` bytes: a CSV record is read whole by
/// the csv crate, so this bounds what one row can hold in memory.
struct LineLimit {
    inner: Box<dyn Read>,
    max: u64,
    run: u64,
}

impl Read for LineLimit {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.run > self.max {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("a line longer than {} bytes (see --max-bytes): refused", self.max),
            ));
        }
        let n = self.inner.read(buf)?;
        for (k, &b) in buf[..n].iter().enumerate() {
            self.run = if b == b'\n' { 0 } else { self.run + 1 };
            if self.run > self.max {
                // The bytes before the long line still count; the next read fails.
                return if k == 0 { self.read(buf) } else { Ok(k) };
            }
        }
        Ok(n)
    }
}

/// JSON Lines read line by line; a line longer than `max` bytes is refused and skipped.
struct JsonLines {
    r: BufReader<Box<dyn Read>>,
    path: PathBuf,
    map: FieldMap,
    max: u64,
    gz: bool,
    n: usize,
    done: bool,
}

impl JsonLines {
    /// A read error ends the input: one failure for the line it hit.
    fn stop(&mut self, e: std::io::Error) -> Option<Record> {
        self.done = true;
        Some(Record {
            label: format!("{}:{}", self.path.display(), self.n),
            result: Err(read_error(&self.path, e, self.gz)),
            coded: None,
            format: Some(Format::Jsonl),
        })
    }
}

impl Iterator for JsonLines {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        let label = |n: usize| format!("{}:{n}", self.path.display());
        loop {
            if self.done {
                return None;
            }
            self.n += 1;
            let mut line = Vec::new();
            match self.r.by_ref().take(self.max + 1).read_until(b'\n', &mut line) {
                Ok(0) => {
                    self.done = true;
                    return None;
                }
                Ok(_) => {}
                Err(e) => return self.stop(e),
            }
            if line.len() as u64 > self.max && !line.ends_with(b"\n") {
                if let Err(e) = skip_line(&mut self.r) {
                    return self.stop(e);
                }
                let reason = format!("longer than {} bytes (see --max-bytes): refused", self.max);
                return Some(Record {
                    label: label(self.n),
                    result: Err(IngestError::BadRecord { path: self.path.clone(), line: self.n, reason }),
                    coded: None,
                    format: Some(Format::Jsonl),
                });
            }
            let l = line.trim_ascii();
            if l.is_empty() {
                continue;
            }
            return Some(Record {
                label: label(self.n),
                result: jsonl_record(l, &self.map, &self.path, self.n),
                coded: None,
                format: Some(Format::Jsonl),
            });
        }
    }
}

/// Consume the rest of the current line.
fn skip_line(r: &mut impl BufRead) -> std::io::Result<()> {
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            return Ok(());
        }
        if let Some(i) = buf.iter().position(|b| *b == b'\n') {
            r.consume(i + 1);
            return Ok(());
        }
        let n = buf.len();
        r.consume(n);
    }
}

/// The records of a zip archive's files, each read like a file of its own. The expansion is
/// limited as for gzip ([`MAX_RATIO`] times the archive, and `max_bytes` per file); what is past
/// the limit is refused with the reason, and what came before is kept.
fn unzip(path: &Path, bytes: &[u8], cfg: &ReadConfig, map: &FieldMap) -> Vec<Record> {
    let label = path.display().to_string();
    let fail = |l: String, reason: String| Record {
        label: l,
        result: Err(IngestError::Archive { path: path.to_path_buf(), reason }),
        coded: None,
        format: None,
    };
    let mut z = match zip::ZipArchive::new(std::io::Cursor::new(bytes)) {
        Ok(z) => z,
        Err(e) => return vec![fail(label, format!("not a readable zip archive: {e}"))],
    };
    let budget = (bytes.len() as u64).saturating_mul(cfg.max_ratio).max(MIN_BUDGET);
    let mut used = 0u64;
    let mut out = Vec::new();
    for i in 0..z.len() {
        let mut f = match z.by_index(i) {
            Ok(f) => f,
            Err(e) => {
                out.push(fail(format!("{label}#{i}"), format!("unreadable entry: {e}")));
                continue;
            }
        };
        if f.is_dir() {
            continue;
        }
        let name = f.name().map(|n| n.to_string()).unwrap_or_else(|_| format!("#{i}"));
        let inner = format!("{label}:{name}");
        let limit = cfg.max_bytes.min(budget.saturating_sub(used));
        let mut data = Vec::new();
        if let Err(e) = (&mut f).take(limit + 1).read_to_end(&mut data) {
            out.push(fail(inner, format!("unreadable entry: {e}")));
            continue;
        }
        if data.len() as u64 > limit {
            out.push(fail(
                inner,
                format!(
                    "expands beyond {limit} bytes (more than {}× the archive, see --max-ratio, or over --max-bytes): refused",
                    cfg.max_ratio
                ),
            ));
            break;
        }
        used += data.len() as u64;
        out.extend(open_reader(Path::new(&inner), Box::new(std::io::Cursor::new(data)), false, cfg, map));
    }
    out
}

/// The records of an input read whole: a feed's items, an HTML page, or a text article.
fn document_records(path: &Path, label: &str, bytes: Vec<u8>, format: Format) -> Vec<Record> {
    let label = label.to_string();
    let one = |result| vec![Record { label: label.clone(), result, coded: None, format: Some(format) }];
    let format_error = |reason| IngestError::Format { path: path.to_path_buf(), reason };
    match format {
        Format::Feed => match crate::feed::parse_feed(&bytes, &label) {
            Ok(items) => items
                .into_iter()
                .map(|(l, r)| Record {
                    label: l.clone(),
                    result: r.map_err(|reason| IngestError::Format { path: PathBuf::from(&l), reason }),
                    coded: None,
                    format: Some(Format::Feed),
                })
                .collect(),
            Err(reason) => one(Err(format_error(reason))),
        },
        Format::Html => one(crate::html::parse_html(&bytes, Some(label.clone())).map_err(format_error)),
        _ => {
            // UTF-16 with a byte-order mark: decoded to UTF-8; the original bytes stay the
            // evidence copy and give the id.
            if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(&bytes).filter(|(e, _)| *e != encoding_rs::UTF_8) {
                let text = enc.decode_without_bom_handling(&bytes[bom..]).0.into_owned();
                return one(parse_text(text.as_bytes(), Some(label.clone())).map_err(|e| text_error(path, e)).map(
                    |mut d| {
                        d.id = sha256_hex(&bytes);
                        d.meta.original = Some(bytes.clone());
                        d
                    },
                ));
            }
            one(parse_text(&bytes, Some(label.clone())).map_err(|e| text_error(path, e)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonl_lines_are_documents_and_a_broken_line_is_one_failure() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("dump.jsonl");
        std::fs::write(
            &p,
            concat!(
                "{\"title\": \"Attack in Boni\", \"text\": \"Gunmen killed ten people in Boni on Sunday.\", \"published\": \"2022-05-02T10:00:00Z\", \"outlet\": \"Radio X\", \"url\": \"https://x/1\"}\n",
                "{\"text\": \"broken\n",
                "\n",
                "{\"body\": \"Soldiers killed five in Gao.\", \"language\": \"en\"}\n",
                "{\"title\": \"no text\"}\n",
            ),
        )
        .unwrap();
        let recs = read_input(&p, &ReadConfig::default(), &FieldMap::default()).collect::<Vec<_>>();
        assert_eq!(recs.len(), 4);
        let d = recs[0].result.as_ref().unwrap();
        assert!(d.text.starts_with("Attack in Boni\n\nGunmen"));
        assert_eq!(d.meta.published, NaiveDate::from_ymd_opt(2022, 5, 2));
        assert_eq!((d.meta.outlet.as_deref(), d.meta.source.as_deref()), (Some("Radio X"), Some("https://x/1")));
        assert!(recs[1].result.as_ref().unwrap_err().to_string().contains("dump.jsonl, line 2"));
        assert!(recs[2].result.is_ok());
        assert!(recs[3].result.as_ref().unwrap_err().to_string().contains("no text"));
        let mapped =
            read_input(&p, &ReadConfig::default(), &FieldMap::parse("text=title").unwrap()).collect::<Vec<_>>();
        assert!(mapped[3].result.as_ref().unwrap().text.starts_with("no text"));
        assert!(FieldMap::parse("txt=body").is_err());
    }

    #[test]
    fn zip_archives_are_read_file_by_file_and_bombs_refused() {
        use std::io::Write;
        let dir = tempfile::tempdir().unwrap();
        let make = |name: &str, files: &[(&str, Vec<u8>)]| {
            let p = dir.path().join(name);
            let mut w = zip::ZipWriter::new(std::fs::File::create(&p).unwrap());
            let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
            for (n, data) in files {
                w.start_file(*n, opts).unwrap();
                w.write_all(data).unwrap();
            }
            w.finish().unwrap();
            p
        };
        let ok = make(
            "a.zip",
            &[
                ("one.txt", b"Gunmen killed ten people.".to_vec()),
                ("two.jsonl", b"{\"text\": \"Five soldiers died.\"}\n{\"text\": \"Two more died.\"}\n".to_vec()),
            ],
        );
        let recs = read_input(&ok, &ReadConfig::default(), &FieldMap::default()).collect::<Vec<_>>();
        assert_eq!(recs.len(), 3);
        assert!(recs.iter().all(|r| r.result.is_ok()));
        assert!(recs[0].label.ends_with("a.zip:one.txt") && recs[2].label.ends_with("a.zip:two.jsonl:2"));
        let bomb = make(
            "bomb.zip",
            &[("first.txt", b"Gunmen killed ten people.".to_vec()), ("zeros.txt", vec![b'0'; 40_000_000])],
        );
        let recs = read_input(&bomb, &ReadConfig::default(), &FieldMap::default()).collect::<Vec<_>>();
        assert!(recs[0].result.is_ok(), "what comes before the bomb is kept");
        assert!(recs[1].result.as_ref().unwrap_err().to_string().contains("refused"));
    }

    #[test]
    fn a_records_limit_refuses_the_rest_with_one_failure() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("many.jsonl");
        std::fs::write(&p, "{\"text\": \"One.\"}\n".repeat(5)).unwrap();
        let cfg = ReadConfig { max_records: 3, ..ReadConfig::default() };
        let r = read_input(&p, &cfg, &FieldMap::default()).collect::<Vec<_>>();
        assert_eq!(r.len(), 4);
        assert!(r[3].result.as_ref().unwrap_err().to_string().contains("more than 3 records: the rest refused"));
    }

    #[test]
    fn utf16_text_with_a_bom_becomes_utf8() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("u16.txt");
        let bytes: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Gunmen killed ten people in Ségou.".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        std::fs::write(&p, &bytes).unwrap();
        let r = read_input(&p, &ReadConfig::default(), &FieldMap::default()).collect::<Vec<_>>();
        let d = r[0].result.as_ref().unwrap();
        assert_eq!(d.text, "Gunmen killed ten people in Ségou.");
        assert_eq!(d.id, sha256_hex(&bytes));
    }

    #[test]
    fn gzip_inputs_are_read_and_bombs_refused() {
        use std::io::Write;
        let dir = tempfile::tempdir().unwrap();
        let gz = |name: &str, data: &[u8]| {
            let p = dir.path().join(name);
            let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
            e.write_all(data).unwrap();
            std::fs::write(&p, e.finish().unwrap()).unwrap();
            p
        };
        let ok =
            read_input(&gz("a.txt.gz", b"Gunmen killed ten people."), &ReadConfig::default(), &FieldMap::default())
                .collect::<Vec<_>>();
        assert!(ok[0].result.as_ref().unwrap().text.starts_with("Gunmen"));
        let bomb =
            read_input(&gz("bomb.txt.gz", &vec![b'a'; 50_000_000]), &ReadConfig::default(), &FieldMap::default())
                .collect::<Vec<_>>();
        let err = bomb[0].result.as_ref().unwrap_err().to_string();
        assert!(err.contains("bomb.txt.gz") && err.contains("refused"), "{err}");
        let bad = dir.path().join("bad.gz");
        std::fs::write(&bad, [0x1f, 0x8b, 8, 0, 0, 0]).unwrap();
        assert!(read_input(&bad, &ReadConfig::default(), &FieldMap::default()).collect::<Vec<_>>()[0].result.is_err());
    }

    #[test]
    fn json_lines_and_csv_exports_stream_past_the_size_limit_which_then_bounds_each_record() {
        use std::io::Write;
        let dir = tempfile::tempdir().unwrap();
        let cfg = ReadConfig { max_bytes: 200, ..ReadConfig::default() };
        // 2,000 lines of ~50 bytes: 100 kB, 500 times the limit, and one line over it.
        let p = dir.path().join("big.jsonl");
        let mut f = std::fs::File::create(&p).unwrap();
        for i in 0..2000 {
            writeln!(f, "{{\"text\": \"Gunmen killed {i} people in Boni.\"}}").unwrap();
        }
        writeln!(f, "{{\"text\": \"{}\"}}", "long ".repeat(100)).unwrap();
        writeln!(f, "{{\"text\": \"The last line.\"}}").unwrap();
        drop(f);
        let recs: Vec<Record> = read_input(&p, &cfg, &FieldMap::default()).collect();
        assert_eq!(recs.len(), 2002);
        assert_eq!(recs.iter().filter(|r| r.result.is_ok()).count(), 2001);
        let err = recs[2000].result.as_ref().unwrap_err().to_string();
        assert!(err.contains("big.jsonl, line 2001: longer than 200 bytes"), "{err}");
        assert!(recs[2001].result.as_ref().unwrap().text.contains("The last line"));
        // The same through gzip.
        let gz = dir.path().join("big.jsonl.gz");
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(&std::fs::read(&p).unwrap()).unwrap();
        std::fs::write(&gz, e.finish().unwrap()).unwrap();
        assert_eq!(read_input(&gz, &cfg, &FieldMap::default()).filter(|r| r.result.is_ok()).count(), 2001);
        // An ACLED export of 500 rows, 100 times the limit.
        let csv = dir.path().join("export.csv");
        let mut f = std::fs::File::create(&csv).unwrap();
        writeln!(f, "event_id_cnty,event_date,event_type,country,location,fatalities,notes").unwrap();
        for i in 0..500 {
            writeln!(f, "MLI{i},2022-04-0{},Battles,Mali,Gao,{i},\"Clashes near Gao.\"", i % 9 + 1).unwrap();
        }
        drop(f);
        let rows: Vec<Record> = read_input(&csv, &cfg, &FieldMap::default()).collect();
        assert_eq!(rows.len(), 500);
        assert!(rows.iter().all(|r| r.result.is_ok() && r.coded.is_some()));
        // A text article is still limited as a whole.
        let txt = dir.path().join("long.txt");
        std::fs::write(&txt, "Gunmen killed ten people. ".repeat(20)).unwrap();
        let err = read_input(&txt, &cfg, &FieldMap::default()).next().unwrap().result.unwrap_err().to_string();
        assert!(err.contains("file too large (520 bytes; the limit is 200 bytes"), "{err}");
    }

    #[test]
    fn a_gzipped_json_lines_bomb_keeps_the_lines_before_it_and_stops_with_the_ratio() {
        use std::io::Write;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("dump.jsonl.gz");
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        e.write_all(b"{\"text\": \"Gunmen killed ten people.\"}\n").unwrap();
        e.write_all(&vec![b' '; 40_000_000]).unwrap();
        std::fs::write(&p, e.finish().unwrap()).unwrap();
        let recs: Vec<Record> = read_input(&p, &ReadConfig::default(), &FieldMap::default()).collect();
        assert!(recs[0].result.is_ok());
        let err = recs.last().unwrap().result.as_ref().unwrap_err().to_string();
        assert!(err.contains("more than 200×, see --max-ratio): refused as a compression bomb"), "{err}");
        let lenient = ReadConfig { max_ratio: 100_000, max_bytes: 64 << 20, ..ReadConfig::default() };
        assert!(read_input(&p, &lenient, &FieldMap::default()).all(|r| r.result.is_ok()));
    }

    #[test]
    fn a_named_format_overrides_detection() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("page.txt");
        std::fs::write(&p, "<html><body><p>Gunmen killed ten people in Boni.</p></body></html>").unwrap();
        let detected = read_input(&p, &ReadConfig::default(), &FieldMap::default()).next().unwrap();
        assert_eq!(detected.result.unwrap().text.trim(), "Gunmen killed ten people in Boni.");
        let as_text = ReadConfig { format: Some(Format::Text), ..ReadConfig::default() };
        let d = read_input(&p, &as_text, &FieldMap::default()).next().unwrap().result.unwrap();
        assert!(d.text.starts_with("<html>"));
        let as_csv = ReadConfig { format: Some("csv".parse().unwrap()), ..ReadConfig::default() };
        let err = read_input(&p, &as_csv, &FieldMap::default()).next().unwrap().result.unwrap_err().to_string();
        assert!(err.contains("page.txt: not an ACLED export"), "{err}");
        assert!("xlsx".parse::<Format>().unwrap_err().contains("unknown format \"xlsx\""));
    }

    #[test]
    fn a_csv_line_longer_than_the_limit_ends_the_export_with_its_reason() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("export.csv");
        let long = "x".repeat(500);
        std::fs::write(
            &p,
            format!("event_id_cnty,event_date,event_type,country,location,fatalities,notes\nMLI1,2022-04-01,Battles,Mali,Gao,3,\"Clashes.\"\nMLI2,2022-04-02,Battles,Mali,Gao,4,\"{long}\"\n"),
        )
        .unwrap();
        let cfg = ReadConfig { max_bytes: 200, ..ReadConfig::default() };
        let rows: Vec<Record> = read_input(&p, &cfg, &FieldMap::default()).collect();
        assert!(rows[0].result.is_ok());
        let err = rows.last().unwrap().result.as_ref().unwrap_err().to_string();
        assert!(err.contains("a line longer than 200 bytes"), "{err}");
    }
}
