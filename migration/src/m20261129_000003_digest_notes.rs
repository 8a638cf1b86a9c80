//! The team's headline and notes for each weekly digest, team-only until published.

use sea_orm_migration::prelude::*;

use crate::dialect;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261129_000003_digest_notes"
    }
}

const UP: &str = r#"
CREATE TABLE digest_notes (
    id {ID},
    week_start {DATE} NOT NULL UNIQUE,
    headline {TEXT},
    notes {TEXT},
    published boolean NOT NULL DEFAULT FALSE,
    version integer NOT NULL DEFAULT 1,
    created_at {TIMESTAMP} NOT NULL,
    updated_at {TIMESTAMP} NOT NULL
);
"#;

const DOWN: &str = "DROP TABLE digest_notes;\n";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        dialect::run(manager, UP).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        dialect::run(manager, DOWN).await
    }
}
