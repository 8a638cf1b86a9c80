//! The value rules of a price, written once: the API checks a record against them after
//! applying an input, the seed validator checks every row of `prices.csv`. A rule names the
//! column it refuses and says what to fix; where the message names another column it asks
//! the writer how to spell it (`minInputTokens` in the API, `min_input_tokens` in the seed
//! files), so the same mistake reads the same from both.

use chrono::{NaiveDate, NaiveTime};

use crate::Dec;

/// One broken rule: the column (snake_case, as stored) and what to fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    pub column: &'static str,
    pub message: String,
}

/// The values of a price the rules look at.
#[derive(Debug, Clone, Copy)]
pub struct PriceValues<'a> {
    pub amount: &'a Dec,
    pub unit_quantity: i64,
    pub min_input_tokens: Option<i64>,
    pub max_input_tokens: Option<i64>,
    pub cache_ttl_seconds: Option<i64>,
    pub window_start: Option<&'a str>,
    pub window_end: Option<&'a str>,
    pub duration_seconds: Option<i64>,
    pub effective_from: NaiveDate,
    pub effective_to: Option<NaiveDate>,
}

impl<'a> PriceValues<'a> {
    /// The values of a stored price.
    pub fn of(m: &'a crate::price::Model) -> Self {
        PriceValues {
            amount: &m.amount,
            unit_quantity: m.unit_quantity,
            min_input_tokens: m.min_input_tokens,
            max_input_tokens: m.max_input_tokens,
            cache_ttl_seconds: m.cache_ttl_seconds,
            window_start: m.window_start.as_deref(),
            window_end: m.window_end.as_deref(),
            duration_seconds: m.duration_seconds,
            effective_from: m.effective_from,
            effective_to: m.effective_to,
        }
    }
}

/// Every rule a price breaks, in column order.
pub fn price(v: &PriceValues<'_>, spell: impl Fn(&'static str) -> String) -> Vec<Violation> {
    let mut out = Vec::new();
    not_negative(&mut out, "amount", v.amount);
    positive(&mut out, "unit_quantity", Some(v.unit_quantity));
    for (column, bound) in [
        ("min_input_tokens", v.min_input_tokens),
        ("max_input_tokens", v.max_input_tokens),
    ] {
        if let Some(n) = bound
            && n < 0
        {
            out.push(Violation {
                column,
                message: format!("{n} is negative: a context tier's token bound is 0 or more"),
            });
        }
    }
    if let (Some(min), Some(max)) = (v.min_input_tokens, v.max_input_tokens)
        && max < min
    {
        out.push(Violation {
            column: "max_input_tokens",
            message: format!("{max} is below {} {min}", spell("min_input_tokens")),
        });
    }
    positive(&mut out, "cache_ttl_seconds", v.cache_ttl_seconds);
    for (column, time) in [
        ("window_start", v.window_start),
        ("window_end", v.window_end),
    ] {
        if let Some(time) = time
            && NaiveTime::parse_from_str(time, "%H:%M").is_err()
        {
            out.push(Violation {
                column,
                message: format!("`{time}` is not a time of day: write HH:MM, e.g. 00:30"),
            });
        }
    }
    if v.window_start.is_some() != v.window_end.is_some() {
        out.push(Violation {
            column: "window_end",
            message: format!(
                "a time-of-day window needs both {} and {}",
                spell("window_start"),
                spell("window_end")
            ),
        });
    }
    positive(&mut out, "duration_seconds", v.duration_seconds);
    if let Some(to) = v.effective_to
        && to <= v.effective_from
    {
        out.push(Violation {
            column: "effective_to",
            message: format!(
                "{to} must be after {} {}",
                spell("effective_from"),
                v.effective_from
            ),
        });
    }
    out
}

fn not_negative(out: &mut Vec<Violation>, column: &'static str, value: &Dec) {
    if value.0.is_sign_negative() && !value.0.is_zero() {
        out.push(Violation {
            column,
            message: format!("{value} is negative: an amount is 0 or more"),
        });
    }
}

fn positive(out: &mut Vec<Violation>, column: &'static str, value: Option<i64>) {
    if let Some(v) = value
        && v <= 0
    {
        out.push(Violation {
            column,
            message: format!("{v} must be greater than 0"),
        });
    }
}

/// A column's name as the GraphQL API spells it: `min_input_tokens` → `minInputTokens`.
pub fn camel(column: &'static str) -> String {
    let mut out = String::with_capacity(column.len());
    let mut upper = false;
    for c in column.chars() {
        match c {
            '_' => upper = true,
            c if upper => {
                out.extend(c.to_uppercase());
                upper = false;
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_negative_bound_and_an_inverted_tier_are_refused() {
        let amount = Dec(rust_decimal::Decimal::ONE);
        let v = PriceValues {
            amount: &amount,
            unit_quantity: 1_000_000,
            min_input_tokens: Some(-5),
            max_input_tokens: Some(-10),
            cache_ttl_seconds: None,
            window_start: None,
            window_end: None,
            duration_seconds: None,
            effective_from: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
            effective_to: None,
        };
        let columns: Vec<&str> = price(&v, camel).iter().map(|v| v.column).collect();
        assert_eq!(
            columns,
            ["min_input_tokens", "max_input_tokens", "max_input_tokens"]
        );
        assert_eq!(camel("min_input_tokens"), "minInputTokens");
    }
}
