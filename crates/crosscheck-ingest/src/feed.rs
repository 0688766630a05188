//! RSS 2.0 and Atom feeds: each item becomes a document.
//!
//! An item's text is its title, then its content (else its summary), with HTML reduced to its
//! text. Its date is its publication (else update) date, its source its first link, its outlet
//! the feed's title. The evidence copy kept for an item is its own fields as JSON (the feed file
//! holds many items), and the document id is their hash. A DOCTYPE in a feed is refused before
//! parsing: entity expansion ("billion laughs") and external entities are never resolved.

use crosscheck_model::{DocMeta, Document};

use crate::{parse_text, sha256_hex};

/// Whether bytes look like an RSS or Atom feed.
pub fn looks_like_feed(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_lowercase();
    let t = head.trim_start();
    (t.starts_with("<?xml") || t.starts_with("<rss") || t.starts_with("<feed") || t.starts_with("<!doctype"))
        && (head.contains("<rss") || head.contains("<feed") || head.contains("<rdf:rdf"))
}

fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = out
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One item: its label (`feed.xml#3`) and its document, or why it could not be read.
pub type Item = (String, Result<Document, String>);

/// The items of a feed as documents.
pub fn parse_feed(bytes: &[u8], label: &str) -> Result<Vec<Item>, String> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_lowercase();
    if head.contains("<!doctype") || head.contains("<!entity") {
        return Err("a DOCTYPE in a feed is refused (entities are never expanded)".into());
    }
    let feed = feed_rs::parser::parse(bytes).map_err(|e| format!("not a valid RSS or Atom feed: {e}"))?;
    let outlet = feed.title.as_ref().map(|t| t.content.trim().to_string()).filter(|t| !t.is_empty());
    let mut out = Vec::new();
    for (n, e) in feed.entries.iter().enumerate() {
        let item_label = format!("{label}#{}", n + 1);
        let title = e.title.as_ref().map(|t| strip_tags(&t.content)).unwrap_or_default();
        let body = e
            .content
            .as_ref()
            .and_then(|c| c.body.as_deref())
            .map(strip_tags)
            .filter(|b| !b.is_empty())
            .or_else(|| e.summary.as_ref().map(|s| strip_tags(&s.content)))
            .unwrap_or_default();
        let text = match (title.is_empty(), body.is_empty()) {
            (_, true) if title.is_empty() => String::new(),
            (false, false) if !body.starts_with(&title) => format!("{title}\n\n{body}"),
            (false, true) => title.clone(),
            _ => body.clone(),
        };
        let link = e.links.first().map(|l| l.href.clone());
        let date = e.published.or(e.updated).map(|d| d.date_naive());
        let original = serde_json::json!({
            "feed": label, "id": e.id, "title": title, "link": link, "date": date.map(|d| d.to_string()), "text": body,
        })
        .to_string()
        .into_bytes();
        let result = parse_text(text.as_bytes(), link.clone().or(Some(item_label.clone())))
            .map_err(|_| "an item with no title or text".to_string())
            .map(|mut doc| {
                doc.id = sha256_hex(&original);
                doc.meta = DocMeta {
                    source: link.clone().or(Some(item_label.clone())),
                    outlet: outlet.clone(),
                    published: date,
                    language: e.language.clone().or(feed.language.clone()),
                    dateline: doc.meta.dateline.take(),
                    original: Some(original.clone()),
                };
                doc
            });
        out.push((item_label, result));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_and_atom_items_become_documents() {
        let rss = br#"<?xml version="1.0"?><rss version="2.0"><channel><title>Sahel Wire</title>
<item><title>Gunmen kill 12 in Boni</title><link>https://x/1</link><pubDate>Mon, 02 May 2022 08:00:00 GMT</pubDate>
<description>&lt;p&gt;Gunmen killed 12 civilians in Boni on Sunday, officials said.&lt;/p&gt;</description></item>
<item><title></title><description></description></item>
</channel></rss>"#;
        assert!(looks_like_feed(rss));
        let items = parse_feed(rss, "wire.xml").unwrap();
        assert_eq!(items.len(), 2);
        let d = items[0].1.as_ref().unwrap();
        assert_eq!(d.text, "Gunmen kill 12 in Boni\n\nGunmen killed 12 civilians in Boni on Sunday, officials said.");
        assert_eq!(
            (d.meta.outlet.as_deref(), d.meta.published.map(|p| p.to_string())),
            (Some("Sahel Wire"), Some("2022-05-02".into()))
        );
        assert!(items[1].1.is_err());
        let atom = br#"<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Radio</title><id>r</id><updated>2022-05-03T00:00:00Z</updated>
<entry><title>Attack in Gao</title><id>e1</id><updated>2022-05-03T09:00:00Z</updated><link href="https://r/2"/><summary>Five soldiers were killed near Gao on Monday.</summary></entry></feed>"#;
        let a = parse_feed(atom, "radio.atom").unwrap();
        assert!(a[0].1.as_ref().unwrap().text.contains("Five soldiers were killed"));
    }

    #[test]
    fn a_doctype_bomb_is_refused_before_parsing() {
        let bomb = br#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><rss><channel><title>&lol2;</title></channel></rss>"#;
        assert!(parse_feed(bomb, "bomb.xml").unwrap_err().contains("DOCTYPE"));
        assert!(parse_feed(b"<rss><channel><item>", "broken.xml").is_err());
    }
}
