//! Connecting, migrating and first-time seeding.

use std::time::Duration;

use anyhow::Context;
use migration::{Migrator, MigratorTrait};
use sea_orm::{
    ConnectOptions, Database, DatabaseConnection, DbBackend, EntityTrait, PaginatorTrait,
};

/// Opens a pool on `url`. SQLite files are created if missing and run in WAL mode with a busy
/// timeout and foreign keys on, so readers never block the writer and a second writer waits
/// instead of failing; SQLite allocates through mimalloc (`sqlite_memory`).
pub async fn connect(url: &str, max_connections: u32) -> anyhow::Result<DatabaseConnection> {
    connect_with(url, max_connections, None).await
}

/// [`connect`], with a limit on how long one statement may run on PostgreSQL (the server
/// cancels it and the request gets an error); SQLite has no such setting.
pub async fn connect_with(
    url: &str,
    max_connections: u32,
    statement_timeout: Option<Duration>,
) -> anyhow::Result<DatabaseConnection> {
    if url.starts_with("sqlite:") {
        crate::sqlite_memory::configure();
    }
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .max_connections(max_connections)
        .min_connections(1)
        .connect_timeout(Duration::from_secs(10))
        .acquire_timeout(Duration::from_secs(10))
        .sqlx_logging(false)
        .map_sqlx_sqlite_opts(|opts| {
            opts.create_if_missing(true)
                .journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
                .synchronous(sea_orm::sqlx::sqlite::SqliteSynchronous::Normal)
                .busy_timeout(Duration::from_secs(10))
                .foreign_keys(true)
        });
    if let Some(limit) = statement_timeout {
        let value = format!("{}ms", limit.as_millis());
        options.map_sqlx_postgres_opts(move |opts| {
            opts.options([("statement_timeout", value.as_str())])
        });
    }
    let db = Database::connect(options)
        .await
        .with_context(|| format!("cannot connect to the database at {}", redact(url)))?;
    Ok(db)
}

/// Applies every pending migration.
pub async fn migrate(db: &DatabaseConnection) -> anyhow::Result<()> {
    Migrator::up(db, None)
        .await
        .context("migrating the database failed")
}

/// Seeds the curated lists built into the binary when the database holds no company yet.
/// On a database that has data this does nothing, so a restart never re-seeds or loses edits.
pub async fn seed_if_empty(db: &DatabaseConnection) -> anyhow::Result<Option<seeds::Report>> {
    let companies = entities::company::Entity::find().count(db).await?;
    if companies > 0 {
        return Ok(None);
    }
    let dataset = seeds::Dataset::builtin().context("the built-in seed lists are invalid")?;
    let report = seeds::load(db, &dataset)
        .await
        .context("seeding the empty database failed")?;
    Ok(Some(report))
}

/// The URL with any password replaced, fit for a log line.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let userinfo = &url[scheme + 3..at];
            match userinfo.find(':') {
                Some(colon) => format!(
                    "{}{}:***{}",
                    &url[..scheme + 3],
                    &userinfo[..colon],
                    &url[at..]
                ),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

/// A short name of the backend, for logs.
pub fn backend_name(db: &DatabaseConnection) -> &'static str {
    match db.get_database_backend() {
        DbBackend::Postgres => "postgres",
        DbBackend::Sqlite => "sqlite",
        _ => "other",
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn passwords_are_redacted() {
        assert_eq!(
            super::redact("postgres://app:s3cret@db:5432/landscape"),
            "postgres://app:***@db:5432/landscape"
        );
        assert_eq!(
            super::redact("sqlite://landscape.db"),
            "sqlite://landscape.db"
        );
    }
}
