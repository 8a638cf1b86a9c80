//! Executing one GraphQL request: refused early where the document asks too much, run with
//! fresh loaders whose batches run in the request's own task (see [`super::batching`]), and
//! every error answered with its code (see [`super::error_codes`]).

use async_graphql::{Request, Response};
use sea_orm::DatabaseConnection;

use super::{
    batching::{self, Batches},
    error_codes,
    loaders::Loaders,
    schema::AppSchema,
};

/// Executes `request` on `schema`, reading from `db`.
pub async fn execute(schema: &AppSchema, db: &DatabaseConnection, request: Request) -> Response {
    if let Some(refused) = error_codes::refuse_early(&request) {
        return refused;
    }
    let query = request.query.clone();
    let (batches, queued) = Batches::new();
    let loaders = Loaders::new(db, &batches);
    let response = batching::drive(schema.execute(request.data(loaders)), queued).await;
    error_codes::with_codes(&query, response)
}
