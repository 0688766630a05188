//! The HTTP API: routes, handlers and the JSON shapes they return (described for programs in
//! `assets/openapi.json`, which the tests check against real responses).
//!
//! Errors have one shape, `{"code", "message"}`: 4xx for what the caller can fix, with a precise
//! message; 5xx says only "internal error" and the details go to the log (stderr).

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::Json;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chrono::NaiveDate;
use crosscheck_store::{IncidentQuery, IncidentRow, QueryError, Role, Sort, Store};
use serde::Serialize;
use serde_json::{Value, json};

use crate::AppState;

type Shared = State<Arc<AppState>>;

/// An API error: a status, a stable code and a message.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: String,
}

impl ApiError {
    fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError { status, code, message: message.into() }
    }

    fn bad(code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, code, message)
    }

    fn not_found(what: &str, id: &str) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, "not_found", format!("no {what} with id {id:?}"))
    }

    /// A failure that is not the caller's: logged with its details, answered with none.
    pub fn internal(e: impl std::fmt::Display) -> ApiError {
        eprintln!("error: internal: {e}");
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", "internal error")
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(json!({"code": self.code, "message": self.message}))).into_response()
    }
}

impl From<crosscheck_store::StoreError> for ApiError {
    fn from(e: crosscheck_store::StoreError) -> ApiError {
        match e {
            crosscheck_store::StoreError::Ambiguous { .. } => ApiError::bad("ambiguous_id", e.to_string()),
            other => ApiError::internal(other),
        }
    }
}

impl From<QueryError> for ApiError {
    fn from(e: QueryError) -> ApiError {
        match e {
            QueryError::BadCursor => ApiError::bad("invalid_cursor", e.to_string()),
            QueryError::Store(s) => s.into(),
        }
    }
}

/// The routes of the API and the page.
pub fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/api/incidents", get(incidents))
        .route("/api/incidents/{id}", get(incident))
        .route("/api/documents", axum::routing::post(post_documents))
        .route("/api/documents/{id}", get(document))
        .route("/api/actors", get(actors))
        .route("/api/places", get(places))
        .route("/api/stats", get(stats))
        .route("/api/tokens", axum::routing::post(post_token))
        .route("/api/openapi.json", get(openapi))
        .route("/", get(page))
        .route("/assets/{file}", get(asset))
        .fallback(not_found)
}

async fn not_found(uri: Uri) -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, "not_found", format!("no route {}", uri.path()))
}

// ---- authorisation -------------------------------------------------------------------------

/// Who is asking: the token's id and role, when a valid token was given.
type Caller = Option<(i64, Role)>;

/// Check the bearer token against the store: `need` is the least role required (`None`: anyone,
/// unless the server requires a token to read).
async fn authorize(state: &Arc<AppState>, headers: &HeaderMap, need: Option<Role>) -> Result<Caller, ApiError> {
    let need = need.or(state.read_token_required.then_some(Role::Reader));
    let given = match headers.get(header::AUTHORIZATION) {
        None => None,
        Some(v) => {
            let v = v.to_str().unwrap_or("");
            let t = v.strip_prefix("Bearer ").ok_or_else(|| {
                ApiError::new(
                    StatusCode::UNAUTHORIZED,
                    "invalid_token",
                    "the Authorization header must be `Bearer TOKEN`",
                )
            })?;
            Some(t.trim().to_string())
        }
    };
    let caller = match given {
        None => None,
        Some(t) => {
            let hash = crate::token_hash(&t);
            let found = state.with_store(move |s, _| s.token(&hash)).await??;
            Some(found.ok_or_else(|| {
                ApiError::new(StatusCode::UNAUTHORIZED, "invalid_token", "the token is not known to this server")
            })?)
        }
    };
    match (need, caller) {
        (None, c) => Ok(c),
        (Some(_), None) => Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "token_required",
            "this needs a token: `Authorization: Bearer TOKEN` (crosscheck token create)",
        )),
        (Some(n), Some((_, r))) if r < n => Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "forbidden",
            format!("this needs the {} role; the token has {}", n.as_str(), r.as_str()),
        )),
        (Some(_), c) => Ok(c),
    }
}

