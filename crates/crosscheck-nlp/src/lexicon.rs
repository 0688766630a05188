//! Lexicons compiled into the binary from `data/*.tsv`, and the phrase tables that match them.
//!
//! Every table is data, not code: see `data/README.md` for sources. Loading never fails: a row
//! that does not parse is skipped and reported in [`Resources::warnings`]; the hygiene test keeps
//! that list empty for the built-in files.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crosscheck_model::{Category, PartyKind, PlaceLevel, VictimGroup};

use crate::tokens::Token;

/// A table of lowercase multi-token phrases, matched longest first.
#[derive(Clone, Debug)]
pub struct PhraseTable<T> {
    by_first: HashMap<String, Vec<(Vec<String>, T)>>,
}

impl<T> Default for PhraseTable<T> {
    fn default() -> Self {
        PhraseTable { by_first: HashMap::default() }
    }
}

impl<T> PhraseTable<T> {
    /// Add a phrase (whitespace-separated words, matched case-insensitively).
    pub fn insert(&mut self, phrase: &str, value: T) {
        let words: Vec<String> = crate::tokens::tokenize(phrase, 0).into_iter().map(|t| t.lower.into_owned()).collect();
        if words.is_empty() {
            return;
        }
        let list = self.by_first.entry(words[0].clone()).or_default();
        list.push((words, value));
        list.sort_by_key(|e| std::cmp::Reverse(e.0.len()));
    }

    /// The longest phrase starting at token `i`: its length in tokens and its value.
    pub fn longest_at(&self, toks: &[Token<'_>], i: usize) -> Option<(usize, &T)> {
        let first = toks.get(i)?;
        let cands = self.by_first.get(first.low())?;
        cands.iter().find_map(|(words, v)| {
            let ok = words.len() <= toks.len() - i && words.iter().zip(&toks[i..]).all(|(w, t)| *w == t.lower);
            ok.then_some((words.len(), v))
        })
    }

    /// Every match in `toks`, left to right, without overlaps.
    pub fn find_all(&self, toks: &[Token<'_>]) -> Vec<(usize, usize, &T)> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            if let Some((n, v)) = self.longest_at(toks, i) {
                out.push((i, n, v));
                i += n;
            } else {
                i += 1;
            }
        }
        out
    }

    /// Whether any phrase occurs in `toks`.
    pub fn any_in(&self, toks: &[Token<'_>]) -> Option<(usize, usize)> {
        (0..toks.len()).find_map(|i| self.longest_at(toks, i).map(|(n, _)| (i, n)))
    }
}

/// How a trigger relates to its figures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TriggerForm {
    /// A verb: victims are its object, or its subject in the passive.
    Verb,
    /// An event noun ("massacre", "airstrike").
    Noun,
    /// The victims are the subject ("two died", "30 dead").
    Death,
}

/// What kind of event a trigger points to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum TriggerEvent {
    /// Explosions and remote violence.
    Explosion,
    /// Violence against civilians whatever the victims (executions, abductions).
    Vac,
    /// A killing, typed later by who the victims are.
    Kill,
    /// Armed clash.
    Battle,
    /// A generic attack, typed by its target.
    Attack,
    /// Protest.
    Protest,
    /// Riot.
    Riot,
    /// Strategic development (arrests, withdrawals).
    Strategic,
    /// A military operation, typed by what happened during it.
    Operation,
    /// No event of its own (e.g. "injured", "displaced").
    None,
}

/// One row of `triggers.tsv`.
#[derive(Clone, Debug)]
pub struct Trigger {
    /// The phrase as listed.
    pub phrase: String,
    /// The figure category it counts.
    pub category: Option<Category>,
    /// The event it points to.
    pub event: TriggerEvent,
    /// ACLED sub-event type.
    pub sub_event_type: Option<String>,
    /// Grammatical form.
    pub form: TriggerForm,
}

/// How a qualifier bounds a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QualKind {
    /// At least n.
    Min,
    /// More than n.
    Above,
    /// At most n.
    Max,
    /// Fewer than n.
    Below,
    /// About n.
    Approx,
}

