//! Throughput of `analyze` (every NLP stage and the frame) on one core.
//!
//! Inputs: the team-written demo corpus (always), and the news-dev articles from `../shared`
//! when present. Each iteration asserts the number of claims, so a benchmark never measures a
//! pipeline that silently stopped finding anything (after tantivy's `benches/analyzer.rs`).
//! Run with `cargo bench -p crosscheck-nlp`; `crosscheck bench PATH` reports articles/s and MB/s.

use chrono::NaiveDate;
use crosscheck_model::{DocMeta, Document};
use crosscheck_nlp::{CLAIMS_ONLY, Resources, analyze_with};

fn main() {
    divan::main();
}

fn doc(text: &str) -> Document {
    Document {
        id: "0".repeat(64),
        text: text.to_string(),
        body_start: 0,
        meta: DocMeta { published: NaiveDate::from_ymd_opt(2024, 6, 1), ..DocMeta::default() },
    }
}

const DEMO: &[&str] = &[
    include_str!("../../crosscheck-cli/demo/01-sanakoro-attack.txt"),
    include_str!("../../crosscheck-cli/demo/03-garadji-airstrike.txt"),
    include_str!("../../crosscheck-cli/demo/05-wokoro-bus-bomb.txt"),
    include_str!("../../crosscheck-cli/demo/08-kossogou-clashes.txt"),
    include_str!("../../crosscheck-cli/demo/11-mandore-massacre.txt"),
];

fn news_dev() -> Vec<Document> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/news-dev/docs");
    let mut docs: Vec<Document> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .map(|t| doc(&t))
        .collect();
    docs.sort_by(|a, b| a.text.cmp(&b.text));
    docs
}

/// Analyse every document per iteration, asserting the claim count.
fn bench_docs(bencher: divan::Bencher, docs: &[Document]) {
    let res = Resources::builtin();
    let expected: usize = docs.iter().map(|d| analyze_with(d, &res, &CLAIMS_ONLY).claims.len()).sum();
    assert!(expected > 0, "the corpus yields claims");
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    bencher.counter(divan::counter::BytesCount::new(bytes)).bench(|| {
        let n: usize = docs.iter().map(|d| analyze_with(divan::black_box(d), &res, &CLAIMS_ONLY).claims.len()).sum();
        assert_eq!(n, expected);
    });
}

#[divan::bench]
fn demo_corpus(bencher: divan::Bencher) {
    let docs: Vec<Document> = DEMO.iter().map(|t| doc(t)).collect();
    bench_docs(bencher, &docs);
}

#[divan::bench]
fn news_dev_corpus(bencher: divan::Bencher) {
    let docs = news_dev();
    if !docs.is_empty() {
        bench_docs(bencher, &docs);
    }
}

#[divan::bench]
fn load_lexicons() -> Resources {
    Resources::builtin()
}
