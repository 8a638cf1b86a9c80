//! The command line: `serve`, `migrate`, `schema`, `seed`, `export`, `user`, `fetch`, `rates`.

use std::{net::SocketAddr, sync::Arc, time::Duration};

use anyhow::Context;
use clap::{Parser, Subcommand};
use tracing_subscriber::EnvFilter;

use crate::{
    auth::{self, Auth},
    config::{DatabaseConfig, IntakeConfig, ServeConfig},
    db, graphql, http,
    metrics::Metrics,
    outbound::OutboundClient,
    service::{
        accounts::{self, NewUser},
        editing::Actor,
    },
    state::AppState,
};

/// A GraphQL service over the generative-AI landscape.
#[derive(Parser, Debug)]
#[command(name = "aigc-landscape", version, about)]
pub struct Cli {
    /// Log lines as human-readable text or as one JSON object per line.
    #[arg(long, global = true, env = "LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    log_format: LogFormat,

    #[command(subcommand)]
    command: Command,
}

/// How log lines are written.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum LogFormat {
    Text,
    Json,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Migrate, seed an empty database from the built-in curated lists, and serve.
    Serve(Box<ServeConfig>),
    /// Apply pending migrations and exit.
    Migrate(DatabaseConfig),
    /// Print the GraphQL schema (SDL).
    Schema,
    /// Write the database's live records in the seed format into a folder.
    Export {
        /// The folder to write (created if missing; files in it are overwritten).
        #[arg(long)]
        dir: std::path::PathBuf,
        #[command(flatten)]
        database: DatabaseConfig,
    },
    /// Load the curated lists: check every file, then upsert by natural key in one
    /// transaction. Rows the team edited since the last seed are reported as conflicts and
    /// left as they are, unless `--force`.
    Seed {
        /// A folder laid out as `seeds/data`; the lists built into the binary by default.
        #[arg(long)]
        dir: Option<std::path::PathBuf>,
        /// Print what would change, field by field, and write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Overwrite rows the team edited or deleted since the last seed.
        #[arg(long)]
        force: bool,
        #[command(flatten)]
        database: DatabaseConfig,
    },
    /// Manage team members.
    #[command(subcommand)]
    User(UserCommand),
    /// Fetch the followed sources now (every enabled one, or one by slug) into the inbox,
    /// whatever their back-off.
    Fetch {
        /// Only the source with this slug.
        #[arg(long)]
        source: Option<String>,
        #[command(flatten)]
        intake: IntakeConfig,
        #[command(flatten)]
        database: DatabaseConfig,
    },
    /// Exchange rates.
    #[command(subcommand)]
    Rates(RatesCommand),
    /// Serve the tools to an agent over the Model Context Protocol on standard input and
    /// output (a desktop agent starts this). The caller is the token in `AIGC_TOKEN`, else
    /// anonymous.
    Mcp {
        #[command(flatten)]
        database: DatabaseConfig,
        #[command(flatten)]
        auth: crate::config::AuthConfig,
        /// The team's time zone (IANA name).
        #[arg(long, env = "TEAM_TIME_ZONE", default_value = "Asia/Shanghai", value_parser = crate::clock::parse_time_zone)]
        time_zone: chrono_tz::Tz,
    },
    /// Report what a curator should look at: open prices on retired models, unpriced
    /// offerings, home-page sources, unverified prices, unsourced companies and products,
    /// events with no company.
    Check {
        /// Records listed per check (counts are always whole).
        #[arg(long, default_value_t = 20)]
        limit: usize,
        #[command(flatten)]
        database: DatabaseConfig,
    },
}

#[derive(Subcommand, Debug)]
enum RatesCommand {
    /// Read the ECB's euro reference rates (the daily, 90-day or full-history XML) and upsert
    /// EUR→USD, EUR→CNY and the derived USD→CNY.
    Update {
        /// An http(s) URL or a file; the ECB's 90-day file by default.
        #[arg(long)]
        from: Option<String>,
        #[command(flatten)]
        intake: IntakeConfig,
        #[command(flatten)]
        database: DatabaseConfig,
    },
}

#[derive(Subcommand, Debug)]
enum UserCommand {
    /// Add a team member. The password comes from `AIGC_PASSWORD` or, without it, from
    /// standard input — never from a flag, where it would land in the shell history.
    Add {
        /// Their email address, used to sign in.
        #[arg(long)]
        email: String,
        /// VIEWER, EDITOR or ADMIN.
        #[arg(long)]
        role: entities::Role,
        /// Name shown in the audit trail (the email's local part by default).
        #[arg(long)]
        display_name: Option<String>,
        #[command(flatten)]
        database: DatabaseConfig,
    },
}