// ---- incidents ------------------------------------------------------------------------------

/// An incident in a listing.
#[derive(Serialize)]
pub struct IncidentSummary {
    id: String,
    date: Option<DateSpan>,
    country: Option<String>,
    admin1: Option<String>,
    admin2: Option<String>,
    place: Option<String>,
    lat: Option<f64>,
    lon: Option<f64>,
    geo_precision: Option<u8>,
    event_type: String,
    sub_event_type: Option<String>,
    grade: String,
    contested: bool,
    killed: Range,
    claims: i64,
}

#[derive(Serialize)]
struct DateSpan {
    start: String,
    end: String,
}

#[derive(Serialize)]
struct Range {
    low: Option<i64>,
    best: Option<i64>,
    high: Option<i64>,
}

impl From<IncidentRow> for IncidentSummary {
    fn from(r: IncidentRow) -> IncidentSummary {
        IncidentSummary {
            date: r
                .date_start
                .clone()
                .map(|start| DateSpan { end: r.date_end.clone().unwrap_or(start.clone()), start }),
            id: r.id,
            country: r.country,
            admin1: r.admin1,
            admin2: r.admin2,
            place: r.place,
            lat: r.lat,
            lon: r.lon,
            geo_precision: r.geo_precision,
            event_type: r.event_type,
            sub_event_type: r.sub_event_type,
            grade: r.grade,
            contested: r.contested,
            killed: Range { low: r.killed[0], best: r.killed[1], high: r.killed[2] },
            claims: r.claims,
        }
    }
}

const FILTERS: [&str; 10] = ["country", "admin1", "bbox", "from", "to", "type", "actor", "grade", "contested", "q"];

/// Parse the filters (and, for listings, the order and page) of a query string.
fn parse_query(params: &BTreeMap<String, String>, paged: bool) -> Result<IncidentQuery, ApiError> {
    let invalid = |name: &str, why: String| ApiError::bad("invalid_parameter", format!("{name}: {why}"));
    let mut q = IncidentQuery { limit: 50, ..IncidentQuery::default() };
    for (k, v) in params {
        let v = v.trim();
        if v.is_empty() {
            continue;
        }
        let date = |v: &str| {
            NaiveDate::parse_from_str(v, "%Y-%m-%d")
                .map_err(|_| invalid(k, format!("{v:?} is not a date (YYYY-MM-DD)")))
        };
        match k.as_str() {
            "country" => q.country = Some(v.to_string()),
            "admin1" => q.admin1 = Some(v.to_string()),
            "bbox" => {
                let n: Vec<f64> = v.split(',').filter_map(|x| x.trim().parse().ok()).collect();
                match n[..] {
                    [w, s, e, nn]
                        if w <= e && s <= nn && (-90.0..=90.0).contains(&s) && (-90.0..=90.0).contains(&nn) =>
                    {
                        q.bbox = Some([w, s, e, nn])
                    }
                    _ => return Err(invalid(k, format!("{v:?} is not west,south,east,north in degrees"))),
                }
            }
            "from" => q.from = Some(date(v)?),
            "to" => q.to = Some(date(v)?),
            "type" => {
                let t = crosscheck_model::EventType::parse(v).ok_or_else(|| {
                    let all: Vec<&str> = crosscheck_model::EventType::ALL.iter().map(|t| t.as_str()).collect();
                    invalid(k, format!("{v:?} is not an event type ({})", all.join(", ")))
                })?;
                q.event_type = Some(t.as_str().to_string());
            }
            "actor" => q.actor = Some(v.to_string()),
            "grade" => {
                let g = crosscheck_model::Grade::parse(v).ok_or_else(|| {
                    invalid(
                        k,
                        format!(
                            "{v:?} is not a grade (acknowledged, corroborated, single_source, contested, discounted)"
                        ),
                    )
                })?;
                q.grade = Some(g.as_str().to_string());
            }
            "contested" => {
                q.contested = Some(match v {
                    "true" | "1" | "yes" => true,
                    "false" | "0" | "no" => false,
                    _ => return Err(invalid(k, format!("{v:?} is not true or false"))),
                })
            }
            "q" => q.text = Some(v.to_string()),
            "sort" if paged => {
                q.sort = Sort::parse(v).ok_or_else(|| invalid(k, format!("{v:?} is not -date, date or -killed")))?
            }
            "cursor" if paged => q.cursor = Some(v.to_string()),
            "limit" if paged => {
                q.limit = v
                    .parse()
                    .ok()
                    .filter(|n| (1..=1000).contains(n))
                    .ok_or_else(|| invalid(k, format!("{v:?} is not a number from 1 to 1000")))?
            }
            other => {
                let known =
                    if paged { format!("{}, sort, cursor, limit", FILTERS.join(", ")) } else { FILTERS.join(", ") };
                return Err(ApiError::bad(
                    "unknown_parameter",
                    format!("unknown parameter {other:?} (known: {known})"),
                ));
            }
        }
    }
    if let (Some(f), Some(t)) = (q.from, q.to)
        && f > t
    {
        return Err(ApiError::bad("invalid_date_range", format!("from ({f}) is after to ({t})")));
    }
    Ok(q)
}

