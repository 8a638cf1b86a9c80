//! The record model both writers share — the API's mutations and the seeds' sync: each
//! editable kind's declaration ([`Record`]), the one list of kinds, link lists, the audit
//! trail's shape and the value rules.

pub mod audit;
mod kind;
pub mod links;
pub mod references;
pub mod rules;
pub mod terms;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::EntityTrait;
use serde::Serialize;

pub use kind::Kind;

use crate::{
    BillingPeriod, CompanyKind, DatePrecision, EventType, FilingRole, FilingStatus, FilingType,
    ModelStatus, PriceDimension, PriceMode, PriceUnit, ProductKind, ProductStatus, QuotaPeriod,
};
pub use links::LinkList;

/// What every editable kind of record declares, once: its kind, its link lists, the fields
/// only the team writes, and its bookkeeping columns (id, version, timestamps, soft delete);
/// its value rules are its [`rules::Rules`].
pub trait Record: EntityTrait + rules::Rules
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
    /// The columns no two live records share all of (the migration's unique index); a clash
    /// is reported on the last one. Empty where the kind checks its own (a price's terms).
    const NATURAL_KEY: &'static [Self::Column] = &[];
    /// The columns that hold another record's id, with the kind they point at (see
    /// [`references`]).
    const REFERENCES: &'static [(Self::Column, Kind)] = &[];
    /// Columns the seed files spell otherwise, as (column, seed key): every other field a
    /// seed record shares with the row by name is copied by that name (see `seeds::fields`).
    const SEED_NAMES: &'static [(&'static str, &'static str)] = &[];

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
    /// A new record before any input or seed is applied: version 1, created now, every
    /// field at its declared blank value.
    fn blank(now: DateTime<Utc>) -> Self::Model;
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
                fn blank(now: DateTime<Utc>) -> Self::Model {
                    records!(@blank $module now $($($key: $value),*)?)
                }
                fn keep_identity(desired: &mut Self::Model, existing: &Self::Model) {
                    desired.id = existing.id;
                    desired.created_at = existing.created_at;
                }
            }
        )+

        /// What the declarations say across kinds.
        pub(crate) mod declared {
            use sea_orm::{EntityName, IdenStatic};

            use super::{Kind, Record};

            /// The table of an editable kind.
            pub fn table(kind: Kind) -> Option<&'static str> {
                match kind {
                    $(Kind::$kind => Some(crate::$module::Entity.table_name()),)+
                    _ => None,
                }
            }

            /// Every declared reference: (table, column, the kind it points at).
            pub fn references() -> Vec<(&'static str, &'static str, Kind)> {
                let mut all = Vec::new();
                $(
                    for (column, target) in <crate::$module::Entity as Record>::REFERENCES {
                        all.push((crate::$module::Entity.table_name(), column.as_str(), *target));
                    }
                )+
                all
            }
        }
    };
    (@items $module:ident) => {};
    (@items $module:ident refs: [$($column:ident => $target:ident),*] $(, $($rest:tt)*)?) => {
        const REFERENCES: &'static [(Self::Column, Kind)] =
            &[$((crate::$module::Column::$column, Kind::$target)),*];
        records!(@items $module $($($rest)*)?);
    };
    (@keep $module:ident refs: $refs:tt $(, $($rest:tt)*)?) => {
        records!(@keep $module $($($rest)*)?);
    };

    (@items $module:ident seed_names: [$($column:ident => $key:ident),*] $(, $($rest:tt)*)?) => {
        const SEED_NAMES: &'static [(&'static str, &'static str)] =
            &[$((stringify!($column), stringify!($key))),*];
        records!(@items $module $($($rest)*)?);
    };
    (@keep $module:ident seed_names: $names:tt $(, $($rest:tt)*)?) => {
        records!(@keep $module $($($rest)*)?);
    };
    (@blank $module:ident $now:ident seed_names: $names:tt $(, $($rest:tt)*)?) => {
        records!(@blank $module $now $($($rest)*)?)
    };
    (@items $module:ident blank: $blank:tt $(, $($rest:tt)*)?) => {
        records!(@items $module $($($rest)*)?);
    };
    (@items $module:ident key: [$($column:ident),*] $(, $($rest:tt)*)?) => {
        const NATURAL_KEY: &'static [Self::Column] = &[$(crate::$module::Column::$column),*];
        records!(@items $module $($($rest)*)?);
    };
    (@keep $module:ident key: $key:tt $(, $($rest:tt)*)?) => {
        records!(@keep $module $($($rest)*)?);
    };
    (@keep $module:ident blank: $blank:tt $(, $($rest:tt)*)?) => {
        records!(@keep $module $($($rest)*)?);
    };
    (@blank $module:ident $now:ident) => {
        crate::$module::Model { version: 1, created_at: $now, updated_at: $now, ..Default::default() }
    };
    (@blank $module:ident $now:ident blank: { $($field:ident: $v:expr),* $(,)? } $(, $($rest:tt)*)?) => {
        crate::$module::Model {
            $($field: $v,)*
            version: 1, created_at: $now, updated_at: $now, ..Default::default()
        }
    };
    (@blank $module:ident $now:ident $key:ident: $value:tt $(, $($rest:tt)*)?) => {
        records!(@blank $module $now $($($rest)*)?)
    };
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
    company => Company {
        key: [Slug],
        refs: [ParentId => Company],
        team_only: [notes, relationship_status, watched],
        blank: { kind: CompanyKind::Startup }
    };
    model => Model {
        key: [Slug],
        refs: [CompanyId => Company, BaseModelId => Model, SuccessorId => Model],
        seed_names: [version_label => version],
        links: MODEL,
        team_only: [notes],
        blank: { status: ModelStatus::Announced }
    };
    offering => Offering {
        key: [ProviderId, Region, ModelId, ApiModelId],
        refs: [ModelId => Model, ProviderId => Company],
        team_only: [notes]
    };
    product => Product {
        key: [Slug],
        refs: [CompanyId => Company],
        links: PRODUCT,
        team_only: [notes],
        blank: { kind: ProductKind::Other, status: ProductStatus::Active }
    };
    price => Price {
        refs: [OfferingId => Offering, ProductId => Product],
        team_only: [notes],
        blank: {
            dimension: PriceDimension::InputTokens,
            unit: PriceUnit::Token,
            unit_quantity: 1,
            mode: PriceMode::Standard,
            effective_from: NaiveDate::MIN
        }
    };
    free_quota => FreeQuota {
        refs: [OfferingId => Offering, ProductId => Product],
        team_only: [notes],
        blank: {
            dimension: PriceDimension::InputTokens,
            unit: PriceUnit::Token,
            period: QuotaPeriod::Once,
            effective_from: NaiveDate::MIN
        }
    };
    subscription_plan => SubscriptionPlan {
        key: [ProductId, EffectiveFrom, Slug],
        refs: [ProductId => Product],
        links: SUBSCRIPTION_PLAN,
        team_only: [notes],
        blank: { billing_period: BillingPeriod::Month, effective_from: NaiveDate::MIN }
    };
    credit_cost => CreditCost {
        refs: [ProductId => Product, ModelId => Model],
        team_only: [notes],
        blank: { effective_from: NaiveDate::MIN }
    };
    event => Event {
        key: [Slug],
        seed_names: [event_type => type],
        links: EVENT,
        team_only: [notes],
        blank: {
            occurred_on: NaiveDate::MIN,
            date_precision: DatePrecision::Day,
            event_type: EventType::ModelRelease,
            importance: 3
        }
    };
    filing => Filing {
        key: [FilingNumber],
        refs: [CompanyId => Company, ProductId => Product, ModelId => Model],
        seed_names: [filing_type => type],
        team_only: [notes],
        blank: {
            filing_type: FilingType::GenerativeAiService,
            role: FilingRole::ServiceProvider,
            status: FilingStatus::Active
        }
    };
    exchange_rate => ExchangeRate {
        key: [BaseCurrency, QuoteCurrency, OnDate],
        seed_names: [base_currency => base, quote_currency => quote],
        blank: { on_date: NaiveDate::MIN } };
    benchmark => Benchmark {
        key: [Slug],
        blank: { higher_is_better: true } };
    score => Score {
        key: [BenchmarkId, ModelId, MeasuredOn],
        refs: [BenchmarkId => Benchmark, ModelId => Model],
        team_only: [notes]
    };
    source => Source {
        key: [Slug],
        refs: [CompanyId => Company],
        blank: { enabled: true } };
}
