//! Reading webhooks and their deliveries.

use async_graphql::{Context, ID, Object, Result};
use entities::{Role, webhook, webhook_delivery};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use super::{Webhook, WebhookDelivery};
use crate::{
    error::ApiError,
    graphql::{
        context::db,
        guards::RoleGuard,
        ids::{self, Kind},
        pagination::{Connection, PageArgs, SortKey},
    },
};

/// Reading webhooks.
#[derive(Default)]
pub struct WebhookQuery;

#[Object]
impl WebhookQuery {
    /// The webhooks, by name. Admins only.
    #[graphql(guard = "RoleGuard(Role::Admin)")]
    async fn webhooks(&self, ctx: &Context<'_>) -> Result<Vec<Webhook>> {
        let rows = webhook::Entity::find()
            .filter(webhook::Column::DeletedAt.is_null())
            .order_by_asc(webhook::Column::Name)
            .order_by_asc(webhook::Column::Id)
            .all(db(ctx))
            .await
            .map_err(ApiError::from)?;
        Ok(rows.into_iter().map(Webhook).collect())
    }

    /// A webhook's deliveries, newest first, with their attempts. Admins only.
    #[graphql(
        guard = "RoleGuard(Role::Admin)",
        complexity = "PageArgs::weight(first, last) * child_complexity"
    )]
    async fn webhook_deliveries(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The webhook's id.")] webhook_id: ID,
        #[graphql(desc = "Page size from the start (at most 100; 20 by default).")] first: Option<
            i32,
        >,
        #[graphql(desc = "Continue after this cursor.")] after: Option<String>,
        #[graphql(desc = "Page size from the end (at most 100).")] last: Option<i32>,
        #[graphql(desc = "Continue before this cursor.")] before: Option<String>,
    ) -> Result<Connection<WebhookDelivery>> {
        let hook = ids::decode_as(&webhook_id, Kind::Webhook)?;
        let select =
            webhook_delivery::Entity::find().filter(webhook_delivery::Column::WebhookId.eq(hook));
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        let keys = vec![SortKey::desc(webhook_delivery::Column::CreatedAt)];
        Ok(Connection::load(
            db(ctx),
            select,
            keys,
            webhook_delivery::Column::Id,
            &args,
            WebhookDelivery,
        )
        .await?)
    }
}
