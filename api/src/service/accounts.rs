//! Team accounts: signing in, users and their roles, passwords, and API tokens.
//!
//! Every change to a user bumps its `token_version` when it must end the user's sessions
//! (a reset or changed password, a changed role, a deactivation), and is recorded in the
//! audit trail like any other edit.

use std::net::IpAddr;

use chrono::{Duration, Utc};
use entities::{RevisionAction, Role, TokenScope, api_token, user};
use sea_orm::{
    ActiveModelTrait, ActiveValue::NotSet, ActiveValue::Set, ColumnTrait, DatabaseConnection,
    EntityTrait, IntoActiveModel, QueryFilter,
};
use serde_json::json;

use super::{
    editing::{Actor, Outcome, begin, record},
    user_errors::{Errors, UserErrorCode},
};
use crate::{
    auth::{Auth, IssuedToken, hash_password, verify_password},
    error::ApiError,
};

/// The one message for every failed sign-in: it never says whether the email exists.
const BAD_LOGIN: &str = "the email or the password is wrong";

/// A signed-in user and their new session token.
pub struct Session {
    pub user: user::Model,
    pub token: IssuedToken,
}

fn throttled(wait: std::time::Duration) -> ApiError {
    ApiError::RateLimited(format!(
        "too many failed attempts: try again in {} minutes",
        wait.as_secs().div_ceil(60)
    ))
}

/// An email as stored: trimmed and lower-case.
pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

fn check_email(errors: &mut Errors, email: &str) {
    let plausible = email.len() <= 254
        && email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
        })
        && !email.chars().any(char::is_whitespace);
    if !plausible {
        errors.invalid("email", format!("`{email}` is not an email address"));
    }
}

fn check_password(errors: &mut Errors, field: &str, password: &str, email: &str) {
    if let Some(why) = crate::auth::weak_password(password, email) {
        errors.add(
            &["input", field],
            UserErrorCode::Invalid,
            format!("the password is too weak: {why}"),
        );
    }
}

/// A user as the audit trail keeps it: the shared snapshot, which never holds the hash.
fn audit(user: &user::Model) -> serde_json::Value {
    entities::record::audit::snapshot(entities::Kind::User, user, Default::default())
}

/// Checks an email and password, throttling repeated failures per account and per address.
pub async fn login(
    db: &DatabaseConnection,
    auth: &Auth,
    email: &str,
    password: &str,
    addr: Option<IpAddr>,
) -> Result<Session, ApiError> {
    let email = normalize_email(email);
    auth.throttle.attempt(&email, addr).map_err(throttled)?;
    let user = user::Entity::find()
        .filter(user::Column::Email.eq(&email))
        .one(db)
        .await?;
    // The hash is checked even for an unknown email (against a decoy), so both take as long.
    let hash = user.as_ref().and_then(|u| u.password_hash.as_deref());
    let password_ok = verify_password(password, hash).await?;
    match user {
        Some(user) if password_ok && user.active => {
            auth.throttle.succeeded(&email, addr);
            let token = auth.session_token(&user)?;
            Ok(Session { user, token })
        }
        _ => Err(ApiError::Unauthenticated(BAD_LOGIN.into())),
    }
}

/// What an admin gives to create a user.
pub struct NewUser {
    pub email: String,
    pub display_name: Option<String>,
    pub role: Role,
    pub password: String,
}

/// Creates a user with a hashed password.
pub async fn create_user(
    db: &DatabaseConnection,
    actor: &Actor,
    new: NewUser,
) -> Result<Outcome<user::Model>, ApiError> {
    let email = normalize_email(&new.email);
    let mut errors = Errors::default();
    check_email(&mut errors, &email);
    check_password(&mut errors, "password", &new.password, &email);
    if !errors.is_empty() {
        return Ok(Err(errors.0));
    }
    let hash = hash_password(&new.password).await?;
    let txn = begin(db).await?;
    if user::Entity::find()
        .filter(user::Column::Email.eq(&email))
        .one(&txn)
        .await?
        .is_some()
    {
        txn.rollback().await?;
        errors.add(
            &["input", "email"],
            UserErrorCode::Taken,
            format!("a user with the email {email} exists"),
        );
        return Ok(Err(errors.0));
    }
    let now = Utc::now();
    let display_name = new
        .display_name
        .map(|n| n.trim().to_owned())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| email.split('@').next().unwrap_or(&email).to_owned());
    let created = user::ActiveModel {
        id: NotSet,
        email: Set(email),
        display_name: Set(display_name),
        role: Set(new.role),
        active: Set(true),
        password_hash: Set(Some(hash)),
        token_version: Set(1),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await?;
    record(
        &txn,
        actor,
        entities::Kind::User,
        created.id,
        RevisionAction::Create,
        None,
        Some(audit(&created)),
    )
    .await?;
    txn.commit().await?;
    Ok(Ok(created))
}

