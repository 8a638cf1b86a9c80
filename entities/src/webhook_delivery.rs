//! `webhook_deliveries`: one message to one webhook, with its attempts. `message_id` is the
//! `webhook-id` a receiver deduplicates by (deliveries are at least once).

use sea_orm::entity::prelude::*;

use crate::DeliveryStatus;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "webhook_deliveries")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub webhook_id: i64,
    /// The first message (None for a ping).
    pub outbox_id: Option<i64>,
    /// Every message it carries: a chat format coalesces what happens within the minimum
    /// interval into one message.
    pub outbox_ids: Json,
    pub message_id: String,
    pub topic: String,
    pub status: DeliveryStatus,
    pub attempts: i32,
    pub next_attempt_at: DateTimeUtc,
    pub claimed_until: Option<DateTimeUtc>,
    pub response_code: Option<i32>,
    pub last_error: Option<String>,
    pub created_at: DateTimeUtc,
    pub delivered_at: Option<DateTimeUtc>,
}

impl ActiveModelBehavior for ActiveModel {}
