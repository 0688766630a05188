//! `crosscheck serve`: the JSON API and the analyst's web page, on axum and tokio.
//!
//! [`app`] builds the whole [`Router`]; tests call it with `oneshot`, and [`serve`] binds it to an
//! address. The store is SQLite: each request takes a connection from a small pool and runs its
//! queries on a blocking thread. This crate alone decides the JSON shapes of the API
//! ([`api`]); the web page (`assets/`) is embedded in the binary and needs no build step and no
//! network.
//!
//! **Security.** Article text is hostile. The page builds its DOM with `textContent` only, and
//! every response carries a Content-Security-Policy without inline script, `nosniff` and a
//! referrer policy. Writes need a bearer token whose SHA-256 is in the store, with the role the
//! write needs (analyst: ingest; admin: tokens); reads may require one too
//! (`--read-token-required`). Every write goes to the audit table.
#![deny(missing_docs)]

pub mod api;
pub mod ingest;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::http::{HeaderName, HeaderValue, header};
use axum::response::Response;
use crosscheck_nlp::Resources;
use crosscheck_store::{Role, SqliteStore, StoreError};
use sha2::{Digest, Sha256};

/// What every request shares.
pub struct AppState {
    db: PathBuf,
    pool: Mutex<Vec<SqliteStore>>,
    resources: Arc<Resources>,
    read_token_required: bool,
}

impl AppState {
    /// State over the database file `db`, analysing posted documents with `resources`.
    pub fn new(db: PathBuf, resources: Arc<Resources>, read_token_required: bool) -> Result<AppState, StoreError> {
        // Open once now (and migrate): a bad file fails at start, not on the first request.
        SqliteStore::open(&db)?;
        Ok(AppState { db, pool: Mutex::new(Vec::new()), resources, read_token_required })
    }

    /// Run `f` with a store connection on a blocking thread.
    pub(crate) async fn with_store<T: Send + 'static>(
        self: &Arc<Self>,
        f: impl FnOnce(&mut SqliteStore, &Resources) -> T + Send + 'static,
    ) -> Result<T, api::ApiError> {
        let state = self.clone();
        tokio::task::spawn_blocking(move || {
            let taken = state.pool.lock().ok().and_then(|mut p| p.pop());
            let mut store = match taken {
                Some(s) => s,
                None => SqliteStore::open(&state.db).map_err(api::ApiError::internal)?,
            };
            let out = f(&mut store, &state.resources);
            if let Ok(mut p) = state.pool.lock()
                && p.len() < 64
            {
                p.push(store);
            }
            Ok(out)
        })
        .await
        .map_err(api::ApiError::internal)?
    }
}

/// The SHA-256 (hex) of a token: what the store keeps.
pub fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// A new random token (256 bits, hex), with its hash.
pub fn new_token() -> Result<(String, String), getrandom::Error> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)?;
    let token = format!("cc_{}", bytes.iter().map(|b| format!("{b:02x}")).collect::<String>());
    let hash = token_hash(&token);
    Ok((token, hash))
}

/// Create a token with a role in the store at `db`; the token (shown once).
pub fn create_token(db: &std::path::Path, role: Role) -> anyhow::Result<String> {
    let mut store = SqliteStore::open(db)?;
    let (token, hash) = new_token().map_err(|e| anyhow::anyhow!("no randomness for a token: {e}"))?;
    let id = store.add_token(&hash, role)?;
    store.audit(
        None,
        Role::Admin,
        "token.create",
        &format!("token {id} with role {} (from the command line)", role.as_str()),
    )?;
    Ok(token)
}

/// The Content-Security-Policy of every response: no inline script or style, nothing from
/// elsewhere.
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

async fn security_headers(mut res: Response) -> Response {
    let h = res.headers_mut();
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(HeaderName::from_static("cross-origin-opener-policy"), HeaderValue::from_static("same-origin"));
    res
}

/// The whole application: the API under `/api`, the page and its assets.
pub fn app(state: Arc<AppState>) -> Router {
    api::routes()
        .with_state(state)
        .layer(axum::extract::DefaultBodyLimit::max(8 * 1024 * 1024))
        .layer(axum::middleware::map_response(security_headers))
}

/// Serve `app` on `addr` until Ctrl-C.
pub async fn serve(addr: std::net::SocketAddr, state: Arc<AppState>) -> anyhow::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    eprintln!("crosscheck: serving http://{} (Ctrl-C to stop)", listener.local_addr()?);
    serve_on(listener, state).await
}

/// Serve `app` on a bound listener until Ctrl-C.
pub async fn serve_on(listener: tokio::net::TcpListener, state: Arc<AppState>) -> anyhow::Result<()> {
    axum::serve(listener, app(state))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    Ok(())
}
