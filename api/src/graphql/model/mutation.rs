//! Editing models: the input, how it applies onto the record, and the four mutations.

use async_graphql::{ID, InputObject, MaybeUndefined};
use async_trait::async_trait;
use entities::{
    ModelStatus, media_type, model,
    record::{LinkList, links},
    task,
};
use sea_orm::DatabaseTransaction;

use super::Model;
use crate::graphql::validate::{ProvenanceInput, optional, optional_date, slugs_to_ids, text};
use crate::{
    error::ApiError,
    graphql::{company::aliases, editing::mutations, ids::Kind, scalars::BigInt, scalars::Date},
    service::editing::{Apply, EditSpec},
};

/// A model's fields. Creating needs `slug`, `name`, `companyId` and `status`; when updating,
/// a field left out keeps its value and null clears it. Media types and tasks are named by
/// slug and replace the lists.
#[derive(InputObject, Default)]
pub struct ModelInput {
    /// Unique human key, e.g. "deepseek-v3".
    pub slug: MaybeUndefined<String>,
    /// Name, e.g. "DeepSeek-V3".
    pub name: MaybeUndefined<String>,
    /// Chinese name.
    pub name_zh: MaybeUndefined<String>,
    /// Other names it goes by (replaces the list).
    pub aliases: MaybeUndefined<Vec<String>>,
    /// Id of the company that makes it.
    pub company_id: MaybeUndefined<ID>,
    /// Model family.
    pub family: MaybeUndefined<String>,
    /// Version within the family.
    pub version_label: MaybeUndefined<String>,
    /// Id of the model it was fine-tuned or distilled from.
    pub base_model_id: MaybeUndefined<ID>,
    /// Id of the model that replaces it.
    pub successor_id: MaybeUndefined<ID>,
    /// First public release.
    pub release_date: MaybeUndefined<Date>,
    /// Where it is in its life.
    pub status: MaybeUndefined<ModelStatus>,
    /// When it became available as a preview.
    pub preview_on: MaybeUndefined<Date>,
    /// When it became generally available.
    pub ga_on: MaybeUndefined<Date>,
    /// When its deprecation was announced.
    pub deprecated_on: MaybeUndefined<Date>,
    /// When it stopped being served.
    pub retired_on: MaybeUndefined<Date>,
    /// Whether its weights are published (false by default).
    pub open_weights: MaybeUndefined<bool>,
    /// Licence of the weights.
    pub license: MaybeUndefined<String>,
    /// Whether commercial use is allowed.
    pub commercial_use: MaybeUndefined<bool>,
    /// Number of parameters, where published.
    pub parameter_count: MaybeUndefined<BigInt>,
    /// Context window in tokens.
    pub context_window: MaybeUndefined<i64>,
    /// Most tokens one response may have.
    pub max_output_tokens: MaybeUndefined<i64>,
    /// Date of the training data's cutoff.
    pub knowledge_cutoff: MaybeUndefined<Date>,
    /// Calls tools or functions.
    pub tool_calling: MaybeUndefined<bool>,
    /// Returns enforced JSON or another structure.
    pub structured_output: MaybeUndefined<bool>,
    /// Reasons before answering.
    pub reasoning: MaybeUndefined<bool>,
    /// Slugs of the media types it takes in (replaces the list).
    pub input_media_types: MaybeUndefined<Vec<String>>,
    /// Slugs of the media types it puts out (replaces the list).
    pub output_media_types: MaybeUndefined<Vec<String>>,
    /// Slugs of its tasks (replaces the list).
    pub tasks: MaybeUndefined<Vec<String>>,
    /// Description in English.
    pub description: MaybeUndefined<String>,
    /// Description in Chinese.
    pub description_zh: MaybeUndefined<String>,
    /// Team-only notes.
    pub notes: MaybeUndefined<String>,
    /// Where the facts come from.
    #[graphql(flatten)]
    pub provenance: ProvenanceInput,
}