/// A named actor from `actors.tsv`.
#[derive(Clone, Debug)]
pub struct ActorEntry {
    /// Canonical name.
    pub canonical: String,
    /// Kind of party.
    pub kind: PartyKind,
    /// Country the actor belongs to, if any.
    pub country: Option<String>,
    /// For a transnational group with no country of its own, the countries it operates in.
    pub operates_in: Vec<String>,
}

/// A state institution from `institutions.tsv`.
#[derive(Clone, Debug)]
pub struct Institution {
    /// Display noun ("army", "foreign ministry").
    pub name: String,
    /// Kind of party.
    pub kind: PartyKind,
}

/// A country from `countries.tsv`.
#[derive(Clone, Debug)]
pub struct Country {
    /// ISO 3166-1 short name.
    pub name: String,
    /// ISO 3166-1 alpha-2 code.
    pub iso2: String,
    /// Demonym adjectives; the first is used for display.
    pub adjectives: Vec<String>,
    /// The capital's name, if known: what "the capital" names in a report set in the country.
    pub capital: Option<String>,
}

/// A gazetteer entry from `places.tsv`.
#[derive(Clone, Debug)]
pub struct PlaceEntry {
    /// Primary name.
    pub name: String,
    /// Level.
    pub level: PlaceLevel,
    /// Country name.
    pub country: String,
    /// First-level division.
    pub admin1: Option<String>,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
}

/// Speech verb kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpeechKind {
    /// Reports a claim.
    Assert,
    /// Rejects an allegation.
    Deny,
}

/// Everything the NLP core reads: all lexicons and the starter gazetteer.
#[derive(Clone, Debug, Default)]
pub struct Resources {
    /// Event triggers.
    pub triggers: PhraseTable<Trigger>,
    /// Number qualifiers.
    pub qualifiers: PhraseTable<QualKind>,
    /// Vague quantities.
    pub vague: PhraseTable<(u64, u64)>,
    /// Number words.
    pub number_words: HashMap<String, u64>,
    /// Victim nouns.
    pub victims: HashMap<String, VictimGroup>,
    /// Reporting and rejection verbs.
    pub speech: HashMap<String, SpeechKind>,
    /// Denial cues: true for self-denials that count anywhere, false for evaluative words.
    pub denial_cues: PhraseTable<bool>,
    /// Context cues.
    pub context_cues: PhraseTable<()>,
    /// Non-violent causes of death (accidents, disasters, disease).
    pub non_violent: PhraseTable<()>,
    /// Transnational regions ("the Sahel", "the Middle East").
    pub world_regions: PhraseTable<()>,
    /// Continent adjectives and unions, to the continent's name ("European" → "Europe").
    pub continents: PhraseTable<String>,
    /// Abbreviations that do not end sentences.
    pub abbreviations: HashSet<String>,
    /// Named actors.
    pub actors: PhraseTable<ActorEntry>,
    /// State institutions.
    pub institutions: PhraseTable<Institution>,
    /// UN missions by country.
    pub un_missions: HashMap<String, String>,
    /// Countries.
    pub countries: Vec<Country>,
    /// Country names and aliases → index into `countries`.
    pub country_names: PhraseTable<usize>,
    /// Demonym adjectives → index into `countries`.
    pub country_adjectives: PhraseTable<usize>,
    /// Gazetteer entries.
    pub places: Vec<PlaceEntry>,
    /// Place names → index into `places`.
    pub place_names: PhraseTable<usize>,
    /// Function words by language, for the language check.
    pub function_words: HashMap<String, String>,
    /// Gloss tables by language (`gloss_fr.tsv` → "fr"): how a language's words read as English.
    pub glosses: HashMap<String, crate::gloss::Gloss>,
    /// Rows that did not parse: `file:line: reason`.
    pub warnings: Vec<String>,
    /// The full gazetteer, when the caller has opened one: claims' places are then geocoded
    /// (coordinates, admin1 and admin2, GeoNames id, precision).
    pub gazetteer: Option<crosscheck_geo::Gazetteer>,
}

