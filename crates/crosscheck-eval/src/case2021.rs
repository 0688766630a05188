//! The `case2021` format: CASE 2021 Task 2 snippets labelled with ACLED sub-event types
//! (`../shared/data/case2021-task2-event-types/`, the TSV with `EventSnippet` and `SubType`).
//!
//! **Input**: the snippet alone (no date). **Prediction**: the sub-event type of the incident
//! holding the snippet's earliest claim, else of its first typed claim, mapped to the task's
//! codes; no claim means "no ACLED event" (`NONE`), which is right for none of the labels, so
//! the five non-ACLED test types (disasters, diplomacy, crime, attribution) always count as misses
//! for recall and only lower precision when the pipeline wrongly finds an event in them.
//!
//! **Metrics**: `sub_event_type.macro_f1` (mean F1 over the gold labels present) and
//! `sub_event_type.accuracy`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crosscheck_model::{DocMeta, Document};
use crosscheck_nlp::Resources;

use crate::{EvalError, Metric, Miss, Scores, f1, read};

/// ACLED sub-event type name → CASE 2021 code.
pub fn code(sub: &str) -> Option<&'static str> {
    Some(match sub {
        "Armed clash" => "ARMED_CLASH",
        "Air/drone strike" => "AIR_STRIKE",
        "Remote explosive/landmine/IED" => "REM_EXPLOS",
        "Attack" => "ATTACK",
        "Abduction/forced disappearance" => "ABDUCT_DISSAP",
        "Arrests" => "ARREST",
        "Sexual violence" => "SEX_VIOL",
        "Peaceful protest" => "PEACE_PROTEST",
        "Protest with intervention" => "PROTEST_WITH_INTER",
        "Excessive force against protesters" => "FORCE_AGAINST_PROTEST",
        "Mob violence" => "MOB_VIOL",
        "Violent demonstration" => "VIOL_DEMONSTR",
        "Non-state actor overtakes territory" => "NON_STATE_ACTOR_OVERTAKES_TER",
        "Government regains territory" => "GOV_REGAINS_TERIT",
        "Non-violent transfer of territory" => "NON_VIOL_TERRIT_TRANSFER",
        "Shelling/artillery/missile attack" => "ART_MISS_ATTACK",
        "Grenade" => "GRENADE",
        "Suicide bomb" => "SUIC_BOMB",
        "Chemical weapon" => "CHEM_WEAP",
        "Agreement" => "AGREEMENT",
        "Change to group/activity" => "CHANGE_TO_GROUP_ACT",
        "Disrupted weapons use" => "DISR_WEAP",
        "Headquarters or base established" => "HQ_ESTABLISHED",
        "Looting/property destruction" => "PROPERTY_DISTRUCT",
        "Other" => "OTHER",
        _ => return None,
    })
}

/// Score the CASE 2021 folder (or its TSV).
pub fn evaluate(path: &Path, res: &Resources) -> Result<Scores, EvalError> {
    let file = if path.is_dir() { path.join("test_set_final_release_with_labels.tsv") } else { path.to_path_buf() };
    let text = read(&file)?;
    let mut pairs: Vec<(String, String, String, String)> = Vec::new(); // (id, gold, predicted, text)
    for (n, line) in text.lines().enumerate().skip(1).filter(|(_, l)| !l.trim().is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 3 {
            return Err(EvalError::BadRecord {
                path: file.clone(),
                line: n + 1,
                reason: "expected 3 tab-separated columns".into(),
            });
        }
        let snippet = cols[1];
        let doc = Document {
            id: crate::news_id(snippet),
            text: snippet.to_string(),
            body_start: 0,
            meta: DocMeta::default(),
        };
        let claims = crosscheck_nlp::analyze_with(&doc, res, &crosscheck_nlp::CLAIMS_ONLY).claims;
        let sub = match crate::acled::main_incident_of(&claims) {
            Some(inc) => inc.sub_event_type,
            None => claims.into_iter().find_map(|c| c.sub_event_type),
        };
        let predicted = sub.as_deref().and_then(code).unwrap_or("NONE").to_string();
        pairs.push((cols[0].to_string(), cols[2].trim().to_string(), predicted, snippet.to_string()));
    }
    let labels: BTreeSet<&str> = pairs.iter().map(|p| p.1.as_str()).collect();
    let mut f1s = Vec::new();
    for l in &labels {
        let tp = pairs.iter().filter(|p| p.1 == *l && p.2 == *l).count();
        let fp = pairs.iter().filter(|p| p.1 != *l && p.2 == *l).count();
        let fn_ = pairs.iter().filter(|p| p.1 == *l && p.2 != *l).count();
        let p = if tp + fp == 0 { 0.0 } else { tp as f64 / (tp + fp) as f64 };
        let r = if tp + fn_ == 0 { 0.0 } else { tp as f64 / (tp + fn_) as f64 };
        f1s.push(f1(p, r));
    }
    let correct = pairs.iter().filter(|p| p.1 == p.2).count();
    let mut metrics = BTreeMap::new();
    let macro_f1 = f1s.iter().sum::<f64>() / f1s.len().max(1) as f64;
    metrics
        .insert("sub_event_type.macro_f1".to_string(), Metric { value: macro_f1, hits: correct, total: pairs.len() });
    metrics.insert("sub_event_type.accuracy".to_string(), Metric::ratio(correct, pairs.len()));
    let misses = pairs
        .iter()
        .filter(|p| p.1 != p.2)
        .map(|p| Miss {
            kind: "sub_event_type".into(),
            doc: p.0.clone(),
            text: p.3.clone(),
            expected: p.1.clone(),
            got: p.2.clone(),
        })
        .collect();
    Ok(Scores {
        format: "case2021".into(),
        summary: format!("{} snippets, {} labels", pairs.len(), labels.len()),
        metrics,
        misses,
    })
}
