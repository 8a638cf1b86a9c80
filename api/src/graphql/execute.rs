//! Executing one GraphQL request: refused early where the document asks too much, run with
//! fresh loaders whose batches run in the request's own task (see [`super::batching`]), every
//! error answered with its code (see [`super::error_codes`]) and every object's fields in the
//! order the query names them (see [`super::answer_order`]).

use async_graphql::{Request, Response};
use sea_orm::DatabaseConnection;

use super::{
    answer_order,
    batching::{self, Batches},
    error_codes,
    loaders::Loaders,
    schema::AppSchema,
};

/// Executes `request` on `schema`, reading from `db`.
pub async fn execute(
    schema: &AppSchema,
    db: &DatabaseConnection,
    mut request: Request,
) -> Response {
    if let Some(refused) = error_codes::refuse_early(&request) {
        return refused;
    }
    let query = request.query.clone();
    // Parsed once, here: the schema executes this parse, and the answer is ordered by a copy.
    let document = request.parsed_query().ok().cloned();
    let operation_name = request.operation_name.clone();
    let variables = document.is_some().then(|| request.variables.clone());
    let (batches, queued) = Batches::new();
    let loaders = Loaders::new(db, &batches);
    let mut response = batching::drive(schema.execute(request.data(loaders)), queued).await;
    if let (Some(document), Some(variables)) = (&document, &variables) {
        answer_order::reorder(
            &mut response.data,
            document,
            operation_name.as_deref(),
            variables,
        );
    }
    error_codes::with_codes(&query, response)
}
