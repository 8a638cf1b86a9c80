//! Outbound notifications: webhooks hear of changes without anyone opening the page.
//!
//! - [`outbox`]: what should be told, written in the same transaction as the change that
//!   causes it (an event recorded, a price changed, an inbox fetch), so a crash between the
//!   commit and the delivery loses nothing; backfilled history and seeding tell nothing;
//! - [`deliver`]: the worker — fans each message out to the webhooks whose topics and filters
//!   want it, claims due deliveries with an expiring claim in a short transaction, sends them
//!   through the guarded client with no transaction open, and retries with exponential
//!   back-off and jitter over more than a day before marking a delivery failed;
//! - [`format`]: Standard Webhooks JSON, and the group bots' Markdown messages;
//! - [`sign`]: the Standard Webhooks signature (and the HMAC the bots use).

pub mod deliver;
pub mod digest;
pub mod format;
pub mod outbox;
pub mod sign;
