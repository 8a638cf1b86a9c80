//! Accounts for admins (create, update, reset) and members (`login`, `changePassword`),
//! and API tokens (`issueToken`, `revokeToken`).

use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};
use entities::Role;

use super::{ApiToken, User, actor};
use crate::graphql::user_errors::{UserError, shown};
use crate::{
    auth::{Auth, ClientAddr},
    error::ApiError,
    graphql::{
        context::db,
        guards::{RoleGuard, caller},
        ids::{self, Kind},
        scalars::DateTime,
    },
    service::accounts::{self, NewUser, UserChange},
};

/// A new session.
#[derive(SimpleObject)]
pub struct LoginPayload {
    /// Send it as `Authorization: Bearer <token>`.
    pub token: String,
    /// When it stops working.
    pub expires_at: DateTime,
    /// Who signed in.
    pub user: User,
}

/// The result of a change to a user.
#[derive(SimpleObject, Default)]
pub struct UserPayload {
    /// The user after the change; null when nothing was written.
    pub user: Option<User>,
    /// What to fix; empty on success.
    pub user_errors: Vec<UserError>,
}

/// The result of changing one's password: a new token, since the old ones stop working.
#[derive(SimpleObject, Default)]
pub struct ChangePasswordPayload {
    /// The user after the change; null when nothing was written.
    pub user: Option<User>,
    /// A fresh session token; null when nothing was written.
    pub token: Option<String>,
    /// What to fix; empty on success.
    pub user_errors: Vec<UserError>,
}

/// A newly issued API token.
#[derive(SimpleObject, Default)]
pub struct IssueTokenPayload {
    /// The token itself, shown this once: store it in the dashboard's configuration.
    pub token: Option<String>,
    /// Its record.
    pub api_token: Option<ApiToken>,
    /// What to fix; empty on success.
    pub user_errors: Vec<UserError>,
}

/// The result of revoking a token.
#[derive(SimpleObject, Default)]
pub struct RevokeTokenPayload {
    /// The revoked token.
    pub api_token: Option<ApiToken>,
    /// What to fix; empty on success.
    pub user_errors: Vec<UserError>,
}

/// A new team member.
#[derive(InputObject)]
pub struct CreateUserInput {
    /// Email address, used to sign in; stored in lower case.
    pub email: String,
    /// Name shown in the audit trail; the email's local part when left out.
    pub display_name: Option<String>,
    /// What they may do.
    pub role: Role,
    /// Their first password, at least 10 characters.
    pub password: String,
}

/// A change to a team member; a field left out keeps its value.
#[derive(InputObject, Default)]
pub struct UpdateUserInput {
    /// New display name.
    pub display_name: Option<String>,
    /// New role; ends their sessions.
    pub role: Option<Role>,
    /// Whether they may sign in; deactivating ends their sessions.
    pub active: Option<bool>,
}

/// A token for a dashboard or script.
#[derive(InputObject)]
pub struct IssueTokenInput {
    /// What it is for, e.g. "sales dashboard".
    pub label: String,
    /// The role it carries; usually VIEWER, never more than its user's.
    #[graphql(default_with = "Role::Viewer")]
    pub role: Role,
    /// Whose rights it carries; the caller when left out.
    pub user_id: Option<ID>,
    /// How many days it lasts, 1 to 3650.
    #[graphql(default = 365)]
    pub expires_in_days: i64,
    /// What it may be used for: API (the default) or FEEDS — only the Atom feeds, as
    /// `?token=` in a feed reader's URL, never the API.
    #[graphql(default_with = "entities::TokenScope::Api")]
    pub scope: entities::TokenScope,
}

fn user_id(id: &ID) -> Result<i64, ApiError> {
    ids::decode_as(id, Kind::User)
}

/// Signing in and managing accounts.
#[derive(Default)]
pub struct AccountMutation;

#[Object]
impl AccountMutation {
    /// Signs in. A wrong email or password is UNAUTHENTICATED with the same message either
    /// way; repeated failures for one account or address are RATE_LIMITED.
    async fn login(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Your email address.")] email: String,
        #[graphql(desc = "Your password.")] password: String,
    ) -> Result<LoginPayload> {
        let auth = ctx.data::<std::sync::Arc<Auth>>()?;
        let addr = ctx.data_opt::<ClientAddr>().and_then(|a| a.0);
        let session = accounts::login(db(ctx), auth, &email, &password, addr).await?;
        Ok(LoginPayload {
            token: session.token.token,
            expires_at: DateTime(session.token.expires_at),
            user: User(session.user),
        })
    }

