//! `event_products`: the products an event involves, each with its role.

use sea_orm::entity::prelude::*;

use crate::EventRole;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "event_products")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub event_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub product_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub role: EventRole,
}

impl ActiveModelBehavior for ActiveModel {}
