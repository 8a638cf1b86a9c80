//! Writing a checked dataset into a database: upserts by natural key, in one transaction.
//!
//! Each record of the dataset is matched with the row of the same natural key (see
//! `seeds/README.md`). A missing row is created; a row whose seeded fields differ is updated;
//! an equal one is left alone, so a second run changes nothing. Rows the dataset does not
//! name are never touched. Every write is a revision by the actor `seed`.
//!
//! A row the team edited since the last seed — its latest revision is not by `seed` — is a
//! *conflict*: it is reported and left as the team has it, unless `force` is given. A row the
//! team deleted is a conflict too (forcing restores it). Team-only fields (notes, relationship
//! status, watch list) are never written by a seed.
//!
//! A dry run does all of it inside the transaction and rolls back, so what it reports is
//! exactly what a real run would do.

mod indexes;
mod report;
pub(crate) mod rows;
mod search;
mod table;
mod vocabulary;

use search::reindex_touched;
use vocabulary::sync_vocabulary;

use std::collections::HashMap;

use chrono::Utc;
use entities::{record::links, *};
use sea_orm::{
    ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr, EntityTrait,
    Statement, TransactionTrait,
};
use serde_json::Map;

pub use report::{Counts, Report};
pub(crate) use table::Maps;
use table::{stored_ids, sync_table};

use crate::{
    format::*,
    parse::Dataset,
    validate::{offering_key, parse_links},
};

/// The actor seeded changes are recorded under.
pub const SEED_ACTOR: &str = "seed";

/// How to run.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Report what would change, write nothing.
    pub dry_run: bool,
    /// Overwrite rows the team edited or deleted since the last seed.
    pub force: bool,
}

/// Writes `data` into `db` in one transaction: all of it, or nothing. A dry run rolls back.
pub async fn sync(
    db: &DatabaseConnection,
    data: &Dataset,
    options: Options,
) -> Result<Report, DbErr> {
    let txn = db.begin().await?;
    let report = write(&txn, data, options).await?;
    if options.dry_run {
        txn.rollback().await?;
    } else {
        txn.commit().await?;
        analyze_after(db, &report).await?;
    }
    Ok(report)
}

/// Writes `data` inside the caller's transaction, which the caller commits: so that what
/// the load causes (the webhooks' outbox messages for the prices and events it created, in
/// `Report::created`) is written in the same transaction. Call [`analyze_after`] once
/// committed.
pub async fn sync_in(
    txn: &DatabaseTransaction,
    data: &Dataset,
    options: Options,
) -> Result<Report, DbErr> {
    write(txn, data, options).await
}

/// Refreshes the planner's statistics after a large load (and, on PostgreSQL, the map of
/// all-visible pages that index-only scans read).
pub async fn analyze_after(db: &DatabaseConnection, report: &Report) -> Result<(), DbErr> {
    let total = report.total();
    if total.created + total.updated >= LARGE_LOAD {
        // Fresh planner statistics: after a bulk load PostgreSQL plans on stale
        // estimates until autovacuum comes by (the benchmark's page of 50 models took
        // 27 ms on 230,000 freshly loaded records), and SQLite has none until asked.
        // PostgreSQL also vacuums, so the new rows' pages are marked all-visible and the
        // index-only scans (search's postings, the digest's count) read no table page:
        // scale 100, the postings of a search's three rarest pairs 2.6 → 0.6 ms, for
        // 1.3 s of vacuum after the load.
        db.execute_unprepared(match db.get_database_backend() {
            DbBackend::Postgres => "VACUUM (ANALYZE)",
            _ => "ANALYZE",
        })
        .await?;
        keep_from_skip_scans(db).await?;
    }
    Ok(())
}

/// Indexes SQLite's planner must not skip-scan. With the statistics of the benchmark's
/// 100,000 events (`ix_events_type`: 13 types of about 7,700 events, 6 a day each) it read a
/// half-year's page of events (`occurred_on` range, newest first, `LIMIT ?`) by skipping
/// through every type of `ix_events_type` and sorting the 12,690 events of the half-year in a
/// temporary B-tree — 27–34 ms — where reading `ix_events_occurred` backwards stops after
/// the page (0.2 ms). Queries that do name types still use `ix_events_type` as an equality.
const NO_SKIP_SCAN: [&str; 1] = ["ix_events_type"];

/// Marks [`NO_SKIP_SCAN`] in `sqlite_stat1` with SQLite's `noskipscan` token and reloads the
/// statistics on this connection (others read them when they next open); nothing on
/// PostgreSQL, which has no skip-scan to avoid.
pub async fn keep_from_skip_scans<C: ConnectionTrait>(db: &C) -> Result<(), DbErr> {
    if db.get_database_backend() != DbBackend::Sqlite {
        return Ok(());
    }
    for index in NO_SKIP_SCAN {
        db.execute_raw(Statement::from_sql_and_values(
            DbBackend::Sqlite,
            "UPDATE sqlite_stat1 SET stat = stat || ' noskipscan' \
             WHERE idx = ? AND stat NOT LIKE '%noskipscan%'",
            [index.into()],
        ))
        .await?;
    }
    db.execute_unprepared("ANALYZE sqlite_schema").await?;
    Ok(())
}

