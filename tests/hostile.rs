//! Abusive requests: each is refused with a clear error before any SQL runs, while ordinary
//! queries keep being answered during and after, over a real socket.

use axum::body::Body;
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::harness::{TestApp, code};

/// One request over a fresh connection; returns the status and the body.
async fn over_socket(addr: std::net::SocketAddr, content_type: &str, body: &str) -> (u16, String) {
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let request = format!(
        "POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).await.unwrap();
    let status = response[9..12].parse().unwrap();
    let body = response
        .split("\r\n\r\n")
        .nth(1)
        .unwrap_or_default()
        .to_owned();
    (status, body)
}

/// The abusive corpus: (what, content type, body, expected status, expected code).
fn corpus() -> Vec<(&'static str, &'static str, String, u16, &'static str)> {
    let deep = format!(
        "{{ {}totalCount{} }}",
        "companies { nodes { models { nodes { ".repeat(25),
        " } } } }".repeat(25)
    );
    let aliases: String = (0..1000)
        .map(|i| format!("a{i}: companies(first: 1) {{ totalCount }} "))
        .collect();
    let batch: Vec<Value> = (0..100)
        .map(|_| json!({ "query": "{ companies { totalCount } }" }))
        .collect();
    let nested_variables = format!(
        "{{\"query\":\"query($f: CompanyFilter) {{ companies(filter: $f) {{ totalCount }} }}\",\"variables\":{{\"f\":{}1{}}}}}",
        "{\"a\":".repeat(500),
        "}".repeat(500)
    );
    let nested_literal = format!(
        "{{ companies(filter: {}{}) {{ totalCount }} }}",
        "{ name: { ".repeat(200),
        "} }".repeat(200)
    );
    vec![
        ("depth 100", "application/json", json!({ "query": deep }).to_string(), 200, "QUERY_TOO_COMPLEX"),
        ("1,000 aliases", "application/json", json!({ "query": format!("{{ {aliases} }}") }).to_string(), 200, "QUERY_TOO_COMPLEX"),
        ("a batch of 100 operations", "application/json", Value::Array(batch).to_string(), 400, "BAD_REQUEST"),
        ("malformed JSON", "application/json", "{\"query\": \"{ companies { totalCount } }\"".into(), 400, "BAD_REQUEST"),
        ("not JSON at all", "application/json", "query=%7B%7D".into(), 400, "BAD_REQUEST"),
        ("a wrong content type", "text/plain", json!({ "query": "{ companies { totalCount } }" }).to_string(), 415, "BAD_REQUEST"),
        ("a form post", "application/x-www-form-urlencoded", "query=%7B%7D".into(), 415, "BAD_REQUEST"),
        ("variables of the wrong type", "application/json", json!({ "query": "query($n: Int) { companies(first: $n) { totalCount } }", "variables": { "n": "ten" } }).to_string(), 200, "BAD_USER_INPUT"),
        ("variables that are not an object", "application/json", json!({ "query": "{ companies { totalCount } }", "variables": [1, 2] }).to_string(), 400, "BAD_REQUEST"),
        ("a deeply nested input object in variables", "application/json", nested_variables, 400, "BAD_REQUEST"),
        ("a deeply nested input literal", "application/json", json!({ "query": nested_literal }).to_string(), 200, "<any>"),
        ("an empty body", "application/json", String::new(), 400, "BAD_REQUEST"),
        ("no query", "application/json", "{}".into(), 400, "BAD_REQUEST"),
    ]
}

both! {
    async fn abusive_requests_are_refused_while_normal_ones_are_answered(backend) {
        let app = TestApp::seeded(backend).await;
        let addr = app.listen().await;
        let normal = json!({ "query": "{ companies(first: 5) { totalCount nodes { slug } } }" }).to_string();

        // Alone, each abusive request is refused before any SQL runs.
        let statements = app.statements();
        for (what, content_type, body, status, expected) in corpus() {
            let (got, text) = over_socket(addr, content_type, &body).await;
            assert_eq!(got, status, "{what}: {text}");
            let value: Value = serde_json::from_str(&text).unwrap_or_else(|_| panic!("{what}: not JSON: {text}"));
            let error = &value["errors"][0];
            assert!(error["message"].as_str().is_some_and(|m| m.len() > 10), "{what}: no clear message: {text}");
            if expected != "<any>" {
                assert_eq!(code(error), expected, "{what}: {text}");
            }
            assert!(value["data"].is_null(), "{what}: nothing ran: {text}");
            assert_eq!(app.statements_since(statements), Vec::<String>::new(), "{what} ran SQL");
        }

        // All together, while ordinary readers keep polling: every reader is answered.
        let readers: Vec<_> = (0..4)
            .map(|_| {
                let normal = normal.clone();
                tokio::spawn(async move {
                    let mut answered = 0;
                    for _ in 0..10 {
                        let (status, body) = over_socket(addr, "application/json", &normal).await;
                        assert_eq!(status, 200, "{body}");
                        assert!(body.contains("\"totalCount\":16"), "{body}");
                        answered += 1;
                    }
                    answered
                })
            })
            .collect();
        let abuse: Vec<_> = corpus()
            .into_iter()
            .map(|(_, content_type, body, status, _)| {
                tokio::spawn(async move { (over_socket(addr, content_type, &body).await.0, status) })
            })
            .collect();
        for attack in abuse {
            let (got, expected) = attack.await.unwrap();
            assert_eq!(got, expected);
        }
        for reader in readers {
            assert_eq!(reader.await.unwrap(), 10);
        }
        // And after it.
        let (status, body) = over_socket(addr, "application/json", &normal).await;
        assert_eq!((status, body.contains("\"totalCount\":16")), (200, true), "{body}");
    }

    async fn a_body_over_the_limit_is_refused_before_it_is_read(backend) {
        let app = TestApp::seeded(backend).await;
        let ten_mb = format!("{{\"query\": \"{{ companies {{ totalCount }} }}\", \"pad\": \"{}\"}}", "x".repeat(10 * 1024 * 1024));
        let (status, _, value) = app.post_raw("application/json", ten_mb).await;
        assert_eq!(status.as_u16(), 413);
        assert_eq!(code(&value["errors"][0]), "PAYLOAD_TOO_LARGE");
        assert!(value["errors"][0]["message"].as_str().unwrap().contains("1048576 bytes"));
        // A streamed body without a length is cut off at the limit too.
        let chunks = futures::stream::iter((0..11).map(|_| Ok::<_, std::io::Error>(vec![b' '; 1024 * 1024])));
        let (status, _, value) = app.post_raw("application/json", Body::from_stream(chunks)).await;
        assert_eq!(status.as_u16(), 413);
        assert_eq!(code(&value["errors"][0]), "PAYLOAD_TOO_LARGE");
        assert_eq!(app.data("{ companies { totalCount } }", json!({})).await["companies"]["totalCount"], 16);
    }
}
