//! `outbox`: what should be told, written in the transaction of the change itself; a worker
//! fans each message out to the webhooks that want it (`dispatched_at`).

use sea_orm::entity::prelude::*;

use crate::{StringList, WebhookTopic};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "outbox")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub topic: WebhookTopic,
    pub payload: Json,
    /// Slugs of the companies the message concerns, for the webhooks' filters.
    #[sea_orm(column_type = "Json")]
    pub companies: StringList,
    pub importance: Option<i32>,
    pub created_at: DateTimeUtc,
    pub dispatched_at: Option<DateTimeUtc>,
}

impl ActiveModelBehavior for ActiveModel {}