async fn incidents(
    state: Shared,
    headers: HeaderMap,
    Query(params): Query<BTreeMap<String, String>>,
) -> Result<Json<Value>, ApiError> {
    authorize(&state, &headers, None).await?;
    let q = parse_query(&params, true)?;
    let page = state.with_store(move |s, _| s.list_incidents(&q)).await??;
    let incidents: Vec<IncidentSummary> = page.rows.into_iter().map(IncidentSummary::from).collect();
    Ok(Json(json!({"incidents": incidents, "next_cursor": page.next})))
}

async fn incident(state: Shared, headers: HeaderMap, Path(id): Path<String>) -> Result<Json<Value>, ApiError> {
    authorize(&state, &headers, None).await?;
    let key = id.clone();
    let (inc, docs) = state
        .with_store(move |s, _| -> Result<_, crosscheck_store::StoreError> {
            let Some(inc) = s.incident(&key)? else { return Ok((None, BTreeMap::new())) };
            let mut docs = BTreeMap::new();
            for c in &inc.claims {
                if !docs.contains_key(&c.document)
                    && let Some(d) = s.document(&c.document)?
                {
                    docs.insert(
                        c.document.clone(),
                        json!({"source": d.meta.source, "outlet": d.meta.outlet, "published": d.meta.published}),
                    );
                }
            }
            Ok((Some(inc), docs))
        })
        .await??;
    let inc = inc.ok_or_else(|| ApiError::not_found("incident", &id))?;
    let mut v = serde_json::to_value(&inc).map_err(ApiError::internal)?;
    v["documents"] = json!(docs);
    Ok(Json(v))
}

// ---- documents ------------------------------------------------------------------------------

async fn document(state: Shared, headers: HeaderMap, Path(id): Path<String>) -> Result<Json<Value>, ApiError> {
    authorize(&state, &headers, None).await?;
    let key = id.clone();
    let found = state
        .with_store(move |s, _| -> Result<_, crosscheck_store::StoreError> {
            let Some(d) = s.document(&key)? else { return Ok(None) };
            let claims = s.document_claims(&d.id)?;
            let incidents: BTreeMap<String, String> = s.claim_incidents(&d.id)?.into_iter().collect();
            Ok(Some((d, claims, incidents)))
        })
        .await??;
    let (d, claims, incidents) = found.ok_or_else(|| ApiError::not_found("document", &id))?;
    let spans: Vec<Value> = claims
        .iter()
        .map(|c| {
            json!({"claim": c.id, "incident": incidents.get(&c.id), "start": c.span.start, "end": c.span.end,
                   "claimant": c.claimant, "stance": c.stance.as_str(), "quote": c.quote})
        })
        .collect();
    Ok(Json(json!({
        "id": d.id, "sha256": d.id, "source": d.meta.source, "outlet": d.meta.outlet,
        "published": d.meta.published, "language": d.meta.language, "body_start": d.body_start,
        "text": d.text, "spans": spans,
    })))
}

