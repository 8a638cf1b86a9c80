//! Reading the inbox: items filtered by status, source, company and day, a page at a time.

use async_graphql::{Context, InputObject, Object, Result};
use entities::{InboxStatus, MatchKind, Role, company, inbox_item, inbox_match, source};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Query};

use super::InboxItem;
use crate::graphql::{
    context::db,
    guards::RoleGuard,
    pagination::{Connection, PageArgs, SortKey},
    scalars::Date,
};
use crate::service::filter_sql::ids_with_slugs;

/// Which inbox items to list; all conditions must hold.
#[derive(InputObject, Default)]
pub struct InboxFilter {
    /// Statuses; any of them (every status by default).
    pub statuses: Option<Vec<InboxStatus>>,
    /// Slugs of the sources; any of them.
    pub sources: Option<Vec<String>>,
    /// Slugs of companies the items mention; any of them.
    pub companies: Option<Vec<String>>,
    /// Fetched on or after this day (UTC).
    pub from: Option<Date>,
    /// Fetched before this day (UTC).
    pub to: Option<Date>,
}

/// Reading the inbox.
#[derive(Default)]
pub struct InboxQuery;

#[Object]
impl InboxQuery {
    /// Inbox items, newest fetched first (within one fetch, newest published first). Viewers and up: until a
    /// person accepts them they are claims from feeds, not facts.
    #[graphql(
        guard = "RoleGuard(Role::Viewer)",
        complexity = "PageArgs::weight(first, last) * child_complexity"
    )]
    async fn inbox(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only these items.")] filter: Option<InboxFilter>,
        #[graphql(desc = "Page size from the start (at most 100; 20 by default).")] first: Option<
            i32,
        >,
        #[graphql(desc = "Continue after this cursor.")] after: Option<String>,
        #[graphql(desc = "Page size from the end (at most 100).")] last: Option<i32>,
        #[graphql(desc = "Continue before this cursor.")] before: Option<String>,
    ) -> Result<Connection<InboxItem>> {
        let f = filter.unwrap_or_default();
        let mut select = inbox_item::Entity::find();
        if let Some(statuses) = f.statuses {
            select = select.filter(inbox_item::Column::Status.is_in(statuses));
        }
        if let Some(slugs) = f.sources {
            let ids = ids_with_slugs::<source::Entity, _>(
                source::Column::Slug,
                source::Column::Id,
                source::Column::DeletedAt,
                &slugs,
            );
            select = select.filter(inbox_item::Column::SourceId.in_subquery(ids));
        }
        if let Some(slugs) = f.companies {
            let companies = ids_with_slugs::<company::Entity, _>(
                company::Column::Slug,
                company::Column::Id,
                company::Column::DeletedAt,
                &slugs,
            );
            let items = Query::select()
                .column(inbox_match::Column::InboxItemId)
                .from(inbox_match::Entity)
                .and_where(inbox_match::Column::Kind.eq(MatchKind::Company))
                .and_where(inbox_match::Column::RecordId.in_subquery(companies))
                .to_owned();
            select = select.filter(inbox_item::Column::Id.in_subquery(items));
        }
        if let Some(from) = f.from {
            select = select.filter(
                inbox_item::Column::FetchedAt.gte(from.0.and_hms_opt(0, 0, 0).unwrap().and_utc()),
            );
        }
        if let Some(to) = f.to {
            select = select.filter(
                inbox_item::Column::FetchedAt.lt(to.0.and_hms_opt(0, 0, 0).unwrap().and_utc()),
            );
        }
        // A fetch stores its entries newest first, so within one fetch the id orders by date.
        let keys = vec![SortKey::desc(inbox_item::Column::FetchedAt)];
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        Ok(Connection::load(
            db(ctx),
            select,
            keys,
            inbox_item::Column::Id,
            &args,
            InboxItem,
        )
        .await?)
    }
}
