//! One harness for every test: the real router over a fresh database.
//!
//! Each test gets its own SQLite file in a temporary folder, or its own PostgreSQL database
//! created on the server named by `TEST_DATABASE_URL` and dropped afterwards, so tests run in
//! parallel without seeing each other. [`both!`] runs a test body once per backend.

use std::{
    io::Write,
    path::PathBuf,
    sync::{
        Arc, Once,
        atomic::{AtomicUsize, Ordering},
    },
    time::{SystemTime, UNIX_EPOCH},
};

use aigc_landscape::{
    auth::Auth,
    config::QueryLimits,
    db,
    http::router,
    service::{
        accounts::{self, NewUser},
        editing::Actor,
    },
    state::AppState,
};
use axum::{
    Router,
    body::Body,
    http::{Request, StatusCode, header},
};
use entities::Role;
use http_body_util::BodyExt;
use sea_orm::{ConnectionTrait, Database, DatabaseConnection};
use serde_json::{Value, json};
use tower::ServiceExt;

/// Which database a test runs on.
#[derive(Clone, Debug)]
pub enum Backend {
    Sqlite,
    /// The admin URL from `TEST_DATABASE_URL`.
    Postgres(String),
}

static SKIP_NOTICE: Once = Once::new();

impl Backend {
    /// PostgreSQL, when `TEST_DATABASE_URL` names a server; otherwise says, once and where a
    /// test run shows it, that the PostgreSQL suite was skipped.
    pub fn postgres() -> Option<Backend> {
        match std::env::var("TEST_DATABASE_URL") {
            Ok(url) if !url.is_empty() => Some(Backend::Postgres(url)),
            _ => {
                SKIP_NOTICE.call_once(|| {
                    // Written to the process's stderr directly: the test runner's capture of
                    // print!/eprint! would hide it in a passing run.
                    let _ = writeln!(
                        std::io::stderr(),
                        "\nNOTE: the PostgreSQL suite was SKIPPED: TEST_DATABASE_URL is not set \
                         (e.g. TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test).\n"
                    );
                });
                None
            }
        }
    }
}

/// Runs each test body on SQLite, and on PostgreSQL when `TEST_DATABASE_URL` is set.
///
/// ```ignore
/// both! {
///     async fn finds_by_slug(backend) {
///         let app = TestApp::seeded(backend).await;
///         …
///     }
/// }
/// ```
macro_rules! both {
    ($( $(#[$meta:meta])* async fn $name:ident($backend:ident) $body:block )*) => {
        $(
            $(#[$meta])*
            mod $name {
                #[allow(unused_imports)]
                use super::*;

                async fn run($backend: crate::harness::Backend) $body

                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    run(crate::harness::Backend::Sqlite).await
                }

                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    if let Some(backend) = crate::harness::Backend::postgres() {
                        run(backend).await
                    }
                }
            }
        )*
    };
}

/// A fresh database of its own, removed when the test ends.
enum Scratch {
    SqliteDir(PathBuf),
    PostgresDb { admin_url: String, name: String },
}

impl Drop for Scratch {
    fn drop(&mut self) {
        match self {
            Scratch::SqliteDir(dir) => {
                let _ = std::fs::remove_dir_all(dir);
            }
            Scratch::PostgresDb { admin_url, name } => {
                let (admin_url, name) = (admin_url.clone(), name.clone());
                // Drop runs inside the test's runtime; a thread with its own runtime can block.
                let _ = std::thread::spawn(move || {
                    let rt = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                        .expect("a runtime to drop the test database");
                    rt.block_on(async {
                        if let Ok(admin) = Database::connect(admin_url.as_str()).await {
                            let _ = admin
                                .execute_unprepared(&format!(
                                    "DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"
                                ))
                                .await;
                            let _ = admin.close().await;
                        }
                    });
                })
                .join();
            }
        }
    }
}

fn unique_name() -> String {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    format!(
        "aigc_test_{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed),
        nanos
    )
}

/// `postgres://user@host:port/db?params` with the database replaced.
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (url, None),
    };
    let scheme_end = base.find("://").map(|i| i + 3).unwrap_or(0);
    let path_start = base[scheme_end..].find('/').map(|i| i + scheme_end);
    let host = match path_start {
        Some(i) => &base[..i],
        None => base,
    };
    match query {
        Some(query) => format!("{host}/{name}?{query}"),
        None => format!("{host}/{name}"),
    }
}

