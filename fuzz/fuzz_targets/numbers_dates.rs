//! The number and date parsers on any sentence: spans inside the sentence, values in order.
#![no_main]

use std::sync::OnceLock;

use crosscheck_nlp::Resources;
use crosscheck_nlp::dates::{DateConfig, DateContext};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    static RES: OnceLock<Resources> = OnceLock::new();
    let res = RES.get_or_init(Resources::builtin);
    let Ok(text) = std::str::from_utf8(data) else { return };
    let toks = crosscheck_nlp::tokens::tokenize(text, 0);
    let cfg = DateConfig { reference: chrono::NaiveDate::from_ymd_opt(2022, 4, 5) };
    let mut ctx = DateContext::default();
    let dates = crosscheck_nlp::dates::find(&toks, res, &cfg, Some(2022), &mut ctx);
    let blocked: Vec<(usize, usize)> = dates.iter().map(|d| (d.start, d.end)).collect();
    for d in &dates {
        assert!(d.start <= d.end && d.end <= toks.len());
        assert!(text.get(d.span.start..d.span.end).is_some(), "date span inside the sentence");
    }
    for q in crosscheck_nlp::numbers::find(&toks, res, &blocked) {
        if let (Some(lo), Some(hi)) = (q.min, q.max) {
            assert!(lo <= hi, "a range reads low to high");
        }
    }
});
