//! What `GET /metrics` exposes, in Prometheus' text format.
//!
//! Every label has a bounded set of values, so a hostile caller cannot grow the series without
//! end: GraphQL requests are labelled by the root field they ask for (a name of the schema,
//! `multiple` for several, `invalid` when the document did not parse or validate), errors by
//! their code (codes outside [`KNOWN_CODES`] are counted as `OTHER`), HTTP responses by route
//! pattern and status.

use std::{
    collections::BTreeMap,
    fmt::Write,
    sync::{
        Mutex,
        atomic::{AtomicU64, Ordering},
    },
    time::Duration,
};

use sea_orm::{DatabaseConnection, DbBackend};

/// Upper bounds of the latency buckets, in seconds.
const BUCKETS: [f64; 12] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0,
];

/// The `extensions.code` values the API gives; anything else is counted as `OTHER`.
pub const KNOWN_CODES: [&str; 13] = [
    "BAD_USER_INPUT",
    "BAD_REQUEST",
    "UNAUTHENTICATED",
    "FORBIDDEN",
    "RATE_LIMITED",
    "NO_EXCHANGE_RATE",
    "QUERY_TOO_COMPLEX",
    "GRAPHQL_PARSE_FAILED",
    "GRAPHQL_VALIDATION_FAILED",
    "PERSISTED_QUERY_NOT_FOUND",
    "PAYLOAD_TOO_LARGE",
    "TIMEOUT",
    "INTERNAL_SERVER_ERROR",
];

#[derive(Default, Clone)]
struct Histogram {
    counts: [u64; BUCKETS.len()],
    count: u64,
    sum: f64,
}

impl Histogram {
    fn observe(&mut self, seconds: f64) {
        for (bound, count) in BUCKETS.iter().zip(self.counts.iter_mut()) {
            if seconds <= *bound {
                *count += 1;
            }
        }
        self.count += 1;
        self.sum += seconds;
    }

    fn write(&self, out: &mut String, name: &str, labels: &str) {
        for (bound, count) in BUCKETS.iter().zip(self.counts.iter()) {
            let _ = writeln!(out, "{name}_bucket{{{labels},le=\"{bound}\"}} {count}");
        }
        let _ = writeln!(out, "{name}_bucket{{{labels},le=\"+Inf\"}} {}", self.count);
        let _ = writeln!(out, "{name}_sum{{{labels}}} {}", self.sum);
        let _ = writeln!(out, "{name}_count{{{labels}}} {}", self.count);
    }
}

/// The process's counters. One per server; cheap to update from every request.
#[derive(Default)]
pub struct Metrics {
    operations: Mutex<BTreeMap<String, Histogram>>,
    errors: Mutex<BTreeMap<&'static str, u64>>,
    responses: Mutex<BTreeMap<(String, u16), u64>>,
    statements: AtomicU64,
    persisted_hits: AtomicU64,
    persisted_misses: AtomicU64,
    fetches: Mutex<BTreeMap<&'static str, u64>>,
    inbox_items: Mutex<BTreeMap<&'static str, u64>>,
    cache: [AtomicU64; 4],
}

/// What the response cache did with one request.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum CacheEvent {
    /// Answered from memory.
    Hit,
    /// Computed (and kept when it could be).
    Miss,
    /// Answered `304 Not Modified` (the client's ETag is current).
    NotModified,
}

/// What the response cache holds now.
#[derive(Default, Clone, Copy)]
pub struct CacheUsage {
    pub entries: usize,
    pub bytes: usize,
}

impl Metrics {
    /// Records one executed GraphQL operation.
    pub fn graphql(&self, operation: &str, elapsed: Duration, error_codes: &[&str]) {
        self.operations
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entry(operation.to_owned())
            .or_default()
            .observe(elapsed.as_secs_f64());
        if !error_codes.is_empty() {
            let mut errors = self.errors.lock().unwrap_or_else(|e| e.into_inner());
            for code in error_codes {
                *errors.entry(known_code(code)).or_default() += 1;
            }
        }
    }

