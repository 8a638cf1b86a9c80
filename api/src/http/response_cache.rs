//! The response cache for dashboards: a query's answer kept in memory and given again until
//! the data changes.
//!
//! - **Key**: the document, the operation name, the variables, the caller's exact role
//!   (anonymous, VIEWER, EDITOR, ADMIN) and today's date in `TEAM_TIME_ZONE`, so answers that
//!   default to today do not outlive midnight. Hashed (SHA-256); the caller is authenticated
//!   before every look-up.
//! - **Freshness**: each entry is stored under the data version read — on the pool that
//!   answers the request — *before* its answer was computed, and given only to a request that
//!   reads the same version. A write commits a new version (the database's triggers move it),
//!   so the next request misses; an answer computed from a lagging replica is stored under the
//!   replica's older version and is never given for a newer one.
//! - **What is never kept**: mutations, answers with errors, and queries that ask for the
//!   caller's own things (`me`, `users`, `tokens`, webhooks, `node`; see
//!   [`super::operation::PER_CALLER`]).
//! - **Bounded**: at most `RESPONSE_CACHE_MB` of answers, least recently used evicted first.
//!
//! Every cacheable answer carries a strong `ETag` (a hash of its bytes); `If-None-Match` with
//! it gets `304 Not Modified`, on GET and POST alike.

use std::sync::{Arc, Mutex};

