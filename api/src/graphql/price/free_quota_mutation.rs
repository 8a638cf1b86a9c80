//! Editing free quotas: the free quota's fields and its mutations.

use async_graphql::{ID, InputObject, MaybeUndefined};
use async_trait::async_trait;
use entities::{PriceDimension, PriceUnit, QuotaPeriod, free_quota};

use super::{FreeQuota, subject::subject};
use crate::graphql::validate::{ProvenanceInput, optional, optional_date, text};
use crate::{
    error::ApiError,
    graphql::{
        editing::mutations,
        ids::Kind,
        scalars::{Date, Decimal},
    },
    service::editing::{Apply, EditSpec},
};

/// A free quota's fields. Creating needs a subject (`offeringId` or `productId`),
/// `dimension`, `quantity`, `unit`, `period` and `effectiveFrom`.
#[derive(InputObject, Default)]
pub struct FreeQuotaInput {
    /// Id of the offering it comes with.
    pub offering_id: MaybeUndefined<ID>,
    /// Id of the product it comes with.
    pub product_id: MaybeUndefined<ID>,
    /// What the free units are of.
    pub dimension: MaybeUndefined<PriceDimension>,
    /// How many units are free each period, exact, 0 or more.
    pub quantity: MaybeUndefined<Decimal>,
    /// The unit.
    pub unit: MaybeUndefined<PriceUnit>,
    /// How often it is granted.
    pub period: MaybeUndefined<QuotaPeriod>,
    /// Days after the grant that it expires.
    pub expires_after_days: MaybeUndefined<i64>,
    /// Whether only new accounts get it (false by default).
    pub new_accounts_only: MaybeUndefined<bool>,
    /// First day in effect.
    pub effective_from: MaybeUndefined<Date>,
    /// Day it stopped (exclusive).
    pub effective_to: MaybeUndefined<Date>,
    /// Team-only notes.
    pub notes: MaybeUndefined<String>,
    /// Where the facts come from.
    #[graphql(flatten)]
    pub provenance: ProvenanceInput,
}

#[async_trait]
impl EditSpec for free_quota::Entity {
    type Input = FreeQuotaInput;
    type Links = ();

    async fn apply(
        cx: &mut Apply<'_>,
        m: &mut free_quota::Model,
        input: FreeQuotaInput,
    ) -> Result<(), ApiError> {
        subject(
            cx,
            (&mut m.offering_id, &mut m.product_id),
            input.offering_id,
            input.product_id,
        )
        .await?;
        cx.required("dimension", &mut m.dimension, input.dimension);
        cx.required(
            "quantity",
            &mut m.quantity,
            input.quantity.map_value(|d| d.0),
        );
        cx.required("unit", &mut m.unit, input.unit);
        cx.required("period", &mut m.period, input.period);
        optional(&mut m.expires_after_days, input.expires_after_days);
        cx.defaulted(
            "newAccountsOnly",
            &mut m.new_accounts_only,
            input.new_accounts_only,
        );
        cx.required(
            "effectiveFrom",
            &mut m.effective_from,
            input.effective_from.map_value(|d| d.0),
        );
        optional_date(&mut m.effective_to, input.effective_to);
        optional(&mut m.notes, text(input.notes));
        cx.provenance(input.provenance, m);
        Ok(())
    }
}

mutations! {
    entity: free_quota::Entity,
    wrapper: FreeQuota,
    kind: Kind::FreeQuota,
    input: FreeQuotaInput,
    payload: FreeQuotaPayload { free_quota },
    mutation: FreeQuotaMutation { create_free_quota, update_free_quota, delete_free_quota, restore_free_quota },
    what: "free quota",
}
