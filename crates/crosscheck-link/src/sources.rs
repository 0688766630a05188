//! Syndication and independence: which documents are copies of one text, and which count as one
//! source.
//!
//! **Syndication.** Each document's text is cut into word 3-shingles (lower case, letters and
//! digits), hashed. Two documents are copies when the share of the smaller one's shingles that
//! the other also has (containment) is at least [`COPY_CONTAINMENT`]: robust to page furniture
//! and truncation (a cut copy is contained in the whole), and to light paraphrase (a sentence in
//! four keeps whole phrases). Candidate pairs come from an inverted index over the shingles, so
//! the cost grows with the number of shared shingles, not with the square of the documents;
//! shingles found in more than [`COMMON`] documents (boilerplate) are not indexed. Copies are
//! grouped transitively.
//!
//! **Compilations.** A newsroom that writes its own report from several agencies ("a witness
//! told Reuters", "a police source told AFP") often reuses an agency's paragraphs verbatim. Two
//! texts that share only part of their text (containment below [`MOSTLY_SHARED`]) are not
//! copies when one of them quotes two agencies or more and the other fewer: the first is the
//! newsroom's own report, the second a copy of one of its sources. A text that shares most of
//! its words with a compilation (a cut copy of it) is still its copy.
//!
//! **Independence.** Documents are one source when they are copies of each other, when one
//! outlet published both and they share text (a repost, an update of its own story), when both
//! credit the same wire agency in their dateline or byline ("BAMAKO (AFP) -", "(Reuters) —",
//! "— AP"), or when both come from the same original publisher (a page that credits one, "first
//! published by The New Humanitarian", and that publisher's own pages). Every other document
//! is its own source.

use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};

/// The containment from which two texts are copies of one another. Chosen on the news-dev
/// articles: their six gold copy pairs have 0.25–0.88; the most similar independent reports of
/// one incident 0.41 (two agencies quoting the same officials), then 0.23 and below.
pub const COPY_CONTAINMENT: f64 = 0.25;
/// The containment from which two reports share text (a point towards linking them); pairs
/// below it are not kept.
pub const SHARED_TEXT: f64 = 0.1;
/// The containment from which two texts share most of their words: a copy, whatever they cite.
pub const MOSTLY_SHARED: f64 = 0.5;
/// Shingles in more documents than this are boilerplate and not used to find candidates.
pub const COMMON: usize = 50;
const MIN_SHINGLES: usize = 20;

/// One document, as the linker sees it.
#[derive(Clone, Copy, Debug)]
pub struct Source<'a> {
    /// Document id.
    pub document: &'a str,
    /// The publishing outlet, when known.
    pub outlet: Option<&'a str>,
    /// The text.
    pub text: &'a str,
}

/// Wire agencies recognised in datelines and bylines, with their canonical name.
const WIRES: &[(&str, &str)] = &[
    ("afp", "AFP"),
    ("agence france-presse", "AFP"),
    ("agence france presse", "AFP"),
    ("ap", "AP"),
    ("associated press", "AP"),
    ("reuters", "Reuters"),
    ("xinhua", "Xinhua"),
    ("anadolu", "Anadolu"),
    ("aa", "Anadolu"),
    ("upi", "UPI"),
    ("efe", "EFE"),
    ("dpa", "dpa"),
    ("ians", "IANS"),
    ("pti", "PTI"),
    ("tass", "TASS"),
    ("ria novosti", "RIA Novosti"),
    ("apa", "APA"),
    ("nan", "NAN"),
];

