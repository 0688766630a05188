//! The HTTP API through the real Router (`app(state).oneshot(...)`) over a real SQLite file:
//! every endpoint, filter and error, each response checked against `assets/openapi.json`.
//! See: issue #7.

mod batch;
mod relink;
mod schema;

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use crosscheck_server::{AppState, app, ingest};
use crosscheck_store::{Role, SqliteStore};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;

/// `../shared` beside the repository (CI has it), if present.
pub fn shared() -> Option<std::path::PathBuf> {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!("notice: ../shared is absent; this test needs its seed article and is skipped");
        None
    }
}

/// The seed article (`../shared/examples`), ingested and linked into a fresh database; the state
/// and the directory.
fn seeded(read_token_required: bool) -> Option<(Arc<AppState>, tempfile::TempDir)> {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("api.db");
    let res = Arc::new(crosscheck_nlp::Resources::builtin());
    let seed = std::fs::read(shared()?.join("examples/hombori-2022-09-03.txt")).unwrap();
    let mut store = SqliteStore::open(&db).unwrap();
    let doc = crosscheck_ingest::parse_text(&seed, Some("seed.txt".into())).unwrap();
    ingest::store_document(&mut store, &res, &doc, &mut ingest::IngestSummary::default()).unwrap();
    ingest::relink(&mut store).unwrap();
    Some((Arc::new(AppState::new(db, res, read_token_required).unwrap()), dir))
}

struct Reply {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: Value,
    text: String,
}

async fn call(state: &Arc<AppState>, req: Request<Body>) -> Reply {
    let res = app(state.clone()).oneshot(req).await.unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    Reply { status, headers, body, text }
}

async fn get(state: &Arc<AppState>, uri: &str) -> Reply {
    call(state, Request::get(uri).body(Body::empty()).unwrap()).await
}

async fn post(state: &Arc<AppState>, uri: &str, token: Option<&str>, body: &str) -> Reply {
    let mut req = Request::post(uri).header(header::CONTENT_TYPE, "application/json");
    if let Some(t) = token {
        req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    call(state, req.body(Body::from(body.to_string())).unwrap()).await
}

/// A 4xx with the one error shape and this code.
fn assert_error(r: &Reply, status: StatusCode, code: &str) {
    assert_eq!(r.status, status, "{}", r.text);
    assert_eq!(r.body["code"], code, "{}", r.text);
    assert!(r.body["message"].as_str().is_some_and(|m| !m.is_empty()));
    schema::check_response("/api/incidents", "get", "4XX", &r.body);
}

fn token(state_db: &std::path::Path, role: Role) -> String {
    crosscheck_server::create_token(state_db, role).unwrap()
}

#[tokio::test]
async fn incidents_list_filters_pages_and_refuses_bad_parameters() {
    let Some((state, _dir)) = seeded(false) else { return };
    let all = get(&state, "/api/incidents").await;
    assert_eq!(all.status, StatusCode::OK, "{}", all.text);
    schema::check_response("/api/incidents", "get", "200", &all.body);
    let n = all.body["incidents"].as_array().unwrap().len();
    assert!(n >= 3, "{}", all.text);
    // Filters narrow, and each returned row satisfies its filter.
    let mali = get(&state, "/api/incidents?country=mali&type=violence_against_civilians&contested=true").await;
    let rows = mali.body["incidents"].as_array().unwrap();
    assert!(!rows.is_empty());
    assert!(
        rows.iter().all(|r| r["country"] == "Mali"
            && r["contested"] == true
            && r["event_type"] == "violence_against_civilians")
    );
    let none = get(&state, "/api/incidents?country=Chad").await;
    assert_eq!(none.body["incidents"].as_array().unwrap().len(), 0);
    let text = get(&state, "/api/incidents?q=peacekeeping%20mission").await;
    assert!(!text.body["incidents"].as_array().unwrap().is_empty());
    assert!(get(&state, "/api/incidents?q=zebra").await.body["incidents"].as_array().unwrap().is_empty());
    let dated = get(&state, "/api/incidents?from=2022-04-19&to=2022-04-19").await;
    assert!(
        dated.body["incidents"].as_array().unwrap().iter().all(|r| r["date"]["start"].as_str() <= Some("2022-04-19"))
    );
    let by_actor = get(&state, "/api/incidents?actor=MINUSMA").await;
    assert!(!by_actor.body["incidents"].as_array().unwrap().is_empty());
    let graded = get(&state, "/api/incidents?grade=contested").await;
    assert!(graded.body["incidents"].as_array().unwrap().iter().all(|r| r["grade"] == "contested"));
    let boxed = get(&state, "/api/incidents?bbox=-20,0,20,30").await;
    assert_eq!(boxed.status, StatusCode::OK);
    // Sorted by killed, most first.
    let killed = get(&state, "/api/incidents?sort=-killed").await;
    let best: Vec<i64> = killed.body["incidents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["killed"]["best"].as_i64().unwrap_or(-1))
        .collect();
    assert!(best.windows(2).all(|w| w[0] >= w[1]), "{best:?}");
    // Pages of one: the cursor walks every incident once.
    let mut ids = Vec::new();
    let mut uri = "/api/incidents?limit=1".to_string();
    loop {
        let page = get(&state, &uri).await;
        ids.extend(page.body["incidents"].as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap().to_string()));
        match page.body["next_cursor"].as_str() {
            Some(c) => uri = format!("/api/incidents?limit=1&cursor={}", urlencode(c)),
            None => break,
        }
    }
    assert_eq!(ids.len(), n);
    ids.dedup();
    assert_eq!(ids.len(), n);
    // Errors: one shape, a precise message.
    let bad = get(&state, "/api/incidents?from=2022-13-01").await;
    assert_error(&bad, StatusCode::BAD_REQUEST, "invalid_parameter");
    assert!(bad.body["message"].as_str().unwrap().contains("\"2022-13-01\" is not a date"));
    assert_error(
        &get(&state, "/api/incidents?from=2022-05-01&to=2022-04-01").await,
        StatusCode::BAD_REQUEST,
        "invalid_date_range",
    );
    assert_error(&get(&state, "/api/incidents?colour=red").await, StatusCode::BAD_REQUEST, "unknown_parameter");
    assert_error(&get(&state, "/api/incidents?limit=0").await, StatusCode::BAD_REQUEST, "invalid_parameter");
    assert_error(&get(&state, "/api/incidents?bbox=1,2,3").await, StatusCode::BAD_REQUEST, "invalid_parameter");
    assert_error(&get(&state, "/api/incidents?type=massacre").await, StatusCode::BAD_REQUEST, "invalid_parameter");
    assert_error(&get(&state, "/api/incidents?grade=likely").await, StatusCode::BAD_REQUEST, "invalid_parameter");
    assert_error(&get(&state, "/api/incidents?contested=maybe").await, StatusCode::BAD_REQUEST, "invalid_parameter");
    assert_error(&get(&state, "/api/incidents?sort=place").await, StatusCode::BAD_REQUEST, "invalid_parameter");
    assert_error(&get(&state, "/api/incidents?cursor=garbage").await, StatusCode::BAD_REQUEST, "invalid_cursor");
    assert_error(&get(&state, "/api/nothing").await, StatusCode::NOT_FOUND, "not_found");
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") }
        })
        .collect()
}

