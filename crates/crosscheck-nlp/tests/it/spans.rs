//! Every claim's span satisfies `&text[span] == quote`, and every figure's span lies inside the
//! text on character boundaries: on generated articles, on arbitrary strings, and on every real
//! article in `../shared/data/news-dev` when it is present. See: issue #2.

use chrono::NaiveDate;
use crosscheck_model::{DocMeta, Document};
use crosscheck_nlp::{Resources, analyze};
use proptest::prelude::*;

fn doc(text: &str) -> Document {
    Document {
        id: "0".repeat(64),
        text: text.to_string(),
        body_start: 0,
        meta: DocMeta { published: NaiveDate::from_ymd_opt(2022, 9, 3), ..DocMeta::default() },
    }
}

fn check_spans(text: &str, res: &Resources) -> usize {
    let a = analyze(&doc(text), res);
    for c in &a.claims {
        assert_eq!(&text[c.span.start..c.span.end], c.quote, "claim span in {text:?}");
        for f in c.figures.values() {
            assert!(
                f.span.end <= text.len() && text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end)
            );
        }
        if let Some(p) = &c.place {
            assert!(text.get(p.span.start..p.span.end).is_some(), "place span in {text:?}");
        }
    }
    for s in &a.sentences {
        assert!(text.get(s.span.start..s.span.end).is_some());
    }
    a.claims.len()
}

const FRAGMENTS: &[&str] = &[
    "At least 50 civilians were killed in Hombori on Friday, the UN mission said.",
    "\"More than 500 others were arrested,\" it said in a report.",
    "The army said on April 22 that it had killed 18 \"attackers\" and detained 611 people.",
    "The junta rejected the \"biased\" allegations.",
    "Two died from torture, MINUSMA said.",
    "A roadside bomb hit a convoy near Ménaka — three soldiers died.",
    "Des dizaines de civils ont été tués à Moura, selon HRW.",
    "Gunmen abducted about 40 women three days earlier.",
    "No civilians were killed, the ministry said.",
    "« Aucun civil » n’a été tué…",
    "Dozens of people fled their homes.",
    "The conflict has claimed thousands of lives since 2012.",
    "Sept. 3 (Wire) :",
    "Col. A. Maïga said: 20 bodies were found.",
];

fn article() -> impl Strategy<Value = String> {
    prop::collection::vec((0..FRAGMENTS.len(), prop::sample::select(vec![" ", "\n", "\n\n", "  ", " — "])), 1..12)
        .prop_map(|parts| parts.into_iter().map(|(i, sep)| format!("{}{sep}", FRAGMENTS[i])).collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn generated_articles_keep_spans(text in article()) {
        let res = Resources::builtin();
        check_spans(&text, &res);
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,300}") {
        let res = Resources::builtin();
        check_spans(&text, &res);
    }
}

#[test]
fn real_articles_keep_spans() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/news-dev/docs");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        println!("NOTICE: {} is absent; skipping", dir.display());
        return;
    };
    let res = Resources::builtin();
    let mut claims = 0;
    let mut files = 0;
    for e in entries.flatten() {
        let text = std::fs::read_to_string(e.path()).unwrap();
        claims += check_spans(&text, &res);
        files += 1;
    }
    assert!(files >= 50, "news-dev has 58 articles, read {files}");
    assert!(claims > 0, "some claims come out of real articles");
}
