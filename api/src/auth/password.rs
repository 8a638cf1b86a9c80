//! argon2id password hashes.
//!
//! Hashing is deliberately slow and memory-hungry (19 MiB, 2 passes), so it runs on the
//! blocking pool, at most two at a time: a burst of logins cannot stall the request workers.

use std::sync::LazyLock;

use tokio::sync::Semaphore;

use argon2::{
    Argon2,
    password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng},
};

use crate::error::ApiError;

/// The shortest password accepted.
pub const MIN_PASSWORD_LENGTH: usize = 10;

/// How many hashes may be computed at once.
static HASHING: Semaphore = Semaphore::const_new(2);

async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, ApiError> {
    let _permit = HASHING
        .acquire()
        .await
        .map_err(|e| ApiError::Internal(e.into()))?;
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("password hashing failed: {e}")))
}

/// The PHC string of an argon2id hash of `password`.
pub async fn hash_password(password: &str) -> Result<String, ApiError> {
    let password = password.to_owned();
    blocking(move || hash_now(&password)).await?
}

/// Whether `password` matches `hash`; with no hash, spends the same work and says no.
pub async fn verify_password(password: &str, hash: Option<&str>) -> Result<bool, ApiError> {
    let (password, hash) = (password.to_owned(), hash.map(str::to_owned));
    blocking(move || verify_now(&password, hash.as_deref())).await
}

fn hash_now(password: &str) -> Result<String, ApiError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("hashing a password: {e}")))
}

/// A hash of nothing anyone knows, verified when the email is unknown so that a failed login
/// takes about as long whether or not the account exists.
static DECOY: LazyLock<String> =
    LazyLock::new(|| hash_now("decoy password never issued").expect("hashing the decoy"));

fn verify_now(password: &str, hash: Option<&str>) -> bool {
    let stored = hash.unwrap_or(DECOY.as_str());
    let matches = PasswordHash::new(stored)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false);
    matches && hash.is_some()
}

/// Why a new password is refused, if it is.
pub fn weak_password(password: &str, email: &str) -> Option<String> {
    if password.chars().count() < MIN_PASSWORD_LENGTH {
        Some(format!("use at least {MIN_PASSWORD_LENGTH} characters"))
    } else if password.eq_ignore_ascii_case(email) {
        Some("do not use the email address as the password".into())
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_verify_and_differ() {
        let a = hash_password("correct horse battery").await.unwrap();
        let b = hash_password("correct horse battery").await.unwrap();
        assert_ne!(a, b, "salted");
        assert!(a.starts_with("$argon2id$"));
        assert!(
            verify_password("correct horse battery", Some(&a))
                .await
                .unwrap()
        );
        assert!(
            !verify_password("wrong horse battery", Some(&a))
                .await
                .unwrap()
        );
        assert!(
            !verify_password("decoy password never issued", None)
                .await
                .unwrap()
        );
    }
}