/// The built-in lexicon files: (file name, contents).
pub const BUILTIN_FILES: &[(&str, &str)] = &[
    ("abbreviations.tsv", include_str!("../data/abbreviations.tsv")),
    ("actors.tsv", include_str!("../data/actors.tsv")),
    ("context_cues.tsv", include_str!("../data/context_cues.tsv")),
    ("continents.tsv", include_str!("../data/continents.tsv")),
    ("countries.tsv", include_str!("../data/countries.tsv")),
    ("denial_cues.tsv", include_str!("../data/denial_cues.tsv")),
    ("function_words.tsv", include_str!("../data/function_words.tsv")),
    ("gloss_fr.tsv", include_str!("../data/gloss_fr.tsv")),
    ("institutions.tsv", include_str!("../data/institutions.tsv")),
    ("non_violent_causes.tsv", include_str!("../data/non_violent_causes.tsv")),
    ("number_words.tsv", include_str!("../data/number_words.tsv")),
    ("places.tsv", include_str!("../data/places.tsv")),
    ("qualifiers.tsv", include_str!("../data/qualifiers.tsv")),
    ("speech_verbs.tsv", include_str!("../data/speech_verbs.tsv")),
    ("triggers.tsv", include_str!("../data/triggers.tsv")),
    ("un_missions.tsv", include_str!("../data/un_missions.tsv")),
    ("vague.tsv", include_str!("../data/vague.tsv")),
    ("victims.tsv", include_str!("../data/victims.tsv")),
    ("world_regions.tsv", include_str!("../data/world_regions.tsv")),
];

/// The data rows of a lexicon file: (line number, columns), skipping comments and blank lines.
pub fn rows(contents: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    contents
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(n, l)| (n + 1, l.split('\t').collect()))
}

fn opt(s: &str) -> Option<String> {
    (s != "-" && !s.is_empty()).then(|| s.to_string())
}

impl Resources {
    /// Whether the token alone is a casualty or event trigger.
    pub fn is_trigger(&self, t: &crate::tokens::Token<'_>) -> bool {
        self.triggers.longest_at(std::slice::from_ref(t), 0).is_some()
    }

    /// With a gazetteer for geocoding.
    pub fn with_gazetteer(mut self, g: crosscheck_geo::Gazetteer) -> Resources {
        self.gazetteer = Some(g);
        self
    }

    /// The lexicons compiled into the binary.
    pub fn builtin() -> Resources {
        let mut r = Resources::default();
        for (name, contents) in BUILTIN_FILES {
            r.load(name, contents);
        }
        r
    }

    /// Load (or add to) one lexicon file by its file name.
    pub fn load(&mut self, file: &str, contents: &str) {
        for (line, cols) in rows(contents) {
            if let Err(reason) = self.load_row(file, &cols) {
                self.warnings.push(format!("{file}:{line}: {reason}"));
            }
        }
    }

