//! One caller extractor for every surface: `/graphql`, `/reports/*` and `/mcp` refuse an
//! anonymous caller, a bad token and a failure to check a token alike.

use axum::{
    body::Body,
    http::{Request, StatusCode, header},
};
use entities::Role;
use sea_orm::ConnectionTrait;

use crate::harness::TestApp;

fn requests(token: Option<&str>) -> Vec<(&'static str, Request<Body>)> {
    let with = |builder: axum::http::request::Builder| match token {
        Some(token) => builder.header(header::AUTHORIZATION, format!("Bearer {token}")),
        None => builder,
    };
    vec![
        (
            "/graphql",
            with(Request::post("/graphql"))
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(
                    r#"{"query":"{ companies(first: 1) { totalCount } }"}"#,
                ))
                .unwrap(),
        ),
        (
            "/reports/digest.md",
            with(Request::get("/reports/digest.md"))
                .body(Body::empty())
                .unwrap(),
        ),
        (
            "/mcp",
            with(Request::post("/mcp"))
                .header(header::CONTENT_TYPE, "application/json")
                .header(header::ACCEPT, "application/json, text/event-stream")
                .body(Body::from(r#"{"jsonrpc":"2.0","id":1,"method":"ping"}"#))
                .unwrap(),
        ),
    ]
}

both! {
    async fn every_surface_refuses_callers_alike(backend) {
        let app = TestApp::seeded(backend).await;
        let token = app.user("v@example.org", Role::Viewer).await;

        // A token that is not one: 401 everywhere, saying so.
        for (path, request) in requests(Some("not-a-token")) {
            let (status, _, body) = app.send(request).await;
            assert_eq!(status, StatusCode::UNAUTHORIZED, "{path}");
            assert!(!String::from_utf8_lossy(&body).is_empty(), "{path} says why");
        }

        // Checking a good token fails on our side: 500 everywhere, the cause logged, not shown.
        app.db.execute_unprepared("ALTER TABLE users RENAME TO users_away").await.unwrap();
        for (path, request) in requests(Some(&token)) {
            let (status, _, body) = app.send(request).await;
            let body = String::from_utf8_lossy(&body).to_string();
            assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR, "{path}: {body}");
            assert!(body.contains("internal error"), "{path}: {body}");
            assert!(!body.contains("users"), "{path} shows no detail: {body}");
        }
        app.db.execute_unprepared("ALTER TABLE users_away RENAME TO users").await.unwrap();

        // Anonymous reads switched off: 401 everywhere, with the same words.
        let private = app.private();
        for (path, request) in requests(None) {
            let (status, _, body) = private.send(request).await;
            assert_eq!(status, StatusCode::UNAUTHORIZED, "{path}");
            let body = String::from_utf8_lossy(&body).to_string();
            assert!(body.contains("this server does not answer anonymous reads"), "{path}: {body}");
        }
    }
}
