//! The HTTP surface: GraphiQL from embedded files, GET queries, health, and a real socket.

use axum::{
    body::Body,
    http::{Request, StatusCode, header},
};
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::harness::TestApp;

both! {
    async fn graphiql_is_served_from_the_binary(backend) {
        let app = TestApp::seeded(backend).await;
        let (status, headers, body) = app
            .send(Request::get("/graphql").header(header::ACCEPT, "text/html,application/xhtml+xml").body(Body::empty()).unwrap())
            .await;
        assert_eq!(status, StatusCode::OK);
        assert!(headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/html"));
        let page = String::from_utf8(body).unwrap();
        assert!(page.contains("isHeadersEditorEnabled: true"));
        // Every script and style comes from this server, none from a CDN.
        let mut assets = Vec::new();
        for attr in ["src=\"", "href=\""] {
            for part in page.split(attr).skip(1) {
                let url = part.split('"').next().unwrap();
                assert!(url.starts_with("/graphiql/"), "external asset: {url}");
                assets.push(url.to_owned());
            }
        }
        assert_eq!(assets.len(), 4);
        for asset in assets {
            let (status, headers, body) = app.send(Request::get(asset.as_str()).body(Body::empty()).unwrap()).await;
            assert_eq!(status, StatusCode::OK, "{asset}");
            let ty = headers[header::CONTENT_TYPE].to_str().unwrap();
            assert!(ty.starts_with("text/javascript") || ty.starts_with("text/css"), "{asset}: {ty}");
            assert!(body.len() > 1000, "{asset} is too small to be the real file");
        }
        let (status, _, _) = app.send(Request::get("/graphiql/secret.txt").body(Body::empty()).unwrap()).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }

    async fn get_runs_queries_but_not_mutations(backend) {
        let app = TestApp::seeded(backend).await;
        let (status, _, body) = app
            .send(Request::get("/graphql?query=%7Bcompany(slug%3A%22deepseek%22)%7BnameZh%7D%7D").body(Body::empty()).unwrap())
            .await;
        assert_eq!(status, StatusCode::OK);
        let json: Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(json["data"]["company"]["nameZh"], "深度求索");

        let (status, _, body) = app
            .send(Request::get("/graphql?query=query(%24s%3AString!)%7Bcompany(slug%3A%24s)%7Bname%7D%7D&variables=%7B%22s%22%3A%22openai%22%7D").body(Body::empty()).unwrap())
            .await;
        assert_eq!(status, StatusCode::OK);
        let json: Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(json["data"]["company"]["name"], "OpenAI");

        let (status, _, _) = app
            .send(Request::get("/graphql?query=mutation%7Bx%7D").body(Body::empty()).unwrap())
            .await;
        assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);

        let (status, _, body) = app.send(Request::get("/graphql").body(Body::empty()).unwrap()).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(String::from_utf8(body).unwrap().contains("query"));
    }

    async fn healthz_answers_over_a_real_socket(backend) {
        let app = TestApp::seeded(backend).await;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let server = tokio::spawn(axum::serve(listener, app.router.clone()).into_future());

        let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
        stream
            .write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            .await
            .unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).await.unwrap();
        assert!(response.starts_with("HTTP/1.1 200"), "{response}");
        assert!(response.contains(r#""status":"ok""#), "{response}");

        let body = r#"{"query":"{ companies(first: 1) { totalCount } }"}"#;
        let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
        stream
            .write_all(
                format!(
                    "POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                )
                .as_bytes(),
            )
            .await
            .unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).await.unwrap();
        assert!(response.starts_with("HTTP/1.1 200"), "{response}");
        assert!(response.contains(r#""totalCount":16"#), "{response}");
        server.abort();
    }
}

/// `/healthz` says 503 when the database is gone.
#[tokio::test]
async fn healthz_is_unavailable_without_a_database() {
    let app = TestApp::seeded(crate::harness::Backend::Sqlite).await;
    app.db.clone().close().await.unwrap();
    let (status, _, _) = app
        .send(Request::get("/healthz").body(Body::empty()).unwrap())
        .await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
}
