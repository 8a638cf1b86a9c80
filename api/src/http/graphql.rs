//! `POST /graphql` and `GET /graphql`: read the request, resolve a persisted query, check the
//! caller and the document's size, then execute on the primary or the read database.

use std::{net::SocketAddr, time::Instant};

use async_graphql_axum::GraphQLResponse;
use axum::{
    body::Bytes,
    extract::{ConnectInfo, Query, Request, State},
    http::{HeaderMap, StatusCode, Uri, header},
    response::{Html, IntoResponse, Response},
};

use super::{
    graphiql, operation,
    persisted::Refusal,
    refusal::refusal,
    response_cache::{self, Entry, Freshness},
};
use crate::{
    auth::{
        Caller, ClientAddr,
        caller::{self, Anonymous},
    },
    error::ApiError,
    graphql::data_version::VersionSlot,
    metrics::CacheEvent,
    service::data_version,
    state::AppState,
};

/// The query-string form of a GraphQL request.
#[derive(serde::Deserialize)]
pub struct GetParams {
    #[serde(default)]
    query: String,
    #[serde(rename = "operationName")]
    operation_name: Option<String>,
    variables: Option<String>,
    extensions: Option<String>,
}

impl GetParams {
    fn into_request(self) -> Result<async_graphql::Request, String> {
        let mut request = async_graphql::Request::new(self.query);
        request.operation_name = self.operation_name;
        if let Some(variables) = self.variables.filter(|v| !v.is_empty()) {
            let json: serde_json::Value = serde_json::from_str(&variables)
                .map_err(|e| format!("`variables` is not JSON: {e}"))?;
            request.variables = async_graphql::Variables::from_json(json);
        }
        if let Some(extensions) = self.extensions.filter(|v| !v.is_empty()) {
            request.extensions = serde_json::from_str(&extensions)
                .map_err(|e| format!("`extensions` is not a JSON object: {e}"))?;
        }
        Ok(request)
    }
}

/// A refusal counted in the metrics.
fn refuse(
    state: &AppState,
    status: StatusCode,
    code: &str,
    message: impl Into<String>,
) -> Response {
    state.metrics.refusal(code);
    refusal(status, code, message)
}

fn refuse_api(state: &AppState, status: StatusCode, error: ApiError) -> Response {
    refuse(state, status, error.code(), error.message())
}

/// How the request came: its method and the headers that matter past the body.
struct Arrival<'a> {
    headers: &'a HeaderMap,
    addr: Option<SocketAddr>,
    /// A GET: mutations refused, and anonymous answers may be kept by a CDN.
    get: bool,
}