    /// Changes your own password; your other sessions end, and a fresh token is returned.
    #[graphql(guard = "RoleGuard(Role::Viewer)")]
    async fn change_password(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Your password now.")] current_password: String,
        #[graphql(desc = "The new one, at least 10 characters.")] new_password: String,
    ) -> Result<ChangePasswordPayload> {
        let member = caller(ctx)
            .member()
            .cloned()
            .ok_or_else(|| ApiError::Unauthenticated("sign in first".into()))?;
        if member.token_id.is_some() {
            return Err(ApiError::Forbidden(
                "an API token cannot change a password: sign in with `login`".into(),
            )
            .into());
        }
        let auth = ctx.data::<std::sync::Arc<Auth>>()?;
        match accounts::change_password(
            db(ctx),
            auth,
            &actor(ctx),
            member.user_id,
            &current_password,
            &new_password,
        )
        .await?
        {
            Ok(user) => {
                let token = auth.session_token(&user)?;
                Ok(ChangePasswordPayload {
                    user: Some(User(user)),
                    token: Some(token.token),
                    user_errors: vec![],
                })
            }
            Err(user_errors) => Ok(ChangePasswordPayload {
                user_errors: shown(user_errors),
                ..Default::default()
            }),
        }
    }

    /// Adds a team member. Admins only.
    #[graphql(guard = "RoleGuard(Role::Admin)")]
    async fn create_user(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The new member.")] input: CreateUserInput,
    ) -> Result<UserPayload> {
        let new = NewUser {
            email: input.email,
            display_name: input.display_name,
            role: input.role,
            password: input.password,
        };
        Ok(payload(
            accounts::create_user(db(ctx), &actor(ctx), new).await?,
        ))
    }

    /// Changes a member's name, role or active flag. Admins only; not your own role.
    #[graphql(guard = "RoleGuard(Role::Admin)")]
    async fn update_user(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The member's id.")] id: ID,
        #[graphql(desc = "What changes.")] input: UpdateUserInput,
        #[graphql(desc = "The version you read; a newer one means someone changed it first.")]
        expected_version: i32,
    ) -> Result<UserPayload> {
        let change = UserChange {
            display_name: input.display_name,
            role: input.role,
            active: input.active,
        };
        Ok(payload(
            accounts::update_user(
                db(ctx),
                &actor(ctx),
                user_id(&id)?,
                change,
                expected_version,
            )
            .await?,
        ))
    }

    /// Sets a member's password and ends their sessions. Admins only.
    #[graphql(guard = "RoleGuard(Role::Admin)")]
    async fn reset_password(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The member's id.")] id: ID,
        #[graphql(desc = "Their new password, at least 10 characters.")] new_password: String,
    ) -> Result<UserPayload> {
        Ok(payload(
            accounts::set_password(db(ctx), &actor(ctx), user_id(&id)?, &new_password).await?,
        ))
    }

    /// Issues a long-lived, labelled token (for a dashboard, usually VIEWER). Admins only.
    #[graphql(guard = "RoleGuard(Role::Admin)")]
    async fn issue_token(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The token to issue.")] input: IssueTokenInput,
    ) -> Result<IssueTokenPayload> {
        let auth = ctx.data::<std::sync::Arc<Auth>>()?;
        let owner = match &input.user_id {
            Some(id) => user_id(id)?,
            None => caller(ctx).member().map(|m| m.user_id).unwrap_or_default(),
        };
        let outcome = accounts::issue_token(
            db(ctx),
            auth,
            &actor(ctx),
            accounts::NewToken {
                user_id: owner,
                label: &input.label,
                role: input.role,
                days: input.expires_in_days,
                scope: input.scope,
            },
        )
        .await?;
        Ok(match outcome {
            Ok((row, token)) => IssueTokenPayload {
                token: Some(token.token),
                api_token: Some(ApiToken(row)),
                user_errors: vec![],
            },
            Err(user_errors) => IssueTokenPayload {
                user_errors: shown(user_errors),
                ..Default::default()
            },
        })
    }

    /// Revokes one API token; the others keep working. Admins only.
    #[graphql(guard = "RoleGuard(Role::Admin)")]
    async fn revoke_token(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The token's id.")] id: ID,
    ) -> Result<RevokeTokenPayload> {
        let row = ids::decode_as(&id, Kind::ApiToken)?;
        Ok(
            match accounts::revoke_token(db(ctx), &actor(ctx), row).await? {
                Ok(token) => RevokeTokenPayload {
                    api_token: Some(ApiToken(token)),
                    user_errors: vec![],
                },
                Err(user_errors) => RevokeTokenPayload {
                    api_token: None,
                    user_errors: shown(user_errors),
                },
            },
        )
    }
}

fn payload(
    outcome: Result<entities::user::Model, Vec<crate::service::user_errors::UserError>>,
) -> UserPayload {
    match outcome {
        Ok(user) => UserPayload {
            user: Some(User(user)),
            user_errors: vec![],
        },
        Err(user_errors) => UserPayload {
            user: None,
            user_errors: shown(user_errors),
        },
    }
}
