//! Amounts of money and the rates that convert them, as the analytics compute with them:
//! `Money` (the GraphQL type's fields are in `graphql/money.rs`), the key of a conversion,
//! and the one query that finds the rates a set of conversions needs.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate};
use entities::{Dec, codes::is_currency, exchange_rate};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

use super::currency::{self, DatedRate};
use crate::error::ApiError;

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

/// A conversion asked for: from, to, on.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RateKey {
    pub from: String,
    pub to: String,
    pub on: NaiveDate,
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

/// The rates found so far for a set of conversions, by key.
pub type Rates = HashMap<RateKey, DatedRate>;

/// `amount` in `from`, converted by the rate found for `from → to` on `day`, or the
/// NO_EXCHANGE_RATE error naming the pair.
pub fn convert(
    rates: &Rates,
    amount: Dec,
    from: &str,
    to: &str,
    day: NaiveDate,
) -> Result<Money, ApiError> {
    let key = RateKey {
        from: from.to_owned(),
        to: to.to_owned(),
        on: day,
    };
    let rate = rates.get(&key).ok_or_else(|| missing_rate(&key))?;
    Ok(Money::new(amount, from, Some(day)).at_rate(rate, to, day))
}

/// The rates `keys` need: one statement for the rates of the week before each day; a
/// second, only when some conversion found none that recent (the recorded rates end
/// earlier), for the latest rows on or before the last day, whatever their age. A key no
/// recorded rate covers is left out.
pub async fn rates_for<C: ConnectionTrait>(db: &C, keys: &[RateKey]) -> Result<Rates, DbErr> {
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
            exchange_rate::Column::OnDate.gte(first - Duration::days(currency::STALE_AFTER_DAYS)),
        )
        .all(db)
        .await?;
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
                .all(db)
                .await?,
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
