//! The `geo` format: toponym resolution and recognition on the geoparsing gold sets
//! (`../shared/data/geoparsing/`: GeoWebNews, LGL, TR-News, GeoVirus).
//!
//! **Input**: the article text. In the default mode the gold toponym *spans* are given too, so
//! resolution is scored apart from recognition; with `--end-to-end` the pipeline's own place
//! mentions are resolved and matched to the gold by span overlap.
//!
//! **Resolution**: each gold toponym that has coordinates is resolved with the document as
//! context (`crosscheck_nlp::geocode::resolve_mentions` in guessing mode: every name gets its best
//! candidate, since the literature scores a missing answer as the largest error). The error is
//! the great-circle distance to the gold point; a toponym left unresolved (or, end to end, not
//! recognised) counts 20,039 km, half the Earth's circumference.
//!
//! **Metrics**: `accuracy_161km` (share within 161 km, 100 miles), `km_median` (median error),
//! `auc` (the area under the curve of sorted log errors, normalised: the mean of
//! ln(1 + error) / ln(1 + 20,039); 0 is perfect, lower is better, as in Gritta et al. 2018),
//! `candidates.within_161km` (share of toponyms whose name has at least one gazetteer candidate
//! within 161 km of the gold point: the ceiling of `accuracy_161km` for any choice among the
//! candidates, before the document-focus fallback for unknown names), `candidates.unknown` (share
//! of toponyms whose name the gazetteer does not have: those take the fallback),
//! `candidates.in_document_161km` (share of toponyms with a candidate of *any* of the document's
//! toponyms within 161 km: the ceiling of every resolver that answers with the gazetteer's
//! points for the document's names, fallback included),
//! `recognition.precision` and `recognition.recall` (pipeline place mentions against gold
//! toponyms, by span overlap; GeoWebNews toponyms typed `Non_Toponym` are not gold).

use std::collections::BTreeMap;
use std::path::Path;

use crosscheck_model::{DocMeta, Document, Span};
use crosscheck_nlp::Resources;

use crate::{EvalError, Metric, Miss, Scores, median, read};

const MAX_KM: f64 = 20_039.0;

/// One gold toponym.
struct Toponym {
    span: Span,
    name: String,
    coordinates: Option<(f64, f64)>,
    toponym: bool,
}

fn tag<'a>(block: &'a str, name: &str) -> Option<&'a str> {
    let open = format!("<{name}");
    let mut from = 0;
    loop {
        let i = block[from..].find(&open)? + from;
        let after = &block[i + open.len()..];
        // "<name>" or "<name attr=…>", not "<names>" or "<name/>".
        match after.chars().next() {
            Some('>') | Some(' ') => {
                let gt = after.find('>')?;
                if after[..gt].ends_with('/') {
                    return Some("");
                }
                let body = &after[gt + 1..];
                let close = format!("</{name}>");
                return Some(&body[..body.find(&close)?]);
            }
            Some('/') => return Some(""),
            _ => from = i + open.len(),
        }
    }
}

fn unescape(s: &str) -> String {
    let s = s.trim_start_matches("<![CDATA[").trim_end_matches("]]>");
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
}

/// Blocks between `<name …>` and `</name>`.
fn blocks<'a>(xml: &'a str, name: &str) -> Vec<&'a str> {
    let (open, close) = (format!("<{name}"), format!("</{name}>"));
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find(&open) {
        let after = &rest[i + open.len()..];
        if !after.starts_with(['>', ' ']) {
            rest = after;
            continue;
        }
        let Some(j) = after.find(&close) else { break };
        out.push(&after[..j]);
        rest = &after[j + close.len()..];
    }
    out
}

/// Byte span of characters `start..end` of `text`.
fn char_span(text: &str, start: usize, end: usize) -> Option<Span> {
    let mut idx = text.char_indices().map(|(b, _)| b).chain(std::iter::once(text.len()));
    let s = idx.clone().nth(start)?;
    let e = idx.nth(end)?;
    (s <= e).then(|| Span::new(s, e))
}

/// The byte span of the occurrence of `name` in `text` nearest before character offset `at`
/// (offsets that count dropped characters only run ahead), else the nearest after, within
/// `window` characters.
fn nearest(text: &str, name: &str, at: usize, window: usize) -> Option<Span> {
    if name.is_empty() {
        return None;
    }
    let found: Vec<(usize, usize)> = text
        .match_indices(name)
        .map(|(b, _)| (text[..b].chars().count(), b))
        .filter(|(c, _)| c.abs_diff(at) <= window)
        .collect();
    let before = found.iter().filter(|(c, _)| *c <= at).max_by_key(|(c, _)| *c);
    before.or_else(|| found.iter().min_by_key(|(c, _)| c.abs_diff(at))).map(|&(_, b)| Span::new(b, b + name.len()))
}