/// Rows written from which a load refreshes the planner's statistics (and, into an empty
/// search index, builds its indexes after its rows).
const LARGE_LOAD: usize = 1_000;

/// Loads `data` into `db` (the first seeding of an empty database).
pub async fn load(db: &DatabaseConnection, data: &Dataset) -> Result<Report, DbErr> {
    sync(db, data, Options::default()).await
}

/// Groups records so that each one's parent (by `parent_of`) is in an earlier group.
fn levels<T>(
    items: &[T],
    key: impl Fn(&T) -> &str,
    parent_of: impl Fn(&T) -> Option<&str>,
) -> Vec<Vec<&T>> {
    let mut placed: HashMap<&str, usize> = HashMap::new();
    let keys: Vec<&str> = items.iter().map(&key).collect();
    let mut remaining: Vec<&T> = items.iter().collect();
    let mut out: Vec<Vec<&T>> = Vec::new();
    while !remaining.is_empty() {
        let level = out.len();
        let (ready, rest): (Vec<&T>, Vec<&T>) =
            remaining
                .into_iter()
                .partition(|item| match parent_of(item) {
                    Some(parent) if keys.contains(&parent) => {
                        placed.get(parent).is_some_and(|l| *l < level)
                    }
                    _ => true,
                });
        if ready.is_empty() {
            // A cycle: the validator refuses self-parents; anything else goes in as it is.
            out.push(rest);
            break;
        }
        for item in &ready {
            placed.insert(key(item), level);
        }
        out.push(ready);
        remaining = rest;
    }
    out
}