/// The media types and tasks to write, when the input gave them (row ids, per link list).
#[derive(Default)]
pub struct ModelLinks(Vec<(&'static LinkList, Vec<i64>)>);

/// A live model's id from `id`, or a user error; `own` is the model being edited.
async fn other_model(
    cx: &mut Apply<'_>,
    field: &str,
    id: ID,
    own: i64,
) -> Result<Option<i64>, ApiError> {
    let row = cx.reference(field, &id, Kind::Model).await?;
    if row.is_some() && row == Some(own) {
        cx.errors.invalid(field, "a model cannot point at itself");
    }
    Ok(row)
}

#[async_trait]
impl EditSpec for model::Entity {
    type Input = ModelInput;
    type Links = ModelLinks;

    fn search_texts(m: &model::Model) -> Option<Vec<String>> {
        Some(entities::search::model_texts(m))
    }

    async fn apply(
        cx: &mut Apply<'_>,
        m: &mut model::Model,
        input: ModelInput,
    ) -> Result<ModelLinks, ApiError> {
        cx.required("slug", &mut m.slug, text(input.slug));
        cx.required("name", &mut m.name, text(input.name));
        optional(&mut m.name_zh, text(input.name_zh));
        if let Some(aliases) = aliases(input.aliases) {
            m.aliases = aliases;
        }
        cx.required_reference(
            "companyId",
            &mut m.company_id,
            input.company_id,
            Kind::Company,
        )
        .await?;
        optional(&mut m.family, text(input.family));
        optional(&mut m.version_label, text(input.version_label));
        match input.base_model_id {
            MaybeUndefined::Value(id) => {
                m.base_model_id = other_model(cx, "baseModelId", id, m.id).await?
            }
            MaybeUndefined::Null => m.base_model_id = None,
            MaybeUndefined::Undefined => {}
        }
        match input.successor_id {
            MaybeUndefined::Value(id) => {
                m.successor_id = other_model(cx, "successorId", id, m.id).await?
            }
            MaybeUndefined::Null => m.successor_id = None,
            MaybeUndefined::Undefined => {}
        }
        optional_date(&mut m.release_date, input.release_date);
        cx.required("status", &mut m.status, input.status);
        optional_date(&mut m.preview_on, input.preview_on);
        optional_date(&mut m.ga_on, input.ga_on);
        optional_date(&mut m.deprecated_on, input.deprecated_on);
        optional_date(&mut m.retired_on, input.retired_on);
        cx.defaulted("openWeights", &mut m.open_weights, input.open_weights);
        optional(&mut m.license, text(input.license));
        optional(&mut m.commercial_use, input.commercial_use);
        optional(
            &mut m.parameter_count,
            input.parameter_count.map_value(|b| b.0),
        );
        optional(&mut m.context_window, input.context_window);
        optional(&mut m.max_output_tokens, input.max_output_tokens);
        optional_date(&mut m.knowledge_cutoff, input.knowledge_cutoff);
        optional(&mut m.tool_calling, input.tool_calling);
        optional(&mut m.structured_output, input.structured_output);
        optional(&mut m.reasoning, input.reasoning);
        optional(&mut m.description, text(input.description));
        optional(&mut m.description_zh, text(input.description_zh));
        optional(&mut m.notes, text(input.notes));
        cx.provenance(input.provenance, m);

        let mut links = ModelLinks::default();
        for (list, field, slugs, table) in [
            (
                &links::MODEL_INPUTS,
                "inputMediaTypes",
                input.input_media_types,
                "media",
            ),
            (
                &links::MODEL_OUTPUTS,
                "outputMediaTypes",
                input.output_media_types,
                "media",
            ),
            (&links::MODEL_TASKS, "tasks", input.tasks, "task"),
        ] {
            let slugs = match slugs {
                MaybeUndefined::Value(list) => list,
                MaybeUndefined::Null => Vec::new(),
                // Not given: the list stays as it is.
                MaybeUndefined::Undefined => continue,
            };
            let ids = if table == "media" {
                slugs_to_ids::<media_type::Entity>(
                    cx.txn,
                    cx.errors,
                    field,
                    &slugs,
                    media_type::Column::Slug,
                    media_type::Column::Id,
                )
                .await?
            } else {
                slugs_to_ids::<task::Entity>(
                    cx.txn,
                    cx.errors,
                    field,
                    &slugs,
                    task::Column::Slug,
                    task::Column::Id,
                )
                .await?
            };
            links.0.push((list, ids));
        }
        Ok(links)
    }

    async fn write_links(
        txn: &DatabaseTransaction,
        id: i64,
        links: ModelLinks,
    ) -> Result<(), ApiError> {
        for (list, ids) in links.0 {
            let targets: Vec<(i64, Option<String>)> = ids.into_iter().map(|t| (t, None)).collect();
            links::replace(txn, list, id, &targets).await?;
        }
        Ok(())
    }
}

mutations! {
    entity: model::Entity,
    wrapper: Model,
    kind: Kind::Model,
    input: ModelInput,
    payload: ModelPayload { model },
    mutation: ModelMutation { create_model, update_model, delete_model, restore_model },
    what: "model",
}
