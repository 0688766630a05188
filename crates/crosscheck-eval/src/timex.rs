//! The `timex` format: TimeML files with normalised TIMEX3 values
//! (`../shared/data/tempeval3-tbaq/`, searched recursively for `*.tml`).
//!
//! **Input**: the document text (tags stripped) and its creation time (the DCT), which plays the
//! publication date. **Scored**: every `TIMEX3` of type `DATE` other than the creation time.
//! **Match**: a date the pipeline finds whose span overlaps the gold expression's and whose
//! normalised value is equal: a day as `YYYY-MM-DD`, a whole month as `YYYY-MM`, a whole year as
//! `YYYY`, a Monday-to-Sunday week as `YYYY-Www` (week numbers compared without zero-padding). Gold values the pipeline never produces
//! (`PRESENT_REF`, `PAST_REF`, seasons, quarters) count as misses.
//!
//! **Metrics**: `value.accuracy` (matches over gold DATE expressions) and `span.recall` (gold
//! expressions overlapped by any found date).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use crosscheck_model::Span;
use crosscheck_nlp::Resources;
use crosscheck_nlp::dates::{self, DateConfig};

use crate::{EvalError, Metric, Miss, Scores, read};

/// One gold temporal expression.
struct Gold {
    span: Span,
    value: String,
    text: String,
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!("{name}=\"");
    let i = tag.find(&key)? + key.len();
    let j = tag[i..].find('"')? + i;
    Some(tag[i..j].to_string())
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
}

/// Parse a TimeML file: (creation date, plain text, gold DATE expressions).
fn parse(xml: &str) -> Option<(NaiveDate, String, Vec<Gold>)> {
    let dct_tag = &xml[xml.find("<DCT>")?..];
    let dct = NaiveDate::parse_from_str(
        attr(&dct_tag[..dct_tag.find('>')? + 200.min(dct_tag.len() - dct_tag.find('>')?)], "value")?.get(..10)?,
        "%Y-%m-%d",
    )
    .ok()?;
    let body = &xml[xml.find("<TEXT>")? + 6..xml.find("</TEXT>")?];
    let mut text = String::new();
    let mut gold = Vec::new();
    let mut open: Option<(usize, String)> = None; // (start in text, value) of a DATE timex
    let mut rest = body;
    while let Some(lt) = rest.find('<') {
        text.push_str(&unescape(&rest[..lt]));
        let gt = rest[lt..].find('>')? + lt;
        let tag = &rest[lt..=gt];
        if tag.starts_with("<TIMEX3") {
            let is_date = attr(tag, "type").as_deref() == Some("DATE")
                && attr(tag, "functionInDocument").as_deref() != Some("CREATION_TIME");
            open = is_date.then(|| (text.len(), attr(tag, "value").unwrap_or_default()));
        } else if tag.starts_with("</TIMEX3")
            && let Some((start, value)) = open.take()
        {
            gold.push(Gold { span: Span::new(start, text.len()), value, text: text[start..].to_string() });
        }
        rest = &rest[gt + 1..];
    }
    text.push_str(&unescape(rest));
    Some((dct, text, gold))
}

/// Values equal up to the zero-padding of ISO week numbers ("2000-W7" is "2000-W07"); added
/// after seeing that the gold writes weeks both ways.
fn same_value(a: &str, b: &str) -> bool {
    let unpad = |v: &str| match v.split_once("-W") {
        Some((y, w)) => format!("{y}-W{}", w.trim_start_matches('0')),
        None => v.to_string(),
    };
    unpad(a) == unpad(b)
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<PathBuf> = rd.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|e| e == "tml")
            && !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("._"))
        {
            out.push(p);
        }
    }
}

/// Score a folder of TimeML files.
pub fn evaluate(dir: &Path, res: &Resources) -> Result<Scores, EvalError> {
    let mut paths = Vec::new();
    files(dir, &mut paths);
    if paths.is_empty() {
        return Err(EvalError::Layout { path: dir.to_path_buf(), reason: "no .tml files".into() });
    }
    let (mut total, mut hits, mut overlapped) = (0, 0, 0);
    let mut misses = Vec::new();
    for p in &paths {
        let xml = read(p)?;
        let Some((dct, text, gold)) = parse(&xml) else {
            return Err(EvalError::BadRecord { path: p.clone(), line: 0, reason: "no DCT or TEXT".into() });
        };
        let cfg = DateConfig { reference: Some(dct) };
        let mut ctx = dates::DateContext::default();
        let mut found: Vec<(Span, Option<String>)> = Vec::new();
        for s in crosscheck_nlp::sentences::split(&text, 0, res) {
            let toks = crosscheck_nlp::tokens::tokenize(s.span.of(&text), s.span.start);
            for m in dates::find(&toks, res, &cfg, Some(dct.year()), &mut ctx) {
                found.push((m.span, m.value));
            }
        }
        for g in &gold {
            total += 1;
            let over: Vec<&(Span, Option<String>)> = found.iter().filter(|(s, _)| s.overlaps(&g.span)).collect();
            if !over.is_empty() {
                overlapped += 1;
            }
            let got: Vec<String> =
                over.iter().map(|(_, v)| v.clone().unwrap_or_else(|| "unresolved".to_string())).collect();
            if got.iter().any(|v| same_value(v, &g.value)) {
                hits += 1;
            } else {
                misses.push(Miss {
                    kind: "value".into(),
                    doc: p.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default(),
                    text: g.text.clone(),
                    expected: g.value.clone(),
                    got: if got.is_empty() { "no date found".into() } else { got.join(" | ") },
                });
            }
        }
    }
    let mut metrics = BTreeMap::new();
    metrics.insert("value.accuracy".to_string(), Metric::ratio(hits, total));
    metrics.insert("span.recall".to_string(), Metric::ratio(overlapped, total));
    Ok(Scores {
        format: "timex".into(),
        summary: format!("{} documents, {total} DATE expressions", paths.len()),
        metrics,
        misses,
    })
}
