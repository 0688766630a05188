//! The `police` format: IndiaPoliceEvents (`../shared/data/india-police-events/`).
//!
//! **Input**: each document's text (`docs.csv`) with its publication date (`metadata.csv`);
//! sentence labels are gold. **Prediction** for a labelled sentence (located in its document's
//! text): KILL when a claim on that sentence counts or names a killing and a police or security
//! force is among its perpetrators or named in the sentence; ARREST when a claim on that
//! sentence counts arrests or has an arrest trigger.
//!
//! **Metrics**: `kill.precision|recall|f1`, `arrest.precision|recall|f1` over sentences.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use chrono::NaiveDate;
use crosscheck_model::{Category, DocMeta, Document, Span};
use crosscheck_nlp::Resources;

use crate::{EvalError, Metric, Miss, Scores, f1};

fn csv_rows(path: &Path) -> Result<(csv::StringRecord, Vec<csv::StringRecord>), EvalError> {
    let text = crate::read(path)?;
    let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
    let bad = |e: csv::Error| EvalError::BadRecord { path: path.to_path_buf(), line: 0, reason: e.to_string() };
    let headers = rdr.headers().map_err(bad)?.clone();
    let rows = rdr.records().collect::<Result<Vec<_>, _>>().map_err(bad)?;
    Ok((headers, rows))
}

fn col(h: &csv::StringRecord, name: &str, path: &Path) -> Result<usize, EvalError> {
    h.iter()
        .position(|c| c == name)
        .ok_or_else(|| EvalError::Layout { path: path.to_path_buf(), reason: format!("no `{name}` column") })
}

const FORCES: &[&str] = &[
    "police",
    "policemen",
    "cops",
    "forces",
    "army",
    "troops",
    "soldiers",
    "jawans",
    "paramilitary",
    "rpf",
    "crpf",
    "rapid action force",
    "security",
];

