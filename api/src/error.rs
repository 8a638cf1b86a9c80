//! Errors, and which one to use where.
//!
//! - [`ApiError`]: what a resolver or HTTP handler returns when the *caller* cannot have what
//!   it asked for. Each variant becomes a GraphQL error whose `extensions.code` is the one
//!   API.md names. Internal causes (a database error) are logged with their details and shown
//!   to the client only as `INTERNAL_SERVER_ERROR`, never echoed.
//! - User errors that the caller can fix in a mutation's input (`userErrors` in a payload)
//!   are data, not errors: they live with the mutations.
//! - `anyhow::Error`: start-up and command-line paths, where a message for the operator is
//!   all that is needed.

use async_graphql::ErrorExtensions;

/// A refusal or failure that a GraphQL client sees as an error with `extensions.code`.
///
/// It deliberately has no `Display`: async-graphql turns any displayable error into a
/// code-less GraphQL error, and every error of ours must carry its code.
#[derive(Debug)]
pub enum ApiError {
    /// `BAD_USER_INPUT`: an argument is malformed or out of range; the message says which and
    /// how to fix it.
    BadUserInput(String),
    /// `UNAUTHENTICATED`: no token where one is needed, or a bad, expired or revoked one, or
    /// a failed login (which never says whether the email exists).
    Unauthenticated(String),
    /// `FORBIDDEN`: the caller's role does not reach.
    Forbidden(String),
    /// `RATE_LIMITED`: too many attempts; the message says when to try again.
    RateLimited(String),
    /// `NO_EXCHANGE_RATE`: a conversion needs a rate the database does not have; the message
    /// names the currencies and the day.
    NoExchangeRate(String),
    /// `INTERNAL_SERVER_ERROR`: something failed on our side. The cause is logged, not shown.
    Internal(anyhow::Error),
}

impl ApiError {
    /// A `BAD_USER_INPUT` error with the given message.
    pub fn bad_input(message: impl Into<String>) -> Self {
        ApiError::BadUserInput(message.into())
    }

    /// The message the client sees.
    pub fn message(&self) -> &str {
        match self {
            ApiError::BadUserInput(message)
            | ApiError::Unauthenticated(message)
            | ApiError::Forbidden(message)
            | ApiError::RateLimited(message)
            | ApiError::NoExchangeRate(message) => message,
            ApiError::Internal(_) => "internal error",
        }
    }

    /// The value of `extensions.code`.
    pub fn code(&self) -> &'static str {
        match self {
            ApiError::BadUserInput(_) => "BAD_USER_INPUT",
            ApiError::Unauthenticated(_) => "UNAUTHENTICATED",
            ApiError::Forbidden(_) => "FORBIDDEN",
            ApiError::RateLimited(_) => "RATE_LIMITED",
            ApiError::NoExchangeRate(_) => "NO_EXCHANGE_RATE",
            ApiError::Internal(_) => "INTERNAL_SERVER_ERROR",
        }
    }
}

impl From<sea_orm::DbErr> for ApiError {
    fn from(err: sea_orm::DbErr) -> Self {
        ApiError::Internal(err.into())
    }
}

impl From<std::sync::Arc<sea_orm::DbErr>> for ApiError {
    fn from(err: std::sync::Arc<sea_orm::DbErr>) -> Self {
        ApiError::Internal(anyhow::anyhow!("{err}"))
    }
}

impl ErrorExtensions for ApiError {
    fn extend(&self) -> async_graphql::Error {
        if let ApiError::Internal(cause) = self {
            tracing::error!(error = ?cause, "internal error while resolving a request");
        }
        let code = self.code();
        async_graphql::Error::new(self.message()).extend_with(|_, e| e.set("code", code))
    }
}

impl From<ApiError> for async_graphql::Error {
    fn from(err: ApiError) -> Self {
        err.extend()
    }
}

/// The result type of resolvers.
pub type ApiResult<T> = Result<T, ApiError>;