/// Ingest documents given as JSON: one object, or an array of them, with the keys of a JSON
/// Lines record (`text`, `url`, `title`, `published`, `outlet`, `language`).
async fn post_documents(state: Shared, headers: HeaderMap, body: axum::body::Bytes) -> Result<Response, ApiError> {
    let caller = authorize(&state, &headers, Some(Role::Analyst)).await?;
    let v: Value = serde_json::from_slice(&body)
        .map_err(|e| ApiError::bad("invalid_json", format!("the body is not JSON: {e}")))?;
    let items = match v {
        Value::Array(a) => a,
        o @ Value::Object(_) => vec![o],
        _ => return Err(ApiError::bad("invalid_body", "send a document object or an array of them")),
    };
    if items.is_empty() || items.iter().any(|i| !i.is_object()) {
        return Err(ApiError::bad("invalid_body", "send a document object or a non-empty array of objects"));
    }
    let mut lines = Vec::new();
    for i in &items {
        lines.extend(serde_json::to_vec(i).map_err(ApiError::internal)?);
        lines.push(b'\n');
    }
    let (role, token) = caller.map_or((Role::Admin, None), |(id, r)| (r, Some(id)));
    let out = state
        .with_store(move |s, res| -> Result<Value, crosscheck_store::StoreError> {
            use crosscheck_ingest::records::{FieldMap, read_bytes};
            let mut summary = crate::ingest::IngestSummary::default();
            let mut failed = Vec::new();
            let mut ids = Vec::new();
            for rec in read_bytes("request", lines, &crosscheck_ingest::ReadConfig::default(), &FieldMap::default()) {
                match rec.result {
                    Ok(doc) => {
                        crate::ingest::store_document(s, res, &doc, &mut summary)?;
                        ids.push(doc.id);
                    }
                    Err(e) => failed.push(json!({"record": rec.label, "reason": e.to_string()})),
                }
            }
            let incidents = crate::ingest::relink_new(s)?;
            let detail = format!(
                "{} new, {} unchanged, {} failed: {}",
                summary.added,
                summary.unchanged,
                failed.len(),
                ids.iter().map(|i| &i[..12]).collect::<Vec<_>>().join(" ")
            );
            s.audit(token, role, "documents.ingest", &detail)?;
            Ok(json!({"added": summary.added, "unchanged": summary.unchanged, "failed": failed,
                      "documents": ids, "claims": summary.claims, "incidents": incidents}))
        })
        .await??;
    let status = if out["failed"].as_array().is_some_and(|f| !f.is_empty())
        && out["documents"].as_array().is_some_and(Vec::is_empty)
    {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::CREATED
    };
    Ok((status, Json(out)).into_response())
}

async fn post_token(state: Shared, headers: HeaderMap, body: axum::body::Bytes) -> Result<Response, ApiError> {
    let caller = authorize(&state, &headers, Some(Role::Admin)).await?;
    let v: Value = serde_json::from_slice(&body)
        .map_err(|e| ApiError::bad("invalid_json", format!("the body is not JSON: {e}")))?;
    let role = v["role"]
        .as_str()
        .and_then(Role::parse)
        .ok_or_else(|| ApiError::bad("invalid_role", "role must be reader, analyst or admin"))?;
    let (token, hash) = crate::new_token().map_err(ApiError::internal)?;
    let by = caller.map(|c| c.0);
    state
        .with_store(move |s, _| -> Result<(), crosscheck_store::StoreError> {
            let id = s.add_token(&hash, role)?;
            s.audit(by, Role::Admin, "token.create", &format!("token {id} with role {}", role.as_str()))
        })
        .await??;
    Ok((StatusCode::CREATED, Json(json!({"token": token, "role": role.as_str()}))).into_response())
}

