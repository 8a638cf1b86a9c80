//! Relay pagination: forwards and backwards over the same total ordering, and every bad
//! argument refused with a clear BAD_USER_INPUT.

use serde_json::{Value, json};

use crate::harness::{TestApp, code, synthetic};

const PAGE: &str = r#"query($first: Int, $after: String, $last: Int, $before: String) {
    companies(first: $first, after: $after, last: $last, before: $before) {
      totalCount
      edges { cursor node { slug } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }"#;

fn slugs(page: &Value) -> Vec<String> {
    page["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["slug"].as_str().unwrap().to_owned())
        .collect()
}

both! {
    async fn forward_and_backward_pages_cover_the_list_once(backend) {
        let app = TestApp::with(backend, &synthetic(45)).await;
        let all = app.data(PAGE, json!({ "first": 100 })).await;
        let all = slugs(&all["companies"]);
        assert_eq!(all.len(), 45);

        // Forwards, 10 at a time.
        let mut forward = Vec::new();
        let mut after = Value::Null;
        let mut pages = 0;
        loop {
            let data = app.data(PAGE, json!({ "first": 10, "after": after })).await;
            let page = &data["companies"];
            assert_eq!(page["totalCount"], 45);
            assert_eq!(page["pageInfo"]["hasPreviousPage"], pages > 0);
            forward.extend(slugs(page));
            pages += 1;
            if page["pageInfo"]["hasNextPage"] == false {
                break;
            }
            after = page["pageInfo"]["endCursor"].clone();
        }
        assert_eq!(pages, 5);
        assert_eq!(forward, all);

        // Backwards, 10 at a time.
        let mut backward: Vec<String> = Vec::new();
        let mut before = Value::Null;
        loop {
            let data = app.data(PAGE, json!({ "last": 10, "before": before })).await;
            let page = &data["companies"];
            let mut chunk = slugs(page);
            chunk.extend(backward);
            backward = chunk;
            if page["pageInfo"]["hasPreviousPage"] == false {
                break;
            }
            before = page["pageInfo"]["startCursor"].clone();
        }
        assert_eq!(backward, all);
    }

    async fn default_page_is_twenty_and_cursors_are_per_edge(backend) {
        let app = TestApp::with(backend, &synthetic(25)).await;
        let data = app.data(PAGE, json!({})).await;
        let page = &data["companies"];
        assert_eq!(page["edges"].as_array().unwrap().len(), 20);
        assert_eq!(page["pageInfo"]["hasNextPage"], true);
        // Continuing after the 5th edge's cursor starts at the 6th.
        let fifth = page["edges"][4]["cursor"].clone();
        let next = app.data(PAGE, json!({ "first": 2, "after": fifth })).await;
        assert_eq!(slugs(&next["companies"]), slugs(page)[5..7].to_vec());
        // An empty page is fine.
        let none = app.data(PAGE, json!({ "first": 0 })).await;
        assert!(none["companies"]["edges"].as_array().unwrap().is_empty());
    }

    async fn bad_page_arguments_are_refused(backend) {
        let app = TestApp::seeded(backend).await;
        for (variables, needle) in [
            (json!({ "first": 1000 }), "out of range"),
            (json!({ "first": -1 }), "out of range"),
            (json!({ "last": 101 }), "out of range"),
            (json!({ "first": 5, "last": 5 }), "not both"),
            (json!({ "first": 5, "after": "garbage!!" }), "not a cursor"),
            (json!({ "first": 5, "after": "eyJrIjpbXSwidiI6W119" }), "another ordering"),
        ] {
            let error = app.error(PAGE, variables.clone()).await;
            assert_eq!(code(&error), "BAD_USER_INPUT", "{variables}: {error}");
            assert!(error["message"].as_str().unwrap().contains(needle), "{variables}: {error}");
        }

        // A cursor says its direction too, and its values must be of their columns' types.
        let asc = app.data("{ companies(first: 1, orderBy: [{ field: NAME }]) { pageInfo { endCursor } } }", json!({})).await;
        let error = app
            .error(
                "query($after: String) { companies(first: 1, after: $after, orderBy: [{ field: NAME, direction: DESC }]) { totalCount } }",
                json!({ "after": asc["companies"]["pageInfo"]["endCursor"] }),
            )
            .await;
        assert_eq!(code(&error), "BAD_USER_INPUT", "{error}");
        use base64::Engine;
        let forged = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(r#"{"k":["name:asc","id:asc"],"v":[["i",5],["i",1]]}"#);
        let error = app
            .error("query($after: String) { companies(first: 1, after: $after, orderBy: [{ field: NAME }]) { totalCount } }", json!({ "after": forged }))
            .await;
        assert_eq!(code(&error), "BAD_USER_INPUT", "{error}");

        // A cursor issued for one ordering is refused by another.
        let by_name = app.data(PAGE, json!({ "first": 1 })).await;
        let cursor = by_name["companies"]["pageInfo"]["endCursor"].clone();
        let error = app
            .error(
                "query($after: String) { companies(first: 1, after: $after, orderBy: [{ field: COUNTRY }]) { totalCount } }",
                json!({ "after": cursor }),
            )
            .await;
        assert_eq!(code(&error), "BAD_USER_INPUT");
        assert!(error["message"].as_str().unwrap().contains("another ordering"), "{error}");
    }
}
