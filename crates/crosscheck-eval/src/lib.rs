//! Evaluation: run the whole pipeline on a labelled data set and score it against the gold.
//!
//! Only the *inputs* a format names reach the extractor; everything else is gold. Each format
//! module documents what it reads, what it scores and how it matches, and those rules were fixed
//! before looking at errors.
#![deny(missing_docs)]

pub mod acled;
pub mod case2021;
pub mod geo;
pub mod names;
pub mod news;
pub mod police;
pub mod timex;
pub mod ucdp;

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};

/// Evaluation errors: the data set could not be read.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// A file could not be read.
    #[error("{path}: cannot read: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A record could not be parsed.
    #[error("{path}:{line}: {reason}")]
    BadRecord {
        /// The file.
        path: PathBuf,
        /// 1-based line (or record) number.
        line: usize,
        /// Why.
        reason: String,
    },
    /// The path is not a data set of this format.
    #[error("{path}: {reason}")]
    Layout {
        /// The path.
        path: PathBuf,
        /// What is missing.
        reason: String,
    },
}

pub(crate) fn read(path: &Path) -> Result<String, EvalError> {
    std::fs::read_to_string(path).map_err(|source| EvalError::Io { path: path.to_path_buf(), source })
}

/// One miss, for `--errors`.
#[derive(Clone, Debug, PartialEq)]
pub struct Miss {
    /// Which metric it hurts.
    pub kind: String,
    /// Where: document or record id.
    pub doc: String,
    /// The evidence text.
    pub text: String,
    /// What the gold says.
    pub expected: String,
    /// What came out.
    pub got: String,
}

/// A metric: the value and what it was computed over.
#[derive(Clone, Debug, PartialEq)]
pub struct Metric {
    /// The score in [0, 1].
    pub value: f64,
    /// Numerator.
    pub hits: usize,
    /// Denominator.
    pub total: usize,
}

impl Metric {
    /// hits / total (0 when total is 0).
    pub fn ratio(hits: usize, total: usize) -> Metric {
        Metric { value: if total == 0 { 0.0 } else { hits as f64 / total as f64 }, hits, total }
    }
    /// A measured value (a median, a distance) over `n` items, shown as `n/n`.
    pub fn value(value: f64, n: usize) -> Metric {
        Metric { value, hits: n, total: n }
    }
}

/// The scores of one run.
#[derive(Clone, Debug, Default)]
pub struct Scores {
    /// Format name.
    pub format: String,
    /// What was read ("58 documents, 139 gold claims").
    pub summary: String,
    /// Metrics by their dotted name.
    pub metrics: BTreeMap<String, Metric>,
    /// Misses, worst first.
    pub misses: Vec<Miss>,
}

impl Scores {
    /// The metrics as one JSON object of numbers (plus `format`).
    pub fn to_json(&self) -> serde_json::Value {
        let mut m = serde_json::Map::new();
        m.insert("format".into(), self.format.clone().into());
        for (k, v) in &self.metrics {
            m.insert(k.clone(), serde_json::json!((v.value * 10000.0).round() / 10000.0));
        }
        serde_json::Value::Object(m)
    }

    /// The human table.
    pub fn table(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "{} — {}", self.format, self.summary);
        let _ = writeln!(out, "{:<28} {:>7}  {:>11}", "metric", "score", "hits/total");
        for (k, v) in &self.metrics {
            let _ = writeln!(out, "{:<28} {:>7.3}  {:>11}", k, v.value, format!("{}/{}", v.hits, v.total));
        }
        out
    }

    /// The first `n` misses, as text.
    pub fn errors(&self, n: usize) -> String {
        let mut out = String::new();
        for m in self.misses.iter().take(n) {
            let _ = writeln!(
                out,
                "[{}] {}\n  text:     {}\n  expected: {}\n  got:      {}",
                m.kind, m.doc, m.text, m.expected, m.got
            );
        }
        out
    }
}

/// A document id for text that does not come from a file: the SHA-256 of its bytes.
pub fn news_id(text: &str) -> String {
    crosscheck_ingest::sha256_hex(text.as_bytes())
}

/// The median of some values (0 when there are none).
pub fn median(mut v: Vec<f64>) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(f64::total_cmp);
    let m = v.len() / 2;
    if v.len() % 2 == 1 { v[m] } else { (v[m - 1] + v[m]) / 2.0 }
}

/// F1 from precision and recall.
pub fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
}
