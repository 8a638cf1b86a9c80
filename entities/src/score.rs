//! `scores`: a model's result on a benchmark.

use sea_orm::entity::prelude::*;

use crate::{Confidence, Dec};

#[sea_orm::model]
#[derive(
    Clone, Debug, Default, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize,
)]
#[sea_orm(table_name = "scores")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub benchmark_id: i64,
    pub model_id: i64,
    pub value: Dec,
    pub measured_on: Date,
    pub self_reported: bool,
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
