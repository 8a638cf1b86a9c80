//! compareModels: side by side in one currency, per 1M tokens, with a blended price.

use entities::Role;
use serde_json::json;

use crate::harness::{TestApp, code};

const COMPARE: &str = r#"query($slugs: [String!]!, $day: Date) {
  compareModels(slugs: $slugs, currency: "CNY", asOf: $day) {
    model { slug company { name } outputMediaTypes { slug } }
    priced note
    cheapestBlendedPerMillion { amount currency }
    offerings { offering { apiModelId } inputPerMillion { amount } outputPerMillion { amount } cachedInputPerMillion { amount } blendedPerMillion { amount } prices { dimension } }
  } }"#;

both! {
    async fn models_side_by_side_in_one_currency(backend) {
        let app = TestApp::seeded(backend).await;
        let editor = app.user("e@example.org", Role::Editor).await;
        app.data_as(Some(&editor), r#"mutation { createExchangeRate(input: { base: "USD", quote: "CNY", rate: "7.28", onDate: "2025-02-28" }) { userErrors { code } } }"#, json!({})).await;
        let data = app.data(COMPARE, json!({ "slugs": ["gpt-4o", "deepseek-v3", "gemini-1.5-pro"], "day": "2025-03-01" })).await;
        let rows = data["compareModels"].as_array().unwrap();
        assert_eq!(rows.len(), 3, "one row per model, in the order asked");

        let gpt = &rows[0];
        assert_eq!(gpt["model"]["slug"], "gpt-4o");
        assert_eq!(gpt["offerings"][0]["inputPerMillion"]["amount"], "18.2");
        assert_eq!(gpt["offerings"][0]["outputPerMillion"]["amount"], "72.8");
        assert_eq!(gpt["cheapestBlendedPerMillion"], json!({ "amount": "31.85", "currency": "CNY" }));

        let v3 = &rows[1];
        let offering = &v3["offerings"][0];
        assert_eq!(offering["inputPerMillion"]["amount"], "2");
        assert_eq!(offering["cachedInputPerMillion"]["amount"], "0.5");
        assert_eq!(offering["blendedPerMillion"]["amount"], "3.5");
        assert_eq!(offering["prices"].as_array().unwrap().len(), 6, "off-peak rows listed beside the headline ones");

        let gemini = &rows[2];
        assert_eq!(gemini["priced"], false);
        assert_eq!(gemini["note"], "no price in effect on 2025-03-01");

        // The number of statements does not grow with the models compared.
        let before = app.statements();
        app.data(COMPARE, json!({ "slugs": ["gpt-4o"], "day": "2025-03-01" })).await;
        let one = app.statements() - before;
        let before = app.statements();
        app.data(COMPARE, json!({ "slugs": ["gpt-4o", "gpt-4o-mini", "deepseek-v3", "deepseek-r1"], "day": "2025-03-01" })).await;
        assert_eq!(app.statements() - before, one, "statements for 1 model and for 4");

        let error = app.error(COMPARE, json!({ "slugs": ["gpt-4o", "no-such-model"], "day": "2025-03-01" })).await;
        assert_eq!(code(&error), "BAD_USER_INPUT");
        assert!(error["message"].as_str().unwrap().contains("no-such-model"));
        // Without a rate for the day, the row cannot be converted: a clear error.
        let error = app.error(COMPARE, json!({ "slugs": ["gpt-4o"], "day": "2024-06-01" })).await;
        assert_eq!(code(&error), "NO_EXCHANGE_RATE");
    }
}

const SERIES: &str = r#"query($slugs: [String!], $company: String, $from: Date!, $to: Date!, $bucket: BucketSize, $currency: String!) {
  priceSeries(slugs: $slugs, company: $company, from: $from, to: $to, bucket: $bucket, currency: $currency) {
    model { slug }
    points { start day offering { apiModelId } inputPerMillion { amount currency } outputPerMillion { amount } blendedPerMillion { amount currency } }
  } }"#;

