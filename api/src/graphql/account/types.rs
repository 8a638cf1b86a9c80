//! The GraphQL output types of a user and an API token.

use async_graphql::{Context, ID, Object, Result};
use entities::{Role, api_token, user};
use sea_orm::EntityTrait;

use crate::graphql::{
    context::db,
    ids::{self, Kind},
    scalars::DateTime,
};

#[derive(Clone)]
pub struct User(pub user::Model);

/// A team member. Visible to the member themself and to admins.
#[Object]
impl User {
    /// Opaque global id.
    pub async fn id(&self) -> ID {
        ids::encode(Kind::User, self.0.id)
    }

    /// Email address, used to sign in.
    async fn email(&self) -> &str {
        &self.0.email
    }

    /// Name shown in the audit trail.
    async fn display_name(&self) -> &str {
        &self.0.display_name
    }

    /// What the member may do.
    async fn role(&self) -> Role {
        self.0.role
    }

    /// Whether the member may sign in.
    async fn active(&self) -> bool {
        self.0.active
    }

    /// Bumped on each change; pass it as `expectedVersion` to `updateUser`.
    async fn version(&self) -> i32 {
        self.0.version
    }

    /// When the account was created.
    async fn created_at(&self) -> DateTime {
        DateTime(self.0.created_at)
    }

    /// When the account last changed.
    async fn updated_at(&self) -> DateTime {
        DateTime(self.0.updated_at)
    }
}

#[derive(Clone)]
pub struct ApiToken(pub api_token::Model);

/// A long-lived, labelled token for a dashboard or script. Its secret is shown once, when
/// issued; this record never shows it.
#[Object]
impl ApiToken {
    /// Opaque global id; pass it to `revokeToken`.
    pub async fn id(&self) -> ID {
        ids::encode(Kind::ApiToken, self.0.id)
    }

    /// What it is for, e.g. "sales dashboard".
    async fn label(&self) -> &str {
        &self.0.label
    }

    /// The role it carries (never more than its user's current role).
    async fn role(&self) -> Role {
        self.0.role
    }

    /// What it may be used for: the API, or only the Atom feeds.
    async fn scope(&self) -> entities::TokenScope {
        self.0.scope
    }

    /// Whose rights it carries.
    async fn user(&self, ctx: &Context<'_>) -> Result<Option<User>> {
        Ok(user::Entity::find_by_id(self.0.user_id)
            .one(db(ctx))
            .await?
            .map(User))
    }

    /// When it was issued.
    async fn created_at(&self) -> DateTime {
        DateTime(self.0.created_at)
    }

    /// When it stops working.
    async fn expires_at(&self) -> DateTime {
        DateTime(self.0.expires_at)
    }

    /// When it was revoked, if it was.
    async fn revoked_at(&self) -> Option<DateTime> {
        self.0.revoked_at.map(DateTime)
    }
}
