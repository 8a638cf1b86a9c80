//! `GET /metrics`: Prometheus' text format.

use axum::{
    extract::State,
    http::header,
    response::{IntoResponse, Response},
};

use crate::{metrics::CacheUsage, state::AppState};

pub async fn metrics(State(state): State<AppState>) -> Response {
    let mut pools = vec![("primary", &state.db)];
    if let Some(replica) = &state.replica {
        pools.push(("replica", replica));
    }
    let (entries, bytes) = state.cache.usage();
    let body = state
        .metrics
        .render(&pools, state.persisted.len(), CacheUsage { entries, bytes });
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        body,
    )
        .into_response()
}
