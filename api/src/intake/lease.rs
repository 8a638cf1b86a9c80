//! A named lease in the database: held by one process until it expires or is given back,
//! so that of several replicas sharing a database only one runs the background fetches. A
//! row with an expiry, not a session advisory lock: a pooled connection may be closed or
//! reused at any time, and SQLite has no such locks.

use chrono::{Duration, Utc};
use entities::lease;
use sea_orm::{
    ActiveValue::Set,
    ColumnTrait, Condition, DatabaseConnection, DbErr, EntityTrait, QueryFilter,
    sea_query::{Expr, OnConflict},
};

/// Takes (or renews) lease `name` for `holder` for `ttl`; false when another holder has it.
pub async fn acquire(
    db: &DatabaseConnection,
    name: &str,
    holder: &str,
    ttl: Duration,
) -> Result<bool, DbErr> {
    let now = Utc::now();
    // The row exists from the first try on; only its holder and expiry change.
    lease::Entity::insert(lease::ActiveModel {
        name: Set(name.to_owned()),
        holder: Set(String::new()),
        expires_at: Set(now - Duration::seconds(1)),
    })
    .on_conflict(
        OnConflict::column(lease::Column::Name)
            .do_nothing()
            .to_owned(),
    )
    .try_insert()
    .exec(db)
    .await?;
    let taken = lease::Entity::update_many()
        .col_expr(lease::Column::Holder, Expr::value(holder))
        .col_expr(lease::Column::ExpiresAt, Expr::value(now + ttl))
        .filter(lease::Column::Name.eq(name))
        .filter(
            Condition::any()
                .add(lease::Column::Holder.eq(holder))
                .add(lease::Column::ExpiresAt.lt(now)),
        )
        .exec(db)
        .await?;
    Ok(taken.rows_affected == 1)
}

/// Gives lease `name` back if `holder` has it.
pub async fn release(db: &DatabaseConnection, name: &str, holder: &str) -> Result<(), DbErr> {
    lease::Entity::update_many()
        .col_expr(
            lease::Column::ExpiresAt,
            Expr::value(Utc::now() - Duration::seconds(1)),
        )
        .filter(lease::Column::Name.eq(name))
        .filter(lease::Column::Holder.eq(holder))
        .exec(db)
        .await?;
    Ok(())
}

/// A holder name unique to this process: host, process id and a random suffix.
pub fn holder_name() -> String {
    let mut random = [0u8; 4];
    let _ = getrandom::fill(&mut random);
    let host = std::fs::read_to_string("/etc/hostname").unwrap_or_default();
    format!(
        "{}-{}-{}",
        host.trim(),
        std::process::id(),
        hex::encode(random)
    )
}
