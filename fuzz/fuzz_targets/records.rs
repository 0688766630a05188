//! Format detection and the multi-record readers (JSON Lines, CSV exports, gzip, zip, feeds,
//! HTML, text) on any bytes, with small limits: records or failures with reasons.
#![no_main]

use crosscheck_ingest::ReadConfig;
use crosscheck_ingest::records::{FieldMap, read_bytes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let cfg = ReadConfig { max_bytes: 1 << 20, max_records: 1000, ..ReadConfig::default() };
    let mut n = 0;
    for r in read_bytes("fuzz-input", data.to_vec(), &cfg, &FieldMap::default()) {
        n += 1;
        if let Ok(doc) = r.result {
            assert!(doc.text.len() as u64 <= cfg.max_bytes * 4);
        }
    }
    assert!(n <= cfg.max_records + 1, "at most max_records records and one refusal");
});
