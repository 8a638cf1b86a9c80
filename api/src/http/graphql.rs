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

use super::{graphiql, operation, persisted::Refusal, refusal::refusal};
use crate::{
    auth::{Caller, ClientAddr},
    error::ApiError,
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

/// Resolves a persisted query, authenticates the caller and executes the request.
async fn run(
    state: &AppState,
    mut request: async_graphql::Request,
    authorization: Option<&str>,
    addr: Option<SocketAddr>,
    only_reads: bool,
) -> Response {
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
    let caller = match state.auth.authenticate(db, authorization).await {
        Ok(caller) => caller,
        Err(ApiError::Internal(cause)) => {
            tracing::error!(error = ?cause, "authenticating a request");
            return refuse_api(
                state,
                StatusCode::INTERNAL_SERVER_ERROR,
                ApiError::Internal(cause),
            );
        }
        Err(error) => return refuse_api(state, StatusCode::UNAUTHORIZED, error),
    };
    let only_signs_in = operation.as_ref().is_some_and(|op| op.only_signs_in);
    if caller == Caller::Anonymous && !state.auth.anonymous_reads && !only_signs_in {
        return refuse_api(
            state,
            StatusCode::UNAUTHORIZED,
            ApiError::Unauthenticated(
                "this server does not answer anonymous reads: sign in with `login` and send the token as `Authorization: Bearer <token>`".into(),
            ),
        );
    }
    if !state.http.introspection {
        request = request.disable_introspection();
    }
    let request = request.data(caller).data(ClientAddr(addr.map(|a| a.ip())));
    let started = Instant::now();
    let response = state.execute(request, writes).await;
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
    GraphQLResponse::from(response).into_response()
}

/// The `Authorization` header as text; a header that is not text is refused.
fn authorization(headers: &HeaderMap) -> Result<Option<String>, ApiError> {
    match headers.get(header::AUTHORIZATION) {
        None => Ok(None),
        Some(value) => value.to_str().map(|v| Some(v.to_owned())).map_err(|_| {
            ApiError::Unauthenticated("the Authorization header is not readable text".into())
        }),
    }
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
    let authorization = match authorization(request.headers()) {
        Ok(value) => value,
        Err(error) => return refuse_api(&state, StatusCode::UNAUTHORIZED, error),
    };
    if !is_json(request.headers()) {
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
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|length| length > limit) {
        return too_large();
    }
    let body = match axum::body::to_bytes(request.into_body(), limit).await {
        Ok(body) => body,
        Err(_) => return too_large(),
    };
    let graphql = match parse_body(&body) {
        Ok(graphql) => graphql,
        Err(why) => return refuse(&state, StatusCode::BAD_REQUEST, "BAD_REQUEST", why),
    };
    run(&state, graphql, authorization.as_deref(), addr, false).await
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
    let authorization = match authorization(&headers) {
        Ok(value) => value,
        Err(error) => return refuse_api(&state, StatusCode::UNAUTHORIZED, error),
    };
    run(&state, request, authorization.as_deref(), None, true).await
}
