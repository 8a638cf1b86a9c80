//! Analytics for dashboards and the weekly report.

mod compare;

pub use compare::CompareQuery;
