//! aigc-landscape: a GraphQL service over the generative-AI landscape.
//!
//! The same code serves `main` and the tests: [`http::router`] over an [`state::AppState`]
//! built on a connection from [`db::connect`].

pub mod auth;
pub mod cli;
pub mod clock;
pub mod config;
pub mod db;
pub mod error;
pub mod graphql;
pub mod http;
pub mod intake;
pub mod mcp;
pub mod metrics;
pub mod notify;
pub mod outbound;
pub mod service;
pub mod sqlite_memory;
pub mod state;
