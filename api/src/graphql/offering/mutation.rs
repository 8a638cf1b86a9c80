//! Editing offerings: the input, how it applies onto the record, and the four mutations.

use async_graphql::{ID, InputObject, MaybeUndefined};
use async_trait::async_trait;
use entities::offering;

use super::Offering;
use crate::graphql::validate::{ProvenanceInput, optional, optional_date, text};
use crate::{
    error::ApiError,
    graphql::{editing::mutations, ids::Kind, scalars::Date},
    service::editing::{Apply, EditSpec},
};

/// An offering's fields. Creating needs `modelId`, `providerId`, `region` and `apiModelId`;
/// when updating, a field left out keeps its value and null clears it.
#[derive(InputObject, Default)]
pub struct OfferingInput {
    /// Id of the model served.
    pub model_id: MaybeUndefined<ID>,
    /// Id of the company selling it (the maker or a cloud).
    pub provider_id: MaybeUndefined<ID>,
    /// The provider's region, e.g. "cn" or "intl".
    pub region: MaybeUndefined<String>,
    /// The id callers pass to the API, e.g. "deepseek-chat".
    pub api_model_id: MaybeUndefined<String>,
    /// Whether it can be called from mainland China.
    pub mainland_reachable: MaybeUndefined<bool>,
    /// First day the API id served this model.
    pub served_from: MaybeUndefined<Date>,
    /// Day it stopped serving this model (exclusive).
    pub served_to: MaybeUndefined<Date>,
    /// Rate limits as published.
    pub rate_limits: MaybeUndefined<String>,
    /// Team-only notes.
    pub notes: MaybeUndefined<String>,
    /// Where the facts come from.
    #[graphql(flatten)]
    pub provenance: ProvenanceInput,
}

#[async_trait]
impl EditSpec for offering::Entity {
    type Input = OfferingInput;
    type Links = ();

    async fn apply(
        cx: &mut Apply<'_>,
        m: &mut offering::Model,
        input: OfferingInput,
    ) -> Result<(), ApiError> {
        cx.required_reference("modelId", &mut m.model_id, input.model_id, Kind::Model)
            .await?;
        cx.required_reference(
            "providerId",
            &mut m.provider_id,
            input.provider_id,
            Kind::Company,
        )
        .await?;
        cx.required("region", &mut m.region, text(input.region));
        cx.required("apiModelId", &mut m.api_model_id, text(input.api_model_id));
        optional(&mut m.mainland_reachable, input.mainland_reachable);
        optional_date(&mut m.served_from, input.served_from);
        optional_date(&mut m.served_to, input.served_to);
        optional(&mut m.rate_limits, text(input.rate_limits));
        optional(&mut m.notes, text(input.notes));
        cx.provenance(input.provenance, m);
        Ok(())
    }
}

mutations! {
    entity: offering::Entity,
    wrapper: Offering,
    kind: Kind::Offering,
    input: OfferingInput,
    payload: OfferingPayload { offering },
    mutation: OfferingMutation { create_offering, update_offering, delete_offering, restore_offering },
    what: "offering",
}
