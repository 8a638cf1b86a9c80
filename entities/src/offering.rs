//! `offerings`: a model as one provider sells it in one region under one API model id.
//!
//! An API id that moved to a newer model (`deepseek-chat`: V2, V2.5, V3) is one row per model
//! it pointed to, each with the dates it served that model, so "what did this id serve on a
//! date" is a lookup, and each price row stays with the model it was charged for.

use sea_orm::entity::prelude::*;

use crate::Confidence;

#[sea_orm::model]
#[derive(
    Clone, Debug, Default, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize,
)]
#[sea_orm(table_name = "offerings")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub model_id: i64,
    pub provider_id: i64,
    pub region: String,
    pub api_model_id: String,
    pub mainland_reachable: Option<bool>,
    /// The first day the API id served this model (inclusive).
    pub served_from: Option<Date>,
    /// The day the API id stopped serving this model (exclusive); empty while it still does.
    pub served_to: Option<Date>,
    pub rate_limits: Option<String>,
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
