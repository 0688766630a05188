//! Output for people (tables, side-by-side claims, explanations) and for programs (JSON).
//!
//! The JSON shape of `incidents --json` is a contract (issue 2); change it only by adding keys.

use std::fmt::Write;

use crosscheck_model::{Claim, DateRange, Document, Figure, Incident};
use crosscheck_nlp::Analysis;
use serde_json::{Value, json};

fn date_json(d: Option<DateRange>) -> Value {
    d.map_or(Value::Null, |d| json!({"start": d.start.to_string(), "end": d.end.to_string()}))
}

fn figure_json(f: &Figure) -> Value {
    let mut v = json!({"min": f.min, "max": f.max});
    if let Some(q) = &f.qualifier {
        v["qualifier"] = json!(q);
    }
    if f.vague {
        v["vague"] = json!(true);
    }
    v
}

/// One claim as JSON.
pub fn claim_json(c: &Claim) -> Value {
    let figures: serde_json::Map<String, Value> =
        c.figures.iter().map(|(k, f)| (k.as_str().to_string(), figure_json(f))).collect();
    json!({
        "id": c.id,
        "claimant": c.claimant,
        "claimant_kind": c.claimant_kind.as_str(),
        "stance": c.stance.as_str(),
        "event_type": c.event_type.map(|t| t.as_str()),
        "trigger": c.trigger,
        "figures": figures,
        "victims": c.victims.map(|v| v.as_str()),
        "perpetrators": c.perpetrators,
        "date": date_json(c.date),
        "statement_date": date_json(c.statement_date),
        "place": c.place.as_ref().map(|p| p.name.clone()),
        "place_span": c.place.as_ref().map(|p| [p.span.start, p.span.end]),
        "geo_precision": c.place.as_ref().and_then(|p| p.precision),
        "quote": c.quote,
        "document": c.document,
        "sentence": c.sentence,
        "span": [c.span.start, c.span.end],
    })
}

/// One incident as JSON.
pub fn incident_json(i: &Incident) -> Value {
    json!({
        "id": i.id,
        "date": date_json(i.date),
        "country": i.country,
        "admin1": i.admin1,
        "admin2": i.admin2,
        "place": i.place,
        "lat": i.lat,
        "lon": i.lon,
        "geo_precision": i.geo_precision,
        "geonames_id": i.geonames_id,
        "event_type": i.event_type.as_str(),
        "sub_event_type": i.sub_event_type,
        "contested": i.contested,
        "contested_reasons": i.contested_reasons,
        "merge_reasons": i.merge_reasons,
        "grade": i.grade.as_str(),
        "grade_reasons": i.grade_reasons,
        "sources": i.sources,
        "estimates": i.estimates,
        "claims": i.claims.iter().map(claim_json).collect::<Vec<_>>(),
    })
}

/// All incidents as a JSON array.
pub fn incidents_json(list: &[Incident]) -> Value {
    Value::Array(list.iter().map(incident_json).collect())
}

fn figures_text(c: &Claim) -> String {
    let mut parts: Vec<String> = c.figures.iter().map(|(k, f)| format!("{} {f}", k.as_str())).collect();
    if let Some(v) = c.victims {
        parts.push(format!("({})", v.as_str()));
    }
    if parts.is_empty() { "-".to_string() } else { parts.join(", ") }
}

fn date_text(d: Option<DateRange>) -> String {
    d.map_or("unknown".to_string(), |d| d.to_string())
}

fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n { s.to_string() } else { format!("{}…", s.chars().take(n - 1).collect::<String>()) }
}

