//! `priceChanges(from:, to:, currency:)`: what changed in a window, telling a real price
//! change (a new row that replaced one in force) from a data correction (an edit of a row).
//! Bounded: at most [`MAX_DAYS`] days and [`MAX_CHANGES`] changes per answer, refused past
//! either with a message that says how to narrow the window.

use async_graphql::{Context, Enum, Object, Result, SimpleObject};
use chrono::{NaiveDate, NaiveTime, TimeZone};
use entities::{RevisionAction, price, revision};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::Price;
use crate::{
    error::ApiError,
    graphql::{
        context::db,
        money::Money,
        scalars::{Date, Decimal},
    },
    service::prices::{percent_change, terms},
};

/// What kind of change a price went through.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum PriceChangeKind {
    /// A new row replaced the row in force with the same terms: the vendor changed its price.
    Change,
    /// A new row with no earlier row of the same terms: a new price.
    New,
    /// An existing row's amount was edited: the team corrected a wrong figure.
    Correction,
}

/// One change in a window.
#[derive(SimpleObject)]
#[graphql(complex)]
pub struct PriceChange {
    /// What kind of change.
    pub kind: PriceChangeKind,
    /// The day it took effect (a change or new price) or was made (a correction).
    pub on: Date,
    /// The row as it is now.
    pub price: Price,
    /// The amount before, in the vendor's currency; null for a new price.
    pub old_amount: Option<Money>,
    /// The amount after, in the vendor's currency.
    pub new_amount: Money,
    /// `(new - old) / old` in percent, rounded to 2 places; null for a new price or from 0.
    pub percent_change: Option<Decimal>,
}

#[async_graphql::ComplexObject]
impl PriceChange {
    /// The amount before in `currency` at the rate of the change's day; null when there is
    /// no rate (unlike `converted`, which is an error then), for reports that must not fail.
    async fn old_amount_in(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "ISO 4217 code.")] currency: String,
    ) -> Option<Money> {
        match &self.old_amount {
            Some(old) => old.convert(ctx, &currency, None).await.ok(),
            None => None,
        }
    }

    /// The amount after in `currency` at the rate of the change's day; null when there is
    /// no rate.
    async fn new_amount_in(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "ISO 4217 code.")] currency: String,
    ) -> Option<Money> {
        self.new_amount.convert(ctx, &currency, None).await.ok()
    }
}

/// Reading what changed.
#[derive(Default)]
pub struct PriceChangeQuery;

/// The most changes one call lists; a window holding more is refused, naming what to narrow.
pub const MAX_CHANGES: usize = 500;

/// The longest window one call reads, in days.
pub const MAX_DAYS: i64 = 366;

#[Object]
impl PriceChangeQuery {
    /// Price changes, new prices and corrections in [from, to), newest first. The window is
    /// at most 366 days and may hold at most 500 changes; a larger one is refused with
    /// BAD_USER_INPUT saying how many it holds, so a report narrows it (a month, a quarter)
    /// rather than getting a silently cut list. With `currency`, amounts are converted at the
    /// rate of each change's day, so the percentage is the vendor's change, not the exchange
    /// rate's.
    #[graphql(complexity = "100 * child_complexity")]
    async fn price_changes(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "First day of the window (inclusive).")] from: Date,
        #[graphql(desc = "Day after the window (exclusive).")] to: Date,
        #[graphql(
            desc = "ISO 4217 code to express the amounts in; the vendor's own when left out."
        )]
        currency: Option<String>,
    ) -> Result<Vec<PriceChange>> {
        let days = (to.0 - from.0).num_days();
        if days > MAX_DAYS {
            return Err(ApiError::bad_input(format!(
                "the window {} to {} spans {days} days; priceChanges reads at most {MAX_DAYS} days at a time: ask year by year",
                from.0, to.0
            ))
            .into());
        }
        let mut changes = changes_between(ctx, from, to).await?;
        if changes.len() > MAX_CHANGES {
            return Err(ApiError::bad_input(format!(
                "the window {} to {} holds more than {MAX_CHANGES} price changes, the most one answer lists: narrow it (a month, a quarter)",
                from.0, to.0
            ))
            .into());
        }
        changes.sort_by_key(|c| std::cmp::Reverse((c.on, c.price.0.id)));
        if let Some(currency) = currency {
            convert_all(ctx, &mut changes, &currency).await?;
        }
        Ok(changes)
    }
}

