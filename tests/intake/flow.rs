//! A source from creation to an accepted event, on both databases.

use entities::Role;
use serde_json::json;

use super::{client, create_source, fetch, server};
use crate::harness::{TestApp, code, pluck};

const INBOX: &str = r#"query($statuses: [InboxStatus!]) {
  inbox(filter: { statuses: $statuses }, first: 50) {
    totalCount
    nodes { id title link summary status suggestedType verified
      source { slug } matchedCompanies { slug } matchedModels { slug } matchedProducts { slug }
      duplicateOf { id } event { slug } } } }"#;

const ACCEPT: &str = r#"mutation($id: ID!, $input: EventInput!) {
  acceptInboxItem(id: $id, input: $input) {
    event { id slug occurredOn recordedOn type title sourceUrls companies { role company { slug } } models { model { slug } } }
    inboxItem { status event { slug } triagedBy }
    userErrors { field message code } } }"#;

both! {
    async fn a_source_becomes_an_accepted_event(backend) {
        let addr = server::start().await;
        let app = TestApp::seeded(backend).await.configured(|s| s.with_outbound(client(false, &[])));
        let editor = app.user("editor@example.org", Role::Editor).await;
        let viewer = app.user("viewer@example.org", Role::Viewer).await;
        let url = format!("http://{addr}/feeds/rss.xml");
        let id = create_source(&app, &editor, "openai-news", &url, Some("openai")).await;

        // A viewer may read sources and the inbox, not fetch; anonymous callers neither.
        let refused = app.error_as(Some(&viewer), "mutation { fetchSources { newItems } }", json!({})).await;
        assert_eq!(code(&refused), "FORBIDDEN");
        let refused = app.error_as(None, "{ inbox { totalCount } }", json!({})).await;
        assert_eq!(code(&refused), "UNAUTHENTICATED");

        let results = fetch(&app, &editor, &[&id]).await;
        assert_eq!(results[0]["newItems"], 3, "{results}");
        assert_eq!(results[0]["error"], json!(null));
        assert_eq!(results[0]["source"]["itemCount"], 3);
        assert!(results[0]["source"]["lastSuccessAt"].is_string());

        // The first fetch marks NEW only the last 14 days; the archive is stored DISMISSED.
        let inbox = app.data_as(Some(&viewer), INBOX, json!({ "statuses": ["NEW"] })).await;
        let items = inbox["inbox"]["nodes"].as_array().unwrap().clone();
        assert_eq!(pluck(&inbox["inbox"]["nodes"], "title"), ["Introducing GPT-4o: our new flagship model", "OpenAI cuts GPT-4o mini prices"], "newest first");
        let first = &items[0];
        assert_eq!(first["link"], "https://openai.example/news/gpt-4o", "tracking parameters dropped");
        assert_eq!(first["summary"], "GPT-4o reasons across audio, vision and text.", "HTML reduced to text");
        assert_eq!(first["source"]["slug"], "openai-news");
        assert_eq!(pluck(&first["matchedCompanies"], "slug"), ["openai"]);
        assert_eq!(pluck(&first["matchedModels"], "slug"), ["gpt-4o"]);
        assert_eq!(first["suggestedType"], "MODEL_RELEASE");
        assert_eq!(first["verified"], false);
        assert_eq!(items[1]["suggestedType"], "PRICE_CHANGE");
        let dismissed = app.data_as(Some(&viewer), INBOX, json!({ "statuses": ["DISMISSED"] })).await;
        assert_eq!(pluck(&dismissed["inbox"]["nodes"], "title"), ["An old post from the archive"]);

        // A second fetch — manual or background, racing or not — stores nothing twice.
        let ids = [id.as_str()];
        let (a, b) = tokio::join!(fetch(&app, &editor, &ids), fetch(&app, &editor, &ids));
        assert_eq!(a[0]["newItems"].as_i64().unwrap() + b[0]["newItems"].as_i64().unwrap(), 0);
        let all = app.data_as(Some(&viewer), INBOX, json!({ "statuses": null })).await;
        assert_eq!(all["inbox"]["totalCount"], 3);

        // Accept with a changed title; the rest comes from the item.
        let item = first["id"].as_str().unwrap();
        let accepted = app.data_as(Some(&editor), ACCEPT, json!({ "id": item, "input": { "title": "OpenAI releases GPT-4o", "importance": 5 } })).await;
        let payload = &accepted["acceptInboxItem"];
        assert_eq!(payload["userErrors"], json!([]), "{accepted}");
        let event = &payload["event"];
        assert_eq!(event["title"], "OpenAI releases GPT-4o");
        assert_eq!(event["type"], "MODEL_RELEASE");
        assert_eq!(event["sourceUrls"], json!(["https://openai.example/news/gpt-4o"]));
        assert_eq!(event["recordedOn"].as_str().unwrap(), aigc_landscape::clock::today().to_string());
        assert_eq!(event["companies"][0]["company"]["slug"], "openai");
        assert_eq!(event["models"][0]["model"]["slug"], "gpt-4o");
        assert_eq!(payload["inboxItem"]["status"], "ACCEPTED");
        assert_eq!(payload["inboxItem"]["event"]["slug"], event["slug"]);
        assert_eq!(payload["inboxItem"]["triagedBy"], "editor@example.org");

        // The event is a recorded fact now, with one revision; accepting again is refused.
        let event_id = event["id"].clone();
        let found = app.data("query($id: ID!) { node(id: $id) { ... on Event { title } } }", json!({ "id": event_id })).await;
        assert_eq!(found["node"]["title"], "OpenAI releases GPT-4o");
        let history = app.data_as(Some(&viewer), "query($id: ID!) { revisions(entityId: $id) { totalCount } }", json!({ "id": event_id })).await;
        assert_eq!(history["revisions"]["totalCount"], 1);
        let again = app.data_as(Some(&editor), ACCEPT, json!({ "id": item, "input": {} })).await;
        assert_eq!(again["acceptInboxItem"]["userErrors"][0]["code"], "CONFLICT");
        assert_eq!(again["acceptInboxItem"]["event"], json!(null));

        // A user error in the event leaves the item NEW and writes nothing.
        let second = items[1]["id"].as_str().unwrap();
        let bad = app.data_as(Some(&editor), ACCEPT, json!({ "id": second, "input": { "importance": 9 } })).await;
        assert_eq!(bad["acceptInboxItem"]["userErrors"][0]["field"], json!(["input", "importance"]), "{bad}");
        let still = app.data_as(Some(&viewer), INBOX, json!({ "statuses": ["NEW"] })).await;
        assert_eq!(still["inbox"]["totalCount"], 1);

        // Dismissing several at once: all, or none when one cannot be.
        let refused = app.data_as(Some(&editor), "mutation($ids: [ID!]!) { dismissInboxItems(ids: $ids) { inboxItems { status } userErrors { field code } } }", json!({ "ids": [second, item] })).await;
        assert_eq!(refused["dismissInboxItems"]["userErrors"][0]["field"], json!(["ids.1"]));
        let still = app.data_as(Some(&viewer), INBOX, json!({ "statuses": ["NEW"] })).await;
        assert_eq!(still["inbox"]["totalCount"], 1);
        let done = app.data_as(Some(&editor), "mutation($ids: [ID!]!) { dismissInboxItems(ids: $ids) { inboxItems { status triagedBy } userErrors { field code } } }", json!({ "ids": [second] })).await;
        assert_eq!(done["dismissInboxItems"]["inboxItems"][0]["status"], "DISMISSED", "{done}");
    }

    async fn feeds_of_every_kind_and_the_same_post_twice(backend) {
        let addr = server::start().await;
        let app = TestApp::seeded(backend).await.configured(|s| s.with_outbound(client(false, &[])));
        let editor = app.user("editor@example.org", Role::Editor).await;
        let viewer = app.user("viewer@example.org", Role::Viewer).await;
        let mut ids = Vec::new();
        for (slug, path, company) in [
            ("openai-news", "rss.xml", Some("openai")),
            ("anthropic-news", "atom.xml", Some("anthropic")),
            ("google-ai", "feed.json", Some("google")),
            ("deepseek-news", "zh.xml", Some("deepseek")),
            ("moonshot-gbk", "gbk.xml", Some("moonshot")),
            ("aggregator", "echo.xml", None),
        ] {
            ids.push(create_source(&app, &editor, slug, &format!("http://{addr}/feeds/{path}"), company).await);
        }
        let id_refs: Vec<&str> = ids.iter().map(String::as_str).collect();
        let results = fetch(&app, &editor, &id_refs).await;
        let new: Vec<i64> = results.as_array().unwrap().iter().map(|r| r["newItems"].as_i64().unwrap()).collect();
        // RSS 3, Atom 1, JSON Feed 1, Chinese 2, GBK 1; the aggregator's copy of the GPT-4o
        // post has the same link (fragment aside) and is not stored again; its other copy is.
        assert_eq!(new, [3, 1, 1, 2, 1, 1], "{results}");
        let inbox = app.data_as(Some(&viewer), INBOX, json!({ "statuses": null })).await;
        let nodes = inbox["inbox"]["nodes"].as_array().unwrap();
        let find = |title: &str| nodes.iter().find(|n| n["title"] == title).unwrap_or_else(|| panic!("no {title}: {inbox}"));
        assert_eq!(pluck(&find("Kimi 推出深度思考模式")["matchedProducts"], "slug"), ["kimi"], "GBK read right");
        let r1 = find("深度求索发布 DeepSeek-R1 推理模型");
        assert_eq!(pluck(&r1["matchedModels"], "slug"), ["deepseek-r1"]);
        assert_eq!(find("DeepSeek API 降价：DeepSeek-V3 夜间优惠")["suggestedType"], "PRICE_CHANGE");
        assert_eq!(pluck(&find("Gemini 1.5 Pro gets a 2M token context window")["matchedModels"], "slug"), ["gemini-1.5-pro"]);
        let copy = find("Introducing GPT-4o: our new flagship model!");
        assert!(copy["duplicateOf"]["id"].is_string(), "a near-identical title is marked: {copy}");
    }
}

