//! Multi-key orderings: total, nulls last in both directions, byte-wise text, and the same
//! on both databases — checked against the same ordering computed in Rust.

use std::cmp::Ordering;

use serde_json::{Value, json};

use crate::harness::{TestApp, synthetic};

fn cmp_nulls_last(a: &Value, b: &Value, descending: bool) -> Ordering {
    match (a.is_null(), b.is_null()) {
        (true, true) => Ordering::Equal,
        (true, false) => Ordering::Greater,
        (false, true) => Ordering::Less,
        (false, false) => {
            let ord = match (a.as_str(), b.as_str()) {
                (Some(x), Some(y)) => x.as_bytes().cmp(y.as_bytes()),
                _ => a.as_i64().cmp(&b.as_i64()),
            };
            if descending { ord.reverse() } else { ord }
        }
    }
}

both! {
    async fn companies_by_country_desc_then_founded_year(backend) {
        let app = TestApp::seeded(backend).await;
        let data = app
            .data(
                r#"{ companies(first: 100, orderBy: [{ field: COUNTRY, direction: DESC }, { field: FOUNDED_YEAR }]) {
                       nodes { id slug country foundedYear } } }"#,
                json!({}),
            )
            .await;
        let nodes = data["companies"]["nodes"].as_array().unwrap().clone();
        let mut expected = nodes.clone();
        expected.sort_by(|a, b| {
            cmp_nulls_last(&a["country"], &b["country"], true)
                .then(cmp_nulls_last(&a["foundedYear"], &b["foundedYear"], false))
        });
        let got: Vec<&str> = nodes.iter().map(|n| n["slug"].as_str().unwrap()).collect();
        let want: Vec<&str> = expected.iter().map(|n| n["slug"].as_str().unwrap()).collect();
        assert_eq!(got, want);
        // Volcano Engine has no founding year: last among the Chinese companies.
        let cn: Vec<&str> = nodes.iter().filter(|n| n["country"] == "CN").map(|n| n["slug"].as_str().unwrap()).collect();
        assert_eq!(cn.last(), Some(&"volcano-engine"));
        assert_eq!(got.first(), Some(&"google"));
    }

    async fn models_by_release_date_with_nulls_last_both_ways(backend) {
        let app = TestApp::seeded(backend).await;
        for direction in ["ASC", "DESC"] {
            let query = format!(
                "{{ models(first: 100, orderBy: [{{ field: RELEASE_DATE, direction: {direction} }}]) {{ nodes {{ slug releaseDate }} }} }}"
            );
            let data = app.data(&query, json!({})).await;
            let dates: Vec<&Value> = data["models"]["nodes"].as_array().unwrap().iter().map(|n| &n["releaseDate"]).collect();
            let mut sorted = dates.clone();
            sorted.sort_by(|a, b| cmp_nulls_last(a, b, direction == "DESC"));
            assert_eq!(dates, sorted, "{direction}");
            assert!(dates.last().unwrap().is_null(), "nulls last when {direction}");
        }
    }

    async fn pages_of_a_multi_key_ordering_join_up(backend) {
        let app = TestApp::with(backend, &synthetic(30)).await;
        let query = r#"query($after: String) { models(first: 7, after: $after,
                orderBy: [{ field: STATUS, direction: DESC }, { field: NAME }]) {
                nodes { slug status name } pageInfo { hasNextPage endCursor } } }"#;
        let mut seen = Vec::new();
        let mut after = Value::Null;
        loop {
            let data = app.data(query, json!({ "after": after })).await;
            let page = &data["models"];
            seen.extend(page["nodes"].as_array().unwrap().iter().cloned());
            if !page["pageInfo"]["hasNextPage"].as_bool().unwrap() {
                break;
            }
            after = page["pageInfo"]["endCursor"].clone();
        }
        let mut expected = seen.clone();
        expected.sort_by(|a, b| {
            cmp_nulls_last(&a["status"], &b["status"], true).then(cmp_nulls_last(&a["name"], &b["name"], false))
        });
        assert_eq!(seen.len(), 60);
        assert_eq!(seen, expected);
    }
}