/// Parse one of the four XML layouts: (text, gold toponyms) per article.
fn parse(xml: &str) -> Vec<(String, Vec<Toponym>)> {
    let mut out = Vec::new();
    for a in blocks(xml, "article") {
        let Some(text) = tag(a, "text").map(unescape) else { continue };
        let mut gold = Vec::new();
        let items = if a.contains("<toponym") { blocks(a, "toponym") } else { blocks(a, "location") };
        for t in items {
            let num = |n: &str| tag(t, n).and_then(|v| v.trim().parse::<f64>().ok());
            let (Some(s), Some(e)) = (num("start"), num("end")) else { continue };
            let name = tag(t, "phrase").or_else(|| tag(t, "extractedName")).or_else(|| tag(t, "name")).map(unescape);
            // GeoVirus counts offsets from 1: where the span does not hold the name, the name a
            // few characters away is taken.
            let (s, e) = (s as isize, e as isize);
            let span = [0isize, 1, -1, 2, -2, 3, -3]
                .into_iter()
                .filter_map(|d| char_span(&text, (s + d).max(0) as usize, (e + d).max(0) as usize))
                .find(|sp| name.as_deref().is_none_or(|n| sp.of(&text) == n));
            // TR-News counts its offsets over the original "\r\n" line ends, so they drift
            // further on each line: the nearest occurrence of the name, within 300 characters.
            let span = span.or_else(|| nearest(&text, name.as_deref()?, s.max(0) as usize, 300));
            let Some(span) = span.or_else(|| char_span(&text, s.max(0) as usize, e.max(0) as usize)) else { continue };
            let lat = num("latitude").or_else(|| num("lat"));
            let lon = num("longitude").or_else(|| num("lon"));
            gold.push(Toponym {
                name: name.unwrap_or_else(|| span.of(&text).to_string()),
                span,
                coordinates: lat.zip(lon),
                toponym: tag(t, "type").is_none_or(|ty| ty.trim() != "Non_Toponym"),
            });
        }
        out.push((text, gold));
    }
    out
}

