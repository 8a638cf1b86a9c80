//! Counts for charts — live models by media type, task and open weights, live companies by
//! country and kind — and releases and events per time bucket, empty buckets included.
//! Counted in SQL with GROUP BY, bucketed in Rust, so both databases answer alike.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use entities::{
    Direction, EventType, company, event, media_type, model, model_media_type, model_task, task,
};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect,
    sea_query::{Expr, ExprTrait, SelectStatement},
};

use super::buckets::{BucketSize, check_range};
use crate::error::ApiError;

/// A count of records sharing a value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Count {
    /// The value, e.g. "video", "CN", "AI_LAB" or "true".
    pub key: String,
    /// A human label, where there is one (e.g. "Video").
    pub label: Option<String>,
    pub count: i64,
}

/// Live models per media type they take in or put out, in the media types' order.
pub async fn models_by_media_type<C: ConnectionTrait>(
    db: &C,
    direction: Direction,
) -> Result<Vec<Count>, ApiError> {
    let counts: Vec<(i64, i64)> = model_media_type::Entity::find()
        .select_only()
        .column(model_media_type::Column::MediaTypeId)
        .column_as(
            Expr::col((model_media_type::Entity, model_media_type::Column::ModelId)).count(),
            "n",
        )
        .filter(model_media_type::Column::Direction.eq(direction))
        .filter(model_media_type::Column::ModelId.in_subquery(live_models()))
        .group_by(model_media_type::Column::MediaTypeId)
        .into_tuple()
        .all(db)
        .await?;
    let mut media = media_type::Entity::find().all(db).await?;
    media.sort_by(|a, b| (a.position, &a.slug).cmp(&(b.position, &b.slug)));
    Ok(media
        .into_iter()
        .map(|m| Count {
            count: count_of(&counts, m.id),
            key: m.slug,
            label: Some(m.name),
        })
        .collect())
}

/// Live models per task, in the tasks' order.
pub async fn models_by_task<C: ConnectionTrait>(db: &C) -> Result<Vec<Count>, ApiError> {
    let counts: Vec<(i64, i64)> = model_task::Entity::find()
        .select_only()
        .column(model_task::Column::TaskId)
        .column_as(
            Expr::col((model_task::Entity, model_task::Column::ModelId)).count(),
            "n",
        )
        .filter(model_task::Column::ModelId.in_subquery(live_models()))
        .group_by(model_task::Column::TaskId)
        .into_tuple()
        .all(db)
        .await?;
    let mut tasks = task::Entity::find().all(db).await?;
    tasks.sort_by_key(|t| (t.position, t.id));
    Ok(tasks
        .into_iter()
        .map(|t| Count {
            count: count_of(&counts, t.id),
            key: t.slug,
            label: Some(t.name),
        })
        .collect())
}

/// Live companies per country (ISO code; "unknown" where none), most first.
pub async fn companies_by_country<C: ConnectionTrait>(db: &C) -> Result<Vec<Count>, ApiError> {
    let rows: Vec<(Option<String>, i64)> = company::Entity::find()
        .select_only()
        .column(company::Column::Country)
        .column_as(
            Expr::col((company::Entity, company::Column::Id)).count(),
            "n",
        )
        .filter(company::Column::DeletedAt.is_null())
        .group_by(company::Column::Country)
        .into_tuple()
        .all(db)
        .await?;
    Ok(ranked(
        rows.into_iter()
            .map(|(k, n)| (k.unwrap_or_else(|| "unknown".into()), n)),
    ))
}

/// Live companies per kind, most first.
pub async fn companies_by_kind<C: ConnectionTrait>(db: &C) -> Result<Vec<Count>, ApiError> {
    let rows: Vec<(String, i64)> = company::Entity::find()
        .select_only()
        .column(company::Column::Kind)
        .column_as(
            Expr::col((company::Entity, company::Column::Id)).count(),
            "n",
        )
        .filter(company::Column::DeletedAt.is_null())
        .group_by(company::Column::Kind)
        .into_tuple()
        .all(db)
        .await?;
    Ok(ranked(rows))
}

/// Live models with open weights ("true") and without ("false").
pub async fn models_by_open_weights<C: ConnectionTrait>(db: &C) -> Result<Vec<Count>, ApiError> {
    let rows: Vec<(bool, i64)> = model::Entity::find()
        .select_only()
        .column(model::Column::OpenWeights)
        .column_as(Expr::col((model::Entity, model::Column::Id)).count(), "n")
        .filter(model::Column::DeletedAt.is_null())
        .group_by(model::Column::OpenWeights)
        .into_tuple()
        .all(db)
        .await?;
    let count = |flag: bool| rows.iter().find(|(f, _)| *f == flag).map_or(0, |(_, n)| *n);
    Ok(vec![
        Count {
            key: "true".into(),
            label: Some("Open weights".into()),
            count: count(true),
        },
        Count {
            key: "false".into(),
            label: Some("Closed".into()),
            count: count(false),
        },
    ])
}

