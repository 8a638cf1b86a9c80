//! Companies: vendors, labs, clouds and startups.

mod query;
mod types;

pub use query::CompanyQuery;
pub use types::Company;