/// Parses the command line and runs the command.
pub async fn run() -> anyhow::Result<()> {
    let cli = Cli::parse();
    init_tracing(cli.log_format);
    match cli.command {
        Command::Serve(config) => serve(*config).await,
        Command::Migrate(config) => {
            let url = config.url();
            let db = db::connect(&url, config.pool_size(&url)).await?;
            db::migrate(&db).await?;
            tracing::info!("migrations applied");
            Ok(())
        }
        Command::Schema => {
            print!("{}", graphql::schema::sdl());
            Ok(())
        }
        Command::Export { dir, database } => {
            let db = db::connect(&database.url(), 2).await?;
            db::migrate(&db).await?;
            let written = seeds::export(&db, &dir).await?;
            println!("exported {written} records to {}", dir.display());
            Ok(())
        }
        Command::Seed {
            dir,
            dry_run,
            force,
            database,
        } => seed(dir, seeds::Options { dry_run, force }, database).await,
        Command::User(UserCommand::Add {
            email,
            role,
            display_name,
            database,
        }) => add_user(email, role, display_name, database).await,
        Command::Mcp {
            database,
            auth: auth_config,
            time_zone,
        } => mcp(database, auth_config, time_zone).await,
        Command::Check { limit, database } => {
            let db = db::connect(&database.url(), 2).await?;
            db::migrate(&db).await?;
            let today = crate::clock::today();
            let checks = crate::service::data_health::report(&db, today).await?;
            println!("data health on {today}");
            for c in &checks {
                println!(
                    "\n{:<28} {:>5}  {}",
                    c.code,
                    c.findings.len(),
                    c.description
                );
                for f in c.findings.iter().take(limit) {
                    println!("    {} {} {}", f.entity_type, f.id, f.label);
                }
                if c.findings.len() > limit {
                    println!("    … and {} more", c.findings.len() - limit);
                }
            }
            Ok(())
        }
        Command::Fetch {
            source,
            intake,
            database,
        } => fetch(source, intake, database).await,
        Command::Rates(RatesCommand::Update {
            from,
            intake,
            database,
        }) => {
            let db = db::connect(&database.url(), 2).await?;
            db::migrate(&db).await?;
            let client = OutboundClient::new(intake.outbound())?;
            let from = from.unwrap_or(intake.rates_url);
            let report = crate::intake::rates::update(&db, &client, &from).await?;
            println!("{report}");
            Ok(())
        }
    }
}

async fn fetch(
    slug: Option<String>,
    intake: IntakeConfig,
    database: DatabaseConfig,
) -> anyhow::Result<()> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let db = db::connect(&database.url(), 2).await?;
    db::migrate(&db).await?;
    let client = OutboundClient::new(intake.outbound())?;
    let ids = match &slug {
        Some(slug) => {
            let found = entities::source::Entity::find()
                .filter(entities::source::Column::Slug.eq(slug))
                .filter(entities::source::Column::DeletedAt.is_null())
                .one(&db)
                .await?
                .with_context(|| format!("no source with the slug `{slug}`"))?;
            Some(vec![found.id])
        }
        None => None,
    };
    let intake = crate::intake::Intake {
        client,
        metrics: None,
    };
    let outcomes = crate::intake::fetch_sources(&db, &intake, ids.as_deref(), false).await?;
    let sources = entities::source::Entity::find().all(&db).await?;
    let mut failed = 0;
    for o in &outcomes {
        let slug = sources
            .iter()
            .find(|s| s.id == o.source_id)
            .map(|s| s.slug.as_str())
            .unwrap_or("?");
        match &o.error {
            Some(error) => {
                failed += 1;
                println!("{slug}: FAILED: {error}");
            }
            None => println!("{slug}: {} new items", o.new_items),
        }
    }
    println!(
        "{} sources fetched, {} failed, {} new items",
        outcomes.len(),
        failed,
        outcomes.iter().map(|o| o.new_items).sum::<usize>()
    );
    Ok(())
}

