//! Reading models: the root fields, their filters and ordering.

use async_graphql::{Context, InputObject, Object, Result};
use entities::{Direction, ModelStatus, company, model};
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter};

use super::Model;
use crate::graphql::{
    context::db,
    ordering::order_by,
    pagination::{Connection, PageArgs, SortKey},
    scalars::Date,
};
use crate::service::filter_sql::{contains_ci, ids_with_slugs, with_any_task, with_media_types};

/// Which models to list; all conditions must hold.
#[derive(InputObject, Default)]
pub struct ModelFilter {
    /// Slugs of the companies that make them; any of them.
    pub companies: Option<Vec<String>>,
    /// Slugs of media types they must all take in, e.g. ["image"].
    pub input_media_types: Option<Vec<String>>,
    /// Slugs of media types they must all put out, e.g. ["video"].
    pub output_media_types: Option<Vec<String>>,
    /// Slugs of tasks; any of them, e.g. ["text-to-video"].
    pub tasks: Option<Vec<String>>,
    /// Only open-weights models (true) or only closed ones (false).
    pub open_weights: Option<bool>,
    /// Lifecycle statuses; any of them.
    pub statuses: Option<Vec<ModelStatus>>,
    /// Released on or after this date.
    pub released_from: Option<Date>,
    /// Released before this date (exclusive).
    pub released_to: Option<Date>,
    /// Part of the name or Chinese name, any case.
    pub name: Option<String>,
}

order_by! {
    /// One key of a model ordering.
    ModelOrder,
    /// What models can be ordered by.
    ModelOrderField for model {
        /// Name, byte-wise.
        Name => Name,
        /// First public release.
        ReleaseDate => ReleaseDate,
        /// Context window.
        ContextWindow => ContextWindow,
        /// Number of parameters.
        ParameterCount => ParameterCount,
        /// Lifecycle status, by its name.
        Status => Status,
    }
}

/// Reading models.
#[derive(Default)]
pub struct ModelQuery;

#[Object]
impl ModelQuery {
    /// The model with this slug, or null.
    async fn model(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Its slug, e.g. \"deepseek-v3\".")] slug: String,
    ) -> Result<Option<Model>> {
        let row = model::Entity::find()
            .filter(model::Column::Slug.eq(slug))
            .filter(model::Column::DeletedAt.is_null())
            .one(db(ctx))
            .await?;
        Ok(row.map(Model))
    }

    /// Models, by name unless ordered otherwise.
    #[graphql(complexity = "PageArgs::weight(first, last) * child_complexity")]
    #[allow(clippy::too_many_arguments)]
    async fn models(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only these models.")] filter: Option<ModelFilter>,
        #[graphql(desc = "Sort keys, applied in order; the id breaks ties.", default)]
        order_by: Vec<ModelOrder>,
        #[graphql(desc = "Page size from the start (at most 100; 20 by default).")] first: Option<
            i32,
        >,
        #[graphql(desc = "Continue after this cursor.")] after: Option<String>,
        #[graphql(desc = "Page size from the end (at most 100).")] last: Option<i32>,
        #[graphql(desc = "Continue before this cursor.")] before: Option<String>,
    ) -> Result<Connection<Model>> {
        let f = filter.unwrap_or_default();
        let mut select = model::Entity::find().filter(model::Column::DeletedAt.is_null());
        if let Some(slugs) = f.companies {
            let ids = ids_with_slugs::<company::Entity, _>(
                company::Column::Slug,
                company::Column::Id,
                company::Column::DeletedAt,
                &slugs,
            );
            select = select.filter(model::Column::CompanyId.in_subquery(ids));
        }
        if let Some(slugs) = f.input_media_types {
            select = select.filter(with_media_types(&slugs, Direction::Input));
        }
        if let Some(slugs) = f.output_media_types {
            select = select.filter(with_media_types(&slugs, Direction::Output));
        }
        if let Some(slugs) = f.tasks {
            select = select.filter(with_any_task(slugs));
        }
        if let Some(open) = f.open_weights {
            select = select.filter(model::Column::OpenWeights.eq(open));
        }
        if let Some(statuses) = f.statuses {
            select = select.filter(model::Column::Status.is_in(statuses));
        }
        if let Some(Date(from)) = f.released_from {
            select = select.filter(model::Column::ReleaseDate.gte(from));
        }
        if let Some(Date(to)) = f.released_to {
            select = select.filter(model::Column::ReleaseDate.lt(to));
        }
        if let Some(name) = f.name.filter(|n| !n.is_empty()) {
            select = select.filter(
                Condition::any()
                    .add(contains_ci(model::Column::Name, &name))
                    .add(contains_ci(model::Column::NameZh, &name)),
            );
        }
        let keys = ModelOrder::keys(&order_by, vec![SortKey::asc(model::Column::Name)]);
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        Ok(Connection::load(db(ctx), select, keys, model::Column::Id, &args, Model).await?)
    }
}
