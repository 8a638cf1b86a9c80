//! The HTTP surface: `/graphql` (POST, GET, and GraphiQL for browsers), its embedded assets,
//! `/healthz` and the digest reports.

mod graphiql;
mod graphql;
mod health;
mod reports;

use axum::{Router, routing::get};

use crate::state::AppState;

/// The application's router; `main` serves it and the tests drive it in-process.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/graphql", get(graphql::get).post(graphql::post))
        .route("/graphiql/{file}", get(graphiql::asset))
        .route("/healthz", get(health::healthz))
        .route("/reports/digest.md", get(reports::digest_markdown))
        .route("/reports/digest.html", get(reports::digest_html))
        .with_state(state)
}
