//! Sentence splitting with byte spans.
//!
//! A sentence ends at `.`, `!` or `?` (with any closing quotes) when the next token starts a new
//! sentence (capital letter, digit or opening quote) and the word before is not a known
//! abbreviation or a single initial. A line break also ends a sentence when the next line starts
//! like one, because real pages put headlines, captions and paragraphs on their own lines.
//! Ellipses inside quotes ("cross-checked... not based") do not end sentences.

use crosscheck_model::Span;

use crate::lexicon::Resources;
use crate::tokens::{Token, tokenize};

/// A sentence: its index in the document and its byte span.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// Position in the document, from 0.
    pub index: usize,
    /// Byte span in the document.
    pub span: Span,
}

fn is_closer(t: &str) -> bool {
    matches!(t, "\"" | "”" | "’" | "'" | ")" | "»")
}

fn is_opener(t: &str) -> bool {
    matches!(t, "\"" | "“" | "‘" | "'" | "(" | "«")
}

fn starts_sentence(t: &Token<'_>) -> bool {
    t.is_capitalised() || t.is_number() || is_opener(t.text)
}

/// Split `text[start..]` into sentences; spans are absolute.
pub fn split(text: &str, start: usize, res: &Resources) -> Vec<Sentence> {
    let body = text.get(start..).unwrap_or("");
    let toks = tokenize(body, start);
    split_tokens(text, body, &toks, res).into_iter().map(|(s, _)| s).collect()
}

/// Split already tokenised text (`toks` of `body`, spans absolute into `text`); each sentence
/// comes with its token range.
pub fn split_tokens(text: &str, body: &str, toks: &[Token<'_>], res: &Resources) -> Vec<(Sentence, (usize, usize))> {
    // Some feeds lowercase everything; then a stop followed by a word ends a sentence.
    let letters = body.chars().filter(|c| c.is_alphabetic()).count();
    let capitals = body.chars().filter(|c| c.is_uppercase()).count();
    let caseless = letters > 200 && capitals * 100 < letters;
    let starts_sentence = |t: &Token<'_>| starts_sentence(t) || (caseless && t.is_word());
    let mut out = Vec::new();
    let mut first = 0;
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        let mut end_here = false;
        let mut last = i;
        if matches!(t.text, "." | "!" | "?") {
            let prev = i.checked_sub(1).map(|p| &toks[p]);
            let abbrev = t.text == "."
                && prev.is_some_and(|p| {
                    res.abbreviations.contains(p.low()) || (p.text.chars().count() == 1 && p.is_capitalised())
                });
            let ellipsis = toks.get(i + 1).is_some_and(|n| n.text == ".") || prev.is_some_and(|p| p.text == ".");
            while toks.get(last + 1).is_some_and(|n| is_closer(n.text) && n.span.start == toks[last].span.end) {
                last += 1;
            }
            let next_starts = toks.get(last + 1).is_none_or(&starts_sentence);
            end_here = next_starts && !abbrev && !(ellipsis && toks.get(last + 1).is_some_and(|n| !n.is_capitalised()));
        }
        if !end_here {
            if let Some(n) = toks.get(i + 1) {
                let gap = &text[t.span.end..n.span.start];
                if gap.contains('\n') && starts_sentence(n) {
                    end_here = true;
                }
            } else {
                end_here = true;
            }
        }
        if end_here {
            out.push((
                Sentence { index: out.len(), span: Span::new(toks[first].span.start, toks[last].span.end) },
                (first, last + 1),
            ));
            first = last + 1;
            i = last + 1;
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expected: &[&str]) {
        let res = Resources::builtin();
        let got: Vec<&str> = split(text, 0, &res).iter().map(|s| s.span.of(text)).collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn abbreviations_and_initials_do_not_end_sentences() {
        check(
            "Col. Abdoulaye Maiga spoke on Jan. 3 in the U.S. capital. Nobody came.",
            &["Col. Abdoulaye Maiga spoke on Jan. 3 in the U.S. capital.", "Nobody came."],
        );
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        check("\"We fled.\" The army said nothing.", &["\"We fled.\"", "The army said nothing."]);
    }

    #[test]
    fn ellipsis_inside_a_quote_does_not_split() {
        check(
            "\"Biased, not cross-checked... not based on evidence,\" it said.",
            &["\"Biased, not cross-checked... not based on evidence,\" it said."],
        );
    }

    #[test]
    fn caseless_text_splits_at_stops() {
        let text = "the police opened fire on the mob. two people were killed in the firing. ".repeat(4);
        let res = Resources::builtin();
        assert_eq!(split(&text, 0, &res).len(), 8);
    }

    #[test]
    fn line_breaks_split_headlines_from_text() {
        check(
            "Ten killed in attack\nGunmen killed ten people on Monday.",
            &["Ten killed in attack", "Gunmen killed ten people on Monday."],
        );
    }
}
