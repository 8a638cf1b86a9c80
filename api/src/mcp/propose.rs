//! `propose_event`: an agent's proposal goes to the inbox — never to the events — marked as
//! proposed by it, for a person to accept or dismiss. Editors only; deduplicated by link (an
//! item already in the inbox is named instead); at most [`PER_HOUR`] proposals an hour for
//! one token, counted in the database so every replica counts alike.

use chrono::{Duration, NaiveDate, Utc};
use entities::{InboxStatus, Role, inbox_item};
use rmcp::model::CallToolResult;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::json;

use super::tools::{Landscape, ProposeArgs, refused, text};
use crate::{
    auth::Caller,
    graphql::ids::{self, Kind},
    intake::{feed::Entry, fetch, matcher::Matcher, text as clean},
    service::editing::begin,
};

/// The most proposals one token makes in an hour.
pub const PER_HOUR: u64 = 30;

pub async fn propose(server: &Landscape, caller: Caller, args: ProposeArgs) -> CallToolResult {
    match run(server, caller, args).await {
        Ok(result) => result,
        Err(e) => {
            tracing::error!(error = %e, "propose_event failed");
            refused("INTERNAL_SERVER_ERROR: the proposal could not be stored; try again".into())
        }
    }
}

async fn run(
    server: &Landscape,
    caller: Caller,
    args: ProposeArgs,
) -> anyhow::Result<CallToolResult> {
    let Some(member) = caller.member().filter(|_| caller.has(Role::Editor)) else {
        let role = caller
            .member()
            .map(|m| m.role.to_string())
            .unwrap_or_else(|| "anonymous".into());
        return Ok(refused(format!(
            "FORBIDDEN: proposing events needs the EDITOR role or higher; this token is {role}. Read-only tools still work."
        )));
    };
    let title = clean::plain(&args.title, clean::MAX_TITLE);
    if title.is_empty() {
        return Ok(refused(
            "BAD_USER_INPUT: `title` is required (the headline in English)".into(),
        ));
    }
    if args.source_urls.is_empty() || args.source_urls.len() > 5 {
        return Ok(refused(
            "BAD_USER_INPUT: give 1 to 5 `source_urls`, the pages that report it".into(),
        ));
    }
    let mut links = Vec::new();
    for url in &args.source_urls {
        match clean::clean_link(url) {
            Some(link) => links.push(link),
            None => {
                return Ok(refused(format!(
                    "BAD_USER_INPUT: `{url}` is not an absolute http(s) URL"
                )));
            }
        }
    }
    let published = match args.occurred_on.as_deref() {
        None => None,
        Some(day) => match NaiveDate::parse_from_str(day, "%Y-%m-%d") {
            Ok(day) => day
                .and_hms_opt(12, 0, 0)
                .and_then(|t| t.and_local_timezone(crate::clock::time_zone()).single())
                .map(|t| t.with_timezone(&Utc)),
            Err(_) => {
                return Ok(refused(format!(
                    "BAD_USER_INPUT: occurred_on `{day}` is not a date (YYYY-MM-DD)"
                )));
            }
        },
    };
    let proposer = match member.token_id {
        Some(token) => format!("agent (token {token}) for {}", member.email),
        None => format!("agent for {}", member.email),
    };
    let db = &server.state().db;
    let now = Utc::now();
    let recent = inbox_item::Entity::find()
        .filter(inbox_item::Column::ProposedBy.eq(&proposer))
        .filter(inbox_item::Column::FetchedAt.gte(now - Duration::hours(1)))
        .count(db)
        .await?;
    if recent >= PER_HOUR {
        return Ok(refused(format!(
            "RATE_LIMITED: {recent} proposals in the last hour from this token; at most {PER_HOUR}. Wait, or ask a person to triage the inbox first."
        )));
    }
    if let Some(existing) = inbox_item::Entity::find()
        .filter(inbox_item::Column::Link.eq(&links[0]))
        .one(db)
        .await?
    {
        return Ok(text(json!({
            "proposed": false,
            "reason": "an item with this link is in the inbox already",
            "inboxItem": { "id": ids::encode(Kind::InboxItem, existing.id).0, "title": existing.title, "status": existing.status.as_str() },
        }).to_string()));
    }
    let matcher = Matcher::load(db).await?;
    let entry = Entry {
        key: links[0].clone(),
        link: Some(links[0].clone()),
        title,
        title_zh: args
            .title_zh
            .map(|t| clean::plain(&t, clean::MAX_TITLE))
            .filter(|t| !t.is_empty()),
        summary: args
            .summary
            .map(|s| clean::plain(&s, clean::MAX_SUMMARY))
            .filter(|s| !s.is_empty()),
        published,
        more_links: links[1..].to_vec(),
    };
    let txn = begin(db).await?;
    let id = fetch::insert(
        &txn,
        None,
        None,
        &entry,
        InboxStatus::New,
        now,
        &matcher,
        Some(proposer.clone()),
    )
    .await?;
    txn.commit().await?;
    Ok(match id {
        Some(id) => text(json!({
            "proposed": true,
            "inboxItem": { "id": ids::encode(Kind::InboxItem, id).0, "title": entry.title, "status": "NEW", "proposedBy": proposer },
            "note": "waiting in the inbox for a person to accept it into an event; it is not a recorded fact",
        }).to_string()),
        None => text(json!({ "proposed": false, "reason": "an item with this link arrived meanwhile" }).to_string()),
    })
}
