//! What every request handler shares.

use std::sync::Arc;

use sea_orm::DatabaseConnection;

use crate::{
    auth::Auth,
    config::QueryLimits,
    graphql::schema::{self, AppSchema},
};

/// The state behind the router: the pool, the schema built over it, and the token keys and
/// login throttle. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub schema: AppSchema,
    pub auth: Arc<Auth>,
}

impl AppState {
    pub fn new(db: DatabaseConnection, limits: QueryLimits, auth: Auth) -> Self {
        let auth = Arc::new(auth);
        AppState {
            schema: schema::build(db.clone(), auth.clone(), limits),
            db,
            auth,
        }
    }
}
