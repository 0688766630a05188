//! A metadata manifest for a folder of article files: one JSON Lines record per file, giving
//! what the file itself does not say (where it was published, by whom, when, in what language).
//!
//! A record names its file by `id` (the file name without its extension: `"017"` for
//! `docs/017.txt`) or by `file` (the file name, `"017.txt"`), and carries any of `url`,
//! `outlet`, `published` (`YYYY-MM-DD`, or an RFC 3339 timestamp) and `language`, under the
//! keys of the [`FieldMap`] (so `--map published=date` applies here too). A value the manifest
//! gives replaces what was read from the file; a value it lacks leaves the file's.
//!
//! This is the layout scrapers and corpora commonly ship (texts beside an index), and the one of
//! `../shared/data/news-dev` (`docs/NNN.txt` beside `docs.jsonl`).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use crosscheck_model::Document;

use crate::IngestError;
use crate::records::FieldMap;

/// What a manifest says of one file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Entry {
    /// Where the document was published.
    pub url: Option<String>,
    /// The publishing outlet.
    pub outlet: Option<String>,
    /// The publication date.
    pub published: Option<NaiveDate>,
    /// ISO 639-1 language code.
    pub language: Option<String>,
}

/// A manifest, by file key.
#[derive(Clone, Debug, Default)]
pub struct Manifest {
    path: PathBuf,
    entries: HashMap<String, Entry>,
}

impl Manifest {
    /// Read a manifest. A line that is not a JSON object, names no file, gives a date that is
    /// not one, or repeats a file is an error naming the file, the line and the reason.
    pub fn read(path: &Path, map: &FieldMap) -> Result<Manifest, IngestError> {
        let text =
            std::fs::read_to_string(path).map_err(|source| IngestError::Io { path: path.to_path_buf(), source })?;
        Manifest::parse(path, &text, map)
    }

    /// Parse a manifest's text; `path` names it in errors.
    pub fn parse(path: &Path, text: &str, map: &FieldMap) -> Result<Manifest, IngestError> {
        let mut entries = HashMap::new();
        for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
            let bad = |reason: String| IngestError::BadRecord { path: path.to_path_buf(), line: n + 1, reason };
            let v: serde_json::Value = serde_json::from_str(line).map_err(|e| bad(format!("not JSON: {e}")))?;
            let obj = v.as_object().ok_or_else(|| bad("not a JSON object".into()))?;
            let get = |k: &str| obj.get(k).and_then(|x| x.as_str()).map(str::trim).filter(|s| !s.is_empty());
            // An id may be written as a number.
            let id = obj.get("id").and_then(|x| x.as_u64()).map(|n| n.to_string());
            let key = match (get("id").map(str::to_string).or(id), get("file")) {
                (_, Some(f)) => stem(Path::new(f)),
                (Some(id), None) => id,
                (None, None) => return Err(bad("names no file (no \"id\" or \"file\")".into())),
            };
            let published = match get(&map.published) {
                Some(s) => Some(
                    s.get(..10)
                        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                        .ok_or_else(|| bad(format!("{:?} is not a date (YYYY-MM-DD)", s)))?,
                ),
                None => None,
            };
            let entry = Entry {
                url: get(&map.url).map(str::to_string),
                outlet: get(&map.outlet).map(str::to_string),
                published,
                language: get(&map.language).map(str::to_string),
            };
            if entries.insert(key.clone(), entry).is_some() {
                return Err(bad(format!("file {key:?} is listed twice")));
            }
        }
        Ok(Manifest { path: path.to_path_buf(), entries })
    }

    /// How many files the manifest lists.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether it lists none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Where it was read from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// What the manifest says of the file at `path`, if it lists it.
    pub fn get(&self, path: &Path) -> Option<&Entry> {
        self.entries.get(&stem(path))
    }

    /// Give `doc`, read from `path`, what the manifest says of it. Whether it lists the file.
    pub fn apply(&self, path: &Path, doc: &mut Document) -> bool {
        let Some(e) = self.get(path) else { return false };
        if let Some(u) = &e.url {
            doc.meta.source = Some(u.clone());
        }
        if let Some(o) = &e.outlet {
            doc.meta.outlet = Some(o.clone());
        }
        if let Some(p) = e.published {
            doc.meta.published = Some(p);
        }
        if let Some(l) = &e.language {
            doc.meta.language = Some(l.clone());
        }
        true
    }
}

