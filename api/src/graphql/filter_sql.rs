//! SQL pieces the filters share: ids of records named by slug, ids through a link table, and
//! a case-insensitive substring match that reads the same on both databases.

use sea_orm::{
    ColumnTrait, EntityTrait,
    sea_query::{Expr, ExprTrait, Func, LikeExpr, Query, SelectStatement},
};

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