/// The app under test: its router, its database and a count of the SQL statements it ran.
pub struct TestApp {
    pub router: Router,
    pub db: DatabaseConnection,
    statements: Arc<AtomicUsize>,
    log: Arc<std::sync::Mutex<Vec<String>>>,
    _scratch: Scratch,
}

impl TestApp {
    /// A migrated database with no rows.
    pub async fn empty(backend: Backend) -> TestApp {
        let (url, scratch) = match &backend {
            Backend::Sqlite => {
                let dir = std::env::temp_dir().join(unique_name());
                std::fs::create_dir_all(&dir).expect("a temporary folder");
                let url = format!("sqlite://{}?mode=rwc", dir.join("landscape.db").display());
                (url, Scratch::SqliteDir(dir))
            }
            Backend::Postgres(admin_url) => {
                let name = unique_name();
                let admin = Database::connect(admin_url.as_str())
                    .await
                    .expect("TEST_DATABASE_URL does not answer");
                admin
                    .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
                    .await
                    .expect("cannot create a test database");
                admin.close().await.ok();
                (
                    with_database(admin_url, &name),
                    Scratch::PostgresDb {
                        admin_url: admin_url.clone(),
                        name,
                    },
                )
            }
        };
        let mut db = db::connect(&url, 8)
            .await
            .expect("connect to the test database");
        let statements = Arc::new(AtomicUsize::new(0));
        let counter = statements.clone();
        let log = Arc::new(std::sync::Mutex::new(Vec::new()));
        let sink = log.clone();
        db.set_metric_callback(move |info| {
            counter.fetch_add(1, Ordering::Relaxed);
            sink.lock().unwrap().push(info.statement.sql.clone());
        });
        db::migrate(&db).await.expect("migrate the test database");
        TestApp {
            router: router(AppState::new(
                db.clone(),
                QueryLimits::default(),
                test_auth(true),
            )),
            db,
            statements,
            log,
            _scratch: scratch,
        }
    }

    /// A migrated database holding the starter fixture (`tests/fixtures/starter`, a frozen
    /// copy of the first curated lists), so that growing the curated data never changes what
    /// these tests see. The curated lists themselves are checked in `curated.rs`.
    pub async fn seeded(backend: Backend) -> TestApp {
        TestApp::with(backend, &starter()).await
    }

    /// A migrated database holding `dataset`.
    pub async fn with(backend: Backend, dataset: &seeds::Dataset) -> TestApp {
        let app = TestApp::empty(backend).await;
        seeds::load(&app.db, dataset)
            .await
            .expect("load the dataset");
        app
    }

    /// SQL statements run so far.
    pub fn statements(&self) -> usize {
        self.statements.load(Ordering::SeqCst)
    }

    /// The SQL of the statements run since the `from`-th.
    pub fn statements_since(&self, from: usize) -> Vec<String> {
        self.log.lock().unwrap()[from..].to_vec()
    }

