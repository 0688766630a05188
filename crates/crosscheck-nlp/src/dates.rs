//! Date expressions, resolved to day ranges.
//!
//! - Absolute: "April 19", "19 April 2022", "Sept. 3", "2022-04-19"; a missing year is the latest
//!   one that does not put the date after publication.
//! - Relative to publication: "on Friday" (the latest Friday on or before publication),
//!   "yesterday", "last week", "last month", "N days ago".
//! - Relative to the text: "three days earlier", "the next day", anchored on the latest
//!   day-precise date mentioned before it.
//! - Months and years: "in April" (a month range), "in 2020", "since 2020" (a year range).
//!
//! This module does not decide which date is the event's and which the statement's: the frame
//! stage does, from the position of each mention.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use crosscheck_model::{DateRange, Span};

use crate::lexicon::Resources;
use crate::tokens::Token;

/// How a date was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateKind {
    /// A day with a month (and maybe a year).
    Day,
    /// A month.
    Month,
    /// A year.
    Year,
    /// A weekday relative to publication.
    Weekday,
    /// Relative to publication ("yesterday", "last week").
    Deictic,
    /// Relative to another date in the text ("three days earlier").
    Anaphoric,
}

/// Settings for date resolution.
#[derive(Clone, Copy, Debug, Default)]
pub struct DateConfig {
    /// Publication date, the reference for relative expressions.
    pub reference: Option<NaiveDate>,
}

/// One date expression.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateMention {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// Byte span.
    pub span: Span,
    /// Resolved range, when it could be resolved.
    pub range: Option<DateRange>,
    /// How it was written.
    pub kind: DateKind,
    /// The preposition before it ("on", "in", "since", "after"), lowercase.
    pub preposition: Option<String>,
    /// Which rule resolved it.
    pub rule: &'static str,
}

const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
];

const WEEKDAYS: &[(&str, Weekday)] = &[
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
];

const PREPOSITIONS: &[&str] = &[
    "on", "in", "since", "after", "before", "until", "by", "from", "between", "during", "of", "late", "early", "mid",
    "last", "this", "until",
];

/// Whether a token names a month (used by other modules to avoid taking "April" for a place).
pub fn is_month(t: &Token<'_>) -> bool {
    month(t).is_some()
}

/// Whether a token names a weekday.
pub fn is_weekday(t: &Token<'_>) -> bool {
    WEEKDAYS.iter().any(|(w, _)| *w == t.lower)
}

fn month(t: &Token<'_>) -> Option<u32> {
    if !t.is_capitalised() {
        return None;
    }
    MONTHS.iter().find(|(m, _)| *m == t.lower).map(|(_, n)| *n)
}

