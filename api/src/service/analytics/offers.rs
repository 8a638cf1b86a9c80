//! What comparing and estimating both read: offerings with their price rows and free quotas
//! in effect on a day, the exchange rates those rows need, and the headline token prices.

use std::collections::HashMap;

use chrono::NaiveDate;
use entities::{PriceMode, PriceUnit, free_quota, model, offering, price};
use rust_decimal::Decimal as Exact;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
};

use crate::{
    error::ApiError,
    service::money::{RateKey, Rates, rates_for},
};

/// An offering with its price rows and free quotas in effect on the day, newest first.
pub struct Offer {
    pub offering: offering::Model,
    pub prices: Vec<price::Model>,
    pub free_quotas: Vec<free_quota::Model>,
}

/// The rows of a table's `from` and `to` columns in effect on `day`: `from <= day`, and
/// `day < to` or no `to` (the end is excluded), so that only those rows are read.
pub fn in_effect_on<C: ColumnTrait>(from: C, to: C, day: NaiveDate) -> Condition {
    Condition::all()
        .add(from.lte(day))
        .add(Condition::any().add(to.is_null()).add(to.gt(day)))
}

/// A headline token price: standard calls, the first context tier, no time-of-day window,
/// an API offering's.
pub fn is_headline(p: &price::Model) -> bool {
    p.unit == PriceUnit::Token
        && p.mode == PriceMode::Standard
        && p.window_start.is_none()
        && p.min_input_tokens.is_none_or(|min| min == 0)
        && p.offering_id.is_some()
}

/// A token price per 1M tokens, in its own currency.
pub fn per_million(p: &price::Model) -> Exact {
    p.amount.0 * Exact::from(1_000_000) / Exact::from(p.unit_quantity)
}

/// A row's price of one unit, in its own currency.
pub fn unit_price(p: &price::Model) -> Exact {
    p.amount.0 / Exact::from(p.unit_quantity)
}

/// The live models named by `slugs` (in no particular order), or BAD_USER_INPUT naming the
/// slugs no live model has.
pub async fn named_models<C: ConnectionTrait>(
    db: &C,
    slugs: &[String],
) -> Result<Vec<model::Model>, ApiError> {
    let models = model::Entity::find()
        .filter(model::Column::Slug.is_in(slugs.to_vec()))
        .filter(model::Column::DeletedAt.is_null())
        .all(db)
        .await?;
    let unknown: Vec<String> = slugs
        .iter()
        .filter(|s| !models.iter().any(|m| &m.slug == *s))
        .map(|s| format!("`{s}`"))
        .collect();
    if !unknown.is_empty() {
        return Err(ApiError::bad_input(format!(
            "no model with the slug {}",
            unknown.join(", ")
        )));
    }
    Ok(models)
}

/// The live offerings of these models by model, in region order.
pub async fn offerings_of<C: ConnectionTrait>(
    db: &C,
    model_ids: &[i64],
) -> Result<HashMap<i64, Vec<offering::Model>>, DbErr> {
    if model_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows = offering::Entity::find()
        .filter(offering::Column::ModelId.is_in(model_ids.iter().copied()))
        .filter(offering::Column::DeletedAt.is_null())
        .order_by_asc(offering::Column::Region)
        .order_by_asc(offering::Column::Id)
        .all(db)
        .await?;
    let mut by_model: HashMap<i64, Vec<offering::Model>> = HashMap::new();
    for o in rows {
        by_model.entry(o.model_id).or_default().push(o);
    }
    Ok(by_model)
}

/// The live price rows of these offerings — all days, or those in effect on `day` — newest
/// first, by offering (one statement).
pub async fn prices_of<C: ConnectionTrait>(
    db: &C,
    offering_ids: &[i64],
    day: Option<NaiveDate>,
) -> Result<HashMap<i64, Vec<price::Model>>, DbErr> {
    let mut by_offering: HashMap<i64, Vec<price::Model>> = HashMap::new();
    if offering_ids.is_empty() {
        return Ok(by_offering);
    }
    let mut select = price::Entity::find()
        .filter(price::Column::OfferingId.is_in(offering_ids.iter().copied()))
        .filter(price::Column::DeletedAt.is_null());
    if let Some(day) = day {
        select = select.filter(in_effect_on(
            price::Column::EffectiveFrom,
            price::Column::EffectiveTo,
            day,
        ));
    }
    for p in select
        .order_by_desc(price::Column::EffectiveFrom)
        .order_by_asc(price::Column::Id)
        .all(db)
        .await?
    {
        by_offering
            .entry(p.offering_id.unwrap_or_default())
            .or_default()
            .push(p);
    }
    Ok(by_offering)
}

/// These offerings with the rows in effect on `day` (two statements, whatever their
/// number, reading only those rows), in the order given.
pub async fn offers<C: ConnectionTrait>(
    db: &C,
    offerings: Vec<offering::Model>,
    day: NaiveDate,
) -> Result<Vec<Offer>, DbErr> {
    if offerings.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i64> = offerings.iter().map(|o| o.id).collect();
    let mut prices = prices_of(db, &ids, Some(day)).await?;
    let mut quotas: HashMap<i64, Vec<free_quota::Model>> = HashMap::new();
    for q in free_quota::Entity::find()
        .filter(free_quota::Column::OfferingId.is_in(ids))
        .filter(free_quota::Column::DeletedAt.is_null())
        .filter(in_effect_on(
            free_quota::Column::EffectiveFrom,
            free_quota::Column::EffectiveTo,
            day,
        ))
        .order_by_desc(free_quota::Column::EffectiveFrom)
        .order_by_asc(free_quota::Column::Id)
        .all(db)
        .await?
    {
        quotas
            .entry(q.offering_id.unwrap_or_default())
            .or_default()
            .push(q);
    }
    Ok(offerings
        .into_iter()
        .map(|o| Offer {
            prices: prices.remove(&o.id).unwrap_or_default(),
            free_quotas: quotas.remove(&o.id).unwrap_or_default(),
            offering: o,
        })
        .collect())
}

/// The rates that converting `rows` to `to` on `day` needs (one statement, two when some
/// are older than a week).
pub async fn rates_to<'a, C: ConnectionTrait>(
    db: &C,
    rows: impl Iterator<Item = &'a price::Model>,
    to: &str,
    day: NaiveDate,
) -> Result<Rates, DbErr> {
    let mut keys: Vec<RateKey> = rows
        .map(|p| RateKey {
            from: p.currency.clone(),
            to: to.to_owned(),
            on: day,
        })
        .collect();
    keys.sort_by(|a, b| a.from.cmp(&b.from));
    keys.dedup();
    rates_for(db, &keys).await
}