#[tokio::test]
async fn an_incident_shows_claims_side_by_side_sources_ranges_and_grade() {
    let Some((state, _dir)) = seeded(false) else { return };
    let list = get(&state, "/api/incidents?sort=-killed&limit=1").await;
    let id = list.body["incidents"][0]["id"].as_str().unwrap().to_string();
    let inc = get(&state, &format!("/api/incidents/{id}")).await;
    assert_eq!(inc.status, StatusCode::OK, "{}", inc.text);
    schema::check_response("/api/incidents/{id}", "get", "200", &inc.body);
    let claims = inc.body["claims"].as_array().unwrap();
    let claimants: Vec<&str> = claims.iter().map(|c| c["claimant"].as_str().unwrap()).collect();
    assert!(claimants.contains(&"MINUSMA") && claimants.contains(&"Malian army"), "{claimants:?}");
    assert!(claims.iter().any(|c| c["stance"] == "denies"));
    let killed = inc.body["estimates"].as_array().unwrap().iter().find(|e| e["category"] == "killed").unwrap();
    assert!(!killed["best_claims"].as_array().unwrap().is_empty());
    assert!(inc.body["grade_reasons"].as_array().is_some_and(|r| !r.is_empty()));
    let doc = claims[0]["document"].as_str().unwrap();
    assert!(inc.body["documents"][doc].is_object(), "each claim's document is described");
    // A prefix works; an unknown id is a 404 in the error shape.
    assert_eq!(get(&state, &format!("/api/incidents/{}", &id[..8])).await.status, StatusCode::OK);
    assert_error(&get(&state, "/api/incidents/inc-nothing").await, StatusCode::NOT_FOUND, "not_found");
}

