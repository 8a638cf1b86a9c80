//! Triage of the inbox: accepting an item into an event, dismissing items.

use async_graphql::{Context, ID, MaybeUndefined, Object, Result, SimpleObject};
use chrono::Utc;
use entities::{
    EventRole, EventType, InboxStatus, MatchKind, Role, event, inbox_item, inbox_match,
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, TransactionTrait, sea_query::Expr};

use super::InboxItem;
use crate::graphql::user_errors::{UserError, UserErrorCode, shown};
use crate::{
    error::ApiError,
    graphql::{
        account::actor,
        context::db,
        event::{Event, EventInput, EventLinkInput},
        guards::RoleGuard,
        ids::{self, Kind},
        scalars::Date,
    },
    intake::Intake,
    service::editing::{begin, create_in},
};

/// The result of accepting an inbox item.
#[derive(SimpleObject)]
pub struct AcceptInboxItemPayload {
    /// The event created; null when nothing was written.
    pub event: Option<Event>,
    /// The item, now ACCEPTED and linked to the event.
    pub inbox_item: Option<InboxItem>,
    /// What to fix; empty on success. With any, nothing was written.
    pub user_errors: Vec<UserError>,
}

/// The result of dismissing inbox items.
#[derive(SimpleObject)]
pub struct DismissInboxItemsPayload {
    /// The items, now DISMISSED.
    pub inbox_items: Vec<InboxItem>,
    /// What to fix; empty on success. With any, nothing was written.
    pub user_errors: Vec<UserError>,
}

/// The result of dismissing one inbox item.
#[derive(SimpleObject)]
pub struct DismissInboxItemPayload {
    /// The item, now DISMISSED.
    pub inbox_item: Option<InboxItem>,
    /// What to fix; empty on success.
    pub user_errors: Vec<UserError>,
}

/// Triage: accepting items into events, dismissing them.
#[derive(Default)]
pub struct InboxMutation;

fn item_error(field: &str, code: UserErrorCode, message: String) -> UserError {
    UserError {
        field: vec![field.into()],
        message,
        code,
    }
}

