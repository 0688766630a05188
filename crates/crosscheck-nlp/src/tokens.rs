//! Word tokens with byte spans into the original text.
//!
//! Tokens keep their position: a token's span always satisfies `&text[span] == token.text`.
//! Possessive `'s` is split off ("Mali's" → "Mali", "'s"); hyphenated words, decimals and
//! thousands separators stay whole ("pro-Kremlin", "2.5", "1,200"). Nothing here is normalised
//! beyond lowercasing a copy.

use std::borrow::Cow;

use crosscheck_model::Span;

/// One token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token<'a> {
    /// The text as written.
    pub text: &'a str,
    /// Lowercase form, with curly apostrophes made straight (borrowed when already so).
    pub lower: Cow<'a, str>,
    /// Byte span in the document.
    pub span: Span,
    /// Whether `lower` is an English gloss of a word in another language (see `gloss`), not
    /// the word itself: case then says nothing about the gloss ("janvier" is a month).
    pub glossed: bool,
}

impl Token<'_> {
    /// The lowercase form.
    pub fn low(&self) -> &str {
        &self.lower
    }
    /// Whether the token starts with an uppercase letter.
    pub fn is_capitalised(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }
    /// Whether the token is all digits (with separators).
    pub fn is_number(&self) -> bool {
        self.text.chars().next().is_some_and(|c| c.is_ascii_digit())
    }
    /// Whether the token is a word (starts with a letter).
    pub fn is_word(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_alphanumeric)
    }
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Tokenise `text`; spans are offset by `base`.
pub fn tokenize(text: &str, base: usize) -> Vec<Token<'_>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let end_of = |k: usize| chars.get(k).map_or(text.len(), |c| c.0);
    while i < chars.len() {
        let (start, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        if c.is_alphanumeric() {
            loop {
                while j < chars.len() && chars[j].1.is_alphanumeric() {
                    j += 1;
                }
                let (Some(&(_, sep)), Some(&(_, after))) = (chars.get(j), chars.get(j + 1)) else {
                    break;
                };
                let prev = chars[j - 1].1;
                let joins = match sep {
                    '-' => after.is_alphanumeric(),
                    ',' | '.' => prev.is_ascii_digit() && after.is_ascii_digit(),
                    s if is_apostrophe(s) => {
                        // Keep "Jama'at", split the possessive "'s".
                        let possessive =
                            (after == 's' || after == 'S') && chars.get(j + 2).is_none_or(|c| !c.1.is_alphanumeric());
                        after.is_alphanumeric() && !possessive
                    }
                    _ => false,
                };
                if !joins {
                    break;
                }
                j += 1;
            }
        } else if is_apostrophe(c) && chars.get(j).is_some_and(|c| c.1 == 's' || c.1 == 'S') {
            j += 1;
        }
        let end = end_of(j);
        let slice = &text[start..end];
        out.push(Token {
            text: slice,
            lower: if slice.bytes().any(|b| b.is_ascii_uppercase() || !b.is_ascii()) {
                Cow::Owned(slice.to_lowercase().replace('’', "'"))
            } else {
                Cow::Borrowed(slice)
            },
            span: Span::new(base + start, base + end),
            glossed: false,
        });
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<&str> {
        tokenize(s, 0).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn splits_possessive_keeps_hyphens_and_numbers() {
        assert_eq!(
            words("Mali's pro-Kremlin 1,200 2.5 Jama'at"),
            ["Mali", "'s", "pro-Kremlin", "1,200", "2.5", "Jama'at"]
        );
        assert_eq!(words("killed 18 \"attackers\"."), ["killed", "18", "\"", "attackers", "\"", "."]);
        assert_eq!(words("UN’s mission"), ["UN", "’s", "mission"]);
    }

    #[test]
    fn spans_point_into_the_text() {
        let text = "Ménaka, Sept. 3 — « bilan »";
        for t in tokenize(text, 0) {
            assert_eq!(&text[t.span.start..t.span.end], t.text);
        }
    }
}
