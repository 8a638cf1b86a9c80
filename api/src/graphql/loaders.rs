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

use async_graphql::dataloader::Loader;
use chrono::NaiveDate;
use entities::*;
use sea_orm::{
    ColumnTrait, DatabaseConnection, DbErr, EntityTrait, ModelTrait, QueryFilter, QueryOrder, Value,
};

use super::batching::{Batched, Batches};
use crate::{error::ApiResult, service::analytics::offers::in_effect_on};

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

    fn spawn(self, batches: &Batches) -> Batched<Self, i64>
    where
        E::Model: Send + Sync + Clone,
    {
        Batched::new(self, batches)
    }
}

impl<E> ByColumn<E>
where
    E: EntityTrait,
{
    /// The live rows whose column is one of `keys`, in the loader's order.
    fn select(&self, keys: impl IntoIterator<Item = i64>) -> sea_orm::Select<E> {
        let mut select = E::find().filter(self.column.is_in(keys));
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
        select
    }

    /// `rows` by the value of the loader's column, in their order.
    fn grouped(&self, rows: Vec<E::Model>) -> HashMap<i64, Vec<E::Model>> {
        let mut groups: HashMap<i64, Vec<E::Model>> = HashMap::new();
        for row in rows {
            if let Value::BigInt(Some(key)) = row.get(self.column) {
                groups.entry(key).or_default().push(row);
            }
        }
        groups
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
        let rows = self
            .select(keys.iter().copied())
            .all(&self.db)
            .await
            .map_err(Arc::new)?;
        Ok(self.grouped(rows))
    }
}

/// A [`ByColumn`] of dated rows (prices, free quotas) keyed by id and day: only the rows in
/// effect on the day are read — a price history's past periods never leave the database.
/// One statement per distinct day in the batch (a page asks for one).
pub struct OnDay<E: EntityTrait> {
    rows: ByColumn<E>,
    from: E::Column,
    to: E::Column,
}

impl<E: EntityTrait> ByColumn<E> {
    /// Keys this loader by (id, day), reading only rows with `from <= day < to`.
    fn on_day(self, from: E::Column, to: E::Column) -> OnDay<E> {
        OnDay {
            rows: self,
            from,
            to,
        }
    }
}

impl<E: EntityTrait> OnDay<E> {
    fn spawn(self, batches: &Batches) -> Batched<Self, (i64, NaiveDate)>
    where
        E::Model: Send + Sync + Clone,
    {
        Batched::new(self, batches)
    }
}

impl<E> Loader<(i64, NaiveDate)> for OnDay<E>
where
    E: EntityTrait,
    E::Model: Send + Sync + Clone,
{
    type Value = Vec<E::Model>;
    type Error = Arc<DbErr>;

    async fn load(
        &self,
        keys: &[(i64, NaiveDate)],
    ) -> Result<HashMap<(i64, NaiveDate), Self::Value>, Self::Error> {
        let mut days: HashMap<NaiveDate, Vec<i64>> = HashMap::new();
        for (id, day) in keys {
            days.entry(*day).or_default().push(*id);
        }
        let mut found = HashMap::new();
        for (day, ids) in days {
            let rows = self
                .rows
                .select(ids)
                .filter(in_effect_on(self.from, self.to, day))
                .all(&self.rows.db)
                .await
                .map_err(Arc::new)?;
            found.extend(
                self.rows
                    .grouped(rows)
                    .into_iter()
                    .map(|(id, rows)| ((id, day), rows)),
            );
        }
        Ok(found)
    }
}

use sea_orm::Iterable;

/// The loaders of one request.
pub struct Loaders {
    pub companies: Batched<ByColumn<company::Entity>, i64>,
    pub models: Batched<ByColumn<model::Entity>, i64>,
    pub products: Batched<ByColumn<product::Entity>, i64>,
    pub offerings: Batched<ByColumn<offering::Entity>, i64>,
    pub events: Batched<ByColumn<event::Entity>, i64>,
    pub media_types: Batched<ByColumn<media_type::Entity>, i64>,
    pub tasks: Batched<ByColumn<task::Entity>, i64>,
    pub benchmarks: Batched<ByColumn<benchmark::Entity>, i64>,
    pub sources: Batched<ByColumn<source::Entity>, i64>,
    pub inbox_items: Batched<ByColumn<inbox_item::Entity>, i64>,
    pub matches_by_inbox_item: Batched<ByColumn<inbox_match::Entity>, i64>,

