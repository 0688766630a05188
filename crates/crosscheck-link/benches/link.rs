//! Cross-document linking on synthetic claims (`crosscheck_link::synth`), one thread. Each
//! iteration checks that the claims are all accounted for. `crosscheck bench-link` runs the
//! 10 k / 100 k / 1 M series and reports peak RSS and the cost of one more article.

use divan::Bencher;

fn main() {
    divan::main();
}

#[divan::bench(args = [1_000, 10_000], sample_count = 10)]
fn link_synthetic(bencher: Bencher, n: usize) {
    let claims = crosscheck_link::synth::claims(n);
    bencher.bench(|| {
        let linked = crosscheck_link::link(divan::black_box(&claims), &[]);
        let total: usize = linked.incidents.iter().map(|i| i.claims.len()).sum();
        assert_eq!(total, claims.len(), "every claim is in one incident");
        linked.incidents.len()
    });
}
