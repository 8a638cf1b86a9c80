//! The search index, brought up to date for the records a run wrote.

use entities::{company, event, model, product, search};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect};

use super::{LARGE_LOAD, indexes, report::Report};

/// The index's table.
const TABLE: &str = "search_grams";

/// The kinds of record search finds.
const KINDS: [&str; 4] = ["Company", "Model", "Product", "Event"];

/// Brings the search index up to date for the companies, models, products and events written.
/// All stale rows go first, then the new ones: deleting while the index grows would make
/// each delete slower than the last on PostgreSQL, whose plan for it was made on the old table.
///
/// A large load into an empty index (a first seeding, a restore) sets the table's indexes
/// aside while it writes and builds them after ([`indexes`]), and each gram's count of
/// postings is added up over the whole run and written once, not once per 500 records. On
/// the benchmark's scale-100 load the indexing took 27.4 → 14.5 s on PostgreSQL and
/// 14.7 → 12.6 s on SQLite (whose primary key is part of the table and stays).
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
    let mut indexed = 0;
    for kind in KINDS {
        let ids = ids(kind);
        indexed += ids.len();
        search::unindex(db, kind, &ids).await?;
    }
    let set_aside = if indexed >= LARGE_LOAD && is_empty(db).await? {
        Some(indexes::set_aside(db, TABLE).await?)
    } else {
        None
    };
    let mut added = search::Postings::new();
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
                for (gram, n) in search::index_grams(db, $kind, records).await? {
                    *added.entry(gram).or_default() += n;
                }
            }
        };
    }
    index_kind!("Company", company, search::company_texts);
    index_kind!("Model", model, search::model_texts);
    index_kind!("Product", product, search::product_texts);
    index_kind!("Event", event, search::event_texts);
    if let Some(set_aside) = set_aside {
        indexes::build_again(db, set_aside).await?;
    }
    search::add_postings(db, added).await
}

/// Whether the index holds no row.
async fn is_empty<C: ConnectionTrait>(db: &C) -> Result<bool, DbErr> {
    let any: Option<String> = entities::search_gram::Entity::find()
        .select_only()
        .column(entities::search_gram::Column::Gram)
        .into_tuple()
        .one(db)
        .await?;
    Ok(any.is_none())
}
