//! `companies`: vendors, labs, clouds and startups.

use sea_orm::entity::prelude::*;

use crate::{CompanyKind, Confidence, RelationshipStatus, StringList};

#[sea_orm::model]
#[derive(
    Clone, Debug, Default, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize,
)]
#[sea_orm(table_name = "companies")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub name_zh: Option<String>,
    #[sea_orm(column_type = "Json")]
    pub aliases: StringList,
    pub kind: CompanyKind,
    /// ISO 3166-1 alpha-2.
    pub country: Option<String>,
    pub headquarters: Option<String>,
    pub founded_year: Option<i32>,
    pub website: Option<String>,
    pub parent_id: Option<i64>,
    pub description: Option<String>,
    pub description_zh: Option<String>,
    /// Team-only.
    pub notes: Option<String>,
    /// Team-only.
    pub relationship_status: Option<RelationshipStatus>,
    /// Team-only: a watched vendor comes first in the digest.
    pub watched: bool,
    pub source_url: Option<String>,
    pub observed_on: Option<Date>,
    pub confidence: Option<Confidence>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub deleted_at: Option<DateTimeUtc>,
}

impl ActiveModelBehavior for ActiveModel {}
