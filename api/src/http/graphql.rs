//! `POST /graphql` and `GET /graphql`: who is calling, then the GraphQL request.

use std::net::SocketAddr;

use async_graphql::parser::types::{DocumentOperations, Selection};
use async_graphql_axum::{GraphQLRequest, GraphQLResponse};
use axum::{
    Json,
    extract::{ConnectInfo, FromRequest, Query, Request, State},
    http::{HeaderMap, StatusCode, Uri, header},
    response::{Html, IntoResponse, Response},
};
use serde_json::json;

use super::graphiql;
use crate::{
    auth::{Caller, ClientAddr},
    error::ApiError,
    graphql::batching,
    state::AppState,
};

/// The query-string form of a GraphQL request.
#[derive(serde::Deserialize)]
pub struct GetParams {
    query: String,
    #[serde(rename = "operationName")]
    operation_name: Option<String>,
    variables: Option<String>,
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
        Ok(request)
    }
}

/// A GraphQL-shaped error response outside execution (a refused token).
fn refusal(status: StatusCode, error: ApiError) -> Response {
    let body = json!({
        "data": null,
        "errors": [{ "message": error.message(), "extensions": { "code": error.code() } }],
    });
    let mut response = (status, Json(body)).into_response();
    if status == StatusCode::UNAUTHORIZED {
        response.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            header::HeaderValue::from_static("Bearer"),
        );
    }
    response
}

/// Whether every operation of `query` only signs in (so it needs no token even when
/// anonymous reads are off).
fn only_signs_in(query: &str) -> bool {
    let Ok(document) = async_graphql::parser::parse_query(query) else {
        return false;
    };
    let operations: Vec<_> = match &document.operations {
        DocumentOperations::Single(op) => vec![op],
        DocumentOperations::Multiple(ops) => ops.values().collect(),
    };
    operations.iter().all(|op| {
        op.node
            .selection_set
            .node
            .items
            .iter()
            .all(|item| match &item.node {
                Selection::Field(field) => {
                    matches!(field.node.name.node.as_str(), "login" | "__typename")
                }
                _ => false,
            })
    })
}

/// Whether any operation of `query` is a mutation (GET may only read).
fn has_mutation(query: &str) -> bool {
    use async_graphql::parser::types::OperationType;
    match async_graphql::parser::parse_query(query) {
        Ok(document) => match &document.operations {
            DocumentOperations::Single(op) => op.node.ty == OperationType::Mutation,
            DocumentOperations::Multiple(ops) => {
                ops.values().any(|op| op.node.ty == OperationType::Mutation)
            }
        },
        Err(_) => false,
    }
}

/// Authenticates the caller and executes the request.
async fn run(
    state: &AppState,
    request: async_graphql::Request,
    authorization: Option<&str>,
    addr: Option<SocketAddr>,
) -> Response {
    let caller = match state.auth.authenticate(&state.db, authorization).await {
        Ok(caller) => caller,
        Err(ApiError::Internal(cause)) => {
            tracing::error!(error = ?cause, "authenticating a request");
            return refusal(StatusCode::INTERNAL_SERVER_ERROR, ApiError::Internal(cause));
        }
        Err(error) => return refusal(StatusCode::UNAUTHORIZED, error),
    };
    if caller == Caller::Anonymous && !state.auth.anonymous_reads && !only_signs_in(&request.query)
    {
        return refusal(
            StatusCode::UNAUTHORIZED,
            ApiError::Unauthenticated(
                "this server does not answer anonymous reads: sign in with `login` and send the token as `Authorization: Bearer <token>`".into(),
            ),
        );
    }
    let request = request.data(caller).data(ClientAddr(addr.map(|a| a.ip())));
    GraphQLResponse::from(batching::execute(&state.schema, &state.db, request).await)
        .into_response()
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

/// `POST /graphql`: a JSON body `{ query, variables, operationName }`.
pub async fn post(State(state): State<AppState>, request: Request) -> Response {
    let addr = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0);
    let authorization = match authorization(request.headers()) {
        Ok(value) => value,
        Err(error) => return refusal(StatusCode::UNAUTHORIZED, error),
    };
    let graphql =
        match GraphQLRequest::<async_graphql_axum::rejection::GraphQLRejection>::from_request(
            request, &state,
        )
        .await
        {
            Ok(graphql) => graphql.into_inner(),
            Err(rejection) => return rejection.into_response(),
        };
    run(&state, graphql, authorization.as_deref(), addr).await
}

/// `GET /graphql`: the GraphiQL playground for a browser (`Accept: text/html`); otherwise
/// runs `?query=…&variables=…&operationName=…`, so caches and dashboards can use plain GETs.
pub async fn get(State(state): State<AppState>, headers: HeaderMap, uri: Uri) -> Response {
    let wants_html = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"));
    let has_query = uri.query().is_some_and(|q| !q.is_empty());
    if !has_query {
        return if wants_html {
            Html(graphiql::PAGE).into_response()
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
            return (
                StatusCode::BAD_REQUEST,
                format!("bad GET request: {err}; send ?query=…&variables=…&operationName=…"),
            )
                .into_response();
        }
    };
    if has_mutation(&request.query) {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            "mutations are only accepted with POST",
        )
            .into_response();
    }
    let authorization = match authorization(&headers) {
        Ok(value) => value,
        Err(error) => return refusal(StatusCode::UNAUTHORIZED, error),
    };
    run(&state, request, authorization.as_deref(), None).await
}
