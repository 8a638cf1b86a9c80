//! What search indexes: the texts of a record, normalised, and their two-character pieces.

use std::collections::BTreeSet;

use crate::{company, event, model, product};

/// Lower case, trimmed, inner whitespace kept as single spaces.
pub fn normalize(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The distinct two-character pieces of a normalised text (the text itself when shorter).
pub fn grams(text: &str) -> BTreeSet<String> {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() < 2 {
        return chars.iter().map(|c| c.to_string()).collect();
    }
    chars.windows(2).map(|w| w.iter().collect()).collect()
}

/// The searchable texts of a company.
pub fn company_texts(c: &company::Model) -> Vec<String> {
    texts(
        [Some(&c.slug), Some(&c.name), c.name_zh.as_ref()],
        &c.aliases.0,
    )
}

/// The searchable texts of a model.
pub fn model_texts(m: &model::Model) -> Vec<String> {
    texts(
        [Some(&m.slug), Some(&m.name), m.name_zh.as_ref()],
        &m.aliases.0,
    )
}

/// The searchable texts of a product.
pub fn product_texts(p: &product::Model) -> Vec<String> {
    texts(
        [Some(&p.slug), Some(&p.name), p.name_zh.as_ref()],
        &p.aliases.0,
    )
}

/// The searchable texts of an event.
pub fn event_texts(e: &event::Model) -> Vec<String> {
    texts([Some(&e.slug), Some(&e.title), e.title_zh.as_ref()], &[])
}

/// The searchable texts from a record's fields: slug, name (or title), Chinese name, aliases.
pub fn texts<'a>(fixed: [Option<&'a String>; 3], aliases: &'a [String]) -> Vec<String> {
    fixed
        .into_iter()
        .flatten()
        .chain(aliases)
        .map(|t| normalize(t))
        .filter(|t| !t.is_empty())
        .collect()
}

/// The distinct grams of all of `texts`.
pub fn all_grams(texts: &[String]) -> BTreeSet<String> {
    texts.iter().flat_map(|t| grams(t)).collect()
}

/// Replaces the index rows of the given records of `entity_type`: each with the grams of
/// its texts, or none for a record that is gone (deleted).
pub async fn reindex<C: sea_orm::ConnectionTrait>(
    db: &C,
    entity_type: &str,
    records: Vec<(i64, Option<Vec<String>>)>,
) -> Result<(), sea_orm::DbErr> {
    let ids: Vec<i64> = records.iter().map(|(id, _)| *id).collect();
    unindex(db, entity_type, &ids).await?;
    index(db, entity_type, records).await
}

/// Removes the index rows of the given records of `entity_type`.
pub async fn unindex<C: sea_orm::ConnectionTrait>(
    db: &C,
    entity_type: &str,
    ids: &[i64],
) -> Result<(), sea_orm::DbErr> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};

    use crate::search_gram;

    for chunk in ids.chunks(500) {
        let removed: Vec<(String, i64)> = search_gram::Entity::find()
            .select_only()
            .column(search_gram::Column::Gram)
            .column_as(search_gram::Column::EntityId.count(), "n")
            .filter(search_gram::Column::EntityType.eq(entity_type))
            .filter(search_gram::Column::EntityId.is_in(chunk.iter().copied()))
            .group_by(search_gram::Column::Gram)
            .into_tuple()
            .all(db)
            .await?;
        count(db, removed.into_iter().map(|(g, n)| (g, -n)).collect()).await?;
        search_gram::Entity::delete_many()
            .filter(search_gram::Column::EntityType.eq(entity_type))
            .filter(search_gram::Column::EntityId.is_in(chunk.iter().copied()))
            .exec(db)
            .await?;
    }
    Ok(())
}

/// Adds the index rows of the given records of `entity_type`, which must have none: each
/// live record (texts given) gets one row per gram of its texts, and each gram's count of
/// postings grows with them.
pub async fn index<C: sea_orm::ConnectionTrait>(
    db: &C,
    entity_type: &str,
    records: Vec<(i64, Option<Vec<String>>)>,
) -> Result<(), sea_orm::DbErr> {
    let added = index_grams(db, entity_type, records).await?;
    add_postings(db, added).await
}

