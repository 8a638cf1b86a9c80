//! Events: dated happenings, linked to companies, models and products with roles.

mod mutation;
mod query;
mod types;

pub use mutation::{EventInput, EventLinkInput, EventMutation};
pub use query::EventQuery;
pub use types::{Event, Involvement};
