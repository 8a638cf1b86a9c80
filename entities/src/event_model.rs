//! `event_models`: the models an event involves, each with its role.

use sea_orm::entity::prelude::*;

use crate::EventRole;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "event_models")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub event_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub model_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub role: EventRole,
}

impl ActiveModelBehavior for ActiveModel {}
