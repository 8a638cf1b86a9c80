//! The typed configuration, read from flags with environment fallbacks.

use std::net::SocketAddr;

use clap::Args;

/// Where the data lives.
#[derive(Args, Debug, Clone)]
pub struct DatabaseConfig {
    /// Database URL: `sqlite://FILE` or `postgres://USER@HOST/DB`. Without it, the embedded
    /// SQLite file `landscape.db` in the working directory is used (created if missing).
    #[arg(long = "database-url", env = "DATABASE_URL")]
    pub url: Option<String>,

    /// The most connections the pool opens: 16 on PostgreSQL, twice the cores on SQLite
    /// (whose connections share this process's CPU and memory: more only queue on the cores
    /// and each holds its own page cache and thread).
    #[arg(long, env = "DATABASE_MAX_CONNECTIONS")]
    pub max_connections: Option<u32>,
}

impl DatabaseConfig {
    /// The SQLite file used when no database is given.
    pub const DEFAULT_SQLITE: &'static str = "sqlite://landscape.db?mode=rwc";

    /// The pool size for `url`: the configured one, else the backend's default.
    pub fn pool_size(&self, url: &str) -> u32 {
        self.max_connections.unwrap_or_else(|| {
            if url.starts_with("sqlite:") {
                let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
                (2 * cores).max(2) as u32
            } else {
                16
            }
        })
    }

    /// The URL to connect to.
    pub fn url(&self) -> String {
        self.url
            .clone()
            .unwrap_or_else(|| Self::DEFAULT_SQLITE.to_owned())
    }
}

/// How the server listens and serves.
#[derive(Args, Debug, Clone)]
pub struct ServeConfig {
    /// Address and port to listen on.
    #[arg(long, env = "BIND", default_value = "127.0.0.1:8000")]
    pub bind: SocketAddr,

    #[command(flatten)]
    pub database: DatabaseConfig,

    /// A read replica of the same database. Requests that only read go to it; mutations (and
    /// every read in the same request after a write) go to `DATABASE_URL`.
    #[arg(long = "database-read-url", env = "DATABASE_READ_URL")]
    pub read_url: Option<String>,

    /// Milliseconds a single SQL statement may run on PostgreSQL before the database cancels
    /// it (0: no limit). SQLite has no statement timeout; the request timeout still applies.
    #[arg(long, env = "STATEMENT_TIMEOUT_MS", default_value_t = 5_000)]
    pub statement_timeout_ms: u64,

    #[command(flatten)]
    pub limits: QueryLimits,

    #[command(flatten)]
    pub http: HttpConfig,

    #[command(flatten)]
    pub auth: AuthConfig,

    #[command(flatten)]
    pub intake: IntakeConfig,

    #[command(flatten)]
    pub webhooks: WebhookConfig,

    /// The team's time zone (IANA name): what "today" and a week mean.
    #[arg(long, env = "TEAM_TIME_ZONE", default_value = "Asia/Shanghai", value_parser = crate::clock::parse_time_zone)]
    pub time_zone: chrono_tz::Tz,
}

/// What the HTTP layer accepts and exposes.
#[derive(Args, Debug, Clone)]
pub struct HttpConfig {
    /// Largest request body accepted, in bytes; a larger one is refused with 413.
    #[arg(long, env = "MAX_BODY_BYTES", default_value_t = 1_048_576)]
    pub max_body_bytes: usize,

    /// Seconds a request may take; a slower one is stopped and answered with 503 `TIMEOUT`.
    #[arg(long, env = "REQUEST_TIMEOUT_SECS", default_value_t = 30)]
    pub request_timeout_secs: u64,

    /// Browser origins allowed to call the API from another site, comma-separated
    /// (`https://dash.example.com,http://localhost:5173`); `*` allows any. Empty: none.
    #[arg(long, env = "CORS_ALLOWED_ORIGINS", value_delimiter = ',')]
    pub cors_allowed_origins: Vec<String>,

    /// Whether the schema answers introspection (`__schema`, `__type`).
    #[arg(long, env = "INTROSPECTION", default_value_t = true, action = clap::ArgAction::Set)]
    pub introspection: bool,

    /// Whether `GET /graphql` from a browser serves the GraphiQL playground.
    #[arg(long, env = "PLAYGROUND", default_value_t = true, action = clap::ArgAction::Set)]
    pub playground: bool,

    /// Automatic persisted queries kept in this process (least recently used go first);
    /// 0 switches them off.
    #[arg(long, env = "PERSISTED_QUERIES_CAPACITY", default_value_t = 1_000)]
    pub persisted_queries_capacity: usize,

    /// The service's public address (e.g. `https://landscape.example.com`), used in the links
    /// of the Atom feeds; the request's `Host` when not set.
    #[arg(long, env = "PUBLIC_URL")]
    pub public_url: Option<String>,

