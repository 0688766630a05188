//! The store-backed steps after reading, shared by `crosscheck ingest`, `watch` and
//! `POST /api/documents`: analyse a document and store it with its claims, then recompute the
//! incidents.

use crosscheck_model::{Claim, Document};
use crosscheck_nlp::Resources;
use crosscheck_store::{AddOutcome, SqliteStore, Store, StoreError};

/// Outcome counts of an ingest.
#[derive(Debug, Default)]
pub struct IngestSummary {
    /// Newly stored.
    pub added: usize,
    /// Already stored (same bytes).
    pub unchanged: usize,
    /// Refused, with a warning.
    pub failed: usize,
    /// Not read, with a reason: files of other types inside a directory, pages not modified.
    pub skipped: usize,
    /// Of the new ones, new versions of a page already stored under the same URL.
    pub versions: usize,
    /// Claims stored.
    pub claims: usize,
}

/// Analyse and store one document.
pub fn store_document(
    store: &mut SqliteStore,
    res: &Resources,
    doc: &Document,
    summary: &mut IngestSummary,
) -> Result<(), StoreError> {
    let claims = crosscheck_nlp::analyze_with(doc, res, &crosscheck_nlp::CLAIMS_ONLY).claims;
    store_claims(store, doc, &claims, summary)
}

/// A document ready to store: its label (file and record), the document, its claims.
pub type Ready = (String, Document, Vec<Claim>);

/// Reading documents that arrive together as a collection (`crosscheck ingest`), as
/// [`crosscheck_nlp::analyze_collection`] reads a list, without keeping the whole input: each
/// document is analysed when it arrives, and its country and clearly chosen regions are
/// counted. One whose places some collection could change (a weak country context, or a place
/// chosen by a narrow lead over a candidate elsewhere) waits; when the input ends
/// ([`Collecting::finish`]), or when the waiting documents reach [`Collecting::HELD_BYTES`],
/// those that this collection does sway are read again with it. The others are ready at once.
pub struct Collecting {
    tally: crosscheck_nlp::geocode::Tally,
    held: Vec<Held>,
    held_bytes: usize,
    /// Whether documents are read as a collection at all.
    together: bool,
}

/// A document waiting for its collection: ready as read alone, with its own country context
/// and trace.
type Held = (Ready, Option<String>, crosscheck_nlp::geocode::Trace);

impl Default for Collecting {
    fn default() -> Self {
        Collecting::new(true)
    }
}

impl Collecting {
    /// Text bytes of the documents waiting for a second reading, at most.
    pub const HELD_BYTES: usize = 64 << 20;

    /// A reading of documents together (`together`), or each by itself.
    pub fn new(together: bool) -> Collecting {
        Collecting { tally: Default::default(), held: Vec::new(), held_bytes: 0, together }
    }

    /// Analyse a document; what is ready to store (nothing while it waits; the documents that
    /// waited, when they fill the hold).
    pub fn read(&mut self, res: &Resources, label: String, doc: Document) -> Vec<Ready> {
        let a = crosscheck_nlp::analyze_with(&doc, res, &crosscheck_nlp::CLAIMS_ONLY);
        self.tally.add(a.country.as_ref().map(|c| c.0.as_str()), &a.trace);
        if !self.together || !a.trace.open() {
            return vec![(label, doc, a.claims)];
        }
        self.held_bytes += doc.text.len();
        self.held.push(((label, doc, a.claims), a.country.map(|c| c.0), a.trace));
        if self.held_bytes >= Self::HELD_BYTES { self.finish(res) } else { Vec::new() }
    }

    /// The waiting documents: those the collection counted so far sways read again with it,
    /// the others as they were.
    pub fn finish(&mut self, res: &Resources) -> Vec<Ready> {
        let collection = self.tally.collection();
        self.held_bytes = 0;
        std::mem::take(&mut self.held)
            .into_iter()
            .map(|((label, doc, claims), own, trace)| {
                if !trace.swayed_by(own.as_deref(), &collection) {
                    return (label, doc, claims);
                }
                let claims = crosscheck_nlp::analyze_in(&doc, res, &crosscheck_nlp::CLAIMS_ONLY, &collection).claims;
                (label, doc, claims)
            })
            .collect()
    }
}

/// Store a document with its claims.
pub fn store_claims(
    store: &mut SqliteStore,
    doc: &Document,
    claims: &[Claim],
    summary: &mut IngestSummary,
) -> Result<(), StoreError> {
    let outcome = store.add_document(doc, claims)?;
    summary.count(outcome, claims.len());
    Ok(())
}