use axum::{
    body::Bytes,
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use lru::LruCache;
use sha2::{Digest, Sha256};

/// A cache key: the hash of everything an answer depends on besides the data.
pub type Key = [u8; 32];

/// What an answer depends on, besides the data.
pub fn key(query: &str, operation: Option<&str>, variables: &[u8], role: &str, today: &str) -> Key {
    let mut hash = Sha256::new();
    for part in [
        query.as_bytes(),
        operation.unwrap_or("").as_bytes(),
        variables,
        role.as_bytes(),
        today.as_bytes(),
    ] {
        hash.update((part.len() as u64).to_le_bytes());
        hash.update(part);
    }
    hash.finalize().into()
}

/// One answer: its bytes, their ETag, and the data version it was computed at.
#[derive(Clone)]
pub struct Entry {
    pub version: i64,
    pub etag: Arc<str>,
    pub body: Bytes,
}

impl Entry {
    pub fn new(version: i64, body: Vec<u8>) -> Entry {
        Entry {
            version,
            etag: etag(&body).into(),
            body: body.into(),
        }
    }

    fn size(&self) -> usize {
        self.body.len() + self.etag.len() + 96
    }
}

/// A strong ETag for these bytes.
pub fn etag(body: &[u8]) -> String {
    let digest = Sha256::digest(body);
    let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
    format!("\"{hex}\"")
}

struct Inner {
    entries: LruCache<Key, Entry>,
    bytes: usize,
}

/// The process's response cache; `off` keeps nothing.
pub struct ResponseCache {
    inner: Option<Mutex<Inner>>,
    max_bytes: usize,
}

/// What a store did.
pub struct Stored {
    pub evicted: u64,
}

impl ResponseCache {
    /// A cache of at most `max_bytes` of answers; 0 switches it off.
    pub fn new(max_bytes: usize) -> Self {
        ResponseCache {
            inner: (max_bytes > 0).then(|| {
                Mutex::new(Inner {
                    entries: LruCache::unbounded(),
                    bytes: 0,
                })
            }),
            max_bytes,
        }
    }

    pub fn enabled(&self) -> bool {
        self.inner.is_some()
    }

    fn lock(&self) -> Option<std::sync::MutexGuard<'_, Inner>> {
        self.inner
            .as_ref()
            .map(|m| m.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// The answer kept for `key`, whatever its version (the caller checks it).
    pub fn peek(&self, key: &Key) -> Option<Entry> {
        self.lock()?.entries.get(key).cloned()
    }

    /// The answer kept for `key` at data version `version`, if any.
    pub fn get(&self, key: &Key, version: i64) -> Option<Entry> {
        let mut inner = self.lock()?;
        match inner.entries.get(key) {
            Some(entry) if entry.version == version => Some(entry.clone()),
            _ => None,
        }
    }

    /// Keeps `entry` for `key`, evicting the least recently used answers beyond the bound.
    pub fn put(&self, key: Key, entry: Entry) -> Stored {
        let Some(mut inner) = self.lock() else {
            return Stored { evicted: 0 };
        };
        let size = entry.size();
        if size > self.max_bytes {
            return Stored { evicted: 0 };
        }
        if let Some(old) = inner.entries.put(key, entry) {
            inner.bytes -= old.size();
        }
        inner.bytes += size;
        let mut evicted = 0;
        while inner.bytes > self.max_bytes {
            match inner.entries.pop_lru() {
                Some((_, old)) => {
                    inner.bytes -= old.size();
                    evicted += 1;
                }
                None => break,
            }
        }
        Stored { evicted }
    }

    /// Answers held and their bytes.
    pub fn usage(&self) -> (usize, usize) {
        self.lock()
            .map(|inner| (inner.entries.len(), inner.bytes))
            .unwrap_or((0, 0))
    }
}

/// How a cacheable answer may be kept by others.
pub struct Freshness<'a> {
    /// The request's `If-None-Match`.
    pub if_none_match: Option<&'a str>,
    /// `Cache-Control` for this answer.
    pub cache_control: String,
}

/// The HTTP response for a cacheable answer: 304 when the client holds it already.
pub fn respond(entry: &Entry, freshness: &Freshness<'_>) -> Response {
    let matches = freshness.if_none_match.is_some_and(|header| {
        header
            .split(',')
            .map(str::trim)
            .any(|tag| tag == "*" || tag.trim_start_matches("W/") == &*entry.etag)
    });
    let mut headers = HeaderMap::new();
    if let Ok(value) = HeaderValue::from_str(&entry.etag) {
        headers.insert(header::ETAG, value);
    }
    if let Ok(value) = HeaderValue::from_str(&freshness.cache_control) {
        headers.insert(header::CACHE_CONTROL, value);
    }
    headers.insert(header::VARY, HeaderValue::from_static("Authorization"));
    if matches {
        return (StatusCode::NOT_MODIFIED, headers).into_response();
    }
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    (StatusCode::OK, headers, entry.body.clone()).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_holds_the_role_and_the_day() {
        let a = key(
            "{ models { totalCount } }",
            None,
            b"{}",
            "anonymous",
            "2026-12-01",
        );
        assert_eq!(
            a,
            key(
                "{ models { totalCount } }",
                None,
                b"{}",
                "anonymous",
                "2026-12-01"
            )
        );
        assert_ne!(
            a,
            key(
                "{ models { totalCount } }",
                None,
                b"{}",
                "VIEWER",
                "2026-12-01"
            )
        );
        assert_ne!(
            a,
            key(
                "{ models { totalCount } }",
                None,
                b"{}",
                "anonymous",
                "2026-12-02"
            )
        );
        assert_ne!(
            a,
            key(
                "{ models { totalCount } }",
                None,
                br#"{"a":1}"#,
                "anonymous",
                "2026-12-01"
            )
        );
        // Parts are length-prefixed: moving a byte from one part to the next changes the key.
        assert_ne!(
            key("ab", Some("c"), b"", "", ""),
            key("a", Some("bc"), b"", "", "")
        );
    }

    #[test]
    fn an_entry_answers_only_its_version_and_the_bound_holds() {
        let cache = ResponseCache::new(1_000);
        let k = key("q", None, b"", "anonymous", "d");
        cache.put(k, Entry::new(7, vec![b'x'; 100]));
        assert!(cache.get(&k, 7).is_some());
        assert!(cache.get(&k, 8).is_none(), "a newer version misses");
        let mut evicted = 0;
        for i in 0..20u8 {
            evicted += cache
                .put(
                    key("q", None, &[i], "anonymous", "d"),
                    Entry::new(7, vec![i; 100]),
                )
                .evicted;
        }
        let (entries, bytes) = cache.usage();
        assert!(
            bytes <= 1_000 && entries < 21 && evicted > 0,
            "{entries} entries, {bytes} bytes, {evicted} evicted"
        );
        assert!(
            cache.get(&k, 7).is_none(),
            "the least recently used went first"
        );
        let off = ResponseCache::new(0);
        off.put(k, Entry::new(7, vec![1]));
        assert!(!off.enabled() && off.get(&k, 7).is_none());
    }
}
