//! SQL pieces the filters share: ids of records named by slug, ids through a link table,
//! models by their media types and tasks, and a case-insensitive substring match that reads
//! the same on both databases.

use entities::{Direction, media_type, model, model_media_type, model_task, task};
use sea_orm::{
    ColumnTrait, Condition, EntityTrait,
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

/// Models that have every media type in `slugs` in `direction`.
pub fn with_media_types(slugs: &[String], direction: Direction) -> Condition {
    slugs.iter().fold(Condition::all(), |all, slug| {
        let media = Query::select()
            .column(media_type::Column::Id)
            .from(media_type::Entity)
            .and_where(media_type::Column::Slug.eq(slug.as_str()))
            .to_owned();
        let models = Query::select()
            .column(model_media_type::Column::ModelId)
            .from(model_media_type::Entity)
            .and_where(model_media_type::Column::MediaTypeId.in_subquery(media))
            .and_where(model_media_type::Column::Direction.eq(direction))
            .to_owned();
        all.add(model::Column::Id.in_subquery(models))
    })
}

/// Models that do any of the tasks in `slugs`.
pub fn with_any_task(slugs: Vec<String>) -> sea_orm::sea_query::SimpleExpr {
    let tasks = Query::select()
        .column(task::Column::Id)
        .from(task::Entity)
        .and_where(task::Column::Slug.is_in(slugs))
        .to_owned();
    let models = linked::<model_task::Entity, _>(
        model_task::Column::ModelId,
        model_task::Column::TaskId,
        tasks,
    );
    model::Column::Id.in_subquery(models)
}
