//! The GraphQL output types of the price records: Price, FreeQuota, SubscriptionPlan and
//! CreditCost, with their subjects and money.

use async_graphql::{Context, ID, Object, Result, SimpleObject};
use entities::{
    BillingPeriod, PriceDimension, PriceMode, PriceUnit, QuotaPeriod, credit_cost, free_quota,
    price, subscription_plan,
};

use crate::graphql::{
    ids::{self, Kind},
    loaders::{all, many, one},
    model::Model,
    money::Money,
    offering::Offering,
    pagination::Listed,
    product::Product,
    scalars::{Date, DateTime, Decimal},
    {context::loaders, provenance::Provenance},
};

#[derive(Clone)]
pub struct Price(pub price::Model);

impl Listed for Price {
    const NAME: &'static str = "Price";
}

/// A time-of-day window a price applies in (off-peak discounts).
#[derive(SimpleObject)]
pub struct TimeWindow {
    /// Start, `HH:MM`, inclusive.
    pub start: String,
    /// End, `HH:MM`, exclusive; before `start` when the window crosses midnight.
    pub end: String,
    /// IANA time zone of the window, e.g. "Asia/Shanghai".
    pub time_zone: Option<String>,
}

/// The typed conditions under which a price applies; null means "any".
#[derive(SimpleObject)]
pub struct PriceConditions {
    /// Standard calls or batch jobs.
    pub mode: PriceMode,
    /// Context tier: the least input tokens this price applies to.
    pub min_input_tokens: Option<i64>,
    /// Context tier: the most input tokens this price applies to.
    pub max_input_tokens: Option<i64>,
    /// Whether reaching the tier prices the whole request (true) or only the tokens in it.
    pub tier_prices_whole_request: Option<bool>,
    /// Cache lifetime in seconds, for cache prices.
    pub cache_ttl_seconds: Option<i64>,
    /// Time-of-day window, for off-peak prices.
    pub window: Option<TimeWindow>,
    /// Resolution, for media, e.g. "1080p".
    pub resolution: Option<String>,
    /// Quality or mode, for media, e.g. "hd".
    pub quality: Option<String>,
    /// Duration in seconds, for media priced per clip.
    pub duration_seconds: Option<i64>,
}

/// One price: what is paid for, how much per how many units, under which conditions, when.
///
/// Rows are never overwritten by a price change: a change closes the old row
/// (`effectiveTo`) and opens a new one.
#[Object]
impl Price {
    /// Opaque global id.
    pub async fn id(&self) -> ID {
        ids::encode(Kind::Price, self.0.id)
    }

    /// The offering charged, for API prices.
    async fn offering(&self, ctx: &Context<'_>) -> Result<Option<Offering>> {
        match self.0.offering_id {
            Some(id) => Ok(one(&loaders(ctx).offerings, id).await?.map(Offering)),
            None => Ok(None),
        }
    }

    /// The product charged, for app plans and per-use fees.
    async fn product(&self, ctx: &Context<'_>) -> Result<Option<Product>> {
        match self.0.product_id {
            Some(id) => Ok(one(&loaders(ctx).products, id).await?.map(Product)),
            None => Ok(None),
        }
    }

    /// What is paid for.
    async fn dimension(&self) -> PriceDimension {
        self.0.dimension
    }

    /// The unit the vendor prices in.
    async fn unit(&self) -> PriceUnit {
        self.0.unit
    }

    /// How many units the amount buys, as published (1000 for "per 1K tokens").
    async fn unit_quantity(&self) -> i64 {
        self.0.unit_quantity
    }

    /// The amount in the vendor's own currency, for `unitQuantity` units.
    async fn amount(&self) -> Money {
        Money::new(self.0.amount, &self.0.currency, Some(self.0.effective_from))
    }

    /// Whether the amount includes tax; null where unknown.
    async fn tax_included(&self) -> Option<bool> {
        self.0.tax_included
    }

    /// The conditions it applies under.
    async fn conditions(&self) -> PriceConditions {
        let row = &self.0;
        PriceConditions {
            mode: row.mode,
            min_input_tokens: row.min_input_tokens,
            max_input_tokens: row.max_input_tokens,
            tier_prices_whole_request: row.tier_prices_whole_request,
            cache_ttl_seconds: row.cache_ttl_seconds,
            window: match (&row.window_start, &row.window_end) {
                (Some(start), Some(end)) => Some(TimeWindow {
                    start: start.clone(),
                    end: end.clone(),
                    time_zone: row.window_time_zone.clone(),
                }),
                _ => None,
            },
            resolution: row.resolution.clone(),
            quality: row.quality.clone(),
            duration_seconds: row.duration_seconds,
        }
    }

