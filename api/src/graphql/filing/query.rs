//! Reading filings: the root fields, their filters and ordering.

use async_graphql::{Context, InputObject, Object, Result};
use entities::{FilingStatus, FilingType, company, filing, product};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::Filing;
use crate::graphql::{
    context::db,
    ordering::order_by,
    pagination::{Connection, PageArgs, SortKey},
};
use crate::service::filter_sql::ids_with_slugs;

/// Which filings to list; all conditions must hold.
#[derive(InputObject, Default)]
pub struct FilingFilter {
    /// Slugs of the filing companies; any of them.
    pub companies: Option<Vec<String>>,
    /// Slugs of the products filed for; any of them.
    pub products: Option<Vec<String>>,
    /// Kinds of filing; any of them.
    pub types: Option<Vec<FilingType>>,
    /// Statuses; any of them.
    pub statuses: Option<Vec<FilingStatus>>,
}

order_by! {
    /// One key of a filing ordering.
    FilingOrder,
    /// What filings can be ordered by.
    FilingOrderField for filing {
        /// Announcement date.
        AnnouncedOn => AnnouncedOn,
        /// Filing number, byte-wise.
        FilingNumber => FilingNumber,
    }
}

/// Reading filings.
#[derive(Default)]
pub struct FilingQuery;

#[Object]
impl FilingQuery {
    /// Filings, newest announcement first unless ordered otherwise.
    #[graphql(complexity = "PageArgs::weight(first, last) * child_complexity")]
    #[allow(clippy::too_many_arguments)]
    async fn filings(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only these filings.")] filter: Option<FilingFilter>,
        #[graphql(desc = "Sort keys, applied in order; the id breaks ties.", default)]
        order_by: Vec<FilingOrder>,
        #[graphql(desc = "Page size from the start (at most 100; 20 by default).")] first: Option<
            i32,
        >,
        #[graphql(desc = "Continue after this cursor.")] after: Option<String>,
        #[graphql(desc = "Page size from the end (at most 100).")] last: Option<i32>,
        #[graphql(desc = "Continue before this cursor.")] before: Option<String>,
    ) -> Result<Connection<Filing>> {
        let f = filter.unwrap_or_default();
        let mut select = filing::Entity::find().filter(filing::Column::DeletedAt.is_null());
        if let Some(slugs) = f.companies {
            let ids = ids_with_slugs::<company::Entity, _>(
                company::Column::Slug,
                company::Column::Id,
                company::Column::DeletedAt,
                &slugs,
            );
            select = select.filter(filing::Column::CompanyId.in_subquery(ids));
        }
        if let Some(slugs) = f.products {
            let ids = ids_with_slugs::<product::Entity, _>(
                product::Column::Slug,
                product::Column::Id,
                product::Column::DeletedAt,
                &slugs,
            );
            select = select.filter(filing::Column::ProductId.in_subquery(ids));
        }
        if let Some(types) = f.types {
            select = select.filter(filing::Column::FilingType.is_in(types));
        }
        if let Some(statuses) = f.statuses {
            select = select.filter(filing::Column::Status.is_in(statuses));
        }
        let keys = FilingOrder::keys(&order_by, vec![SortKey::desc(filing::Column::AnnouncedOn)]);
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        Ok(Connection::load(db(ctx), select, keys, filing::Column::Id, &args, Filing).await?)
    }
}
