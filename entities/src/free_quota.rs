//! `free_quotas`: free units per period on an offering or a product — not a price of 0.

use sea_orm::entity::prelude::*;

use crate::{Confidence, Dec, PriceDimension, PriceUnit, QuotaPeriod};

#[sea_orm::model]
#[derive(
    Clone, Debug, Default, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize,
)]
#[sea_orm(table_name = "free_quotas")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub offering_id: Option<i64>,
    pub product_id: Option<i64>,
    pub dimension: PriceDimension,
    pub quantity: Dec,
    pub unit: PriceUnit,
    pub period: QuotaPeriod,
    /// Days after the grant that the quota expires, where it does.
    pub expires_after_days: Option<i64>,
    pub new_accounts_only: bool,
    pub effective_from: Date,
    pub effective_to: Option<Date>,
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
