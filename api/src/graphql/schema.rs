//! The schema: one query object per domain, merged here, with the request limits.

use async_graphql::{EmptyMutation, EmptySubscription, MergedObject, Schema};
use sea_orm::DatabaseConnection;

use super::{
    benchmark::BenchmarkQuery, company::CompanyQuery, event::EventQuery,
    exchange_rate::ExchangeRateQuery, filing::FilingQuery, limits::ErrorCodesFactory,
    modality::ModalityQuery, model::ModelQuery, node::NodeQuery, offering::OfferingQuery,
    price::PriceQuery, product::ProductQuery,
};
use crate::config::QueryLimits;

/// Every read of the API.
#[derive(MergedObject, Default)]
pub struct QueryRoot(
    NodeQuery,
    CompanyQuery,
    ModelQuery,
    ModalityQuery,
    OfferingQuery,
    ProductQuery,
    PriceQuery,
    EventQuery,
    FilingQuery,
    ExchangeRateQuery,
    BenchmarkQuery,
);

/// The API's schema type.
pub type AppSchema = Schema<QueryRoot, EmptyMutation, EmptySubscription>;

/// Builds the schema over `db`, refusing requests beyond `limits` before they run.
pub fn build(db: DatabaseConnection, limits: QueryLimits) -> AppSchema {
    Schema::build(QueryRoot::default(), EmptyMutation, EmptySubscription)
        .data(db)
        .limit_depth(limits.max_depth)
        .limit_complexity(limits.max_complexity)
        .limit_recursive_depth(64)
        .limit_directives(16)
        .extension(ErrorCodesFactory)
        .finish()
}

/// The schema in SDL, as `aigc-landscape schema` prints it.
pub fn sdl() -> String {
    Schema::build(QueryRoot::default(), EmptyMutation, EmptySubscription)
        .finish()
        .sdl()
}
