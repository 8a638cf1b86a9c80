//! `POST /graphql` and `GET /graphql`.

use async_graphql_axum::{GraphQLRequest, GraphQLResponse};
use axum::{
    extract::{Query, State},
    http::{HeaderMap, StatusCode, Uri, header},
    response::{Html, IntoResponse, Response},
};

use super::graphiql;
use crate::{graphql::batching, state::AppState};

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

/// Executes one GraphQL request with fresh DataLoaders.
async fn execute(state: &AppState, request: async_graphql::Request) -> GraphQLResponse {
    batching::execute(&state.schema, &state.db, request)
        .await
        .into()
}

/// `POST /graphql`: a JSON body `{ query, variables, operationName }`.
pub async fn post(State(state): State<AppState>, request: GraphQLRequest) -> GraphQLResponse {
    execute(&state, request.into_inner()).await
}

/// `GET /graphql`: the GraphiQL playground for a browser (`Accept: text/html`); otherwise
/// runs `?query=…&variables=…&operationName=…`, so caches and dashboards can use plain GETs.
pub async fn get(State(state): State<AppState>, headers: HeaderMap, uri: Uri) -> Response {
    let query = uri
        .query()
        .filter(|q| !q.is_empty())
        .map(|_| Query::<GetParams>::try_from_uri(&uri));
    let query = match query {
        Some(Ok(query)) => Some(query),
        Some(Err(err)) => {
            return (
                StatusCode::BAD_REQUEST,
                format!("bad GET request: {err}; send ?query=…&variables=…&operationName=…"),
            )
                .into_response();
        }
        None => None,
    };
    let wants_html = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"));
    match query {
        Some(Query(query)) if !query.query.is_empty() => {
            let request = match query.into_request() {
                Ok(request) => request,
                Err(err) => {
                    return (StatusCode::BAD_REQUEST, format!("bad GET request: {err}"))
                        .into_response();
                }
            };
            if request.query.trim_start().starts_with("mutation") {
                return (
                    StatusCode::METHOD_NOT_ALLOWED,
                    "mutations are only accepted with POST",
                )
                    .into_response();
            }
            execute(&state, request).await.into_response()
        }
        _ if wants_html => Html(graphiql::PAGE).into_response(),
        _ => (
            StatusCode::BAD_REQUEST,
            "GET /graphql needs a `query` parameter, or `Accept: text/html` for the playground",
        )
            .into_response(),
    }
}