    fn load_row(&mut self, file: &str, c: &[&str]) -> Result<(), String> {
        let need = |n: usize| {
            if c.len() == n { Ok(()) } else { Err(format!("expected {n} columns, found {}", c.len())) }
        };
        let num = |s: &str| s.parse::<u64>().map_err(|_| format!("not a number: {s:?}"));
        match file {
            "abbreviations.tsv" => {
                need(1)?;
                self.abbreviations.insert(c[0].to_string());
            }
            "actors.tsv" => {
                need(5)?;
                let kind = PartyKind::parse(c[2]).ok_or(format!("unknown kind {:?}", c[2]))?;
                let operates_in = c[4].split(',').filter(|x| *x != "-").map(str::to_string).collect();
                let entry = ActorEntry { canonical: c[1].to_string(), kind, country: opt(c[3]), operates_in };
                self.actors.insert(c[0], entry);
            }
            "context_cues.tsv" => {
                need(1)?;
                self.context_cues.insert(c[0], ());
            }
            "countries.tsv" => {
                need(5)?;
                let idx = self.countries.len();
                let adjectives: Vec<String> = c[2].split(',').filter(|a| *a != "-").map(str::to_string).collect();
                self.country_names.insert(c[0], idx);
                for alias in c[3].split(',').filter(|a| *a != "-") {
                    self.country_names.insert(alias, idx);
                }
                for adj in &adjectives {
                    self.country_adjectives.insert(adj, idx);
                }
                let capital = opt(c[4]);
                self.countries.push(Country { name: c[0].to_string(), iso2: c[1].to_string(), adjectives, capital });
            }
            "denial_cues.tsv" => {
                need(2)?;
                let strong = match c[1] {
                    "self" => true,
                    "evaluative" => false,
                    other => return Err(format!("unknown cue kind {other:?}")),
                };
                self.denial_cues.insert(c[0], strong);
            }
            "function_words.tsv" => {
                need(2)?;
                self.function_words.insert(c[0].to_string(), c[1].to_string());
            }
            gloss if gloss.starts_with("gloss_") && gloss.ends_with(".tsv") => {
                need(2)?;
                let lang = &gloss["gloss_".len()..gloss.len() - ".tsv".len()];
                self.glosses.entry(lang.to_string()).or_default().insert(c[0], c[1]);
            }
            "institutions.tsv" => {
                need(3)?;
                let kind = PartyKind::parse(c[2]).ok_or(format!("unknown kind {:?}", c[2]))?;
                self.institutions.insert(c[0], Institution { name: c[1].to_string(), kind });
            }
            "non_violent_causes.tsv" => {
                need(1)?;
                self.non_violent.insert(c[0], ());
            }
            "continents.tsv" => {
                need(2)?;
                self.continents.insert(c[0], c[1].to_string());
            }
            "world_regions.tsv" => {
                need(1)?;
                self.world_regions.insert(c[0], ());
            }
            "number_words.tsv" => {
                need(2)?;
                self.number_words.insert(c[0].to_string(), num(c[1])?);
            }
            "places.tsv" => {
                need(7)?;
                let level = match c[2] {
                    "town" => PlaceLevel::Town,
                    "admin1" => PlaceLevel::Admin1,
                    other => return Err(format!("unknown level {other:?}")),
                };
                let lat: f64 = c[5].parse().map_err(|_| format!("bad latitude {:?}", c[5]))?;
                let lon: f64 = c[6].parse().map_err(|_| format!("bad longitude {:?}", c[6]))?;
                if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
                    return Err("coordinates out of range".into());
                }
                let idx = self.places.len();
                self.place_names.insert(c[0], idx);
                for alt in c[1].split(',').filter(|a| *a != "-") {
                    self.place_names.insert(alt, idx);
                }
                self.places.push(PlaceEntry {
                    name: c[0].to_string(),
                    level,
                    country: c[3].to_string(),
                    admin1: opt(c[4]),
                    lat,
                    lon,
                });
            }
            "qualifiers.tsv" => {
                need(2)?;
                let k = match c[1] {
                    "min" => QualKind::Min,
                    "above" => QualKind::Above,
                    "max" => QualKind::Max,
                    "below" => QualKind::Below,
                    "approx" => QualKind::Approx,
                    other => return Err(format!("unknown qualifier kind {other:?}")),
                };
                self.qualifiers.insert(c[0], k);
            }
            "speech_verbs.tsv" => {
                need(2)?;
                let k = match c[1] {
                    "assert" => SpeechKind::Assert,
                    "deny" => SpeechKind::Deny,
                    other => return Err(format!("unknown speech kind {other:?}")),
                };
                self.speech.insert(c[0].to_string(), k);
            }
            "triggers.tsv" => {
                need(5)?;
                let category = match c[1] {
                    "-" => None,
                    s => Some(Category::parse(s).ok_or(format!("unknown category {s:?}"))?),
                };
                let event = match c[2] {
                    "explosion" => TriggerEvent::Explosion,
                    "vac" => TriggerEvent::Vac,
                    "kill" => TriggerEvent::Kill,
                    "battle" => TriggerEvent::Battle,
                    "attack" => TriggerEvent::Attack,
                    "protest" => TriggerEvent::Protest,
                    "riot" => TriggerEvent::Riot,
                    "strategic" => TriggerEvent::Strategic,
                    "operation" => TriggerEvent::Operation,
                    "-" => TriggerEvent::None,
                    other => return Err(format!("unknown event {other:?}")),
                };
                let form = match c[4] {
                    "verb" => TriggerForm::Verb,
                    "noun" => TriggerForm::Noun,
                    "death" => TriggerForm::Death,
                    other => return Err(format!("unknown form {other:?}")),
                };
                let t = Trigger { phrase: c[0].to_string(), category, event, sub_event_type: opt(c[3]), form };
                self.triggers.insert(c[0], t);
            }
            "un_missions.tsv" => {
                need(2)?;
                self.un_missions.insert(c[0].to_string(), c[1].to_string());
            }
            "vague.tsv" => {
                need(3)?;
                self.vague.insert(c[0], (num(c[1])?, num(c[2])?));
            }
            "victims.tsv" => {
                need(2)?;
                let g = VictimGroup::parse(c[1]).ok_or(format!("unknown group {:?}", c[1]))?;
                self.victims.insert(c[0].to_string(), g);
            }
            other => return Err(format!("unknown lexicon file {other:?}")),
        }
        Ok(())
    }

    /// The country with this exact name.
    pub fn country(&self, name: &str) -> Option<&Country> {
        self.countries.iter().find(|c| c.name == name)
    }

    /// The display adjective of a country ("Mali" → "Malian").
    pub fn adjective(&self, country: &str) -> Option<&str> {
        self.country(country).and_then(|c| c.adjectives.first()).map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Hygiene, after ripgrep's `default_types_are_sorted`.
    #[test]
    fn lexicon_files_are_sorted_unique_and_parse() {
        for (name, contents) in BUILTIN_FILES {
            let keys: Vec<&str> = rows(contents).map(|(_, c)| c[0]).collect();
            assert!(!keys.is_empty(), "{name} has no rows");
            for w in keys.windows(2) {
                assert!(w[0] < w[1], "{name}: {:?} must sort before {:?} (sorted, unique)", w[0], w[1]);
            }
            let first = contents.lines().next().unwrap_or("");
            assert!(first.starts_with('#'), "{name}: first line must name the columns");
        }
        let r = Resources::builtin();
        assert!(r.warnings.is_empty(), "bad rows: {:#?}", r.warnings);
    }

    /// A demonym names one country, except where the sources share it between two states or
    /// two dependencies of one (see data/README.md): "American" is the United States.
    #[test]
    fn country_adjectives_name_one_country() {
        let r = Resources::builtin();
        let mut seen: std::collections::BTreeMap<String, Vec<&str>> = Default::default();
        for c in &r.countries {
            for a in &c.adjectives {
                seen.entry(a.to_lowercase()).or_default().push(&c.iso2);
            }
        }
        let shared: Vec<&String> = seen.iter().filter(|(_, v)| v.len() > 1).map(|(k, _)| k).collect();
        assert_eq!(shared, ["channel islander", "congolese", "dominican"]);
        let toks = crate::tokens::tokenize("American", 0);
        let (_, idx) = r.country_adjectives.longest_at(&toks, 0).unwrap();
        assert_eq!(r.countries[*idx].iso2, "US");
    }

    #[test]
    fn bad_rows_become_warnings_not_panics() {
        let mut r = Resources::default();
        r.load("qualifiers.tsv", "# phrase\tkind\nat least\tsomething\nonly-one-column\n");
        assert_eq!(r.warnings.len(), 2);
        assert!(r.warnings[0].contains("qualifiers.tsv:2"));
    }

    #[test]
    fn longest_phrase_wins() {
        let r = Resources::builtin();
        let toks = crate::tokens::tokenize("a few dozen kept", 0);
        let (n, v) = r.vague.longest_at(&toks, 0).unwrap();
        assert_eq!((n, *v), (3, (24, 60)));
    }
}
