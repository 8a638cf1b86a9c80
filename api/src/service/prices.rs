//! Reading price history: which rows share terms, and what a change from one row to the
//! next was.

use entities::{PriceDimension, PriceMode, price};
use rust_decimal::{Decimal, RoundingStrategy};

/// Everything that makes two rows prices of the same thing: subject, dimension and conditions.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Terms {
    offering_id: Option<i64>,
    product_id: Option<i64>,
    dimension: PriceDimension,
    mode: PriceMode,
    tier: (Option<i64>, Option<i64>),
    cache_ttl_seconds: Option<i64>,
    window: (Option<String>, Option<String>),
    media: (Option<String>, Option<String>, Option<i64>),
}

/// The terms of a row.
pub fn terms(p: &price::Model) -> Terms {
    Terms {
        offering_id: p.offering_id,
        product_id: p.product_id,
        dimension: p.dimension,
        mode: p.mode,
        tier: (p.min_input_tokens, p.max_input_tokens),
        cache_ttl_seconds: p.cache_ttl_seconds,
        window: (p.window_start.clone(), p.window_end.clone()),
        media: (p.resolution.clone(), p.quality.clone(), p.duration_seconds),
    }
}

/// `(new - old) / old` in percent, rounded half-to-even to 2 places; none from 0.
pub fn percent_change(old: Decimal, new: Decimal) -> Option<Decimal> {
    if old.is_zero() {
        return None;
    }
    Some(
        ((new - old) / old * Decimal::ONE_HUNDRED)
            .round_dp_with_strategy(2, RoundingStrategy::MidpointNearestEven)
            .normalize(),
    )
}

#[cfg(test)]
mod tests {
    use super::percent_change;
    use rust_decimal::Decimal;

    #[test]
    fn percentages() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(percent_change(d("0.02"), d("0.0005")), Some(d("-97.5")));
        assert_eq!(percent_change(d("5"), d("2.5")), Some(d("-50")));
        assert_eq!(percent_change(d("1"), d("2")), Some(d("100")));
        assert_eq!(percent_change(d("0"), d("2")), None);
    }
}