both! {
    async fn the_digest_lists_untriaged_items_apart_and_metrics_count_fetches(backend) {
        use axum::{body::Body, http::{Request, header}};
        let addr = server::start().await;
        let metrics = std::sync::Arc::new(aigc_landscape::metrics::Metrics::default());
        let app = TestApp::seeded(backend).await.configured(|s| s.with_outbound(client(false, &[])).with_metrics(metrics));
        let editor = app.user("editor@example.org", Role::Editor).await;
        let id = create_source(&app, &editor, "openai-news", &format!("http://{addr}/feeds/rss.xml"), Some("openai")).await;
        let bad = create_source(&app, &editor, "broken", &format!("http://{addr}/feeds/error.xml"), None).await;
        fetch(&app, &editor, &[&id, &bad]).await;

        // The week of yesterday's post: both untriaged posts of the last days may straddle a
        // Monday, so ask for the week of the newest one.
        let yesterday = aigc_landscape::clock::today() - chrono::Duration::days(1);
        let monday = {
            use chrono::Datelike;
            yesterday - chrono::Duration::days(yesterday.weekday().num_days_from_monday() as i64)
        };
        let get = |token: Option<String>| {
            let mut request = Request::get(format!("/reports/digest.md?from={monday}&to={}", monday + chrono::Duration::days(7)));
            if let Some(token) = token {
                request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
            }
            request.body(Body::empty()).unwrap()
        };
        let (_, _, team) = app.send(get(Some(editor.clone()))).await;
        let team = String::from_utf8(team).unwrap();
        assert!(team.contains("In the inbox, not yet checked (unverified)"), "{team}");
        assert!(team.contains("Introducing GPT-4o: our new flagship model"), "{team}");
        let (_, _, public) = app.send(get(None)).await;
        assert!(!String::from_utf8(public).unwrap().contains("not yet checked"), "the inbox is team-only");

        let (_, _, text) = app.send(Request::get("/metrics").body(Body::empty()).unwrap()).await;
        let text = String::from_utf8(text).unwrap();
        assert!(text.contains("aigc_source_fetches_total{outcome=\"ok\"} 1"), "{text}");
        assert!(text.contains("aigc_source_fetches_total{outcome=\"error\"} 1"), "{text}");
        assert!(text.contains("aigc_inbox_items_total{status=\"NEW\"} 2"), "{text}");
        assert!(text.contains("aigc_inbox_items_total{status=\"DISMISSED\"} 1"), "{text}");
    }

    async fn one_replica_holds_the_intake_lease(backend) {
        use aigc_landscape::intake::lease;
        let app = TestApp::empty(backend).await;
        let ttl = chrono::Duration::minutes(5);
        assert!(lease::acquire(&app.db, "intake", "replica-a", ttl).await.unwrap());
        assert!(!lease::acquire(&app.db, "intake", "replica-b", ttl).await.unwrap(), "held by a");
        assert!(lease::acquire(&app.db, "intake", "replica-a", ttl).await.unwrap(), "a renews");
        lease::release(&app.db, "intake", "replica-a").await.unwrap();
        assert!(lease::acquire(&app.db, "intake", "replica-b", ttl).await.unwrap(), "b takes it once given back");
        // An expired lease (its holder died) is taken over.
        assert!(lease::acquire(&app.db, "other", "replica-a", chrono::Duration::seconds(-1)).await.unwrap());
        assert!(lease::acquire(&app.db, "other", "replica-b", ttl).await.unwrap());
    }
}
