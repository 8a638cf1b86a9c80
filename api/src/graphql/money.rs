//! `Money`, and converting it at the exchange rate of a day.

use std::collections::HashMap;

use async_graphql::{Context, Object, Result, dataloader::Loader};
use chrono::{Duration, NaiveDate};
use entities::{Dec, codes::is_currency, exchange_rate};
use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter};

use super::{
    common::loaders,
    scalars::{Date, Decimal},
};
use crate::{error::ApiError, service::currency};

/// An exact amount in a currency, and the day it belongs to (a price's first day, an
/// event's date), which conversions use unless told otherwise.
#[derive(Clone, Debug)]
pub struct Money {
    pub amount: Dec,
    pub currency: String,
    pub on: Option<NaiveDate>,
}

impl Money {
    pub fn new(amount: Dec, currency: &str, on: Option<NaiveDate>) -> Self {
        Money {
            amount,
            currency: currency.to_owned(),
            on,
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

    /// The same amount in another currency, at the latest rate recorded on `on` or in the 7
    /// days before it — directly, inverted, or through USD — rounded half-to-even to 8
    /// decimal places. Without `on`, the amount's own day (a price's first day, an event's
    /// date), else today. A missing rate is a NO_EXCHANGE_RATE error naming the pair and day.
    async fn converted(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "ISO 4217 code of the currency wanted, e.g. \"CNY\".")] currency: String,
        #[graphql(desc = "The day whose rate to use.")] on: Option<Date>,
    ) -> Result<Money> {
        self.convert(ctx, &currency, on).await
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
        Ok(self.at_rate(rate, &to, day))
    }

    /// This amount in `to` at `rate` (units of `to` per unit of this currency) on `day`,
    /// rounded half-to-even to the documented scale.
    pub fn at_rate(&self, rate: Dec, to: &str, day: NaiveDate) -> Money {
        let amount = (self.amount.0 * rate.0)
            .round_dp_with_strategy(
                currency::SCALE,
                rust_decimal::RoundingStrategy::MidpointNearestEven,
            )
            .normalize();
        Money {
            amount: Dec(amount),
            currency: to.to_owned(),
            on: Some(day),
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
    type Value = Dec;
    type Error = std::sync::Arc<DbErr>;

    async fn load(&self, keys: &[RateKey]) -> Result<HashMap<RateKey, Dec>, Self::Error> {
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
        let rates = exchange_rate::Entity::find()
            .filter(exchange_rate::Column::BaseCurrency.is_in(currencies.clone()))
            .filter(exchange_rate::Column::QuoteCurrency.is_in(currencies))
            .filter(
                exchange_rate::Column::OnDate.gte(first - Duration::days(currency::WINDOW_DAYS)),
            )
            .filter(exchange_rate::Column::OnDate.lte(last))
            .filter(exchange_rate::Column::DeletedAt.is_null())
            .all(&self.db)
            .await
            .map_err(std::sync::Arc::new)?;
        Ok(keys
            .iter()
            .filter_map(|k| {
                currency::rate(&k.from, &k.to, k.on, &rates)
                    .ok()
                    .map(|r| (k.clone(), Dec(r)))
            })
            .collect())
    }
}

/// The loader a request's `Loaders` hold.
pub type Rates = super::batching::Batched<RatesLoader, RateKey>;