fn shingles(text: &str) -> Vec<u64> {
    let words: Vec<String> =
        text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(|w| w.to_lowercase()).collect();
    let mut out: Vec<u64> = words
        .windows(3)
        .map(|w| {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            w.hash(&mut h);
            h.finish()
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Pairs of documents (indices, i < j) with their containment, for the pairs whose containment
/// is at least [`SHARED_TEXT`].
pub fn similarities(sources: &[Source<'_>]) -> BTreeMap<(usize, usize), f64> {
    let sets: Vec<Vec<u64>> = sources.iter().map(|s| shingles(s.text)).collect();
    let mut postings: HashMap<u64, Vec<usize>> = HashMap::new();
    for (i, set) in sets.iter().enumerate() {
        if set.len() < MIN_SHINGLES {
            continue;
        }
        for h in set {
            postings.entry(*h).or_default().push(i);
        }
    }
    postings.retain(|_, d| d.len() > 1 && d.len() <= COMMON);
    // Document by document, the later documents it shares shingles with: memory holds one
    // document's candidates, and only pairs that share enough text to matter are kept.
    let mut out = BTreeMap::new();
    let mut shared: HashMap<usize, u32> = HashMap::new();
    for (a, set) in sets.iter().enumerate() {
        shared.clear();
        for docs in set.iter().filter_map(|h| postings.get(h)) {
            for &b in docs.iter().filter(|&&b| b > a) {
                *shared.entry(b).or_default() += 1;
            }
        }
        for (&b, &n) in &shared {
            let c = n as f64 / sets[a].len().min(sets[b].len()).max(1) as f64;
            if c >= SHARED_TEXT {
                out.insert((a, b), c);
            }
        }
    }
    out
}

/// The wire agency a text credits in its dateline or byline, if any.
pub fn wire_credit(text: &str) -> Option<&'static str> {
    let head: String = text.chars().take(400).collect::<String>().to_lowercase();
    for (name, canonical) in WIRES {
        let credited = [format!("({name})"), format!("({name}) "), format!("— {name}"), format!("-- {name} ")]
            .iter()
            .any(|p| head.contains(p.as_str()))
            || head.starts_with(&format!("{name} -"))
            || head.contains(&format!("\n{name} -"));
        if credited {
            return Some(canonical);
        }
    }
    None
}

/// The wire agencies a text quotes or credits: its dateline or byline credit, and agencies named
/// as the ones told or reporting ("told AFP", "told the Associated Press", "according to
/// Reuters", "Xinhua reported", "Reuters news agency"). Acronyms count in capitals only.
pub fn cited_wires(text: &str) -> std::collections::BTreeSet<&'static str> {
    let mut out: std::collections::BTreeSet<&'static str> = wire_credit(text).into_iter().collect();
    let lower = text.to_lowercase();
    for (name, canonical) in WIRES {
        let acronym = !name.contains(' ') && name.len() <= 4;
        let (hay, needle) = if acronym { (text, name.to_uppercase()) } else { (lower.as_str(), name.to_string()) };
        let mut from = 0;
        while let Some(at) = hay[from..].find(needle.as_str()).map(|i| i + from) {
            let end = at + needle.len();
            from = end;
            let bounded = !hay[..at].chars().next_back().is_some_and(char::is_alphanumeric)
                && !hay[end..].chars().next().is_some_and(char::is_alphanumeric);
            if !bounded {
                continue;
            }
            // `lower` and `text` may differ in length; the context (a few words either side) is
            // read from the same string the name was found in, lower-cased.
            let from_byte = (at.saturating_sub(24)..=at).find(|&k| hay.is_char_boundary(k)).unwrap_or(at);
            let to_byte = ((end + 16).min(hay.len())..=hay.len()).find(|&k| hay.is_char_boundary(k)).unwrap_or(end);
            let before = hay[from_byte..at].trim_end().to_lowercase();
            let after = hay[end..to_byte].to_lowercase();
            let after = after.trim_start();
            let told = ["told", "told the", "according to", "according to the", "quoted by", "cited by", "said to"]
                .iter()
                .any(|w| {
                    before.ends_with(w)
                        && (before.len() == w.len() && from_byte == 0
                            || before[..before.len() - w.len()].ends_with(|c: char| !c.is_alphanumeric()))
                });
            let reporting = ["news agency", "reported", "reports", "quoted"].iter().any(|w| after.starts_with(w));
            if told || reporting {
                out.insert(canonical);
            }
        }
    }
    out
}

/// Whether two texts that share `containment` of the smaller one's words are copies, given the
/// agencies each quotes: a partial overlap between a compilation of several agencies and a text
/// quoting fewer is the compilation reusing an agency's paragraphs, not a copy.
fn copies(containment: f64, wires_a: usize, wires_b: usize) -> bool {
    if containment < COPY_CONTAINMENT {
        return false;
    }
    let compilation = |n: usize| n >= 2;
    containment >= MOSTLY_SHARED || compilation(wires_a) == compilation(wires_b)
}

/// The original publisher a page credits ("This article was originally published by The New
/// Humanitarian", "first appeared on Al Jazeera", "republished from The Conversation"), lower
/// case, if any: the words after the phrase, up to the end of the sentence or a comma.
pub fn original_publisher(text: &str) -> Option<String> {
    const CREDITS: &[&str] = &[
        "originally published by ",
        "originally published in ",
        "originally published on ",
        "originally appeared in ",
        "originally appeared on ",
        "first published by ",
        "first published in ",
        "first published on ",
        "first appeared in ",
        "first appeared on ",
        "republished from ",
        "republished with permission from ",
    ];
    // ASCII lower case keeps every byte where it was, so the original's capitals can be read.
    let lower = text.to_ascii_lowercase();
    CREDITS.iter().find_map(|c| {
        let at = lower.find(c)? + c.len();
        let rest = &text[at..];
        let end = rest.find(['.', ',', ';', '\n', '(']).unwrap_or(rest.len());
        let name = rest[..end].trim();
        let name = name.strip_prefix("the ").or_else(|| name.strip_prefix("The ")).unwrap_or(name);
        // A name: capitalised, one to six words, not a date ("first published in 2019", "in
        // January" credit nobody).
        let words = name.split_whitespace().count();
        let first = name.split_whitespace().next().unwrap_or("").to_lowercase();
        let date = DATE_WORDS.contains(&first.as_str());
        (name.starts_with(char::is_uppercase) && (1..=6).contains(&words) && !date).then(|| publisher_key(name))
    })
}

const DATE_WORDS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// A publisher's or outlet's name as compared: lower case, without a leading "the".
fn publisher_key(name: &str) -> String {
    let l = name.trim().to_lowercase();
    l.strip_prefix("the ").map(str::to_string).unwrap_or(l)
}

/// Union-find over indices.
struct Groups(Vec<usize>);

impl Groups {
    fn find(&mut self, i: usize) -> usize {
        let mut r = i;
        while self.0[r] != r {
            r = self.0[r];
        }
        let mut k = i;
        while self.0[k] != r {
            let next = self.0[k];
            self.0[k] = r;
            k = next;
        }
        r
    }
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            self.0[ra.max(rb)] = ra.min(rb);
        }
    }
}

