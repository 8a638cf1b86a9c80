//! Models: canonical, vendor-agnostic models with their modalities and lineage.

mod mutation;
mod query;
mod types;

pub use mutation::ModelMutation;
pub use query::ModelQuery;
pub(crate) use query::{with_any_task, with_media_types};
pub use types::Model;