#[Object]
impl InboxMutation {
    /// Creates an event from an inbox item and marks the item ACCEPTED, in one transaction.
    /// What `input` leaves out comes from the item: the title, `occurredOn` (the day it was
    /// published, in the team's time zone), `sourceUrls` (its link), the type (its
    /// suggestion), the companies, models and products it mentions, and a slug made of the
    /// date and title. `recordedOn` is today. An item accepted already is refused (CONFLICT).
    /// Editors and admins.
    #[graphql(guard = "RoleGuard(Role::Editor)")]
    async fn accept_inbox_item(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The item's id.")] id: ID,
        #[graphql(
            desc = "The event's fields; anything left out is taken from the item.",
            default
        )]
        input: EventInput,
    ) -> Result<AcceptInboxItemPayload> {
        let row = ids::decode_as(&id, Kind::InboxItem)?;
        let db = db(ctx);
        let actor = actor(ctx);
        let refuse = |e: UserError| AcceptInboxItemPayload {
            event: None,
            inbox_item: None,
            user_errors: vec![e],
        };
        let Some(item) = inbox_item::Entity::find_by_id(row)
            .one(db)
            .await
            .map_err(ApiError::from)?
        else {
            return Ok(refuse(item_error(
                "id",
                UserErrorCode::NotFound,
                format!("no inbox item with this id (row {row})"),
            )));
        };
        let matches = inbox_match::Entity::find()
            .filter(inbox_match::Column::InboxItemId.eq(item.id))
            .all(db)
            .await
            .map_err(ApiError::from)?;
        let input = prefill(input, &item, &matches);
        let txn = begin(db).await.map_err(ApiError::from)?;
        // Claim the item first: of two editors accepting at once, one wins.
        let claimed = inbox_item::Entity::update_many()
            .col_expr(
                inbox_item::Column::Status,
                Expr::value(InboxStatus::Accepted.as_str()),
            )
            .col_expr(
                inbox_item::Column::TriagedBy,
                Expr::value(actor.label.clone()),
            )
            .col_expr(inbox_item::Column::TriagedAt, Expr::value(Utc::now()))
            .filter(inbox_item::Column::Id.eq(item.id))
            .filter(inbox_item::Column::Status.ne(InboxStatus::Accepted))
            .exec(&txn)
            .await
            .map_err(ApiError::from)?;
        if claimed.rows_affected != 1 {
            txn.rollback().await.map_err(ApiError::from)?;
            return Ok(refuse(item_error(
                "id",
                UserErrorCode::Conflict,
                "this inbox item was accepted already: open its event instead".into(),
            )));
        }
        let created = match create_in::<event::Entity>(&txn, &actor, input).await? {
            Ok(created) => created,
            Err(errors) => {
                txn.rollback().await.map_err(ApiError::from)?;
                return Ok(AcceptInboxItemPayload {
                    event: None,
                    inbox_item: None,
                    user_errors: shown(errors),
                });
            }
        };
        inbox_item::Entity::update_many()
            .col_expr(inbox_item::Column::EventId, Expr::value(created.id))
            .filter(inbox_item::Column::Id.eq(item.id))
            .exec(&txn)
            .await
            .map_err(ApiError::from)?;
        txn.commit().await.map_err(ApiError::from)?;
        if let Some(metrics) = ctx.data_opt::<Intake>().and_then(|i| i.metrics.as_ref()) {
            metrics.inbox_item("ACCEPTED");
        }
        let item = inbox_item::Entity::find_by_id(item.id)
            .one(db)
            .await
            .map_err(ApiError::from)?;
        Ok(AcceptInboxItemPayload {
            event: Some(Event(created)),
            inbox_item: item.map(InboxItem),
            user_errors: Vec::new(),
        })
    }

    /// Marks an item DISMISSED; it is kept (and its link stays known, so it does not come
    /// back). An accepted item cannot be dismissed. Editors and admins.
    #[graphql(guard = "RoleGuard(Role::Editor)")]
    async fn dismiss_inbox_item(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The item's id.")] id: ID,
    ) -> Result<DismissInboxItemPayload> {
        let out = dismiss(ctx, vec![id]).await?;
        Ok(DismissInboxItemPayload {
            inbox_item: out.inbox_items.into_iter().next(),
            user_errors: out.user_errors,
        })
    }

    /// Marks several items DISMISSED at once (at most 100): all of them, or — when any is
    /// unknown or accepted — none. Editors and admins.
    #[graphql(guard = "RoleGuard(Role::Editor)")]
    async fn dismiss_inbox_items(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The items' ids.")] ids: Vec<ID>,
    ) -> Result<DismissInboxItemsPayload> {
        dismiss(ctx, ids).await
    }
}

async fn dismiss(ctx: &Context<'_>, ids: Vec<ID>) -> Result<DismissInboxItemsPayload> {
    if ids.len() > 100 {
        return Err(ApiError::bad_input(format!(
            "{} items given: dismiss at most 100 at once",
            ids.len()
        ))
        .into());
    }
    let rows = ids
        .iter()
        .map(|id| ids::decode_as(id, Kind::InboxItem))
        .collect::<Result<Vec<_>, _>>()?;
    let db = db(ctx);
    let actor = actor(ctx);
    let txn = db.begin().await.map_err(ApiError::from)?;
    let found = inbox_item::Entity::find()
        .filter(inbox_item::Column::Id.is_in(rows.clone()))
        .all(&txn)
        .await
        .map_err(ApiError::from)?;
    let mut user_errors = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        match found.iter().find(|f| f.id == *row) {
            None => user_errors.push(item_error(
                &format!("ids.{i}"),
                UserErrorCode::NotFound,
                format!("no inbox item with the id `{}`", ids[i].0),
            )),
            Some(item) if item.status == InboxStatus::Accepted => user_errors.push(item_error(
                &format!("ids.{i}"),
                UserErrorCode::Invalid,
                format!(
                    "“{}” was accepted into an event: delete the event instead",
                    item.title
                ),
            )),
            Some(_) => {}
        }
    }
    if !user_errors.is_empty() {
        txn.rollback().await.map_err(ApiError::from)?;
        return Ok(DismissInboxItemsPayload {
            inbox_items: Vec::new(),
            user_errors,
        });
    }
    inbox_item::Entity::update_many()
        .col_expr(
            inbox_item::Column::Status,
            Expr::value(InboxStatus::Dismissed.as_str()),
        )
        .col_expr(
            inbox_item::Column::TriagedBy,
            Expr::value(actor.label.clone()),
        )
        .col_expr(inbox_item::Column::TriagedAt, Expr::value(Utc::now()))
        .filter(inbox_item::Column::Id.is_in(rows.clone()))
        .filter(inbox_item::Column::Status.eq(InboxStatus::New))
        .exec(&txn)
        .await
        .map_err(ApiError::from)?;
    let items = inbox_item::Entity::find()
        .filter(inbox_item::Column::Id.is_in(rows))
        .all(&txn)
        .await
        .map_err(ApiError::from)?;
    txn.commit().await.map_err(ApiError::from)?;
    if let Some(metrics) = ctx.data_opt::<Intake>().and_then(|i| i.metrics.as_ref()) {
        for _ in &items {
            metrics.inbox_item("DISMISSED");
        }
    }
    Ok(DismissInboxItemsPayload {
        inbox_items: items.into_iter().map(InboxItem).collect(),
        user_errors: Vec::new(),
    })
}

