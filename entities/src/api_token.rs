//! `api_tokens`: long-lived, labelled tokens for dashboards, revocable one by one.

use sea_orm::entity::prelude::*;

use crate::{Role, TokenScope};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "api_tokens")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Whose rights the token carries (capped by `role`).
    pub user_id: i64,
    pub label: String,
    pub role: Role,
    pub created_by: Option<i64>,
    pub created_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
    pub revoked_at: Option<DateTimeUtc>,
    pub scope: TokenScope,
}

impl ActiveModelBehavior for ActiveModel {}
