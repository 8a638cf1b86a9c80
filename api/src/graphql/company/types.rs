//! The GraphQL output type of a company and its fields.

use async_graphql::{Context, ID, Object, Result};
use entities::{CompanyKind, company};

use crate::graphql::{
    event::Involvement,
    filing::Filing,
    ids::{self, Kind},
    loaders::{all, one},
    model::Model,
    offering::Offering,
    pagination::Listed,
    product::Product,
    scalars::DateTime,
    {context::loaders, provenance::Provenance},
};

#[derive(Clone)]
pub struct Company(pub company::Model);

impl Listed for Company {
    const NAME: &'static str = "Company";
}

/// A vendor, lab, cloud or startup.
#[Object]
impl Company {
    /// Opaque global id.
    pub async fn id(&self) -> ID {
        ids::encode(Kind::Company, self.0.id)
    }

    /// Unique human key, e.g. "deepseek".
    async fn slug(&self) -> &str {
        &self.0.slug
    }

    /// English name.
    async fn name(&self) -> &str {
        &self.0.name
    }

    /// Chinese name, e.g. "深度求索".
    async fn name_zh(&self) -> Option<&str> {
        self.0.name_zh.as_deref()
    }

    /// Other names it goes by.
    async fn aliases(&self) -> &[String] {
        &self.0.aliases.0
    }

    /// What kind of organisation it is.
    async fn kind(&self) -> CompanyKind {
        self.0.kind
    }

    /// ISO 3166-1 alpha-2 country code of its headquarters, e.g. "CN".
    async fn country(&self) -> Option<&str> {
        self.0.country.as_deref()
    }

    /// Headquarters city.
    async fn headquarters(&self) -> Option<&str> {
        self.0.headquarters.as_deref()
    }

    /// Year founded.
    async fn founded_year(&self) -> Option<i32> {
        self.0.founded_year
    }

    /// Official website.
    async fn website(&self) -> Option<&str> {
        self.0.website.as_deref()
    }

    /// Description in English.
    async fn description(&self) -> Option<&str> {
        self.0.description.as_deref()
    }

    /// Description in Chinese.
    async fn description_zh(&self) -> Option<&str> {
        self.0.description_zh.as_deref()
    }

    /// The parent company (ByteDance for Volcano Engine).
    async fn parent(&self, ctx: &Context<'_>) -> Result<Option<Company>> {
        let Some(parent) = self.0.parent_id else {
            return Ok(None);
        };
        Ok(one(&loaders(ctx).companies, parent).await?.map(Company))
    }

    /// Companies this one is the parent of, by name.
    #[graphql(complexity = "10 * child_complexity")]
    async fn subsidiaries(&self, ctx: &Context<'_>) -> Result<Vec<Company>> {
        let rows = all(&loaders(ctx).companies_by_parent, self.0.id).await?;
        Ok(rows.into_iter().map(Company).collect())
    }

    /// The models it makes, by name.
    #[graphql(complexity = "10 * child_complexity")]
    async fn models(&self, ctx: &Context<'_>) -> Result<Vec<Model>> {
        let rows = all(&loaders(ctx).models_by_company, self.0.id).await?;
        Ok(rows.into_iter().map(Model).collect())
    }

    /// The products it runs, by name.
    #[graphql(complexity = "10 * child_complexity")]
    async fn products(&self, ctx: &Context<'_>) -> Result<Vec<Product>> {
        let rows = all(&loaders(ctx).products_by_company, self.0.id).await?;
        Ok(rows.into_iter().map(Product).collect())
    }

    /// The offerings it sells as a provider (its own models, and others' on its cloud).
    #[graphql(complexity = "10 * child_complexity")]
    async fn offerings(&self, ctx: &Context<'_>) -> Result<Vec<Offering>> {
        let rows = all(&loaders(ctx).offerings_by_provider, self.0.id).await?;
        Ok(rows.into_iter().map(Offering).collect())
    }

    /// Its regulatory filings.
    #[graphql(complexity = "10 * child_complexity")]
    async fn filings(&self, ctx: &Context<'_>) -> Result<Vec<Filing>> {
        let rows = all(&loaders(ctx).filings_by_company, self.0.id).await?;
        Ok(rows.into_iter().map(Filing).collect())
    }

    /// The latest events it takes part in, newest first, with its role in each.
    #[graphql(complexity = "limit.clamp(0, 100) as usize * child_complexity")]
    async fn events(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "How many events, at most 100.", default = 20)] limit: i32,
    ) -> Result<Vec<Involvement>> {
        let links = all(&loaders(ctx).event_links_by_company, self.0.id).await?;
        Involvement::latest(ctx, links.into_iter().map(|l| (l.event_id, l.role)), limit).await
    }

    /// Team-only: where the team stands with this vendor. Viewers and up.
    #[graphql(guard = "crate::graphql::guards::RoleGuard(entities::Role::Viewer)")]
    async fn relationship_status(&self) -> Option<entities::RelationshipStatus> {
        self.0.relationship_status
    }

    /// Team-only: whether it is on the watch list (its news comes first in the digest).
    /// Viewers and up.
    #[graphql(guard = "crate::graphql::guards::RoleGuard(entities::Role::Viewer)")]
    async fn watched(&self) -> bool {
        self.0.watched
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
