//! `models`: canonical, vendor-agnostic models.

use sea_orm::entity::prelude::*;

use crate::{Confidence, ModelStatus, StringList};

#[sea_orm::model]
#[derive(
    Clone, Debug, Default, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize,
)]
#[sea_orm(table_name = "models")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub name_zh: Option<String>,
    #[sea_orm(column_type = "Json")]
    pub aliases: StringList,
    pub company_id: i64,
    pub family: Option<String>,
    pub version_label: Option<String>,
    pub base_model_id: Option<i64>,
    pub successor_id: Option<i64>,
    pub release_date: Option<Date>,
    pub status: ModelStatus,
    pub preview_on: Option<Date>,
    pub ga_on: Option<Date>,
    pub deprecated_on: Option<Date>,
    pub retired_on: Option<Date>,
    pub open_weights: bool,
    pub license: Option<String>,
    pub commercial_use: Option<bool>,
    pub parameter_count: Option<i64>,
    pub context_window: Option<i64>,
    pub max_output_tokens: Option<i64>,
    pub knowledge_cutoff: Option<Date>,
    pub tool_calling: Option<bool>,
    pub structured_output: Option<bool>,
    pub reasoning: Option<bool>,
    pub description: Option<String>,
    pub description_zh: Option<String>,
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
