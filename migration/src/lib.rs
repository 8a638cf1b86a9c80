//! The landscape's schema, one file per change (`mYYYYMMDD_HHMMSS_<what>.rs`).
//!
//! Each migration is plain DDL written once for both databases: the few words that differ
//! between SQLite and PostgreSQL (identity columns, dates, byte-wise text) are placeholders
//! filled in by [`dialect::render`], so a reviewer reads one CREATE TABLE per table. A
//! migration that is DDL alone is a [`dialect::Ddl`] constant; one that also reads or
//! rewrites rows implements `MigrationTrait` itself.

pub use sea_orm_migration::prelude::*;

mod dialect;
mod m20261129_000001_landscape;
mod m20261129_000002_api_tokens;
mod m20261129_000003_digest_notes;
mod m20261129_000004_search_grams;
mod m20261129_000005_search_gram_counts;
mod m20261201_000001_intake;
mod m20261201_000002_token_scopes;
mod m20261201_000003_webhooks;
pub mod m20261201_000004_data_version;
mod m20261201_000005_audit_shape;
mod m20261202_000001_digest_rank;

/// Runs the migrations in order.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261129_000001_landscape::MIGRATION),
            Box::new(m20261129_000002_api_tokens::MIGRATION),
            Box::new(m20261129_000003_digest_notes::MIGRATION),
            Box::new(m20261129_000004_search_grams::Migration),
            Box::new(m20261129_000005_search_gram_counts::Migration),
            Box::new(m20261201_000001_intake::MIGRATION),
            Box::new(m20261201_000002_token_scopes::MIGRATION),
            Box::new(m20261201_000003_webhooks::MIGRATION),
            Box::new(m20261201_000004_data_version::Migration),
            Box::new(m20261201_000005_audit_shape::Migration),
            Box::new(m20261202_000001_digest_rank::MIGRATION),
        ]
    }
}