    /// Records a refusal that never reached execution (bad body, timeout, …).
    pub fn refusal(&self, code: &str) {
        *self
            .errors
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entry(known_code(code))
            .or_default() += 1;
    }

    /// Records one HTTP response; `route` is the matched route pattern.
    pub fn response(&self, route: &str, status: u16) {
        *self
            .responses
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entry((route.to_owned(), status))
            .or_default() += 1;
    }

    /// Counts one SQL statement (called from the pool's metric callback).
    pub fn statement(&self) {
        self.statements.fetch_add(1, Ordering::Relaxed);
    }

    /// Counts one source fetch by outcome (`ok` or `error`).
    pub fn fetch(&self, outcome: &'static str) {
        *self
            .fetches
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entry(outcome)
            .or_default() += 1;
    }

    /// Counts inbox items by what happened to them: stored `NEW` or `DISMISSED` by a fetch,
    /// or triaged `ACCEPTED` / `DISMISSED` by a person.
    pub fn inbox_item(&self, status: &'static str) {
        *self
            .inbox_items
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entry(status)
            .or_default() += 1;
    }

    /// Counts what the response cache did.
    pub fn response_cache(&self, event: CacheEvent) {
        self.cache[event as usize].fetch_add(1, Ordering::Relaxed);
    }

    /// Counts answers evicted from the response cache to stay within its bound.
    pub fn response_cache_evictions(&self, evicted: u64) {
        self.cache[3].fetch_add(evicted, Ordering::Relaxed);
    }

    /// Counts a persisted-query look-up.
    pub fn persisted_query(&self, hit: bool) {
        let counter = if hit {
            &self.persisted_hits
        } else {
            &self.persisted_misses
        };
        counter.fetch_add(1, Ordering::Relaxed);
    }

