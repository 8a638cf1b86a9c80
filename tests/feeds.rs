//! The Atom feeds: valid Atom 1.0 (parsed back by two parsers), newest first, filtered,
//! stable ids, ETag and 304, team-only `watched`, and `?token=` taking only feeds-only tokens.

use axum::{
    body::Body,
    http::{Request, StatusCode, header},
};
use entities::Role;
use serde_json::json;

use crate::harness::TestApp;

async fn get(
    app: &TestApp,
    uri: &str,
    bearer: Option<&str>,
    etag: Option<&str>,
) -> (StatusCode, axum::http::HeaderMap, String) {
    let mut request = Request::get(uri);
    if let Some(token) = bearer {
        request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    if let Some(etag) = etag {
        request = request.header(header::IF_NONE_MATCH, etag);
    }
    let (status, headers, body) = app.send(request.body(Body::empty()).unwrap()).await;
    (status, headers, String::from_utf8(body).unwrap())
}

/// Parses `body` with atom_syndication (strict Atom) and feed-rs; returns feed-rs's view.
fn parse(body: &str) -> feed_rs::model::Feed {
    body.parse::<atom_syndication::Feed>()
        .unwrap_or_else(|e| panic!("not valid Atom: {e}\n{body}"));
    let feed = feed_rs::parser::parse(body.as_bytes()).unwrap();
    assert_eq!(feed.feed_type, feed_rs::model::FeedType::Atom);
    feed
}

both! {
    async fn the_event_feed_filters_and_revalidates(backend) {
        let app = TestApp::seeded(backend).await;
        let (status, headers, body) = get(&app, "/feeds/events.atom", None, None).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert!(headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("application/atom+xml"));
        let feed = parse(&body);
        assert!(!feed.entries.is_empty());
        let published: Vec<_> = feed.entries.iter().map(|e| e.published.unwrap()).collect();
        assert!(published.windows(2).all(|w| w[0] >= w[1]), "newest first");
        let first = &feed.entries[0];
        assert!(first.id.starts_with("urn:aigc-landscape:"));
        assert!(first.links.iter().any(|l| l.href.contains("/#/week?from=")), "a link to the page");
        assert!(first.links.iter().any(|l| l.rel.as_deref() == Some("related")), "links to the sources");

        // Stable: the same ids and the same ETag again, and 304 for a reader that has it.
        let etag = headers[header::ETAG].to_str().unwrap().to_owned();
        let (status, again, body2) = get(&app, "/feeds/events.atom", None, Some(&etag)).await;
        assert_eq!(status, StatusCode::NOT_MODIFIED, "{body2}");
        assert_eq!(again[header::ETAG].to_str().unwrap(), etag);

        // Filters.
        let (_, _, body) = get(&app, "/feeds/events.atom?company=openai&minImportance=4", None, None).await;
        let openai = parse(&body);
        assert!(!openai.entries.is_empty());
        assert!(openai.entries.len() < feed.entries.len());
        assert!(openai.entries.iter().all(|e| e.summary.as_ref().unwrap().content.contains("OpenAI")), "{body}");
        let (_, _, body) = get(&app, "/feeds/events.atom?type=price_change", None, None).await;
        assert!(parse(&body).entries.iter().all(|e| e.summary.as_ref().unwrap().content.contains("PRICE_CHANGE")));
        let (_, _, body) = get(&app, "/feeds/events.atom?lang=zh", None, None).await;
        assert!(parse(&body).entries.iter().any(|e| e.title.as_ref().unwrap().content.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))), "Chinese titles");
        let (status, _, body) = get(&app, "/feeds/events.atom?type=RUMOUR", None, None).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(body.contains("MODEL_RELEASE"), "{body}");

        // watched=true is team-only.
        let (status, headers, _) = get(&app, "/feeds/events.atom?watched=true", None, None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert!(headers.contains_key(header::WWW_AUTHENTICATE));
        let editor = app.user("editor@example.org", Role::Editor).await;
        let company = app.data(r#"{ company(slug: "deepseek") { id version } }"#, json!({})).await;
        let watched = app
            .data_as(Some(&editor), "mutation($id: ID!, $v: Int!) { updateCompany(id: $id, expectedVersion: $v, input: { watched: true }) { userErrors { message } } }",
                json!({ "id": company["company"]["id"], "v": company["company"]["version"] }))
            .await;
        assert_eq!(watched["updateCompany"]["userErrors"], json!([]));
        let (status, _, body) = get(&app, "/feeds/events.atom?watched=true", Some(&editor), None).await;
        assert_eq!(status, StatusCode::OK);
        let only = parse(&body);
        assert!(!only.entries.is_empty() && only.entries.iter().all(|e| e.summary.as_ref().unwrap().content.contains("DeepSeek")), "{body}");
    }

    async fn feed_tokens_open_the_feeds_and_nothing_else(backend) {
        let app = TestApp::seeded(backend).await;
        let admin = app.user("admin@example.org", Role::Admin).await;
        let app = app.private();
        let (status, _, body) = get(&app, "/feeds/price-changes.atom", None, None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert!(body.contains("?token="), "{body}");
        // A login token in a URL is refused.
        let (status, _, body) = get(&app, &format!("/feeds/events.atom?token={admin}"), None, None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert!(body.contains("never a login token"), "{body}");

        let issue = r#"mutation($scope: TokenScope!) { issueToken(input: { label: "feed reader", role: VIEWER, scope: $scope }) { token apiToken { id scope } userErrors { message } } }"#;
        let feeds = app.data_as(Some(&admin), issue, json!({ "scope": "FEEDS" })).await;
        assert_eq!(feeds["issueToken"]["apiToken"]["scope"], "FEEDS");
        let token = feeds["issueToken"]["token"].as_str().unwrap().to_owned();
        let (status, _, body) = get(&app, &format!("/feeds/events.atom?token={token}&watched=true"), None, None).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        parse(&body);
        let (status, _, body) = get(&app, &format!("/feeds/price-changes.atom?token={token}&lang=zh"), None, None).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        parse(&body);
        // The same token opens nothing else.
        let error = app.error_as(Some(&token), "{ companies { totalCount } }", json!({})).await;
        assert_eq!(error["extensions"]["code"], "UNAUTHENTICATED");
        assert!(error["message"].as_str().unwrap().contains("feeds only"), "{error}");
        // An API token is not taken as ?token= either; revoking the feed token ends it.
        let api = app.data_as(Some(&admin), issue, json!({ "scope": "API" })).await;
        let api_token = api["issueToken"]["token"].as_str().unwrap();
        let (status, _, _) = get(&app, &format!("/feeds/events.atom?token={api_token}"), None, None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        let (status, _, _) = get(&app, "/feeds/events.atom", Some(api_token), None).await;
        assert_eq!(status, StatusCode::OK, "an API token works as a header");
        app.data_as(Some(&admin), "mutation($id: ID!) { revokeToken(id: $id) { userErrors { message } } }", json!({ "id": feeds["issueToken"]["apiToken"]["id"] })).await;
        let (status, _, _) = get(&app, &format!("/feeds/events.atom?token={token}"), None, None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }

    async fn a_price_change_appears_in_its_feed(backend) {
        let app = TestApp::seeded(backend).await;
        let editor = app.user("e@example.org", Role::Editor).await;
        let offering = app.data(r#"{ offerings(filter: { apiModelId: "deepseek-reasoner" }) { nodes { id } } }"#, json!({})).await;
        let today = aigc_landscape::clock::today().to_string();
        let cut = app
            .data_as(Some(&editor), "mutation($input: PriceInput!) { createPrice(input: $input) { userErrors { field message } } }", json!({ "input": {
                "offeringId": offering["offerings"]["nodes"][0]["id"], "dimension": "OUTPUT_TOKENS", "unit": "TOKEN", "unitQuantity": 1000000,
                "amount": "1.5", "currency": "CNY", "effectiveFrom": today, "sourceUrl": "https://api-docs.deepseek.com/quick_start/pricing"
            } }))
            .await;
        assert_eq!(cut["createPrice"]["userErrors"], json!([]), "{cut}");
        let (status, _, body) = get(&app, "/feeds/price-changes.atom?company=deepseek", None, None).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let feed = parse(&body);
        let entry = &feed.entries[0];
        let title = &entry.title.as_ref().unwrap().content;
        assert!(title.contains("1.5 CNY") && title.contains("OUTPUT_TOKENS"), "{title}");
        assert!(entry.links.iter().any(|l| l.href == "https://api-docs.deepseek.com/quick_start/pricing"));
        assert!(entry.links.iter().any(|l| l.href.contains("#/prices?models=deepseek-r1")), "{:?}", entry.links);
        let (_, _, body) = get(&app, "/feeds/price-changes.atom?company=openai", None, None).await;
        assert!(parse(&body).entries.iter().all(|e| !e.title.as_ref().unwrap().content.contains("DeepSeek")));
    }
}
