//! Fetching URLs: a real HTTP client (reqwest with rustls), with a clear User-Agent, timeouts,
//! a redirect limit, a size limit, and conditional GET (ETag, Last-Modified).

use std::io::Read;
use std::time::Duration;

/// The User-Agent crosscheck sends.
pub const USER_AGENT: &str = concat!(
    "crosscheck/",
    env!("CARGO_PKG_VERSION"),
    " (conflict-reporting cross-checker; +https://github.com/crosscheck)"
);

/// What a fetch returned.
#[derive(Debug)]
pub enum Fetched {
    /// 304: unchanged since the validators given.
    NotModified,
    /// The body, with the validators to send next time and the final URL after redirects.
    Body {
        /// The bytes (at most the limit).
        bytes: Vec<u8>,
        /// `ETag`, if any.
        etag: Option<String>,
        /// `Last-Modified`, if any.
        last_modified: Option<String>,
        /// Where the content came from after redirects.
        url: String,
    },
}

/// An HTTP client.
pub struct Client {
    http: reqwest::blocking::Client,
    max_bytes: u64,
    timeout: Duration,
}

impl Client {
    /// A client with a per-request timeout and a body size limit.
    pub fn new(timeout: Duration, max_bytes: u64) -> Result<Client, String> {
        let http = reqwest::blocking::Client::builder()
            .user_agent(USER_AGENT)
            .timeout(timeout)
            .connect_timeout(timeout)
            .redirect(reqwest::redirect::Policy::limited(5))
            .build()
            .map_err(|e| format!("cannot build the HTTP client: {e}"))?;
        Ok(Client { http, max_bytes, timeout })
    }

    /// GET `url`, sending the validators of an earlier fetch.
    pub fn get(&self, url: &str, etag: Option<&str>, last_modified: Option<&str>) -> Result<Fetched, String> {
        let mut req = self.http.get(url);
        if let Some(e) = etag {
            req = req.header(reqwest::header::IF_NONE_MATCH, e);
        }
        if let Some(l) = last_modified {
            req = req.header(reqwest::header::IF_MODIFIED_SINCE, l);
        }
        let resp = req.send().map_err(|e| self.describe(url, &e))?;
        let status = resp.status();
        if status == reqwest::StatusCode::NOT_MODIFIED {
            return Ok(Fetched::NotModified);
        }
        if !status.is_success() {
            return Err(format!("{url}: HTTP {status}"));
        }
        let header =
            |h: reqwest::header::HeaderName| resp.headers().get(h).and_then(|v| v.to_str().ok()).map(str::to_string);
        let (etag, last_modified) = (header(reqwest::header::ETAG), header(reqwest::header::LAST_MODIFIED));
        let final_url = resp.url().to_string();
        let mut bytes = Vec::new();
        resp.take(self.max_bytes + 1).read_to_end(&mut bytes).map_err(|e| {
            match e.get_ref().and_then(|r| r.downcast_ref::<reqwest::Error>()) {
                Some(re) => self.describe(url, re),
                None => format!("{url}: reading the body: {e}"),
            }
        })?;
        if bytes.len() as u64 > self.max_bytes {
            return Err(format!("{url}: larger than {} bytes (see --max-bytes)", self.max_bytes));
        }
        Ok(Fetched::Body { bytes, etag, last_modified, url: final_url })
    }
}

impl Client {
    /// A failed request in words: the timeout, or the innermost cause (refused connection, DNS).
    fn describe(&self, url: &str, e: &reqwest::Error) -> String {
        if e.is_timeout() {
            return format!("{url}: timed out after {} s (see --timeout)", self.timeout.as_secs_f64());
        }
        let mut cause: &dyn std::error::Error = e;
        while let Some(inner) = cause.source() {
            cause = inner;
        }
        format!("{url}: {e}: {cause}")
    }
}

/// Whether a path argument is a URL.
pub fn is_url(s: &str) -> bool {
    s.starts_with("http://") || s.starts_with("https://")
}