    /// Sends a request through the real router and returns status, headers and body.
    pub async fn send(
        &self,
        request: Request<Body>,
    ) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
        let response = self
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("the router answers");
        let status = response.status();
        let headers = response.headers().clone();
        let body = response
            .into_body()
            .collect()
            .await
            .expect("a body")
            .to_bytes()
            .to_vec();
        (status, headers, body)
    }

    /// The same app over a state changed by `configure` (HTTP settings, a replica…).
    pub fn configured(mut self, configure: impl FnOnce(AppState) -> AppState) -> TestApp {
        self.router = router(configure(AppState::new(
            self.db.clone(),
            QueryLimits::default(),
            test_auth(true),
        )));
        self
    }

    /// POSTs `body` as it is, with `content_type`; returns status, headers and the JSON body.
    pub async fn post_raw(
        &self,
        content_type: &str,
        body: impl Into<Body>,
    ) -> (StatusCode, axum::http::HeaderMap, Value) {
        let request = Request::post("/graphql")
            .header(header::CONTENT_TYPE, content_type)
            .body(body.into())
            .unwrap();
        let (status, headers, body) = self.send(request).await;
        let value = serde_json::from_slice(&body)
            .unwrap_or_else(|_| panic!("not JSON ({status}): {}", String::from_utf8_lossy(&body)));
        (status, headers, value)
    }

    /// Serves the router on a real socket; returns its address.
    pub async fn listen(&self) -> std::net::SocketAddr {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let service = self
            .router
            .clone()
            .into_make_service_with_connect_info::<std::net::SocketAddr>();
        tokio::spawn(async move { axum::serve(listener, service).await.ok() });
        addr
    }

    /// The same app with anonymous reads switched off.
    pub fn private(mut self) -> TestApp {
        self.router = router(AppState::new(
            self.db.clone(),
            QueryLimits::default(),
            test_auth(false),
        ));
        self
    }

    /// Adds a user with `role` and password [`PASSWORD`] and returns a session token.
    pub async fn user(&self, email: &str, role: Role) -> String {
        let actor = Actor {
            user_id: None,
            label: "test".into(),
        };
        let new = NewUser {
            email: email.into(),
            display_name: None,
            role,
            password: PASSWORD.into(),
        };
        accounts::create_user(&self.db, &actor, new)
            .await
            .unwrap()
            .unwrap_or_else(|e| panic!("{e:?}"));
        self.login(email, PASSWORD).await
    }

    /// Signs in through the API and returns the token.
    pub async fn login(&self, email: &str, password: &str) -> String {
        let data = self
            .data(
                "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }",
                json!({ "e": email, "p": password }),
            )
            .await;
        data["login"]["token"].as_str().unwrap().to_owned()
    }

    /// POSTs a GraphQL request with `Authorization: Bearer <token>` when a token is given.
    pub async fn graphql_as(&self, token: Option<&str>, query: &str, variables: Value) -> Value {
        let body = json!({ "query": query, "variables": variables }).to_string();
        let mut request =
            Request::post("/graphql").header(header::CONTENT_TYPE, "application/json");
        if let Some(token) = token {
            request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
        }
        let request = request.body(Body::from(body)).unwrap();
        let (status, _, body) = self.send(request).await;
        let value: Value = serde_json::from_slice(&body)
            .unwrap_or_else(|_| panic!("not JSON ({status}): {}", String::from_utf8_lossy(&body)));
        value
    }

    /// POSTs a query that must succeed and returns its `data`.
    pub async fn data(&self, query: &str, variables: Value) -> Value {
        self.data_as(None, query, variables).await
    }

    /// POSTs a query as `token` that must succeed and returns its `data`.
    pub async fn data_as(&self, token: Option<&str>, query: &str, variables: Value) -> Value {
        let response = self.graphql_as(token, query, variables).await;
        assert!(
            response.get("errors").is_none(),
            "unexpected errors: {}",
            serde_json::to_string_pretty(&response).unwrap()
        );
        response["data"].clone()
    }

    /// POSTs a query that must fail and returns its first error.
    pub async fn error(&self, query: &str, variables: Value) -> Value {
        self.error_as(None, query, variables).await
    }

    /// POSTs a query as `token` that must fail and returns its first error.
    pub async fn error_as(&self, token: Option<&str>, query: &str, variables: Value) -> Value {
        let response = self.graphql_as(token, query, variables).await;
        assert!(
            response["errors"].is_array(),
            "expected an error: {response}"
        );
        response["errors"][0].clone()
    }
}

/// The password of every user the tests add.
pub const PASSWORD: &str = "correct horse battery staple";

