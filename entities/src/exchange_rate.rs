//! `exchange_rates`: dated rates; one `base` buys `rate` of `quote` on `on_date`.

use sea_orm::entity::prelude::*;

use crate::{Confidence, Dec};

#[sea_orm::model]
#[derive(
    Clone, Debug, Default, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize,
)]
#[sea_orm(table_name = "exchange_rates")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub base_currency: String,
    pub quote_currency: String,
    pub rate: Dec,
    pub on_date: Date,
    pub source_url: Option<String>,
    pub observed_on: Option<Date>,
    pub confidence: Option<Confidence>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub deleted_at: Option<DateTimeUtc>,
}

impl ActiveModelBehavior for ActiveModel {}
