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

    /// The most connections the pool opens.
    #[arg(long, env = "DATABASE_MAX_CONNECTIONS", default_value_t = 16)]
    pub max_connections: u32,
}

impl DatabaseConfig {
    /// The SQLite file used when no database is given.
    pub const DEFAULT_SQLITE: &'static str = "sqlite://landscape.db?mode=rwc";

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

    #[command(flatten)]
    pub limits: QueryLimits,

    #[command(flatten)]
    pub auth: AuthConfig,

    /// The team's time zone (IANA name): what "today" and a week mean.
    #[arg(long, env = "TEAM_TIME_ZONE", default_value = "Asia/Shanghai", value_parser = crate::clock::parse_time_zone)]
    pub time_zone: chrono_tz::Tz,
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
}

impl Default for QueryLimits {
    fn default() -> Self {
        QueryLimits {
            max_depth: 16,
            max_complexity: 50_000,
        }
    }
}
