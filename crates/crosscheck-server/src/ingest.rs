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

/// Store a document with its claims.
pub fn store_claims(
    store: &mut SqliteStore,
    doc: &Document,
    claims: &[Claim],
    summary: &mut IngestSummary,
) -> Result<(), StoreError> {
    match store.add_document(doc, claims)? {
        AddOutcome::Added => {
            summary.added += 1;
            summary.claims += claims.len();
        }
        AddOutcome::Unchanged => summary.unchanged += 1,
        AddOutcome::NewVersion { .. } => {
            summary.added += 1;
            summary.versions += 1;
            summary.claims += claims.len();
        }
    }
    Ok(())
}

/// Recompute every incident from the stored claims; the number of incidents.
pub fn relink(store: &mut SqliteStore) -> Result<usize, StoreError> {
    let claims = store.claims()?;
    let texts = store.texts()?;
    let sources: Vec<crosscheck_link::sources::Source<'_>> = texts
        .iter()
        .map(|(id, outlet, text)| crosscheck_link::sources::Source { document: id, outlet: outlet.as_deref(), text })
        .collect();
    let incidents = crosscheck_link::link(&claims, &sources).incidents;
    store.replace_incidents(&incidents)?;
    Ok(incidents.len())
}
