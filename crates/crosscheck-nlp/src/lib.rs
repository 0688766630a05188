//! The pure NLP core of crosscheck.
//!
//! [`analyze`] turns one [`Document`](crosscheck_model::Document) into claims: sentences, dates,
//! numbers, places, actors, triggers, attribution and stance, all with byte spans into the
//! original text. This crate does no IO, knows no SQL, HTTP or JSON wire shapes, and cannot fail:
//! problems come back as warnings beside the results.
#![deny(missing_docs)]

pub mod actors;
pub mod attribution;
pub mod dates;
pub mod frame;
pub mod geocode;
pub mod gloss;
pub mod lexicon;
pub mod numbers;
pub mod pipeline;
pub mod places;
pub mod sentences;
pub mod tokens;

pub use geocode::Collection;
pub use lexicon::Resources;
pub use pipeline::{
    Analysis, AnalyzeConfig, CLAIMS_ONLY, Note, Notes, PlaceContext, SentenceAnalysis, analyze, analyze_collection,
    analyze_in, analyze_with, place_context,
};