/// The `slug:ROLE` keys of an event's link column.
fn event_links(text: &Option<String>) -> Vec<String> {
    parse_links(text.as_deref())
        .unwrap_or_default()
        .into_iter()
        .map(|(slug, role)| links::key(&slug, Some(role.as_str())))
        .collect()
}
async fn write<C: ConnectionTrait>(
    db: &C,
    data: &Dataset,
    options: Options,
) -> Result<Report, DbErr> {
    let now = Utc::now();
    let mut report = Report::default();
    let mut maps = Maps::default();
    sync_vocabulary(db, &mut report, data).await?;
    maps.set(
        "media_types",
        media_type::Entity::find()
            .all(db)
            .await?
            .into_iter()
            .map(|m| (m.slug, m.id)),
    );
    maps.set(
        "tasks",
        task::Entity::find()
            .all(db)
            .await?
            .into_iter()
            .map(|t| (t.slug, t.id)),
    );
    for kind in ["companies", "models", "products", "offerings", "benchmarks"] {
        maps.set(kind, []);
    }

    // Companies, parents before their subsidiaries.
    let companies: Vec<&CompanySeed> = data.companies.iter().map(|(_, f)| &f.company).collect();
    for level in levels(&companies, |c| c.slug.as_str(), |c| c.parent.as_deref()) {
        let desired = level
            .iter()
            .map(|c| (rows::company_model(c, &maps, now), Map::new()))
            .collect();
        let ids =
            sync_table::<company::Entity, _>(db, &maps, options, &mut report, desired).await?;
        maps.set("companies", ids);
    }

    // Models, base models first; successors named before they exist are set in a last pass.
    let models: Vec<(&str, &ModelSeed)> = data
        .companies
        .iter()
        .flat_map(|(_, f)| f.models.iter().map(move |m| (f.company.slug.as_str(), m)))
        .collect();
    let model_links = |m: &ModelSeed| {
        links::form([
            (&links::MODEL_INPUTS, m.inputs.clone()),
            (&links::MODEL_OUTPUTS, m.outputs.clone()),
            (&links::MODEL_TASKS, m.tasks.clone()),
        ])
    };
    // Stored models resolve as successors from the first pass; only a successor this run
    // creates waits for the last one (else a second run would unset and set it again).
    maps.set("models", stored_ids::<model::Entity, _>(db, &maps).await?);
    let mut late_successors = Vec::new();
    for level in levels(
        &models,
        |(_, m)| m.slug.as_str(),
        |(_, m)| m.base_model.as_deref(),
    ) {
        let mut desired = Vec::new();
        for (company, m) in level {
            if m.successor
                .as_ref()
                .is_some_and(|s| maps.id("models", s) == 0)
            {
                late_successors.push((*company, *m));
            }
            desired.push((rows::model_model(company, m, &maps, now), model_links(m)));
        }
        let ids = sync_table::<model::Entity, _>(db, &maps, options, &mut report, desired).await?;
        maps.set("models", ids);
    }
    if !late_successors.is_empty() {
        let desired = late_successors
            .iter()
            .map(|(c, m)| (rows::model_model(c, m, &maps, now), model_links(m)))
            .collect();
        let mut pass = Report::default();
        let ids = sync_table::<model::Entity, _>(db, &maps, options, &mut pass, desired).await?;
        maps.set("models", ids);
        // The same records again: their changes count once, as the first pass saw them.
        report.changes.extend(
            pass.changes
                .into_iter()
                .filter(|c| c.starts_with("conflict")),
        );
    }

    // Products, then what hangs on them.
    let products: Vec<(&str, &ProductSeed)> = data
        .companies
        .iter()
        .flat_map(|(_, f)| f.products.iter().map(move |p| (f.company.slug.as_str(), p)))
        .collect();
    let desired = products
        .iter()
        .map(|(c, p)| {
            (
                rows::product_model(c, p, &maps, now),
                links::form([
                    (&links::PRODUCT_MODELS, p.models.clone()),
                    (&links::PRODUCT_TASKS, p.tasks.clone()),
                ]),
            )
        })
        .collect();
    let ids = sync_table::<product::Entity, _>(db, &maps, options, &mut report, desired).await?;
    maps.set("products", ids);

    let mut offerings = Vec::new();
    for (_, f) in &data.companies {
        for o in &f.offerings {
            offerings.push((
                rows::offering_model(&f.company.slug, o, &maps, now),
                Map::new(),
            ));
        }
    }
    let ids = sync_table::<offering::Entity, _>(db, &maps, options, &mut report, offerings).await?;
    maps.set("offerings", ids);

    let mut plans = Vec::new();
    let mut costs = Vec::new();
    let mut quotas = Vec::new();
    for (_, p) in &products {
        let product_id = maps.id("products", &p.slug);
        for plan in &p.plans {
            plans.push((
                rows::plan_model(product_id, plan, now),
                links::form([(&links::PLAN_MODELS, plan.models.clone())]),
            ));
        }
        for cost in &p.credit_costs {
            costs.push((rows::credit_model(product_id, cost, &maps, now), Map::new()));
        }
        for quota in &p.free_quotas {
            quotas.push((
                rows::quota_model(None, Some(product_id), quota, now),
                Map::new(),
            ));
        }
    }
    for (_, f) in &data.companies {
        for o in &f.offerings {
            let id = maps.id(
                "offerings",
                &offering_key(&f.company.slug, &o.region, &o.api_model_id, &o.model),
            );
            for quota in &o.free_quotas {
                quotas.push((rows::quota_model(Some(id), None, quota, now), Map::new()));
            }
        }
    }
    sync_table::<subscription_plan::Entity, _>(db, &maps, options, &mut report, plans).await?;
    sync_table::<credit_cost::Entity, _>(db, &maps, options, &mut report, costs).await?;
    sync_table::<free_quota::Entity, _>(db, &maps, options, &mut report, quotas).await?;

    let prices = data
        .prices
        .iter()
        .map(|p| (rows::price_model(&p.row, &maps, now), Map::new()))
        .collect();
    sync_table::<price::Entity, _>(db, &maps, options, &mut report, prices).await?;

    let mut filings = Vec::new();
    for (_, f) in &data.companies {
        for filing in &f.filings {
            filings.push((
                rows::filing_model(&f.company.slug, filing, &maps, now),
                Map::new(),
            ));
        }
    }
    sync_table::<filing::Entity, _>(db, &maps, options, &mut report, filings).await?;

    let events = data
        .events
        .iter()
        .map(|e| {
            let r = &e.row;
            let lists = links::form([
                (&links::EVENT_COMPANIES, event_links(&r.companies)),
                (&links::EVENT_MODELS, event_links(&r.models)),
                (&links::EVENT_PRODUCTS, event_links(&r.products)),
            ]);
            (rows::event_model(r, now), lists)
        })
        .collect();
    sync_table::<event::Entity, _>(db, &maps, options, &mut report, events).await?;

    let rates = data
        .exchange_rates
        .iter()
        .map(|r| (rows::rate_model(&r.row, now), Map::new()))
        .collect();
    sync_table::<exchange_rate::Entity, _>(db, &maps, options, &mut report, rates).await?;

    let benchmarks = data
        .benchmarks
        .iter()
        .map(|b| (rows::benchmark_model(b, now), Map::new()))
        .collect();
    let ids =
        sync_table::<benchmark::Entity, _>(db, &maps, options, &mut report, benchmarks).await?;
    maps.set("benchmarks", ids);
    let scores = data
        .scores
        .iter()
        .map(|s| (rows::score_model(&s.row, &maps, now), Map::new()))
        .collect();
    sync_table::<score::Entity, _>(db, &maps, options, &mut report, scores).await?;
    reindex_touched(db, &report).await?;
    Ok(report)
}
