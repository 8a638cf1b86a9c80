//! References: a column of one record that holds another record's id (a model's company, an
//! offering's provider, a price's offering or product), declared once beside each kind
//! ([`super::Record::REFERENCES`]). Three rules follow from the declarations alone: a
//! reference names a live record, a record is restored only while what it points at is live,
//! and a record is deleted only while no live record points at it.

use sea_orm::{
    ConnectionTrait, DbErr, IdenStatic, ModelTrait, Value,
    sea_query::{Alias, Expr, ExprTrait, Query},
};
use serde::Serialize;

use super::{Kind, Record, declared};

/// The references `model` holds that are set: (column, target kind, target id).
pub fn held<E>(model: &E::Model) -> Vec<(&'static str, Kind, i64)>
where
    E: Record,
    E::Model: Serialize + Clone + Send + Sync,
{
    E::REFERENCES
        .iter()
        .filter_map(|(column, target)| {
            let id = match model.get(*column) {
                Value::BigInt(Some(id)) => id,
                Value::Int(Some(id)) => i64::from(id),
                _ => return None,
            };
            Some((column.as_str(), *target, id))
        })
        .collect()
}

/// Whether record `id` of `kind` exists and is not deleted.
pub async fn is_live<C: ConnectionTrait>(db: &C, kind: Kind, id: i64) -> Result<bool, DbErr> {
    let Some(table) = declared::table(kind) else {
        return Err(DbErr::Custom(format!("{kind} is not an editable kind")));
    };
    Ok(live_count(db, table, "id", id).await? > 0)
}

/// The live records that point at record `id` of `kind`, counted per table that holds them
/// (only tables with some).
pub async fn pointing_at<C: ConnectionTrait>(
    db: &C,
    kind: Kind,
    id: i64,
) -> Result<Vec<(&'static str, i64)>, DbErr> {
    let mut found: Vec<(&'static str, i64)> = Vec::new();
    for (table, column, target) in declared::references() {
        if target != kind {
            continue;
        }
        let n = live_count(db, table, column, id).await?;
        if n == 0 {
            continue;
        }
        match found.iter_mut().find(|(t, _)| *t == table) {
            Some((_, total)) => *total += n,
            None => found.push((table, n)),
        }
    }
    Ok(found)
}

/// "3 live models and 1 live product": what [`pointing_at`] found, in words.
pub fn describe(found: &[(&'static str, i64)]) -> String {
    let parts: Vec<String> = found
        .iter()
        .map(|(table, n)| {
            let words = table.replace('_', " ");
            let noun = match (*n, words.strip_suffix("ies")) {
                (1, Some(stem)) => format!("{stem}y"),
                (1, None) => words.strip_suffix('s').unwrap_or(&words).to_owned(),
                _ => words,
            };
            format!("{n} live {noun}")
        })
        .collect();
    match parts.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    }
}

async fn live_count<C: ConnectionTrait>(
    db: &C,
    table: &str,
    column: &str,
    id: i64,
) -> Result<i64, DbErr> {
    let mut select = Query::select();
    select
        .expr_as(Expr::cust("COUNT(*)"), Alias::new("n"))
        .from(Alias::new(table))
        .and_where(Expr::col(Alias::new(column)).eq(id))
        .and_where(Expr::col(Alias::new("deleted_at")).is_null());
    match db.query_one(&select).await? {
        Some(row) => row.try_get::<i64>("", "n"),
        None => Ok(0),
    }
}

#[cfg(test)]
mod tests {
    use super::describe;

    #[test]
    fn counts_read_as_words() {
        assert_eq!(describe(&[("models", 3)]), "3 live models");
        assert_eq!(
            describe(&[("companies", 1), ("free_quotas", 2), ("offerings", 1)]),
            "1 live company, 2 live free quotas and 1 live offering"
        );
    }
}