/// The incident list as a table.
pub fn incidents_table(list: &[Incident]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<16}  {:<22}  {:<24}  {:<26}  {:>6}  {:<9}  FIGURES (claimant: figures)",
        "ID", "DATE", "PLACE", "TYPE", "CLAIMS", "CONTESTED"
    );
    for i in list {
        let place = match (&i.place, &i.country) {
            (Some(p), Some(c)) => format!("{p}, {c}"),
            (None, Some(c)) => c.clone(),
            (Some(p), None) => p.clone(),
            (None, None) => "-".into(),
        };
        let figs: Vec<String> = i
            .claims
            .iter()
            .filter(|c| !c.figures.is_empty() || c.stance == crosscheck_model::Stance::Denies)
            .map(|c| {
                if c.stance == crosscheck_model::Stance::Denies {
                    format!("{}: denies", c.claimant)
                } else {
                    format!("{}: {}", c.claimant, figures_text(c))
                }
            })
            .fold(Vec::new(), |mut v, s| {
                if !v.contains(&s) {
                    v.push(s);
                }
                v
            });
        let _ = writeln!(
            out,
            "{:<16}  {:<22}  {:<24}  {:<26}  {:>6}  {:<9}  {}",
            i.id,
            date_text(i.date),
            clip(&place, 24),
            i.event_type.as_str(),
            i.claims.len(),
            if i.contested { "yes" } else { "no" },
            if figs.is_empty() { "-".to_string() } else { figs.join("; ") }
        );
    }
    out
}

/// One incident with its claims side by side.
pub fn incident_detail(i: &Incident) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Incident {}", i.id);
    let _ = writeln!(out, "  date:       {}", date_text(i.date));
    let _ = writeln!(
        out,
        "  where:      {}{}{}{}",
        i.place.clone().unwrap_or_else(|| "-".into()),
        i.admin2.as_ref().filter(|a| Some(*a) != i.place.as_ref()).map(|a| format!(", {a}")).unwrap_or_default(),
        i.admin1.as_ref().map(|a| format!(", {a}")).unwrap_or_default(),
        i.country.as_ref().map(|c| format!(", {c}")).unwrap_or_default()
    );
    if let (Some(lat), Some(lon)) = (i.lat, i.lon) {
        let _ = writeln!(
            out,
            "  coords:     {lat:.4}, {lon:.4}{}{}",
            i.geo_precision.map(|p| format!("  (geo-precision {p})")).unwrap_or_default(),
            i.geonames_id.map(|g| format!("  GeoNames {g}")).unwrap_or_default()
        );
    }
    let _ = writeln!(out, "  type:       {} / {}", i.event_type.as_str(), i.sub_event_type.as_deref().unwrap_or("-"));
    let _ = writeln!(out, "  grade:      {}", i.grade.as_str());
    for r in &i.grade_reasons {
        let _ = writeln!(out, "    - {r}");
    }
    let _ = writeln!(out, "  contested:  {}", if i.contested { "yes" } else { "no" });
    for r in &i.contested_reasons {
        let _ = writeln!(out, "    - {r}");
    }
    let _ = writeln!(out, "  estimates (low / best / high, and the claims that set them):");
    let short = |ids: &[String]| ids.iter().map(|x| x[..x.len().min(10)].to_string()).collect::<Vec<_>>().join(",");
    let num = |v: Option<u64>, open: &str| v.map_or(open.to_string(), |v| v.to_string());
    for e in &i.estimates {
        let _ = writeln!(
            out,
            "    {:<10} {} / {} / {}   low: {}  best: {}  high: {}  ({})",
            e.category.as_str(),
            num(e.low, "?"),
            num(e.best, "?"),
            num(e.high, "open"),
            short(&e.low_claims),
            short(&e.best_claims),
            short(&e.high_claims),
            e.rule
        );
    }
    let _ = writeln!(out, "  independent sources ({}):", i.sources.len());
    for g in &i.sources {
        let docs: Vec<&str> = g.documents.iter().map(|d| &d[..d.len().min(12)]).collect();
        let label = match g.source.split_once(':') {
            Some(("wire", w)) => format!("{w} (wire)"),
            Some(("copies", _)) => "copies of one text".to_string(),
            _ => "its own report".to_string(),
        };
        let _ = writeln!(out, "    {label}: {}", docs.join(", "));
    }
    let _ = writeln!(out, "  grouped because:");
    for r in &i.merge_reasons {
        let _ = writeln!(out, "    - {r}");
    }
    let _ = writeln!(out, "\n  Claims side by side:");
    let _ =
        writeln!(out, "  {:<32} {:<8} {:<40} {:<22}  QUOTE", "CLAIMANT", "STANCE", "FIGURES (VICTIMS)", "EVENT DATE");
    for c in &i.claims {
        let _ = writeln!(
            out,
            "  {:<32} {:<8} {:<40} {:<22}  \"{}\"",
            clip(&format!("{} [{}]", c.claimant, c.claimant_kind.as_str()), 32),
            c.stance.as_str(),
            clip(&figures_text(c), 40),
            date_text(c.date),
            c.quote.replace('\n', " ")
        );
        let _ = writeln!(
            out,
            "  {:<32} document {} bytes {}..{}",
            "",
            &c.document[..16.min(c.document.len())],
            c.span.start,
            c.span.end
        );
    }
    out
}