fn day_number(t: &Token<'_>) -> Option<u32> {
    let digits: String = t.text.chars().take_while(char::is_ascii_digit).collect();
    let rest = &t.lower[digits.len()..];
    if digits.is_empty() || !(rest.is_empty() || matches!(rest, "st" | "nd" | "rd" | "th")) {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

/// A day range written as one token, "9-10" or "24-25": (first, last).
fn day_range(t: &Token<'_>) -> Option<(u32, u32)> {
    let (a, b) = t.text.split_once('-')?;
    let (a, b): (u32, u32) = (a.parse().ok()?, b.parse().ok()?);
    ((1..=31).contains(&a) && (1..=31).contains(&b) && a < b).then_some((a, b))
}

fn year_number(t: &Token<'_>) -> Option<i32> {
    (t.text.len() == 4 && t.text.chars().all(|c| c.is_ascii_digit()))
        .then(|| t.text.parse().ok())
        .flatten()
        .filter(|y| (1900..=2100).contains(y))
}

fn small_number(t: &Token<'_>, res: &Resources) -> Option<u64> {
    if let Ok(n) = t.text.parse::<u64>() {
        return Some(n);
    }
    if t.lower == "a" || t.lower == "an" {
        return Some(1);
    }
    res.number_words.get(t.low()).copied().filter(|n| *n < 100)
}

/// An optional year after a date at token `k` ("April 19, 2022", "19 April 2022"): the year and
/// the index just past it.
fn year_after(toks: &[Token<'_>], k: usize) -> (Option<i32>, usize) {
    match (toks.get(k), toks.get(k + 1)) {
        (Some(c), Some(y)) if c.text == "," && year_number(y).is_some() => (year_number(y), k + 2),
        (Some(y), _) if year_number(y).is_some() => (year_number(y), k + 1),
        _ => (None, k),
    }
}

/// A day in a stated year, or in the year inferred from the publication date.
fn day_in(
    year: Option<i32>,
    m: u32,
    d: u32,
    reference: Option<NaiveDate>,
    year_hint: Option<i32>,
) -> Option<NaiveDate> {
    match year {
        Some(y) => NaiveDate::from_ymd_opt(y, m, d),
        None => infer_year(m, d, reference, year_hint),
    }
}

/// Days `d1` to `d2` of month `m`.
fn day_span(
    year: Option<i32>,
    m: u32,
    d1: u32,
    d2: u32,
    reference: Option<NaiveDate>,
    year_hint: Option<i32>,
) -> Option<DateRange> {
    let start = day_in(year, m, d1, reference, year_hint)?;
    Some(DateRange::new(start, NaiveDate::from_ymd_opt(start.year(), m, d2)?))
}

/// The latest year such that (month, day) is not after `reference`.
fn infer_year(m: u32, d: u32, reference: Option<NaiveDate>, year_hint: Option<i32>) -> Option<NaiveDate> {
    match reference {
        Some(r) => {
            // The latest such date not after publication, or one at most a week after it (a
            // scheduled event: "the vote on Nov. 6" in a paper of Nov. 2).
            let this = NaiveDate::from_ymd_opt(r.year(), m, d)?;
            if this <= r || (this - r).num_days() <= 7 {
                Some(this)
            } else {
                NaiveDate::from_ymd_opt(r.year() - 1, m, d)
            }
        }
        None => NaiveDate::from_ymd_opt(year_hint?, m, d),
    }
}

fn month_range(y: i32, m: u32) -> Option<DateRange> {
    let start = NaiveDate::from_ymd_opt(y, m, 1)?;
    let end = start.checked_add_months(Months::new(1))?.pred_opt()?;
    Some(DateRange::new(start, end))
}

fn year_range(y: i32) -> Option<DateRange> {
    Some(DateRange::new(NaiveDate::from_ymd_opt(y, 1, 1)?, NaiveDate::from_ymd_opt(y, 12, 31)?))
}

fn shift(d: NaiveDate, days: i64) -> Option<NaiveDate> {
    if days >= 0 { d.checked_add_days(Days::new(days as u64)) } else { d.checked_sub_days(Days::new((-days) as u64)) }
}

/// Find and resolve the dates in a sentence. `anchor` is the latest day-precise date mentioned
/// before this sentence; it is updated as dates are found.
pub fn find(
    toks: &[Token<'_>],
    res: &Resources,
    cfg: &DateConfig,
    year_hint: Option<i32>,
    anchor: &mut Option<NaiveDate>,
) -> Vec<DateMention> {
    let mut out: Vec<DateMention> = Vec::new();
    let reference = cfg.reference;
    // "the same day" points back to the event day of earlier sentences, not to a date said
    // earlier in this one ("said on Monday that … the same day").
    let prior = *anchor;
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        let next = |k: usize| toks.get(i + k);
        // Skip a "." after an abbreviated month ("Sept. 3").
        let after_month = |k: usize| {
            if next(k).is_some_and(|n| n.text == ".") { k + 1 } else { k }
        };
        let mut found: Option<(usize, Option<DateRange>, DateKind, &'static str)> = None;

        let iso =
            t.text.len() == 10 && t.text.as_bytes().get(4) == Some(&b'-') && t.text.as_bytes().get(7) == Some(&b'-');
        if iso {
            if let Ok(date) = NaiveDate::parse_from_str(t.text, "%Y-%m-%d") {
                found = Some((1, Some(DateRange::day(date)), DateKind::Day, "iso-date"));
            }
        } else if let Some(m) = month(t)
            && let Some((d1, d2)) = next(after_month(1)).and_then(day_range)
        {
            // "December 11-12", "Apr.24-25"
            let (year, n) = year_after(toks, i + after_month(1) + 1);
            let range = day_span(year, m, d1, d2, reference, year_hint);
            found = Some((n - i, range, DateKind::Day, "month day-day"));
        } else if let Some((d1, d2)) = day_range(t)
            && let Some(m) = next(1).and_then(month)
        {
            // "9-10 February 2020"
            let (year, n) = year_after(toks, i + after_month(2));
            let range = day_span(year, m, d1, d2, reference, year_hint);
            found = Some((n - i, range, DateKind::Day, "day-day month"));
        } else if let Some(d1) = t.text.parse::<u32>().ok().filter(|d| (1..=31).contains(d))
            && next(1).is_some_and(|n| n.text == "-")
            && let Some(d2) = next(2).and_then(day_number)
            && let Some(m) = next(3).and_then(month)
        {
            // "between 21 - 23 October"
            let (year, n) = year_after(toks, i + after_month(4));
            let range = day_span(year, m, d1, d2, reference, year_hint);
            found = Some((n - i, range, DateKind::Day, "day - day month"));
        } else if let Some(m) = month(t) {
            let k = after_month(1);
            if let Some(d) = next(k).and_then(day_number) {
                // Month Day [, Year]
                let (year, end) = year_after(toks, i + k + 1);
                let n = end - i;
                let date = day_in(year, m, d, reference, year_hint);
                found = Some((
                    n,
                    date.map(DateRange::day),
                    DateKind::Day,
                    if year.is_some() { "month-day-year" } else { "month-day, year inferred" },
                ));
            } else if let Some(y) = next(k).and_then(year_number) {
                found = Some((k + 1, month_range(y, m), DateKind::Month, "month-year"));
            } else if i > 0 && PREPOSITIONS.contains(&toks[i - 1].low()) {
                let y = match reference {
                    Some(r) if m <= r.month() => Some(r.year()),
                    Some(r) => Some(r.year() - 1),
                    None => year_hint,
                };
                found = Some((1, y.and_then(|y| month_range(y, m)), DateKind::Month, "month, year inferred"));
            }
        } else if let Some(d) = day_number(t) {
            // Day [of] Month [Year]
            let k = if next(1).is_some_and(|n| n.lower == "of") { 2 } else { 1 };
            if let Some(m) = next(k).and_then(month) {
                let (year, end) = year_after(toks, i + after_month(k + 1));
                let n = end - i;
                let date = day_in(year, m, d, reference, year_hint);
                found = Some((n, date.map(DateRange::day), DateKind::Day, "day-month"));
            }
        } else if let Some(y) = year_number(t) {
            // A year on its own, unless it counts something ("1990 people").
            let counts = next(1).is_some_and(|n| res.victims.contains_key(n.low()) || n.text == "%");
            let in_number = i > 0 && matches!(toks[i - 1].text, "$" | "#" | "," | "." | "-");
            if !counts && !in_number {
                found = Some((1, year_range(y), DateKind::Year, "year"));
            }
        } else if let Some((_, wd)) = WEEKDAYS.iter().find(|(w, _)| *w == t.lower) {
            if t.is_capitalised() {
                let last = i > 0 && toks[i - 1].lower == "last";
                let date = reference.and_then(|r| {
                    let back = (7 + r.weekday().num_days_from_monday() as i64 - wd.num_days_from_monday() as i64) % 7;
                    let back = if last && back == 0 { 7 } else { back };
                    shift(r, -back)
                });
                let n = if next(1).is_some_and(|n| matches!(n.low(), "morning" | "night" | "evening" | "afternoon")) {
                    2
                } else {
                    1
                };
                found =
                    Some((n, date.map(DateRange::day), DateKind::Weekday, "weekday, latest on or before publication"));
            }
        } else if t.lower == "yesterday" {
            found = Some((1, reference.and_then(|r| shift(r, -1)).map(DateRange::day), DateKind::Deictic, "yesterday"));
        } else if t.lower == "today" {
            found = Some((1, reference.map(DateRange::day), DateKind::Deictic, "today"));
        } else if t.lower == "this" && next(1).is_some_and(|n| matches!(n.low(), "week" | "month" | "year")) {
            let unit = next(1).map(|n| n.low()).unwrap_or("");
            let range = reference.and_then(|r| match unit {
                "week" => {
                    let monday = shift(r, -(r.weekday().num_days_from_monday() as i64))?;
                    Some(DateRange::new(monday, shift(monday, 6)?))
                }
                "month" => month_range(r.year(), r.month()),
                _ => year_range(r.year()),
            });
            found = Some((2, range, DateKind::Deictic, "this week/month/year"));
        } else if t.lower == "last" && next(1).is_some_and(|n| matches!(n.low(), "week" | "month" | "year" | "night")) {
            let unit = next(1).map(|n| n.low()).unwrap_or("");
            let range = reference.and_then(|r| match unit {
                "night" => Some(DateRange::new(shift(r, -1)?, r)),
                "week" => {
                    let monday = shift(r, -(r.weekday().num_days_from_monday() as i64) - 7)?;
                    Some(DateRange::new(monday, shift(monday, 6)?))
                }
                "month" => {
                    let prev = r.checked_sub_months(Months::new(1))?;
                    month_range(prev.year(), prev.month())
                }
                _ => year_range(r.year() - 1),
            });
            found = Some((2, range, DateKind::Deictic, "last week/month/year"));
        } else if let Some(n) = small_number(t, res) {
            // "three days earlier", "two weeks ago", "a day later"
            if let (Some(unit), Some(dir)) = (next(1), next(2)) {
                let days = match unit.low() {
                    "day" | "days" => Some(1),
                    "week" | "weeks" => Some(7),
                    _ => None,
                };
                if let Some(per) = days {
                    let delta = (n * per) as i64;
                    let (base, sign, kind, rule) = match dir.low() {
                        "ago" => (reference, -1, DateKind::Deictic, "N days ago"),
                        "earlier" | "before" => {
                            (*anchor, -1, DateKind::Anaphoric, "N days earlier than the previous date")
                        }
                        "later" | "after" => (*anchor, 1, DateKind::Anaphoric, "N days later than the previous date"),
                        _ => (None, 0, DateKind::Anaphoric, ""),
                    };
                    if sign != 0 {
                        found = Some((3, base.and_then(|b| shift(b, sign * delta)).map(DateRange::day), kind, rule));
                    }
                }
            }
        } else if t.lower == "the" {
            let w1 = next(1).map(|n| n.low()).unwrap_or("");
            let w2 = next(2).map(|n| n.low()).unwrap_or("");
            let delta = match (w1, w2) {
                ("same", "day") => Some(0),
                ("next" | "following", "day") => Some(1),
                ("previous" | "preceding", "day") => Some(-1),
                ("day", "before") => Some(-1),
                ("day", "after") => Some(1),
                _ => None,
            };
            if let Some(dd) = delta {
                let (base, rule) = if dd == 0 {
                    (prior, "the same day as the previous event")
                } else {
                    (*anchor, "the next/previous day")
                };
                found = Some((3, base.and_then(|a| shift(a, dd)).map(DateRange::day), DateKind::Anaphoric, rule));
            }
        }

        match found {
            Some((n, range, kind, rule)) => {
                let end = (i + n).min(toks.len());
                if let Some(r) = range.filter(|r| r.start == r.end) {
                    *anchor = Some(r.start);
                }
                out.push(DateMention {
                    start: i,
                    end,
                    span: Span::new(t.span.start, toks[end - 1].span.end),
                    range,
                    kind,
                    // "since early 2019": the preposition before "early/late/mid".
                    preposition: {
                        let mut p = i.checked_sub(1);
                        if let Some(k) = p
                            && matches!(toks[k].low(), "early" | "late" | "mid")
                            && k > 0
                        {
                            p = Some(k - 1);
                        }
                        p.map(|p| toks[p].lower.to_string()).filter(|p| PREPOSITIONS.contains(&p.as_str()))
                    },
                    rule,
                });
                i = end;
            }
            None => i += 1,
        }
    }
    // "between August 28 and August 30": one range.
    let mut k = 0;
    while k + 1 < out.len() {
        let (a, b) = (&out[k], &out[k + 1]);
        if a.preposition.as_deref() == Some("between")
            && b.start == a.end + 1
            && toks[a.end].lower == "and"
            && let (Some(x), Some(y)) = (a.range, b.range)
        {
            let merged = DateMention {
                start: a.start,
                end: b.end,
                span: Span::new(a.span.start, b.span.end),
                range: Some(DateRange::new(x.start.min(y.start), x.end.max(y.end))),
                kind: a.kind,
                preposition: a.preposition.clone(),
                rule: "between DATE and DATE",
            };
            out[k] = merged;
            out.remove(k + 1);
        }
        k += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::tokenize;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// Every date in `text` as "start..end" (or "start"), for a publication date.
    fn check(text: &str, published: &str, expected: &[&str]) {
        let res = Resources::builtin();
        let toks = tokenize(text, 0);
        let mut anchor = None;
        let cfg = DateConfig { reference: Some(d(published)) };
        let got: Vec<String> = find(&toks, &res, &cfg, None, &mut anchor)
            .into_iter()
            .map(|m| m.range.map_or("?".to_string(), |r| r.to_string()))
            .collect();
        assert_eq!(got, expected, "in {text:?}");
    }

    #[test]
    fn weekdays_resolve_to_the_latest_on_or_before_publication() {
        // 2022-09-03 is a Saturday.
        check("on Friday", "2022-09-03", &["2022-09-02"]);
        check("published Wednesday", "2022-09-03", &["2022-08-31"]);
        check("on Saturday", "2022-09-03", &["2022-09-03"]);
        check("last Saturday", "2022-09-03", &["2022-08-27"]);
    }

    #[test]
    fn month_day_takes_the_latest_year_not_after_publication() {
        check("on April 19", "2022-09-03", &["2022-04-19"]);
        check("on December 30", "2022-09-03", &["2021-12-30"]);
        check("Sept. 3, 2021 and 19 April 2020", "2022-09-03", &["2021-09-03", "2020-04-19"]);
        check("in April", "2022-09-03", &["2022-04-01..2022-04-30"]);
        check("2022-04-19", "2022-09-03", &["2022-04-19"]);
    }

    #[test]
    fn relative_to_the_previous_date() {
        check("on April 22 after the attack three days earlier", "2022-09-03", &["2022-04-22", "2022-04-19"]);
        check("on April 22 and the next day", "2022-09-03", &["2022-04-22", "2022-04-23"]);
        check("on April 22 and the next day", "2022-09-03", &["2022-04-22", "2022-04-23"]);
        check("between August 28 and August 30", "2022-09-03", &["2022-08-28..2022-08-30"]);
        check("on 9-10 February 2020", "2022-09-03", &["2020-02-09..2020-02-10"]);
        check("on December 11-12", "2022-09-03", &["2021-12-11..2021-12-12"]);
        check("(between 21 - 23 October)", "2022-09-03", &["2021-10-21..2021-10-23"]);
    }

    #[test]
    fn relative_to_publication() {
        check("yesterday", "2022-09-03", &["2022-09-02"]);
        check("last week", "2022-09-03", &["2022-08-22..2022-08-28"]);
        check("two days ago", "2022-09-03", &["2022-09-01"]);
        check("since 2020", "2022-09-03", &["2020-01-01..2020-12-31"]);
        check("since early 2019", "2022-09-03", &["2019-01-01..2019-12-31"]);
    }

    #[test]
    fn may_the_verb_is_not_a_month() {
        check("they may return", "2022-09-03", &[]);
    }
}
