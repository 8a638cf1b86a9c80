//! Reading price history: which rows share terms, and what a change from one row to the
//! next was.

use entities::price;
use rust_decimal::{Decimal, RoundingStrategy};

/// Everything that makes two rows prices of the same thing: subject, dimension and
/// conditions (defined once, in `entities::record::terms`).
pub use entities::record::terms::PriceOf as Terms;

/// The terms of a row.
pub fn terms(p: &price::Model) -> Terms {
    Terms::of(p)
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
