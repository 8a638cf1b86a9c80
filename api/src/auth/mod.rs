//! Who is calling: tokens, passwords, the signing secret and login throttling.
//!
//! The HTTP layer turns the `Authorization` header into a [`Caller`] with [`Auth::authenticate`]
//! on every request: a missing header is an anonymous caller, a bad one is refused. The role
//! always comes from the database, never from the token alone, so a deactivation, a role
//! change or a password reset takes effect on the next request.

pub mod caller;
mod jwt;
mod password;
mod secret;
mod throttle;

use std::{net::IpAddr, time::Duration};

use chrono::Utc;
use entities::{Role, TokenScope, api_token, user};
use sea_orm::{DatabaseConnection, EntityTrait};

pub use jwt::{Claims, IssuedToken};
pub use password::{hash_password, verify_password, weak_password};
pub use secret::{SecretSource, resolve_secret};
pub use throttle::LoginThrottle;

use crate::error::ApiError;

/// The caller of one request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Caller {
    /// No token.
    Anonymous,
    /// A team member, through a session token or an API token.
    Member(Member),
}

/// A signed-in team member, as the database says now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Member {
    pub user_id: i64,
    pub email: String,
    /// The role in effect: the user's, capped by the API token's when one is used.
    pub role: Role,
    /// The API token used, if any.
    pub token_id: Option<i64>,
}

impl Caller {
    /// The member, if signed in.
    pub fn member(&self) -> Option<&Member> {
        match self {
            Caller::Member(m) => Some(m),
            Caller::Anonymous => None,
        }
    }

    /// Whether the caller has at least `role`.
    pub fn has(&self, role: Role) -> bool {
        self.member().is_some_and(|m| m.role >= role)
    }
}

/// The address a request came from, when the server knows it (for login throttling).
#[derive(Clone, Copy, Debug)]
pub struct ClientAddr(pub Option<IpAddr>);

/// Signing and checking tokens, and the login throttle: one per process.
pub struct Auth {
    keys: jwt::Keys,
    /// How long a login token lasts.
    pub session_ttl: Duration,
    /// Whether callers without a token may read public data.
    pub anonymous_reads: bool,
    pub throttle: LoginThrottle,
}

impl Auth {
    /// `secret` must be at least 32 bytes.
    pub fn new(
        secret: &[u8],
        session_ttl: Duration,
        anonymous_reads: bool,
    ) -> anyhow::Result<Auth> {
        anyhow::ensure!(
            secret.len() >= 32,
            "JWT_SECRET is {} bytes long: use at least 32 random bytes",
            secret.len()
        );
        Ok(Auth {
            keys: jwt::Keys::new(secret)?,
            session_ttl,
            anonymous_reads,
            throttle: LoginThrottle::default(),
        })
    }

    /// A session token for `user`.
    pub fn session_token(&self, user: &user::Model) -> Result<IssuedToken, ApiError> {
        let expires = Utc::now() + chrono::Duration::from_std(self.session_ttl).unwrap_or_default();
        self.keys.issue(user, None, expires)
    }

    /// The JWT of an API token row.
    pub fn api_token(
        &self,
        user: &user::Model,
        token: &api_token::Model,
    ) -> Result<IssuedToken, ApiError> {
        self.keys.issue(user, Some(token.id), token.expires_at)
    }

    /// The caller behind an `Authorization` header value, checked against the database. A
    /// feeds-only token is refused here: it opens the Atom feeds alone.
    pub async fn authenticate(
        &self,
        db: &DatabaseConnection,
        header: Option<&str>,
    ) -> Result<Caller, ApiError> {
        let Some(header) = header else {
            return Ok(Caller::Anonymous);
        };
        let token = header
            .strip_prefix("Bearer ")
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .ok_or_else(|| {
                ApiError::Unauthenticated(
                    "send the token as `Authorization: Bearer <token>`".into(),
                )
            })?;
        self.verify(db, token, false).await
    }

    /// The caller behind a feed URL's `?token=`: only an API token issued with the FEEDS
    /// scope — never a login token, whose leak through a URL would open the whole API.
    pub async fn authenticate_feed_token(
        &self,
        db: &DatabaseConnection,
        token: &str,
    ) -> Result<Caller, ApiError> {
        self.verify(db, token, true).await
    }

    async fn verify(
        &self,
        db: &DatabaseConnection,
        token: &str,
        feeds: bool,
    ) -> Result<Caller, ApiError> {
        let refused = || {
            ApiError::Unauthenticated(
                "the token is invalid, expired or revoked: sign in again".into(),
            )
        };
        let claims = self.keys.verify(token).map_err(|_| refused())?;
        let user_id: i64 = claims.sub.parse().map_err(|_| refused())?;
        let user = user::Entity::find_by_id(user_id)
            .one(db)
            .await?
            .ok_or_else(refused)?;
        if !user.active {
            return Err(refused());
        }
        let (role, token_id) = match claims.jti {
            // An API token: alive until revoked or expired; its role is capped by the user's.
            Some(jti) => {
                let id: i64 = jti.parse().map_err(|_| refused())?;
                let row = api_token::Entity::find_by_id(id)
                    .one(db)
                    .await?
                    .ok_or_else(refused)?;
                if row.user_id != user.id
                    || row.revoked_at.is_some()
                    || row.expires_at <= Utc::now()
                {
                    return Err(refused());
                }
                match (feeds, row.scope) {
                    (true, TokenScope::Feeds) | (false, TokenScope::Api) => {}
                    (false, TokenScope::Feeds) => {
                        return Err(ApiError::Unauthenticated(
                            "this token opens the Atom feeds only (as ?token=); use an API token here".into(),
                        ));
                    }
                    (true, TokenScope::Api) => {
                        return Err(ApiError::Unauthenticated(
                            "?token= takes only a feeds-only token (issueToken with scope: FEEDS); send other tokens as Authorization: Bearer".into(),
                        ));
                    }
                }
                (row.role.min(user.role), Some(row.id))
            }
            // A session: dies with a password reset, role change or deactivation. Never in a URL.
            None if feeds => {
                return Err(ApiError::Unauthenticated(
                    "?token= takes only a feeds-only token (issueToken with scope: FEEDS), never a login token".into(),
                ));
            }
            None => {
                if claims.ver != user.token_version {
                    return Err(refused());
                }
                (user.role, None)
            }
        };
        Ok(Caller::Member(Member {
            user_id: user.id,
            email: user.email,
            role,
            token_id,
        }))
    }
}
