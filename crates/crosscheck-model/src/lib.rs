//! Domain types shared by every crosscheck crate.
//!
//! The central record is the [`Claim`]: who says what happened, when, where, to whom and how many,
//! with the exact sentence and its byte span in the original document. An [`Incident`] is a view
//! computed from claims; recomputing it from the same claims gives the same result.
//!
//! This crate holds data only: no IO, no SQL, no wire formats beyond serde derives.
#![deny(missing_docs)]

use std::collections::BTreeMap;
use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` into a document's original text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(into = "[usize; 2]", from = "[usize; 2]")]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }
    /// The text this span covers, or `""` when it does not fit `text`.
    pub fn of<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }
    /// Whether the two spans share at least one byte.
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

impl From<Span> for [usize; 2] {
    fn from(s: Span) -> Self {
        [s.start, s.end]
    }
}
impl From<[usize; 2]> for Span {
    fn from(a: [usize; 2]) -> Self {
        Span::new(a[0], a[1])
    }
}

/// An inclusive range of calendar days. A single day has `start == end`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct DateRange {
    /// First day.
    pub start: NaiveDate,
    /// Last day (inclusive).
    pub end: NaiveDate,
}

impl DateRange {
    /// One day.
    pub fn day(d: NaiveDate) -> DateRange {
        DateRange { start: d, end: d }
    }
    /// The range from `start` to `end`, swapped if given in the wrong order.
    pub fn new(start: NaiveDate, end: NaiveDate) -> DateRange {
        if start <= end { DateRange { start, end } } else { DateRange { start: end, end: start } }
    }
    /// Whether the two ranges share a day.
    pub fn overlaps(&self, other: &DateRange) -> bool {
        self.start <= other.end && other.start <= self.end
    }
    /// Whether `other` lies wholly inside `self`.
    pub fn contains(&self, other: &DateRange) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    /// The shared days, if any.
    pub fn intersect(&self, other: &DateRange) -> Option<DateRange> {
        let start = self.start.max(other.start);
        let end = self.end.min(other.end);
        (start <= end).then_some(DateRange { start, end })
    }
    /// Number of days covered.
    pub fn days(&self) -> i64 {
        (self.end - self.start).num_days() + 1
    }
}

impl fmt::Display for DateRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.start == self.end { write!(f, "{}", self.start) } else { write!(f, "{}..{}", self.start, self.end) }
    }
}

/// Metadata known about a document before analysis (from the file, a feed or a dateline).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DocMeta {
    /// Where the document came from: a path or URL.
    pub source: Option<String>,
    /// The publishing outlet, when known.
    pub outlet: Option<String>,
    /// Publication date, when known.
    pub published: Option<NaiveDate>,
    /// ISO 639-1 language code, when known.
    pub language: Option<String>,
    /// The wire dateline at the head of the text, when present.
    pub dateline: Option<Dateline>,
    /// The original bytes, when the text was extracted from them (an HTML page): the evidence
    /// copy, kept untouched. The document id is their hash. Stored apart, never serialised here.
    #[serde(skip)]
    pub original: Option<Vec<u8>>,
}

/// A wire dateline such as `BAMAKO, Mali (Reuters) -`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Dateline {
    /// The place named by the dateline, as written ("Bamako").
    pub place: String,
    /// The country named by the dateline, as written, if any ("Mali").
    pub country: Option<String>,
    /// The agency or outlet named in parentheses, if any.
    pub outlet: Option<String>,
    /// The date written in the dateline, resolved, if any.
    pub date: Option<NaiveDate>,
    /// Where the dateline sits in the text.
    pub span: Span,
}

/// An ingested document. Its id is the SHA-256 of its bytes, and its text is never modified.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Lowercase hex SHA-256 of the original bytes.
    pub id: String,
    /// The original text, unchanged.
    pub text: String,
    /// Byte offset where the article body starts (after metadata lines and the dateline).
    pub body_start: usize,
    /// What is known about the document.
    pub meta: DocMeta,
}

/// A figure category.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// People killed.
    Killed,
    /// People injured.
    Injured,
    /// People arrested or detained.
    Arrested,
    /// People abducted.
    Abducted,
    /// People displaced.
    Displaced,
}

impl Category {
    /// Every category, in display order.
    pub const ALL: [Category; 5] =
        [Category::Killed, Category::Injured, Category::Arrested, Category::Abducted, Category::Displaced];
    /// The snake-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Killed => "killed",
            Category::Injured => "injured",
            Category::Arrested => "arrested",
            Category::Abducted => "abducted",
            Category::Displaced => "displaced",
        }
    }
    /// Parse the snake-case name.
    pub fn parse(s: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// A count as a range. `None` on a side means that side is open.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figure {
    /// Lowest value the wording allows ("at least 50" → 50; "more than 500" → 501).
    pub min: Option<u64>,
    /// Highest value the wording allows ("up to 600" → 600).
    pub max: Option<u64>,
    /// The qualifier as written ("at least", "about", "dozens"), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<String>,
    /// True for vague quantities such as "dozens" or "hundreds".
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub vague: bool,
    /// True for a count of part of the victims, told as one group among others ("a first
    /// group of about 40", "20 more", "18 others"): it sits under a total without contradicting it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub part: bool,
    /// The number's span in the document.
    pub span: Span,
}

impl Figure {
    /// Exactly `n`, as written at `span`.
    pub fn exactly(n: u64, span: Span) -> Figure {
        Figure { min: Some(n), max: Some(n), qualifier: None, vague: false, part: false, span }
    }
    /// Whether two figures can describe the same count.
    pub fn compatible(&self, other: &Figure) -> bool {
        let lo = self.min.unwrap_or(0).max(other.min.unwrap_or(0));
        let hi = self.max.unwrap_or(u64::MAX).min(other.max.unwrap_or(u64::MAX));
        lo <= hi
    }
}

impl fmt::Display for Figure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.min, self.max) {
            (Some(a), Some(b)) if a == b => match &self.qualifier {
                Some(q) => write!(f, "~{a} ({q})"),
                None => write!(f, "{a}"),
            },
            (Some(a), Some(b)) => write!(f, "{a}-{b}"),
            (Some(a), None) => write!(f, "≥{a}"),
            (None, Some(b)) => write!(f, "≤{b}"),
            (None, None) => write!(f, "?"),
        }
    }
}

/// Figures of one claim, by category.
pub type Figures = BTreeMap<Category, Figure>;

/// Whether a claim asserts something or denies it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    /// The claimant says it happened.
    Asserts,
    /// The claimant denies or rejects an allegation.
    Denies,
}

impl Stance {
    /// The snake-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Stance::Asserts => "asserts",
            Stance::Denies => "denies",
        }
    }
}

/// ACLED's six event types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventType {
    /// Armed clashes between organised groups.
    Battle,
    /// Violence against civilians.
    ViolenceAgainstCivilians,
    /// Explosions and remote violence: bombs, IEDs, air strikes, shelling.
    ExplosionRemoteViolence,
    /// Protests.
    Protest,
    /// Riots.
    Riot,
    /// Strategic developments: arrests, withdrawals, agreements.
    StrategicDevelopment,
}

impl EventType {
    /// Every type.
    pub const ALL: [EventType; 6] = [
        EventType::Battle,
        EventType::ViolenceAgainstCivilians,
        EventType::ExplosionRemoteViolence,
        EventType::Protest,
        EventType::Riot,
        EventType::StrategicDevelopment,
    ];
    /// The snake-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            EventType::Battle => "battle",
            EventType::ViolenceAgainstCivilians => "violence_against_civilians",
            EventType::ExplosionRemoteViolence => "explosion_remote_violence",
            EventType::Protest => "protest",
            EventType::Riot => "riot",
            EventType::StrategicDevelopment => "strategic_development",
        }
    }
    /// Parse the snake-case name.
    pub fn parse(s: &str) -> Option<EventType> {
        EventType::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// Who the victims are, in the article's own words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VictimGroup {
    /// Civilians, villagers, passengers, protesters.
    Civilians,
    /// Members of non-state armed groups, "terrorists", "attackers".
    Attackers,
    /// State forces and their allies.
    Soldiers,
    /// People held in custody.
    Detainees,
    /// Only "people" or "bodies".
    Unknown,
}

impl VictimGroup {
    /// The snake-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            VictimGroup::Civilians => "civilians",
            VictimGroup::Attackers => "attackers",
            VictimGroup::Soldiers => "soldiers",
            VictimGroup::Detainees => "detainees",
            VictimGroup::Unknown => "unknown",
        }
    }
    /// Parse the snake-case name.
    pub fn parse(s: &str) -> Option<VictimGroup> {
        [
            VictimGroup::Civilians,
            VictimGroup::Attackers,
            VictimGroup::Soldiers,
            VictimGroup::Detainees,
            VictimGroup::Unknown,
        ]
        .into_iter()
        .find(|g| g.as_str() == s)
    }
}

/// What kind of party makes a claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PartyKind {
    /// A government or ministry.
    Government,
    /// Armed forces or police.
    Military,
    /// A non-state armed group.
    ArmedGroup,
    /// A UN body or mission.
    Un,
    /// A non-governmental organisation.
    Ngo,
    /// A local official.
    LocalOfficial,
    /// Witnesses, residents, survivors.
    Witness,
    /// The outlet itself or another media organisation.
    Media,
    /// Unnamed sources.
    Anonymous,
    /// Anything else.
    Other,
}

impl PartyKind {
    /// The snake-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            PartyKind::Government => "government",
            PartyKind::Military => "military",
            PartyKind::ArmedGroup => "armed_group",
            PartyKind::Un => "un",
            PartyKind::Ngo => "ngo",
            PartyKind::LocalOfficial => "local_official",
            PartyKind::Witness => "witness",
            PartyKind::Media => "media",
            PartyKind::Anonymous => "anonymous",
            PartyKind::Other => "other",
        }
    }
    /// Parse the snake-case name.
    pub fn parse(s: &str) -> Option<PartyKind> {
        [
            PartyKind::Government,
            PartyKind::Military,
            PartyKind::ArmedGroup,
            PartyKind::Un,
            PartyKind::Ngo,
            PartyKind::LocalOfficial,
            PartyKind::Witness,
            PartyKind::Media,
            PartyKind::Anonymous,
            PartyKind::Other,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
}

/// A place as extracted: named in the text, resolved in the gazetteer when possible.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Place {
    /// The name as the gazetteer (or the text) gives it.
    pub name: String,
    /// The country, when known from the gazetteer or the context.
    pub country: Option<String>,
    /// The first-level division, when known.
    pub admin1: Option<String>,
    /// Latitude, only when the gazetteer has the place.
    pub lat: Option<f64>,
    /// Longitude, only when the gazetteer has the place.
    pub lon: Option<f64>,
    /// How specific the place is.
    pub level: PlaceLevel,
    /// Where the name sits in the document.
    pub span: Span,
    /// The second-level division, when the gazetteer knows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admin2: Option<String>,
    /// The GeoNames id of the gazetteer entry chosen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub geonames_id: Option<u32>,
    /// ACLED geo-precision: 1 the town itself, 2 near a town or an admin2, 3 an admin1 or larger.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub precision: Option<u8>,
    /// The claim names no place: this is the document's main place, for the map only (it does
    /// not separate or join incidents).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub from_document: bool,
}

impl Place {
    /// A town located at a point, with its country and admin1: precision 1, its own place.
    pub fn town(name: &str, country: &str, admin1: &str, lat: f64, lon: f64, span: Span) -> Place {
        Place {
            name: name.to_string(),
            country: Some(country.to_string()),
            admin1: Some(admin1.to_string()),
            lat: Some(lat),
            lon: Some(lon),
            level: PlaceLevel::Town,
            span,
            admin2: None,
            geonames_id: None,
            precision: Some(1),
            from_document: false,
        }
    }
}

/// How specific a place is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlaceLevel {
    /// A whole country.
    Country,
    /// A first-level division (region, state, province).
    Admin1,
    /// A populated place found in the gazetteer.
    Town,
    /// A name in locative position that the gazetteer does not know.
    Unresolved,
}

/// What a denial rejects: the incidents it may attach to.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DenialScope {
    /// Event types named by the denied allegation ("massacre" → violence against civilians).
    pub event_types: Vec<EventType>,
    /// When the denied events happened, if the denial says ("in April").
    pub window: Option<DateRange>,
}

/// One claim: who says what happened, with the sentence that says it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// Stable id: document id prefix, sentence index and position.
    pub id: String,
    /// The document's SHA-256.
    pub document: String,
    /// Index of the sentence in the document.
    pub sentence: usize,
    /// Who makes the claim, normalised ("MINUSMA", "Malian army").
    pub claimant: String,
    /// What kind of party the claimant is.
    pub claimant_kind: PartyKind,
    /// Asserts or denies.
    pub stance: Stance,
    /// The event type the wording points to, if any.
    pub event_type: Option<EventType>,
    /// True when the type comes only from who the victims are ("killed 15 terrorists" → battle),
    /// not from the kind of violence; such a claim can belong to an airstrike or a bombing.
    #[serde(default)]
    pub type_from_victims: bool,
    /// ACLED-style sub-event type, if known.
    pub sub_event_type: Option<String>,
    /// The trigger words, as written.
    pub trigger: String,
    /// Figures by category.
    pub figures: Figures,
    /// Who the victims are.
    pub victims: Option<VictimGroup>,
    /// Actors named as perpetrators.
    pub perpetrators: Vec<String>,
    /// When the event happened, according to this sentence.
    pub date: Option<DateRange>,
    /// True when the date was carried over from context rather than stated in the sentence.
    #[serde(default)]
    pub date_inferred: bool,
    /// The publication date of the claim's document, if known: the fallback date of an incident
    /// whose text gives none.
    #[serde(default)]
    pub reported: Option<NaiveDate>,
    /// When the claimant made the statement, if the sentence says ("said on April 22").
    #[serde(default)]
    pub statement_date: Option<DateRange>,
    /// Where, according to this sentence.
    pub place: Option<Place>,
    /// Country context for the claim (from the place or the document).
    pub country: Option<String>,
    /// For denials: what is denied.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub denial_scope: Option<DenialScope>,
    /// The exact evidence text: `&document.text[span]`.
    pub quote: String,
    /// Byte span of the quote in the document.
    pub span: Span,
    /// The rules that produced this claim, for `explain`.
    pub rules: Vec<String>,
}

/// An incident: a view over claims that describe one event.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Incident {
    /// Stable id derived from the first claim.
    pub id: String,
    /// When.
    pub date: Option<DateRange>,
    /// True when no claim states the date: it comes from the narrative's month or from the
    /// report's publication date (see `merge_reasons`).
    #[serde(default)]
    pub date_inferred: bool,
    /// Country.
    pub country: Option<String>,
    /// First-level division.
    pub admin1: Option<String>,
    /// Most specific place name.
    pub place: Option<String>,
    /// Latitude of the place, when the gazetteer has it.
    pub lat: Option<f64>,
    /// Longitude of the place, when the gazetteer has it.
    pub lon: Option<f64>,
    /// Second-level division.
    #[serde(default)]
    pub admin2: Option<String>,
    /// ACLED geo-precision of `lat`/`lon`: 1 the town itself, 2 near a town or an admin2, 3 an
    /// admin1 or larger.
    #[serde(default)]
    pub geo_precision: Option<u8>,
    /// GeoNames id of the place.
    #[serde(default)]
    pub geonames_id: Option<u32>,
    /// ACLED event type.
    pub event_type: EventType,
    /// ACLED-style sub-event type.
    pub sub_event_type: Option<String>,
    /// True when parties disagree or deny.
    pub contested: bool,
    /// Why it is contested, in words.
    pub contested_reasons: Vec<String>,
    /// Why the claims were grouped, in words.
    pub merge_reasons: Vec<String>,
    /// The independent sources of the reports: documents that copy one text or credit one wire
    /// agency count once.
    #[serde(default)]
    pub sources: Vec<SourceGroup>,
    /// Low, best and high per figure category, each with the claims that set it.
    #[serde(default)]
    pub estimates: Vec<Estimate>,
    /// How well the incident is corroborated.
    #[serde(default)]
    pub grade: Grade,
    /// The rule that gave the grade, in words.
    #[serde(default)]
    pub grade_reasons: Vec<String>,
    /// The claims, in document and sentence order.
    pub claims: Vec<Claim>,
}

/// Documents that count as one source.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceGroup {
    /// The source: a wire agency ("wire:AFP"), a group of copies ("copies:<first document>"), or
    /// the document itself.
    pub source: String,
    /// Its documents, sorted.
    pub documents: Vec<String>,
}

/// A low/best/high estimate of one figure category.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Estimate {
    /// The category.
    pub category: Category,
    /// The lowest figure any source gives (`None`: unbounded below, never the case for counts).
    pub low: Option<u64>,
    /// The best estimate.
    pub best: Option<u64>,
    /// The highest figure (`None`: open, "at least" with nothing above).
    pub high: Option<u64>,
    /// Claims that set `low`.
    pub low_claims: Vec<String>,
    /// Claims that set `best`.
    pub best_claims: Vec<String>,
    /// Claims that set `high`.
    pub high_claims: Vec<String>,
    /// How `best` was chosen.
    pub rule: String,
}

/// Corroboration grade (see ARCHITECTURE.md for when each applies).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Grade {
    /// The accused party confirms.
    Acknowledged,
    /// Two or more independent sources agree, one at least not a party to the violence.
    Corroborated,
    /// One independent source.
    #[default]
    SingleSource,
    /// Denied, or independent sources disagree.
    Contested,
    /// Set by a reviewer.
    Discounted,
}

impl Grade {
    /// Snake-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Grade::Acknowledged => "acknowledged",
            Grade::Corroborated => "corroborated",
            Grade::SingleSource => "single_source",
            Grade::Contested => "contested",
            Grade::Discounted => "discounted",
        }
    }
    /// Parse a snake-case name.
    pub fn parse(s: &str) -> Option<Grade> {
        [Grade::Acknowledged, Grade::Corroborated, Grade::SingleSource, Grade::Contested, Grade::Discounted]
            .into_iter()
            .find(|g| g.as_str() == s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_serialises_as_pair() {
        let s = Span::new(3, 9);
        assert_eq!(serde_json::to_string(&s).unwrap(), "[3,9]");
        let back: Span = serde_json::from_str("[3,9]").unwrap();
        assert_eq!(back, s);
    }

    #[test]
    fn figure_compatibility_treats_open_bounds_as_open() {
        let at_least_50 = Figure { max: None, ..Figure::exactly(50, Span::new(0, 1)) };
        let exactly_18 = Figure::exactly(18, Span::new(0, 1));
        let exactly_60 = Figure::exactly(60, Span::new(0, 1));
        assert!(!at_least_50.compatible(&exactly_18));
        assert!(at_least_50.compatible(&exactly_60));
    }

    #[test]
    fn date_range_intersection() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let a = DateRange::new(d("2022-04-19"), d("2022-04-22"));
        let b = DateRange::day(d("2022-04-19"));
        assert_eq!(a.intersect(&b), Some(b));
        assert_eq!(a.intersect(&DateRange::day(d("2022-04-24"))), None);
        assert_eq!(a.days(), 4);
    }
}
