//! The response cache: a repeated read is answered from memory — one statement, the data
//! version — until a write of any kind moves the version; keys hold the caller's role; answers
//! about the caller, mutations and errors are never kept; ETags give 304s on GET and POST; a
//! lagging replica's answers are kept under its own, older version. On both databases.

use aigc_landscape::{config::HttpConfig, service::data_version};
use axum::{
    body::Body,
    http::{Request, StatusCode, header},
};
use entities::Role;
use migration::m20261201_000004_data_version::{UNVERSIONED, VERSIONED};
use sea_orm::{ConnectionTrait, DbBackend, Statement};
use serde_json::{Value, json};

use crate::harness::TestApp;

const COMPANY: &str = r#"{ company(slug: "zhipu") { name headquarters } }"#;
const NOTES: &str = r#"{ company(slug: "zhipu") { name notes } }"#;

fn post(query: &str, token: Option<&str>, if_none_match: Option<&str>) -> Request<Body> {
    let mut request = Request::post("/graphql").header(header::CONTENT_TYPE, "application/json");
    if let Some(token) = token {
        request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    if let Some(tag) = if_none_match {
        request = request.header(header::IF_NONE_MATCH, tag);
    }
    request
        .body(Body::from(json!({ "query": query }).to_string()))
        .unwrap()
}

fn get(query: &str, if_none_match: Option<&str>) -> Request<Body> {
    let uri = format!("/graphql?query={}", urlencode(query));
    let mut request = Request::get(uri);
    if let Some(tag) = if_none_match {
        request = request.header(header::IF_NONE_MATCH, tag);
    }
    request.body(Body::empty()).unwrap()
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

async fn metric(app: &TestApp, kind: &str) -> u64 {
    let (_, _, body) = app
        .send(Request::get("/metrics").body(Body::empty()).unwrap())
        .await;
    let text = String::from_utf8(body).unwrap();
    let line = format!("aigc_response_cache_total{{kind=\"{kind}\"}} ");
    text.lines()
        .find_map(|l| l.strip_prefix(&line))
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("no {line} in /metrics"))
}

/// Statements one request ran, and its answer.
async fn counted(
    app: &TestApp,
    request: Request<Body>,
) -> (usize, StatusCode, axum::http::HeaderMap, Value) {
    let before = app.statements();
    let (status, headers, body) = app.send(request).await;
    let value = if body.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&body).unwrap()
    };
    (app.statements() - before, status, headers, value)
}