async fn seed(
    dir: Option<std::path::PathBuf>,
    options: seeds::Options,
    database: DatabaseConfig,
) -> anyhow::Result<()> {
    let dataset = match &dir {
        Some(dir) => seeds::Dataset::from_dir(dir),
        None => seeds::Dataset::builtin(),
    };
    let dataset = match dataset {
        Ok(dataset) => dataset,
        Err(problems) => {
            eprint!("{problems}");
            anyhow::bail!("the seed files have problems; nothing was written");
        }
    };
    let db = db::connect(&database.url(), 2).await?;
    db::migrate(&db).await?;
    let report = if options.dry_run {
        seeds::sync(&db, &dataset, options)
            .await
            .context("seeding failed; nothing was written")?
    } else {
        seed_and_notify(&db, &dataset, options)
            .await
            .context("seeding failed; nothing was written")?
    };
    for line in &report.changes {
        println!("{line}");
    }
    println!(
        "{:<18} {:>8} {:>8} {:>10} {:>10}",
        "kind", "created", "updated", "unchanged", "conflicts"
    );
    for (kind, c) in &report.kinds {
        println!(
            "{kind:<18} {:>8} {:>8} {:>10} {:>10}",
            c.created, c.updated, c.unchanged, c.conflicts
        );
    }
    println!(
        "{report}{}",
        if options.dry_run {
            " (dry run: nothing was written)"
        } else {
            ""
        }
    );
    Ok(())
}

/// Loads the lists and, in the same transaction, writes the webhooks' messages for the prices
/// and events it created — unless the database was empty (a first seeding tells nobody;
/// the outbox's own rules leave history out).
async fn seed_and_notify(
    db: &sea_orm::DatabaseConnection,
    dataset: &seeds::Dataset,
    options: seeds::Options,
) -> anyhow::Result<seeds::Report> {
    use sea_orm::{EntityTrait, PaginatorTrait, TransactionTrait};
    let was_empty = entities::company::Entity::find().count(db).await? == 0;
    let txn = db.begin().await?;
    let report = seeds::sync_in(&txn, dataset, options).await?;
    if !was_empty {
        for (kind, id) in &report.created {
            match *kind {
                "Price" => {
                    if let Some(p) = entities::price::Entity::find_by_id(*id).one(&txn).await? {
                        crate::notify::outbox::price_created(&txn, &p).await?;
                    }
                }
                "Event" => {
                    if let Some(e) = entities::event::Entity::find_by_id(*id).one(&txn).await? {
                        crate::notify::outbox::event_created(&txn, &e).await?;
                    }
                }
                _ => {}
            }
        }
    }
    txn.commit().await?;
    seeds::analyze_after(db, &report).await?;
    Ok(report)
}

