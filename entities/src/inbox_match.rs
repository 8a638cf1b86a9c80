//! `inbox_matches`: the companies, models and products an inbox item's text mentions.

use sea_orm::entity::prelude::*;

use crate::MatchKind;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "inbox_matches")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub inbox_item_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub kind: MatchKind,
    #[sea_orm(primary_key, auto_increment = false)]
    pub record_id: i64,
}

impl ActiveModelBehavior for ActiveModel {}