/// What the linker knows about the documents' sources.
#[derive(Clone, Debug, Default)]
pub struct SourceMap {
    /// Groups of copies (two documents or more), as document ids, each sorted; sorted.
    pub syndication: Vec<Vec<String>>,
    /// For each document: the key of its independent source (a wire agency, or the first
    /// document of its copy group, or itself).
    pub source_of: HashMap<String, String>,
    /// Containment between two documents where they share text, by the pair of their
    /// [`doc_key`]s in order.
    similarity: HashMap<(u64, u64), f64>,
}

impl SourceMap {
    /// The independent source of a document.
    pub fn source(&self, doc: &str) -> String {
        self.source_of.get(doc).cloned().unwrap_or_else(|| doc.to_string())
    }
    /// Text similarity (containment) of two documents, 0 when they share nothing.
    pub fn similarity(&self, a: &str, b: &str) -> f64 {
        self.similarity_of(doc_key(a), doc_key(b))
    }
    /// [`SourceMap::similarity`] by the documents' [`doc_key`]s, which linking computes once
    /// per incident instead of once per pair compared.
    pub fn similarity_of(&self, a: u64, b: u64) -> f64 {
        if self.similarity.is_empty() {
            return 0.0;
        }
        self.similarity.get(&(a.min(b), a.max(b))).copied().unwrap_or(0.0)
    }
}

