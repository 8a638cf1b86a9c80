//! `Money` as GraphQL shows it, converting it at the exchange rate of a day, and the loader
//! that finds a request's rates (the plain amount and the query are in `service/money.rs`).

use std::collections::HashMap;

use async_graphql::{Context, Object, Result, dataloader::Loader};
use sea_orm::{DatabaseConnection, DbErr};

use super::{
    context::loaders,
    scalars::{Date, Decimal},
};
pub use crate::service::money::Money;
use crate::service::money::{RateKey, currency_code, missing_rate};
use crate::{
    error::ApiError,
    service::{
        currency::{self, DatedRate},
        money,
    },
};

/// An exact amount in a currency, as published.
#[Object]
impl Money {
    /// The exact amount, e.g. "0.28".
    async fn amount(&self) -> Decimal {
        Decimal(self.amount)
    }

    /// ISO 4217 currency code, e.g. "CNY".
    async fn currency(&self) -> &str {
        &self.currency
    }

    /// For a converted amount, the day of the exchange rate used (for a rate crossed through
    /// USD, the older of its two days); null for an amount as published.
    async fn rate_date(&self) -> Option<Date> {
        self.rate_on.map(Date)
    }

    /// Whether the rate used is more than 7 days older than the day converted for (the
    /// recorded rates end before it): the amount is still given, at that older rate.
    async fn stale(&self) -> bool {
        match (self.rate_on, self.on) {
            (Some(rate_on), Some(day)) => (day - rate_on).num_days() > currency::STALE_AFTER_DAYS,
            _ => false,
        }
    }

    /// The same amount in another currency, at the latest rate recorded on or before `on` —
    /// directly, inverted, or through USD — rounded half-to-even to 8 decimal places.
    /// Without `on`, the amount's own day (a price's first day, an event's date), else
    /// today. A rate older than 7 days is used and flagged `stale` (with its `rateDate`);
    /// `maxRateAgeDays` refuses older ones. No rate at all is a NO_EXCHANGE_RATE error
    /// naming the pair and day.
    async fn converted(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "ISO 4217 code of the currency wanted, e.g. \"CNY\".")] currency: String,
        #[graphql(desc = "The day whose rate to use.")] on: Option<Date>,
        #[graphql(
            desc = "Refuse (NO_EXCHANGE_RATE) a rate recorded more than this many days before the day; any age by default."
        )]
        max_rate_age_days: Option<i32>,
    ) -> Result<Money> {
        if max_rate_age_days.is_some_and(|d| d < 0) {
            return Err(ApiError::bad_input("maxRateAgeDays must be 0 or more").into());
        }
        let money = self.convert(ctx, &currency, on).await?;
        if let (Some(max), Some(rate_on), Some(day)) = (max_rate_age_days, money.rate_on, money.on)
        {
            let age = (day - rate_on).num_days();
            if age > i64::from(max) {
                return Err(ApiError::NoExchangeRate(format!(
                    "the latest {}/{} exchange rate on or before {day} is from {rate_on}, {age} days earlier — more than maxRateAgeDays ({max}); update the rates (`aigc-landscape rates update`) or allow older ones",
                    self.currency, money.currency
                ))
                .into());
            }
        }
        Ok(money)
    }
}

impl Money {
    /// This amount in `currency` on `on` (else its own day, else today).
    pub async fn convert(
        &self,
        ctx: &Context<'_>,
        currency: &str,
        on: Option<Date>,
    ) -> Result<Money> {
        let to = currency_code(currency)?;
        let day = on
            .map(|d| d.0)
            .or(self.on)
            .unwrap_or_else(crate::clock::today);
        let key = RateKey {
            from: self.currency.clone(),
            to: to.clone(),
            on: day,
        };
        let rate = loaders(ctx)
            .rates
            .load_one(key.clone())
            .await
            .map_err(ApiError::from)?;
        let Some(rate) = rate else {
            return Err(missing_rate(&key).into());
        };
        Ok(self.at_rate(&rate, &to, day))
    }
}

/// Loads the rates every conversion of a request needs in one statement.
pub struct RatesLoader {
    db: DatabaseConnection,
}

impl RatesLoader {
    pub fn new(db: &DatabaseConnection) -> Self {
        RatesLoader { db: db.clone() }
    }
}

impl Loader<RateKey> for RatesLoader {
    type Value = DatedRate;
    type Error = std::sync::Arc<DbErr>;

    /// One statement for the rates of the week before each day; a second, only when some
    /// conversion found none that recent (the recorded rates end earlier), for the latest
    /// rows on or before the last day, whatever their age.
    async fn load(&self, keys: &[RateKey]) -> Result<HashMap<RateKey, DatedRate>, Self::Error> {
        money::rates_for(&self.db, keys)
            .await
            .map_err(std::sync::Arc::new)
    }
}

/// The loader a request's `Loaders` hold.
pub type Rates = super::batching::Batched<RatesLoader, RateKey>;
