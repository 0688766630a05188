//! The bundled demo corpus: twelve short, team-written, illustrative articles (no real events).
//! See `demo/README.md`.

/// Printed before the demo's output.
pub const BANNER: &str =
    "crosscheck demo: the articles are ILLUSTRATIVE, written by the crosscheck team; they describe no real events.";

/// (file name, text) of each demo article.
pub const ARTICLES: &[(&str, &str)] = &[
    ("01-sanakoro-attack.txt", include_str!("../demo/01-sanakoro-attack.txt")),
    ("02-sanakoro-residents.txt", include_str!("../demo/02-sanakoro-residents.txt")),
    ("03-garadji-airstrike.txt", include_str!("../demo/03-garadji-airstrike.txt")),
    ("04-garadji-airstrike-copy.txt", include_str!("../demo/04-garadji-airstrike-copy.txt")),
    ("05-wokoro-bus-bomb.txt", include_str!("../demo/05-wokoro-bus-bomb.txt")),
    ("06-timbela-abductions.txt", include_str!("../demo/06-timbela-abductions.txt")),
    ("07-noumbala-protest.txt", include_str!("../demo/07-noumbala-protest.txt")),
    ("08-kossogou-clashes.txt", include_str!("../demo/08-kossogou-clashes.txt")),
    ("09-bellare-detainees.txt", include_str!("../demo/09-bellare-detainees.txt")),
    ("10-tiralla-withdrawal.txt", include_str!("../demo/10-tiralla-withdrawal.txt")),
    ("11-mandore-massacre.txt", include_str!("../demo/11-mandore-massacre.txt")),
    ("12-sekouna-drone-strike.txt", include_str!("../demo/12-sekouna-drone-strike.txt")),
];
