//! HS256 JWTs, with the algorithm pinned.

use chrono::{DateTime, Utc};
use entities::{Role, user};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

use crate::error::ApiError;

/// What a token says. Only `sub`, `ver` and `jti` are trusted, and only after the database
/// agrees; `role` is informational.
#[derive(Debug, Serialize, Deserialize)]
pub struct Claims {
    /// The user's id.
    pub sub: String,
    /// The user's role when the token was issued.
    pub role: Role,
    /// Issued at (seconds since the epoch).
    pub iat: i64,
    /// Expires at (seconds since the epoch).
    pub exp: i64,
    /// The user's token version when issued; a mismatch ends a session token.
    pub ver: i32,
    /// The API token's id, for API tokens.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub jti: Option<String>,
}

/// A signed token and when it expires.
pub struct IssuedToken {
    pub token: String,
    pub expires_at: DateTime<Utc>,
}

pub(super) struct Keys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
}

/// Seconds of clock skew tolerated on `exp`.
const LEEWAY_SECONDS: u64 = 30;

impl Keys {
    pub(super) fn new(secret: &[u8]) -> anyhow::Result<Keys> {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.leeway = LEEWAY_SECONDS;
        validation.validate_aud = false;
        validation.set_required_spec_claims(&["exp", "sub", "iat"]);
        Ok(Keys {
            encoding: EncodingKey::from_secret(secret)?,
            decoding: DecodingKey::from_secret(secret)?,
            validation,
        })
    }

    pub(super) fn issue(
        &self,
        user: &user::Model,
        api_token: Option<i64>,
        expires_at: DateTime<Utc>,
    ) -> Result<IssuedToken, ApiError> {
        let claims = Claims {
            sub: user.id.to_string(),
            role: user.role,
            iat: Utc::now().timestamp(),
            exp: expires_at.timestamp(),
            ver: user.token_version,
            jti: api_token.map(|id| id.to_string()),
        };
        let token = jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .map_err(|e| ApiError::Internal(e.into()))?;
        Ok(IssuedToken { token, expires_at })
    }

    /// The claims of a token signed with our key by HS256 and not expired.
    pub(super) fn verify(&self, token: &str) -> Result<Claims, jsonwebtoken::errors::Error> {
        jsonwebtoken::decode::<Claims>(token, &self.decoding, &self.validation)
            .map(|data| data.claims)
    }
}