/// An admin's change to a user; `None` keeps a value.
#[derive(Default)]
pub struct UserChange {
    pub display_name: Option<String>,
    pub role: Option<Role>,
    pub active: Option<bool>,
}

/// Changes a user's name, role or active flag. A new role or a deactivation ends the
/// user's sessions at once. An admin cannot demote or deactivate themself, so the team is
/// never left without one by accident.
pub async fn update_user(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    change: UserChange,
    expected: i32,
) -> Result<Outcome<user::Model>, ApiError> {
    let txn = begin(db).await?;
    let Some(before) = user::Entity::find_by_id(id).one(&txn).await? else {
        txn.rollback().await?;
        let mut errors = Errors::default();
        errors.add(&["id"], UserErrorCode::NotFound, "no user with this id");
        return Ok(Err(errors.0));
    };
    let mut errors = Errors::default();
    if before.version != expected {
        errors.add(
            &["expectedVersion"],
            UserErrorCode::Conflict,
            format!(
                "someone changed this user first: it is now at version {}",
                before.version
            ),
        );
    }
    if actor.user_id == Some(id)
        && (change.role.is_some_and(|r| r != before.role) || change.active == Some(false))
    {
        errors.invalid(
            "role",
            "you cannot change your own role or deactivate yourself: ask another admin",
        );
    }
    if let Some(name) = &change.display_name
        && name.trim().is_empty()
    {
        errors.invalid("displayName", "the display name cannot be empty");
    }
    if !errors.is_empty() {
        txn.rollback().await?;
        return Ok(Err(errors.0));
    }
    let ends_sessions = change.role.is_some_and(|r| r != before.role)
        || change.active.is_some_and(|a| a != before.active);
    let mut active = before.clone().into_active_model();
    if let Some(name) = change.display_name {
        active.display_name = Set(name.trim().to_owned());
    }
    if let Some(role) = change.role {
        active.role = Set(role);
    }
    if let Some(flag) = change.active {
        active.active = Set(flag);
    }
    if ends_sessions {
        active.token_version = Set(before.token_version + 1);
    }
    active.version = Set(before.version + 1);
    active.updated_at = Set(Utc::now());
    let after = active.update(&txn).await?;
    record(
        &txn,
        actor,
        entities::Kind::User,
        id,
        RevisionAction::Update,
        Some(audit(&before)),
        Some(audit(&after)),
    )
    .await?;
    txn.commit().await?;
    Ok(Ok(after))
}

/// Sets a user's password; ends their sessions.
pub async fn set_password(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    password: &str,
) -> Result<Outcome<user::Model>, ApiError> {
    let Some(before) = user::Entity::find_by_id(id).one(db).await? else {
        let mut errors = Errors::default();
        errors.add(&["id"], UserErrorCode::NotFound, "no user with this id");
        return Ok(Err(errors.0));
    };
    let mut errors = Errors::default();
    check_password(&mut errors, "newPassword", password, &before.email);
    if !errors.is_empty() {
        return Ok(Err(errors.0));
    }
    let hash = hash_password(password).await?;
    let txn = begin(db).await?;
    // Read again under the write lock: the version bump must start from the current row.
    let Some(before) = user::Entity::find_by_id(id).one(&txn).await? else {
        txn.rollback().await?;
        let mut errors = Errors::default();
        errors.add(&["id"], UserErrorCode::NotFound, "no user with this id");
        return Ok(Err(errors.0));
    };
    let mut active = before.clone().into_active_model();
    active.password_hash = Set(Some(hash));
    active.token_version = Set(before.token_version + 1);
    active.version = Set(before.version + 1);
    active.updated_at = Set(Utc::now());
    let after = active.update(&txn).await?;
    record(
        &txn,
        actor,
        entities::Kind::User,
        id,
        RevisionAction::Update,
        Some(audit(&before)),
        Some(json!({ "password": "changed" })),
    )
    .await?;
    txn.commit().await?;
    Ok(Ok(after))
}

