//! The GraphQL output type of a model and its fields.

use async_graphql::{Context, ID, Object, Result, SimpleObject};
use entities::{Direction, ModelStatus, Role, model};

use crate::graphql::{
    benchmark::Score,
    company::Company,
    event::Involvement,
    guards::caller,
    ids::{self, Kind},
    loaders::{all, many, one},
    modality::{MediaType, Task},
    offering::Offering,
    pagination::Listed,
    price::Price,
    product::Product,
    scalars::{Date, DateTime},
    {context::loaders, provenance::Provenance, scalars::BigInt},
};

#[derive(Clone)]
pub struct Model(pub model::Model);

impl Listed for Model {
    const NAME: &'static str = "Model";
}

/// What a model can do beyond plain generation; null where unknown.
#[derive(SimpleObject)]
pub struct Capabilities {
    /// Calls tools or functions.
    pub tool_calling: Option<bool>,
    /// Returns JSON or another enforced structure.
    pub structured_output: Option<bool>,
    /// Reasons before it answers.
    pub reasoning: Option<bool>,
}

/// The dates of a model's life; null where unknown or not reached.
#[derive(SimpleObject)]
pub struct Lifecycle {
    /// Where it is now.
    pub status: ModelStatus,
    /// When it became available as a preview.
    pub preview_on: Option<Date>,
    /// When it became generally available.
    pub ga_on: Option<Date>,
    /// When its deprecation was announced.
    pub deprecated_on: Option<Date>,
    /// When it stopped being served.
    pub retired_on: Option<Date>,
}

impl Model {
    async fn media_types(&self, ctx: &Context<'_>, direction: Direction) -> Result<Vec<MediaType>> {
        let links = all(&loaders(ctx).media_links_by_model, self.0.id).await?;
        let ids = links
            .into_iter()
            .filter(|l| l.direction == direction)
            .map(|l| l.media_type_id)
            .collect();
        let mut rows = many(&loaders(ctx).media_types, ids).await?;
        rows.sort_by_key(|m| (m.position, m.id));
        Ok(rows.into_iter().map(MediaType).collect())
    }

    /// The live price rows of all its live offerings (two batched statements per page).
    async fn price_rows(&self, ctx: &Context<'_>) -> Result<Vec<entities::price::Model>> {
        let offerings = all(&loaders(ctx).offerings_by_model, self.0.id).await?;
        let groups = loaders(ctx)
            .prices_by_offering
            .load_many(offerings.iter().map(|o| o.id))
            .await
            .map_err(crate::error::ApiError::from)?;
        Ok(groups.into_values().flatten().collect())
    }

    async fn neighbour(&self, ctx: &Context<'_>, id: Option<i64>) -> Result<Option<Model>> {
        match id {
            Some(id) => Ok(one(&loaders(ctx).models, id).await?.map(Model)),
            None => Ok(None),
        }
    }
}

/// A canonical model, whoever sells it.
#[Object]
impl Model {
    /// Opaque global id.
    pub async fn id(&self) -> ID {
        ids::encode(Kind::Model, self.0.id)
    }

    /// Unique human key, e.g. "deepseek-v3".
    async fn slug(&self) -> &str {
        &self.0.slug
    }

    /// Name, e.g. "DeepSeek-V3".
    async fn name(&self) -> &str {
        &self.0.name
    }

    /// Chinese name, e.g. "文心一言".
    async fn name_zh(&self) -> Option<&str> {
        self.0.name_zh.as_deref()
    }

    /// Other names it goes by.
    async fn aliases(&self) -> &[String] {
        &self.0.aliases.0
    }

    /// The company that makes it.
    async fn company(&self, ctx: &Context<'_>) -> Result<Option<Company>> {
        Ok(one(&loaders(ctx).companies, self.0.company_id)
            .await?
            .map(Company))
    }

    /// Model family, e.g. "Qwen".
    async fn family(&self) -> Option<&str> {
        self.0.family.as_deref()
    }

    /// Version within the family, e.g. "2.5".
    async fn version_label(&self) -> Option<&str> {
        self.0.version_label.as_deref()
    }