/// Score one geoparsing XML file.
pub fn evaluate(path: &Path, res: &Resources, end_to_end: bool) -> Result<Scores, EvalError> {
    let Some(g) = res.gazetteer.as_ref() else {
        return Err(EvalError::Layout { path: path.to_path_buf(), reason: "no gazetteer is loaded".into() });
    };
    let xml = read(path)?;
    let articles = parse(&xml);
    if articles.is_empty() {
        return Err(EvalError::Layout { path: path.to_path_buf(), reason: "no <article> with <text>".into() });
    }
    let mut errors = Vec::new();
    let mut misses = Vec::new();
    // Gold toponyms with a candidate of their name within 161 km, with no candidate at all, and
    // with a candidate of any of the document's names within 161 km.
    let (mut reachable, mut unknown, mut in_document) = (0usize, 0usize, 0usize);
    let (mut rec_hits, mut rec_pred, mut rec_gold) = (0usize, 0usize, 0usize);
    for (n, (text, gold)) in articles.iter().enumerate() {
        let doc = Document { id: format!("article-{n}"), text: text.clone(), body_start: 0, meta: DocMeta::default() };
        let ctx = crosscheck_nlp::place_context(&doc, res);
        // Recognition.
        let gold_top: Vec<&Toponym> = gold.iter().filter(|t| t.toponym).collect();
        rec_gold += gold_top.len();
        rec_pred += ctx.mentions.len();
        rec_hits += gold_top.iter().filter(|t| ctx.mentions.iter().any(|(_, s)| s.overlaps(&t.span))).count();
        // Resolution.
        let scored: Vec<&Toponym> = gold.iter().filter(|t| t.coordinates.is_some()).collect();
        let got: Vec<Option<(f64, f64)>> = if end_to_end {
            let found = crosscheck_nlp::geocode::resolve_mentions(g, res, text, &ctx.countries, &ctx.mentions, true);
            scored
                .iter()
                .map(|t| {
                    ctx.mentions.iter().zip(&found).find(|((_, s), _)| s.overlaps(&t.span)).and_then(|(_, ll)| *ll)
                })
                .collect()
        } else {
            let given: Vec<(String, Span)> = scored.iter().map(|t| (t.span.of(text).to_string(), t.span)).collect();
            crosscheck_nlp::geocode::resolve_mentions(g, res, text, &ctx.countries, &given, true)
        };
        // Each toponym's candidate points; all of them together are every point a resolver
        // answering with the gazetteer could give for a name of this document.
        let points: Vec<Vec<(f64, f64)>> = scored
            .iter()
            .map(|t| {
                g.lookup(t.span.of(text))
                    .into_iter()
                    .map(|(i, _)| {
                        let e = g.entry_brief(i);
                        (e.lat, e.lon)
                    })
                    .collect()
            })
            .collect();
        for ((t, ll), own) in scored.iter().zip(got).zip(&points) {
            let gold_ll = t.coordinates.expect("filtered");
            let close = |p: &(f64, f64)| crosscheck_geo::haversine_km(*p, gold_ll) <= 161.0;
            unknown += usize::from(own.is_empty());
            reachable += usize::from(own.iter().any(close));
            in_document += usize::from(points.iter().flatten().any(close));
            let km = ll.map_or(MAX_KM, |p| crosscheck_geo::haversine_km(p, gold_ll));
            errors.push(km);
            if km > 161.0 {
                misses.push(Miss {
                    kind: "resolution".into(),
                    doc: format!("article {n}"),
                    text: t.name.clone(),
                    expected: format!("{:.3},{:.3}", gold_ll.0, gold_ll.1),
                    got: ll.map_or("unresolved".into(), |p| format!("{:.3},{:.3} ({km:.0} km off)", p.0, p.1)),
                });
            }
        }
    }
    let total = errors.len();
    let within = errors.iter().filter(|e| **e <= 161.0).count();
    let auc = if total == 0 {
        0.0
    } else {
        errors.iter().map(|e| (1.0 + e).ln()).sum::<f64>() / (total as f64 * (1.0 + MAX_KM).ln())
    };
    let mut m = BTreeMap::new();
    m.insert("accuracy_161km".to_string(), Metric::ratio(within, total));
    m.insert("km_median".to_string(), Metric::value(median(errors), total));
    m.insert("auc".to_string(), Metric::value(auc, total));
    m.insert("candidates.within_161km".to_string(), Metric::ratio(reachable, total));
    m.insert("candidates.unknown".to_string(), Metric::ratio(unknown, total));
    m.insert("candidates.in_document_161km".to_string(), Metric::ratio(in_document, total));
    m.insert("recognition.precision".to_string(), Metric::ratio(rec_hits.min(rec_pred), rec_pred));
    m.insert("recognition.recall".to_string(), Metric::ratio(rec_hits, rec_gold));
    Ok(Scores {
        format: "geo".into(),
        summary: format!(
            "{} articles, {total} toponyms with coordinates, {rec_gold} toponyms; {}",
            articles.len(),
            if end_to_end { "end to end (own recognition)" } else { "gold spans given" }
        ),
        metrics: m,
        misses,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_lgl_and_geovirus_layouts_with_character_offsets() {
        let lgl = "<articles><article docid=\"1\"><text><![CDATA[Né in Alexandria.]]></text><toponyms><toponym><start>6</start><end>16</end><phrase>Alexandria</phrase><gaztag geonameid=\"1\"><name>Alexandria</name><lat>31.3</lat><lon>-92.4</lon></gaztag></toponym></toponyms></article></articles>";
        let a = parse(lgl);
        assert_eq!(a.len(), 1);
        let t = &a[0].1[0];
        assert_eq!((t.span.of(&a[0].0), t.coordinates), ("Alexandria", Some((31.3, -92.4))));
        // GeoVirus offsets start at 1.
        let gv = "<articles><article><text>In Pandi.</text><locations><location><name>Pandi</name><start>4</start><end>9</end><lat>14.87</lat><lon>120.95</lon></location></locations></article></articles>";
        let a = parse(gv);
        assert_eq!(a[0].1[0].span.of(&a[0].0), "Pandi");
        // Offsets counted over "\r\n" line ends drift by one a line: the nearest occurrence.
        let tr = "<articles><article><text>A.\nB.\nC.\nD.\nE in Kobari, not Kobari West.</text><toponyms><toponym><start>24</start><end>30</end><phrase>Kobari</phrase></toponym></toponyms></article></articles>";
        let a = parse(tr);
        let (text, t) = (&a[0].0, &a[0].1[0]);
        assert_eq!((t.span.of(text), t.span.start), ("Kobari", text.find("Kobari").unwrap()));
    }
}
