//! `tasks`: what a model or product does (text-to-video, ASR, chat…).

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "tasks")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub name_zh: Option<String>,
    pub description: Option<String>,
    pub position: i32,
}

impl ActiveModelBehavior for ActiveModel {}
