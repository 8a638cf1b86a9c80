//! Models: canonical, vendor-agnostic models with their modalities and lineage.

mod mutation;
mod query;
mod types;

pub use mutation::ModelMutation;
pub use query::ModelQuery;
pub use types::Model;
