//! What makes two price rows prices of the same thing — the one definition of a price's
//! terms. With its subject (an offering or a product) and the day it took effect, the terms
//! are a price's natural key: the API finds the row a new price replaces by them, the price
//! history joins rows by them, and the seeds match and de-duplicate `prices.csv` by them.

use chrono::NaiveDate;
use sea_orm::{ColumnTrait, Condition};

use crate::{PriceDimension, PriceMode, price};

/// The dimension and every condition of a price, without its subject.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PriceTerms {
    pub dimension: PriceDimension,
    pub mode: PriceMode,
    pub min_input_tokens: Option<i64>,
    pub max_input_tokens: Option<i64>,
    pub cache_ttl_seconds: Option<i64>,
    pub window_start: Option<String>,
    pub window_end: Option<String>,
    pub resolution: Option<String>,
    pub quality: Option<String>,
    pub duration_seconds: Option<i64>,
}

/// The terms and the subject: two rows equal in this are versions of one price.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PriceOf {
    pub offering_id: Option<i64>,
    pub product_id: Option<i64>,
    pub terms: PriceTerms,
}

impl PriceTerms {
    /// The terms of a stored row.
    pub fn of(p: &price::Model) -> Self {
        PriceTerms {
            dimension: p.dimension,
            mode: p.mode,
            min_input_tokens: p.min_input_tokens,
            max_input_tokens: p.max_input_tokens,
            cache_ttl_seconds: p.cache_ttl_seconds,
            window_start: p.window_start.clone(),
            window_end: p.window_end.clone(),
            resolution: p.resolution.clone(),
            quality: p.quality.clone(),
            duration_seconds: p.duration_seconds,
        }
    }

    /// The natural key of a price with these terms: `subject` (an offering's key or
    /// `product <slug>`), the terms, and the day it took effect.
    pub fn key(&self, subject: &str, effective_from: NaiveDate) -> String {
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        let num = |v: Option<i64>| v.map(|n| n.to_string()).unwrap_or_default();
        format!(
            "{subject} {} {} tier[{}..{}] ttl[{}] window[{}-{}] media[{} {} {}] from {effective_from}",
            self.dimension,
            self.mode,
            num(self.min_input_tokens),
            num(self.max_input_tokens),
            num(self.cache_ttl_seconds),
            text(&self.window_start),
            text(&self.window_end),
            text(&self.resolution),
            text(&self.quality),
            num(self.duration_seconds),
        )
    }

    /// Rows with these terms, as a query condition (a missing condition matches NULL).
    pub fn condition(&self) -> Condition {
        use price::Column as C;
        Condition::all()
            .add(C::Dimension.eq(self.dimension))
            .add(C::Mode.eq(self.mode))
            .add(same(C::MinInputTokens, self.min_input_tokens))
            .add(same(C::MaxInputTokens, self.max_input_tokens))
            .add(same(C::CacheTtlSeconds, self.cache_ttl_seconds))
            .add(same(C::WindowStart, self.window_start.clone()))
            .add(same(C::WindowEnd, self.window_end.clone()))
            .add(same(C::Resolution, self.resolution.clone()))
            .add(same(C::Quality, self.quality.clone()))
            .add(same(C::DurationSeconds, self.duration_seconds))
    }
}

impl PriceOf {
    /// The subject and terms of a stored row.
    pub fn of(p: &price::Model) -> Self {
        PriceOf {
            offering_id: p.offering_id,
            product_id: p.product_id,
            terms: PriceTerms::of(p),
        }
    }

    /// Rows of this subject with these terms, as a query condition.
    pub fn condition(&self) -> Condition {
        self.terms
            .condition()
            .add(same(price::Column::OfferingId, self.offering_id))
            .add(same(price::Column::ProductId, self.product_id))
    }
}

/// `column = value`, or `column IS NULL` without a value.
fn same<V: Into<sea_orm::Value>>(column: price::Column, value: Option<V>) -> Condition {
    match value {
        Some(v) => Condition::all().add(column.eq(v)),
        None => Condition::all().add(column.is_null()),
    }
}
