//! The HTTP surface: the landscape page (`/`), `/graphql` (POST, GET, and GraphiQL for
//! browsers), their embedded assets, `/healthz`, `/metrics` and the digest reports, inside the
//! layers of [`middleware`].

mod dashboard;
mod embedded;
mod feeds;
mod graphiql;
mod graphql;
mod health;
mod metrics;
pub mod middleware;
mod operation;
mod persisted;
mod refusal;
pub(crate) mod reports;
pub mod response_cache;

use axum::{Router, routing::get};

pub use persisted::PersistedQueries;

use crate::state::AppState;

/// The application's router; `main` serves it and the tests drive it in-process.
pub fn router(state: AppState) -> Router {
    let routes = Router::new()
        .route("/", get(dashboard::index))
        .route("/assets/{file}", get(dashboard::asset))
        .route("/graphql", get(graphql::get).post(graphql::post))
        .route("/graphiql/{file}", get(graphiql::asset))
        .route("/healthz", get(health::healthz))
        .route("/metrics", get(metrics::metrics))
        .route("/reports/digest.md", get(reports::digest_markdown))
        .route("/reports/digest.html", get(reports::digest_html))
        .route("/feeds/events.atom", get(feeds::events))
        .route("/feeds/price-changes.atom", get(feeds::price_changes))
        .with_state(state.clone())
        .merge(crate::mcp::router(state.clone()));
    middleware::apply(routes, &state)
}
