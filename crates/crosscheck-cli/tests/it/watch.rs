//! Issue 6, live monitoring: `watch` against a real HTTP server on 127.0.0.1 serving a saved
//! feed, a broken URL and a redirect. No test reaches the internet.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

use crate::{ok, run};

const FEED: &str = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Sahel Wire</title>
<item><title>Gunmen kill 12 in Boni</title><link>http://wire.example/1</link><pubDate>Mon, 02 May 2022 08:00:00 GMT</pubDate>
<description>Gunmen killed 12 civilians in the village of Boni in central Mali on Sunday, officials said.</description></item>
<item><title>Soldiers killed near Gao</title><link>http://wire.example/2</link><pubDate>Tue, 03 May 2022 08:00:00 GMT</pubDate>
<description>Five soldiers were killed in an ambush near Gao on Monday, the army said.</description></item>
</channel></rss>"#;

/// Serve the feed (ETag "v1", 304 when it matches), a 500, and a 301 to the feed, one request
/// per connection (`Connection: close`, so the client does not reuse it); record each
/// request's first line and If-None-Match.
fn serve() -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let log = log.clone();
            std::thread::spawn(move || answer(stream, &log));
        }
    });
    (base, seen)
}

/// Answer one request of [`serve`].
fn answer(stream: std::net::TcpStream, log: &Mutex<Vec<String>>) {
    {
        {
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut first = String::new();
            let _ = reader.read_line(&mut first);
            let mut inm = None;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                if let Some(v) = line.to_ascii_lowercase().strip_prefix("if-none-match:") {
                    inm = Some(v.trim().to_string());
                }
            }
            log.lock().unwrap().push(format!("{} inm={}", first.trim(), inm.clone().unwrap_or_default()));
            let path = first.split_whitespace().nth(1).unwrap_or("/").to_string();
            let resp = match path.as_str() {
                "/feed.xml" if inm.as_deref() == Some("\"v1\"") => {
                    "HTTP/1.1 304 Not Modified\r\nConnection: close\r\nContent-Length: 0\r\n\r\n".to_string()
                }
                "/feed.xml" => format!(
                    "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: application/rss+xml\r\nETag: \"v1\"\r\nContent-Length: {}\r\n\r\n{FEED}",
                    FEED.len()
                ),
                "/slow" => {
                    // Slower than the client's timeout in the test that asks for it.
                    std::thread::sleep(std::time::Duration::from_secs(30));
                    format!("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: {}\r\n\r\n{FEED}", FEED.len())
                }
                "/moved" => {
                    "HTTP/1.1 301 Moved Permanently\r\nConnection: close\r\nLocation: /feed.xml\r\nContent-Length: 0\r\n\r\n".to_string()
                }
                _ => "HTTP/1.1 500 Internal Server Error\r\nConnection: close\r\nContent-Length: 0\r\n\r\n".to_string(),
            };
            let mut s = stream;
            let _ = s.write_all(resp.as_bytes());
        }
    }
}

#[test]
fn watch_ingests_new_items_and_asks_only_for_changes() {
    let (base, seen) = serve();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.db");
    let feed = format!("{base}/feed.xml");
    let broken = format!("{base}/broken");
    let out = run(&db, &["watch", "--once", &feed, &broken]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("2 new") && err.contains("HTTP 500"), "{err}");
    assert_eq!(ok(run(&db, &["documents"])).lines().count(), 2);
    // A restart: the store remembers the ETag, the server answers 304.
    let out = run(&db, &["watch", "--once", &feed]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("not modified"));
    assert!(seen.lock().unwrap().iter().any(|r| r.starts_with("GET /feed.xml") && r.contains("\"v1\"")));
    // A URL given to ingest, through a redirect: the same items, nothing new.
    let out = run(&db, &["ingest", &format!("{base}/moved")]);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("0 new, 2 unchanged"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let incs = crate::incidents(&db);
    assert!(incs.iter().any(|i| i["claims"][0]["figures"]["killed"]["min"] == 12));
}

/// A server slower than `--timeout` is one failure with the reason, and the run goes on.
#[test]
fn a_slow_server_times_out_and_the_other_inputs_are_still_read() {
    let (base, _) = serve();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let out = run(&db, &["ingest", "--timeout", "1", &format!("{base}/slow"), &format!("{base}/feed.xml")]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("/slow") && err.contains("timed out"), "{err}");
    assert!(err.contains("2 new") && err.contains("1 failed"), "{err}");
}

/// `watch --follow`: the item's linked page is fetched and read instead of its summary.
#[test]
fn follow_reads_each_items_page() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let feed = format!(
        r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item><title>Attack</title><link>{base}/page.html</link><description>Short summary.</description></item></channel></rss>"#
    );
    let page = "<!DOCTYPE html><html><head><title>Gunmen kill 12 in Boni</title></head><body><article><p>Gunmen on motorcycles attacked the village of Boni in central Mali on Sunday, killing at least 12 civilians, local officials said.</p><p>The attackers set fire to the market before fleeing towards the border, a local official said by telephone on Monday.</p><p>The region has been plagued by violence since 2015, according to the United Nations mission.</p></article></body></html>".to_string();
    let feed_file = feed.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut first = String::new();
            let _ = reader.read_line(&mut first);
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
            }
            let body = if first.contains("/page.html") { &page } else { &feed };
            let mut s = stream;
            let _ = write!(s, "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: {}\r\n\r\n{body}", body.len());
        }
    });
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("f.db");
    let out = run(&db, &["watch", "--once", "--follow", &format!("{base}/feed.xml")]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let incs = crate::incidents(&db);
    let claim =
        incs.iter().flat_map(|i| i["claims"].as_array().unwrap().iter()).find(|c| c["figures"]["killed"]["min"] == 12);
    assert!(claim.is_some_and(|c| c["quote"].as_str().unwrap().starts_with("Gunmen on motorcycles")), "{incs:?}");
    // `ingest --follow` does the same for a saved feed file.
    let saved = dir.path().join("saved.xml");
    std::fs::write(&saved, feed_file).unwrap();
    let db2 = dir.path().join("g.db");
    ok(run(&db2, &["ingest", "--follow", saved.to_str().unwrap()]));
    let docs = ok(run(&db2, &["documents"]));
    assert!(docs.contains("/page.html") && !docs.contains("saved.xml"), "{docs}");
}