/// Changes, new prices and corrections in [from, to), in the vendors' currencies; at most
/// [`MAX_CHANGES`] + 1 of each kind are read, so a caller can tell "too many" without
/// holding them all.
pub async fn changes_between(ctx: &Context<'_>, from: Date, to: Date) -> Result<Vec<PriceChange>> {
    if to.0 <= from.0 {
        return Err(ApiError::bad_input("`to` must be after `from`").into());
    }
    let db = db(ctx);
    let bound = (MAX_CHANGES + 1) as u64;
    let started = price::Entity::find()
        .filter(price::Column::DeletedAt.is_null())
        .filter(price::Column::EffectiveFrom.gte(from.0))
        .filter(price::Column::EffectiveFrom.lt(to.0))
        .order_by_desc(price::Column::EffectiveFrom)
        .order_by_desc(price::Column::Id)
        .limit(bound)
        .all(db)
        .await?;
    // The rows they replaced end where they start: on one of their first days.
    let days: Vec<NaiveDate> = {
        let mut days: Vec<NaiveDate> = started.iter().map(|p| p.effective_from).collect();
        days.dedup();
        days
    };
    let ended = if days.is_empty() {
        Vec::new()
    } else {
        price::Entity::find()
            .filter(price::Column::DeletedAt.is_null())
            .filter(price::Column::EffectiveTo.is_in(days))
            .all(db)
            .await?
    };
    let mut changes: Vec<PriceChange> = started
        .into_iter()
        .map(|new| {
            let before = ended.iter().find(|old| {
                old.effective_to == Some(new.effective_from) && terms(old) == terms(&new)
            });
            let on = new.effective_from;
            PriceChange {
                kind: if before.is_some() {
                    PriceChangeKind::Change
                } else {
                    PriceChangeKind::New
                },
                on: Date(on),
                old_amount: before.map(|old| Money::new(old.amount, &old.currency, Some(on))),
                new_amount: Money::new(new.amount, &new.currency, Some(on)),
                percent_change: before
                    .and_then(|old| percent_change(old.amount.0, new.amount.0))
                    .map(|p| Decimal(p.into())),
                price: Price(new),
            }
        })
        .collect();

    // Corrections: edits of an amount recorded in the window, days in the team's time zone.
    let tz = crate::clock::time_zone();
    let midnight = |day: NaiveDate| {
        tz.from_local_datetime(&day.and_time(NaiveTime::MIN))
            .earliest()
            .map(|t| t.with_timezone(&chrono::Utc))
            .unwrap_or_else(|| day.and_time(NaiveTime::MIN).and_utc())
    };
    let (start, end) = (midnight(from.0), midnight(to.0));
    let edits = revision::Entity::find()
        .filter(revision::Column::EntityType.eq("Price"))
        .filter(revision::Column::Action.eq(RevisionAction::Update))
        .filter(revision::Column::At.gte(start))
        .filter(revision::Column::At.lt(end))
        .order_by_asc(revision::Column::Id)
        .limit(bound)
        .all(db)
        .await?;
    let edited: Vec<&revision::Model> = edits
        .iter()
        .filter(|r| {
            let amount =
                |v: &Option<serde_json::Value>| v.as_ref().and_then(|v| v.get("amount")).cloned();
            amount(&r.before) != amount(&r.after)
        })
        .collect();
    if !edited.is_empty() {
        let rows = price::Entity::find()
            .filter(price::Column::Id.is_in(edited.iter().map(|r| r.entity_id)))
            .filter(price::Column::DeletedAt.is_null())
            .all(db)
            .await?;
        for edit in edited {
            let Some(row) = rows.iter().find(|p| p.id == edit.entity_id) else {
                continue;
            };
            let amount = |v: &Option<serde_json::Value>| {
                v.as_ref()
                    .and_then(|v| v.get("amount"))
                    .and_then(|a| a.as_str())
                    .and_then(|a| a.parse::<entities::Dec>().ok())
            };
            let (Some(old), Some(new)) = (amount(&edit.before), amount(&edit.after)) else {
                continue;
            };
            let on: NaiveDate = edit.at.with_timezone(&tz).date_naive();
            changes.push(PriceChange {
                kind: PriceChangeKind::Correction,
                on: Date(on),
                old_amount: Some(Money::new(old, &row.currency, Some(on))),
                new_amount: Money::new(new, &row.currency, Some(on)),
                percent_change: percent_change(old.0, new.0).map(|p| Decimal(p.into())),
                price: Price(row.clone()),
            });
        }
    }
    Ok(changes)
}

/// Expresses every amount in `currency`, at the rate of its change's day. The conversions
/// run together, so the rates loader reads all their rates in one statement.
async fn convert_all(ctx: &Context<'_>, changes: &mut [PriceChange], currency: &str) -> Result<()> {
    let converted = futures::future::try_join_all(changes.iter().map(|change| async move {
        let new = change.new_amount.convert(ctx, currency, None).await?;
        let old = match &change.old_amount {
            Some(old) => Some(old.convert(ctx, currency, None).await?),
            None => None,
        };
        Ok::<_, async_graphql::Error>((new, old))
    }))
    .await?;
    for (change, (new, old)) in changes.iter_mut().zip(converted) {
        change.new_amount = new;
        change.old_amount = old;
    }
    Ok(())
}
