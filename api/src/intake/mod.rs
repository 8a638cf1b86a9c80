//! Intake: facts arriving from outside — followed feeds and the ECB's exchange rates — kept
//! apart from the recorded landscape until a person accepts them.
//!
//! - [`feed`] reads RSS, Atom and JSON Feed into plain-text entries ([`text`]);
//! - [`fetch`] fetches sources and stores their items in the inbox;
//! - [`matcher`] finds the companies, models and products an item mentions, [`classify`]
//!   suggests its event type;
//! - [`schedule`] runs fetches and rate updates inside `serve`, one replica at a time
//!   ([`lease`]);
//! - [`rates`] reads the ECB's reference-rate XML;
//! - [`propose`] adds an item a person pasted or an agent sent.

pub mod classify;
pub mod feed;
pub mod fetch;
pub mod lease;
pub mod matcher;
pub mod propose;
pub mod rates;
pub mod schedule;
pub mod text;

pub use fetch::{Intake, Outcome, fetch_sources};
