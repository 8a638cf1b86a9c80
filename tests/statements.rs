//! DataLoaders keep the number of SQL statements of a nested page independent of its size.

use serde_json::json;

use crate::harness::{TestApp, synthetic};

const NESTED: &str = r#"query($n: Int!) {
  models(first: $n, orderBy: [{ field: NAME, direction: DESC }]) {
    nodes {
      slug
      company { slug parent { slug } }
      baseModel { slug }
      inputMediaTypes { slug } outputMediaTypes { slug } tasks { slug }
      offerings { apiModelId provider { slug } prices(asOf: "2024-06-01") { amount { amount currency } } }
      products { slug company { slug } tasks { slug } }
      events(limit: 5) { role event { slug } }
      scores { value }
    }
  }
}"#;

async fn statements_for(app: &TestApp, n: usize) -> Vec<String> {
    let before = app.statements();
    let data = app.data(NESTED, json!({ "n": n })).await;
    let nodes = data["models"]["nodes"].as_array().unwrap();
    assert_eq!(nodes.len(), n);
    // The page really is nested: every level came back.
    assert!(nodes.iter().all(|m| m["company"]["slug"].is_string()));
    assert!(
        nodes
            .iter()
            .all(|m| m["offerings"].as_array().unwrap().len() == 1)
    );
    assert!(
        nodes
            .iter()
            .all(|m| m["products"].as_array().unwrap().len() == 1)
    );
    assert!(
        nodes
            .iter()
            .all(|m| m["events"].as_array().unwrap().len() == 1)
    );
    // Sorted by name descending, the page starts with a "Model B", which has a base model.
    assert!(nodes[0]["baseModel"]["slug"].is_string());
    app.statements_since(before)
}

both! {
    async fn a_nested_page_costs_the_same_at_1_and_100(backend) {
        let app = TestApp::with(backend, &synthetic(60)).await;
        let one = statements_for(&app, 1).await;
        let hundred = statements_for(&app, 100).await;
        assert_eq!(
            one.len(),
            hundred.len(),
            "statements for a page of 1:\n{}\n\nfor a page of 100:\n{}",
            one.join("\n"),
            hundred.join("\n")
        );
        assert!(one.len() <= 20, "{} statements for one nested page", one.len());
    }
}
