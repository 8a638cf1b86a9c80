//! Provenance: where a fact came from, when it was seen there, and how sure the team is.

use async_graphql::SimpleObject;
use chrono::NaiveDate;
use entities::Confidence;

use super::scalars::Date;

/// Where a fact came from, when it was seen there, and how sure the team is of it.
#[derive(SimpleObject, Clone, Debug)]
pub struct Provenance {
    /// The page the fact was taken from.
    pub source_url: Option<String>,
    /// The day the source was read.
    pub observed_on: Option<Date>,
    /// How sure the team is.
    pub confidence: Option<Confidence>,
}

impl Provenance {
    pub fn new(
        source_url: &Option<String>,
        observed_on: Option<NaiveDate>,
        confidence: Option<Confidence>,
    ) -> Self {
        Provenance {
            source_url: source_url.clone(),
            observed_on: observed_on.map(Date),
            confidence,
        }
    }
}
