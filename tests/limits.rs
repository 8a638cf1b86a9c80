//! Request limits and argument errors: refused before running, with codes clients can branch on.

use serde_json::json;

use crate::harness::{TestApp, code};

both! {
    async fn huge_nested_pages_are_too_complex(backend) {
        let app = TestApp::seeded(backend).await;
        let statements = app.statements();
        // 100 companies × their models × offerings × price rows: refused before it runs.
        let error = app
            .error(
                "{ companies(first: 100) { nodes { models { offerings { prices { amount { amount } } } } } } }",
                json!({}),
            )
            .await;
        assert_eq!(code(&error), "QUERY_TOO_COMPLEX", "{error}");
        let pages = app
            .error(
                "{ a: models(first: 100) { nodes { slug name nameZh family status openWeights contextWindow } }
                   b: models(first: 100) { nodes { slug name nameZh family status openWeights contextWindow } }
                   c: products(first: 100) { nodes { models { offerings { prices { unit } } } } } }",
                json!({}),
            )
            .await;
        assert_eq!(code(&pages), "QUERY_TOO_COMPLEX", "{pages}");
        assert_eq!(app.statements(), statements, "a refused query runs no SQL");
    }

    async fn deep_queries_are_refused(backend) {
        let app = TestApp::seeded(backend).await;
        let mut query = String::from("{ company(slug: \"alibaba-cloud\") { ");
        for _ in 0..20 {
            query.push_str("parent { ");
        }
        query.push_str("slug");
        query.push_str(&" }".repeat(21));
        query.push_str(" }");
        let error = app.error(&query, json!({})).await;
        assert_eq!(code(&error), "QUERY_TOO_COMPLEX", "{error}");
    }

    async fn the_playground_introspection_is_accepted(backend) {
        let app = TestApp::empty(backend).await;
        let data = app.data(INTROSPECTION, json!({})).await;
        assert!(data["__schema"]["types"].as_array().unwrap().len() > 50);
    }

    async fn a_dashboard_sized_query_is_accepted(backend) {
        let app = TestApp::seeded(backend).await;
        app.data(
            r#"{ models(first: 50) { totalCount nodes { slug name nameZh releaseDate company { slug name }
                 inputMediaTypes { slug } outputMediaTypes { slug } tasks { slug }
                 offerings { region apiModelId prices(asOf: "2025-03-01") { dimension unit unitQuantity amount { amount currency } } } } } }"#,
            json!({}),
        )
        .await;
    }

    async fn malformed_arguments_get_clear_errors(backend) {
        let app = TestApp::seeded(backend).await;
        let error = app
            .error(r#"{ prices(filter: { asOf: "yesterday" }) { totalCount } }"#, json!({}))
            .await;
        assert_eq!(code(&error), "BAD_USER_INPUT", "{error}");
        assert!(error["message"].as_str().unwrap().contains("YYYY-MM-DD"), "{error}");

        let error = app
            .error("query($d: Date) { prices(filter: { asOf: $d }) { totalCount } }", json!({ "d": "2024-02-30" }))
            .await;
        assert_eq!(code(&error), "BAD_USER_INPUT", "{error}");
        assert!(error["message"].as_str().unwrap().contains("YYYY-MM-DD"), "{error}");

        let error = app.error(r#"{ companies(filter: { kinds: [ROBOT] }) { totalCount } }"#, json!({})).await;
        assert_eq!(code(&error), "BAD_USER_INPUT", "{error}");
        assert!(error["message"].as_str().unwrap().contains("CompanyKind"), "{error}");

        let error = app.error("{ companies(first: 1) { nodes { nosuchfield } } }", json!({})).await;
        assert_eq!(code(&error), "GRAPHQL_VALIDATION_FAILED", "{error}");

        let error = app.error("{ companies(first: 1) { ", json!({})).await;
        assert_eq!(code(&error), "GRAPHQL_PARSE_FAILED", "{error}");

        let error = app.error(r#"{ company(slug: "deepseek") { events(limit: 500) { role } } }"#, json!({})).await;
        assert_eq!(code(&error), "BAD_USER_INPUT", "{error}");

        // NUL characters: PostgreSQL cannot store them, so both databases refuse them alike.
        let error = app.error("query($s: String!) { company(slug: $s) { name } }", json!({ "s": "a\u{0}b" })).await;
        assert_eq!(code(&error), "BAD_USER_INPUT", "{error}");
    }
}

/// The introspection query GraphiQL sends (graphql-js `getIntrospectionQuery`, with
/// descriptions, deprecations and `specifiedByURL`).
const INTROSPECTION: &str = r#"
query IntrospectionQuery {
  __schema {
    queryType { name } mutationType { name } subscriptionType { name }
    types { ...FullType }
    directives { name description locations args(includeDeprecated: true) { ...InputValue } }
  }
}
fragment FullType on __Type {
  kind name description specifiedByURL
  fields(includeDeprecated: true) {
    name description args(includeDeprecated: true) { ...InputValue }
    type { ...TypeRef } isDeprecated deprecationReason
  }
  inputFields(includeDeprecated: true) { ...InputValue }
  interfaces { ...TypeRef }
  enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
  possibleTypes { ...TypeRef }
}
fragment InputValue on __InputValue {
  name description type { ...TypeRef } defaultValue isDeprecated deprecationReason
}
fragment TypeRef on __Type {
  kind name
  ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name
    ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } } }
}
"#;

both! {
    async fn an_explicit_null_for_a_defaulted_argument_is_bad_input(backend) {
        let app = TestApp::seeded(backend).await;
        let error = app.error("query($n: Int) { models(first: 5) { nodes { events(limit: $n) { role } } } }", json!({ "n": null })).await;
        assert_eq!(code(&error), "BAD_USER_INPUT", "{error}");
    }
}
