//! The GraphQL output type of a product and its fields.

use async_graphql::{Context, ID, Object, Result};
use entities::{ProductKind, ProductStatus, product};

use crate::graphql::{
    company::Company,
    event::Involvement,
    filing::Filing,
    ids::{self, Kind},
    loaders::{all, many, on_day, one},
    modality::Task,
    model::Model,
    pagination::Listed,
    price::{CreditCost, FreeQuota, Price, SubscriptionPlan},
    scalars::{Date, DateTime},
    {context::loaders, product::Audience, provenance::Provenance},
};

#[derive(Clone)]
pub struct Product(pub product::Model);

impl Listed for Product {
    const NAME: &'static str = "Product";
}

/// An app, site, API platform or agent platform (豆包, Kimi, ChatGPT, Coze, Runway…).
#[Object]
impl Product {
    /// Opaque global id.
    pub async fn id(&self) -> ID {
        ids::encode(Kind::Product, self.0.id)
    }

    /// Unique human key, e.g. "doubao".
    async fn slug(&self) -> &str {
        &self.0.slug
    }

    /// English name.
    async fn name(&self) -> &str {
        &self.0.name
    }

    /// Chinese name, e.g. "豆包".
    async fn name_zh(&self) -> Option<&str> {
        self.0.name_zh.as_deref()
    }

    /// Other names it goes by.
    async fn aliases(&self) -> &[String] {
        &self.0.aliases.0
    }

    /// The company that runs it.
    async fn company(&self, ctx: &Context<'_>) -> Result<Option<Company>> {
        Ok(one(&loaders(ctx).companies, self.0.company_id)
            .await?
            .map(Company))
    }

    /// What kind of product it is.
    async fn kind(&self) -> ProductKind {
        self.0.kind
    }

    /// Who it is for: consumers (C端), businesses (B端), government (G端).
    async fn audiences(&self) -> Vec<Audience> {
        [
            (self.0.for_consumers, Audience::Consumer),
            (self.0.for_business, Audience::Business),
            (self.0.for_government, Audience::Government),
        ]
        .into_iter()
        .filter_map(|(yes, audience)| yes.then_some(audience))
        .collect()
    }

    /// When it launched.
    async fn launch_date(&self) -> Option<Date> {
        self.0.launch_date.map(Date)
    }

    /// Whether it is live.
    async fn status(&self) -> ProductStatus {
        self.0.status
    }

    /// Where to find it.
    async fn url(&self) -> Option<&str> {
        self.0.url.as_deref()
    }

    /// Description in English.
    async fn description(&self) -> Option<&str> {
        self.0.description.as_deref()
    }

    /// Description in Chinese.
    async fn description_zh(&self) -> Option<&str> {
        self.0.description_zh.as_deref()
    }

    /// The models it runs on.
    #[graphql(complexity = "10 * child_complexity")]
    async fn models(&self, ctx: &Context<'_>) -> Result<Vec<Model>> {
        let links = all(&loaders(ctx).model_links_by_product, self.0.id).await?;
        let rows = many(
            &loaders(ctx).models,
            links.into_iter().map(|l| l.model_id).collect(),
        )
        .await?;
        Ok(rows.into_iter().map(Model).collect())
    }

    /// The tasks it does.
    #[graphql(complexity = "5 * child_complexity")]
    async fn tasks(&self, ctx: &Context<'_>) -> Result<Vec<Task>> {
        let links = all(&loaders(ctx).task_links_by_product, self.0.id).await?;
        let mut rows = many(
            &loaders(ctx).tasks,
            links.into_iter().map(|l| l.task_id).collect(),
        )
        .await?;
        rows.sort_by_key(|t| (t.position, t.id));
        Ok(rows.into_iter().map(Task).collect())
    }

    /// Its own price rows (app plans, per-use fees): those in effect on `asOf`, or all.
    #[graphql(complexity = "10 * child_complexity")]
    async fn prices(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only rows in effect on this date.")] as_of: Option<Date>,
    ) -> Result<Vec<Price>> {
        let rows = match as_of {
            Some(Date(day)) => {
                on_day(&loaders(ctx).prices_on_day_by_product, self.0.id, day).await?
            }
            None => all(&loaders(ctx).prices_by_product, self.0.id).await?,
        };
        Ok(rows.into_iter().map(Price).collect())
    }

    /// Its free quotas.
    #[graphql(complexity = "5 * child_complexity")]
    async fn free_quotas(&self, ctx: &Context<'_>) -> Result<Vec<FreeQuota>> {
        let rows = all(&loaders(ctx).free_quotas_by_product, self.0.id).await?;
        Ok(rows.into_iter().map(FreeQuota).collect())
    }

    /// Its subscription plans, newest first.
    #[graphql(complexity = "5 * child_complexity")]
    async fn subscription_plans(&self, ctx: &Context<'_>) -> Result<Vec<SubscriptionPlan>> {
        let rows = all(&loaders(ctx).plans_by_product, self.0.id).await?;
        Ok(rows.into_iter().map(SubscriptionPlan).collect())
    }

    /// How many credits each kind of work takes, newest first.
    #[graphql(complexity = "10 * child_complexity")]
    async fn credit_costs(&self, ctx: &Context<'_>) -> Result<Vec<CreditCost>> {
        let rows = all(&loaders(ctx).credit_costs_by_product, self.0.id).await?;
        Ok(rows.into_iter().map(CreditCost).collect())
    }

    /// Its regulatory filings (a product shown to the public in China displays its number).
    #[graphql(complexity = "5 * child_complexity")]
    async fn filings(&self, ctx: &Context<'_>) -> Result<Vec<Filing>> {
        let rows = all(&loaders(ctx).filings_by_product, self.0.id).await?;
        Ok(rows.into_iter().map(Filing).collect())
    }

    /// The latest events about it, newest first, with its role in each.
    #[graphql(complexity = "limit.clamp(0, 100) as usize * child_complexity")]
    async fn events(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "How many events, at most 100.", default = 20)] limit: i32,
    ) -> Result<Vec<Involvement>> {
        let links = all(&loaders(ctx).event_links_by_product, self.0.id).await?;
        Involvement::latest(ctx, links.into_iter().map(|l| (l.event_id, l.role)), limit).await
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
