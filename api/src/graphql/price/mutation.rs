//! Editing prices: the price row's fields, how a new row closes the one in force, and the
//! price mutations.

use async_graphql::{ID, InputObject, MaybeUndefined};
use async_trait::async_trait;
use chrono::Utc;
use entities::{
    PriceDimension, PriceMode, PriceUnit, RevisionAction, price, record::terms::PriceOf,
};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, DatabaseTransaction, EntityTrait, IntoActiveModel,
    PaginatorTrait, QueryFilter, QueryOrder,
};

use super::{
    Price,
    subject::{lock_subject, subject},
};
use crate::graphql::validate::{ProvenanceInput, optional, optional_date, text};
use crate::{
    error::ApiError,
    graphql::{
        editing::mutations,
        ids::Kind,
        scalars::{Date, Decimal},
    },
    service::{
        editing::{Actor, Apply, EditSpec, record},
        user_errors::{Errors, UserErrorCode},
    },
};

/// A price row's fields. Creating needs a subject (`offeringId` or `productId`),
/// `dimension`, `unit`, `unitQuantity`, `amount`, `currency` and `effectiveFrom`. Creating a
/// row for the same subject, dimension and conditions as the row in force closes that row
/// the day before the new one starts: a price change is history. Updating a row corrects it.
#[derive(InputObject, Default)]
pub struct PriceInput {
    /// Id of the offering charged (API prices).
    pub offering_id: MaybeUndefined<ID>,
    /// Id of the product charged (app plans, per-use fees).
    pub product_id: MaybeUndefined<ID>,
    /// What is paid for.
    pub dimension: MaybeUndefined<PriceDimension>,
    /// The unit the vendor prices in.
    pub unit: MaybeUndefined<PriceUnit>,
    /// How many units the amount buys, as published (1000000 for "per 1M tokens").
    pub unit_quantity: MaybeUndefined<i64>,
    /// The amount in the vendor's currency, exact, 0 or more.
    pub amount: MaybeUndefined<Decimal>,
    /// ISO 4217 code of the amount.
    pub currency: MaybeUndefined<String>,
    /// Whether the amount includes tax.
    pub tax_included: MaybeUndefined<bool>,
    /// Standard calls or batch jobs (STANDARD by default).
    pub mode: MaybeUndefined<PriceMode>,
    /// Context tier: the least input tokens this price applies to.
    pub min_input_tokens: MaybeUndefined<i64>,
    /// Context tier: the most input tokens this price applies to.
    pub max_input_tokens: MaybeUndefined<i64>,
    /// Whether reaching the tier prices the whole request.
    pub tier_prices_whole_request: MaybeUndefined<bool>,
    /// Cache lifetime in seconds, for cache prices.
    pub cache_ttl_seconds: MaybeUndefined<i64>,
    /// Time-of-day window start, HH:MM.
    pub window_start: MaybeUndefined<String>,
    /// Time-of-day window end, HH:MM (exclusive).
    pub window_end: MaybeUndefined<String>,
    /// IANA time zone of the window, e.g. "Asia/Shanghai".
    pub window_time_zone: MaybeUndefined<String>,
    /// Resolution, for media.
    pub resolution: MaybeUndefined<String>,
    /// Quality or mode, for media.
    pub quality: MaybeUndefined<String>,
    /// Duration in seconds, for media priced per clip.
    pub duration_seconds: MaybeUndefined<i64>,
    /// First day in effect.
    pub effective_from: MaybeUndefined<Date>,
    /// Day it stopped (exclusive); leave empty while it holds.
    pub effective_to: MaybeUndefined<Date>,
    /// Whether it is a promotion (false by default).
    pub is_promotion: MaybeUndefined<bool>,
    /// Last day of the promotion.
    pub promotion_ends_on: MaybeUndefined<Date>,
    /// Last day it was checked against the source.
    pub verified_on: MaybeUndefined<Date>,
    /// Team-only notes.
    pub notes: MaybeUndefined<String>,
    /// Where the facts come from.
    #[graphql(flatten)]
    pub provenance: ProvenanceInput,
}

/// Live rows of the same subject, dimension and conditions as `m`, other than `m`.
fn same_terms(m: &price::Model) -> sea_orm::Select<price::Entity> {
    price::Entity::find()
        .filter(PriceOf::of(m).condition())
        .filter(price::Column::DeletedAt.is_null())
        .filter(price::Column::Id.ne(m.id))
}

#[async_trait]
impl EditSpec for price::Entity {
    type Input = PriceInput;
    type Links = ();

