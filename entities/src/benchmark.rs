//! `benchmarks`: public benchmarks and the team's own evaluation sets.

use sea_orm::entity::prelude::*;

use crate::Confidence;

#[sea_orm::model]
#[derive(
    Clone, Debug, Default, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize,
)]
#[sea_orm(table_name = "benchmarks")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub name_zh: Option<String>,
    pub description: Option<String>,
    pub url: Option<String>,
    /// The team's own evaluation set (team-only).
    pub internal: bool,
    pub higher_is_better: bool,
    pub source_url: Option<String>,
    pub observed_on: Option<Date>,
    pub confidence: Option<Confidence>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub deleted_at: Option<DateTimeUtc>,
}

impl ActiveModelBehavior for ActiveModel {}
