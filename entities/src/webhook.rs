//! `webhooks`: receivers the admins configure. `url` and `secret` are secrets (a bot URL
//! carries its key): never serialized, so never in revisions, exports or logs.

use sea_orm::entity::prelude::*;

use crate::{StringList, WebhookFormat};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "webhooks")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub name: String,
    #[serde(skip)]
    pub url: String,
    pub format: WebhookFormat,
    /// Topic names (`WebhookTopic`).
    #[sea_orm(column_type = "Json")]
    pub topics: StringList,
    pub watched_only: bool,
    /// Company slugs; empty for any company.
    #[sea_orm(column_type = "Json")]
    pub companies: StringList,
    pub min_importance: Option<i32>,
    /// `en` or `zh`.
    pub language: String,
    #[serde(skip)]
    pub secret: String,
    pub enabled: bool,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub deleted_at: Option<DateTimeUtc>,
}

impl ActiveModelBehavior for ActiveModel {}
