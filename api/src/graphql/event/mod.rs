//! Events: dated happenings, linked to companies, models and products with roles.

mod query;
mod types;

pub use query::EventQuery;
pub use types::{Event, Involvement};
