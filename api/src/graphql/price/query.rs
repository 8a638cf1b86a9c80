//! Reading prices: `prices` with its filters and ordering, and prices as of a day.

use async_graphql::{Context, ID, InputObject, Object, Result};
use entities::{PriceDimension, company, model, offering, price, product};
use sea_orm::{
    ColumnTrait, Condition, EntityTrait, QueryFilter,
    sea_query::{Query, SelectStatement},
};

use super::Price;
use crate::graphql::{
    context::db,
    ids::{self, Kind},
    ordering::order_by,
    pagination::{Connection, PageArgs, SortKey},
    scalars::Date,
};
use crate::service::filter_sql::ids_with_slugs;

/// Which price rows to list; all conditions must hold.
#[derive(InputObject, Default)]
pub struct PriceFilter {
    /// Slugs of models whose offerings are charged; any of them.
    pub models: Option<Vec<String>>,
    /// Slugs of products charged; any of them.
    pub products: Option<Vec<String>>,
    /// Slugs of the providers selling the offerings; any of them.
    pub providers: Option<Vec<String>>,
    /// Regions of the offerings; any of them.
    pub regions: Option<Vec<String>>,
    /// Ids of offerings; any of them.
    pub offerings: Option<Vec<ID>>,
    /// ISO 4217 currencies of the amounts; any of them.
    pub currencies: Option<Vec<String>>,
    /// What is paid for; any of them.
    pub dimensions: Option<Vec<PriceDimension>>,
    /// Only rows in effect on this date.
    pub as_of: Option<Date>,
}

order_by! {
    /// One key of a price ordering.
    PriceOrder,
    /// What price rows can be ordered by.
    PriceOrderField for price {
        /// First day in effect.
        EffectiveFrom => EffectiveFrom,
        /// Dimension, by its name.
        Dimension => Dimension,
        /// Currency code.
        Currency => Currency,
        /// Last verified.
        VerifiedOn => VerifiedOn,
    }
}

/// `SELECT id FROM offerings WHERE <column> IN (subquery) AND deleted_at IS NULL`.
fn offerings_where(column: offering::Column, ids: SelectStatement) -> SelectStatement {
    Query::select()
        .column(offering::Column::Id)
        .from(offering::Entity)
        .and_where(column.in_subquery(ids))
        .and_where(offering::Column::DeletedAt.is_null())
        .to_owned()
}

/// Reading price rows.
#[derive(Default)]
pub struct PriceQuery;

#[Object]
impl PriceQuery {
    /// Price rows, newest first unless ordered otherwise.
    #[graphql(complexity = "PageArgs::weight(first, last) * child_complexity")]
    #[allow(clippy::too_many_arguments)]
    async fn prices(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only these rows.")] filter: Option<PriceFilter>,
        #[graphql(desc = "Sort keys, applied in order; the id breaks ties.", default)]
        order_by: Vec<PriceOrder>,
        #[graphql(desc = "Page size from the start (at most 100; 20 by default).")] first: Option<
            i32,
        >,
        #[graphql(desc = "Continue after this cursor.")] after: Option<String>,
        #[graphql(desc = "Page size from the end (at most 100).")] last: Option<i32>,
        #[graphql(desc = "Continue before this cursor.")] before: Option<String>,
    ) -> Result<Connection<Price>> {
        let f = filter.unwrap_or_default();
        let mut select = price::Entity::find().filter(price::Column::DeletedAt.is_null());
        if let Some(slugs) = f.models {
            let models = ids_with_slugs::<model::Entity, _>(
                model::Column::Slug,
                model::Column::Id,
                model::Column::DeletedAt,
                &slugs,
            );
            select = select.filter(
                price::Column::OfferingId
                    .in_subquery(offerings_where(offering::Column::ModelId, models)),
            );
        }
        if let Some(slugs) = f.providers {
            let providers = ids_with_slugs::<company::Entity, _>(
                company::Column::Slug,
                company::Column::Id,
                company::Column::DeletedAt,
                &slugs,
            );
            select = select.filter(
                price::Column::OfferingId
                    .in_subquery(offerings_where(offering::Column::ProviderId, providers)),
            );
        }
        if let Some(regions) = f.regions {
            let in_regions = Query::select()
                .column(offering::Column::Id)
                .from(offering::Entity)
                .and_where(offering::Column::Region.is_in(regions))
                .and_where(offering::Column::DeletedAt.is_null())
                .to_owned();
            select = select.filter(price::Column::OfferingId.in_subquery(in_regions));
        }
        if let Some(slugs) = f.products {
            let products = ids_with_slugs::<product::Entity, _>(
                product::Column::Slug,
                product::Column::Id,
                product::Column::DeletedAt,
                &slugs,
            );
            select = select.filter(price::Column::ProductId.in_subquery(products));
        }
        if let Some(offerings) = f.offerings {
            let ids = offerings
                .iter()
                .map(|id| ids::decode_as(id, Kind::Offering))
                .collect::<Result<Vec<_>, _>>()?;
            select = select.filter(price::Column::OfferingId.is_in(ids));
        }
        if let Some(currencies) = f.currencies {
            let currencies: Vec<String> = currencies.iter().map(|c| c.to_uppercase()).collect();
            select = select.filter(price::Column::Currency.is_in(currencies));
        }
        if let Some(dimensions) = f.dimensions {
            select = select.filter(price::Column::Dimension.is_in(dimensions));
        }
        if let Some(Date(day)) = f.as_of {
            select = select.filter(price::Column::EffectiveFrom.lte(day)).filter(
                Condition::any()
                    .add(price::Column::EffectiveTo.is_null())
                    .add(price::Column::EffectiveTo.gt(day)),
            );
        }
        let keys = PriceOrder::keys(&order_by, vec![SortKey::desc(price::Column::EffectiveFrom)]);
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        Ok(Connection::load(db(ctx), select, keys, price::Column::Id, &args, Price).await?)
    }
}