/// Resolves a persisted query, authenticates the caller, and answers from the response cache
/// or executes the request.
async fn run(
    state: &AppState,
    mut request: async_graphql::Request,
    arrival: Arrival<'_>,
) -> Response {
    let Arrival {
        headers,
        addr,
        get: only_reads,
    } = arrival;
    let if_none_match = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok());
    match state.persisted.resolve(&mut request) {
        Ok(Some(hit)) => state.metrics.persisted_query(hit),
        Ok(None) => {}
        Err(Refusal::Invalid(why)) => {
            return refuse(state, StatusCode::BAD_REQUEST, "BAD_REQUEST", why);
        }
        Err(other) => return refuse(state, StatusCode::OK, other.code(), other.message()),
    }
    if request.query.trim().is_empty() {
        return refuse(
            state,
            StatusCode::BAD_REQUEST,
            "BAD_REQUEST",
            "the request has no `query`: send `{\"query\": \"{ … }\", \"variables\": {…}}`",
        );
    }
    let operation = operation::inspect(&request.query, request.operation_name.as_deref());
    let writes = operation.as_ref().is_some_and(|op| op.mutation);
    if let Some(op) = &operation {
        if only_reads && op.mutation {
            return refuse(
                state,
                StatusCode::METHOD_NOT_ALLOWED,
                "BAD_REQUEST",
                "mutations are only accepted with POST",
            );
        }
        if op.introspects && !state.http.introspection {
            return refuse(
                state,
                StatusCode::OK,
                "GRAPHQL_VALIDATION_FAILED",
                "introspection is switched off on this server (INTROSPECTION=false); the schema is published with the API documentation",
            );
        }
        if op.fields > state.limits.max_fields {
            return refuse(
                state,
                StatusCode::OK,
                "QUERY_TOO_COMPLEX",
                format!(
                    "the document selects {} fields (aliases and fragments included); this server accepts at most {}",
                    op.fields, state.limits.max_fields
                ),
            );
        }
    }
    let db = state.database(writes);
    let only_signs_in = operation.as_ref().is_some_and(|op| op.only_signs_in);
    let anonymous = if only_signs_in {
        Anonymous::SigningIn
    } else {
        Anonymous::AsConfigured
    };
    let caller = match caller::caller(&state.auth, db, headers, anonymous).await {
        Ok(caller) => caller,
        Err(refusal) => return refuse_api(state, refusal.status, refusal.error),
    };
    if !state.http.introspection {
        request = request.disable_introspection();
    }
    let shared = !writes && operation.as_ref().is_some_and(|op| op.shared);
    let freshness = Freshness {
        if_none_match,
        cache_control: match (&caller, only_reads, state.http.cache_public_max_age) {
            (Caller::Anonymous, true, age) if age > 0 => format!("public, max-age={age}"),
            (Caller::Anonymous, _, _) => "no-cache".to_owned(),
            _ => "private, no-cache".to_owned(),
        },
    };
    let started = Instant::now();
    // The answer is stored under the data version read before it was computed: by the
    // schema's DataVersion extension after validation (so a refused request runs no SQL), or
    // here when an answer is held already and must be checked.
    let cache = (shared && state.cache.enabled())
        .then(|| (cache_key(&request, &caller), VersionSlot::default()));
    if let Some((key, slot)) = &cache
        && let Some(held) = state.cache.peek(key)
    {
        match data_version::read(db).await {
            Ok(version) if version == held.version => {
                state.metrics.graphql(
                    operation.as_ref().map_or("invalid", |op| op.label.as_str()),
                    started.elapsed(),
                    &[],
                );
                return answer(state, &held, &freshness, true);
            }
            Ok(version) => {
                let _ = slot.0.set(version);
            }
            Err(e) => tracing::warn!(error = %e, "reading the data version"),
        }
    }
    let request = request.data(caller).data(ClientAddr(addr.map(|a| a.ip())));
    let response = match &cache {
        Some((_, slot)) => {
            state
                .execute_versioned(request.data(slot.clone()), writes)
                .await
        }
        None => state.execute(request, writes).await,
    };
    let codes: Vec<&str> = response
        .errors
        .iter()
        .filter_map(|e| e.extensions.as_ref()?.get("code"))
        .filter_map(|code| match code {
            async_graphql::Value::String(code) => Some(code.as_str()),
            _ => None,
        })
        .collect();
    let invalid = codes
        .iter()
        .any(|c| matches!(*c, "GRAPHQL_PARSE_FAILED" | "GRAPHQL_VALIDATION_FAILED"));
    let label = match &operation {
        Some(op) if !invalid => op.label.as_str(),
        _ => "invalid",
    };
    state.metrics.graphql(label, started.elapsed(), &codes);
    if shared && response.errors.is_empty() {
        match serde_json::to_vec(&response) {
            Ok(body) => {
                let version = cache.as_ref().and_then(|(_, slot)| slot.0.get().copied());
                let entry = Entry::new(version.unwrap_or(0), body);
                if let (Some((key, _)), Some(_)) = (cache, version) {
                    let stored = state.cache.put(key, entry.clone());
                    state.metrics.response_cache_evictions(stored.evicted);
                }
                return answer(state, &entry, &freshness, false);
            }
            Err(e) => tracing::error!(error = %e, "serialising a GraphQL response"),
        }
    }
    GraphQLResponse::from(response).into_response()
}

/// What an answer depends on besides the data: the document, its variables, the caller's
/// exact role and today's date in the team's time zone.
fn cache_key(request: &async_graphql::Request, caller: &Caller) -> response_cache::Key {
    let variables = serde_json::to_vec(&request.variables).unwrap_or_default();
    let role = caller
        .member()
        .map_or("anonymous".to_owned(), |m| m.role.to_string());
    let today = crate::clock::today().to_string();
    response_cache::key(
        &request.query,
        request.operation_name.as_deref(),
        &variables,
        &role,
        &today,
    )
}