/// The secret the test apps sign tokens with.
pub const SECRET: &[u8] = b"a test secret that is long enough to sign with";

/// The starter fixture, parsed.
pub fn starter() -> seeds::Dataset {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/starter");
    seeds::Dataset::from_dir(&dir).unwrap_or_else(|p| panic!("{p}"))
}

pub fn test_auth(anonymous_reads: bool) -> Auth {
    Auth::new(
        SECRET,
        std::time::Duration::from_secs(3600),
        anonymous_reads,
    )
    .unwrap()
}

/// The `extensions.code` of an error.
pub fn code(error: &Value) -> &str {
    error["extensions"]["code"].as_str().unwrap_or("<none>")
}

/// The values of `field` in each node of a connection or list.
pub fn pluck<'a>(nodes: &'a Value, field: &str) -> Vec<&'a str> {
    nodes
        .as_array()
        .expect("a list")
        .iter()
        .map(|n| n[field].as_str().expect("a string field"))
        .collect()
}

/// The built-in lists plus `companies` synthetic companies, each with two models (text and
/// image in, text out), a product on both, an offering of each model with two price rows, and
/// an event naming the company, its first model and its product — written as seed files and
/// read by the real parser.
pub fn synthetic(companies: usize) -> seeds::Dataset {
    let mut files: Vec<(String, String)> = Vec::new();
    let builtin_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../seeds/data");
    for name in ["media_types.yaml", "tasks.yaml"] {
        files.push((
            name.to_owned(),
            std::fs::read_to_string(builtin_dir.join(name)).unwrap(),
        ));
    }
    let mut prices = String::from(
        "provider,region,api_model_id,model,dimension,unit,unit_quantity,amount,currency,effective_from,effective_to\n",
    );
    let mut events = String::from(
        "slug,occurred_on,type,title,importance,companies,models,products,source_urls\n",
    );
    for i in 0..companies {
        let c = format!("synth-{i:03}");
        let yaml = format!(
            "company:\n  slug: {c}\n  name: Synthetic {i:03}\n  kind: STARTUP\n  country: {country}\n\
             models:\n\
             \x20 - {{ slug: {c}-a, name: Model A {i:03}, status: GA, inputs: [text, image], outputs: [text], tasks: [chat] }}\n\
             \x20 - {{ slug: {c}-b, name: Model B {i:03}, status: PREVIEW, open_weights: true, inputs: [text], outputs: [image], tasks: [text-to-image], base_model: {c}-a }}\n\
             products:\n\
             \x20 - {{ slug: {c}-app, name: App {i:03}, kind: CHAT_ASSISTANT, audiences: [CONSUMER], status: ACTIVE, models: [{c}-a, {c}-b], tasks: [chat] }}\n\
             offerings:\n\
             \x20 - {{ model: {c}-a, region: cn, api_model_id: {c}-a }}\n\
             \x20 - {{ model: {c}-b, region: cn, api_model_id: {c}-b }}\n",
            country = if i % 2 == 0 { "CN" } else { "US" },
        );
        files.push((format!("companies/{c}.yaml"), yaml));
        for m in ["a", "b"] {
            prices.push_str(&format!(
                "{c},cn,{c}-{m},{c}-{m},INPUT_TOKENS,TOKEN,1000000,2,CNY,2024-01-01,2024-05-21\n\
                 {c},cn,{c}-{m},{c}-{m},INPUT_TOKENS,TOKEN,1000000,0.5,CNY,2024-05-21,\n"
            ));
        }
        events.push_str(&format!(
            "{c}-launch,2024-0{month}-1{day},PRODUCT_LAUNCH,Synthetic launch {i:03},3,{c},{c}-a;{c}-b,{c}-app,https://example.com/{c}\n",
            month = 1 + i % 9,
            day = i % 10,
        ));
    }
    files.push(("prices.csv".to_owned(), prices));
    files.push(("events.csv".to_owned(), events));
    seeds::Dataset::parse(files).unwrap_or_else(|problems| panic!("{problems}"))
}
