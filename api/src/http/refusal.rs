//! A GraphQL-shaped error answered before (or instead of) execution: a bad body, a refused
//! token, a timeout. Clients read `errors[0].extensions.code` whatever went wrong.

use axum::{
    Json,
    http::{StatusCode, header},
    response::{IntoResponse, Response},
};
use serde_json::json;

/// `{ "data": null, "errors": [{ message, extensions: { code } }] }` with `status`.
pub fn refusal(status: StatusCode, code: &str, message: impl Into<String>) -> Response {
    let body = json!({
        "data": null,
        "errors": [{ "message": message.into(), "extensions": { "code": code } }],
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
