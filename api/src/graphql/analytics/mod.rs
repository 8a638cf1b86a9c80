//! Analytics for dashboards and the weekly report.

mod compare;
mod estimate;

pub use compare::CompareQuery;
pub use estimate::EstimateQuery;
