//! Quantities: digits, number words and vague amounts, with their qualifiers, as ranges.
//!
//! "at least 50" → [50, open); "more than 500" → [501, open); "up to 600" → (open, 600];
//! "about 300" → [300, 300] with the qualifier kept; "dozens" → [24, 99], marked vague.
//! Numbers that belong to dates, or that measure distance, time or money, are not quantities.
//! Deciding *what* a quantity counts is the frame stage's job, not this module's.

use crosscheck_model::Span;

use crate::lexicon::{QualKind, Resources};
use crate::tokens::Token;

/// One quantity found in a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quantity {
    /// First token (the qualifier when there is one).
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// Lower bound.
    pub min: Option<u64>,
    /// Upper bound.
    pub max: Option<u64>,
    /// The qualifier or vague phrase as written.
    pub qualifier: Option<String>,
    /// Vague amount ("dozens").
    pub vague: bool,
    /// Byte span, qualifier included.
    pub span: Span,
    /// Which rule produced it.
    pub rule: &'static str,
}

/// Plurals that do not end in "s" ("a group of women" is not one person).
const IRREGULAR_PLURALS: &[&str] =
    &["women", "men", "children", "people", "police", "personnel", "militia", "youth", "staff", "gentry"];

const UNITS: &[&str] = &[
    "%",
    "am",
    "percent",
    "per",
    "hours",
    "hour",
    "minutes",
    "days",
    "day",
    "weeks",
    "week",
    "months",
    "month",
    "years",
    "year",
    "year-old",
    "years-old",
    "km",
    "kilometres",
    "kilometers",
    "kilometre",
    "kilometer",
    "miles",
    "mile",
    "metres",
    "meters",
    "kg",
    "tonnes",
    "tons",
    "dollars",
    "euros",
    "francs",
    "cfa",
    "pm",
    "gmt",
    "o'clock",
    "times",
    "th",
    "st",
    "nd",
    "rd",
    "billion",
];

fn parse_digits(s: &str) -> Option<f64> {
    let clean: String = s.chars().filter(|c| *c != ',').collect();
    if clean.chars().all(|c| c.is_ascii_digit() || c == '.') && clean.chars().filter(|c| *c == '.').count() <= 1 {
        clean.parse().ok()
    } else {
        None
    }
}

