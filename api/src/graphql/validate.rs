//! Applying a GraphQL input onto a record, for every editable entity (absent = keep,
//! null = clear), required fields and references. The value rules (slug, URL, codes, dates,
//! amounts) are the kind's own, in `entities::record::rules`, checked after the input is
//! applied (`service::editing`).

use async_graphql::{ID, MaybeUndefined};
use chrono::NaiveDate;
use entities::{Dec, record::references};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::service::{
    editing::Apply,
    user_errors::{Errors, UserErrorCode},
};
use crate::{
    error::ApiError,
    graphql::{ids, scalars::Date},
};

/// Applies a nullable field: a value sets it, null clears it, absent keeps it.
pub fn optional<T>(target: &mut Option<T>, value: MaybeUndefined<T>) {
    match value {
        MaybeUndefined::Value(v) => *target = Some(v),
        MaybeUndefined::Null => *target = None,
        MaybeUndefined::Undefined => {}
    }
}

/// Applies a nullable date.
pub fn optional_date(target: &mut Option<NaiveDate>, value: MaybeUndefined<Date>) {
    optional(target, value.map_value(|d| d.0));
}

/// Applies a nullable exact decimal.
pub fn optional_dec(
    target: &mut Option<Dec>,
    value: MaybeUndefined<crate::graphql::scalars::Decimal>,
) {
    optional(target, value.map_value(|d| d.0));
}

/// Trims text; empty text counts as null.
pub fn text(value: MaybeUndefined<String>) -> MaybeUndefined<String> {
    match value {
        MaybeUndefined::Value(v) if v.trim().is_empty() => MaybeUndefined::Null,
        MaybeUndefined::Value(v) => MaybeUndefined::Value(v.trim().to_owned()),
        other => other,
    }
}

/// Where a fact comes from, as every editable input gives it.
#[derive(async_graphql::InputObject, Default)]
pub struct ProvenanceInput {
    /// The page the facts come from, an absolute http(s) URL.
    pub source_url: MaybeUndefined<String>,
    /// The day the source was read.
    pub observed_on: MaybeUndefined<Date>,
    /// How sure the team is.
    pub confidence: MaybeUndefined<entities::Confidence>,
}

/// Slugs → ids of a vocabulary table, with NOT_FOUND for unknown ones.
pub async fn slugs_to_ids<E: EntityTrait>(
    txn: &sea_orm::DatabaseTransaction,
    errors: &mut Errors,
    field: &str,
    slugs: &[String],
    slug: E::Column,
    id: E::Column,
) -> Result<Vec<i64>, ApiError>
where
    E::Model: Send + Sync,
{
    use sea_orm::QuerySelect;
    use std::collections::HashMap;
    let found: HashMap<String, i64> = E::find()
        .select_only()
        .column(slug)
        .column(id)
        .filter(slug.is_in(slugs.iter().cloned()))
        .into_tuple::<(String, i64)>()
        .all(txn)
        .await?
        .into_iter()
        .collect();
    let mut ids = Vec::new();
    for s in slugs {
        match found.get(s) {
            Some(id) if !ids.contains(id) => ids.push(*id),
            Some(_) => {}
            None => errors.add(
                &["input", field],
                UserErrorCode::NotFound,
                format!("no {field} entry `{s}`"),
            ),
        }
    }
    Ok(ids)
}

/// A record that says where its facts come from.
pub trait Sourced {
    /// Its source URL, the day the source was read and how sure the team is.
    fn provenance(
        &mut self,
    ) -> (
        &mut Option<String>,
        &mut Option<NaiveDate>,
        &mut Option<entities::Confidence>,
    );
}

macro_rules! sourced {
    ($($module:ident),+) => {$(
        impl Sourced for entities::$module::Model {
            fn provenance(
                &mut self,
            ) -> (&mut Option<String>, &mut Option<NaiveDate>, &mut Option<entities::Confidence>) {
                (&mut self.source_url, &mut self.observed_on, &mut self.confidence)
            }
        }
    )+};
}

sourced!(
    benchmark,
    company,
    credit_cost,
    event,
    exchange_rate,
    filing,
    free_quota,
    model,
    offering,
    price,
    product,
    score,
    subscription_plan
);

/// Applying an input's fields onto the record (see [`Apply`]).
impl Apply<'_> {
    /// A non-nullable field: a value sets it, null is refused, absent keeps it (or, when
    /// creating, is refused as missing).
    pub fn required<T>(&mut self, field: &str, target: &mut T, value: MaybeUndefined<T>) {
        match value {
            MaybeUndefined::Undefined if self.creating => {
                self.errors.invalid(field, format!("`{field}` is required"))
            }
            other => self.defaulted(field, target, other),
        }
    }

    /// A non-nullable field that has a default: absent keeps it, even when creating.
    pub fn defaulted<T>(&mut self, field: &str, target: &mut T, value: MaybeUndefined<T>) {
        match value {
            MaybeUndefined::Value(v) => *target = v,
            MaybeUndefined::Null => self
                .errors
                .invalid(field, format!("`{field}` cannot be null")),
            MaybeUndefined::Undefined => {}
        }
    }

    /// Where the facts come from.
    pub fn provenance(&mut self, input: ProvenanceInput, record: &mut impl Sourced) {
        let (source_url, observed_on, confidence) = record.provenance();
        optional(source_url, text(input.source_url));
        optional_date(observed_on, input.observed_on);
        optional(confidence, input.confidence);
    }

    /// The row id of the record `id` names, which must be a live `kind` record; records a
    /// user error and returns `None` otherwise.
    pub async fn reference(
        &mut self,
        field: &str,
        id: &ID,
        kind: ids::Kind,
    ) -> Result<Option<i64>, ApiError> {
        let row = match ids::decode_as(id, kind) {
            Ok(row) => row,
            Err(e) => {
                self.errors.invalid(field, e.message());
                return Ok(None);
            }
        };
        if !references::is_live(self.txn, kind, row).await? {
            self.errors.add(
                &["input", field],
                UserErrorCode::NotFound,
                format!("no {} with id `{}`", kind.name(), id.0),
            );
            return Ok(None);
        }
        Ok(Some(row))
    }

    /// A required reference given by global id: it must name a live `kind` record.
    pub async fn required_reference(
        &mut self,
        field: &str,
        target: &mut i64,
        value: MaybeUndefined<ID>,
        kind: ids::Kind,
    ) -> Result<(), ApiError> {
        let MaybeUndefined::Value(id) = value else {
            // Null or absent: refused as any required field is.
            self.required(field, &mut (), value.map_value(drop));
            return Ok(());
        };
        if let Some(row) = self.reference(field, &id, kind).await? {
            *target = row;
        }
        Ok(())
    }

    /// An optional reference given by global id; null clears it.
    pub async fn optional_reference(
        &mut self,
        field: &str,
        target: &mut Option<i64>,
        value: MaybeUndefined<ID>,
        kind: ids::Kind,
    ) -> Result<(), ApiError> {
        match value {
            MaybeUndefined::Value(id) => {
                if let Some(row) = self.reference(field, &id, kind).await? {
                    *target = Some(row);
                }
            }
            MaybeUndefined::Null => *target = None,
            MaybeUndefined::Undefined => {}
        }
        Ok(())
    }
}
