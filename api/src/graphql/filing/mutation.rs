//! Editing filings: the input, how it applies onto the record, and the four mutations.

use async_graphql::{ID, InputObject, MaybeUndefined};
use async_trait::async_trait;
use entities::{FilingRole, FilingStatus, FilingType, filing};

use super::Filing;
use crate::graphql::validate::{ProvenanceInput, optional, optional_date, text};
use crate::{
    error::ApiError,
    graphql::{editing::mutations, ids::Kind, scalars::Date},
    service::editing::{Apply, EditSpec},
};

/// A filing's fields. Creating needs `filingNumber`, `type`, `role`, `algorithmName` and
/// `companyId`; when updating, a field left out keeps its value and null clears it.
#[derive(InputObject, Default)]
pub struct FilingInput {
    /// The filing number, e.g. "网信算备110108823483901230031号".
    pub filing_number: MaybeUndefined<String>,
    /// Which kind of filing.
    #[graphql(name = "type")]
    pub filing_type: MaybeUndefined<FilingType>,
    /// The filer's role.
    pub role: MaybeUndefined<FilingRole>,
    /// The algorithm or service name as filed.
    pub algorithm_name: MaybeUndefined<String>,
    /// Id of the filing company.
    pub company_id: MaybeUndefined<ID>,
    /// Id of the product filed for.
    pub product_id: MaybeUndefined<ID>,
    /// Id of the model filed for.
    pub model_id: MaybeUndefined<ID>,
    /// When the CAC announced it.
    pub announced_on: MaybeUndefined<Date>,
    /// Whether it is in force (ACTIVE by default).
    pub status: MaybeUndefined<FilingStatus>,
    /// Team-only notes.
    pub notes: MaybeUndefined<String>,
    /// Where the facts come from.
    #[graphql(flatten)]
    pub provenance: ProvenanceInput,
}

#[async_trait]
impl EditSpec for filing::Entity {
    type Input = FilingInput;
    type Links = ();

    async fn apply(
        cx: &mut Apply<'_>,
        m: &mut filing::Model,
        input: FilingInput,
    ) -> Result<(), ApiError> {
        cx.required(
            "filingNumber",
            &mut m.filing_number,
            text(input.filing_number),
        );
        cx.required("type", &mut m.filing_type, input.filing_type);
        cx.required("role", &mut m.role, input.role);
        cx.required(
            "algorithmName",
            &mut m.algorithm_name,
            text(input.algorithm_name),
        );
        cx.required_reference(
            "companyId",
            &mut m.company_id,
            input.company_id,
            Kind::Company,
        )
        .await?;
        cx.optional_reference(
            "productId",
            &mut m.product_id,
            input.product_id,
            Kind::Product,
        )
        .await?;
        cx.optional_reference("modelId", &mut m.model_id, input.model_id, Kind::Model)
            .await?;
        optional_date(&mut m.announced_on, input.announced_on);
        cx.defaulted("status", &mut m.status, input.status);
        optional(&mut m.notes, text(input.notes));
        cx.provenance(input.provenance, m);
        Ok(())
    }
}

mutations! {
    entity: filing::Entity,
    wrapper: Filing,
    kind: Kind::Filing,
    input: FilingInput,
    payload: FilingPayload { filing },
    mutation: FilingMutation { create_filing, update_filing, delete_filing, restore_filing },
    what: "filing",
}
