//! The data version a request is answered at, for the response cache: read just before the
//! resolvers run — after the request parsed and validated, so a refused request runs no SQL —
//! on the pool the request reads from. The cache stores the answer under it.

use std::sync::{Arc, OnceLock};

use async_graphql::{
    Response,
    extensions::{Extension, ExtensionContext, ExtensionFactory, NextExecute},
};
use sea_orm::DatabaseConnection;

use crate::service::data_version;

/// Where the version is left for the caller; already filled when the caller read it first.
#[derive(Clone, Default)]
pub struct VersionSlot(pub Arc<OnceLock<i64>>);

/// Installs the version read on a schema; it acts only on requests that carry a slot.
pub struct DataVersionFactory;

impl ExtensionFactory for DataVersionFactory {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(DataVersion)
    }
}

struct DataVersion;

#[async_trait::async_trait]
impl Extension for DataVersion {
    async fn execute(
        &self,
        ctx: &ExtensionContext<'_>,
        operation_name: Option<&str>,
        next: NextExecute<'_>,
    ) -> Response {
        if let (Some(slot), Some(db)) = (
            ctx.data_opt::<VersionSlot>(),
            ctx.data_opt::<DatabaseConnection>(),
        ) && slot.0.get().is_none()
        {
            match data_version::read(db).await {
                Ok(version) => {
                    let _ = slot.0.set(version);
                }
                Err(e) => {
                    tracing::warn!(error = %e, "reading the data version; the answer is not kept")
                }
            }
        }
        next.run(ctx, operation_name).await
    }
}