    async fn apply(
        cx: &mut Apply<'_>,
        m: &mut price::Model,
        input: PriceInput,
    ) -> Result<(), ApiError> {
        subject(
            cx,
            (&mut m.offering_id, &mut m.product_id),
            input.offering_id,
            input.product_id,
        )
        .await?;
        lock_subject(cx.txn, m.offering_id, m.product_id).await?;
        cx.required("dimension", &mut m.dimension, input.dimension);
        cx.required("unit", &mut m.unit, input.unit);
        cx.required("unitQuantity", &mut m.unit_quantity, input.unit_quantity);
        cx.required("amount", &mut m.amount, input.amount.map_value(|d| d.0));
        cx.required(
            "currency",
            &mut m.currency,
            text(input.currency).map_value(|c| c.to_uppercase()),
        );
        optional(&mut m.tax_included, input.tax_included);
        cx.defaulted("mode", &mut m.mode, input.mode);
        optional(&mut m.min_input_tokens, input.min_input_tokens);
        optional(&mut m.max_input_tokens, input.max_input_tokens);
        optional(
            &mut m.tier_prices_whole_request,
            input.tier_prices_whole_request,
        );
        optional(&mut m.cache_ttl_seconds, input.cache_ttl_seconds);
        optional(&mut m.window_start, text(input.window_start));
        optional(&mut m.window_end, text(input.window_end));
        optional(&mut m.window_time_zone, text(input.window_time_zone));
        optional(&mut m.resolution, text(input.resolution));
        optional(&mut m.quality, text(input.quality));
        optional(&mut m.duration_seconds, input.duration_seconds);
        cx.required(
            "effectiveFrom",
            &mut m.effective_from,
            input.effective_from.map_value(|d| d.0),
        );
        optional_date(&mut m.effective_to, input.effective_to);
        cx.defaulted("isPromotion", &mut m.is_promotion, input.is_promotion);
        optional_date(&mut m.promotion_ends_on, input.promotion_ends_on);
        optional_date(&mut m.verified_on, input.verified_on);
        optional(&mut m.notes, text(input.notes));
        cx.provenance(input.provenance, m);

        // Backfilling history: a new open row that starts before a later one ends there.
        if cx.creating && cx.errors.is_empty() && m.effective_to.is_none() {
            let next = same_terms(m)
                .filter(price::Column::EffectiveFrom.gt(m.effective_from))
                .order_by_asc(price::Column::EffectiveFrom)
                .one(cx.txn)
                .await?;
            m.effective_to = next.map(|n| n.effective_from);
        }
        Ok(())
    }

    async fn unique(
        txn: &DatabaseTransaction,
        m: &price::Model,
        errors: &mut Errors,
    ) -> Result<(), ApiError> {
        let count = same_terms(m)
            .filter(price::Column::EffectiveFrom.eq(m.effective_from))
            .count(txn)
            .await?;
        if count > 0 {
            errors.add(
                &["input", "effectiveFrom"],
                UserErrorCode::Taken,
                "a price with these terms already starts on this day: correct that row with updatePrice instead",
            );
        }
        Ok(())
    }

    /// An open-ended new row replaces the row in force with the same terms: that row ends
    /// where the new one starts. A row with an end date overlays it instead.
    async fn notify(txn: &DatabaseTransaction, m: &price::Model) -> Result<(), ApiError> {
        Ok(crate::notify::outbox::price_created(txn, m).await?)
    }

    async fn after_create(
        txn: &DatabaseTransaction,
        m: &price::Model,
        actor: &Actor,
    ) -> Result<(), ApiError> {
        // A row with its own end (a promotion, a limited offer) overlays the row in force.
        if m.effective_to.is_some() {
            return Ok(());
        }
        let open = same_terms(m)
            .filter(price::Column::EffectiveFrom.lt(m.effective_from))
            .filter(
                Condition::any()
                    .add(price::Column::EffectiveTo.is_null())
                    .add(price::Column::EffectiveTo.gt(m.effective_from)),
            )
            .all(txn)
            .await?;
        for old in open {
            let before = serde_json::to_value(&old).map_err(|e| ApiError::Internal(e.into()))?;
            let mut closed = old.clone().into_active_model();
            closed.effective_to = Set(Some(m.effective_from));
            closed.version = Set(old.version + 1);
            closed.updated_at = Set(Utc::now());
            let closed = sea_orm::ActiveModelTrait::update(closed, txn).await?;
            let after = serde_json::to_value(&closed).map_err(|e| ApiError::Internal(e.into()))?;
            record(
                txn,
                actor,
                Kind::Price,
                old.id,
                RevisionAction::Update,
                Some(before),
                Some(after),
            )
            .await?;
        }
        Ok(())
    }
}

mutations! {
    entity: price::Entity,
    wrapper: Price,
    kind: Kind::Price,
    input: PriceInput,
    payload: PricePayload { price },
    mutation: PriceMutation { create_price, update_price, delete_price, restore_price },
    what: "price",
}