    /// The text exposition, with the pools' current use.
    pub fn render(
        &self,
        pools: &[(&str, &DatabaseConnection)],
        cached_queries: usize,
        cache: CacheUsage,
    ) -> String {
        let mut out = String::new();
        out.push_str("# HELP aigc_graphql_request_duration_seconds GraphQL operations by root field, from parse to response.\n");
        out.push_str("# TYPE aigc_graphql_request_duration_seconds histogram\n");
        for (operation, histogram) in self
            .operations
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
        {
            histogram.write(
                &mut out,
                "aigc_graphql_request_duration_seconds",
                &format!("operation=\"{operation}\""),
            );
        }
        out.push_str(
            "# HELP aigc_graphql_errors_total Errors returned, by extensions.code.\n# TYPE aigc_graphql_errors_total counter\n",
        );
        for (code, count) in self.errors.lock().unwrap_or_else(|e| e.into_inner()).iter() {
            let _ = writeln!(out, "aigc_graphql_errors_total{{code=\"{code}\"}} {count}");
        }
        out.push_str("# HELP aigc_http_responses_total HTTP responses by route and status.\n# TYPE aigc_http_responses_total counter\n");
        for ((route, status), count) in self
            .responses
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
        {
            let _ = writeln!(
                out,
                "aigc_http_responses_total{{route=\"{route}\",status=\"{status}\"}} {count}"
            );
        }
        out.push_str("# HELP aigc_db_statements_total SQL statements run.\n# TYPE aigc_db_statements_total counter\n");
        let _ = writeln!(
            out,
            "aigc_db_statements_total {}",
            self.statements.load(Ordering::Relaxed)
        );
        out.push_str("# HELP aigc_db_pool_connections Open pool connections by state.\n# TYPE aigc_db_pool_connections gauge\n");
        for (role, db) in pools {
            let (size, idle) = pool_use(db);
            let _ = writeln!(
                out,
                "aigc_db_pool_connections{{pool=\"{role}\",state=\"in_use\"}} {}",
                size.saturating_sub(idle)
            );
            let _ = writeln!(
                out,
                "aigc_db_pool_connections{{pool=\"{role}\",state=\"idle\"}} {idle}"
            );
        }
        out.push_str("# HELP aigc_persisted_queries Automatic persisted queries: cached documents and look-ups.\n# TYPE aigc_persisted_queries gauge\n");
        let _ = writeln!(
            out,
            "aigc_persisted_queries{{kind=\"cached\"}} {cached_queries}"
        );
        let _ = writeln!(
            out,
            "aigc_persisted_queries{{kind=\"hits\"}} {}",
            self.persisted_hits.load(Ordering::Relaxed)
        );
        let _ = writeln!(
            out,
            "aigc_persisted_queries{{kind=\"misses\"}} {}",
            self.persisted_misses.load(Ordering::Relaxed)
        );
        out.push_str("# HELP aigc_response_cache_total Response cache look-ups and evictions.\n# TYPE aigc_response_cache_total counter\n");
        for (i, kind) in ["hits", "misses", "not_modified", "evictions"]
            .iter()
            .enumerate()
        {
            let _ = writeln!(
                out,
                "aigc_response_cache_total{{kind=\"{kind}\"}} {}",
                self.cache[i].load(Ordering::Relaxed)
            );
        }
        out.push_str("# HELP aigc_response_cache_size What the response cache holds.\n# TYPE aigc_response_cache_size gauge\n");
        let _ = writeln!(
            out,
            "aigc_response_cache_size{{unit=\"entries\"}} {}",
            cache.entries
        );
        let _ = writeln!(
            out,
            "aigc_response_cache_size{{unit=\"bytes\"}} {}",
            cache.bytes
        );
        out.push_str("# HELP aigc_source_fetches_total Source fetches by outcome.\n# TYPE aigc_source_fetches_total counter\n");
        for (outcome, count) in self
            .fetches
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
        {
            let _ = writeln!(
                out,
                "aigc_source_fetches_total{{outcome=\"{outcome}\"}} {count}"
            );
        }
        out.push_str("# HELP aigc_inbox_items_total Inbox items stored by fetches (by their first status) and triaged (by the status given).\n# TYPE aigc_inbox_items_total counter\n");
        for (status, count) in self
            .inbox_items
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
        {
            let _ = writeln!(out, "aigc_inbox_items_total{{status=\"{status}\"}} {count}");
        }
        if let Some(bytes) = resident_bytes() {
            out.push_str("# HELP process_resident_memory_bytes Resident memory of the server.\n# TYPE process_resident_memory_bytes gauge\n");
            let _ = writeln!(out, "process_resident_memory_bytes {bytes}");
        }
        out
    }
}

fn known_code(code: &str) -> &'static str {
    KNOWN_CODES
        .iter()
        .find(|known| **known == code)
        .copied()
        .unwrap_or("OTHER")
}

/// Open and idle connections of a pool.
fn pool_use(db: &DatabaseConnection) -> (usize, usize) {
    match db.get_database_backend() {
        DbBackend::Postgres => {
            let pool = db.get_postgres_connection_pool();
            (pool.size() as usize, pool.num_idle())
        }
        DbBackend::Sqlite => {
            let pool = db.get_sqlite_connection_pool();
            (pool.size() as usize, pool.num_idle())
        }
        _ => (0, 0),
    }
}

/// Resident set size from `/proc/self/statm` (Linux only).
fn resident_bytes() -> Option<u64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4096)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_codes_are_counted_together_and_buckets_accumulate() {
        let metrics = Metrics::default();
        metrics.graphql(
            "models",
            Duration::from_millis(3),
            &["MADE_UP", "FORBIDDEN"],
        );
        metrics.graphql("models", Duration::from_millis(30), &["ALSO_MADE_UP"]);
        let errors = metrics.errors.lock().unwrap();
        assert_eq!(errors.get("OTHER"), Some(&2));
        assert_eq!(errors.get("FORBIDDEN"), Some(&1));
        let operations = metrics.operations.lock().unwrap();
        let histogram = &operations["models"];
        assert_eq!(histogram.count, 2);
        // 3 ms falls in the 5 ms bucket and above; 30 ms from the 50 ms bucket.
        assert_eq!(histogram.counts[2], 1);
        assert_eq!(histogram.counts[5], 2);
    }
}
