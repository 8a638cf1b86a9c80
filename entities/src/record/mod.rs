//! The record model both writers share — the API's mutations and the seeds' sync: each
//! editable kind's declaration ([`Record`]), the one list of kinds, link lists, the audit
//! trail's shape and the value rules.

pub mod audit;
mod kind;
pub mod links;
pub mod rules;
pub mod terms;

use chrono::{DateTime, Utc};
use sea_orm::EntityTrait;
use serde::Serialize;

pub use kind::Kind;
pub use links::LinkList;

/// What every editable kind of record declares, once: its kind, its link lists, the fields
/// only the team writes, and its bookkeeping columns (id, version, timestamps, soft delete).
pub trait Record: EntityTrait
where
    Self::Model: Serialize + Clone + Send + Sync,
{
    /// Its kind: the name ids, revisions and search use.
    const KIND: Kind;
    /// The link lists it owns.
    const LINKS: &'static [LinkList] = &[];
    /// Fields only the team writes (notes, relationship status, watch list): a seed keeps
    /// them as they are and never compares them.
    const TEAM_ONLY: &'static [&'static str] = &[];

    fn id_column() -> Self::Column;
    fn version_column() -> Self::Column;
    fn deleted_at_column() -> Self::Column;
    fn id(model: &Self::Model) -> i64;
    fn version(model: &Self::Model) -> i32;
    fn deleted(model: &Self::Model) -> bool;
    /// Sets the version, `updated_at` and the soft-delete mark.
    fn stamp(
        model: &mut Self::Model,
        version: i32,
        now: DateTime<Utc>,
        deleted_at: Option<DateTime<Utc>>,
    );
    /// Copies onto `desired` what `existing` holds of the fields only the team writes.
    fn keep_team_only(desired: &mut Self::Model, existing: &Self::Model);
    /// Copies onto `desired` the identity of `existing`: its id and when it was created.
    fn keep_identity(desired: &mut Self::Model, existing: &Self::Model);
    /// Sets the id of a row just inserted.
    fn set_id(model: &mut Self::Model, id: i64);
}

macro_rules! records {
    ($($module:ident => $kind:ident $({ $($key:ident: $value:tt),* })?;)+) => {
        $(
            impl Record for crate::$module::Entity {
                const KIND: Kind = Kind::$kind;
                records!(@items $module $($($key: $value),*)?);
                fn id_column() -> Self::Column { crate::$module::Column::Id }
                fn version_column() -> Self::Column { crate::$module::Column::Version }
                fn deleted_at_column() -> Self::Column { crate::$module::Column::DeletedAt }
                fn id(model: &Self::Model) -> i64 { model.id }
                fn version(model: &Self::Model) -> i32 { model.version }
                fn deleted(model: &Self::Model) -> bool { model.deleted_at.is_some() }
                fn stamp(model: &mut Self::Model, version: i32, now: DateTime<Utc>, deleted_at: Option<DateTime<Utc>>) {
                    model.version = version;
                    model.updated_at = now;
                    model.deleted_at = deleted_at;
                }
                records!(@keep $module $($($key: $value),*)?);
                fn set_id(model: &mut Self::Model, id: i64) { model.id = id; }
                fn keep_identity(desired: &mut Self::Model, existing: &Self::Model) {
                    desired.id = existing.id;
                    desired.created_at = existing.created_at;
                }
            }
        )+
    };
    (@items $module:ident) => {};
    (@items $module:ident links: $links:ident $(, $($rest:tt)*)?) => {
        const LINKS: &'static [LinkList] = links::$links;
        records!(@items $module $($($rest)*)?);
    };
    (@items $module:ident team_only: [$($field:ident),*] $(, $($rest:tt)*)?) => {
        const TEAM_ONLY: &'static [&'static str] = &[$(stringify!($field)),*];
        records!(@items $module $($($rest)*)?);
    };
    (@keep $module:ident) => {
        fn keep_team_only(_desired: &mut Self::Model, _existing: &Self::Model) {}
    };
    (@keep $module:ident links: $links:ident $(, $($rest:tt)*)?) => {
        records!(@keep $module $($($rest)*)?);
    };
    (@keep $module:ident team_only: [$($field:ident),*] $(, $($rest:tt)*)?) => {
        fn keep_team_only(desired: &mut Self::Model, existing: &Self::Model) {
            $(desired.$field = existing.$field.clone();)*
        }
    };
}

records! {
    company => Company { team_only: [notes, relationship_status, watched] };
    model => Model { links: MODEL, team_only: [notes] };
    offering => Offering { team_only: [notes] };
    product => Product { links: PRODUCT, team_only: [notes] };
    price => Price { team_only: [notes] };
    free_quota => FreeQuota { team_only: [notes] };
    subscription_plan => SubscriptionPlan { links: SUBSCRIPTION_PLAN, team_only: [notes] };
    credit_cost => CreditCost { team_only: [notes] };
    event => Event { links: EVENT, team_only: [notes] };
    filing => Filing { team_only: [notes] };
    exchange_rate => ExchangeRate;
    benchmark => Benchmark;
    score => Score { team_only: [notes] };
    source => Source;
}
