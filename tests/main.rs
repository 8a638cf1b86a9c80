//! Integration tests: one harness (`harness.rs`), one file per concern. Every test drives the
//! real router over a real database, on SQLite and — with `TEST_DATABASE_URL` — PostgreSQL.

#[macro_use]
mod harness;

mod agents;
mod analytics_service;
mod auth;
mod browser;
mod callers;
mod compare;
mod curated;
mod currency;
mod data_health;
mod digest;
mod editing;
mod estimate;
mod feeds;
mod filters;
mod hostile;
mod http;
mod intake;
mod landscape_edits;
mod limits;
mod money;
mod operability;
mod ordering;
mod pagination;
mod price_history;
mod reads;
mod record_model;
mod response_cache;
mod schema_docs;
mod search;
mod seed_files;
mod seed_sync;
mod sqlite_planner;
mod startup;
mod statements;
mod stats;
mod webhooks;
