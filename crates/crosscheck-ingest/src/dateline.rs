//! Wire datelines at the head of an article.
//!
//! Recognised shapes:
//! - `Bamako, Sept 3 (UrduPoint / Pakistan Point News - 3rd Sep, 2022 ) :`
//! - `BAMAKO, Mali (Reuters) -`
//! - `DAKAR, Senegal --` / `DAKAR, Senegal —`
//! - `BAMAKO (AFP) -`

use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use crosscheck_model::{Dateline, Span};
use regex::Regex;

static WITH_PARENS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<place>[A-Z][\p{L}'’. -]{1,40}?)(?:,\s+(?P<second>[A-Z][\p{L}\d'’. ]{1,40}?))?\s*\((?P<outlet>[^()\n]{2,120})\)\s*(?:[:\-–—]+\s*)").unwrap()
});
static CAPS_DASH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<place>[A-Z][A-Z'’. -]{1,40}?)(?:,\s+(?P<second>[A-Z][\p{L}'’. ]{1,40}?))?\s*(?:--|—|–|>>)\s*")
        .unwrap()
});
static MONTH_DAY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?P<m>[A-Z][a-z]{2,8})\.?\s+(?P<d>\d{1,2})$").unwrap());

const MONTHS: &[&str] = &["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

fn month_day(s: &str, published: Option<NaiveDate>) -> Option<Option<NaiveDate>> {
    let c = MONTH_DAY.captures(s)?;
    let m = c["m"].to_lowercase();
    let month = MONTHS.iter().position(|p| m.starts_with(p))? as u32 + 1;
    let day: u32 = c["d"].parse().ok()?;
    Some(published.and_then(|p| {
        let d = NaiveDate::from_ymd_opt(p.year(), month, day)?;
        if d <= p { Some(d) } else { NaiveDate::from_ymd_opt(p.year() - 1, month, day) }
    }))
}

fn title_case(s: &str) -> String {
    if s.chars().any(char::is_lowercase) {
        return s.to_string();
    }
    s.split(' ')
        .map(|w| {
            let mut c = w.chars();
            c.next().map_or(String::new(), |f| f.to_uppercase().chain(c.flat_map(char::to_lowercase)).collect())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Parse a dateline starting at byte `start` of `text`.
pub fn parse_dateline(text: &str, start: usize, published: Option<NaiveDate>) -> Option<Dateline> {
    let head = text.get(start..)?;
    let (caps, rule_parens) = match WITH_PARENS.captures(head) {
        Some(c) => (c, true),
        None => (CAPS_DASH.captures(head)?, false),
    };
    let whole = caps.get(0)?;
    let raw_place = caps.name("place")?.as_str().trim();
    let place = title_case(raw_place);
    if place.split_whitespace().count() > 4 {
        return None;
    }
    let mut country = None;
    let mut date = None;
    if let Some(second) = caps.name("second") {
        match month_day(second.as_str().trim(), published) {
            Some(d) => date = d,
            None => country = Some(second.as_str().trim().to_string()),
        }
    }
    let outlet = caps.name("outlet").map(|o| {
        let o = o.as_str().trim();
        // "UrduPoint / Pakistan Point News - 3rd Sep, 2022": drop the trailing date.
        match o.rfind(" - ") {
            Some(i) if o[i..].chars().any(|c| c.is_ascii_digit()) => o[..i].trim().to_string(),
            _ => o.to_string(),
        }
    });
    if !rule_parens && country.is_none() && raw_place.chars().any(char::is_lowercase) {
        return None;
    }
    Some(Dateline { place, country, outlet, date, span: Span::new(start, start + whole.end()) })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expected: Option<(&str, Option<&str>, Option<&str>)>) {
        let got = parse_dateline(text, 0, NaiveDate::from_ymd_opt(2022, 9, 3));
        let got = got.as_ref().map(|d| (d.place.as_str(), d.country.as_deref(), d.outlet.as_deref()));
        assert_eq!(got, expected, "in {text:?}");
    }

    #[test]
    fn wire_datelines() {
        check("BAMAKO, Mali (Reuters) - Gunmen", Some(("Bamako", Some("Mali"), Some("Reuters"))));
        check("DAKAR, Senegal -- Gunmen", Some(("Dakar", Some("Senegal"), None)));
        check("NIAMEY (AFP) - Gunmen", Some(("Niamey", None, Some("AFP"))));
        check("MEXICO CITY — Gunmen", Some(("Mexico City", None, None)));
        check("MEXICO CITY >> At least", Some(("Mexico City", None, None)));
        check("Bamako, Sept 3 (UrduPoint - 3rd Sep, 2022 ) :The", Some(("Bamako", None, Some("UrduPoint"))));
    }

    #[test]
    fn ordinary_sentences_are_not_datelines() {
        check("The army said on Friday (local time) that", None);
        check("Gunmen killed ten people in Mali.", None);
    }
}
