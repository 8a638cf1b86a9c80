//! Reading sources: the root fields, their filters and ordering.

use async_graphql::{Context, Object, Result};
use entities::{Role, source};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::Source;
use crate::graphql::{
    context::db,
    guards::RoleGuard,
    pagination::{Connection, PageArgs, SortKey},
};

/// Reading sources.
#[derive(Default)]
pub struct SourceQuery;

#[Object]
impl SourceQuery {
    /// The feeds the team follows, by slug. Viewers and up.
    #[graphql(
        guard = "RoleGuard(Role::Viewer)",
        complexity = "PageArgs::weight(first, last) * child_complexity"
    )]
    async fn sources(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only enabled (true) or disabled (false) sources.")] enabled: Option<bool>,
        #[graphql(desc = "Page size from the start (at most 100; 20 by default).")] first: Option<
            i32,
        >,
        #[graphql(desc = "Continue after this cursor.")] after: Option<String>,
        #[graphql(desc = "Page size from the end (at most 100).")] last: Option<i32>,
        #[graphql(desc = "Continue before this cursor.")] before: Option<String>,
    ) -> Result<Connection<Source>> {
        let mut select = source::Entity::find().filter(source::Column::DeletedAt.is_null());
        if let Some(enabled) = enabled {
            select = select.filter(source::Column::Enabled.eq(enabled));
        }
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        let keys = vec![SortKey::asc(source::Column::Slug)];
        Ok(Connection::load(db(ctx), select, keys, source::Column::Id, &args, Source).await?)
    }
}