    /// The model this one was fine-tuned or distilled from.
    async fn base_model(&self, ctx: &Context<'_>) -> Result<Option<Model>> {
        self.neighbour(ctx, self.0.base_model_id).await
    }

    /// The model that replaces this one.
    async fn successor(&self, ctx: &Context<'_>) -> Result<Option<Model>> {
        self.neighbour(ctx, self.0.successor_id).await
    }

    /// First public release.
    async fn release_date(&self) -> Option<Date> {
        self.0.release_date.map(Date)
    }

    /// Status and the dates of each stage.
    async fn lifecycle(&self) -> Lifecycle {
        Lifecycle {
            status: self.0.status,
            preview_on: self.0.preview_on.map(Date),
            ga_on: self.0.ga_on.map(Date),
            deprecated_on: self.0.deprecated_on.map(Date),
            retired_on: self.0.retired_on.map(Date),
        }
    }

    /// Where it is in its life (same as `lifecycle.status`).
    async fn status(&self) -> ModelStatus {
        self.0.status
    }

    /// Whether its weights are published.
    async fn open_weights(&self) -> bool {
        self.0.open_weights
    }

    /// Licence of the weights, e.g. "MIT".
    async fn license(&self) -> Option<&str> {
        self.0.license.as_deref()
    }

    /// Whether commercial use is allowed; null where unknown.
    async fn commercial_use(&self) -> Option<bool> {
        self.0.commercial_use
    }

    /// Number of parameters, where published.
    async fn parameter_count(&self) -> Option<BigInt> {
        self.0.parameter_count.map(BigInt)
    }

    /// Context window in tokens.
    async fn context_window(&self) -> Option<i64> {
        self.0.context_window
    }

    /// Most tokens one response may have.
    async fn max_output_tokens(&self) -> Option<i64> {
        self.0.max_output_tokens
    }

    /// Date of its training data's cutoff.
    async fn knowledge_cutoff(&self) -> Option<Date> {
        self.0.knowledge_cutoff.map(Date)
    }

    /// Tool calling, structured output, reasoning.
    async fn capabilities(&self) -> Capabilities {
        Capabilities {
            tool_calling: self.0.tool_calling,
            structured_output: self.0.structured_output,
            reasoning: self.0.reasoning,
        }
    }

    /// Media types it takes in.
    #[graphql(complexity = "5 * child_complexity")]
    async fn input_media_types(&self, ctx: &Context<'_>) -> Result<Vec<MediaType>> {
        self.media_types(ctx, Direction::Input).await
    }

    /// Media types it puts out.
    #[graphql(complexity = "5 * child_complexity")]
    async fn output_media_types(&self, ctx: &Context<'_>) -> Result<Vec<MediaType>> {
        self.media_types(ctx, Direction::Output).await
    }

    /// Tasks it does.
    #[graphql(complexity = "5 * child_complexity")]
    async fn tasks(&self, ctx: &Context<'_>) -> Result<Vec<Task>> {
        let links = all(&loaders(ctx).task_links_by_model, self.0.id).await?;
        let mut rows = many(
            &loaders(ctx).tasks,
            links.into_iter().map(|l| l.task_id).collect(),
        )
        .await?;
        rows.sort_by_key(|t| (t.position, t.id));
        Ok(rows.into_iter().map(Task).collect())
    }

    /// Where it is sold: one offering per provider, region and API model id.
    #[graphql(complexity = "10 * child_complexity")]
    async fn offerings(&self, ctx: &Context<'_>) -> Result<Vec<Offering>> {
        let rows = all(&loaders(ctx).offerings_by_model, self.0.id).await?;
        Ok(rows.into_iter().map(Offering).collect())
    }