/// The password for `user add`: `AIGC_PASSWORD`, or the first line of standard input.
fn read_password() -> anyhow::Result<String> {
    if let Ok(password) = std::env::var("AIGC_PASSWORD") {
        return Ok(password);
    }
    eprintln!("password (from standard input; or set AIGC_PASSWORD):");
    let mut line = String::new();
    std::io::stdin()
        .read_line(&mut line)
        .context("cannot read the password from standard input")?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

async fn add_user(
    email: String,
    role: entities::Role,
    display_name: Option<String>,
    database: DatabaseConfig,
) -> anyhow::Result<()> {
    let password = read_password()?;
    let db = db::connect(&database.url(), 2).await?;
    db::migrate(&db).await?;
    let actor = Actor {
        user_id: None,
        label: "cli".into(),
    };
    let new = NewUser {
        email,
        display_name,
        role,
        password,
    };
    match accounts::create_user(&db, &actor, new)
        .await
        .map_err(|e| anyhow::anyhow!(e.message().to_owned()))?
    {
        Ok(user) => {
            println!("added {} as {}", user.email, user.role);
            Ok(())
        }
        Err(problems) => {
            let lines: Vec<String> = problems
                .iter()
                .map(|p| format!("  {}: {}", p.field.join("."), p.message))
                .collect();
            anyhow::bail!("the user was not added:\n{}", lines.join("\n"))
        }
    }
}

/// `aigc-landscape mcp`: the tools over stdio, as the caller `AIGC_TOKEN` names. Standard
/// output carries the protocol, so logs go to standard error only.
async fn mcp(
    database: DatabaseConfig,
    auth_config: crate::config::AuthConfig,
    time_zone: chrono_tz::Tz,
) -> anyhow::Result<()> {
    crate::clock::set_time_zone(time_zone);
    let url = database.url();
    let (secret, _) = auth::resolve_secret(auth_config.jwt_secret.as_deref(), &url)?;
    let auth = Auth::new(
        &secret,
        Duration::from_secs(auth_config.token_ttl_hours * 3600),
        auth_config.anonymous_reads,
    )?;
    let db = db::connect(&url, 4).await?;
    db::migrate(&db).await?;
    let token = std::env::var("AIGC_TOKEN").ok().filter(|t| !t.is_empty());
    let header = token.map(|t| format!("Bearer {t}"));
    let caller = auth
        .authenticate(&db, header.as_deref())
        .await
        .map_err(|e| anyhow::anyhow!("AIGC_TOKEN: {}", e.message()))?;
    if caller == crate::auth::Caller::Anonymous && !auth.anonymous_reads {
        anyhow::bail!(
            "this database does not answer anonymous reads: set AIGC_TOKEN to an API token (issueToken)"
        );
    }
    let state = AppState::new(db, crate::config::QueryLimits::default(), auth);
    crate::mcp::serve_stdio(state, caller).await
}

/// Logs go to stderr, `info` and up unless `RUST_LOG` says otherwise. In JSON each line is
/// one object with the request's span fields (its `request_id`) beside the message.
fn init_tracing(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match format {
        LogFormat::Text => builder.init(),
        LogFormat::Json => builder
            .json()
            .with_current_span(true)
            .with_span_list(false)
            .init(),
    }
}

async fn serve(config: ServeConfig) -> anyhow::Result<()> {
    crate::clock::set_time_zone(config.time_zone);
    let url = config.database.url();
    // Checked before the database is touched: a bad secret must not half-start a server.
    let (secret, source) = auth::resolve_secret(config.auth.jwt_secret.as_deref(), &url)?;
    match &source {
        auth::SecretSource::Environment => tracing::info!("tokens are signed with JWT_SECRET"),
        auth::SecretSource::File(path) => {
            tracing::info!(path = %path.display(), "tokens are signed with the kept secret")
        }
        auth::SecretSource::Generated(path) => {
            tracing::info!(path = %path.display(), "generated a token secret and kept it beside the database (mode 600)")
        }
    }
    let auth = Auth::new(
        &secret,
        Duration::from_secs(config.auth.token_ttl_hours * 3600),
        config.auth.anonymous_reads,
    )?;
    let statement_timeout = (config.statement_timeout_ms > 0)
        .then(|| Duration::from_millis(config.statement_timeout_ms));
    let metrics = Arc::new(Metrics::default());
    let counter = metrics.clone();
    let pool = config.database.pool_size(&url);
    let mut db = db::connect_with(&url, pool, statement_timeout).await?;
    db.set_metric_callback(move |_| counter.statement());
    db::migrate(&db).await?;
    if let Some(report) = db::seed_if_empty(&db).await? {
        tracing::info!(%report, "seeded the empty database from the built-in lists");
    }
    let outbound = OutboundClient::new(config.intake.outbound())?;
    let mut state = AppState::new(db.clone(), config.limits, auth)
        .with_http(config.http.clone())
        .with_outbound(outbound)
        .with_metrics(metrics.clone());
    let digest_at = match config.webhooks.webhook_digest_at.trim() {
        "" => None,
        at => Some(
            crate::notify::digest::parse_digest_at(at)
                .map_err(|e| anyhow::anyhow!("WEBHOOK_DIGEST_AT: {e}"))?,
        ),
    };
    if config.webhooks.webhook_poll_seconds > 0 {
        tokio::spawn(crate::notify::deliver::run(
            state.clone(),
            OutboundClient::new(config.webhooks.outbound())?,
            config.webhooks.delivery(),
            Duration::from_secs(config.webhooks.webhook_poll_seconds),
            digest_at,
        ));
    }
    if config.intake.fetch_interval_minutes > 0 {
        tracing::info!(
            minutes = config.intake.fetch_interval_minutes,
            "fetching sources in the background (and the ECB's rates daily)"
        );
        tokio::spawn(crate::intake::schedule::run(
            db.clone(),
            state.intake.clone(),
            config.intake.fetch_interval_minutes,
            config.intake.rates_url.clone(),
        ));
    }
    if let Some(read_url) = &config.read_url {
        let counter = metrics.clone();
        let mut replica = db::connect_with(
            read_url,
            config.database.pool_size(read_url),
            statement_timeout,
        )
        .await?;
        replica.set_metric_callback(move |_| counter.statement());
        tracing::info!(url = %db::redact(read_url), "requests that only read go to the replica");
        state = state.with_read_replica(replica);
    }
    let listener = tokio::net::TcpListener::bind(config.bind)
        .await
        .with_context(|| format!("cannot listen on {}", config.bind))?;
    tracing::info!(
        database = db::backend_name(&db),
        url = %db::redact(&url),
        connections = pool,
        "serving on http://{}/graphql (playground: open it in a browser)",
        listener.local_addr().unwrap_or(config.bind)
    );
    axum::serve(
        listener,
        http::router(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
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