impl IngestSummary {
    fn count(&mut self, outcome: AddOutcome, claims: usize) {
        match outcome {
            AddOutcome::Added => {
                self.added += 1;
                self.claims += claims;
            }
            AddOutcome::Unchanged => self.unchanged += 1,
            AddOutcome::NewVersion { .. } => {
                self.added += 1;
                self.versions += 1;
                self.claims += claims;
            }
        }
    }
}

/// Documents waiting to be stored together, in one transaction per batch, each with its own
/// outcome. A process killed before a batch is written loses only that batch, which the next
/// run of the same input stores; a batch the store refuses is retried one document at a time,
/// so that the error names its document.
#[derive(Default)]
pub struct Batch {
    items: Vec<(String, Document, Vec<Claim>)>,
    bytes: usize,
}

/// A document the store refused, by its label (file and record).
#[derive(Debug)]
pub struct BatchError {
    /// The record's label.
    pub label: String,
    /// Why.
    pub source: StoreError,
}

impl std::fmt::Display for BatchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: cannot store: {}", self.label, self.source)
    }
}

impl std::error::Error for BatchError {}

impl Batch {
    /// Documents per transaction.
    pub const DOCUMENTS: usize = 500;
    /// Text bytes per transaction.
    pub const BYTES: usize = 16 << 20;

    /// Queue a document with its claims; the batch is written when it is full.
    pub fn push(
        &mut self,
        store: &mut SqliteStore,
        label: String,
        doc: Document,
        claims: Vec<Claim>,
        summary: &mut IngestSummary,
    ) -> Result<(), BatchError> {
        self.bytes += doc.text.len() + doc.meta.original.as_ref().map_or(0, |o| o.len());
        self.items.push((label, doc, claims));
        if self.items.len() >= Self::DOCUMENTS || self.bytes >= Self::BYTES {
            self.flush(store, summary)?;
        }
        Ok(())
    }

    /// Write what is queued.
    pub fn flush(&mut self, store: &mut SqliteStore, summary: &mut IngestSummary) -> Result<(), BatchError> {
        let items = std::mem::take(&mut self.items);
        self.bytes = 0;
        if items.is_empty() {
            return Ok(());
        }
        let batch: Vec<(&Document, &[Claim])> = items.iter().map(|(_, d, c)| (d, c.as_slice())).collect();
        match store.add_documents(&batch) {
            Ok(outcomes) => {
                for (outcome, (_, _, claims)) in outcomes.into_iter().zip(&items) {
                    summary.count(outcome, claims.len());
                }
                Ok(())
            }
            Err(_) => {
                for (label, doc, claims) in &items {
                    store_claims(store, doc, claims, summary)
                        .map_err(|source| BatchError { label: label.clone(), source })?;
                }
                Ok(())
            }
        }
    }
}

/// Stores with more unlinked documents than this are relinked whole.
const LOCAL_LIMIT: usize = 2_000;

/// How far around a new report's dates its neighbourhood reaches, in days.
const WINDOW_DAYS: u64 = 60;

