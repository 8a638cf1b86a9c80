//! `stats`: counts for charts — by media type, task, country, company kind and open weights —
//! and releases and events per week or month, with empty buckets included. Counted in SQL
//! with GROUP BY, bucketed in Rust, so both databases answer alike.

use std::collections::BTreeMap;

use async_graphql::{Context, Enum, Object, Result, SimpleObject};
use chrono::NaiveDate;
use entities::{
    Direction, EventType, company, event, media_type, model, model_media_type, model_task, task,
};
use sea_orm::{
    ColumnTrait, EntityTrait, QueryFilter, QuerySelect,
    sea_query::{Expr, ExprTrait},
};

use super::{context::db, scalars::Date};
use crate::service::analytics::buckets::{self, check_range};

/// A count of records sharing a value.
#[derive(SimpleObject, Clone, Debug, PartialEq, Eq)]
pub struct CountBy {
    /// The value, e.g. "video", "CN", "AI_LAB" or "true".
    pub key: String,
    /// A human label, where there is one (e.g. "Video").
    pub label: Option<String>,
    /// How many.
    pub count: i64,
}

/// A count in a time bucket.
#[derive(SimpleObject, Clone, Debug, PartialEq, Eq)]
pub struct Bucket {
    /// First day of the bucket (a Monday for weeks, the 1st for months).
    pub start: Date,
    /// How many.
    pub count: i64,
}

/// How long a time bucket is.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "crate::service::analytics::buckets::BucketSize")]
pub enum BucketSize {
    /// Monday to Sunday.
    Week,
    /// A calendar month.
    Month,
}

/// Every bucket overlapping [from, to), with the counts of `per_day` added up.
fn buckets(
    per_day: &[(NaiveDate, i64)],
    from: NaiveDate,
    to: NaiveDate,
    size: BucketSize,
) -> Vec<Bucket> {
    let size = buckets::BucketSize::from(size);
    let mut counts: BTreeMap<NaiveDate, i64> = size
        .starts(from, to)
        .into_iter()
        .map(|start| (start, 0))
        .collect();
    for (day, n) in per_day {
        *counts.entry(size.start(*day)).or_default() += n;
    }
    counts
        .into_iter()
        .map(|(start, count)| Bucket {
            start: Date(start),
            count,
        })
        .collect()
}

pub struct Stats;

