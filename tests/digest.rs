//! The weekly digest: watched vendors first, backfilled events apart, the team's notes
//! team-only until published, and the Markdown and HTML reports.

use axum::{
    body::Body,
    http::{Request, StatusCode, header},
};
use entities::Role;
use serde_json::json;

use aigc_landscape::service::analytics::digest;

use crate::harness::TestApp;

fn day(s: &str) -> chrono::NaiveDate {
    s.parse().unwrap()
}

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

    async fn every_page_is_the_full_ranking_of_the_week(backend) {
        // A busy week: 45 events over its 7 days at all five importances, with ties of day
        // and importance, some naming one of the two watched vendors, one deleted, and events
        // on the days either side. Each page is compared with the whole week sorted here.
        let mut files = Vec::new();
        for c in 0..4 {
            files.push((format!("companies/v{c}.yaml"), format!("company:\n  slug: v{c}\n  name: Vendor {c}\n  kind: STARTUP\n  country: CN\n")));
        }
        let mut events = String::from("slug,occurred_on,type,title,importance,companies,source_urls\n");
        for n in 0..45 {
            events.push_str(&format!("e{n:02},2025-03-{:02},CORPORATE,Event {n},{},v{},https://example.com/{n}\n", 3 + n % 7, 1 + (n * 7) % 5, n % 4));
        }
        events.push_str("before,2025-03-02,CORPORATE,Before,5,v0,https://example.com/b\nafter,2025-03-10,CORPORATE,After,5,v0,https://example.com/a\n");
        files.push(("events.csv".to_owned(), events));
        let app = TestApp::with(backend, &seeds::Dataset::parse(files).unwrap_or_else(|p| panic!("{p}"))).await;
        use entities::{company, event, event_company};
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
        company::Entity::update_many().col_expr(company::Column::Watched, Expr::value(true)).filter(company::Column::Slug.is_in(["v1", "v3"])).exec(&app.db).await.unwrap();
        event::Entity::update_many().col_expr(event::Column::DeletedAt, Expr::value(chrono::Utc::now())).filter(event::Column::Slug.eq("e10")).exec(&app.db).await.unwrap();

        let companies: std::collections::HashMap<i64, bool> = company::Entity::find().all(&app.db).await.unwrap().into_iter().map(|c| (c.id, c.watched)).collect();
        let links = event_company::Entity::find().all(&app.db).await.unwrap();
        let mut week: Vec<(bool, i32, chrono::NaiveDate, i64, String)> = event::Entity::find().all(&app.db).await.unwrap().into_iter()
            .filter(|e| e.deleted_at.is_none() && e.occurred_on >= day("2025-03-03") && e.occurred_on < day("2025-03-10"))
            .map(|e| (links.iter().any(|l| l.event_id == e.id && companies[&l.company_id]), e.importance, e.occurred_on, e.id, e.slug))
            .collect();
        week.sort_by_key(|w| std::cmp::Reverse((w.0, w.1, w.2, w.3)));
        let expected: Vec<(String, bool)> = week.into_iter().map(|w| (w.4, w.0)).collect();
        assert_eq!(expected.len(), 44);
        assert!(expected[..22].iter().all(|(_, watched)| *watched) && !expected[22].1, "{expected:?}");

        let window = (day("2025-03-03"), day("2025-03-10"));
        let slugs = |page: Vec<(event::Model, bool)>| page.into_iter().map(|(e, w)| (e.slug, w)).collect::<Vec<_>>();
        assert_eq!(slugs(digest::events(&app.db, window, 100, 0).await.unwrap()), expected);
        for offset in 0..46 {
            let page = slugs(digest::events(&app.db, window, 4, offset).await.unwrap());
            let want: Vec<_> = expected.iter().skip(offset as usize).take(4).cloned().collect();
            assert_eq!(page, want, "offset {offset}");
        }
        assert_eq!(digest::event_count(&app.db, window).await.unwrap(), 44);
    }
}
