//! The read-side analytics, as functions of the database and plain arguments that the
//! GraphQL resolvers call (and tests call without HTTP): comparing models, estimating a
//! workload's cost, and what both read — offerings with the rows in effect on a day.

pub mod compare;
pub mod estimate;
pub mod offers;
