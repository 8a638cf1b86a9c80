//! Gives the library's own request errors the `extensions.code` of API.md.
//!
//! async-graphql refuses a too-deep or too-complex query, a malformed document and an
//! argument of the wrong type with errors that carry no code; clients branch on codes, so
//! this extension adds them: `QUERY_TOO_COMPLEX`, `GRAPHQL_PARSE_FAILED`,
//! `GRAPHQL_VALIDATION_FAILED` and `BAD_USER_INPUT`.

use std::sync::Arc;

use async_graphql::{
    Response, ServerError, ServerResult, ValidationResult, Variables,
    extensions::{
        Extension, ExtensionContext, ExtensionFactory, NextExecute, NextParseQuery, NextValidation,
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
    {
        Some("BAD_USER_INPUT")
    } else {
        None
    }
}

#[async_trait::async_trait]
impl Extension for ErrorCodes {
    async fn parse_query(
        &self,
        ctx: &ExtensionContext<'_>,
        query: &str,
        variables: &Variables,
        next: NextParseQuery<'_>,
    ) -> ServerResult<ExecutableDocument> {
        next.run(ctx, query, variables)
            .await
            .map_err(|e| with_code(e, "GRAPHQL_PARSE_FAILED"))
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
            .map(|e| match library_code(&e.message) {
                Some(code) => with_code(e, code),
                None => e,
            })
            .collect();
        response
    }
}
