//! Business rules, testable without HTTP: accounts, and the generic editing flow every
//! landscape entity goes through (validation, optimistic concurrency, soft delete, revisions).

pub mod accounts;
pub mod analytics;
pub mod currency;
pub mod data_health;
pub mod data_version;
pub mod editing;
pub mod filter_sql;
pub mod money;
pub mod prices;
pub mod user_errors;
