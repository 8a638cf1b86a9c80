//! What every request handler shares.

use std::sync::Arc;

use sea_orm::DatabaseConnection;

use crate::{
    auth::Auth,
    config::{HttpConfig, QueryLimits},
    graphql::{
        execute,
        schema::{self, AppSchema},
    },
    http::{PersistedQueries, response_cache::ResponseCache},
    intake::Intake,
    metrics::Metrics,
    outbound::OutboundClient,
};

/// Why a query run by [`AppState::query_as`] gave no data: its `extensions.code` and message.
#[derive(Debug, Clone)]
pub struct Refused {
    pub code: String,
    pub message: String,
}

/// The state behind the router: the pools, the schema built over them, the token keys and
/// login throttle, the HTTP settings, the persisted-query cache and the metrics. Cheap to
/// clone.
#[derive(Clone)]
pub struct AppState {
    /// The primary database: every write, and every read of a request that writes.
    pub db: DatabaseConnection,
    /// Where requests that only read go, when a read replica is configured.
    pub replica: Option<DatabaseConnection>,
    pub schema: AppSchema,
    /// The same schema reading the data version before it resolves: for answers the response
    /// cache may keep (`schema` has no extension, so no field pays for one).
    pub versioned_schema: AppSchema,
    pub auth: Arc<Auth>,
    pub limits: QueryLimits,
    pub http: Arc<HttpConfig>,
    pub persisted: Arc<PersistedQueries>,
    /// Query answers kept until the data changes.
    pub cache: Arc<ResponseCache>,
    pub metrics: Arc<Metrics>,
    /// The guarded outbound client that `fetchSources` fetches through.
    pub intake: Intake,
}

impl AppState {
    /// State with the default HTTP settings and no replica.
    pub fn new(db: DatabaseConnection, limits: QueryLimits, auth: Auth) -> Self {
        let auth = Arc::new(auth);
        let http = HttpConfig::default();
        AppState {
            schema: schema::build(db.clone(), auth.clone(), limits, false),
            versioned_schema: schema::build(db.clone(), auth.clone(), limits, true),
            replica: None,
            db,
            auth,
            limits,
            persisted: Arc::new(PersistedQueries::new(http.persisted_queries_capacity)),
            cache: Arc::new(ResponseCache::new(http.response_cache_bytes())),
            http: Arc::new(http),
            metrics: Arc::new(Metrics::default()),
            intake: Intake {
                client: OutboundClient::new(crate::config::IntakeConfig::default().outbound())
                    .expect("the default outbound client builds"),
                metrics: None,
            },
        }
    }

    /// The same state fetching sources through `client`.
    pub fn with_outbound(mut self, client: OutboundClient) -> Self {
        self.intake.client = client;
        self
    }

    /// The same state with these HTTP settings.
    pub fn with_http(mut self, http: HttpConfig) -> Self {
        self.persisted = Arc::new(PersistedQueries::new(http.persisted_queries_capacity));
        self.cache = Arc::new(ResponseCache::new(http.response_cache_bytes()));
        self.http = Arc::new(http);
        self
    }

    /// The same state reading from `replica` for requests that do not write.
    pub fn with_read_replica(mut self, replica: DatabaseConnection) -> Self {
        self.replica = Some(replica);
        self
    }

    /// The database a request goes to: the primary when it writes, else the read pool.
    pub fn database(&self, writes: bool) -> &DatabaseConnection {
        match (&self.replica, writes) {
            (Some(replica), false) => replica,
            _ => &self.db,
        }
    }

    /// Executes `request` on the database it goes to, with fresh DataLoaders.
    pub async fn execute(
        &self,
        request: async_graphql::Request,
        writes: bool,
    ) -> async_graphql::Response {
        self.execute_on(&self.schema, request, writes).await
    }

    /// The same, reading the data version into the request's `VersionSlot` before it resolves.
    pub async fn execute_versioned(
        &self,
        request: async_graphql::Request,
        writes: bool,
    ) -> async_graphql::Response {
        self.execute_on(&self.versioned_schema, request, writes)
            .await
    }

    async fn execute_on(
        &self,
        schema: &AppSchema,
        request: async_graphql::Request,
        writes: bool,
    ) -> async_graphql::Response {
        let db = self.database(writes);
        let request = request.data(db.clone()).data(self.intake.clone());
        execute::execute(schema, db, request).await
    }

    /// Runs a read-only GraphQL document as `caller`: the data as JSON, or the first error's
    /// code and message. The one way the reports, the Atom feeds and the MCP tools read, so
    /// each shows exactly what the API shows the same caller.
    pub async fn query_as(
        &self,
        caller: crate::auth::Caller,
        query: &str,
        variables: serde_json::Value,
    ) -> Result<serde_json::Value, Refused> {
        let request = async_graphql::Request::new(query)
            .variables(async_graphql::Variables::from_json(variables))
            .data(caller);
        let response = self.execute(request, false).await;
        if let Some(error) = response.errors.first() {
            let code = error
                .extensions
                .as_ref()
                .and_then(|e| e.get("code"))
                .map(|c| c.to_string().trim_matches('"').to_owned())
                .unwrap_or_else(|| "BAD_USER_INPUT".into());
            return Err(Refused {
                code,
                message: error.message.clone(),
            });
        }
        response.data.into_json().map_err(|e| Refused {
            code: "INTERNAL_SERVER_ERROR".into(),
            message: e.to_string(),
        })
    }

    /// The same state counting into `metrics` (shared with the pools' statement callback).
    pub fn with_metrics(mut self, metrics: Arc<Metrics>) -> Self {
        self.intake.metrics = Some(metrics.clone());
        self.metrics = metrics;
        self
    }
}
