//! Editing products: the input, how it applies onto the record, and the four mutations.

use async_graphql::{ID, InputObject, MaybeUndefined};
use async_trait::async_trait;
use entities::{ProductKind, ProductStatus, model, product, record::links, task};
use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter};

use super::Product;
use crate::graphql::validate::{ProvenanceInput, optional, optional_date, slugs_to_ids, text};
use crate::{
    error::ApiError,
    graphql::{
        company::aliases,
        editing::mutations,
        ids::{self, Kind},
        product::Audience,
        scalars::Date,
    },
    service::{
        editing::{Apply, EditSpec},
        user_errors::{Errors, UserErrorCode},
    },
};

/// A product's fields. Creating needs `slug`, `name`, `companyId`, `kind` and `status`;
/// when updating, a field left out keeps its value and null clears it.
#[derive(InputObject, Default)]
pub struct ProductInput {
    /// Unique human key, e.g. "doubao".
    pub slug: MaybeUndefined<String>,
    /// English name.
    pub name: MaybeUndefined<String>,
    /// Chinese name.
    pub name_zh: MaybeUndefined<String>,
    /// Other names it goes by (replaces the list).
    pub aliases: MaybeUndefined<Vec<String>>,
    /// Id of the company that runs it.
    pub company_id: MaybeUndefined<ID>,
    /// What kind of product it is.
    pub kind: MaybeUndefined<ProductKind>,
    /// Who it is for (replaces the list).
    pub audiences: MaybeUndefined<Vec<Audience>>,
    /// When it launched.
    pub launch_date: MaybeUndefined<Date>,
    /// Whether it is live.
    pub status: MaybeUndefined<ProductStatus>,
    /// Where to find it, an absolute http(s) URL.
    pub url: MaybeUndefined<String>,
    /// Ids of the models it runs on (replaces the list).
    pub model_ids: MaybeUndefined<Vec<ID>>,
    /// Slugs of the tasks it does (replaces the list).
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

/// The models and tasks to write, when the input gave them.
#[derive(Default)]
pub struct ProductLinks {
    models: Option<Vec<i64>>,
    tasks: Option<Vec<i64>>,
}

/// The live models behind `ids`, with NOT_FOUND for the others.
pub async fn model_ids(
    txn: &DatabaseTransaction,
    errors: &mut Errors,
    field: &str,
    ids_given: Vec<ID>,
) -> Result<Vec<i64>, ApiError> {
    let mut rows = Vec::new();
    for id in &ids_given {
        match ids::decode_as(id, Kind::Model) {
            Ok(row) if !rows.contains(&row) => rows.push(row),
            Ok(_) => {}
            Err(e) => errors.invalid(field, e.message()),
        }
    }
    let live: Vec<i64> = model::Entity::find()
        .filter(model::Column::Id.is_in(rows.clone()))
        .filter(model::Column::DeletedAt.is_null())
        .all(txn)
        .await?
        .into_iter()
        .map(|m| m.id)
        .collect();
    for row in &rows {
        if !live.contains(row) {
            errors.add(
                &["input", field],
                UserErrorCode::NotFound,
                format!("no Model with id `{}`", ids::encode(Kind::Model, *row).0),
            );
        }
    }
    Ok(live)
}

#[async_trait]
impl EditSpec for product::Entity {
    type Input = ProductInput;
    type Links = ProductLinks;

    fn search_texts(m: &product::Model) -> Option<Vec<String>> {
        Some(entities::search::product_texts(m))
    }

    async fn apply(
        cx: &mut Apply<'_>,
        m: &mut product::Model,
        input: ProductInput,
    ) -> Result<ProductLinks, ApiError> {
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
        cx.required("kind", &mut m.kind, input.kind);
        match input.audiences {
            MaybeUndefined::Value(audiences) => {
                m.for_consumers = audiences.contains(&Audience::Consumer);
                m.for_business = audiences.contains(&Audience::Business);
                m.for_government = audiences.contains(&Audience::Government);
            }
            MaybeUndefined::Null => {
                (m.for_consumers, m.for_business, m.for_government) = (false, false, false)
            }
            MaybeUndefined::Undefined => {}
        }
        optional_date(&mut m.launch_date, input.launch_date);
        cx.required("status", &mut m.status, input.status);
        optional(&mut m.url, text(input.url));
        optional(&mut m.description, text(input.description));
        optional(&mut m.description_zh, text(input.description_zh));
        optional(&mut m.notes, text(input.notes));
        cx.provenance(input.provenance, m);
        let mut links = ProductLinks::default();
        match input.model_ids {
            MaybeUndefined::Value(ids) => {
                links.models = Some(model_ids(cx.txn, cx.errors, "modelIds", ids).await?)
            }
            MaybeUndefined::Null => links.models = Some(Vec::new()),
            MaybeUndefined::Undefined => {}
        }
        match input.tasks {
            MaybeUndefined::Value(slugs) => {
                links.tasks = Some(
                    slugs_to_ids::<task::Entity>(
                        cx.txn,
                        cx.errors,
                        "tasks",
                        &slugs,
                        task::Column::Slug,
                        task::Column::Id,
                    )
                    .await?,
                )
            }
            MaybeUndefined::Null => links.tasks = Some(Vec::new()),
            MaybeUndefined::Undefined => {}
        }
        Ok(links)
    }

    async fn write_links(
        txn: &DatabaseTransaction,
        id: i64,
        given: ProductLinks,
    ) -> Result<(), ApiError> {
        for (list, ids) in [
            (&links::PRODUCT_MODELS, given.models),
            (&links::PRODUCT_TASKS, given.tasks),
        ] {
            if let Some(ids) = ids {
                let targets: Vec<(i64, Option<String>)> =
                    ids.into_iter().map(|t| (t, None)).collect();
                links::replace(txn, list, id, &targets).await?;
            }
        }
        Ok(())
    }
}

mutations! {
    entity: product::Entity,
    wrapper: Product,
    kind: Kind::Product,
    input: ProductInput,
    payload: ProductPayload { product },
    mutation: ProductMutation { create_product, update_product, delete_product, restore_product },
    what: "product",
}
