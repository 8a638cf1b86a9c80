//! Editing prices, free quotas and subscription plans.

use async_graphql::{ID, InputObject, MaybeUndefined};
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use entities::{
    BillingPeriod, Dec, PriceDimension, PriceMode, PriceUnit, QuotaPeriod, RevisionAction,
    free_quota, offering, plan_model, price, product, subscription_plan,
};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, DatabaseTransaction, EntityTrait, IntoActiveModel,
    PaginatorTrait, QueryFilter, QueryOrder,
};
use serde_json::{Value, json};

use super::{FreeQuota, Price, SubscriptionPlan};
use crate::{
    error::ApiError,
    graphql::{
        editing::mutations,
        ids::Kind,
        product::model_ids,
        scalars::{Date, Decimal},
    },
    service::{
        editing::{Actor, EditSpec, record, replace_links},
        user_errors::{Errors, UserErrorCode},
        validate::{
            self, ProvenanceInput, after, defaulted, optional, optional_date, optional_dec,
            positive, required, text,
        },
    },
};

/// Applies the subject of a price or quota: exactly one of an offering and a product.
async fn subject(
    txn: &DatabaseTransaction,
    errors: &mut Errors,
    offering_id: &mut Option<i64>,
    product_id: &mut Option<i64>,
    offering_input: MaybeUndefined<ID>,
    product_input: MaybeUndefined<ID>,
) -> Result<(), ApiError> {
    validate::optional_reference::<offering::Entity, _>(
        txn,
        errors,
        "offeringId",
        offering_id,
        offering_input,
        Kind::Offering,
        offering::Column::Id,
        Some(offering::Column::DeletedAt),
    )
    .await?;
    validate::optional_reference::<product::Entity, _>(
        txn,
        errors,
        "productId",
        product_id,
        product_input,
        Kind::Product,
        product::Column::Id,
        Some(product::Column::DeletedAt),
    )
    .await?;
    if offering_id.is_some() == product_id.is_some() && errors.is_empty() {
        errors.invalid("offeringId", "give exactly one of `offeringId` (an API price) and `productId` (an app or plan price)");
    }
    Ok(())
}

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

/// Locks the offering or product a price belongs to until the transaction ends, so two
/// editors recording prices for it on PostgreSQL take turns, as they do on SQLite (whose
/// transactions hold the write lock from the start; there the lock clause is left out).
async fn lock_subject(
    txn: &DatabaseTransaction,
    offering_id: Option<i64>,
    product_id: Option<i64>,
) -> Result<(), ApiError> {
    use sea_orm::QuerySelect;
    if let Some(id) = offering_id {
        offering::Entity::find_by_id(id)
            .lock_exclusive()
            .one(txn)
            .await?;
    }
    if let Some(id) = product_id {
        product::Entity::find_by_id(id)
            .lock_exclusive()
            .one(txn)
            .await?;
    }
    Ok(())
}

/// `column = value`, or `column IS NULL` without a value.
fn same<C: ColumnTrait, V: Into<sea_orm::Value>>(column: C, value: Option<V>) -> Condition {
    match value {
        Some(v) => Condition::all().add(column.eq(v)),
        None => Condition::all().add(column.is_null()),
    }
}

/// Live rows of the same subject, dimension and conditions as `m`, other than `m`.
fn same_terms(m: &price::Model) -> sea_orm::Select<price::Entity> {
    price::Entity::find()
        .filter(same(price::Column::OfferingId, m.offering_id))
        .filter(same(price::Column::ProductId, m.product_id))
        .filter(price::Column::Dimension.eq(m.dimension))
        .filter(price::Column::Mode.eq(m.mode))
        .filter(same(price::Column::MinInputTokens, m.min_input_tokens))
        .filter(same(price::Column::MaxInputTokens, m.max_input_tokens))
        .filter(same(price::Column::CacheTtlSeconds, m.cache_ttl_seconds))
        .filter(same(price::Column::WindowStart, m.window_start.clone()))
        .filter(same(price::Column::WindowEnd, m.window_end.clone()))
        .filter(same(price::Column::Resolution, m.resolution.clone()))
        .filter(same(price::Column::Quality, m.quality.clone()))
        .filter(same(price::Column::DurationSeconds, m.duration_seconds))
        .filter(price::Column::DeletedAt.is_null())
        .filter(price::Column::Id.ne(m.id))
}

fn time_of_day(errors: &mut Errors, field: &str, value: &Option<String>) {
    if let Some(v) = value
        && chrono::NaiveTime::parse_from_str(v, "%H:%M").is_err()
    {
        errors.invalid(
            field,
            format!("`{v}` is not a time of day: write HH:MM, e.g. \"00:30\""),
        );
    }
}

