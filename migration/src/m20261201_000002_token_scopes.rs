//! API tokens get a scope: `API` (everything the role allows) or `FEEDS` (only the Atom
//! feeds, as `?token=` — a feed reader cannot send headers, and a token in a URL must not
//! open the API).

use sea_orm_migration::prelude::*;

use crate::dialect;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261201_000002_token_scopes"
    }
}

const UP: &str = "ALTER TABLE api_tokens ADD COLUMN scope {TEXT} NOT NULL DEFAULT 'API' CHECK (scope IN ('API','FEEDS'));\n";
const DOWN: &str = "ALTER TABLE api_tokens DROP COLUMN scope;\n";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        dialect::run(manager, UP).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        dialect::run(manager, DOWN).await
    }
}