    /// First day in effect (inclusive).
    async fn effective_from(&self) -> Date {
        Date(self.0.effective_from)
    }

    /// Day it stopped being in effect (exclusive); null while it still is.
    async fn effective_to(&self) -> Option<Date> {
        self.0.effective_to.map(Date)
    }

    /// Whether it is a promotion.
    async fn is_promotion(&self) -> bool {
        self.0.is_promotion
    }

    /// Last day of the promotion.
    async fn promotion_ends_on(&self) -> Option<Date> {
        self.0.promotion_ends_on.map(Date)
    }

    /// Last day it was checked against the source.
    async fn verified_on(&self) -> Option<Date> {
        self.0.verified_on.map(Date)
    }

    /// Team-only notes. Viewers and up.
    #[graphql(guard = "crate::graphql::guards::RoleGuard(entities::Role::Viewer)")]
    async fn notes(&self) -> Option<&str> {
        self.0.notes.as_deref()
    }

    /// Where these facts came from.
    async fn provenance(&self) -> Provenance {
        Provenance::new(&self.0.source_url, self.0.observed_on, self.0.confidence)
    }

    /// Bumped on each change; pass it as `expectedVersion` when editing.
    async fn version(&self) -> i32 {
        self.0.version
    }

    /// When the record was created.
    async fn created_at(&self) -> DateTime {
        DateTime(self.0.created_at)
    }

    /// When the record last changed.
    async fn updated_at(&self) -> DateTime {
        DateTime(self.0.updated_at)
    }
}

#[derive(Clone)]
pub struct FreeQuota(pub free_quota::Model);

/// Free units per period on an offering or product — not a price of 0.
#[Object]
impl FreeQuota {
    /// Opaque global id.
    pub async fn id(&self) -> ID {
        ids::encode(Kind::FreeQuota, self.0.id)
    }

    /// What the free units are of.
    async fn dimension(&self) -> PriceDimension {
        self.0.dimension
    }

    /// How many units are free each period.
    async fn quantity(&self) -> Decimal {
        Decimal(self.0.quantity)
    }

    /// The unit.
    async fn unit(&self) -> PriceUnit {
        self.0.unit
    }

    /// How often the quota is granted.
    async fn period(&self) -> QuotaPeriod {
        self.0.period
    }

    /// Days after the grant that it expires, where it does.
    async fn expires_after_days(&self) -> Option<i64> {
        self.0.expires_after_days
    }

    /// Whether only new accounts get it.
    async fn new_accounts_only(&self) -> bool {
        self.0.new_accounts_only
    }

    /// First day in effect.
    async fn effective_from(&self) -> Date {
        Date(self.0.effective_from)
    }

    /// Day it stopped (exclusive); null while it still holds.
    async fn effective_to(&self) -> Option<Date> {
        self.0.effective_to.map(Date)
    }

    /// Team-only notes. Viewers and up.
    #[graphql(guard = "crate::graphql::guards::RoleGuard(entities::Role::Viewer)")]
    async fn notes(&self) -> Option<&str> {
        self.0.notes.as_deref()
    }

    /// Where these facts came from.
    async fn provenance(&self) -> Provenance {
        Provenance::new(&self.0.source_url, self.0.observed_on, self.0.confidence)
    }

    /// Bumped on each change.
    async fn version(&self) -> i32 {
        self.0.version
    }

    /// When the record was created.
    async fn created_at(&self) -> DateTime {
        DateTime(self.0.created_at)
    }

    /// When the record last changed.
    async fn updated_at(&self) -> DateTime {
        DateTime(self.0.updated_at)
    }
}

#[derive(Clone)]
pub struct SubscriptionPlan(pub subscription_plan::Model);

/// A product's paid plan, with its usage caps and credits.
#[Object]
impl SubscriptionPlan {
    /// Opaque global id.
    pub async fn id(&self) -> ID {
        ids::encode(Kind::SubscriptionPlan, self.0.id)
    }

    /// Key within its product, e.g. "pro-monthly".
    async fn slug(&self) -> &str {
        &self.0.slug
    }

    /// Name as the vendor shows it, e.g. "Plus".
    async fn name(&self) -> &str {
        &self.0.name
    }

    /// Chinese name.
    async fn name_zh(&self) -> Option<&str> {
        self.0.name_zh.as_deref()
    }

    /// How often it is billed.
    async fn billing_period(&self) -> BillingPeriod {
        self.0.billing_period
    }

    /// The price of one period.
    async fn price(&self) -> Money {
        Money::new(self.0.amount, &self.0.currency, Some(self.0.effective_from))
    }

    /// Whether the price includes tax; null where unknown.
    async fn tax_included(&self) -> Option<bool> {
        self.0.tax_included
    }

