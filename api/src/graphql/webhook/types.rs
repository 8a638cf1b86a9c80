//! The GraphQL output type of a webhook and its fields.

use async_graphql::{ID, Object};
use entities::{DeliveryStatus, WebhookFormat, webhook, webhook_delivery};

use crate::graphql::{
    ids::{self, Kind},
    pagination::Listed,
    scalars::DateTime,
};

#[derive(Clone)]
pub struct Webhook(pub webhook::Model);

impl Listed for Webhook {
    const NAME: &'static str = "Webhook";
}

/// The URL with only its scheme and host shown: a bot's URL carries its key.
pub fn masked(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(u) => format!("{}://{}/…", u.scheme(), u.host_str().unwrap_or("")),
        Err(_) => "…".into(),
    }
}

/// A receiver of change notifications.
#[Object]
impl Webhook {
    /// Opaque global id.
    pub async fn id(&self) -> ID {
        ids::encode(Kind::Webhook, self.0.id)
    }

    /// What it is for, e.g. "pricing team".
    async fn name(&self) -> &str {
        &self.0.name
    }

    /// The receiver's URL, masked (scheme and host only): a bot URL carries its key.
    async fn url(&self) -> String {
        masked(&self.0.url)
    }

    /// How messages are shaped and signed.
    async fn format(&self) -> WebhookFormat {
        self.0.format
    }

    /// What it is told about.
    async fn topics(&self) -> Vec<String> {
        self.0.topics.0.clone()
    }

    /// Only messages about watched companies.
    async fn watched_only(&self) -> bool {
        self.0.watched_only
    }

    /// Only messages about these companies (slugs); empty for any.
    async fn companies(&self) -> &[String] {
        &self.0.companies.0
    }

    /// Only events of at least this importance.
    async fn min_importance(&self) -> Option<i32> {
        self.0.min_importance
    }

    /// The language of chat messages: en or zh.
    async fn language(&self) -> &str {
        &self.0.language
    }

    /// Whether it is sent to.
    async fn enabled(&self) -> bool {
        self.0.enabled
    }

    /// When it was created.
    async fn created_at(&self) -> DateTime {
        DateTime(self.0.created_at)
    }
}

#[derive(Clone)]
pub struct WebhookDelivery(pub webhook_delivery::Model);

impl Listed for WebhookDelivery {
    const NAME: &'static str = "WebhookDelivery";
}

/// One message to one webhook, and its attempts.
#[Object]
impl WebhookDelivery {
    /// Opaque global id.
    pub async fn id(&self) -> ID {
        ids::encode(Kind::WebhookDelivery, self.0.id)
    }

    /// The `webhook-id` sent: the receiver's idempotency key.
    async fn message_id(&self) -> &str {
        &self.0.message_id
    }

    /// The topic (or PING for testWebhook).
    async fn topic(&self) -> &str {
        &self.0.topic
    }

    /// Where it stands.
    async fn status(&self) -> DeliveryStatus {
        self.0.status
    }

    /// Attempts made.
    async fn attempts(&self) -> i32 {
        self.0.attempts
    }

    /// The HTTP status of the last answer.
    async fn response_code(&self) -> Option<i32> {
        self.0.response_code
    }

    /// Why the last attempt failed.
    async fn last_error(&self) -> Option<&str> {
        self.0.last_error.as_deref()
    }

    /// When it is tried next (while PENDING).
    async fn next_attempt_at(&self) -> DateTime {
        DateTime(self.0.next_attempt_at)
    }

    /// When the receiver took it.
    async fn delivered_at(&self) -> Option<DateTime> {
        self.0.delivered_at.map(DateTime)
    }

    /// When it was queued.
    async fn created_at(&self) -> DateTime {
        DateTime(self.0.created_at)
    }
}