/// Parse a number written as words starting at `i`; returns (value, tokens used).
fn parse_words(toks: &[Token<'_>], i: usize, res: &Resources) -> Option<(u64, usize)> {
    let (mut total, mut current, mut used) = (0u64, 0u64, 0usize);
    let mut j = i;
    while let Some(t) = toks.get(j) {
        // "twenty-five" is one token.
        let parts: Vec<&str> = t.lower.split('-').collect();
        let vals: Option<Vec<u64>> = parts.iter().map(|p| res.number_words.get(*p).copied()).collect();
        let Some(vals) = vals else {
            if t.lower == "and" && used > 0 && toks.get(j + 1).is_some_and(|n| res.number_words.contains_key(n.low())) {
                j += 1;
                continue;
            }
            if t.lower == "a"
                && toks.get(j + 1).is_some_and(|n| n.lower == "hundred" || n.lower == "thousand")
                && used == 0
            {
                current = 1;
                j += 1;
                used += 1;
                continue;
            }
            break;
        };
        for v in vals {
            if v == 100 {
                current = current.max(1) * 100;
            } else if v >= 1000 {
                total += current.max(1) * v;
                current = 0;
            } else {
                current += v;
            }
        }
        used += 1;
        j += 1;
    }
    (used > 0 && (total + current) > 0).then_some((total + current, j - i))
}

/// A number as read: (min, max, vague, tokens used, rule).
type Reading = (Option<u64>, Option<u64>, bool, usize, &'static str);

/// Find the quantities in a sentence's tokens, skipping tokens in `blocked` (dates).
pub fn find(toks: &[Token<'_>], res: &Resources, blocked: &[(usize, usize)]) -> Vec<Quantity> {
    let is_blocked = |k: usize| blocked.iter().any(|(s, e)| (*s..*e).contains(&k));
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if is_blocked(i) {
            i += 1;
            continue;
        }
        let (qual, q_len) = match res.qualifiers.longest_at(toks, i) {
            Some((n, k)) => (Some(*k), n),
            None => (None, 0),
        };
        let j = i + q_len;
        let Some(num_tok) = toks.get(j) else { break };
        // (min, max, vague, tokens used, rule)
        let mut found: Option<Reading> = None;
        if let Some((n, (lo, hi))) = res.vague.longest_at(toks, j) {
            found = Some((Some(*lo), Some(*hi), true, n, "vague-quantity"));
        } else if num_tok.is_number() && !is_blocked(j) {
            if let Some(v) = parse_digits(num_tok.text) {
                let (mut value, mut n) = (v, 1);
                if let Some(m) = toks.get(j + 1).and_then(|t| match t.low() {
                    "million" => Some(1e6),
                    "thousand" => Some(1e3),
                    _ => None,
                }) {
                    value *= m;
                    n = 2;
                }
                if value.fract() == 0.0 && value >= 0.0 {
                    found = Some((Some(value as u64), Some(value as u64), false, n, "digits"));
                }
            }
        } else if let Some((v, n)) = parse_words(toks, j, res) {
            found = Some((Some(v), Some(v), false, n, "number-words"));
        }
        // "a civilian", "an alleged informer": one person.
        // "members of a militia" is not a count; "the death of a child" is.
        let casualty_of = j >= 2
            && toks[j - 1].lower == "of"
            && res.triggers.longest_at(&toks[j - 2..j - 1], 0).is_some_and(|(_, t)| t.category.is_some());
        let after_preposition = j > 0
            && !casualty_of
            && matches!(
                toks[j - 1].low(),
                "of" | "to" | "by" | "from" | "with" | "for" | "in" | "on" | "at" | "as" | "into" | "against"
            );
        if found.is_none() && qual.is_none() && !after_preposition && matches!(num_tok.low(), "a" | "an") {
            // Within a few words; capitalised names and parentheses ("a New People's Army (NPA)
            // fighter") do not count toward the window.
            let mut window = 0;
            let mut depth = 0;
            let noun = (j + 1..(j + 12).min(toks.len()))
                .take_while(|&k| {
                    let t = &toks[k];
                    match t.text {
                        "(" => depth += 1,
                        ")" => depth -= 1,
                        _ if depth > 0 || t.is_capitalised() || matches!(t.text, "\"" | "“" | "”" | "'s" | "’s") =>
                            {}
                        _ if t.is_word() => window += 1,
                        _ => return false,
                    }
                    window <= 3
                })
                .find(|&k| {
                    let w = toks[k].low();
                    res.victims.contains_key(w) && !w.ends_with('s') && !IRREGULAR_PLURALS.contains(&w)
                });
            if let Some(k) = noun {
                out.push(Quantity {
                    start: i,
                    end: j + 1,
                    min: Some(1),
                    max: Some(1),
                    qualifier: None,
                    vague: false,
                    span: toks[j].span,
                    rule: "article",
                });
                i = k + 1;
                continue;
            }
        }
        let Some((mut lo, mut hi, vague, n, rule)) = found else {
            i += 1;
            continue;
        };
        let end = j + n;
        let unit = toks.get(end).is_some_and(|t| UNITS.contains(&t.low()))
            || toks.get(end).is_some_and(|t| t.text == ":")
            || (j > 0 && matches!(toks[j - 1].text, "$" | "€" | "£" | "#"));
        if unit
            || (rule == "digits"
                && toks[j].text.len() == 4
                && toks[j].text.starts_with(['1', '2'])
                && !toks[j].text.contains(','))
        {
            // Measures and bare four-digit years are not counts.
            i = end;
            continue;
        }
        let mut qualifier = None;
        if let Some(k) = qual {
            let v = lo.unwrap_or(0);
            qualifier = Some(toks[i..j].iter().map(|t| t.low()).collect::<Vec<_>>().join(" "));
            if !vague {
                (lo, hi) = match k {
                    QualKind::Min => (Some(v), None),
                    QualKind::Above => (Some(v + 1), None),
                    QualKind::Max => (None, Some(v)),
                    QualKind::Below => (None, Some(v.saturating_sub(1))),
                    QualKind::Approx => (Some(v), Some(v)),
                };
            }
        }
        if vague {
            qualifier = Some(toks[i..end].iter().map(|t| t.low()).collect::<Vec<_>>().join(" "));
        }
        out.push(Quantity {
            start: i,
            end,
            min: lo,
            max: hi,
            qualifier,
            vague,
            span: Span::new(toks[i].span.start, toks[end - 1].span.end),
            rule,
        });
        i = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::tokenize;

    /// `check("...", &[(min, max, qualifier)])`: every quantity in the text, in order.
    fn check(text: &str, expected: &[(Option<u64>, Option<u64>, Option<&str>)]) {
        let res = Resources::builtin();
        let toks = tokenize(text, 0);
        let got: Vec<_> = find(&toks, &res, &[]).into_iter().map(|q| (q.min, q.max, q.qualifier)).collect();
        let want: Vec<_> = expected.iter().map(|(a, b, q)| (*a, *b, q.map(str::to_string))).collect();
        assert_eq!(got, want, "in {text:?}");
    }

    #[test]
    fn qualifiers_bound_the_range() {
        check("At least 50 civilians", &[(Some(50), None, Some("at least"))]);
        check("more than 500 others", &[(Some(501), None, Some("more than"))]);
        check("up to 600 people", &[(None, Some(600), Some("up to"))]);
        check("about 300 men", &[(Some(300), Some(300), Some("about"))]);
        check("an estimated 300 men", &[(Some(300), Some(300), Some("an estimated"))]);
        check("no more than 46 dead", &[(None, Some(46), Some("no more than"))]);
    }

    #[test]
    fn words_and_digits() {
        check(
            "killed 18 attackers and detained 611 people",
            &[(Some(18), Some(18), None), (Some(611), Some(611), None)],
        );
        check("two died", &[(Some(2), Some(2), None)]);
        check(
            "twenty-five soldiers and one hundred and twenty villagers",
            &[(Some(25), Some(25), None), (Some(120), Some(120), None)],
        );
        check("1,200 displaced", &[(Some(1200), Some(1200), None)]);
        check("2.5 million displaced", &[(Some(2_500_000), Some(2_500_000), None)]);
    }

    #[test]
    fn vague_amounts_are_ranges() {
        check("hundreds arrested", &[(Some(200), Some(999), Some("hundreds"))]);
        check("a few dozen kept", &[(Some(24), Some(60), Some("a few dozen"))]);
    }

    #[test]
    fn an_article_before_a_person_is_one() {
        check("executed an alleged informer", &[(Some(1), Some(1), None)]);
        check("a soldier and a car", &[(Some(1), Some(1), None)]);
    }

    #[test]
    fn measures_and_years_are_not_counts() {
        check("30 km from Djibo in 2019, 14 years", &[]);
    }
}
