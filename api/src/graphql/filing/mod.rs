//! Regulatory filings: China's CAC algorithm, deep-synthesis and generative-AI filings.

mod query;
mod types;

pub use query::FilingQuery;
pub use types::Filing;