    /// The price rows of all its offerings in effect on `asOf` (today by default), conditions
    /// included, ordered by offering and dimension.
    #[graphql(complexity = "20 * child_complexity")]
    async fn prices(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The day; today when left out.")] as_of: Option<Date>,
    ) -> Result<Vec<Price>> {
        let day = as_of.map_or_else(crate::clock::today, |d| d.0);
        let offerings = all(&loaders(ctx).offerings_by_model, self.0.id).await?;
        let mut rows: Vec<_> = loaders(ctx)
            .prices_on_day_by_offering
            .load_many(offerings.iter().map(|o| (o.id, day)))
            .await
            .map_err(crate::error::ApiError::from)?
            .into_values()
            .flatten()
            .collect();
        rows.sort_by(|a, b| {
            (a.offering_id, a.dimension, a.id).cmp(&(b.offering_id, b.dimension, b.id))
        });
        Ok(rows.into_iter().map(Price).collect())
    }

    /// Every price row of all its offerings, oldest first: the whole history, for charts.
    #[graphql(complexity = "50 * child_complexity")]
    async fn price_history(&self, ctx: &Context<'_>) -> Result<Vec<Price>> {
        let mut rows = self.price_rows(ctx).await?;
        rows.sort_by(|a, b| {
            (a.effective_from, a.offering_id, a.dimension, a.id).cmp(&(
                b.effective_from,
                b.offering_id,
                b.dimension,
                b.id,
            ))
        });
        Ok(rows.into_iter().map(Price).collect())
    }

    /// Products that run on it.
    #[graphql(complexity = "10 * child_complexity")]
    async fn products(&self, ctx: &Context<'_>) -> Result<Vec<Product>> {
        let links = all(&loaders(ctx).product_links_by_model, self.0.id).await?;
        let rows = many(
            &loaders(ctx).products,
            links.into_iter().map(|l| l.product_id).collect(),
        )
        .await?;
        Ok(rows.into_iter().map(Product).collect())
    }

    /// The latest events about it, newest first, with its role in each.
    #[graphql(complexity = "limit.clamp(0, 100) as usize * child_complexity")]
    async fn events(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "How many events, at most 100.", default = 20)] limit: i32,
    ) -> Result<Vec<Involvement>> {
        let links = all(&loaders(ctx).event_links_by_model, self.0.id).await?;
        Involvement::latest(ctx, links.into_iter().map(|l| (l.event_id, l.role)), limit).await
    }

    /// Its benchmark scores, newest first (on the team's internal sets too, for viewers and up).
    #[graphql(complexity = "10 * child_complexity")]
    async fn scores(&self, ctx: &Context<'_>) -> Result<Vec<Score>> {
        let rows = all(&loaders(ctx).scores_by_model, self.0.id).await?;
        if caller(ctx).has(Role::Viewer) {
            return Ok(rows.into_iter().map(Score).collect());
        }
        let benchmarks = many(
            &loaders(ctx).benchmarks,
            rows.iter().map(|s| s.benchmark_id).collect(),
        )
        .await?;
        Ok(rows
            .into_iter()
            .filter(|s| {
                benchmarks
                    .iter()
                    .any(|b| b.id == s.benchmark_id && !b.internal)
            })
            .map(Score)
            .collect())
    }

    /// Description in English.
    async fn description(&self) -> Option<&str> {
        self.0.description.as_deref()
    }

    /// Description in Chinese.
    async fn description_zh(&self) -> Option<&str> {
        self.0.description_zh.as_deref()
    }

    /// Team-only notes. Viewers and up.
    #[graphql(guard = "crate::graphql::guards::RoleGuard(entities::Role::Viewer)")]
    async fn notes(&self) -> Option<&str> {
        self.0.notes.as_deref()
    }

    /// Where these facts came from.
    async fn provenance(&self) -> Provenance {
        Provenance::new(&self.0.source_url, self.0.observed_on, self.0.confidence)
    }

    /// Bumped on each change; pass it as `expectedVersion` when editing.
    async fn version(&self) -> i32 {
        self.0.version
    }

    /// When the record was created.
    async fn created_at(&self) -> DateTime {
        DateTime(self.0.created_at)
    }

    /// When the record last changed.
    async fn updated_at(&self) -> DateTime {
        DateTime(self.0.updated_at)
    }
}
