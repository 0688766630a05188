//! The `ucdp-aec` format: JSON Lines with `source_article` text
//! (`../shared/data/ucdp-aec-dev/validation.jsonl`).
//!
//! **Inputs**: `source_article` and `source_date` (the publication date). Every other field is
//! gold.
//!
//! **Prediction**: as for ACLED, the incident holding the article's earliest claim, and its
//! deaths as the total of the killed figures of the first sentence that gives any (0 when none).
//!
//! **Metrics** (over records): `deaths.within_range` (`deaths_low <= predicted <= deaths_high`),
//! `deaths.exact` (equal to the best estimate, the sum of the four split fields),
//! `start_date.exact` and `end_date.exact` (the incident's start and end), `adm1.match` and
//! `where.match` (over records whose gold name is not empty, compared with
//! [`crate::names::same_place`], which drops type suffixes such as "state" or "village"; the
//! first-level division with [`crate::names::same_admin1`], which also takes a transliteration
//! of the same name), and
//! `country.match`.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use crosscheck_model::{DocMeta, Document};
use crosscheck_nlp::Resources;
use serde_json::Value;

use crate::acled::{fatalities, main_incident_of};
use crate::names::{same_admin1, same_place};
use crate::{EvalError, Metric, Miss, Scores, read};

fn date(v: &Value) -> Option<NaiveDate> {
    v.as_str().and_then(|s| NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok())
}

/// UCDP country names carry old names in parentheses: "Myanmar (Burma)", "Yemen (North Yemen)".
fn country_key(s: &str) -> String {
    crate::names::place_key(s.split('(').next().unwrap_or(s))
}

/// Score a UCDP-AEC JSONL file.
pub fn evaluate(path: &Path, res: &Resources) -> Result<Scores, EvalError> {
    let text = read(path)?;
    let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut misses = Vec::new();
    let mut records = Vec::new();
    for (line, l) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let v: Value = serde_json::from_str(l).map_err(|e| EvalError::BadRecord {
            path: path.to_path_buf(),
            line: line + 1,
            reason: e.to_string(),
        })?;
        let article = v["source_article"].as_str().unwrap_or("");
        let doc = Document {
            id: crate::news_id(article),
            text: article.to_string(),
            body_start: 0,
            meta: DocMeta { published: date(&v["source_date"]), ..DocMeta::default() },
        };
        records.push((v, doc));
    }
    let n = records.len();
    // The file's articles are read together, as a collection.
    let docs: Vec<&Document> = records.iter().map(|(_, d)| d).collect();
    let analyses = crosscheck_nlp::analyze_collection(&docs, res, &crosscheck_nlp::CLAIMS_ONLY);
    for ((v, _), a) in records.iter().zip(&analyses) {
        let article = v["source_article"].as_str().unwrap_or("");
        let inc = main_incident_of(&a.claims);
        let id = v["id"].to_string();
        let deaths = inc.as_ref().map_or(0, fatalities);
        let low = v["deaths_low"].as_u64().unwrap_or(0);
        let high = v["deaths_high"].as_u64().unwrap_or(u64::MAX);
        let best: u64 = ["deaths_side_a", "deaths_side_b", "deaths_civilian", "deaths_unknown"]
            .iter()
            .map(|k| v[*k].as_u64().unwrap_or(0))
            .sum();
        let mut check = |name: &'static str, applies: bool, ok: bool, expected: String, got: String| {
            if !applies {
                return;
            }
            let e = counts.entry(name).or_default();
            e.1 += 1;
            if ok {
                e.0 += 1;
            } else {
                let text = article.chars().take(300).collect::<String>().replace('\n', " ");
                misses.push(Miss { kind: name.into(), doc: id.clone(), text, expected, got });
            }
        };
        check(
            "deaths.within_range",
            true,
            (low..=high).contains(&deaths),
            format!("{low}..{high}"),
            deaths.to_string(),
        );
        check("deaths.exact", true, deaths == best, best.to_string(), deaths.to_string());
        let start = inc.as_ref().and_then(|i| i.date).map(|d| d.start);
        let end = inc.as_ref().and_then(|i| i.date).map(|d| d.end);
        check(
            "start_date.exact",
            true,
            start.is_some() && start == date(&v["start_date"]),
            format!("{:?}", date(&v["start_date"])),
            format!("{start:?}"),
        );
        check(
            "end_date.exact",
            true,
            end.is_some() && end == date(&v["end_date"]),
            format!("{:?}", date(&v["end_date"])),
            format!("{end:?}"),
        );
        let admin1 = inc.as_ref().and_then(|i| i.admin1.clone()).unwrap_or_default();
        let gold_adm1 = v["location_adm1_name"].as_str().unwrap_or("");
        check(
            "adm1.match",
            !gold_adm1.is_empty(),
            !admin1.is_empty() && same_admin1(&admin1, gold_adm1),
            gold_adm1.into(),
            admin1,
        );
        let place = inc.as_ref().and_then(|i| i.place.clone()).unwrap_or_default();
        let gold_where = v["location_where_name"].as_str().unwrap_or("");
        check(
            "where.match",
            !gold_where.is_empty(),
            !place.is_empty() && same_place(&place, gold_where),
            gold_where.into(),
            place,
        );
        let country = inc.as_ref().and_then(|i| i.country.clone()).unwrap_or_default();
        let gold_country = v["location_root_name"].as_str().unwrap_or("");
        check(
            "country.match",
            !gold_country.is_empty(),
            !country.is_empty() && country_key(&country) == country_key(gold_country),
            gold_country.into(),
            country,
        );
    }
    let metrics = counts.into_iter().map(|(k, (h, t))| (k.to_string(), Metric::ratio(h, t))).collect();
    misses.sort_by(|a, b| (a.kind.as_str(), a.doc.as_str()).cmp(&(b.kind.as_str(), b.doc.as_str())));
    Ok(Scores { format: "ucdp-aec".into(), summary: format!("{n} articles"), metrics, misses })
}
