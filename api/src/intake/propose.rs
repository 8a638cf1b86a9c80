//! A proposed inbox item: a link a person pasted on the page (`addInboxItem`) or an agent
//! sent (`propose_event` over MCP). Either way it lands in the inbox — never in the events —
//! marked with who proposed it, for a person to accept or dismiss. The text is cleaned as a
//! feed's is (plain text, http(s) links without tracking parameters); a link already in the
//! inbox names the item that holds it instead of adding a second.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use entities::{InboxStatus, inbox_item};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter};

use super::{feed::Entry, fetch, matcher::Matcher, text as clean};
use crate::service::editing::begin;

/// What a proposer gives.
pub struct Proposal {
    /// The headline in English (required).
    pub title: String,
    pub title_zh: Option<String>,
    pub summary: Option<String>,
    /// The pages that report it, 1 to 5; the first is the item's link.
    pub source_urls: Vec<String>,
    /// When it happened, `YYYY-MM-DD`, if known.
    pub occurred_on: Option<String>,
}

/// What became of a proposal.
pub enum Proposed {
    /// A new item, with its row id and cleaned title.
    Added { id: i64, title: String },
    /// An item with this link is in the inbox already.
    Exists(Box<inbox_item::Model>),
}

/// Why a proposal was refused; nothing was written.
pub enum Refused {
    /// A field to fix: its input name (`title`, `sourceUrls`, `occurredOn`) and what is wrong.
    Field {
        field: &'static str,
        message: String,
    },
    /// Too many proposals from this proposer in the last hour.
    RateLimited { recent: u64, limit: u64 },
}

/// Adds the proposal as a NEW inbox item, proposed by `proposer`. With `per_hour`, at most
/// that many proposals by the same proposer in an hour (counted in the database, so every
/// replica counts alike).
pub async fn propose(
    db: &DatabaseConnection,
    proposer: &str,
    per_hour: Option<u64>,
    proposal: Proposal,
) -> anyhow::Result<Result<Proposed, Refused>> {
    let entry = match entry(proposal) {
        Ok(entry) => entry,
        Err(refused) => return Ok(Err(refused)),
    };
    let now = Utc::now();
    if let Some(limit) = per_hour {
        let recent = inbox_item::Entity::find()
            .filter(inbox_item::Column::ProposedBy.eq(proposer))
            .filter(inbox_item::Column::FetchedAt.gte(now - Duration::hours(1)))
            .count(db)
            .await?;
        if recent >= limit {
            return Ok(Err(Refused::RateLimited { recent, limit }));
        }
    }
    let link = entry.key.clone();
    if let Some(existing) = find_link(db, &link).await? {
        return Ok(Ok(Proposed::Exists(Box::new(existing))));
    }
    let matcher = Matcher::load(db).await?;
    let txn = begin(db).await?;
    let id = fetch::insert(
        &txn,
        None,
        None,
        &entry,
        InboxStatus::New,
        now,
        &matcher,
        Some(proposer.to_owned()),
    )
    .await?;
    txn.commit().await?;
    Ok(Ok(match id {
        Some(id) => Proposed::Added {
            id,
            title: entry.title,
        },
        // Another proposer (or a fetch) stored the same link meanwhile.
        None => match find_link(db, &link).await? {
            Some(existing) => Proposed::Exists(Box::new(existing)),
            None => anyhow::bail!("the inbox item for {link} was neither added nor found"),
        },
    }))
}

async fn find_link(
    db: &DatabaseConnection,
    link: &str,
) -> Result<Option<inbox_item::Model>, sea_orm::DbErr> {
    inbox_item::Entity::find()
        .filter(inbox_item::Column::Link.eq(link))
        .one(db)
        .await
}

fn field(field: &'static str, message: String) -> Refused {
    Refused::Field { field, message }
}

/// The proposal as a feed entry: text cleaned, links checked, the day as noon in the team's
/// time zone (so it reads as that day wherever the digest is cut).
fn entry(p: Proposal) -> Result<Entry, Refused> {
    let title = clean::plain(&p.title, clean::MAX_TITLE);
    if title.is_empty() {
        return Err(field(
            "title",
            "a title is required (the headline in English)".into(),
        ));
    }
    if p.source_urls.is_empty() || p.source_urls.len() > 5 {
        return Err(field(
            "sourceUrls",
            "give 1 to 5 links, the pages that report it".into(),
        ));
    }
    let mut links = Vec::new();
    for url in &p.source_urls {
        match clean::clean_link(url) {
            Some(link) => links.push(link),
            None => {
                return Err(field(
                    "sourceUrls",
                    format!("`{url}` is not an absolute http(s) URL"),
                ));
            }
        }
    }
    let published =
        match p.occurred_on.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(day) => Some(noon(day).ok_or_else(|| {
                field("occurredOn", format!("`{day}` is not a date (YYYY-MM-DD)"))
            })?),
        };
    let text = |s: Option<String>, max| s.map(|t| clean::plain(&t, max)).filter(|t| !t.is_empty());
    Ok(Entry {
        key: links[0].clone(),
        link: Some(links[0].clone()),
        title,
        title_zh: text(p.title_zh, clean::MAX_TITLE),
        summary: text(p.summary, clean::MAX_SUMMARY),
        published,
        more_links: links[1..].to_vec(),
    })
}

fn noon(day: &str) -> Option<DateTime<Utc>> {
    NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .ok()?
        .and_hms_opt(12, 0, 0)?
        .and_local_timezone(crate::clock::time_zone())
        .single()
        .map(|t| t.with_timezone(&Utc))
}
