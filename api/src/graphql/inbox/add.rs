//! `addInboxItem`: a link a person pasted on the page (a WeChat article, a pricing page)
//! becomes an inbox item, through the same [`propose`] path as an agent's proposal, to be
//! accepted or dismissed like anything a feed brought in.

use async_graphql::{Context, InputObject, Object, Result, SimpleObject};
use entities::{Role, inbox_item};
use sea_orm::EntityTrait;

use super::InboxItem;
use crate::graphql::user_errors::{UserError, UserErrorCode};
use crate::{
    error::ApiError,
    graphql::{account::actor, context::db, guards::RoleGuard, scalars::Date},
    intake::propose::{self, Proposal, Proposed, Refused},
};

/// A link to add to the inbox.
#[derive(InputObject)]
pub struct AddInboxItemInput {
    /// The pages that report it, absolute http(s) URLs, 1 to 5; the first is the item's link.
    pub source_urls: Vec<String>,
    /// The headline in English.
    pub title: String,
    /// The headline in Chinese.
    pub title_zh: Option<String>,
    /// What happened, in a sentence or two.
    pub summary: Option<String>,
    /// When it happened, if known.
    pub occurred_on: Option<Date>,
}

/// The result of adding a link to the inbox.
#[derive(SimpleObject)]
pub struct AddInboxItemPayload {
    /// The new item (NEW, proposed by the caller); null when nothing was written.
    pub inbox_item: Option<InboxItem>,
    /// What to fix; empty on success. A link already in the inbox is TAKEN on `sourceUrls`.
    pub user_errors: Vec<UserError>,
}

/// Adding links to the inbox by hand.
#[derive(Default)]
pub struct InboxAddMutation;

#[Object]
impl InboxAddMutation {
    /// Adds a link a person found to the inbox as a NEW item, proposed by the caller, with
    /// the companies and models its title mentions. Its text is kept as plain text. A link
    /// already in the inbox is refused (TAKEN), naming the item that holds it. Editors and
    /// admins.
    #[graphql(guard = "RoleGuard(Role::Editor)")]
    async fn add_inbox_item(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The link and what it reports.")] input: AddInboxItemInput,
    ) -> Result<AddInboxItemPayload> {
        let proposer = format!("added by {}", actor(ctx).label);
        let proposal = Proposal {
            title: input.title,
            title_zh: input.title_zh,
            summary: input.summary,
            source_urls: input.source_urls,
            occurred_on: input.occurred_on.map(|d| d.0.to_string()),
        };
        let refuse = |field: &str, code, message| AddInboxItemPayload {
            inbox_item: None,
            user_errors: vec![UserError {
                field: vec!["input".into(), field.into()],
                message,
                code,
            }],
        };
        let db = db(ctx);
        let outcome = propose::propose(db, &proposer, None, proposal)
            .await
            .map_err(ApiError::Internal)?;
        Ok(match outcome {
            Ok(Proposed::Added { id, .. }) => {
                let item = inbox_item::Entity::find_by_id(id)
                    .one(db)
                    .await
                    .map_err(ApiError::from)?;
                AddInboxItemPayload {
                    inbox_item: item.map(InboxItem),
                    user_errors: Vec::new(),
                }
            }
            Ok(Proposed::Exists(item)) => refuse(
                "sourceUrls",
                UserErrorCode::Taken,
                format!(
                    "this link is in the inbox already: “{}” ({})",
                    item.title,
                    item.status.as_str()
                ),
            ),
            Err(Refused::Field { field, message }) => {
                refuse(field, UserErrorCode::Invalid, message)
            }
            Err(Refused::RateLimited { recent, limit }) => refuse(
                "sourceUrls",
                UserErrorCode::Invalid,
                format!("{recent} links added in the last hour; at most {limit}"),
            ),
        })
    }
}
