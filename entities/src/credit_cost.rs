//! `credit_costs`: how many of a product's credits a unit of work takes (Kling 灵感值, Runway).

use sea_orm::entity::prelude::*;

use crate::{Confidence, Dec, PriceUnit};

#[sea_orm::model]
#[derive(
    Clone, Debug, Default, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize,
)]
#[sea_orm(table_name = "credit_costs")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub product_id: i64,
    pub model_id: Option<i64>,
    /// The work, as the vendor names it ("5 s video, 1080p, professional mode").
    pub work: String,
    pub unit: PriceUnit,
    pub unit_quantity: i64,
    pub credits: Dec,
    pub resolution: Option<String>,
    pub quality: Option<String>,
    pub duration_seconds: Option<i64>,
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
