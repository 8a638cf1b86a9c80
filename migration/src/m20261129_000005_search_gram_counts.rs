//! How many records hold each pair of the search index, so a search intersects the postings
//! of its rarest pairs only: what it reads then depends on how rare the query is, not on how
//! large the landscape has grown.

use sea_orm_migration::{prelude::*, sea_orm::ConnectionTrait};

use crate::dialect;

/// Named after its file.
#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = r#"
CREATE TABLE search_gram_counts (
    gram {TEXT} NOT NULL PRIMARY KEY,
    postings {BIGINT} NOT NULL
);
"#;

const DOWN: &str = "DROP TABLE search_gram_counts;\n";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        dialect::run(manager, UP).await?;
        // The pairs already indexed.
        manager
            .get_connection()
            .execute_unprepared(
                "INSERT INTO search_gram_counts (gram, postings) SELECT gram, COUNT(*) FROM search_grams GROUP BY gram",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        dialect::run(manager, DOWN).await
    }
}