/// `input` with what it leaves out taken from the item.
fn prefill(
    mut input: EventInput,
    item: &inbox_item::Model,
    matches: &[inbox_match::Model],
) -> EventInput {
    let day = item
        .published_at
        .unwrap_or(item.fetched_at)
        .with_timezone(&crate::clock::time_zone())
        .date_naive();
    if input.title.is_undefined() {
        input.title = MaybeUndefined::Value(item.title.clone());
    }
    if input.title_zh.is_undefined()
        && let Some(title_zh) = &item.title_zh
    {
        input.title_zh = MaybeUndefined::Value(title_zh.clone());
    }
    if input.summary.is_undefined()
        && let Some(summary) = &item.summary
    {
        input.summary = MaybeUndefined::Value(summary.clone());
    }
    if input.occurred_on.is_undefined() {
        input.occurred_on = MaybeUndefined::Value(Date(day));
    }
    if input.event_type.is_undefined() {
        input.event_type =
            MaybeUndefined::Value(item.suggested_type.unwrap_or(EventType::ProductLaunch));
    }
    if input.source_urls.is_undefined() && !item.source_urls.0.is_empty() {
        input.source_urls = MaybeUndefined::Value(item.source_urls.0.clone());
    }
    let links = |kind: MatchKind, id_kind: Kind| {
        matches
            .iter()
            .filter(|m| m.kind == kind)
            .map(|m| EventLinkInput {
                id: ids::encode(id_kind, m.record_id),
                role: EventRole::Subject,
            })
            .collect::<Vec<_>>()
    };
    if input.companies.is_undefined() {
        input.companies = MaybeUndefined::Value(links(MatchKind::Company, Kind::Company));
    }
    if input.models.is_undefined() {
        input.models = MaybeUndefined::Value(links(MatchKind::Model, Kind::Model));
    }
    if input.products.is_undefined() {
        input.products = MaybeUndefined::Value(links(MatchKind::Product, Kind::Product));
    }
    if input.slug.is_undefined() {
        let title = match &input.title {
            MaybeUndefined::Value(t) => t.clone(),
            _ => item.title.clone(),
        };
        let occurred = match &input.occurred_on {
            MaybeUndefined::Value(d) => d.0,
            _ => day,
        };
        input.slug = MaybeUndefined::Value(slug_for(occurred, &title, item.id));
    }
    input
}

/// `YYYY-MM-DD-words-of-the-title`, or `…-inbox-<id>` for a title with no Latin words.
fn slug_for(day: chrono::NaiveDate, title: &str, id: i64) -> String {
    let words: Vec<String> = title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(8)
        .map(str::to_ascii_lowercase)
        .collect();
    let tail = if words.is_empty() {
        format!("inbox-{id}")
    } else {
        format!("{}-{id}", words.join("-"))
    };
    format!("{day}-{tail}")
}
