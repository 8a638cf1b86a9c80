//! Gives the library's own request errors the `extensions.code` of API.md.
//!
//! async-graphql refuses a too-deep or too-complex query, a malformed document and an
//! argument of the wrong type with errors that carry no code; clients branch on codes, so
//! this extension adds them: `QUERY_TOO_COMPLEX`, `GRAPHQL_PARSE_FAILED`,
//! `GRAPHQL_VALIDATION_FAILED` and `BAD_USER_INPUT`. Any other error that reaches the end of
//! execution without a code came from below (a database error converted by `?`): it is
//! logged and replaced by a bare `INTERNAL_SERVER_ERROR`, so no internal detail leaks.
//!
//! Text with NUL characters is refused before it runs: PostgreSQL cannot store it, SQLite
//! can, and the two databases must answer alike.

use std::sync::Arc;

use async_graphql::{
    Request, Response, ServerError, ServerResult, ValidationResult, Variables,
    extensions::{
        Extension, ExtensionContext, ExtensionFactory, NextExecute, NextParseQuery,
        NextPrepareRequest, NextValidation,
    },
    parser::types::ExecutableDocument,
};

/// Installs [`ErrorCodes`] on a schema.
pub struct ErrorCodesFactory;

impl ExtensionFactory for ErrorCodesFactory {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(ErrorCodes)
    }
}

struct ErrorCodes;

fn with_code(mut error: ServerError, code: &'static str) -> ServerError {
    let has_code = error
        .extensions
        .as_ref()
        .is_some_and(|e| e.get("code").is_some());
    if !has_code {
        error
            .extensions
            .get_or_insert_with(Default::default)
            .set("code", code);
    }
    error
}

/// The code of an error the library raised itself, judged by its message.
fn library_code(message: &str) -> Option<&'static str> {
    if message.starts_with("Query is too complex")
        || message.starts_with("Query is nested too deep")
    {
        Some("QUERY_TOO_COMPLEX")
    } else if message.starts_with("Failed to parse")
        || message.starts_with("Invalid value for argument")
        // An explicit null (or a value of the wrong type) for an argument that has a default.
        || message.starts_with("Expected input type")
    {
        Some("BAD_USER_INPUT")
    } else {
        None
    }
}

/// Whether a request carries a NUL character in its query or variables.
fn has_nul(request: &Request) -> bool {
    request.query.contains('\0')
        || request.query.contains("\\u0000")
        || serde_json::to_string(&request.variables).is_ok_and(|v| v.contains("\\u0000"))
}

#[async_trait::async_trait]
impl Extension for ErrorCodes {
    async fn prepare_request(
        &self,
        ctx: &ExtensionContext<'_>,
        request: Request,
        next: NextPrepareRequest<'_>,
    ) -> ServerResult<Request> {
        if has_nul(&request) {
            return Err(with_code(
                ServerError::new("text may not contain NUL characters (\\u0000)", None),
                "BAD_USER_INPUT",
            ));
        }
        next.run(ctx, request).await
    }

    async fn parse_query(
        &self,
        ctx: &ExtensionContext<'_>,
        query: &str,
        variables: &Variables,
        next: NextParseQuery<'_>,
    ) -> ServerResult<ExecutableDocument> {
        next.run(ctx, query, variables).await.map_err(|e| {
            if e.message.starts_with("recursion limit exceeded") {
                // The parser's own guard against deep nesting: say what to change.
                let mut clear = ServerError::new(
                    "the document is nested too deep to parse (selections or input values more than 64 levels deep); flatten it",
                    e.locations.first().copied(),
                );
                clear.path = e.path;
                with_code(clear, "QUERY_TOO_COMPLEX")
            } else {
                with_code(e, "GRAPHQL_PARSE_FAILED")
            }
        })
    }

    async fn validation(
        &self,
        ctx: &ExtensionContext<'_>,
        next: NextValidation<'_>,
    ) -> Result<ValidationResult, Vec<ServerError>> {
        next.run(ctx).await.map_err(|errors| {
            errors
                .into_iter()
                .map(|e| {
                    let code = library_code(&e.message).unwrap_or("GRAPHQL_VALIDATION_FAILED");
                    with_code(e, code)
                })
                .collect()
        })
    }

    async fn execute(
        &self,
        ctx: &ExtensionContext<'_>,
        operation_name: Option<&str>,
        next: NextExecute<'_>,
    ) -> Response {
        let mut response = next.run(ctx, operation_name).await;
        response.errors = response
            .errors
            .into_iter()
            .map(|e| {
                let has_code = e.extensions.as_ref().is_some_and(|x| x.get("code").is_some());
                match library_code(&e.message) {
                    Some(code) => with_code(e, code),
                    None if has_code => e,
                    None => {
                        tracing::error!(error = %e.message, path = ?e.path, "an error without a code reached the client");
                        let mut internal = ServerError::new("internal error", e.locations.first().copied());
                        internal.path = e.path;
                        with_code(internal, "INTERNAL_SERVER_ERROR")
                    }
                }
            })
            .collect();
        response
    }
}
