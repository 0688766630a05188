//! Integration tests of the NLP core: span invariants as properties, on generated and real text.

mod collection;
mod french;
mod places;
mod spans;
