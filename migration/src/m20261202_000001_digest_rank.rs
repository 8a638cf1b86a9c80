//! The digest's indexes. Live events by importance, then day and id: a week's page of events
//! reads each importance's newest few backwards and stops, and the week's count reads this
//! index alone, where both read every event row of the window (scale 100: 490 a week). And
//! the watched companies, which every digest page looks up, without scanning them all.

use sea_orm_migration::prelude::*;

use crate::dialect;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261202_000001_digest_rank"
    }
}

const UP: &str = r#"
CREATE INDEX ix_events_rank ON events (importance, occurred_on, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_companies_watched ON companies (id) WHERE watched AND deleted_at IS NULL;
"#;

const DOWN: &str = "DROP INDEX ix_companies_watched;\nDROP INDEX ix_events_rank;\n";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        dialect::run(manager, UP).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        dialect::run(manager, DOWN).await
    }
}