#[async_trait]
impl EditSpec for price::Entity {
    type Input = PriceInput;
    type Links = ();

    fn blank(now: DateTime<Utc>) -> price::Model {
        price::Model {
            id: 0,
            offering_id: None,
            product_id: None,
            dimension: PriceDimension::InputTokens,
            unit: PriceUnit::Token,
            unit_quantity: 1,
            amount: Dec::default(),
            currency: String::new(),
            tax_included: None,
            mode: PriceMode::Standard,
            min_input_tokens: None,
            max_input_tokens: None,
            tier_prices_whole_request: None,
            cache_ttl_seconds: None,
            window_start: None,
            window_end: None,
            window_time_zone: None,
            resolution: None,
            quality: None,
            duration_seconds: None,
            effective_from: NaiveDate::MIN,
            effective_to: None,
            is_promotion: false,
            promotion_ends_on: None,
            verified_on: None,
            notes: None,
            source_url: None,
            observed_on: None,
            confidence: None,
            version: 1,
            created_at: now,
            updated_at: now,
            deleted_at: None,
        }
    }

    async fn can_restore(
        txn: &DatabaseTransaction,
        m: &price::Model,
        errors: &mut Errors,
    ) -> Result<(), ApiError> {
        validate::still_live::<offering::Entity, _>(
            txn,
            errors,
            "offeringId",
            m.offering_id,
            offering::Column::Id,
            offering::Column::DeletedAt,
        )
        .await?;
        validate::still_live::<product::Entity, _>(
            txn,
            errors,
            "productId",
            m.product_id,
            product::Column::Id,
            product::Column::DeletedAt,
        )
        .await
    }

