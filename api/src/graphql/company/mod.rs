//! Companies: vendors, labs, clouds and startups.

mod mutation;
mod query;
mod types;

pub use mutation::{CompanyMutation, aliases};
pub use query::CompanyQuery;
pub use types::Company;
