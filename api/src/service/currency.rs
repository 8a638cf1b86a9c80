//! Converting money between currencies at dated exchange rates.
//!
//! The rate for `from → to` on a day is the latest rate recorded on or before that day,
//! taken directly (`from/to`), inverted (`to/from`), or crossed through [`CROSS`]
//! (`from → USD → to`) when no direct rate exists. A rate recorded more than
//! [`STALE_AFTER_DAYS`] before the day is still used, but the result says it is stale (and
//! carries the rate's day), so a client can show "rates recorded up to …" or refuse it
//! (`maxRateAgeDays`). With no rate at all on or before the day the conversion fails and
//! says which rate is missing, never a silent 0. Results are exact decimals rounded
//! half-to-even to [`SCALE`] places.

use chrono::NaiveDate;
use entities::exchange_rate;
use rust_decimal::{Decimal, RoundingStrategy};

/// The currency cross rates go through.
pub const CROSS: &str = "USD";
/// A rate recorded more than this many days before the day it is used for is stale.
pub const STALE_AFTER_DAYS: i64 = 7;
/// Decimal places kept in a converted amount.
pub const SCALE: u32 = 8;

/// A rate and the day it was recorded (for a cross rate, the older of its two days).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DatedRate {
    pub rate: Decimal,
    pub on: NaiveDate,
}

impl DatedRate {
    /// Whether this rate is older than [`STALE_AFTER_DAYS`] for a conversion on `day`.
    pub fn stale_for(&self, day: NaiveDate) -> bool {
        (day - self.on).num_days() > STALE_AFTER_DAYS
    }
}

/// No rate on or before the day of a conversion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingRate {
    pub from: String,
    pub to: String,
    pub on: NaiveDate,
}

impl std::fmt::Display for MissingRate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "no {from}/{to} exchange rate on or before {on}, directly or through {CROSS}: record one with createExchangeRate or `aigc-landscape rates update`",
            from = self.from,
            to = self.to,
            on = self.on
        )
    }
}

/// The latest direct or inverted rate `from → to` usable on `on`.
fn pair(from: &str, to: &str, on: NaiveDate, rates: &[exchange_rate::Model]) -> Option<DatedRate> {
    rates
        .iter()
        .filter(|r| r.deleted_at.is_none() && r.on_date <= on)
        .filter_map(|r| {
            if r.base_currency == from && r.quote_currency == to {
                Some(DatedRate {
                    rate: r.rate.0,
                    on: r.on_date,
                })
            } else if r.base_currency == to && r.quote_currency == from && !r.rate.0.is_zero() {
                Some(DatedRate {
                    rate: Decimal::ONE / r.rate.0,
                    on: r.on_date,
                })
            } else {
                None
            }
        })
        .max_by_key(|r| r.on)
}

/// How many `to` one `from` buys on `on`, and the day of the rate used.
pub fn rate(
    from: &str,
    to: &str,
    on: NaiveDate,
    rates: &[exchange_rate::Model],
) -> Result<DatedRate, MissingRate> {
    if from == to {
        return Ok(DatedRate {
            rate: Decimal::ONE,
            on,
        });
    }
    let direct = pair(from, to, on, rates);
    let crossed = (from != CROSS && to != CROSS)
        .then(|| Some((pair(from, CROSS, on, rates)?, pair(CROSS, to, on, rates)?)))
        .flatten()
        .map(|(a, b)| DatedRate {
            rate: a.rate * b.rate,
            on: a.on.min(b.on),
        });
    // A direct rate wins unless it is stale and the cross is fresher.
    let best = match (direct, crossed) {
        (Some(d), Some(c)) if d.stale_for(on) && c.on > d.on => Some(c),
        (Some(d), _) => Some(d),
        (None, c) => c,
    };
    best.ok_or_else(|| MissingRate {
        from: from.to_owned(),
        to: to.to_owned(),
        on,
    })
}

/// `amount` in `from`, expressed in `to` on `on`.
pub fn convert(
    amount: Decimal,
    from: &str,
    to: &str,
    on: NaiveDate,
    rates: &[exchange_rate::Model],
) -> Result<Decimal, MissingRate> {
    let converted = amount * rate(from, to, on, rates)?.rate;
    Ok(round(converted))
}

/// Rounds a converted amount half-to-even to [`SCALE`] places.
pub fn round(amount: Decimal) -> Decimal {
    amount
        .round_dp_with_strategy(SCALE, RoundingStrategy::MidpointNearestEven)
        .normalize()
}

#[cfg(test)]
mod tests {
    use super::*;
    use entities::Dec;

    fn row(base: &str, quote: &str, rate: &str, on: &str) -> exchange_rate::Model {
        let now = chrono::Utc::now();
        exchange_rate::Model {
            id: 0,
            base_currency: base.into(),
            quote_currency: quote.into(),
            rate: rate.parse::<Dec>().unwrap(),
            on_date: on.parse().unwrap(),
            source_url: None,
            observed_on: None,
            confidence: None,
            version: 1,
            created_at: now,
            updated_at: now,
            deleted_at: None,
        }
    }

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn direct_inverse_cross_and_missing() {
        let rates = [
            row("USD", "CNY", "7.1", "2024-05-01"),
            row("USD", "CNY", "7.2", "2024-05-20"),
            row("EUR", "USD", "1.08", "2024-05-20"),
        ];
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(
            convert(d("2"), "USD", "CNY", day("2024-05-03"), &rates).unwrap(),
            d("14.2")
        );
        assert_eq!(
            convert(d("2"), "USD", "CNY", day("2024-05-21"), &rates).unwrap(),
            d("14.4")
        );
        assert_eq!(
            convert(d("7.2"), "CNY", "USD", day("2024-05-20"), &rates).unwrap(),
            d("1")
        );
        assert_eq!(
            convert(d("1"), "EUR", "CNY", day("2024-05-20"), &rates).unwrap(),
            d("7.776")
        );
        assert_eq!(
            convert(d("3"), "CNY", "CNY", day("2000-01-01"), &[]).unwrap(),
            d("3")
        );
        // Older than 7 days: still used, but stale, with the rate's day.
        let old = rate("USD", "CNY", day("2024-05-30"), &rates).unwrap();
        assert_eq!(old.on, day("2024-05-20"));
        assert!(old.stale_for(day("2024-05-30")));
        assert!(!old.stale_for(day("2024-05-27")));
        // None on or before the day: refused, naming the pair and the day.
        let missing = convert(d("1"), "USD", "CNY", day("2024-04-30"), &rates).unwrap_err();
        assert_eq!(missing.on, day("2024-04-30"));
        assert!(missing.to_string().contains("USD/CNY"));
        assert!(
            convert(d("1"), "USD", "CNY", day("2024-04-30"), &rates).is_err(),
            "no rate from the future"
        );
    }

    #[test]
    fn results_are_rounded_half_even() {
        let rates = [row("USD", "CNY", "3", "2024-01-01")];
        let third = convert(Decimal::ONE, "CNY", "USD", day("2024-01-01"), &rates).unwrap();
        assert_eq!(third.to_string(), "0.33333333");
    }
}