    pub companies_by_parent: Batched<ByColumn<company::Entity>, i64>,
    pub models_by_company: Batched<ByColumn<model::Entity>, i64>,
    pub products_by_company: Batched<ByColumn<product::Entity>, i64>,
    pub offerings_by_model: Batched<ByColumn<offering::Entity>, i64>,
    pub offerings_by_provider: Batched<ByColumn<offering::Entity>, i64>,
    pub prices_by_offering: Batched<ByColumn<price::Entity>, i64>,
    pub prices_by_product: Batched<ByColumn<price::Entity>, i64>,
    pub prices_on_day_by_offering: Batched<OnDay<price::Entity>, (i64, NaiveDate)>,
    pub prices_on_day_by_product: Batched<OnDay<price::Entity>, (i64, NaiveDate)>,
    pub free_quotas_by_offering: Batched<ByColumn<free_quota::Entity>, i64>,
    pub free_quotas_by_product: Batched<ByColumn<free_quota::Entity>, i64>,
    pub plans_by_product: Batched<ByColumn<subscription_plan::Entity>, i64>,
    pub credit_costs_by_product: Batched<ByColumn<credit_cost::Entity>, i64>,
    pub scores_by_model: Batched<ByColumn<score::Entity>, i64>,
    pub filings_by_company: Batched<ByColumn<filing::Entity>, i64>,
    pub filings_by_product: Batched<ByColumn<filing::Entity>, i64>,

    pub media_links_by_model: Batched<ByColumn<model_media_type::Entity>, i64>,
    pub task_links_by_model: Batched<ByColumn<model_task::Entity>, i64>,
    pub task_links_by_product: Batched<ByColumn<product_task::Entity>, i64>,
    pub product_links_by_model: Batched<ByColumn<product_model::Entity>, i64>,
    pub model_links_by_product: Batched<ByColumn<product_model::Entity>, i64>,
    pub model_links_by_plan: Batched<ByColumn<plan_model::Entity>, i64>,
    pub event_links_by_company: Batched<ByColumn<event_company::Entity>, i64>,
    pub event_links_by_model: Batched<ByColumn<event_model::Entity>, i64>,
    pub event_links_by_product: Batched<ByColumn<event_product::Entity>, i64>,
    pub company_links_by_event: Batched<ByColumn<event_company::Entity>, i64>,
    pub model_links_by_event: Batched<ByColumn<event_model::Entity>, i64>,
    pub product_links_by_event: Batched<ByColumn<event_product::Entity>, i64>,

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
            sources: ByColumn::new(db, source::Column::Id)
                .live(source::Column::DeletedAt)
                .spawn(batches),
            inbox_items: ByColumn::new(db, inbox_item::Column::Id).spawn(batches),
            matches_by_inbox_item: ByColumn::new(db, inbox_match::Column::InboxItemId)
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
            prices_on_day_by_offering: ByColumn::new(db, price::Column::OfferingId)
                .live(price::Column::DeletedAt)
                .ordered(price::Column::EffectiveFrom, Desc)
                .on_day(price::Column::EffectiveFrom, price::Column::EffectiveTo)
                .spawn(batches),
            prices_on_day_by_product: ByColumn::new(db, price::Column::ProductId)
                .live(price::Column::DeletedAt)
                .ordered(price::Column::EffectiveFrom, Desc)
                .on_day(price::Column::EffectiveFrom, price::Column::EffectiveTo)
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
            rates: Batched::new(super::money::RatesLoader::new(db), batches),
        }
    }
}

/// The one row of `E` with this id, if it is live.
pub async fn one<E>(loader: &Batched<ByColumn<E>, i64>, id: i64) -> ApiResult<Option<E::Model>>
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
pub async fn all<E>(loader: &Batched<ByColumn<E>, i64>, key: i64) -> ApiResult<Vec<E::Model>>
where
    E: EntityTrait,
    E::Model: Send + Sync + Clone,
{
    Ok(loader.load_one(key).await?.unwrap_or_default())
}

/// The rows of `E` whose key column is `key` in effect on `day`.
pub async fn on_day<E>(
    loader: &Batched<OnDay<E>, (i64, NaiveDate)>,
    key: i64,
    day: NaiveDate,
) -> ApiResult<Vec<E::Model>>
where
    E: EntityTrait,
    E::Model: Send + Sync + Clone,
{
    Ok(loader.load_one((key, day)).await?.unwrap_or_default())
}

/// The live rows of `E` with these ids, in the order of `ids` (missing ones skipped).
pub async fn many<E>(loader: &Batched<ByColumn<E>, i64>, ids: Vec<i64>) -> ApiResult<Vec<E::Model>>
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
