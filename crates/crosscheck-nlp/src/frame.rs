//! Frame: from one analysed sentence to claims.
//!
//! A sentence is cut into its attribution clause (who says it) and its content. The content is
//! cut into segments at temporal connectives ("after", "when", "before") and dashes, so that
//! "a sweep in Hombori after a convoy was hit by a roadside bomb" yields two events. In each
//! segment, the triggers give the event type and each quantity is tied to the trigger it counts:
//! - passive or intransitive: `Q [victims] [were|had been] TRIGGER` ("50 civilians were killed",
//!   "two died", "hundreds arrested");
//! - active: `TRIGGER Q [victims]` ("killed 18 attackers");
//! - singular: `a|an [victim] … had been TRIGGER` counts one.
//!
//! Denials ("rejected", or a claimant's statement with "biased", "baseless"…) become one claim
//! with stance `denies` and a scope (event types and a time window) that the link stage uses to
//! attach it to the incidents it rejects. Segments with conflict-wide totals ("a decade-long
//! insurgency that has claimed thousands of lives") make no claim.

use chrono::NaiveDate;
use crosscheck_model::{
    Category, Claim, DateRange, DenialScope, EventType, Figure, Figures, PartyKind, Place, PlaceLevel, Span, Stance,
    VictimGroup,
};

use crate::actors::ActorMention;
use crate::attribution::Attribution;
use crate::dates::DateMention;
use crate::lexicon::{Resources, SpeechKind, Trigger, TriggerEvent, TriggerForm};
use crate::numbers::Quantity;
use crate::pipeline::Notes;
use crate::places::PlaceMention;
use crate::tokens::Token;

/// State carried from sentence to sentence within one document.
#[derive(Clone, Debug, Default)]
pub struct DocState {
    /// The last claimant named explicitly, with its kind and sentence.
    pub last_claimant: Option<(String, PartyKind, usize)>,
    /// The scope of the last denial, for "The allegations are baseless" that follow it.
    pub last_denial_scope: Option<(DenialScope, usize)>,
    /// The organisation that last opened a sentence as its subject ("Human Rights Watch
    /// published a report …"), a candidate for a later "It said".
    pub last_subject: Option<(String, PartyKind, usize)>,
    /// The category and event type of the last figure claimed, for "Nineteen of them were
    /// civilians".
    pub last_figure: Option<(Category, Option<EventType>, Option<String>)>,
    /// The last day-precise event date (not a statement date), anchor for "the next day" in
    /// later sentences.
    pub event_anchor: Option<NaiveDate>,
}

/// Everything the frame stage needs about one sentence.
pub struct SentenceInput<'s, 't> {
    /// Document id.
    pub document: &'s str,
    /// Sentence index.
    pub index: usize,
    /// Sentence span.
    pub span: Span,
    /// Sentence text.
    pub quote: &'s str,
    /// Tokens.
    pub toks: &'s [Token<'t>],
    /// Dates found.
    pub dates: &'s [DateMention],
    /// Quantities found.
    pub quantities: &'s [Quantity],
    /// Places found.
    pub places: &'s [PlaceMention],
    /// Actors found.
    pub actors: &'s [ActorMention],
    /// Triggers found: (start token, length, entry).
    pub triggers: &'s [(usize, usize, Trigger)],
    /// Attribution clause, if any.
    pub attribution: Option<&'s Attribution>,
    /// Document country context.
    pub country: Option<&'s str>,
    /// The outlet, claimant of unattributed sentences.
    pub outlet: &'s str,
    /// The document's publication date.
    pub reported: Option<NaiveDate>,
    /// Whether this sentence is in the same paragraph as the previous one.
    pub same_paragraph: bool,
    /// Acronyms the document defines: (acronym, full name).
    pub acronyms: &'s [(String, String)],
    /// A proper name in apposition right after the claimant phrase, if any.
    pub appositive: Option<String>,
}

const BREAKS: &[&str] = &["after", "before", "following", "when", "while", ";", "--", "—", "–", "but", "whereas"];
const ANCHOR_STARTS: &[&str] = &["after", "before", "following"];
const AUX: &[&str] = &[
    "were",
    "was",
    "are",
    "is",
    "have",
    "has",
    "had",
    "been",
    "being",
    "be",
    "reportedly",
    "allegedly",
    "also",
    "later",
    "all",
    "subsequently",
    "then",
];
const PRONOUNS: &[&str] =
    &["it", "they", "he", "she", "the report", "the statement", "the ministry", "the mission", "the group"];
