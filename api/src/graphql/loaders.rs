//! DataLoaders: one batched statement per relation per request, whatever the page size.
//!
//! Every relation is "rows of table E whose column C is one of these ids": a model's company
//! (companies by id), a company's models (models by company_id), a model's tasks (model_tasks
//! by model_id, then tasks by id). [`ByColumn`] is that one query, and [`Loaders`] holds one
//! instance per relation, created fresh for each request so nothing is cached across them.
//!
//! Batches run in the request's own task (see [`super::batching`]), after every sibling field
//! has asked for its keys, so a page of 100 costs the same statements as a page of 1 however
//! long resolving the page takes: no timing window decides what falls into a batch.

use std::{collections::HashMap, sync::Arc};

use async_graphql::dataloader::{DataLoader, Loader};
use entities::*;
use sea_orm::{
    ColumnTrait, DatabaseConnection, DbErr, EntityTrait, ModelTrait, QueryFilter, QueryOrder, Value,
};

use super::batching::Batches;
use crate::error::ApiResult;

/// Loads the live rows of `E` whose `column` is one of the keys, grouped by that column,
/// in `order` then id order.
pub struct ByColumn<E: EntityTrait> {
    db: DatabaseConnection,
    column: E::Column,
    deleted_at: Option<E::Column>,
    order: Vec<(E::Column, sea_orm::Order)>,
}

impl<E: EntityTrait> ByColumn<E> {
    fn new(db: &DatabaseConnection, column: E::Column) -> Self {
        ByColumn {
            db: db.clone(),
            column,
            deleted_at: None,
            order: Vec::new(),
        }
    }

    /// Skips soft-deleted rows.
    fn live(mut self, deleted_at: E::Column) -> Self {
        self.deleted_at = Some(deleted_at);
        self
    }

    /// Orders each group by `column` first.
    fn ordered(mut self, column: E::Column, order: sea_orm::Order) -> Self {
        self.order.push((column, order));
        self
    }

    fn spawn(self, batches: &Batches) -> DataLoader<Self>
    where
        E::Model: Send + Sync,
    {
        let batches = batches.clone();
        DataLoader::new(self, move |batch| batches.push(batch)).delay(std::time::Duration::ZERO)
    }
}

impl<E> Loader<i64> for ByColumn<E>
where
    E: EntityTrait,
    E::Model: Send + Sync + Clone,
{
    type Value = Vec<E::Model>;
    type Error = Arc<DbErr>;

    async fn load(&self, keys: &[i64]) -> Result<HashMap<i64, Self::Value>, Self::Error> {
        let mut select = E::find().filter(self.column.is_in(keys.iter().copied()));
        if let Some(deleted_at) = self.deleted_at {
            select = select.filter(deleted_at.is_null());
        }
        for (column, order) in &self.order {
            select = select.order_by(*column, order.clone());
        }
        if let Some(pk) = E::PrimaryKey::iter().next() {
            use sea_orm::PrimaryKeyToColumn;
            select = select.order_by_asc(pk.into_column());
        }
        let rows = select.all(&self.db).await.map_err(Arc::new)?;
        let mut groups: HashMap<i64, Vec<E::Model>> = HashMap::new();
        for row in rows {
            if let Value::BigInt(Some(key)) = row.get(self.column) {
                groups.entry(key).or_default().push(row);
            }
        }
        Ok(groups)
    }
}

use sea_orm::Iterable;

/// The loaders of one request.
pub struct Loaders {
    pub companies: DataLoader<ByColumn<company::Entity>>,
    pub models: DataLoader<ByColumn<model::Entity>>,
    pub products: DataLoader<ByColumn<product::Entity>>,
    pub offerings: DataLoader<ByColumn<offering::Entity>>,
    pub events: DataLoader<ByColumn<event::Entity>>,
    pub media_types: DataLoader<ByColumn<media_type::Entity>>,
    pub tasks: DataLoader<ByColumn<task::Entity>>,
    pub benchmarks: DataLoader<ByColumn<benchmark::Entity>>,

