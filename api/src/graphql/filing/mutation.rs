//! Editing filings: the input, how it applies onto the record, and the four mutations.

use async_graphql::{ID, InputObject, MaybeUndefined};
use async_trait::async_trait;
use entities::{FilingRole, FilingStatus, FilingType, filing};
use sea_orm::DatabaseTransaction;

use super::Filing;
use crate::graphql::validate::{
    self, ProvenanceInput, defaulted, optional, optional_date, required, text,
};
use crate::{
    error::ApiError,
    graphql::{editing::mutations, ids::Kind, scalars::Date},
    service::{editing::EditSpec, user_errors::Errors},
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
        txn: &DatabaseTransaction,
        m: &mut filing::Model,
        input: FilingInput,
        creating: bool,
        errors: &mut Errors,
    ) -> Result<(), ApiError> {
        required(
            errors,
            creating,
            "filingNumber",
            &mut m.filing_number,
            text(input.filing_number),
        );
        required(
            errors,
            creating,
            "type",
            &mut m.filing_type,
            input.filing_type,
        );
        required(errors, creating, "role", &mut m.role, input.role);
        required(
            errors,
            creating,
            "algorithmName",
            &mut m.algorithm_name,
            text(input.algorithm_name),
        );
        validate::required_reference(
            txn,
            errors,
            creating,
            "companyId",
            &mut m.company_id,
            input.company_id,
            Kind::Company,
        )
        .await?;
        validate::optional_reference(
            txn,
            errors,
            "productId",
            &mut m.product_id,
            input.product_id,
            Kind::Product,
        )
        .await?;
        validate::optional_reference(
            txn,
            errors,
            "modelId",
            &mut m.model_id,
            input.model_id,
            Kind::Model,
        )
        .await?;
        optional_date(&mut m.announced_on, input.announced_on);
        defaulted(errors, "status", &mut m.status, input.status);
        optional(&mut m.notes, text(input.notes));
        input.provenance.apply(
            errors,
            &mut m.source_url,
            &mut m.observed_on,
            &mut m.confidence,
        );
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