/// A file's key: its name without the extension(s) a reader strips (`017.txt.gz` is `017`).
fn stem(path: &Path) -> String {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    match name.rsplit_once('.') {
        Some((s, ext)) if !s.is_empty() && ext.len() <= 5 => s.to_string(),
        _ => name.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Manifest, IngestError> {
        Manifest::parse(Path::new("docs.jsonl"), text, &FieldMap::default())
    }

    #[test]
    fn records_name_files_by_id_or_file_name() {
        let m = parse(concat!(
            "{\"id\": \"017\", \"url\": \"https://x/a\", \"outlet\": \"Radio X\", \"published\": \"2022-04-05\", \"language\": \"fr\"}\n",
            "\n",
            "{\"file\": \"b.html\", \"published\": null}\n",
            "{\"id\": 18, \"published\": \"2022-04-06T10:00:00Z\"}\n",
        ))
        .unwrap();
        assert_eq!(m.len(), 3);
        let a = m.get(Path::new("corpus/docs/017.txt")).unwrap();
        assert_eq!(a.outlet.as_deref(), Some("Radio X"));
        assert_eq!(a.published, NaiveDate::from_ymd_opt(2022, 4, 5));
        assert_eq!(m.get(Path::new("b.html")), Some(&Entry::default()), "null is no value");
        assert_eq!(m.get(Path::new("18.txt.gz")).and_then(|e| e.published), NaiveDate::from_ymd_opt(2022, 4, 6));
        assert!(m.get(Path::new("019.txt")).is_none());
    }

    #[test]
    fn the_manifest_s_values_replace_the_file_s_and_its_gaps_keep_them() {
        let m = parse("{\"id\": \"a\", \"outlet\": \"Radio X\"}\n").unwrap();
        let mut doc =
            crate::parse_text(b" date 2022-04-05 Outlet\nGunmen killed ten people.", Some("a.txt".into())).unwrap();
        assert_eq!(doc.meta.published, NaiveDate::from_ymd_opt(2022, 4, 5));
        assert!(m.apply(Path::new("dir/a.txt"), &mut doc));
        assert_eq!(doc.meta.outlet.as_deref(), Some("Radio X"));
        assert_eq!(doc.meta.published, NaiveDate::from_ymd_opt(2022, 4, 5), "kept: the manifest gives none");
        assert_eq!(doc.meta.source.as_deref(), Some("a.txt"));
        assert!(!m.apply(Path::new("b.txt"), &mut doc));
    }

    #[test]
    fn a_bad_line_is_an_error_naming_the_file_line_and_reason() {
        let err = |text: &str| parse(text).unwrap_err().to_string();
        assert_eq!(
            err("{\"id\": \"a\"}\nnot json\n"),
            "docs.jsonl, line 2: not JSON: expected ident at line 1 column 2"
        );
        assert_eq!(err("[1]\n"), "docs.jsonl, line 1: not a JSON object");
        assert_eq!(err("{\"url\": \"x\"}\n"), "docs.jsonl, line 1: names no file (no \"id\" or \"file\")");
        assert_eq!(
            err("{\"id\": \"a\", \"published\": \"April\"}\n"),
            "docs.jsonl, line 1: \"April\" is not a date (YYYY-MM-DD)"
        );
        assert_eq!(err("{\"id\": \"a\"}\n{\"file\": \"a.txt\"}\n"), "docs.jsonl, line 2: file \"a\" is listed twice");
    }
}
