//! Inputs that hold many documents, or need unpacking: JSON Lines dumps, gzip files, stdin.
//!
//! **Archives**: `.gz` files are decompressed, and each file of a `.zip` archive is read like a
//! file of its own (`archive.zip:inner.html`).
//!
//! **Format detection** is by content first: a first non-blank line that is a JSON object makes
//! JSON Lines; a CSV whose header is an ACLED or UCDP GED export is one coded claim per row
//! ([`crate::export`]); an XML document with `<rss` or `<feed` is a feed ([`crate::feed`], one document
//! per item); a page that opens with `<!DOCTYPE html>`, `<html` or has a `<body` is HTML
//! ([`crate::html`]); anything else is a plain-text article. A `.gz` file is decompressed first (up to
//! [`ReadConfig::max_bytes`] after expansion, and at most [`MAX_RATIO`] times its packed size:
//! a gzip bomb is refused with its ratio).
//!
//! **JSON Lines**: one document per line. The default mapping reads `text` (else `body`, else
//! `content`) for the text, and `url`, `title`, `published` (`YYYY-MM-DD`, or an RFC 3339
//! timestamp), `outlet` and `language` when present; `--map text=body,published=date,...`
//! renames them. The title, when given, is the first line of the document's text. The document
//! id is the SHA-256 of the line's own bytes, so re-ingesting the dump changes nothing. A broken
//! line is one failed record (with its line number and reason); the other lines are still read.

use std::io::Read;
use std::path::Path;

use chrono::NaiveDate;
use crosscheck_model::{DocMeta, Document};

use crate::{IngestError, ReadConfig, TextError, parse_text, sha256_hex};

/// The largest expansion ratio accepted for a compressed input.
pub const MAX_RATIO: u64 = 200;

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
}

fn text_error(path: &Path, e: TextError) -> IngestError {
    match e {
        TextError::Empty => IngestError::Empty { path: path.to_path_buf() },
        TextError::Binary(offset) => IngestError::Binary { path: path.to_path_buf(), offset },
        TextError::InvalidUtf8(offset) => IngestError::InvalidUtf8 { path: path.to_path_buf(), offset },
    }
}

/// Decompress a `.gz` input within the limits.
fn gunzip(path: &Path, packed: &[u8], cfg: &ReadConfig) -> Result<Vec<u8>, IngestError> {
    let limit = cfg.max_bytes.min((packed.len() as u64).saturating_mul(MAX_RATIO).max(64 * 1024));
    let mut out = Vec::new();
    let mut dec = flate2::read::GzDecoder::new(packed).take(limit + 1);
    dec.read_to_end(&mut out)
        .map_err(|e| IngestError::Archive { path: path.to_path_buf(), reason: format!("bad gzip data: {e}") })?;
    if out.len() as u64 > limit {
        return Err(IngestError::Archive {
            path: path.to_path_buf(),
            reason: format!(
                "expands beyond {limit} bytes from {} (more than {MAX_RATIO}× or over --max-bytes): refused",
                packed.len()
            ),
        });
    }
    Ok(out)
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

/// Cut a multi-record input at `cfg.max_records`, with one failure saying what was refused.
fn limit(mut records: Vec<Record>, path: &Path, cfg: &ReadConfig) -> Vec<Record> {
    if records.len() > cfg.max_records {
        let refused = records.len() - cfg.max_records;
        records.truncate(cfg.max_records);
        records.push(Record {
            label: path.display().to_string(),
            result: Err(IngestError::Format {
                path: path.to_path_buf(),
                reason: format!(
                    "more than {} records: the last {refused} refused (see --max-records)",
                    cfg.max_records
                ),
            }),
            coded: None,
        });
    }
    records
}

/// Read one input (a file path, or `-` for stdin) into records.
pub fn read_input(path: &Path, cfg: &ReadConfig, map: &FieldMap) -> Vec<Record> {
    limit(read_unlimited(path, cfg, map), path, cfg)
}

fn read_unlimited(path: &Path, cfg: &ReadConfig, map: &FieldMap) -> Vec<Record> {
    let label = path.display().to_string();
    let one = |result| vec![Record { label: label.clone(), result, coded: None }];
    let bytes = if path == Path::new("-") {
        let mut b = Vec::new();
        match std::io::stdin().take(cfg.max_bytes + 1).read_to_end(&mut b) {
            Ok(_) if b.len() as u64 > cfg.max_bytes => {
                return one(Err(IngestError::TooLarge {
                    path: path.to_path_buf(),
                    size: b.len() as u64,
                    limit: cfg.max_bytes,
                }));
            }
            Ok(_) => b,
            Err(source) => return one(Err(IngestError::Io { path: path.to_path_buf(), source })),
        }
    } else {
        match std::fs::metadata(path) {
            Ok(m) if m.len() > cfg.max_bytes => {
                return one(Err(IngestError::TooLarge {
                    path: path.to_path_buf(),
                    size: m.len(),
                    limit: cfg.max_bytes,
                }));
            }
            Err(source) => return one(Err(IngestError::Io { path: path.to_path_buf(), source })),
            Ok(_) => match std::fs::read(path) {
                Ok(b) => b,
                Err(source) => return one(Err(IngestError::Io { path: path.to_path_buf(), source })),
            },
        }
    };
    if bytes.starts_with(b"PK\x03\x04") {
        return unzip(path, &bytes, cfg, map);
    }
    records_of(path, &label, bytes, cfg, map)
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
    };
    let mut z = match zip::ZipArchive::new(std::io::Cursor::new(bytes)) {
        Ok(z) => z,
        Err(e) => return vec![fail(label, format!("not a readable zip archive: {e}"))],
    };
    let budget = (bytes.len() as u64).saturating_mul(MAX_RATIO).max(64 * 1024);
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
                    "expands beyond {limit} bytes (more than {MAX_RATIO}× the archive or over --max-bytes): refused"
                ),
            ));
            break;
        }
        used += data.len() as u64;
        out.extend(records_of(Path::new(&inner), &inner, data, cfg, map));
    }
    out
}

