//! `subscription_plans`: a product's paid plans, with usage caps and credits.

use sea_orm::entity::prelude::*;

use crate::{BillingPeriod, Confidence, Dec};

#[sea_orm::model]
#[derive(
    Clone, Debug, Default, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize,
)]
#[sea_orm(table_name = "subscription_plans")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub product_id: i64,
    pub slug: String,
    pub name: String,
    pub name_zh: Option<String>,
    pub billing_period: BillingPeriod,
    pub amount: Dec,
    pub currency: String,
    pub tax_included: Option<bool>,
    /// Price of the first period where a promotion lowers it.
    pub first_period_amount: Option<Dec>,
    /// Usage caps as published ("40 prompts per 5 hours").
    pub usage_caps: Option<String>,
    pub credits_per_period: Option<Dec>,
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
