//! `products`: apps, sites, API platforms and agent platforms people use.

use sea_orm::entity::prelude::*;

use crate::{Confidence, ProductKind, ProductStatus, StringList};

#[sea_orm::model]
#[derive(
    Clone, Debug, Default, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize,
)]
#[sea_orm(table_name = "products")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub name_zh: Option<String>,
    #[sea_orm(column_type = "Json")]
    pub aliases: StringList,
    pub company_id: i64,
    pub kind: ProductKind,
    /// C端.
    pub for_consumers: bool,
    /// B端.
    pub for_business: bool,
    /// G端.
    pub for_government: bool,
    pub launch_date: Option<Date>,
    pub status: ProductStatus,
    pub url: Option<String>,
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
