//! The analytics are functions of the database: comparing models, estimating a workload and
//! a price series give, called directly with no HTTP and no GraphQL, the figures the API
//! answers with.

use aigc_landscape::service::analytics::{buckets::BucketSize, compare, estimate, series};
use chrono::NaiveDate;
use entities::Role;
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
}
