//! The data version: a number every committed change to the landscape moves forward (the
//! database's triggers move it, see the `m20261201_000004_data_version` migration). Read on
//! the pool a request reads from, it says whether an answer computed earlier still holds.

use sea_orm::{ConnectionTrait, DatabaseConnection, DbErr, Statement};

/// The current data version as `db` sees it.
pub async fn read(db: &DatabaseConnection) -> Result<i64, DbErr> {
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT version FROM data_version WHERE id = 1",
        ))
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("the data_version row".into()))?;
    row.try_get_by_index::<i64>(0)
}