#[tokio::test]
async fn a_document_has_its_text_hash_and_evidence_spans() {
    let Some((state, _dir)) = seeded(false) else { return };
    let list = get(&state, "/api/incidents?limit=1").await;
    let id = list.body["incidents"][0]["id"].as_str().unwrap().to_string();
    let inc = get(&state, &format!("/api/incidents/{id}")).await;
    let doc_id = inc.body["claims"][0]["document"].as_str().unwrap();
    let doc = get(&state, &format!("/api/documents/{doc_id}")).await;
    assert_eq!(doc.status, StatusCode::OK, "{}", doc.text);
    schema::check_response("/api/documents/{id}", "get", "200", &doc.body);
    let text = doc.body["text"].as_str().unwrap();
    assert_eq!(doc.body["sha256"], doc_id);
    let spans = doc.body["spans"].as_array().unwrap();
    assert!(!spans.is_empty());
    for s in spans {
        let (a, b) = (s["start"].as_u64().unwrap() as usize, s["end"].as_u64().unwrap() as usize);
        assert_eq!(text.get(a..b), s["quote"].as_str(), "each span is its quote's bytes in the text");
        assert!(s["incident"].is_string(), "each span links to its incident");
    }
    assert_error(&get(&state, "/api/documents/ffff").await, StatusCode::NOT_FOUND, "not_found");
}

#[tokio::test]
async fn actors_places_and_stats_count_the_incidents() {
    let Some((state, _dir)) = seeded(false) else { return };
    let n = get(&state, "/api/incidents").await.body["incidents"].as_array().unwrap().len() as i64;
    let actors = get(&state, "/api/actors").await;
    schema::check_response("/api/actors", "get", "200", &actors.body);
    assert!(actors.body["actors"].as_array().unwrap().iter().any(|a| a["name"] == "MINUSMA"));
    let places = get(&state, "/api/places?limit=5").await;
    schema::check_response("/api/places", "get", "200", &places.body);
    assert!(places.body["places"].as_array().unwrap().iter().any(|p| p["name"] == "Hombori"));
    let stats = get(&state, "/api/stats?country=Mali").await;
    schema::check_response("/api/stats", "get", "200", &stats.body);
    let months: i64 = stats.body["by_month"].as_array().unwrap().iter().map(|m| m["incidents"].as_i64().unwrap()).sum();
    let types: i64 = stats.body["by_type"].as_array().unwrap().iter().map(|m| m["incidents"].as_i64().unwrap()).sum();
    assert_eq!(types, n);
    assert!(months <= n);
    assert_error(&get(&state, "/api/actors?limit=-1").await, StatusCode::BAD_REQUEST, "invalid_parameter");
    assert_error(&get(&state, "/api/places?sort=x").await, StatusCode::BAD_REQUEST, "unknown_parameter");
    assert_error(&get(&state, "/api/stats?cursor=x").await, StatusCode::BAD_REQUEST, "unknown_parameter");
}