/// A document id as a number for lookups (64-bit FNV-1a; ids are SHA-256 digests, so two
/// that collide are not expected in practice).
pub fn doc_key(document: &str) -> u64 {
    crate::fnv(document)
}

/// Syndication groups and independent sources of the documents.
pub fn analyse(sources: &[Source<'_>]) -> SourceMap {
    let sims = similarities(sources);
    let mut g = Groups((0..sources.len()).collect());
    // The agencies a text quotes, read only for texts in a partial copy pair.
    let mut cited: HashMap<usize, usize> = HashMap::new();
    let mut wires_of = |i: usize| *cited.entry(i).or_insert_with(|| cited_wires(sources[i].text).len());
    for (&(a, b), &c) in &sims {
        if c >= MOSTLY_SHARED || c >= COPY_CONTAINMENT && copies(c, wires_of(a), wires_of(b)) {
            g.union(a, b);
        }
    }
    // Copy groups, as indices into `sources`.
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..sources.len() {
        groups.entry(g.find(i)).or_default().push(i);
    }
    let ids = |members: &[usize]| -> Vec<String> {
        let mut v: Vec<String> = members.iter().map(|&j| sources[j].document.to_string()).collect();
        v.sort();
        v
    };
    let mut syndication: Vec<Vec<String>> = groups.values().filter(|v| v.len() > 1).map(|v| ids(v)).collect();
    syndication.sort();
    // One source beyond copies: an outlet's reposts and updates of its own story (the same
    // outlet, shared text).
    let outlets: Vec<Option<String>> =
        sources.iter().map(|s| s.outlet.map(publisher_key).filter(|o| !o.is_empty())).collect();
    for &(a, b) in sims.keys() {
        if outlets[a].is_some() && outlets[a] == outlets[b] {
            g.union(a, b);
        }
    }
    let mut same: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..sources.len() {
        same.entry(g.find(i)).or_default().push(i);
    }
    let wires: Vec<Option<&str>> = sources.iter().map(|s| wire_credit(s.text)).collect();
    let publishers: Vec<Option<String>> = sources.iter().map(|s| original_publisher(s.text)).collect();
    let credited: std::collections::HashSet<&str> = publishers.iter().flatten().map(String::as_str).collect();
    let mut source_of = HashMap::new();
    for (i, s) in sources.iter().enumerate() {
        let members = &same[&g.find(i)];
        // A copy of a wire story credits the wire through any of its copies; a page that
        // credits its original publisher ("first published by The New Humanitarian") is that
        // publisher, as are the publisher's own pages.
        let publisher =
            |j: usize| publishers[j].clone().or_else(|| outlets[j].clone().filter(|o| credited.contains(o.as_str())));
        let key = match members.iter().find_map(|&j| wires[j]) {
            Some(w) => format!("wire:{w}"),
            None => match members.iter().find_map(|&j| publisher(j)) {
                Some(p) => format!("publisher:{p}"),
                None if members.len() > 1 => format!("copies:{}", ids(members)[0]),
                None => s.document.to_string(),
            },
        };
        source_of.insert(s.document.to_string(), key);
    }
    let similarity = sims
        .into_iter()
        .map(|((a, b), c)| {
            let (x, y) = (doc_key(sources[a].document), doc_key(sources[b].document));
            ((x.min(y), x.max(y)), c)
        })
        .collect();
    SourceMap { syndication, source_of, similarity }
}

/// Fill an incident's independence groups, estimates and grade.
pub fn attach(inc: &mut crosscheck_model::Incident, map: &SourceMap) {
    let mut groups: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for c in &inc.claims {
        let docs = groups.entry(map.source(&c.document)).or_default();
        if !docs.contains(&c.document) {
            docs.push(c.document.clone());
        }
    }
    inc.sources = groups
        .into_iter()
        .map(|(source, mut documents)| {
            documents.sort();
            crosscheck_model::SourceGroup { source, documents }
        })
        .collect();
    let source_of = |d: &str| map.source(d);
    inc.estimates = crate::estimates::estimates(inc, &source_of);
    let (grade, reasons) = crate::estimates::grade(inc, &source_of);
    inc.grade = grade;
    inc.grade_reasons = reasons;
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "Gunmen on motorcycles attacked the village of Boni in central Mali on Sunday, killing at least 12 civilians and wounding nine others, local officials said, in the latest attack in a region plagued by jihadist violence since 2015.";

    #[test]
    fn copies_truncations_and_wire_credits_are_one_source() {
        let furniture = format!("Related posts\nShare this\n{STORY}\nSubscribe to our newsletter");
        let cut = &STORY[..150];
        let other = "The army said on Monday it had repelled an attack on its base near Douentza, killing 20 assailants, and that two soldiers died in the fighting.";
        let wire = format!("BAMAKO (AFP) - {other}");
        let wire2 = "DOUENTZA (AFP) - Residents said the fighting near the town lasted several hours and that many families fled towards Mopti.";
        let docs = [
            Source { document: "a", outlet: None, text: STORY },
            Source { document: "b", outlet: None, text: &furniture },
            Source { document: "c", outlet: None, text: cut },
            Source { document: "d", outlet: None, text: other },
            Source { document: "e", outlet: None, text: &wire },
            Source { document: "f", outlet: None, text: wire2 },
        ];
        let m = analyse(&docs);
        assert_eq!(m.syndication, vec![vec!["a", "b", "c"], vec!["d", "e"]]);
        assert_eq!(m.source("a"), m.source("c"));
        // "d" is a copy of an AFP story: AFP, like "f", which credits AFP itself.
        assert_eq!(m.source("d"), "wire:AFP");
        assert_eq!(m.source("f"), "wire:AFP");
        assert_ne!(m.source("a"), m.source("d"));
        assert!(m.similarity("b", "a") > 0.9);
    }

    #[test]
    fn agencies_quoted_in_the_text() {
        let t = "A witness told Reuters that the road was closed. A police source told AFP news agency that \
                 three died, according to the Associated Press. The map was drawn by AP.";
        let cited: Vec<_> = cited_wires(t).into_iter().collect();
        assert_eq!(cited, vec!["AFP", "AP", "Reuters"]);
        // A byline, a word containing an acronym, and a lower-case acronym are not quotes.
        assert!(cited_wires("Reuters Updated 4 Jan. The map app was shared; he told afp nothing.").is_empty());
        assert_eq!(cited_wires("NIAMEY (AFP) - Gunmen killed").into_iter().collect::<Vec<_>>(), vec!["AFP"]);
    }

    #[test]
    fn a_compilation_of_several_agencies_is_not_a_copy_of_one() {
        let background = "Northern Mali fell into the hands of armed groups in 2012 before they were forced out by \
            a French-led military intervention. Much of the region remains chronically unstable and violence has \
            spread to the centre of the country, where armed groups carry out raids and lay mines on the roads.";
        let wire = format!(
            "Nine traders were killed on Friday when their lorry hit a mine near Boni, the transport union told AFP. \
             The lorry was carrying grain and livestock from the weekly fair to the market town, the union \
             secretary said, adding that soldiers had escorted the survivors back. Another official said jihadists \
             had planted the mine overnight. {background}"
        );
        let own = format!(
            "At least eleven people died when a lorry struck an explosive device on the road east of Boni, the \
             regional governor said on Saturday. A driver who reached the scene told Reuters the vehicle had been \
             cut in two, and a union official told AFP that nine traders were aboard. The governor gave no \
             further details about the wounded or the search for the attackers. {background}"
        );
        let cut = &own[..own.len() - 40];
        let docs = [
            Source { document: "wire", outlet: None, text: &wire },
            Source { document: "own", outlet: None, text: &own },
            Source { document: "cut", outlet: None, text: cut },
        ];
        let m = analyse(&docs);
        let c = m.similarity("wire", "own");
        assert!((COPY_CONTAINMENT..MOSTLY_SHARED).contains(&c), "{c}");
        // The compilation and its cut copy are one text; the agency story it draws on is another.
        assert_eq!(m.syndication, vec![vec!["cut", "own"]]);
        assert_ne!(m.source("own"), m.source("wire"));
        // The same partial overlap between two single-agency texts is a copy.
        assert!(copies(c, 1, 1) && copies(c, 0, 1) && !copies(c, 2, 1) && copies(0.9, 2, 1));
    }

    #[test]
    fn original_publishers_and_an_outlet_s_own_reposts_are_one_source() {
        assert_eq!(
            original_publisher("… the victims. This article was originally published by The New Humanitarian."),
            Some("new humanitarian".to_string())
        );
        assert_eq!(original_publisher("It first appeared on Al Jazeera, and"), Some("al jazeera".to_string()));
        assert_eq!(original_publisher("The report was first published in January."), None);
        assert_eq!(original_publisher("The report was first published in 2019."), None);
        // The outlet's own update: the story's opening words, then a new text (under the copy
        // threshold, over the shared-text one).
        let opening: String = STORY.split(' ').take(8).collect::<Vec<_>>().join(" ");
        let update = format!(
            "{opening} on Sunday. By Tuesday the toll had risen to fourteen, the mayor of the commune told reporters \
             by telephone, and the army announced it had sent two companies to secure the road to the weekly \
             market, which traders say they no longer dare to use after dark."
        );
        let credited = "Soldiers and herders clashed near Douentza, leaving nine dead. This story was originally \
                        published by The New Humanitarian.";
        let own = "Nine people died near Douentza when soldiers and herders clashed over water points, residents said.";
        let docs = [
            Source { document: "first", outlet: Some("Sahel Daily"), text: STORY },
            Source { document: "update", outlet: Some("sahel daily "), text: &update },
            Source { document: "credit", outlet: Some("Aggregator"), text: credited },
            Source { document: "tnh", outlet: Some("The New Humanitarian"), text: own },
            Source { document: "other", outlet: Some("Other"), text: "An unrelated report from elsewhere." },
        ];
        let m = analyse(&docs);
        let c = m.similarity("first", "update");
        assert!((SHARED_TEXT..COPY_CONTAINMENT).contains(&c), "{c}");
        assert!(m.syndication.is_empty(), "no copies: {:?}", m.syndication);
        assert_eq!(m.source("first"), m.source("update"), "an outlet's update of its own story");
        assert_eq!(m.source("credit"), "publisher:new humanitarian");
        assert_eq!(m.source("tnh"), "publisher:new humanitarian", "the credited publisher's own page");
        assert_ne!(m.source("other"), m.source("tnh"));
    }

    proptest::proptest! {
        /// The credit readers never panic, whatever the text (multi-byte letters next to the
        /// names they look for included), and return what they promise; a text and its copy
        /// are one source.
        #[test]
        fn credit_readers_take_any_text(
            a in "(\\PC|AFP|told |Reuters|ÉÀ|first published by |The |, ){0,40}",
            b in "([a-zé]{1,8}[ ,.]){0,60}",
        ) {
            for w in cited_wires(&a) {
                proptest::prop_assert!(WIRES.iter().any(|(_, c)| *c == w), "{w}");
            }
            if let Some(p) = original_publisher(&a) {
                proptest::prop_assert!(p == p.to_lowercase() && (1..=6).contains(&p.split_whitespace().count()), "{p:?}");
            }
            let _ = wire_credit(&b);
            // A text and its copy are one source, whatever the outlets' letters.
            let docs = [
                Source { document: "a", outlet: Some("É"), text: &b },
                Source { document: "b", outlet: Some("é"), text: &b },
            ];
            let m = analyse(&docs);
            if shingles(&b).len() >= MIN_SHINGLES {
                proptest::prop_assert_eq!(m.source("a"), m.source("b"));
            }
        }
    }

    #[test]
    fn wire_credits_in_datelines_and_bylines() {
        assert_eq!(wire_credit("BAMAKO, Mali (Reuters) - Gunmen"), Some("Reuters"));
        assert_eq!(wire_credit("KHARTOUM, Sudan (AFP) — More than"), Some("AFP"));
        assert_eq!(wire_credit("The army told AFP that"), None);
    }
}