/// The records of bytes fetched or read elsewhere (a URL's body), labelled with their origin.
pub fn read_bytes(label: &str, bytes: Vec<u8>, cfg: &ReadConfig, map: &FieldMap) -> Vec<Record> {
    let records = if bytes.starts_with(b"PK\x03\x04") {
        unzip(Path::new(label), &bytes, cfg, map)
    } else {
        records_of(Path::new(label), label, bytes, cfg, map)
    };
    limit(records, Path::new(label), cfg)
}

/// The records of one input's bytes (after reading, before format detection).
fn records_of(path: &Path, label: &str, bytes: Vec<u8>, cfg: &ReadConfig, map: &FieldMap) -> Vec<Record> {
    let label = label.to_string();
    let one = |result| vec![Record { label: label.clone(), result, coded: None }];
    let bytes = if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("gz")) || bytes.starts_with(&[0x1f, 0x8b]) {
        match gunzip(path, &bytes, cfg) {
            Ok(b) => b,
            Err(e) => return one(Err(e)),
        }
    } else {
        bytes
    };
    if is_jsonl(&bytes) {
        return bytes
            .split(|b| *b == b'\n')
            .enumerate()
            .filter(|(_, l)| !l.trim_ascii().is_empty())
            .map(|(i, l)| Record {
                label: format!("{label}:{}", i + 1),
                result: jsonl_record(l.trim_ascii(), map, path, i + 1),
                coded: None,
            })
            .collect();
    }
    if let Some(dataset) = crate::export::detect(&bytes) {
        return crate::export::read(&bytes, &label, dataset)
            .into_iter()
            .map(|(l, r)| match r {
                Ok((doc, claim)) => Record { label: l, result: Ok(doc), coded: Some(vec![claim]) },
                Err(reason) => Record {
                    label: l.clone(),
                    result: Err(IngestError::Format { path: std::path::PathBuf::from(&l), reason }),
                    coded: None,
                },
            })
            .collect();
    }
    if crate::feed::looks_like_feed(&bytes) {
        return match crate::feed::parse_feed(&bytes, &label) {
            Ok(items) => items
                .into_iter()
                .map(|(l, r)| Record {
                    label: l.clone(),
                    result: r.map_err(|reason| IngestError::Format { path: std::path::PathBuf::from(&l), reason }),
                    coded: None,
                })
                .collect(),
            Err(reason) => one(Err(IngestError::Format { path: path.to_path_buf(), reason })),
        };
    }
    if crate::html::looks_like_html(&bytes) {
        return one(crate::html::parse_html(&bytes, Some(label.clone()))
            .map_err(|reason| IngestError::Format { path: path.to_path_buf(), reason }));
    }
    // UTF-16 with a byte-order mark: decoded to UTF-8; the original bytes stay the evidence copy
    // and give the id.
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(&bytes).filter(|(e, _)| *e != encoding_rs::UTF_8) {
        let text = enc.decode_without_bom_handling(&bytes[bom..]).0.into_owned();
        return one(parse_text(text.as_bytes(), Some(label.clone())).map_err(|e| text_error(path, e)).map(|mut d| {
            d.id = sha256_hex(&bytes);
            d.meta.original = Some(bytes.clone());
            d
        }));
    }
    one(parse_text(&bytes, Some(label.clone())).map_err(|e| text_error(path, e)))
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
        let recs = read_input(&p, &ReadConfig::default(), &FieldMap::default());
        assert_eq!(recs.len(), 4);
        let d = recs[0].result.as_ref().unwrap();
        assert!(d.text.starts_with("Attack in Boni\n\nGunmen"));
        assert_eq!(d.meta.published, NaiveDate::from_ymd_opt(2022, 5, 2));
        assert_eq!((d.meta.outlet.as_deref(), d.meta.source.as_deref()), (Some("Radio X"), Some("https://x/1")));
        assert!(recs[1].result.as_ref().unwrap_err().to_string().contains("dump.jsonl, line 2"));
        assert!(recs[2].result.is_ok());
        assert!(recs[3].result.as_ref().unwrap_err().to_string().contains("no text"));
        let mapped = read_input(&p, &ReadConfig::default(), &FieldMap::parse("text=title").unwrap());
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
        let recs = read_input(&ok, &ReadConfig::default(), &FieldMap::default());
        assert_eq!(recs.len(), 3);
        assert!(recs.iter().all(|r| r.result.is_ok()));
        assert!(recs[0].label.ends_with("a.zip:one.txt") && recs[2].label.ends_with("a.zip:two.jsonl:2"));
        let bomb = make(
            "bomb.zip",
            &[("first.txt", b"Gunmen killed ten people.".to_vec()), ("zeros.txt", vec![b'0'; 40_000_000])],
        );
        let recs = read_input(&bomb, &ReadConfig::default(), &FieldMap::default());
        assert!(recs[0].result.is_ok(), "what comes before the bomb is kept");
        assert!(recs[1].result.as_ref().unwrap_err().to_string().contains("refused"));
    }

    #[test]
    fn a_records_limit_refuses_the_rest_with_one_failure() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("many.jsonl");
        std::fs::write(&p, "{\"text\": \"One.\"}\n".repeat(5)).unwrap();
        let cfg = ReadConfig { max_records: 3, ..ReadConfig::default() };
        let r = read_input(&p, &cfg, &FieldMap::default());
        assert_eq!(r.len(), 4);
        assert!(r[3].result.as_ref().unwrap_err().to_string().contains("more than 3 records: the last 2 refused"));
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
        let r = read_input(&p, &ReadConfig::default(), &FieldMap::default());
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
            read_input(&gz("a.txt.gz", b"Gunmen killed ten people."), &ReadConfig::default(), &FieldMap::default());
        assert!(ok[0].result.as_ref().unwrap().text.starts_with("Gunmen"));
        let bomb =
            read_input(&gz("bomb.txt.gz", &vec![b'a'; 50_000_000]), &ReadConfig::default(), &FieldMap::default());
        let err = bomb[0].result.as_ref().unwrap_err().to_string();
        assert!(err.contains("bomb.txt.gz") && err.contains("refused"), "{err}");
        let bad = dir.path().join("bad.gz");
        std::fs::write(&bad, [0x1f, 0x8b, 8, 0, 0, 0]).unwrap();
        assert!(read_input(&bad, &ReadConfig::default(), &FieldMap::default())[0].result.is_err());
    }
}
