//! Exchange rates: dated, so a CNY price compares with a USD price as of any date.

mod mutation;
mod query;

pub use mutation::ExchangeRateMutation;
pub use query::{ExchangeRate, ExchangeRateQuery};
