//! The scalars of API.md: `Date`, `DateTime`, `Decimal` and `BigInt`.

use async_graphql::{InputValueError, InputValueResult, Scalar, ScalarType, Value};
use chrono::{DateTime as ChronoDateTime, NaiveDate, SecondsFormat, Utc};
use entities::Dec;

/// A calendar date as `YYYY-MM-DD`, with no time zone: the day as the source publishes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date(pub NaiveDate);

/// Parses `YYYY-MM-DD` strictly (four-digit year, two-digit month and day).
pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    let shaped = s.len() == 10
        && s.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    shaped
        .then(|| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
        .flatten()
        .ok_or_else(|| format!("`{s}` is not a date: write it as YYYY-MM-DD, e.g. \"2024-05-01\""))
}

#[Scalar(name = "Date")]
/// A calendar date, `YYYY-MM-DD`.
impl ScalarType for Date {
    fn parse(value: Value) -> InputValueResult<Self> {
        match &value {
            Value::String(s) => parse_date(s).map(Date).map_err(InputValueError::custom),
            _ => Err(InputValueError::custom(
                "a Date is a string written as YYYY-MM-DD, e.g. \"2024-05-01\"",
            )),
        }
    }

    fn to_value(&self) -> Value {
        Value::String(self.0.format("%Y-%m-%d").to_string())
    }
}

/// An instant, written as RFC 3339 in UTC.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct DateTime(pub ChronoDateTime<Utc>);

#[Scalar(name = "DateTime")]
/// An instant in RFC 3339, e.g. "2024-05-15T08:00:00Z".
impl ScalarType for DateTime {
    fn parse(value: Value) -> InputValueResult<Self> {
        match &value {
            Value::String(s) => ChronoDateTime::parse_from_rfc3339(s)
                .map(|t| DateTime(t.with_timezone(&Utc)))
                .map_err(|_| {
                    InputValueError::custom(format!(
                        "`{s}` is not an RFC 3339 date-time, e.g. \"2024-05-15T08:00:00Z\""
                    ))
                }),
            _ => Err(InputValueError::custom(
                "a DateTime is a string in RFC 3339, e.g. \"2024-05-15T08:00:00Z\"",
            )),
        }
    }

    fn to_value(&self) -> Value {
        Value::String(self.0.to_rfc3339_opts(SecondsFormat::Secs, true))
    }
}

/// An exact decimal, written as a string so no float ever rounds it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Decimal(pub Dec);

#[Scalar(name = "Decimal")]
/// An exact decimal number written as a string, e.g. "0.28". Never a float.
impl ScalarType for Decimal {
    fn parse(value: Value) -> InputValueResult<Self> {
        match &value {
            Value::String(s) => s
                .parse::<Dec>()
                .map(Decimal)
                .map_err(|e| InputValueError::custom(e.to_string())),
            Value::Number(n) => Err(InputValueError::custom(format!(
                "write the Decimal {n} as a string, e.g. \"{n}\", so it stays exact"
            ))),
            _ => Err(InputValueError::custom(
                "a Decimal is a string of digits, e.g. \"0.28\"",
            )),
        }
    }

    fn to_value(&self) -> Value {
        Value::String(self.0.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::parse_date;

    #[test]
    fn dates_are_strict() {
        assert!(parse_date("2024-05-01").is_ok());
        for bad in [
            "2024-5-1",
            "2024-02-30",
            "yesterday",
            "2024-05-01T00:00:00Z",
            "",
        ] {
            assert!(parse_date(bad).is_err(), "{bad}");
        }
    }
}

/// An integer that may exceed 32 bits (parameter counts), written as a string of digits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BigInt(pub i64);

#[Scalar(name = "BigInt")]
/// An integer that may exceed 32 bits, written as a string of digits, e.g. "671000000000".
impl ScalarType for BigInt {
    fn parse(value: Value) -> InputValueResult<Self> {
        match &value {
            Value::String(s) => s
                .parse()
                .map(BigInt)
                .map_err(|_| InputValueError::custom(format!("`{s}` is not an integer"))),
            Value::Number(n) => n
                .as_i64()
                .map(BigInt)
                .ok_or_else(|| InputValueError::custom("not an integer")),
            _ => Err(InputValueError::expected_type(value)),
        }
    }

    fn to_value(&self) -> Value {
        Value::String(self.0.to_string())
    }
}
