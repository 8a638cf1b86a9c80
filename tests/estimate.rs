//! estimateCost: a month of a workload on each candidate, cheapest first.

use entities::Role;
use serde_json::{Value, json};

use crate::harness::{TestApp, code};

const ESTIMATE: &str = r#"query($filter: CandidateFilter, $time: String) {
  estimateCost(filter: $filter, currency: "CNY", asOf: "2025-03-01",
    workload: { requestsPerMonth: 2000000, inputTokens: 1500, outputTokens: 300, cachedShare: "0.5", timeOfDay: $time }) {
    offering { apiModelId } monthlyCost { amount currency } costPerRequest { amount } prices { dimension } notes } }"#;

fn summary(data: &Value) -> Vec<(String, String)> {
    data["estimateCost"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["offering"]["apiModelId"].as_str().unwrap().to_owned(),
                e["monthlyCost"]["amount"]
                    .as_str()
                    .unwrap_or("-")
                    .to_owned(),
            )
        })
        .collect()
}

both! {
    async fn a_workload_costs_per_month_ranked(backend) {
        let app = TestApp::seeded(backend).await;
        let editor = app.user("e@example.org", Role::Editor).await;
        app.data_as(Some(&editor), r#"mutation { createExchangeRate(input: { base: "USD", quote: "CNY", rate: "7.28", onDate: "2025-02-28" }) { userErrors { code } } }"#, json!({})).await;

        let all = app.data(&ESTIMATE.replace("prices {", "pricesUsed {"), json!({ "filter": { "tasks": ["chat"] } })).await;
        assert_eq!(
            summary(&all),
            [
                ("gpt-4o-mini".into(), "5896.8".into()),
                ("deepseek-chat".into(), "8550".into()),
                ("deepseek-reasoner".into(), "17100".into()),
                ("gpt-4o".into(), "98280".into()),
                ("claude-3-5-sonnet-20240620".into(), "131040".into()),
            ]
        );
        let gpt = all["estimateCost"].as_array().unwrap().iter().find(|e| e["offering"]["apiModelId"] == "gpt-4o").unwrap();
        assert!(gpt["notes"].as_array().unwrap().iter().any(|n| n.as_str().unwrap().contains("cached tokens are charged as input")));

        // A shortlist of models.
        let shortlist = app.data(&ESTIMATE.replace("prices {", "pricesUsed {"), json!({ "filter": { "models": ["gpt-4o", "deepseek-r1"] } })).await;
        assert_eq!(summary(&shortlist), [("deepseek-reasoner".into(), "17100".into()), ("gpt-4o".into(), "98280".into())]);

        // At 01:00 Beijing time DeepSeek's off-peak prices apply and it becomes the cheapest.
        let night = app.data(&ESTIMATE.replace("prices {", "pricesUsed {"), json!({ "filter": { "mainlandReachable": true }, "time": "01:00" })).await;
        assert_eq!(summary(&night), [("deepseek-chat".into(), "4275".into()), ("deepseek-reasoner".into(), "17100".into())]);

        // 2 candidates or 5: the same number of statements (new requests: a repeated one is
        // answered from the response cache).
        let before = app.statements();
        app.data(&ESTIMATE.replace("prices {", "pricesUsed {"), json!({ "filter": { "mainlandReachable": true }, "time": "12:00" })).await;
        let few = app.statements() - before;
        let before = app.statements();
        app.data(&ESTIMATE.replace("prices {", "pricesUsed {"), json!({ "filter": { "tasks": ["chat"] }, "time": "12:00" })).await;
        assert_eq!(app.statements() - before, few, "statements for 2 candidates and for 5");

        let error = app
            .error(r#"{ estimateCost(currency: "CNY", workload: { requestsPerMonth: 1, inputTokens: 1, outputTokens: 1, cachedShare: "1.5" }) { notes } }"#, json!({}))
            .await;
        assert_eq!(code(&error), "BAD_USER_INPUT");
    }
}
