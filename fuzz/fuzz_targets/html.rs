//! The HTML main-text extractor on any bytes: a document whose spans lie inside its text, or a
//! reason.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = crosscheck_ingest::html::parse_html(data, Some("fuzz.html".into())) {
        assert!(!doc.id.is_empty());
        if let Some(d) = &doc.meta.dateline {
            assert!(doc.text.get(d.span.start..d.span.end).is_some());
        }
    }
});
