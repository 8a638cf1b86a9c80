//! Error codes: gives the library's own request errors the `extensions.code` of API.md,
//! and refuses requests carrying NUL text before they run.
//!
//! async-graphql refuses a too-deep or too-complex query, a malformed document and an
//! argument of the wrong type with errors that carry no code; clients branch on codes, so
//! [`with_codes`] adds them to every response (after it ran, not as a schema extension: an
//! extension puts a hook and a registry look-up on every field resolved —
//! 6% of the models page's CPU samples): `QUERY_TOO_COMPLEX`, `GRAPHQL_PARSE_FAILED`,
//! `GRAPHQL_VALIDATION_FAILED` and `BAD_USER_INPUT`. Any other error that reaches the end of
//! execution without a code came from below (a database error converted by `?`): it is
//! logged and replaced by a bare `INTERNAL_SERVER_ERROR`, so no internal detail leaks.
//!
//! Text with NUL characters is refused before it runs: PostgreSQL cannot store it, SQLite
//! can, and the two databases must answer alike.

use async_graphql::{Request, Response, ServerError};

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

/// Refuses a request before it runs: text with NUL characters.
pub fn refuse_early(request: &Request) -> Option<Response> {
    has_nul(request).then(|| {
        Response::from_errors(vec![with_code(
            ServerError::new("text may not contain NUL characters (\\u0000)", None),
            "BAD_USER_INPUT",
        )])
    })
}

/// Gives every error of `response` its code: the document's parse errors, its validation
/// errors (raised before anything ran: no path, no data), and execution errors — where an
/// error without a code came from below and is replaced by a bare `INTERNAL_SERVER_ERROR`.
pub fn with_codes(query: &str, mut response: Response) -> Response {
    if response.errors.is_empty() {
        return response;
    }
    let parsed = async_graphql::parser::parse_query(query).is_ok();
    let before_running = matches!(response.data, async_graphql::Value::Null)
        && response.errors.iter().all(|e| e.path.is_empty());
    response.errors = response
        .errors
        .into_iter()
        .map(|e| {
            if !parsed {
                parse_error(e)
            } else if before_running {
                let code = library_code(&e.message).unwrap_or("GRAPHQL_VALIDATION_FAILED");
                with_code(e, code)
            } else {
                execution_error(e)
            }
        })
        .collect();
    response
}

fn parse_error(e: ServerError) -> ServerError {
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
}

fn execution_error(e: ServerError) -> ServerError {
    let has_code = e
        .extensions
        .as_ref()
        .is_some_and(|x| x.get("code").is_some());
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
}
