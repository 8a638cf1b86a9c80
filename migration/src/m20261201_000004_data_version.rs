//! The data version: one number that every committed change to what reads can show moves
//! forward, so a response cache knows when its answers went stale. Triggers move it — not the
//! code paths that write — so a new writer cannot forget to: on PostgreSQL once per
//! transaction, at commit (see [`POSTGRES_FUNCTIONS`]; the version's row lock is held only
//! for the commit, so writers never wait on each other for it); on SQLite, whose writers take
//! turns anyway, a trigger per row.
//!
//! Tables that hold nothing a cached read shows are left out ([`UNVERSIONED`]): accounts and
//! tokens (their queries are never cached), leases, the webhook outbox and deliveries, and
//! the search grams (derived from records that bump it themselves).

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

/// Named after its file.
#[derive(DeriveMigrationName)]
pub struct Migration;

/// The tables whose changes move the data version.
pub const VERSIONED: [&str; 28] = [
    "companies",
    "models",
    "media_types",
    "model_media_types",
    "tasks",
    "model_tasks",
    "offerings",
    "products",
    "product_models",
    "product_tasks",
    "prices",
    "free_quotas",
    "subscription_plans",
    "plan_models",
    "credit_costs",
    "events",
    "event_companies",
    "event_models",
    "event_products",
    "filings",
    "exchange_rates",
    "benchmarks",
    "scores",
    "digest_notes",
    "sources",
    "inbox_items",
    "inbox_matches",
    "revisions",
];

/// The tables left out, and why (see the module's comment).
pub const UNVERSIONED: [&str; 9] = [
    "data_version_pending",
    "users",
    "api_tokens",
    "leases",
    "outbox",
    "webhooks",
    "webhook_deliveries",
    "search_grams",
    "search_gram_counts",
];

/// PostgreSQL: a statement-level trigger on each versioned table notes, once per
/// transaction, that it wrote (a row in `data_version_pending`); a deferred constraint trigger
/// on that row moves the version at commit. Per statement and per transaction, never per row,
/// so a seed run of 230,000 rows costs one bump.
const POSTGRES_FUNCTIONS: [&str; 3] = [
    "CREATE TABLE data_version_pending (txid bigint PRIMARY KEY)",
    r#"CREATE FUNCTION aigc_note_write() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('aigc.data_version_noted', true) IS DISTINCT FROM 'yes' THEN
        PERFORM set_config('aigc.data_version_noted', 'yes', true);
        INSERT INTO data_version_pending (txid) VALUES (txid_current()) ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END
$$"#,
    r#"CREATE FUNCTION aigc_bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE data_version SET version = version + 1 WHERE id = 1;
    DELETE FROM data_version_pending WHERE txid = NEW.txid;
    RETURN NULL;
END
$$"#,
];

fn statements(backend: DbBackend) -> Vec<String> {
    let mut out = vec![
        "CREATE TABLE data_version (id integer PRIMARY KEY CHECK (id = 1), version bigint NOT NULL)".to_owned(),
        "INSERT INTO data_version (id, version) VALUES (1, 1)".to_owned(),
    ];
    match backend {
        DbBackend::Postgres => {
            out.extend(POSTGRES_FUNCTIONS.iter().map(|s| (*s).to_owned()));
            out.push(
                "CREATE CONSTRAINT TRIGGER data_version_bump AFTER INSERT ON data_version_pending \
                 DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION aigc_bump_data_version()"
                    .to_owned(),
            );
            for table in VERSIONED {
                out.push(format!(
                    "CREATE TRIGGER data_version_{table} AFTER INSERT OR UPDATE OR DELETE ON {table} \
                     FOR EACH STATEMENT EXECUTE FUNCTION aigc_note_write()"
                ));
            }
        }
        _ => {
            for table in VERSIONED {
                for action in ["INSERT", "UPDATE", "DELETE"] {
                    out.push(format!(
                        "CREATE TRIGGER data_version_{table}_{} AFTER {action} ON {table} \
                         BEGIN UPDATE data_version SET version = version + 1 WHERE id = 1; END",
                        action.to_lowercase()
                    ));
                }
            }
        }
    }
    out
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        for statement in statements(manager.get_database_backend()) {
            db.execute_unprepared(&statement).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        for table in VERSIONED {
            match manager.get_database_backend() {
                DbBackend::Postgres => {
                    db.execute_unprepared(&format!(
                        "DROP TRIGGER IF EXISTS data_version_{table} ON {table}"
                    ))
                    .await?;
                }
                _ => {
                    for action in ["insert", "update", "delete"] {
                        db.execute_unprepared(&format!(
                            "DROP TRIGGER IF EXISTS data_version_{table}_{action}"
                        ))
                        .await?;
                    }
                }
            }
        }
        if manager.get_database_backend() == DbBackend::Postgres {
            for statement in [
                "DROP TABLE IF EXISTS data_version_pending",
                "DROP FUNCTION IF EXISTS aigc_bump_data_version()",
                "DROP FUNCTION IF EXISTS aigc_note_write()",
            ] {
                db.execute_unprepared(statement).await?;
            }
        }
        db.execute_unprepared("DROP TABLE data_version").await?;
        Ok(())
    }
}