/// A cacheable answer (from memory or just computed), counted.
fn answer(state: &AppState, entry: &Entry, freshness: &Freshness<'_>, hit: bool) -> Response {
    let response = response_cache::respond(entry, freshness);
    let event = if response.status() == StatusCode::NOT_MODIFIED {
        CacheEvent::NotModified
    } else if hit {
        CacheEvent::Hit
    } else {
        CacheEvent::Miss
    };
    if state.cache.enabled() || event == CacheEvent::NotModified {
        state.metrics.response_cache(event);
    }
    response
}

/// Whether the body is declared as JSON (`application/json`, any parameters).
fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|mime| mime.trim().eq_ignore_ascii_case("application/json"))
}

/// Reads one GraphQL request from a JSON body, or says exactly what is wrong with it.
fn parse_body(body: &Bytes) -> Result<async_graphql::Request, String> {
    const SHAPE: &str =
        "send one object `{\"query\": \"…\", \"variables\": {…}, \"operationName\": \"…\"}`";
    match body.iter().find(|b| !b.is_ascii_whitespace()) {
        None => return Err(format!("the body is empty: {SHAPE}")),
        Some(b'[') => {
            return Err(format!(
                "batched requests are not accepted: {SHAPE} per request"
            ));
        }
        Some(_) => {}
    }
    serde_json::from_slice(body)
        .map_err(|e| format!("the body is not a GraphQL request ({e}): {SHAPE}"))
}

/// `POST /graphql`: a JSON body `{ query, variables, operationName, extensions }`.
pub async fn post(State(state): State<AppState>, request: Request) -> Response {
    let addr = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0);
    let (parts, body) = request.into_parts();
    if !is_json(&parts.headers) {
        return refuse(
            &state,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "BAD_REQUEST",
            "send the request as `Content-Type: application/json`",
        );
    }
    let limit = state.http.max_body_bytes;
    let too_large = || {
        refuse(
            &state,
            StatusCode::PAYLOAD_TOO_LARGE,
            "PAYLOAD_TOO_LARGE",
            format!("the body is larger than {limit} bytes, the most this server reads"),
        )
    };
    let declared = parts
        .headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|length| length > limit) {
        return too_large();
    }
    let body = match axum::body::to_bytes(body, limit).await {
        Ok(body) => body,
        Err(_) => return too_large(),
    };
    let graphql = match parse_body(&body) {
        Ok(graphql) => graphql,
        Err(why) => return refuse(&state, StatusCode::BAD_REQUEST, "BAD_REQUEST", why),
    };
    run(
        &state,
        graphql,
        Arrival {
            headers: &parts.headers,
            addr,
            get: false,
        },
    )
    .await
}

/// `GET /graphql`: the GraphiQL playground for a browser (`Accept: text/html`); otherwise
/// runs `?query=…&variables=…&operationName=…&extensions=…`, so caches and dashboards can
/// use plain GETs (persisted-query hashes included).
pub async fn get(State(state): State<AppState>, headers: HeaderMap, uri: Uri) -> Response {
    let wants_html = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"));
    let has_query = uri.query().is_some_and(|q| !q.is_empty());
    if !has_query {
        return if wants_html && state.http.playground {
            Html(graphiql::PAGE).into_response()
        } else if wants_html {
            (
                StatusCode::NOT_FOUND,
                "the playground is switched off on this server (PLAYGROUND=false)",
            )
                .into_response()
        } else {
            (
                StatusCode::BAD_REQUEST,
                "GET /graphql needs a `query` parameter, or `Accept: text/html` for the playground",
            )
                .into_response()
        };
    }
    let request = match Query::<GetParams>::try_from_uri(&uri)
        .map_err(|e| e.to_string())
        .and_then(|Query(params)| params.into_request())
    {
        Ok(request) => request,
        Err(err) => {
            return refuse(
                &state,
                StatusCode::BAD_REQUEST,
                "BAD_REQUEST",
                format!("bad GET request: {err}; send ?query=…&variables=…&operationName=…"),
            );
        }
    };
    run(
        &state,
        request,
        Arrival {
            headers: &headers,
            addr: None,
            get: true,
        },
    )
    .await
}
