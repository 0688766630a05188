//! Reading other languages through the English rules: a word-by-word gloss.
//!
//! The rules of `frame`, `attribution`, `numbers` and `dates` read tokens' lowercase forms. For a
//! language with a gloss table (`data/gloss_XX.tsv`), each token's lowercase form is replaced by
//! its English gloss before the rules run: "plus de 200 jihadistes ont été tués" is read as
//! "more than 200 jihadists have been killed". The token's text and byte span are untouched, so
//! every claim still quotes and points at the original words. A phrase may gloss to fewer words
//! (the extra tokens are dropped: `près de` → `near`) or to more (the last token's text is cut
//! into one piece per word, so tokens never overlap: `du` → `of the`); `-` drops it ("ne … pas"
//! → "not").
//!
//! This is lexical transfer, not translation: word order stays French, so the rules meet
//! "the army malian" and "has said to the AFP the mayor". Shapes that English orders the
//! same way (counts before their victims and verbs, `selon X`, denial verbs) read well; the rest
//! is a known limit.

use std::borrow::Cow;

use rustc_hash::FxHashMap as HashMap;

use crate::tokens::Token;

/// A phrase (its words) and its gloss (English words; empty to drop it).
type Entry = (Vec<String>, Vec<String>);

/// One language's gloss table: phrases by first word, longest first.
#[derive(Clone, Debug, Default)]
pub struct Gloss {
    by_first: HashMap<String, Vec<Entry>>,
}

/// Elided articles and pronouns that French writes joined to the next word ("l'armée",
/// "qu'ils", "n'a"): split off so that both halves gloss.
const ELIDED: &[&str] = &["d'", "j'", "jusqu'", "l'", "lorsqu'", "m'", "n'", "puisqu'", "qu'", "s'", "t'", "c'"];

impl Gloss {
    /// Add a phrase (space-separated lowercase words) and its gloss (`-` for none).
    pub fn insert(&mut self, phrase: &str, english: &str) {
        let words: Vec<String> = phrase.split(' ').filter(|w| !w.is_empty()).map(str::to_string).collect();
        let Some(first) = words.first().cloned() else {
            return;
        };
        let gloss: Vec<String> =
            if english == "-" { Vec::new() } else { english.split(' ').map(str::to_string).collect() };
        let list = self.by_first.entry(first).or_default();
        list.push((words, gloss));
        list.sort_by_key(|e| std::cmp::Reverse(e.0.len()));
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.by_first.is_empty()
    }

    fn longest_at(&self, toks: &[Token<'_>], i: usize) -> Option<(usize, &[String])> {
        let cands = self.by_first.get(toks[i].low())?;
        cands.iter().find_map(|(words, gloss)| {
            let fits = words.len() <= toks.len() - i && words.iter().zip(&toks[i..]).all(|(w, t)| *w == t.lower);
            fits.then_some((words.len(), gloss.as_slice()))
        })
    }
}

/// Split elided articles off their word: "l'armée" → "l'", "armée" (spans stay exact).
fn split_elisions<'a>(toks: Vec<Token<'a>>) -> Vec<Token<'a>> {
    let mut out = Vec::with_capacity(toks.len() + toks.len() / 8);
    for t in toks {
        let low = t.low();
        let Some(prefix) = ELIDED.iter().find(|p| low.len() > p.len() && low.starts_with(**p)) else {
            out.push(t);
            continue;
        };
        let letters = prefix.chars().count() - 1;
        // The cut in the text: after the apostrophe (straight or curly) that follows `letters`.
        let Some((cut, apo)) = t.text.char_indices().nth(letters) else {
            out.push(t);
            continue;
        };
        if apo != '\'' && apo != '’' || !t.text[cut + apo.len_utf8()..].starts_with(char::is_alphanumeric) {
            out.push(t);
            continue;
        }
        let at = cut + apo.len_utf8();
        let (head, tail) = t.text.split_at(at);
        let (s, e) = (t.span.start, t.span.end);
        out.push(Token {
            text: head,
            lower: Cow::Owned(prefix.to_string()),
            span: crosscheck_model::Span::new(s, s + at),
            glossed: false,
        });
        out.push(Token {
            text: tail,
            lower: Cow::Owned(low[prefix.len()..].to_string()),
            span: crosscheck_model::Span::new(s + at, e),
            glossed: false,
        });
    }
    out
}

