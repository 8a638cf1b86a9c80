//! Writing what should be told, in the caller's transaction.
//!
//! No message for history: a price change tells only when it takes effect within the last
//! [`PRICE_DAYS`] days or later, an event only when it happened within the last
//! [`EVENT_DAYS`] days. Seeding an empty database writes no message at all (the seed importer
//! does not call these).

use chrono::{Duration, Utc};
use entities::{
    StringList, WebhookTopic, company, event, event_company, model, offering, outbox, price,
};
use sea_orm::{
    ActiveModelTrait,
    ActiveValue::{NotSet, Set},
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter,
};
use serde_json::{Value, json};

/// How recent a price change must be to tell.
pub const PRICE_DAYS: i64 = 7;
/// How recent an event must be to tell.
pub const EVENT_DAYS: i64 = 14;

/// Writes one message.
pub async fn record(
    db: &impl ConnectionTrait,
    topic: WebhookTopic,
    payload: Value,
    companies: Vec<String>,
    importance: Option<i32>,
) -> Result<(), DbErr> {
    outbox::ActiveModel {
        id: NotSet,
        topic: Set(topic),
        payload: Set(payload),
        companies: Set(StringList(companies)),
        importance: Set(importance),
        created_at: Set(Utc::now()),
        dispatched_at: Set(None),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// A new price row: PRICE_CHANGED when it takes effect recently or later.
pub async fn price_created(db: &impl ConnectionTrait, p: &price::Model) -> Result<(), DbErr> {
    if p.effective_from < crate::clock::today() - Duration::days(PRICE_DAYS) {
        return Ok(());
    }
    let Some(offering_id) = p.offering_id else {
        return Ok(());
    };
    let Some(o) = offering::Entity::find_by_id(offering_id).one(db).await? else {
        return Ok(());
    };
    let m = model::Entity::find_by_id(o.model_id).one(db).await?;
    let provider = company::Entity::find_by_id(o.provider_id).one(db).await?;
    let maker = match &m {
        Some(m) => company::Entity::find_by_id(m.company_id).one(db).await?,
        None => None,
    };
    // The row this one closed, if any: the old amount.
    let previous = price::Entity::find()
        .filter(price::Column::OfferingId.eq(offering_id))
        .filter(price::Column::Dimension.eq(p.dimension))
        .filter(price::Column::Mode.eq(p.mode))
        .filter(price::Column::EffectiveTo.eq(p.effective_from))
        .filter(price::Column::DeletedAt.is_null())
        .one(db)
        .await?;
    let mut companies: Vec<String> = provider
        .iter()
        .chain(maker.iter())
        .map(|c| c.slug.clone())
        .collect();
    companies.dedup();
    let payload = json!({
        "priceId": p.id,
        "provider": provider.as_ref().map(|c| json!({ "slug": c.slug, "name": c.name, "nameZh": c.name_zh })),
        "model": m.as_ref().map(|m| json!({ "slug": m.slug, "name": m.name, "nameZh": m.name_zh })),
        "apiModelId": o.api_model_id,
        "region": o.region,
        "dimension": p.dimension.as_str(),
        "unit": p.unit.as_str(),
        "unitQuantity": p.unit_quantity,
        "amount": p.amount.to_string(),
        "currency": p.currency,
        "previousAmount": previous.as_ref().map(|old| old.amount.to_string()),
        "previousCurrency": previous.as_ref().map(|old| old.currency.clone()),
        "effectiveFrom": p.effective_from.to_string(),
        "sourceUrl": p.source_url,
    });
    record(db, WebhookTopic::PriceChanged, payload, companies, None).await
}

/// A new event: EVENT_CREATED when it happened recently.
pub async fn event_created(db: &impl ConnectionTrait, e: &event::Model) -> Result<(), DbErr> {
    if e.occurred_on < crate::clock::today() - Duration::days(EVENT_DAYS) {
        return Ok(());
    }
    let linked: Vec<i64> = event_company::Entity::find()
        .filter(event_company::Column::EventId.eq(e.id))
        .all(db)
        .await?
        .into_iter()
        .map(|l| l.company_id)
        .collect();
    let companies = company::Entity::find()
        .filter(company::Column::Id.is_in(linked))
        .all(db)
        .await?;
    let payload = json!({
        "eventId": e.id,
        "slug": e.slug,
        "occurredOn": e.occurred_on.to_string(),
        "type": e.event_type.as_str(),
        "title": e.title,
        "titleZh": e.title_zh,
        "summary": e.summary,
        "importance": e.importance,
        "sourceUrls": e.source_urls.0,
        "companies": companies.iter().map(|c| json!({ "slug": c.slug, "name": c.name, "nameZh": c.name_zh })).collect::<Vec<_>>(),
    });
    record(
        db,
        WebhookTopic::EventCreated,
        payload,
        companies.into_iter().map(|c| c.slug).collect(),
        Some(e.importance),
    )
    .await
}