    /// Whether query answers are kept in memory until the data changes (the response cache;
    /// see `http/response_cache.rs`).
    #[arg(long, env = "RESPONSE_CACHE", default_value_t = true, action = clap::ArgAction::Set)]
    pub response_cache: bool,

    /// The most memory the response cache holds, in MiB (least recently used answers go first).
    #[arg(long, env = "RESPONSE_CACHE_MB", default_value_t = 64)]
    pub response_cache_mb: usize,

    /// `max-age` (seconds) of anonymous GET answers, so a CDN may keep the page's queries
    /// that long — outside the cache's freshness guarantee. 0: `no-cache` (revalidate with
    /// the ETag every time).
    #[arg(long, env = "CACHE_PUBLIC_MAX_AGE", default_value_t = 0)]
    pub cache_public_max_age: u32,
}

impl HttpConfig {
    /// The response cache's bound in bytes; 0 when it is off.
    pub fn response_cache_bytes(&self) -> usize {
        if self.response_cache {
            self.response_cache_mb.saturating_mul(1024 * 1024)
        } else {
            0
        }
    }
}

impl Default for HttpConfig {
    fn default() -> Self {
        HttpConfig {
            max_body_bytes: 1_048_576,
            request_timeout_secs: 30,
            cors_allowed_origins: Vec::new(),
            introspection: true,
            playground: true,
            persisted_queries_capacity: 1_000,
            public_url: None,
            response_cache: true,
            response_cache_mb: 64,
            cache_public_max_age: 0,
        }
    }
}

/// Tokens and who may read.
#[derive(Args, Debug, Clone)]
pub struct AuthConfig {
    /// Secret that signs tokens, at least 32 bytes. Without it, the embedded SQLite default
    /// generates one and keeps it beside the database file (`landscape.db.jwt-secret`, mode
    /// 600); with PostgreSQL it is required, so every replica signs alike. Never logged.
    #[arg(long, env = "JWT_SECRET", hide_env_values = true)]
    pub jwt_secret: Option<String>,

    /// Hours a login token lasts.
    #[arg(long, env = "TOKEN_TTL_HOURS", default_value_t = 12)]
    pub token_ttl_hours: u64,

    /// Whether callers without a token may read public data. With `false`, every request
    /// but `login` needs at least a viewer token.
    #[arg(long, env = "ANONYMOUS_READS", default_value_t = true, action = clap::ArgAction::Set)]
    pub anonymous_reads: bool,
}

/// Limits on a single GraphQL request, applied before it runs.
#[derive(Args, Debug, Clone, Copy)]
pub struct QueryLimits {
    /// Deepest selection nesting accepted. GraphiQL's own introspection query is 15 deep.
    #[arg(long, env = "GRAPHQL_MAX_DEPTH", default_value_t = 16)]
    pub max_depth: usize,

    /// Highest complexity accepted: each field counts 1, and a list field multiplies what is
    /// under it by its page size (or its expected fan-out for plain lists).
    #[arg(long, env = "GRAPHQL_MAX_COMPLEXITY", default_value_t = 50_000)]
    pub max_complexity: usize,

    /// Most field selections in one document, aliases and fragment fields included: a
    /// thousand aliases of a cheap field are refused before anything runs.
    #[arg(long, env = "GRAPHQL_MAX_FIELDS", default_value_t = 500)]
    pub max_fields: usize,
}

impl Default for QueryLimits {
    fn default() -> Self {
        QueryLimits {
            max_depth: 16,
            max_complexity: 50_000,
            max_fields: 500,
        }
    }
}

/// Following feeds and refreshing exchange rates: how often, and what outbound calls may
/// reach.
#[derive(Args, Debug, Clone)]
pub struct IntakeConfig {
    /// Minutes between background fetches of every enabled source inside `serve` (0: never;
    /// `fetch` and `fetchSources` still work). With fetching on, `serve` also reads the ECB's
    /// 90-day rate file once a day.
    #[arg(long, env = "FETCH_INTERVAL_MINUTES", default_value_t = 60)]
    pub fetch_interval_minutes: u64,

    /// Let feeds and rate files be fetched from loopback, private and link-local addresses
    /// (off: an editor's source URL cannot probe the internal network).
    #[arg(long, env = "FETCH_ALLOW_PRIVATE", default_value_t = false, action = clap::ArgAction::Set)]
    pub fetch_allow_private: bool,

    /// Hosts let through even when they resolve to a private address (comma-separated), for
    /// a self-hosted feed bridge such as RSSHub.
    #[arg(long, env = "FETCH_ALLOWED_HOSTS", value_delimiter = ',')]
    pub fetch_allowed_hosts: Vec<String>,

    /// Seconds one fetch may take, connection to last byte.
    #[arg(long, env = "FETCH_TIMEOUT_SECS", default_value_t = 20)]
    pub fetch_timeout_secs: u64,

