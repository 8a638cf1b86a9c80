//! `prices`: time-versioned price rows, never overwritten by a price change.
//!
//! A row belongs to exactly one offering or one product. Its conditions are typed columns;
//! its validity is the half-open interval [effective_from, effective_to).

use sea_orm::entity::prelude::*;

use crate::{Confidence, Dec, PriceDimension, PriceMode, PriceUnit};

#[sea_orm::model]
#[derive(
    Clone, Debug, Default, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize,
)]
#[sea_orm(table_name = "prices")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub offering_id: Option<i64>,
    pub product_id: Option<i64>,
    pub dimension: PriceDimension,
    pub unit: PriceUnit,
    pub unit_quantity: i64,
    pub amount: Dec,
    /// ISO 4217.
    pub currency: String,
    pub tax_included: Option<bool>,
    pub mode: PriceMode,
    /// Context tier: the least input tokens this row applies to (inclusive).
    pub min_input_tokens: Option<i64>,
    /// Context tier: the most input tokens this row applies to (inclusive).
    pub max_input_tokens: Option<i64>,
    /// Whether reaching the tier prices the whole request (true) or only the tokens in it.
    pub tier_prices_whole_request: Option<bool>,
    pub cache_ttl_seconds: Option<i64>,
    /// Time-of-day window start, `HH:MM` (inclusive).
    pub window_start: Option<String>,
    /// Time-of-day window end, `HH:MM` (exclusive).
    pub window_end: Option<String>,
    /// IANA time zone of the window.
    pub window_time_zone: Option<String>,
    pub resolution: Option<String>,
    pub quality: Option<String>,
    pub duration_seconds: Option<i64>,
    pub effective_from: Date,
    pub effective_to: Option<Date>,
    pub is_promotion: bool,
    pub promotion_ends_on: Option<Date>,
    pub verified_on: Option<Date>,
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
