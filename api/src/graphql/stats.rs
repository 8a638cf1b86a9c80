//! `stats`: counts for charts — by media type, task, country, company kind and open weights —
//! and releases and events per week or month, with empty buckets included (counted by
//! `service::analytics::stats`).

use async_graphql::{Context, Enum, Object, Result, SimpleObject};
use chrono::NaiveDate;
use entities::{Direction, EventType};

use super::{context::db, scalars::Date};
use crate::service::analytics::stats::{self, Count};

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

impl From<Count> for CountBy {
    fn from(c: Count) -> Self {
        CountBy {
            key: c.key,
            label: c.label,
            count: c.count,
        }
    }
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

fn counts(rows: Vec<Count>) -> Vec<CountBy> {
    rows.into_iter().map(CountBy::from).collect()
}

fn buckets(rows: Vec<(NaiveDate, i64)>) -> Vec<Bucket> {
    rows.into_iter()
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
        Ok(counts(
            stats::models_by_media_type(db(ctx), direction).await?,
        ))
    }

    /// Live models per task, in the tasks' order.
    async fn models_by_task(&self, ctx: &Context<'_>) -> Result<Vec<CountBy>> {
        Ok(counts(stats::models_by_task(db(ctx)).await?))
    }

    /// Live companies per country (ISO code; "unknown" where none), most first.
    async fn companies_by_country(&self, ctx: &Context<'_>) -> Result<Vec<CountBy>> {
        Ok(counts(stats::companies_by_country(db(ctx)).await?))
    }

    /// Live companies per kind, most first.
    async fn companies_by_kind(&self, ctx: &Context<'_>) -> Result<Vec<CountBy>> {
        Ok(counts(stats::companies_by_kind(db(ctx)).await?))
    }

    /// Live models with open weights ("true") and without ("false").
    async fn models_by_open_weights(&self, ctx: &Context<'_>) -> Result<Vec<CountBy>> {
        Ok(counts(stats::models_by_open_weights(db(ctx)).await?))
    }

    /// Models released per week or month in [from, to), empty buckets included.
    async fn releases(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "First day (inclusive).")] from: Date,
        #[graphql(desc = "Day after the range (exclusive).")] to: Date,
        #[graphql(desc = "Bucket size.", default_with = "BucketSize::Month")] bucket: BucketSize,
    ) -> Result<Vec<Bucket>> {
        Ok(buckets(
            stats::releases(db(ctx), from.0, to.0, bucket.into()).await?,
        ))
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
        Ok(buckets(
            stats::events(db(ctx), from.0, to.0, bucket.into(), types).await?,
        ))
    }
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