/// Models released per bucket in [from, to), as (bucket start, count), empty buckets included.
pub async fn releases<C: ConnectionTrait>(
    db: &C,
    from: NaiveDate,
    to: NaiveDate,
    size: BucketSize,
) -> Result<Vec<(NaiveDate, i64)>, ApiError> {
    check_range(from, to, size)?;
    let days: Vec<(NaiveDate, i64)> = model::Entity::find()
        .select_only()
        .column(model::Column::ReleaseDate)
        .column_as(Expr::col((model::Entity, model::Column::Id)).count(), "n")
        .filter(model::Column::DeletedAt.is_null())
        .filter(model::Column::ReleaseDate.gte(from))
        .filter(model::Column::ReleaseDate.lt(to))
        .group_by(model::Column::ReleaseDate)
        .into_tuple()
        .all(db)
        .await?;
    Ok(buckets(&days, from, to, size))
}

/// Events per bucket in [from, to) by when they happened (only `types`, when given), as
/// (bucket start, count), empty buckets included.
pub async fn events<C: ConnectionTrait>(
    db: &C,
    from: NaiveDate,
    to: NaiveDate,
    size: BucketSize,
    types: Option<Vec<EventType>>,
) -> Result<Vec<(NaiveDate, i64)>, ApiError> {
    check_range(from, to, size)?;
    let mut query = event::Entity::find()
        .select_only()
        .column(event::Column::OccurredOn)
        .column_as(Expr::col((event::Entity, event::Column::Id)).count(), "n")
        .filter(event::Column::DeletedAt.is_null())
        .filter(event::Column::OccurredOn.gte(from))
        .filter(event::Column::OccurredOn.lt(to))
        .group_by(event::Column::OccurredOn);
    if let Some(types) = types {
        query = query.filter(event::Column::EventType.is_in(types));
    }
    let days: Vec<(NaiveDate, i64)> = query.into_tuple().all(db).await?;
    Ok(buckets(&days, from, to, size))
}

/// Every bucket overlapping [from, to), with the counts of `per_day` added up.
fn buckets(
    per_day: &[(NaiveDate, i64)],
    from: NaiveDate,
    to: NaiveDate,
    size: BucketSize,
) -> Vec<(NaiveDate, i64)> {
    let mut counts: BTreeMap<NaiveDate, i64> = size
        .starts(from, to)
        .into_iter()
        .map(|start| (start, 0))
        .collect();
    for (day, n) in per_day {
        *counts.entry(size.start(*day)).or_default() += n;
    }
    counts.into_iter().collect()
}

/// The count GROUP BY found for `id`, 0 where it found none.
fn count_of(counts: &[(i64, i64)], id: i64) -> i64 {
    counts
        .iter()
        .find(|(key, _)| *key == id)
        .map_or(0, |(_, n)| *n)
}

/// `SELECT id FROM models WHERE deleted_at IS NULL`.
fn live_models() -> SelectStatement {
    sea_orm::sea_query::Query::select()
        .column(model::Column::Id)
        .from(model::Entity)
        .and_where(model::Column::DeletedAt.is_null())
        .to_owned()
}

/// Counts, most first, then by key.
fn ranked(rows: impl IntoIterator<Item = (String, i64)>) -> Vec<Count> {
    let mut out: Vec<Count> = rows
        .into_iter()
        .map(|(key, count)| Count {
            key,
            label: None,
            count,
        })
        .collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.key.cmp(&b.key)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn weeks_start_on_monday_and_empty_buckets_stay() {
        let per_day = [
            (d("2024-05-06"), 1),
            (d("2024-05-13"), 2),
            (d("2024-05-19"), 1),
        ];
        let weeks = buckets(&per_day, d("2024-05-01"), d("2024-05-27"), BucketSize::Week);
        let got: Vec<(String, i64)> = weeks
            .iter()
            .map(|(start, count)| (start.to_string(), *count))
            .collect();
        assert_eq!(
            got,
            [
                ("2024-04-29".into(), 0),
                ("2024-05-06".into(), 1),
                ("2024-05-13".into(), 3),
                ("2024-05-20".into(), 0)
            ]
        );
        let months = buckets(
            &per_day,
            d("2024-04-15"),
            d("2024-07-01"),
            BucketSize::Month,
        );
        assert_eq!(
            months.iter().map(|(_, n)| *n).collect::<Vec<_>>(),
            [0, 4, 0]
        );
    }
}