    async fn apply(
        txn: &DatabaseTransaction,
        m: &mut price::Model,
        input: PriceInput,
        creating: bool,
        errors: &mut Errors,
    ) -> Result<(), ApiError> {
        subject(
            txn,
            errors,
            &mut m.offering_id,
            &mut m.product_id,
            input.offering_id,
            input.product_id,
        )
        .await?;
        lock_subject(txn, m.offering_id, m.product_id).await?;
        required(
            errors,
            creating,
            "dimension",
            &mut m.dimension,
            input.dimension,
        );
        required(errors, creating, "unit", &mut m.unit, input.unit);
        required(
            errors,
            creating,
            "unitQuantity",
            &mut m.unit_quantity,
            input.unit_quantity,
        );
        positive(errors, "unitQuantity", Some(m.unit_quantity));
        required(
            errors,
            creating,
            "amount",
            &mut m.amount,
            input.amount.map_value(|d| d.0),
        );
        validate::not_negative(errors, "amount", Some(&m.amount));
        required(
            errors,
            creating,
            "currency",
            &mut m.currency,
            text(input.currency).map_value(|c| c.to_uppercase()),
        );
        if !m.currency.is_empty() || !creating {
            validate::currency(errors, "currency", &m.currency);
        }
        optional(&mut m.tax_included, input.tax_included);
        defaulted(errors, "mode", &mut m.mode, input.mode);
        optional(&mut m.min_input_tokens, input.min_input_tokens);
        optional(&mut m.max_input_tokens, input.max_input_tokens);
        if let (Some(min), Some(max)) = (m.min_input_tokens, m.max_input_tokens)
            && max < min
        {
            errors.invalid(
                "maxInputTokens",
                format!("{max} is below minInputTokens {min}"),
            );
        }
        if m.min_input_tokens.is_some_and(|v| v < 0) {
            errors.invalid("minInputTokens", "a token count is 0 or more");
        }
        if m.max_input_tokens.is_some_and(|v| v < 0) {
            errors.invalid("maxInputTokens", "a token count is 0 or more");
        }
        optional(
            &mut m.tier_prices_whole_request,
            input.tier_prices_whole_request,
        );
        optional(&mut m.cache_ttl_seconds, input.cache_ttl_seconds);
        positive(errors, "cacheTtlSeconds", m.cache_ttl_seconds);
        optional(&mut m.window_start, text(input.window_start));
        optional(&mut m.window_end, text(input.window_end));
        optional(&mut m.window_time_zone, text(input.window_time_zone));
        time_of_day(errors, "windowStart", &m.window_start);
        time_of_day(errors, "windowEnd", &m.window_end);
        if m.window_start.is_some() != m.window_end.is_some() {
            errors.invalid(
                "windowEnd",
                "a time-of-day window needs both windowStart and windowEnd",
            );
        }
        optional(&mut m.resolution, text(input.resolution));
        optional(&mut m.quality, text(input.quality));
        optional(&mut m.duration_seconds, input.duration_seconds);
        positive(errors, "durationSeconds", m.duration_seconds);
        required(
            errors,
            creating,
            "effectiveFrom",
            &mut m.effective_from,
            input.effective_from.map_value(|d| d.0),
        );
        optional_date(&mut m.effective_to, input.effective_to);
        after(
            errors,
            ("effectiveTo", m.effective_to),
            ("effectiveFrom", Some(m.effective_from)),
            true,
        );
        defaulted(
            errors,
            "isPromotion",
            &mut m.is_promotion,
            input.is_promotion,
        );
        optional_date(&mut m.promotion_ends_on, input.promotion_ends_on);
        optional_date(&mut m.verified_on, input.verified_on);
        optional(&mut m.notes, text(input.notes));
        input.provenance.apply(
            errors,
            &mut m.source_url,
            &mut m.observed_on,
            &mut m.confidence,
        );

        // Backfilling history: a new open row that starts before a later one ends there.
        if creating && errors.is_empty() && m.effective_to.is_none() {
            let next = same_terms(m)
                .filter(price::Column::EffectiveFrom.gt(m.effective_from))
                .order_by_asc(price::Column::EffectiveFrom)
                .one(txn)
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
                "Price",
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

/// A free quota's fields. Creating needs a subject (`offeringId` or `productId`),
/// `dimension`, `quantity`, `unit`, `period` and `effectiveFrom`.
#[derive(InputObject, Default)]
pub struct FreeQuotaInput {
    /// Id of the offering it comes with.
    pub offering_id: MaybeUndefined<ID>,
    /// Id of the product it comes with.
    pub product_id: MaybeUndefined<ID>,
    /// What the free units are of.
    pub dimension: MaybeUndefined<PriceDimension>,
    /// How many units are free each period, exact, 0 or more.
    pub quantity: MaybeUndefined<Decimal>,
    /// The unit.
    pub unit: MaybeUndefined<PriceUnit>,
    /// How often it is granted.
    pub period: MaybeUndefined<QuotaPeriod>,
    /// Days after the grant that it expires.
    pub expires_after_days: MaybeUndefined<i64>,
    /// Whether only new accounts get it (false by default).
    pub new_accounts_only: MaybeUndefined<bool>,
    /// First day in effect.
    pub effective_from: MaybeUndefined<Date>,
    /// Day it stopped (exclusive).
    pub effective_to: MaybeUndefined<Date>,
    /// Team-only notes.
    pub notes: MaybeUndefined<String>,
    /// Where the facts come from.
    #[graphql(flatten)]
    pub provenance: ProvenanceInput,
}

#[async_trait]
impl EditSpec for free_quota::Entity {
    type Input = FreeQuotaInput;
    type Links = ();

    fn blank(now: DateTime<Utc>) -> free_quota::Model {
        free_quota::Model {
            id: 0,
            offering_id: None,
            product_id: None,
            dimension: PriceDimension::InputTokens,
            quantity: Dec::default(),
            unit: PriceUnit::Token,
            period: QuotaPeriod::Once,
            expires_after_days: None,
            new_accounts_only: false,
            effective_from: NaiveDate::MIN,
            effective_to: None,
            notes: None,
            source_url: None,
            observed_on: None,
            confidence: None,
            version: 1,
            created_at: now,
            updated_at: now,
            deleted_at: None,
        }
    }

    async fn can_restore(
        txn: &DatabaseTransaction,
        m: &free_quota::Model,
        errors: &mut Errors,
    ) -> Result<(), ApiError> {
        validate::still_live::<offering::Entity, _>(
            txn,
            errors,
            "offeringId",
            m.offering_id,
            offering::Column::Id,
            offering::Column::DeletedAt,
        )
        .await?;
        validate::still_live::<product::Entity, _>(
            txn,
            errors,
            "productId",
            m.product_id,
            product::Column::Id,
            product::Column::DeletedAt,
        )
        .await
    }

    async fn apply(
        txn: &DatabaseTransaction,
        m: &mut free_quota::Model,
        input: FreeQuotaInput,
        creating: bool,
        errors: &mut Errors,
    ) -> Result<(), ApiError> {
        subject(
            txn,
            errors,
            &mut m.offering_id,
            &mut m.product_id,
            input.offering_id,
            input.product_id,
        )
        .await?;
        required(
            errors,
            creating,
            "dimension",
            &mut m.dimension,
            input.dimension,
        );
        required(
            errors,
            creating,
            "quantity",
            &mut m.quantity,
            input.quantity.map_value(|d| d.0),
        );
        validate::not_negative(errors, "quantity", Some(&m.quantity));
        required(errors, creating, "unit", &mut m.unit, input.unit);
        required(errors, creating, "period", &mut m.period, input.period);
        optional(&mut m.expires_after_days, input.expires_after_days);
        positive(errors, "expiresAfterDays", m.expires_after_days);
        defaulted(
            errors,
            "newAccountsOnly",
            &mut m.new_accounts_only,
            input.new_accounts_only,
        );
        required(
            errors,
            creating,
            "effectiveFrom",
            &mut m.effective_from,
            input.effective_from.map_value(|d| d.0),
        );
        optional_date(&mut m.effective_to, input.effective_to);
        after(
            errors,
            ("effectiveTo", m.effective_to),
            ("effectiveFrom", Some(m.effective_from)),
            true,
        );
        optional(&mut m.notes, text(input.notes));
        input.provenance.apply(
            errors,
            &mut m.source_url,
            &mut m.observed_on,
            &mut m.confidence,
        );
        Ok(())
    }
}

mutations! {
    entity: free_quota::Entity,
    wrapper: FreeQuota,
    kind: Kind::FreeQuota,
    input: FreeQuotaInput,
    payload: FreeQuotaPayload { free_quota },
    mutation: FreeQuotaMutation { create_free_quota, update_free_quota, delete_free_quota, restore_free_quota },
    what: "free quota",
}

/// A subscription plan's fields. Creating needs `productId`, `slug`, `name`,
/// `billingPeriod`, `amount`, `currency` and `effectiveFrom`.
#[derive(InputObject, Default)]
pub struct SubscriptionPlanInput {
    /// Id of the product.
    pub product_id: MaybeUndefined<ID>,
    /// Key within the product, e.g. "plus".
    pub slug: MaybeUndefined<String>,
    /// Name as the vendor shows it.
    pub name: MaybeUndefined<String>,
    /// Chinese name.
    pub name_zh: MaybeUndefined<String>,
    /// How often it is billed.
    pub billing_period: MaybeUndefined<BillingPeriod>,
    /// Price of one period, exact, 0 or more.
    pub amount: MaybeUndefined<Decimal>,
    /// ISO 4217 code of the price.
    pub currency: MaybeUndefined<String>,
    /// Whether the price includes tax.
    pub tax_included: MaybeUndefined<bool>,
    /// Price of the first period, where a promotion lowers it.
    pub first_period_amount: MaybeUndefined<Decimal>,
    /// Usage caps as published.
    pub usage_caps: MaybeUndefined<String>,
    /// Credits granted each period.
    pub credits_per_period: MaybeUndefined<Decimal>,
    /// Ids of the models it includes (replaces the list).
    pub model_ids: MaybeUndefined<Vec<ID>>,
    /// First day in effect.
    pub effective_from: MaybeUndefined<Date>,
    /// Day it stopped (exclusive).
    pub effective_to: MaybeUndefined<Date>,
    /// Team-only notes.
    pub notes: MaybeUndefined<String>,
    /// Where the facts come from.
    #[graphql(flatten)]
    pub provenance: ProvenanceInput,
}

#[async_trait]
impl EditSpec for subscription_plan::Entity {
    type Input = SubscriptionPlanInput;
    type Links = Option<Vec<i64>>;

    fn blank(now: DateTime<Utc>) -> subscription_plan::Model {
        subscription_plan::Model {
            id: 0,
            product_id: 0,
            slug: String::new(),
            name: String::new(),
            name_zh: None,
            billing_period: BillingPeriod::Month,
            amount: Dec::default(),
            currency: String::new(),
            tax_included: None,
            first_period_amount: None,
            usage_caps: None,
            credits_per_period: None,
            effective_from: NaiveDate::MIN,
            effective_to: None,
            notes: None,
            source_url: None,
            observed_on: None,
            confidence: None,
            version: 1,
            created_at: now,
            updated_at: now,
            deleted_at: None,
        }
    }

    async fn can_restore(
        txn: &DatabaseTransaction,
        m: &subscription_plan::Model,
        errors: &mut Errors,
    ) -> Result<(), ApiError> {
        validate::still_live::<product::Entity, _>(
            txn,
            errors,
            "productId",
            Some(m.product_id),
            product::Column::Id,
            product::Column::DeletedAt,
        )
        .await
    }

    async fn apply(
        txn: &DatabaseTransaction,
        m: &mut subscription_plan::Model,
        input: SubscriptionPlanInput,
        creating: bool,
        errors: &mut Errors,
    ) -> Result<Option<Vec<i64>>, ApiError> {
        validate::required_reference::<product::Entity, _>(
            txn,
            errors,
            creating,
            "productId",
            &mut m.product_id,
            input.product_id,
            Kind::Product,
            product::Column::Id,
            Some(product::Column::DeletedAt),
        )
        .await?;
        required(errors, creating, "slug", &mut m.slug, text(input.slug));
        validate::slug(errors, "slug", &m.slug);
        required(errors, creating, "name", &mut m.name, text(input.name));
        optional(&mut m.name_zh, text(input.name_zh));
        required(
            errors,
            creating,
            "billingPeriod",
            &mut m.billing_period,
            input.billing_period,
        );
        required(
            errors,
            creating,
            "amount",
            &mut m.amount,
            input.amount.map_value(|d| d.0),
        );
        validate::not_negative(errors, "amount", Some(&m.amount));
        required(
            errors,
            creating,
            "currency",
            &mut m.currency,
            text(input.currency).map_value(|c| c.to_uppercase()),
        );
        if !m.currency.is_empty() || !creating {
            validate::currency(errors, "currency", &m.currency);
        }
        optional(&mut m.tax_included, input.tax_included);
        optional_dec(&mut m.first_period_amount, input.first_period_amount);
        validate::not_negative(errors, "firstPeriodAmount", m.first_period_amount.as_ref());
        optional(&mut m.usage_caps, text(input.usage_caps));
        optional_dec(&mut m.credits_per_period, input.credits_per_period);
        validate::not_negative(errors, "creditsPerPeriod", m.credits_per_period.as_ref());
        required(
            errors,
            creating,
            "effectiveFrom",
            &mut m.effective_from,
            input.effective_from.map_value(|d| d.0),
        );
        optional_date(&mut m.effective_to, input.effective_to);
        after(
            errors,
            ("effectiveTo", m.effective_to),
            ("effectiveFrom", Some(m.effective_from)),
            true,
        );
        optional(&mut m.notes, text(input.notes));
        input.provenance.apply(
            errors,
            &mut m.source_url,
            &mut m.observed_on,
            &mut m.confidence,
        );
        Ok(match input.model_ids {
            MaybeUndefined::Value(ids) => Some(model_ids(txn, errors, "modelIds", ids).await?),
            MaybeUndefined::Null => Some(Vec::new()),
            MaybeUndefined::Undefined => None,
        })
    }

    async fn unique(
        txn: &DatabaseTransaction,
        m: &subscription_plan::Model,
        errors: &mut Errors,
    ) -> Result<(), ApiError> {
        let count = subscription_plan::Entity::find()
            .filter(subscription_plan::Column::ProductId.eq(m.product_id))
            .filter(subscription_plan::Column::Slug.eq(&m.slug))
            .filter(subscription_plan::Column::EffectiveFrom.eq(m.effective_from))
            .filter(subscription_plan::Column::DeletedAt.is_null())
            .filter(subscription_plan::Column::Id.ne(m.id))
            .count(txn)
            .await?;
        validate::taken(
            errors,
            "slug",
            count,
            &format!("the plan `{}` starting {}", m.slug, m.effective_from),
        );
        Ok(())
    }

    async fn links(txn: &DatabaseTransaction, id: i64) -> Result<Value, ApiError> {
        let mut models: Vec<i64> = plan_model::Entity::find()
            .filter(plan_model::Column::PlanId.eq(id))
            .all(txn)
            .await?
            .into_iter()
            .map(|l| l.model_id)
            .collect();
        models.sort();
        Ok(json!({ "model_ids": models }))
    }

    async fn write_links(
        txn: &DatabaseTransaction,
        id: i64,
        links: Option<Vec<i64>>,
    ) -> Result<(), ApiError> {
        if let Some(models) = links {
            let rows: Vec<_> = models
                .into_iter()
                .map(|model_id| plan_model::ActiveModel {
                    plan_id: Set(id),
                    model_id: Set(model_id),
                })
                .collect();
            replace_links::<plan_model::Entity>(txn, plan_model::Column::PlanId, id, rows).await?;
        }
        Ok(())
    }
}

mutations! {
    entity: subscription_plan::Entity,
    wrapper: SubscriptionPlan,
    kind: Kind::SubscriptionPlan,
    input: SubscriptionPlanInput,
    payload: SubscriptionPlanPayload { subscription_plan },
    mutation: SubscriptionPlanMutation {
        create_subscription_plan, update_subscription_plan, delete_subscription_plan, restore_subscription_plan
    },
    what: "subscription plan",
}
