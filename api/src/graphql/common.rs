//! Output types and helpers shared by every domain: provenance, money, the request's
//! database and loaders, and slug look-ups for filters.

use async_graphql::{Context, Enum, Scalar, ScalarType, SimpleObject, Value};
use chrono::{DateTime as ChronoDateTime, NaiveDate, Utc};
use entities::Confidence;
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait,
    sea_query::{Expr, ExprTrait, Func, LikeExpr, Query, SelectStatement},
};

use super::loaders::Loaders;
use super::scalars::{Date, DateTime};

/// The request's database connection.
pub fn db<'a>(ctx: &Context<'a>) -> &'a DatabaseConnection {
    ctx.data_unchecked::<DatabaseConnection>()
}

/// The request's loaders.
pub fn loaders<'a>(ctx: &Context<'a>) -> &'a Loaders {
    ctx.data_unchecked::<Loaders>()
}

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

/// Who a product is for.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Audience {
    /// Consumers (C端).
    Consumer,
    /// Businesses (B端).
    Business,
    /// Government (G端).
    Government,
}

/// An integer that may exceed 32 bits (parameter counts), written as a string of digits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BigInt(pub i64);

#[Scalar(name = "BigInt")]
/// An integer that may exceed 32 bits, written as a string of digits, e.g. "671000000000".
impl ScalarType for BigInt {
    fn parse(value: Value) -> async_graphql::InputValueResult<Self> {
        match &value {
            Value::String(s) => s.parse().map(BigInt).map_err(|_| {
                async_graphql::InputValueError::custom(format!("`{s}` is not an integer"))
            }),
            Value::Number(n) => n
                .as_i64()
                .map(BigInt)
                .ok_or_else(|| async_graphql::InputValueError::custom("not an integer")),
            _ => Err(async_graphql::InputValueError::expected_type(value)),
        }
    }

    fn to_value(&self) -> Value {
        Value::String(self.0.to_string())
    }
}

/// The id, version and timestamps every editable entity has.
pub fn stamp(at: ChronoDateTime<Utc>) -> DateTime {
    DateTime(at)
}

/// `SELECT id FROM <table> WHERE <slug> IN (slugs) AND deleted_at IS NULL`, for filters that
/// name related entities by slug.
pub fn ids_with_slugs<E, C>(slug: C, id: C, deleted_at: C, slugs: &[String]) -> SelectStatement
where
    E: EntityTrait + Default,
    C: ColumnTrait,
{
    Query::select()
        .column(id)
        .from(E::default())
        .and_where(slug.is_in(slugs.iter().cloned()))
        .and_where(deleted_at.is_null())
        .to_owned()
}

/// `SELECT <key> FROM <link table> WHERE <other> IN (subquery)`, for filters through a link table.
pub fn linked<L, C>(key: C, other: C, subquery: SelectStatement) -> SelectStatement
where
    L: EntityTrait + Default,
    C: ColumnTrait,
{
    Query::select()
        .column(key)
        .from(L::default())
        .and_where(other.in_subquery(subquery))
        .to_owned()
}

/// `lower(column) LIKE '%text%'` with `%`, `_` and `\` in `text` taken literally: the same
/// case-insensitive substring match on both databases.
pub fn contains_ci<C: ColumnTrait>(column: C, text: &str) -> Expr {
    let escaped = text
        .to_lowercase()
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    Expr::expr(Func::lower(column.into_expr()))
        .like(LikeExpr::new(format!("%{escaped}%")).escape('\\'))
}