/// A token read as several words: its text cut into that many pieces (a character each, the
/// rest to the last); a token too short for them reads as the first word only.
fn cut<'a>(t: &Token<'a>, words: &[String]) -> Vec<Token<'a>> {
    let bounds: Vec<usize> = t.text.char_indices().map(|(b, _)| b).skip(1).take(words.len() - 1).collect();
    if bounds.len() + 1 < words.len() {
        return vec![Token { lower: Cow::Owned(words[0].clone()), glossed: true, ..t.clone() }];
    }
    let mut out = Vec::with_capacity(words.len());
    let mut from = 0;
    for (k, w) in words.iter().enumerate() {
        let to = bounds.get(k).copied().unwrap_or(t.text.len());
        out.push(Token {
            text: &t.text[from..to],
            lower: Cow::Owned(w.clone()),
            span: crosscheck_model::Span::new(t.span.start + from, t.span.start + to),
            glossed: true,
        });
        from = to;
    }
    out
}

/// Gloss a document's tokens. Tokens that no phrase covers keep their own lowercase form
/// (names, numbers, punctuation, and words the table lacks).
pub fn apply<'a>(toks: Vec<Token<'a>>, gloss: &Gloss) -> Vec<Token<'a>> {
    let toks = split_elisions(toks);
    let mut out = Vec::with_capacity(toks.len());
    let mut i = 0;
    while i < toks.len() {
        // French drops the accent on capitals: "A Tchoma Bangou, …" is "À …" ("in"), not the
        // verb "a" ("has"), which follows its subject in lower case.
        if toks[i].text == "A" && toks.get(i + 1).is_some_and(|t| t.is_capitalised()) {
            out.push(Token { lower: Cow::Borrowed("in"), glossed: true, ..toks[i].clone() });
            i += 1;
            continue;
        }
        let Some((n, english)) = gloss.longest_at(&toks, i) else {
            out.push(toks[i].clone());
            i += 1;
            continue;
        };
        // One word per token; words beyond the phrase's tokens share its last token, cut into
        // pieces (a character each, the rest to the last word) so that tokens never overlap.
        if !english.is_empty() {
            let head = english.len().min(n) - 1;
            for (k, w) in english[..head].iter().enumerate() {
                out.push(Token { lower: Cow::Owned(w.clone()), glossed: true, ..toks[i + k].clone() });
            }
            out.extend(cut(&toks[i + head], &english[head..]));
        }
        i += n;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::tokenize;

    fn gloss() -> Gloss {
        crate::Resources::builtin().glosses.get("fr").cloned().unwrap_or_default()
    }

    fn read(text: &str) -> String {
        apply(tokenize(text, 0), &gloss()).iter().map(|t| t.low().to_string()).collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn french_reads_as_english_words_in_french_order() {
        assert_eq!(read("plus de 200 jihadistes ont été tués"), "more than 200 jihadists have been killed");
        assert_eq!(read("Selon le document, au moins 22 personnes"), "according to the document , at least 22 people");
        assert_eq!(read("l’armée n’a pas tué"), "the army has not killed");
        assert_eq!(read("une cinquantaine interpellés près de Moura"), "about fifty arrested near moura");
        assert_eq!(read("le centre du Mali"), "the centre of the mali");
        assert_eq!(read("Cent personnes"), "one hundred people");
    }

    #[test]
    fn spans_stay_on_the_original_words() {
        let text = "L’armée malienne a démenti, près de Mopti, selon l'ONU.";
        let toks = apply(tokenize(text, 7), &gloss());
        for t in &toks {
            assert_eq!(&text[t.span.start - 7..t.span.end - 7], t.text);
        }
        let texts: Vec<&str> = toks.iter().map(|t| t.text).collect();
        assert_eq!(
            texts,
            ["L’", "armée", "malienne", "a", "démenti", ",", "près", "Mopti", ",", "s", "elon", "l'", "ONU", "."]
        );
    }
}
