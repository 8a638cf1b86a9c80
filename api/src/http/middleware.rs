//! The layers around every route, outermost first:
//!
//! 1. **request id** — taken from a valid incoming `X-Request-Id` or made up; every log line of
//!    the request carries it (it is a field of the request's span) and the response returns it;
//!    the request ends with one access-log line and is counted in the metrics under the
//!    pattern of the route that matched it;
//! 2. **CORS** — only for the origins of `CORS_ALLOWED_ORIGINS`;
//! 3. **panic guard** — a panic anywhere below (a resolver, a loader) becomes a logged
//!    `INTERNAL_SERVER_ERROR` response, and the server keeps serving;
//! 4. **timeout** — a request slower than `REQUEST_TIMEOUT_SECS` is dropped (its statements
//!    with it) and answered with 503 `TIMEOUT`.

use std::{
    any::Any,
    sync::{Arc, OnceLock},
    time::Duration,
};

use axum::{
    Router,
    extract::{MatchedPath, Request, State},
    http::{HeaderName, HeaderValue, Method, StatusCode, header},
    middleware::{self, Next},
    response::Response,
};
use tower_http::{
    catch_panic::CatchPanicLayer,
    cors::{AllowOrigin, CorsLayer},
};
use tracing::Instrument;

use super::refusal::refusal;
use crate::state::AppState;

/// The request id header, read and written.
pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Wraps `router` in the layers above.
pub fn apply(router: Router, state: &AppState) -> Router {
    let timeout = Duration::from_secs(state.http.request_timeout_secs.max(1));
    let mut router = router
        .route_layer(middleware::from_fn(record_route))
        .layer(middleware::from_fn_with_state(
            (state.clone(), timeout),
            time_limit,
        ))
        .layer(CatchPanicLayer::custom(panic_response));
    if let Some(cors) = cors(&state.http.cors_allowed_origins) {
        router = router.layer(cors);
    }
    router.layer(middleware::from_fn_with_state(state.clone(), request_id))
}

/// An incoming id is kept when it is short and plain (so it cannot forge log lines).
fn valid_id(value: &HeaderValue) -> Option<String> {
    let text = value.to_str().ok()?;
    (1..=64).contains(&text.len()).then_some(())?;
    text.bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"-_.:".contains(&b))
        .then(|| text.to_owned())
}

fn new_id() -> String {
    let mut bytes = [0u8; 8];
    // The OS random source cannot fail on the platforms this runs on; zeros would still work.
    let _ = getrandom::fill(&mut bytes);
    hex::encode(bytes)
}

/// Where routing writes the pattern of the route it chose (`/graphiql/{file}`), for the
/// outer layers: a bounded metrics label, read even when a panic or a timeout replaced the
/// response. Requests no route matched stay `other`.
#[derive(Clone, Default)]
struct MatchedRoute(Arc<OnceLock<String>>);

/// Inside routing: records the matched route's pattern.
async fn record_route(request: Request, next: Next) -> Response {
    if let (Some(slot), Some(path)) = (
        request.extensions().get::<MatchedRoute>(),
        request.extensions().get::<MatchedPath>(),
    ) {
        let _ = slot.0.set(path.as_str().to_owned());
    }
    next.run(request).await
}

async fn request_id(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let id = request
        .headers()
        .get(&REQUEST_ID)
        .and_then(valid_id)
        .unwrap_or_else(new_id);
    let header_value = HeaderValue::from_str(&id).expect("ids are plain ASCII");
    request
        .headers_mut()
        .insert(REQUEST_ID, header_value.clone());
    let method = request.method().clone();
    let slot = MatchedRoute::default();
    request.extensions_mut().insert(slot.clone());
    let span =
        tracing::info_span!("request", request_id = %id, %method, path = %request.uri().path());
    let started = std::time::Instant::now();
    let mut response = next.run(request).instrument(span.clone()).await;
    let status = response.status().as_u16();
    let route = slot.0.get().map_or("other", String::as_str);
    state.metrics.response(route, status);
    span.in_scope(|| {
        let elapsed_ms = started.elapsed().as_secs_f64() * 1000.0;
        if route == "/metrics" || route == "/healthz" {
            tracing::debug!(status, elapsed_ms, route, "answered");
        } else {
            tracing::info!(status, elapsed_ms, route, "answered");
        }
    });
    response.headers_mut().insert(REQUEST_ID, header_value);
    response
}

async fn time_limit(
    State((state, limit)): State<(AppState, Duration)>,
    request: Request,
    next: Next,
) -> Response {
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => {
            tracing::warn!(limit_secs = limit.as_secs(), "request timed out");
            state.metrics.refusal("TIMEOUT");
            refusal(
                StatusCode::SERVICE_UNAVAILABLE,
                "TIMEOUT",
                format!(
                    "the request took longer than {} s and was stopped; ask for less (a smaller page, fewer fields) or try again",
                    limit.as_secs()
                ),
            )
        }
    }
}

fn panic_response(panic: Box<dyn Any + Send + 'static>) -> Response {
    let what = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("(no message)");
    tracing::error!(
        panic = what,
        "a request panicked; answered INTERNAL_SERVER_ERROR"
    );
    refusal(
        StatusCode::INTERNAL_SERVER_ERROR,
        "INTERNAL_SERVER_ERROR",
        "the server failed on this request; it was logged",
    )
}

fn cors(origins: &[String]) -> Option<CorsLayer> {
    let origins: Vec<&str> = origins
        .iter()
        .map(|o| o.trim().trim_end_matches('/'))
        .filter(|o| !o.is_empty())
        .collect();
    if origins.is_empty() {
        return None;
    }
    let allow = if origins.contains(&"*") {
        AllowOrigin::any()
    } else {
        AllowOrigin::list(
            origins
                .iter()
                .filter_map(|o| HeaderValue::from_str(o).ok())
                .collect::<Vec<_>>(),
        )
    };
    Some(
        CorsLayer::new()
            .allow_origin(allow)
            .allow_methods([Method::GET, Method::POST])
            .allow_headers([header::CONTENT_TYPE, header::AUTHORIZATION, REQUEST_ID])
            .expose_headers([REQUEST_ID])
            .max_age(Duration::from_secs(600)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_short_ids_are_kept() {
        assert_eq!(
            valid_id(&HeaderValue::from_static("abc-123")),
            Some("abc-123".into())
        );
        assert_eq!(valid_id(&HeaderValue::from_static("a b")), None);
        assert_eq!(
            valid_id(&HeaderValue::from_str(&"x".repeat(65)).unwrap()),
            None
        );
        assert_eq!(new_id().len(), 16);
    }
}
