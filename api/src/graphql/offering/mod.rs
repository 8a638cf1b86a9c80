//! Offerings: a model as one provider sells it in one region under one API model id.

mod mutation;
mod query;
mod types;

pub use mutation::OfferingMutation;
pub use query::OfferingQuery;
pub use types::Offering;
