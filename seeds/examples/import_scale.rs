//! Times the seed importer on a generated landscape: `rows` records written as seed files,
//! parsed and checked by the real parser, then loaded in one transaction.
//!
//! ```sh
//! cargo run --release -p seeds --example import_scale -- 100000 sqlite:///tmp/scale.db?mode=rwc
//! cargo run --release -p seeds --example import_scale -- 100000 postgres://postgres@127.0.0.1/scale
//! ```
//! The database must be new (or empty); it is migrated first.

use std::time::Instant;

use migration::MigratorTrait;
use sea_orm::{ConnectOptions, Database};

/// Records one generated company brings: itself, 3 models, 1 product, 3 offerings,
/// 9 price rows and 3 events.
const PER_COMPANY: usize = 20;

fn generate(rows: usize) -> Vec<(String, String)> {
    let companies = rows.div_ceil(PER_COMPANY);
    let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let mut files = vec![
        (
            "media_types.yaml".to_owned(),
            std::fs::read_to_string(data.join("media_types.yaml")).unwrap(),
        ),
        (
            "tasks.yaml".to_owned(),
            std::fs::read_to_string(data.join("tasks.yaml")).unwrap(),
        ),
    ];
    let mut prices = String::from(
        "provider,region,api_model_id,model,dimension,unit,unit_quantity,amount,currency,effective_from,effective_to\n",
    );
    let mut events = String::from(
        "slug,occurred_on,type,title,importance,companies,models,products,source_urls\n",
    );
    for i in 0..companies {
        let c = format!("gen-{i:05}");
        let mut yaml = format!(
            "company:\n  slug: {c}\n  name: Generated {i:05}\n  kind: STARTUP\n  country: CN\nmodels:\n"
        );
        for m in 0..3 {
            yaml.push_str(&format!("  - {{ slug: {c}-m{m}, name: Model {m} of {i:05}, status: GA, inputs: [text], outputs: [text], tasks: [chat] }}\n"));
        }
        yaml.push_str(&format!("products:\n  - {{ slug: {c}-app, name: App {i:05}, kind: CHAT_ASSISTANT, status: ACTIVE, models: [{c}-m0] }}\nofferings:\n"));
        for m in 0..3 {
            yaml.push_str(&format!(
                "  - {{ model: {c}-m{m}, region: cn, api_model_id: {c}-m{m} }}\n"
            ));
            prices.push_str(&format!(
                "{c},cn,{c}-m{m},{c}-m{m},INPUT_TOKENS,TOKEN,1000000,4,CNY,2024-01-01,2024-05-21\n\
                 {c},cn,{c}-m{m},{c}-m{m},INPUT_TOKENS,TOKEN,1000000,1,CNY,2024-05-21,\n\
                 {c},cn,{c}-m{m},{c}-m{m},OUTPUT_TOKENS,TOKEN,1000000,8,CNY,2024-01-01,\n"
            ));
            events.push_str(&format!("{c}-e{m},2024-0{}-1{},MODEL_RELEASE,Release {m} of {i:05},3,{c},{c}-m{m},{c}-app,https://example.com/{c}/{m}\n", 1 + m, i % 10));
        }
        files.push((format!("companies/{c}.yaml"), yaml));
    }
    files.push(("prices.csv".into(), prices));
    files.push(("events.csv".into(), events));
    files
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let rows: usize = args
        .next()
        .map(|a| a.parse())
        .transpose()?
        .unwrap_or(100_000);
    let url = args
        .next()
        .unwrap_or_else(|| "sqlite:///tmp/aigc-import-scale.db?mode=rwc".into());
    let files = generate(rows);

    let started = Instant::now();
    let dataset = seeds::Dataset::parse(files).map_err(|p| anyhow::anyhow!("{p}"))?;
    let parsed = started.elapsed();

    let mut options = ConnectOptions::new(url.clone());
    options.sqlx_logging(false).map_sqlx_sqlite_opts(|o| {
        o.journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
            .synchronous(sea_orm::sqlx::sqlite::SqliteSynchronous::Normal)
            .create_if_missing(true)
    });
    let db = Database::connect(options).await?;
    migration::Migrator::up(&db, None).await?;
    let started = Instant::now();
    let report = seeds::sync(&db, &dataset, seeds::Options::default()).await?;
    let loaded = started.elapsed();
    let total = report.total();
    println!(
        "{} records: parsed and checked in {:.2} s, loaded in one transaction in {:.2} s ({} created)",
        total.created + total.updated + total.unchanged,
        parsed.as_secs_f64(),
        loaded.as_secs_f64(),
        total.created
    );
    Ok(())
}
