//! `events`: dated happenings — releases, price changes, funding, rules, filings.
//!
//! `occurred_on` is when it happened; `recorded_on` is when the team recorded it, so a
//! backfilled event does not look new in this week's digest.

use sea_orm::entity::prelude::*;

use crate::{Confidence, DatePrecision, Dec, EventType, StringList};

#[sea_orm::model]
#[derive(
    Clone, Debug, Default, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize,
)]
#[sea_orm(table_name = "events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub slug: String,
    pub occurred_on: Date,
    pub date_precision: DatePrecision,
    pub event_type: EventType,
    pub subtype: Option<String>,
    pub title: String,
    pub title_zh: Option<String>,
    pub summary: Option<String>,
    pub summary_zh: Option<String>,
    pub importance: i32,
    #[sea_orm(column_type = "Json")]
    pub source_urls: StringList,
    pub amount: Option<Dec>,
    pub currency: Option<String>,
    pub funding_round: Option<String>,
    pub valuation: Option<Dec>,
    pub recorded_on: Date,
    /// Team-only.
    pub notes: Option<String>,
    pub source_url: Option<String>,
    pub observed_on: Option<Date>,
    pub confidence: Option<Confidence>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub deleted_at: Option<DateTimeUtc>,
}

impl ActiveModelBehavior for ActiveModel {}
