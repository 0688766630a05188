//! Who says it: the claimant clause of a sentence.
//!
//! Three shapes are recognised, tried in this order:
//! 1. `according to X` anywhere;
//! 2. a trailing `…, X said [in a report …].` after a comma or a closing quote, or the inverted
//!    `…, said the mayor.` (the speaker after the verb);
//! 3. a leading `X [on Friday] said/rejected …` in the first words of the sentence.
//!
//! The clause is returned as token ranges so that the frame stage can keep the statement's own
//! date ("on Friday", "published Wednesday") apart from the event's. Resolving the claimant
//! phrase to a party, and carrying pronouns back to an earlier claimant, happen in `frame`.

use crate::lexicon::{Resources, SpeechKind};
use crate::tokens::Token;

/// The attribution of one sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attribution {
    /// Token range of the claimant phrase.
    pub claimant: (usize, usize),
    /// Token range of the whole attribution clause (claimant, verb and trailing modifiers).
    pub clause: (usize, usize),
    /// Token index of the reporting verb, if any.
    pub verb: Option<usize>,
    /// Reporting or rejecting.
    pub kind: SpeechKind,
    /// Which shape matched.
    pub rule: &'static str,
}

const PASSIVE_AUX: &[&str] = &["was", "were", "been", "is", "are", "be", "being"];
const SUBORDINATORS: &[&str] =
    &["after", "while", "when", "before", "whereas", "as", "since", "because", "although", "though", "if"];
const ADVERBS: &[&str] = &[
    "immediately",
    "quickly",
    "swiftly",
    "promptly",
    "strongly",
    "firmly",
    "formally",
    "officially",
    "publicly",
    "also",
    "later",
    "earlier",
    "again",
    "then",
    "had",
    "has",
    "have",
    "first",
    "previously",
    "initially",
    "subsequently",
    "reportedly",
];
const OPENERS: &[&str] = &[
    "on",
    "in",
    "at",
    "yesterday",
    "today",
    "earlier",
    "last",
    "this",
    "late",
    "early",
    "after",
    "before",
    "during",
    "by",
];
const LEADING_FILLERS: &[&str] = &["but", "and", "however", "meanwhile", "yet", "also"];

fn is_boundary(t: &Token<'_>) -> bool {
    matches!(t.text, "," | "\"" | "”" | "’" | "»" | ":" | ";" | "(" | ")" | "–" | "—")
}

