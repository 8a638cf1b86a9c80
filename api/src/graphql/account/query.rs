//! Reading accounts: `me`, and for admins `users` and `tokens`.

use async_graphql::{Context, Object, Result};
use entities::{Role, api_token, user};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use super::{ApiToken, User};
use crate::graphql::{
    context::db,
    guards::{RoleGuard, caller},
};

/// Reading accounts.
#[derive(Default)]
pub struct AccountQuery;

#[Object]
impl AccountQuery {
    /// The signed-in caller, or null without a token.
    async fn me(&self, ctx: &Context<'_>) -> Result<Option<User>> {
        let Some(member) = caller(ctx).member() else {
            return Ok(None);
        };
        Ok(user::Entity::find_by_id(member.user_id)
            .one(db(ctx))
            .await?
            .map(User))
    }

    /// Every team member, by email. Admins only.
    #[graphql(guard = "RoleGuard(Role::Admin)", complexity = "50 * child_complexity")]
    async fn users(&self, ctx: &Context<'_>) -> Result<Vec<User>> {
        let rows = user::Entity::find()
            .order_by_asc(user::Column::Email)
            .order_by_asc(user::Column::Id)
            .all(db(ctx))
            .await?;
        Ok(rows.into_iter().map(User).collect())
    }

    /// API tokens, newest first. Admins only.
    #[graphql(guard = "RoleGuard(Role::Admin)", complexity = "50 * child_complexity")]
    async fn tokens(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Include revoked and expired tokens.", default = false)] include_inactive: bool,
    ) -> Result<Vec<ApiToken>> {
        let mut query = api_token::Entity::find()
            .order_by_desc(api_token::Column::CreatedAt)
            .order_by_desc(api_token::Column::Id);
        if !include_inactive {
            query = query
                .filter(api_token::Column::RevokedAt.is_null())
                .filter(api_token::Column::ExpiresAt.gt(chrono::Utc::now()));
        }
        Ok(query
            .all(db(ctx))
            .await?
            .into_iter()
            .map(ApiToken)
            .collect())
    }
}
