//! `model_media_types`: the media types a model takes in and puts out.

use sea_orm::entity::prelude::*;

use crate::Direction;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "model_media_types")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub model_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub media_type_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub direction: Direction,
}

impl ActiveModelBehavior for ActiveModel {}