fn speech_at(toks: &[Token<'_>], k: usize, res: &Resources) -> Option<SpeechKind> {
    let kind = *res.speech.get(toks[k].low())?;
    // "were reported killed" is passive; "an estimated 300" is a determiner, not a verb.
    let passive = k > 0 && PASSIVE_AUX.contains(&toks[k - 1].low());
    let determiner = k > 0 && matches!(toks[k - 1].low(), "a" | "an" | "the");
    // "claimed the lives of", "claimed control of": the verb opens an event phrase.
    let event = res.triggers.longest_at(&toks[k..], 0).is_some_and(|(n, _)| n >= 2);
    (!passive && !determiner && !event).then_some(kind)
}

/// Find the attribution clause of a sentence.
///
/// A leading `X said` at the very start of the sentence wins ("Mali's Defence Ministry said …,
/// according to surveillance images"); otherwise `according to X`, then a trailing `…, X said`,
/// then a leading `X said` further in.
pub fn find(toks: &[Token<'_>], res: &Resources) -> Option<Attribution> {
    let lead = leading(toks, res);
    if let Some(l) = &lead
        && let Some(v) = l.verb
        && v <= l.claimant.0 + 6
        && !toks[l.claimant.0..v].iter().any(|t| t.text == ",")
        // "They listed 19 people it said …": an embedded "it said", not a subject.
        && !(v > l.claimant.0 + 1 && matches!(toks[v - 1].low(), "it" | "they" | "he" | "she"))
    {
        return lead;
    }
    according(toks).or_else(|| trailing(toks, res)).or(lead)
}

fn according(toks: &[Token<'_>]) -> Option<Attribution> {
    let n = toks.len();
    // 1. "according to X"
    for k in 0..n.saturating_sub(2) {
        if toks[k].lower == "according" && toks[k + 1].lower == "to" {
            let mut e = k + 2;
            while e < n && !matches!(toks[e].text, "," | "." | ";" | ":" | "!" | "?") {
                e += 1;
            }
            if e > k + 2 {
                let start = if k > 0 && toks[k - 1].text == "," { k - 1 } else { k };
                // "according to the authorities, who confirmed it in a press release Monday,":
                // a relative clause about the source (its dates are the statement's) belongs
                // to the clause, unless it gives figures of its own.
                let relative = toks.get(e).is_some_and(|t| t.text == ",")
                    && toks.get(e + 1).is_some_and(|t| matches!(t.low(), "who" | "which"));
                // "…, according to the governor, a religious leader and witnesses on Monday.": a
                // list of sources closing the sentence belongs to the clause too (its date is
                // the statements'), when it holds no figure and no other clause. Not after a
                // leading "According to X," whose list is the content.
                let stop = (e..n).find(|&j| matches!(toks[j].text, "." | "!" | "?" | ";")).unwrap_or(n);
                let list_to_end = start < k
                    && toks.get(e).is_some_and(|t| t.text == ",")
                    && stop - e <= 16
                    && toks[e..stop].iter().any(|t| matches!(t.low(), "and" | "or"))
                    && !toks[e..stop].iter().any(|t| {
                        t.is_number() || matches!(t.low(), "who" | "which" | "while" | "but" | "as" | "after" | "when")
                    });
                let end = match (e + 2..n.min(e + 24)).find(|&j| toks[j].text == ",") {
                    Some(j) if relative && !toks[e + 2..j].iter().any(|t| t.is_number()) => j,
                    _ if list_to_end => stop,
                    _ => e,
                };
                return Some(Attribution {
                    claimant: (k + 2, e),
                    clause: (start, end),
                    verb: None,
                    kind: SpeechKind::Assert,
                    rule: "according to X",
                });
            }
        }
    }
    None
}

fn trailing(toks: &[Token<'_>], res: &Resources) -> Option<Attribution> {
    let n = toks.len();
    // 2. trailing ", X said …"
    for v in (3..n).rev() {
        let Some(kind) = speech_at(toks, v, res) else {
            continue;
        };
        // "19 people it said were killed": an embedded "it said"; the content runs around it.
        if matches!(toks[v - 1].low(), "it" | "they" | "he" | "she")
            && !matches!(toks[v - 2].text, "," | "\"" | "”" | "“")
            && toks.get(v + 1).is_some_and(|t| t.is_word())
        {
            return Some(Attribution {
                claimant: (v - 1, v),
                clause: (v - 1, v + 1),
                verb: Some(v),
                kind,
                rule: "embedded \"it said\"",
            });
        }
        let mut b = v;
        while b > 0 && v - b < 9 && !is_boundary(&toks[b - 1]) && !SUBORDINATORS.contains(&toks[b - 1].low()) {
            b -= 1;
        }
        if b > 0 && SUBORDINATORS.contains(&toks[b - 1].low()) {
            continue;
        }
        // "…, said the mayor.", "…, a indiqué à l'AFP le maire": the speaker after the verb.
        // `…, said the mayor` and `…,” reported the UN office`.
        let after_comma = b > 0
            && (toks[b - 1].text == ","
                || (b > 1 && matches!(toks[b - 1].text, "\"" | "”" | "»") && toks[b - 2].text == ","));
        if after_comma
            && toks[b..v].iter().all(|t| ADVERBS.contains(&t.low()))
            && let Some(a) = inverted(toks, v, kind, res)
        {
            return Some(Attribution { clause: (b - 1, a.clause.1), ..a });
        }
        // "…, Human Rights Watch (HRW), said …": a speaker set off by commas, its acronym in
        // parentheses.
        let mut speaker_end = v;
        if b == v && v >= 2 && toks[v - 1].text == "," {
            let mut k = v - 1;
            while k > 0 && v - 1 - k < 9 {
                let t = &toks[k - 1];
                if t.text == ")"
                    && let Some(o) = (k.saturating_sub(6)..k - 1).rfind(|&j| toks[j].text == "(")
                {
                    k = o;
                } else if is_boundary(t) || SUBORDINATORS.contains(&t.low()) {
                    break;
                } else {
                    k -= 1;
                }
            }
            // Only after content ("At least 180 bodies were found …, HRW, said"), not in
            // "Its chief, Francois Lecointre, said …", where the speaker leads.
            let content_before = toks[..k.saturating_sub(1)].iter().any(|t| t.is_number() || res.is_trigger(t));
            if k < v - 1 && k > 0 && toks[k - 1].text == "," && toks[k].is_capitalised() && content_before {
                b = k;
                speaker_end = v - 1;
            }
        }
        if b == 0 || b == v || !is_boundary(&toks[b - 1]) {
            continue;
        }
        // The boundary must close a clause: a comma, or a quote right after a comma or a stop
        // (`…arrested," it said`), not the quote around a word (`"baseless" and said`).
        let closes = toks[b - 1].text == "," || (b >= 2 && matches!(toks[b - 2].text, "," | "." | "?" | "!"));
        // "…, but residents said": drop a leading conjunction; "and said" has no claimant left.
        let b0 = b;
        while b < v && matches!(toks[b].low(), "and" | "or" | "but" | "then" | "yet") {
            b += 1;
        }
        // "… – which it said", "condemned the attack which it said": the pronoun is the claimant.
        if let Some(r) = (b..v).rev().find(|&k| {
            matches!(toks[k].low(), "which" | "who" | "that")
                && toks.get(k + 1).is_some_and(|t| matches!(t.low(), "it" | "they" | "he" | "she"))
        }) {
            b = r + 1;
        }
        let mut np_end = speaker_end;
        while np_end > b + 1 && ADVERBS.contains(&toks[np_end - 1].low()) {
            np_end -= 1;
        }
        if !closes
            || b == v
            || ADVERBS.contains(&toks[b].low())
            || matches!(toks[b].low(), "which" | "who" | "that" | "including" | "such" | "especially")
        {
            continue;
        }
        let v_np = np_end;
        // Skip the quote mark of `," it said` so the clause starts at the comma.
        let mut clause_start = b0 - 1;
        while clause_start > 0 && is_boundary(&toks[clause_start - 1]) && clause_start + 2 > b0 {
            clause_start -= 1;
        }
        // "…, the committee said 108 people were killed": the content goes on after the verb.
        let rest = &toks[v + 1..];
        let content_after = rest.len() > 2 && rest.iter().any(|t| t.is_number() || res.is_trigger(t));
        if content_after {
            let mut end = v + 1;
            if let Some(t) = (v + 1..(v + 7).min(n)).find(|&k| toks[k].lower == "that") {
                end = t + 1;
            } else if toks.get(v + 1).is_some_and(|t| {
                matches!(
                    t.low(),
                    "in" | "on"
                        | "monday"
                        | "tuesday"
                        | "wednesday"
                        | "thursday"
                        | "friday"
                        | "saturday"
                        | "sunday"
                        | "late"
                        | "early"
                        | "earlier"
                        | "later"
                        | "yesterday"
                        | "today"
                )
            }) && let Some(c) = (v + 1..(v + 12).min(n)).find(|&k| toks[k].text == ",")
                && !toks[v + 1..c].iter().any(|t| t.is_number())
            {
                // "…, HRW said in a report released on Wednesday, saying …", "…, the mayor said
                // Sunday, the latest …": the statement's own circumstances, up to the comma.
                end = c;
            }
            return Some(Attribution {
                claimant: (b, v_np),
                clause: (clause_start, end),
                verb: Some(v),
                kind,
                rule: ", X said …",
            });
        }
        return Some(Attribution {
            claimant: (b, v_np),
            clause: (clause_start, n),
            verb: Some(v),
            kind,
            rule: ", X said",
        });
    }
    None
}

/// The speaker after a closing reporting verb, up to the end of the sentence: "…, said the
/// mayor of the commune." A first "to X" / "in X" before another noun phrase is the addressee
/// ("told AFP", French "a indiqué à l'AFP le maire"), not the speaker. Nothing when the rest
/// holds a number or a trigger (then it is content, not a speaker).
fn inverted(toks: &[Token<'_>], v: usize, kind: SpeechKind, res: &Resources) -> Option<Attribution> {
    let mut end = toks.len();
    while end > v + 1 && matches!(toks[end - 1].text, "." | "!" | "?" | "\"" | "”" | "»") {
        end -= 1;
    }
    // "…, said Almou Hassane, the mayor of …", "…, reported the UN office (OCHA), on January
    // 4.": the speaker ends at a comma, unless a quotation opens there ("told Reuters, “We …").
    if let Some(c) = (v + 1..end).find(|&k| toks[k].text == ",")
        && toks.get(c + 1).is_none_or(|t| !matches!(t.text, "\"" | "“" | "«"))
    {
        end = c;
    }
    let mut start = v + 1;
    if toks.get(start).is_some_and(|t| matches!(t.low(), "to" | "in"))
        && let Some(k) = (start + 2..end).find(|&k| matches!(toks[k].low(), "the" | "a"))
    {
        start = k;
    }
    let rest = &toks[start..end];
    // The speaker opens with a determiner or a name ("the mayor", "Mayor X"), never with "on
    // Saturday that …" (which is the content of "X, said on Saturday that …").
    let opens = rest.first().is_some_and(|t| matches!(t.low(), "the" | "a" | "an") || t.is_capitalised());
    let content = !opens
        || rest.iter().any(|t| {
            t.is_number() || res.is_trigger(t) || matches!(t.low(), "that" | ";" | ":" | "\"" | "“" | "”" | "«" | "»")
        });
    (rest.len() <= 16 && !content && rest.iter().any(|t| t.is_word())).then_some(Attribution {
        claimant: (start, end),
        clause: (v, toks.len()),
        verb: Some(v),
        kind,
        rule: ", said X",
    })
}

/// A leading "X said" inside a clause that opens with "while", "but" or "whereas" ("…, while the
/// opposition Committee of Doctors said more than 100 were killed"), in token positions of the
/// whole sentence.
pub fn clause_speaker(toks: &[Token<'_>], clause: (usize, usize), res: &Resources) -> Option<Attribution> {
    let (a, b) = clause;
    if !toks.get(a).is_some_and(|t| matches!(t.low(), "while" | "but" | "whereas")) || a + 1 >= b {
        return None;
    }
    let mut found = leading(&toks[a + 1..b], res)?;
    let off = a + 1;
    found.claimant = (found.claimant.0 + off, found.claimant.1 + off);
    found.clause = (found.clause.0 + off, found.clause.1 + off);
    found.verb = found.verb.map(|v| v + off);
    // The speaker comes first: "while X said …", not "while fighting continued, X said".
    (found.verb.is_some_and(|v| v <= found.claimant.0 + 6)).then_some(found)
}

fn leading(toks: &[Token<'_>], res: &Resources) -> Option<Attribution> {
    let n = toks.len();
    // 3. leading "X said …"
    let mut first = 0;
    while first < n && (LEADING_FILLERS.contains(&toks[first].low()) || toks[first].text == ",") {
        first += 1;
    }
    // "On the other hand,", "Yesterday evening,", "On July 30, 2024,": an opening adverbial.
    // One of time ("Yesterday evening, the committee announced …") dates the statement, so the
    // clause starts with it.
    let mut clause_start = first;
    if toks.get(first).is_some_and(|t| OPENERS.contains(&t.low()))
        && let Some(c) = (first..(first + 7).min(n)).rfind(|&k| toks[k].text == ",")
    {
        let of_time =
            matches!(toks[first].low(), "yesterday" | "today" | "earlier" | "last" | "this" | "late" | "early");
        if !of_time {
            clause_start = c + 1;
        }
        first = c + 1;
    }
    for v in first + 1..n.min(first + 20) {
        if matches!(toks[v].text, "," | ";" | ":" | "\"" | "“" | "”") && speech_at(toks, v, res).is_none() {
            // A comma before the verb ends the search, except in "X, the spokesman, said".
            let later = (v + 1..n.min(first + 20)).find(|&k| speech_at(toks, k, res).is_some());
            if later.is_none() || toks[v].text != "," {
                break;
            }
        }
        if let Some(kind) = speech_at(toks, v, res) {
            // The clause runs on over "on Monday", "in a statement", "on Twitter", "the news
            // agency AFP on Sunday (January 15)" up to "that".
            let mut end = v + 1;
            let limit = (v + 12).min(n);
            if let Some(t) = (v + 1..limit).find(|&k| toks[k].lower == "that") {
                let between_ok = toks[v + 1..t]
                    .iter()
                    .all(|w| res.triggers.longest_at(std::slice::from_ref(w), 0).is_none() && w.text != ",");
                if between_ok {
                    end = t + 1;
                }
            } else if toks.get(end).is_some_and(|t| t.lower == "on")
                && toks.get(end + 1).is_some_and(|t| t.is_capitalised())
            {
                end += 2;
            }
            // "The Baza Telegram channel, with connections to …, also reported": the phrase before the
            // first comma, without trailing adverbs.
            let mut np_end = (first..v).find(|&k| toks[k].text == ",").unwrap_or(v);
            let mut np_start = first;
            // "an al Qaeda affiliate, Jama'a Nusrat ul-Islam wa al-Muslimin (JNIM), claimed": an
            // indefinite description is named by the appositive after it.
            if matches!(toks[first].low(), "a" | "an") && np_end + 1 < v && toks[np_end + 1].is_capitalised() {
                np_start = np_end + 1;
                np_end = (np_start..v).find(|&k| toks[k].text == ",").unwrap_or(v);
            }
            while np_end > np_start + 1 && ADVERBS.contains(&toks[np_end - 1].low()) {
                np_end -= 1;
            }
            // "Police earlier had given a toll of eight dead, and said …": a subject does not
            // hold figures.
            let figure = |k: usize| {
                let t = &toks[k];
                let in_date = (k > 0 && crate::dates::is_month(&toks[k - 1]))
                    || toks.get(k + 1).is_some_and(crate::dates::is_month)
                    || (t.text.len() == 4 && t.is_number())
                    // "Three days later the army said": a time span, not a figure.
                    || toks.get(k + 1).is_some_and(|n| {
                        matches!(n.low(), "day" | "days" | "week" | "weeks" | "month" | "months" | "year" | "years" | "hours")
                    });
                (t.is_number() || res.number_words.contains_key(t.low())) && !in_date
            };
            if (np_start..np_end).any(figure) {
                return None;
            }
            return Some(Attribution {
                claimant: (np_start, np_end),
                clause: (clause_start, end),
                verb: Some(v),
                kind,
                rule: "X said",
            });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::tokenize;

    /// `check(sentence, claimant phrase, rule)`.
    fn check(text: &str, claimant: Option<&str>, rule: &str) {
        let res = Resources::builtin();
        let toks = tokenize(text, 0);
        let got = find(&toks, &res);
        let phrase =
            got.as_ref().map(|a| toks[a.claimant.0..a.claimant.1].iter().map(|t| t.text).collect::<Vec<_>>().join(" "));
        assert_eq!(phrase.as_deref(), claimant, "in {text:?}");
        if let Some(a) = got {
            assert_eq!(a.rule, rule);
        }
    }

    #[test]
    fn trailing_said() {
        check("Ten people were killed, the mayor said on Monday.", Some("the mayor"), ", X said");
        check("\"Ten were killed,\" it said in a report.", Some("it"), ", X said");
    }

    #[test]
    fn inverted_said() {
        check("Ten people were killed, said the mayor of the commune.", Some("the mayor of the commune"), ", said X");
        check("Ten were killed, said Mayor Ali Traore.", Some("Mayor Ali Traore"), ", said X");
        check("Ten were killed, said to have been 20 soldiers.", None, "");
        check(
            "At least 18 bodies were found in Dori, Human Rights Watch (HRW), said in a report.",
            Some("Human Rights Watch ( HRW )"),
            ", X said",
        );
        check(
            "Gunmen came on motorbikes, said Ali Traore, the mayor of the commune that runs both villages.",
            Some("Ali Traore"),
            ", said X",
        );
        check(
            "\"Ten were killed,\" reported the UN office for humanitarian affairs (OCHA), on January 4.",
            Some("the UN office for humanitarian affairs ( OCHA )"),
            ", said X",
        );
        check(
            "Its chief, Francois Lecointre, said on Saturday that the report was biased.",
            Some("Its chief"),
            "X said",
        );
    }

    #[test]
    fn embedded_it_said() {
        check("They listed 19 people it said were killed.", Some("it"), "embedded \"it said\"");
    }

    #[test]
    fn leading_said_and_rejections() {
        check("The army on Friday said it killed ten.", Some("The army on Friday"), "X said");
        check("The junta rejected the allegations.", Some("The junta"), "X said");
        check("But several sources said a soldier died.", Some("several sources"), "X said");
        check("Three days later the army said no civilians were killed.", Some("Three days later the army"), "X said");
        check(
            "An armed group, Katiba Macina (KM), claimed the attack that killed ten.",
            Some("Katiba Macina ( KM )"),
            "X said",
        );
        check(
            "The Baza Telegram channel, with connections to the security services, also reported ten dead.",
            Some("The Baza Telegram channel"),
            "X said",
        );
    }

    #[test]
    fn according_to() {
        check("A bomb hit the convoy, according to the UN mission.", Some("the UN mission"), "according to X");
    }

    /// A list of sources after "according to" that runs to the end of the sentence is part of
    /// the attribution clause, its date with it; a figure or another clause after the first
    /// source is not.
    #[test]
    fn a_list_of_sources_to_the_sentence_end_belongs_to_the_clause() {
        let res = Resources::builtin();
        let clause_text = |text: &str| {
            let toks = tokenize(text, 0);
            let a = find(&toks, &res).expect("an attribution");
            toks[a.clause.0..a.clause.1].iter().map(|t| t.text).collect::<Vec<_>>().join(" ")
        };
        assert_eq!(
            clause_text("A strike hit Kelbo, according to the governor, a cleric, and witnesses on Monday."),
            ", according to the governor , a cleric , and witnesses on Monday"
        );
        assert_eq!(
            clause_text("A strike hit Kelbo, according to the governor, and 12 people died on Monday."),
            ", according to the governor"
        );
        assert_eq!(
            clause_text("A strike hit Kelbo, according to the governor, as fighting went on in Sirba and Tambao."),
            ", according to the governor"
        );
        assert_eq!(
            clause_text("According to the governor, clashes between two groups and the army killed thirty."),
            "According to the governor"
        );
    }

    #[test]
    fn passive_reported_is_not_attribution() {
        check("Ten were reported killed in the attack.", None, "");
    }
}
