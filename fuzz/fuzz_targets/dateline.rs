//! The wire-dateline parser ("BAMAKO, April 5 (Reuters) -") on any text, at any start offset.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let published = chrono::NaiveDate::from_ymd_opt(2022, 4, 5);
    // Any start offset, on a char boundary or not: the parser must answer None, not panic.
    let start = first as usize % (text.len() + 1);
    if let Some(d) = crosscheck_ingest::parse_dateline(text, start, published) {
        assert!(d.span.end <= text.len() && d.span.start <= d.span.end);
    }
    let _ = crosscheck_ingest::parse_text(rest, None);
});
