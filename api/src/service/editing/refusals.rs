//! The refusals a change meets beyond its own values: a delete while live records point at
//! the record, a restore while it points at a deleted one (both from the kind's declared
//! references), and a natural key another live record holds.

use entities::{
    Record,
    record::{audit, references, rules},
};
use sea_orm::{
    ColumnTrait, DatabaseTransaction, IdenStatic, ModelTrait, PaginatorTrait, QueryFilter,
};
use serde::Serialize;
use serde_json::Value;

use crate::{
    error::ApiError,
    service::user_errors::{Errors, UserErrorCode},
};

/// Refuses a delete that would leave live records pointing at nothing (see
/// [`references`]).
pub(super) async fn still_pointed_at<E>(
    txn: &DatabaseTransaction,
    model: &E::Model,
    errors: &mut Errors,
) -> Result<(), ApiError>
where
    E: Record,
    E::Model: Serialize + Clone + Send + Sync,
{
    let found = references::pointing_at(txn, E::KIND, E::id(model)).await?;
    if !found.is_empty() {
        // A label is one of the record's own fields: its links are not needed to name it.
        let name = audit::label(&audit::snapshot(E::KIND, model, Default::default()))
            .map_or_else(|| format!("this {}", E::KIND), |l| format!("`{l}`"));
        errors.add(
            &["id"],
            UserErrorCode::Invalid,
            format!(
                "{name} still has {}: delete or move them first",
                references::describe(&found)
            ),
        );
    }
    Ok(())
}

/// Refuses a restore whose record points at a record deleted meanwhile.
pub(super) async fn points_at_deleted<E>(
    txn: &DatabaseTransaction,
    model: &E::Model,
    errors: &mut Errors,
) -> Result<(), ApiError>
where
    E: Record,
    E::Model: Serialize + Clone + Send + Sync,
{
    for (column, kind, id) in references::held::<E>(model) {
        if !references::is_live(txn, kind, id).await? {
            let field = rules::camel(column);
            errors.add(
                &[field.as_str()],
                UserErrorCode::NotFound,
                format!("the record `{field}` points at was deleted: restore it first"),
            );
        }
    }
    Ok(())
}

/// TAKEN on the key's last column when another live record shares every column of `E`'s
/// natural key with `model`.
pub(super) async fn natural_key_taken<E>(
    txn: &DatabaseTransaction,
    model: &E::Model,
    errors: &mut Errors,
) -> Result<(), ApiError>
where
    E: Record,
    E::Model: Serialize + Clone + Send + Sync + ModelTrait<Entity = E>,
{
    let Some(last) = E::NATURAL_KEY.last() else {
        return Ok(());
    };
    let mut others = E::find()
        .filter(E::deleted_at_column().is_null())
        .filter(E::id_column().ne(E::id(model)));
    for column in E::NATURAL_KEY {
        others = others.filter(column.eq(model.get(*column)));
    }
    if others.count(txn).await? == 0 {
        return Ok(());
    }
    let fields = serde_json::to_value(model).unwrap_or_default();
    let shown = |c: &E::Column| match &fields[c.as_str()] {
        Value::String(text) => format!("`{text}`"),
        other => format!("`{other}`"),
    };
    let message = match E::NATURAL_KEY {
        [only] => format!(
            "the {} {} is already used by another record",
            only.as_str().replace('_', " "),
            shown(only)
        ),
        [first @ .., _] => format!(
            "{} is already used by another record with the same {}",
            shown(last),
            first
                .iter()
                .map(|c| c.as_str().trim_end_matches("_id").replace('_', " "))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        [] => unreachable!("checked above"),
    };
    errors.add(
        &["input", &rules::camel(last.as_str())],
        UserErrorCode::Taken,
        message,
    );
    Ok(())
}
