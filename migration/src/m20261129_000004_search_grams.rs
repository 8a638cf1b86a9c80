//! The search index: every two-character piece ("bigram") of the names, Chinese names,
//! aliases and slugs of companies, models and products and of the titles of events, so a
//! substring search — 千问 in 通义千问 — is an index lookup on both databases, not a scan.

use entities::{StringList, company, event, model, product, search};
use sea_orm_migration::{
    prelude::*,
    sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect},
};

use crate::dialect;

/// Named after its file.
#[derive(DeriveMigrationName)]
pub struct Migration;

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
        dialect::run(manager, UP).await?;
        backfill(manager.get_connection()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        dialect::run(manager, DOWN).await
    }
}

/// Indexes the records a database already holds, so search finds them from the first
/// start after the upgrade. Reads only the columns it needs, so later columns do not
/// matter to it.
async fn backfill<C: ConnectionTrait>(db: &C) -> Result<(), DbErr> {
    macro_rules! named {
        ($kind:literal, $entity:ident) => {
            let rows: Vec<(i64, String, String, Option<String>, StringList)> =
                $entity::Entity::find()
                    .select_only()
                    .columns([
                        $entity::Column::Id,
                        $entity::Column::Slug,
                        $entity::Column::Name,
                        $entity::Column::NameZh,
                        $entity::Column::Aliases,
                    ])
                    .filter($entity::Column::DeletedAt.is_null())
                    .into_tuple()
                    .all(db)
                    .await?;
            let records = rows
                .iter()
                .map(|(id, slug, name, zh, aliases)| {
                    (
                        *id,
                        Some(search::texts(
                            [Some(slug), Some(name), zh.as_ref()],
                            &aliases.0,
                        )),
                    )
                })
                .collect();
            search::index_grams(db, $kind, records).await?;
        };
    }
    named!("Company", company);
    named!("Model", model);
    named!("Product", product);
    let events: Vec<(i64, String, String, Option<String>)> = event::Entity::find()
        .select_only()
        .columns([
            event::Column::Id,
            event::Column::Slug,
            event::Column::Title,
            event::Column::TitleZh,
        ])
        .filter(event::Column::DeletedAt.is_null())
        .into_tuple()
        .all(db)
        .await?;
    let records = events
        .iter()
        .map(|(id, slug, title, zh)| {
            (
                *id,
                Some(search::texts([Some(slug), Some(title), zh.as_ref()], &[])),
            )
        })
        .collect();
    search::index_grams(db, "Event", records).await?;
    Ok(())
}