    pub companies_by_parent: DataLoader<ByColumn<company::Entity>>,
    pub models_by_company: DataLoader<ByColumn<model::Entity>>,
    pub products_by_company: DataLoader<ByColumn<product::Entity>>,
    pub offerings_by_model: DataLoader<ByColumn<offering::Entity>>,
    pub offerings_by_provider: DataLoader<ByColumn<offering::Entity>>,
    pub prices_by_offering: DataLoader<ByColumn<price::Entity>>,
    pub prices_by_product: DataLoader<ByColumn<price::Entity>>,
    pub free_quotas_by_offering: DataLoader<ByColumn<free_quota::Entity>>,
    pub free_quotas_by_product: DataLoader<ByColumn<free_quota::Entity>>,
    pub plans_by_product: DataLoader<ByColumn<subscription_plan::Entity>>,
    pub credit_costs_by_product: DataLoader<ByColumn<credit_cost::Entity>>,
    pub scores_by_model: DataLoader<ByColumn<score::Entity>>,
    pub filings_by_company: DataLoader<ByColumn<filing::Entity>>,
    pub filings_by_product: DataLoader<ByColumn<filing::Entity>>,

    pub media_links_by_model: DataLoader<ByColumn<model_media_type::Entity>>,
    pub task_links_by_model: DataLoader<ByColumn<model_task::Entity>>,
    pub task_links_by_product: DataLoader<ByColumn<product_task::Entity>>,
    pub product_links_by_model: DataLoader<ByColumn<product_model::Entity>>,
    pub model_links_by_product: DataLoader<ByColumn<product_model::Entity>>,
    pub model_links_by_plan: DataLoader<ByColumn<plan_model::Entity>>,
    pub event_links_by_company: DataLoader<ByColumn<event_company::Entity>>,
    pub event_links_by_model: DataLoader<ByColumn<event_model::Entity>>,
    pub event_links_by_product: DataLoader<ByColumn<event_product::Entity>>,
    pub company_links_by_event: DataLoader<ByColumn<event_company::Entity>>,
    pub model_links_by_event: DataLoader<ByColumn<event_model::Entity>>,
    pub product_links_by_event: DataLoader<ByColumn<event_product::Entity>>,

    pub rates: super::money::Rates,
}

