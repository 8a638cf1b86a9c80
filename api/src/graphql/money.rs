//! `Money`, and converting it at the exchange rate of a day.

use std::collections::HashMap;

use async_graphql::{Context, Object, Result, dataloader::Loader};
use chrono::{Duration, NaiveDate};
use entities::{Dec, codes::is_currency, exchange_rate};
use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter};
use sea_orm::{QueryOrder, QuerySelect};

use super::{
    context::loaders,
    scalars::{Date, Decimal},
};
use crate::{
    error::ApiError,
    service::currency::{self, DatedRate},
};

/// An exact amount in a currency, and the day it belongs to (a price's first day, an
/// event's date), which conversions use unless told otherwise.
#[derive(Clone, Debug)]
pub struct Money {
    pub amount: Dec,
    pub currency: String,
    pub on: Option<NaiveDate>,
    /// For a converted amount, the day of the rate used.
    pub rate_on: Option<NaiveDate>,
}

impl Money {
    pub fn new(amount: Dec, currency: &str, on: Option<NaiveDate>) -> Self {
        Money {
            amount,
            currency: currency.to_owned(),
            on,
            rate_on: None,
        }
    }
}

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

    /// This amount in `to` at `rate` (units of `to` per unit of this currency) on `day`,
    /// rounded half-to-even to the documented scale.
    pub fn at_rate(&self, rate: &DatedRate, to: &str, day: NaiveDate) -> Money {
        Money {
            amount: Dec(currency::round(self.amount.0 * rate.rate)),
            currency: to.to_owned(),
            on: Some(day),
            rate_on: (self.currency != to).then_some(rate.on),
        }
    }
}

/// The ISO 4217 code `currency` names, upper-cased, or an error saying what to send.
pub fn currency_code(currency: &str) -> Result<String, ApiError> {
    let code = currency.trim().to_uppercase();
    if !is_currency(&code) {
        return Err(ApiError::bad_input(format!(
            "`{currency}` is not an ISO 4217 currency code (e.g. CNY, USD, EUR)"
        )));
    }
    Ok(code)
}

/// The NO_EXCHANGE_RATE error for a conversion no recorded rate covers.
pub fn missing_rate(key: &RateKey) -> ApiError {
    let missing = currency::MissingRate {
        from: key.from.clone(),
        to: key.to.clone(),
        on: key.on,
    };
    ApiError::NoExchangeRate(missing.to_string())
}

/// A conversion asked for: from, to, on.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RateKey {
    pub from: String,
    pub to: String,
    pub on: NaiveDate,
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
        let mut currencies: Vec<String> = keys
            .iter()
            .flat_map(|k| [k.from.clone(), k.to.clone()])
            .collect();
        currencies.push(currency::CROSS.to_owned());
        currencies.sort();
        currencies.dedup();
        let (Some(first), Some(last)) = (
            keys.iter().map(|k| k.on).min(),
            keys.iter().map(|k| k.on).max(),
        ) else {
            return Ok(HashMap::new());
        };
        let find = || {
            exchange_rate::Entity::find()
                .filter(exchange_rate::Column::BaseCurrency.is_in(currencies.clone()))
                .filter(exchange_rate::Column::QuoteCurrency.is_in(currencies.clone()))
                .filter(exchange_rate::Column::OnDate.lte(last))
                .filter(exchange_rate::Column::DeletedAt.is_null())
        };
        let mut rates = find()
            .filter(
                exchange_rate::Column::OnDate
                    .gte(first - Duration::days(currency::STALE_AFTER_DAYS)),
            )
            .all(&self.db)
            .await
            .map_err(std::sync::Arc::new)?;
        let fresh = |k: &RateKey, rates: &[exchange_rate::Model]| {
            currency::rate(&k.from, &k.to, k.on, rates)
                .ok()
                .filter(|r| !r.stale_for(k.on))
        };
        if keys.iter().any(|k| fresh(k, &rates).is_none()) {
            // Enough rows for the latest few weeks of every pair among these currencies.
            let per_day = currencies.len() * currencies.len();
            rates.extend(
                find()
                    .order_by_desc(exchange_rate::Column::OnDate)
                    .limit((per_day * 31) as u64)
                    .all(&self.db)
                    .await
                    .map_err(std::sync::Arc::new)?,
            );
        }
        Ok(keys
            .iter()
            .filter_map(|k| {
                currency::rate(&k.from, &k.to, k.on, &rates)
                    .ok()
                    .map(|r| (k.clone(), r))
            })
            .collect())
    }
}

/// The loader a request's `Loaders` hold.
pub type Rates = super::batching::Batched<RatesLoader, RateKey>;
