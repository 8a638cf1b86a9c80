//! `sources`: the feeds the team follows (RSS 2.0, Atom 1.0 or JSON Feed), with the state of
//! their last fetches. The fetch state (`last_*`, `item_count`, `failure_count`,
//! `next_fetch_after`, `etag`, `last_modified`) is written by fetches, not edits: it bumps no
//! version and writes no revision.

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(
    Clone, Debug, Default, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize,
)]
#[sea_orm(table_name = "sources")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub feed_url: String,
    /// The company the feed speaks for (a vendor's blog or changelog).
    pub company_id: Option<i64>,
    /// BCP 47 language tag, e.g. `zh` or `en`.
    pub language: Option<String>,
    pub enabled: bool,
    /// Team-only.
    pub notes: Option<String>,
    #[serde(skip)]
    pub last_fetched_at: Option<DateTimeUtc>,
    #[serde(skip)]
    pub last_success_at: Option<DateTimeUtc>,
    #[serde(skip)]
    pub last_error: Option<String>,
    #[serde(skip)]
    pub item_count: i32,
    #[serde(skip)]
    pub failure_count: i32,
    #[serde(skip)]
    pub next_fetch_after: Option<DateTimeUtc>,
    #[serde(skip)]
    pub etag: Option<String>,
    #[serde(skip)]
    pub last_modified: Option<String>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub deleted_at: Option<DateTimeUtc>,
}

impl ActiveModelBehavior for ActiveModel {}
