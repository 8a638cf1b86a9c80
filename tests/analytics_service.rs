//! The analytics are functions of the database: comparing models, estimating a workload, a
//! price series, the digest, the chart counts and search give, called directly with no HTTP
//! and no GraphQL, the figures the API answers with.

use aigc_landscape::service::analytics::{
    buckets::BucketSize, compare, digest, estimate, search, series, stats,
};
use chrono::NaiveDate;
use entities::{Direction, Role};
use serde_json::json;

use crate::harness::TestApp;

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

both! {
    async fn comparing_and_estimating_without_http(backend) {
        let app = TestApp::seeded(backend).await;
        let editor = app.user("e@example.org", Role::Editor).await;
        app.data_as(Some(&editor), r#"mutation { createExchangeRate(input: { base: "USD", quote: "CNY", rate: "7.28", onDate: "2025-02-28" }) { userErrors { code } } }"#, json!({})).await;

        let slugs = ["gpt-4o".to_owned(), "gemini-1.5-pro".to_owned()];
        let rows = compare::compare_models(&app.db, &slugs, "cny", day("2025-03-01"), compare::Blend::default()).await.unwrap();
        assert_eq!(rows.iter().map(|r| r.model.slug.as_str()).collect::<Vec<_>>(), ["gpt-4o", "gemini-1.5-pro"]);
        let cheapest = rows[0].cheapest_blended_per_million.as_ref().unwrap();
        assert_eq!((cheapest.amount.to_string().as_str(), cheapest.currency.as_str()), ("31.85", "CNY"));
        assert_eq!(rows[0].offerings[0].input_per_million.as_ref().unwrap().amount.to_string(), "18.2");
        assert!(!rows[1].priced);
        assert_eq!(rows[1].note.as_deref(), Some("no price in effect on 2025-03-01"));
        // A refusal is the API's own error, with its words.
        let error = compare::compare_models(&app.db, &slugs, "CNY", day("2025-03-01"), compare::Blend { input: 0, output: 0 }).await.err().unwrap();
        assert_eq!((error.code(), error.message()), ("BAD_USER_INPUT", "the blend ratio needs a part above 0"));

        let workload = estimate::Workload {
            requests_per_month: 2_000_000,
            input_tokens: 1500,
            output_tokens: 300,
            cached_share: "0.5".parse().unwrap(),
            batch: false,
            time_of_day: Some("01:00".into()),
        };
        let candidates = estimate::Candidates { mainland_reachable: Some(true), ..Default::default() };
        let estimates = estimate::estimate_cost(&app.db, candidates, &workload, "CNY", day("2025-03-01"), 20).await.unwrap();
        let summary: Vec<(String, String)> = estimates
            .iter()
            .map(|e| (e.offering.api_model_id.clone(), e.monthly_cost.as_ref().unwrap().amount.to_string()))
            .collect();
        assert_eq!(summary, [("deepseek-chat".into(), "4275".into()), ("deepseek-reasoner".into(), "17100".into())]);

        // DeepSeek-V3 by month: the promotional price until 9 February 2025, then the list price.
        let slugs = ["deepseek-v3".to_owned()];
        let ask = series::Ask {
            slugs: &slugs,
            company: None,
            from: day("2025-01-15"),
            to: day("2025-04-01"),
            bucket: BucketSize::Month,
            currency: "CNY",
            ratio: compare::Blend::default(),
        };
        let answer = series::price_series(&app.db, ask).await.unwrap();
        let points: Vec<(String, String, String)> = answer[0]
            .points
            .iter()
            .map(|p| (p.start.to_string(), p.day.to_string(), p.blended_per_million.as_ref().unwrap().amount.to_string()))
            .collect();
        assert_eq!(points, [
            ("2025-01-01".into(), "2025-01-15".into(), "1.25".into()),
            ("2025-02-01".into(), "2025-02-01".into(), "1.25".into()),
            ("2025-03-01".into(), "2025-03-01".into(), "3.5".into()),
        ]);
    }

    async fn digest_stats_and_search_without_http(backend) {
        let app = TestApp::seeded(backend).await;

        // The week of 2024-05-13, as the API reads it.
        let week = digest::window(Some(day("2024-05-13")), None, day("2030-01-01")).unwrap();
        assert_eq!(week, (day("2024-05-13"), day("2024-05-20")));
        let events = digest::events(&app.db, week, 100, 0).await.unwrap();
        let api = app.data(r#"{ digest(from: "2024-05-13") { eventCount events { watched event { slug } } newModels { slug } } }"#, json!({})).await;
        let slugs: Vec<serde_json::Value> = events.iter().map(|(e, watched)| json!({ "watched": watched, "event": { "slug": e.slug } })).collect();
        assert_eq!(json!(slugs), api["digest"]["events"]);
        assert_eq!(json!(digest::event_count(&app.db, week).await.unwrap()), api["digest"]["eventCount"]);
        let models: Vec<String> = digest::new_models(&app.db, week).await.unwrap().into_iter().map(|m| m.slug).collect();
        assert_eq!(models, ["gpt-4o"]);
        // Left out, the window is the week holding today; a window of more than a year is refused.
        assert_eq!(digest::window(None, None, day("2024-05-16")).unwrap(), week);
        let error = digest::window(Some(day("2024-01-01")), Some(day("2025-06-01")), day("2030-01-01")).unwrap_err();
        assert_eq!(error.message(), "a digest covers 1 to 366 days: `to` must be after `from`");
        // The inbox stays out of sight of a caller who may not see it, whatever it holds.
        assert!(digest::untriaged(&app.db, week, 20, false).await.unwrap().is_empty());
        assert_eq!(digest::untriaged(&app.db, week, 101, true).await.unwrap_err().code(), "BAD_USER_INPUT");

        // Chart counts.
        let countries: Vec<(String, i64)> = stats::companies_by_country(&app.db).await.unwrap().into_iter().map(|c| (c.key, c.count)).collect();
        assert_eq!(countries, [("CN".into(), 10), ("US".into(), 6)]);
        let out = stats::models_by_media_type(&app.db, Direction::Output).await.unwrap();
        assert!(out.iter().any(|c| c.key == "music" && c.count == 0), "empty media types are listed");
        let months = stats::releases(&app.db, day("2024-05-01"), day("2024-08-01"), BucketSize::Month).await.unwrap();
        let api = app.data(r#"{ stats { releases(from: "2024-05-01", to: "2024-08-01", bucket: MONTH) { start count } } }"#, json!({})).await;
        let months: Vec<serde_json::Value> = months.iter().map(|(start, count)| json!({ "start": start.to_string(), "count": count })).collect();
        assert_eq!(json!(months), api["stats"]["releases"]);

        // Search, ranked as the API ranks it, with the total beside the page.
        let found = search::search(&app.db, "QWEN", 0, 20).await.unwrap();
        let hits: Vec<String> = found.page.iter().map(|(_, hit)| match hit {
            search::Hit::Company(r) => format!("Company:{}", r.slug),
            search::Hit::Model(r) => format!("Model:{}", r.slug),
            search::Hit::Product(r) => format!("Product:{}", r.slug),
            search::Hit::Event(r) => format!("Event:{}", r.slug),
        }).collect();
        assert_eq!(hits, ["Product:tongyi", "Model:qwen-long"]);
        assert_eq!(found.total, 2);
        let error = search::search(&app.db, "x", 0, 20).await.err().unwrap();
        assert_eq!((error.code(), error.message()), ("BAD_USER_INPUT", "search for at least 2 characters"));
    }
}
