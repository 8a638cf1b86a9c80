//! Products: the apps, sites and platforms people use.

mod query;
mod types;

pub use query::ProductQuery;
pub use types::Product;
