//! Converting money at dated exchange rates: direct, inverted, through USD; a rate older
//! than 7 days flagged `stale` (and refused with `maxRateAgeDays`); a clear error when no
//! rate exists on or before the day.

use entities::Role;
use serde_json::json;

use crate::harness::{TestApp, code};

async fn with_rates(app: &TestApp) {
    let editor = app.user("rates@example.org", Role::Editor).await;
    for (base, quote, rate, on) in [
        ("USD", "CNY", "7.1", "2024-05-01"),
        ("USD", "CNY", "7.2", "2024-05-20"),
        ("EUR", "USD", "1.08", "2024-05-20"),
    ] {
        let made = app
            .data_as(
                Some(&editor),
                "mutation($input: ExchangeRateInput!) { createExchangeRate(input: $input) { userErrors { field code } } }",
                json!({ "input": { "base": base, "quote": quote, "rate": rate, "onDate": on } }),
            )
            .await;
        assert!(
            made["createExchangeRate"]["userErrors"]
                .as_array()
                .unwrap()
                .is_empty(),
            "{made}"
        );
    }
}

const GPT4O_INPUT: &str = r#"query($currency: String!, $on: Date) {
  prices(filter: { models: ["gpt-4o"], dimensions: [INPUT_TOKENS], asOf: "2024-06-01" }) {
    nodes { amount { amount currency converted(currency: $currency, on: $on) { amount currency } } } } }"#;

both! {
    async fn amounts_convert_at_the_rate_of_the_day(backend) {
        let app = TestApp::seeded(backend).await;
        with_rates(&app).await;
        // $5 per 1M tokens on 2024-05-21: the 2024-05-20 rate, 7.2.
        let data = app.data(GPT4O_INPUT, json!({ "currency": "cny", "on": "2024-05-21" })).await;
        assert_eq!(data["prices"]["nodes"][0]["amount"]["converted"], json!({ "amount": "36", "currency": "CNY" }));
        // On 2024-05-03 the 2024-05-01 rate applies.
        let data = app.data(GPT4O_INPUT, json!({ "currency": "CNY", "on": "2024-05-03" })).await;
        assert_eq!(data["prices"]["nodes"][0]["amount"]["converted"]["amount"], "35.5");
        // Through USD, inverted: $5 in EUR is 5 / 1.08, rounded half-even to 8 places.
        let data = app.data(GPT4O_INPUT, json!({ "currency": "EUR", "on": "2024-05-22" })).await;
        assert_eq!(data["prices"]["nodes"][0]["amount"]["converted"]["amount"], "4.62962963");
    }

    async fn a_stale_rate_is_flagged_and_a_missing_one_is_a_clear_error(backend) {
        let app = TestApp::seeded(backend).await;
        with_rates(&app).await;
        // The price's own day (2024-05-13) is 12 days after the latest rate before it: the
        // amount still comes, at that rate, flagged stale with the rate's day.
        let stale = r#"query($on: Date, $max: Int) {
          prices(filter: { models: ["gpt-4o"], dimensions: [INPUT_TOKENS], asOf: "2024-06-01" }) {
            nodes { amount { rateDate stale converted(currency: "CNY", on: $on, maxRateAgeDays: $max) { amount rateDate stale } } } } }"#;
        let data = app.data(stale, json!({ "on": null, "max": null })).await;
        let amount = &data["prices"]["nodes"][0]["amount"];
        assert_eq!(amount["rateDate"], json!(null), "an amount as published used no rate");
        assert_eq!(amount["stale"], false);
        assert_eq!(amount["converted"], json!({ "amount": "35.5", "rateDate": "2024-05-01", "stale": true }));
        let fresh = app.data(stale, json!({ "on": "2024-05-21", "max": 7 })).await;
        assert_eq!(fresh["prices"]["nodes"][0]["amount"]["converted"]["stale"], false);
        // A strict client refuses rates older than it accepts.
        let error = app.error(stale, json!({ "on": null, "max": 7 })).await;
        assert_eq!(code(&error), "NO_EXCHANGE_RATE", "{error}");
        let message = error["message"].as_str().unwrap();
        assert!(message.contains("2024-05-01") && message.contains("maxRateAgeDays"), "{message}");
        // No rate at all on or before the day.
        let error = app.error(GPT4O_INPUT, json!({ "currency": "CNY", "on": "2024-04-30" })).await;
        assert_eq!(code(&error), "NO_EXCHANGE_RATE", "{error}");
        let message = error["message"].as_str().unwrap();
        assert!(message.contains("USD/CNY") && message.contains("2024-04-30"), "{message}");
        let error = app.error(GPT4O_INPUT, json!({ "currency": "RMB", "on": "2024-05-21" })).await;
        assert_eq!(code(&error), "BAD_USER_INPUT", "{error}");
    }

    async fn a_page_of_conversions_reads_the_rates_once(backend) {
        let app = TestApp::seeded(backend).await;
        with_rates(&app).await;
        let before = app.statements();
        let data = app
            .data(
                r#"{ prices(filter: { currencies: ["USD"], asOf: "2024-10-05" }, first: 50) { nodes { amount { converted(currency: "CNY", on: "2024-05-21") { amount } } } } }"#,
                json!({}),
            )
            .await;
        assert!(data["prices"]["nodes"].as_array().unwrap().len() >= 4);
        let rate_reads = app.statements_since(before).iter().filter(|s| s.contains("exchange_rates")).count();
        assert_eq!(rate_reads, 1);
    }
}
