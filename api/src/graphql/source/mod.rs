//! Sources: the feeds the team follows, and fetching them now (`fetchSources`).

mod mutation;
mod query;
mod types;

pub use mutation::SourceMutation;
pub use query::SourceQuery;
pub use types::Source;
