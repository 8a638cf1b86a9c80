//! The GraphQL output type of a filing and its fields.

use async_graphql::{Context, ID, Object, Result};
use entities::{FilingRole, FilingStatus, FilingType, filing};

use crate::graphql::{
    company::Company,
    ids::{self, Kind},
    loaders::one,
    model::Model,
    pagination::Listed,
    product::Product,
    scalars::{Date, DateTime},
    {context::loaders, provenance::Provenance},
};

#[derive(Clone)]
pub struct Filing(pub filing::Model);

impl Listed for Filing {
    const NAME: &'static str = "Filing";
}

/// A CAC filing: 算法备案, 深度合成备案, 生成式人工智能服务备案 or 登记.
#[Object]
impl Filing {
    /// Opaque global id.
    pub async fn id(&self) -> ID {
        ids::encode(Kind::Filing, self.0.id)
    }

    /// The filing number, e.g. "网信算备110108823483901230031号".
    async fn filing_number(&self) -> &str {
        &self.0.filing_number
    }

    /// Which kind of filing.
    #[graphql(name = "type")]
    async fn filing_type(&self) -> FilingType {
        self.0.filing_type
    }

    /// The filer's role.
    async fn role(&self) -> FilingRole {
        self.0.role
    }

    /// The algorithm or service name as filed.
    async fn algorithm_name(&self) -> &str {
        &self.0.algorithm_name
    }

    /// The filing company.
    async fn company(&self, ctx: &Context<'_>) -> Result<Option<Company>> {
        Ok(one(&loaders(ctx).companies, self.0.company_id)
            .await?
            .map(Company))
    }

    /// The product filed for, where known.
    async fn product(&self, ctx: &Context<'_>) -> Result<Option<Product>> {
        match self.0.product_id {
            Some(id) => Ok(one(&loaders(ctx).products, id).await?.map(Product)),
            None => Ok(None),
        }
    }

    /// The model filed for, where known.
    async fn model(&self, ctx: &Context<'_>) -> Result<Option<Model>> {
        match self.0.model_id {
            Some(id) => Ok(one(&loaders(ctx).models, id).await?.map(Model)),
            None => Ok(None),
        }
    }

    /// When the CAC announced it.
    async fn announced_on(&self) -> Option<Date> {
        self.0.announced_on.map(Date)
    }

    /// Whether it is in force.
    async fn status(&self) -> FilingStatus {
        self.0.status
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
