//! Applying a GraphQL input onto a record, for every editable entity (absent = keep,
//! null = clear), required fields, and the value rules (slug, URL, codes, dates, amounts).

use async_graphql::{ID, MaybeUndefined};
use chrono::NaiveDate;
use entities::{
    Dec,
    codes::{is_country, is_currency, is_slug, is_url},
    record::references,
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::service::user_errors::{Errors, UserErrorCode};
use crate::{
    error::ApiError,
    graphql::{ids, scalars::Date},
};

/// Applies a non-nullable field: a value sets it, null is refused, absent keeps it (or, when
/// creating, is refused as missing).
pub fn required<T>(
    errors: &mut Errors,
    creating: bool,
    field: &str,
    target: &mut T,
    value: MaybeUndefined<T>,
) {
    match value {
        MaybeUndefined::Value(v) => *target = v,
        MaybeUndefined::Null => errors.invalid(field, format!("`{field}` cannot be null")),
        MaybeUndefined::Undefined if creating => {
            errors.invalid(field, format!("`{field}` is required"))
        }
        MaybeUndefined::Undefined => {}
    }
}

/// Applies a non-nullable field that has a default: absent keeps it, even when creating.
pub fn defaulted<T>(errors: &mut Errors, field: &str, target: &mut T, value: MaybeUndefined<T>) {
    match value {
        MaybeUndefined::Value(v) => *target = v,
        MaybeUndefined::Null => errors.invalid(field, format!("`{field}` cannot be null")),
        MaybeUndefined::Undefined => {}
    }
}

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

pub fn slug(errors: &mut Errors, field: &str, value: &str) {
    if !is_slug(value) {
        errors.invalid(
            field,
            format!("`{value}` is not a slug: use lower-case letters and digits joined by single - or ., e.g. `deepseek-v3`"),
        );
    }
}

pub fn url(errors: &mut Errors, field: &str, value: &Option<String>) {
    if let Some(v) = value
        && !is_url(v)
    {
        errors.invalid(field, format!("`{v}` is not an absolute http(s) URL"));
    }
}

pub fn currency(errors: &mut Errors, field: &str, value: &str) {
    if !is_currency(value) {
        errors.invalid(
            field,
            format!("`{value}` is not an ISO 4217 currency code (e.g. CNY, USD, EUR)"),
        );
    }
}

pub fn country(errors: &mut Errors, field: &str, value: &Option<String>) {
    if let Some(v) = value
        && !is_country(v)
    {
        errors.invalid(
            field,
            format!("`{v}` is not an ISO 3166-1 alpha-2 country code (e.g. CN, US)"),
        );
    }
}

pub fn not_negative(errors: &mut Errors, field: &str, value: Option<&Dec>) {
    if let Some(v) = value
        && v.0.is_sign_negative()
        && !v.0.is_zero()
    {
        errors.invalid(field, format!("{v} is negative: amounts are 0 or more"));
    }
}

pub fn positive(errors: &mut Errors, field: &str, value: Option<i64>) {
    if let Some(v) = value
        && v <= 0
    {
        errors.invalid(field, format!("{v} must be greater than 0"));
    }
}

/// `later` must be after `earlier` (`strict`) or on or after it.
pub fn after(
    errors: &mut Errors,
    later: (&str, Option<NaiveDate>),
    earlier: (&str, Option<NaiveDate>),
    strict: bool,
) {
    if let (Some(b), Some(a)) = (later.1, earlier.1)
        && (b < a || (strict && b == a))
    {
        errors.invalid(
            later.0,
            format!("{} {b} must be after {} {a}", later.0, earlier.0),
        );
    }
}

/// The row id of a referenced record, which must exist and be live; records a user error and
/// returns `None` otherwise.
pub async fn reference<C: ConnectionTrait>(
    db: &C,
    errors: &mut Errors,
    field: &str,
    id: &ID,
    kind: ids::Kind,
) -> Result<Option<i64>, ApiError> {
    let row = match ids::decode_as(id, kind) {
        Ok(row) => row,
        Err(e) => {
            errors.invalid(field, e.message());
            return Ok(None);
        }
    };
    if !references::is_live(db, kind, row).await? {
        errors.add(
            &["input", field],
            UserErrorCode::NotFound,
            format!("no {} with id `{}`", kind.name(), id.0),
        );
        return Ok(None);
    }
    Ok(Some(row))
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

impl ProvenanceInput {
    /// Applies the provenance fields.
    pub fn apply(
        self,
        errors: &mut Errors,
        source_url: &mut Option<String>,
        observed_on: &mut Option<NaiveDate>,
        confidence: &mut Option<entities::Confidence>,
    ) {
        optional(source_url, text(self.source_url));
        url(errors, "sourceUrl", source_url);
        optional_date(observed_on, self.observed_on);
        optional(confidence, self.confidence);
    }
}

/// Applies a required reference given by global id: it must name a live `kind` record.
pub async fn required_reference<C: ConnectionTrait>(
    db: &C,
    errors: &mut Errors,
    creating: bool,
    field: &str,
    target: &mut i64,
    value: MaybeUndefined<ID>,
    kind: ids::Kind,
) -> Result<(), ApiError> {
    match value {
        MaybeUndefined::Value(id) => {
            if let Some(row) = reference(db, errors, field, &id, kind).await? {
                *target = row;
            }
        }
        MaybeUndefined::Null => errors.invalid(field, format!("`{field}` cannot be null")),
        MaybeUndefined::Undefined if creating => {
            errors.invalid(field, format!("`{field}` is required"))
        }
        MaybeUndefined::Undefined => {}
    }
    Ok(())
}

/// Applies an optional reference given by global id; null clears it.
pub async fn optional_reference<C: ConnectionTrait>(
    db: &C,
    errors: &mut Errors,
    field: &str,
    target: &mut Option<i64>,
    value: MaybeUndefined<ID>,
    kind: ids::Kind,
) -> Result<(), ApiError> {
    match value {
        MaybeUndefined::Value(id) => {
            if let Some(row) = reference(db, errors, field, &id, kind).await? {
                *target = Some(row);
            }
        }
        MaybeUndefined::Null => *target = None,
        MaybeUndefined::Undefined => {}
    }
    Ok(())
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
