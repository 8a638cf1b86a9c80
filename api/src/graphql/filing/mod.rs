//! Regulatory filings: China's CAC algorithm, deep-synthesis and generative-AI filings.

mod mutation;
mod query;
mod types;

pub use mutation::FilingMutation;
pub use query::FilingQuery;
pub use types::Filing;