    /// The most bytes of a feed read, counted after decompression.
    #[arg(long, env = "FETCH_MAX_BYTES", default_value_t = 5 * 1024 * 1024)]
    pub fetch_max_bytes: usize,

    /// Where `serve` reads the daily rates from.
    #[arg(long, env = "RATES_URL", default_value = crate::intake::rates::ECB_90_DAY_URL)]
    pub rates_url: String,
}

impl Default for IntakeConfig {
    fn default() -> Self {
        IntakeConfig {
            fetch_interval_minutes: 60,
            fetch_allow_private: false,
            fetch_allowed_hosts: Vec::new(),
            fetch_timeout_secs: 20,
            fetch_max_bytes: 5 * 1024 * 1024,
            rates_url: crate::intake::rates::ECB_90_DAY_URL.to_owned(),
        }
    }
}

impl IntakeConfig {
    /// The guarded client's settings for feeds and rate files.
    pub fn outbound(&self) -> crate::outbound::OutboundConfig {
        crate::outbound::OutboundConfig {
            guard: crate::outbound::Guard {
                allow_private: self.fetch_allow_private,
                allowed_hosts: self.fetch_allowed_hosts.clone(),
                setting: "FETCH_ALLOW_PRIVATE",
            },
            timeout: std::time::Duration::from_secs(self.fetch_timeout_secs),
            max_bytes: self.fetch_max_bytes,
            max_redirects: 5,
        }
    }
}

/// Webhook deliveries: what receivers may be reached, and how retries are paced.
#[derive(Args, Debug, Clone)]
pub struct WebhookConfig {
    /// Let webhooks reach loopback, private and link-local addresses (off: an admin's typo
    /// cannot make the server probe the internal network).
    #[arg(long, env = "WEBHOOK_ALLOW_PRIVATE", default_value_t = false, action = clap::ArgAction::Set)]
    pub webhook_allow_private: bool,

    /// Seconds before the first retry of a failed delivery; each further retry waits twice as
    /// long (at most 6 hours), 14 attempts in all.
    #[arg(long, env = "WEBHOOK_RETRY_BASE_SECONDS", default_value_t = 30)]
    pub webhook_retry_base_seconds: u64,

    /// Chat bots (WeCom, DingTalk, Feishu, Slack) get at most one message per webhook in this
    /// many seconds: what happens meanwhile is gathered into it (WeCom and DingTalk take about
    /// 20 messages a minute, and DingTalk then mutes the bot).
    #[arg(long, env = "WEBHOOK_MIN_INTERVAL_SECONDS", default_value_t = 60)]
    pub webhook_min_interval_seconds: u64,

    /// When `DIGEST_PUBLISHED` webhooks get the week's digest, in `TEAM_TIME_ZONE`: a weekday
    /// and a 24-hour time (empty: never).
    #[arg(long, env = "WEBHOOK_DIGEST_AT", default_value = "FRI 17:00")]
    pub webhook_digest_at: String,

    /// Seconds between two rounds of the delivery worker inside `serve` (0: no worker).
    #[arg(long, env = "WEBHOOK_POLL_SECONDS", default_value_t = 5)]
    pub webhook_poll_seconds: u64,
}

impl WebhookConfig {
    /// The guarded client's settings for receivers: no redirects, a 10 s timeout, 64 KiB.
    pub fn outbound(&self) -> crate::outbound::OutboundConfig {
        crate::outbound::OutboundConfig {
            guard: crate::outbound::Guard {
                allow_private: self.webhook_allow_private,
                allowed_hosts: Vec::new(),
                setting: "WEBHOOK_ALLOW_PRIVATE",
            },
            timeout: std::time::Duration::from_secs(10),
            max_bytes: 64 * 1024,
            max_redirects: 0,
        }
    }

    /// The worker's pacing.
    pub fn delivery(&self) -> crate::notify::deliver::DeliveryConfig {
        crate::notify::deliver::DeliveryConfig {
            retry_base: chrono::Duration::seconds(self.webhook_retry_base_seconds as i64),
            min_interval: chrono::Duration::seconds(self.webhook_min_interval_seconds as i64),
            ..Default::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::DatabaseConfig;

    #[test]
    fn the_pool_size_follows_the_backend_unless_configured() {
        let default = DatabaseConfig {
            url: None,
            max_connections: None,
        };
        let cores = std::thread::available_parallelism().unwrap().get() as u32;
        assert_eq!(
            default.pool_size("sqlite://landscape.db"),
            (2 * cores).max(2)
        );
        assert_eq!(default.pool_size("postgres://postgres@127.0.0.1/test"), 16);
        let configured = DatabaseConfig {
            url: None,
            max_connections: Some(3),
        };
        assert_eq!(configured.pool_size("sqlite://landscape.db"), 3);
        assert_eq!(
            configured.pool_size("postgres://postgres@127.0.0.1/test"),
            3
        );
    }
}