/// Weapon nouns: what a seizure of makes it a disrupted weapons use (ACLED's codebook).
const WEAPONS: &[&str] = &[
    "weapon",
    "weapons",
    "arms",
    "firearms",
    "firearm",
    "ammunition",
    "munitions",
    "rifles",
    "rifle",
    "pistols",
    "pistol",
    "guns",
    "gun",
    "explosives",
    "grenades",
    "cartridges",
    "ieds",
    "mortars",
    "rockets",
];
const MILITARY_TARGETS: &[&str] = &[
    "fama",
    "minusma",
    "peacekeepers",
    "gendarmes",
    "gendarmerie",
    "police",
    "policemen",
    "forces",
    "military",
    "militants",
    "fighters",
    "rebels",
    "jihadists",
    "outpost",
    "garrison",
    "vdp",
    "soldier",
    "troop",
    "positions",
    "convoy",
    "convoys",
    "patrol",
    "base",
    "camp",
    "post",
    "checkpoint",
    "position",
    "positions",
    "soldiers",
    "troops",
    "army",
    "barracks",
];
const DETENTION: &[&str] = &["detention", "detainees", "custody", "prison", "prisoners", "detained"];
/// Whether the number at `start..end` counts one group among others: "another 30", "a
/// first group of about 40", "another group, of about 20", "20 more", "18 others".
fn part_count(toks: &[Token<'_>], start: usize, end: usize) -> bool {
    let before = |k: usize| start.checked_sub(k).map(|i| toks[i].low());
    let another = before(1) == Some("another");
    let group_of =
        before(1) == Some("of") && (2..=4).any(|k| matches!(before(k), Some("group" | "groups" | "batch" | "wave")));
    let more = toks.get(end).is_some_and(|t| matches!(t.low(), "more" | "others" | "other"));
    another || group_of || more
}

/// Whether the number at `start` counts the first of several groups: "a first group of about
/// 40", "the first batch of 12".
fn first_group(toks: &[Token<'_>], start: usize) -> bool {
    let before = |k: usize| start.checked_sub(k).map(|i| toks[i].low());
    before(1) == Some("of")
        && (2..=4).any(|k| matches!(before(k), Some("group" | "groups" | "batch" | "wave")))
        && (3..=5).any(|k| before(k) == Some("first"))
}

/// Objects of a rejection verb that make it a denial, besides [`ALLEGATIONS`] and triggers.
const DENIED_OBJECTS: &[&str] = &[
    "any",
    "blame",
    "charge",
    "charges",
    "figure",
    "figures",
    "involvement",
    "it",
    "responsibility",
    "role",
    "them",
    "these",
    "this",
    "those",
    "toll",
    "tolls",
    "version",
];
const ALLEGATIONS: &[&str] = &[
    "allegations",
    "allegation",
    "accusations",
    "accusation",
    "report",
    "reports",
    "claims",
    "claim",
    "findings",
    "information",
    "account",
    "accounts",
    "toll",
    "figures",
    "charges",
    "statement",
    "rumours",
    "rumors",
    "video",
];
const NEGATIONS: &[&str] = &["not", "no", "never", "n't", "without", "nobody"];
const WITNESSES: &[&str] =
    &["residents", "witnesses", "witness", "survivors", "survivor", "villagers", "locals", "resident"];
const OFFICIALS: &[&str] =
    &["mayor", "governor", "prefect", "official", "officials", "chief", "commissioner", "councillor"];

fn surface(toks: &[Token<'_>], s: usize, e: usize) -> String {
    toks[s..e].iter().map(|t| t.text).collect::<Vec<_>>().join(" ").replace(" 's", "'s").replace(" ’s", "’s")
}

fn rank(level: PlaceLevel) -> u8 {
    match level {
        PlaceLevel::Town | PlaceLevel::Unresolved => 3,
        PlaceLevel::Admin1 => 2,
        PlaceLevel::Country => 1,
    }
}

/// Resolve the claimant of a sentence: (name, kind, rule).
/// The proper name that opens a sentence and is its subject ("Jeunesse Tabital Pulaaku, an
/// advocacy group, published a list of 19 people it said were killed"): two or more capitalised
/// words before a comma or a lowercase verb, ending before token `limit`.
fn opening_name(toks: &[Token<'_>], limit: usize) -> Option<String> {
    let end = toks.iter().take(limit).position(|t| !t.is_capitalised() || !t.is_word())?;
    let next_ok = toks.get(end).is_some_and(|t| t.text == "," || (t.is_word() && !t.is_capitalised()));
    let name: Vec<&str> = toks[..end].iter().map(|t| t.text).collect();
    (end >= 2 && next_ok && !matches!(toks[0].low(), "the" | "on" | "in" | "at" | "last" | "this"))
        .then(|| name.join(" "))
}

fn claimant(input: &SentenceInput<'_, '_>, state: &mut DocState, notes: &mut Notes) -> (String, PartyKind, String) {
    let toks = input.toks;
    let Some(attr) = input.attribution else {
        // Reported speech runs on within a paragraph: "X said …. In addition, eight were injured."
        if input.same_paragraph
            && let Some((name, kind, sent)) = state.last_claimant.clone()
            && sent + 1 == input.index
        {
            let rule = format!("no attribution: carried over from sentence {sent} of the same paragraph");
            notes.add("claimant", "", || format!("{name} [{}] ({rule})", kind.as_str()));
            state.last_claimant = Some((name.clone(), kind, input.index));
            return (name, kind, rule);
        }
        return (input.outlet.to_string(), PartyKind::Media, "no attribution in the sentence: the outlet".to_string());
    };
    let (s, e) = attr.claimant;
    // Drop date words and "at the time" from the phrase.
    let keep: Vec<usize> = (s..e)
        .filter(|&k| !input.dates.iter().any(|d| (d.start..d.end).contains(&k)))
        .filter(|&k| !(matches!(toks[k].low(), "on" | "at" | "the" | "time") && k + 1 >= e.saturating_sub(2) && k > s))
        .collect();
    let phrase = keep.iter().map(|&k| toks[k].low()).collect::<Vec<_>>().join(" ");
    let text = keep.iter().map(|&k| toks[k].text).collect::<Vec<_>>().join(" ").replace(" 's", "'s");
    let anonymous = phrase.split(' ').any(|w| w == "source" || w == "sources");
    let resolved = if anonymous {
        let name = text
            .trim_start_matches("The ")
            .trim_start_matches("the ")
            .trim_start_matches("A ")
            .trim_start_matches("a ");
        Some((name.to_string(), PartyKind::Anonymous, format!("{}: unnamed source(s)", attr.rule)))
    } else if let Some(a) = input.actors.iter().find(|a| a.start >= s && a.end <= e) {
        Some((a.name.clone(), a.kind, format!("{} ({})", attr.rule, a.rule)))
    } else if PRONOUNS.contains(&phrase.as_str()) {
        // This sentence's own opening actor ("MINUSMA condemned the attack, which it said …"),
        // else the more recent of the last claimant and the last sentence-opening organisation.
        let opening = input
            .actors
            .iter()
            .find(|a| a.start <= 1 && a.end <= s)
            .map(|a| (a.name.clone(), a.kind, input.index))
            .or_else(|| opening_name(toks, s).map(|n| (n, PartyKind::Other, input.index)));
        let candidate = match (&state.last_claimant, &state.last_subject) {
            _ if opening.is_some() => opening.as_ref(),
            (Some(c), Some(s)) => Some(if s.2 > c.2 { s } else { c }),
            (c, s) => c.as_ref().or(s.as_ref()),
        };
        match candidate {
            Some((name, kind, sent)) => {
                let rule = format!("{}: pronoun {text:?} → {name}, carried over from sentence {sent}", attr.rule);
                notes.add("claimant", &text, || format!("{name} [{}] ({rule})", kind.as_str()));
                return (name.clone(), *kind, rule);
            }
            None => Some((text.clone(), PartyKind::Other, format!("{}: pronoun with no earlier claimant", attr.rule))),
        }
    } else {
        let words: Vec<&str> = phrase.split(' ').collect();
        let kind = if words.iter().any(|w| *w == "source" || *w == "sources") {
            PartyKind::Anonymous
        } else if words.iter().any(|w| WITNESSES.contains(w)) {
            PartyKind::Witness
        } else if words.iter().any(|w| OFFICIALS.contains(w)) {
            PartyKind::LocalOfficial
        } else {
            PartyKind::Other
        };
        let mut name = text.trim_start_matches("The ").trim_start_matches("the ").trim_start_matches("a ").to_string();
        // "Reports from Russian military bloggers": the source, not the report.
        for prefix in ["Reports from ", "reports from ", "A report by ", "a report by ", "Report by ", "report by "] {
            if let Some(rest) = name.strip_prefix(prefix) {
                name = rest.trim_start_matches("the ").to_string();
            }
        }
        for h in ["Mr ", "Mrs ", "Ms ", "Dr ", "Mr. ", "Mrs. ", "Ms. ", "Dr. "] {
            name = name.trim_start_matches(h).to_string();
        }
        // An acronym the document defined ("the National Emergency Management Agency (NEMA)").
        if let Some((_, full)) = input.acronyms.iter().find(|(a, _)| *a == name) {
            name = full.clone();
        }
        // "Another resident, Husseini Ibrahim": the name, then the role.
        if let Some(appositive) = input.appositive.as_ref() {
            name = format!("{appositive}, {}", name.trim_start_matches("Another ").trim_start_matches("another "));
        }
        Some((name, kind, format!("{}: phrase kept as written", attr.rule)))
    };
    let (name, kind, rule) = resolved.unwrap_or((text.clone(), PartyKind::Other, attr.rule.to_string()));
    notes.add("claimant", &text, || format!("{name} [{}] ({rule})", kind.as_str()));
    state.last_claimant = Some((name.clone(), kind, input.index));
    (name, kind, rule)
}

/// The figure a quantity gives to a trigger in `seg`, with the rule used.
fn associate(
    toks: &[Token<'_>],
    q: &Quantity,
    trig: &[&(usize, usize, Trigger)],
    seg: (usize, usize),
    res: &Resources,
) -> Option<(Category, &'static str)> {
    // "two of the four dead": a subset of a total counted elsewhere.
    if toks.get(q.end).is_some_and(|t| t.low() == "of")
        && toks.get(q.end + 1).is_some_and(|t| t.low() == "the")
        && toks.get(q.end + 2).is_some_and(|t| t.is_number() || res.number_words.contains_key(t.low()))
    {
        return None;
    }
    // "among a few dozen kept in detention": a reference set, not a count of victims.
    if q.start > 0 && matches!(toks[q.start - 1].low(), "among" | "including") {
        return None;
    }
    // A trigger starting at `k` (rightward), or ending at `k` (leftward).
    let ending_at = |k: usize| trig.iter().find(|(s, l, t)| s + l - 1 == k && t.category.is_some()).map(|(_, _, t)| t);
    // Rightward: Q [victims…] [(…)] [aux] TRIGGER
    let mut k = q.end;
    let mut words = 0;
    let mut aux = false;
    while k < seg.1 {
        if let Some((_, l, t)) = trig.iter().find(|(s, _, t)| *s == k && t.category.is_some())
            && (t.form != TriggerForm::Noun || (t.category == Some(Category::Killed) && words <= 1))
        {
            // "two of the children killed were …": a reduced relative describing a subset.
            let relative = !aux
                && words > 0
                && t.form == TriggerForm::Verb
                && toks.get(k + l).is_some_and(|n| matches!(n.low(), "were" | "was" | "are" | "is"));
            if relative {
                return None;
            }
            // "a soldier appeared to have killed 20": an article only counts a passive's subject.
            if q.rule == "article"
                && !(k > 0 && matches!(toks[k - 1].low(), "was" | "were" | "been"))
                && t.form != TriggerForm::Death
            {
                return None;
            }
            return Some((t.category?, "Q [victims] [were] TRIGGER"));
        }
        let t = &toks[k];
        if t.text == "(" {
            while k < seg.1 && toks[k].text != ")" {
                k += 1;
            }
        } else if PARTICIPLES.contains(&t.low()) {
            // "two witnesses claiming around 80 were killed": the witnesses report, they are not the toll.
            return None;
        } else if t.lower == "among" {
            // "two women were among the wounded": a subset, not the toll.
            return None;
        } else if matches!(t.text, "\"" | "“" | "”" | "'" | "’" | ")") {
        } else if AUX.contains(&t.low()) {
            aux = true;
        } else if t.lower == "and"
            && toks.get(k + 1).is_some_and(|n| {
                n.is_number() || res.number_words.contains_key(n.low()) || matches!(n.low(), "a" | "an")
            })
        {
            // "three women and six children were killed": go on through the coordinated number.
        } else if (t.is_number() || res.number_words.contains_key(t.low()) || matches!(t.low(), "a" | "an"))
            && k > q.end
            && toks[k - 1].lower == "and"
        {
            // The coordinated noun phrase gets its own word budget.
            words = 0;
        } else if t.lower == "and" && toks.get(k + 1).is_some_and(|n| res.victims.contains_key(n.low())) {
            // "women and children": one noun phrase.
        } else if t.is_word() && !t.is_number() && words < 8 && k < q.end + 16 && t.lower != "and" {
            // Proper nouns ("villagers of Tudun Biri in Rigasa District") do not count.
            if !t.is_capitalised() && !matches!(t.low(), "of" | "in") {
                words += 1;
            }
        } else {
            break;
        }
        k += 1;
    }
    // Leftward: TRIGGER Q, "the deaths of Q", or "death toll … to Q"; "killed a total of 12",
    // "kidnapped a final group of 16 women" count through the group noun.
    let mut k = q.start;
    while k > seg.0 && matches!(toks[k - 1].text, "\"" | "“" | "”" | "'") {
        k -= 1;
    }
    if k >= seg.0 + 2
        && toks[k - 1].low() == "of"
        && matches!(toks[k - 2].low(), "total" | "group" | "groups" | "number")
    {
        let mut j = k - 2;
        while j > seg.0
            && matches!(
                toks[j - 1].low(),
                "a" | "an" | "the" | "final" | "further" | "another" | "first" | "second" | "third" | "new"
            )
        {
            j -= 1;
        }
        if j > seg.0
            && let Some(t) = ending_at(j - 1)
            && t.form == TriggerForm::Verb
        {
            return Some((t.category?, "TRIGGER a total/group of Q"));
        }
    }
    if k > seg.0 {
        if let Some(t) = ending_at(k - 1)
            && t.form == TriggerForm::Verb
        {
            return Some((t.category?, "TRIGGER Q [victims]"));
        }
        // "executed summarily 300 civilians" (French word order), "killed reportedly 12": one
        // adverb between the verb and its count.
        let adverb = |t: &Token<'_>| t.is_word() && (t.lower.ends_with("ly") || t.text.ends_with("ment"));
        if k > seg.0 + 1
            && adverb(&toks[k - 1])
            && let Some(t) = ending_at(k - 2)
            && t.form == TriggerForm::Verb
        {
            return Some((t.category?, "TRIGGER ADVERB Q [victims]"));
        }
        if k > seg.0 + 1
            && toks[k - 1].lower == "of"
            && let Some(t) = ending_at(k - 2)
            && (t.form != TriggerForm::Verb || toks[k - 2].lower.ends_with("ing"))
        {
            return Some((t.category?, "TRIGGER-noun of Q"));
        }
        if matches!(toks[k - 1].low(), "to" | "at" | "of" | "was" | "is" | "reached" | "hit") {
            let lo = k.saturating_sub(12).max(seg.0);
            if toks[lo..k].iter().any(|t| t.lower == "toll") {
                return Some((Category::Killed, "toll … to/at/of Q"));
            }
        }
    }
    None
}

const PARTICIPLES: &[&str] =
    &["estimating", "claiming", "saying", "putting", "reporting", "citing", "counting", "giving"];

/// "with a religious leader estimating 50 deaths and two witnesses claiming around 80": the party
/// named before a reporting participle right before the figure.
fn participle_claimant(
    input: &SentenceInput<'_, '_>,
    q_start: usize,
    seg: (usize, usize),
) -> Option<(String, PartyKind)> {
    let toks = input.toks;
    let p = (q_start.saturating_sub(3).max(seg.0)..q_start).find(|&k| PARTICIPLES.contains(&toks[k].low()))?;
    let mut b = p;
    while b > seg.0 && !matches!(toks[b - 1].low(), "with" | "," | "and" | "while" | ";") {
        b -= 1;
    }
    if b == p || p - b > 6 {
        return None;
    }
    if let Some(a) = input.actors.iter().find(|a| a.start >= b && a.end <= p) {
        return Some((a.name.clone(), a.kind));
    }
    let words: Vec<&str> = toks[b..p].iter().map(|t| t.text).collect();
    let name = words.join(" ");
    let name = name.trim_start_matches("a ").trim_start_matches("the ").trim_start_matches("an ").to_string();
    let kind = if toks[b..p].iter().any(|t| matches!(t.low(), "witnesses" | "witness" | "residents" | "survivors")) {
        PartyKind::Witness
    } else {
        PartyKind::Other
    };
    Some((name, kind))
}

/// The speaker of a "while X said …" clause, for a figure after its verb: (name, kind).
fn clause_speaker(
    input: &SentenceInput<'_, '_>,
    q_start: usize,
    seg: (usize, usize),
    res: &Resources,
) -> Option<(String, PartyKind)> {
    let a = crate::attribution::clause_speaker(input.toks, seg, res)?;
    if a.verb? >= q_start {
        return None;
    }
    let (s, e) = a.claimant;
    if let Some(actor) = input.actors.iter().find(|x| x.start >= s && x.end <= e) {
        return Some((actor.name.clone(), actor.kind));
    }
    let from = input.toks[s].span.start - input.span.start;
    let to = input.toks[e - 1].span.end - input.span.start;
    let name = input.quote.get(from..to)?.trim_start_matches("the ").trim_start_matches("The ").to_string();
    (!PRONOUNS.contains(&name.to_lowercase().as_str())).then_some((name, PartyKind::Other))
}

/// The victim group named right after a quantity.
fn victims_after(toks: &[Token<'_>], q_end: usize, seg_end: usize, res: &Resources) -> Option<VictimGroup> {
    let mut k = q_end;
    let mut words = 0;
    while k < seg_end && words < 4 {
        let t = &toks[k];
        // "5 GATIA members", "ten Wagner fighters": a named force makes them combatants.
        if let Some((_, a)) = res.actors.longest_at(toks, k) {
            match a.kind {
                PartyKind::ArmedGroup => return Some(VictimGroup::Attackers),
                PartyKind::Military => return Some(VictimGroup::Soldiers),
                _ => {}
            }
        }
        if let Some(g) = res.victims.get(t.low()) {
            return Some(*g);
        }
        if t.is_word() {
            words += 1;
        }
        k += 1;
    }
    None
}

fn event_of(e: TriggerEvent) -> Option<EventType> {
    match e {
        TriggerEvent::Explosion => Some(EventType::ExplosionRemoteViolence),
        TriggerEvent::Vac => Some(EventType::ViolenceAgainstCivilians),
        TriggerEvent::Battle => Some(EventType::Battle),
        TriggerEvent::Protest => Some(EventType::Protest),
        TriggerEvent::Riot => Some(EventType::Riot),
        TriggerEvent::Strategic => Some(EventType::StrategicDevelopment),
        TriggerEvent::Kill | TriggerEvent::Attack => Some(EventType::ViolenceAgainstCivilians),
        TriggerEvent::Operation | TriggerEvent::None => None,
    }
}

/// Make the claims of one sentence.
pub fn sentence(input: &SentenceInput<'_, '_>, res: &Resources, state: &mut DocState, notes: &mut Notes) -> Vec<Claim> {
    let toks = input.toks;
    let n = toks.len();
    let clause = input.attribution.map_or((0, 0), |a| a.clause);
    let in_clause = |k: usize| (clause.0..clause.1).contains(&k);

    // "no civilians were killed", "nobody was killed": a negated casualty.
    let negated_casualty =
        input.triggers.iter().filter(|(s, _, t)| !in_clause(*s) && t.category.is_some()).find_map(|(s, _, t)| {
            let lo = s.saturating_sub(4);
            let no = (lo..*s).find(|&k| matches!(toks[k].low(), "no" | "nobody" | "none"))?;
            let group = (no + 1..*s).find_map(|k| res.victims.get(toks[k].low()).copied());
            Some((t.category?, group, surface(toks, no, s + 1)))
        });
    // "hadn't launched any rocket or artillery strikes": a claimant negating a violent act.
    let negated_violence = input
        .triggers
        .iter()
        .filter(|(s, _, t)| {
            !in_clause(*s)
                && matches!(
                    t.event,
                    TriggerEvent::Explosion | TriggerEvent::Attack | TriggerEvent::Battle | TriggerEvent::Vac
                )
        })
        .find_map(|(s, l, _)| {
            let lo = s.saturating_sub(4);
            let neg = (lo..*s).find(|&k| NEGATIONS.contains(&toks[k].low()) || toks[k].lower.ends_with("n't"))?;
            // "has not denied that the attack": the negation governs another verb.
            if (neg + 1..*s).any(|k| res.speech.contains_key(toks[k].low())) {
                return None;
            }
            Some(surface(toks, neg, s + l))
        });
    // Triggers outside the attribution clause, not negated.
    let triggers: Vec<&(usize, usize, Trigger)> = input
        .triggers
        .iter()
        .filter(|(s, _, _)| !in_clause(*s))
        .filter(|(s, _, t)| {
            // "we will detain them", "instructions to detain", "would be arrested": not events.
            // Not the month: "On 3 May, gunmen killed".
            let modal = toks[s.saturating_sub(3)..*s].iter().filter(|p| !crate::dates::is_month(p)).any(|p| {
                matches!(
                    p.low(),
                    "will"
                        | "would"
                        | "might"
                        | "could"
                        | "may"
                        | "should"
                        | "shall"
                        | "'ll"
                        | "threatened"
                        | "threatening"
                )
            }) || (*s > 0
                && toks[*s - 1].low() == "to"
                && t.form == TriggerForm::Verb
                // "admitted to losing seven fighters": a gerund after "to" is a fact.
                && !toks[*s].low().ends_with("ing"));
            if modal {
                notes.add("skipped", &t.phrase, || "hypothetical or planned (modal or \"to\" before it)".into());
                return false;
            }
            let neg =
                toks[s.saturating_sub(3)..*s].iter().any(|p| NEGATIONS.contains(&p.low()) || p.lower.ends_with("n't"));
            if neg {
                notes.add("skipped", &t.phrase, || "negated trigger".into());
            }
            !neg
        })
        .collect();
    let cue_outside_clause =
        input.attribution.is_some() && (0..n).any(|k| !in_clause(k) && res.denial_cues.longest_at(toks, k).is_some());
    let has_content = !triggers.is_empty()
        || input.attribution.is_some_and(|a| a.kind == SpeechKind::Deny)
        || cue_outside_clause
        || negated_casualty.is_some()
        || negated_violence.is_some();
    // "Nineteen of them were civilians": the make-up of the last toll, a claim of its own.
    let composition = if triggers.is_empty() {
        input.quantities.iter().filter(|q| !in_clause(q.start) && !q.vague).find_map(|q| {
            let of_them = toks.get(q.end).is_some_and(|t| t.low() == "of")
                && toks.get(q.end + 1).is_some_and(|t| matches!(t.low(), "them" | "those" | "whom"))
                && toks.get(q.end + 2).is_some_and(|t| matches!(t.low(), "were" | "was" | "are"));
            let group = toks.get(q.end + 3).and_then(|t| res.victims.get(t.low())).copied();
            (of_them && group.is_some()).then_some((q, group))
        })
    } else {
        None
    };

    let composition = composition.zip(state.last_figure.clone());
    if !has_content && composition.is_none() {
        return Vec::new();
    }

    // Segments of the content.
    let mut segs: Vec<(usize, usize)> = Vec::new();
    let mut start = 0;
    // A dash between spaces ("Mali -- a former colony") also breaks; "--" is two "-" tokens.
    // …but not in a range of numbers ("between 21 - 23 October").
    let spaced_dash = |k: usize| {
        toks[k].text == "-"
            && k > 0
            && toks[k - 1].span.end < toks[k].span.start
            && !(toks[k - 1].is_number() && toks.get(k + 1).is_some_and(|t| t.is_number()))
    };
    for (k, t) in toks.iter().enumerate() {
        if k > start && (BREAKS.contains(&t.low()) || spaced_dash(k)) && !in_clause(k) {
            segs.push((start, k));
            start = k;
        }
    }
    segs.push((start, n));

    // Dates by role.
    let statement: Option<DateRange> = input.dates.iter().filter(|d| in_clause(d.start)).find_map(|d| d.range);
    let is_anchor_seg = |seg: &(usize, usize)| {
        ANCHOR_STARTS.contains(&toks[seg.0].low())
            && triggers.iter().any(|(s, _, t)| {
                (seg.0..seg.1).contains(s)
                    && t.form == TriggerForm::Noun
                    && *s > 0
                    && matches!(toks[*s - 1].low(), "the" | "this" | "that")
            })
    };
    // "since 2015" is context; "as of Monday" dates a count ("93 bodies were buried as of
    // Monday"), and "an operation beginning on July 19" the start of a period, not the event.
    // A sentence that tells only of burials ("we buried the victims today", "93 bodies were
    // buried as of Monday") dates the aftermath, not the event.
    let aftermath = !triggers.is_empty()
        && triggers.iter().all(|(s, _, _)| {
            matches!(toks[*s].low(), "buried" | "burial" | "burials" | "bury" | "funeral" | "funerals" | "exhumed")
        });
    let counting =
        |d: &DateMention| aftermath || matches!(d.preposition.as_deref(), Some("since" | "as of" | "beginning"));
    let event_date = |d: &&DateMention| !in_clause(d.start) && !counting(d);
    let anchor_date: Option<NaiveDate> = segs
        .iter()
        .filter(|s| is_anchor_seg(s))
        .flat_map(|s| input.dates.iter().filter(move |d| (s.0..s.1).contains(&d.start)))
        .find_map(|d| d.range.map(|r| r.start));
    let sentence_date: Option<(DateRange, String)> = input
        .dates
        .iter()
        .filter(event_date)
        .filter(|d| !segs.iter().any(|s| is_anchor_seg(s) && (s.0..s.1).contains(&d.start)))
        .find_map(|d| d.range.map(|r| (r, format!("date {:?} ({})", surface(toks, d.start, d.end), d.rule))));
    for d in input.dates.iter().filter(|d| !in_clause(d.start) && !counting(d)) {
        if let Some(r) = d.range.filter(|r| r.start == r.end) {
            state.event_anchor = Some(r.start);
        }
    }
    for d in input.dates {
        let role = if in_clause(d.start) {
            "statement date"
        } else if d.preposition.as_deref() == Some("since") {
            "context (since)"
        } else if d.preposition.as_deref() == Some("as of") {
            "date of the count (as of)"
        } else if d.preposition.as_deref() == Some("beginning") {
            "start of a period (beginning on)"
        } else if aftermath {
            "date of the burials, not of the event"
        } else if anchor_date.is_some() && segs.iter().any(|s| is_anchor_seg(s) && (s.0..s.1).contains(&d.start)) {
            "anchor of \"after/before the …\""
        } else {
            "event date"
        };
        let v = d.range.map_or("unresolved".to_string(), |r| r.to_string());
        notes.add("date", &surface(toks, d.start, d.end), || format!("{v} ({}; {role})", d.rule));
    }

    let (claimant, claimant_kind, claimant_rule) = claimant(input, state, notes);
    // A country is the event's place only after a locative ("in Mali", "central Mali"), not as
    // an actor or an addressee ("calls for France to leave", "France rejected").
    let where_it_happened = |p: &PlaceMention| {
        p.place.level != PlaceLevel::Country
            || p.region.is_some()
            || p.start.checked_sub(1).is_some_and(|k| {
                matches!(
                    toks[k].low(),
                    "in" | "across" | "throughout" | "inside" | "into" | "within" | "of" | "near" | "at"
                )
            })
    };
    let content_place = |seg: Option<(usize, usize)>| -> Option<Place> {
        let pick = |f: &dyn Fn(&PlaceMention) -> bool| {
            input
                .places
                .iter()
                .filter(|p| !in_clause(p.start) && p.aside.is_none() && where_it_happened(p) && f(p))
                .max_by(|a, b| rank(a.place.level).cmp(&rank(b.place.level)).then(b.start.cmp(&a.start)))
                .map(|p| p.place.clone())
        };
        let in_content =
            seg.and_then(|s| pick(&|p: &PlaceMention| (s.0..s.1).contains(&p.start))).or_else(|| pick(&|_| true));
        // "Residents of Sanakoro said …": a place inside the claimant phrase, as a last resort.
        in_content.or_else(|| {
            let (cs, ce) = input.attribution.map_or((0, 0), |a| a.claimant);
            input.places.iter().find(|p| p.start >= cs && p.end <= ce).map(|p| p.place.clone())
        })
    };
    let country_of =
        |place: &Option<Place>| place.as_ref().and_then(|p| p.country.clone()).or(input.country.map(str::to_string));
    let mut claims = Vec::new();
    // (category, byte offset) of each "first group of N" in the sentence.
    let mut first_groups: Vec<(Category, usize)> = Vec::new();
    let mut next_id = 0;
    let mut make = |claims: &mut Vec<Claim>, c: Claim| {
        let mut c = c;
        c.id = format!("{}-s{}-{}", &input.document[..input.document.len().min(12)], input.index, next_id);
        next_id += 1;
        claims.push(c);
    };
    let base = |rules: Vec<String>| Claim {
        id: String::new(),
        document: input.document.to_string(),
        sentence: input.index,
        claimant: claimant.clone(),
        claimant_kind,
        stance: Stance::Asserts,
        event_type: None,
        type_from_victims: false,
        sub_event_type: None,
        trigger: String::new(),
        figures: Figures::new(),
        victims: None,
        perpetrators: Vec::new(),
        date: None,
        date_inferred: false,
        statement_date: statement,
        reported: input.reported,
        place: None,
        country: None,
        denial_scope: None,
        quote: input.quote.to_string(),
        span: input.span,
        rules,
    };

    if let Some(((q, group), (cat, event_type, sub))) = composition {
        let f =
            Figure { min: q.min, max: q.max, qualifier: q.qualifier.clone(), vague: false, part: false, span: q.span };
        notes.add("figure", &surface(toks, q.start, q.end), || {
            format!("{} {f} (Q of them were VICTIMS: the make-up of the last toll)", cat.as_str())
        });
        let mut c =
            base(vec![claimant_rule, "figure: Q of them were VICTIMS, the make-up of the previous toll".into()]);
        c.event_type = event_type;
        c.type_from_victims = true;
        c.sub_event_type = sub;
        c.figures.insert(cat, f);
        c.victims = group;
        c.country = input.country.map(str::to_string);
        make(&mut claims, c);
        return claims;
    }

    // Denials.
    let content: Vec<Token<'_>> =
        toks.iter().enumerate().filter(|(k, _)| !in_clause(*k)).map(|(_, t)| t.clone()).collect();
    // What a rejection verb rejects: a clause ("denied that …", "denied killing …"), an
    // allegation, a responsibility, the act or its toll, or a pronoun standing for them; not
    // another thing ("rejected a mistaken identity theory", "rejected calls to resign").
    let rejects_allegation = |v: usize| {
        let object: Vec<&Token<'_>> = toks[v + 1..].iter().take_while(|t| t.is_word()).take(6).collect();
        object.first().is_none_or(|t| t.low() == "that" || t.lower.ends_with("ing"))
            || object
                .iter()
                .any(|t| ALLEGATIONS.contains(&t.low()) || DENIED_OBJECTS.contains(&t.low()) || res.is_trigger(t))
    };
    // "has not denied" is no denial.
    let deny_verb = input.attribution.is_some_and(|a| {
        a.kind == SpeechKind::Deny
            && a.verb.is_none_or(|v| {
                !toks[v.saturating_sub(3)..v].iter().any(|p| NEGATIONS.contains(&p.low()) || p.lower.ends_with("n't"))
                    && rejects_allegation(v)
            })
    });
    // A self-denial ("non-involvement") always counts; an evaluative word ("biased",
    // "propaganda") only about an allegation ("the allegations are biased") or in quotes.
    let about_allegation = content.iter().any(|t| ALLEGATIONS.contains(&t.low()));
    let is_quote = |t: &Token<'_>| matches!(t.text, "\"" | "“" | "”" | "«" | "»");
    // Inside quotation marks: an odd number of quote marks before it.
    let quoted = |i: usize| content[..i].iter().filter(|t| is_quote(t)).count() % 2 == 1;
    let cue = if input.attribution.is_some() {
        (0..content.len()).find_map(|i| {
            let (n, strong) = res.denial_cues.longest_at(&content, i)?;
            (*strong || about_allegation || quoted(i)).then_some((i, n))
        })
    } else {
        None
    };
    // "no civilians were killed" from a party denies; "there were no casualties" reports zero.
    let negation = negated_casualty.as_ref().filter(|(_, g, _)| input.attribution.is_some() && g.is_some());
    let negated_act = negated_violence.as_ref().filter(|_| input.attribution.is_some());
    if deny_verb || cue.is_some() || negation.is_some() || negated_act.is_some() {
        let why = if let Some((_, _, words)) = negation.filter(|_| !deny_verb && cue.is_none()) {
            format!("negated casualty {words:?}: the claimant's own figure is zero")
        } else if let Some(words) = negated_act.filter(|_| !deny_verb && cue.is_none()) {
            format!("negated act {words:?}")
        } else if deny_verb {
            let v = input.attribution.and_then(|a| a.verb).map_or("", |v| toks[v].text);
            format!("rejection verb {v:?} (speech_verbs.tsv)")
        } else {
            let (s, l) = cue.unwrap_or((0, 0));
            format!(
                "denial cue {:?} (denial_cues.tsv)",
                content[s..s + l].iter().map(|t| t.text).collect::<Vec<_>>().join(" ")
            )
        };
        // A negated casualty denies deaths in whatever event: no type restriction.
        let mut types: Vec<EventType> = if negation.is_some() || negated_act.is_some() {
            Vec::new()
        } else {
            triggers.iter().filter_map(|(_, _, t)| event_of(t.event)).collect()
        };
        types.sort();
        types.dedup();
        let window = sentence_date.as_ref().map(|d| d.0);
        let mut scope = DenialScope { event_types: types, window };
        let mut scope_rule = "scope from the sentence".to_string();
        if scope.event_types.is_empty() && scope.window.is_none() {
            if let Some((prev, sent)) = &state.last_denial_scope {
                scope = prev.clone();
                scope_rule = format!("scope carried over from the denial in sentence {sent}");
            } else {
                scope_rule = "no scope: rejects the allegations in the document".into();
            }
        }
        state.last_denial_scope = Some((scope.clone(), input.index));
        notes.add("stance", &claimant, || format!("denies: {why}; {scope_rule}"));
        let mut c = base(vec![claimant_rule.clone(), format!("stance denies: {why}"), scope_rule]);
        c.stance = Stance::Denies;
        if let Some((cat, group, words)) = negation {
            let f = Figure::exactly(0, input.span);
            c.rules.push(format!("figure {} 0: {words:?}", cat.as_str()));
            c.figures.insert(*cat, f);
            c.victims = *group;
        }
        c.denial_scope = Some(scope);
        c.country = input.country.map(str::to_string);
        make(&mut claims, c);
        return claims;
    }

    for seg in &segs {
        let seg = *seg;
        let trig: Vec<&(usize, usize, Trigger)> =
            triggers.iter().copied().filter(|(s, _, _)| (seg.0..seg.1).contains(s)).collect();
        if trig.is_empty() {
            continue;
        }
        let seg_text = surface(toks, seg.0, seg.1);
        if is_anchor_seg(&seg) {
            notes.add("skipped", &seg_text, || {
                "\"after/before the …\": refers back to an event, gives a date anchor".into()
            });
            continue;
        }
        let seg_toks = &toks[seg.0..seg.1];
        let since =
            input.dates.iter().any(|d| (seg.0..seg.1).contains(&d.start) && d.preposition.as_deref() == Some("since"));
        let has_quantity = input.quantities.iter().any(|q| (seg.0..seg.1).contains(&q.start) && !in_clause(q.start));
        // "has claimed 300 lives" is a running total; "has claimed responsibility" is not.
        let claims_credit =
            |s: usize, l: usize| seg_toks.get(s + l).is_some_and(|t| matches!(t.low(), "responsibility" | "credit"));
        let cue = (0..seg_toks.len()).find_map(|i| {
            res.context_cues.longest_at(seg_toks, i).map(|(n, _)| (i, n)).filter(|&(s, l)| !claims_credit(s, l))
        });
        if let Some((s, l)) = cue.filter(|_| has_quantity) {
            let cue = seg_toks[s..s + l].iter().map(|t| t.text).collect::<Vec<_>>().join(" ");
            notes.add("skipped", &seg_text, || format!("context total, not an incident (context_cues.tsv: {cue:?})"));
            continue;
        }
        // "killed in a road accident", "drowned in the floods": not organised violence. A
        // protest or a riot about a disease or a disaster is still one.
        let violent_act = trig.iter().any(|(_, _, t)| {
            matches!(
                t.event,
                TriggerEvent::Explosion
                    | TriggerEvent::Attack
                    | TriggerEvent::Battle
                    | TriggerEvent::Vac
                    | TriggerEvent::Protest
                    | TriggerEvent::Riot
            )
        });
        if !violent_act && let Some((s, l)) = res.non_violent.any_in(seg_toks) {
            let cause = seg_toks[s..s + l].iter().map(|t| t.text).collect::<Vec<_>>().join(" ");
            notes.add("skipped", &seg_text, || format!("non-violent cause {cause:?} (non_violent_causes.tsv)"));
            continue;
        }
        // "from June 1 to July 31": a figure over a period longer than a month is a running total.
        let long_period = input
            .dates
            .iter()
            .filter(|d| (seg.0..seg.1).contains(&d.start) && !in_clause(d.start))
            .filter_map(|d| d.range)
            .any(|r| r.days() > 31 && r.days() < 360);
        let from_to = {
            let ds: Vec<_> =
                input.dates.iter().filter(|d| (seg.0..seg.1).contains(&d.start) && !in_clause(d.start)).collect();
            ds.windows(2).any(|w| match (w[0].range, w[1].range) {
                (Some(a), Some(b)) => w[0].preposition.as_deref() == Some("from") && (b.end - a.start).num_days() > 31,
                _ => false,
            })
        };
        if has_quantity && (long_period || from_to) {
            notes.add("skipped", &seg_text, || {
                "context total, not an incident (figures over a period of months)".into()
            });
            continue;
        }
        if since && has_quantity {
            notes.add("skipped", &seg_text, || "context total, not an incident (\"since\" + year)".into());
            continue;
        }
        let rules = vec![claimant_rule.clone()];
        for (s, l, t) in &trig {
            let ev = match t.event {
                TriggerEvent::Explosion => "explosion",
                TriggerEvent::Vac => "violence against civilians",
                TriggerEvent::Kill => "killing",
                TriggerEvent::Battle => "battle",
                TriggerEvent::Attack => "attack",
                TriggerEvent::Protest => "protest",
                TriggerEvent::Riot => "riot",
                TriggerEvent::Strategic => "strategic development",
                TriggerEvent::Operation => "operation",
                TriggerEvent::None => "no event of its own",
            };
            let cat = t.category.map_or("-", |c| c.as_str());
            notes.add("trigger", &surface(toks, *s, s + l), || {
                format!("triggers.tsv {:?}: {ev}, counts {cat}", t.phrase)
            });
        }
        // Figures, in sets: a second figure of a category already counted starts a new claim
        // ("killed 84 Wagner fighters and 47 Malian soldiers" is two claims).
        type FigureSet = (Figures, Vec<(Category, Option<VictimGroup>)>, Vec<String>);
        let mut sets: Vec<FigureSet> = vec![(Figures::new(), Vec::new(), Vec::new())];
        // Per set: a claimant named by a participle ("with a religious leader estimating 50 deaths").
        let mut set_claimants: Vec<Option<(String, PartyKind)>> = vec![None];
        let mut prev: Option<(usize, Category)> = None;
        let mut open_lower: Option<(String, Category)> = None;
        // Parenthesised numbers are asides ("(including a woman and a child)").
        let in_parens = |k: usize| {
            let opens = toks[..k].iter().filter(|t| t.text == "(").count();
            let closes = toks[..k].iter().filter(|t| t.text == ")").count();
            opens > closes
        };
        for q in input
            .quantities
            .iter()
            .filter(|q| (seg.0..seg.1).contains(&q.start) && !in_clause(q.start) && !in_parens(q.start))
        {
            let qtext = surface(toks, q.start, q.end);
            // "the deaths of 50 mercenaries and 10 soldiers": a coordinated number counts the same.
            let reporter = (q.end..(q.end + 3).min(n)).any(|k| PARTICIPLES.contains(&toks[k].low()));
            // "…, as well as three suspected jihadists": coordination over a longer phrase.
            let as_well_as = q.start >= 3
                && toks[q.start - 3].low() == "as"
                && toks[q.start - 2].low() == "well"
                && toks[q.start - 1].low() == "as";
            let coordinated = prev.filter(|_| !reporter).and_then(|(end, cat)| {
                let joined = q.start > end
                    && (q.start - end <= 6 || (as_well_as && q.start - end <= 16))
                    && (matches!(toks[q.start - 1].low(), "and" | ",") || as_well_as)
                    && toks[end..q.start].iter().all(|t| t.is_word() || t.text == "," || t.text == "\"");
                joined.then_some((cat, "coordinated with the previous figure"))
            });
            let participle =
                participle_claimant(input, q.start, seg).or_else(|| clause_speaker(input, q.start, seg, res));
            match associate(toks, q, &trig, seg, res).or(coordinated) {
                Some((cat, rule)) => {
                    if let Some(who) = participle.clone()
                        && set_claimants.last().is_some_and(|c| c.as_ref() != Some(&who))
                    {
                        if sets.last().is_some_and(|s| !s.0.is_empty()) {
                            sets.push((Figures::new(), Vec::new(), Vec::new()));
                            set_claimants.push(None);
                        }
                        if let Some(last) = set_claimants.last_mut() {
                            *last = Some(who);
                        }
                    }
                    let group = victims_after(toks, q.end, seg.1, res);
                    // Same category and same victim group right after another figure: one sum
                    // ("three women and six children" = 9); another group: another claim.
                    let last = sets.last_mut().expect("one set at least");
                    // Only non-combatants add up: forces on two sides are two claims.
                    let same_group = last.1.iter().any(|(c, g)| {
                        *c == cat
                            && *g == group
                            && matches!(g, Some(VictimGroup::Civilians | VictimGroup::Detainees | VictimGroup::Unknown))
                    });
                    let adjacent = prev.is_some_and(|(end, _)| q.start > end && q.start - end <= 4);
                    if same_group
                        && adjacent
                        && !q.vague
                        && let Some(f) = last.0.get_mut(&cat)
                    {
                        f.min = f.min.zip(q.min).map(|(a, b)| a + b);
                        f.max = f.max.zip(q.max).map(|(a, b)| a + b);
                        f.span = Span::new(f.span.start, q.span.end);
                        let msg = format!("{} summed with the previous figure: {f}", cat.as_str());
                        last.2.push(format!(
                            "figure {} {f}: sum of coordinated figures of one victim group",
                            cat.as_str()
                        ));
                        notes.add("figure", &qtext, || msg);
                        prev = Some((q.end, cat));
                        continue;
                    }
                    if last.0.contains_key(&cat) {
                        sets.push((Figures::new(), Vec::new(), Vec::new()));
                        set_claimants.push(None);
                    }
                    let mut f = Figure {
                        min: q.min,
                        max: q.max,
                        qualifier: q.qualifier.clone(),
                        vague: q.vague,
                        part: part_count(toks, q.start, q.end),
                        span: q.span,
                    };
                    if first_group(toks, q.start) {
                        first_groups.push((cat, q.span.start));
                    }
                    // "85 bodies have so far been buried", "my family alone has lost 34": a toll
                    // still counting, or one part of it, is a lower bound.
                    let still_counting = seg_toks.windows(2).any(|w| w[0].low() == "so" && w[1].low() == "far")
                        || seg_toks.iter().any(|t| t.low() == "alone");
                    if still_counting && q.qualifier.is_none() && !q.vague && f.min.is_some() {
                        f.max = None;
                        f.qualifier = Some("so far".into());
                    }
                    // "at least 84 Wagner fighters and 47 Malian soldiers": the bound carries over.
                    if q.qualifier.is_none()
                        && q.start > 0
                        && toks[q.start - 1].low() == "and"
                        && let Some((open, open_cat)) = open_lower.clone()
                        && open_cat == cat
                    {
                        f.max = None;
                        f.qualifier = Some(open);
                    }
                    open_lower = f
                        .qualifier
                        .clone()
                        .filter(|_| f.max.is_none() && f.min.is_some() && !f.vague)
                        .map(|q| (q, cat));
                    notes.add("figure", &qtext, || format!("{} {f} ({rule}; {})", cat.as_str(), q.rule));
                    let set = sets.last_mut().expect("one set at least");
                    set.2.push(format!("figure {} {f}: {rule}", cat.as_str()));
                    set.0.insert(cat, f);
                    set.1.push((cat, group));
                    prev = Some((q.end, cat));
                }
                None => notes.add("skipped", &qtext, || "number not tied to a casualty trigger".into()),
            }
        }
        // "a Russian advisor … had been killed": one.
        if let Some((ts, _, t)) = trig.iter().find(|(_, _, t)| t.category.is_some() && t.form == TriggerForm::Verb) {
            let cat = t.category.unwrap_or(Category::Killed);
            let passive = *ts > 0 && matches!(toks[*ts - 1].low(), "been" | "was");
            if passive && sets.len() == 1 && !sets[0].0.contains_key(&cat) {
                let art = (seg.0..*ts).find(|&k| matches!(toks[k].low(), "a" | "an"));
                if let Some(a) = art
                    && let Some(g) = (a + 1..(a + 5).min(*ts)).find_map(|k| res.victims.get(toks[k].low()))
                {
                    let f = Figure::exactly(1, toks[a].span);
                    notes.add("figure", &surface(toks, a, a + 1), || {
                        format!("{} 1 (a|an VICTIM … was TRIGGER)", cat.as_str())
                    });
                    sets[0].2.push(format!("figure {} 1: a|an VICTIM … had been TRIGGER", cat.as_str()));
                    sets[0].0.insert(cat, f);
                    sets[0].1.push((cat, Some(*g)));
                }
            }
        }
        // "Mohammad Amin Malik was shot dead", "Mullah Ahmad … died": a named person counts one.
        if sets.len() == 1
            && !sets[0].0.contains_key(&Category::Killed)
            && let Some((ts, _, _)) = trig.iter().find(|(s, _, t)| {
                t.category == Some(Category::Killed)
                    && (t.form == TriggerForm::Death || (*s > 0 && matches!(toks[*s - 1].low(), "was" | "been")))
            })
        {
            let mut k = *ts;
            while k > seg.0
                && matches!(toks[k - 1].low(), "was" | "were" | "had" | "has" | "been" | "later" | "reportedly")
            {
                k -= 1;
            }
            let mut b = k;
            while b > seg.0 && toks[b - 1].is_capitalised() && toks[b - 1].is_word() {
                b -= 1;
            }
            let named = k >= b + 2
                && b > seg.0
                && !input.actors.iter().any(|a| a.start < k && a.end > b)
                && !input.places.iter().any(|p| p.start < k && p.end > b)
                && res.institutions.longest_at(toks, b).is_none();
            if named {
                let f = Figure::exactly(1, Span::new(toks[b].span.start, toks[k - 1].span.end));
                notes.add("figure", &surface(toks, b, k), || "killed 1 (named person, NAME was TRIGGER)".into());
                sets[0].2.push("figure killed 1: a named person".into());
                sets[0].0.insert(Category::Killed, f);
                sets[0].1.push((Category::Killed, Some(VictimGroup::Unknown)));
            }
        }
        // "40 women were abducted on Thursday and about 20 others on Friday": as many event
        // dates as figure sets in the segment, in order, date each set by its own.
        let seg_dates: Vec<DateRange> = input
            .dates
            .iter()
            .filter(event_date)
            .filter(|d| (seg.0..seg.1).contains(&d.start))
            .filter_map(|d| d.range)
            .fold(Vec::new(), |mut v, r| {
                if !v.contains(&r) {
                    v.push(r);
                }
                v
            });
        // "about fifty women were abducted in two waves, Thursday and Friday": one figure over
        // several days within a week is dated by their span.
        let days = |r: &DateRange| r.start == r.end;
        let span = (seg_dates.len() >= 2 && seg_dates.iter().all(days))
            .then(|| {
                let lo = seg_dates.iter().map(|r| r.start).min()?;
                let hi = seg_dates.iter().map(|r| r.end).max()?;
                ((hi - lo).num_days() <= 7).then(|| DateRange::new(lo, hi))
            })
            .flatten();
        // Each set's own date, with the rule that gave it.
        let set_dates: Vec<Option<(DateRange, &str)>> = if sets.len() >= 2 && seg_dates.len() == sets.len() {
            seg_dates
                .into_iter()
                .map(|r| Some((r, "the clause's dates, one for each of its figures, in order")))
                .collect()
        } else if sets.len() == 1 {
            vec![span.map(|r| (r, "the span of the clause's dates"))]
        } else {
            vec![None; sets.len()]
        };
        for (((figures, groups, set_rules), own_claimant), set_date) in
            sets.into_iter().zip(set_claimants).zip(set_dates)
        {
            let mut rules = rules.clone();
            rules.extend(set_rules);
            let detention = seg_toks.iter().chain(toks[..seg.0].iter()).any(|t| DETENTION.contains(&t.low()));
            let group_of = |cat: Category| groups.iter().find(|(c, _)| *c == cat).map(|(_, g)| *g);
            let victims = group_of(Category::Killed)
                .or_else(|| group_of(Category::Injured))
                .or_else(|| group_of(Category::Abducted))
                .map(|g| match g {
                    None if detention => VictimGroup::Detainees,
                    None => VictimGroup::Unknown,
                    Some(g) => g,
                });

            // Event type: the strongest trigger, typed by its victims where it needs them.
            let top = trig.iter().min_by_key(|(_, _, t)| t.event).map(|(_, _, t)| t);
            let Some(top) = top else { continue };
            // The target of an attack: what follows an active trigger ("attacked a FAMa
            // position"), what precedes a passive one ("a MINUSMA convoy was attacked").
            let attack_at = trig.iter().find(|(_, _, t)| t.event == TriggerEvent::Attack).map(|(s, l, _)| (*s, s + l));
            let target_zone = match attack_at {
                Some((ts, te)) => {
                    let passive = ts > 0 && matches!(toks[ts - 1].low(), "was" | "were" | "been" | "being");
                    // Active: the object, up to a relative clause or a comma ("raided an
                    // encampment that had been set up in front of the Army headquarters").
                    let object_end = (te..seg.1)
                        .find(|&k| matches!(toks[k].low(), "that" | "which" | "who" | "where" | "," | ";"))
                        .unwrap_or(seg.1);
                    if passive { (seg.0, ts) } else { (te, object_end) }
                }
                None => seg,
            };
            // "stormed a sit-in", "an assault on a protest camp": forces against protesters,
            // whoever else the target zone names.
            let protest_target = trig.iter().any(|(s, _, t)| {
                matches!(t.event, TriggerEvent::Protest | TriggerEvent::Riot)
                    && (target_zone.0..target_zone.1).contains(s)
            });
            let military_target = !protest_target
                && (toks[target_zone.0..target_zone.1].iter().any(|t| MILITARY_TARGETS.contains(&t.low()))
                    || input.actors.iter().any(|a| {
                        (target_zone.0..target_zone.1).contains(&a.start)
                            && matches!(a.kind, PartyKind::Military | PartyKind::Un | PartyKind::ArmedGroup)
                    }));
            let battle_words = trig.iter().any(|(_, _, t)| t.event == TriggerEvent::Battle);
            // A battle word in the clause types the claim itself, not only its victims.
            let typed_by_victims = matches!(top.event, TriggerEvent::Kill | TriggerEvent::None) && !battle_words;
            let (event_type, sub) = match top.event {
                TriggerEvent::Kill | TriggerEvent::None => match victims {
                    // "exchanged gunfire with villagers, two villagers killed": part of the fighting.
                    _ if battle_words => (Some(EventType::Battle), Some("Armed clash".to_string())),
                    Some(VictimGroup::Attackers | VictimGroup::Soldiers) => {
                        (Some(EventType::Battle), Some("Armed clash".to_string()))
                    }
                    // "ambushed defence forces, killing at least nine": a clash.
                    Some(VictimGroup::Unknown) | None if battle_words || (attack_at.is_some() && military_target) => {
                        (Some(EventType::Battle), Some("Armed clash".to_string()))
                    }
                    Some(_) => (Some(EventType::ViolenceAgainstCivilians), Some("Attack".to_string())),
                    None if top.event == TriggerEvent::None => (None, None),
                    None => (Some(EventType::ViolenceAgainstCivilians), Some("Attack".to_string())),
                },
                TriggerEvent::Attack if military_target || matches!(victims, Some(VictimGroup::Soldiers)) => {
                    (Some(EventType::Battle), Some("Armed clash".to_string()))
                }
                // "seized seven firearms and ammunition": a seizure of weapons is ACLED's
                // disrupted weapons use, not looting.
                TriggerEvent::Strategic
                    if top.phrase.starts_with("seiz")
                        && toks[seg.0..seg.1].iter().any(|t| WEAPONS.contains(&t.low())) =>
                {
                    (event_of(TriggerEvent::Strategic), Some("Disrupted weapons use".to_string()))
                }
                other => (event_of(other), top.sub_event_type.clone()),
            };
            if event_type.is_none() && top.event != TriggerEvent::Operation && figures.is_empty() {
                continue;
            }
            rules.push(format!(
                "event: {} from trigger {:?}{}",
                event_type.map_or("untyped operation", |t| t.as_str()),
                top.phrase,
                if top.event == TriggerEvent::Kill { ", typed by the victims" } else { "" }
            ));

            // When: the segment's own date, else the sentence's, else after an anchor.
            let own =
                input.dates.iter().filter(event_date).find(|d| (seg.0..seg.1).contains(&d.start)).and_then(|d| d.range);
            let (date, date_rule) = match (own, &sentence_date, anchor_date) {
                _ if let Some((r, why)) = set_date => (Some(r), why.to_string()),
                (Some(r), _, _) => (Some(r), "date stated in the clause".to_string()),
                (None, Some((r, why)), _) => (Some(*r), format!("sentence {why}")),
                (None, None, Some(a)) => {
                    let end = statement.map(|s| s.end).filter(|e| *e >= a).unwrap_or(a);
                    (Some(DateRange::new(a, end)), "after the anchored event, before the statement".to_string())
                }
                _ => (None, "no date in the sentence".to_string()),
            };
            rules.push(format!("date: {date_rule}"));
            let place = content_place(Some(seg));
            let perpetrators: Vec<String> = input
                .actors
                .iter()
                .filter(|a| !in_clause(a.start) && matches!(a.kind, PartyKind::Military | PartyKind::ArmedGroup))
                .filter(|a| !input.quantities.iter().any(|q| a.start >= q.end && a.start <= q.end + 2))
                .map(|a| a.name.clone())
                .fold(Vec::new(), |mut v, name| {
                    if !v.contains(&name) {
                        v.push(name);
                    }
                    v
                });
            let mut c = base(rules);
            if let Some((name, kind)) = own_claimant {
                c.rules.push(format!(
                    "claimant {name}: named before the figure's participle (\"estimating\", \"claiming\")"
                ));
                c.claimant = name;
                c.claimant_kind = kind;
            }
            c.event_type = event_type;
            c.type_from_victims = typed_by_victims;
            c.sub_event_type = sub;
            c.trigger = trig.iter().map(|(s, l, _)| surface(toks, *s, s + l)).collect::<Vec<_>>().join(", ");
            c.figures = figures;
            c.victims = victims;
            c.perpetrators = perpetrators;
            c.date = date;
            c.country = country_of(&place);
            c.place = place;
            let summary = format!(
                "{} {} {}{}",
                c.claimant,
                c.stance.as_str(),
                c.event_type.map_or("operation", |t| t.as_str()),
                c.figures.iter().map(|(k, f)| format!(" {} {f}", k.as_str())).collect::<String>()
            );
            notes.add("claim", &seg_text, || summary);
            make(&mut claims, c);
        }
    }
    let mut claims = merge_sibling_claims(claims);
    // "roughly 40 … on Thursday and about 20 others on Friday": the figures before a part of
    // the same kind are parts too.
    for k in 1..claims.len() {
        let (before, after) = claims.split_at_mut(k);
        for (cat, f) in &after[0].figures {
            if f.part {
                for c in before.iter_mut() {
                    if let Some(g) = c.figures.get_mut(cat) {
                        g.part = true;
                    }
                }
            }
        }
    }
    // "a first group of about forty women …, and then about twenty women": the figures after a
    // first group of the same kind are the next groups.
    for (cat, from) in &first_groups {
        for c in claims.iter_mut() {
            if let Some(g) = c.figures.get_mut(cat).filter(|g| g.span.start > *from) {
                g.part = true;
            }
        }
    }
    if let Some(c) = claims.iter().rev().find(|c| c.stance == Stance::Asserts && !c.figures.is_empty())
        && let Some(cat) = c.figures.keys().next()
    {
        state.last_figure = Some((*cat, c.event_type, c.sub_event_type.clone()));
    }
    claims
}

/// Within one sentence, claims from sibling clauses with disjoint figure categories, the same
/// claimant and compatible when/where are one account ("53 perished; 75 were wounded").
fn merge_sibling_claims(claims: Vec<Claim>) -> Vec<Claim> {
    let violent = |c: &Claim| {
        matches!(
            c.event_type,
            Some(EventType::ViolenceAgainstCivilians | EventType::Battle | EventType::ExplosionRemoteViolence)
        )
    };
    let mut out: Vec<Claim> = Vec::new();
    for c in claims {
        if let Some(last) = out.last_mut()
            && last.stance == Stance::Asserts
            && c.stance == Stance::Asserts
            && !last.figures.is_empty()
            && !c.figures.is_empty()
            && last.figures.keys().all(|k| !c.figures.contains_key(k))
            && violent(last)
            && violent(&c)
            && (last.date == c.date || c.date.is_none())
            && (c.place.is_none() || last.place.as_ref().map(|p| &p.name) == c.place.as_ref().map(|p| &p.name))
        {
            last.figures.extend(c.figures);
            if last.victims.is_none() || last.victims == Some(VictimGroup::Unknown) {
                last.victims = c.victims;
            }
            last.rules.push("merged with a sibling clause of the same sentence".into());
            continue;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use crosscheck_model::{DocMeta, Document};

    use crate::{Resources, analyze};

    /// `check(text, expected)`: each claim of a short article as
    /// "claimant|stance|type|figures|victims|date", in order. Articles are published 2022-09-03.
    fn check(text: &str, expected: &[&str]) {
        let res = Resources::builtin();
        let doc = Document {
            id: "f".repeat(64),
            text: text.to_string(),
            body_start: 0,
            meta: DocMeta {
                published: NaiveDate::from_ymd_opt(2022, 9, 3),
                outlet: Some("Outlet".into()),
                ..DocMeta::default()
            },
        };
        let got: Vec<String> = analyze(&doc, &res)
            .claims
            .iter()
            .map(|c| {
                let figs: Vec<String> = c.figures.iter().map(|(k, f)| format!("{} {f}", k.as_str())).collect();
                format!(
                    "{}|{}|{}|{}|{}|{}",
                    c.claimant,
                    c.stance.as_str(),
                    c.event_type.map_or("-", |t| t.as_str()),
                    figs.join(" "),
                    c.victims.map_or("-", |v| v.as_str()),
                    c.date.map_or("-".to_string(), |d| d.to_string())
                )
            })
            .collect();
        assert_eq!(got, expected, "in {text:?}");
    }

    /// An event with no figure is still a claim: gunmen who shot a man, a vehicle seized, a
    /// protest about a disease (the disease is no cause of deaths here).
    #[test]
    fn events_without_figures_and_a_protest_about_a_disease_are_claims() {
        check(
            "On Monday, gunmen shot a trader in Kelbo and seized his vehicle.",
            &["Outlet|asserts|violence_against_civilians||-|2022-08-29"],
        );
        check(
            "On Monday, residents demonstrated in Kelbo against the closure of schools during the cholera epidemic.",
            &["Outlet|asserts|protest||-|2022-08-29"],
        );
    }

    /// A seizure of weapons is a disrupted weapons use; a seizure of other goods is looting.
    #[test]
    fn a_seizure_of_weapons_is_disrupted_weapons_use() {
        let res = Resources::builtin();
        let sub = |text: &str| {
            let doc = Document { id: "e".repeat(64), text: text.into(), body_start: 0, meta: DocMeta::default() };
            analyze(&doc, &res).claims.first().and_then(|c| c.sub_event_type.clone())
        };
        assert_eq!(
            sub("Soldiers seized ten rifles and ammunition in Kelbo.").as_deref(),
            Some("Disrupted weapons use")
        );
        assert_eq!(
            sub("Gunmen seized a truck and its cargo in Kelbo.").as_deref(),
            Some("Looting/property destruction")
        );
    }

    /// Published Saturday 2022-09-03: Thursday is 09-01, Friday 09-02, Monday 08-29.
    #[test]
    fn each_figure_takes_its_own_date_and_the_statement_keeps_its_own() {
        check(
            "Residents told the news agency AFP on Saturday (September 3) that about 40 women were abducted near Dori on Thursday and about 20 others were abducted on Friday.",
            &[
                "Residents|asserts|violence_against_civilians|abducted ~40 (about)|civilians|2022-09-01",
                "Residents|asserts|violence_against_civilians|abducted ~20 (about)|unknown|2022-09-02",
            ],
        );
        check(
            "According to the authorities, who confirmed the news in a statement on Monday, 50 women were abducted in Dori on Thursday.",
            &["Burkinabe authorities|asserts|violence_against_civilians|abducted 50|civilians|2022-09-01"],
        );
    }

    #[test]
    fn a_group_among_others_is_a_part_count() {
        // The quantity runs from its first word (a qualifier, if any) to the number.
        let part = |text: &str, number: &str| {
            let toks = crate::tokens::tokenize(text, 0);
            let k = toks.iter().position(|t| t.text == number).unwrap();
            let first = if toks[k - 1].text == "about" { k - 1 } else { k };
            super::part_count(&toks, first, k + 1)
        };
        assert!(part("a first group of about 40 women was taken", "40"));
        assert!(part("and another group, of about 20, the next day", "20"));
        assert!(part("then 18 others met the same fate", "18"));
        assert!(part("some 20 more women were kidnapped", "20"));
        assert!(part("another 30 villagers were killed", "30"));
        assert!(!part("about 50 women were abducted", "50"));
        assert!(!part("the deaths of 50 mercenaries", "50"));
    }

    /// "a first group of about forty women …, and then about twenty women": both are groups of
    /// one toll, so neither contests a report of the whole.
    #[test]
    fn the_groups_after_a_first_group_are_parts() {
        let res = Resources::builtin();
        let text = "According to witnesses, a first group of about forty women was kidnapped near Dori, and then about \
                    twenty women were kidnapped the next day in the north of the town.";
        let doc = Document { id: "p".repeat(64), text: text.into(), body_start: 0, meta: DocMeta::default() };
        let parts: Vec<(Option<u64>, bool)> = analyze(&doc, &res)
            .claims
            .iter()
            .filter_map(|c| c.figures.get(&crosscheck_model::Category::Abducted))
            .map(|f| (f.min, f.part))
            .collect();
        assert_eq!(parts, vec![(Some(40), true), (Some(20), true)]);
        // Only figures of the same kind: the men killed are a toll of their own.
        let mixed = "A first group of 40 women was abducted near Dori, and gunmen killed 12 men in the village.";
        let doc = Document { id: "q".repeat(64), text: mixed.into(), body_start: 0, meta: DocMeta::default() };
        let killed = analyze(&doc, &res)
            .claims
            .iter()
            .find_map(|c| c.figures.get(&crosscheck_model::Category::Killed).map(|f| (f.min, f.part)));
        assert_eq!(killed, Some((Some(12), false)));
    }

    /// An adverb may stand between a verb and its count; a month is no "march".
    #[test]
    fn an_adverb_before_the_count_and_a_month_that_is_no_march() {
        check(
            "Soldiers executed summarily 30 civilians in Dori on Monday.",
            &["Outlet|asserts|violence_against_civilians|killed 30|civilians|2022-08-29"],
        );
        check(
            "Gunmen killed 12 villagers in Dori in March.",
            &["Outlet|asserts|violence_against_civilians|killed 12|civilians|2022-03-01..2022-03-31"],
        );
        check("Life in Dori was calm in March.", &[]);
    }

    /// The day a report was released is the statement's, not the event's.
    #[test]
    fn a_report_s_release_day_is_no_event_date() {
        check(
            "At least 18 bodies were found in Dori, the rights group said in a report released on Wednesday, saying soldiers killed them.",
            &["rights group|asserts|violence_against_civilians|killed ≥18|unknown|-"],
        );
    }

    /// "The mayor said Sunday, …" dates the statement; "as of Monday" dates a count: neither is
    /// the event's date.
    #[test]
    fn a_statement_day_and_a_count_s_day_are_no_event_date() {
        check(
            "Around 100 people were killed in Dori, the local mayor said Sunday, the latest in a string of massacres.",
            &["local mayor|asserts|violence_against_civilians|killed ~100 (around)|unknown|-"],
        );
        check(
            "Survivors said about 93 bodies were buried in Dori as of Monday evening.",
            &["Survivors|asserts|violence_against_civilians|killed ~93 (about)|unknown|-"],
        );
        // Burials date the aftermath.
        check(
            "Residents said they buried 40 victims in Dori on Monday.",
            &["Residents|asserts|violence_against_civilians|killed 40|unknown|-"],
        );
        // The start of an operation is a "since", not the day of its casualties.
        check(
            "Twelve soldiers were killed near Dori during an operation beginning on August 19.",
            &["Outlet|asserts|battle|killed 12|soldiers|-"],
        );
    }

    /// One figure told over two days is dated by their span.
    #[test]
    fn a_figure_over_two_named_days_takes_their_span() {
        check(
            "About 50 women were abducted in two waves, Thursday and Friday, near Dori, the governor said.",
            &["governor|asserts|violence_against_civilians|abducted ~50 (about)|civilians|2022-09-01..2022-09-02"],
        );
    }

    /// Forces attacking protesters or a camp are no battle, whatever the sentence says of where
    /// the camp stood; a time opener before "X announced" dates the statement, not the event.
    #[test]
    fn a_crackdown_on_protesters_is_no_battle() {
        check(
            "Security forces stormed a sit-in outside the army headquarters in Dori on Monday, killing 12 people.",
            &["Outlet|asserts|violence_against_civilians|killed 12|unknown|2022-08-29"],
        );
        check(
            "On Monday, security forces raided a market that stood in front of the army headquarters, killing 12 people.",
            &["Outlet|asserts|violence_against_civilians|killed 12|unknown|2022-08-29"],
        );
        check(
            "Yesterday evening, the medical committee announced that 108 people were killed in Dori on Monday.",
            &["medical committee|asserts|violence_against_civilians|killed 108|unknown|2022-08-29"],
        );
    }

    #[test]
    fn passive_figures_with_a_trailing_claimant() {
        check(
            "At least 12 villagers were killed in Dori on Monday, the mayor said.",
            &["mayor|asserts|violence_against_civilians|killed ≥12|civilians|2022-08-29"],
        );
    }

    #[test]
    fn active_figures_and_victims_type_the_event() {
        check(
            "The Nigerian army said it killed 30 \"bandits\" and arrested 12 suspects.",
            &["Nigerian army|asserts|battle|killed 30 arrested 12|attackers|-"],
        );
    }

    #[test]
    fn pronouns_carry_the_previous_claimant() {
        check(
            "Human Rights Watch published a report on Tuesday. It said soldiers executed 9 men in Dori.",
            &["Human Rights Watch|asserts|violence_against_civilians|killed 9|civilians|-"],
        );
    }

    #[test]
    fn unattributed_sentences_belong_to_the_outlet() {
        check(
            "A landmine killed two children near Djibo on Sunday.",
            &["Outlet|asserts|explosion_remote_violence|killed 2|civilians|2022-08-28"],
        );
    }

    #[test]
    fn rejections_are_denials() {
        check("The government on Friday rejected the report as baseless.", &["government|denies|-||-|-"]);
    }

    #[test]
    fn negated_deaths_from_a_claimant_are_a_zero_figure_denial() {
        check("The army said no civilians were killed.", &["army|denies|-|killed 0|civilians|-"]);
    }

    #[test]
    fn conflict_wide_totals_make_no_claim() {
        check("The insurgency has claimed thousands of lives since 2012.", &[]);
        check("SOHR documented the death of 801 people in mine explosions since early 2019.", &[]);
        check("It is a decade-long war that has killed 3,000 people.", &[]);
        check("These incidents claimed the lives of 212 people in the province.", &[]);
        check("These attacks killed 40 soldiers.", &[]);
    }

    #[test]
    fn a_claim_of_responsibility_is_no_running_total() {
        check(
            "Gunmen have claimed responsibility for the attack in Dori, which resulted in the deaths of three people.",
            &["unidentified gunmen|asserts|violence_against_civilians|killed 3|unknown|-"],
        );
        // A total still is one when a claim of responsibility stands beside it.
        check("The group, which has claimed responsibility for attacks, has claimed 300 lives since 2015.", &[]);
    }

    #[test]
    fn lives_claimed_or_taken_are_deaths() {
        check(
            "A landmine claimed the lives of two children near Djibo on Sunday.",
            &["Outlet|asserts|explosion_remote_violence|killed 2|civilians|2022-08-28"],
        );
        check(
            "The attack took the lives of four soldiers, the army said.",
            &["army|asserts|battle|killed 4|soldiers|-"],
        );
    }

    #[test]
    fn territory_changing_hands_in_any_tense_is_an_event() {
        check("The rebel group overtakes Dori.", &["Outlet|asserts|battle||-|-"]);
        check("Soldiers recapture Dori on Sunday.", &["Outlet|asserts|battle||-|2022-08-28"]);
    }

    #[test]
    fn totals_over_months_make_no_claim() {
        check("At least 1,130 soldiers were killed in clashes from June 1 to July 31, the NUG said.", &[]);
        check(
            "At least 30 villagers were killed in Dori in March, the mayor said.",
            &["mayor|asserts|violence_against_civilians|killed ≥30|civilians|2022-03-01..2022-03-31"],
        );
    }

    #[test]
    fn coordinated_figures_sum_for_non_combatants_and_split_for_forces() {
        check(
            "Three women and six children were killed in Dori on Monday.",
            &["Outlet|asserts|violence_against_civilians|killed 9|civilians|2022-08-29"],
        );
        check(
            "Rebels said they had killed at least 84 Wagner fighters and 47 Malian soldiers.",
            &["Rebels|asserts|battle|killed ≥84|soldiers|-", "Rebels|asserts|battle|killed ≥47|soldiers|-"],
        );
    }

    #[test]
    fn a_while_clause_has_its_own_speaker() {
        check(
            "The government said 46 people were killed, while the opposition doctors' committee said 108 were killed.",
            &[
                "government|asserts|violence_against_civilians|killed 46|unknown|-",
                "opposition doctors' committee|asserts|violence_against_civilians|killed 108|unknown|-",
            ],
        );
    }

    #[test]
    fn participles_name_each_figure_s_claimant() {
        check(
            "The toll is unclear, with a religious leader estimating 50 deaths and two witnesses claiming around 80 were killed.",
            &[
                "religious leader|asserts|violence_against_civilians|killed 50|unknown|-",
                "two witnesses|asserts|violence_against_civilians|killed ~80 (around)|unknown|-",
            ],
        );
    }

    #[test]
    fn totals_and_groups_and_running_tolls() {
        check(
            "Gunmen killed a total of 12 villagers in Dori on Monday.",
            &["Outlet|asserts|violence_against_civilians|killed 12|civilians|2022-08-29"],
        );
        check(
            "So far 85 bodies have been buried in Dori, the governor said on Monday.",
            &["governor|asserts|violence_against_civilians|killed ≥85|unknown|-"],
        );
    }

    #[test]
    fn the_make_up_of_a_toll_is_a_claim() {
        check(
            "Gunmen killed 22 people in Dori on Monday. Nineteen of them were civilians, the mayor said.",
            &[
                "Outlet|asserts|violence_against_civilians|killed 22|unknown|2022-08-29",
                "mayor|asserts|violence_against_civilians|killed 19|civilians|-",
            ],
        );
    }

    #[test]
    fn hypothetical_acts_make_no_claim() {
        check("Police will detain 20 protesters in Dori, the mayor said.", &[]);
        check(
            "They admitted to losing seven fighters in Dori on Monday.",
            &["They|asserts|battle|killed 7|attackers|2022-08-29"],
        );
    }

    #[test]
    fn after_the_attack_anchors_the_date() {
        check(
            "The army on April 22 said it had conducted a sweep in Boni after the attack three days earlier.",
            &["army|asserts|-||-|2022-04-19..2022-04-22"],
        );
    }
}
