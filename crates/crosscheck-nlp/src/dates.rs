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
    /// A quarter, half, season, decade or century.
    Period,
    /// A vague reference to the present, the past or the future ("now", "recently", "soon"):
    /// no range.
    Reference,
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

/// What earlier sentences of the same document said about dates.
#[derive(Clone, Copy, Debug, Default)]
pub struct DateContext {
    /// The latest day-precise date mentioned so far.
    pub anchor: Option<NaiveDate>,
    /// The latest quarter mentioned so far ("the year-ago quarter" and "a year earlier" follow it).
    pub quarter: Option<DateRange>,
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
    /// The ISO-TimeML value ("2022-04-19", "2022-04", "2022-Q3", "1998-FA", "199", "PRESENT_REF"),
    /// when it could be resolved.
    pub value: Option<String>,
}

/// The ISO-TimeML value of a range: a day, a month, a quarter, a half, a year, a decade, a
/// century or a Monday-to-Sunday week; anything else as `start/end`.
pub fn timeml(r: DateRange) -> String {
    let (s, e) = (r.start, r.end);
    if s == e {
        return s.format("%Y-%m-%d").to_string();
    }
    let months_end = |n: u32| s.checked_add_months(Months::new(n)).and_then(|d| d.pred_opt());
    if s.day() == 1 {
        if Some(e) == months_end(1) {
            return s.format("%Y-%m").to_string();
        }
        if Some(e) == months_end(3) && (s.month() - 1) % 3 == 0 {
            return format!("{}-Q{}", s.year(), (s.month() - 1) / 3 + 1);
        }
        if Some(e) == months_end(6) && (s.month() - 1) % 6 == 0 {
            return format!("{}-H{}", s.year(), (s.month() - 1) / 6 + 1);
        }
        if s.month() == 1 && e.month() == 12 && e.day() == 31 {
            match e.year() - s.year() + 1 {
                1 => return s.format("%Y").to_string(),
                10 if s.year() % 10 == 0 => return format!("{}", s.year() / 10),
                100 if s.year() % 100 == 0 => return format!("{}", s.year() / 100),
                _ => {}
            }
        }
    }
    if s.weekday() == Weekday::Mon && r.days() == 7 {
        return format!("{}-W{:02}", s.iso_week().year(), s.iso_week().week());
    }
    format!("{s}/{e}")
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
    // English capitalises months, which tells "May" from "may"; a glossed month is one.
    if !t.is_capitalised() && !t.glossed {
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
    tense: Tense,
) -> Option<NaiveDate> {
    match year {
        Some(y) => NaiveDate::from_ymd_opt(y, m, d),
        None => infer_year(m, d, reference, year_hint, tense),
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
    tense: Tense,
) -> Option<DateRange> {
    let start = day_in(year, m, d1, reference, year_hint, tense)?;
    Some(DateRange::new(start, NaiveDate::from_ymd_opt(start.year(), m, d2)?))
}

/// The latest year such that (month, day) is not after `reference`; in a future context, the
/// earliest such that it is not more than a week before; with no tense, the nearest
/// (looking at most about three months ahead).
fn infer_year(m: u32, d: u32, reference: Option<NaiveDate>, year_hint: Option<i32>, tense: Tense) -> Option<NaiveDate> {
    match reference {
        Some(r) if tense == Tense::Future => {
            let this = NaiveDate::from_ymd_opt(r.year(), m, d)?;
            if (r - this).num_days() <= 7 { Some(this) } else { NaiveDate::from_ymd_opt(r.year() + 1, m, d) }
        }
        // No tense: the nearest occurrence, if a coming one is within about three months
        // (schedules, deadlines); past otherwise.
        Some(r) if tense == Tense::Unmarked => (r.year() - 1..=r.year() + 1)
            .filter_map(|y| NaiveDate::from_ymd_opt(y, m, d))
            .filter(|x| (*x - r).num_days() <= 90)
            .min_by_key(|x| (*x - r).num_days().abs()),
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

/// Which way an undated day or month points from publication.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tense {
    /// A future marker shortly before the date ("will meet on Thursday", "plans to redeem on
    /// Nov. 16", "must be returned by Jan. 14"): the earliest occurrence.
    Future,
    /// A past-tense verb in the sentence, or a statement date ("said Tuesday"): the latest one.
    Past,
    /// Neither ("payable Jan. 2 to stock of record Dec. 15"): the nearest one.
    Unmarked,
}

/// The tense that decides how an undated day, weekday or month at token `i` is resolved.
fn tense(toks: &[Token<'_>], i: usize, res: &Resources, past: &std::cell::OnceCell<bool>) -> Tense {
    const FUTURE: &[&str] = &[
        "will",
        "shall",
        "won't",
        "must",
        "should",
        "scheduled",
        "planned",
        "plans",
        "plan",
        "expected",
        "expects",
        "due",
        "upcoming",
        "coming",
        "intends",
        "going",
        "next",
    ];
    const PAST: &[&str] = &[
        "was", "were", "had", "did", "took", "began", "came", "went", "fell", "shot", "struck", "fought", "broke",
        "held", "met", "left", "made", "saw", "ago", "last", "earlier", "previous",
    ];
    let from = i.saturating_sub(8);
    let window = toks[from..i].iter().rev().take_while(|t| !matches!(t.text, "." | ";" | "\"" | "“" | "”"));
    let mut statement = false;
    for (k, t) in window.enumerate() {
        if FUTURE.contains(&t.low()) || t.lower.ends_with("'ll") {
            return Tense::Future;
        }
        statement |= k < 3 && res.speech.contains_key(t.low());
    }
    let past_verb = |t: &Token<'_>| {
        PAST.contains(&t.low())
            || (t.lower.len() > 4
                && t.lower.ends_with("ed")
                && !res.speech.contains_key(t.low())
                && !matches!(t.low(), "scheduled" | "planned" | "expected" | "proposed" | "need" | "indeed"))
    };
    // Whether the sentence has a past-tense verb: computed once per sentence.
    if statement || *past.get_or_init(|| toks.iter().any(past_verb)) { Tense::Past } else { Tense::Unmarked }
}

/// "now", "currently", "recently", "in the past", "soon", "the future": TimeML's vague
/// references, with the number of tokens they take.
fn vague_reference(toks: &[Token<'_>], i: usize) -> Option<(&'static str, usize)> {
    let t = toks[i].low();
    let next = toks.get(i + 1).map(|t| t.low()).unwrap_or("");
    let value = match (t, next) {
        ("now" | "currently" | "presently" | "nowadays" | "current", _) => "PRESENT_REF",
        ("at", "present") => return Some(("PRESENT_REF", 2)),
        ("recently" | "recent" | "previously" | "formerly", _) => "PAST_REF",
        ("the", "past") if toks.get(i + 2).is_none_or(|n| !n.is_number() && !n.is_word() || n.lower == "and") => {
            return Some(("PAST_REF", 2));
        }
        ("the", "future") => return Some(("FUTURE_REF", 2)),
        ("future" | "soon", _) => "FUTURE_REF",
        _ => return None,
    };
    // "the current account", "the future president": only as an adverb or before a time noun.
    if matches!(t, "current" | "future")
        && !matches!(next, "period" | "quarter" | "year" | "month" | "week" | "time" | "." | ",")
    {
        return (t == "future" && i > 0 && matches!(toks[i - 1].low(), "the" | "near" | "distant" | "foreseeable"))
            .then_some(("FUTURE_REF", 1));
    }
    Some((value, 1))
}

/// A date that is a period other than a day, month or year, or one relative to another period.
struct Period {
    len: usize,
    range: Option<DateRange>,
    value: Option<String>,
    kind: DateKind,
    rule: &'static str,
}

fn quarter_range(y: i32, q: u32) -> Option<DateRange> {
    let start = NaiveDate::from_ymd_opt(y, (q - 1) * 3 + 1, 1)?;
    Some(DateRange::new(start, start.checked_add_months(Months::new(3))?.pred_opt()?))
}

fn year_back(r: DateRange, n: u32) -> Option<DateRange> {
    Some(DateRange::new(
        r.start.checked_sub_months(Months::new(12 * n))?,
        r.end.checked_sub_months(Months::new(12 * n))?,
    ))
}

fn ordinal(w: &str) -> Option<u32> {
    match w {
        "first" | "1st" => Some(1),
        "second" | "2nd" => Some(2),
        "third" | "3rd" => Some(3),
        "fourth" | "4th" => Some(4),
        _ => None,
    }
}

/// Season code and its months (winter of year Y runs from December Y to February Y+1).
fn season(w: &str) -> Option<(&'static str, u32)> {
    match w {
        "spring" => Some(("SP", 3)),
        "summer" => Some(("SU", 6)),
        "fall" | "autumn" => Some(("FA", 9)),
        "winter" => Some(("WI", 12)),
        _ => None,
    }
}

/// Quarters, halves, seasons, decades, centuries, weekends, "next week", "a year ago" and "the
/// year-earlier quarter", at token `i`, for publication date `r`.
fn periods(
    toks: &[Token<'_>],
    i: usize,
    r: NaiveDate,
    last_quarter: Option<DateRange>,
    res: &Resources,
    future: bool,
) -> Option<Period> {
    let w = |k: usize| toks.get(i + k).map(|t| t.low()).unwrap_or("");
    let prev = |k: usize| i.checked_sub(k).map(|j| toks[j].low()).unwrap_or("");
    let p = |len, range: Option<DateRange>, kind, rule| Some(Period { len, range, value: None, kind, rule });
    let current_quarter = (r.month() - 1) / 3 + 1;
    let completed = if current_quarter == 1 {
        quarter_range(r.year() - 1, 4)
    } else {
        quarter_range(r.year(), current_quarter - 1)
    };
    let year_ago = |x: &str| matches!(x, "year-ago" | "year-earlier" | "year-before" | "prior-year");
    let qword = |x: &str| matches!(x, "quarter" | "quarters");

    // "the 1988 third quarter", "the 1989 period"
    if let Some(y) = year_number(&toks[i]) {
        if let Some(q) = ordinal(w(1)).filter(|_| qword(w(2))) {
            return p(3, quarter_range(y, q), DateKind::Period, "year, ordinal quarter");
        }
        if matches!(w(1), "quarter" | "period") && prev(1) == "the" {
            let q = last_quarter.map_or(current_quarter, |lq| (lq.start.month() - 1) / 3 + 1);
            return p(2, quarter_range(y, q), DateKind::Period, "year's quarter, as the quarter last mentioned");
        }
        return None;
    }
    // "the third quarter [of 1990]", "third-quarter", "the second half"
    let (q, len, half) = match toks[i].low().split_once('-') {
        Some((o, "quarter")) => (ordinal(o), 1, false),
        Some((o, "half")) => (ordinal(o), 1, true),
        _ if qword(w(1)) => (ordinal(toks[i].low()), 2, false),
        _ if w(1) == "half" && matches!(toks[i].low(), "first" | "second") => (ordinal(toks[i].low()), 2, true),
        _ => (None, 0, false),
    };
    if let Some(q) = q.filter(|q| !half || *q <= 2) {
        let (stated, len) = match (w(len), toks.get(i + len + 1).and_then(year_number)) {
            ("of", Some(y)) => (Some(y), len + 2),
            _ => (None, len),
        };
        let y = stated.unwrap_or_else(|| {
            let back = year_ago(prev(1)) || (prev(1) == "'s" && prev(2) == "year" && prev(3) == "last");
            if back {
                r.year() - 1
            } else if (prev(1) == "'s" && prev(2) == "year" && prev(3) == "this")
                || q <= (if half { (r.month() - 1) / 6 + 1 } else { current_quarter })
                || future
            {
                r.year()
            } else {
                r.year() - 1
            }
        });
        let range = if half {
            NaiveDate::from_ymd_opt(y, (q - 1) * 6 + 1, 1)
                .and_then(|s| Some(DateRange::new(s, s.checked_add_months(Months::new(6))?.pred_opt()?)))
        } else {
            quarter_range(y, q)
        };
        return p(len, range, DateKind::Period, if half { "ordinal half" } else { "ordinal quarter" });
    }
    // "the quarter", "the latest quarter", "the year-ago quarter", "the year-earlier period"
    if matches!(toks[i].low(), "quarter" | "period") && !matches!(w(1), "of" | "century") {
        let base = last_quarter.or(completed);
        let rule = "the quarter last mentioned, else the last completed one";
        return match prev(1) {
            x if year_ago(x) => {
                p(1, base.and_then(|b| year_back(b, 1)), DateKind::Period, "a year before the quarter last mentioned")
            }
            "latest" | "fiscal" => p(1, base, DateKind::Period, rule),
            // Plain "the quarter" only once quarters are under discussion ("the quarter head of
            // the village" is not a date).
            "the" | "same" | "current" | "recent" if toks[i].lower == "quarter" && last_quarter.is_some() => {
                p(1, base, DateKind::Period, rule)
            }
            _ => None,
        };
    }
    // "a year ago", "a year earlier", "year-earlier": the quarter last mentioned a year back,
    // else the previous year.
    let a_year = (matches!(toks[i].low(), "a" | "one") && w(1) == "year" && matches!(w(2), "ago" | "earlier"))
        .then_some(3)
        .or((year_ago(toks[i].low()) && !matches!(w(1), "quarter" | "period")).then_some(1));
    if let Some(len) = a_year {
        return match last_quarter {
            Some(q) => p(len, year_back(q, 1), DateKind::Period, "the quarter last mentioned, a year back"),
            None => p(len, year_range(r.year() - 1), DateKind::Deictic, "a year before publication"),
        };
    }
    // "N years ago", "N months ago", "a decade ago"
    if let Some(n) = small_number(&toks[i], res)
        && w(2) == "ago"
    {
        let n = n as i32;
        return match w(1) {
            "years" | "year" => p(3, year_range(r.year() - n), DateKind::Deictic, "N years ago"),
            "months" | "month" => {
                let m = r.checked_sub_months(Months::new(n as u32))?;
                p(3, month_range(m.year(), m.month()), DateKind::Deictic, "N months ago")
            }
            "decade" | "decades" => p(3, year_range(r.year() - 10 * n), DateKind::Deictic, "N decades ago"),
            _ => None,
        };
    }
    // "next week", "next month", "next year", "the coming year"
    if matches!(toks[i].low(), "next" | "coming") {
        return match w(1) {
            "week" => {
                let monday = shift(r, 7 - r.weekday().num_days_from_monday() as i64)?;
                p(2, Some(DateRange::new(monday, shift(monday, 6)?)), DateKind::Deictic, "next week")
            }
            "month" => {
                let m = r.checked_add_months(Months::new(1))?;
                p(2, month_range(m.year(), m.month()), DateKind::Deictic, "next month")
            }
            "year" => p(2, year_range(r.year() + 1), DateKind::Deictic, "next year"),
            _ => None,
        };
    }
    // "this summer", "last fall", "next spring", "in the winter"
    if let Some((code, start_month)) = season(toks[i].low()) {
        let y = match prev(1) {
            "this" => r.year(),
            "last" => {
                if start_month + 2 < r.month() {
                    r.year()
                } else {
                    r.year() - 1
                }
            }
            "next" => {
                if start_month > r.month() {
                    r.year()
                } else {
                    r.year() + 1
                }
            }
            _ => return None,
        };
        let start = NaiveDate::from_ymd_opt(y, start_month, 1)?;
        let range = DateRange::new(start, start.checked_add_months(Months::new(3))?.pred_opt()?);
        return Some(Period {
            len: 1,
            range: Some(range),
            value: Some(format!("{y}-{code}")),
            kind: DateKind::Period,
            rule: "season",
        });
    }
    // "the weekend": the one just past early in the week, else the coming one.
    if toks[i].lower == "weekend" && matches!(prev(1), "the" | "this" | "last") {
        let wd = r.weekday().num_days_from_monday() as i64;
        let saturday =
            if prev(1) == "last" || (wd < 3 && prev(1) != "this") { shift(r, -wd - 2)? } else { shift(r, 5 - wd)? };
        let iso = saturday.iso_week();
        return Some(Period {
            len: 1,
            range: Some(DateRange::new(saturday, shift(saturday, 1)?)),
            value: Some(format!("{}-W{:02}-WE", iso.year(), iso.week())),
            kind: DateKind::Period,
            rule: "weekend",
        });
    }
    if toks[i].lower == "year-end" {
        return p(1, NaiveDate::from_ymd_opt(r.year(), 12, 31).map(DateRange::day), DateKind::Deictic, "year-end");
    }
    // "the 1990s", "the '90s", "the 20th century"
    let t = toks[i].low();
    if let Some(d) =
        t.strip_suffix('s').and_then(|d| d.parse::<i32>().ok()).filter(|d| d % 10 == 0 && (1000..=2090).contains(d))
    {
        let range = DateRange::new(NaiveDate::from_ymd_opt(d, 1, 1)?, NaiveDate::from_ymd_opt(d + 9, 12, 31)?);
        return p(1, Some(range), DateKind::Period, "decade");
    }
    if w(1) == "century"
        && let Some(c) =
            ["th", "st", "nd", "rd"].iter().find_map(|s| t.strip_suffix(s)).and_then(|c| c.parse::<i32>().ok())
        && (1..=21).contains(&c)
    {
        let y = (c - 1) * 100;
        let range = DateRange::new(NaiveDate::from_ymd_opt(y.max(1), 1, 1)?, NaiveDate::from_ymd_opt(y + 99, 12, 31)?);
        return Some(Period {
            len: 2,
            range: Some(range),
            value: Some(format!("{:02}", c - 1)),
            kind: DateKind::Period,
            rule: "century",
        });
    }
    // "mid-November", "late-November"
    if let Some((pre, m)) = t.split_once('-')
        && matches!(pre, "mid" | "late" | "early")
        && let Some((_, m)) = MONTHS.iter().find(|(name, _)| *name == m)
    {
        let y = if *m <= r.month() || future { r.year() } else { r.year() - 1 };
        return p(1, month_range(y, *m), DateKind::Month, "early/mid/late month");
    }
    None
}

/// Find and resolve the dates in a sentence. `anchor` is the latest day-precise date mentioned
/// before this sentence; it is updated as dates are found.
pub fn find(
    toks: &[Token<'_>],
    res: &Resources,
    cfg: &DateConfig,
    year_hint: Option<i32>,
    ctx: &mut DateContext,
) -> Vec<DateMention> {
    let mut out: Vec<DateMention> = Vec::new();
    let reference = cfg.reference;
    // "the same day" points back to the event day of earlier sentences, not to a date said
    // earlier in this one ("said on Monday that … the same day").
    let prior = ctx.anchor;
    let anchor = &mut ctx.anchor;
    let sentence_past = std::cell::OnceCell::new();
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        let next = |k: usize| toks.get(i + k);
        // Skip a "." after an abbreviated month ("Sept. 3").
        let after_month = |k: usize| {
            if next(k).is_some_and(|n| n.text == ".") { k + 1 } else { k }
        };
        let mut found: Option<(usize, Option<DateRange>, DateKind, &'static str)> = None;
        // A TimeML value the range cannot say ("PRESENT_REF", "1998-FA", "2000-04-05TNI").
        let mut special: Option<String> = None;
        let tense = || tense(toks, i, res, &sentence_past);
        let future = || tense() == Tense::Future;

        let period = reference.and_then(|r| periods(toks, i, r, ctx.quarter, res, future()));
        if let Some(p) = period {
            found = Some((p.len, p.range, p.kind, p.rule));
            special = p.value;
        } else if let Some(r) = reference.filter(|_| t.lower == "tomorrow") {
            found = Some((1, shift(r, 1).map(DateRange::day), DateKind::Deictic, "tomorrow"));
        } else if let Some(r) = reference.filter(|_| t.lower == "tonight") {
            found = Some((1, Some(DateRange::day(r)), DateKind::Deictic, "tonight"));
        } else if let Some(value) = vague_reference(toks, i) {
            found = Some((value.1, None, DateKind::Reference, "vague reference"));
            special = Some(value.0.to_string());
        }

        let iso = found.is_none()
            && t.text.len() == 10
            && t.text.as_bytes().get(4) == Some(&b'-')
            && t.text.as_bytes().get(7) == Some(&b'-');
        if found.is_some() {
        } else if iso {
            if let Ok(date) = NaiveDate::parse_from_str(t.text, "%Y-%m-%d") {
                found = Some((1, Some(DateRange::day(date)), DateKind::Day, "iso-date"));
            }
        } else if let Some(m) = month(t)
            && let Some((d1, d2)) = next(after_month(1)).and_then(day_range)
        {
            // "December 11-12", "Apr.24-25"
            let (year, n) = year_after(toks, i + after_month(1) + 1);
            let range = day_span(year, m, d1, d2, reference, year_hint, tense());
            found = Some((n - i, range, DateKind::Day, "month day-day"));
        } else if let Some((d1, d2)) = day_range(t)
            && let Some(m) = next(1).and_then(month)
        {
            // "9-10 February 2020"
            let (year, n) = year_after(toks, i + after_month(2));
            let range = day_span(year, m, d1, d2, reference, year_hint, tense());
            found = Some((n - i, range, DateKind::Day, "day-day month"));
        } else if let Some(d1) = t.text.parse::<u32>().ok().filter(|d| (1..=31).contains(d))
            && next(1).is_some_and(|n| n.text == "-")
            && let Some(d2) = next(2).and_then(day_number)
            && let Some(m) = next(3).and_then(month)
        {
            // "between 21 - 23 October"
            let (year, n) = year_after(toks, i + after_month(4));
            let range = day_span(year, m, d1, d2, reference, year_hint, tense());
            found = Some((n - i, range, DateKind::Day, "day - day month"));
        } else if let Some(m) = month(t) {
            let k = after_month(1);
            if let Some(d) = next(k).and_then(day_number) {
                // Month Day [, Year]
                let (year, end) = year_after(toks, i + k + 1);
                let n = end - i;
                let date = day_in(year, m, d, reference, year_hint, tense());
                found = Some((
                    n,
                    date.map(DateRange::day),
                    DateKind::Day,
                    if year.is_some() { "month-day-year" } else { "month-day, year inferred" },
                ));
            } else if let Some(y) = next(k).and_then(year_number) {
                found = Some((k + 1, month_range(y, m), DateKind::Month, "month-year"));
            } else if i > 0
                && (PREPOSITIONS.contains(&toks[i - 1].low())
                    || toks[i - 1].lower == "next"
                    // "between November and June": the second month of a span.
                    || (i >= 3 && toks[i - 1].lower == "and" && toks[i - 3].lower == "between"))
            {
                let ahead = future() || toks[i - 1].lower == "next";
                let y = match reference {
                    Some(r) if toks[i - 1].lower == "this" => Some(r.year()),
                    Some(r) if ahead && m < r.month() => Some(r.year() + 1),
                    Some(_) if ahead => reference.map(|r| r.year()),
                    // Unmarked: the nearest such month.
                    Some(r) if tense() == Tense::Unmarked && m > r.month() + 5 => Some(r.year() - 1),
                    Some(r) if tense() == Tense::Unmarked && m + 6 < r.month() => Some(r.year() + 1),
                    Some(r) if tense() == Tense::Unmarked => Some(r.year()),
                    Some(r) if m <= r.month() => Some(r.year()),
                    Some(r) => Some(r.year() - 1),
                    None => year_hint,
                };
                found = Some((1, y.and_then(|y| month_range(y, m)), DateKind::Month, "month, year inferred"));
            } else if i > 0
                && toks[i - 1].lower == "the"
                && next(1).is_some_and(|n| n.is_word() && !n.is_capitalised() && n.lower != "of")
            {
                // "the January airstrike": a month naming a past event, the latest such month.
                let y = match reference {
                    Some(r) if m <= r.month() => Some(r.year()),
                    Some(r) => Some(r.year() - 1),
                    None => year_hint,
                };
                found = Some((1, y.and_then(|y| month_range(y, m)), DateKind::Month, "the MONTH event, year inferred"));
            }
        } else if let Some(d) = day_number(t) {
            // Day [of] Month [Year]
            let k = if next(1).is_some_and(|n| n.lower == "of") { 2 } else { 1 };
            if let Some(m) = next(k).and_then(month) {
                let (year, end) = year_after(toks, i + after_month(k + 1));
                let n = end - i;
                let date = day_in(year, m, d, reference, year_hint, tense());
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
                let last = i > 0 && matches!(toks[i - 1].low(), "last" | "previous");
                let tense = tense();
                let ahead =
                    !last && (tense == Tense::Future || (i > 0 && matches!(toks[i - 1].low(), "next" | "coming")));
                let date = reference.and_then(|r| {
                    let (rw, w) = (r.weekday().num_days_from_monday() as i64, wd.num_days_from_monday() as i64);
                    if ahead {
                        return shift(r, (7 + w - rw) % 7);
                    }
                    let back = (7 + rw - w) % 7;
                    let back = if last && back == 0 { 7 } else { back };
                    shift(r, -back)
                });
                let part = next(1).filter(|n| matches!(n.low(), "morning" | "night" | "evening" | "afternoon"));
                let n = if part.is_some() { 2 } else { 1 };
                let rule = match date.zip(reference) {
                    Some((d, r)) if d > r => "weekday, earliest on or after publication (future tense)",
                    _ => "weekday, latest on or before publication",
                };
                found = Some((n, date.map(DateRange::day), DateKind::Weekday, rule));
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
                // "the year-ago quarter" looks back from the quarter under discussion; it does not
                // become it.
                if let Some(r) = range.filter(|r| timeml(*r).contains("-Q") && !rule.contains("a year")) {
                    ctx.quarter = Some(r);
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
                        // "as of Monday evening": the date of a count, not of the event.
                        match p {
                            Some(k) if k > 0 && toks[k].low() == "of" && toks[k - 1].low() == "as" => {
                                Some("as of".to_string())
                            }
                            // "an operation beginning on July 19": the start of a period.
                            Some(k)
                                if k > 0
                                    && matches!(toks[k].low(), "on" | "in")
                                    && matches!(toks[k - 1].low(), "beginning" | "starting") =>
                            {
                                Some("beginning".to_string())
                            }
                            _ => p.map(|p| toks[p].lower.to_string()).filter(|p| PREPOSITIONS.contains(&p.as_str())),
                        }
                    },
                    rule,
                    value: special.or_else(|| range.map(timeml)),
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
                value: Some(timeml(DateRange::new(x.start.min(y.start), x.end.max(y.end)))),
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
        let mut ctx = DateContext::default();
        let cfg = DateConfig { reference: Some(d(published)) };
        let got: Vec<String> = find(&toks, &res, &cfg, None, &mut ctx)
            .into_iter()
            .map(|m| m.range.map_or("?".to_string(), |r| r.to_string()))
            .collect();
        assert_eq!(got, expected, "in {text:?}");
    }

    #[test]
    fn between_two_months() {
        check("left there between November and June", "2020-07-09", &["2019-11-01..2020-06-30"]);
    }

    #[test]
    fn the_month_of_a_past_event() {
        check("a report on the January airstrike", "2021-05-23", &["2021-01-01..2021-01-31"]);
        check("a report on the November attack", "2021-05-23", &["2020-11-01..2020-11-30"]);
        check("the January of that year", "2021-05-23", &[]);
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
        check("were killed (between 21 - 23 October)", "2022-09-03", &["2021-10-21..2021-10-23"]);
    }

    #[test]
    fn relative_to_publication() {
        check("yesterday", "2022-09-03", &["2022-09-02"]);
        check("last week", "2022-09-03", &["2022-08-22..2022-08-28"]);
        check("two days ago", "2022-09-03", &["2022-09-01"]);
        check("since 2020", "2022-09-03", &["2020-01-01..2020-12-31"]);
        check("since early 2019", "2022-09-03", &["2019-01-01..2019-12-31"]);
    }

    /// Every TimeML value in `text`, for a publication date.
    fn values(text: &str, published: &str) -> Vec<String> {
        let res = Resources::builtin();
        let toks = tokenize(text, 0);
        let cfg = DateConfig { reference: Some(d(published)) };
        find(&toks, &res, &cfg, None, &mut DateContext::default())
            .into_iter()
            .map(|m| m.value.unwrap_or_else(|| "?".into()))
            .collect()
    }

    #[test]
    fn tense_decides_which_way_an_undated_day_points() {
        // 1989-11-02 is a Thursday.
        assert_eq!(values("It plans to redeem the notes on Nov. 16.", "1989-11-02"), ["1989-11-16"]);
        assert_eq!(values("Gunmen attacked the village on Nov. 16.", "1989-11-02"), ["1988-11-16"]);
        assert_eq!(
            values("The dividend is payable Jan. 2 to holders of record Dec. 15.", "1989-11-02"),
            ["1990-01-02", "1989-12-15"]
        );
        assert_eq!(values("The talks will resume on Tuesday.", "1989-11-02"), ["1989-11-07"]);
        assert_eq!(values("The army said Tuesday that it will withdraw.", "1989-11-02"), ["1989-10-31"]);
        assert_eq!(values("Elections will be held in April.", "1998-12-10"), ["1999-04"]);
    }

    #[test]
    fn quarters_follow_the_discourse() {
        assert_eq!(
            values("Third-quarter profit rose from the year-ago quarter; a year earlier it fell.", "1989-11-02"),
            ["1989-Q3", "1988-Q3", "1988-Q3"]
        );
        assert_eq!(values("the fourth quarter of 1990 and the first half", "1989-11-02"), ["1990-Q4", "1989-H1"]);
        // No quarter under discussion: "the quarter" is a part of town.
        assert_eq!(values("the quarter head of Gungong", "2021-11-27"), Vec::<String>::new());
        assert_eq!(values("a year ago", "1989-11-02"), ["1988"]);
    }

    #[test]
    fn vague_references_seasons_and_decades() {
        assert_eq!(
            values("Prices are now higher than recently, and soon", "1998-04-10"),
            ["PRESENT_REF", "PAST_REF", "FUTURE_REF"]
        );
        assert_eq!(
            values("last fall, this summer, the 1990s, the 20th century", "1999-04-10"),
            ["1998-FA", "1999-SU", "199", "19"]
        );
        assert_eq!(
            values("next week, next year, tomorrow, 50 years ago", "1999-04-10"),
            ["1999-W15", "2000", "1999-04-11", "1949"]
        );
    }

    #[test]
    fn may_the_verb_is_not_a_month() {
        check("they may return", "2022-09-03", &[]);
    }
}
