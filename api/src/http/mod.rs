//! The HTTP surface: `/graphql` (POST, GET, and GraphiQL for browsers), its embedded assets,
//! and `/healthz`.

mod graphiql;
mod graphql;
mod health;

use axum::{Router, routing::get};

use crate::state::AppState;

/// The application's router; `main` serves it and the tests drive it in-process.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/graphql", get(graphql::get).post(graphql::post))
        .route("/graphiql/{file}", get(graphiql::asset))
        .route("/healthz", get(health::healthz))
        .with_state(state)
}