/// The rows of [`index`] without the counts, which it returns instead: how many postings
/// each gram gained. For the migration that created the index, which runs before the
/// counts' table exists, and for a seed run, which adds up the counts of all it indexes
/// and writes them once ([`add_postings`]).
pub async fn index_grams<C: sea_orm::ConnectionTrait>(
    db: &C,
    entity_type: &str,
    records: Vec<(i64, Option<Vec<String>>)>,
) -> Result<Postings, sea_orm::DbErr> {
    use sea_orm::{ActiveValue::Set, EntityTrait};

    use crate::search_gram;

    let mut added = Postings::new();
    let mut rows = Vec::new();
    for (id, texts) in &records {
        for gram in texts.iter().flat_map(|t| all_grams(t)) {
            *added.entry(gram.clone()).or_default() += 1;
            rows.push(search_gram::ActiveModel {
                gram: Set(gram),
                entity_type: Set(entity_type.to_owned()),
                entity_id: Set(*id),
            });
        }
    }
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        // 3 values a row: 5,000 rows stay under SQLite's 32,766 and PostgreSQL's 65,535 parameters.
        let chunk: Vec<_> = rows.by_ref().take(5000).collect();
        search_gram::Entity::insert_many(chunk)
            .exec_without_returning(db)
            .await?;
    }
    Ok(added)
}

/// Postings gained (or, negative, lost) per gram.
pub type Postings = std::collections::BTreeMap<String, i64>;

/// Adds each gram's gain to its count of postings (`search_gram_counts`).
pub async fn add_postings<C: sea_orm::ConnectionTrait>(
    db: &C,
    added: Postings,
) -> Result<(), sea_orm::DbErr> {
    count(db, added.into_iter().collect()).await
}

/// `search_gram_counts`: how many index rows hold each pair.
#[derive(sea_orm::DeriveIden)]
enum SearchGramCounts {
    Table,
    Gram,
    Postings,
}

/// Adds `delta` to each pair's count of postings (`search_gram_counts`).
async fn count<C: sea_orm::ConnectionTrait>(
    db: &C,
    deltas: Vec<(String, i64)>,
) -> Result<(), sea_orm::DbErr> {
    use sea_orm::sea_query::{Expr, OnConflict, Query};

    for chunk in deltas.chunks(2000) {
        let mut insert = Query::insert();
        insert
            .into_table(SearchGramCounts::Table)
            .columns([SearchGramCounts::Gram, SearchGramCounts::Postings])
            .on_conflict(
                OnConflict::column(SearchGramCounts::Gram)
                    .value(
                        SearchGramCounts::Postings,
                        Expr::cust("search_gram_counts.postings + excluded.postings"),
                    )
                    .to_owned(),
            );
        for (g, delta) in chunk {
            insert.values_panic([g.clone().into(), (*delta).into()]);
        }
        db.execute(&insert).await?;
    }
    Ok(())
}

/// How many records hold each of `grams` (0 for a pair no record holds).
pub async fn postings<C: sea_orm::ConnectionTrait>(
    db: &C,
    grams: &[String],
) -> Result<Vec<(String, i64)>, sea_orm::DbErr> {
    use sea_orm::sea_query::{Expr, ExprTrait, Query};

    let select = Query::select()
        .columns([SearchGramCounts::Gram, SearchGramCounts::Postings])
        .from(SearchGramCounts::Table)
        .and_where(Expr::col(SearchGramCounts::Gram).is_in(grams.iter().cloned()))
        .to_owned();
    let mut known = std::collections::HashMap::new();
    for row in db.query_all(&select).await? {
        let g: String = row.try_get("", "gram")?;
        let n: i64 = row.try_get("", "postings")?;
        known.insert(g, n);
    }
    Ok(grams
        .iter()
        .map(|g| (g.clone(), known.get(g).copied().unwrap_or(0)))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_and_latin_grams() {
        assert_eq!(
            grams("通义千问").into_iter().collect::<Vec<_>>(),
            ["义千", "千问", "通义"]
        );
        assert_eq!(grams("qwen").len(), 3);
        assert_eq!(normalize("  Qwen   Long "), "qwen long");
        assert_eq!(grams("x").into_iter().collect::<Vec<_>>(), ["x"]);
    }
}
