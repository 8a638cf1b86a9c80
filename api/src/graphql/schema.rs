//! The schema: one query object per domain, merged here, with the request limits.

use std::sync::Arc;

use async_graphql::{EmptySubscription, MergedObject, Schema};
use sea_orm::DatabaseConnection;

use super::{
    account::{AccountMutation, AccountQuery},
    analytics::{CompareQuery, DigestMutation, DigestQuery, EstimateQuery, SeriesQuery},
    benchmark::{BenchmarkMutation, BenchmarkQuery, ScoreMutation},
    company::{CompanyMutation, CompanyQuery},
    data_health::DataHealthQuery,
    data_version::DataVersionFactory,
    event::{EventMutation, EventQuery},
    exchange_rate::{ExchangeRateMutation, ExchangeRateQuery},
    filing::{FilingMutation, FilingQuery},
    inbox::{InboxAddMutation, InboxMutation, InboxQuery},
    modality::ModalityQuery,
    model::{ModelMutation, ModelQuery},
    node::NodeQuery,
    offering::{OfferingMutation, OfferingQuery},
    price::{
        FreeQuotaMutation, PriceChangeQuery, PriceMutation, PriceQuery, SubscriptionPlanMutation,
    },
    product::{ProductMutation, ProductQuery},
    revision::RevisionQuery,
    search::SearchQuery,
    source::{SourceMutation, SourceQuery},
    stats::StatsQuery,
    webhook::{WebhookMutation, WebhookQuery},
};
use crate::{auth::Auth, config::QueryLimits};

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
    AccountQuery,
    RevisionQuery,
    PriceChangeQuery,
    StatsQuery,
    CompareQuery,
    EstimateQuery,
    SeriesQuery,
    DigestQuery,
    SearchQuery,
    SourceQuery,
    InboxQuery,
    DataHealthQuery,
    WebhookQuery,
);

/// Every change the API makes: signing in, accounts, and the landscape's records.
#[derive(MergedObject, Default)]
pub struct MutationRoot(
    AccountMutation,
    CompanyMutation,
    ModelMutation,
    OfferingMutation,
    ProductMutation,
    PriceMutation,
    FreeQuotaMutation,
    SubscriptionPlanMutation,
    EventMutation,
    FilingMutation,
    ExchangeRateMutation,
    BenchmarkMutation,
    ScoreMutation,
    DigestMutation,
    SourceMutation,
    InboxMutation,
    InboxAddMutation,
    WebhookMutation,
);

/// The API's schema type.
pub type AppSchema = Schema<QueryRoot, MutationRoot, EmptySubscription>;

/// Builds the schema over `db`, refusing requests beyond `limits` before they run. With
/// `versioned`, it reads the data version before resolving (for answers the response cache
/// keeps); without, it has no extension at all, so no field pays for one.
pub fn build(
    db: DatabaseConnection,
    auth: Arc<Auth>,
    limits: QueryLimits,
    versioned: bool,
) -> AppSchema {
    let builder = Schema::build(
        QueryRoot::default(),
        MutationRoot::default(),
        EmptySubscription,
    )
    .data(db)
    .data(auth)
    .limit_depth(limits.max_depth)
    .limit_complexity(limits.max_complexity)
    .limit_recursive_depth(64)
    .limit_directives(16);
    if versioned {
        builder.extension(DataVersionFactory).finish()
    } else {
        builder.finish()
    }
}

/// The schema in SDL, as `aigc-landscape schema` prints it.
pub fn sdl() -> String {
    Schema::build(
        QueryRoot::default(),
        MutationRoot::default(),
        EmptySubscription,
    )
    .finish()
    .sdl()
}