/// Link what is not linked yet: the documents the store marks as not linked are linked with
/// the stored incidents they may join, and only those are recomputed; the rest of the store is
/// not touched ("ingesting one new article updates only the incidents it touches"). A store
/// without incidents, or with more than [`LOCAL_LIMIT`] unlinked documents, is relinked whole.
/// The number of incidents written: those that come out as they were stored are left alone.
///
/// The new documents are first linked alone. Each of their incidents is compared with the stored
/// incidents of its country (or of none) dated within [`WINDOW_DAYS`] of it, through the
/// features the store keeps for each ([`crosscheck_link::across::may_join`], an upper bound of
/// the pair's score: texts are not read). The incidents that may be joined are recomputed from
/// their claims and the new ones. This gives the incidents that linking everything gives, except
/// when a recomputed incident would, as a whole, have joined one that neither it nor the new
/// report joins alone (the clustering is greedy), or an undated report more than `WINDOW_DAYS`
/// away.
pub fn relink_new(store: &mut SqliteStore) -> Result<usize, StoreError> {
    use crosscheck_link::across::{Features, may_join};
    let docs = store.unlinked_documents()?;
    if docs.is_empty() {
        return Ok(0);
    }
    if docs.len() > LOCAL_LIMIT || !store.has_incidents()? {
        return relink(store);
    }
    let mut claims = Vec::new();
    for d in &docs {
        claims.extend(store.document_claims(d)?);
    }
    let new_texts = texts_of(store, docs.iter().cloned())?;
    let mut join = std::collections::BTreeSet::new();
    for inc in link_with_texts(&claims, &new_texts) {
        // An undated report is placed by its publication dates; one with neither is compared
        // with every incident of its country; one without date or country could join any
        // incident, so everything is relinked.
        let reported = inc.claims.iter().filter_map(|c| c.reported);
        let span = inc.date.map(|d| (d.start, d.end)).or_else(|| Some((reported.clone().min()?, reported.max()?)));
        let days = chrono::Days::new(WINDOW_DAYS);
        let (from, to) = match span {
            Some((start, end)) => {
                (start.checked_sub_days(days).unwrap_or(start), end.checked_add_days(days).unwrap_or(end))
            }
            None if inc.country.is_some() => (chrono::NaiveDate::MIN, chrono::NaiveDate::MAX),
            None => return relink(store),
        };
        let mine = Features::of(&inc);
        for (id, features) in store.incident_features_near(inc.country.as_deref(), from, to)? {
            // An incident stored without features (by an older version) is always a candidate.
            if features.as_deref().and_then(Features::decode).is_none_or(|f| may_join(&mine, &f)) {
                join.insert(id);
            }
        }
    }
    let mut seen: std::collections::HashSet<String> = claims.iter().map(|c| c.id.clone()).collect();
    for id in &join {
        for c in store.incident_claim_list(id)? {
            if seen.insert(c.id.clone()) {
                claims.push(c);
            }
        }
    }
    // The joined incidents' documents' texts, beside the new ones already read.
    let mut doc_ids: std::collections::BTreeSet<String> = claims.iter().map(|c| c.document.clone()).collect();
    for (id, _, _) in &new_texts {
        doc_ids.remove(id);
    }
    let mut texts = new_texts;
    texts.extend(texts_of(store, doc_ids.into_iter())?);
    // `link` wants claims in a stable order, as `claims()` gives them.
    claims.sort_by(|a, b| (&a.document, a.sentence, &a.id).cmp(&(&b.document, b.sentence, &b.id)));
    let incidents: Vec<_> = link_with_texts(&claims, &texts)
        .into_iter()
        .map(|i| {
            let f = Features::of(&i).encode();
            (i, Some(f))
        })
        .collect();
    let join: Vec<String> = join.into_iter().collect();
    store.replace_incidents_of(&join, &incidents, &docs)
}

/// The (id, outlet, body text) of documents, for the syndication check.
fn texts_of(
    store: &SqliteStore,
    ids: impl Iterator<Item = String>,
) -> Result<Vec<(String, Option<String>, String)>, StoreError> {
    let mut texts = Vec::new();
    for id in ids {
        if let Some((outlet, text)) = store.document_text(&id)? {
            texts.push((id, outlet, text));
        }
    }
    Ok(texts)
}

/// Recompute every incident from the stored claims; the number of incidents. The documents
/// are read one at a time, twice ([`crosscheck_link::Linker`]), and the incidents written as
/// they are built, so memory grows with the number of incidents, not with the claims (the
/// documents' texts are still read whole for syndication).
pub fn relink(store: &mut SqliteStore) -> Result<usize, StoreError> {
    let map = crosscheck_link::sources::analyse(&sources(&store.texts()?));
    let mut linker = crosscheck_link::Linker::new(&map);
    store.each_document_claims(|claims| linker.add_document(claims))?;
    store.rebuild_incidents(|read, write| {
        linker.finish(read, |i| {
            let features = crosscheck_link::across::Features::of(&i).encode();
            write(i, Some(features))
        })
    })
}

/// Link claims with their documents' (id, outlet, body text) for syndication.
fn link_with_texts(claims: &[Claim], texts: &[(String, Option<String>, String)]) -> Vec<crosscheck_model::Incident> {
    crosscheck_link::link(claims, &sources(texts)).incidents
}

/// Documents' (id, outlet, body text) as the syndication check reads them.
fn sources(texts: &[(String, Option<String>, String)]) -> Vec<crosscheck_link::sources::Source<'_>> {
    texts
        .iter()
        .map(|(id, outlet, text)| crosscheck_link::sources::Source { document: id, outlet: outlet.as_deref(), text })
        .collect()
}
