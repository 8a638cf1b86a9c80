//! Models: canonical, vendor-agnostic models with their modalities and lineage.

mod query;
mod types;

pub use query::ModelQuery;
pub use types::Model;
