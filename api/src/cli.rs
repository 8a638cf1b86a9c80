//! The command line: `serve`, `migrate`, `schema`.

use anyhow::Context;
use clap::{Parser, Subcommand};
use tracing_subscriber::EnvFilter;

use crate::{
    config::{DatabaseConfig, ServeConfig},
    db, graphql, http,
    state::AppState,
};

/// A GraphQL service over the generative-AI landscape.
#[derive(Parser, Debug)]
#[command(name = "aigc-landscape", version, about)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Migrate, seed an empty database from the built-in curated lists, and serve.
    Serve(ServeConfig),
    /// Apply pending migrations and exit.
    Migrate(DatabaseConfig),
    /// Print the GraphQL schema (SDL).
    Schema,
}

/// Parses the command line and runs the command.
pub async fn run() -> anyhow::Result<()> {
    let cli = Cli::parse();
    init_tracing();
    match cli.command {
        Command::Serve(config) => serve(config).await,
        Command::Migrate(config) => {
            let db = db::connect(&config.url(), config.max_connections).await?;
            db::migrate(&db).await?;
            tracing::info!("migrations applied");
            Ok(())
        }
        Command::Schema => {
            print!("{}", graphql::schema::sdl());
            Ok(())
        }
    }
}

/// Logs go to stderr, `info` and up unless `RUST_LOG` says otherwise.
fn init_tracing() {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
}

async fn serve(config: ServeConfig) -> anyhow::Result<()> {
    let url = config.database.url();
    let db = db::connect(&url, config.database.max_connections).await?;
    db::migrate(&db).await?;
    if let Some(report) = db::seed_if_empty(&db).await? {
        tracing::info!(%report, "seeded the empty database from the built-in lists");
    }
    let state = AppState::new(db.clone(), config.limits);
    let listener = tokio::net::TcpListener::bind(config.bind)
        .await
        .with_context(|| format!("cannot listen on {}", config.bind))?;
    tracing::info!(
        database = db::backend_name(&db),
        url = %db::redact(&url),
        "serving on http://{}/graphql (playground: open it in a browser)",
        config.bind
    );
    axum::serve(listener, http::router(state))
        .with_graceful_shutdown(shutdown_signal())
        .await
        .context("the server stopped with an error")?;
    db.close().await.ok();
    tracing::info!("stopped");
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM, so in-flight requests finish before the process exits.
async fn shutdown_signal() {
    let ctrl_c = async {
        tokio::signal::ctrl_c().await.ok();
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut signal) =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            signal.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
