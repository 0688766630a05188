//! Saved web pages: the main text, and what the page says about itself.
//!
//! The main text is found by a readability.js port (`dom_smoothie`): navigation, "Related
//! posts", share widgets, cookie notices and comments are dropped. The title becomes the first
//! line of the document's text, then the paragraphs. The publication date comes from
//! `article:published_time`, JSON-LD `datePublished` or `<time datetime>` (as readability reads
//! them), the outlet from `og:site_name`, the source from the canonical URL. The raw bytes are
//! kept untouched as the evidence copy (`DocMeta::original`) and the document id is their hash;
//! claims' spans point into the extracted text, which is stored beside them.
//!
//! The encoding is the one the page declares (`<meta charset>`, `http-equiv` content type) or a
//! byte-order mark; a page with none is read as UTF-8 and, if that fails, as Windows-1252.

use chrono::NaiveDate;
use crosscheck_model::DocMeta;

use crate::{TextError, parse_text, sha256_hex};

/// Whether bytes look like an HTML page.
pub fn looks_like_html(bytes: &[u8]) -> bool {
    let head: Vec<u8> = bytes.iter().take(2048).map(u8::to_ascii_lowercase).collect();
    let start = head.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(0);
    let head = &head[start..];
    head.starts_with(b"<!doctype html")
        || head.starts_with(b"<html")
        || (head.starts_with(b"<") && contains(head, b"<body"))
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// The page's declared encoding, if any.
fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head: String = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_lowercase();
    let i = head.find("charset=")? + 8;
    let label: String = head[i..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    encoding_rs::Encoding::for_label(label.as_bytes())
}

/// Decode a page to UTF-8: BOM, declared charset, UTF-8, else Windows-1252.
pub fn decode(bytes: &[u8]) -> String {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        return enc.decode_without_bom_handling(&bytes[bom..]).0.into_owned();
    }
    if let Some(enc) = declared_charset(bytes).filter(|e| *e != encoding_rs::UTF_8) {
        return enc.decode_without_bom_handling(bytes).0.into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes).0.into_owned(),
    }
}

fn collapse(text: &str) -> String {
    let mut out = Vec::new();
    for para in text.split('\n') {
        let line = para.split_whitespace().collect::<Vec<_>>().join(" ");
        if !line.is_empty() {
            out.push(line);
        }
    }
    out.join("\n\n")
}

/// Extract a page into a document: its main text, title, date, outlet and canonical URL.
pub fn parse_html(bytes: &[u8], source: Option<String>) -> Result<crosscheck_model::Document, String> {
    let html = decode(bytes);
    let cfg = dom_smoothie::Config { text_mode: dom_smoothie::TextMode::Formatted, ..Default::default() };
    let mut r = dom_smoothie::Readability::new(html.as_str(), None, Some(cfg))
        .map_err(|e| format!("not a readable page: {e}"))?;
    let article = r.parse().map_err(|e| format!("no main text found: {e}"))?;
    let body = collapse(&article.text_content);
    if body.is_empty() {
        return Err("no main text found".into());
    }
    let title = article.title.trim();
    let text = if title.is_empty() || body.starts_with(title) { body } else { format!("{title}\n\n{body}") };
    let mut doc = parse_text(text.as_bytes(), source.clone()).map_err(|e| match e {
        TextError::Empty => "no main text found".to_string(),
        other => format!("{other:?}"),
    })?;
    doc.id = sha256_hex(bytes);
    let published =
        article.published_time.as_deref().and_then(|t| NaiveDate::parse_from_str(t.get(..10)?, "%Y-%m-%d").ok());
    doc.meta = DocMeta {
        source: article.url.clone().or(source),
        outlet: article.site_name.clone().map(|s| s.trim().to_string()).filter(|s| !s.is_empty()),
        published,
        language: article.lang.clone(),
        dateline: doc.meta.dateline.take(),
        original: Some(bytes.to_vec()),
    };
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html><html lang="en"><head><meta charset="windows-1252">
<title>Gunmen kill 12 in Boni | Sahel Times</title>
<meta property="og:site_name" content="Sahel Times">
<meta property="article:published_time" content="2022-05-02T08:00:00Z">
<link rel="canonical" href="https://sahel.example/boni-attack">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>Gunmen kill 12 in Boni</h1>
<p>Gunmen on motorcycles attacked the village of Boni in central Mali on Sunday, killing at least 12 civilians and wounding nine others, local officials said on Monday.</p>
<p>The attackers set fire to the market and several houses before fleeing towards the border with Burkina Faso, a local official told the Sahel Times by telephone.</p>
<p>The region has been plagued by jihadist violence since 2015, and attacks on villages have increased this year according to the United Nations mission in the country.</p>
</article>
<aside class="related-posts"><h3>Related posts</h3><ul><li><a href="/x">Another story</a></li></ul></aside>
<div class="share-buttons">Share on Facebook Share on Twitter</div>
<footer>Caf\xe9 cookies notice &copy; 2022</footer>
</body></html>"#;

    #[test]
    fn the_main_text_title_date_and_outlet_of_a_page() {
        let bytes: Vec<u8> = PAGE.replace("\\xe9", "\u{e9}").bytes().collect();
        let d = parse_html(&bytes, Some("page.html".into())).unwrap();
        assert!(d.text.starts_with("Gunmen kill 12 in Boni"), "{}", d.text);
        assert!(d.text.contains("killing at least 12 civilians"));
        assert!(
            !d.text.contains("Related posts") && !d.text.contains("Share on Facebook") && !d.text.contains("Home"),
            "{}",
            d.text
        );
        assert_eq!(d.meta.published, NaiveDate::from_ymd_opt(2022, 5, 2));
        assert_eq!(d.meta.outlet.as_deref(), Some("Sahel Times"));
        assert_eq!(d.meta.original.as_deref(), Some(&bytes[..]));
        assert_eq!(d.id, sha256_hex(&bytes));
    }

    #[test]
    fn encodings_become_utf8() {
        assert_eq!(decode(b"<meta charset=\"windows-1252\">Caf\xe9"), "<meta charset=\"windows-1252\">Café");
        assert_eq!(decode(b"<p>Caf\xe9</p>"), "<p>Café</p>");
        let utf16: Vec<u8> =
            [0xFF, 0xFE].into_iter().chain("<p>Ségou</p>".encode_utf16().flat_map(|u| u.to_le_bytes())).collect();
        assert_eq!(decode(&utf16), "<p>Ségou</p>");
        assert!(looks_like_html(b"  <!DOCTYPE html><html>"));
        assert!(!looks_like_html(b"Gunmen killed ten people."));
    }
}