/// `explain`: the document, then what was found in each sentence and why.
pub fn explain(doc: &Document, a: &Analysis) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Document {}", doc.id);
    let _ = writeln!(out, "  source:    {}", doc.meta.source.as_deref().unwrap_or("-"));
    let _ = writeln!(out, "  outlet:    {}", doc.meta.outlet.as_deref().unwrap_or("-"));
    let _ = writeln!(out, "  published: {}", doc.meta.published.map_or("-".to_string(), |d| d.to_string()));
    if let Some(dl) = &doc.meta.dateline {
        let _ = writeln!(
            out,
            "  dateline:  {:?} → place {}, country {}",
            dl.span.of(&doc.text),
            dl.place,
            dl.country.as_deref().unwrap_or("-")
        );
    }
    let _ =
        writeln!(out, "  country:   {}", a.country.as_ref().map_or("-".to_string(), |(c, why)| format!("{c} ({why})")));
    for w in &a.warnings {
        let _ = writeln!(out, "  warning:   {w}");
    }
    for s in &a.sentences {
        let _ = writeln!(
            out,
            "\n[{}] bytes {}..{}: {}",
            s.index,
            s.span.start,
            s.span.end,
            s.span.of(&doc.text).replace('\n', " ")
        );
        if s.notes.is_empty() {
            let _ = writeln!(out, "    (nothing found)");
        }
        for n in &s.notes {
            let _ = writeln!(out, "    {:<9} {:?} → {}", n.what, clip(&n.text, 60), n.detail);
        }
    }
    let _ = writeln!(out, "\n{} claims", a.claims.len());
    out
}

/// `explain-incident`: why the claims of an incident are one incident, its sources, its ranges
/// and its grade.
pub fn explain_incident(i: &Incident) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Incident {} ({} claims from {} documents)", i.id, i.claims.len(), {
        let mut d: Vec<&str> = i.claims.iter().map(|c| c.document.as_str()).collect();
        d.sort();
        d.dedup();
        d.len()
    });
    let _ = writeln!(out, "Why these claims are one incident:");
    for r in &i.merge_reasons {
        let _ = writeln!(out, "  - {r}");
    }
    let _ = writeln!(out, "Independent sources:");
    for g in &i.sources {
        let _ = writeln!(out, "  - {}: {}", g.source, g.documents.join(", "));
    }
    let _ = writeln!(out, "Estimates:");
    for e in &i.estimates {
        let _ = writeln!(
            out,
            "  - {}: low {} ({}), best {} ({}; {}), high {} ({})",
            e.category.as_str(),
            e.low.map_or("?".into(), |v| v.to_string()),
            e.low_claims.join(", "),
            e.best.map_or("?".into(), |v| v.to_string()),
            e.rule,
            e.best_claims.join(", "),
            e.high.map_or("open".into(), |v| v.to_string()),
            e.high_claims.join(", ")
        );
    }
    let _ = writeln!(out, "Grade: {}", i.grade.as_str());
    for r in &i.grade_reasons {
        let _ = writeln!(out, "  - {r}");
    }
    if i.contested {
        let _ = writeln!(out, "Contested because:");
        for r in &i.contested_reasons {
            let _ = writeln!(out, "  - {r}");
        }
    }
    out
}
