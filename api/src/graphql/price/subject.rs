//! The subject of a price or free quota — exactly one of an offering and a product — and
//! the lock that makes editors recording prices for one subject take turns.

use async_graphql::{ID, MaybeUndefined};
use entities::{offering, product};
use sea_orm::{DatabaseTransaction, EntityTrait};

use crate::{error::ApiError, graphql::ids::Kind, service::editing::Apply};

/// Applies the subject of a price or quota: exactly one of an offering and a product.
pub(super) async fn subject(
    cx: &mut Apply<'_>,
    (offering_id, product_id): (&mut Option<i64>, &mut Option<i64>),
    offering: MaybeUndefined<ID>,
    product: MaybeUndefined<ID>,
) -> Result<(), ApiError> {
    cx.optional_reference("offeringId", offering_id, offering, Kind::Offering)
        .await?;
    cx.optional_reference("productId", product_id, product, Kind::Product)
        .await?;
    if offering_id.is_some() == product_id.is_some() && cx.errors.is_empty() {
        cx.errors.invalid("offeringId", "give exactly one of `offeringId` (an API price) and `productId` (an app or plan price)");
    }
    Ok(())
}

/// Locks the offering or product a price belongs to until the transaction ends, so two
/// editors recording prices for it on PostgreSQL take turns, as they do on SQLite (whose
/// transactions hold the write lock from the start; there the lock clause is left out).
pub(super) async fn lock_subject(
    txn: &DatabaseTransaction,
    offering_id: Option<i64>,
    product_id: Option<i64>,
) -> Result<(), ApiError> {
    use sea_orm::QuerySelect;
    if let Some(id) = offering_id {
        offering::Entity::find_by_id(id)
            .lock_exclusive()
            .one(txn)
            .await?;
    }
    if let Some(id) = product_id {
        product::Entity::find_by_id(id)
            .lock_exclusive()
            .one(txn)
            .await?;
    }
    Ok(())
}