    /// The first period's price, where a promotion lowers it.
    async fn first_period_price(&self) -> Option<Money> {
        self.0
            .first_period_amount
            .map(|amount| Money::new(amount, &self.0.currency, Some(self.0.effective_from)))
    }

    /// Usage caps as published ("40 prompts per 5 hours").
    async fn usage_caps(&self) -> Option<&str> {
        self.0.usage_caps.as_deref()
    }

    /// Credits granted each period.
    async fn credits_per_period(&self) -> Option<Decimal> {
        self.0.credits_per_period.map(Decimal)
    }

    /// The models it includes.
    #[graphql(complexity = "10 * child_complexity")]
    async fn models(&self, ctx: &Context<'_>) -> Result<Vec<Model>> {
        let links = all(&loaders(ctx).model_links_by_plan, self.0.id).await?;
        let rows = many(
            &loaders(ctx).models,
            links.into_iter().map(|l| l.model_id).collect(),
        )
        .await?;
        Ok(rows.into_iter().map(Model).collect())
    }

    /// First day in effect.
    async fn effective_from(&self) -> Date {
        Date(self.0.effective_from)
    }

    /// Day it stopped (exclusive); null while it still holds.
    async fn effective_to(&self) -> Option<Date> {
        self.0.effective_to.map(Date)
    }

    /// Team-only notes. Viewers and up.
    #[graphql(guard = "crate::graphql::guards::RoleGuard(entities::Role::Viewer)")]
    async fn notes(&self) -> Option<&str> {
        self.0.notes.as_deref()
    }

    /// Where these facts came from.
    async fn provenance(&self) -> Provenance {
        Provenance::new(&self.0.source_url, self.0.observed_on, self.0.confidence)
    }

    /// Bumped on each change.
    async fn version(&self) -> i32 {
        self.0.version
    }

    /// When the record was created.
    async fn created_at(&self) -> DateTime {
        DateTime(self.0.created_at)
    }

    /// When the record last changed.
    async fn updated_at(&self) -> DateTime {
        DateTime(self.0.updated_at)
    }
}

#[derive(Clone)]
pub struct CreditCost(pub credit_cost::Model);

/// How many of a product's credits a unit of work takes (可灵 灵感值, Runway credits).
#[Object]
impl CreditCost {
    /// Opaque global id.
    pub async fn id(&self) -> ID {
        ids::encode(Kind::CreditCost, self.0.id)
    }

    /// The model doing the work, where the vendor says.
    async fn model(&self, ctx: &Context<'_>) -> Result<Option<Model>> {
        match self.0.model_id {
            Some(id) => Ok(one(&loaders(ctx).models, id).await?.map(Model)),
            None => Ok(None),
        }
    }

    /// The work, as the vendor names it ("5 s video, 1080p").
    async fn work(&self) -> &str {
        &self.0.work
    }

    /// The unit of work.
    async fn unit(&self) -> PriceUnit {
        self.0.unit
    }

    /// How many units the credits buy.
    async fn unit_quantity(&self) -> i64 {
        self.0.unit_quantity
    }

    /// Credits it takes.
    async fn credits(&self) -> Decimal {
        Decimal(self.0.credits)
    }

    /// Resolution, e.g. "1080p".
    async fn resolution(&self) -> Option<&str> {
        self.0.resolution.as_deref()
    }

    /// Quality or mode.
    async fn quality(&self) -> Option<&str> {
        self.0.quality.as_deref()
    }

    /// Duration in seconds.
    async fn duration_seconds(&self) -> Option<i64> {
        self.0.duration_seconds
    }

    /// First day in effect.
    async fn effective_from(&self) -> Date {
        Date(self.0.effective_from)
    }

    /// Day it stopped (exclusive); null while it still holds.
    async fn effective_to(&self) -> Option<Date> {
        self.0.effective_to.map(Date)
    }

    /// Team-only notes. Viewers and up.
    #[graphql(guard = "crate::graphql::guards::RoleGuard(entities::Role::Viewer)")]
    async fn notes(&self) -> Option<&str> {
        self.0.notes.as_deref()
    }

    /// Where these facts came from.
    async fn provenance(&self) -> Provenance {
        Provenance::new(&self.0.source_url, self.0.observed_on, self.0.confidence)
    }

    /// Bumped on each change.
    async fn version(&self) -> i32 {
        self.0.version
    }

    /// When the record was created.
    async fn created_at(&self) -> DateTime {
        DateTime(self.0.created_at)
    }

    /// When the record last changed.
    async fn updated_at(&self) -> DateTime {
        DateTime(self.0.updated_at)
    }
}
