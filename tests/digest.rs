//! The weekly digest: watched vendors first, backfilled events apart, the team's notes
//! team-only until published, and the Markdown and HTML reports.

use axum::{
    body::Body,
    http::{Request, StatusCode, header},
};
use entities::Role;
use serde_json::json;

use crate::harness::TestApp;

const DIGEST: &str = r#"query($from: Date) { digest(from: $from) { from to headline published
  events { watched event { slug } } backfilled { slug } newModels { slug } priceChanges { kind } } }"#;

both! {
    async fn a_week_with_watched_vendors_first_and_backfilled_events_apart(backend) {
        let app = TestApp::seeded(backend).await;
        let editor = app.user("e@example.org", Role::Editor).await;
        let deepseek = app.data(r#"{ company(slug: "deepseek") { id } }"#, json!({})).await["company"]["id"].clone();
        // The team watches DeepSeek and records, in the week of 2024-05-13, an older event.
        app.data_as(Some(&editor), "mutation($id: ID!) { updateCompany(id: $id, input: { watched: true }, expectedVersion: 1) { userErrors { code } } }", json!({ "id": deepseek })).await;
        app.data_as(Some(&editor), r#"mutation($c: ID!) { createEvent(input: { slug: "2024-05-14-deepseek-note", occurredOn: "2024-05-14", type: CORPORATE, title: "A small DeepSeek note", importance: 1, sourceUrls: ["https://www.deepseek.com"], companies: [{ id: $c }] }) { userErrors { code } } }"#, json!({ "c": deepseek })).await;
        app.data_as(Some(&editor), r#"mutation { createEvent(input: { slug: "2024-04-30-late-news", occurredOn: "2024-04-30", recordedOn: "2024-05-15", type: INCIDENT, title: "Old news, recorded late", sourceUrls: ["https://example.com/old"] }) { userErrors { code } } }"#, json!({})).await;

        let week = app.data(DIGEST, json!({ "from": "2024-05-13" })).await["digest"].clone();
        assert_eq!((week["from"].as_str(), week["to"].as_str()), (Some("2024-05-13"), Some("2024-05-20")));
        let events: Vec<(&str, bool)> = week["events"].as_array().unwrap().iter().map(|e| (e["event"]["slug"].as_str().unwrap(), e["watched"].as_bool().unwrap())).collect();
        assert_eq!(events, [("2024-05-14-deepseek-note", true), ("2024-05-13-gpt-4o", false)], "watched first, though less important");
        assert_eq!(week["backfilled"], json!([{ "slug": "2024-04-30-late-news" }]));
        assert_eq!(week["newModels"], json!([{ "slug": "gpt-4o" }]));
        // The late event is not news in the week it happened... only where it was recorded.
        let april = app.data(DIGEST, json!({ "from": "2024-04-29" })).await["digest"].clone();
        assert!(april["backfilled"].as_array().unwrap().is_empty());

        // Paged in the same order, with the total beside it.
        let page = r#"query($first: Int, $offset: Int) { digest(from: "2024-05-13") { eventCount events(first: $first, offset: $offset) { watched event { slug } } } }"#;
        let second = app.data(page, json!({ "first": 1, "offset": 1 })).await["digest"].clone();
        assert_eq!(second["eventCount"], 2);
        assert_eq!(second["events"], json!([{ "watched": false, "event": { "slug": "2024-05-13-gpt-4o" } }]));
        let error = app.error(page, json!({ "first": 101 })).await;
        assert_eq!(crate::harness::code(&error), "BAD_USER_INPUT", "{error}");
    }

    async fn team_notes_are_team_only_until_published(backend) {
        let app = TestApp::seeded(backend).await;
        let editor = app.user("e@example.org", Role::Editor).await;
        let viewer = app.user("v@example.org", Role::Viewer).await;
        let write = r#"mutation($p: Boolean) { updateDigestNotes(weekStart: "2024-05-13", headline: "The price war begins", published: $p) { published } }"#;
        app.data_as(Some(&editor), write, json!({ "p": false })).await;
        assert!(app.data(DIGEST, json!({ "from": "2024-05-13" })).await["digest"]["headline"].is_null());
        assert_eq!(app.data_as(Some(&viewer), DIGEST, json!({ "from": "2024-05-13" })).await["digest"]["headline"], "The price war begins");
        app.data_as(Some(&editor), write, json!({ "p": true })).await;
        assert_eq!(app.data(DIGEST, json!({ "from": "2024-05-13" })).await["digest"]["headline"], "The price war begins");
        let error = app.error_as(Some(&viewer), write, json!({ "p": true })).await;
        assert_eq!(crate::harness::code(&error), "FORBIDDEN");
        let error = app.error_as(Some(&editor), r#"mutation { updateDigestNotes(weekStart: "2024-05-14", headline: "x") { published } }"#, json!({})).await;
        assert_eq!(crate::harness::code(&error), "BAD_USER_INPUT");
    }

    async fn the_report_as_markdown_and_html(backend) {
        let app = TestApp::seeded(backend).await;
        let get = |uri: &str| Request::get(uri).body(Body::empty()).unwrap();
        let (status, headers, body) = app.send(get("/reports/digest.md?from=2024-09-30&lang=zh")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/markdown"));
        let md = String::from_utf8(body).unwrap();
        assert!(md.starts_with("# AIGC 行业周报 2024-09-30 – 2024-10-06"), "{md}");
        assert!(md.contains("OpenAI 融资 66 亿美元"), "{md}");
        assert!(md.contains("| 2024-10-02 | OpenAI | GPT-4o | INPUT_TOKENS | 5 USD per 1000000 token | 2.5 USD per 1000000 token |"), "{md}");
        // Every event and price line carries its source.
        for line in md.lines().filter(|l| l.starts_with("- ") || (l.starts_with("| 20"))) {
            assert!(line.contains("](https://"), "no source on: {line}");
        }
        let (status, _, body) = app.send(get("/reports/digest.html?from=2024-09-30")).await;
        assert_eq!(status, StatusCode::OK);
        let html = String::from_utf8(body).unwrap();
        assert!(html.contains("<table") && html.contains("<a href=\"https://openai.com/index/scale-the-benefits-of-ai/\">"), "{html}");
        let (status, _, _) = app.send(get("/reports/digest.md?lang=fr")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
    }
}
