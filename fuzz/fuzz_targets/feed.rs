//! The RSS/Atom reader on any bytes: items or a reason, never an entity expansion.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = crosscheck_ingest::feed::looks_like_feed(data);
    if let Ok(items) = crosscheck_ingest::feed::parse_feed(data, "fuzz.xml") {
        for doc in items.into_iter().filter_map(|(_, r)| r.ok()) {
            assert!(doc.text.len() <= data.len() * 4 + 1024, "an item's text cannot outgrow its feed");
        }
    }
});
