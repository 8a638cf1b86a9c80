//! Analytics for dashboards and the weekly report.

mod compare;
mod digest;
mod estimate;
mod series;

pub use compare::CompareQuery;
pub use digest::{DigestMutation, DigestQuery};
pub use estimate::EstimateQuery;
pub use series::SeriesQuery;
