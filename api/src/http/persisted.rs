//! Automatic persisted queries (Apollo's protocol): a dashboard sends the SHA-256 of its query
//! instead of the query; the first time, the server answers `PERSISTED_QUERY_NOT_FOUND` and
//! the client sends hash and query together, which the server checks and keeps.
//!
//! The cache lives in this process (a bounded LRU): each replica learns a query on its own
//! first miss, and a restart forgets them all. Clients recover by themselves (they resend the
//! query), so the cost is one extra round trip per query, replica and restart.

use std::{num::NonZeroUsize, sync::Mutex};

use async_graphql::Request;
use lru::LruCache;
use sha2::{Digest, Sha256};

/// Why a request's `persistedQuery` extension was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The hash is not (or no longer) known: send the query with it.
    NotFound,
    /// The server keeps no persisted queries.
    NotSupported,
    /// The extension is malformed or the hash does not match the query.
    Invalid(String),
}

impl Refusal {
    pub fn code(&self) -> &'static str {
        match self {
            Refusal::NotFound => "PERSISTED_QUERY_NOT_FOUND",
            Refusal::NotSupported => "PERSISTED_QUERY_NOT_SUPPORTED",
            Refusal::Invalid(_) => "BAD_REQUEST",
        }
    }

    /// The message; the first two are the exact texts Apollo clients look for.
    pub fn message(&self) -> String {
        match self {
            Refusal::NotFound => "PersistedQueryNotFound".to_owned(),
            Refusal::NotSupported => "PersistedQueryNotSupported".to_owned(),
            Refusal::Invalid(why) => why.clone(),
        }
    }
}

/// The process's persisted-query cache.
pub struct PersistedQueries {
    cache: Option<Mutex<LruCache<String, String>>>,
}

impl PersistedQueries {
    /// A cache of at most `capacity` queries; 0 switches persisted queries off.
    pub fn new(capacity: usize) -> Self {
        PersistedQueries {
            cache: NonZeroUsize::new(capacity).map(|cap| Mutex::new(LruCache::new(cap))),
        }
    }

    /// Queries held now.
    pub fn len(&self) -> usize {
        self.cache
            .as_ref()
            .map_or(0, |c| c.lock().unwrap_or_else(|e| e.into_inner()).len())
    }

    /// Whether no query is held.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Fills in the query of a request that sent only its hash, or remembers the query of one
    /// that sent both. `Ok(Some(hit))` when the request used the extension.
    pub fn resolve(&self, request: &mut Request) -> Result<Option<bool>, Refusal> {
        let Some(extension) = request.extensions.0.remove("persistedQuery") else {
            return Ok(None);
        };
        let Some(cache) = &self.cache else {
            return Err(Refusal::NotSupported);
        };
        let json = extension.into_json().unwrap_or_default();
        let version = json.get("version").and_then(|v| v.as_i64());
        let hash = json.get("sha256Hash").and_then(|v| v.as_str());
        let (Some(1), Some(hash)) = (version, hash) else {
            return Err(Refusal::Invalid(
                "`extensions.persistedQuery` must be `{ \"version\": 1, \"sha256Hash\": \"<64 hex digits>\" }`".into(),
            ));
        };
        let hash = hash.to_ascii_lowercase();
        let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
        if request.query.is_empty() {
            return match cache.get(&hash) {
                Some(query) => {
                    request.query = query.clone();
                    Ok(Some(true))
                }
                None => Err(Refusal::NotFound),
            };
        }
        let actual = hex::encode(Sha256::digest(request.query.as_bytes()));
        if actual != hash {
            return Err(Refusal::Invalid(format!(
                "`sha256Hash` does not match the query: its SHA-256 is {actual}"
            )));
        }
        cache.put(hash, request.query.clone());
        Ok(Some(false))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use async_graphql::Value;

    fn with_hash(query: &str, hash: &str) -> Request {
        let mut request = Request::new(query);
        request.extensions.0.insert(
            "persistedQuery".into(),
            Value::from_json(serde_json::json!({ "version": 1, "sha256Hash": hash })).unwrap(),
        );
        request
    }

    #[test]
    fn learns_checks_and_forgets_the_least_recent() {
        let cache = PersistedQueries::new(1);
        let hash = hex::encode(Sha256::digest(b"{ a }"));
        assert_eq!(
            cache.resolve(&mut with_hash("", &hash)),
            Err(Refusal::NotFound)
        );
        assert!(matches!(
            cache.resolve(&mut with_hash("{ b }", &hash)),
            Err(Refusal::Invalid(_))
        ));
        assert_eq!(
            cache.resolve(&mut with_hash("{ a }", &hash)),
            Ok(Some(false))
        );
        let mut only_hash = with_hash("", &hash);
        assert_eq!(cache.resolve(&mut only_hash), Ok(Some(true)));
        assert_eq!(only_hash.query, "{ a }");
        let other = hex::encode(Sha256::digest(b"{ c }"));
        cache.resolve(&mut with_hash("{ c }", &other)).unwrap();
        assert_eq!(
            cache.resolve(&mut with_hash("", &hash)),
            Err(Refusal::NotFound)
        );
        assert_eq!(
            PersistedQueries::new(0).resolve(&mut with_hash("", &hash)),
            Err(Refusal::NotSupported)
        );
    }
}
