//! `inbox_items`: what a fetch (or an agent) brought in, waiting for a person to accept it
//! as an event or dismiss it. Titles and summaries are plain text, links http(s) only.

use sea_orm::entity::prelude::*;

use crate::{EventType, InboxStatus, StringList};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "inbox_items")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// None for an item an agent proposed.
    pub source_id: Option<i64>,
    /// The feed's id of the entry, else its link, else a hash of its title and date.
    pub item_key: String,
    /// Normalised (no fragment, no tracking parameters); unique across sources.
    pub link: Option<String>,
    pub title: String,
    /// A Chinese title, when the proposer gave one (feeds give one title, kept in `title`).
    pub title_zh: Option<String>,
    pub summary: Option<String>,
    /// Every source the item cites: the link, and an agent's further sources.
    #[sea_orm(column_type = "Json")]
    pub source_urls: StringList,
    pub published_at: Option<DateTimeUtc>,
    pub fetched_at: DateTimeUtc,
    pub status: InboxStatus,
    pub suggested_type: Option<EventType>,
    pub duplicate_of_id: Option<i64>,
    pub event_id: Option<i64>,
    /// The title folded for near-duplicate detection.
    pub title_key: String,
    /// Who proposed it, for items that did not come from a feed.
    pub proposed_by: Option<String>,
    pub triaged_by: Option<String>,
    pub triaged_at: Option<DateTimeUtc>,
}

impl ActiveModelBehavior for ActiveModel {}
