//! Value types stored in columns: exact decimals and lists of strings.

use std::{fmt, str::FromStr};

use rust_decimal::Decimal;
use sea_orm::{DeriveValueType, FromJsonQueryResult};
use serde::{Deserialize, Serialize};

/// An exact decimal stored as canonical text ("0.0005", "1234567.891").
///
/// sea-query binds `rust_decimal` values as floating point on SQLite, which would round
/// prices; as text the value survives both databases to the last digit. Arithmetic and
/// ordering happen in Rust on the parsed `Decimal`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, DeriveValueType)]
#[sea_orm(value_type = "String")]
pub struct Dec(pub Decimal);

impl Dec {
    /// The value with trailing zeros removed: the one spelling stored and shown.
    pub fn normalized(self) -> Decimal {
        self.0.normalize()
    }
}

impl fmt::Display for Dec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.normalize())
    }
}

/// Why a text is not an exact decimal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecParseError(pub String);

impl fmt::Display for DecParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not an exact decimal: write digits with an optional sign and decimal point, e.g. \"0.28\"",
            self.0
        )
    }
}

impl std::error::Error for DecParseError {}

impl FromStr for Dec {
    type Err = DecParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        let well_formed = !t.is_empty()
            && t.trim_start_matches(['-', '+'])
                .chars()
                .all(|c| c.is_ascii_digit() || c == '.')
            && t.chars().filter(|c| *c == '.').count() <= 1
            && t.chars().any(|c| c.is_ascii_digit());
        if !well_formed {
            return Err(DecParseError(s.to_owned()));
        }
        Decimal::from_str_exact(t)
            .map(|d| Dec(d.normalize()))
            .map_err(|_| DecParseError(s.to_owned()))
    }
}

impl From<Decimal> for Dec {
    fn from(d: Decimal) -> Self {
        Dec(d.normalize())
    }
}

impl Serialize for Dec {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Dec {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// A list of short texts kept in one JSON column (aliases, source URLs).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
pub struct StringList(pub Vec<String>);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_are_exact_and_canonical() {
        assert_eq!("0.50".parse::<Dec>().unwrap().to_string(), "0.5");
        assert_eq!("0.0005".parse::<Dec>().unwrap().to_string(), "0.0005");
        assert_eq!(
            "1234567.891".parse::<Dec>().unwrap().to_string(),
            "1234567.891"
        );
        let sum = "0.1".parse::<Dec>().unwrap().0 + "0.2".parse::<Dec>().unwrap().0;
        assert_eq!(Dec::from(sum).to_string(), "0.3");
    }

    #[test]
    fn malformed_decimals_are_refused() {
        for bad in ["", "abc", "1e5", "1.2.3", "0x10", "NaN", "--1"] {
            assert!(bad.parse::<Dec>().is_err(), "{bad} should be refused");
        }
    }
}
