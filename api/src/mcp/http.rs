//! `POST /mcp`: the Streamable HTTP transport, stateless, behind the same bearer tokens as
//! `/graphql`.

use axum::{
    Router,
    extract::{Request, State},
    http::{StatusCode, header},
    middleware::{self, Next},
    response::{IntoResponse, Response},
};
use rmcp::transport::streamable_http_server::{
    StreamableHttpServerConfig, StreamableHttpService, session::never::NeverSessionManager,
};

use super::Landscape;
use crate::{
    auth::caller::{self, Anonymous},
    state::AppState,
};

/// The `/mcp` route, its caller check and the SDK's transport behind it.
pub fn router(state: AppState) -> Router {
    let factory_state = state.clone();
    let config = StreamableHttpServerConfig::default()
        // No sessions: every request stands alone, so replicas behind a balancer all serve.
        .with_legacy_session_mode(false)
        .with_json_response(true)
        // The Host header is not checked here (the service runs behind proxies under names
        // of its operators' choosing); browsers' cross-site calls are, by Origin, below.
        .disable_allowed_hosts()
        .with_max_request_body_bytes(state.http.max_body_bytes);
    let service = StreamableHttpService::new(
        move || Ok(Landscape::new(factory_state.clone(), None)),
        NeverSessionManager::default().into(),
        config,
    );
    Router::new()
        .nest_service("/mcp", service)
        .layer(middleware::from_fn_with_state(state, authenticate))
}

fn unauthorized(message: &str) -> Response {
    (
        StatusCode::UNAUTHORIZED,
        [(header::WWW_AUTHENTICATE, "Bearer realm=\"aigc-landscape\"")],
        message.to_owned(),
    )
        .into_response()
}

/// The Origin check (the MCP specification asks servers to refuse origins they do not
/// expect, against DNS rebinding), then the token: the caller goes into the request's
/// extensions, where every tool reads it.
async fn authenticate(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    if let Some(origin) = request
        .headers()
        .get(header::ORIGIN)
        .and_then(|o| o.to_str().ok())
    {
        let allowed = &state.http.cors_allowed_origins;
        if !allowed
            .iter()
            .any(|a| a == "*" || a.trim_end_matches('/') == origin)
        {
            return (
                StatusCode::FORBIDDEN,
                format!("the origin `{origin}` may not call /mcp: add it to CORS_ALLOWED_ORIGINS"),
            )
                .into_response();
        }
    }
    let caller = match caller::caller(
        &state.auth,
        state.database(false),
        request.headers(),
        Anonymous::AsConfigured,
    )
    .await
    {
        Ok(caller) => caller,
        Err(refusal) if refusal.status == StatusCode::UNAUTHORIZED => {
            return unauthorized(refusal.message());
        }
        Err(refusal) => return (refusal.status, refusal.message().to_owned()).into_response(),
    };
    request.extensions_mut().insert(caller);
    next.run(request).await
}