/// Numbers for charts: counts by category and counts per time bucket.
#[Object]
impl Stats {
    /// Live models per media type they take in or put out, in the media types' order.
    async fn models_by_media_type(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "In or out.")] direction: Direction,
    ) -> Result<Vec<CountBy>> {
        let db = db(ctx);
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
        let media = media_type::Entity::find().all(db).await?;
        let mut out: Vec<(i32, CountBy)> = media
            .into_iter()
            .map(|m| {
                let count = counts
                    .iter()
                    .find(|(id, _)| *id == m.id)
                    .map_or(0, |(_, n)| *n);
                (
                    m.position,
                    CountBy {
                        key: m.slug,
                        label: Some(m.name),
                        count,
                    },
                )
            })
            .collect();
        out.sort_by_key(|(position, c)| (*position, c.key.clone()));
        Ok(out.into_iter().map(|(_, c)| c).collect())
    }

    /// Live models per task, in the tasks' order.
    async fn models_by_task(&self, ctx: &Context<'_>) -> Result<Vec<CountBy>> {
        let db = db(ctx);
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
            .map(|t| CountBy {
                count: counts
                    .iter()
                    .find(|(id, _)| *id == t.id)
                    .map_or(0, |(_, n)| *n),
                key: t.slug,
                label: Some(t.name),
            })
            .collect())
    }

    /// Live companies per country (ISO code; "unknown" where none), most first.
    async fn companies_by_country(&self, ctx: &Context<'_>) -> Result<Vec<CountBy>> {
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
            .all(db(ctx))
            .await?;
        Ok(ranked(
            rows.into_iter()
                .map(|(k, n)| (k.unwrap_or_else(|| "unknown".into()), n)),
        ))
    }

    /// Live companies per kind, most first.
    async fn companies_by_kind(&self, ctx: &Context<'_>) -> Result<Vec<CountBy>> {
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
            .all(db(ctx))
            .await?;
        Ok(ranked(rows))
    }

    /// Live models with open weights ("true") and without ("false").
    async fn models_by_open_weights(&self, ctx: &Context<'_>) -> Result<Vec<CountBy>> {
        let rows: Vec<(bool, i64)> = model::Entity::find()
            .select_only()
            .column(model::Column::OpenWeights)
            .column_as(Expr::col((model::Entity, model::Column::Id)).count(), "n")
            .filter(model::Column::DeletedAt.is_null())
            .group_by(model::Column::OpenWeights)
            .into_tuple()
            .all(db(ctx))
            .await?;
        let count = |flag: bool| rows.iter().find(|(f, _)| *f == flag).map_or(0, |(_, n)| *n);
        Ok(vec![
            CountBy {
                key: "true".into(),
                label: Some("Open weights".into()),
                count: count(true),
            },
            CountBy {
                key: "false".into(),
                label: Some("Closed".into()),
                count: count(false),
            },
        ])
    }

    /// Models released per week or month in [from, to), empty buckets included.
    async fn releases(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "First day (inclusive).")] from: Date,
        #[graphql(desc = "Day after the range (exclusive).")] to: Date,
        #[graphql(desc = "Bucket size.", default_with = "BucketSize::Month")] bucket: BucketSize,
    ) -> Result<Vec<Bucket>> {
        check_range(from.0, to.0, bucket.into())?;
        let days: Vec<(NaiveDate, i64)> = model::Entity::find()
            .select_only()
            .column(model::Column::ReleaseDate)
            .column_as(Expr::col((model::Entity, model::Column::Id)).count(), "n")
            .filter(model::Column::DeletedAt.is_null())
            .filter(model::Column::ReleaseDate.gte(from.0))
            .filter(model::Column::ReleaseDate.lt(to.0))
            .group_by(model::Column::ReleaseDate)
            .into_tuple()
            .all(db(ctx))
            .await?;
        Ok(buckets(&days, from.0, to.0, bucket))
    }

    /// Events per week or month in [from, to) by when they happened, empty buckets included.
    async fn events(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "First day (inclusive).")] from: Date,
        #[graphql(desc = "Day after the range (exclusive).")] to: Date,
        #[graphql(desc = "Bucket size.", default_with = "BucketSize::Month")] bucket: BucketSize,
        #[graphql(desc = "Only these kinds of event.")] types: Option<Vec<EventType>>,
    ) -> Result<Vec<Bucket>> {
        check_range(from.0, to.0, bucket.into())?;
        let mut query = event::Entity::find()
            .select_only()
            .column(event::Column::OccurredOn)
            .column_as(Expr::col((event::Entity, event::Column::Id)).count(), "n")
            .filter(event::Column::DeletedAt.is_null())
            .filter(event::Column::OccurredOn.gte(from.0))
            .filter(event::Column::OccurredOn.lt(to.0))
            .group_by(event::Column::OccurredOn);
        if let Some(types) = types {
            query = query.filter(event::Column::EventType.is_in(types));
        }
        let days: Vec<(NaiveDate, i64)> = query.into_tuple().all(db(ctx)).await?;
        Ok(buckets(&days, from.0, to.0, bucket))
    }
}

/// `SELECT id FROM models WHERE deleted_at IS NULL`.
fn live_models() -> sea_orm::sea_query::SelectStatement {
    sea_orm::sea_query::Query::select()
        .column(model::Column::Id)
        .from(model::Entity)
        .and_where(model::Column::DeletedAt.is_null())
        .to_owned()
}

/// Counts, most first, then by key.
fn ranked(rows: impl IntoIterator<Item = (String, i64)>) -> Vec<CountBy> {
    let mut out: Vec<CountBy> = rows
        .into_iter()
        .map(|(key, count)| CountBy {
            key,
            label: None,
            count,
        })
        .collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.key.cmp(&b.key)));
    out
}

/// Reading the numbers for charts.
#[derive(Default)]
pub struct StatsQuery;

#[Object]
impl StatsQuery {
    /// Counts and time series for charts.
    async fn stats(&self) -> Stats {
        Stats
    }
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
            .map(|b| (b.start.0.to_string(), b.count))
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
            months.iter().map(|b| b.count).collect::<Vec<_>>(),
            [0, 4, 0]
        );
    }
}
