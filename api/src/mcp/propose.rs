//! `propose_event`: an agent's proposal goes to the inbox through [`propose`] — never to the
//! events — marked as proposed by it. Editors only; at most [`PER_HOUR`] proposals an hour
//! for one token.

use entities::Role;
use rmcp::model::CallToolResult;
use serde_json::json;

use super::tools::{Landscape, ProposeArgs, refused, text};
use crate::{
    auth::Caller,
    graphql::ids::{self, Kind},
    intake::propose::{self, Proposal, Proposed, Refused},
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
    let proposer = match member.token_id {
        Some(token) => format!("agent (token {token}) for {}", member.email),
        None => format!("agent for {}", member.email),
    };
    let proposal = Proposal {
        title: args.title,
        title_zh: args.title_zh,
        summary: args.summary,
        source_urls: args.source_urls,
        occurred_on: args.occurred_on,
    };
    Ok(match propose::propose(&server.state().db, &proposer, Some(PER_HOUR), proposal).await? {
        Ok(Proposed::Added { id, title }) => text(json!({
            "proposed": true,
            "inboxItem": { "id": ids::encode(Kind::InboxItem, id).0, "title": title, "status": "NEW", "proposedBy": proposer },
            "note": "waiting in the inbox for a person to accept it into an event; it is not a recorded fact",
        }).to_string()),
        Ok(Proposed::Exists(existing)) => text(json!({
            "proposed": false,
            "reason": "an item with this link is in the inbox already",
            "inboxItem": { "id": ids::encode(Kind::InboxItem, existing.id).0, "title": existing.title, "status": existing.status.as_str() },
        }).to_string()),
        Err(Refused::Field { field, message }) => {
            let name = match field {
                "sourceUrls" => "source_urls",
                "occurredOn" => "occurred_on",
                other => other,
            };
            refused(format!("BAD_USER_INPUT: `{name}`: {message}"))
        }
        Err(Refused::RateLimited { recent, limit }) => refused(format!(
            "RATE_LIMITED: {recent} proposals in the last hour from this token; at most {limit}. Wait, or ask a person to triage the inbox first."
        )),
    })
}
