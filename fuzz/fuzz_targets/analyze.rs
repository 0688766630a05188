//! The whole analysis of one document on any text: claims whose evidence spans lie inside it.
#![no_main]

use std::sync::OnceLock;

use crosscheck_nlp::Resources;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    static RES: OnceLock<Resources> = OnceLock::new();
    let res = RES.get_or_init(Resources::builtin);
    let Ok(doc) = crosscheck_ingest::parse_text(data, None) else { return };
    let analysis = crosscheck_nlp::analyze(&doc, res);
    for c in &analysis.claims {
        assert_eq!(doc.text.get(c.span.start..c.span.end), Some(c.quote.as_str()), "the quote is the text at its span");
        assert_eq!(c.document, doc.id);
    }
});
