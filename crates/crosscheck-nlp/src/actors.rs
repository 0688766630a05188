//! Actors: named organisations, state institutions with their country, and unnamed actors.
//!
//! "the Malian army", "Mali's army" and "troops" (in a Mali story) all become "Malian army".
//! "the UN's peacekeeping mission" becomes the UN mission of the country in context (MINUSMA in
//! Mali). Roles (perpetrator, victim, claimant) are decided by the frame stage, not here.

use crosscheck_model::PartyKind;

use crate::lexicon::Resources;
use crate::places::country_at;
use crate::tokens::Token;

/// One actor mention.
#[derive(Clone, Debug, PartialEq)]
pub struct ActorMention {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// Normalised name.
    pub name: String,
    /// Kind of party.
    pub kind: PartyKind,
    /// The actor's country, if known.
    pub country: Option<String>,
    /// Which rule or lexicon entry produced it.
    pub rule: String,
}

fn is_quote(t: &Token<'_>) -> bool {
    matches!(t.text, "\"" | "“" | "”" | "'" | "‘" | "’")
}

/// Country named just before an institution ("Malian", "Mali 's", "Mali's ruling"), or after it
/// ("junta in Mali", "army of Mali").
fn institution_country(toks: &[Token<'_>], start: usize, end: usize, res: &Resources) -> Option<String> {
    let lo = start.saturating_sub(4);
    for k in (lo..start).rev() {
        let t = &toks[k];
        if t.is_capitalised() {
            if let Some((_, idx)) = res.country_adjectives.longest_at(toks, k) {
                return Some(res.countries[*idx].name.clone());
            }
            if let Some((_, idx)) = country_at(toks, k, res) {
                return Some(res.countries[idx].name.clone());
            }
        }
        if matches!(t.text, "," | "." | ";") {
            break;
        }
    }
    // A glossed demonym after the institution: French "l'armée malienne".
    if toks.get(end).is_some_and(|t| t.glossed)
        && let Some((_, idx)) = res.country_adjectives.longest_at(toks, end)
    {
        return Some(res.countries[*idx].name.clone());
    }
    if let (Some(p), Some(_)) = (toks.get(end), toks.get(end + 1))
        && (p.lower == "in" || p.lower == "of")
        && let Some((_, idx)) = country_at(toks, end + 1, res)
    {
        return Some(res.countries[idx].name.clone());
    }
    None
}

/// Find actor mentions. `country` is the document's country context.
pub fn find(toks: &[Token<'_>], res: &Resources, country: Option<&str>) -> Vec<ActorMention> {
    // Match on a view without quote marks, so `"foreign" personnel` still matches.
    let view: Vec<usize> = (0..toks.len()).filter(|&k| !is_quote(&toks[k])).collect();
    let owned: Vec<Token<'_>>;
    let vtoks: &[Token<'_>] = if view.len() == toks.len() {
        toks
    } else {
        owned = view.iter().map(|&k| toks[k].clone()).collect();
        &owned
    };
    let mut out: Vec<ActorMention> = Vec::new();
    let mut i = 0;
    while i < vtoks.len() {
        let (start, span_end) = (view[i], |n: usize| view[i + n - 1] + 1);
        if let Some((n, e)) = res.actors.longest_at(vtoks, i) {
            let (name, ctry) = if e.canonical == "@un-mission" {
                let mission = country.and_then(|c| res.un_missions.get(c));
                (mission.cloned().unwrap_or_else(|| "UN peacekeeping mission".to_string()), country.map(str::to_string))
            } else {
                (e.canonical.clone(), e.country.clone())
            };
            // "the UN's peacekeeping mission": fold "UN" into the mission that follows.
            if let Some(prev) = out.last_mut() {
                if prev.name == "United Nations" && start <= prev.end + 2 && e.kind == PartyKind::Un {
                    prev.end = span_end(n);
                    prev.name = name;
                    prev.country = ctry;
                    prev.rule = format!("actors.tsv: {:?} after \"UN\"", vtoks[i].lower);
                    i += n;
                    continue;
                }
                if prev.name == name && start <= prev.end + 1 {
                    prev.end = span_end(n);
                    i += n;
                    continue;
                }
            }
            let rule =
                format!("actors.tsv: {:?}", vtoks[i..i + n].iter().map(|t| t.low()).collect::<Vec<_>>().join(" "));
            out.push(ActorMention { start, end: span_end(n), name, kind: e.kind, country: ctry, rule });
            i += n;
            continue;
        }
        if let Some((n, inst)) = res.institutions.longest_at(vtoks, i) {
            let end = span_end(n);
            let own = institution_country(toks, start, end, res);
            let ctry = own.clone().or_else(|| country.map(str::to_string));
            // "local authorities", "regional governor": the level is kept, it says who speaks.
            let level = start
                .checked_sub(1)
                .map(|p| toks[p].low())
                .filter(|w| matches!(*w, "local" | "regional" | "provincial" | "municipal" | "state" | "district"));
            let name = match (level, ctry.as_deref().and_then(|c| res.adjective(c))) {
                (Some(l), _) => format!("{l} {}", inst.name),
                (None, Some(adj)) => format!("{adj} {}", inst.name),
                (None, None) => inst.name.clone(),
            };
            let rule = format!(
                "institutions.tsv: {:?}, country {}",
                vtoks[i..i + n].iter().map(|t| t.low()).collect::<Vec<_>>().join(" "),
                if own.is_some() { "named beside it" } else { "from context" }
            );
            out.push(ActorMention { start, end, name, kind: inst.kind, country: ctry, rule });
            i += n;
            continue;
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::tokenize;

    fn check(text: &str, expected: &[&str]) {
        let res = Resources::builtin();
        let toks = tokenize(text, 0);
        let got: Vec<String> = find(&toks, &res, Some("Mali")).into_iter().map(|a| a.name).collect();
        assert_eq!(got, expected, "in {text:?}");
    }

    #[test]
    fn institutions_take_their_country() {
        check("the Malian army", &["Malian army"]);
        check("Mali's defence ministry", &["Malian defence ministry"]);
        check("The junta in Mali", &["Malian government"]);
        check("Nigerian troops", &["Nigerian army"]);
        check("the foreign ministry", &["Malian foreign ministry"]);
    }

    #[test]
    fn un_missions_resolve_by_country() {
        check("the UN's peacekeeping mission MINUSMA", &["MINUSMA"]);
        check("the peacekeeping force", &["MINUSMA"]);
    }

    #[test]
    fn quotes_do_not_break_names() {
        check("the army and \"foreign\" personnel", &["Malian army", "unnamed foreign military personnel"]);
    }
}
