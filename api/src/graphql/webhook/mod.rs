//! Webhooks (admins): receivers of change notifications, and their deliveries.

mod mutation;
mod query;
mod types;

pub use mutation::WebhookMutation;
pub use query::WebhookQuery;
pub use types::{Webhook, WebhookDelivery};
