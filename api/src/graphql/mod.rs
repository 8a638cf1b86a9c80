//! The GraphQL API: one folder per domain (`query.rs` for its reads, `types.rs` for its output
//! types), and the shared machinery beside them.

pub mod account;
pub mod analytics;
pub mod batching;
pub mod benchmark;
pub mod company;
pub mod context;
pub mod data_health;
pub mod data_version;
pub mod editing;
pub mod error_codes;
pub mod event;
pub mod exchange_rate;
pub mod filing;
pub mod filter_sql;
pub mod guards;
pub mod ids;
pub mod inbox;
pub mod loaders;
pub mod modality;
pub mod model;
pub mod money;
pub mod node;
pub mod offering;
pub(crate) mod ordering;
pub mod pagination;
pub mod price;
pub mod product;
pub mod provenance;
pub mod revision;
pub mod scalars;
pub mod schema;
pub mod search;
pub mod source;
pub mod stats;
pub mod webhook;
