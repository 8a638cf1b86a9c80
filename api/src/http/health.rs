//! `GET /healthz`: 200 when the database answers, 503 when it does not.

use axum::{Json, extract::State, http::StatusCode, response::IntoResponse};
use serde_json::json;

use crate::state::AppState;

pub async fn healthz(State(state): State<AppState>) -> impl IntoResponse {
    let replica = async {
        match &state.replica {
            Some(replica) => replica.ping().await,
            None => Ok(()),
        }
    };
    match futures::future::try_join(state.db.ping(), replica)
        .await
        .map(|_| ())
    {
        Ok(()) => (StatusCode::OK, Json(json!({ "status": "ok" }))),
        Err(err) => {
            tracing::warn!(error = %err, "health check: the database does not answer");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(json!({ "status": "unavailable", "reason": "the database does not answer" })),
            )
        }
    }
}
