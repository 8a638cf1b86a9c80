//! The search index, brought up to date for the records a run wrote.

use entities::{company, event, model, product, search};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use super::report::Report;

/// Brings the search index up to date for the companies, models, products and events written.
/// All stale rows go first, then the new ones: deleting while the index grows would make
/// each delete slower than the last on PostgreSQL, whose plan for it was made on the old table.
pub(super) async fn reindex_touched<C: ConnectionTrait>(
    db: &C,
    report: &Report,
) -> Result<(), DbErr> {
    let ids = |kind: &str| -> Vec<i64> {
        report
            .touched
            .iter()
            .filter(|(k, _)| *k == kind)
            .map(|(_, id)| *id)
            .collect()
    };
    for kind in ["Company", "Model", "Product", "Event"] {
        search::unindex(db, kind, &ids(kind)).await?;
    }
    // Each kind in the same four steps; only the entity and its texts differ.
    macro_rules! index_kind {
        ($kind:literal, $entity:ident, $texts:path) => {
            for chunk in ids($kind).chunks(500) {
                let rows = $entity::Entity::find()
                    .filter($entity::Column::Id.is_in(chunk.to_vec()))
                    .all(db)
                    .await?;
                let records = rows
                    .iter()
                    .map(|r| (r.id, r.deleted_at.is_none().then(|| $texts(r))))
                    .collect();
                search::index(db, $kind, records).await?;
            }
        };
    }
    index_kind!("Company", company, search::company_texts);
    index_kind!("Model", model, search::model_texts);
    index_kind!("Product", product, search::product_texts);
    index_kind!("Event", event, search::event_texts);
    Ok(())
}
