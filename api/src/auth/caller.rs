//! The one caller extractor: every HTTP surface (`/graphql`, `/reports/*`, `/mcp`) turns a
//! request's `Authorization` header into a [`Caller`] here, and refuses alike — 401 for a
//! bad token or an anonymous caller the server does not answer, 500 (cause logged, never
//! shown) when checking the token failed on our side.

use axum::http::{HeaderMap, StatusCode, header};
use sea_orm::DatabaseConnection;

use super::{Auth, Caller};
use crate::error::ApiError;

/// Why a request gets no caller: the refusal and the HTTP status it carries.
#[derive(Debug)]
pub struct Refusal {
    pub status: StatusCode,
    pub error: ApiError,
}

impl Refusal {
    fn new(error: ApiError) -> Self {
        let status = match error {
            ApiError::Internal(ref cause) => {
                tracing::error!(error = ?cause, "authenticating a request");
                StatusCode::INTERNAL_SERVER_ERROR
            }
            _ => StatusCode::UNAUTHORIZED,
        };
        Refusal { status, error }
    }

    /// The message the client sees.
    pub fn message(&self) -> &str {
        self.error.message()
    }
}

/// What a surface lets through without a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anonymous {
    /// Anonymous callers as the server's `ANONYMOUS_READS` says.
    AsConfigured,
    /// Always: the request only signs in (`login`), which needs no token.
    SigningIn,
}

/// The caller behind `headers`, checked against `db` (the pool the request reads from).
pub async fn caller(
    auth: &Auth,
    db: &DatabaseConnection,
    headers: &HeaderMap,
    anonymous: Anonymous,
) -> Result<Caller, Refusal> {
    let authorization = match headers.get(header::AUTHORIZATION) {
        None => None,
        Some(value) => Some(value.to_str().map_err(|_| {
            Refusal::new(ApiError::Unauthenticated(
                "the Authorization header is not readable text".into(),
            ))
        })?),
    };
    let caller = auth
        .authenticate(db, authorization)
        .await
        .map_err(Refusal::new)?;
    if caller == Caller::Anonymous && !auth.anonymous_reads && anonymous == Anonymous::AsConfigured
    {
        return Err(Refusal::new(ApiError::Unauthenticated(
            "this server does not answer anonymous reads: sign in with `login` and send the token as `Authorization: Bearer <token>`".into(),
        )));
    }
    Ok(caller)
}