// ---- lists and charts -----------------------------------------------------------------------

fn limit_of(params: &BTreeMap<String, String>) -> Result<usize, ApiError> {
    if let Some(k) = params.keys().find(|k| *k != "limit") {
        return Err(ApiError::bad("unknown_parameter", format!("unknown parameter {k:?} (known: limit)")));
    }
    params.get("limit").map_or(Ok(100), |v| {
        v.parse()
            .ok()
            .filter(|n| (1..=10_000).contains(n))
            .ok_or_else(|| ApiError::bad("invalid_parameter", format!("limit: {v:?} is not a number from 1 to 10000")))
    })
}

/// A ranked list (`/api/actors`, `/api/places`): `limit` rows of `fetch`, each shaped by `row`,
/// under `key`.
async fn ranked<T: Send + 'static>(
    state: &Arc<AppState>,
    headers: &HeaderMap,
    params: &BTreeMap<String, String>,
    key: &str,
    fetch: fn(&crosscheck_store::SqliteStore, usize) -> Result<Vec<T>, crosscheck_store::StoreError>,
    row: fn(T) -> Value,
) -> Result<Json<Value>, ApiError> {
    authorize(state, headers, None).await?;
    let limit = limit_of(params)?;
    let rows = state.with_store(move |s, _| fetch(s, limit)).await??;
    Ok(Json(json!({ key: rows.into_iter().map(row).collect::<Vec<Value>>() })))
}

async fn actors(
    state: Shared,
    headers: HeaderMap,
    Query(params): Query<BTreeMap<String, String>>,
) -> Result<Json<Value>, ApiError> {
    ranked(
        &state,
        &headers,
        &params,
        "actors",
        crosscheck_store::SqliteStore::actors,
        |(name, n)| json!({"name": name, "incidents": n}),
    )
    .await
}

async fn places(
    state: Shared,
    headers: HeaderMap,
    Query(params): Query<BTreeMap<String, String>>,
) -> Result<Json<Value>, ApiError> {
    ranked(&state, &headers, &params, "places", crosscheck_store::SqliteStore::places, |(name, country, admin1, lat, lon, n)| {
        json!({"name": name, "country": country, "admin1": admin1, "lat": lat, "lon": lon, "incidents": n})
    })
    .await
}

async fn stats(
    state: Shared,
    headers: HeaderMap,
    Query(params): Query<BTreeMap<String, String>>,
) -> Result<Json<Value>, ApiError> {
    authorize(&state, &headers, None).await?;
    let q = parse_query(&params, false)?;
    let st = state.with_store(move |s, _| s.stats(&q)).await??;
    let rows = |v: Vec<(String, i64, i64)>| -> Vec<Value> {
        v.into_iter().map(|(key, n, killed)| json!({"key": key, "incidents": n, "killed": killed})).collect()
    };
    Ok(Json(json!({
        "by_month": rows(st.by_month), "by_country": rows(st.by_country), "by_type": rows(st.by_type),
    })))
}

// ---- the page -------------------------------------------------------------------------------

const OPENAPI: &str = include_str!("../assets/openapi.json");

async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

async fn page() -> Response {
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], include_str!("../assets/index.html")).into_response()
}

async fn asset(Path(file): Path<String>) -> Response {
    let (ctype, body): (&str, &'static [u8]) = match file.as_str() {
        "app.js" => ("text/javascript; charset=utf-8", include_bytes!("../assets/app.js")),
        "app.css" => ("text/css; charset=utf-8", include_bytes!("../assets/app.css")),
        "world.json" => ("application/json", include_bytes!("../assets/world.json")),
        _ => return ApiError::new(StatusCode::NOT_FOUND, "not_found", format!("no asset {file:?}")).into_response(),
    };
    ([(header::CONTENT_TYPE, ctype), (header::CACHE_CONTROL, "public, max-age=3600")], body).into_response()
}