/// Changes one's own password after checking the current one.
pub async fn change_password(
    db: &DatabaseConnection,
    auth: &Auth,
    actor: &Actor,
    user_id: i64,
    current: &str,
    new: &str,
) -> Result<Outcome<user::Model>, ApiError> {
    let user = user::Entity::find_by_id(user_id).one(db).await?;
    // Guessing the current password through a stolen session is throttled like a login.
    let email = user.as_ref().map(|u| u.email.clone()).unwrap_or_default();
    auth.throttle.attempt(&email, None).map_err(throttled)?;
    let hash = user.as_ref().and_then(|u| u.password_hash.as_deref());
    if verify_password(current, hash).await? {
        auth.throttle.succeeded(&email, None);
    } else {
        let mut errors = Errors::default();
        errors.add(
            &["currentPassword"],
            UserErrorCode::Invalid,
            "the current password is wrong",
        );
        return Ok(Err(errors.0));
    }
    set_password(db, actor, user_id, new).await
}

/// Issues a long-lived token carrying `role` (at most the user's own) for `user_id`.
pub async fn issue_token(
    db: &DatabaseConnection,
    auth: &Auth,
    actor: &Actor,
    new: NewToken<'_>,
) -> Result<Outcome<(api_token::Model, IssuedToken)>, ApiError> {
    let NewToken {
        user_id,
        label,
        role,
        days,
        scope,
    } = new;
    let mut errors = Errors::default();
    let label = label.trim();
    if label.is_empty() {
        errors.invalid(
            "label",
            "give the token a label that says where it is used, e.g. \"sales dashboard\"",
        );
    }
    if !(1..=3650).contains(&days) {
        errors.invalid("expiresInDays", "a token lasts 1 to 3650 days");
    }
    let user = user::Entity::find_by_id(user_id).one(db).await?;
    match &user {
        None => errors.add(
            &["input", "userId"],
            UserErrorCode::NotFound,
            "no user with this id",
        ),
        Some(user) if !user.active => errors.invalid("userId", "the user is deactivated"),
        Some(user) if role > user.role => errors.invalid(
            "role",
            format!(
                "the user's role is {}: a token cannot carry more",
                user.role
            ),
        ),
        Some(_) => {}
    }
    let (Some(user), true) = (user, errors.is_empty()) else {
        return Ok(Err(errors.0));
    };
    let txn = begin(db).await?;
    let now = Utc::now();
    let row = api_token::ActiveModel {
        id: NotSet,
        user_id: Set(user.id),
        label: Set(label.to_owned()),
        role: Set(role),
        created_by: Set(actor.user_id),
        created_at: Set(now),
        expires_at: Set(now + Duration::days(days)),
        revoked_at: Set(None),
        scope: Set(scope),
    }
    .insert(&txn)
    .await?;
    let token = auth.api_token(&user, &row)?;
    let mut owner = serde_json::Map::new();
    owner.insert("user".into(), json!(user.email));
    let after = entities::record::audit::snapshot(entities::Kind::ApiToken, &row, owner);
    record(
        &txn,
        actor,
        entities::Kind::ApiToken,
        row.id,
        RevisionAction::Create,
        None,
        Some(after),
    )
    .await?;
    txn.commit().await?;
    Ok(Ok((row, token)))
}

/// An API token to issue.
pub struct NewToken<'a> {
    /// Whose rights it carries.
    pub user_id: i64,
    pub label: &'a str,
    pub role: Role,
    /// How many days it lasts, 1 to 3650.
    pub days: i64,
    pub scope: TokenScope,
}

/// Revokes one API token; the others keep working.
pub async fn revoke_token(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
) -> Result<Outcome<api_token::Model>, ApiError> {
    let txn = begin(db).await?;
    let Some(row) = api_token::Entity::find_by_id(id).one(&txn).await? else {
        txn.rollback().await?;
        let mut errors = Errors::default();
        errors.add(&["id"], UserErrorCode::NotFound, "no token with this id");
        return Ok(Err(errors.0));
    };
    if row.revoked_at.is_some() {
        txn.rollback().await?;
        return Ok(Ok(row));
    }
    let mut active = row.clone().into_active_model();
    active.revoked_at = Set(Some(Utc::now()));
    let revoked = active.update(&txn).await?;
    record(
        &txn,
        actor,
        entities::Kind::ApiToken,
        id,
        RevisionAction::Delete,
        Some(entities::record::audit::snapshot(
            entities::Kind::ApiToken,
            &row,
            Default::default(),
        )),
        Some(entities::record::audit::snapshot(
            entities::Kind::ApiToken,
            &revoked,
            Default::default(),
        )),
    )
    .await?;
    txn.commit().await?;
    Ok(Ok(revoked))
}