both! {
    async fn repeated_reads_come_from_memory_until_the_data_changes(backend) {
        let app = TestApp::seeded(backend).await;
        let editor = app.user("e@example.org", Role::Editor).await;
        let viewer = app.user("v@example.org", Role::Viewer).await;
        let (first, _, headers, answer) = counted(&app, post(COMPANY, None, None)).await;
        assert!(first > 1, "computed: {first} statements");
        assert_eq!(answer["data"]["company"]["name"], "Zhipu AI", "{answer}");
        let tag = headers[header::ETAG].to_str().unwrap().to_owned();
        assert_eq!(headers[header::CACHE_CONTROL], "no-cache");
        let (again, _, headers, same) = counted(&app, post(COMPANY, None, None)).await;
        assert_eq!(again, 1, "from memory: the version read only");
        assert_eq!(same, answer);
        assert_eq!(headers[header::ETAG].to_str().unwrap(), tag);
        assert_eq!(metric(&app, "hits").await, 1);

        // The caller's exact role is in the key: a viewer sees team notes an anonymous reader does not.
        app.db.execute_unprepared("UPDATE companies SET notes = 'met them in Beijing' WHERE slug = 'zhipu'").await.unwrap();
        let (_, _, headers, as_viewer) = counted(&app, post(NOTES, Some(&viewer), None)).await;
        assert_eq!(as_viewer["data"]["company"]["notes"], "met them in Beijing");
        assert_eq!(headers[header::CACHE_CONTROL], "private, no-cache");
        let (kept, _, _, _) = counted(&app, post(NOTES, Some(&viewer), None)).await;
        assert_eq!(kept, 2, "kept for viewers: the token's check and the version read");
        let (_, _, headers, anonymous) = counted(&app, post(NOTES, None, None)).await;
        assert_eq!(anonymous["data"]["company"]["notes"], Value::Null, "not the viewer's answer: {anonymous}");
        assert!(anonymous["errors"].is_array() && !headers.contains_key(header::ETAG), "an error is never kept");

        // A mutation moves the version: the next read is computed again and shows it.
        let id = app.data(r#"{ company(slug: "zhipu") { id version } }"#, json!({})).await["company"].clone();
        let before = data_version::read(&app.db).await.unwrap();
        app.data_as(Some(&editor), "mutation($id: ID!, $v: Int!) { updateCompany(id: $id, input: { headquarters: \"Haidian, Beijing\" }, expectedVersion: $v) { userErrors { message } } }", json!({ "id": id["id"], "v": id["version"] })).await;
        assert!(data_version::read(&app.db).await.unwrap() > before);
        let (recomputed, _, headers, fresh) = counted(&app, post(COMPANY, None, None)).await;
        assert!(recomputed > 1);
        assert_eq!(fresh["data"]["company"]["headquarters"], "Haidian, Beijing");
        assert_ne!(headers[header::ETAG].to_str().unwrap(), tag);

        // ETags: If-None-Match with the current one is 304 on POST and GET, with no body.
        let tag = headers[header::ETAG].to_str().unwrap().to_owned();
        let (_, status, _, body) = counted(&app, post(COMPANY, None, Some(&tag))).await;
        assert_eq!((status, body), (StatusCode::NOT_MODIFIED, Value::Null));
        let (_, status, headers, _) = counted(&app, get(COMPANY, None)).await;
        assert_eq!(status, StatusCode::OK);
        let get_tag = headers[header::ETAG].to_str().unwrap().to_owned();
        let (_, status, _, _) = counted(&app, get(COMPANY, Some(&get_tag))).await;
        assert_eq!(status, StatusCode::NOT_MODIFIED);
        let (_, status, _, _) = counted(&app, post(COMPANY, None, Some("\"stale\""))).await;
        assert_eq!(status, StatusCode::OK, "an old tag gets the answer");
        assert!(metric(&app, "not_modified").await >= 2);

        // Never kept: the caller's own things, mutations, and errors.
        for (query, token) in [("{ me { email } }", Some(&viewer)), ("{ models(first: 1000) { totalCount } }", None)] {
            counted(&app, post(query, token.map(|t| t.as_str()), None)).await;
            let (again, _, headers, _) = counted(&app, post(query, token.map(|t| t.as_str()), None)).await;
            assert!(again != 1 || !headers.contains_key(header::ETAG), "{query} was kept");
            assert!(!headers.contains_key(header::ETAG), "{query} has no ETag");
        }
        let (_, _, _, me_e) = counted(&app, post("{ me { email } }", Some(&editor), None)).await;
        assert_eq!(me_e["data"]["me"]["email"], "e@example.org", "each caller their own `me`");
    }

    async fn every_kind_of_write_moves_the_version(backend) {
        let app = TestApp::seeded(backend).await;
        let db = &app.db;
        // Every table either moves the version or is left out on purpose: a new table must choose.
        let tables: Vec<String> = match db.get_database_backend() {
            DbBackend::Postgres => db.query_all_raw(Statement::from_string(DbBackend::Postgres, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).await.unwrap(),
            _ => db.query_all_raw(Statement::from_string(DbBackend::Sqlite, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")).await.unwrap(),
        }
        .into_iter()
        .map(|row| row.try_get_by_index::<String>(0).unwrap())
        .filter(|t| t != "seaql_migrations" && t != "data_version")
        .collect();
        for table in &tables {
            assert!(VERSIONED.contains(&table.as_str()) || UNVERSIONED.contains(&table.as_str()), "table {table} neither moves the data version nor is left out on purpose");
        }
        for table in VERSIONED {
            let before = data_version::read(db).await.unwrap();
            // A write that changes nothing still counts as a write to the table.
            db.execute_unprepared(&format!("UPDATE {table} SET {col} = {col} WHERE 1 = 0 OR {col} IS NOT NULL", col = first_column(db, table).await)).await.unwrap();
            let after = data_version::read(db).await.unwrap();
            let empty = db.query_one_raw(Statement::from_string(db.get_database_backend(), format!("SELECT COUNT(*) FROM {table}"))).await.unwrap().unwrap().try_get_by_index::<i64>(0).unwrap() == 0;
            assert!(after > before || empty, "an update of {table} moved the version {before} → {after}");
        }
        // A seed run, in one transaction, moves it once on PostgreSQL (at commit).
        let before = data_version::read(db).await.unwrap();
        let mut changed = crate::harness::starter();
        changed.companies[0].1.company.headquarters = Some("Elsewhere".into());
        seeds::sync(db, &changed, seeds::Options { force: true, ..Default::default() }).await.unwrap();
        let after = data_version::read(db).await.unwrap();
        if db.get_database_backend() == DbBackend::Postgres {
            assert_eq!(after, before + 1, "once, at commit");
        } else {
            assert!(after > before);
        }
    }

    async fn a_lagging_replica_keeps_its_answers_under_its_own_version(backend) {
        let primary = TestApp::seeded(backend.clone()).await;
        let replica = TestApp::seeded(backend).await;
        let replica_db = replica.db.clone();
        primary.db.execute_unprepared("UPDATE companies SET headquarters = 'moved' WHERE slug = 'zhipu'").await.unwrap();
        let app = primary.configured(|s| s.with_read_replica(replica_db));
        // Reads go to the lagging replica and are kept under the replica's version.
        let old = app.data(COMPANY, json!({})).await;
        assert_eq!(old["company"]["headquarters"], "Beijing");
        assert_eq!(app.data(COMPANY, json!({})).await, old);
        // The replica catches up: its version moves, the kept answer is not given again.
        replica.db.execute_unprepared("UPDATE companies SET headquarters = 'moved' WHERE slug = 'zhipu'").await.unwrap();
        assert_eq!(app.data(COMPANY, json!({})).await["company"]["headquarters"], "moved");
    }
}

async fn first_column(db: &sea_orm::DatabaseConnection, table: &str) -> String {
    let sql = match db.get_database_backend() {
        DbBackend::Postgres => format!(
            "SELECT column_name FROM information_schema.columns WHERE table_name = '{table}' ORDER BY ordinal_position LIMIT 1"
        ),
        _ => format!("SELECT name FROM pragma_table_info('{table}') ORDER BY cid LIMIT 1"),
    };
    db.query_one_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap()
        .unwrap()
        .try_get_by_index::<String>(0)
        .unwrap()
}

#[tokio::test]
async fn the_cache_is_bounded_switchable_and_anonymous_gets_may_go_to_a_cdn() {
    let app = TestApp::seeded(crate::harness::Backend::Sqlite).await;
    let small = HttpConfig {
        response_cache_mb: 1,
        cache_public_max_age: 300,
        ..HttpConfig::default()
    };
    let app = app.configured(|s| s.with_http(small));
    let (_, _, headers, _) = counted(&app, get(COMPANY, None)).await;
    assert_eq!(headers[header::CACHE_CONTROL], "public, max-age=300");
    let (_, _, headers, _) = counted(&app, post(COMPANY, None, None)).await;
    assert_eq!(
        headers[header::CACHE_CONTROL],
        "no-cache",
        "POSTs are not for a CDN"
    );
    // The bound holds (evicting is shown in the unit tests of http/response_cache.rs).
    for i in 0..30 {
        counted(
            &app,
            post(
                &format!(
                    "{{ m{i}: models(first: 50) {{ nodes {{ slug name description aliases }} }} }}"
                ),
                None,
                None,
            ),
        )
        .await;
    }
    let (_, _, body) = app
        .send(Request::get("/metrics").body(Body::empty()).unwrap())
        .await;
    let text = String::from_utf8(body).unwrap();
    let size = |unit: &str| -> u64 {
        text.lines()
            .find_map(|l| l.strip_prefix(&format!("aigc_response_cache_size{{unit=\"{unit}\"}} ")))
            .unwrap()
            .parse()
            .unwrap()
    };
    assert!(
        size("entries") >= 30 && size("bytes") <= 1024 * 1024,
        "{} entries, {} bytes",
        size("entries"),
        size("bytes")
    );
    let off = TestApp::seeded(crate::harness::Backend::Sqlite)
        .await
        .configured(|s| {
            s.with_http(HttpConfig {
                response_cache: false,
                ..HttpConfig::default()
            })
        });
    let (first, _, _, _) = counted(&off, post(COMPANY, None, None)).await;
    let (again, _, headers, _) = counted(&off, post(COMPANY, None, None)).await;
    assert_eq!(
        again, first,
        "switched off: computed every time, with no version read"
    );
    assert!(headers.contains_key(header::ETAG), "still revalidatable");
    assert_eq!(metric(&off, "hits").await, 0);
}
