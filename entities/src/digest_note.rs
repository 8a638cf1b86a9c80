//! `digest_notes`: the team's headline and notes for the digest of the week starting on
//! `week_start` (a Monday), team-only until published.

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "digest_notes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub week_start: Date,
    pub headline: Option<String>,
    pub notes: Option<String>,
    pub published: bool,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
