//! Bad feeds and hostile addresses: each gives its source a clear `lastError` and leaves
//! every other source and every stored item as it was.

use aigc_landscape::intake::{Intake, fetch_sources};
use entities::Role;
use entities::{inbox_item, source};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::json;

use super::{client, create_source, fetch, server};
use crate::harness::TestApp;

both! {
    async fn every_bad_feed_fails_alone(backend) {
        let addr = server::start().await;
        let app = TestApp::seeded(backend).await.configured(|s| s.with_outbound(client(false, &[])));
        let editor = app.user("editor@example.org", Role::Editor).await;
        let good = create_source(&app, &editor, "good", &format!("http://{addr}/feeds/rss.xml"), None).await;
        assert_eq!(fetch(&app, &editor, &[&good]).await[0]["newItems"], 3);

        let cases = [
            ("malformed", "malformed.xml", "not a valid RSS, Atom or JSON feed"),
            ("html-page", "page.html", "the page is HTML, not a feed"),
            ("too-big", "big.xml", "larger than 262144 bytes"),
            ("gzip-bomb", "bomb.xml", "larger than 262144 bytes"),
            ("never-answers", "hang.xml", "timed out after 2 s"),
            ("redirect-loop", "loop.xml", "redirect loop"),
            ("server-error", "error.xml", "HTTP 500"),
        ];
        let mut ids = vec![good.clone()];
        for (slug, path, _) in &cases {
            ids.push(create_source(&app, &editor, slug, &format!("http://{addr}/feeds/{path}"), None).await);
        }
        let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
        let results = fetch(&app, &editor, &refs).await;
        let results = results.as_array().unwrap();
        assert_eq!(results.len(), cases.len() + 1);
        for r in results {
            let slug = r["source"]["slug"].as_str().unwrap();
            if slug == "good" {
                assert_eq!(r["error"], json!(null), "{r}");
                assert_eq!(r["source"]["itemCount"], 3);
                continue;
            }
            let (_, _, expected) = cases.iter().find(|c| c.0 == slug).unwrap();
            let error = r["error"].as_str().unwrap_or_else(|| panic!("{slug} should fail: {r}"));
            assert!(error.contains(expected), "{slug}: `{error}` should say `{expected}`");
            assert_eq!(r["source"]["lastError"], error);
            assert_eq!(r["newItems"], 0);
        }
        // The items stored before are all still there.
        assert_eq!(inbox_item::Entity::find().count(&app.db).await.unwrap(), 3);

        // A failing source backs off: the background round skips it until it is due.
        let failed = source::Entity::find().filter(source::Column::Slug.eq("server-error")).one(&app.db).await.unwrap().unwrap();
        assert_eq!(failed.failure_count, 1);
        assert!(failed.next_fetch_after.unwrap() > chrono::Utc::now());
        let intake = Intake { client: client(false, &[]), metrics: None };
        let due = fetch_sources(&app.db, &intake, None, true).await.unwrap();
        assert!(due.iter().all(|o| o.source_id != failed.id), "a backing-off source is not due");
    }

    async fn messy_entries_are_cleaned_and_conditional_gets_are_used(backend) {
        let addr = server::start().await;
        let app = TestApp::seeded(backend).await.configured(|s| s.with_outbound(client(false, &[])));
        let editor = app.user("editor@example.org", Role::Editor).await;
        let messy = create_source(&app, &editor, "messy", &format!("http://{addr}/feeds/messy.xml"), None).await;
        let results = fetch(&app, &editor, &[&messy]).await;
        // Five entries with something to show (one of them twice under one id); the empty one
        // is skipped.
        assert_eq!(results[0]["newItems"], 4, "{results}");
        let items = inbox_item::Entity::find().all(&app.db).await.unwrap();
        let scripted = items.iter().find(|i| i.item_key == "m-1").unwrap();
        assert_eq!(scripted.title, "Kling AI goes global", "markup and scripts reduced to text");
        assert_eq!(scripted.link, None, "a javascript: link is dropped");
        let undated = items.iter().find(|i| i.item_key == "m-3").unwrap();
        assert_eq!(undated.status, entities::InboxStatus::Dismissed, "undated on a first fetch");
        assert!(items.iter().all(|i| !i.title.contains('<')));

        let conditional = create_source(&app, &editor, "conditional", &format!("http://{addr}/feeds/etag.xml"), None).await;
        assert_eq!(fetch(&app, &editor, &[&conditional]).await[0]["newItems"], 2);
        let again = fetch(&app, &editor, &[&conditional]).await;
        assert_eq!(again[0]["newItems"], 0);
        assert_eq!(again[0]["error"], json!(null), "304 Not Modified is a success");
        let row = source::Entity::find().filter(source::Column::Slug.eq("conditional")).one(&app.db).await.unwrap().unwrap();
        assert_eq!(row.etag.as_deref(), Some("\"v1\""));
    }

    async fn the_guard_refuses_private_addresses(backend) {
        let addr = server::start().await;
        let port = addr.port();
        // The guard on, with `localhost` let through as a self-hosted bridge would be.
        let app = TestApp::seeded(backend).await.configured(|s| s.with_outbound(client(true, &["localhost"])));
        let editor = app.user("editor@example.org", Role::Editor).await;
        let bridge = create_source(&app, &editor, "bridge", &format!("http://localhost:{port}/feeds/rss.xml"), None).await;
        let literal = create_source(&app, &editor, "literal", &format!("http://127.0.0.1:{port}/feeds/rss.xml"), None).await;
        let redirect = create_source(&app, &editor, "redirect", &format!("http://localhost:{port}/to-loopback"), None).await;
        let mapped = create_source(&app, &editor, "mapped", &format!("http://[::ffff:127.0.0.1]:{port}/feeds/rss.xml"), None).await;
        let results = fetch(&app, &editor, &[&bridge, &literal, &redirect, &mapped]).await;
        for r in results.as_array().unwrap() {
            let slug = r["source"]["slug"].as_str().unwrap();
            if slug == "bridge" {
                assert_eq!(r["error"], json!(null), "{r}");
                assert_eq!(r["newItems"], 3);
            } else {
                let error = r["error"].as_str().unwrap_or_else(|| panic!("{slug} must be refused: {r}"));
                assert!(error.contains("refused") && error.contains("FETCH_ALLOW_PRIVATE"), "{slug}: {error}");
            }
        }
        assert_eq!(inbox_item::Entity::find().count(&app.db).await.unwrap(), 3, "nothing read past the guard");

        // Not a web address at all: refused before it is stored.
        let made = app
            .data_as(
                Some(&editor),
                "mutation($input: SourceInput!) { createSource(input: $input) { source { id } userErrors { field code } } }",
                json!({ "input": { "slug": "local-file", "name": "x", "feedUrl": "file:///etc/passwd" } }),
            )
            .await;
        assert_eq!(made["createSource"]["userErrors"], json!([{ "field": ["input", "feedUrl"], "code": "INVALID" }]));
    }

    async fn a_fetch_stopped_half_way_writes_nothing(backend) {
        let addr = server::start().await;
        let app = TestApp::seeded(backend).await;
        let editor = app.user("editor@example.org", Role::Editor).await;
        create_source(&app, &editor, "drip", &format!("http://{addr}/feeds/drip.xml"), None).await;
        let before = source::Entity::find().one(&app.db).await.unwrap().unwrap();
        let db = app.db.clone();
        let task = tokio::spawn(async move {
            let intake = Intake { client: client(false, &[]), metrics: None };
            fetch_sources(&db, &intake, None, false).await
        });
        tokio::time::sleep(std::time::Duration::from_millis(700)).await;
        task.abort();
        assert!(task.await.unwrap_err().is_cancelled());
        let after = source::Entity::find().one(&app.db).await.unwrap().unwrap();
        assert_eq!(after, before, "the source is as it was before that fetch");
        assert_eq!(inbox_item::Entity::find().count(&app.db).await.unwrap(), 0);
    }
}