/// Score the IndiaPoliceEvents folder.
pub fn evaluate(dir: &Path, res: &Resources) -> Result<Scores, EvalError> {
    let (mh, mrows) = csv_rows(&dir.join("metadata.csv"))?;
    let (c_mid, c_date) = (col(&mh, "doc_id", dir)?, col(&mh, "date", dir)?);
    let dates: HashMap<String, NaiveDate> = mrows
        .iter()
        .filter_map(|r| Some((r.get(c_mid)?.to_string(), NaiveDate::parse_from_str(r.get(c_date)?, "%Y-%m-%d").ok()?)))
        .collect();
    let (dh, drows) = csv_rows(&dir.join("docs.csv"))?;
    let (c_did, c_text) = (col(&dh, "doc_id", dir)?, col(&dh, "doc_text", dir)?);
    let mut docs: HashMap<String, (Document, Vec<crosscheck_model::Claim>)> = HashMap::new();
    for r in &drows {
        let id = r.get(c_did).unwrap_or("").to_string();
        let text = r.get(c_text).unwrap_or("").to_string();
        let doc = Document {
            id: crate::news_id(&text),
            text,
            body_start: 0,
            meta: DocMeta { published: dates.get(&id).copied(), language: Some("en".into()), ..DocMeta::default() },
        };
        let claims = crosscheck_nlp::analyze_with(&doc, res, &crosscheck_nlp::CLAIMS_ONLY).claims;
        docs.insert(id, (doc, claims));
    }
    let (sh, srows) = csv_rows(&dir.join("sents.csv"))?;
    let (c_sdoc, c_sent, c_kill, c_arrest) =
        (col(&sh, "doc_id", dir)?, col(&sh, "sent_text", dir)?, col(&sh, "KILL", dir)?, col(&sh, "ARREST", dir)?);
    let is_kill_trigger = |w: &str| {
        let toks = crosscheck_nlp::tokens::tokenize(w, 0);
        res.triggers.find_all(&toks).iter().any(|(_, _, t)| t.category == Some(Category::Killed))
    };
    let is_arrest_trigger = |w: &str| {
        let toks = crosscheck_nlp::tokens::tokenize(w, 0);
        res.triggers.find_all(&toks).iter().any(|(_, _, t)| t.category == Some(Category::Arrested))
    };
    let mut cursor: HashMap<String, usize> = HashMap::new();
    let mut counts = [[0usize; 3]; 2]; // per label: tp, fp, fn
    let mut misses = Vec::new();
    for r in &srows {
        let did = r.get(c_sdoc).unwrap_or("").to_string();
        let sent = r.get(c_sent).unwrap_or("");
        let gold = [
            r.get(c_kill) == Some("1") || r.get(c_kill) == Some("True"),
            r.get(c_arrest) == Some("1") || r.get(c_arrest) == Some("True"),
        ];
        let (pred_kill, pred_arrest) = match docs.get(&did) {
            Some((doc, claims)) => {
                let from = cursor.get(&did).copied().unwrap_or(0);
                let at = doc.text.get(from..).and_then(|t| t.find(sent.trim())).map(|i| i + from);
                match at {
                    Some(start) => {
                        let span = Span::new(start, start + sent.trim().len());
                        cursor.insert(did.clone(), span.end);
                        let lower_sent = sent.to_lowercase();
                        // The claim's own trigger words must be in this sentence: sentences are
                        // split differently by the gold and by the pipeline.
                        let here: Vec<_> = claims
                            .iter()
                            .filter(|c| c.span.overlaps(&span) && c.stance == crosscheck_model::Stance::Asserts)
                            .filter(|c| {
                                c.trigger.split(", ").any(|w| !w.is_empty() && lower_sent.contains(&w.to_lowercase()))
                            })
                            .collect();
                        let lower = sent.to_lowercase();
                        let forces =
                            FORCES.iter().any(|f| lower.split(|c: char| !c.is_alphanumeric()).any(|w| w == *f));
                        let kill = here.iter().any(|c| {
                            (c.figures.contains_key(&Category::Killed) || c.trigger.split(", ").any(is_kill_trigger))
                                && (forces || c.perpetrators.iter().any(|p| p.contains("police") || p.contains("army")))
                        });
                        let arrest = here.iter().any(|c| {
                            c.figures.contains_key(&Category::Arrested) || c.trigger.split(", ").any(is_arrest_trigger)
                        });
                        (kill, arrest)
                    }
                    None => (false, false),
                }
            }
            None => (false, false),
        };
        for (k, (g, p)) in gold.iter().zip([pred_kill, pred_arrest]).enumerate() {
            match (g, p) {
                (true, true) => counts[k][0] += 1,
                (false, true) => counts[k][1] += 1,
                (true, false) => counts[k][2] += 1,
                _ => {}
            }
            if *g != p {
                misses.push(Miss {
                    kind: if k == 0 { "kill".into() } else { "arrest".into() },
                    doc: did.clone(),
                    text: sent.to_string(),
                    expected: g.to_string(),
                    got: p.to_string(),
                });
            }
        }
    }
    let mut metrics = BTreeMap::new();
    for (k, name) in ["kill", "arrest"].iter().enumerate() {
        let [tp, fp, fn_] = counts[k];
        let p = Metric::ratio(tp, tp + fp);
        let r = Metric::ratio(tp, tp + fn_);
        metrics.insert(format!("{name}.f1"), Metric { value: f1(p.value, r.value), hits: tp, total: tp + fp + fn_ });
        metrics.insert(format!("{name}.precision"), p);
        metrics.insert(format!("{name}.recall"), r);
    }
    misses.sort_by(|a, b| (a.kind.as_str(), b.expected.as_str()).cmp(&(b.kind.as_str(), a.expected.as_str())));
    Ok(Scores {
        format: "police".into(),
        summary: format!("{} sentences in {} documents", srows.len(), docs.len()),
        metrics,
        misses,
    })
}