#[tokio::test]
async fn writes_need_a_token_of_the_right_role_and_are_audited() {
    let Some((state, dir)) = seeded(false) else { return };
    let db = dir.path().join("api.db");
    let doc = json!({"title": "Attack near Djibo", "text": "Gunmen killed 14 civilians near Djibo in northern Burkina Faso on Sunday, a local official said.", "published": "2022-05-02", "outlet": "Test Wire"}).to_string();
    assert_error(&post(&state, "/api/documents", None, &doc).await, StatusCode::UNAUTHORIZED, "token_required");
    assert_error(
        &post(&state, "/api/documents", Some("cc_wrong"), &doc).await,
        StatusCode::UNAUTHORIZED,
        "invalid_token",
    );
    let reader = token(&db, Role::Reader);
    assert_error(&post(&state, "/api/documents", Some(&reader), &doc).await, StatusCode::FORBIDDEN, "forbidden");
    let analyst = token(&db, Role::Analyst);
    let made = post(&state, "/api/documents", Some(&analyst), &format!("[{doc}]")).await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.text);
    schema::check_response("/api/documents", "post", "201", &made.body);
    assert_eq!(made.body["added"], 1);
    let again = post(&state, "/api/documents", Some(&analyst), &doc).await;
    assert_eq!(again.body["unchanged"], 1, "the same record twice is stored once");
    assert!(get(&state, "/api/incidents?q=Djibo").await.body["incidents"].as_array().is_some_and(|a| !a.is_empty()));
    assert_error(
        &post(&state, "/api/documents", Some(&analyst), "{not json").await,
        StatusCode::BAD_REQUEST,
        "invalid_json",
    );
    assert_error(&post(&state, "/api/documents", Some(&analyst), "[]").await, StatusCode::BAD_REQUEST, "invalid_body");
    let empty = post(&state, "/api/documents", Some(&analyst), r#"{"title": "no text"}"#).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", empty.text);
    assert!(empty.body["failed"][0]["reason"].as_str().unwrap().contains("no text"));
    // Tokens: only an admin makes them.
    assert_error(
        &post(&state, "/api/tokens", Some(&analyst), r#"{"role": "reader"}"#).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
    let admin = token(&db, Role::Admin);
    let t = post(&state, "/api/tokens", Some(&admin), r#"{"role": "reader"}"#).await;
    assert_eq!(t.status, StatusCode::CREATED, "{}", t.text);
    schema::check_response("/api/tokens", "post", "201", &t.body);
    assert_error(
        &post(&state, "/api/tokens", Some(&admin), r#"{"role": "god"}"#).await,
        StatusCode::BAD_REQUEST,
        "invalid_role",
    );
    // The audit table has who, when and what.
    let log = SqliteStore::open(&db).unwrap().audit_log(20).unwrap();
    assert!(log.iter().any(|(at, tok, role, action, detail)| !at.is_empty()
        && tok.is_some()
        && role == "analyst"
        && action == "documents.ingest"
        && detail.starts_with("1 new")));
    assert!(log.iter().any(|e| e.3 == "token.create" && e.2 == "admin" && e.1.is_some()));
}

#[tokio::test]
async fn reading_can_require_a_token() {
    let Some((state, dir)) = seeded(true) else { return };
    assert_error(&get(&state, "/api/incidents").await, StatusCode::UNAUTHORIZED, "token_required");
    let reader = token(&dir.path().join("api.db"), Role::Reader);
    let req =
        Request::get("/api/incidents").header(header::AUTHORIZATION, format!("Bearer {reader}")).body(Body::empty());
    assert_eq!(call(&state, req.unwrap()).await.status, StatusCode::OK);
    let bad = Request::get("/api/incidents").header(header::AUTHORIZATION, "Basic abc").body(Body::empty());
    assert_error(&call(&state, bad.unwrap()).await, StatusCode::UNAUTHORIZED, "invalid_token");
}

#[tokio::test]
async fn the_page_and_every_response_carry_the_security_headers() {
    let Some((state, _dir)) = seeded(false) else { return };
    for uri in [
        "/",
        "/assets/app.js",
        "/assets/app.css",
        "/assets/world.json",
        "/api/incidents",
        "/api/nothing",
        "/api/openapi.json",
    ] {
        let r = get(&state, uri).await;
        let csp = r.headers.get(header::CONTENT_SECURITY_POLICY).and_then(|v| v.to_str().ok()).unwrap_or("");
        assert!(
            csp.contains("script-src 'self'") && !csp.contains("unsafe-inline") && csp.contains("default-src 'none'"),
            "{uri}: {csp}"
        );
        assert_eq!(r.headers.get(header::X_CONTENT_TYPE_OPTIONS).unwrap(), "nosniff", "{uri}");
        assert_eq!(r.headers.get(header::REFERRER_POLICY).unwrap(), "no-referrer", "{uri}");
    }
    let page = get(&state, "/").await;
    assert!(page.text.contains("<script src=\"/assets/app.js\" defer></script>"));
    assert!(!page.text.contains("<script>"), "no inline script");
    let js = get(&state, "/assets/app.js").await.text;
    assert!(!js.contains("innerHTML") && !js.contains("eval("), "the page never parses text as HTML");
    assert_error(&get(&state, "/assets/secret.txt").await, StatusCode::NOT_FOUND, "not_found");
}

#[tokio::test]
async fn the_openapi_document_describes_every_route() {
    let Some((state, _dir)) = seeded(false) else { return };
    let spec = get(&state, "/api/openapi.json").await;
    assert_eq!(spec.status, StatusCode::OK);
    assert_eq!(spec.body["openapi"], "3.1.0");
    let paths: Vec<&String> = spec.body["paths"].as_object().unwrap().keys().collect();
    for p in [
        "/api/incidents",
        "/api/incidents/{id}",
        "/api/documents",
        "/api/documents/{id}",
        "/api/actors",
        "/api/places",
        "/api/stats",
        "/api/tokens",
    ] {
        assert!(paths.iter().any(|k| *k == p), "{p} is described");
    }
    // The validator itself rejects what the spec does not allow.
    let wrong = json!({"incidents": [{"id": 5}], "next_cursor": null});
    assert!(
        schema::validate(&schema::spec(), &schema::response_schema("/api/incidents", "get", "200"), &wrong).is_err()
    );
}

/// A failure that is not the caller's is a 500 that says only "internal error": the details
/// (here SQLite's, after the file is overwritten under the server) go to the log.
#[tokio::test]
async fn an_internal_error_hides_its_details() {
    let Some((state, dir)) = seeded(false) else { return };
    let db = dir.path().join("api.db");
    std::fs::write(&db, vec![0x5a; 64 * 1024]).unwrap();
    let _ = std::fs::remove_file(dir.path().join("api.db-wal"));
    let _ = std::fs::remove_file(dir.path().join("api.db-shm"));
    let r = get(&state, "/api/incidents").await;
    assert_eq!(r.status, StatusCode::INTERNAL_SERVER_ERROR, "{}", r.text);
    assert_eq!(r.body, json!({"code": "internal", "message": "internal error"}));
    schema::check_response("/api/incidents", "get", "5XX", &r.body);
}
