//! What every request handler shares.

use sea_orm::DatabaseConnection;

use crate::{
    config::QueryLimits,
    graphql::schema::{self, AppSchema},
};

/// The state behind the router: the pool and the schema built over it. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub schema: AppSchema,
}

impl AppState {
    pub fn new(db: DatabaseConnection, limits: QueryLimits) -> Self {
        AppState {
            schema: schema::build(db.clone(), limits),
            db,
        }
    }
}
