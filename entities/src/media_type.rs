//! `media_types`: what a model takes in and puts out (text, image, audio, video…).

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "media_types")]
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
