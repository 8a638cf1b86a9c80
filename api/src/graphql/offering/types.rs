//! The GraphQL output type of an offering and its fields.

use async_graphql::{Context, ID, Object, Result};
use entities::offering;

use crate::graphql::{
    company::Company,
    ids::{self, Kind},
    loaders::{all, on_day, one},
    model::Model,
    pagination::Listed,
    price::{FreeQuota, Price},
    scalars::{Date, DateTime},
    {context::loaders, provenance::Provenance},
};

#[derive(Clone)]
pub struct Offering(pub offering::Model);

impl Listed for Offering {
    const NAME: &'static str = "Offering";
}

/// A model as one provider sells it in one region under one API model id.
#[Object]
impl Offering {
    /// Opaque global id.
    pub async fn id(&self) -> ID {
        ids::encode(Kind::Offering, self.0.id)
    }

    /// The model served.
    async fn model(&self, ctx: &Context<'_>) -> Result<Option<Model>> {
        Ok(one(&loaders(ctx).models, self.0.model_id).await?.map(Model))
    }

    /// Who sells it: the maker or a cloud.
    async fn provider(&self, ctx: &Context<'_>) -> Result<Option<Company>> {
        Ok(one(&loaders(ctx).companies, self.0.provider_id)
            .await?
            .map(Company))
    }

    /// The provider's region, e.g. "cn" (mainland) or "intl".
    async fn region(&self) -> &str {
        &self.0.region
    }

    /// The id callers pass to the API, e.g. "deepseek-chat".
    async fn api_model_id(&self) -> &str {
        &self.0.api_model_id
    }

    /// Whether it can be called from mainland China; null where unknown.
    async fn mainland_reachable(&self) -> Option<bool> {
        self.0.mainland_reachable
    }

    /// First day the API id served this model.
    async fn served_from(&self) -> Option<Date> {
        self.0.served_from.map(Date)
    }

    /// Day the API id stopped serving this model (exclusive); null while it still does.
    async fn served_to(&self) -> Option<Date> {
        self.0.served_to.map(Date)
    }

    /// Rate limits as published.
    async fn rate_limits(&self) -> Option<&str> {
        self.0.rate_limits.as_deref()
    }

    /// Its price rows: those in effect on `asOf`, or the whole history without it, newest first.
    #[graphql(complexity = "10 * child_complexity")]
    async fn prices(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only rows in effect on this date.")] as_of: Option<Date>,
    ) -> Result<Vec<Price>> {
        let rows = match as_of {
            Some(Date(day)) => {
                on_day(&loaders(ctx).prices_on_day_by_offering, self.0.id, day).await?
            }
            None => all(&loaders(ctx).prices_by_offering, self.0.id).await?,
        };
        Ok(rows.into_iter().map(Price).collect())
    }

    /// Its free quotas, newest first.
    #[graphql(complexity = "5 * child_complexity")]
    async fn free_quotas(&self, ctx: &Context<'_>) -> Result<Vec<FreeQuota>> {
        let rows = all(&loaders(ctx).free_quotas_by_offering, self.0.id).await?;
        Ok(rows.into_iter().map(FreeQuota).collect())
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
