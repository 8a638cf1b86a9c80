//! Products: the apps, sites and platforms people use.

mod audience;
mod mutation;
mod query;
mod types;

pub use audience::Audience;
pub use mutation::{ProductMutation, model_ids};
pub use query::ProductQuery;
pub use types::Product;
