//! The search index: every two-character piece ("bigram") of the names, Chinese names,
//! aliases and slugs of companies, models and products and of the titles of events, so a
//! substring search — 千问 in 通义千问 — is an index lookup on both databases, not a scan.

use sea_orm_migration::prelude::*;

use crate::dialect;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261129_000004_search_grams"
    }
}

const UP: &str = r#"
CREATE TABLE search_grams (
    gram {TEXT} NOT NULL,
    entity_type {TEXT} NOT NULL,
    entity_id {BIGINT} NOT NULL,
    PRIMARY KEY (gram, entity_type, entity_id)
);
CREATE INDEX ix_search_grams_entity ON search_grams (entity_type, entity_id);
"#;

const DOWN: &str = "DROP TABLE search_grams;\n";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        dialect::run(manager, UP).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        dialect::run(manager, DOWN).await
    }
}