impl Loaders {
    /// Loaders over `db` whose batches run on `batches`.
    pub fn new(db: &DatabaseConnection, batches: &Batches) -> Self {
        use sea_orm::Order::{Asc, Desc};
        Loaders {
            companies: ByColumn::new(db, company::Column::Id)
                .live(company::Column::DeletedAt)
                .spawn(batches),
            models: ByColumn::new(db, model::Column::Id)
                .live(model::Column::DeletedAt)
                .spawn(batches),
            products: ByColumn::new(db, product::Column::Id)
                .live(product::Column::DeletedAt)
                .spawn(batches),
            offerings: ByColumn::new(db, offering::Column::Id)
                .live(offering::Column::DeletedAt)
                .spawn(batches),
            events: ByColumn::new(db, event::Column::Id)
                .live(event::Column::DeletedAt)
                .spawn(batches),
            media_types: ByColumn::new(db, media_type::Column::Id).spawn(batches),
            tasks: ByColumn::new(db, task::Column::Id).spawn(batches),
            benchmarks: ByColumn::new(db, benchmark::Column::Id)
                .live(benchmark::Column::DeletedAt)
                .spawn(batches),

            companies_by_parent: ByColumn::new(db, company::Column::ParentId)
                .live(company::Column::DeletedAt)
                .ordered(company::Column::Name, Asc)
                .spawn(batches),
            models_by_company: ByColumn::new(db, model::Column::CompanyId)
                .live(model::Column::DeletedAt)
                .ordered(model::Column::Name, Asc)
                .spawn(batches),
            products_by_company: ByColumn::new(db, product::Column::CompanyId)
                .live(product::Column::DeletedAt)
                .ordered(product::Column::Name, Asc)
                .spawn(batches),
            offerings_by_model: ByColumn::new(db, offering::Column::ModelId)
                .live(offering::Column::DeletedAt)
                .ordered(offering::Column::Region, Asc)
                .spawn(batches),
            offerings_by_provider: ByColumn::new(db, offering::Column::ProviderId)
                .live(offering::Column::DeletedAt)
                .ordered(offering::Column::ApiModelId, Asc)
                .spawn(batches),
            prices_by_offering: ByColumn::new(db, price::Column::OfferingId)
                .live(price::Column::DeletedAt)
                .ordered(price::Column::EffectiveFrom, Desc)
                .spawn(batches),
            prices_by_product: ByColumn::new(db, price::Column::ProductId)
                .live(price::Column::DeletedAt)
                .ordered(price::Column::EffectiveFrom, Desc)
                .spawn(batches),
            free_quotas_by_offering: ByColumn::new(db, free_quota::Column::OfferingId)
                .live(free_quota::Column::DeletedAt)
                .ordered(free_quota::Column::EffectiveFrom, Desc)
                .spawn(batches),
            free_quotas_by_product: ByColumn::new(db, free_quota::Column::ProductId)
                .live(free_quota::Column::DeletedAt)
                .ordered(free_quota::Column::EffectiveFrom, Desc)
                .spawn(batches),
            plans_by_product: ByColumn::new(db, subscription_plan::Column::ProductId)
                .live(subscription_plan::Column::DeletedAt)
                .ordered(subscription_plan::Column::EffectiveFrom, Desc)
                .spawn(batches),
            credit_costs_by_product: ByColumn::new(db, credit_cost::Column::ProductId)
                .live(credit_cost::Column::DeletedAt)
                .ordered(credit_cost::Column::EffectiveFrom, Desc)
                .spawn(batches),
            scores_by_model: ByColumn::new(db, score::Column::ModelId)
                .live(score::Column::DeletedAt)
                .ordered(score::Column::MeasuredOn, Desc)
                .spawn(batches),
            filings_by_company: ByColumn::new(db, filing::Column::CompanyId)
                .live(filing::Column::DeletedAt)
                .spawn(batches),
            filings_by_product: ByColumn::new(db, filing::Column::ProductId)
                .live(filing::Column::DeletedAt)
                .spawn(batches),

            media_links_by_model: ByColumn::new(db, model_media_type::Column::ModelId)
                .spawn(batches),
            task_links_by_model: ByColumn::new(db, model_task::Column::ModelId).spawn(batches),
            task_links_by_product: ByColumn::new(db, product_task::Column::ProductId)
                .spawn(batches),
            product_links_by_model: ByColumn::new(db, product_model::Column::ModelId)
                .spawn(batches),
            model_links_by_product: ByColumn::new(db, product_model::Column::ProductId)
                .spawn(batches),
            model_links_by_plan: ByColumn::new(db, plan_model::Column::PlanId).spawn(batches),
            event_links_by_company: ByColumn::new(db, event_company::Column::CompanyId)
                .spawn(batches),
            event_links_by_model: ByColumn::new(db, event_model::Column::ModelId).spawn(batches),
            event_links_by_product: ByColumn::new(db, event_product::Column::ProductId)
                .spawn(batches),
            company_links_by_event: ByColumn::new(db, event_company::Column::EventId)
                .spawn(batches),
            model_links_by_event: ByColumn::new(db, event_model::Column::EventId).spawn(batches),
            product_links_by_event: ByColumn::new(db, event_product::Column::EventId)
                .spawn(batches),
            rates: {
                let batches = batches.clone();
                DataLoader::new(super::money::RatesLoader::new(db), move |batch| {
                    batches.push(batch)
                })
                .delay(std::time::Duration::ZERO)
            },
        }
    }
}

/// The one row of `E` with this id, if it is live.
pub async fn one<E>(loader: &DataLoader<ByColumn<E>>, id: i64) -> ApiResult<Option<E::Model>>
where
    E: EntityTrait,
    E::Model: Send + Sync + Clone,
{
    Ok(loader
        .load_one(id)
        .await?
        .and_then(|rows| rows.into_iter().next()))
}

/// The rows of `E` whose key column is `key`.
pub async fn all<E>(loader: &DataLoader<ByColumn<E>>, key: i64) -> ApiResult<Vec<E::Model>>
where
    E: EntityTrait,
    E::Model: Send + Sync + Clone,
{
    Ok(loader.load_one(key).await?.unwrap_or_default())
}

/// The live rows of `E` with these ids, in the order of `ids` (missing ones skipped).
pub async fn many<E>(loader: &DataLoader<ByColumn<E>>, ids: Vec<i64>) -> ApiResult<Vec<E::Model>>
where
    E: EntityTrait,
    E::Model: Send + Sync + Clone,
{
    let found = loader.load_many(ids.iter().copied()).await?;
    Ok(ids
        .iter()
        .filter_map(|id| found.get(id).and_then(|rows| rows.first().cloned()))
        .collect())
}
