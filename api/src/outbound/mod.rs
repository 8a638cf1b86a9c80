//! Every HTTP call the service makes to the outside goes through [`OutboundClient`]: feeds,
//! exchange-rate files and (later) webhooks.
//!
//! The client refuses what an editor or admin could use to read the internal network: only
//! http(s); the addresses a host resolves to are checked by the client's own resolver on
//! every connection (redirects included, so DNS rebinding gets nowhere), and IP literals
//! before each request and redirect; loopback, private, link-local, unique-local and other
//! non-public ranges are refused unless the policy allows them. No system proxy. A timeout,
//! a cap on the body counted after decompression (so a gzip bomb stops at the cap), and a
//! bounded number of redirects.

mod client;
mod guard;

pub use client::{Fetched, OutboundClient, OutboundConfig, OutboundError};
pub use guard::{Guard, is_public};
