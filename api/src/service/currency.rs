//! Converting money between currencies at dated exchange rates.
//!
//! The rate for `from → to` on a day is the latest rate recorded on that day or up to
//! [`WINDOW_DAYS`] before it, taken directly (`from/to`), inverted (`to/from`), or crossed
//! through [`CROSS`] (`from → USD → to`) when no direct rate is that recent. A rate older
//! than the window is not used: the conversion fails and says which rate is missing, never
//! a silent 0. Results are exact decimals rounded half-to-even to [`SCALE`] places.

use chrono::{Duration, NaiveDate};
use entities::exchange_rate;
use rust_decimal::{Decimal, RoundingStrategy};

/// The currency cross rates go through.
pub const CROSS: &str = "USD";
/// How many days before the asked-for day a rate may have been recorded.
pub const WINDOW_DAYS: i64 = 7;
/// Decimal places kept in a converted amount.
pub const SCALE: u32 = 8;

/// No rate recent enough for a conversion.
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
            "no {from}/{to} exchange rate on {on} or in the {WINDOW_DAYS} days before it, directly or through {CROSS}: record one with createExchangeRate",
            from = self.from,
            to = self.to,
            on = self.on
        )
    }
}

/// The latest direct or inverted rate `from → to` usable on `on`, with its day.
fn pair(
    from: &str,
    to: &str,
    on: NaiveDate,
    rates: &[exchange_rate::Model],
) -> Option<(NaiveDate, Decimal)> {
    let earliest = on - Duration::days(WINDOW_DAYS);
    rates
        .iter()
        .filter(|r| r.deleted_at.is_none() && r.on_date <= on && r.on_date >= earliest)
        .filter_map(|r| {
            if r.base_currency == from && r.quote_currency == to {
                Some((r.on_date, r.rate.0))
            } else if r.base_currency == to && r.quote_currency == from && !r.rate.0.is_zero() {
                Some((r.on_date, Decimal::ONE / r.rate.0))
            } else {
                None
            }
        })
        .max_by_key(|(day, _)| *day)
}

/// How many `to` one `from` buys on `on`.
pub fn rate(
    from: &str,
    to: &str,
    on: NaiveDate,
    rates: &[exchange_rate::Model],
) -> Result<Decimal, MissingRate> {
    if from == to {
        return Ok(Decimal::ONE);
    }
    if let Some((_, rate)) = pair(from, to, on, rates) {
        return Ok(rate);
    }
    if from != CROSS
        && to != CROSS
        && let (Some((_, a)), Some((_, b))) =
            (pair(from, CROSS, on, rates), pair(CROSS, to, on, rates))
    {
        return Ok(a * b);
    }
    Err(MissingRate {
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
    let converted = amount * rate(from, to, on, rates)?;
    Ok(converted
        .round_dp_with_strategy(SCALE, RoundingStrategy::MidpointNearestEven)
        .normalize())
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
        // Older than the window: refused, naming the pair and the day.
        let missing = convert(d("1"), "USD", "CNY", day("2024-05-30"), &rates).unwrap_err();
        assert_eq!(missing.on, day("2024-05-30"));
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