both! {
    async fn a_price_series_follows_cuts_bucket_by_bucket(backend) {
        let app = TestApp::seeded(backend).await;
        // DeepSeek-V3 in CNY by month: the promotional price until 9 February 2025, then the list price.
        let data = app.data(SERIES, json!({ "slugs": ["deepseek-v3"], "from": "2025-01-15", "to": "2025-04-01", "bucket": "MONTH", "currency": "CNY" })).await;
        let points = data["priceSeries"][0]["points"].as_array().unwrap();
        let starts: Vec<&str> = points.iter().map(|p| p["start"].as_str().unwrap()).collect();
        assert_eq!(starts, ["2025-01-01", "2025-02-01", "2025-03-01"]);
        assert_eq!(points[0]["day"], "2025-01-15", "a bucket starting before `from` is priced on `from`");
        let blended: Vec<&str> = points.iter().map(|p| p["blendedPerMillion"]["amount"].as_str().unwrap()).collect();
        assert_eq!(blended, ["1.25", "1.25", "3.5"]);
        assert_eq!(points[2]["outputPerMillion"]["amount"], "8", "the off-peak rows are not the headline");

        // GPT-4o by week across the October 2024 cut, in CNY at the recorded rate; before
        // its first price, an empty point.
        let editor = app.user("e@example.org", Role::Editor).await;
        for day in ["2024-09-23", "2024-10-04"] {
            app.data_as(Some(&editor), r#"mutation($day: Date!) { createExchangeRate(input: { base: "USD", quote: "CNY", rate: "7.1", onDate: $day }) { userErrors { code } } }"#, json!({ "day": day })).await;
        }
        let data = app.data(SERIES, json!({ "company": "openai", "from": "2024-09-23", "to": "2024-10-14", "currency": "cny" })).await;
        let series = data["priceSeries"].as_array().unwrap();
        let gpt = series.iter().find(|s| s["model"]["slug"] == "gpt-4o").expect("the company's models are included");
        let inputs: Vec<&str> = gpt["points"].as_array().unwrap().iter().map(|p| p["inputPerMillion"]["amount"].as_str().unwrap()).collect();
        assert_eq!(inputs, ["35.5", "35.5", "17.75"], "weeks from Monday 23 Sep; the cut of 2 Oct shows from the week of 7 Oct");
        assert_eq!(gpt["points"][0]["inputPerMillion"]["currency"], "CNY");

        let early = app.data(SERIES, json!({ "slugs": ["deepseek-r1"], "from": "2024-12-30", "to": "2025-01-27", "currency": "CNY" })).await;
        let points = early["priceSeries"][0]["points"].as_array().unwrap();
        assert!(points[0]["offering"].is_null() && points[0]["blendedPerMillion"].is_null(), "no price yet: an empty point");
        assert_eq!(points.last().unwrap()["blendedPerMillion"]["amount"], "7");

        // The number of statements does not grow with the models or the buckets.
        let count = |slugs: serde_json::Value, to: &'static str| {
            let app = &app;
            async move {
                let before = app.statements();
                app.data(SERIES, json!({ "slugs": slugs, "from": "2025-01-06", "to": to, "currency": "CNY" })).await;
                app.statements() - before
            }
        };
        let one = count(json!(["deepseek-v3"]), "2025-01-13").await;
        let many = count(json!(["deepseek-v3", "deepseek-r1"]), "2025-06-30").await;
        assert_eq!(one, many, "statements for 1 model × 1 week and 2 models × 25 weeks");

        // The refusals: a missing rate, an unknown model, no model, a reversed range.
        let error = app.error(SERIES, json!({ "slugs": ["gpt-4o"], "from": "2024-06-03", "to": "2024-06-10", "currency": "CNY" })).await;
        assert_eq!(code(&error), "NO_EXCHANGE_RATE");
        assert!(error["message"].as_str().unwrap().contains("USD/CNY"), "{error}");
        let error = app.error(SERIES, json!({ "slugs": ["gpt-4o", "no-such-model"], "from": "2025-01-01", "to": "2025-02-01", "currency": "CNY" })).await;
        assert!(error["message"].as_str().unwrap().contains("no-such-model"));
        let error = app.error(SERIES, json!({ "from": "2025-01-01", "to": "2025-02-01", "currency": "CNY" })).await;
        assert_eq!(code(&error), "BAD_USER_INPUT");
        let error = app.error(SERIES, json!({ "slugs": ["gpt-4o"], "from": "2025-02-01", "to": "2025-01-01", "currency": "CNY" })).await;
        assert_eq!(code(&error), "BAD_USER_INPUT");
    }
}
