//! Reading offerings: the root fields, their filters and ordering.

use async_graphql::{Context, InputObject, Object, Result};
use entities::{company, model, offering};
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter};

use super::Offering;
use crate::graphql::{
    context::db,
    ordering::order_by,
    pagination::{Connection, PageArgs, SortKey},
    scalars::Date,
};
use crate::service::filter_sql::ids_with_slugs;

/// Which offerings to list; all conditions must hold.
#[derive(InputObject, Default)]
pub struct OfferingFilter {
    /// Slugs of the models served; any of them.
    pub models: Option<Vec<String>>,
    /// Slugs of the providers; any of them.
    pub providers: Option<Vec<String>>,
    /// Regions; any of them.
    pub regions: Option<Vec<String>>,
    /// The API model id, exactly.
    pub api_model_id: Option<String>,
    /// Only those reachable (true) or unreachable (false) from mainland China.
    pub mainland_reachable: Option<bool>,
    /// Only those whose API id served the model on this date.
    pub serving_on: Option<Date>,
}

order_by! {
    /// One key of an offering ordering.
    OfferingOrder,
    /// What offerings can be ordered by.
    OfferingOrderField for offering {
        /// The API model id, byte-wise.
        ApiModelId => ApiModelId,
        /// Region.
        Region => Region,
        /// First day served.
        ServedFrom => ServedFrom,
    }
}

/// Reading offerings.
#[derive(Default)]
pub struct OfferingQuery;

#[Object]
impl OfferingQuery {
    /// Offerings, by API model id unless ordered otherwise.
    #[graphql(complexity = "PageArgs::weight(first, last) * child_complexity")]
    #[allow(clippy::too_many_arguments)]
    async fn offerings(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only these offerings.")] filter: Option<OfferingFilter>,
        #[graphql(desc = "Sort keys, applied in order; the id breaks ties.", default)]
        order_by: Vec<OfferingOrder>,
        #[graphql(desc = "Page size from the start (at most 100; 20 by default).")] first: Option<
            i32,
        >,
        #[graphql(desc = "Continue after this cursor.")] after: Option<String>,
        #[graphql(desc = "Page size from the end (at most 100).")] last: Option<i32>,
        #[graphql(desc = "Continue before this cursor.")] before: Option<String>,
    ) -> Result<Connection<Offering>> {
        let f = filter.unwrap_or_default();
        let select = filtered(f);
        let keys = OfferingOrder::keys(&order_by, vec![SortKey::asc(offering::Column::ApiModelId)]);
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        Ok(Connection::load(db(ctx), select, keys, offering::Column::Id, &args, Offering).await?)
    }
}

/// The live offerings that pass `f`.
pub fn filtered(f: OfferingFilter) -> sea_orm::Select<offering::Entity> {
    let mut select = offering::Entity::find().filter(offering::Column::DeletedAt.is_null());
    if let Some(slugs) = f.models {
        let ids = ids_with_slugs::<model::Entity, _>(
            model::Column::Slug,
            model::Column::Id,
            model::Column::DeletedAt,
            &slugs,
        );
        select = select.filter(offering::Column::ModelId.in_subquery(ids));
    }
    if let Some(slugs) = f.providers {
        let ids = ids_with_slugs::<company::Entity, _>(
            company::Column::Slug,
            company::Column::Id,
            company::Column::DeletedAt,
            &slugs,
        );
        select = select.filter(offering::Column::ProviderId.in_subquery(ids));
    }
    if let Some(regions) = f.regions {
        select = select.filter(offering::Column::Region.is_in(regions));
    }
    if let Some(api_id) = f.api_model_id {
        select = select.filter(offering::Column::ApiModelId.eq(api_id));
    }
    if let Some(reachable) = f.mainland_reachable {
        select = select.filter(offering::Column::MainlandReachable.eq(reachable));
    }
    if let Some(Date(day)) = f.serving_on {
        select = select.filter(
            Condition::all()
                .add(
                    Condition::any()
                        .add(offering::Column::ServedFrom.is_null())
                        .add(offering::Column::ServedFrom.lte(day)),
                )
                .add(
                    Condition::any()
                        .add(offering::Column::ServedTo.is_null())
                        .add(offering::Column::ServedTo.gt(day)),
                ),
        );
    }
    select
}
