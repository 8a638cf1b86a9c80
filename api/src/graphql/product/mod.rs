//! Products: the apps, sites and platforms people use.

mod mutation;
mod query;
mod types;

pub use mutation::{ProductMutation, model_ids};
pub use query::ProductQuery;
pub use types::Product;
