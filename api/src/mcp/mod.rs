//! The landscape over the Model Context Protocol, for LLM agents: `POST /mcp` (Streamable
//! HTTP, stateless: no session lives in one process, so any replica answers any request) and
//! `aigc-landscape mcp` over stdio.
//!
//! This folder is the only place that knows the SDK (`rmcp`, pinned in the workspace): its API
//! changes between majors. Every tool runs a GraphQL document of the public API as the caller
//! ([`tools`]), so a tool holds no rule of its own and answers exactly what `/graphql` answers
//! to the same caller; [`http`] turns the bearer token into that caller (401 with
//! `WWW-Authenticate: Bearer` when it is bad, or missing where one is needed) and checks the
//! `Origin` header against `CORS_ALLOWED_ORIGINS`.

mod http;
mod propose;
mod tools;

pub use http::router;
pub use tools::Landscape;

use rmcp::ServiceExt;

use crate::{auth::Caller, state::AppState};

/// Serves the tools over standard input and output until the client hangs up. The caller is
/// fixed for the process: the one `AIGC_TOKEN` names, else anonymous.
pub async fn serve_stdio(state: AppState, caller: Caller) -> anyhow::Result<()> {
    let service = Landscape::new(state, Some(caller))
        .serve(rmcp::transport::stdio())
        .await?;
    service.waiting().await?;
    Ok(())
}
