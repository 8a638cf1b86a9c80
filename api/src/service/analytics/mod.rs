//! The read-side analytics, as functions of the database and plain arguments that the
//! GraphQL resolvers call (and tests call without HTTP): comparing models, estimating a
//! workload's cost, price series over time buckets, and what they read — offerings with
//! their rows, the rates those rows need.

pub mod buckets;
pub mod compare;
pub mod digest;
pub mod estimate;
pub mod offers;
pub mod search;
pub mod series;
pub mod stats;
