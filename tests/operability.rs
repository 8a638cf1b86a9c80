//! Running it in production: request ids, metrics, persisted queries, the switches, CORS, a
//! read replica, timeouts and panics.

use std::time::Duration;

use aigc_landscape::{
    config::HttpConfig,
    db,
    http::middleware::{self, REQUEST_ID},
};
use axum::{
    Router,
    body::Body,
    http::{Request, StatusCode, header},
    routing,
};
use entities::Role;
use sea_orm::ConnectionTrait;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::harness::{TestApp, code};

fn http(configure: impl FnOnce(&mut HttpConfig)) -> HttpConfig {
    let mut config = HttpConfig::default();
    configure(&mut config);
    config
}

async fn get(app: &TestApp, uri: &str) -> (StatusCode, axum::http::HeaderMap, String) {
    let (status, headers, body) = app
        .send(Request::get(uri).body(Body::empty()).unwrap())
        .await;
    (status, headers, String::from_utf8(body).unwrap())
}

async fn post_json(app: &TestApp, body: Value) -> (StatusCode, Value) {
    let (status, _, value) = app.post_raw("application/json", body.to_string()).await;
    (status, value)
}

both! {
    async fn every_response_carries_a_request_id(backend) {
        let app = TestApp::seeded(backend).await;
        let (_, headers, _) = get(&app, "/healthz").await;
        let made_up = headers[&REQUEST_ID].to_str().unwrap().to_owned();
        assert_eq!(made_up.len(), 16);
        let (_, again, _) = get(&app, "/healthz").await;
        assert_ne!(again[&REQUEST_ID], made_up.as_str(), "each request gets its own id");
        // A caller's own id is kept when it is plain; anything else is replaced.
        let request = |id: &str| Request::get("/healthz").header(REQUEST_ID, id).body(Body::empty()).unwrap();
        let (_, kept, _) = app.send(request("dash-42.a")).await;
        assert_eq!(kept[&REQUEST_ID], "dash-42.a");
        let (_, replaced, _) = app.send(request("bad id\" injected=1")).await;
        assert_ne!(replaced[&REQUEST_ID], "bad id\" injected=1");
        // Refusals carry it too.
        let (_, refused, _) = app.post_raw("text/plain", "{}").await;
        assert!(refused.contains_key(&REQUEST_ID));
    }

    async fn metrics_count_operations_errors_and_pools_with_bounded_labels(backend) {
        let app = TestApp::seeded(backend).await;
        app.data("{ companies { totalCount } }", json!({})).await;
        app.data("{ x: companies { totalCount } y: companies(first: 1) { totalCount } }", json!({})).await;
        app.data("{ models { totalCount } companies { totalCount } }", json!({})).await;
        // A made-up field, a made-up operation name and garbage are all counted as `invalid`.
        app.error("{ noSuchField }", json!({})).await;
        app.error("query Random123 { noSuchField }", json!({})).await;
        app.error("{ companies(first: -1) { totalCount } }", json!({})).await;
        app.post_raw("text/plain", "x").await;
        get(&app, "/graphiql/graphiql.min.css").await;
        get(&app, "/no/such/page-123").await;
        let (status, headers, text) = get(&app, "/metrics").await;
        assert_eq!(status, StatusCode::OK);
        assert!(headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/plain"));
        for line in [
            "aigc_graphql_request_duration_seconds_count{operation=\"companies\"} 3",
            "aigc_graphql_request_duration_seconds_count{operation=\"multiple\"} 1",
            "aigc_graphql_request_duration_seconds_count{operation=\"invalid\"} 2",
            "aigc_graphql_errors_total{code=\"GRAPHQL_VALIDATION_FAILED\"} 2",
            "aigc_graphql_errors_total{code=\"BAD_USER_INPUT\"} 1",
            "aigc_graphql_errors_total{code=\"BAD_REQUEST\"} 1",
            "aigc_http_responses_total{route=\"/graphql\",status=\"415\"} 1",
            "aigc_http_responses_total{route=\"/graphiql/{file}\",status=\"200\"} 1",
            "aigc_http_responses_total{route=\"other\",status=\"404\"} 1",
            "aigc_db_pool_connections{pool=\"primary\",state=\"idle\"}",
            "process_resident_memory_bytes",
        ] {
            assert!(text.contains(line), "missing `{line}` in\n{text}");
        }
        assert!(!text.contains("Random123"), "operation names are not labels");
        assert!(!text.contains("noSuchField"));
        assert!(!text.contains("page-123"), "unmatched paths are not labels");
    }

    async fn persisted_queries_by_hash_over_post_and_get(backend) {
        let app = TestApp::seeded(backend).await;
        let query = "{ companies(first: 2) { totalCount } }";
        let hash = hex::encode(Sha256::digest(query.as_bytes()));
        let ext = json!({ "persistedQuery": { "version": 1, "sha256Hash": hash } });
        // The first hash-only request is a miss that Apollo clients recognise.
        let (status, miss) = post_json(&app, json!({ "extensions": ext })).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(code(&miss["errors"][0]), "PERSISTED_QUERY_NOT_FOUND");
        assert_eq!(miss["errors"][0]["message"], "PersistedQueryNotFound");
        // Hash and query together: answered and kept.
        let (_, full) = post_json(&app, json!({ "query": query, "extensions": ext })).await;
        assert_eq!(full["data"]["companies"]["totalCount"], 16);
        let (_, by_hash) = post_json(&app, json!({ "extensions": ext })).await;
        assert_eq!(by_hash, full);
        // GET with only the hash, as CDNs cache it.
        let uri = format!("/graphql?extensions={}", urlencode(&ext.to_string()));
        let (status, _, body) = get(&app, &uri).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(serde_json::from_str::<Value>(&body).unwrap(), full);
        // A hash that is not the query's is refused and not stored.
        let (status, wrong) = post_json(&app, json!({ "query": "{ models { totalCount } }", "extensions": ext })).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(wrong["errors"][0]["message"].as_str().unwrap().contains("does not match"), "{wrong}");
        let (_, still) = post_json(&app, json!({ "extensions": ext })).await;
        assert_eq!(still, full);
        // A mutation sent by hash over GET is still refused.
        let mutation = "mutation { logout }";
        let hash = hex::encode(Sha256::digest(mutation.as_bytes()));
        let ext = json!({ "persistedQuery": { "version": 1, "sha256Hash": hash } });
        post_json(&app, json!({ "query": mutation, "extensions": ext })).await;
        let uri = format!("/graphql?extensions={}", urlencode(&ext.to_string()));
        assert_eq!(get(&app, &uri).await.0, StatusCode::METHOD_NOT_ALLOWED);
    }

    async fn introspection_and_the_playground_can_be_switched_off(backend) {
        let app = TestApp::seeded(backend).await.configured(|s| s.with_http(http(|c| {
            c.introspection = false;
            c.playground = false;
        })));
        let error = app.error("{ __schema { queryType { name } } }", json!({})).await;
        assert!(error["message"].as_str().unwrap().contains("introspection is switched off"), "{error}");
        // Nested introspection is answered with nothing rather than the schema.
        let nested = app.data("{ companies { __typename } }", json!({})).await;
        assert_eq!(nested["companies"]["__typename"], "CompanyConnection");
        // Ordinary queries still run.
        assert_eq!(app.data("{ companies { totalCount } }", json!({})).await["companies"]["totalCount"], 16);
        let page = Request::get("/graphql").header(header::ACCEPT, "text/html").body(Body::empty()).unwrap();
        assert_eq!(app.send(page).await.0, StatusCode::NOT_FOUND);
        assert_eq!(get(&app, "/graphiql/graphiql.min.js").await.0, StatusCode::NOT_FOUND);
    }

    async fn cors_answers_only_the_listed_origins(backend) {
        let app = TestApp::seeded(backend).await.configured(|s| s.with_http(http(|c| {
            c.cors_allowed_origins = vec!["https://dash.example.com".into()];
        })));
        let preflight = |origin: &str| {
            Request::builder()
                .method("OPTIONS")
                .uri("/graphql")
                .header(header::ORIGIN, origin)
                .header(header::ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .header(header::ACCESS_CONTROL_REQUEST_HEADERS, "content-type,authorization")
                .body(Body::empty())
                .unwrap()
        };
        let (_, allowed, _) = app.send(preflight("https://dash.example.com")).await;
        assert_eq!(allowed[header::ACCESS_CONTROL_ALLOW_ORIGIN], "https://dash.example.com");
        assert!(allowed[header::ACCESS_CONTROL_ALLOW_HEADERS].to_str().unwrap().contains("authorization"));
        let (_, refused, _) = app.send(preflight("https://evil.example.net")).await;
        assert!(!refused.contains_key(header::ACCESS_CONTROL_ALLOW_ORIGIN));
    }

    async fn reads_go_to_the_replica_and_writes_with_their_reads_to_the_primary(backend) {
        let primary = TestApp::seeded(backend.clone()).await;
        let replica = TestApp::seeded(backend).await;
        // Tell the two apart: the replica lags behind on one company's headquarters.
        replica
            .db
            .execute_unprepared("UPDATE companies SET headquarters = 'replica copy' WHERE slug = 'zhipu'")
            .await
            .unwrap();
        let replica_db = replica.db.clone();
        let app = primary.configured(|s| s.with_read_replica(replica_db));
        let read = r#"{ company(slug: "zhipu") { id headquarters version } }"#;
        let seen = app.data(read, json!({})).await["company"].clone();
        assert_eq!(seen["headquarters"], "replica copy");

        let editor = app.user("e@example.org", Role::Editor).await;
        let done = app
            .data_as(
                Some(&editor),
                r#"mutation($id: ID!) { updateCompany(id: $id, input: { website: "https://www.zhipuai.cn/en" }, expectedVersion: 1) { company { headquarters website } userErrors { code } } }"#,
                json!({ "id": seen["id"] }),
            )
            .await;
        // The mutation and the reads after it in the same request saw the primary.
        assert_eq!(done["updateCompany"]["company"]["headquarters"], "Beijing", "{done}");
        assert_eq!(done["updateCompany"]["company"]["website"], "https://www.zhipuai.cn/en");
        // A later read still goes to the (lagging) replica.
        assert_eq!(app.data(read, json!({})).await["company"]["headquarters"], "replica copy");
        let (status, _, _) = get(&app, "/healthz").await;
        assert_eq!(status, StatusCode::OK, "both pools answer");
    }
}

/// A statement slower than `STATEMENT_TIMEOUT_MS` is cancelled by PostgreSQL.
#[tokio::test]
async fn postgres_cancels_statements_past_the_timeout() {
    let Some(crate::harness::Backend::Postgres(url)) = crate::harness::Backend::postgres() else {
        return;
    };
    let db = db::connect_with(&url, 2, Some(Duration::from_millis(200)))
        .await
        .unwrap();
    let error = db
        .execute_unprepared("SELECT pg_sleep(2)")
        .await
        .unwrap_err();
    assert!(error.to_string().contains("statement timeout"), "{error}");
    db.execute_unprepared("SELECT 1").await.unwrap();
}

fn layered() -> Router {
    Router::new()
        .route(
            "/slow",
            routing::get(|| async {
                tokio::time::sleep(Duration::from_secs(5)).await;
                "late"
            }),
        )
        .route(
            "/panics",
            routing::get(|| async {
                if std::hint::black_box(true) {
                    panic!("a resolver bug");
                }
                "never"
            }),
        )
        .route("/fine", routing::get(|| async { "fine" }))
}

/// A request past its time is stopped with 503 `TIMEOUT`; a panic becomes a logged
/// `INTERNAL_SERVER_ERROR`; the server goes on answering.
#[tokio::test]
async fn timeouts_and_panics_are_answered_and_the_server_goes_on() {
    let app = TestApp::seeded(crate::harness::Backend::Sqlite).await;
    let state = aigc_landscape::state::AppState::new(
        app.db.clone(),
        Default::default(),
        aigc_landscape::auth::Auth::new(crate::harness::SECRET, Duration::from_secs(60), true)
            .unwrap(),
    )
    .with_http(http(|c| c.request_timeout_secs = 1));
    let router = middleware::apply(layered(), &state);
    let send = |uri: &'static str| {
        let router = router.clone();
        async move {
            use tower::ServiceExt;
            let response = router
                .oneshot(Request::get(uri).body(Body::empty()).unwrap())
                .await
                .unwrap();
            let status = response.status();
            let id = response.headers().get(&REQUEST_ID).cloned();
            let body = http_body_util::BodyExt::collect(response.into_body())
                .await
                .unwrap()
                .to_bytes();
            (status, id, String::from_utf8(body.to_vec()).unwrap())
        }
    };
    let started = std::time::Instant::now();
    let (status, id, body) = send("/slow").await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(body.contains("\"TIMEOUT\""), "{body}");
    assert!(id.is_some());
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "stopped before the handler finished"
    );

    let (status, id, body) = send("/panics").await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(body.contains("\"INTERNAL_SERVER_ERROR\""), "{body}");
    assert!(
        !body.contains("resolver bug"),
        "no internal detail leaks: {body}"
    );
    assert!(
        id.is_some(),
        "the panic response still carries the request id"
    );
    assert_eq!(send("/fine").await.0, StatusCode::OK);
}

fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
